#!/usr/bin/env python3
"""Record every answer of the engine on a few thousand queries, to prove a speed-up changed none.

A query-speed change must leave every answer as it was. This script writes, for each query of
several sets, what ``resolve()`` returns (id, method, score rounded to 6 places, the alias
matched) and the top five of ``candidates()`` (id, score, method, alias), one line a query;
``--check`` compares a new run line by line with a recorded one and prints the differences.

Query sets (each can be left out with ``--sets``):

* ``heldout``: the held-out names of ``accuracy.py`` (UN and OFAC, one table each);
* ``arabic``: ``accuracy.py``'s Arabic-script UN names against the Latin tables;
* ``loo``: ``accuracy.py``'s leave-one-out rounds (UN and OFAC, every name in turn: slower);
* ``crosslist``: every row of ``crosslist_dev.tsv`` against the imported UN list;
* ``gen``: the speed benchmark's generated table (``gen.py``, ``--size`` names) and its
  variant, Arabic, miss and exact queries, answered in memory and again from a compiled index
  (``Resolver.build_index`` / ``Resolver.load``);
* ``person3``: ``large.py``'s three-part Arabic person names, the same two ways.

The ``heldout``, ``arabic``, ``loo`` and ``crosslist`` sets need ``../shared/eval`` (left out without it).

    python benchmarks/answers.py --out /tmp/before.tsv             # on the old commit
    python benchmarks/answers.py --out /tmp/after.tsv --check /tmp/before.tsv
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from aliasres import Match, Resolver  # noqa: E402

EVAL = Path(os.environ.get("ALIASRES_SHARED", ROOT.parent / "shared")) / "eval"
SETS = ("heldout", "arabic", "loo", "crosslist", "gen", "person3")
EVAL_SETS = {"heldout", "arabic", "loo", "crosslist"}


def _m(m: Match) -> str:
    return f"{m.id}|{m.score:.6f}|{m.method}|{m.alias}"


def answer_lines(resolver: Resolver, label: str, queries: Iterable[str]) -> Iterator[str]:
    """One line a query: set label, query, resolve()'s answer, then the top five candidates."""
    for q in queries:
        match = resolver.resolve(q)
        cands = resolver.candidates(q, limit=5)
        got = _m(match) if match is not None else "-"
        yield "\t".join([label, q, got, *(_m(c) for c in cands)])


def heldout(eval_dir: Path) -> Iterator[str]:
    import accuracy

    rows = accuracy.load(eval_dir)
    for source in ("un_sc_consolidated", "ofac_sdn"):
        task = accuracy.heldout_task(rows, source)
        resolver = Resolver(task.table)
        yield from answer_lines(resolver, f"heldout:{source}", (q.text for q in task.queries))


def arabic(eval_dir: Path) -> Iterator[str]:
    import accuracy

    task = accuracy.arabic_task(accuracy.load(eval_dir), "un_sc_consolidated")
    yield from answer_lines(Resolver(task.table), "arabic", (q.text for q in task.queries))


def loo(eval_dir: Path) -> Iterator[str]:
    import accuracy

    rows = accuracy.load(eval_dir)
    for source in ("un_sc_consolidated", "ofac_sdn"):
        for run in accuracy.loo_task(rows, source).runs():
            yield from answer_lines(Resolver(run.table), f"{run.name}:{source}",
                                    (q.text for q in run.queries))


def crosslist(eval_dir: Path) -> Iterator[str]:
    import crosslist as cl

    rows = cl.load_rows(eval_dir / "crosslist_dev.tsv")
    resolver, _ = cl.build_resolver(eval_dir)
    yield from answer_lines(resolver, "crosslist", (r.query for r in rows))


def _both_ways(label: str, resolver: Resolver, queries: list[str]) -> Iterator[str]:
    yield from answer_lines(resolver, f"{label}:memory", queries)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.ari"
        resolver.build_index(path)
        loaded = Resolver.load(path)
        yield from answer_lines(loaded, f"{label}:compiled", queries)


def generated(size: int, n: int) -> Iterator[str]:
    import gen
    from aliasres.types import Alias, Entity

    ds = gen.generate(size, 1)
    qs = gen.queries(ds, n, 1)
    entities = [
        Entity(eid, "person", name, tuple(Alias(a, kind=k or "spelling", lang=lang)
                                          for a, k, lang in als))
        for eid, name, als in ds.entities
    ]
    queries = [q.text for kind in ("variant", "arabic", "miss", "exact") for q in qs[kind]]
    yield from _both_ways(f"gen{size}", Resolver(entities), queries)


def person3(size: int, n: int) -> Iterator[str]:
    import large
    from aliasres.types import Alias, Entity

    rows, queries = large.person3(size, 1, n)
    entities = [
        Entity(eid, "person", name, tuple(Alias(a, kind=k, lang=lang) for a, k, lang in als))
        for eid, name, als in rows
    ]
    yield from _both_ways(f"person3-{size}", Resolver(entities), [q for q, _ in queries])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True, help="write the answers here")
    p.add_argument("--check", type=Path, help="compare with answers recorded before")
    p.add_argument("--sets", default=",".join(SETS), help=f"comma-separated ({','.join(SETS)})")
    p.add_argument("--size", type=int, default=20_000, help="names of the generated tables")
    p.add_argument("--queries", type=int, default=500, help="generated queries of each type")
    p.add_argument("--eval", type=Path, default=EVAL)
    args = p.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    unknown = set(sets) - set(SETS)
    if unknown:
        p.error(f"unknown sets: {', '.join(sorted(unknown))}")
    have_eval = (args.eval / "entities.jsonl").exists()
    if not have_eval and EVAL_SETS & set(sets):
        print(f"{args.eval} not found: {', '.join(sorted(EVAL_SETS))} left out", file=sys.stderr)
        sets = [s for s in sets if s not in EVAL_SETS]
        if "person3" in sets and not (args.eval / "wikidata_ar_en_name_tokens.jsonl").exists():
            sets.remove("person3")
    makers = {
        "heldout": lambda: heldout(args.eval),
        "arabic": lambda: arabic(args.eval),
        "loo": lambda: loo(args.eval),
        "crosslist": lambda: crosslist(args.eval),
        "gen": lambda: generated(args.size, args.queries),
        "person3": lambda: person3(args.size, args.queries),
    }
    lines: list[str] = []
    for name in sets:
        t0 = time.perf_counter()
        before = len(lines)
        lines.extend(makers[name]())
        print(f"{name}: {len(lines) - before} queries ({time.perf_counter() - t0:.1f} s)",
              file=sys.stderr)
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if args.check is None:
        return 0
    old = args.check.read_text(encoding="utf-8").splitlines()
    if len(old) != len(lines):
        print(f"DIFFERENT: {len(old)} recorded lines, {len(lines)} now")
        return 1
    diffs = [(a, b) for a, b in zip(old, lines) if a != b]
    for a, b in diffs[:20]:
        print(f"- {a}\n+ {b}")
    print(f"{len(diffs)} of {len(lines)} answers differ" if diffs else
          f"identical: {len(lines)} answers")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
