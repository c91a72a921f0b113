"""``clean --jobs N`` on a file: the input split into N parts that worker processes read,
resolve and write, joined in order at the end.

One process reading and writing every row holds the other jobs back (a million rows are read,
checked and written in about as much time as the workers take to resolve their distinct
names), so each worker takes a byte range of the file instead:

1. **plan** (this process): the header is read and checked as one job would; the file is cut
   at record boundaries near ``k/N`` of its size (a CSV is cut only where no quoted field is
   open: a cell may hold line breaks), and the lines before each cut counted;
2. **scan** (workers, one part each): the part's records read and checked, and its distinct
   names (questions, with evidence columns) collected; a worker also checks that its part ends
   where a record ends (a line is added after the part: it must read as a record of its own),
   else the cut is refused and one reader does the whole file as before;
3. this process takes the first fatal problem in file order (a bad row without
   ``--keep-going``, a CSV the reader cannot follow, a missing key in the first JSON record)
   and raises it with the row and line numbers one job would give; else the distinct names of
   all parts, each once, are shared out among the workers and **resolved** there;
4. **write** (workers): each part written to a part file with every answer known, numbered
   from the records before it;
5. the parts are copied, in order, into the output; the summary's counts are the sums.

The output is the one job's, byte for byte. When the file cannot be cut this way (standard
input, an encoding in which a line break is not one byte, a file too small to share), the
caller falls back to one reader with the workers resolving its blocks of names.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import mmap
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from ..pandas import Classifier, Resolution, _key, classify
from .clean import TOP_CAPACITY, _clean_row, _Tally
from .common import EXIT_FAIL, CliError, delimiter_of
from .evidence import RowEvidence
from .files import (
    _SURROGATE,
    _AtomicOutput,
    _error_text,
    _make_table,
    _open_input,
    _Record,
    _row_delay,
    _TopCounter,
)

#: a part smaller than this is not worth a process (the file is shared among fewer jobs)
MIN_BYTES_PER_JOB = 256 << 10

#: encodings in which a line break, a quote and an ASCII delimiter are the same single bytes
#: wherever they stand, so that a file can be cut at a byte offset
_SPLITTABLE = re.compile(r"utf-8(-sig)?|ascii|iso8859-\d+|cp125\d|latin-?1|mac-roman")

#: the line added after a CSV part (not the last) while it is scanned: read as a record of
#: its own when the part ends where a record ends, swallowed by an open quoted cell when not
_END = "\ue000aliasres: end of part\ue000\n"


@dataclass(frozen=True, slots=True)
class Plan:
    """Where a file is cut, and how its parts are read and written."""

    path: str
    kind: str
    encoding: str  # of the input (utf-8-sig when it starts with a byte-order mark)
    later: str  # of the parts after the first (no byte-order mark)
    newline: str
    bounds: tuple[int, ...]  # byte offsets: part k is bounds[k]:bounds[k + 1]
    lines: tuple[int, ...]  # the lines before each offset
    header: tuple[str, ...]  # a CSV's header (empty for JSON lines)

    @property
    def parts(self) -> int:
        return len(self.bounds) - 1


class _Declined(Exception):
    """The file cannot be split (found out after the output was opened): one reader it is."""


def clean_split(
    args: argparse.Namespace, kind: str, output: str, build: Callable[[], Any]
) -> tuple[tuple[_Tally, _TopCounter, list[str], int] | None, Any]:
    """Run ``clean --jobs N`` with the input split among the workers: the tally, the counter
    of names not resolved, the first bad rows and how many distinct names were looked up
    (None when the input cannot be split: nothing is written then), and the resolver (None
    if not built yet). ``build`` makes the resolver: the parts are scanned meanwhile."""
    from ..jobs import WorkerPool

    if args.input == "-":
        # not split, and not even opened here: a stream read (and closed) here could not be
        # read again by the one-reader path
        return None, None
    resolver = None
    try:
        try:
            source = _open_input(args.input, args.encoding)
        except CliError:
            resolver = build()  # as one job: a problem with the tables is reported first
            raise
        try:
            with _AtomicOutput(output, source.encoding) as out:
                try:
                    table = _make_table(kind, source.text, args, source.newline)
                    table.start(None)  # the header checked as one job does, before any work
                    RowEvidence.of(args, table)
                    header = tuple(getattr(table, "header", ()))
                    plan = make_plan(args, kind, source.encoding, source.newline, header, args.jobs)
                except CliError:
                    resolver = build()
                    raise
                finally:
                    source.text.close()
                if plan is None:
                    raise _Declined
                scans, resolver = _scan_while_building(args, plan, build)
                # problems found before the workers that resolve are started (stopping them
                # before they ran could lose the signal, see jobs._stop)
                bases = None if scans is None else _bases(args, scans)
                if scans is not None and bases is None:
                    raise _Declined
                with (
                    tempfile.TemporaryDirectory(
                        prefix=".aliasres-parts-", dir=_part_dir(output)
                    ) as parts_dir,
                    WorkerPool(resolver, plan.parts, type=args.type) as pool,
                ):
                    if scans is None:  # no fork: the workers that resolve scan too
                        scans = pool.map(_scan, [(args, plan, k) for k in range(plan.parts)])
                        bases = _bases(args, scans)
                        if bases is None:
                            raise _Declined
                    assert bases is not None
                    parts, result = _run(args, plan, pool, scans, bases, parts_dir)
                    out.flush()
                    # the parts are bytes in the output's encoding already
                    target = out.buffer  # type: ignore[attr-defined]
                    for part in parts:
                        with open(part, "rb") as fh:
                            shutil.copyfileobj(fh, target, 1 << 20)
        finally:
            source.text.close()
    except _Declined:
        return None, resolver
    return result, resolver


def _scan_while_building(
    args: argparse.Namespace, plan: Plan, build: Callable[[], Any]
) -> tuple[list[_Scan] | None, Any]:
    """The parts scanned by processes forked before the resolver is built (they need none),
    while this process builds it; (None, resolver) where there is no fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None, build()
    pool = multiprocessing.get_context("fork").Pool(plan.parts)
    done = False
    try:
        pending = pool.map_async(_scan, [(args, plan, k) for k in range(plan.parts)], 1)
        resolver = build()
        scans: list[_Scan] = pending.get()
        done = True
    finally:
        from ..jobs import _stop

        _stop(pool, wait=done)
    return scans, resolver


