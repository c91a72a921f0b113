"""The table formatter: round trip through the loader, stability, de-duplication."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import aliasres
from aliasres.data import entity_table_paths, yaml_loader
from aliasres.errors import AliasTableError
from aliasres.fmt import (
    dedupe_aliases,
    format_file,
    format_table,
    formatted_entities,
    header_comments,
    yaml_scalar,
)
from aliasres.tables import load_table, parse_table
from aliasres.types import Alias, Entity

AWKWARD = [
    "yes", "No", "null", "~", "true", "12:30", "0x1F", "1e3", ".inf", "2020-01-01", "<<", "=",
    "- dash", "-", "?", ": colon", "a: b", "a #b", "#hash", "trailing:", "[x]", "{x}", "a, b",
    "'single'", '"double"', "back\\slash", "tab\there", "new\nline", "  spaced  ", "&anchor",
    "*alias", "!tag", "|", ">", "%", "@at", "`tick", "عبد الله", "Ma'loula", "\u200fRTL",
    "\ufeffbom", "\x85nel", "\u2028ls", "\x7fdel", "\x00nul", "😀 emoji", "é", "",
]


def load_scalar(text: str) -> object:
    return yaml.load(f"k: {text}\n", Loader=yaml_loader())["k"]


def load_flow(text: str) -> object:
    return yaml.load(f"k: [{text}, {{name: {text}}}]\n", Loader=yaml_loader())["k"]


@pytest.mark.parametrize("text", AWKWARD)
def test_scalar_round_trip(text: str) -> None:
    assert load_scalar(yaml_scalar(text)) == text
    assert load_flow(yaml_scalar(text, flow=True)) == [text, {"name": text}]


@example("0:?")  # a colon before a non-alphanumeric: libyaml refuses it in flow context
@given(st.text(max_size=40))
def test_scalar_round_trip_any_text(text: str) -> None:
    assert load_scalar(yaml_scalar(text)) == text
    assert load_flow(yaml_scalar(text, flow=True)) == [text, {"name": text}]


def test_plain_when_unambiguous() -> None:
    for text in ("Abu Kamal", "un:QDi.317", "https://en.wikipedia.org/wiki/Idlib", "دمشق"):
        assert yaml_scalar(text) == text


@pytest.mark.parametrize("path", entity_table_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_tables_round_trip(path: Path) -> None:
    """Every shipped table, formatted, loads back to the same entities (sorted, without the
    duplicate spellings) and formats to the same text again."""
    original = load_table(path)
    text = format_file(path, write=False).text
    again = parse_table(text, str(path))
    assert again.entities == formatted_entities(original.entities)
    assert again.reject == original.reject
    assert format_table(again, header=header_comments(text)) == text


def test_formatted_table_resolves_the_same(make_table: Callable[[str], Path]) -> None:
    path = make_table("""\
        entities:
          - id: z/2
            type: person
            name: Abu Ali
            aliases: [ABU ALI, {name: Abou Ali, weak: true}, {name: abou ali}, Abu-Ali al-Hakim]
          - id: a/1
            type: place
            name: Hama
            aliases: [{name: حماة, lang: ar}, Hamah, HAMAH, {name: Epiphania, kind: former_name}]
        reject: [Zeta, alpha, ALPHA]
    """)
    before = aliasres.Resolver.from_yaml(path, bundled=False)
    result = format_file(path)
    assert result.changed
    after = aliasres.Resolver.from_yaml(path, bundled=False)
    queries = ["Abu Ali", "abou ali", "Abu Ali al-Hakim", "Hamah", "حماة", "Epiphania", "alpha",
               "Zeta", "Hama city"]
    assert [after.resolve(q) for q in queries] == [before.resolve(q) for q in queries]
    table = load_table(path)
    assert [e.id for e in table.entities] == ["a/1", "z/2"]
    assert table.reject == ("alpha", "Zeta")
    assert not format_file(path).changed  # stable


def test_dedupe_keeps_the_strongest_listing() -> None:
    entity = Entity("x", "person", "Ali", (Alias("ALI"), Alias("Aly", weak=True), Alias("aly"),
                                           Alias("Alī", lang="ar")))
    # the strongest listing of a form stays: "aly" (plain) over "Aly" (weak)
    assert [a for a in dedupe_aliases(entity).aliases] == [Alias("aly")]
    plain = Entity("y", "place", "Y", (Alias("Z"),))
    assert dedupe_aliases(plain) is plain


def test_every_alias_field_is_written() -> None:
    alias = Alias("Abu X", "nom_de_guerre", "ar", weak=True, shared=True)
    entity = Entity("p/1", "person", "X", (alias,), ("SY", "IQ"), ("un:QDi.1", "a, b"), "")
    text = format_table([entity], reject=["Abu"])
    assert text == (
        "entities:\n"
        "  - id: p/1\n"
        "    type: person\n"
        "    name: X\n"
        "    countries: [SY, IQ]\n"
        '    description: ""\n'
        "    sources:\n"
        "      - un:QDi.1\n"
        "      - a, b\n"
        "    aliases:\n"
        "      - {name: Abu X, kind: nom_de_guerre, lang: ar, weak: true, shared: true}\n"
        "reject:\n"
        "  - Abu\n"
    )
    assert parse_table(text).entities == (entity,)


def test_empty_table_and_duplicate_ids() -> None:
    assert format_table([]) == "entities: []\n"
    assert parse_table(format_table([])).entities == ()
    with pytest.raises(ValueError, match="duplicate"):
        format_table([Entity("a", "other", "A"), Entity("a", "other", "B")])


def test_header_comments() -> None:
    text = "# one\n\n# two\nentities: []\n# not header\n"
    assert header_comments(text) == "# one\n\n# two\n"
    assert header_comments("entities: []\n") == ""


def test_interior_comments_refused_unless_dropped(make_table: Callable[[str], Path]) -> None:
    path = make_table("""\
        # header
        entities:
          - id: b   # why b
            name: "B # not a comment"
          - {id: a, name: A}
    """)
    before = path.read_text(encoding="utf-8")
    report = format_file(path, write=False)
    assert report.changed and report.dropped_comments == (3,)
    with pytest.raises(AliasTableError, match="drop-comments"):
        format_file(path)
    assert path.read_text(encoding="utf-8") == before
    format_file(path, drop_comments=True)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# header\n") and "why b" not in text
    assert load_table(path).entities[1].name == "B # not a comment"


def test_invalid_table_is_reported(make_table: Callable[[str], Path]) -> None:
    path = make_table("entities:\n  - {id: a}\n")
    with pytest.raises(AliasTableError, match=":2:"):
        format_file(path)


def test_file_mode_kept(make_table: Callable[[str], Path]) -> None:
    path = make_table("entities:\n  - {id: b, name: B}\n  - {id: a, name: A}\n")
    path.chmod(0o640)
    format_file(path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


# One example of every section the loader accepts. A section added to the schema
# (tables.TOP_LEVEL_KEYS) fails test_every_section_has_an_example until it has one here, and
# then test_every_section_survives_fmt checks that fmt writes it back.
SECTION_EXAMPLES = {
    "entities": """\
