"""``fmt``: rewrite alias tables in the canonical layout."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import AliasTableError
from .common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, _err

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_fmt(args: argparse.Namespace) -> int:
    """`aliasres fmt`: rewrite (or with --check, only test) tables in the canonical layout."""
    from ..fmt import format_file
    from ..tables import table_files

    files = table_files(args.paths)
    changed = 0
    errors = 0
    for path in files:
        try:
            result = format_file(path, write=not args.check, drop_comments=args.drop_comments)
        except AliasTableError as exc:
            _err(f"error: {exc}")
            errors += 1
            continue
        except OSError as exc:
            _err(f"error: cannot write {path}: {exc.strerror or exc}")
            errors += 1
            continue
        if result.changed:
            changed += 1
            verb = "would reformat" if args.check else "reformatted"
            note = (
                (
                    f" (comments on lines {', '.join(map(str, result.dropped_comments[:5]))} "
                    "would be dropped)"
                )
                if args.check and result.dropped_comments
                else ""
            )
            print(f"{verb} {path}{note}")
    done = "would be reformatted" if args.check else "reformatted"
    _err(
        f"aliasres fmt: {len(files)} file{'s' if len(files) != 1 else ''}, {changed} {done}"
        + (f", {errors} with errors" if errors else "")
    )
    if errors:
        return EXIT_USAGE
    return EXIT_FAIL if args.check and changed else EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``fmt`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "fmt",
        help="format tables (sorted, de-duplicated)",
        description="Rewrite tables in the canonical layout: entities sorted by id, aliases "
        "de-duplicated by normalized form, stable quoting. The header comment is "
        "kept.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="table files or directories")
    p.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would be reformatted"
    )
    p.add_argument(
        "--drop-comments", action="store_true", help="allow dropping comments below the header"
    )
    p.set_defaults(func=cmd_fmt)
