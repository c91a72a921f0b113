"""The pandas helper and the status logic shared with the command line and Spark."""

from __future__ import annotations

import doctest
import math
import sys
from collections.abc import Callable

import pytest

import aliasres
import aliasres.pandas
from aliasres.pandas import AMBIGUOUS, RESOLVED, UNRESOLVED, Classifier, classify, resolve_series

TABLE = """\
    entities:
      - id: place/tripoli-lebanon
        type: place
        name: Tripoli, Lebanon
        aliases: [{name: Tripoli, shared: true}]
      - id: place/tripoli-libya
        type: place
        name: Tripoli, Libya
        aliases: [{name: Tripoli, shared: true}]
      - id: place/damascus
        type: place
        name: Damascus
        aliases: [{name: دمشق, lang: ar}]
      - id: person/hafez-al-assad
        type: person
        name: Hafez al-Assad
      - id: person/bashar-al-assad
        type: person
        name: Bashar al-Assad
    reject: [al-Assad]
"""


@pytest.fixture
def resolver(make_resolver: Callable[..., aliasres.Resolver]) -> aliasres.Resolver:
    return make_resolver(TABLE)


def test_doctests() -> None:
    assert doctest.testmod(aliasres.pandas).failed == 0


def test_classify_statuses(resolver: aliasres.Resolver) -> None:
    match = resolver.resolve("Damascus")
    assert match is not None
    assert classify(resolver, "Damascus")[:4] == (match.id, match.name, match.score, RESOLVED)
    tripoli = classify(resolver, "Tripoli")
    assert tripoli.status == AMBIGUOUS and tripoli.id is None and tripoli.score is not None
    assert sorted(tripoli.candidates) == ["place/tripoli-lebanon", "place/tripoli-libya"]
    for junk in ("", "   ", None, 12, float("nan"), "Qwxz Vbnm"):
        result = classify(resolver, junk)
        assert result.status == UNRESOLVED and result.id is None


def test_ambiguous_follows_threshold_and_margin(resolver: aliasres.Resolver) -> None:
    """Ambiguous exactly when resolve() declines although the two best candidates are close
    enough and their probabilities together reach the threshold: recomputed here from
    candidates(), for every name the table knows and a few more."""
    queries = [n.name for e in resolver.entities for n in e.names()]
    queries += ["al-Assad", "Assad", "Hafez Assad", "Tripoly", "Damascus city"]
    for name in queries:
        result = classify(resolver, name)
        top = resolver.candidates(name, limit=2)
        if resolver.resolve(name) is not None:
            assert result.status == RESOLVED
        elif len(top) == 2 and top[0].score + top[1].score >= resolver.threshold and (
                top[1].score >= resolver.threshold
                or top[1].score >= top[0].score - resolver.margin):
            assert result.status == AMBIGUOUS, name
        else:
            assert result.status == UNRESOLVED, name


def test_classifier_cache_is_bounded(resolver: aliasres.Resolver) -> None:
    classify_one = Classifier(resolver, cache_size=2)
    for name in ["Damascus", "Tripoli", "Damascus", "دمشق", "Tripoli"]:
        assert classify_one(name) == classify(resolver, name)
    assert classify_one.hits == 1 and classify_one.misses == 4
    assert len(classify_one._cache) == 2


def test_resolve_series(resolver: aliasres.Resolver) -> None:
    pd = pytest.importorskip("pandas")
    names = pd.Series(["Damascus", None, "Tripoli", "", float("nan"), "دمشق", "Damascus"],
                      index=[10, 11, 12, 13, 14, 15, 16])
    frame = resolve_series(names, resolver)
    assert list(frame.columns) == ["id", "name", "score", "status"]
    assert list(frame.index) == list(names.index)
    assert frame["score"].dtype == "float64"
    for value, (_, row) in zip(names.tolist(), frame.iterrows()):
        want = classify(resolver, value)
        assert row["status"] == want.status
        assert (row["id"] if isinstance(row["id"], str) else None) == want.id
        if want.score is None:
            assert math.isnan(row["score"])
        else:
            assert row["score"] == want.score
    prefixed = resolve_series(names, resolver, prefix="city")
    assert list(prefixed.columns) == ["city_id", "city_name", "city_score", "city_status"]
    assert resolve_series(pd.Series([], dtype=object), resolver).shape == (0, 4)
    assert list(resolve_series(["Damascus"], resolver)["status"]) == [RESOLVED]


def test_resolve_series_by_type(resolver: aliasres.Resolver) -> None:
    pd = pytest.importorskip("pandas")
    frame = resolve_series(pd.Series(["Damascus"]), resolver, type="person")
    assert frame["status"].tolist() == [classify(resolver, "Damascus", type="person").status]


def test_missing_pandas_is_explained(monkeypatch: pytest.MonkeyPatch,
                                     resolver: aliasres.Resolver) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"aliasres\[pandas\]"):
        resolve_series(["Damascus"], resolver)  # type: ignore[arg-type]


def test_bad_type_or_resolver_fails_also_on_an_empty_series(resolver: aliasres.Resolver) -> None:
    """A bad argument fails at once, not only once the Series holds a name (an empty
    batch passed, the first real one failed; resolver='x' gave AttributeError)."""
    pd = pytest.importorskip("pandas")
    empty = pd.Series([], dtype=object)
    with pytest.raises(ValueError, match="type must be one of"):
        resolve_series(empty, resolver, type="planet")
    with pytest.raises(TypeError, match="resolver must be an aliasres.Resolver"):
        resolve_series(pd.Series(["Damascus"]), "tables.yaml")  # type: ignore[arg-type]
    # nearest wrong neighbour: a good type on an empty Series is an empty frame
    assert resolve_series(empty, resolver, type="place").shape == (0, 4)
