"""Cross-list accuracy: a second list's names of UN-listed entries, resolved against the UN list.

The protocol of ``shared/eval/README.md``: import the UN list of 2026-02-27 with
``aliasres import un``, load it alone (``bundled=False``), resolve every query of
``crosslist_dev.tsv`` and score precision, recall and F1 (a wrong id on a NONE row is a false
positive), overall and on the ``hard`` subset; also how often the right entity is the top
candidate on the hard rows (whatever its score), and the false-alarm rate on NONE rows.

    python benchmarks/crosslist.py                    # the table below, about a minute
    python benchmarks/crosslist.py --misses 40        # and the hard rows it gets wrong
    python benchmarks/crosslist.py --json out.json    # every answer, for calibration
    python benchmarks/crosslist.py --attributes       # also with uk_dob and uk_countries

Needs ``../shared/eval`` (skips with a message when it is absent).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aliasres import Resolver  # noqa: E402

#: a NONE row that the UN did list later (IRi.026, 2025): not a false alarm
_LISTED_LATER = frozenset({"mohammad reza naqdi"})


@dataclass(frozen=True, slots=True)
class Row:
    query: str
    gold: str | None
    type: str
    script: str
    kind: str
    subset: str
    dob: str
    countries: str
    gender: str


def load_rows(path: Path) -> list[Row]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            query, gold, etype, script, _source, _regime, kind, subset, dob, countries, gender = (
                rec + [""] * 11
            )[:11]
            rows.append(Row(query, None if gold == "NONE" else gold, etype, script, kind, subset,
                            dob, countries, gender))
    return rows


def import_un(xml: Path, out: Path) -> Path:
    """``aliasres import un XML -o OUT``, as a user runs it; returns ``out``. A failed
    import exits with the importer's own message (a bare CalledProcessError hid it)."""
    proc = subprocess.run(
        [sys.executable, "-m", "aliasres", "import", "un", str(xml), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"aliasres import un {xml} failed:\n{proc.stderr.strip()}")
    return out


def build_resolver(eval_dir: Path, threshold: float | None = None) -> tuple[Resolver, float]:
    xml = eval_dir / "sources" / "un_consolidated_2026-02-27.xml"
    with tempfile.TemporaryDirectory() as tmp:
        out = import_un(xml, Path(tmp) / "un.yaml")
        start = time.perf_counter()
        resolver = (Resolver.from_yaml(out, bundled=False) if threshold is None
                    else Resolver.from_yaml(out, bundled=False, threshold=threshold))
        return resolver, time.perf_counter() - start


@dataclass(slots=True)
class Answer:
    row: Row
    resolved: str | None
    top: str | None
    top_score: float
    second_score: float


def evidence(row: Row) -> dict[str, list[str] | None]:
    """The row's other attributes as resolve() keywords (docs/sources.md)."""
    return {
        "countries": [c for c in row.countries.split(";") if c] or None,
        "born": [d for d in row.dob.split(";") if d] or None,
    }


def answer_all(
    resolver: Resolver, rows: list[Row], *, attributes: bool = False
) -> tuple[list[Answer], float]:
    start = time.perf_counter()
    answers = []
    for row in rows:
        given = evidence(row) if attributes else {}
        match = resolver.resolve(row.query, **given)  # type: ignore[arg-type]
        cands = resolver.candidates(row.query, limit=2, **given)  # type: ignore[arg-type]
        answers.append(Answer(
            row,
            match.id if match else None,
            cands[0].id if cands else None,
            cands[0].score if cands else 0.0,
            cands[1].score if len(cands) > 1 else 0.0,
        ))
    return answers, time.perf_counter() - start


def _false_alarm(a: Answer) -> bool:
    return a.row.gold is None and a.resolved is not None and (
        a.row.query.casefold() not in _LISTED_LATER
    )


def score(answers: list[Answer]) -> dict[str, float]:
    gold = [a for a in answers if a.row.gold]
    none = [a for a in answers if not a.row.gold]
    right = sum(1 for a in gold if a.resolved == a.row.gold)
    wrong = sum(1 for a in gold if a.resolved and a.resolved != a.row.gold)
    alarms = sum(1 for a in none if _false_alarm(a))
    answered = right + wrong + alarms
    p = right / answered if answered else 1.0
    r = right / len(gold) if gold else 0.0
    return {
        "rows": len(answers), "gold": len(gold), "none": len(none),
        "right": right, "wrong": wrong, "false_alarms": alarms,
        "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "top1": sum(1 for a in gold if a.top == a.row.gold) / len(gold) if gold else 0.0,
        "false_alarm_rate": alarms / len(none) if none else 0.0,
    }


def report(answers: list[Answer]) -> dict[str, dict[str, float]]:
    hard = [a for a in answers if a.row.subset == "hard"]
    return {
        "overall": score(answers),
        "hard": score(hard),
        "hard Latin": score([a for a in hard if a.row.script == "Latin"]),
        "hard Arabic": score([a for a in hard if a.row.script != "Latin"]),
        "easy": score([a for a in answers if a.row.subset == "easy"]),
    }


def print_report(results: dict[str, dict[str, float]]) -> None:
    print("| subset | rows (gold/none) | P | R | F1 | right entity first | false alarms |")
    print("|---|---|---|---|---|---|---|")
    for name, s in results.items():
        print(
            f"| {name} | {s['gold']:.0f}/{s['none']:.0f} | {s['precision']:.3f} | "
            f"{s['recall']:.3f} | {s['f1']:.3f} | {s['top1']:.3f} | "
            f"{s['false_alarms']:.0f} ({s['false_alarm_rate']:.2%}) |"
        )


def print_misses(answers: list[Answer], most: int) -> None:
    """The first ``most`` hard rows answered wrong or not at all: gold, answer, top
    candidate, its score, query."""
    shown = 0
    for a in answers:
        if a.row.subset != "hard" or shown >= most:
            continue
        if a.resolved != a.row.gold and (a.row.gold or _false_alarm(a)):
            shown += 1
            print(f"{a.row.gold or 'NONE'}\t{a.resolved}\t{a.top}\t{a.top_score:.3f}\t"
                  f"{a.row.query}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--misses", type=int, default=0, help="print this many hard misses")
    parser.add_argument("--json", type=Path, help="write every answer here")
    parser.add_argument(
        "--attributes", action="store_true",
        help="then again with each row's uk_dob and uk_countries passed (born=, countries=)",
    )
    args = parser.parse_args(argv)
    path = args.eval / "crosslist_dev.tsv"
    if not path.exists():
        print(f"skipped: {path} not found (it exists only beside the project)")
        return 0
    rows = load_rows(path)
    resolver, build = build_resolver(args.eval, args.threshold)
    answers, elapsed = answer_all(resolver, rows)
    print(f"{len(rows)} queries, table of {len(resolver)} entities (built in {build:.1f} s); "
          f"{len(rows) / elapsed:,.0f} queries/s (resolve + candidates)")
    results = report(answers)
    print_report(results)
    if args.attributes:
        answers, elapsed = answer_all(resolver, rows, attributes=True)
        print(f"with the rows' dates of birth and countries ({len(rows) / elapsed:,.0f} "
              "queries/s):")
        results = report(answers)
        print_report(results)
    if args.misses:
        print_misses(answers, args.misses)
    if args.json:
        args.json.write_text(json.dumps({
            "results": results,
            "answers": [
                {"query": a.row.query, "gold": a.row.gold, "subset": a.row.subset,
                 "resolved": a.resolved, "top": a.top, "top_score": a.top_score,
                 "second_score": a.second_score}
                for a in answers
            ],
        }, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
