"""aliasres.parts: titles, particles, kunyas, compounds, the given-name head."""

from __future__ import annotations

import pytest

from aliasres.parts import lexicon, parse, regroup, split_digraphs


def idents(name: str) -> list[str]:
    return [p.ident for p in parse(name).parts]


@pytest.mark.parametrize(
    "variants",
    [
        ["Abd al-Rahman", "Abdul Rahman", "Abdel Rahman", "Abdulrahman", "Abderrahmane", "Abd-ur-Rahman"],
        ["Abdullah", "Abdallah", "Abd Allah", "Abdulla"],
        ["Abu Bakr", "Abou Bakr", "Abubakr"],
        ["Abu Abd al-Aziz", "Abu Abdulaziz"],
        ["ash-Sham", "al-Sham", "as-Sham", "el Sham"],
        ["an-Nusra", "al-Nusra"],
        ["Hidayatullah", "Hidayat Allah"],
        ["Shamsuddin", "Shams al-Din", "Shams ad-Din"],
    ],
)
def test_equivalent_particle_forms(variants: list[str]) -> None:
    forms = {tuple(idents(v)) for v in variants}
    assert len(forms) == 1, {v: idents(v) for v in variants}


def test_arabic_compound_and_kunya() -> None:
    assert [p.prefix for p in parse("عبد الرحمن").parts] == ["abd"]
    assert [p.prefix for p in parse("عبدالرحمن").parts] == ["abd"]
    assert [p.prefix for p in parse("أبو بكر").parts] == ["abu"]


def test_article_is_dropped_but_remembered() -> None:
    (part,) = parse("al-Sharaa").parts
    assert part.core == "sharaa" and part.article


def test_assimilated_article_needs_the_sun_letter() -> None:
    # "as" before s- is the article; "as" before another letter is a word
    assert len(parse("as Sham").parts) == 1
    assert len(parse("as Bakr").parts) == 2


def test_connectors_are_dropped() -> None:
    assert idents("Osama bin Laden") == idents("Osama Laden")
    assert parse("Osama bin Laden").parts[1].nasab


@pytest.mark.parametrize(
    ("name", "titles"),
    [
        ("President Ahmad al-Sharra", ("president",)),
        ("U.S. President Donald Trump", ("us", "president")),
        ("former President Bashar Assad", ("former", "president")),
        ("Sheikh Hassan Nasrallah", ("sheikh",)),
        ("الرئيس أحمد الشرع", ("الرييس",)),
    ],
)
def test_titles_are_stripped(name: str, titles: tuple[str, ...]) -> None:
    assert parse(name).titles == titles


def test_modifier_without_title_is_kept() -> None:
    assert parse("Syrian Arab Army").titles == ()


def test_title_is_never_the_whole_name() -> None:
    assert [p.core for p in parse("President").parts] == ["president"]


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Ahmed al-Sharaa", "ahmed"),
        ("Al Zawahry Aiman Mohamed Rabi", "aiman"),  # family name first
        ("Abu Mohammad al-Jolani", None),  # kunya and nisba: no given name
        ("al-Sharaa", None),
        ("Omsen", None),  # a single name has no head
    ],
)
def test_head_is_the_given_name(name: str, head: str | None) -> None:
    parsed = parse(name)
    assert (parsed.parts[parsed.head].core if parsed.head >= 0 else None) == head


@pytest.mark.parametrize(
    ("token", "split"),
    [("ishaq", "is'haq"), ("azhar", "az'har"), ("fathi", "fat'hi"), ("shahid", "shahid"),
     ("akhtar", "akhtar"), ("fath", "fath")],
)
def test_split_digraphs(token: str, split: str) -> None:
    # only a digraph between vowels may be two letters; at the start or before a consonant
    # it is one sound (Shahid, Akhtar)
    assert split_digraphs(token) == split


def test_split_reading_gives_an_extra_skeleton() -> None:
    part = parse("Ishaq").parts[0]
    assert part.split_skel and part.split_skel not in part.skels
    assert parse("Shahid").parts[0].split_skel == ""


def yes(text: str, arabic: bool) -> bool:
    return True


