"""The command line.

What only a real process shows (exit status, signals, streaming stdin, the 2,000-row file, a
missing column, an unwritable directory) runs as a subprocess, ``python -m aliasres``; the
rest calls :func:`aliasres.cli.main` in this process, since each new process spends about two
seconds building the name lexicon. Most tests use a small inline table with ``--no-bundled``;
expected values are computed with the same table, never written out by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import aliasres
from aliasres.cli import ROW_DELAY_ENV, main
from aliasres.pandas import classify

TABLE = """\
    entities:
      - id: person/abu-mohammed-al-jawlani
        type: person
        name: Abu Mohammed al-Jawlani
        aliases:
          - Abu Muhammad al-Golani
          - {name: أبو محمد الجولاني, lang: ar}
      - id: place/damascus
        type: place
        name: Damascus
        aliases:
          - Dimashq
          - {name: دمشق, lang: ar}
      - id: place/tripoli-lebanon
        type: place
        name: Tripoli, Lebanon
        aliases: [{name: Tripoli, shared: true}]
      - id: place/tripoli-libya
        type: place
        name: Tripoli, Libya
        aliases: [{name: Tripoli, shared: true}]
      - id: org/hayat-tahrir-al-sham
        type: organization
        name: Hayat Tahrir al-Sham
        aliases: [{name: HTS, kind: abbreviation}, هيئة تحرير الشام]
"""

# names of all kinds, including odd ones, for generated files
NAMES = [
    "Abu Mohammed al-Jawlani", "Abou Mohamed al-Joulani", "أبو محمد الجولاني", "Damascus",
    "Dimashk", "دمشق", "Tripoli", "HTS", "Hayat Tahrir al Sham", "Nobody Atall", "", "  ",
    'He said "hi", then left', "comma, inside", "line\nbreak", "tab\tinside", "'quoted'",
    "x" * 300, "مرحبا بالعالم", "Ünïcödé Ñame", "=cmd()", "-", "null", "None", "\u200fRTL mark",
]


@pytest.fixture
def table(make_table: Callable[[str], Path]) -> Path:
    return make_table(TABLE, "table.yaml")


@pytest.fixture
def resolver(table: Path) -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml(table, bundled=False)


def sub(*args: str | Path, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m aliasres ARGS`` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "aliasres", *map(str, args)], input=stdin, capture_output=True,
        text=True, encoding="utf-8", timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``aliasres ARGS`` in this process: its exit status and captured output."""

    def call(*args: str | Path, stdin: str | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return call


def small(table: Path) -> list[str]:
    return ["--no-bundled", "--tables", str(table)]


def read_csv(path: Path, **kw: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh, **kw))  # type: ignore[arg-type]


def write_csv(path: Path, rows: list[list[str]], **kw: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, **kw).writerows(rows)  # type: ignore[arg-type]


def expected_cells(resolver: aliasres.Resolver, name: str) -> list[str]:
    r = classify(resolver, name)
    return [r.id or "", r.name or "", "" if r.score is None else f"{r.score:.3f}", r.status]


# ---------------------------------------------------------------------------- resolve & co
def test_resolve_names(table: Path, resolver: aliasres.Resolver) -> None:
    names = ["Abou Mohamed al-Joulani", "Tripoli", "Nobody Atall", "دمشق"]
    proc = sub("resolve", *names, *small(table))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(names)
    for name, line in zip(names, lines):
        query, eid, canonical, score, status = line.split("\t")
        r = classify(resolver, name)
        assert (query, eid, canonical, status) == (name, r.id or "-", r.name or "-", r.status)
        assert score == ("-" if r.score is None else f"{r.score:.3f}")
    statuses = [line.split("\t")[-1] for line in lines]
    assert set(statuses) == {"resolved", "ambiguous", "unresolved"}


def test_resolve_json(run: Run, table: Path, resolver: aliasres.Resolver) -> None:
    proc = run("resolve", "--json", "Tripoli", "Dimashq", *small(table))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in records] == ["Tripoli", "Dimashq"]
    assert records[0]["status"] == "ambiguous" and records[0]["id"] is None
    assert sorted(records[0]["candidates"]) == ["place/tripoli-lebanon", "place/tripoli-libya"]
    match = resolver.resolve("Dimashq")
    assert match is not None
    assert records[1]["id"] == match.id and records[1]["score"] == match.score


