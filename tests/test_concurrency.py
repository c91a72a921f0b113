"""Concurrency (issue 6): one resolver shared by 8 threads answers as it does alone, and the
bundled default resolver is built exactly once when many threads ask for it first."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import aliasres
import aliasres.cache
from aliasres import Resolver
from aliasres.tables import load_tables

THREADS = 8


def _queries(resolver: Resolver) -> list[str]:
    """Table names, damaged spellings of them, partial names and junk: every code path."""
    out: list[str] = []
    for entity in resolver.entities[:400]:
        for alias in entity.names()[:3]:
            name = alias.name
            out.append(name)
            words = name.split()
            if len(words) > 1:
                out.append(" ".join(words[1:]))
                out.append(" ".join(reversed(words)))
            out.append(name.replace("a", "e", 1).replace("ou", "u"))
    out += ["", "\x00", "\ud800", "Abu", "al", "Muhammad", "(Abu Omar)", "ﷺ" * 50]
    return out


def _answer(resolver: Resolver, name: str) -> tuple[Any, ...]:
    return (
        resolver.resolve(name),
        tuple(resolver.candidates(name, limit=5)),
        resolver.resolve(name, type="person"),
    )


def _in_threads(work: Callable[[int], Any], n: int = THREADS) -> list[Any]:
    """Run ``work(i)`` in ``n`` threads released together by a barrier."""
    barrier = threading.Barrier(n)

    def run(i: int) -> Any:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_eight_threads_answer_as_one() -> None:
    # A fresh resolver: its memo of part expansions starts empty and fills from 8 threads.
    tables = load_tables([], bundled=True)
    alone = Resolver.from_tables(tables)
    shared = Resolver.from_tables(tables)
    queries = _queries(alone)
    expected = [_answer(alone, q) for q in queries]

    def work(i: int) -> list[tuple[Any, ...]]:
        # each thread walks the queries from another starting point, so the threads race on
        # different names at the same moment
        k = i * len(queries) // THREADS
        order = list(range(k, len(queries))) + list(range(k))
        got: list[tuple[Any, ...]] = [()] * len(queries)
        for j in order:
            got[j] = _answer(shared, queries[j])
        return got

    results = _in_threads(work)
    print(f"\n{THREADS} threads x {len(queries)} names")
    for got in results:
        assert got == expected


def test_explain_and_resolve_many_from_threads() -> None:
    resolver = aliasres.default_resolver()
    names = _queries(resolver)[:300]
    expected_many = [resolver.resolve(n) for n in names]
    expected_explain = [resolver.explain(n) for n in names[:50]]

    def work(i: int) -> tuple[list[Any], list[str]]:
        return resolver.resolve_many(names), [resolver.explain(n) for n in names[:50]]

    for many, explained in _in_threads(work):
        assert many == expected_many
        assert explained == expected_explain


@pytest.fixture
def counted_builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Count calls of Resolver.from_yaml (slowed down, to widen any race window).

    The on-disk cache of the compiled index is turned off, so that every build of the
    default resolver goes through from_yaml.
    """
    monkeypatch.setenv("ALIASRES_NO_CACHE", "1")
    original = Resolver.from_yaml.__func__  # type: ignore[attr-defined]
    calls: list[float] = []

    def counting(cls: type[Resolver], *args: Any, **kwargs: Any) -> Resolver:
        calls.append(time.perf_counter())
        time.sleep(0.2)
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    aliasres.reset()
    monkeypatch.setattr(Resolver, "from_yaml", classmethod(counting))
    yield calls
    monkeypatch.undo()


def test_default_resolver_is_built_once_under_concurrent_first_use(
    counted_builds: list[float],
) -> None:
    entry: list[Callable[[], Any]] = [
        lambda: aliasres.resolve("Bashar al-Assad"),
        lambda: aliasres.candidates("Ahmad al-Sharaa"),
        lambda: aliasres.explain("HTS"),
        lambda: aliasres.resolve_many(["Douma", "Idlib"]),
        aliasres.default_resolver,
    ]
    results = _in_threads(lambda i: (entry[i % len(entry)](), aliasres.default_resolver()))
    assert len(counted_builds) == 1
    built = {id(r[1]) for r in results}
    assert len(built) == 1  # every thread got the same resolver object
    assert aliasres.default_resolver() is results[0][1]


def test_default_resolver_is_loaded_once_from_the_disk_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # With the on-disk cache on: the first process builds and stores, later ones load; either
    # way one load per process, however many threads ask at once.
    monkeypatch.delenv("ALIASRES_NO_CACHE", raising=False)
    monkeypatch.setenv("ALIASRES_CACHE_DIR", str(tmp_path))
    original = aliasres.cache.cached
    loads: list[str] = []

    def counting(key: str, build: Callable[[], Any]) -> Any:
        loads.append(key)
        time.sleep(0.1)
        return original(key, build)

    monkeypatch.setattr(aliasres.cache, "cached", counting)
    for round_ in range(2):  # round 0 builds and stores, round 1 loads the stored entry
        aliasres.reset()
        results = _in_threads(lambda i: aliasres.default_resolver())
        assert len({id(r) for r in results}) == 1
        assert len(loads) == round_ + 1
        match = results[0].resolve("Bashar al-Assad")
        assert match is not None and match.id == "person/bashar-al-assad"
    assert len(set(loads)) == 1 and any(tmp_path.iterdir())
    monkeypatch.undo()
    aliasres.reset()


def test_reset_then_concurrent_use_builds_once_again(counted_builds: list[float]) -> None:
    first = _in_threads(lambda i: aliasres.default_resolver())
    aliasres.reset()
    second = _in_threads(lambda i: aliasres.default_resolver())
    assert len(counted_builds) == 2
    assert len({id(r) for r in first}) == 1 and len({id(r) for r in second}) == 1
    assert first[0] is not second[0]


def test_a_failed_first_build_is_not_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    # A broken table on first use: every caller gets the error, nobody gets a half-built
    # resolver, and the next call after the table is fixed builds normally.
    original = Resolver.from_yaml.__func__  # type: ignore[attr-defined]
    broken = True
    calls = 0

    def flaky(cls: type[Resolver], *args: Any, **kwargs: Any) -> Resolver:
        nonlocal calls
        calls += 1
        if broken:
            time.sleep(0.05)
            raise aliasres.AliasTableError("people.yaml", 3, "entity: missing 'name'")
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setenv("ALIASRES_NO_CACHE", "1")
    aliasres.reset()
    monkeypatch.setattr(Resolver, "from_yaml", classmethod(flaky))

    def work(i: int) -> str:
        try:
            aliasres.resolve("Bashar al-Assad")
        except aliasres.AliasTableError as exc:
            return str(exc)
        return "resolved"

    outcomes = _in_threads(work)
    assert outcomes == ["people.yaml:3: entity: missing 'name'"] * THREADS
    broken = False
    calls_before = calls
    match = aliasres.resolve("Bashar al-Assad")
    assert match is not None and match.id == "person/bashar-al-assad"
    assert calls == calls_before + 1
    monkeypatch.undo()


def test_module_functions_from_threads_after_reset() -> None:
    aliasres.reset()
    names = ["Bashar al-Assad", "Abu Mohammad al-Jolani", "HTS", "Douma", "بشار الأسد", "Assad"]
    expected = [aliasres.resolve(n) for n in names]
    aliasres.reset()
    for got in _in_threads(lambda i: [aliasres.resolve(n) for n in names]):
        assert got == expected
