"""``suggest``: a YAML patch proposing aliases for the names of a file that did not resolve."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize import has_arabic, normalize
from ..resolve import Resolver
from ..types import Match
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
    refuse_overwrite,
)

if TYPE_CHECKING:
    from .common import Subparsers


def new_id(name: str, taken: Callable[[str], bool]) -> str:
    """A proposed id for a new entity named ``name``: ``new/`` and the name's own words in
    their order ("Aleppo, Syria" -> ``new/aleppo-syria``), lowercase, accents dropped, Arabic
    script transliterated; ``-2``, ``-3`` ... when ``taken(id)``."""
    from ..translit import transliterate

    text = transliterate(name) if has_arabic(name) else name
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")[:80].strip("-") or "name"
    proposed, n = f"new/{slug}", 1
    while taken(proposed):
        n += 1
        proposed = f"new/{slug}-{n}"
    return proposed


@dataclass(slots=True)
class _Proposal:
    """What suggest writes for one name: its candidates (under ``extend:``) and, when the
    name is not already one of theirs, a new entity (under ``entities:``)."""

    name: str
    count: int
    status: str
    candidates: list[Match]
    near_misses: list[tuple[Match, str]]

    def header(self) -> str:
        return f"  ## {_n(self.count, 'row')}, {self.status}: {self.name}"

    def extend_block(self, resolver: Resolver) -> list[str]:
        from ..fmt import yaml_scalar

        alias = yaml_scalar(self.name, flow=True)
        form = normalize(self.name)
        lines = ["", self.header()]
        offers = [(m, f"{m.score:.3f} {m.method}") for m in self.candidates]
        offers += [(m, f"rejected ({why})") for m, why in self.near_misses]
        for match, how in offers:
            entity = resolver.get(match.id)
            # the name may already be one of the entity's names (ambiguous, not missing)
            known = ", already one of its names" if normalize(match.alias) == form else ""
            canonical = entity.name if entity else match.name
            lines += [
                (
                    f"  # - id: {yaml_scalar(match.id)}   # {canonical}: {how}, "
                    f"via {json.dumps(match.alias, ensure_ascii=False)}{known}"
                ),
                f"  #   aliases: [{alias}]",
            ]
        return lines

    def known(self) -> bool:
        """The name is already one of a candidate's names (it is ambiguous, not missing)."""
        form = normalize(self.name)
        return any(normalize(m.alias) == form for m in self.candidates)

    def entity_block(self, new_id: str, etype: str | None) -> list[str]:
        from ..fmt import yaml_scalar

        if self.candidates or self.near_misses:
            header = f"  ## {self.name}: or a new entity, if no block under extend: is it"
            note = "a new entity?"
        else:
            header, note = self.header(), "nothing close: a new entity?"
        return [
            "",
            header,
            f"  # - id: {yaml_scalar(new_id)}   # {note}",
            f"  #   type: {etype}"
            if etype
            else "  #   type: other   # person, organization or place",
            f"  #   name: {yaml_scalar(self.name)}",
        ]


def cmd_suggest(args: argparse.Namespace) -> int:
    """`aliasres suggest`: a commented YAML patch for the names of a file that did not resolve."""
    from ..pandas import Classifier
    from ..tables import is_jsonl

    if args.output and args.output != "-" and is_jsonl(args.output):
        # the patch's blocks are YAML comments to uncomment: as .jsonl no loader reads it
        raise CliError(f"{args.output}: the patch is YAML (blocks to uncomment); "
                       "name it .yaml or .yml")
    kind = _detect_format(args.input, args.format)
    refuse_overwrite(args.output, [args.input, *(args.tables or []), getattr(args, "index", None)])
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
        "# Written by `aliasres suggest`. Under `extend:`, each name with the entities that came",
        "# closest: candidates that scored below the threshold, then entities whose comparison",
        "# the matching rules rejected (with the reason). Under `entities:`, each name as a new",
        "# entity, for when none of those is it. To accept a block, uncomment its lines (remove",
        '# one leading "# "; the "##" lines stay comments) and delete the other blocks of the',
        "# name. Load this file with --tables; `aliasres check FILE` validates it.",
    ]
    found: list[str] = []
    new: list[str] = []
    ids: set[str] = set()

    def taken(entity_id: str) -> bool:
        return entity_id in ids or resolver.get(entity_id) is not None

    for name, count in ranked:
        cands = resolver.candidates(name, limit=args.candidates, type=args.type)
        # the entities that scoring rejected may be the right one, spelt in a way the
        # rules refuse: a curator who is not shown them would create a duplicate
        misses = resolver.near_misses(name, limit=args.candidates - len(cands), type=args.type)
        proposal = _Proposal(name, count, status_of.get(name, "unresolved"), cands, misses)
        if cands or misses:
            found += proposal.extend_block(resolver)
        if not proposal.known():
            entity_id = new_id(name, taken)
            ids.add(entity_id)
            new += proposal.entity_block(entity_id, args.type)
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
        "a YAML patch, all commented out: under extend:, each name's closest entities "
        "(candidates below the threshold, then entities the matching rules rejected, with "
        "the reason); under entities:, the name as a new entity. A curator uncomments the "
        "right block, then `aliasres fmt --drop-comments PATCH` and `aliasres check PATCH`. "
        "The patch cannot be one of the inputs.",
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
