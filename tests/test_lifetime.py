"""A Resolver is freed when the last reference to it goes, whatever was asked of it: the
values derived from its tables (the scanner's trie, the short-form families) are kept per
resolver, weakly, and must not hold it alive themselves (issue: a service that builds a
resolver per request, or reloads its tables, grew by the size of an index each time)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pytest

import aliasres
from aliasres import Resolver

TABLE = [
    aliasres.Entity(id="t/bashar", type="person", name="Bashar al-Assad",
                    aliases=(aliasres.Alias("Bachar el-Assad"),)),
    aliasres.Entity(id="t/hafez", type="person", name="Hafez al-Assad"),
    aliasres.Entity(id="t/homs", type="place", name="Homs"),
]

USES: dict[str, Callable[[Resolver], object]] = {
    "resolve": lambda r: r.resolve("Bashar al-Assad"),
    "candidates": lambda r: r.candidates("Assad"),
    "explain": lambda r: r.explain("Homs"),
    "resolve_many": lambda r: r.resolve_many(["Homs", "Assad"]),
    "resolve_document": lambda r: r.resolve_document(["Bashar al-Assad", "Assad"]),
    "scan": lambda r: r.scan("Bashar al-Assad was in Homs. Assad left."),
}


@pytest.mark.parametrize("use", sorted(USES))
def test_a_resolver_is_freed_after_use(use: str) -> None:
    r = Resolver(TABLE)
    USES[use](r)
    ref = weakref.ref(r)
    del r
    gc.collect()
    assert ref() is None, f"a Resolver used for {use}() is never freed"
