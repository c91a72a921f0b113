"""Several sources loaded together (issue 12): same-as links and the attributes of tables."""

from __future__ import annotations

import datetime
import doctest
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import aliasres
import aliasres.attributes
import aliasres.countries
import aliasres.evidence
import aliasres.links
from aliasres.countries import codes_in, country_code
from aliasres.fmt import format_table
from aliasres.links import build_links, link_problems
from aliasres.tables import load_tables, parse_table
from aliasres.types import Alias, Entity, Match

MakeTable = Callable[..., Path]

CURATED = """\
entities:
  - id: person/abu-khalid-al-suri
    type: person
    name: Abu Khalid al-Suri
    sources: [un:QDi.900, "https://example.org/abu-khalid"]
  - id: org/jabhat-al-nasr
    type: organization
    name: Jabhat al-Nasr
    sources: [un:QDe.901]
"""
LISTED = """\
entities:
  - id: un:QDi.900
    type: person
    name: MUHAMMAD BAHAIAH
    born: [1963]
    countries: [SY]
    aliases: [Abu Khalid al-Suri, Abou Khaled el-Souri]
  - id: ofac:5001
    type: person
    name: Mohammed BAHAIAH
    same_as: [un:QDi.900]
    aliases: [Abu Khalid AL-SURI]
  - id: un:QDe.901
    type: person
    name: Jabhat al-Nasr leader
"""


@pytest.mark.parametrize(
    "module", [aliasres.links, aliasres.evidence, aliasres.attributes, aliasres.countries]
)
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- links
def test_linked_entities_resolve_as_one_with_the_curated_id(make_table: MakeTable) -> None:
    r = aliasres.Resolver.from_yaml(make_table(CURATED), make_table(LISTED), bundled=False)
    for name in ("Abu Khalid al-Suri", "MUHAMMAD BAHAIAH", "Mohammed Bahaiah", "Abou Khaled el-Souri"):
        m = r.resolve(name)
        assert m is not None and m.id == "person/abu-khalid-al-suri", name
        assert m.name == "Abu Khalid al-Suri"
        assert m.ids == ("person/abu-khalid-al-suri", "un:QDi.900", "ofac:5001")
    assert r.linked_ids("ofac:5001") == ("person/abu-khalid-al-suri", "un:QDi.900", "ofac:5001")
    text = r.explain("Abu Khalid al-Suri")
    assert "one entity with un:QDi.900, ofac:5001 (linked)" in text


def test_no_link_across_types(make_table: MakeTable) -> None:
    # the organisation cites a listing that is a person: a citation, not an identity
    r = aliasres.Resolver.from_yaml(make_table(CURATED), make_table(LISTED), bundled=False)
    assert r.linked_ids("org/jabhat-al-nasr") == ("org/jabhat-al-nasr",)
    m = r.resolve("Jabhat al-Nasr")
    assert m is not None and m.id == "org/jabhat-al-nasr" and m.ids == ("org/jabhat-al-nasr",)


def test_unlinked_namesakes_stay_ambiguous() -> None:
    es = [Entity("un:QDi.1", "person", "Ali Hassan"), Entity("ofac:2", "person", "Ali HASSAN")]
    assert aliasres.Resolver(es).resolve("Ali Hassan") is None
    linked = [es[0], Entity("ofac:2", "person", "Ali HASSAN", same_as=("un:QDi.1",))]
    m = aliasres.Resolver(linked).resolve("Ali Hassan")
    assert m is not None and m.id == "un:QDi.1" and m.ids == ("un:QDi.1", "ofac:2")


def test_imported_order_un_before_ofac_before_opensanctions() -> None:
    es = [
        Entity("os:NK-1", "person", "Ali Hassan", same_as=("ofac:2",)),
        Entity("ofac:2", "person", "Ali HASSAN", same_as=("un:QDi.1",)),
        Entity("un:QDi.1", "person", "ALI HASSAN"),
    ]
    links = build_links(es)
    assert [es[links.canonical[i]].id for i in range(3)] == ["un:QDi.1"] * 3


