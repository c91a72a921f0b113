"""Loading tables: schema, errors with file and line, merging with the bundled tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import aliasres
from aliasres.tables import load_table, load_tables, parse_table


def test_schema_example_loads(make_table: Callable[[str], Path]) -> None:
    path = make_table("""
    entities:
      - id: person/ahmed-al-sharaa
        type: person
        name: Ahmed al-Sharaa
        countries: [SY]
        sources: [un:QDi.317]
        description: Syrian politician
        aliases:
          - Ahmad al-Sharaa
          - {name: Abu Mohammad al-Julani, kind: nom_de_guerre}
          - {name: أحمد الشرع, lang: ar}
          - {name: the Emir, kind: epithet}
          - {name: Abu Ashraf, weak: true}
    """)
    (entity,) = load_table(path).entities
    assert entity.id == "person/ahmed-al-sharaa" and entity.countries == ("SY",)
    kinds = [a.kind for a in entity.aliases]
    assert kinds == ["spelling", "nom_de_guerre", "spelling", "epithet", "spelling"]
    assert entity.aliases[2].lang == "ar" and entity.aliases[4].weak
    assert entity.line == 3


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("entities:\n  - id: x\n    nmae: y\n", 3, "unknown key 'nmae'"),
        ("entities:\n  - id: x\n", 2, "missing 'name'"),
        ("entities:\n  - name: x\n", 2, "missing 'id'"),
        ("entities:\n  - id: x\n    name: yes\n", 3, "must be a string"),
        ("entities:\n  - id: x\n    name: y\n    type: city\n", 4, "unknown type 'city'"),
        ("entities:\n  - id: x\n    name: y\n    aliases: [{name: z, kind: nick}]\n", 4, "unknown kind 'nick'"),
        ("entities:\n  - id: x\n    name: y\n  - id: x\n    name: z\n", 4, "duplicate id 'x'"),
        ("entities:\n  - id: x\n    name: '!!!'\n", 3, "no letters or digits"),
        ("entities: [\n", 2, "invalid YAML"),
        ("entities:\n  - id: 'a b'\n    name: y\n", 2, "without spaces"),
    ],
)
def test_errors_name_file_line_and_problem(text: str, line: int, problem: str) -> None:
    with pytest.raises(aliasres.AliasTableError) as info:
        parse_table(text, "people.yaml")
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.path, err.line) == ("people.yaml", line)
    assert problem in str(err) and str(err).startswith(f"people.yaml:{line}:")


def test_ids_must_be_unique_across_files(make_table: Callable[[str], Path]) -> None:
    a = make_table("entities:\n  - {id: x, name: A}\n")
    b = make_table("entities:\n  - {id: x, name: B}\n")
    with pytest.raises(aliasres.AliasTableError, match="already defined"):
        load_tables([a, b], bundled=False)


def test_directories_are_expanded(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.yaml").write_text("entities:\n  - {id: x, name: A}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a table", encoding="utf-8")
    r = aliasres.Resolver.from_yaml(tmp_path, bundled=False)
    assert len(r) == 1


def test_missing_path() -> None:
    with pytest.raises(aliasres.AliasTableError, match="no such file"):
        aliasres.Resolver.from_yaml("/nonexistent/table.yaml", bundled=False)


def test_users_tables_merge_with_bundled(make_table: Callable[[str], Path]) -> None:
    path = make_table("entities:\n  - {id: test/zzyzx, type: person, name: Zzyzx Qwerty}\n")
    merged = aliasres.Resolver.from_yaml(path)
    alone = aliasres.Resolver.from_yaml(path, bundled=False)
    assert len(alone) == 1 and len(merged) > 1
    assert merged.resolve("Zzyzx Qwerty").id == "test/zzyzx"  # type: ignore[union-attr]
    assert merged.resolve("Ahmed al-Sharaa").id == "person/ahmed-al-sharaa"  # type: ignore[union-attr]
    assert alone.resolve("Ahmed al-Sharaa") is None


def test_empty_file_is_an_empty_table(make_table: Callable[[str], Path]) -> None:
    assert load_table(make_table("")).entities == ()


def test_extend_adds_aliases_to_another_tables_entity(make_table: Callable[[str], Path]) -> None:
    base = make_table("entities:\n  - {id: person/x, type: person, name: Bashar al-Assad}\n")
    ext = make_table("extend:\n  - id: person/x\n    aliases: [Assad, {name: Abu Hafez, weak: true}]\n")
    r = aliasres.Resolver.from_yaml(base, ext, bundled=False)
    assert [a.name for a in r.get("person/x").aliases] == ["Assad", "Abu Hafez"]  # type: ignore[union-attr]
    assert r.resolve("Assad").id == "person/x"  # type: ignore[union-attr]


def test_extend_a_bundled_entity(make_table: Callable[[str], Path]) -> None:
    ext = make_table("extend:\n  - id: person/bashar-al-assad\n    aliases: [Zzyzx Qwerty]\n")
    r = aliasres.Resolver.from_yaml(ext)
    assert r.resolve("Zzyzx Qwerty").id == "person/bashar-al-assad"  # type: ignore[union-attr]


def test_extend_of_an_unknown_id(make_table: Callable[[str], Path]) -> None:
    ext = make_table("extend:\n  - id: person/nobody\n    aliases: [X Y]\n")
    with pytest.raises(aliasres.AliasTableError, match=r":2: extend: no entity has the id"):
        aliasres.Resolver.from_yaml(ext, bundled=False)


def test_extend_schema_errors() -> None:
    with pytest.raises(aliasres.AliasTableError, match="missing 'id'"):
        parse_table("extend:\n  - aliases: [a]\n", "t.yaml")
    with pytest.raises(aliasres.AliasTableError, match="unknown key 'name'"):
        parse_table("extend:\n  - {id: x, name: y}\n", "t.yaml")
