#!/usr/bin/env python3
"""Measure the likelihood ratios of aliasres.evidence on real list data.

Pairs of (query attributes, entity attributes), each known to be one entity or two:

* ``crosslist_dev.tsv`` (UK names of UN-listed entries, with the UK's dates of birth and
  countries): the UN entities that aliasres proposes for a query (``candidates``, up to 5,
  score >= 0.5); the gold one makes a same-entity pair, any other a namesake pair (a name
  that scored alike: the pairs the evidence must tell apart);
* the lists: the UN and OFAC entries that one bundled entity cites are one entity; two
  entries of one list whose names score >= 0.8 are namesakes (a list has one entry per
  entity).

Pooled over all pairs, each outcome's rate among same-entity pairs over its rate among
namesake pairs is its likelihood ratio (add-one smoothed): aliasres.evidence uses these
four numbers, never anything fitted to single rows. The crosslist protocol (resolve every
query of the UN 2026 table alone) is then scored without and with the attributes.

    python benchmarks/evidence_fit.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aliasres  # noqa: E402
from aliasres.evidence import OTHER_DAY, SAME_DAY, EntityFacts, Evidence  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.importers import import_ofac, import_un  # noqa: E402
from aliasres.links import is_list_id  # noqa: E402
from aliasres.types import Entity  # noqa: E402


def crosslist_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("# UK")]
    lines[0] = lines[0].removeprefix("# ")
    return list(csv.DictReader(lines, delimiter="\t"))


def query_evidence(row: dict[str, str]) -> Evidence:
    return Evidence.build(
        countries=[c for c in row["uk_countries"].split(";") if c] or None,
        born=[d for d in row["uk_dob"].split(";") if d] or None,
    )


def score_crosslist(resolver: aliasres.Resolver, rows: list[dict[str, str]]) -> None:
    """The crosslist protocol (shared/eval/README.md) without and with the attributes."""
    for attributes in (False, True):
        right = wrong = alarms = gold_rows = none_rows = 0
        for row in rows:
            if attributes:
                ev = query_evidence(row)
                match = resolver.resolve(row["query"], countries=sorted(ev.countries) or None,
                                         born=[f"{a}..{b}" if a != b else a for a, b in ev.born] or None)
            else:
                match = resolver.resolve(row["query"])
            if row["gold"] == "NONE":
                none_rows += 1
                alarms += match is not None
                wrong += match is not None
            else:
                gold_rows += 1
                if match is not None:
                    right += match.id == row["gold"]
                    wrong += match.id != row["gold"]
        precision = right / max(1, right + wrong)
        print(f"crosslist_dev {'with' if attributes else 'without'} attributes: precision "
              f"{precision:.4f} ({wrong} wrong), recall {right / gold_rows:.4f} ({right} of "
              f"{gold_rows}), false alarms {alarms} of {none_rows} ({alarms / none_rows:.2%})")


def _counts() -> dict[str, Counter[str]]:
    return {"born": Counter(), "countries": Counter()}


def _total(counts: dict[str, Counter[str]]) -> int:
    return sum(counts["born"].values())


def _tally(counts: dict[str, Counter[str]], evidence: Evidence, facts: EntityFacts) -> None:
    outcomes = evidence.outcomes(facts)
    for attribute, counter in counts.items():
        counter[outcomes.get(attribute, "absent")] += 1


def _as_query(entity: Entity) -> Evidence:
    facts = EntityFacts.of((), entity.born)
    return Evidence(frozenset(entity.countries), facts.born, facts.days)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    sources = args.shared / "eval" / "sources"
    tsv = args.shared / "eval" / "crosslist_dev.tsv"
    if not tsv.exists():
        print("skipped: crosslist_dev.tsv not found")
        return 0
    un = import_un([sources / "un_consolidated_2026-02-27.xml"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "un.yaml"
        path.write_text(format_table(un.entities), encoding="utf-8")
        resolver = aliasres.Resolver.from_yaml(path, bundled=False)
    facts = {e.id: EntityFacts.of(e.countries, e.born) for e in resolver.entities}
    rows = crosslist_rows(tsv)
    score_crosslist(resolver, rows)
    same = _counts()
    other = _counts()
    for row in rows:
        evidence = query_evidence(row)
        if not evidence:
            continue
        for match in resolver.candidates(row["query"], limit=5):
            if match.score >= 0.5:
                _tally(same if match.id == row["gold"] else other, evidence, facts[match.id])
    print(f"crosslist_dev pairs: {_total(same)} same-entity, {_total(other)} namesake")
    # the lists themselves: entries of one list whose names score alike are namesakes (a list
    # has one entry per entity); the UN and OFAC entries one bundled entity cites are one
    ofac = import_ofac([sources / f for f in ("ofac_sdn.csv", "ofac_alt.csv", "ofac_add.csv")])
    un_all = import_un(sorted(sources.glob("un_consolidated_*.xml")))
    listed = {e.id: e for e in (*un_all.entities, *ofac.entities)}
    list_same = _counts()
    for entity in aliasres.Resolver.from_yaml().entities:
        cited = [listed[s] for s in entity.sources if is_list_id(s) and s in listed]
        for a in (e for e in cited if e.id.startswith("un:")):
            for b in (e for e in cited if e.id.startswith("ofac:")):
                _tally(list_same, _as_query(b), EntityFacts.of(a.countries, a.born))
    list_other = _counts()
    for imported in (un_all, ofac):
        persons = [e for e in imported.entities if e.type == "person"]
        own = aliasres.Resolver(persons)
        by_id = {e.id: e for e in persons}
        for entity in persons:
            if not (entity.born or entity.countries):
                continue
            for match in own.candidates(entity.name, limit=5):
                if match.id != entity.id and match.score >= 0.8:
                    o = by_id[match.id]
                    _tally(list_other, _as_query(entity), EntityFacts.of(o.countries, o.born))
    print(f"list pairs: {_total(list_same)} same-entity (UN and OFAC entries cited by one "
          f"bundled entity), {_total(list_other)} namesake (one list, names scoring >= 0.8)")
    print("outcome: same-entity pairs / namesake pairs (crosslist + lists) -> likelihood ratio")
    for attribute in ("born", "countries"):
        n_same = sum(same[attribute].values()) + sum(list_same[attribute].values())
        n_other = sum(other[attribute].values()) + sum(list_other[attribute].values())
        for outcome in ((SAME_DAY, OTHER_DAY, "agree", "contradict", "absent") if attribute == "born"
                        else ("agree", "contradict", "absent")):
            k_same = same[attribute][outcome] + list_same[attribute][outcome]
            k_other = other[attribute][outcome] + list_other[attribute][outcome]
            lr = ((k_same + 1) / (n_same + 3)) / ((k_other + 1) / (n_other + 3))
            print(f"  {attribute:<9} {outcome:<10} {k_same:>5} of {n_same:>5} / "
                  f"{k_other:>4} of {n_other:>4} -> LR {lr:.4f}")
    same_day_ratio(un.entities, same, list_same, other, list_other)
    return 0


def coincidence(entities: Sequence[Entity]) -> tuple[int, int]:
    """Pairs of two listed people born the same year, both with a full day of birth, and how
    many of them share the day: one list, one entry per person, so every pair is two people."""
    by_year: dict[str, list[tuple[str, str]]] = {}
    for entity in entities:
        if entity.type == "person":
            for day in EntityFacts.of((), entity.born).days:
                by_year.setdefault(day[:4], []).append((entity.id, day))
    pairs = shared = 0
    for born in by_year.values():
        for i, (id1, day1) in enumerate(born):
            for id2, day2 in born[i + 1:]:
                if id1 != id2:
                    pairs += 1
                    shared += day1 == day2
    return pairs, shared


def same_day_ratio(un: Sequence[Entity], *tallies: dict[str, Counter[str]]) -> None:
    """The same day's likelihood ratio by a coincidence model. The namesake pairs above are
    too few to count a rare outcome (and the few they show are one person listed twice by
    OFAC, which the one-entry-per-entity rule counts as namesakes): two people share a day
    of birth only when their years agree and, then, by coincidence. So
    P(same day | namesake) <= P(years agree or same day | namesake) * P(same day | two
    people born the same year), the last measured over every such pair of the UN list."""
    same, list_same, other, list_other = tallies
    n_same = sum(same["born"].values()) + sum(list_same["born"].values())
    k_same = same["born"][SAME_DAY] + list_same["born"][SAME_DAY]
    n_other = sum(other["born"].values()) + sum(list_other["born"].values())
    k_close = sum(t["born"][o] for t in (other, list_other) for o in (SAME_DAY, OTHER_DAY, "agree"))
    pairs, shared = coincidence(un)
    p_same = (k_same + 1) / (n_same + 3)
    p_other = (k_close + 1) / (n_other + 3) * (shared + 1) / (pairs + 2)
    print(f"  born      {SAME_DAY} (coincidence model): {k_same} of {n_same} same-entity pairs; "
          f"namesakes' years agree {k_close} of {n_other}, and two people born the same "
          f"year share the day {shared} of {pairs} times -> LR {p_same / p_other:.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