def test_resolve_stdin_streams(table: Path) -> None:
    """`resolve -` answers each line as it arrives (it does not wait for end of input)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "aliasres", "resolve", "-", *small(table)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for name in ("Damascus", "", "أبو محمد الجولاني"):
            proc.stdin.write(name + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()  # blocks until the answer: fails by timeout if not
            assert line.split("\t")[0] == name
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_bundled_tables_by_default(run: Run) -> None:
    """Without --tables the bundled tables are used: each sampled canonical name comes back
    with the id the library itself gives it."""
    entities = aliasres.default_resolver().entities
    sample = random.Random(7).sample(list(entities), 5)
    names = [e.name for e in sample]
    proc = run("resolve", "--json", *names)
    assert proc.returncode == 0, proc.stderr
    got = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    want = [m.id if m else None for m in aliasres.resolve_many(names)]
    assert got == want


def test_explain_transliterate_normalize(run: Run, table: Path, resolver: aliasres.Resolver) -> None:
    proc = run("explain", "Dimashq", *small(table))
    assert proc.returncode == 0
    assert proc.stdout.strip() == resolver.explain("Dimashq")
    proc = run("transliterate", "أبو محمد الجولاني", "دمشق")
    assert proc.stdout.splitlines() == [aliasres.transliterate("أبو محمد الجولاني"),
                                        aliasres.transliterate("دمشق")]
    for scheme in ("common", "french", "strict"):
        proc = run("transliterate", "--scheme", scheme, "-", stdin="بشار الأسد\nمُحَمَّد\n")
        assert proc.stdout.splitlines() == [aliasres.transliterate("بشار الأسد", scheme=scheme),
                                            aliasres.transliterate("مُحَمَّد", scheme=scheme)]
    assert run("transliterate", "--scheme", "german", "x").returncode == 2
    proc = run("normalize", "-", stdin="Abū  Muḥammad AL-JAWLANI\nدِمَشْق\n")
    assert proc.stdout.splitlines() == [aliasres.normalize("Abū  Muḥammad AL-JAWLANI"),
                                        aliasres.normalize("دِمَشْق")]


def test_usage_errors(run: Run, table: Path) -> None:
    proc = run("resolve", "x", "--no-bundled")
    assert proc.returncode == 2 and "--tables" in proc.stderr
    proc = run("resolve", "x", "--tables", str(table.parent / "missing.yaml"))
    assert proc.returncode == 2 and "missing.yaml" in proc.stderr
    proc = run("resolve", "x", "--threshold", "2")
    assert proc.returncode == 2
    proc = run()
    assert proc.returncode == 2 and "COMMAND" in proc.stderr


def test_help_lists_every_command(run: Run) -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("resolve", "explain", "transliterate", "normalize", "clean", "suggest",
                    "check", "fmt", "import"):
        assert command in proc.stdout
        assert run(command, "--help").returncode == 0


# ---------------------------------------------------------------------------- clean
def make_rows(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    rows = [["id", "name", "note", "empty"]]
    for i in range(n):
        name = rng.choice(NAMES) + (f" {i % 7}" if rng.random() < 0.3 else "")
        note = rng.choice(["", "a,b", 'say "x"', "multi\nline\r\nnote", "دمشق", " padded "])
        rows.append([str(i), name, note, ""])
    return rows


def test_clean_csv_2000_rows(tmp_path: Path, table: Path, resolver: aliasres.Resolver) -> None:
    rows = make_rows(2000)
    src = tmp_path / "names.csv"
    write_csv(src, rows)
    before = src.read_bytes()
    proc = sub("clean", src, "--column", "name", *small(table))
    assert proc.returncode == 0, proc.stderr
    out = read_csv(tmp_path / "names.clean.csv")
    assert src.read_bytes() == before
    assert len(out) == len(rows)
    assert out[0] == rows[0] + ["name_id", "name_name", "name_score", "name_status"]
    for got, row in zip(out[1:], rows[1:]):
        assert got[:4] == row  # original values unchanged, in order
        assert got[4:] == expected_cells(resolver, row[1])
    statuses = {r[-1] for r in out[1:]}
    assert statuses == {"resolved", "ambiguous", "unresolved"}
    assert "2,000 rows" in proc.stderr and "resolved" in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal


def test_clean_output_option_and_prefix(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["Name"], ["Damascus"], ["HTS"]])
    out = tmp_path / "sub" / "out.csv"
    out.parent.mkdir()
    proc = run("clean", src, "-c", "Name", "-o", out, "--prefix", "who", *small(table))
    assert proc.returncode == 0, proc.stderr
    assert read_csv(out)[0] == ["Name", "who_id", "who_name", "who_score", "who_status"]


def test_clean_to_stdout(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["name"], ["Damascus"]])
    proc = run("clean", src, "-c", "name", "-o", "-", "-q", *small(table))
    assert proc.returncode == 0
    assert list(csv.reader(io.StringIO(proc.stdout)))[1][:2] == ["Damascus", "place/damascus"]
    assert proc.stderr == ""


def test_clean_missing_column(tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["id", "Name"], ["1", "Damascus"]])
    proc = sub("clean", src, "--column", "name", *small(table))
    assert proc.returncode == 2
    assert "'name'" in proc.stderr and "'Name'" in proc.stderr  # names it, suggests the close one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "table.yaml"]


def test_clean_empty_file(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"")
    proc = run("clean", src, "--column", "name", *small(table))
    assert proc.returncode == 2 and "empty" in proc.stderr


def test_clean_unwritable_output(tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["name"], ["Damascus"]])
    proc = sub("clean", src, "-c", "name", "-o", tmp_path / "no" / "such" / "dir.csv",
               *small(table))
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "table.yaml"]


def test_clean_read_only_output_dir(tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["name"], ["Damascus"]])
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("this user can write to a read-only directory (root)")
        proc = sub("clean", src, "-c", "name", "-o", locked / "out.csv", *small(table))
        assert proc.returncode == 2 and "cannot write" in proc.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_clean_refuses_to_overwrite_input(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    write_csv(src, [["name"], ["Damascus"]])
    before = src.read_bytes()
    proc = run("clean", src, "-c", "name", "-o", src, *small(table))
    assert proc.returncode == 2 and "overwrite the input" in proc.stderr
    assert src.read_bytes() == before


def test_clean_bad_row(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name\n1,Damascus\n2,HTS,extra\n3,Tripoli\n4\n", encoding="utf-8")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 1
    assert "row 2 (line 3)" in proc.stderr and "--keep-going" in proc.stderr
    # no output, no temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "table.yaml"]

    proc = run("clean", src, "-c", "name", "--keep-going", *small(table))
    assert proc.returncode == 0, proc.stderr
    out = read_csv(tmp_path / "in.clean.csv")
    assert [r[0] for r in out[1:]] == ["1", "2", "3", "4"]
    # every cell kept, marked; the extra cells joined into the row's last column (issue 11), so
    # that the added columns stay in their place and a CSV reader reads the file back
    assert out[2] == ["2", "HTS,extra", "", "", "", "error"]
    assert {len(r) for r in out} == {6}
    assert out[4] == ["4", "", "", "", "", "error"]  # a short row is padded
    assert out[1][-1] == "resolved" and out[3][-1] == "ambiguous"
    assert "row 2 (line 3)" in proc.stderr and "row 4 (line 5)" in proc.stderr


def test_clean_invalid_utf8(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"name,x\nDamascus,1\nDam\xe9scus,2\n")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 1 and "row 2 (line 3)" in proc.stderr
    proc = run("clean", src, "-c", "name", "--keep-going", *small(table))
    assert proc.returncode == 0
    out = (tmp_path / "in.clean.csv").read_bytes()
    assert out.splitlines()[2] == b"Dam\xe9scus,2,,,,error"  # the bytes kept as they were


def test_clean_bom_crlf_and_quotes_kept(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes('\ufeffname,n\r\n"Damascus",1\r\n"a ""b"", c",2\r\n'.encode())
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / "in.clean.csv").read_bytes()
    assert out.startswith(b"\xef\xbb\xbfname,n,name_id,")
    assert out.count(b"\r\n") == 3 and b"\n" not in out.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert [r[:2] for r in rows[1:]] == [["Damascus", "1"], ['a "b", c', "2"]]


def test_clean_tsv(run: Run, tmp_path: Path, table: Path, resolver: aliasres.Resolver) -> None:
    rows = [["name", "x"], ["Damascus", "1"], ["HTS", ""], ["a,b", '"q"']]
    src = tmp_path / "in.tsv"
    write_csv(src, rows, delimiter="\t")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 0, proc.stderr
    out = read_csv(tmp_path / "in.clean.tsv", delimiter="\t")
    assert [r[:2] for r in out] == rows
    assert out[1][2:] == expected_cells(resolver, "Damascus")


def test_clean_jsonl(run: Run, tmp_path: Path, table: Path, resolver: aliasres.Resolver) -> None:
    lines = [
        '{"name": "Damascus", "n": 1.0, "nested": {"a": [1, 2]}}',
        '{"name":"\\u062f\\u0645\\u0634\\u0642","n":2}',
        "",
        '{"name": null, "n": 3}',
        '{"n": 4}',
        '{"name": 12}',
        '  {"name": "Tripoli"}  ',
        "{}",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / "in.clean.jsonl").read_text(encoding="utf-8").split("\n")
    assert out[-1] == "" and len(out) == len(lines) + 1
    for original, got in zip(lines, out):
        if not original.strip():
            assert got == original
            continue
        # the original text is kept byte for byte; the new keys come before the last brace
        head = original.rstrip()[:-1]
        assert got.startswith(head)
        record, before = json.loads(got), json.loads(original)
        assert {k: v for k, v in record.items() if not k.startswith("name_")} == before
        name = before.get("name")
        want = classify(resolver, name)
        assert record["name_status"] == want.status and record["name_id"] == want.id
    assert json.loads(out[0])["name_id"] == "place/damascus"


def test_clean_jsonl_errors(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"name": "Damascus"}\n{"name": "HTS"\n[1]\n', encoding="utf-8")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 1 and "row 2 (line 2)" in proc.stderr
    proc = run("clean", src, "-c", "name", "--keep-going", *small(table))
    assert proc.returncode == 0
    out = (tmp_path / "in.clean.jsonl").read_text(encoding="utf-8").splitlines()
    assert out[1:] == ['{"name": "HTS"', "[1]"]  # passed through unchanged, reported
    assert "row 3 (line 3)" in proc.stderr
    src.write_text('{"Name": "x"}\n', encoding="utf-8")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 2 and "'Name'" in proc.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_jsonl_record_with_an_added_key_is_a_bad_row(
    run: Run, tmp_path: Path, table: Path, jobs: str
) -> None:
    """A JSON line that already has a key ``clean`` adds (``name_id`` ...: a line cleaned
    before) is a bad row like a line that is not JSON: it stops the run naming the row, or,
    with --keep-going, is copied unchanged and listed; the other rows are cleaned."""
    lines = [
        '{"name": "Damascus"}',
        '{"name": "HTS", "name_id": "x"}',
        '{"name": "Tripoli"}',
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = [*small(table), "--jobs", jobs]
    proc = run("clean", src, "-c", "name", *options)
    assert proc.returncode == 1, proc.stderr
    assert "row 2 (line 2)" in proc.stderr and "'name_id'" in proc.stderr
    assert "--prefix" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("clean", src, "-c", "name", "--keep-going", *options)
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / "in.clean.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out) == 3 and out[1] == lines[1]  # copied unchanged, not lost
    assert json.loads(out[0])["name_id"] == "place/damascus"
    assert json.loads(out[2])["name_status"] == "ambiguous"
    assert "row 2 (line 2)" in proc.stderr
    proc = run("clean", src, "-c", "name", "--prefix", "again", *options)
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / "in.clean.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(out[1])["again_id"] == "org/hayat-tahrir-al-sham"


def test_clean_unknown_extension(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("name\nDamascus\n", encoding="utf-8")
    proc = run("clean", src, "-c", "name", *small(table))
    assert proc.returncode == 2 and "--format" in proc.stderr
    proc = run("clean", src, "-c", "name", "--format", "csv", "-o", tmp_path / "o.csv",
               *small(table))
    assert proc.returncode == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_clean_interrupted_leaves_nothing(tmp_path: Path, table: Path, signum: int) -> None:
    """Stopped half way, `clean` leaves no output and no temporary file, and the input as it
    was. The ALIASRES_TEST_ROW_DELAY hook slows each row so that "half way" is reliable."""
    src = tmp_path / "in.csv"
    write_csv(src, make_rows(400))
    before = src.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aliasres", "clean", str(src), "-c", "name", *small(table)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, ROW_DELAY_ENV: "0.01"},
        # a test run started in the background (nohup, `cmd &` in a script) ignores SIGINT,
        # and so would the child: Python then installs no KeyboardInterrupt handler
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.5)  # well into the rows (400 rows take about 4 s)
        assert proc.poll() is None
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "table.yaml"]
    assert src.read_bytes() == before


# ---------------------------------------------------------------------------- suggest
def uncomment_first_candidate(patch: str, name: str) -> str:
    """What a curator does: in the block of ``name``, uncomment the first candidate."""
    lines = patch.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("  ##") and
                 line.endswith(f": {name}"))
    i = start + 1
    assert lines[i].startswith("  # - id:")
    lines[i] = lines[i].replace("  # ", "  ", 1)
    i += 1
    while i < len(lines) and lines[i].startswith("  #   "):
        lines[i] = lines[i].replace("  # ", "  ", 1)
        i += 1
    return "\n".join(lines)


def test_suggest_patch_loads_once_chosen(run: Run, tmp_path: Path, table: Path) -> None:
    rows = [["name"]] + [["Tripoli"]] * 3 + [["Abou Mouhamad Joulany"]] * 2 + \
        [["Damascus"], ["Zzyzx Qqq"], [""]]
    src = tmp_path / "in.csv"
    write_csv(src, rows)
    patch = tmp_path / "patch.yaml"
    proc = run("suggest", src, "-c", "name", "-o", patch, *small(table))
    assert proc.returncode == 0, proc.stderr
    text = patch.read_text(encoding="utf-8")
    resolver = aliasres.Resolver.from_yaml(table, bundled=False)
    unresolved = [n for n in ("Tripoli", "Abou Mouhamad Joulany", "Zzyzx Qqq")
                  if resolver.resolve(n) is None]
    blocks = [line for line in text.splitlines() if line.startswith("  ##")]
    # names with candidates (under extend:) before new entities, each part most frequent
    # first; resolved names left out
    has_candidates = {n: bool(resolver.candidates(n)) for n in unresolved}
    expected = sorted(unresolved, key=lambda n: not has_candidates[n])
    assert [b.rsplit(": ", 1)[1] for b in blocks] == expected
    assert "3 rows" in blocks[0]
    # as written (everything commented) the patch is a valid, empty table
    assert run("check", patch).returncode == 0

    chosen = uncomment_first_candidate(text, "Tripoli")
    first_candidate = resolver.candidates("Tripoli", limit=1)[0].id
    chosen_path = tmp_path / "chosen.yaml"
    chosen_path.write_text(chosen, encoding="utf-8")
    # the extended entity is in `table` (not a bundled one): checked alone, the patch names an
    # unknown id; checked with its table, it is valid
    proc = run("check", chosen_path)
    assert proc.returncode == 1 and f"{chosen_path}:" in proc.stderr and "no entity" in proc.stderr
    proc = run("check", table, chosen_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # an accepted candidate extends the entity another table defines
    (extension,) = aliasres.tables.load_table(chosen_path).extend
    assert extension.id == first_candidate
    assert [a.name for a in extension.aliases] == ["Tripoli"]
    merged = aliasres.Resolver.from_yaml(table, chosen_path, bundled=False)
    assert "Tripoli" in [a.name for a in merged.get(first_candidate).aliases]  # type: ignore[union-attr]

    # a name with nothing close proposes a new entity, which loads too
    new = uncomment_first_candidate(text, "Zzyzx Qqq")
    new_path = tmp_path / "new.yaml"
    new_path.write_text(new, encoding="utf-8")
    assert run("check", new_path).returncode == 0
    r = aliasres.Resolver.from_yaml(new_path, bundled=False)
    match = r.resolve("Zzyzx Qqq")
    assert match is not None and match.id.startswith("new/")


def test_suggest_to_stdout(run: Run, tmp_path: Path, table: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"n": "Tripoli"}\n{"n": "Tripoli"}\n', encoding="utf-8")
    proc = run("suggest", src, "-c", "n", "--candidates", "1", *small(table))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("# - id:") == 1 and "2 rows, ambiguous: Tripoli" in proc.stdout


def test_suggest_refuses_a_json_lines_output(run: Run, tmp_path: Path, table: Path) -> None:
    """The patch is YAML whose blocks are comments to uncomment: written to a .jsonl name
    it is a table no loader reads (every line 'invalid JSON'). A usage error, before any
    work, naming the fix."""
    src = tmp_path / "in.csv"
    src.write_text("n\nTripoli\n", encoding="utf-8")
    out = tmp_path / "patch.jsonl"
    proc = run("suggest", src, "-c", "n", "-o", out, *small(table))
    assert proc.returncode == 2 and "YAML" in proc.stderr and not out.exists(), proc.stderr
    # nearest wrong neighbour: a .yaml or .yml name is written
    for name in ("patch.yaml", "patch.yml"):
        proc = run("suggest", src, "-c", "n", "-q", "-o", tmp_path / name, *small(table))
        assert proc.returncode == 0 and (tmp_path / name).exists(), proc.stderr


@pytest.mark.parametrize("command", ["clean", "suggest"])
@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n", "\r"],
                         ids=["empty", "two", "quote", "newline", "cr"])
def test_a_delimiter_that_cannot_separate_cells_is_a_usage_error(
    run: Run, tmp_path: Path, table: Path, command: str, delimiter: str
) -> None:
    """--delimiter is one character that can separate cells: an empty one silently meant
    the default, a quote or a line break read the file as nonsense."""
    src = tmp_path / "in.csv"
    src.write_text("name\nHoms\n", encoding="utf-8")
    proc = run(command, src, "-c", "name", "--delimiter", delimiter, *small(table))
    assert proc.returncode == 2, proc
    assert "argument --delimiter: " in proc.stderr and repr(delimiter) in proc.stderr, proc.stderr
    assert not (tmp_path / "in.clean.csv").exists()
    # nearest wrong neighbour: a one-character delimiter, a tab or a semicolon, is taken
    for good in ("\t", ";"):
        proc = run(command, src, "-c", "name", "--delimiter", good, "-q", *small(table))
        assert proc.returncode == 0, proc.stderr


FAR_TABLE = """\
    entities:
      - id: place/sanliurfa
        type: place
        name: Şanlıurfa
        aliases: [Sanliurfa]
      - id: org/front-nord
        type: organization
        name: Front – Nord
        aliases: [Front Nord]