def _part_dir(output: str) -> str | None:
    """The part files go beside the output (where there is room for it), or to the
    temporary directory when writing to stdout."""
    if output == "-":
        return None
    return os.path.dirname(os.path.realpath(output)) or "."


def make_plan(
    args: argparse.Namespace,
    kind: str,
    encoding: str,
    newline: str,
    header: tuple[str, ...],
    jobs: int,
) -> Plan | None:
    """Where to cut ``args.input`` into at most ``jobs`` parts; None when it cannot be cut
    or is too small to share."""
    path = args.input
    if path == "-" or not os.path.isfile(path):
        return None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return None
    if not _SPLITTABLE.fullmatch(codec):
        return None
    size = os.path.getsize(path)
    jobs = min(jobs, size // MIN_BYTES_PER_JOB)
    if jobs < 2:
        return None
    later = "utf-8" if codec == "utf-8-sig" else encoding
    delimiter: bytes | None = None
    if kind != "jsonl":
        text = delimiter_of(args.delimiter, kind)
        delimiter = text.encode(later, errors="strict")
        if delimiter in (b'"', b"\n", b"\r") or text in _END:
            return None
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        start = 3 if codec == "utf-8-sig" and mm[:3] == codecs.BOM_UTF8 else 0
        finder = _Boundaries(mm, start, delimiter)
        bounds = [0]
        try:
            for k in range(1, jobs):
                bound = finder.next(max(k * size // jobs, bounds[-1] + 1))
                if bound is None or bound >= size:
                    break
                bounds.append(bound)
        finally:
            finder.view.release()  # the map cannot close while it is exported
        bounds.append(size)
        if len(bounds) < 3:
            return None
        lines = _lines_before(mm, bounds)
    return Plan(path, kind, encoding, later, newline, tuple(bounds), tuple(lines), header)


class _Boundaries:
    """Record boundaries of a file, in increasing order: the offsets just after a line break
    that is not inside a quoted CSV cell (any line break of JSON lines)."""

    def __init__(self, mm: mmap.mmap, start: int, delimiter: bytes | None) -> None:
        self.mm = mm
        self.start = start  # where the text begins (after a byte-order mark)
        self.view = memoryview(mm)[start:]
        self.pos = 0  # (in view) a record boundary, below which nothing is asked again
        self.outside: re.Pattern[bytes] | None = None
        if delimiter is not None:
            d = re.escape(delimiter)
            # what the csv reader (no escape character, doubled quotes, not strict) reads
            # outside a quoted cell: a quote opens a cell only at the start of a field (after
            # the start of the text, a line break or a delimiter); elsewhere it is a
            # character like any other. Stops before a quoted cell not closed by ``endpos``.
            self.outside = re.compile(
                rb'(?:[^"]++|(?:^|(?<=[\r\n])|(?<=' + d + rb'))"(?:[^"]++|"")*+"'
                rb"|(?<=.)(?<![\r\n])(?<!" + d + rb')")*+',
                re.S,
            )
        self.quoted = re.compile(rb'"(?:[^"]++|"")*+"')

    def next(self, target: int) -> int | None:
        """The first record boundary at or after byte ``target`` (None: none before the end)."""
        mm, start, view = self.mm, self.start, self.view
        at = max(target - start, self.pos + 1)
        while True:
            found = mm.find(b"\n", start + at - 1)
            if found < 0:
                return None
            cand = found + 1 - start
            if self.outside is None:
                self.pos = cand
                return cand + start
            m = self.outside.match(view, self.pos, cand)
            assert m is not None  # the pattern matches the empty string
            if m.end() == cand:
                self.pos = cand
                return cand + start
            # a quoted cell opens at m.end() and is not closed before cand: past its end
            closed = self.quoted.match(view, m.end())
            if closed is None:
                return None  # open to the end of the file
            self.pos, at = closed.end(), closed.end() + 1


def _lines_before(mm: mmap.mmap, bounds: list[int]) -> list[int]:
    """The lines before each offset, as a text file read with ``newline=""`` counts them
    (``\\n``, ``\\r\\n`` and a lone ``\\r`` each end one)."""
    has_cr = mm.find(b"\r") >= 0
    step = 64 << 20
    total, out = 0, [0]
    for a, b in zip(bounds, bounds[1:]):
        for c in range(a, b, step):
            chunk = mm[c : min(b, c + step)]
            total += chunk.count(b"\n")
            if has_cr:
                total += chunk.count(b"\r") - chunk.count(b"\r\n")
                if chunk.endswith(b"\r") and c + step < b and mm[c + step] == 0x0A:
                    total -= 1  # a \r\n cut by the chunk: one line, counted once
        out.append(total)
    return out


class _Slice(io.RawIOBase):
    """Bytes ``start:end`` of a file."""

    def __init__(self, path: str, start: int, end: int) -> None:
        super().__init__()
        self.fh = open(path, "rb", buffering=0)  # noqa: SIM115
        self.fh.seek(start)
        self.left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.left <= 0:
            return 0
        n = self.fh.readinto(memoryview(buffer)[: self.left]) or 0
        self.left -= n
        return n

    def close(self) -> None:
        self.fh.close()
        super().close()


def _open_part(plan: Plan, k: int) -> IO[str]:
    raw = _Slice(plan.path, plan.bounds[k], plan.bounds[k + 1])
    return io.TextIOWrapper(
        io.BufferedReader(raw, 1 << 16),
        encoding=plan.encoding if k == 0 else plan.later,
        errors="surrogateescape",
        newline="",
    )


def _part_table(args: argparse.Namespace, plan: Plan, k: int, src: Any, clean: bool) -> Any:
    table = _make_table(plan.kind, src, args, plan.newline)
    table.line_base = plan.lines[k]
    table.undecodable = not clean
    return table


def _decodes(plan: Plan, k: int) -> bool:
    """Whether part ``k`` is valid text in its encoding (one pass in C, cheaper than looking
    for undecodable bytes row by row)."""
    decoder = codecs.getincrementaldecoder(plan.encoding if k == 0 else plan.later)("strict")
    left = plan.bounds[k + 1] - plan.bounds[k]
    with open(plan.path, "rb") as fh:
        fh.seek(plan.bounds[k])
        try:
            while left > 0:
                chunk = fh.read(min(left, 1 << 22))
                if not chunk:
                    break
                left -= len(chunk)
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


# ------------------------------------------------------------------------- in the workers
@dataclass(slots=True)
class _Scan:
    records: int
    questions: list[Any] | None  # None: more distinct ones than the cache holds
    fatal: tuple[str, int, int, int] | None  # (message, exit code, row in the part, line)
    first_error: str | None  # a JSON-lines part's first record has no name key
    aligned: bool  # the part ends where a record ends
    clean: bool  # the part holds no undecodable bytes


def _scan(task: tuple[argparse.Namespace, Plan, int]) -> _Scan:
    args, plan, k = task
    last = k == plan.parts - 1
    clean = _decodes(plan, k)
    text = _open_part(plan, k)
    check_end = plan.kind != "jsonl" and not last
    src: Any = itertools.chain(text, [_END]) if check_end else text
    table = _part_table(args, plan, k, src, clean)
    # a record starting after the part's last line is the line added after it
    end_line = plan.lines[k + 1] if check_end else sys.maxsize
    count, aligned = 0, not check_end
    questions: dict[object, Any] | None = {}
    limit = args.cache_size
    fatal = None
    try:
        if k == 0:
            table.start(None)
        else:
            table.adopt(list(plan.header), None)
            if plan.kind == "jsonl":
                table.defer_first = True
        evidence = RowEvidence.of(args, table) or None
        if evidence is None and plan.kind != "jsonl":
            return _scan_rows(args, table, end_line, check_end, clean)
        reader = getattr(table, "reader", None)
        for record in table.records():
            if record.line > end_line:  # the line added after the part: a record of its own
                aligned = True
                break
            if reader is not None and table.line_base + reader.line_num > end_line:
                break  # the record took in the line added after the part: a cut inside it
            count += 1
            error = record.error
            countries = born = None
            if error is None and evidence is not None:
                try:
                    countries, born = evidence.read(record)
                except ValueError as exc:
                    error = str(exc)
            if error is not None:
                if not args.keep_going:
                    fatal = (error, EXIT_FAIL, count, record.line)
                    break
                continue
            name = record.name
            if questions is not None and isinstance(name, str):
                key = _key(name, countries, born) if evidence else name
                if key not in questions:
                    questions[key] = (name, countries, born)
                    if len(questions) > limit:
                        questions = None
    except CliError as exc:
        fatal = (str(exc), exc.code, 0, 0)
    finally:
        text.close()
    return _Scan(
        count,
        None if questions is None else list(questions.values()),
        fatal,
        getattr(table, "first_error", None),
        aligned or fatal is not None,
        clean,
    )


def _scan_rows(
    args: argparse.Namespace, table: Any, end_line: int, check_end: bool, clean: bool
) -> _Scan:
    """:func:`_scan`'s loop for a CSV part without evidence columns: the checks of the
    table's ``records()`` (a blank line is a row of empty cells; a row of another width, or
    with undecodable bytes, is an error), without a record object per row."""
    reader, width, index = table.reader, table.width, table.index
    base, limit, keep_going = table.line_base, args.cache_size, args.keep_going
    search = _SURROGATE.search if table.undecodable else None
    names: dict[str, None] | None = {}
    count, start, aligned = 0, reader.line_num, not check_end
    try:
        for row in reader:
            if base + start >= end_line:  # the line added after the part: a record of its own
                aligned = True
                break
            if base + reader.line_num > end_line:
                break  # the record took in the line added after the part: a cut inside it
            count += 1
            if len(row) == width and not (search and search("".join(row))):
                name = row[index]
            elif not row:
                name = ""
            else:
                if keep_going:
                    start = reader.line_num
                    continue
                error = (
                    f"{len(row)} cells where the header has {width}"
                    if len(row) != width
                    else "bytes that are not valid text in this encoding (see --encoding)"
                )
                fatal = (error, EXIT_FAIL, count, base + start + 1)
                return _Scan(count, None, fatal, None, True, clean)
            if names is not None and name not in names:
                names[name] = None
                if len(names) > limit:
                    names = None
            start = reader.line_num
    except csv.Error as exc:
        message = f"{table.where}: line {base + start + 1}: {exc}"
        return _Scan(count, None, (message, EXIT_FAIL, 0, 0), None, True, clean)
    questions = None if names is None else [(n, None, None) for n in names]
    return _Scan(count, questions, None, None, aligned, clean)


def _resolve(task: tuple[list[Any], str | None]) -> list[Resolution]:
    from ..jobs import worker_resolver

    questions, type = task
    resolver = worker_resolver()
    return [classify(resolver, n, type=type, countries=c, born=b) for n, c, b in questions]


def _write(
    task: tuple[argparse.Namespace, Plan, int, int, bytes | None, str, bool],
) -> tuple[tuple[int, int, int, int, int], dict[str, int], bool, list[str], int]:
    from ..jobs import worker_resolver

    args, plan, k, base, known, part, clean = task
    classifier = Classifier(worker_resolver(), type=args.type, cache_size=args.cache_size)
    if known is not None:
        # pickled once by the parent for all the workers (never data from a file)
        questions, answers = pickle.loads(known)  # noqa: S301
        classifier.remember(questions, answers)
        classifier.misses = 0
    text = _open_part(plan, k)
    table = _part_table(args, plan, k, text, clean)
    table.number_base = base
    tally, top, delay = _Tally(), _TopCounter(TOP_CAPACITY), _row_delay()
    bad: list[str] = []
    try:
        with open(
            part,
            "w",
            encoding=plan.encoding if k == 0 else plan.later,
            errors="surrogateescape",
            newline="",
            buffering=1 << 16,
        ) as out:
            if k == 0:
                table.start(out)
            else:
                table.adopt(list(plan.header), out)
            evidence = RowEvidence.of(args, table) or None
            for record in table.records():
                _clean_row(args, record, table, classifier, evidence, tally, top, bad, delay)
    finally:
        text.close()
    counts = (tally.rows, tally.resolved, tally.ambiguous, tally.unresolved, tally.errors)
    return counts, top.counts, top.approximate, bad, classifier.misses


# ------------------------------------------------------------------------- in this process
def _bases(args: argparse.Namespace, scans: list[_Scan]) -> list[int] | None:
    """The records before each part; raises the first problem, in file order, that stops
    the run (with the numbers one job gives); None when a part does not end where a record
    does (the file is then read by one process)."""
    bases, before = [], 0
    for scan in scans:
        # in file order: each part starts where the one before ended a record, up to the
        # first problem that stops the run
        if scan.first_error is not None and before == 0:
            raise CliError(scan.first_error)
        if scan.fatal is not None:
            message, code, row, line = scan.fatal
            if row:
                record = _Record(before + row, line, None, message, None)
                message = (
                    _error_text(args, record) + " (use --keep-going to write it marked 'error')"
                )
            raise CliError(message, code)
        if not scan.aligned:
            return None
        bases.append(before)
        before += scan.records
    return bases


def _run(
    args: argparse.Namespace,
    plan: Plan,
    pool: Any,
    scans: list[_Scan],
    bases: list[int],
    parts_dir: str,
) -> tuple[list[str], tuple[_Tally, _TopCounter, list[str], int]]:
    known: bytes | None = None
    distinct = 0
    if all(s.questions is not None for s in scans):
        union: dict[object, Any] = {}
        for scan in scans:
            assert scan.questions is not None
            for question in scan.questions:
                union.setdefault(_key(*question), question)
        if len(union) <= args.cache_size:
            questions = list(union.values())
            distinct = len(questions)
            size = max(1, -(-len(questions) // (plan.parts * 8)))
            chunks = [(questions[i : i + size], args.type) for i in range(0, len(questions), size)]
            answers = [a for part in pool.map(_resolve, chunks) for a in part]
            known = pickle.dumps((questions, answers), pickle.HIGHEST_PROTOCOL)
    parts = [os.path.join(parts_dir, f"{k}.part") for k in range(plan.parts)]
    written = pool.map(
        _write,
        [(args, plan, k, bases[k], known, parts[k], scans[k].clean) for k in range(plan.parts)],
    )
    tally, top, misses = _Tally(), _TopCounter(TOP_CAPACITY), 0
    bad: list[str] = []
    for counts, top_counts, approximate, part_bad, part_misses in written:
        for field, n in zip(("rows", "resolved", "ambiguous", "unresolved", "errors"), counts):
            setattr(tally, field, getattr(tally, field) + n)
        top.merge(top_counts, approximate)
        bad.extend(part_bad[: 10 - len(bad)])
        misses += part_misses
    # without shared answers (more distinct names than the cache holds) each worker looked
    # its names up itself: a name in two parts counts twice
    return parts, (tally, top, bad, distinct + misses)
