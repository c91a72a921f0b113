"""The protocols of benchmarks/accuracy.py on a tiny synthetic list, so they cannot rot: the
held-out name is never in its own table, leave-one-out asks every name once, names another
entity of the table also has are dropped, and the baseline answers like extractOne."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import accuracy  # noqa: E402


def _row(eid: str, names: list[str], kinds: list[str] | None = None) -> dict:
    return {
        "id": eid,
        "type": "person",
        "source": "test",
        "names": names,
        "kinds": kinds or ["primary"] + ["aka"] * (len(names) - 1),
        "scripts": ["Arabic" if any("\u0600" <= c <= "\u06ff" for c in n) else "Latin" for n in names],
        "arabic_script": [n for n in names if any("\u0600" <= c <= "\u06ff" for c in n)],
    }


ROWS = [
    _row("t:1", ["Ahmed al-Sharaa", "Abu Mohammad al-Jolani", "أحمد الشرع"]),
    _row("t:2", ["Bashar al-Assad", "Bashar Hafez al-Assad"]),
    _row("t:3", ["Omar Diaby", "Omar Omsen", "Abu Ahmad"]),
    _row("t:4", ["Izzat al-Duri", "Abu Ahmad"]),
    _row("t:5", ["Maher al-Assad"]),
]


def _names(table: list) -> set[tuple[str, str]]:
    return {(e.id, a.name) for e in table for a in e.names()}


def test_loo_asks_every_name_once_against_the_others() -> None:
    task = accuracy.loo_task(ROWS, "test")
    asked = [(q.expected, q.text) for q in task.queries]
    # every name of an entity with 2+ names, but "Abu Ahmad" (t:3 and t:4 both list it)
    expected = {(r["id"], n) for r in ROWS if len(r["names"]) >= 2 for n in r["names"]}
    assert set(asked) == expected - {("t:3", "Abu Ahmad"), ("t:4", "Abu Ahmad")}
    assert len(asked) == len(set(asked)) and task.dropped == 2
    for run in task.runs():
        table = _names(run.table)
        assert len({e.id for e in run.table}) == len(ROWS)  # no entity is left out whole
        for q in run.queries:
            assert (q.expected, q.text) not in table


def test_heldout_holds_out_a_name_or_a_whole_entity() -> None:
    task = accuracy.heldout_task(ROWS, "test", seed=1)
    table = _names(task.table)
    in_table = {e.id for e in task.table}
    held = {r["id"]: r["names"] for r in ROWS if r["id"] not in in_table}
    assert held  # seed 1 holds out at least one entity whole
    for q in task.queries:
        if q.expected is None:
            assert any(q.text in names for names in held.values())
        else:
            assert (q.expected, q.text) not in table
            assert q.text != next(r["names"][0] for r in ROWS if r["id"] == q.expected)


def test_arabic_task_asks_arabic_against_latin_only() -> None:
    task = accuracy.arabic_task(ROWS, "test")
    assert [(q.expected, q.text) for q in task.queries] == [("t:1", "أحمد الشرع")]
    assert all(not any("\u0600" <= c <= "\u06ff" for c in n) for _, n in _names(task.table))


def test_sweep_counts_wrong_ids_and_answers_to_must_not_queries() -> None:
    task = accuracy.Task("test", "x", [], [accuracy.Query("a", "t:1"), accuracy.Query("b", None)])
    rows = accuracy.sweep(task, [("t:1", 0.9), ("t:2", 0.95)])
    at90 = next(r for r in rows if r["threshold"] == 0.9)
    assert (at90["tp"], at90["fp"], at90["recall"]) == (1, 1, 1.0)
    at95 = next(r for r in rows if r["threshold"] == 0.95)
    assert (at95["tp"], at95["fp"], at95["recall"]) == (0, 1, 0.0)


def test_baseline_answers_like_extract_one() -> None:
    pytest.importorskip("numpy")
    from rapidfuzz import fuzz, process
    from unidecode import unidecode

    task = accuracy.loo_task(ROWS, "test")
    answers, _, _ = accuracy.over_runs(accuracy.baseline_answers)(task)
    k = 0
    for run in task.runs():
        choices, owners = [], []
        for e in run.table:
            for a in e.names():
                choices.append(unidecode(a.name).lower())
                owners.append(e.id)
        for q in run.queries:
            hit = process.extractOne(unidecode(q.text).lower(), choices, scorer=fuzz.WRatio)
            assert answers[k] == (owners[hit[2]], hit[1] / 100.0)
            k += 1