def test_match_stays_backward_compatible() -> None:
    plain = Match("a", "A", "person", 1.0, "A", "exact")
    assert plain.ids == () and "ids" not in repr(plain)
    assert plain == Match("a", "A", "person", 1.0, "A", "exact", "canonical", ("a", "b"))


def test_links_survive_pickling(make_table: MakeTable) -> None:
    r = aliasres.Resolver.from_yaml(make_table(CURATED), make_table(LISTED), bundled=False)
    again = pickle.loads(pickle.dumps(r))
    m = again.resolve("Mohammed BAHAIAH")
    assert m is not None and m.id == "person/abu-khalid-al-suri" and len(m.ids) == 3


def test_two_curated_entities_claiming_one_list_id(make_table: MakeTable) -> None:
    a = make_table(CURATED, "a.yaml")
    b = make_table(
        """\
        entities:
          - id: person/other
            type: person
            name: Someone Else
            sources: [un:QDi.900]
        """,
        "b.yaml",
    )
    with pytest.raises(aliasres.AliasTableError) as info:
        load_tables([a, b], bundled=False)
    message = str(info.value)
    assert f"{a}:2:" in message and f"{b}:2" in message and "un:QDi.900" in message
    # linked to each other, they may both cite it
    c = make_table(
        """\
        entities:
          - id: person/other
            type: person
            name: Someone Else
            sources: [un:QDi.900]
            same_as: [person/abu-khalid-al-suri]
        """,
        "c.yaml",
    )
    assert len(load_tables([a, c], bundled=False)) == 2


def test_same_as_unknown_id(make_table: MakeTable) -> None:
    listed = make_table(LISTED)
    typo = make_table(
        """\
        entities:
          - id: person/x
            type: person
            name: Abu Bakr al-Iraqi
            same_as: [un:QDi.99999]
        """
    )
    with pytest.raises(aliasres.AliasTableError, match=r":2: .*un:QDi.99999.*no loaded table"):
        load_tables([listed, typo], bundled=False)
    # the UN list not loaded: harmless
    assert load_tables([typo], bundled=False)[0].entities[0].same_as == ("un:QDi.99999",)


def test_same_as_across_types_is_an_error() -> None:
    es = [
        Entity("person/a", "person", "A", same_as=("org/b",), path="a.yaml", line=3),
        Entity("org/b", "organization", "B", path="b.yaml", line=7),
    ]
    (problem,) = link_problems(es)
    assert str(problem).startswith("a.yaml:3:") and "b.yaml:7" in str(problem)


def test_bundled_links_have_no_problem() -> None:
    entities = aliasres.default_resolver().entities
    assert link_problems(entities) == []


# ---------------------------------------------------------------------------- schema
def test_attributes_parse_and_format_round_trip() -> None:
    text = """\
entities:
  - id: person/a
    type: person
    name: Ahmad Khalil
    countries: [Syria, iq, Syrian Arab Republic]
    born: [1971, 1972-04-28, "1955..1958", 1960-03]
    died: 2001
    gender: Male
    same_as: [un:QDi.1, "ofac:123"]
"""
    entity = parse_table(text).entities[0]
    assert entity.countries == ("SY", "IQ")
    assert entity.born == ("1971", "1972-04-28", "1955..1958", "1960-03")
    assert entity.died == ("2001",) and entity.gender == "male"
    assert entity.same_as == ("un:QDi.1", "ofac:123")
    out = format_table([entity])
    assert "    born: [1971, 1972-04-28, 1955..1958, 1960-03]\n" in out
    again = parse_table(out).entities[0]
    assert again == entity and format_table([again]) == out


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("    born: [1971-13-01]", ("born", "no such month")),
        ("    born: [1971-02-30]", ("born", "no such month or day")),
        ("    born: [71]", ("born", "not a date")),
        ("    born: [1990..1980]", ("ends before it starts",)),
        ("    born: [{year: 1971}]", ("born", "mapping")),
        ("    died: [yesterday]", ("died", "not a date")),
        ("    countries: [Narnia]", ("unknown country", "Narnia")),
        ("    countries: [ZZ]", ("unknown country",)),
        ("    gender: unknown", ("unknown gender",)),
        ("    same_as: [person/a]", ("not linked to itself",)),
        ("    same_as: [a b]", ("not an id",)),
        ("    same_as: un:QDi.1", ("must be a list",)),
    ],
)
def test_attribute_errors_name_file_and_line(make_table: MakeTable, line: str, words: tuple[str, ...]) -> None:
    path = make_table("entities:\n  - id: person/a\n    name: Ahmad\n" + line + "\n")
    with pytest.raises(aliasres.AliasTableError) as info:
        aliasres.Resolver.from_yaml(path, bundled=False)
    message = str(info.value)
    assert message.startswith(f"{path}:4:"), message
    for word in words:
        assert word in message


