"""The real-news corpus (benchmarks/news/): every annotated span is the text at its offsets,
every gold id is an entity of the bundled tables, every article has its source and licence;
and the coverage benchmark (benchmarks/coverage.py) runs on it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import aliasres

ROOT = Path(__file__).resolve().parent.parent


def _load_benchmark(name: str):  # type: ignore[no-untyped-def]
    """benchmarks/<name>.py under a name of its own: "coverage" is also a package that a
    pytest plugin may have imported already."""
    spec = importlib.util.spec_from_file_location(
        f"_bench_{name}", ROOT / "benchmarks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


coverage = _load_benchmark("coverage")

CORPUS = ROOT / "benchmarks" / "news"
NONE = {"NONE-person", "NONE-org", "NONE-place"}


@pytest.fixture(scope="module")
def mentions() -> list[coverage.Mention]:
    return coverage.read_mentions(CORPUS / "mentions.tsv")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return coverage.read_texts(CORPUS)


def test_every_span_is_the_text_at_its_offsets(
    mentions: list[coverage.Mention], texts: dict[str, str]
) -> None:
    bad = [
        m for m in mentions if m.file not in texts or texts[m.file][m.start : m.end] != m.surface
    ]
    assert not bad, bad[:5]


def test_spans_are_ordered_and_do_not_overlap(mentions: list[coverage.Mention]) -> None:
    last: dict[str, int] = {}
    for m in mentions:
        assert m.start < m.end, m
        assert m.start >= last.get(m.file, 0), f"{m} overlaps or precedes the mention before it"
        last[m.file] = m.end


def test_spans_are_whole_words(mentions: list[coverage.Mention], texts: dict[str, str]) -> None:
    """A span neither starts nor ends inside a word (Arabic proclitics excepted)."""
    for m in mentions:
        text = texts[m.file]
        assert m.end == len(text) or not text[m.end].isalnum(), m
        assert m.start == 0 or not text[m.start - 1].isalnum() or text[m.start - 1] in "وبلفك", m


def test_gold_ids_are_bundled_entities(mentions: list[coverage.Mention]) -> None:
    resolver = aliasres.default_resolver()
    unknown = {m.gold for m in mentions if m.gold not in NONE and resolver.get(m.gold) is None}
    assert not unknown


def test_gold_type_matches_the_entity(mentions: list[coverage.Mention]) -> None:
    resolver = aliasres.default_resolver()
    kinds = {"person": "person", "org": "organization", "place": "place"}
    for m in mentions:
        if m.in_tables:
            entity = resolver.get(m.gold)
            assert entity is not None and entity.type == kinds[m.type], m


def test_every_article_has_source_date_and_licence(texts: dict[str, str]) -> None:
    rows = [
        line.split("\t")
        for line in (CORPUS / "articles.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert all(len(r) == 6 and all(r) for r in rows), rows
    assert sorted(r[0] for r in rows) == sorted(texts)
    assert all(r[0][:2] == r[1] and r[5].startswith("http") for r in rows)


def test_corpus_size_and_languages(mentions: list[coverage.Mention], texts: dict[str, str]) -> None:
    assert len(texts) >= 30
    per_lang = {lang: sum(f.startswith(lang) for f in texts) for lang in ("en", "fr", "ar")}
    assert min(per_lang.values()) >= 9, per_lang
    assert {m.file for m in mentions} == set(texts)


def test_read_mentions_refuses_a_broken_row(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv"
    path.write_text("# header\na.txt\t1\t2\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"m.tsv:2: expected 5"):
        coverage.read_mentions(path)
    path.write_text("a.txt\tone\t2\tx\tNONE-org\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"m.tsv:1: start and end"):
        coverage.read_mentions(path)


def test_measure_counts_an_id_on_a_missing_entity_as_wrong() -> None:
    ms = [
        coverage.Mention("en_a.txt", 0, 5, "Syria", "place/sy/syria"),
        coverage.Mention("en_a.txt", 6, 9, "Bob", "NONE-person"),
        coverage.Mention("en_a.txt", 10, 13, "Zed", "NONE-person"),
    ]
    answers = {"Syria": "place/sy/syria", "Bob": "person/x", "Zed": None}
    tallies, errors = coverage.measure(ms, answers.get)
    assert tallies["all"].missing == 2 and tallies["person"].none_given_id == 1
    assert tallies["place"].right == 1 and [m.surface for m, _ in errors] == ["Bob"]


def test_coverage_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert coverage.main(["--json"]) == 0
    assert '"not_in_tables_share"' in capsys.readouterr().out
