"""``build``: compile tables into an index file that loads at once (``--index FILE``)."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from .files import refuse_overwrite
from .common import EXIT_OK, CliError, _err, _margin, _threshold

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_build(args: argparse.Namespace) -> int:
    """`aliasres build`: compile tables into an index file; the exit status."""
    from ..resolve import DEFAULT_MARGIN, DEFAULT_THRESHOLD, Resolver

    refuse_overwrite(args.output, args.tables)  # -o must not be one of the tables
    started = time.monotonic()
    resolver = Resolver.from_yaml(
        *args.tables,
        bundled=not args.no_bundled,
        threshold=DEFAULT_THRESHOLD if args.threshold is None else args.threshold,
        margin=DEFAULT_MARGIN if args.margin is None else args.margin,
    )
    try:
        resolver.build_index(args.output)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    _err(
        f"aliasres build: {len(resolver):,} entities, {len(resolver._index.a_entity):,} names "
        f"-> {args.output} in {time.monotonic() - started:.1f} s"
    )
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``build`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "build",
        help="compile tables into an index file (--index FILE)",
        description="Read and index alias tables (YAML or JSON Lines, files or directories; "
        "with the bundled tables unless --no-bundled) and write the index as one file. "
        "`--index FILE` (resolve, explain, clean, suggest), Resolver.load(FILE) and the Spark "
        "helper's index= map it: no parsing, no indexing, and processes share its memory. "
        "The file is data (strings and integer arrays), never executed; it is refused if "
        "truncated, damaged or built by another version of aliasres.",
    )
    p.add_argument("tables", nargs="+", metavar="TABLE", help="table files or directories")
    p.add_argument("-o", "--output", required=True, metavar="INDEX.ari", help="the index file")
    p.add_argument("--no-bundled", action="store_true", help="leave out the bundled tables")
    p.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        help="the threshold stored as the index's default",
    )
    p.add_argument(
        "--margin", type=_margin, default=None, help="the margin stored as its default"
    )
    p.set_defaults(func=cmd_build)
