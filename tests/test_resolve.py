"""The Resolver API on tiny inline tables: decisions, ambiguity, types, alias flags, options."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import aliasres
from aliasres import Alias, Entity, Match, Resolver

BASE = """
entities:
  - id: person/bashar-al-assad
    type: person
    name: Bashar al-Assad
  - id: person/hafez-al-assad
    type: person
    name: Hafez al-Assad
  - id: org/hts
    type: organization
    name: Hayat Tahrir al-Sham
    aliases: [{name: HTS, kind: abbreviation}]
  - id: place/harim
    type: place
    name: Harim
"""


@pytest.fixture
def base(make_resolver: Callable[..., Resolver]) -> Resolver:
    return make_resolver(BASE)


def test_match_fields(base: Resolver) -> None:
    m = base.resolve("Bashar Assad")
    assert isinstance(m, Match)
    assert (m.id, m.name, m.type, m.alias, m.kind) == (
        "person/bashar-al-assad", "Bashar al-Assad", "person", "Bashar al-Assad", "canonical",
    )
    assert 0.8 <= m.score <= 1.0
    assert m.method in ("key", "fuzzy")


def test_exact_and_normalized(base: Resolver) -> None:
    assert base.resolve("Bashar al-Assad").method == "exact"  # type: ignore[union-attr]
    assert base.resolve("BASHAR AL ASSAD").method == "normalized"  # type: ignore[union-attr]


def test_match_is_frozen(base: Resolver) -> None:
    m = base.resolve("HTS")
    with pytest.raises(AttributeError):
        m.id = "x"  # type: ignore[misc,union-attr]


def test_ambiguous_family_name_gives_none_and_both_candidates(base: Resolver) -> None:
    assert base.resolve("Assad") is None
    ids = [m.id for m in base.candidates("Assad")]
    assert set(ids[:2]) == {"person/bashar-al-assad", "person/hafez-al-assad"}


def test_candidates_are_ordered_and_limited(base: Resolver) -> None:
    cands = base.candidates("Assad", limit=1)
    assert len(cands) == 1
    assert base.candidates("Assad", limit=0) == []
    scores = [m.score for m in base.candidates("al-Assad")]
    assert scores == sorted(scores, reverse=True)


def test_type_filter(base: Resolver) -> None:
    assert base.resolve("Harim", type="place").id == "place/harim"  # type: ignore[union-attr]
    assert base.resolve("Harim", type="person") is None
    with pytest.raises(ValueError, match="type must be one of"):
        base.resolve("Harim", type="city")


def test_nothing_close_enough(base: Resolver) -> None:
    assert base.resolve("Vladimir Putin") is None
    assert base.candidates("Vladimir Putin") == []
    assert base.resolve("") is None
    assert base.resolve("   ") is None


def test_non_string_raises_type_error(base: Resolver) -> None:
    with pytest.raises(TypeError):
        base.resolve(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        base.candidates(42)  # type: ignore[arg-type]
    # an unhashable name is refused as a name, not by the fast path's dict lookup
    with pytest.raises(TypeError, match="str"):
        base.resolve(["Bashar al-Assad"])  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", ["3", 2.5, None, True])
def test_candidate_limit_must_be_an_int(base: Resolver, limit: object) -> None:
    with pytest.raises(TypeError, match="limit must be an int"):
        base.candidates("Bashar al-Assad", limit=limit)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="limit must be an int"):
        base.near_misses("Bashar al-Asad", limit=limit)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit must be >= 0"):
        base.candidates("Bashar al-Assad", limit=-1)


def test_overlong_name_gives_none(base: Resolver) -> None:
    assert base.resolve("Bashar al-Assad " * 1000) is None


def test_resolve_many_equals_resolve(base: Resolver) -> None:
    names = ["Bashar Assad", "Assad", "HTS", "nobody", "Bashar Assad"]
    assert base.resolve_many(names) == [base.resolve(n) for n in names]


def test_explain_shows_the_decision(base: Resolver) -> None:
    text = base.explain("Assad")
    assert "ambiguous" in text and "person/hafez-al-assad" in text
    text = base.explain("Hafez Assad")
    assert "decision:    person/hafez-al-assad" in text
    text = base.explain("Maher al-Assad")
    assert "given names differ" in text or "parts differ" in text


def test_shared_alias_is_ambiguous(make_resolver: Callable[..., Resolver]) -> None:
    r = make_resolver("""
    entities:
      - {id: a, type: place, name: "Tripoli, Lebanon", aliases: [{name: Tripoli, shared: true}]}
      - {id: b, type: place, name: "Tripoli, Libya", aliases: [{name: Tripoli, shared: true}]}
    """)
    assert r.resolve("Tripoli") is None
    assert {m.id for m in r.candidates("Tripoli")} == {"a", "b"}
    assert r.resolve("Tripoli, Libya").id == "b"  # type: ignore[union-attr]


def test_weak_alias_matches_only_exactly(make_resolver: Callable[..., Resolver]) -> None:
    r = make_resolver("""
    entities:
      - id: p
        type: person
        name: Ibrahim al-Badri
        aliases: [{name: Abu Dua, weak: true}]
    """)
    assert r.resolve("Abu Dua").id == "p"  # type: ignore[union-attr]
    assert r.resolve("Abu Duaa") is None  # no fuzzy match on a weak alias


def test_epithet_never_resolves(make_resolver: Callable[..., Resolver]) -> None:
    r = make_resolver("""
    entities:
      - id: p
        type: person
        name: Abu Bakr al-Baghdadi
        aliases: [{name: the Caliph, kind: epithet}]
    """)
    assert r.resolve("the Caliph") is None
    (m,) = r.candidates("the Caliph")
    assert m.id == "p" and m.method == "epithet"


def test_reject_list(make_resolver: Callable[..., Resolver]) -> None:
    r = make_resolver("""
    entities:
      - {id: p, type: person, name: Omar Diaby, aliases: [Omsen]}
    reject: [Omsen]
    """)
    assert r.resolve("Omsen") is None
    assert r.resolve("Omar Diaby").id == "p"  # type: ignore[union-attr]


def test_threshold_and_margin_options() -> None:
    entities = [Entity("a", "person", "Ahmed al-Sharaa"), Entity("b", "person", "Ahmed al-Shara")]
    strict = Resolver(entities, threshold=0.99)
    assert strict.resolve("Ahmad al-Sharra") is None
    with pytest.raises(ValueError):
        Resolver(entities, threshold=0)
    with pytest.raises(ValueError):
        Resolver(entities, margin=1.5)


def test_entities_and_get() -> None:
    r = Resolver([Entity("a", "person", "Ahmed al-Sharaa", (Alias("Ahmad al-Sharaa"),))])
    assert len(r) == 1 and r.get("a").name == "Ahmed al-Sharaa"  # type: ignore[union-attr]
    assert r.get("missing") is None
    assert "1 entities" in repr(r)


def test_duplicate_ids_in_constructor() -> None:
    with pytest.raises(aliasres.AliasresError):
        Resolver([Entity("a", "person", "X"), Entity("a", "person", "Y")])


def test_parenthesised_acronym(base: Resolver) -> None:
    assert base.resolve("Hayat Tahrir al-Sham (HTS)").id == "org/hts"  # type: ignore[union-attr]
