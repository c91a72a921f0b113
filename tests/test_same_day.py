"""The same day of birth as evidence (aliasres.evidence.SAME_DAY).

A query and a listed person who share a full date of birth are one person far more often than
not: the only outcome of the evidence beyond the name that lets a near miss or words in common
(capped below the threshold otherwise) resolve. Each rule has its nearest wrong neighbour here:
another day, a 1 January (a placeholder for an unknown day), a year alone, a contradicting
country, and a name that shares nothing rare.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import aliasres
from aliasres.attributes import full_day, query_days
from aliasres.evidence import (
    LIKELIHOOD_RATIOS,
    OTHER_DAY,
    SAME_DAY,
    EntityFacts,
    Evidence,
    candidate_only,
)
from aliasres.score import NEAR, OVERLAP, OVERLAP_SCORE


def _people() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/naseer", "person", "Nasiruddin Haqqani",
                        (aliasres.Alias("Naseer Haqqani"),), countries=("AF",),
                        born=("1970-03-12",)),
        aliasres.Entity("person/ibrahim", "person", "Ibrahim Haqqani", born=("1970",)),
        aliasres.Entity("person/dale", "person", "Muslim Abu Abdurrahman Dale",
                        countries=("NO",), born=("1978-10-19",)),
        aliasres.Entity("person/kuwaiti", "person", "Abu Abdurrahman al-Kuwaiti",
                        countries=("KW",), born=("1981-01-01",)),
    ])


def test_full_day() -> None:
    assert full_day("1978-10-19") == "1978-10-19"
    # a 1 January is written for an unknown day; a year, a month or a range is no day
    for date in ("1978-01-01", "1978", "1978-10", "1943..1945"):
        assert full_day(date) is None, date
    assert query_days(["1978-10-19", 1978, "1980", dt.date(1990, 5, 6)]) == {
        "1978-10-19", "1990-05-06"}
    assert query_days(None) == frozenset() and query_days(dt.datetime(1990, 5, 6, 7)) == {
        "1990-05-06"}


def test_outcomes() -> None:
    facts = EntityFacts.of(("SY",), ("1970-03-12", "1971"))
    assert facts.days == {"1970-03-12"}
    assert Evidence.build(born="1970-03-12").outcomes(facts) == {"born": SAME_DAY}
    assert Evidence.build(born="1970-04-12").outcomes(facts) == {"born": OTHER_DAY}
    assert Evidence.build(born=1970).outcomes(facts) == {"born": "agree"}
    assert Evidence.build(born="1980-03-12").outcomes(facts) == {"born": "contradict"}
    # an iterator is read once for the years and once for the days
    assert Evidence.build(born=iter(["1970-03-12"])).outcomes(facts) == {"born": SAME_DAY}
    ratios = LIKELIHOOD_RATIOS["born"]
    assert ratios[SAME_DAY] > 100 > 1 > ratios[OTHER_DAY] > ratios["contradict"]


def test_a_near_miss_resolves_on_the_same_day_of_birth() -> None:
    r = _people()
    assert r.resolve("Maseer HAQQANI") is None
    m = r.resolve("Maseer HAQQANI", born="1970-03-12")
    assert m is not None and m.id == "person/naseer" and m.method == NEAR
    m = r.resolve("Maseer HAQQANI", born=dt.date(1970, 3, 12), countries="AF")
    assert m is not None and m.id == "person/naseer"
    assert r.candidates("Maseer HAQQANI", born="1970-03-12")[0].score >= r.threshold


@pytest.mark.parametrize("kwargs", [
    {"born": 1970},  # the year alone
    {"born": "1970"},
    {"born": "1970-03-13"},  # another day
    {"born": "1970-01-01"},  # a 1 January says no day
    {"born": "1970-03-12", "countries": "IQ"},  # the same day, and a country against
])
def test_a_near_miss_stays_a_candidate_without_the_same_day(kwargs: dict[str, object]) -> None:
    r = _people()
    assert r.resolve("Maseer HAQQANI", **kwargs) is None  # type: ignore[arg-type]
    cands = r.candidates("Maseer HAQQANI", **kwargs)  # type: ignore[arg-type]
    assert cands and cands[0].id == "person/naseer" and cands[0].score < r.threshold


def test_words_in_common_resolve_on_the_same_day_of_birth() -> None:
    r = _people()
    name = "Abu Abdurrahman THE NORWEGIAN"
    assert r.resolve(name) is None
    cands = r.candidates(name)
    assert cands[0].id == "person/dale" and candidate_only(cands[0])
    m = r.resolve(name, born="1978-10-19")
    assert m is not None and m.id == "person/dale" and m.method == OVERLAP
    assert m.score > OVERLAP_SCORE and not candidate_only(m)
    assert r.candidates(name, born="1978-10-19")[0] == m
    # the nearest wrong neighbours: one kunya, another person, another day or a placeholder
    assert r.resolve(name, born="1978-10-20") is None
    placeholder = aliasres.Resolver([aliasres.Entity(
        "person/dale", "person", "Muslim Abu Abdurrahman Dale", born=("1978-01-01",))])
    assert placeholder.candidates(name, born="1978-01-01")[0].id == "person/dale"
    assert placeholder.resolve(name, born="1978-01-01") is None
    assert r.resolve(name, born=1978) is None
    assert r.resolve(name, born="1978-10-19", countries="IQ") is None


def test_the_same_day_resolves_no_other_person_of_the_family() -> None:
    r = _people()
    # Ibrahim Haqqani gives a year only: Yahya Haqqani born that year names no one
    assert r.resolve("Yahya Haqqani", born="1970-03-12") is None


def test_the_same_day_survives_a_compiled_index(tmp_path: Path) -> None:
    out = tmp_path / "people.idx"
    _people().build_index(out)
    mapped = aliasres.Resolver.load(out)
    m = mapped.resolve("Maseer HAQQANI", born="1970-03-12")
    assert m is not None and m.id == "person/naseer"
    assert mapped.resolve("Maseer HAQQANI", born="1970-03-13") is None
