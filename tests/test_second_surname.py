"""A name with two family names, the second left off on one side (issue 10).

Spanish and Portuguese names carry the father's and the mother's family names (Rafael
Alfredo SARRIA DIAZ), Iranian ones often a compound (Hassan SHAHVARPOUR NAJAFABADI); the
second is the one another list, or a news text, leaves off. See aliasres.score._first_surname
and docs/accuracy.md, "Two family names".
"""

from __future__ import annotations

import pytest

import aliasres
from aliasres.parts import lexicon, parse
from aliasres.resolve import DEFAULT_THRESHOLD
from aliasres.score import FIRST_SURNAME, part_sim, score_names
from aliasres.types import Entity


def _score(query: str, alias: str) -> tuple[float, str]:
    result = score_names(
        parse(query), parse(alias), "person", lexicon(), lambda i, a, b: part_sim(a, b)
    )
    return result.score, result.method


@pytest.mark.parametrize(
    ("query", "alias"),
    [
        ("Ignacio Valdivieso", "Ignacio Ramon Valdivieso Morales"),  # the table's second
        ("Ignacio Ramon Valdivieso", "Ignacio Ramon Valdivieso Morales"),
        ("Dariush Kalantari Nezhad", "Dariush Kalantari"),  # the query's second
        ("Ignacio Valdivieso", "Ignacio Valdivieso Morales"),
    ],
)
def test_second_family_name_left_off(query: str, alias: str) -> None:
    score, method = _score(query, alias)
    assert method == "partial"
    assert score >= 0.88


@pytest.mark.parametrize(
    ("query", "alias", "why"),
    [
        # a given name often left out: the next name is the one a person goes by
        ("Mohammed Wasfi", "Muhammad Wasfi Qarnawi", "optional first"),
        # in an Arabic name the part after the given name is the father's, a common name
        ("Omar Khalil", "Omar Khalil Zalloumi", "father's name"),
        # the short syllables of an East Asian name: Song is the given name's
        ("Kang Song", "Kang Song Jong", "syllables"),
        ("Pak Chol Song", "Pak Chol", "syllables"),
        # a one-syllable family name
        ("Chol Song", "Chol Song Jo", "short"),
        # an organisation's word after a person's name
        ("Tariq Zalloumi Network", "Tariq Zalloumi", "organisation"),
        ("Ramon Valdivieso", "Ignacio Ramon Valdivieso Morales", "given names differ"),
        # an Arabic family name or nisba last: the part before it is a grandfather's name
        ("Omar Irhayyim", "Omar Mahmood Irhayyim al-Fayyadh", "article"),
        # a title is no family name
        ("Iman Hajji", "Iman Hajji Mahmoud", "title"),
    ],
)
def test_nearest_wrong_neighbours(query: str, alias: str, why: str) -> None:
    score, _ = _score(query, alias)
    assert score == 0.0, why


def _resolver(*entities: Entity, calibrated: bool = True) -> aliasres.Resolver:
    return aliasres.Resolver(list(entities), calibrated=calibrated)


def test_found_by_blocking_and_resolved() -> None:
    """The table's aliases are found under their given name and first family name, and a
    query of four parts looks its given name up with the one before its last."""
    people = [
        Entity("p", "person", "Ignacio Ramon Valdivieso Morales"),
        Entity("q", "person", "Dariush Kalantari"),
    ]
    raw = _resolver(*people, calibrated=False)
    (match,) = raw.candidates("Ignacio Valdivieso")
    assert (match.id, match.method) == ("p", "partial")
    assert match.score <= FIRST_SURNAME
    found = _resolver(*people)
    for query, expected in [
        ("Ignacio Valdivieso", "p"),
        ("Dariush Kalantari Nezhad", "q"),
        ("Dariush Reza Kalantari Nezhad", "q"),
    ]:
        got = found.resolve(query)
        assert got is not None and got.id == expected, query
        assert got.score >= DEFAULT_THRESHOLD


def test_two_people_of_one_family_are_ambiguous() -> None:
    """Brothers share both family names: the first alone names either."""
    resolver = _resolver(
        Entity("a", "person", "Ignacio Ramon Valdivieso Morales"),
        Entity("b", "person", "Ignacio Luis Valdivieso Ortega"),
    )
    assert resolver.resolve("Ignacio Valdivieso") is None
