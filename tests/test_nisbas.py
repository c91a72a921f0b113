"""Nationality nisbas translated (aliases/rules/nisbas.yaml, aliasres/query.py)."""

from __future__ import annotations

import pytest

import aliasres
from aliasres.query import Query, _nisba_readings, _nisbas


def _resolver() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/german", "person", "Denis Cuspert",
                        (aliasres.Alias("Abu Talha al-Almani"),)),
        aliasres.Entity("person/egyptian", "person", "Reda Seyam",
                        (aliasres.Alias("Abu Talha the Egyptian"),)),
        aliasres.Entity("person/turki", "person", "Hassan Abdullah Hersi al-Turki"),
    ])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Abu Talha the German", "person/german"),
        ("ABU TALHA THE GERMAN", "person/german"),
        ("Abou Talha l'Allemand", "person/german"),
        ("Abu Talha al-Masri", "person/egyptian"),
        ("Abu Talha el Masri", "person/egyptian"),
    ],
)
def test_a_nationality_in_english_or_french_is_the_nisba(name: str, expected: str) -> None:
    m = _resolver().resolve(name)
    assert m is not None and m.id == expected and m.method == "translated", name


@pytest.mark.parametrize(
    "name",
    [
        "Abu Talha the Moroccan",  # another nationality: another person
        "Abu Talha al-Maghribi",
        "Abu Talha",  # the bare kunya
        "Abu Talha the",
    ],
)
def test_another_nationality_is_another_person(name: str) -> None:
    m = _resolver().resolve(name)
    assert m is None, (name, m)


def test_readings() -> None:
    assert _nisba_readings("abu talha the german") == [("abu talha al almani", False)]
    # "the" is no name part: the English reading is looked up only as a table writes it
    assert _nisba_readings("abu talha al almani") == [("abu talha the german", True)]
    assert _nisba_readings("the german trading company") == []  # not a name's first word
    assert _nisba_readings("german") == []
    # a translated reading is scored as a translation, never above the name as written
    assert [f.translated for f in Query.build("Omar the Chechen").forms] == [False, True]
    to_nisba, to_adjective = _nisbas()
    assert to_nisba["chechen"] == "shishani" and to_adjective["shishani"] == "chechen"


def test_a_family_name_that_is_a_nisba_still_matches_as_written() -> None:
    m = _resolver().resolve("Hassan al-Turki")
    assert m is not None and m.id == "person/turki" and m.method != "translated"


def test_the_english_reading_is_not_scored() -> None:
    # 'Amid al-Kurdi read "Amid the Kurd" is not a near spelling of Ahmed el-Kurd
    r = aliasres.Resolver([
        aliasres.Entity("person/kurd", "person", "Ahmad Harb al-Kurd",
                        (aliasres.Alias("Ahmed el-Kurd"),)),
        aliasres.Entity("person/kurdi", "person", "Umid Muhammadi",
                        (aliasres.Alias("Umid al-Kurdi", weak=True),)),
    ])
    m = r.resolve("'Amid AL-KURDI")
    assert m is None or m.id == "person/kurdi"