"""


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_writes_names_the_output_encoding_cannot_hold(
    run: Run, tmp_path: Path, make_table: Callable[[str], Path], fmt: str, jobs: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The output keeps the input's encoding; an entity's name with a character it cannot
    hold (Ş, ı, an en dash in Latin-1) was a UnicodeEncodeError traceback and no output. A CSV
    cell gets the nearest ASCII (unidecode), a JSON value the exact \\u escape."""
    from aliasres.cli import split

    monkeypatch.setattr(split, "MIN_BYTES_PER_JOB", 1)  # --jobs 2 does cut this small file
    table = make_table(FAR_TABLE)
    src = tmp_path / f"in.{fmt}"
    names = ["Sanliurfa", "Front Nord", "Liège"]
    if fmt == "csv":
        src.write_bytes(b"name\n" + "".join(f"{n}\n" for n in names).encode("latin-1"))
    else:
        src.write_bytes("".join(json.dumps({"name": n}, ensure_ascii=False) + "\n"
                                for n in names).encode("latin-1"))
    proc = run("clean", src, "-c", "name", "--encoding", "latin-1", "--jobs", jobs,
               *small(table))
    assert proc.returncode == 0, proc.stderr
    out = (tmp_path / f"in.clean.{fmt}").read_bytes().decode("latin-1").splitlines()
    if fmt == "csv":
        rows = list(csv.reader(out))
        assert [r[2] for r in rows[1:]] == ["Sanliurfa", "Front - Nord", ""]
        assert rows[3][0] == "Liège"  # the input's own text is kept as it is
    else:
        records = [json.loads(line) for line in out]
        assert [r["name_name"] for r in records] == ["Şanlıurfa", "Front – Nord", None]
        assert records[2]["name"] == "Liège"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
