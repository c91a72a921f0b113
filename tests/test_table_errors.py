"""Malformed tables, one case at a time (issue 6).

Every broken table must raise :class:`aliasres.AliasTableError` whose message is
``file:line: problem``: the file as given, the 1-based line of the offending construct, and a
problem a user can act on. Nothing else may escape (no ``yaml.YAMLError``, ``KeyError``,
``RecursionError`` ...), and nothing may crash the interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import aliasres
from aliasres.tables import load_table, load_tables

MakeTable = Callable[..., Path]

GOOD = """\
entities:
  - id: person/a
    type: person
    name: Ahmad Khalil
"""


def table_error(path: Path, **kwargs: bool) -> aliasres.AliasTableError:
    """Load ``path`` as a resolver would; return the AliasTableError it must raise."""
    with pytest.raises(aliasres.AliasTableError) as info:
        aliasres.Resolver.from_yaml(path, bundled=False, **kwargs)  # type: ignore[arg-type]
    return info.value


def check(err: aliasres.AliasTableError, path: Path, line: int | None, *words: str) -> None:
    """The error names ``path``, the ``line`` and a problem mentioning every one of ``words``."""
    message = str(err)
    assert err.path == str(path), message
    assert err.line == line, message
    where = f"{path}:{line}" if line is not None else str(path)
    assert message.startswith(f"{where}: "), message
    # a table with several problems has a line for each: the first names this one
    assert err.problem and message.split("\n")[0].endswith(err.problem), message
    for word in words:
        assert word.lower() in err.problem.lower(), (word, message)
    assert isinstance(err, ValueError)  # documented: AliasTableError is a ValueError too


# --------------------------------------------------------------------------- YAML itself
def test_billion_laughs_is_refused_quickly(make_table: MakeTable) -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = make_table("\n".join(levels) + "\nentities: *a9\n")
    start = time.perf_counter()
    err = table_error(path)
    assert time.perf_counter() - start < 2.0
    check(err, path, 1, "anchor")


def test_a_single_anchor_and_alias_are_refused(make_table: MakeTable) -> None:
    path = make_table(
        """\
        entities:
          - id: person/a
            name: &n Ahmad Khalil
          - id: person/b
            name: *n
        """
    )
    check(table_error(path), path, 3, "anchor")


def test_merge_key_is_refused(make_table: MakeTable) -> None:
    path = make_table(
        """\
        entities:
          - &base {id: person/a, name: Ahmad Khalil}
          - <<: *base
            id: person/b
        """
    )
    check(table_error(path), path, 2, "anchor")


@pytest.mark.parametrize("depth", [100, 1_000])
def test_nested_document_is_refused(make_table: MakeTable, depth: int) -> None:
    path = make_table("entities: " + "[" * depth + "]" * depth + "\n")
    err = table_error(path)
    assert err.path == str(path) and err.line == 1, str(err)


_DEEP_SCRIPT = """
import sys
import aliasres
from aliasres.tables import load_table
try:
    load_table(sys.argv[1])
except aliasres.AliasTableError as exc:
    print("AliasTableError", exc.line, exc.problem)
else:
    print("loaded")
