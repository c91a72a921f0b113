#!/usr/bin/env python3
"""How many of Wikidata's (Arabic token, Latin spelling) pairs aliasres matches to each other.

For every pair of the Wikidata name-token data seen at least ``--min-count`` times, the Arabic
token and the Latin spelling are parsed as one-word names and compared with
``aliasres.score.part_sim``; a pair counts as matched when the similarity reaches
``TOKEN_MIN``. Measured twice: with the bundled name-token table (``after``) and with the
rules alone, without the table (``before``). Also reports how many of the 500 most frequent
Arabic tokens have a variant group.

The ``after`` figure is in-sample (the table is derived from this data); the ``holdout``
figure re-derives the table from half of each token's spellings and tests the other half.

    python benchmarks/name_tokens.py [--eval ../shared/eval] [--min-count 2]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from aliasres.parts import Lexicon, _single_part, build_lexicon, lexicon
from aliasres.score import TOKEN_MIN, part_sim


def load_pairs(path: Path, min_count: int) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    from derive_name_parts import merged_pairs

    merged = merged_pairs(path)
    pairs = [(a, lat, c) for a, ls in merged.items() for lat, c in ls.items() if c >= min_count]
    totals = sorted(((a, sum(ls.values())) for a, ls in merged.items()), key=lambda t: -t[1])
    return pairs, totals


def share(lex: Lexicon, pairs: list[tuple[str, str, int]]) -> tuple[float, float]:
    hit = hit_w = total_w = 0
    for ar, lat, count in pairs:
        a, b = _single_part(lex, ar), _single_part(lex, lat)
        ok = a is not None and b is not None and part_sim(a, b) >= TOKEN_MIN
        hit += ok
        hit_w += count * ok
        total_w += count
    return hit / len(pairs), hit_w / total_w


def holdout_lexicon(pairs: list[tuple[str, str, int]], seed: int = 1) -> tuple[Lexicon, list]:
    """A lexicon whose groups hold half of each token's spellings; the other half is returned."""
    import derive_name_parts as derive

    rng = random.Random(seed)
    by_ar: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for a, lat, c in pairs:
        by_ar[a].append((lat, c))
    bare = build_lexicon(with_name_tokens=False)
    lex = build_lexicon(with_name_tokens=False)
    test = []
    for ar, spellings in by_ar.items():
        if len(spellings) < 2:
            continue
        rng.shuffle(spellings)
        half = len(spellings) // 2
        train, held = spellings[half:], spellings[:half]
        a_part = _single_part(bare, ar)
        if a_part is None:
            continue
        members = {a_part.ident}
        for lat, _ in train:
            l_part = _single_part(bare, lat)
            if l_part is not None and derive.consistent(a_part, l_part)[0]:
                members.add(l_part.ident)
        for ident in members:
            lex.groups.setdefault(ident, frozenset())
            lex.groups[ident] = lex.groups[ident] | {a_part.ident}
        lex.group_size[a_part.ident] = sum(c for _, c in spellings)
        test.extend((ar, lat, c) for lat, c in held)
    return lex, test


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    source = args.eval / "wikidata_ar_en_name_tokens.jsonl"
    if not source.exists():
        print(f"no data at {source}; skipping", file=sys.stderr)
        return 0
    pairs, totals = load_pairs(source, args.min_count)
    before = share(build_lexicon(with_name_tokens=False), pairs)
    after = share(lexicon(), pairs)
    hlex, held = holdout_lexicon(pairs)
    held_before = share(build_lexicon(with_name_tokens=False), held)
    held_after = share(hlex, held)
    lex = lexicon()
    top = totals[:500]
    covered = sum(1 for a, _ in top if (p := _single_part(lex, a)) is not None and p.groups)
    print(f"pairs seen >= {args.min_count} times: {len(pairs)}")
    print(f"before (rules only):   {before[0]:.1%} of pairs, {before[1]:.1%} weighted by count")
    print(f"after (with table):    {after[0]:.1%} of pairs, {after[1]:.1%} weighted by count (in-sample)")
    print(f"held-out spellings:    {len(held)} pairs: {held_before[0]:.1%} before, {held_after[0]:.1%} after")
    print(f"500 most frequent Arabic tokens with a variant group: {covered}/500")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