@pytest.mark.parametrize("command", ["clean", "suggest", "scan"])
def test_a_file_the_encoding_cannot_read_is_a_clear_error(
    run: Run, tmp_path: Path, table: Path, command: str, encoding: str
) -> None:
    """A UTF-8 file read with --encoding utf-16 (no byte-order mark) or utf-32: the decoder
    fails whatever the error handler, and that was a UnicodeError traceback."""
    src = tmp_path / "in.csv"
    src.write_text("name\nHoms\n", encoding="utf-8")
    args = [src] if command == "scan" else [src, "-c", "name"]
    proc = run(command, *args, "--encoding", encoding, *small(table))
    assert proc.returncode in (1, 2), proc
    assert f"cannot be read as {encoding}" in proc.stderr and "--encoding" in proc.stderr, proc


@pytest.mark.parametrize("encoding", ["bogus", "rot13", "base64"])
@pytest.mark.parametrize("command", ["clean", "suggest", "scan"])
def test_an_unknown_or_binary_encoding_is_a_usage_error(
    run: Run, tmp_path: Path, table: Path, command: str, encoding: str
) -> None:
    """--encoding names a text encoding: an unknown name, or a codec that is not one
    (rot13, base64), was a LookupError traceback from deep inside the file reader."""
    src = tmp_path / "in.csv"
    src.write_text("name\nHoms\n", encoding="utf-8")
    args = [src] if command == "scan" else [src, "-c", "name"]
    proc = run(command, *args, "--encoding", encoding, *small(table))
    assert proc.returncode == 2, proc
    assert f"argument --encoding: not a text encoding: {encoding!r}" in proc.stderr, proc.stderr
    # nearest wrong neighbour: another spelling of a text encoding is taken
    proc = run(command, *args, "--encoding", "Latin-1", "-q" if command != "scan" else "--type",
               *(["person"] if command == "scan" else []), *small(table))
    assert proc.returncode == 0, proc.stderr


LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[repr(b) for b in LINE_BREAKS])
def test_resolve_and_transliterate_write_one_line_per_text(run: Run, brk: str) -> None:
    """'A line out for every line in': a line break inside a text (a command-line value,
    or a Unicode line separator inside a stdin line) is written as a space, as a tab already
    was, so that the output's lines (read by str.splitlines as by a shell loop) match the
    texts one to one."""
    texts = [f"Homs{brk}Idlib", f"حمص{brk}إدلب", "Hama"]
    for command in ("resolve", "transliterate"):
        proc = run(command, *texts)
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.splitlines()
        assert len(lines) == 3, (command, proc.stdout)
        assert lines[2].startswith("Hama"), lines
        # (transliterate reads the separators as unidecode does: NEL is dropped, a
        # paragraph separator is two line breaks; what matters here is one line)
        if command == "resolve":
            assert lines[0].startswith("Homs Idlib\t"), lines
        else:
            assert lines[0].replace(" ", "") == "HomsIdlib", lines
    # stdin: a line holding a separator that does not end lines when a file is read
    if brk in ("\v", "\f", "\x1c", "\x85", "\u2028", "\u2029"):
        for command in ("resolve", "transliterate"):
            proc = run(command, "-", stdin=f"حمص{brk}إدلب\nHama\n")
            assert len(proc.stdout.splitlines()) == 2, (command, proc.stdout)


