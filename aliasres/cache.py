"""An on-disk cache of compiled objects (the lexicon, the index of the bundled tables, the
index of large user tables).

Building the lexicon and the index takes about a second; loading them from the cache a tenth of
that. An entry's key is a hash of everything it is built from (aliasres's own source, the
Python version, and the bytes of every rule and table file), so a changed table, or an
upgrade, is rebuilt automatically. The cache lives in ``$ALIASRES_CACHE_DIR``, else
``$XDG_CACHE_HOME/aliasres``, else ``~/.cache/aliasres``; ``ALIASRES_NO_CACHE=1`` turns it
off. The lexicon and bundled entries are pickles: the directory must be writable by you alone
(see SECURITY.md). User tables of :data:`CACHE_MIN_BYTES` and more are cached as a compiled
index file (:func:`cached_index`, :mod:`aliasres.compiled`): a data file that is
memory-mapped, never unpickled. Any problem with the cache (no permission, a full disk, a
corrupt entry) means a rebuild, never an error.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .atomic import write_atomic_bytes

if TYPE_CHECKING:
    from .resolve import Resolver

__all__ = ["CACHE_MIN_BYTES", "cache_dir", "cached", "cached_index", "content_key"]

T = TypeVar("T")
#: user tables smaller than this (in bytes, together) are indexed in well under a second: not
#: worth a cache entry
CACHE_MIN_BYTES = 1_000_000
_VERSION = "1"  # bump when a cached class changes shape


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is turned off."""
    if os.environ.get("ALIASRES_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("ALIASRES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aliasres"


def _code_digest() -> bytes:
    """A hash of aliasres's own source: objects built by other code are never reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


def content_key(kind: str, files: Iterable[Path], *extra: str) -> str:
    """A key for an entry built from ``files`` (their bytes, not their dates) by this code."""
    from . import __version__

    digest = hashlib.sha256()
    for part in (kind, _VERSION, __version__, sys.version, *extra):
        digest.update(part.encode() + b"\0")
    digest.update(_code_digest())
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        with open(path, "rb") as fh:
            digest.update(hashlib.sha256(fh.read()).digest())
    return f"{kind}-{digest.hexdigest()[:32]}"


def cached(key: str, build: Callable[[], T]) -> T:
    """The entry ``key`` from the cache, or ``build()`` stored under it."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        enabled = gc.isenabled()
        gc.disable()  # unpickling many small objects would set off the collector again and again
        try:
            return pickle.loads(data)  # type: ignore[no-any-return]  # noqa: S301 - our own cache
        finally:
            if enabled:
                gc.enable()
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001, S110 - a corrupt or stale entry: rebuild it
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # 0600, as before: the cache is the user's own
        write_atomic_bytes(
            path, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL), mode=0o600
        )
    except Exception:  # noqa: BLE001, S110 - a read-only home, a full disk: no cache
        pass
    return value


def cached_index(key: str, build: Callable[[], Resolver], **options: Any) -> Resolver:
    """A resolver over the compiled index cached under ``key`` (see
    :mod:`aliasres.compiled`: a data file, memory-mapped, never unpickled), or ``build()``
    stored there for the next process. An entry that is damaged, truncated or from another
    version is rebuilt; a cache that cannot be written means no cache, never an error."""
    from .errors import IndexFileError
    from .resolve import Resolver

    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{key}.ari"
    if path.exists():
        try:
            return Resolver.load(path, **options)
        except IndexFileError:
            pass  # rebuilt below
    resolver = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        resolver.build_index(path)
    except OSError:
        pass
    return resolver
