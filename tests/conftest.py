"""Shared fixtures: tiny inline tables, and the optional ../shared evaluation data."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

import aliasres

# CI replays a fixed set of hypothesis examples (a run's outcome must not be a draw); on a
# developer's machine each run explores new ones, and a find becomes an @example.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ALIASRES_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (evaluation data, samples); tests that need it skip when it is absent."""
    if not (SHARED / "eval" / "entities.jsonl").exists():
        pytest.skip("../shared is not present (it only exists on the developers' machines and CI)")
    return SHARED


@pytest.fixture
def make_table(tmp_path: Path) -> Callable[[str], Path]:
    """Write an inline YAML table (dedented) to a temporary file and return its path."""
    counter = iter(range(10**6))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"table{next(counter)}.yaml")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_resolver(make_table: Callable[[str], Path]) -> Callable[..., aliasres.Resolver]:
    """Build a resolver from an inline table, without the bundled tables."""

    def build(text: str, **options: float) -> aliasres.Resolver:
        return aliasres.Resolver.from_yaml(make_table(text), bundled=False, **options)  # type: ignore[arg-type]

    return build