def test_regroup_joins_and_cuts_only_known_words() -> None:
    lex = lexicon()
    table = {"gholam", "ali", "gholamali", "bio", "forestal"}

    def word(text: str, arabic: bool) -> bool:
        return text in table

    def joined(text: str, arabic: bool) -> bool:
        return text in table

    readings = {
        " ".join(p.core for p in name.parts): changed
        for name, changed in regroup(lex, parse("Gholam Ali Bioforestal"), word, joined)
    }
    assert readings == {"gholamali bioforestal": (0,), "gholam ali bio forestal": (2, 3)}
    # a kunya, a numeral or an unknown half is never regrouped
    assert regroup(lex, parse("Abu Ali"), word, joined) == []
    numbered = regroup(lex, parse("Gholam II"), yes, lambda text, arabic: True)
    assert numbered and all(name.parts[-1].core == "ii" for name, _ in numbered)
    assert regroup(lex, parse("Bioxyz"), word, joined) == []


def test_regroup_is_bounded() -> None:
    lex = lexicon()
    name = parse("abcdefghijklmnop qrstuvwxyz")
    assert len(regroup(lex, name, yes, lambda text, arabic: True, limit=3)) == 3
    assert regroup(lex, parse(" ".join(["ab"] * 9)), yes, lambda text, arabic: True) == []


def test_al_din_written_as_one_word() -> None:
    def read(name: str) -> list[tuple[str, bool]]:
        return [(p.core, p.article) for p in parse(name).parts]

    assert read("Salahaldin") == [("salah", False), ("din", True)]  # glued with the l
    assert read("Nor Eldin") == [("nor", False), ("din", True)]  # apart, one word
    assert read("Salahaldin") == read("Salah al-Din") == read("Salahuddin")
    assert read("Geraldine") == [("geraldine", False)]  # not a stem of X al-Din
    assert read("Donaldine") == [("donaldine", False)]


def test_uddin_after_a_known_stem_only() -> None:
    assert [p.core for p in parse("Nasiruddin").parts] == ["nasir", "din"]
    assert [p.core for p in parse("Muhyiddin").parts] == ["muhy", "din"]
    # the -ideen of a plural is no al-Din
    assert [p.core for p in parse("Mujahideen").parts] == ["mujahideen"]  # an org word
    assert [p.core for p in parse("Mujahidin").parts] == ["mujahidin"]


def test_son_of_in_two_words_is_a_connector() -> None:
    assert [(p.core, p.nasab) for p in parse("Akhter Mohmad son of Noor Mohmad").parts] == [
        ("akhter", False), ("mohmad", False), ("noor", True), ("mohmad", False)
    ]
    assert [p.nasab for p in parse("اختر محمد ولد نور محمد").parts] == [False, False, True, False]
    assert [p.core for p in parse("Jabir Son").parts] == ["jabir", "son"]  # a word, not "son of"


def test_a_title_inside_a_name() -> None:
    assert [p.core for p in parse("Mehmood Dr. Bashir UDDIN").parts] == ["mehmood", "bashir", "din"]
    assert [p.core for p in parse("Ahmad Doctor").parts] == ["ahmad", "doctor"]  # the last word
    # Hajji inside a name is a name part (Mustafa Hajji Muhammad Khan)
    assert [p.core for p in parse("Mustafa Hajji Muhammad Khan").parts][:2] == ["mustafa", "hajji"]


def test_son_of_glued_to_the_name_after_it() -> None:
    assert [(p.core, p.nasab, p.article) for p in parse("Ramzi Binalshibh").parts] == [
        ("ramzi", False, False), ("shibh", True, True)
    ]
    assert [(p.core, p.nasab) for p in parse("سيف بنحسين").parts] == [("سيف", False), ("حسين", True)]
    # the first word, or a rest the name data does not know, stays whole
    assert [p.core for p in parse("Benalcazar Lopez").parts] == ["benalcazar", "lopez"]
    assert [p.core for p in parse("بنيامين نتنياهو").parts] == ["بنيامين", "نتنياهو"]


def test_allah_glued_as_alla_only_after_abd_or_a_known_name() -> None:
    # Abdalla, Fadlalla: Abd Allah, Fadl Allah; Ghazalla is Ghazala (a gazelle), one word
    assert [(p.prefix, p.core) for p in parse("Abdalla").parts] == [("abd", "lah")]
    assert [p.core for p in parse("Fadlalla").parts] == ["fadl", "lah"]
    assert [p.core for p in parse("Ghazalla").parts] == ["ghazalla"]


def test_legal_form_written_out_is_its_abbreviation() -> None:
    assert [p.core for p in parse("Polotsk Steklovolokno Open Joint-Stock Company").parts] == [
        "polotsk", "steklovolokno", "ojsc"]
    # a phrase alone stays as written
    assert [p.core for p in parse("Joint Stock Company").parts] == ["joint", "stock", "company"]
