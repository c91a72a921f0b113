"""Arabic-script spelling habits read against Latin tables: Allah without the article's
alif (عبدلله), عبد glued to the name before it (محمدعبد الكريم) and the prosthetic alif of
a word that starts with two consonants (استانکزی / Stanekzai). Each rule with its nearest
wrong neighbour."""

from __future__ import annotations

import pytest

from aliasres import Resolver
from aliasres.parts import parse
from aliasres.score import _prosthetic

TABLE = """
entities:
  - id: person/khalid-abdul-karim
    type: person
    name: Khalid Ahmad Abdul Karim al-Zubaidi
  - id: person/khalid-ahmad-al-zubaidi
    type: person
    name: Khalid Ahmad Karim al-Zubaidi
  - id: person/abdallah-salih
    type: person
    name: Abdallah Salih al-Najjar
  - id: person/abd-al-latif-salih
    type: person
    name: Abd al-Latif Salih al-Najjar
  - id: person/jawad-stanikzai
    type: person
    name: Jawad Hakim Stanikzai
  - id: person/jawad-tanikzai
    type: person
    name: Jawad Hakim Tanikzai
  - id: person/omar-ishaq
    type: person
    name: Omar Ishaq Barakzai
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("arabic") / "table.yaml"
    path.write_text(TABLE, encoding="utf-8")
    return Resolver.from_yaml(path, bundled=False)


def _id(resolver: Resolver, name: str) -> str | None:
    match = resolver.resolve(name)
    return None if match is None else match.id


def test_allah_without_the_alif_of_its_article() -> None:
    assert [p.label() for p in parse("عبدلله").parts] == [p.label() for p in parse("عبدالله").parts]
    assert [p.label() for p in parse("عبد لله").parts] == [p.label() for p in parse("عبد الله").parts]
    # another name after Abd keeps its letters (Abd al-Latif is not Abd Allah)
    assert [p.label() for p in parse("عبدلطيف").parts] != [p.label() for p in parse("عبدالله").parts]


def test_allah_without_alif_resolves(resolver: Resolver) -> None:
    assert _id(resolver, "عبدلله صالح النجار") == "person/abdallah-salih"
    assert _id(resolver, "عبد اللطيف صالح النجار") == "person/abd-al-latif-salih"


def test_abd_glued_to_the_name_before_it() -> None:
    parts = parse("خالد احمدعبد الكريم الزبيدي").parts
    assert [p.label() for p in parts] == [p.label() for p in parse("خالد احمد عبد الكريم الزبيدي").parts]
    # the last word (no name after Abd), a first word alone and an unknown stem stay whole
    assert [p.core for p in parse("خالد احمدعبد").parts] == ["خالد", "احمدعبد"]
    assert len(parse("زقزقعبد الكريم").parts) == 2


def test_glued_abd_resolves_and_keeps_its_name(resolver: Resolver) -> None:
    assert _id(resolver, "خالد احمدعبد الكريم الزبيدي") == "person/khalid-abdul-karim"
    # the same words without Abd are the other man (Karim is not Abd al-Karim)
    assert _id(resolver, "خالد احمد كريم الزبيدي") == "person/khalid-ahmad-al-zubaidi"


def test_prosthetic_alif() -> None:
    assert _prosthetic("استانکزی", "stanikzai")
    assert _prosthetic("اشتوتغارت", "shtutgart")
    assert not _prosthetic("اسحاق", "shaq")  # س is no sh
    assert not _prosthetic("اشرف", "srf")  # ش is no plain s
    assert not _prosthetic("اسامه", "sama")  # a vowel after س: the alif is a vowel
    assert not _prosthetic("استانکزی", "astanikzai")  # the Latin has the vowel anyway


def test_prosthetic_alif_resolves(resolver: Resolver) -> None:
    assert _id(resolver, "جواد حکیم استانکزی") == "person/jawad-stanikzai"
    assert _id(resolver, "جواد حکیم ستانکزی") == "person/jawad-stanikzai"
    # one consonant less is another name, with or without the alif
    assert _id(resolver, "جواد حکیم تانکزی") == "person/jawad-tanikzai"
    # an initial alif before a vowel is a vowel the Latin writes (Ishaq, not Shaq)
    assert _id(resolver, "عمر اسحاق بارکزی") == "person/omar-ishaq"

