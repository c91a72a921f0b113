"""The command line never loses work: no command writes over one of its inputs, `fmt` keeps
every section, `check` reports every problem (issue 11)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from aliasres.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

TABLE = """\
entities:
  - {id: place/sy/damascus, type: place, name: Damascus, aliases: [Dimashq]}
  - {id: org/hts, type: organization, name: Hayat Tahrir al-Sham, aliases: [HTS]}
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return call


@pytest.fixture
def table(make_table: Callable[..., Path]) -> Path:
    return make_table(TABLE, "table.yaml")


def small(table: Path) -> list[str]:
    return ["--no-bundled", "--tables", str(table)]


# ---------------------------------------------------------------------------- no overwrite
def spellings(path: Path) -> dict[str, str]:
    """The ways of naming ``path`` other than itself: ./relative, a symlink, a hard link."""
    link = path.with_name("link-" + path.name)
    link.symlink_to(path)
    hard = path.with_name("hard-" + path.name)
    os.link(path, hard)
    return {
        "same": str(path),
        "dot": os.path.join(".", os.path.relpath(path)),
        "symlink": str(link),
        "hardlink": str(hard),
    }


@pytest.mark.parametrize("how", ["same", "dot", "symlink", "hardlink"])
@pytest.mark.parametrize("command", ["clean", "suggest", "suggest-tables", "clean-tables",
                                     "import"])
