"""Fit the calibration curves (aliases/rules/calibration.yaml) on real lists, offline.

For every query of a task, the top candidate of an uncalibrated resolver is right or wrong;
per match method, an isotonic regression of "right" on the raw score gives a monotone curve,
stored as knots. The curves are fitted on the answers the decision can return: a query whose second entity's
value on the curves is within RIVAL_WITHIN of the first's (the decision's margin) is
ambiguous, never resolves, and is left out (flags and curves iterated until they settle).
Mixed in, those few tops (right about one time in five) pulled every curve under what an
unambiguous answer is worth. Three sources: the OFAC and UN held-out alias tasks (each list's own
names) and the cross-list task (UK names of UN entries). The figure that counts is the
expected calibration error (ECE) on a source the fit never saw: each source is checked
with curves fitted on the two others (leave one source out); the shipped curves are then
fitted on all three.

    python tools/fit_calibration.py                 # fit, check, write (about 2 minutes)
    python tools/fit_calibration.py --check-only    # only check the shipped curves
    python tools/fit_calibration.py --methods near  # refit one method's curve only
    python tools/fit_calibration.py --plot docs/calibration.png  # the docs' plot
    python tools/fit_calibration.py --dry-run --shrink 0 --bootstrap 300  # try, keep shipped

A fit is written only if every golden case (tests/golden/cases.csv) still resolves as the
row says: the golden rows bound every refit (``--dry-run`` never writes). ``--shrink K``
shrinks each method's isotonic steps toward the curve of all methods, a step of n answers
by K / (n + K) (a Beta prior worth K answers, centred on the pooled curve); the default,
3, is the shipped fit (every K from 1 to 6 brings each held-out source to ECE 0.03 or under;
docs/accuracy.md); 0 is the plain per-method isotonic fit. ``--bootstrap N`` adds a 90% interval to
each leave-one-source-out ECE (the held-out answers resampled N times, curves fixed).

Needs ../shared/eval and scikit-learn (``pip install scikit-learn``; a tool, not a
dependency of aliasres).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import aliasres  # noqa: E402

OUT = ROOT / "aliases" / "rules" / "calibration.yaml"
#: methods that are never an answer, left out of the fit and of the check: an epithet alone,
#: and the last-resort candidates of words in common (``overlap``, which would otherwise be
#: the top candidate of most queries that find nothing else)
_UNCALIBRATED = frozenset({"epithet", "overlap"})
#: fewer samples than this for a method: it borrows the curve of all methods together
_MIN_SAMPLES = 40
#: a method has its own curve only when at least two sources give it this many samples: a
#: curve that one list alone shapes says how that list writes names (the UN's Arabic
#: script is nearly always right across scripts), not how often the method is right
_MIN_PER_SOURCE = 10
#: methods fitted as one: the same name up to case and spelling normalization
GROUPS = {"exact": "same", "normalized": "same"}
SOURCES = ("ofac", "un", "crosslist")
#: no approximate match is certain: a few hundred answers cannot show a 1-in-200 error
_TOP = 0.995
_TOP_SAME = 0.999
_BINS = 10
#: the second entity's curve value this near the first's: an ambiguous query (the decision's
#: default margin)
RIVAL_WITHIN = 0.05

#: (score, method, right, ambiguous) of a top answer; a raw sample (``calibrated=False``) has
#: the second entity's (raw score, method) or None instead of ``ambiguous``
Sample = tuple[float, str, bool, Any]
Curves = dict[str, list[tuple[float, float]]]


def samples(
    task_name: str, eval_dir: Path, *, calibrated: bool, fold: int | None = None
) -> list[Sample]:
    """(score, method, right, rival) of the top candidate of every query that has one; with
    ``fold`` (0 or 1), only the queries of that half of the entities (NONE rows by text)."""
    out: list[Sample] = []
    for resolver, queries in _runs(task_name, eval_dir, calibrated):
        for text, expected in queries:
            if fold is not None and _half(expected or text) != fold:
                continue
            # fitted on the engine's own raw scores; checked on what users see (candidates(),
            # short-form rules included)
            cands = (resolver.candidates(text, limit=1) if calibrated
                     else resolver._engine(text, None)[1])
            if cands and cands[0].method not in _UNCALIBRATED:
                top = cands[0]
                method = top.method if calibrated else GROUPS.get(top.method, top.method)
                second = (cands[1].score, GROUPS.get(cands[1].method, cands[1].method)
                          ) if len(cands) > 1 and not calibrated else None
                out.append((top.score, method, top.id == expected, second))
    return out


def _half(key: str) -> int:
    import hashlib

    return hashlib.sha256(key.encode()).digest()[0] & 1


def _runs(task_name: str, eval_dir: Path, calibrated: bool):  # type: ignore[no-untyped-def]
    import accuracy
    import crosslist

    if task_name == "crosslist":
        resolver, _ = crosslist.build_resolver(eval_dir)
        resolver = aliasres.Resolver(resolver.entities, threshold=0.01, calibrated=calibrated)
        rows = crosslist.load_rows(eval_dir / "crosslist_dev.tsv")
        yield resolver, [(r.query, r.gold) for r in rows]
        return
    source = {"un": "un_sc_consolidated", "ofac": "ofac_sdn"}[task_name]
    task = accuracy.heldout_task(accuracy.load(eval_dir), source)
    resolver = aliasres.Resolver(task.table, threshold=0.01, calibrated=calibrated)
    yield resolver, [(q.text, q.expected) for q in task.queries]


def ece(data: list[Sample]) -> float:
    """Expected calibration error over ten equal-width bins of the predicted probability."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p, _, right, *_ in data:
        bins[min(int(p * _BINS), _BINS - 1)].append((p, right))
    total = len(data)
    return sum(
        abs(sum(p for p, _ in b) / len(b) - sum(r for _, r in b) / len(b)) * len(b) / total
        for b in bins.values()
    )


