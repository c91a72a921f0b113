"""The first names of a nasab chain (aliasres.score._nasab_prefix): a shorter form of the
same name, as another list writes it, and the names it must not take."""

from __future__ import annotations

import pytest

import aliasres


@pytest.fixture(scope="module")
def resolver() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/0", "person", "Omar Mahmood Irhayyim al-Fayyadh",
                        aliases=[aliasres.Alias("محمد طاهر حامد حسين")]),
        aliasres.Entity("person/1", "person", "Gabriel Jok Riak Makol"),
        aliasres.Entity("person/2", "person", "Nazir Bashtawi Karam Abdul Latif Hamoud"),
    ])


@pytest.mark.parametrize("name, expected", [
    # three names of four: given name, father, grandfather (the triple name of Arabic
    # official use), the family name left out
    ("Omar Mahmood Irhayyim", "person/0"),
    ("محمد طاهر حامد", "person/0"),
    ("Gabriel Jok Riak", "person/1"),
    # three of six, as before
    ("Nazir Bashtawi Karam", "person/2"),
])
def test_the_first_names_of_a_chain_resolve(
    resolver: aliasres.Resolver, name: str, expected: str
) -> None:
    m = resolver.resolve(name)
    assert m is not None and m.id == expected, name


@pytest.mark.parametrize("name", [
    "Omar Irhayyim",             # two names of four: one missing part is a missing family name
    "Omar Irhayyim Mahmood",     # not in order
    "Mahmood Irhayyim al-Fayyadh",  # the given name left out: the father's name
    "Omar Mahmood Irhayyim Ali",  # another family name
    "Omar Mahmood Saleh",        # another grandfather
    "Mohammad Tahir Hammid",     # three common given names prove nothing in Latin letters
    "Gabriel Riak Jok",
])
def test_not_the_first_names_of_the_chain(resolver: aliasres.Resolver, name: str) -> None:
    assert resolver.resolve(name) is None, name


@pytest.fixture(scope="module")
def short_names() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/0", "person", "Paul Malong Awan"),
        aliasres.Entity("person/1", "person", "Inayatullah"),
        aliasres.Entity("person/2", "person", "Abdul Ghani Baradar"),
    ])


@pytest.mark.parametrize("name, expected", [
    # the table's name is the first three names of the query's longer chain
    ("Paul Malong Awan Anei", "person/0"),
    ("Paul Malong Awan Anei Deng", "person/0"),
])
def test_a_longer_chain_of_a_three_part_name_resolves(
    short_names: aliasres.Resolver, name: str, expected: str
) -> None:
    m = short_names.resolve(name)
    assert m is not None and m.id == expected, name


@pytest.mark.parametrize("name", [
    "Paul Malong Awan Money Exchange",   # a body named after him, not a longer name
    "Paul Malong Awan Trading Company",
    "Paul Awan Malong Anei",             # not in order
    "Paul Malong Anei",                  # a part left out and another added
    "Inayatullah ur-Rahman Jalil",       # one name (a compound), not the first of a chain
    "Abdul Ghani Baradar Abdul Ahmad",   # two names are too few to extend
])
def test_not_a_longer_chain(short_names: aliasres.Resolver, name: str) -> None:
    assert short_names.resolve(name) is None, name