def test_country_names_and_codes() -> None:
    assert country_code("Syria") == country_code("SYR") == country_code(" sy ") == "SY"
    assert country_code("Korea, North") == country_code("North Korea") == "KP"
    assert country_code("Iran (Islamic Republic of)") == "IR"
    assert country_code("Türkiye") == country_code("Turkey") == "TR"
    assert country_code("Kosovo") == "XK"
    with pytest.raises(ValueError, match="unknown country"):
        country_code("Syriana")
    assert codes_in("Sudan/South Sudan") == ("SD", "SS")
    assert codes_in("possibly Palestinian") == ("PS",)
    assert codes_in("undetermined") == ()


# ---------------------------------------------------------------------------- evidence
def _namesakes() -> aliasres.Resolver:
    return aliasres.Resolver(
        [
            Entity("person/ali-hassan-1", "person", "Ali Hassan al-Tikriti", countries=("IQ",),
                   born=("1950",), aliases=(Alias("Ali Hassan"),)),
            Entity("person/ali-hassan-2", "person", "Ali Hassan al-Halabi", countries=("SY",),
                   born=("1980-05-01",), aliases=(Alias("Ali Hassan"),)),
            Entity("person/omar-khalil", "person", "Omar Khalil", born=("1975",)),
            Entity("person/zaid-haddad", "person", "Zaid Haddad"),
        ]
    )


def test_agreement_separates_namesakes() -> None:
    r = _namesakes()
    assert r.resolve("Ali Hassan") is None  # ambiguous
    for born in (1950, 1951, "1950-02-03", datetime.date(1949, 1, 1), "1948..1952", [1950, 1990]):
        m = r.resolve("Ali Hassan", born=born)
        assert m is not None and m.id == "person/ali-hassan-1", born
    for countries in ("Syria", "SY", ["Syrian Arab Republic"], ["SY", "LB"]):
        m = r.resolve("Ali Hassan", countries=countries)
        assert m is not None and m.id == "person/ali-hassan-2", countries
    m = r.resolve("Ali Hassan", countries="IQ", born=1950)
    assert m is not None and m.id == "person/ali-hassan-1"


def test_nearest_wrong_neighbours_of_agreement() -> None:
    r = _namesakes()
    # two years away from both: contradicts both, nothing resolves
    assert r.resolve("Ali Hassan", born=1965) is None
    assert r.resolve("Ali Hassan", born=1952) is None
    # a country neither has
    assert r.resolve("Ali Hassan", countries="LB") is None
    # agreement on one attribute, contradiction on the other: not enough
    assert r.resolve("Ali Hassan", countries="SY", born=1950) is None


def test_contradiction_is_strong_evidence_against() -> None:
    r = _namesakes()
    assert r.resolve("Omar Khalil").id == "person/omar-khalil"  # type: ignore[union-attr]
    assert r.resolve("Omar Khalil", born=1976).id == "person/omar-khalil"  # type: ignore[union-attr]
    assert r.resolve("Omar Khalil", born=1990) is None
    (m,) = r.candidates("Omar Khalil", born=1990)
    assert m.score < 0.85


def test_absent_attributes_change_nothing() -> None:
    r = _namesakes()
    plain = r.candidates("Zaid Haddad")
    assert r.candidates("Zaid Haddad", born=1900, countries="FR") == plain
    assert r.resolve("Zaid Haddad", born=1900).id == "person/zaid-haddad"  # type: ignore[union-attr]
    assert r.resolve_many(["Zaid Haddad", "Omar Khalil"], born=1990) == [plain[0], None]


