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


def test_cli_options_are_documented() -> None:
    # every long option of every command is named in docs/cli.md, and the page names none
    # that does not exist (an option renamed in the code and not in the page)
    import argparse
    import re

    from aliasres.cli import build_parser

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    options = {
        option
        for parser in commands.choices.values()
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--output")  # -o in the page
    }
    missing = {o for o in options if o not in doc}
    assert not missing, f"options missing from docs/cli.md: {sorted(missing)}"
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", doc))
    assert named <= options | {"--help", "--output"}, named - options