def test_resolve_json_keeps_the_query_as_given(run: Run) -> None:
    # nearest wrong neighbour: JSON escapes line breaks itself; the query stays as given
    proc = run("resolve", "--json", "Homs\u2028Idlib", "Hama")
    lines = proc.stdout.split("\n")
    assert json.loads(lines[0])["query"] == "Homs\u2028Idlib" and len(lines) == 3


@pytest.mark.parametrize(("option", "value"), [("--threshold", "0"), ("--margin", "1"),
                                               ("--threshold", "-0.1"), ("--margin", "nan")])
@pytest.mark.parametrize("command", ["resolve", "explain", "build"])
def test_threshold_and_margin_out_of_the_resolvers_range_are_usage_errors(
    run: Run, tmp_path: Path, table: Path, command: str, option: str, value: str
) -> None:
    """The options took [0, 1] but a resolver takes a threshold in (0, 1] and a margin in
    [0, 1): --threshold 0 or --margin 1 passed argparse and ended in a ValueError
    traceback."""
    args = (["-o", str(tmp_path / "x.ari"), str(table), "--no-bundled"] if command == "build"
            else ["Homs", *small(table)])
    proc = run(command, *args, option, value)
    assert proc.returncode == 2, proc
    assert f"argument {option}: must be" in proc.stderr, proc.stderr
    # nearest wrong neighbour: the ends each range does include
    good = "1" if option == "--threshold" else "0"
    proc = run(command, *args, option, good)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------------------- check & fmt