def test_agreement_does_not_make_an_epithet_resolve() -> None:
    r = aliasres.Resolver(
        [Entity("person/x", "person", "Ahmad Zaki", countries=("SY",), born=("1970",),
                aliases=(Alias("the Engineer", "epithet"),))]
    )
    assert r.resolve("the Engineer", countries="SY", born=1970) is None


def test_linked_entities_pool_their_attributes() -> None:
    r = aliasres.Resolver(
        [
            Entity("person/x", "person", "Ali Hassan al-Tikriti", sources=("un:QDi.5",)),
            Entity("un:QDi.5", "person", "ALI HASSAN", born=("1950",), countries=("IQ",)),
            Entity("person/y", "person", "Ali Hassan al-Halabi", born=("1980",),
                   aliases=(Alias("Ali Hassan"),)),
        ]
    )
    assert r.resolve("Ali Hassan") is None
    m = r.resolve("Ali Hassan", born=1950)  # the date is the UN entry's, linked to person/x
    assert m is not None and m.id == "person/x"
    m = r.resolve("Ali Hassan", countries="Iraq")  # person/y gives no country: unchanged
    assert m is None


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"born": "1971-13-01"}, "born"),
        ({"born": "13/01/1971"}, "born"),
        ({"born": 99}, "born"),
        ({"born": True}, "born"),
        ({"born": 1.5}, "born"),
        ({"countries": "Narnia"}, "countries"),
        ({"countries": ["SY", 3]}, "countries"),
        ({"countries": 3}, "countries"),
    ],
)
def test_bad_query_evidence_names_the_argument(kwargs: dict[str, object], argument: str) -> None:
    r = _namesakes()
    for call in (r.resolve, r.candidates, r.explain):
        with pytest.raises(ValueError, match=f"^{argument}: "):
            call("Ali Hassan", **kwargs)  # type: ignore[operator]
    with pytest.raises(ValueError, match=f"^{argument}: "):
        r.resolve_many([], **kwargs)  # type: ignore[arg-type]


def test_explain_shows_the_evidence() -> None:
    text = _namesakes().explain("Ali Hassan", born=1950)
    assert "evidence:    born ['1950']" in text
    assert "born agree" in text and "born contradict" in text
    assert "decision:    person/ali-hassan-1" in text


def test_module_functions_take_the_evidence() -> None:
    m = aliasres.resolve("Bashar al-Assad", countries="Syria")
    assert m is not None and m.id == "person/bashar-al-assad"
    assert aliasres.candidates("Bashar al-Assad", countries="SY", limit=1)[0].id == m.id
    assert aliasres.resolve_many(["Bashar al-Assad"], countries="SY")[0] == m
    assert "evidence:" in aliasres.explain("Bashar al-Assad", countries="SY")


def test_sources_page_examples() -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
    result = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


# ---------------------------------------------------------------------------- importers
FIXTURES = Path(__file__).parent / "fixtures"


def test_un_import_keeps_dates_of_birth_and_countries() -> None:
    from aliasres.importers import import_un

    imported = import_un([FIXTURES / "un_2018_excerpt.xml", FIXTURES / "un_2026_excerpt.xml"])
    by_id = {e.id: e for e in imported.entities}
    assert by_id["un:QDi.317"].born == ("1975..1979",)  # BETWEEN 1975 and 1979
    assert by_id["un:QDi.317"].countries == ("SY",)  # "Syrian Arab Republic"
    assert by_id["un:QDi.412"].born == ("1967-06-16", "1967-01-01")  # two exact dates
    assert by_id["un:QDi.299"].countries == ("IQ", "SY")  # nationality, then addresses
    assert by_id["un:QDe.115"].born == () and by_id["un:QDe.115"].countries == ()
    # written and read back unchanged
    text = format_table(imported.entities)
    assert parse_table(text).entities == imported.entities


