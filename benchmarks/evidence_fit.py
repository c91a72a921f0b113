#!/usr/bin/env python3
"""Measure the likelihood ratios of aliasres.evidence on real list data.

Same-entity pairs and namesake pairs are taken from ``crosslist_dev.tsv`` (UK names of
UN-listed entries, with the UK's dates of birth and countries): for each query the UN
entities that aliasres proposes (``candidates``, up to 5, score >= 0.5) are compared with the
query's attributes; the gold entity gives a same-entity pair, every other one a namesake
pair (a name that scored alike: the pairs the evidence must tell apart). Pooled over all
rows, each outcome's rate among same pairs over its rate among namesake pairs is its
likelihood ratio (add-one smoothed). The check on another source: the UN and OFAC entries
that one bundled entity cites are same-entity pairs; their agreement rates are printed.

    python benchmarks/evidence_fit.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aliasres  # noqa: E402
from aliasres.evidence import EntityFacts, Evidence  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.importers import import_ofac, import_un  # noqa: E402
from aliasres.links import is_list_id  # noqa: E402


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
    same: dict[str, Counter[str]] = {"born": Counter(), "countries": Counter()}
    other: dict[str, Counter[str]] = {"born": Counter(), "countries": Counter()}
    for row in crosslist_rows(tsv):
        evidence = query_evidence(row)
        if not evidence:
            continue
        for match in resolver.candidates(row["query"], limit=5):
            if match.score < 0.5:
                continue
            counts = same if match.id == row["gold"] else other
            outcomes = evidence.outcomes(facts[match.id])
            for attribute in counts:
                counts[attribute][outcomes.get(attribute, "absent")] += 1
    score_crosslist(resolver, crosslist_rows(tsv))
    print("crosslist_dev (fit): outcome: same-entity pairs / namesake pairs -> likelihood ratio")
    for attribute in same:
        n_same, n_other = sum(same[attribute].values()), sum(other[attribute].values())
        for outcome in ("agree", "contradict", "absent"):
            p_same = (same[attribute][outcome] + 1) / (n_same + 3)
            p_other = (other[attribute][outcome] + 1) / (n_other + 3)
            print(f"  {attribute:<9} {outcome:<10} {same[attribute][outcome]:>5} of {n_same:>5} / "
                  f"{other[attribute][outcome]:>5} of {n_other:>5} -> LR {p_same / p_other:.3f}")
    # check: the UN and OFAC entries one bundled entity cites are one entity
    ofac = import_ofac([sources / f for f in ("ofac_sdn.csv", "ofac_alt.csv", "ofac_add.csv")])
    listed = {e.id: e for e in (*import_un(sorted(sources.glob("un_consolidated_*.xml"))).entities,
                                 *ofac.entities)}
    check: dict[str, Counter[str]] = {"born": Counter(), "countries": Counter()}
    for entity in aliasres.Resolver.from_yaml().entities:
        cited = [listed[s] for s in entity.sources if is_list_id(s) and s in listed]
        uns = [e for e in cited if e.id.startswith("un:")]
        ofacs = [e for e in cited if e.id.startswith("ofac:")]
        for a in uns:
            for b in ofacs:
                ev = Evidence(frozenset(b.countries), EntityFacts.of((), b.born).born)
                outcomes = ev.outcomes(EntityFacts.of(a.countries, a.born))
                for attribute in check:
                    check[attribute][outcomes.get(attribute, "absent")] += 1
    print("check: UN and OFAC entries cited by one bundled entity (same-entity pairs)")
    for attribute, counts in check.items():
        print(f"  {attribute:<9} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
