"""The organisation-word table and concept keys (aliasres.orgwords)."""

from __future__ import annotations

import doctest

import pytest

import aliasres
import aliasres.orgwords
from aliasres.orgwords import concept_keys, concept_words, org_words
from aliasres.parts import parse


def test_doctests() -> None:
    assert doctest.testmod(aliasres.orgwords).failed == 0


def test_every_listed_word_names_one_concept() -> None:
    """A word listed under two concepts would silently take the first: refuse it."""
    from aliasres.data import load_rule_file
    from aliasres.orgwords import _forms

    seen: dict[str, str] = {}
    for concept, words in load_rule_file("org_words")["concepts"].items():
        for word in words:
            for form in _forms(str(word)):
                assert seen.setdefault(form, concept) == concept, (
                    f"{word!r} is listed under {seen[form]} and {concept}"
                )
    assert org_words().optional <= set(load_rule_file("org_words")["concepts"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("جبهة النصرة", "al-Nusra Front"),
        ("Front al-Nosra", "al-Nusra Front"),
        ("الجماعة الإسلامية المسلحة", "Armed Islamic Group"),
        ("تحریک طالبان پاکستان", "Tehrik-e Taliban Pakistan"),
        ("حركة التوحيد والجهاد في غرب إفريقيا", "Mouvement pour l'unification et le jihad en Afrique de l'Ouest"),
    ],
)
def test_translations_share_a_key(a: str, b: str) -> None:
    assert set(concept_keys(parse(a))) & set(concept_keys(parse(b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("جبهة النصرة", "al-Nusra Front for the People of the Levant"),  # a word fewer
        ("Islamic State", "Islamic State in Iraq"),
        ("Islamic Army", "Islamic Front"),
    ],
)
def test_other_names_do_not(a: str, b: str) -> None:
    assert not set(concept_keys(parse(a))) & set(concept_keys(parse(b)))


def test_persons_and_single_words_have_no_key() -> None:
    assert concept_keys(parse("Ahmed al-Sharaa")) == ()
    assert concept_keys(parse("Front")) == ()


def test_concept_words_tell_one_language_from_a_translation() -> None:
    assert concept_words(parse("Popular Revolutionary Struggle")) == concept_words(
        parse("Revolutionary Popular Struggle")
    )
    assert concept_words(parse("جبهة النصرة")) != concept_words(parse("al-Nusra Front"))


def _orgs(*names: str) -> aliasres.Resolver:
    return aliasres.Resolver(
        [aliasres.Entity(f"org/{i}", "organization", n) for i, n in enumerate(names)]
    )


def test_a_translation_keeps_the_naming_words_spelled_alike() -> None:
    r = _orgs("Al-Kawthar Company", "Jabhat al-Nusra")
    for name, expected in [
        ("شركة الكوثر", "org/0"),  # the same words, translated
        ("Al Kawsar Co.", "org/0"),
        ("جبهة النصرة", "org/1"),
        ("al-Nosra Front", "org/1"),
    ]:
        m = r.resolve(name)
        assert m is not None and m.id == expected, name


def test_a_translation_with_other_naming_words_is_another_body() -> None:
    # the coarse consonant keys of Kavoshyar and Kawthar agree; the words do not
    r = _orgs("Kavoshyar Company", "Al-Awdah Brigades")
    for name in ["Al Kawthar Co.", "شركة الكوثر", "9th Brigade", "Awda Company"]:
        assert r.resolve(name) is None, name


def test_money_is_optional_beside_exchange() -> None:
    r = _orgs("Selselat al Thahab For Money Exchange", "Selselat al Thahab Trading")
    m = r.resolve("سلسلة الذهب للصرافة")
    assert m is not None and m.id == "org/0"
    assert r.resolve("سلسلة الذهب") is None  # the name without its organisation word


def test_a_country_noun_and_its_adjective_name_one_country() -> None:
    # lists write a body's country as noun or adjective, and Company or Corporation
    r = _orgs("Korean National Insurance Company", "Korea National Reinsurance Company",
              "Korean National Insurance Trading Company")
    for name in ["Korea National Insurance Corporation", "KOREA NATIONAL INSURANCE COMPANY",
                 "Korean National Insurance Corp."]:
        m = r.resolve(name)
        assert m is not None and m.id == "org/0", name
    # another naming word, a word more, another country: another body
    for name in ["Korea National Assurance Corporation", "China National Insurance Corporation",
                 "Korea National Insurance Shipping Corporation"]:
        m = r.resolve(name)
        assert m is None or m.id != "org/0", name


def test_country_concepts_keep_countries_apart() -> None:
    assert set(concept_keys(parse("Chinese Trading Company"))) == set(
        concept_keys(parse("China Trading Corporation"))
    )
    assert not set(concept_keys(parse("Korean Trading Company"))) & set(
        concept_keys(parse("Chinese Trading Company"))
    )


def test_of_and_for_write_one_word_in_an_organisation_name() -> None:
    # English names write a body's purpose with either preposition: the same name, scored as
    # a designator written otherwise (designator_synonyms), not as a word the alias lacks
    r = aliasres.Resolver([
        aliasres.Entity("org/cdhr", "organization", "Committee for the Defence of Human Rights"),
    ])
    swapped = r.candidates("Committee of the Defence of Human Rights")
    assert swapped and swapped[0].id == "org/cdhr" and swapped[0].method == "key"
    assert r.resolve("Committee of the Defence of Human Rights") == swapped[0]
    both = r.resolve("Committee of the Defence for Human Rights")
    assert both is not None and both.id == "org/cdhr" and both.method == "key"
    # "and" and "in" are not paired with them (the score stays that of a word left over)
    (other,) = r.candidates("Committee and the Defence of Human Rights")
    assert other.score < swapped[0].score
    # a longer name names another body
    assert r.resolve("Committee for the Defence of Human Rights in Syria") is None
