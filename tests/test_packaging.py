"""What `pip install .` must ship, and one version number.

Run by CI against the installed wheel (.ci/run), so a file left out of the wheel fails here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import aliasres
from aliasres.data import bundled_dir

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "aliases"


def test_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == aliasres.__version__


def test_typed_marker_ships() -> None:
    assert (Path(aliasres.__file__).parent / "py.typed").is_file()


def test_every_bundled_file_ships() -> None:
    # the same files under aliases/ (the checkout) and where the package finds them (the
    # wheel's aliasres/aliases/ once installed; the checkout's own otherwise)
    def files(top: Path) -> set[str]:
        return {p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file()
                and "__pycache__" not in p.parts}

    shipped = files(bundled_dir())
    assert {"rules/calibration.yaml", "retired_ids.txt"} <= shipped
    assert any(f.startswith("entities/") for f in shipped)
    assert files(SOURCE) == shipped
