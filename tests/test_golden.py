"""Golden cases: tests/golden/cases.csv resolved against tests/golden/table.yaml.

One row per case (name, expected id or empty for "must not resolve", why). A new bug is a new
row. Each row is its own test so a failure names the case.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import aliasres

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[tuple[str, str, str]]:
    with open(GOLDEN / "cases.csv", encoding="utf-8", newline="") as fh:
        return [(r["name"], r["expected"], r["why"]) for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def resolver() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)


@pytest.mark.parametrize(("name", "expected", "why"), _cases(), ids=lambda v: str(v)[:40])
def test_golden(resolver: aliasres.Resolver, name: str, expected: str, why: str) -> None:
    match = resolver.resolve(name)
    got = match.id if match else ""
    assert got == expected, f"{name!r} ({why}):\n{resolver.explain(name)}"


def test_golden_has_negatives_and_positives() -> None:
    cases = _cases()
    assert sum(1 for _, e, _ in cases if not e) >= 30
    assert sum(1 for _, e, _ in cases if e) >= 90