def reliability(data: list[Sample]) -> list[tuple[float, float, int]]:
    """(mean predicted, share right, count) per bin."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p, _, right, *_ in data:
        bins[min(int(p * _BINS), _BINS - 1)].append((p, right))
    return [
        (sum(p for p, _ in b) / len(b), sum(r for _, r in b) / len(b), len(b))
        for _, b in sorted(bins.items())
    ]


#: the prior, in answers, that each method's isotonic steps are shrunk with (--shrink)
SHRINK = 3.0


def fit(by_source: dict[str, list[Sample]], shrink: float = 0.0) -> Curves:
    """Curves fitted on the samples of ``by_source`` (source -> samples) without a rival;
    with ``shrink`` > 0 each method's steps are shrunk toward the curve of all methods."""
    by_source = {t: [x for x in samples if not x[3]] for t, samples in by_source.items()}
    data = [x for samples in by_source.values() for x in samples]
    sources_of: dict[str, int] = defaultdict(int)
    for samples in by_source.values():
        counts: dict[str, int] = defaultdict(int)
        for _, method, *_ in samples:
            counts[method] += 1
        for method, n in counts.items():
            sources_of[method] += n >= _MIN_PER_SOURCE
    from sklearn.isotonic import IsotonicRegression

    def curve(
        points: list[tuple[float, bool]], top: float, prior: Curves | None = None
    ) -> list[tuple[float, float]]:
        """The isotonic step function, each step from its first to its last answer's raw
        score, rising by a hair (at most 0.004) along the step: calibrated as the steps
        are, yet strictly increasing, so calibrated scores keep the raw order of candidates
        (flat steps would tie them and make the margin rule call them ambiguous). With a
        ``prior`` curve and ``shrink``, each step is shrunk toward it (:func:`_shrunk`)."""
        points = sorted(points)
        xs = [x for x, _ in points]
        ys = [1.0 if r else 0.0 for _, r in points]
        iso = IsotonicRegression(y_min=0.0, y_max=top, increasing=True, out_of_bounds="clip")
        fitted = iso.fit_transform(xs, ys)
        if prior is not None and shrink > 0:
            fitted = _shrunk(xs, ys, list(fitted), [_apply(prior, x, "*") for x in xs],
                             shrink, top)
        steps: list[list[float]] = []  # [value, first x, last x]
        for x, y in zip(xs, fitted):
            y = round(float(y), 4)
            if steps and steps[-1][0] == y:
                steps[-1][2] = x
            else:
                steps.append([y, x, x])
        out: list[tuple[float, float]] = []
        for k, (y, first, last) in enumerate(steps):
            rise = 0.0
            if last > first:
                ceiling = steps[k + 1][0] if k + 1 < len(steps) else min(top, y + 0.004)
                rise = min(0.004, (ceiling - y) / 2)
            for x, v in ((first, y), (last, y + rise)):
                x, v = round(x, 4), round(v, 4)
                if not out or (x > out[-1][0] and v > out[-1][1]):
                    out.append((x, v))
        return out

    by_method: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for score, method, right, *_ in data:
        by_method[method].append((score, right))
    everything = [(s, r) for s, _, r, *_ in data]
    curves = {"*": curve(everything, _TOP)}
    for method, points in sorted(by_method.items()):
        if (
            len(points) >= _MIN_SAMPLES and len({r for _, r in points}) == 2
            and sources_of[method] >= 2
        ):
            curves[method] = curve(points, _TOP_SAME if method == "same" else _TOP,
                                   {"*": curves["*"]})
    return curves


