"""``aliasres build``, ``--index FILE``, ``clean --jobs N`` and ``import -o TABLE.jsonl``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from aliasres.cli import main
from aliasres.tables import load_table

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_then_resolve_with_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "g.ari"
    code, _, err = _run(capsys, "build", GOLDEN / "table.yaml", "--no-bundled", "-o", index)
    assert code == 0 and "-> " in err and index.exists()
    names = ["Ahmad al-Sharra", "Hafez al-Assad", "Assad"]
    code, with_index, _ = _run(capsys, "resolve", *names, "--index", index, "--json")
    assert code == 0
    code, with_tables, _ = _run(
        capsys, "resolve", *names, "--tables", GOLDEN / "table.yaml", "--no-bundled", "--json"
    )
    assert with_index == with_tables and with_index.count("\n") == len(names)


def test_index_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ari"
    bad.write_text("entities: []\n", encoding="utf-8")
    code, _, err = _run(capsys, "resolve", "Ahmad", "--index", bad)
    assert code == 2 and "not an aliasres index" in err
    code, _, err = _run(capsys, "resolve", "Ahmad", "--index", bad, "--tables", bad)
    assert code == 2 and "--index replaces" in err
    code, _, err = _run(capsys, "build", tmp_path / "missing.yaml", "-o", tmp_path / "x.ari")
    assert code == 2 and "no such file" in err


def test_clean_jobs_writes_what_one_job_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aliasres.cli import clean

    monkeypatch.setattr(clean, "_BLOCK", 7)  # several blocks
    with open(GOLDEN / "cases.csv", encoding="utf-8", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["n", "name"])
        for i, name in enumerate(names * 2 + ["", "Assad"]):
            w.writerow([i, name])
    common = ["--column", "name", "--tables", GOLDEN / "table.yaml", "--no-bundled", "-q"]
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert _run(capsys, "clean", source, "-o", one, *common)[0] == 0
    assert _run(capsys, "clean", source, "-o", two, "--jobs", "2", *common)[0] == 0
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_import_writes_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_out, jsonl_out = tmp_path / "un.yaml", tmp_path / "un.jsonl"
    xml = FIXTURES / "un_2026_excerpt.xml"
    assert _run(capsys, "import", "un", xml, "-o", yaml_out)[0] == 0
    assert _run(capsys, "import", "un", xml, "-o", jsonl_out)[0] == 0
    lines = jsonl_out.read_text(encoding="utf-8").splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert load_table(jsonl_out).entities == load_table(yaml_out).entities