def test_ofac_import_keeps_dates_of_birth_gender_and_countries() -> None:
    from aliasres.importers import import_ofac, ofac_date

    imported = import_ofac(
        [FIXTURES / f"ofac_{n}_excerpt.csv" for n in ("sdn", "alt", "add")]
    )
    by_id = {e.id: e for e in imported.entities}
    jawlani = by_id["ofac:15945"]  # DOB 1977; alt. DOB 1975 ...; nationality Syria
    assert set(jawlani.born) == {"1975", "1976", "1977", "1978", "1979"}
    assert jawlani.countries == ("SY",)
    assert by_id["ofac:21266"].gender == "male" and by_id["ofac:21266"].born == ("1974",)
    assert by_id["ofac:306"].countries == ("CH", "ES", "JP", "PA")  # add.csv addresses
    assert by_id["ofac:3754"].born == ("1951-02-09",)
    assert ofac_date("circa 1975") == "1974..1976" and ofac_date("30 Feb 1970") is None


# ---------------------------------------------------------------------------- command line
NAMESAKES = """\
entities:
  - id: person/ali-hassan-1
    type: person
    name: Ali Hassan al-Tikriti
    countries: [IQ]
    born: [1950]
    aliases: [Ali Hassan]
  - id: person/ali-hassan-2
    type: person
    name: Ali Hassan al-Halabi
    countries: [SY]
    born: [1980-05-01]
    aliases: [Ali Hassan]
"""


