"""The examples of README.md and of the modules' docstrings run as written (doctest)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples() -> None:
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 6
    assert result.failed == 0


PACKAGE = Path(__file__).resolve().parent.parent / "aliasres"


def _module_name(path: Path) -> str:
    parts = ("aliasres", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: every module with an example in a docstring (found, not listed, so a new one is run too)
DOCTEST_MODULES = sorted(
    _module_name(path)
    for path in PACKAGE.rglob("*.py")
    if ">>> " in path.read_text(encoding="utf-8")
)


def test_doctest_modules_found() -> None:
    assert {"aliasres", "aliasres.shortforms", "aliasres.importers"} <= set(DOCTEST_MODULES)


@pytest.mark.parametrize("module", DOCTEST_MODULES)
def test_module_doctests(module: str) -> None:
    # the examples in docstrings are part of the documentation: they must stay true
    if module in ("aliasres.pandas", "aliasres.spark"):
        pytest.importorskip("pandas")
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
