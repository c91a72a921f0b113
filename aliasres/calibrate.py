"""Calibration: a match's raw similarity, read as the probability that the answer is right.

The scorer's raw numbers (0.97 for every part matched by spelling rules, 0.92 for a
translated organisation name, ...) rank candidates well but mean different things by
method. ``aliases/rules/calibration.yaml`` maps each method's raw score to the share of
right answers seen at that score on real lists (a monotone, piecewise-linear curve per
method, fitted offline by ``tools/fit_calibration.py``; nothing is trained at run time).
:attr:`aliasres.Match.score` is that probability.

>>> calibrate(1.0, "exact") > 0.95
True
>>> calibrate(0.5, "epithet")  # a method with no curve keeps its raw score
0.5
"""

from __future__ import annotations

import functools
from bisect import bisect_right

from .data import load_rule_file
from .errors import RulesError

__all__ = ["calibrate", "curves", "interpolate"]

Curve = tuple[tuple[float, ...], tuple[float, ...]]
#: an epithet never resolves on its own: its score stays what it is
_UNCALIBRATED = frozenset({"epithet"})
#: a last-resort candidate (words in common, never an answer) keeps its raw score until its
#: method has a curve of its own: the curve of all methods describes answers, not these
_OWN_CURVE_ONLY = frozenset({"overlap"})


@functools.cache
def curves() -> dict[str, Curve]:
    """The fitted curves, by method: (raw knots, probabilities), both non-decreasing."""
    data = load_rule_file("calibration")
    out: dict[str, Curve] = {}
    try:
        for method, knots in data["curves"].items():
            xs = tuple(float(x) for x, _ in knots)
            ys = tuple(float(y) for _, y in knots)
            if not xs or list(xs) != sorted(xs) or list(ys) != sorted(ys):
                raise ValueError(f"the curve of {method!r} is not non-decreasing")
            if not all(0.0 <= y <= 1.0 for y in ys):
                raise ValueError(f"the curve of {method!r} leaves [0, 1]")
            out[str(method)] = (xs, ys)
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError("calibration.yaml", None, f"malformed calibration: {exc}") from exc
    return out


@functools.cache
def _groups() -> dict[str, str]:
    """Methods fitted together, to the name of their curve (exact and normalized: same)."""
    groups = load_rule_file("calibration").get("groups") or {}
    return {str(k): str(v) for k, v in groups.items()}


def calibrate(raw: float, method: str) -> float:
    """The probability that a match of this raw score and method is right (rounded to 4
    places), by the method's curve or else the curve of all methods (``*``); an epithet,
    and a last-resort ``overlap`` candidate without a curve of its own, keep their raw
    score."""
    if method in _UNCALIBRATED:
        return raw
    table = curves()
    method = _groups().get(method, method)
    curve = table.get(method) or (None if method in _OWN_CURVE_ONLY else table.get("*"))
    if curve is None:
        return raw
    return round(interpolate(curve, raw), 4)


def interpolate(curve: Curve, raw: float) -> float:
    """A curve's value at ``raw``: linear between its knots, flat beyond its ends."""
    xs, ys = curve
    if raw <= xs[0]:
        return ys[0]
    if raw >= xs[-1]:
        return ys[-1]
    i = bisect_right(xs, raw)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
