#!/usr/bin/env python3
"""The UN and OFAC held-out tasks of benchmarks/accuracy.py, with the lists' own attributes.

The tasks are built exactly as ``accuracy.py`` builds them (same seed, same held-out names and
entities). Each table entity then gets the dates of birth and countries that ``aliasres
import`` reads from the list (shared/eval/sources), and each query is resolved at the default
threshold twice: by name alone, and with the attributes of the entity it was taken from
(its date of birth and countries, as a second list or a case file would give them). The
wrong answers that remain are counted by cause (and a threshold sweep, as ``accuracy.py``
makes it, gives the best F1 and the best F1 at precision 0.97 or more, issue 10's figure):

* ``neither side``: the query's entity or the wrong entity gives no attribute to compare;
* ``agree``: the wrong entity shares the query's country and/or birth year (a true
  namesake, or one person listed twice);
* ``contradicts``: the wrong entity contradicts and still wins (a name score so high that the
  odds update leaves it above the threshold).

    python benchmarks/heldout_attributes.py [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import aliasres  # noqa: E402
from accuracy import heldout_task, load, summary, sweep, top_answer  # noqa: E402
from aliasres.evidence import EntityFacts, Evidence  # noqa: E402
from aliasres.importers import import_ofac, import_un  # noqa: E402
from aliasres.types import Entity  # noqa: E402


def attributes(sources: Path) -> dict[str, Entity]:
    un = import_un(sorted(sources.glob("un_consolidated_*.xml")))
    ofac = import_ofac([sources / f for f in ("ofac_sdn.csv", "ofac_alt.csv", "ofac_add.csv")])
    return {e.id: e for e in (*un.entities, *ofac.entities)}


def answers(
    resolver: aliasres.Resolver, task: object, kwargs_of: Callable[[str], dict[str, object]] | None
) -> list[tuple]:
    """Each query's top answer at any threshold (``accuracy.top_answer``), with the query's
    own attributes passed when ``kwargs_of`` is given: what ``accuracy.sweep`` reads for a
    threshold sweep."""
    return [
        top_answer(resolver, q.text, **(kwargs_of(q.text) if kwargs_of else {}))
        for q in task.queries  # type: ignore[attr-defined]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args(argv)
    if not (args.eval / "entities.jsonl").exists():
        print(f"no evaluation data at {args.eval}; skipping")
        return 0
    rows = load(args.eval)
    listed = attributes(args.eval / "sources")
    owner = {}  # every query's own entity (the held-out ones too)
    for row in rows:
        for name in row["names"]:
            owner.setdefault((row["source"], name), row["id"])
    for source in ("un_sc_consolidated", "ofac_sdn"):
        task = heldout_task(rows, source)
        table = [
            replace(e, countries=listed[e.id].countries, born=listed[e.id].born)
            if e.id in listed
            else e
            for e in task.table
        ]
        resolver = aliasres.Resolver(table)
        sweeper = aliasres.Resolver(table, threshold=0.01)
        facts = {e.id: EntityFacts.of(e.countries, e.born) for e in table}

        def own_kwargs(text: str, source: str = source) -> dict[str, object]:
            own = listed.get(owner.get((source, text), ""))
            if own is None:
                return {}
            return {"countries": list(own.countries) or None, "born": list(own.born) or None}

        for with_attributes in (False, True):
            right = wrong = answerable = 0
            causes: Counter[str] = Counter()
            for query in task.queries:
                answerable += query.expected is not None
                kwargs = own_kwargs(query.text) if with_attributes else {}
                match = resolver.resolve(query.text, **kwargs)  # type: ignore[arg-type]
                if match is None:
                    continue
                if match.id == query.expected:
                    right += 1
                    continue
                wrong += 1
                if not with_attributes:
                    continue
                evidence = Evidence.build(**kwargs)
                outcomes = evidence.outcomes(facts.get(match.id, EntityFacts(frozenset(), ())))
                if not outcomes:
                    causes["neither side"] += 1
                elif "contradict" in outcomes.values():
                    causes["contradicts"] += 1
                else:
                    causes["agree"] += 1
            label = "with attributes" if with_attributes else "name alone     "
            print(
                f"{source:20} heldout {label}: precision {right / max(1, right + wrong):.4f} "
                f"({wrong} wrong), recall {right / max(1, answerable):.4f}"
                + (f"; wrong by cause: {dict(causes)}" if with_attributes else "")
            )
            best = summary(
                sweep(task, answers(sweeper, task, own_kwargs if with_attributes else None))
            )
            at97 = best["at97"]
            print(
                f"{'':20} {'':7} {'':15}  best F1 {best['best']['f1']:.3f} "
                f"(threshold {best['best']['threshold']:.2f}); F1 at precision >= 0.97: "
                + (
                    f"{at97['f1']:.3f} (threshold {at97['threshold']:.2f}, P {at97['precision']:.3f}, "
                    f"R {at97['recall']:.3f})"
                    if at97
                    else "none"
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
