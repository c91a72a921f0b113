"""Resolving many names in several processes that share one index.

The worker processes are forked from this one once its index is built or mapped, so they share
its memory (a compiled index file's pages are shared outright; an index built in memory is
shared copy-on-write). Where fork is not available (Windows, macOS's default), a resolver over
a compiled index file starts workers that map the same file; any other resolver answers in
this process alone.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pandas import Question, Resolution
    from .resolve import Resolver
    from .types import Match

__all__ = ["MIN_PER_JOB", "WorkerPool", "plain", "resolve_distinct"]

#: fewer distinct names than this per extra process are resolved here (starting a worker
#: costs more than it saves)
MIN_PER_JOB = 2_000

_resolver: Resolver | None = None  # the resolver of this worker process
#: why this spawned worker has no resolver (its index file could not be mapped)
_failure: str | None = None


def _start(path: str | None, options: dict[str, Any]) -> None:
    global _resolver, _failure
    if path is not None:  # spawned: map the parent's index file
        from .resolve import Resolver

        try:
            _resolver = Resolver.load(path, **options)
        except Exception as exc:  # noqa: BLE001 - reported by the first task, below
            # a Pool replaces a worker whose initializer raises, forever: the caller would
            # wait for ever. The worker starts, and each task it is given raises instead.
            _failure = f"{type(exc).__name__}: {exc}"


def _worker() -> Resolver:
    if _failure is not None:
        raise RuntimeError(f"a worker process could not load the index: {_failure}")
    assert _resolver is not None, "not in a worker process"
    return _resolver


def worker_resolver() -> Resolver:
    """The resolver of this worker process (in a function given to :meth:`WorkerPool.map`)."""
    return _worker()


def plain(value: object) -> object:
    """An argument as it can travel to a worker: an iterable (a generator) as a tuple."""
    if value is None or isinstance(value, (str, bytes, int, float)):
        return value
    try:
        return tuple(value)  # type: ignore[arg-type]
    except TypeError:
        return value


def _chunk(args: tuple[Sequence[str], dict[str, Any]]) -> list[Match | None]:
    names, asked = args
    resolver = _worker()
    return [resolver.resolve(n, **asked) for n in names]


def resolve_distinct(
    resolver: Resolver, names: Sequence[str], asked: dict[str, Any], jobs: int
) -> list[Match | None]:
    """``[resolver.resolve(n, **asked) for n in names]`` (distinct names; ``asked`` holds
    ``type``, ``countries``, ``born``) in up to ``jobs`` processes, in order."""
    global _resolver
    jobs = min(jobs, max(1, len(names) // MIN_PER_JOB), os.cpu_count() or 1)
    path = getattr(resolver._index, "path", None)
    methods = multiprocessing.get_all_start_methods()
    if jobs <= 1 or ("fork" not in methods and path is None):
        return [resolver.resolve(n, **asked) for n in names]
    size = max(1, len(names) // (jobs * 8))  # several chunks a process: none waits for one
    chunks = [(names[i: i + size], asked) for i in range(0, len(names), size)]
    ctx: multiprocessing.context.BaseContext
    if "fork" in methods:
        ctx = multiprocessing.get_context("fork")
        _resolver = resolver  # inherited by the forked workers
        init: tuple[str | None, dict[str, Any]] = (None, {})
    else:
        ctx = multiprocessing.get_context("spawn")
        options = {
            "threshold": resolver.threshold,
            "margin": resolver.margin,
            "max_candidates": resolver.max_candidates,
        }
        init = (path, options)
    try:
        with _frozen_for_fork(ctx):
            pool = ctx.Pool(jobs, initializer=_start, initargs=init)
        try:
            parts = pool.map(_chunk, chunks)
        except BaseException:
            pool.terminate()
            raise
        _stop(pool, wait=True)
    finally:
        _resolver = None
    return [m for part in parts for m in part]


def _stop(pool: multiprocessing.pool.Pool, *, wait: bool) -> None:
    """Stop a pool's workers: once their work is done (``wait``), by telling them to finish
    (no signal: a worker that a busy machine has not yet let run would lose a SIGTERM sent
    before it ran, Python clearing a forked child's pending signals, and Pool.terminate()
    would then wait for it for ever); else at once (an error, an interrupt)."""
    if wait:
        pool.close()
    else:
        pool.terminate()
    pool.join()


@contextmanager
def _frozen_for_fork(ctx: multiprocessing.context.BaseContext) -> Iterator[None]:
    """While workers are forked: this process's objects (the index above all) out of the
    cyclic collector's reach. A forked worker's collector would otherwise walk every one of
    them again, and by touching them copy their pages (time, and memory no longer shared).
    This process gets its collector back as it was, unless something was frozen already
    (a large index is, see gcpause.settle): unfreezing would undo that too."""
    before = gc.get_freeze_count()
    if ctx.get_start_method() == "fork":
        gc.freeze()
    try:
        yield
    finally:
        if before == 0:
            gc.unfreeze()


def _classify_chunk(args: tuple[Sequence[Question], str | None]) -> list[Resolution]:
    from .pandas import classify

    questions, type = args
    resolver = _worker()
    return [classify(resolver, n, type=type, countries=c, born=b) for n, c, b in questions]


class WorkerPool:
    """``jobs`` worker processes sharing ``resolver``'s index, kept for many batches (the
    ``clean --jobs`` command): :meth:`classify` classifies a batch of names across them.

    Use it as a context manager (the workers stop at its end).
    """

    def __init__(self, resolver: Resolver, jobs: int, *, type: str | None = None) -> None:
        global _resolver
        self.type = type
        path = getattr(resolver._index, "path", None)
        ctx: multiprocessing.context.BaseContext
        if "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            _resolver = resolver  # inherited by the workers (and by any that replace one)
            init: tuple[str | None, dict[str, Any]] = (None, {})
        elif path is not None:
            ctx = multiprocessing.get_context("spawn")
            init = (path, {"threshold": resolver.threshold, "margin": resolver.margin,
                           "max_candidates": resolver.max_candidates})
        else:
            raise ValueError("several jobs need fork, or a resolver over a compiled index")
        self.jobs = jobs
        with _frozen_for_fork(ctx):
            self._pool = ctx.Pool(jobs, initializer=_start, initargs=init)

    def classify(self, questions: Sequence[Question]) -> list[Resolution]:
        """:func:`aliasres.pandas.classify` of each ``(name, countries, born)``, in order."""
        return self.submit(questions)()

    def submit(self, questions: Sequence[Question]) -> Callable[[], list[Resolution]]:
        """Start classifying ``questions`` in the workers; the returned function waits for
        the results (in order). Meanwhile this process is free (to write the previous rows)."""
        if not questions:
            return list
        size = max(1, -(-len(questions) // (self.jobs * 4)))
        chunks = [(questions[i: i + size], self.type) for i in range(0, len(questions), size)]
        pending = self._pool.map_async(_classify_chunk, chunks)

        def wait() -> list[Resolution]:
            return [r for part in pending.get() for r in part]

        return wait

    def map(self, func: Callable[[Any], Any], tasks: Sequence[Any]) -> list[Any]:
        """``[func(t) for t in tasks]``, each call in a worker (``func``: a module-level
        function, which finds the resolver with :func:`worker_resolver`), in order."""
        return self._pool.map(func, tasks, chunksize=1)

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers: once the batches submitted are done (``wait``, the normal
        end), or at once (after an error or an interrupt)."""
        global _resolver
        _stop(self._pool, wait=wait)
        _resolver = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(wait=exc_type is None)
