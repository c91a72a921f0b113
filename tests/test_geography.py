"""Seas, straits, rivers and regions that belong to no single country (place/zz/..., issue
15): each resolves, and each name that could mislead does not reach it, or its nearest wrong
neighbour, on its own."""

from __future__ import annotations

import pytest

import aliasres
from aliasres.data import entity_table_paths
from aliasres.tables import load_table


@pytest.fixture(scope="module")
def resolver() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml()


@pytest.mark.parametrize(
    ("name", "type", "expected"),
    [
        ("Red Sea", None, "place/zz/red-sea"),
        ("البحر الأحمر", None, "place/zz/red-sea"),
        ("mer Rouge", None, "place/zz/red-sea"),
        ("Gulf of Aden", None, "place/zz/gulf-of-aden"),
        ("golfe d'Aden", None, "place/zz/gulf-of-aden"),
        ("Arabian Gulf", None, "place/zz/persian-gulf"),
        ("Strait of Hormuz", None, "place/zz/strait-of-hormuz"),
        ("باب المندب", None, "place/zz/bab-el-mandeb"),
        ("Bilad al-Sham", None, "place/zz/bilad-al-sham"),
        ("بلاد الشام", None, "place/zz/bilad-al-sham"),
        ("Levant", "place", "place/zz/bilad-al-sham"),
        ("Moyen-Orient", None, "place/zz/middle-east"),
        ("Middle East", None, "place/zz/middle-east"),
        ("الشرق الأوسط", "place", "place/zz/middle-east"),
        ("الشرق الأوسط", "organization", "org/asharq-al-awsat"),
        ("Jazira", "place", "place/zz/upper-mesopotamia"),
        ("دول الخليج", None, "place/zz/gulf-states"),
        ("Jordan River", None, "place/zz/jordan-river"),
    ],
)
def test_resolves(resolver: aliasres.Resolver, name: str, type: str | None, expected: str) -> None:
    m = resolver.resolve(name, type=type)
    assert m is not None and m.id == expected, (name, m)


@pytest.mark.parametrize(
    ("name", "not_this"),
    [
        ("الشرق الأوسط", "place/zz/middle-east"),  # also the newspaper: only with a type
        ("Jazira", "place/zz/upper-mesopotamia"),  # a word ("island"), and near Al Jazeera
        ("Al Jazeera", "place/zz/upper-mesopotamia"),
        ("Jordan", "place/zz/jordan-river"),  # the country
        ("Ahrar al-Sham", "place/zz/bilad-al-sham"),
        ("Levant", "place/zz/bilad-al-sham"),  # a plain word: only with type="place",
        ("Gulf Cooperation Council", "place/zz/gulf-states"),
    ],
)
def test_does_not_resolve_to_its_neighbour(
    resolver: aliasres.Resolver, name: str, not_this: str
) -> None:
    m = resolver.resolve(name)
    assert m is None or m.id != not_this, (name, m)


@pytest.mark.parametrize("name", ["al-Sham", "الشام", "Sham", "the Gulf", "الخليج"])
def test_ambiguous_names_resolve_to_neither(resolver: aliasres.Resolver, name: str) -> None:
    """al-Sham is Damascus or the Levant; the Gulf is the sea or the states around it."""
    assert resolver.resolve(name) is None
    assert len(resolver.candidates(name, limit=5)) >= 2


def test_zz_ids_are_places_of_no_single_country() -> None:
    for path in entity_table_paths():
        for e in load_table(path).entities:
            if e.id.startswith("place/zz/"):
                assert e.type == "place" and e.level == "other", e.id
                assert len(e.countries) != 1, f"{e.id}: one country: use its code"


def test_a_phrase_typed_on_entities_of_different_types_is_no_collision() -> None:
    from aliasres.cli.check import collisions
    from aliasres.types import Alias, Entity

    def table(org_alias: Alias, place_type: str = "place") -> list[Entity]:
        return [
            Entity("org/paper", "organization", "Paper", (org_alias,)),
            Entity("place/zz/region", place_type, "Region", (Alias("the phrase", typed=True),)),
        ]

    assert all(c.declared for c in collisions(table(Alias("the phrase", typed=True))))
    # untyped on one side, or typed on two entities of one type: a collision
    assert not all(c.declared for c in collisions(table(Alias("the phrase"))))
    assert not all(
        c.declared for c in collisions(table(Alias("the phrase", typed=True), "organization"))
    )
