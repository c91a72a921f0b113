"""``clean --jobs N`` with the input split among the workers (cli/split.py): the output, the
exit status, the messages and the summary are those of one job, byte for byte."""

from __future__ import annotations

import csv
import io
import json
import mmap
import random
import re
from pathlib import Path
from typing import Any

import pytest

from aliasres.cli import main, split

GOLDEN = Path(__file__).parent / "golden"
TABLE = ["--tables", str(GOLDEN / "table.yaml"), "--no-bundled"]


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any file is worth splitting here; the plans made are kept to check that it was."""
    monkeypatch.setattr(split, "MIN_BYTES_PER_JOB", 1)
    plans: list[Any] = []
    make = split.make_plan

    def recorded(*args: Any) -> Any:
        plan = make(*args)
        plans.append(plan)
        return plan

    monkeypatch.setattr(split, "make_plan", recorded)
    return plans


def _names() -> list[str]:
    with open(GOLDEN / "cases.csv", encoding="utf-8", newline="") as fh:
        return [r["name"] for r in csv.DictReader(fh)]


def _clean(
    capsys: pytest.CaptureFixture[str], src: Path, jobs: int, *extra: str
) -> tuple[int, bytes, str]:
    out = src.with_name(f"out-{jobs}{src.suffix}")
    if out.exists():
        out.unlink()
    code = main(["clean", str(src), "-o", str(out), "--jobs", str(jobs), *TABLE, *extra])
    err = re.sub(r" in \d+\.\d s ", " in T s ", capsys.readouterr().err).replace(out.name, "OUT")
    return code, (out.read_bytes() if out.exists() else b""), err


def _same_as_one_job(
    capsys: pytest.CaptureFixture[str], src: Path, *extra: str, jobs: tuple[int, ...] = (2, 3, 4)
) -> tuple[int, bytes, str]:
    one = _clean(capsys, src, 1, *extra)
    for n in jobs:
        assert _clean(capsys, src, n, *extra) == one, f"--jobs {n}"
    return one


def _write_csv(path: Path, rows: list[list[str]], **kwargs: Any) -> None:
    with open(path, "w", encoding=kwargs.pop("encoding", "utf-8"), newline="") as fh:
        csv.writer(fh, **kwargs).writerows(rows)


def test_csv_with_quoted_line_breaks_blank_lines_and_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_parts: list[Any]
) -> None:
    names = _names()
    rows: list[list[str]] = [["n", "note", "name"]]
    for i, name in enumerate(names * 3):
        note = ["plain", "two\nlines", 'a "quoted" word', "x,y", "\r\nstarts with a break"][i % 5]
        rows.append([str(i), note, name])
    rows.insert(7, ["short row"])
    rows.insert(20, ["1", "2", "3", "4"])
    src = tmp_path / "in.csv"
    _write_csv(src, rows)
    with open(src, "a", encoding="utf-8", newline="") as fh:
        fh.write("\n\n99,last,Bashar al-Assad")  # blank lines; no line break at the end
    code, out, err = _same_as_one_job(capsys, src, "--column", "name", "--keep-going")
    assert code == 0 and b"two\nlines" in out and "row 7 (line " in err
    assert [p.parts for p in small_parts] == [2, 3, 4]
    # without --keep-going: the first bad row stops every run, with the same message
    code, out, err = _same_as_one_job(capsys, src, "--column", "name")
    assert code == 1 and out == b"" and "row 7 (line " in err


def test_a_bad_row_in_a_later_part_is_numbered_in_the_whole_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["name", "n"]] + [[name, "1"] for name in _names() * 4]
    rows.insert(len(rows) - 5, ["Assad"])  # in the last part
    src = tmp_path / "in.csv"
    _write_csv(src, rows, lineterminator="\r\n")
    code, _, err = _same_as_one_job(capsys, src, "--column", "name")
    assert code == 1 and f"row {len(rows) - 6} (line {len(rows) - 5})" in err


def test_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    for i, name in enumerate(_names() * 3):
        lines.append(json.dumps({"name": name, "i": i}, ensure_ascii=i % 2 == 0))
        if i % 17 == 0:
            lines += ["", "   "]
    lines[30] = "not json"
    lines[50] = "[1, 2]"
    lines[60] = '{"i": 3}'  # no name key (only the first record must have it)
    lines[70] = '{"name": "Assad", "name_id": "x"}'  # a line cleaned before: a bad row
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _same_as_one_job(capsys, src, "--column", "name", "--keep-going")
    assert code == 0 and out.count(b"\n") == len(lines) and "not JSON" in err
    assert lines[70].encode() + b"\n" in out and "already has a key 'name_id'" in err
    code, _, err = _same_as_one_job(capsys, src, "--column", "name")
    assert code == 1 and "not JSON" in err


def test_json_lines_first_record_found_in_a_later_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n" * 50 + '{"nom": "x"}\n' + '{"name": "Assad"}\n' * 3, encoding="utf-8")
    code, _, err = _same_as_one_job(capsys, src, "--column", "name")
    assert code == 2 and "line 51: no key 'name' in the first record" in err
    src.write_text("\n" * 50 + '{"name": "Assad"}\n' + '{"nom": "x"}\n' * 3, encoding="utf-8")
    assert _same_as_one_job(capsys, src, "--column", "name")[0] == 0


def test_header_only_tiny_files_and_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name\n", encoding="utf-8")
    assert (
        _same_as_one_job(capsys, src, "--column", "name")[1]
        == b"id,name,name_id,name_name,name_score,name_status\n"
    )
    src.write_text("id,name\n1,Assad\n", encoding="utf-8")  # fewer lines than jobs
    assert _same_as_one_job(capsys, src, "--column", "name")[0] == 0
    src.write_text("id,name", encoding="utf-8")  # no line break at all
    assert _same_as_one_job(capsys, src, "--column", "name")[0] == 0
    src.write_text("", encoding="utf-8")
    assert _same_as_one_job(capsys, src, "--column", "name")[0] == 2
    rows = "".join(f'{i},"{n}"\r\n' for i, n in enumerate(_names()))
    src.write_bytes(b"\xef\xbb\xbf" + f'"id","name"\r\n{rows}'.encode())
    code, out, _ = _same_as_one_job(capsys, src, "--column", "name")
    assert code == 0 and out.startswith(b"\xef\xbb\xbfid,name,") and out.count(b"\xef\xbb\xbf") == 1


def test_tsv_latin1_undecodable_bytes_and_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.tsv"
    rows = [["name", "country", "born"]]
    for i, name in enumerate(_names() * 2):
        rows.append([name, ["SY", "", "IQ;SY", "Syria"][i % 4], ["", "1965", "1971-04-28"][i % 3]])
    _write_csv(src, rows, delimiter="\t")
    evidence = ["--country-column", "country", "--born-column", "born"]
    assert _same_as_one_job(capsys, src, "--column", "name", *evidence)[0] == 0
    data = src.read_bytes()
    half = data.index(b"\n", len(data) // 2) + 1
    src.write_bytes(data[:half] + b"Caf\xe9\tSY\t\n" + data[half:])
    code, _, err = _same_as_one_job(capsys, src, "--column", "name", "--keep-going")
    assert code == 0 and "not valid text" in err
    assert _same_as_one_job(capsys, src, "--column", "name", "--encoding", "latin-1")[0] == 0


def test_more_distinct_names_than_the_cache_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, [["name"]] + [[n] for n in _names() * 2])
    one = _clean(capsys, src, 1, "--column", "name", "--cache-size", "5", "-q")
    assert _clean(capsys, src, 2, "--column", "name", "--cache-size", "5", "-q") == one


def test_a_cut_inside_a_record_falls_back_to_one_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["n", "name"]] + [[f"line\n{i}\nof a cell", n] for i, n in enumerate(_names())]
    src = tmp_path / "in.csv"
    _write_csv(src, rows)
    one = _clean(capsys, src, 1, "--column", "name")
    # a cut at a line break inside a quoted cell, as a wrong reading of the quotes would make
    data = src.read_bytes()
    inside = data.index(b"line\n", len(data) // 2) + 5
    monkeypatch.setattr(split._Boundaries, "next", lambda self, target: inside)
    runs: list[Any] = []
    run = split._bases

    def recorded(*args: Any) -> Any:
        runs.append(run(*args))
        return runs[-1]

    monkeypatch.setattr(split, "_bases", recorded)
    assert _clean(capsys, src, 2, "--column", "name") == one
    assert runs == [None]  # the first part did not end where a record ends: declined


def _true_boundaries(text: str) -> set[int]:
    """The offsets (in bytes) at which the csv reader ends a record that ends a line."""
    src = io.StringIO(text, newline="")
    ends: set[int] = set()
    lines = iter(src.readline, "")
    done = 0

    def counted() -> Any:
        nonlocal done
        for line in lines:
            done += len(line.encode())
            yield line

    reader = csv.reader(counted(), strict=False)
    for _ in reader:
        ends.add(done)
    return ends


def test_boundaries_are_where_the_csv_reader_ends_a_record(tmp_path: Path) -> None:
    rng = random.Random(16)
    alphabet = ["a", "é", ",", '"', '"', "\n", "\r\n", "\r", " "]
    path = tmp_path / "t.csv"
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        data = text.encode()
        path.write_bytes(data)
        truth = {e for e in _true_boundaries(text) if data[e - 1 : e] == b"\n" and e < len(data)}
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            finder = split._Boundaries(mm, 0, b",")
            found = set()
            at = 1
            while (b := finder.next(at)) is not None and b < len(data):
                found.add(b)
                at = b + 1
            finder.view.release()
        assert found == truth, repr(text)


def test_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    _write_csv(src, [["name"]] + [[n] for n in _names()])
    args = ["clean", str(src), "-o", "-", "--column", "name", "-q", *TABLE]
    assert main([*args, "--jobs", "1"]) == 0
    one = capsys.readouterr().out
    assert main([*args, "--jobs", "3"]) == 0
    assert capsys.readouterr().out == one and one.count("\n") == len(_names()) + 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_standard_input_with_jobs_is_read_by_one_process(tmp_path: Path, fmt: str) -> None:
    """'Standard input ... is read by one process instead' (docs/cli.md): the split path
    opened stdin, read its header, closed it, and declined; the one-reader path then found
    stdin closed ('ValueError: peek of closed file', a traceback and no output). A real
    pipe, so in a child process."""
    import os
    import subprocess
    import sys

    import aliasres

    names = _names()
    if fmt == "csv":
        data = "name\n" + "".join(f'"{n}"\n' for n in names)
    else:
        data = "".join(json.dumps({"name": n}) + "\n" for n in names)
    home = str(Path(aliasres.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": home + os.pathsep + os.environ.get("PYTHONPATH", "")}
    outs = []
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "aliasres", "clean", "-", "--format", fmt, "-c", "name",
             "-o", "-", "-q", "--jobs", jobs, *TABLE],
            input=data.encode("utf-8"), capture_output=True, env=env, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(proc.stdout)
    assert outs[1] == outs[0]
    assert outs[0].count(b"\n") == len(names) + (fmt == "csv")