def test_check_bundled(run: Run) -> None:
    proc = run("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "entities" in proc.stdout


def test_check_collisions_and_strict(run: Run, make_table: Callable[..., Path]) -> None:
    path = make_table("""\
        entities:
          - {id: a, type: person, name: Abu Ali, aliases: [Abu Omar]}
          - {id: b, type: person, name: Abu Ali Two, aliases: [ABU OMAR]}
          - {id: c, type: place, name: X, aliases: [{name: Shared, shared: true}]}
          - {id: d, type: place, name: Y, aliases: [{name: shared, shared: true}]}
    """)
    proc = run("check", path)
    assert proc.returncode == 0
    assert "2, 1 declared" in proc.stdout and '"abu omar"' in proc.stdout
    assert '"shared"' not in proc.stdout  # declared ones only with --all
    assert '"shared"' in run("check", path, "--all").stdout
    proc = run("check", "--strict", path)
    assert proc.returncode == 1 and "undeclared" in proc.stderr


def test_check_errors(run: Run, make_table: Callable[..., Path]) -> None:
    good = make_table("entities:\n  - {id: a, name: A}\n")
    bad = make_table("entities:\n  - id: b\n    nmae: B\n")
    dup = make_table("entities:\n  - {id: a, name: A again}\n")
    proc = run("check", good, bad, dup)
    assert proc.returncode == 1
    assert f"{bad}:3" in proc.stderr and "nmae" in proc.stderr
    assert "'a' is already defined" in proc.stderr
    assert run("check", good.parent / "nope.yaml").returncode == 1


def test_fmt_check_and_write(run: Run, make_table: Callable[..., Path]) -> None:
    path = make_table("""\
        # header: where the facts come from
        entities:
          - {id: b, type: place, name: B, aliases: [b, Bee, BEE, 'yes']}
          - {id: a, type: person, name: A}
    """)
    before = path.read_text(encoding="utf-8")
    proc = run("fmt", "--check", path)
    assert proc.returncode == 1 and "would reformat" in proc.stdout
    assert path.read_text(encoding="utf-8") == before
    assert run("fmt", path).returncode == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# header: where the facts come from\nentities:\n  - id: a\n")
    assert run("fmt", "--check", path).returncode == 0
    b = aliasres.tables.load_table(path).entities[1]
    assert [a.name for a in b.aliases] == ["Bee", "yes"]


def test_fmt_keeps_comments_unless_told(run: Run, make_table: Callable[..., Path]) -> None:
    path = make_table("entities:\n  # a note\n  - {id: b, name: B}\n  - {id: a, name: A}\n")
    proc = run("fmt", path)
    assert proc.returncode == 2 and "--drop-comments" in proc.stderr
    assert "# a note" in path.read_text(encoding="utf-8")
    assert run("fmt", "--drop-comments", path).returncode == 0
    assert "# a note" not in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- import
FIXTURES = Path(__file__).parent / "fixtures"


def test_import_un_fixture(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "un.yaml"
    proc = run("import", "un", FIXTURES / "un_2018_excerpt.xml", FIXTURES / "un_2026_excerpt.xml",
               "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "entities" in proc.stderr
    assert run("check", out).returncode == 0
    assert run("fmt", "--check", out).returncode == 0  # already in the formatter's layout
    proc = run("resolve", "--json", "Abu Mohammed al-Julani", "--no-bundled", "--tables", out)
    assert json.loads(proc.stdout)["id"] == "un:QDi.317"


def test_import_ofac_fixture(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "ofac.yaml"
    proc = run("import", "ofac", FIXTURES / "ofac_sdn_excerpt.csv",
               FIXTURES / "ofac_alt_excerpt.csv", FIXTURES / "ofac_add_excerpt.csv", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "vessel" in proc.stderr  # says what it skipped
    assert run("check", out).returncode == 0


def test_import_errors(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    proc = run("import", "un", FIXTURES / "ofac_sdn_excerpt.csv", "-o", out)
    assert proc.returncode == 2 and "ofac_sdn_excerpt.csv" in proc.stderr
    proc = run("import", "ofac", FIXTURES / "ofac_alt_excerpt.csv", "-o", out)
    assert proc.returncode == 2 and "sdn.csv" in proc.stderr
    assert not out.exists()


def test_import_real_lists(run: Run, shared_dir: Path, tmp_path: Path) -> None:
    """Both issues of the real UN list, and the real OFAC files: tables that `check` accepts
    and that resolve al-Julani to the UN entry."""
    sources = shared_dir / "eval" / "sources"
    un = tmp_path / "un.yaml"
    proc = run("import", "un", sources / "un_consolidated_2018-10-29.xml",
               sources / "un_consolidated_2026-02-27.xml", "-o", un)
    assert proc.returncode == 0, proc.stderr
    ofac = tmp_path / "ofac.yaml"
    proc = run("import", "ofac", sources / "ofac_sdn.csv", sources / "ofac_alt.csv", "-o", ofac)
    assert proc.returncode == 0, proc.stderr
    proc = run("check", un, ofac)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run("resolve", "--json", "Abu Mohammed al-Julani", "--no-bundled", "--tables", un)
    assert json.loads(proc.stdout)["id"] == "un:QDi.317"
