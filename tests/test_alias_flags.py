"""Alias markings of issue 15: ``typed`` (a plain phrase that is also a name resolves only
when its type is asked for), ``shared`` with one owner in the tables (never resolves alone),
and the ``nickname`` kind. Tiny inline tables; then the bundled entities they fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import aliasres
from aliasres.fmt import format_table
from aliasres.tables import load_table

MakeResolver = Callable[..., aliasres.Resolver]

TABLE = """\
entities:
  - id: org/asharq
    type: organization
    name: Asharq Al-Awsat
    aliases:
      - {name: صحيفة الشرق الأوسط, lang: ar}
      - {name: الشرق الأوسط, lang: ar, typed: true}
      - {name: Ikhwan Daily, typed: true}
  - id: org/mid
    type: organization
    name: Syrian Military Intelligence Directorate
    aliases:
      - {name: Military Intelligence Directorate, shared: true}
  - id: person/n
    type: person
    name: Benjamin Netanyahu
    aliases:
      - {name: Bibi, kind: nickname, weak: true}
      - {name: Bibi Netanyahu, kind: nickname}
"""


@pytest.fixture
def resolver(make_resolver: MakeResolver) -> aliasres.Resolver:
    return make_resolver(TABLE)


def _id(m: aliasres.Match | None) -> str | None:
    return m.id if m else None


def test_typed_alias_needs_its_type(resolver: aliasres.Resolver) -> None:
    assert resolver.resolve("الشرق الأوسط") is None
    assert _id(resolver.resolve("الشرق الأوسط", type="organization")) == "org/asharq"
    assert resolver.resolve("الشرق الأوسط", type="place") is None


def test_typed_alias_blocks_the_other_routes_to_its_entity(resolver: aliasres.Resolver) -> None:
    # without the marking the phrase reaches the newspaper across scripts (Asharq al-Awsat)
    assert resolver.resolve("الشرق الأوسط") is None
    assert "org/asharq" not in {m.id for m in resolver.candidates("الشرق الأوسط")}


def test_typed_alias_neighbours_still_resolve(resolver: aliasres.Resolver) -> None:
    assert _id(resolver.resolve("صحيفة الشرق الأوسط")) == "org/asharq"
    assert _id(resolver.resolve("Asharq Al-Awsat")) == "org/asharq"
    assert _id(resolver.resolve("Ikhwan Daily", type="organization")) == "org/asharq"
    assert resolver.resolve("Ikhwan Daily") is None


def test_typed_alias_does_not_block_another_entity(make_resolver: MakeResolver) -> None:
    r = make_resolver(
        TABLE
        + """\
  - id: place/me
    type: place
    name: Middle East
    aliases:
      - {name: الشرق الأوسط, lang: ar}
