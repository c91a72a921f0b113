"""Importing the UN, OFAC and OpenSanctions lists as alias tables.

The fixtures are verbatim excerpts of the real files (tests/fixtures/un_*_excerpt.xml,
ofac_*_excerpt.csv); the OpenSanctions one is hand-written in the FollowTheMoney format, since
no copy of that data may be used here. The full lists are tested when ../shared is present.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import aliasres
import aliasres.importers
from aliasres.fmt import format_table
from aliasres.importers import (
    ListFormatError,
    import_ofac,
    import_opensanctions,
    import_un,
    split_un_name,
    un_note_names,
)
from aliasres.normalize import normalize
from aliasres.tables import parse_table
from aliasres.types import Entity

FIXTURES = Path(__file__).parent / "fixtures"
UN = [FIXTURES / "un_2018_excerpt.xml", FIXTURES / "un_2026_excerpt.xml"]
OFAC = [FIXTURES / "ofac_sdn_excerpt.csv", FIXTURES / "ofac_alt_excerpt.csv",
        FIXTURES / "ofac_add_excerpt.csv"]
OPENSANCTIONS = [FIXTURES / "opensanctions_excerpt.jsonl"]


def test_doctests() -> None:
    assert doctest.testmod(aliasres.importers).failed == 0


def by_id(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.id: e for e in entities}


def names(entity: Entity) -> list[str]:
    return [a.name for a in entity.names()]


@pytest.mark.parametrize(("raw", "expected"), [
    ("Abu Ali", [("Abu Ali", "spelling")]),
    ("Abu Ali; Abu Omar", [("Abu Ali", "spelling"), ("Abu Omar", "spelling")]),
    ("شيخ الفاتح ، الفاتح", [("شيخ الفاتح", "spelling"), ("الفاتح", "spelling")]),
    ("a) Abu Ali b) Abu Omar", [("Abu Ali", "spelling"), ("Abu Omar", "spelling")]),
    ("Abu Ali (original script: أبو علي)", [("Abu Ali", "spelling"), ("أبو علي", "spelling")]),
    ("أبو علي (Abu Ali)", [("أبو علي", "spelling"), ("Abu Ali", "spelling")]),
    ("Al-Qaida in Iraq (AQI)", [("Al-Qaida in Iraq", "spelling"), ("AQI", "abbreviation")]),
    ("BUTEMBO AIRLINES (BAL)", [("BUTEMBO AIRLINES", "spelling"), ("BAL", "abbreviation")]),
    # a country after an upper-case name is not an acronym: the name is kept whole
    ("AL-HARAMAIN FOUNDATION (PAKISTAN)", [("AL-HARAMAIN FOUNDATION (PAKISTAN)", "spelling")]),
    ("Lom-ali Butayev (Butaev)", [("Lom-ali Butayev (Butaev)", "spelling")]),
    ("Abu Ali (Tigrinya)", [("Abu Ali", "spelling")]),
    ("Abu Ali (combat name)", [("Abu Ali", "spelling")]),
    ("Abu Ali (previously listed as)", [("Abu Ali", "spelling")]),
    ("Agha Jan Alizai اغا جان عالیزی", [("Agha Jan Alizai", "spelling"),
                                        ("اغا جان عالیزی", "spelling")]),
    ("Abu Ali, born 1970 in Homs", [("Abu Ali", "spelling")]),
    (") Abdelrahman al Dabissi", [("Abdelrahman al Dabissi", "spelling")]),
    ("“1-P”", [("1-P", "spelling")]),
    ("X Network - sub-unit name", [("X Network", "spelling")]),
    ("Abu Ali; abu ali", [("Abu Ali", "spelling")]),
    ("", []),
    ("(unclosed", [("(unclosed", "spelling")]),
])
def test_split_un_name(raw: str, expected: list[tuple[str, str]]) -> None:
    assert split_un_name(raw) == expected


def test_split_un_name_nested() -> None:
    raw = ("Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); "
           "Hay’et Tahrir al-Sham; Hayat Tahrir al-Sham)")
    assert [n for n, _ in split_un_name(raw)] == [
        "Hay’at Tahrir al-Sham", "HTS", "هيئة تحرير الشام", "Hay’et Tahrir al-Sham",
        "Hayat Tahrir al-Sham",
    ]


@pytest.mark.parametrize(("note", "alias", "expected"), [
    ("A B, C D (transliterations of original script name)", "x", [("A B", None), ("C D", None)]),
    ("transliterations: Shaykh al-Fatih; Al Fatih ) (Translation: The Conqueror)", "x",
     [("Shaykh al-Fatih", None), ("Al Fatih", None)]),
    ("Previously listed as. In Arabic: أبوبكر الجزائري ", "x", [("أبوبكر الجزائري", "ar")]),
    ("original script: Абу Банат", "x", [("Абу Банат", None)]),
    ("(Abu Du’a; Abu Duaa’) prominently known by this nom de guerre", "x",
     [("Abu Du’a", None), ("Abu Duaa’", None)]),
    ("Yunis al-Mauritani; Younis al-Mauritani", "شيخ يونس", [("Yunis al-Mauritani", None),
                                                              ("Younis al-Mauritani", None)]),
    # the same list after a Latin alias, and notes that are not names, give nothing
    ("Yunis al-Mauritani; Younis al-Mauritani", "Yunis", []),
    ("Passport number: B0515260; DOB: 1948; POB: Anefif (Kidal), Mali", "عبد", []),
    ("(Mother’s name: Fatma Ali Majour. Address: Mosul", "x", []),
    ("previously listed as", "x", []),
    ("born in 1973 in Shabwa, Yemen, nationality: Yemeni", "x", []),
])
def test_un_note_names(note: str, alias: str, expected: list[tuple[str, str | None]]) -> None:
    assert un_note_names(note, alias) == expected


def test_un_fixture() -> None:
    imported = import_un(UN)
    entities = by_id(imported.entities)
    assert set(entities) == {"un:QDi.317", "un:QDe.137", "un:QDe.115", "un:QDi.299",
                             "un:QDi.412", "un:TAi.014", "un:TAi.147", "un:QDi.006"}
    jawlani = entities["un:QDi.317"]
    assert jawlani.type == "person" and jawlani.name == "ABU MOHAMMED AL-JAWLANI"
    # names from the alias notes, the original script, quality Low -> weak
    assert "Abu Mohammed al-Julani" in names(jawlani)
    assert "أبو محمد الجولاني" in names(jawlani)
    weak = {a.name for a in jawlani.aliases if a.weak}
    assert {"Abu Ashraf", "شيخ الفاتح", "الفاتح", "Shaykh al-Fatih"} <= weak
    assert "Amjad Muzaffar Hussein Ali al-Naimi" not in weak
    # in the 2018 issue only; QDe.137 is in both and lists both
    assert jawlani.sources == ("UN Security Council Consolidated List (2018-10-29)",)
    nusrah = entities["un:QDe.137"]
    assert nusrah.sources == ("UN Security Council Consolidated List (2026-02-27)",
                              "UN Security Council Consolidated List (2018-10-29)")
    assert nusrah.type == "organization"
    hts = [a for a in nusrah.aliases if a.name == "HTS"]
    assert hts and hts[0].kind == "abbreviation"
    assert {"Jabhat al-Nusrah", "هيئة تحرير الشام", "Ansar al-Mujahideen Network"} <= \
        set(names(nusrah))
    # identity documents that state the name in Arabic script
    assert any(a.lang == "ar" for a in entities["un:QDi.412"].aliases)
    # issue order does not matter
    assert import_un(list(reversed(UN))).entities == imported.entities


def test_un_names_shared_by_two_entries_are_marked() -> None:
    imported = import_un(UN)
    owners: dict[str, set[str]] = {}
    for entity in imported.entities:
        for alias in entity.names():
            owners.setdefault(normalize(alias.name), set()).add(entity.id)
    for entity in imported.entities:
        for alias in entity.aliases:
            assert alias.shared == (len(owners[normalize(alias.name)]) > 1)
    assert any(a.shared for e in imported.entities for a in e.aliases)


def test_un_table_loads_and_resolves(make_table: object, tmp_path: Path) -> None:
    imported = import_un(UN)
    text = format_table(imported.entities, header=imported.header)
    assert text.startswith("# Imported by `aliasres import un`")
    table = parse_table(text, "un.yaml")
    assert table.entities == tuple(sorted(imported.entities, key=lambda e: e.id))
    path = tmp_path / "un.yaml"
    path.write_text(text, encoding="utf-8")
    resolver = aliasres.Resolver.from_yaml(path, bundled=False)
    match = resolver.resolve("Abu Mohammed al-Julani")
    assert match is not None and match.id == "un:QDi.317"


def test_ofac_fixture() -> None:
    imported = import_ofac(OFAC)
    entities = by_id(imported.entities)
    assert set(entities) == {"ofac:306", "ofac:3754", "ofac:11177", "ofac:15945", "ofac:16937",
                             "ofac:21266"}
    assert imported.skipped["vessel entries"] == 2
    # add.csv is read for its countries only; the rows of entries not imported are ignored
    assert "address rows (add.csv is not used)" not in imported.skipped
    jawlani = entities["ofac:15945"]
    # individuals are listed "LAST, First"
    assert jawlani.name == "Abu Muhammad AL-JAWLANI" and jawlani.type == "person"
    by_name = {a.name: a for a in jawlani.aliases}
    assert not by_name["Abu Muhammad AL-GOLANI"].weak  # from alt.csv
    assert by_name["AL-FATIH"].weak  # from the remarks: a weak a.k.a.
    assert jawlani.sources == ("OFAC SDN list",)
    assert "SDGT" in (jawlani.description or "")
    bank = entities["ofac:306"]
    assert bank.type == "organization" and [a.name for a in bank.aliases if a.weak] == ["BNC"]
    # a weak a.k.a. with apostrophes inside it
    assert "ABU-'UMAR" in names(entities["ofac:3754"])
    nusrah = entities["ofac:16937"]
    assert "HAY'AT TAHRIR AL-SHAM" in names(nusrah)


def test_ofac_needs_sdn_and_rejects_other_csv(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="no OFAC sdn.csv"):
        import_ofac([FIXTURES / "ofac_alt_excerpt.csv"])
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="odd.csv"):
        import_ofac([FIXTURES / "ofac_sdn_excerpt.csv", odd])
    with pytest.raises(ListFormatError, match="missing.csv"):
        import_ofac([tmp_path / "missing.csv"])


def test_un_rejects_other_files(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="ofac_sdn_excerpt.csv"):
        import_un([FIXTURES / "ofac_sdn_excerpt.csv"])
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not a UN consolidated list"):
        import_un([other])


def test_opensanctions_fixture() -> None:
    imported = import_opensanctions(OPENSANCTIONS)
    entities = by_id(imported.entities)
    assert set(entities) == {"os:NK-test-jawlani", "os:NK-test-nusrah", "os:NK-test-company"}
    assert imported.skipped == {"Address entities": 1, "Sanction entities": 1,
                                "Vessel entities": 1, "entries without a usable name": 1}
    person = entities["os:NK-test-jawlani"]
    assert person.type == "person" and person.name == "Abu Mohammed al-Jawlani"
    # the two lines of the same id are merged; a weak alias that a strong name repeats is kept
    # once, and weak
    assert person.sources == ("OpenSanctions (un_sc_sanctions)", "OpenSanctions (us_ofac_sdn)")
    assert "Abu Muhammad AL-JAWLANI" in names(person)
    assert {a.name for a in person.aliases if a.weak} == {"Al Fatih", "Abu Ashraf"}
    org = entities["os:NK-test-nusrah"]
    kinds = {a.name: a.kind for a in org.aliases}
    assert kinds["Jabhat Fath al-Sham"] == "former_name" and kinds["JN"] == "abbreviation"
    company = entities["os:NK-test-company"]
    assert names(company) == ["Example Trading Company", "Old Example Trading"]


def test_opensanctions_bad_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "schema": "Person", "properties": {}}\nnot json\n',
                   encoding="utf-8")
    with pytest.raises(ListFormatError, match="bad.jsonl:2"):
        import_opensanctions([bad])
    bad.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="bad.jsonl:1"):
        import_opensanctions([bad])


def test_real_un_lists(shared_dir: Path, tmp_path: Path) -> None:
    """Both UN issues: every entry imported once, every table name valid, al-Julani found."""
    sources = shared_dir / "eval" / "sources"
    imported = import_un([sources / "un_consolidated_2018-10-29.xml",
                          sources / "un_consolidated_2026-02-27.xml"])
    assert len(imported.entities) > 1000
    text = format_table(imported.entities, header=imported.header)
    table = parse_table(text, "un.yaml")  # validates every name
    assert len(table.entities) == len(imported.entities)
    path = tmp_path / "un.yaml"
    path.write_text(text, encoding="utf-8")
    match = aliasres.Resolver.from_yaml(path, bundled=False).resolve("Abu Mohammed al-Julani")
    assert match is not None and match.id == "un:QDi.317"


def test_real_ofac_lists(shared_dir: Path) -> None:
    sources = shared_dir / "eval" / "sources"
    imported = import_ofac([sources / "ofac_sdn.csv", sources / "ofac_alt.csv"])
    assert len(imported.entities) > 5000
    table = parse_table(format_table(imported.entities), "ofac.yaml")
    assert by_id(table.entities)["ofac:15945"].name == "Abu Muhammad AL-JAWLANI"