def _cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    from aliasres.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_takes_country_and_born_columns(
    make_table: MakeTable, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = make_table(NAMESAKES)
    data = tmp_path / "in.csv"
    data.write_text(
        "name,country,dob\n"
        "Ali Hassan,Iraq,\n"
        "Ali Hassan,,1980\n"
        'Ali Hassan,"Syria;Lebanon",1950\n'  # contradicts both
        "Ali Hassan,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, _, _ = _cli(capsys, "clean", data, "-c", "name", "--tables", table, "--no-bundled",
                      "--country-column", "country", "--born-column", "dob", "-o", out, "-q")
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith("person/ali-hassan-1,Ali Hassan al-Tikriti,0.999,resolved")
    assert ",person/ali-hassan-2," in lines[2] and lines[2].endswith("resolved")
    assert lines[3].endswith("unresolved") and lines[4].endswith("ambiguous")


def test_clean_names_the_row_of_a_bad_attribute(
    make_table: MakeTable, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = make_table(NAMESAKES)
    data = tmp_path / "in.csv"
    data.write_text("name,country\nAli Hassan,Iraq\nAli Hassan,Narnia\n", encoding="utf-8")
    args = ["clean", data, "-c", "name", "--tables", table, "--no-bundled",
            "--country-column", "country", "-q"]
    code, _, err = _cli(capsys, *args, "-o", tmp_path / "out.csv")
    assert code == 1 and "row 2 (line 3): column 'country'" in err and "Narnia" in err
    code, _, _ = _cli(capsys, *args, "-o", tmp_path / "kept.csv", "--keep-going")
    rows = (tmp_path / "kept.csv").read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(rows) == 3 and rows[2].endswith(",error")
    code, _, err = _cli(capsys, "clean", data, "-c", "name", "--tables", table, "--no-bundled",
                        "--born-column", "dob", "-o", tmp_path / "x.csv")
    assert code != 0 and "no column 'dob'" in err


def test_clean_jsonl_evidence_as_lists_and_numbers(
    make_table: MakeTable, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = make_table(NAMESAKES)
    data = tmp_path / "in.jsonl"
    data.write_text('{"n": "Ali Hassan", "c": ["SY"], "b": 1980}\n{"n": "Ali Hassan"}\n',
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, _ = _cli(capsys, "clean", data, "-c", "n", "--tables", table, "--no-bundled",
                      "--country-column", "c", "--born-column", "b", "-o", out, "-q")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert code == 0 and '"person/ali-hassan-2"' in lines[0] and '"ambiguous"' in lines[1]


def test_check_reports_link_problems_and_ignores_linked_collisions(
    make_table: MakeTable, capsys: pytest.CaptureFixture[str]
) -> None:
    curated, listed = make_table(CURATED, "curated.yaml"), make_table(LISTED, "listed.yaml")
    code, out, err = _cli(capsys, "check", curated, listed)
    # the curated entity and its UN and OFAC listings share names: one entity, no collision
    assert code == 0 and "no collisions" in out, (out, err)
    other = make_table(
        "entities:\n  - id: person/other\n    type: person\n    name: Someone Else\n"
        "    sources: [un:QDi.900]\n    same_as: [ofac:9999999]\n",
        "other.yaml",
    )
    code, out, err = _cli(capsys, "check", curated, listed, other)
    assert code == 1
    assert f"{curated}:2:" in err and f"{other}:2)" in err and "both claim" in err
    assert "ofac:9999999" in err and "no loaded table" in err


def test_opensanctions_import_keeps_attributes(tmp_path: Path) -> None:
    from aliasres.importers import import_opensanctions

    path = tmp_path / "ftm.json"
    path.write_text(
        '{"id": "NK-1", "schema": "Person", "caption": "Ali Hassan", "properties": '
        '{"name": ["Ali Hassan"], "birthDate": ["1970-05-02", "1971", "1970-02-30"], '
        '"nationality": ["iq"], "country": ["sy", "zz"], "gender": ["male"]}}\n',
        encoding="utf-8",
    )
    (entity,) = import_opensanctions([path]).entities
    assert entity.born == ("1970-05-02", "1971")  # a day that does not exist is left out
    assert entity.countries == ("IQ", "SY") and entity.gender == "male"


def test_resolve_and_explain_take_country_and_born(
    make_table: MakeTable, capsys: pytest.CaptureFixture[str]
) -> None:
    table = make_table(NAMESAKES)
    base = ["--tables", table, "--no-bundled"]
    code, out, _ = _cli(capsys, "resolve", "Ali Hassan", *base)
    assert code == 0 and out.rstrip().endswith("ambiguous")
    code, out, _ = _cli(capsys, "resolve", "Ali Hassan", *base, "--born", "1980", "--country", "SY")
    assert code == 0 and "person/ali-hassan-2" in out and out.rstrip().endswith("resolved")
    code, out, _ = _cli(capsys, "explain", "Ali Hassan", *base, "--born", "1950")
    assert code == 0 and "decision:    person/ali-hassan-1" in out
    code, _, err = _cli(capsys, "resolve", "Ali Hassan", *base, "--country", "Narnia")
    assert code == 2 and "--country: unknown country 'Narnia'" in err


def test_a_person_and_an_organisation_citing_one_listing_claim_nothing_together() -> None:
    es = [
        Entity("person/leader", "person", "Abu Ahmad al-Halabi", sources=("un:QDe.5",)),
        Entity("org/front", "organization", "Jabhat al-Nasr", sources=("un:QDe.5",)),
    ]
    assert link_problems(es) == []  # the UN list not loaded: neither knows its type
    listed = [*es, Entity("un:QDe.5", "organization", "JABHAT AL-NASR")]
    assert link_problems(listed) == []
    links = build_links(listed)
    assert links.member_ids(1) == ("org/front", "un:QDe.5")
    assert links.canonical[0] == 0  # the person cites the listing; it is not him
    # two persons claiming one listing are still an error, with or without the list
    two = [es[0], Entity("person/other", "person", "Someone", sources=("un:QDe.5",))]
    assert len(link_problems(two)) == 1


def test_fmt_keeps_the_attributes(make_table: MakeTable) -> None:
    from aliasres.fmt import format_file

    path = make_table(
        "# header\nentities:\n  - id: person/a\n    name: Ahmad Khalil\n    type: person\n"
        "    same_as: [un:QDi.1]\n    gender: male\n    died: 2001\n    born: [1950, 1951]\n"
        "    countries: [Iraq]\n"
    )
    result = format_file(path)
    assert result.changed
    text = path.read_text(encoding="utf-8")
    assert "    countries: [IQ]\n    born: [1950, 1951]\n    died: [2001]\n" in text
    assert "    gender: male\n    same_as: [un:QDi.1]\n" in text
    assert not format_file(path).changed  # stable
