#!/usr/bin/env python3
"""Coverage of the bundled tables on the real-news corpus (benchmarks/news/, issue 15).

For every hand-annotated mention of ``benchmarks/news/mentions.tsv`` it reports:

* the share of mentions whose entity is not in the tables (gold ``NONE-<type>``), overall
  and per type (person, org, place) and language;
* each mention resolved alone with the bundled tables (``aliasres.resolve``, no document
  context): right id, wrong id, or no id; in particular any id given to a mention of an
  entity that is not in the tables (a wrong id by definition).

    python benchmarks/coverage.py [--corpus benchmarks/news] [--show-missing] [--show-wrong]

Exit status 0; the figures go to stdout (``--json`` for a machine-readable summary).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aliasres

CORPUS = ROOT / "benchmarks" / "news"
TYPES = ("person", "org", "place")


@dataclass(frozen=True, slots=True)
class Mention:
    """One gold mention: ``text[start:end] == surface`` in ``file``."""

    file: str
    start: int
    end: int
    surface: str
    gold: str  # an entity id of the bundled tables, or NONE-person / NONE-org / NONE-place

    @property
    def lang(self) -> str:
        return self.file[:2]

    @property
    def type(self) -> str:
        """person, org or place (an id's prefix, or the NONE-<type> suffix)."""
        if self.gold.startswith("NONE-"):
            return self.gold[5:]
        return self.gold.split("/", 1)[0]

    @property
    def in_tables(self) -> bool:
        return not self.gold.startswith("NONE-")


def read_mentions(path: Path) -> list[Mention]:
    """Read a mentions.tsv (``file start end surface gold``; ``#`` lines are comments).

    Raises ``ValueError`` naming the line for a row that is not five fields or whose offsets
    are not integers, so that a broken annotation never passes silently.
    """
    mentions = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ValueError(f"{path}:{lineno}: expected 5 tab-separated fields, got {len(fields)}")
        file, start, end, surface, gold = fields
        try:
            mentions.append(Mention(file, int(start), int(end), surface, gold))
        except ValueError:
            raise ValueError(f"{path}:{lineno}: start and end must be integers") from None
    return mentions


def read_texts(corpus: Path) -> dict[str, str]:
    """The corpus texts by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((corpus / "texts").glob("*.txt"))}


@dataclass
class Tally:
    """Counts for one slice of the corpus."""

    mentions: int = 0
    missing: int = 0  # gold NONE-*
    right: int = 0  # in the tables, resolved to the gold id
    wrong: int = 0  # in the tables, resolved to another id
    unresolved: int = 0  # in the tables, resolved to None
    none_given_id: int = 0  # NOT in the tables, yet resolved to some id (always wrong)

    def add(self, mention: Mention, got: str | None) -> None:
        self.mentions += 1
        if not mention.in_tables:
            self.missing += 1
            self.none_given_id += got is not None
        elif got == mention.gold:
            self.right += 1
        elif got is None:
            self.unresolved += 1
        else:
            self.wrong += 1

    @property
    def missing_share(self) -> float:
        return self.missing / self.mentions if self.mentions else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "mentions": self.mentions,
            "not_in_tables": self.missing,
            "not_in_tables_share": round(self.missing_share, 4),
            "right": self.right,
            "wrong": self.wrong,
            "unresolved": self.unresolved,
            "not_in_tables_given_an_id": self.none_given_id,
        }


def measure(
    mentions: Iterable[Mention], resolve: Callable[[str], str | None]
) -> tuple[dict[str, Tally], list[tuple[Mention, str | None]]]:
    """Tallies keyed ``all``, ``person``/``org``/``place``, ``en``/``fr``/``ar``; and the errors.

    ``resolve`` maps a surface to an id or None (each mention resolved alone).
    """
    tallies: dict[str, Tally] = {}
    errors: list[tuple[Mention, str | None]] = []
    cache: dict[str, str | None] = {}
    for m in mentions:
        if m.surface not in cache:
            cache[m.surface] = resolve(m.surface)
        got = cache[m.surface]
        for key in ("all", m.type, m.lang):
            tallies.setdefault(key, Tally()).add(m, got)
        if got != (m.gold if m.in_tables else None):
            errors.append((m, got))
    return tallies, errors


def _bundled(surface: str) -> str | None:
    match = aliasres.resolve(surface)
    return match.id if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show-missing", action="store_true", help="list the NONE-* mentions")
    parser.add_argument(
        "--show-wrong", action="store_true", help="list every mention resolved otherwise than gold"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    mentions = read_mentions(args.corpus / "mentions.tsv")
    tallies, errors = measure(mentions, _bundled)
    keys = ["all", *TYPES, "en", "fr", "ar"]
    if args.json:
        print(json.dumps({k: tallies[k].as_dict() for k in keys if k in tallies}, indent=2))
    else:
        print(f"{len(read_texts(args.corpus))} articles, {len(mentions)} mentions\n")
        print(
            "| slice | mentions | not in tables | right | wrong id | no id | not in tables, given an id |"
        )
        print("|---|---|---|---|---|---|---|")
        for k in keys:
            t = tallies.get(k)
            if t:
                print(
                    f"| {k} | {t.mentions} | {t.missing} ({t.missing_share:.1%}) | {t.right} | {t.wrong}"
                    f" | {t.unresolved} | {t.none_given_id} |"
                )
    if args.show_missing:
        print("\nNot in the tables:")
        for (surface, gold), n in Counter(
            (m.surface, m.gold) for m in mentions if not m.in_tables
        ).most_common():
            print(f"  {n:3d}  {surface}  ({gold})")
    if args.show_wrong:
        print("\nResolved otherwise than gold (each mention alone):")
        for (surface, gold, got), n in Counter(
            (m.surface, m.gold, got) for m, got in errors
        ).most_common():
            print(f"  {n:3d}  {surface!r:40} gold {gold:45} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