"""
    )
    assert _id(r.resolve("الشرق الأوسط")) == "place/me"
    assert _id(r.resolve("الشرق الأوسط", type="organization")) == "org/asharq"


def test_shared_alias_with_one_owner_never_resolves(resolver: aliasres.Resolver) -> None:
    assert resolver.resolve("Military Intelligence Directorate") is None
    assert resolver.resolve("military intelligence directorate") is None
    assert resolver.resolve("Military Intelligence Directorate", type="organization") is None
    assert "org/mid" in {m.id for m in resolver.candidates("Military Intelligence Directorate")}
    # the nearest neighbour that does name it
    assert _id(resolver.resolve("Syrian Military Intelligence Directorate")) == "org/mid"


def test_nickname_kind(resolver: aliasres.Resolver) -> None:
    m = resolver.resolve("Bibi Netanyahu")
    assert m is not None and m.id == "person/n" and m.kind == "nickname"
    assert _id(resolver.resolve("Bibi")) == "person/n"  # weak: as written only
    assert resolver.resolve("Bibo") is None


def test_typed_must_be_a_boolean(make_table: Callable[[str], Path]) -> None:
    path = make_table(
        """\
        entities:
          - id: org/a
            type: organization
            name: A Group
            aliases:
              - {name: A, typed: sometimes}
        """
    )
    with pytest.raises(aliasres.AliasTableError, match=r":6: .*typed"):
        aliasres.Resolver.from_yaml(path, bundled=False)


def test_formatter_keeps_typed(make_table: Callable[[str], Path]) -> None:
    table = load_table(make_table(TABLE))
    assert "{name: الشرق الأوسط, lang: ar, typed: true}" in format_table(table)


# --- the bundled tables: what issue 15 fixed, each with its nearest neighbour


@pytest.mark.parametrize(
    ("name", "type", "expected"),
    [
        ("Sepah", None, None),  # Persian for army; Bank Sepah is another body
        ("Sepah-e Pasdaran", None, "org/islamic-revolutionary-guard-corps"),
        ("Ikhwan", None, None),  # Arabic for brothers
        ("Ikhwan", "organization", "org/muslim-brotherhood"),
        ("Muslim Brotherhood", None, "org/muslim-brotherhood"),
        ("Military Intelligence Directorate", None, None),
        ("General Security Forces", None, None),
        ("الشرق الأوسط", None, None),
        ("الشرق الأوسط", "organization", "org/asharq-al-awsat"),
        ("صحيفة الشرق الأوسط", None, "org/asharq-al-awsat"),
        ("The Base", None, None),
        ("al-Qaeda", None, "org/al-qaeda"),
        ("Bibi", None, "person/benjamin-netanyahu"),
        ("Apo", None, "person/abdullah-ocalan"),
    ],
)
def test_bundled_fixes(name: str, type: str | None, expected: str | None) -> None:
    assert _id(aliasres.resolve(name, type=type)) == expected, aliasres.explain(name, type=type)


def test_bundled_named_forms_resolve() -> None:
    mid = aliasres.resolve("Syrian Military Intelligence Directorate")
    gss = aliasres.resolve("General Security Service")
    assert mid is not None and mid.type == "organization"
    assert gss is not None and gss.id == "org/general-security-service"


def test_bundled_nicknames_are_nicknames() -> None:
    for eid, nick in [("person/benjamin-netanyahu", "Bibi"), ("person/abdullah-ocalan", "Apo")]:
        entity = aliasres.default_resolver().get(eid)
        assert entity is not None
        assert {a.kind for a in entity.aliases if a.name == nick} == {"nickname"}


def test_muhaxheri_is_kosovar() -> None:
    entity = aliasres.default_resolver().get("person/lavdrim-muhaxheri")
    assert entity is not None and "XK" in entity.countries


# --- a common word names an entity only as a table writes it (aliasres.lint.is_plain_word)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("النهر", None),  # the river, not the newspaper An-Nahar (النهار)
        ("صحيفة النهار", "org/an-nahar"),
        ("An-Nahar", "org/an-nahar"),
        ("العربية", None),  # Arabic (the language, the adjective), not the channel
        ("قناة العربية", "org/al-arabiya"),
        ("March", None),  # the month, not Maraş
        ("Kahramanmaraş", "place/tr/kahramanmaras"),
        ("الفتح", None),  # the conquest, not Fatah (فتح)
        ("فتح", "org/fatah"),
        ("Levant", None),
        ("Levant Front", "org/levant-front"),
        ("الشعبية", None),
        ("Shabiha", "org/shabiha"),
        ("Libération", "org/liberation"),  # a common word written as the table writes it
        ("Syrian", None),  # an adjective is no mention of the country
        ("Syria", "place/sy/syria"),
        ("التركية", None),
        ("تركيا", "place/tr/turkey"),
        ("وزير", None),  # minister, not Khalil al-Wazir
        ("Khalil al-Wazir", "person/khalil-al-wazir"),
        ("said", None),
        ("Saada", "place/ye/saada"),
        ("américain", None),
        ("Mersin", "place/tr/mersin"),
    ],
)
def test_plain_words(name: str, expected: str | None) -> None:
    assert _id(aliasres.resolve(name)) == expected, aliasres.explain(name)


def test_plain_word_explained() -> None:
    assert "common word" in aliasres.explain("النهر")


def test_weak_name_by_a_near_spelling_is_a_candidate_never_an_answer() -> None:
    r = aliasres.Resolver([
        aliasres.Entity("person/a", "person", "Ahmad Zia Agha",
                        (aliasres.Alias("Sia Agha Sayeed", weak=True),)),
        aliasres.Entity("person/b", "person", "Torek Agha"),
    ])
    # as written, a weak name resolves; respelled it is only listed
    m = r.resolve("Sia Agha Sayeed")
    assert m is not None and m.id == "person/a"
    assert r.resolve("Agha Sia Sayid") is None
    cands = r.candidates("Agha Sia Sayid")
    assert cands and cands[0].id == "person/a" and cands[0].score < r.threshold
    # every word as written, in another order (a list that writes the family name last):
    # the name, reordered, scored as any reordered name
    m = r.resolve("Agha Sia SAYEED")
    written = r.resolve("Sia Agha Sayeed")
    assert m is not None and written is not None
    assert m.id == "person/a" and m.score < written.score
    assert r.resolve("Agha Sia Sayeed Khan") is None  # a word more: not as written
    # the neighbour with the same family name is not listed through it
    assert all(c.id != "person/b" for c in r.candidates("Sia Agha Sayid"))


def test_weak_name_every_word_in_the_other_script_resolves() -> None:
    r = aliasres.Resolver([
        aliasres.Entity("person/a", "person", "Mohamed Belkalem",
                        (aliasres.Alias("Abdelali Abou Dher", weak=True),)),
        aliasres.Entity("person/b", "person", "Abdelali Abou Hamza"),
    ])
    m = r.resolve("عبد العالي ابو ذر")
    assert m is not None and m.id == "person/a"
    other = r.resolve("عبد العالي ابو حمزة")  # another kunya: the other person
    assert other is not None and other.id == "person/b"
    assert r.resolve("Abdelali Abu Dhar") is None  # a near Latin spelling of a weak name


def test_a_title_written_last_is_put_back_in_front() -> None:
    # "Iman HAJJI": a list that writes the family name last moves the title there
    r = aliasres.Resolver([
        aliasres.Entity("person/a", "person", "Abd al-Rahman al-Qaduli",
                        (aliasres.Alias("Hajji Iman", weak=True),)),
        aliasres.Entity("person/b", "person", "Iman Hajji Mahmoud"),
    ])
    m = r.resolve("Iman HAJJI")
    assert m is not None and m.id == "person/a"
    longer = r.resolve("Iman HAJJI Mahmoud")
    assert longer is None or longer.id == "person/b"
    # only as written: a respelled name with the title moved finds nothing by that route
    assert r.resolve("Eman HAJJI") is None
    assert "hajji iman" not in [f.normal for f in aliasres.query.Query.build("Iman Hajji Khan").forms]


def test_an_organisation_weak_name_reordered_is_another_name() -> None:
    # a list writes a person's family name last; an organisation's naming words keep order
    r = aliasres.Resolver([
        aliasres.Entity("org/a", "organization", "Castle Invest Holding SAL",
                        (aliasres.Alias("Castle Investment Holding Private JSC"),)),
        aliasres.Entity("org/b", "organization", "Castle Holding GmbH",
                        (aliasres.Alias("Castle Holding Investment", weak=True),)),
    ])
    m = r.resolve("CASTLE INVESTMENT HOLDING")
    assert m is None or m.id == "org/a"
    m = r.resolve("Castle Holding Investment")  # as written, the weak name resolves
    assert m is not None and m.id == "org/b"
