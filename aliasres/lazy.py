"""A value built lazily once per object and kept only as long as the object lives."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["PerObject"]

K = TypeVar("K")
V = TypeVar("V")


class PerObject(Generic[K, V]):
    """``build(key)`` run once per ``key`` (held weakly), safely from several threads: what
    the scanner and the short-form rules derive from a resolver's tables."""

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._values: weakref.WeakKeyDictionary[K, V] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, key: K) -> V:
        found = self._values.get(key)
        if found is None:
            with self._lock:
                found = self._values.get(key)
                if found is None:
                    found = self._values[key] = self._build(key)
        return found