entities:
  - id: x/b
    type: place
    name: Bbb
    aliases: [Bee]
  - id: x/a
    type: person
    name: Aaa
    countries: [SY]
    description: one line
    sources: [somewhere]
    aliases:
      - {name: Ayy, kind: nom_de_guerre, lang: en, weak: true, shared: true}
""",
    "reject": """\
reject:
  - Zed
  - Abu Mohammed
  - ABU MOHAMMED
""",
    "extend": """\
extend:
  - id: person/bashar-al-assad
    aliases: [Bashar Hafez, {name: Abu Hafez, weak: true}]
  - id: org/hts
    aliases: [Hayat Tahrir]
  - id: person/bashar-al-assad
    aliases: [bashar hafez, Another Spelling]
""",
}


def test_every_section_has_an_example() -> None:
    assert set(SECTION_EXAMPLES) == set(aliasres.tables.TOP_LEVEL_KEYS)


def _content(table: aliasres.tables.Table) -> dict[str, object]:
    """What a table says, independent of order, layout and source lines."""
    def alias_set(aliases: tuple[Alias, ...]) -> frozenset[Alias]:
        return frozenset(aliases)

    return {
        "entities": {
            e.id: (e.type, e.name, e.countries, e.sources, e.description, alias_set(e.aliases))
            for e in table.entities
        },
        "reject": {aliasres.normalize(n) for n in table.reject},
        "extend": {
            (x.id, aliasres.normalize(a.name))
            for x in table.extend for a in x.aliases
        },
    }


@pytest.mark.parametrize("sections", [
    *([s] for s in sorted(SECTION_EXAMPLES)),
    sorted(SECTION_EXAMPLES),
    sorted(SECTION_EXAMPLES, reverse=True),
], ids=lambda s: "+".join(s))
def test_every_section_survives_fmt(
    sections: list[str], make_table: Callable[[str], Path]
) -> None:
    """Each section alone and all together: fmt writes back what the loader read (nothing
    dropped), and formatting the result again changes nothing."""
    path = make_table("# header\n" + "".join(SECTION_EXAMPLES[s] for s in sections))
    before = load_table(path)
    format_file(path)
    text = path.read_text(encoding="utf-8")
    after = load_table(path)
    for section in sections:
        assert f"\n{section}:" in text, text
    assert _content(after) == _content(before)
    # the loader's Table has a field for each section: none may come back empty
    for section in sections:
        assert getattr(after, section), (section, text)
    assert not format_file(path).changed
    assert text.startswith("# header\n")


def test_every_section_survives_json_lines(make_table: Callable[[str], Path]) -> None:
    """The JSON Lines layout keeps every section too (format_jsonl, parse_jsonl)."""
    from aliasres.fmt import format_jsonl
    from aliasres.tables import parse_jsonl

    before = load_table(make_table("".join(SECTION_EXAMPLES[s] for s in sorted(SECTION_EXAMPLES))))
    after = parse_jsonl(format_jsonl(before), "t.jsonl")
    assert _content(after) == _content(before)
    for section in SECTION_EXAMPLES:
        assert getattr(after, section), section


def test_fmt_formats_a_json_lines_table_as_json_lines(tmp_path: Path) -> None:
    """`aliasres fmt` takes the tables that `--tables` takes, JSON Lines included (what
    `aliasres import -o X.jsonl` writes): it read them as YAML and failed with 'invalid
    YAML'. A JSON Lines table is rewritten in format_jsonl's layout, and stays JSON Lines."""
    from aliasres.cli import main
    from aliasres.tables import parse_jsonl

    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"id": "j/2", "type": "person", "name": "Abu Foo", "aliases": ["Abou Foo", "ABU FOO"]}\r\n'
        "\r\n"
        '{"id": "j/1", "type": "person", "name": "Abu Bar"}\r\n'
        '{"reject": ["Abu"]}\n',
        encoding="utf-8",
    )
    before = load_table(path)
    assert main(["fmt", "--check", str(path)]) == 1  # would change: not an error
    result = format_file(path)
    assert result.changed
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith('{"id": "j/1"')  # sorted by id, still JSON Lines
    after = parse_jsonl(text, "t.jsonl")
    assert [e.id for e in after.entities] == ["j/1", "j/2"]
    assert [a.name for a in after.entities[1].aliases] == ["Abou Foo"]  # de-duplicated
    assert after.reject == before.reject
    assert not format_file(path).changed  # stable
    assert main(["fmt", "--check", str(path)]) == 0
    # nearest wrong neighbour: an invalid JSON Lines table is still refused, as JSON
    path.write_text('{"id": "j/1"}\n', encoding="utf-8")
    with pytest.raises(AliasTableError, match="missing 'name'"):
        format_file(path)