def _shrunk(
    xs: list[float], ys: list[float], fitted: list[float], prior: list[float], k: float,
    top: float,
) -> list[float]:
    """Isotonic steps (runs of equal ``fitted``) shrunk toward ``prior`` (the pooled curve at
    each answer): a step of n answers, r right, becomes (r + k p) / (n + k), p the prior's
    mean over the step (a Beta prior worth k answers); then made monotone again by an
    isotonic fit of the steps weighted n + k. A step of 3 answers moves; one of 300 barely."""
    from sklearn.isotonic import IsotonicRegression

    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(xs) + 1):
        if i == len(xs) or fitted[i] != fitted[start]:
            runs.append((start, i))
            start = i
    values = [(sum(ys[a:b]) + k * sum(prior[a:b]) / (b - a)) / (b - a + k) for a, b in runs]
    iso = IsotonicRegression(y_min=0.0, y_max=top, increasing=True)
    steps = iso.fit_transform(list(range(len(runs))), values,
                              sample_weight=[b - a + k for a, b in runs])
    out = list(fitted)
    for (a, b), v in zip(runs, steps):
        out[a:b] = [float(v)] * (b - a)
    return out


def flag(data: list[Sample], curves: Curves, within: float) -> list[Sample]:
    """Raw samples with ``rival`` read on ``curves``."""
    return [(s, m, r, x is not None and within > 0
             and _apply(curves, s, m) - _apply(curves, *x) < within) for s, m, r, x in data]


def fit_all(
    by_source: dict[str, list[Sample]], within: float, only: set[str] | None,
    shrink: float = 0.0,
) -> Curves:
    """Curves fitted on the raw samples of ``by_source`` that are not ambiguous, read on
    the curves themselves: first fitted on all, then three rounds (the flags settle)."""
    curves = _keep_shipped(
        fit({t: flag(v, {}, -1.0) for t, v in by_source.items()}, shrink), only)
    for _ in range(3):
        curves = _keep_shipped(
            fit({t: flag(v, curves, within) for t, v in by_source.items()}, shrink), only)
    return curves


def bootstrap(data: list[Sample], n: int, seed: int = 1) -> tuple[float, float]:
    """The 5th and 95th percentiles of the ECE of ``data`` resampled ``n`` times."""
    import random

    rng = random.Random(seed)
    values = sorted(ece([data[rng.randrange(len(data))] for _ in data]) for _ in range(n))
    return values[int(0.05 * (n - 1))], values[int(0.95 * (n - 1))]


