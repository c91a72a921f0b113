"""A tiny run of the speed benchmark (benchmarks/speed.py, gen.py) so that it cannot rot."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import gen  # noqa: E402 (benchmarks/ is put on the path just above)
import speed  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def vocab() -> gen.Vocab:
    return gen.load_vocab()


@pytest.fixture(scope="module")
def dataset(vocab: gen.Vocab) -> gen.Dataset:
    return gen.generate(400, seed=3, vocab=vocab)


def test_vocab_keeps_held_out_parts_apart(vocab: gen.Vocab) -> None:
    assert len(vocab.male) > 100 and vocab.held_male and vocab.held_family + vocab.held_nisba
    in_tables = {gen.ar_fold(t.ar) for t in vocab.male + vocab.family_al + vocab.nisba}
    assert not in_tables & {gen.ar_fold(t.ar) for t in vocab.held_male + vocab.held_family}


def test_table_is_sized_and_deterministic(dataset: gen.Dataset, vocab: gen.Vocab) -> None:
    assert dataset.n_aliases == 400
    assert sum(1 + len(a) for _, _, a in dataset.entities) == 400
    assert all(len(a) <= 3 for _, _, a in dataset.entities)
    assert any(lang == "ar" for _, _, a in dataset.entities for _, _, lang in a)
    again = gen.generate(400, seed=3, vocab=vocab)
    assert again.entities == dataset.entities
    assert gen.generate(400, seed=4, vocab=vocab).entities != dataset.entities


def test_queries_know_their_answers(dataset: gen.Dataset) -> None:
    qs = gen.queries(dataset, 25, seed=3)
    assert {k: len(v) for k, v in qs.items()} == {k: 25 for k in gen.QUERY_TYPES}
    ids = {eid: {name, *(a for a, _, _ in aliases)} for eid, name, aliases in dataset.entities}
    for q in qs["exact"]:
        assert q.expected and any(q.text in ids[e] for e in q.expected)
    assert all(q.expected for q in qs["variant"])
    table_names = {t for names in ids.values() for t in names}
    assert sum(q.text not in table_names for q in qs["variant"]) >= 20  # re-spelled
    assert all(q.expected and ARABIC.search(q.text) for q in qs["arabic"])
    table_texts = {gen._fold_text(t) for names in ids.values() for t in names}
    for q in qs["miss"]:
        assert q.expected == () and gen._fold_text(q.text) not in table_texts
    assert gen.queries(dataset, 25, seed=3) == qs


def test_habits_change_the_spelling() -> None:
    assert "Youssouf" in gen._habits("Yussouf") or "Youssouf" in gen._habits("Youssuf")
    assert "Chami" in gen._habits("Shami") and "Hasan" in gen._habits("Hassan")


def test_measure_in_process(dataset: gen.Dataset, tmp_path: Path) -> None:
    table, queries = tmp_path / "t.jsonl", tmp_path / "q.json"
    gen.write_table(dataset, table)
    gen.write_queries(gen.queries(dataset, 10, seed=5), queries)
    r = speed.measure("aliasres", table, queries)
    assert r["aliases"] == 400 and r["entities"] == len(dataset.entities)
    for kind in gen.QUERY_TYPES:
        t = r["types"][kind]
        assert t["n"] == 10 and t["correct"] + t["wrong"] + t["none"] == 10
        assert 0 < t["p50_ms"] <= t["p99_ms"] and t["qps"] > 0
    # an alias of the table resolves to its owner, or to nothing when several entities share it
    assert r["types"]["exact"]["correct"] == 10
    b = speed.measure("baseline", table, queries, limit=3)
    assert all(t["n"] == 3 for t in b["types"].values())


def test_outcome() -> None:
    assert speed.outcome(("a",), "a") == "correct"
    assert speed.outcome(("a",), "b") == "wrong"
    assert speed.outcome(("a",), None) == "none"
    assert speed.outcome((), None) == "correct" and speed.outcome((), "a") == "wrong"
    assert speed.outcome(("a", "b"), None) == "correct"


def test_script_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "speed.py"), "--sizes", "300", "--queries", "8",
         "--baseline-queries", "3", "--skip-cold", "--skip-clean", "--no-plots", "--docs", str(tmp_path),
         "--json", str(out)],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    doc = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "| 300 | variant | aliasres | 8 |" in doc and "| 300 | variant | baseline | 3 |" in doc
    results = json.loads(out.read_text(encoding="utf-8"))["results"]["300"]
    assert results["aliasres"]["aliases"] == 300 and results["aliasres"]["peak_mb"] > 0


def test_large_tables_benchmark_runs(tmp_path: Path) -> None:
    """benchmarks/large.py end to end on a tiny table: both formats, the index, 2 sharers."""
    out = tmp_path / "large.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "large.py"), "--sizes", "600", "--shapes", "gen",
         "--seconds", "0.2", "--shared", "2", "--workdir", str(tmp_path), "--json", str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = json.loads(out.read_text(encoding="utf-8"))
    formats = {(r["shape"], r["format"]) for r in rows}
    assert ("gen", "yaml") in formats and ("gen", "jsonl") in formats and ("gen", "index") in formats
    for r in rows:
        assert r["names"] >= 590 and r["qps"] > 0
        if r["format"] == "index":
            assert r["shared"]["processes"] == 2
        else:
            assert r["wrong"] <= r["resolved_right"]


def test_relisted_skips_without_the_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import relisted

    assert relisted.main(["--eval", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_relisted_says_why_an_import_failed(tmp_path: Path) -> None:
    # a damaged list: the importer's own message, not a CalledProcessError that hides it
    import relisted

    sources = tmp_path / "sources"
    sources.mkdir()
    for name in (relisted.OLD, relisted.NEW):
        (sources / name).write_text("<CONSOLIDATED_LIST><INDIVIDUALS>", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        relisted.main(["--eval", str(tmp_path)])
    assert "aliasres import un" in str(exc.value) and relisted.OLD in str(exc.value)