"""


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("entities: " + "[" * 50_000 + "]" * 50_000 + "\n", id="flow-lists"),
        pytest.param("entities: " + "{a: " * 25_000 + "1" + "}" * 25_000 + "\n", id="flow-maps"),
        pytest.param("entities:\n" + "- " * 100_000 + "x\n", id="block-lists"),
    ],
)
def test_very_deep_nesting_is_refused_without_crashing(make_table: MakeTable, body: str) -> None:
    # In a child process: a stack overflow in the YAML composer would kill pytest itself.
    path = make_table(body)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-500:]}"
    kind, line, problem = proc.stdout.strip().split(" ", 2)
    assert kind == "AliasTableError" and line.isdigit(), proc.stdout
    assert "nest" in problem.lower(), proc.stdout
    # a table of a few hundred kilobytes must not take long to refuse (libyaml's scanner is
    # quadratic in flow nesting depth: refuse deep nesting before handing the text to it)
    assert elapsed < 5.0, f"{elapsed:.1f} s"


def test_deeply_indented_mappings_are_refused(make_table: MakeTable) -> None:
    from aliasres.tables import MAX_DEPTH

    depth = MAX_DEPTH + 5
    body = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "x\n"
    path = make_table("entities: []\nreject:\n" + textwrap.indent(body, "  "))
    err = table_error(path)
    assert err.line is not None and 2 < err.line <= depth + 3, str(err)
    check(err, path, err.line, "nest")


def test_invalid_yaml_names_the_line(make_table: MakeTable) -> None:
    path = make_table("entities:\n  - id: person/a\n    name: [Ahmad\n")
    err = table_error(path)
    assert err.line is not None and err.line >= 3, str(err)
    check(err, path, err.line, "yaml")


def test_two_documents_in_one_file(make_table: MakeTable) -> None:
    path = make_table(GOOD + "---\n" + GOOD)
    check(table_error(path), path, 5, "yaml")


def test_python_tags_are_never_constructed(make_table: MakeTable, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = make_table(
        f"""\
        entities:
          - id: person/a
            name: !!python/object/apply:os.system ["touch {marker}"]
        """
    )
    check(table_error(path), path, 3, "name")
    assert not marker.exists()


# --------------------------------------------------------------------------- encoding
def test_latin1_file(make_table: MakeTable, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("Ahmad", "Ahm\xe9d").encode("latin-1"))
    check(table_error(path), path, 4, "utf-8")


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(GOOD.encode("utf-16"))  # starts with the UTF-16 BOM FF FE
    check(table_error(path), path, 1, "utf-8")


def test_utf8_bom_at_the_start_is_accepted(tmp_path: Path) -> None:
    # Documented choice: a UTF-8 BOM (Windows editors write one) is the same file without it.
    plain, bom = tmp_path / "plain.yaml", tmp_path / "bom.yaml"
    plain.write_bytes(GOOD.encode())
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_table(bom).entities == load_table(plain).entities


def test_bom_in_the_middle_of_a_file(tmp_path: Path) -> None:
    # Two files concatenated: the second one's BOM sits at the start of line 5.
    path = tmp_path / "cat.yaml"
    path.write_bytes(GOOD.encode() + b"\xef\xbb\xbfreject: [x]\n")
    check(table_error(path), path, 5)


# --------------------------------------------------------------------------- layout
def test_tab_indentation(make_table: MakeTable) -> None:
    path = make_table("entities:\n\t- id: person/a\n\t  name: Ahmad\n")
    check(table_error(path), path, 2, "tab")


def test_tab_indentation_is_an_error_with_a_line(make_table: MakeTable) -> None:
    path = make_table("entities:\n  - id: person/a\n\t name: Ahmad\n")
    err = table_error(path)
    assert err.line in (2, 3), str(err)
    check(err, path, err.line, "yaml")


# --------------------------------------------------------------------------- duplicates
@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("entities: []\nentities: []\n", 2, "entities"),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    name: Ahmed\n", 4, "name"),
        ("entities:\n  - id: person/a\n    id: person/b\n    name: Ahmad\n", 3, "id"),
        (
            ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n"
            "      - {name: Ahmed, kind: spelling, kind: translation}\n"),
            5,
            "kind",
        ),
    ],
    ids=["top", "entity-name", "entity-id", "alias-kind"],
)
def test_duplicate_keys(make_table: MakeTable, text: str, line: int, key: str) -> None:
    path = make_table(text)
    check(table_error(path), path, line, "duplicate", key)


def test_duplicate_id_in_one_file(make_table: MakeTable) -> None:
    path = make_table(GOOD + "  - id: person/a\n    name: Ahmed Khalil\n")
    check(table_error(path), path, 5, "duplicate", "person/a", "line 2")


def test_ids_colliding_across_files(make_table: MakeTable) -> None:
    first = make_table(GOOD, "first.yaml")
    second = make_table(
        "entities:\n  - id: person/b\n    name: Bassam\n  - id: person/a\n    name: Other\n",
        "second.yaml",
    )
    with pytest.raises(aliasres.AliasTableError) as info:
        aliasres.Resolver.from_yaml(first, second, bundled=False)
    check(info.value, second, 4, "person/a", f"{first}:2")


def test_id_colliding_with_a_bundled_table(make_table: MakeTable) -> None:
    bundled = load_tables([], bundled=True)
    taken = bundled[0].entities[0]
    path = make_table(f"entities:\n  - id: {taken.id}\n    name: Somebody Else\n")
    with pytest.raises(aliasres.AliasTableError) as info:
        aliasres.Resolver.from_yaml(path)
    check(info.value, path, 2, taken.id, f"{taken.path}:{taken.line}")


# --------------------------------------------------------------------------- wrong types
@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- id: person/a\n", 1, ("table", "mapping")),
        ("just a string\n", 1, ("table", "mapping")),
        ("entities: {id: person/a}\n", 1, ("entities", "list")),
        ("entities: person/a\n", 1, ("entities", "list")),
        ("entities:\n  - person/a\n", 2, ("entity", "mapping")),
        ("entities:\n  - id: [person/a]\n    name: Ahmad\n", 2, ("id", "string")),
        ("entities:\n  - id: 42\n    name: Ahmad\n", 2, ("id", "string")),
        ("entities:\n  - id: person/a\n    name: 3.5\n", 3, ("name", "string")),
        ("entities:\n  - id: person/a\n    name: 2001-09-11\n", 3, ("name", "string")),
        ("entities:\n  - id: person/a\n    name: {first: Ahmad}\n", 3, ("name", "string")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    type: 1\n", 4, ("type", "string")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: Ahmed\n", 4,
         ("aliases", "list")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: [7]\n", 4,
         ("alias", "string")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: [[Ahmed]]\n", 4,
         ("alias", "mapping")),
        (("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n"
         "      - {name: Ahmed, weak: maybe}\n"), 5, ("weak", "true or false")),
        (("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n"
         "      - {name: Ahmed, shared: 1}\n"), 5, ("shared", "true or false")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    countries: SY\n", 4,
         ("countries", "list")),
        # Norway unquoted is YAML's false: named once, with the hint (it was wrapped twice)
        ("entities:\n  - id: person/a\n    name: Ahmad\n    countries: [NO]\n", 4,
         ("country must be a string", "quote it")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    sources: [1]\n", 4,
         ("source", "string")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    description: [a]\n", 4,
         ("description", "string")),
        ("reject: Ahmad\n", 1, ("reject", "list")),
        ("reject: [12]\n", 1, ("reject", "string")),
    ],
)
def test_wrong_types(make_table: MakeTable, text: str, line: int, words: tuple[str, ...]) -> None:
    path = make_table(text)
    check(table_error(path), path, line, *words)


def test_a_country_that_is_not_a_string_is_named_once(make_table: MakeTable) -> None:
    # countries: [NO] (Norway, YAML's false) was wrapped twice: "country: file:4: ... country"
    path = make_table("entities:\n  - id: person/a\n    name: Ahmad\n    countries: [NO]\n")
    err = table_error(path)
    assert str(err).count(str(path)) == 1, str(err)
    # nearest wrong neighbour: an unknown country keeps its own message
    path = make_table("entities:\n  - id: person/a\n    name: Ahmad\n    countries: [Atlantis]\n")
    check(table_error(path), path, 4, "country", "atlantis")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("entities:\n  - id: person/a\n    type: persn\n    name: Ahmad\n", 3,
         ("unknown type", "persn")),
        (("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n"
         "      - {name: Ahmed, kind: nick}\n"), 5, ("unknown kind", "nick")),
    ],
)
def test_unknown_enum_values(make_table: MakeTable, text: str, line: int,
                             words: tuple[str, ...]) -> None:
    path = make_table(text)
    check(table_error(path), path, line, *words)


# --------------------------------------------------------------------------- YAML 1.1 booleans
YAML11_BOOLEANS = ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "true", "False"]


@pytest.mark.parametrize("word", YAML11_BOOLEANS)
@pytest.mark.parametrize(
    ("template", "line", "what"),
    [
        ("entities:\n  - id: person/a\n    name: {w}\n", 3, "name"),
        ("entities:\n  - id: {w}\n    name: Ahmad\n", 2, "id"),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: [{w}]\n", 4, "alias"),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n      - name: {w}\n",
         5, "alias"),
        ("reject:\n  - {w}\n", 2, "reject"),
    ],
    ids=["name", "id", "alias", "alias-name", "reject"],
)
def test_yaml11_booleans_as_names(make_table: MakeTable, word: str, template: str, line: int,
                                  what: str) -> None:
    # An unquoted ``No`` (a real name!) is read by YAML 1.1 as false: refuse, say "quote it".
    path = make_table(template.format(w=word))
    check(table_error(path), path, line, what, "quote")


@pytest.mark.parametrize("word", ["y", "n", "Y", "N", "Non", "Noor"])
def test_words_that_are_not_booleans_load_as_names(make_table: MakeTable, word: str) -> None:
    path = make_table(f"entities:\n  - id: person/a\n    name: {word}\n")
    assert load_table(path).entities[0].name == word


@pytest.mark.parametrize("value", ["~", "null", "", "Null"])
def test_null_names(make_table: MakeTable, value: str) -> None:
    path = make_table(f"entities:\n  - id: person/a\n    name: {value}\n")
    check(table_error(path), path, 3, "name")


# --------------------------------------------------------------------------- empty values
@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("entities:\n  - id: ''\n    name: Ahmad\n", 2, ("id", "empty")),
        ("entities:\n  - id: '   '\n    name: Ahmad\n", 2, ("id", "empty")),
        ("entities:\n  - id: 'person a'\n    name: Ahmad\n", 2, ("id", "spaces")),
        ("entities:\n  - id: person/a\n    name: ''\n", 3, ("name", "empty")),
        ("entities:\n  - id: person/a\n    name: '  '\n", 3, ("name", "empty")),
        ("entities:\n  - id: person/a\n    name: '---'\n", 3, ("name", "no letters")),
        ('entities:\n  - id: person/a\n    name: "\\u200f\\u200e"\n', 3, ("name", "no letters")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: ['']\n", 4,
         ("alias", "empty")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n      - name: ''\n", 5,
         ("alias", "empty")),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases: ['...']\n", 4,
         ("alias", "no letters")),
        ("reject: ['']\n", 1, ("reject", "empty")),
    ],
    ids=["id", "id-blank", "id-space", "name", "name-blank", "name-punct", "name-marks",
         "alias", "alias-name", "alias-punct", "reject"],
)
def test_empty_names_and_ids(make_table: MakeTable, text: str, line: int,
                             words: tuple[str, ...]) -> None:
    path = make_table(text)
    check(table_error(path), path, line, *words)


def test_name_with_nul(make_table: MakeTable) -> None:
    path = make_table('entities:\n  - id: person/a\n    name: "Ah\\0mad"\n')
    check(table_error(path), path, 3, "nul")


def test_name_over_the_length_limit(make_table: MakeTable) -> None:
    from aliasres.tables import MAX_NAME_LENGTH

    ok = make_table(f"entities:\n  - id: person/a\n    name: {'a' * MAX_NAME_LENGTH}\n")
    assert len(load_table(ok).entities) == 1
    path = make_table(f"entities:\n  - id: person/a\n    name: {'a' * (MAX_NAME_LENGTH + 1)}\n")
    check(table_error(path), path, 3, "name", str(MAX_NAME_LENGTH))


def test_id_over_the_length_limit(make_table: MakeTable) -> None:
    from aliasres.tables import MAX_ID_LENGTH

    path = make_table(f"entities:\n  - id: {'x' * (MAX_ID_LENGTH + 1)}\n    name: Ahmad\n")
    check(table_error(path), path, 2, "id", str(MAX_ID_LENGTH))


# --------------------------------------------------------------------------- unknown keys
@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("entity:\n  - id: person/a\n", 1, "entity"),
        ("entities:\n  - id: person/a\n    nmae: Ahmad\n    name: Ahmad\n", 3, "nmae"),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    alias: [Ahmed]\n", 4, "alias"),
        (("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n"
         "      - {name: Ahmed, knd: spelling}\n"), 5, "knd"),
        ("entities:\n  - {id: person/a, name: Ahmad, 1: x}\n", 2, "key"),
    ],
    ids=["top", "entity", "entity-alias", "alias", "non-string-key"],
)
def test_unknown_keys(make_table: MakeTable, text: str, line: int, key: str) -> None:
    path = make_table(text)
    check(table_error(path), path, line, key)


# --------------------------------------------------------------------------- missing fields
@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("entities:\n  - name: Ahmad\n    type: person\n", 2, "id"),
        ("entities:\n  - id: person/a\n    type: person\n", 2, "name"),
        ("entities:\n  - id: person/a\n    name: Ahmad\n    aliases:\n      - kind: spelling\n",
         5, "name"),
        ("entities:\n  - {}\n", 2, "id"),
    ],
    ids=["id", "name", "alias-name", "empty-entity"],
)
def test_missing_fields(make_table: MakeTable, text: str, line: int, field: str) -> None:
    path = make_table(text)
    check(table_error(path), path, line, "missing", field)


# --------------------------------------------------------------------------- files
def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    check(table_error(path), path, None, "no such file")


@pytest.mark.parametrize("path", [None, 5, ["a.yaml", "b.yaml"]], ids=["None", "int", "list"])
def test_a_path_that_is_no_path(path: object) -> None:
    # a clear TypeError from aliasres, not one from deep inside pathlib
    with pytest.raises(TypeError, match="table path must be str or os.PathLike") as info:
        aliasres.Resolver.from_yaml(path, bundled=False)  # type: ignore[arg-type]
    assert ("its own argument" in str(info.value)) == isinstance(path, list)


def test_a_directory_without_tables(tmp_path: Path) -> None:
    # a wrong directory or extension: an error, not a resolver that knows nothing
    (tmp_path / "people.json").write_text("{}", encoding="utf-8")
    check(table_error(tmp_path), tmp_path, None, "no table files")
    with pytest.raises(aliasres.AliasTableError, match="no table files"):
        aliasres.Resolver.from_yaml(tmp_path)


def test_unreadable_path(tmp_path: Path) -> None:
    # A directory given to load_table itself (not to from_yaml, which expands directories).
    with pytest.raises(aliasres.AliasTableError) as info:
        load_table(tmp_path)
    check(info.value, tmp_path, None, "cannot read")


def test_error_in_second_file_names_that_file(make_table: MakeTable) -> None:
    good = make_table(GOOD, "good.yaml")
    bad = make_table("entities:\n  - id: person/b\n    name: Bassam\n    nmae: x\n", "bad.yaml")
    with pytest.raises(aliasres.AliasTableError) as info:
        aliasres.Resolver.from_yaml(good, bad, bundled=False)
    check(info.value, bad, 4, "nmae")


def test_a_failed_load_leaves_a_built_resolver_working(make_table: MakeTable) -> None:
    resolver = aliasres.Resolver.from_yaml(make_table(GOOD), bundled=False)
    before = resolver.resolve("Ahmad Khalil")
    assert before is not None and before.id == "person/a"
    table_error(make_table("entities:\n  - id: person/a\n    nmae: x\n"))
    assert resolver.resolve("Ahmad Khalil") == before
    assert len(resolver) == 1


def test_empty_file_is_an_empty_table(make_table: MakeTable) -> None:
    assert load_table(make_table("")).entities == ()
    assert load_table(make_table("# only a comment\n")).entities == ()


def test_good_table_loads(make_table: MakeTable) -> None:
    # The control case: the fixtures above differ from a valid table by one defect each.
    table = load_table(make_table(textwrap.dedent(GOOD)))
    assert [e.id for e in table.entities] == ["person/a"]


def test_an_empty_path_is_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Path("") is the current directory: an empty setting would load every table below it
    (tmp_path / "t.yaml").write_text("entities:\n  - id: x/a\n    name: Abu Foo\n",
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(aliasres.AliasTableError, match="an empty path"):
        aliasres.Resolver.from_yaml("", bundled=False)
    # nearest wrong neighbour: "." names the current directory on purpose, and is read
    assert len(aliasres.Resolver.from_yaml(".", bundled=False).entities) == 1


def test_a_path_the_system_refuses(tmp_path: Path) -> None:
    # a name longer than the file system allows: an AliasTableError, not an OSError
    path = tmp_path / ("a" * 5000 + ".yaml")
    with pytest.raises(aliasres.AliasTableError, match="cannot read") as info:
        aliasres.Resolver.from_yaml(path, bundled=False)
    assert info.value.path == str(path)