def golden_moves() -> list[str]:
    """The golden cases (tests/golden) that the curves in calibration.yaml now resolve
    otherwise than their row says."""
    import csv

    from aliasres import calibrate, data

    data.load_rule_file.cache_clear()  # rule files are read once per process
    calibrate.curves.cache_clear()
    calibrate._groups.cache_clear()
    golden = ROOT / "tests" / "golden"
    resolver = aliasres.Resolver.from_yaml(golden / "table.yaml", bundled=False)
    moved = []
    with open(golden / "cases.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            match = resolver.resolve(row["name"])
            got = match.id if match else ""
            if got != row["expected"]:
                moved.append(f"{row['name']!r}: {got or 'nothing'}, the row says "
                             f"{row['expected'] or 'nothing'} ({row['why']})")
    return moved


def predict(curves: Curves, data: list[Sample]) -> list[Sample]:
    """``data`` with each raw score replaced by the calibrated probability."""
    return [(_apply(curves, s, m), m, r, c) for s, m, r, c in data]


def _keep_shipped(curves: Curves, only: set[str] | None) -> Curves:
    """``curves`` with the shipped curve of every method not in ``only`` (all of ``curves``
    when ``only`` is None)."""
    if only is None:
        return curves
    import yaml

    shipped = yaml.safe_load(OUT.read_text(encoding="utf-8"))["curves"]
    kept = {m: [(float(x), float(y)) for x, y in knots] for m, knots in shipped.items()
            if m not in only}
    kept.update({m: knots for m, knots in curves.items() if m in only})
    return kept


def _apply(curves: Curves, raw: float, method: str) -> float:
    """A fitted curve applied as aliasres.calibrate applies the shipped ones."""
    from aliasres.calibrate import interpolate

    knots = curves.get(method) or curves["*"]
    return interpolate((tuple(x for x, _ in knots), tuple(y for _, y in knots)), raw)


def write(curves: Curves, fitted_on: str, n: int, of: int) -> None:
    lines = [
        "# GENERATED by tools/fit_calibration.py: the probability that a top answer is right,",
        "# by match method, as a monotone piecewise-linear curve of the raw score (isotonic",
        f"# regression on {n:,} top answers of {of:,} of the {fitted_on}: the others are of",
        "# ambiguous queries, which never resolve; see docs/accuracy.md).",
        "# A method without its own curve uses the curve of all methods ('*'); `groups` maps",
        "# methods fitted together to their curve.",
        "groups: {" + ", ".join(f"{k}: {v}" for k, v in GROUPS.items()) + "}",
        "curves:",
    ]
    for method, knots in curves.items():
        pts = ", ".join(f"[{x}, {y}]" for x, y in knots)
        lines.append(f"  {method!r}: [{pts}]" if method == "*" else f"  {method}: [{pts}]")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--check-only", action="store_true")
    parser.add_argument("--plot", type=Path, help="write a reliability plot (PNG) here")
    parser.add_argument(
        "--methods", help="comma-separated: refit only these methods' curves (a new match "
        "method), keeping the shipped curves of the others")
    parser.add_argument(
        "--rival-within", type=float, default=RIVAL_WITHIN,
        help=f"a second entity this near the first (on the curves) makes a query ambiguous, "
        f"left out of the fit (default {RIVAL_WITHIN}, the decision's margin)")
    parser.add_argument(
        "--shrink", type=float, default=SHRINK, metavar="K",
        help="shrink each method's steps toward the curve of all methods with a prior worth "
        f"K answers (default {SHRINK:g}, the shipped fit; 0: none)")
    parser.add_argument(
        "--bootstrap", type=int, default=0, metavar="N",
        help="a 90%% interval for each leave-one-source-out ECE, N resamples")
    parser.add_argument(
        "--dry-run", action="store_true",
        help="fit and report (golden cases included), but keep the shipped curves")
    args = parser.parse_args(argv)
    if not args.shrink >= 0 or args.bootstrap < 0:  # "not >=": nan is refused too
        parser.error("--shrink and --bootstrap take a number >= 0")
    if not (args.eval / "entities.jsonl").exists():
        print(f"skipped: {args.eval} not found")
        return 0
    status = 0
    if not args.check_only:
        within = args.rival_within
        raw = {t: samples(t, args.eval, calibrated=False) for t in SOURCES}
        only = set(args.methods.split(",")) if args.methods else None
        for held in SOURCES:
            curves = fit_all({t: raw[t] for t in SOURCES if t != held}, within, only,
                             args.shrink)
            predicted = predict(curves, raw[held])
            interval = ""
            if args.bootstrap:
                low, high = bootstrap(predicted, args.bootstrap)
                interval = f", 90% interval {low:.4f}-{high:.4f}"
            print(f"leave one source out{' (refitted methods only)' if only else ''}: "
                  f"fit on the others, ECE on {held:9}: "
                  f"{ece(predicted):.4f} (n={len(predicted)}){interval}")
        data = [x for t in SOURCES for x in raw[t]]
        fitted_on = "OFAC and UN held-out alias tasks and the cross-list task"
        if only:
            fitted_on += (f"; only {', '.join(sorted(only))} refitted so (--methods), the other "
                          "curves kept as fitted before")
        curves = fit_all(raw, within, only, args.shrink)
        used = sum(not x[3] for t in SOURCES for x in flag(raw[t], curves, within))
        for t in SOURCES:
            print(f"in sample (the shipped fit) on {t:9}: "
                  f"ECE={ece(predict(curves, raw[t])):.4f}")
        if args.shrink:
            fitted_on += f"; steps shrunk toward the pooled curve, prior of {args.shrink:g} answers"
        shipped = OUT.read_text(encoding="utf-8")
        write(curves, fitted_on, used, len(data))
        moved = golden_moves()
        for case in moved:
            print(f"golden case moved: {case}")
        if moved or args.dry_run:
            OUT.write_text(shipped, encoding="utf-8")
            golden_moves()  # the shipped curves loaded again
            print("not written: " + (f"{len(moved)} golden case(s) moved" if moved
                                     else "--dry-run") + "; the shipped curves are checked")
            status = 1 if moved and not args.dry_run else 0
    checked = {t: samples(t, args.eval, calibrated=True) for t in SOURCES}
    for task, data in checked.items():
        print(f"shipped curves on {task:9}: ECE={ece(data):.4f} (n={len(data)})")
        for p, acc, n in reliability(data):
            print(f"    predicted {p:.3f}  right {acc:.3f}  n={n}")
    if args.plot:
        plot(checked, args.plot)
    return status


def plot(checked: dict[str, list[Sample]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect")
    for task, data in checked.items():
        points = reliability(data)
        ax.plot([p for p, _, _ in points], [a for _, a, _ in points], marker="o",
                label=f"{task} (ECE {ece(data):.3f}, n={len(data)})")
    ax.set_xlabel("Match.score (predicted probability)")
    ax.set_ylabel("share of top answers that are right")
    ax.set_title("aliasres calibration: reliability")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    raise SystemExit(main())
