"""``suggest``: a YAML patch proposing aliases for the names of a file that did not resolve."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from typing import TYPE_CHECKING, Any

from ..normalize import normalize
from ..resolve import Resolver
from .common import (
    EXIT_FAIL,
    EXIT_OK,
    CliError,
    _build_resolver,
    _err,
    _n,
    _positive,
    resolver_options,
)
from .files import (
    _detect_format,
    _error_text,
    _make_table,
    _open_input,
    _Progress,
    _row_delay,
    _TopCounter,
    file_options,
)

if TYPE_CHECKING:
    from .common import Subparsers


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", normalize(name)).strip("-")
    return slug or "name"


def _suggest_block(
    name: str, count: int, status: str, candidates: list[Any], resolver: Resolver
) -> list[str]:
    from ..fmt import yaml_scalar

    lines = ["", f"  ## {count:,} row{'s' if count != 1 else ''}, {status}: {name}"]
    alias = yaml_scalar(name, flow=True)
    if not candidates:
        lines += [
            f"  # - id: new/{_slug(name)}   # nothing close: a new entity?",
            "  #   type: other   # person, organization or place",
            f"  #   name: {yaml_scalar(name)}",
        ]
        return lines
    form = normalize(name)
    for match in candidates:
        entity = resolver.get(match.id)
        # the name may already be one of the entity's names (ambiguous, not missing)
        known = ", already one of its names" if normalize(match.alias) == form else ""
        canonical = entity.name if entity else match.name
        lines += [
            (
                f"  # - id: {yaml_scalar(match.id)}   # {canonical}: {match.score:.3f} "
                f"{match.method}, via {json.dumps(match.alias, ensure_ascii=False)}{known}"
            ),
            f"  #   aliases: [{alias}]",
        ]
    return lines


def cmd_suggest(args: argparse.Namespace) -> int:
    from ..pandas import Classifier

    kind = _detect_format(args.input, args.format)
    resolver = _build_resolver(args)
    classify = Classifier(resolver, type=args.type, cache_size=args.cache_size)
    counts = _TopCounter(max(args.limit * 20, 100_000))
    status_of: dict[str, str] = {}
    rows = 0
    delay = _row_delay()
    source = _open_input(args.input, args.encoding)
    progress = _Progress(args.progress, source.size, source.binary)
    try:
        table = _make_table(kind, source.text, args, source.newline)
        table.start(None)
        for record in table.records():
            if delay:
                time.sleep(delay)
            rows += 1
            if record.error is not None:
                if not args.keep_going:
                    raise CliError(
                        _error_text(args, record) + " (use --keep-going to skip it)", EXIT_FAIL
                    )
                continue
            if not isinstance(record.name, str) or not record.name.strip():
                continue
            name = record.name.strip()
            result = classify(name)
            if result.status != "resolved":
                counts.add(name)
                status_of[name] = result.status
            if not rows & 1023:
                progress.update(rows)
    finally:
        progress.close()
        source.text.close()
    ranked = counts.top(args.limit)
    lines = [
        (
            f"# Proposed aliases: the {len(ranked)} most frequent names of {args.input} "
            f"(column {args.column!r}) that did not resolve."
        ),
        "# Written by `aliasres suggest`. Each block is one name, with the entities that came",
        '# closest. To accept a candidate, uncomment its lines (remove one leading "# ") and',
        "# delete the other candidates. Under `extend:` the name becomes an alias of an entity",
        "# that another table defines (the bundled ones included); under `entities:` it is a",
        "# new entity. Load this file with --tables; `aliasres check FILE` validates it.",
    ]
    found: list[str] = []
    new: list[str] = []
    for name, count in ranked:
        cands = resolver.candidates(name, limit=args.candidates, type=args.type)
        block = _suggest_block(name, count, status_of.get(name, "unresolved"), cands, resolver)
        (found if cands else new).extend(block)
    lines += ["extend:", *found, "entities:", *new]
    text = "\n".join(lines) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from ..fmt import write_atomic

        try:
            write_atomic(args.output, text)
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if not args.quiet:
        _err(
            f"aliasres suggest: {_n(rows, 'row')}, {_n(len(counts.counts), 'distinct name')} "
            f"not resolved; {len(ranked)} written" + (f" to {args.output}" if args.output else "")
        )
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``suggest`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "suggest",
        parents=[file_options(True), resolver_options()],
        help="propose aliases for the names of a file that did not resolve",
        description="Rank the unresolved and ambiguous names of a file by frequency and write "
        "a YAML patch: for each name, its closest entities as commented blocks "
        "that a curator uncomments and adds to a table.",
    )
    p.add_argument("-o", "--output", metavar="PATCH", help="the patch file (default: stdout)")
    p.add_argument(
        "--limit",
        type=_positive,
        default=100,
        metavar="N",
        help="how many names (default %(default)s)",
    )
    p.add_argument(
        "--candidates",
        type=_positive,
        default=3,
        metavar="K",
        help="candidates per name (default %(default)s)",
    )
    p.set_defaults(func=cmd_suggest, prefix="x")
