"""Pausing the cyclic garbage collector while a large structure is built.

Reading a table of a million names creates tens of millions of small objects, none of them
garbage; every few thousand allocations the collector would walk all of them again (on a
100,000-name YAML table, seven seconds of a compose that takes one without it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


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
