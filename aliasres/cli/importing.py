"""``import``: build an alias table from the UN, OFAC or OpenSanctions lists."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import EXIT_OK, CliError, _err
from .files import refuse_overwrite

if TYPE_CHECKING:
    from .common import Subparsers


def cmd_import(args: argparse.Namespace) -> int:
    """`aliasres import`: write one table from the UN, OFAC or OpenSanctions files."""
    from ..fmt import format_jsonl, format_table, write_atomic
    from ..tables import is_jsonl
    from ..importers import IMPORTERS, ListFormatError

    refuse_overwrite(args.output, args.files)
    try:
        imported = IMPORTERS[args.list](args.files, source=args.source)
    except ListFormatError as exc:
        raise CliError(str(exc)) from None
    if is_jsonl(args.output):  # one entity a line: the fastest table to load
        text = format_jsonl(imported.entities)
    else:
        text = format_table(imported.entities, header=imported.header)
    try:
        write_atomic(args.output, text)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    names = sum(len(e.names()) for e in imported.entities)
    weak = sum(a.weak for e in imported.entities for a in e.aliases)
    lines = [
        (
            f"aliasres import {args.list}: {len(imported.entities):,} entities, "
            f"{names:,} names ({weak:,} weak) -> {args.output}"
        )
    ]
    for what, count in sorted(imported.skipped.items()):
        lines.append(f"  skipped {count:,} {what}")
    _err("\n".join(lines))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``import`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "import",
        help="build a table from the UN, OFAC or OpenSanctions lists",
        description="Build an alias table from the UN Security Council Consolidated List XML "
        "(un), the OFAC SDN CSV files sdn.csv and alt.csv (ofac), or OpenSanctions "
        "FollowTheMoney JSON lines (opensanctions).",
    )
    p.add_argument("list", choices=("un", "ofac", "opensanctions"), help="the list's format")
    p.add_argument("files", nargs="+", metavar="FILE", help="the list's files")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="TABLE",
        help="the table: YAML, or JSON Lines when it ends in .jsonl",
    )
    p.add_argument(
        "--source", help="the sources entry of every entity (default: the list's name and date)"
    )
    p.set_defaults(func=cmd_import)
