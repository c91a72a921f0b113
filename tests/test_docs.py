"""The generated pages of docs/ match the data they are generated from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_readme_counts_are_about_right() -> None:
    # the README rounds the counts of docs/coverage.md (which is generated): within 15%, so
    # that a few new entities do not make it wrong, but a table grown tenfold does
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    coverage = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    stated = re.search(
        r"about ([\d,]+) persons, ([\d,]+) organisations and\s+([\d,]+) places", readme
    )
    assert stated, "README no longer states the bundled counts as expected"
    for said, kind in zip(stated.groups(), ("person", "organization", "place")):
        actual = int(re.search(rf"^\| {kind} \| (\d+) \|$", coverage, re.M).group(1))  # type: ignore[union-attr]
        assert abs(int(said.replace(",", "")) - actual) <= 0.15 * actual, (kind, said, actual)
