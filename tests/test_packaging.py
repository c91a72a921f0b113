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


def _requirement_name(spec: str) -> str:
    import re

    return re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower()


def test_readme_names_the_dependencies_of_pyproject() -> None:
    """The README's dependency table, its install line and its extras say what
    pyproject.toml installs (the install line left numpy out; the bench extra was not
    named)."""
    import re

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_requirement_name(d) for d in project["dependencies"]}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Dependencies, and why", 1)[1].split("\n## ", 1)[0]
    table = {m.group(1).lower() for m in re.finditer(r"^\| ([\w.-]+) \|", section, re.M)}
    assert table - {"package"} == runtime
    install = next(line for line in readme.splitlines() if line.startswith("pip install . "))
    assert {w.lower() for w in re.findall(r"[\w.-]+", install.split("#", 1)[1])} >= runtime, install
    for extra, packages in project["optional-dependencies"].items():
        assert re.search(rf"[\[`\"]{extra}[\]`\"]", readme), f"extra {extra!r} not in README"
        for package in packages:
            name = _requirement_name(package)
            assert name in readme.lower(), f"{name} (extra {extra}) not in README"
