"""resolve_series gives None (not NaN) for a missing id or name, under pandas 2 and 3."""

from __future__ import annotations

import math

import pytest

from aliasres.pandas import resolve_series

pd = pytest.importorskip("pandas")


def test_missing_values_are_none() -> None:
    frame = resolve_series(pd.Series(["Bashar al-Assad", "", None, "Tripoli", 3]))
    assert frame["id"].tolist() == ["person/bashar-al-assad", None, None, None, None]
    assert frame["name"].tolist()[1:] == [None, None, None, None]
    assert frame["id"].dtype == object and frame["name"].dtype == object
    assert frame["score"].dtype == "float64" and math.isnan(frame["score"].iloc[1])
    empty = resolve_series(pd.Series([], dtype=object), prefix="p")
    assert list(empty.columns) == ["p_id", "p_name", "p_score", "p_status"] and empty.empty
