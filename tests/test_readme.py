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


@pytest.mark.parametrize(
    "module", ["aliasres.acronyms", "aliasres.keys", "aliasres.normalize", "aliasres.fmt"]
)
def test_module_doctests(module: str) -> None:
    # the examples in docstrings are part of the documentation: they must stay true
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
