"""The on-disk cache of compiled objects: keyed by content, rebuilt on change, optional."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from aliasres import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ALIASRES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ALIASRES_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_builds_once_then_loads(cache_dir: Path) -> None:
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"x": 1}

    assert cache.cached("k", build) == {"x": 1}
    assert cache.cached("k", build) == {"x": 1}
    assert len(calls) == 1
    assert (cache_dir / "k.pickle").exists()


def test_key_follows_content_not_dates(tmp_path: Path, cache_dir: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text("entities: []\n", encoding="utf-8")
    first = cache.content_key("bundled", [table])
    table.write_text("entities: []\n", encoding="utf-8")  # same bytes, new mtime
    assert cache.content_key("bundled", [table]) == first
    table.write_text("entities:\n  - {id: x, name: X}\n", encoding="utf-8")
    assert cache.content_key("bundled", [table]) != first


def test_corrupt_entry_is_rebuilt(cache_dir: Path) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / "k.pickle").write_bytes(b"not a pickle")
    assert cache.cached("k", lambda: 42) == 42
    assert pickle.loads((cache_dir / "k.pickle").read_bytes()) == 42


def test_no_cache(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.setenv("ALIASRES_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.cached("k", lambda: 7) == 7
    assert not cache_dir.exists()


def test_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the directory should be", encoding="utf-8")
    monkeypatch.setenv("ALIASRES_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("k", lambda: "built") == "built"


def test_default_resolver_survives_a_round_trip(cache_dir: Path) -> None:
    import aliasres
    from aliasres.resolve import _build_default

    built = _build_default()  # builds and stores
    loaded = _build_default()  # loads
    assert loaded is not built
    for name in ["Ahmad al-Sharra", "أحمد الشرع", "Assad", "HTS"]:
        assert loaded.resolve(name) == built.resolve(name)
    assert aliasres.resolve("Ahmad al-Sharra") == built.resolve("Ahmad al-Sharra")
