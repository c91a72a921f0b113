"""Pausing the cyclic garbage collector while a large structure is built.

Reading a table of a million names creates tens of millions of small objects, none of them
garbage; every few thousand allocations the collector would walk all of them again (on a
100,000-name YAML table, seven seconds of a compose that takes one without it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FREEZE_MIN", "paused_gc", "settle"]

#: an index of this many names or more is moved out of the collector's reach once built
FREEZE_MIN = 50_000


@contextmanager
def paused_gc() -> Iterator[None]:
    """Turn the cyclic collector off inside the block (if it was on), and back on after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle(count: int) -> None:
    """After building a large, long-lived structure of ``count`` items with the collector
    paused: move every object into the permanent generation (:func:`gc.freeze`).

    Left as they are, the new objects sit in the youngest generation, and the next three
    collections would walk all of them (seconds for a million names, paid by the first
    queries); frozen, they are never walked again, and processes forked from this one (the
    ``jobs`` workers) do not copy their pages by touching them. Frozen objects are still
    freed when no longer referenced; only cycles among them would stay.
    """
    if count >= FREEZE_MIN:
        gc.freeze()
