"""JSON Lines tables: the same schema and checks as YAML, one entity a line."""

from __future__ import annotations

from pathlib import Path

import pytest

import aliasres
from aliasres.errors import AliasTableError
from aliasres.fmt import format_jsonl, format_table, formatted_entities
from aliasres.tables import load_table, load_tables, parse_jsonl, parse_table, table_files

GOOD = (
    '{"id": "person/x", "type": "person", "name": "Ali Hassan al-Tikriti",'
    ' "aliases": ["Aly Hasan al-Takriti", {"name": "Abu Zayd", "kind": "nom_de_guerre"}],'
    ' "sources": ["https://example.org"]}\n'
    "\n"
    '{"id": "org/y", "type": "organization", "name": "Example Brigade"}\n'
    '{"reject": ["Brigade"]}\n'
)


def test_parse_matches_the_yaml_reading() -> None:
    table = parse_jsonl(GOOD, "t.jsonl")
    assert [e.id for e in table.entities] == ["person/x", "org/y"]
    assert [e.line for e in table.entities] == [1, 3]
    assert table.reject == ("Brigade",)
    again = parse_table(format_table(table), "t.yaml")
    assert again.entities == formatted_entities(table.entities)
    assert again.reject == table.reject


def test_format_jsonl_round_trips_the_bundled_tables() -> None:
    entities = [e for t in load_tables([], bundled=True) for e in t.entities]
    back = parse_jsonl(format_jsonl(entities))
    assert back.entities == formatted_entities(entities)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('{"id": "p/1", "name": "A", "nmae": "B"}', 1, "unknown key 'nmae'"),
        ('\n{"id": "p/1", "name": 5}', 2, "name must be a string, not a number"),
        ('{"id": "p/1", "id": "p/2", "name": "A"}', 1, "duplicate key 'id'"),
        ('{"id": "p/1" "name": "A"}', 1, "invalid JSON"),
        ('["p/1"]', 1, "entity must be a mapping, not a list"),
        ('{"id": "p/1", "name": "A"}\n{"id": "p/1", "name": "B"}', 2, "duplicate id 'p/1'"),
        ('{"id": "p/1", "name": "A", "aliases": [{"name": "B", "weak": "yes"}]}', 1, "weak"),
        ('{"id": "p/1", "name": "A", "type": "robot"}', 1, "unknown type 'robot'"),
        ('{"id": "p/1", "name": "\\ud800"}', 1, "lone surrogate"),
        ('{"id": "p/1", "name": "---"}', 1, "has no letters or digits"),
        ('{"id": "p 1", "name": "A"}', 1, "without spaces"),
        ("[" * 100_000 + "]" * 100_000, 1, "nested too deeply"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(AliasTableError) as err:
        parse_jsonl(text, "t.jsonl")
    assert err.value.path == "t.jsonl" and err.value.line == line
    assert problem in err.value.problem


def test_not_utf8() -> None:
    with pytest.raises(AliasTableError, match=r"t.jsonl:2: not UTF-8"):
        parse_jsonl(b'{"id": "p/1", "name": "A"}\n{"id": "p/2", "name": "\xff"}\n', "t.jsonl")


def test_files_directories_and_resolving(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "people.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    assert table_files([tmp_path]) == [path]
    assert load_table(path).entities[0].id == "person/x"
    resolver = aliasres.Resolver.from_yaml(tmp_path, bundled=False)
    match = resolver.resolve("Ali Hasan al-Tikriti")
    assert match is not None and match.id == "person/x"
    assert resolver.resolve("Brigade") is None
    # the nearest wrong neighbour: another given name with the same family name
    assert resolver.resolve("Omar Hassan al-Tikriti") is None


# --------------------------------------------------------------------------- the YAML fast path
def test_yaml_with_ampersands_and_stars_in_names_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "entities:\n  - id: org/a\n    name: Johnson & Johnson\n    aliases: ['*Star Co', A&B]\n",
        encoding="utf-8",
    )
    table = load_table(path)
    assert [a.name for a in table.entities[0].aliases] == ["*Star Co", "A&B"]


@pytest.mark.parametrize(
    "body",
    ["entities:\n" + "- ? " * 5_000 + "x\n", "entities:\n" + "? - " * 5_000 + "x\n"],
)
def test_compact_nesting_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(AliasTableError, match="nested too deeply"):
        load_table(path)


#: lines that the plain-entity reading takes (valid ones) or leaves to the full reader
PLAIN_OR_NOT = [
    '{"id": "p/1", "type": "person", "name": " Ali Hassan ", "sources": [" s "]}',
    '{"id": "p/2", "name": "Ali", "aliases": ["Aly", {"name": "Abu Zayd", "kind": "epithet",'
    ' "lang": "en", "weak": true, "shared": false, "typed": true}]}',
    '{"id": "p/3", "type": "person", "name": "Ali", "aliases": null, "sources": null}',
    '{"id": "p 4", "name": "Ali"}',
    '{"id": "p/5", "type": "persona", "name": "Ali"}',
    '{"id": "p/6", "name": "  "}',
    '{"id": "p/7", "name": "!!"}',
    '{"id": "p/8", "name": "Ali", "aliases": [{"name": "Aly", "kind": "nick"}]}',
    '{"id": "p/9", "name": "Ali", "aliases": [{"name": "Aly", "lang": ""}]}',
    '{"id": "p/10", "name": "Ali", "aliases": [{"name": "Aly", "weak": "yes"}]}',
    '{"id": "p/11", "name": "Ali", "aliases": [{"name": "Aly", "colour": "red"}]}',
    '{"id": "p/12", "name": "Ali", "aliases": "Aly"}',
    '{"id": "p/13", "name": "Ali", "aliases": [5]}',
    '{"id": "p/14", "name": "Ali", "sources": [""]}',
    '{"id": "p/15", "name": "Ali\\u0000"}',
    '{"id": "p/16", "name": "Ali", "countries": ["SY"], "born": 1971}',
    '{"id": "p/17", "name": "' + "a" * 501 + '"}',
    '{"id": 18, "name": "Ali"}',
    '{"id": "p/19", "name": "\\ud800"}',
]


@pytest.mark.parametrize("line", PLAIN_OR_NOT)
def test_plain_entities_read_as_the_full_reader_reads_them(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aliasres import tables

    def read() -> tuple[object, object]:
        try:
            table = parse_jsonl(line + "\n", "t.jsonl")
        except AliasTableError as exc:
            return None, str(exc)
        return [(e, e.path, e.line) for e in table.entities], None

    plain = read()
    monkeypatch.setattr(tables._JsonReader, "entity", tables._Reader.entity)
    assert read() == plain


def test_valid_plain_lines_take_the_plain_reading() -> None:
    import json

    from aliasres import tables

    reader = tables._JsonReader("t.jsonl")

    def plain(line: str) -> bool:
        node = json.loads(line)
        return node.keys() <= tables._PLAIN_KEYS and reader._plain_entity(node) is not None

    assert [plain(line) for line in PLAIN_OR_NOT] == [True] * 3 + [False] * (len(PLAIN_OR_NOT) - 3)
