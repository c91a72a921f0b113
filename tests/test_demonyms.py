"""A nationality adjective in a person's name ranks that country's people first
(aliasres/demonyms.py, aliases/rules/demonyms.yaml): golden cases and their nearest wrong
neighbours, and the table's integrity."""

from __future__ import annotations

import pytest

import aliasres
from aliasres.countries import is_code
from aliasres.demonyms import load, nationality_order, parse, query_countries
from aliasres.errors import RulesError
from aliasres.query import nisba_table

E, A = aliasres.Entity, aliasres.Alias


@pytest.fixture(scope="module")
def kunya() -> aliasres.Resolver:
    """Four people who hold one kunya; only their nationality tells them apart."""
    return aliasres.Resolver([
        E("p/kw", "person", "Khalid Mutairi", (A("Abu Abdurrahman"),), countries=("KW",)),
        E("p/ma", "person", "Karim Sanhaji", (A("Abu Abdurrahman"),), countries=("MA",)),
        E("p/no", "person", "Arne Olsen", (A("Abu Abdurrahman"),), countries=("NO",)),
        E("p/none", "person", "Said Kamal", (A("Abu Abdurrahman"),)),
        E("o/ma", "organization", "Moroccan Abdurrahman Foundation", countries=("MA",)),
    ])


def _ids(r: aliasres.Resolver, name: str) -> list[str]:
    return [m.id for m in r.candidates(name, limit=10)]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Abu Abdurrahman the Norwegian", "p/no"),
        ("ABU ABDURRAHMAN THE NORWEGIAN", "p/no"),
        ("Abu Abdurrahman le Norvégien", "p/no"),
        ("Abu Abdurrahman the Moroccan", "p/ma"),
        ("Abu Abdurrahman al-Maghribi", "p/ma"),  # the nisba (aliases/rules/nisbas.yaml)
        ("Abou Abdourrahmane le Marocain", "p/ma"),
        ("Abu Abdurrahman al-Kuwaiti", "p/kw"),
    ],
)
def test_the_person_of_that_nationality_ranks_first(
    kunya: aliasres.Resolver, name: str, first: str
) -> None:
    ids = _ids(kunya, name)
    assert ids[0] == first, ids
    # one of no known country next, the other nationalities last; the organisation of that
    # country is not lifted (a nationality adjective says where a person is from)
    assert ids.index("p/none") < min(ids.index(i) for i in ("p/kw", "p/ma", "p/no") if i != first)


@pytest.mark.parametrize(
    "name",
    [
        "Abu Abdurrahman the Norwegian",
        "Abu Abdurrahman al-Maghribi",
        "Abu Abdurrahman",  # the bare kunya
    ],
)
def test_never_an_answer_from_the_nationality_alone(kunya: aliasres.Resolver, name: str) -> None:
    assert kunya.resolve(name) is None


def test_a_nationality_no_candidate_has_changes_nothing(kunya: aliasres.Resolver) -> None:
    # l'Allemand: nobody here is German; the order is the score order (ties by id)
    found = kunya.candidates("Abu Abdurrahman l'Allemand", limit=10)
    assert len(found) > 1 and found == sorted(found, key=lambda m: (-m.score, m.id))


def test_an_adjective_that_is_the_first_word_or_without_article_is_no_nationality() -> None:
    assert query_countries("norwegian abdurrahman") == frozenset()
    assert query_countries("abu abdurrahman norwegian") == frozenset()
    assert query_countries("the norwegian") == frozenset()
    assert query_countries("abu bakr the south sudanese") == {"SS"}  # the longest adjective
    assert query_countries("abu bakr the sudanese") == {"SD"}


def test_a_nisba_that_is_a_family_name_changes_nothing() -> None:
    # al-Masri is these two people's family name: the name words match it already, so an
    # Egyptian of another name does not move above them
    r = aliasres.Resolver([
        E("p/jo", "person", "Hassan al-Masri", countries=("JO",)),
        E("p/sy", "person", "Hassan al-Masri", (), countries=("SY",), sources=("b",)),
        E("p/eg", "person", "Hassan Abdullah", countries=("EG",)),
    ])
    ids = _ids(r, "Hassan al-Masri")
    assert ids[:2] == ["p/jo", "p/sy"], ids
    assert r.resolve("Hassan al-Masri") is None  # one name, two people: still ambiguous


def test_the_nationality_ranks_above_a_higher_score_but_an_answer_keeps_its_place() -> None:
    r = aliasres.Resolver([
        E("p/sy", "person", "Omar Haddad", countries=("SY",)),
        E("p/no", "person", "Omar Hadad Olsen", countries=("NO",)),
    ])
    found = r.candidates("Omar Haddad the Norwegian", limit=5)
    assert [m.id for m in found] == ["p/no", "p/sy"] and found[0].score < found[1].score
    assert r.resolve("Omar Haddad the Norwegian") is None
    by_score = sorted(found, key=lambda m: -m.score)
    index = r._index
    assert nationality_order("omar haddad the norwegian", by_score, index.facts,
                             index.entity_index, answer=True) == by_score


def test_the_callers_countries_count_alike(kunya: aliasres.Resolver) -> None:
    # the name says Moroccan, the caller says Norway: both are "that country"; the caller's
    # evidence weighs the scores, which order the two
    ids = [m.id for m in kunya.candidates("Abu Abdurrahman the Moroccan", limit=10,
                                          countries=["NO"])]
    assert set(ids[:2]) == {"p/no", "p/ma"} and ids[-1] == "p/kw", ids


def test_table_integrity() -> None:
    table = load()
    assert table.country and all(is_code(c) for c in table.country.values())
    assert table.country[("norwegian",)] == "NO" and table.country[("norvegien",)] == "NO"
    assert table.country[("new", "zealand")] == "NZ"
    # every nisba whose adjectives name one country reads as that country
    for nisbas, adjectives in nisba_table():
        codes = {table.country[(a,)] for a in adjectives if (a,) in table.country}
        if len(codes) == 1:
            assert all(table.country[(n,)] == next(iter(codes)) for n in nisbas), nisbas
    assert table.country[("maghribi",)] == "MA" and ("shishani",) not in table.country


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("countries:\n  NO: {en: [norwegian]}\n  XX: {en: [foo]}\n", 3, "not an ISO"),
        ("countries:\n  NO: {en: [norwegian]}\n  NO: {en: [norse]}\n", 3, "twice"),
        ("countries:\n  NO: {en: [norwegian]}\n  SE: {en: [norwegian]}\n", 3, "NO and SE"),
        ("countries:\n  NO: {fr: [norvegien]}\n", 2, "needs 'en'"),
        ("countries:\n  NO: {en: norwegian}\n", 2, "list of words"),
        ("countries:\n  NO: {en: ['']}\n", 2, "no adjective"),
    ],
)
def test_table_errors_name_file_line_problem(text: str, line: int, problem: str) -> None:
    with pytest.raises(RulesError) as err:
        parse(text, "demonyms.yaml")
    assert err.value.line == line and problem in str(err.value), str(err.value)
    assert "demonyms.yaml" in str(err.value)


def test_unreadable_table() -> None:
    with pytest.raises(RulesError, match="countries"):
        parse("- a list\n")
    with pytest.raises(RulesError, match="cannot read"):
        parse("countries: [\n")
