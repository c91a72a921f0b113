"""Matching the entity, not one alias: a query may draw its parts from several names of one
person (aliasres.index.Index._combine), a title the list writes in parentheses is optional,
and the last-resort candidates of a name that found nothing (``overlap``: never an answer).

Each rule with its nearest wrong neighbour.
"""

from __future__ import annotations

import aliasres


def _people() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/rumuli", "person", "Gaston Iyamuremye", (
            aliasres.Alias("Byiringiro Victor Rumuli"),
            aliasres.Alias("Victor Rumuri"),
            aliasres.Alias("Rumuli", weak=True),
        )),
        aliasres.Entity("person/bashar", "person", "Bashar al-Assad", (
            aliasres.Alias("Bashar Hafez al-Assad"),
            aliasres.Alias("Bashar al-Asad"),
        )),
        aliasres.Entity("person/binalshibh", "person", "Ramzi Mohamed Binalshibh", (
            aliasres.Alias("Ramzi Mohamed Binalshib"),
            aliasres.Alias("Mohamed Bawazir"),
        )),
        aliasres.Entity("person/hilal", "person", "Musa Hilal Abdalla Alnsiem", (
            aliasres.Alias("(Sheikh) Musa Hilal", weak=True),
        )),
        aliasres.Entity("person/son", "person", "Ahmed Musa Hilal"),
        aliasres.Entity("person/sheikh", "person", "Ali Hasan Abdalla Omar", (
            aliasres.Alias("Sheikh Ali Hasan", weak=True),
        )),
    ])


def test_given_name_of_one_name_family_name_of_another() -> None:
    r = _people()
    # listed as Victor Rumuri and as Byiringiro Victor Rumuli: Victor Rumuli is that person
    m = r.resolve("Victor RUMULI")
    assert m is not None and m.id == "person/rumuli"
    assert m.score >= r.threshold


def test_a_name_inside_another_is_not_its_given_name() -> None:
    r = _people()
    # Hafez of Bashar Hafez al-Assad is his father's name: Hafez al-Assad is the father
    assert r.resolve("Hafez al-Assad") is None
    # Mohamed heads Mohamed Bawazir, whose family name is another: Mohamed Binalshibh is
    # Ramzi's father, not Ramzi
    assert r.resolve("Mohamed Binalshibh") is None
    # a different given name with the family name stays another person
    assert r.resolve("Michel Rumuli") is None


def test_a_title_in_parentheses_is_optional() -> None:
    r = _people()
    for name in ("Musa HILAL", "Sheikh Musa Hilal"):
        m = r.resolve(name)
        assert m is not None and m.id == "person/hilal", name
    # the son (his father's names after his own) and the father's name alone stay apart
    m = r.resolve("Ahmed Musa Hilal")
    assert m is not None and m.id == "person/son"
    assert r.resolve("Hilal Abdalla") is None


def test_a_title_not_in_parentheses_is_not_dropped_for_common_names() -> None:
    r = _people()
    # "Sheikh Ali Hasan" does not say that Ali Hasan, two common names, is this man
    assert r.resolve("Ali Hasan") is None