def test_no_command_writes_over_its_input(
    run: Run, tmp_path: Path, table: Path, monkeypatch: pytest.MonkeyPatch,
    command: str, how: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.csv"
    src.write_text("name\nDamascus\nZzyzx\n", encoding="utf-8")
    xml = tmp_path / "un.xml"
    xml.write_bytes((FIXTURES / "un_2026_excerpt.xml").read_bytes())
    victim = {"import": xml, "suggest-tables": table, "clean-tables": table}.get(command, src)
    before = {p: p.read_bytes() for p in (src, xml, table)}
    target = spellings(victim)[how]
    if command == "import":
        args: list[str | Path] = ["import", "un", xml, "-o", target]
    else:
        args = [command.split("-")[0], src, "-c", "name", "-o", target, *small(table)]
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert "overwrite the input" in proc.stderr
    assert target in proc.stderr and str(victim) in proc.stderr  # both paths named
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


def test_table_directory_is_an_input(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\nZzyzx\n", encoding="utf-8")
    proc = run("suggest", src, "-c", "name", "-o", table, "--no-bundled", "--tables", tmp_path)
    assert proc.returncode == 2 and str(table) in proc.stderr
    assert table.read_text(encoding="utf-8") == TABLE


def test_suggest_and_import_write_atomically_through_a_link(
    run: Run, tmp_path: Path, table: Path
) -> None:
    """Writing to a symbolic link replaces the file it points to and keeps the link."""
    src = tmp_path / "in.csv"
    src.write_text("name\nZzyzx\n", encoding="utf-8")
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "patch.yaml"
    link.symlink_to(real)
    assert run("suggest", src, "-c", "name", "-o", link, *small(table)).returncode == 0
    assert link.is_symlink() and "Zzyzx" in real.read_text(encoding="utf-8")
    assert run("import", "un", FIXTURES / "un_2026_excerpt.xml", "-o", link).returncode == 0
    assert link.is_symlink() and "un:" in real.read_text(encoding="utf-8")
    out = tmp_path / "out.csv"
    real_out = tmp_path / "real.csv"
    real_out.write_text("", encoding="utf-8")
    out.symlink_to(real_out)
    assert run("clean", src, "-c", "name", "-o", out, *small(table)).returncode == 0
    assert out.is_symlink() and "name_status" in real_out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- fmt
def test_fmt_keeps_extend_and_reject(run: Run, make_table: Callable[..., Path]) -> None:
    """The issue's case: a table with only `extend:` (what suggest writes) kept by fmt."""
    path = make_table("""\
        extend:
          - id: org/hts
            aliases: [Tahrir al-Sham]
        reject: [Abu Mohammed]
    """)
    assert run("fmt", path).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "extend:\n  - id: org/hts\n    aliases:\n      - Tahrir al-Sham\n" in text
    assert "reject:\n  - Abu Mohammed\n" in text and "entities" not in text


def test_fmt_through_a_link_keeps_the_link(run: Run, make_table: Callable[..., Path]) -> None:
    real = make_table("entities:\n  - {id: b, name: B}\n  - {id: a, name: A}\n")
    link = real.with_name("link.yaml")
    link.symlink_to(real)
    assert run("fmt", link).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").index("id: a") < 30


# ---------------------------------------------------------------------------- check
BAD = """\
entities:
  - id: a
    nmae: A
  - {id: b, name: B, type: thing}
  - {id: c, name: C, aliases: [{name: x, kind: zzz}, 5]}
  - {id: d, name: D}
  - {id: d, name: D again}
bogus: 1
"""


def test_check_reports_every_problem(run: Run, make_table: Callable[..., Path]) -> None:
    bad = make_table(BAD, "bad.yaml")
    also = make_table("entities:\n  - {id: e}\n", "also.yaml")
    proc = run("check", "--no-bundled", bad, also)
    assert proc.returncode == 1
    lines = proc.stderr.strip().split("\n")
    expected = [
        (bad, 3, "unknown key 'nmae'"),
        (bad, 2, "missing 'name'"),
        (bad, 4, "unknown type 'thing'"),
        (bad, 5, "unknown kind 'zzz'"),
        (bad, 5, "must be a string"),
        (bad, 7, "duplicate id 'd'"),
        (bad, 8, "unknown key 'bogus'"),
        (also, 2, "missing 'name'"),
    ]
    assert len(lines) == len(expected) + 1, proc.stderr
    for line, (path, number, problem) in zip(lines, expected):
        assert line.startswith(f"{path}:{number}: ") and problem in line, (line, problem)
    assert lines[-1] == "aliasres check: 8 problems in 2 files"
    # neither table loaded: no statistics, no "no collisions"
    assert proc.stdout == ""


def test_check_statistics_only_for_tables_that_loaded(
    run: Run, make_table: Callable[..., Path]
) -> None:
    good = make_table("entities:\n  - {id: a, name: A, aliases: [Aa]}\n")
    bad = make_table("entities:\n  - {id: b}\n")
    proc = run("check", "--no-bundled", good, bad)
    assert proc.returncode == 1
    assert proc.stdout.startswith("1 table, 1 entity, 2 names (1 table did not load)")


def test_check_extend_ids_against_the_bundled_tables(
    run: Run, make_table: Callable[..., Path]
) -> None:
    known = make_table("extend:\n  - {id: person/bashar-al-assad, aliases: [Bashar Hafez]}\n")
    assert run("check", known).returncode == 0
    # without the bundled tables the same id is unknown, as it is when loading it that way
    proc = run("check", "--no-bundled", known)
    assert proc.returncode == 1 and f"{known}:2: extend: no entity" in proc.stderr
    unknown = make_table("extend:\n  - {id: person/nobody-at-all, aliases: [X]}\n")
    proc = run("check", unknown)
    assert proc.returncode == 1
    assert f"{unknown}:2: extend: no entity has the id 'person/nobody-at-all'" in proc.stderr
    # an id that another checked table defines is known
    other = make_table("entities:\n  - {id: person/nobody-at-all, name: Nobody}\n")
    assert run("check", "--no-bundled", unknown, other).returncode == 0


def test_check_missing_path_does_not_hide_the_others(
    run: Run, make_table: Callable[..., Path], tmp_path: Path
) -> None:
    bad = make_table("entities:\n  - {id: b}\n")
    proc = run("check", tmp_path / "nope.yaml", bad)
    assert proc.returncode == 1
    assert "nope.yaml: no such file" in proc.stderr and f"{bad}:2:" in proc.stderr


def test_load_table_raises_one_error_with_every_problem(make_table: Callable[..., Path]) -> None:
    from aliasres.errors import AliasTableError
    from aliasres.tables import load_table

    bad = make_table(BAD, "bad.yaml")
    with pytest.raises(AliasTableError) as info:
        load_table(bad)
    err = info.value
    assert (err.path, err.line, err.problem) == (str(bad), 3, err.problems[0].problem)
    assert len(err.problems) == 7 and "unknown key 'nmae'" in err.problem
    assert str(err).split("\n") == [str(p) for p in err.problems]
    assert isinstance(err, ValueError)


# ---------------------------------------------------------------------------- --keep-going
def test_keep_going_long_row_reads_back(run: Run, tmp_path: Path, table: Path) -> None:
    """The issue's row `2,Homs,extra`: the added columns stay in their place and pandas reads
    the output back, every row, the extra cell kept in the row's last column."""
    pd = pytest.importorskip("pandas")
    src = tmp_path / "in.csv"
    src.write_text("id,name\n1,Damascus\n2,Homs,extra\n3\n4,HTS\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("clean", src, "-c", "name", "--keep-going", "-o", out, *small(table)).returncode == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["id", "name", "name_id", "name_name", "name_score",
                                   "name_status"]
    assert list(frame["id"]) == ["1", "2", "3", "4"]
    assert list(frame["name"]) == ["Damascus", "Homs,extra", "", "HTS"]
    assert list(frame["name_status"]) == ["resolved", "error", "error", "resolved"]


def test_table_error_pickles(make_table: Callable[..., Path]) -> None:
    import pickle

    from aliasres.errors import AliasTableError, RulesError
    from aliasres.tables import load_table

    with pytest.raises(AliasTableError) as info:
        load_table(make_table(BAD, "bad.yaml"))
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value) and len(copy.problems) == len(info.value.problems)
    rules = pickle.loads(pickle.dumps(RulesError("r.yaml", 1, "bad")))
    assert type(rules) is RulesError and str(rules) == "r.yaml:1: bad"


def test_build_does_not_write_over_a_table(run: Run, table: Path) -> None:
    before = table.read_bytes()
    proc = run("build", table, "--no-bundled", "-o", table)
    assert proc.returncode == 2 and "overwrite the input" in proc.stderr
    assert table.read_bytes() == before


@pytest.mark.parametrize(
    "options",
    [["--country-column", "nope"], ["--born-column", "nope"], ["--document-column", "nope"],
     ["--document-column", "doc", "--country-column", "doc"]],
    ids=["country", "born", "document", "document+country"],
)
def test_clean_to_stdout_writes_nothing_on_a_usage_error(
    run: Run, tmp_path: Path, table: Path, options: list[str]
) -> None:
    """A missing evidence or document column is a usage error found before the header is
    written: stdout gets nothing (a file output is atomic anyway), not a header and then
    an error."""
    src = tmp_path / "in.csv"
    src.write_text("doc,name\n1,Damascus\n", encoding="utf-8")
    for fmt in ("csv", "jsonl"):
        if fmt == "jsonl":
            src = tmp_path / "in.jsonl"
            src.write_text('{"doc": 1, "name": "Damascus"}\n', encoding="utf-8")
            if "document+country" not in str(options) and options[1] == "nope":
                continue  # a JSON line may leave a key out: not a usage error
        got = run("clean", src, "-c", "name", "-q", "-o", "-", *options, *small(table))
        assert got.returncode == 2, (fmt, got)
        assert got.stdout == "", (fmt, got.stdout)
    # nearest wrong neighbour: the columns exist, and the header and rows are written
    src = tmp_path / "in.csv"
    good = [o.replace("nope", "doc") for o in options]
    if "--document-column" in good and "--country-column" in good:
        good = ["--document-column", "doc"]
    got = run("clean", src, "-c", "name", "-q", "-o", "-", *good, *small(table))
    assert got.returncode in (0, 1) and got.stdout.startswith("doc,name,name_id"), got


def test_clean_a_file_whose_first_line_is_empty(run: Run, tmp_path: Path, table: Path) -> None:
    """The header is the first line: an empty one is named as such, not as 'the header has '
    followed by nothing."""
    src = tmp_path / "in.csv"
    src.write_text("\nid,name\n1,Damascus\n", encoding="utf-8")
    got = run("clean", src, "-c", "name", "-q", "-o", "-", *small(table))
    assert got.returncode == 2 and got.stdout == ""
    assert "line 1 is empty" in got.stderr, got.stderr
    # nearest wrong neighbour: a header of one empty cell is a header, named as before
    src.write_text('""\n1\n', encoding="utf-8")
    got = run("clean", src, "-c", "name", "-q", "-o", "-", *small(table))
    assert got.returncode == 2 and "the header has ''" in got.stderr, got.stderr
