"""tools/fit_calibration.py: the shrinkage of a method's isotonic steps toward the pooled curve
(``--shrink``), on small made-up steps (the fit itself needs ../shared and runs offline)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

TOOL = Path(__file__).resolve().parent.parent / "tools" / "fit_calibration.py"


@pytest.fixture(scope="module")
def tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fit_calibration", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = path  # the tool puts the repository and benchmarks/ first
    return module


def test_a_small_step_moves_toward_the_prior_a_large_one_barely(tool) -> None:  # type: ignore[no-untyped-def]
    # a step of 2 wrong answers, then one of 200 answers 90% right; prior 0.5 everywhere
    xs = [0.70, 0.71] + [0.90 + i * 1e-4 for i in range(200)]
    ys = [0.0, 0.0] + [1.0] * 180 + [0.0] * 20
    fitted = [0.0, 0.0] + [0.9] * 200
    out = tool._shrunk(xs, ys, fitted, [0.5] * len(xs), 2.0, 0.995)
    assert out[0] == out[1] == pytest.approx((0 + 2 * 0.5) / (2 + 2))  # 0.25, not 0
    assert out[2] == pytest.approx((180 + 2 * 0.5) / (200 + 2))  # 0.896
    assert out == sorted(out)


def test_no_prior_weight_keeps_the_isotonic_steps(tool) -> None:  # type: ignore[no-untyped-def]
    xs, ys = [0.1, 0.2, 0.3, 0.4], [0.0, 1.0, 0.0, 1.0]
    fitted = [0.0, 0.5, 0.5, 1.0]
    assert tool._shrunk(xs, ys, fitted, [0.9] * 4, 0.0, 1.0) == pytest.approx(fitted)


def test_shrinking_toward_a_prior_keeps_the_steps_monotone(tool) -> None:  # type: ignore[no-untyped-def]
    # the prior falls where the steps rise: the shrunk steps are pooled, never decreasing
    xs = [0.1, 0.2, 0.3, 0.4]
    ys = [0.0, 1.0, 1.0, 1.0]
    fitted = [0.0, 1.0, 1.0, 1.0]
    out = tool._shrunk(xs, ys, fitted, [1.0, 0.0, 0.0, 0.0], 5.0, 1.0)
    assert out == sorted(out)
    assert all(0.0 <= v <= 1.0 for v in out)


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_a_shrink_below_zero_or_not_a_number_is_a_usage_error(tool, value, capsys) -> None:  # type: ignore[no-untyped-def]
    """Refused before anything is read or fitted (nan compared below 0 as False)."""
    with pytest.raises(SystemExit) as err:
        tool.main(["--shrink", value, "--eval", "/nonexistent"])
    assert err.value.code == 2 and "--shrink" in capsys.readouterr().err
