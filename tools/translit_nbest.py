#!/usr/bin/env python3
"""How the transducer chooses among its n best readings (issue 14, fifth round): the figures
behind the reranker of tools/fit_translit.py and the choices left out.

The search of aliasres.translit.ChunkModel keeps the best readings of a word; the closest of
the 16 best to the references is far closer than the one chosen (dev tenth: about 0.07 against
0.17), so the choice is where the distance is. On the dev tenth of the training tokens, read by
a transducer fitted on the other nine tenths (the held-out tenth of tools/derive_name_parts.py
is never read), against the references benchmarks/translit.py uses (a token seen 3+ times, its
spellings seen 2+ times), this prints for each word class:

* the oracle (the closest of the 16 and of the 8 best) and the shipped choice;
* ``top``: the best reading by the chunks' log p + w x the n-gram log p;
* ``mbr``: minimum Bayes risk, the reading of the K best with the least expected normalized
  edit distance to the others, each weighted by ``exp(T * score)``;
* the reranker of tools/fit_translit.py (fit_rerank: cross-fitted on the nine tenths), for
  both classes.

``--un`` also prints UN half A (benchmarks/translit.py, the half the rules are tuned on) with
the shipped transducer when Arabic-class words are searched and chosen by MBR or by a reranker
of their own (fitted on the training 90%, as the shipped one).

    python tools/translit_nbest.py ../shared/eval/wikidata_ar_en_name_tokens.jsonl [--un]
        [--em-cache FILE]  # the nine tenths' alignment (fit_translit.py --dev --em-cache FILE)

Deterministic. A few minutes (a transducer is fitted per fold).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance.Levenshtein import normalized_distance

from aliasres.translit import ChunkModel, model_from, rerank_features
from tools import fit_translit as fit

#: (reading, the chunks' log p, the n-gram log p)
Reading = tuple[str, float, float]
#: (letters, Arabic class, references, the 16 best readings)
Listed = tuple[tuple[str, ...], bool, list[str], list[Reading]]
Choice = Callable[[tuple[str, ...], bool, list[Reading]], str]


def closest(text: str, gold: list[str]) -> float:
    return min(normalized_distance(text, g) for g in gold)


def choose_top(readings: list[Reading], w: float) -> str:
    return min(readings, key=lambda r: (-(r[1] + w * r[2]), r[0]))[0]


def choose_mbr(readings: list[Reading], w: float, temp: float, k: int) -> str:
    """The reading of the k best (by w) with the least consensus risk under exp(temp score)."""
    ranked = sorted(readings, key=lambda r: (-(r[1] + w * r[2]), r[0]))[:k]
    risk = [row[3] for row in rerank_features(ranked, 1, w, temp)]
    return ranked[min(range(len(ranked)), key=lambda i: (risk[i], i))][0]


def top_choice(w: float) -> Choice:
    return lambda _l, _a, r: choose_top(r, w)


def mbr_choice(w: float, temp: float, k: int) -> Choice:
    return lambda _l, _a, r: choose_mbr(r, w, temp, k)


def report(label: str, listed: list[Listed], choice: Choice) -> None:
    by: dict[bool, list[float]] = {True: [], False: []}
    for letters, arabic, gold, readings in listed:
        by[arabic].append(closest(choice(letters, arabic, readings), gold))
    every = by[True] + by[False]
    print(f"{label}: {sum(every) / len(every):.4f} (Arabic-looking {len(by[True])}: "
          f"{sum(by[True]) / max(len(by[True]), 1):.4f}, foreign-looking {len(by[False])}: "
          f"{sum(by[False]) / max(len(by[False]), 1):.4f})", flush=True)


def reranked(model: ChunkModel, weights: dict[str, list[float]]) -> Choice:
    def choice(letters: tuple[str, ...], arabic: bool, readings: list[Reading]) -> str:
        w = weights.get("A" if arabic else "F")
        if w is None or len(readings) < 2:
            return readings[0][0]
        rows = rerank_features(readings, len(letters), model.lm_weight, model.mbr)
        predicted = [sum(a * b for a, b in zip(w, row)) for row in rows]
        return readings[min(range(len(rows)), key=lambda k: (predicted[k], k))][0]
    return choice


def un_half_a(source: Path, p: dict[str, dict[str, float]] | None) -> None:
    """UN half A with the shipped transducer, Arabic-class words searched too."""
    import aliasres
    import benchmarks.translit as bench
    from aliasres import translit

    pairs = [x for x in bench.un_pairs(ROOT.parent / "shared" / "eval") if bench.un_half(x[0]) == "A"]
    shipped = translit._chunk_model()
    tokens = fit.token_pairs(source, "train")
    saved_classes = fit.RERANK_CLASSES
    fit.RERANK_CLASSES = ("A",)
    try:
        arabic = fit.fit_rerank(tokens, fit.reference_tokens(source, "train"),
                                p if p is not None else fit.em(fit.weighted(tokens)))
    finally:
        fit.RERANK_CLASSES = saved_classes
    settings = [("shipped (Arabic class: each letter's first chunk)", shipped)] + [
        (f"Arabic class searched, MBR w {w} T {t}",
         dataclasses.replace(shipped, search_arabic=True, lm_weight=w, mbr=t, beam=8, rerank={}))
        for w, t in ((0.5, 0.5), (0.25, 0.5), (0.0, 0.5), (0.0, 0.25))
    ] + [("Arabic class reranked too",
          dataclasses.replace(shipped, rerank={**shipped.rerank, "A": tuple(arabic["A"])}))]
    saved = translit._chunk_model
    try:
        for label, model in settings:
            translit._chunk_model = lambda m=model: m  # type: ignore[assignment]
            translit._read_word.cache_clear()
            with bench.TablesOff():
                print(f"UN half A, {label}: {bench.mean_distance(pairs, aliasres.transliterate):.4f}")
    finally:
        translit._chunk_model = saved
        translit._read_word.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="wikidata_ar_en_name_tokens.jsonl")
    parser.add_argument("--em-cache", type=Path, help="the nine tenths' alignment (fit_translit.py)")
    parser.add_argument("--train-em-cache", type=Path, help="the 90%%'s alignment, for --un")
    parser.add_argument("--un", action="store_true", help="UN half A, Arabic-class words searched")
    args = parser.parse_args(argv)
    if args.un:
        cache = args.train_em_cache
        un_half_a(args.source, json.loads(cache.read_text(encoding="utf-8")) if cache else None)
    tokens = fit.token_pairs(args.source, "fit")
    pairs = fit.weighted(tokens)
    p = json.loads(args.em_cache.read_text(encoding="utf-8")) if args.em_cache else fit.em(pairs)
    data = fit.fit_model(pairs, p)
    model = model_from(fit.with_rerank(data, {}, fit.RERANK_BEAM))
    refs = fit.reference_tokens(args.source, "fit")
    dev = [(letters, arabic, gold, fit.n_best(model, letters, arabic))
           for letters, arabic, gold in fit.reference_tokens(args.source, "dev")]
    oracle16 = sum(min(closest(x[0], g) for x in r) for _, _, g, r in dev) / len(dev)
    oracle8 = sum(min(closest(x[0], g) for x in r[:8]) for _, _, g, r in dev) / len(dev)
    print(f"dev tenth, {len(dev)} tokens; the closest of the 16 best (an oracle): {oracle16:.4f}; "
          f"of the 8 best: {oracle8:.4f}")
    before = model_from(data)
    report("before this round (foreign: MBR w 0.5 T 0.5 K 8; Arabic: each letter's first chunk)",
           dev, lambda letters, a, _r: fit.read(letters, a, before))
    for w in (0.0, 0.25, 0.5, 1.0):
        report(f"top w {w}", dev, top_choice(w))
    for w in (0.0, 0.25, 0.5, 1.0):
        for t in (0.25, 0.5, 1.0, 2.0):
            for k in (8, 16):
                report(f"MBR w {w} T {t} K {k}", dev, mbr_choice(w, t, k))
    saved_classes = fit.RERANK_CLASSES
    fit.RERANK_CLASSES = ("A", "F")
    try:
        weights = fit.fit_rerank(tokens, refs, p)
    finally:
        fit.RERANK_CLASSES = saved_classes
    report("reranker, both classes", dev, reranked(model, weights))
    shipped = model_from(fit.with_rerank(
        data, {c: w for c, w in weights.items() if c in fit.RERANK_CLASSES}))
    report(f"as shipped: reranker for the classes {', '.join(fit.RERANK_CLASSES)} (Arabic: each "
           "letter's first chunk)", dev, lambda letters, a, _r: fit.read(letters, a, shipped))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
