"""The shared file handling of ``clean`` and ``suggest``: input format detection, reading
records from CSV, TSV and JSON lines and writing them back with more cells, atomic output,
signal blocking, progress display and the file options."""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..atomic import new_file_mode
from .common import EXIT_FAIL, CliError, cell_delimiter, delimiter_of, text_encoding

#: Seconds to sleep per input row in ``clean``/``suggest``: a hook for tests that interrupt a
#: run half way (never set it otherwise).
ROW_DELAY_ENV = "ALIASRES_TEST_ROW_DELAY"
_NEW_COLUMNS = ("id", "name", "score", "status")
_SURROGATE = re.compile("[\udc80-\udcff]")
_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: the codecs that write every character (a cell never needs :func:`_writable`)
_WHOLE_UNICODE = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                            "utf-32", "utf-32-le", "utf-32-be"})


def _holds_all(encoding: str) -> bool:
    """``encoding`` writes every character (a codec of the whole of Unicode)."""
    try:
        return codecs.lookup(encoding).name in _WHOLE_UNICODE
    except LookupError:
        return False


def _writable(cell: str, encoding: str) -> str:
    """``cell`` with each character ``encoding`` cannot write as its nearest ASCII
    (unidecode; ``?`` when it has none): the output keeps the input's encoding, and an
    entity's name may hold characters it lacks (Ş, an en dash in Latin-1)."""
    try:
        cell.encode(encoding)
        return cell
    except UnicodeEncodeError:
        pass
    from unidecode import unidecode

    out = []
    for ch in cell:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(unidecode(ch) or "?")
    return "".join(out)


@dataclass(slots=True)
class _Record:
    number: int  # 1-based data record (the CSV header is not one)
    line: int  # the line it starts on
    name: object  # the value to resolve; None when absent
    error: str | None
    data: Any  # the parsed row (CSV) or the raw line (JSON lines)


class _Table:
    """Reads records from a text stream and writes them back with four more cells."""

    kind = ""

    def __init__(self, src: IO[str], column: str, prefix: str, where: str) -> None:
        self.src = src
        self.column = column
        self.new = [f"{prefix}_{c}" for c in _NEW_COLUMNS]
        self.where = where
        # a part of the file read on its own (clean --jobs, cli/split.py): the records and
        # lines before it, so that numbers and messages are those of the whole file
        self.number_base = 0
        self.line_base = 0
        #: False when the text is known to hold no undecodable bytes (each row's check is
        #: then skipped)
        self.undecodable = True
        #: further columns the header must have (evidence, document), checked by start()
        #: before it writes anything: a usage error leaves stdout empty
        self.required: list[str] = []
        #: the output's encoding when it cannot write every character (the new cells are
        #: then made writable); None for UTF-8 and the other Unicode codecs
        self.narrow: str | None = None

    def start(self, out: IO[str] | None) -> None:
        """Read the header (if any) and write it out."""

    def records(self) -> Iterator[_Record]:
        raise NotImplementedError

    def write(self, record: _Record, cells: list[str]) -> None:
        raise NotImplementedError

    def adopt(self, header: list[str], out: IO[str] | None) -> None:
        """Start a later part of the file (whose header, ``header``, the first part has):
        nothing is read and no header written."""
        self.start(out)

    def require(self, columns: list[str]) -> None:
        """Check, once started, that the file has these further columns (a JSON line may
        leave a key out: that value is absent)."""

    def value(self, record: _Record, column: str) -> object:
        """The value of another column of a valid record (None when absent)."""
        raise NotImplementedError


class _CsvTable(_Table):
    kind = "csv"

    def __init__(
        self,
        src: IO[str],
        column: str,
        prefix: str,
        where: str,
        *,
        delimiter: str,
        lineterminator: str,
    ) -> None:
        super().__init__(src, column, prefix, where)
        self.reader = csv.reader(src, delimiter=delimiter, strict=False)
        self.delimiter = delimiter
        self.lineterminator = lineterminator
        self.writer: Any = None
        self.width = 0
        self.index = 0

    def start(self, out: IO[str] | None) -> None:
        try:
            header = next(self.reader)
        except StopIteration:
            raise CliError(f"{self.where}: the file is empty (no header row)") from None
        except csv.Error as exc:
            raise CliError(f"{self.where}: line 1: {exc}") from None
        if _SURROGATE.search("".join(header)):
            raise CliError(
                f"{self.where}: line 1: the header is not valid text in this encoding "
                "(see --encoding)"
            )
        if not header:
            raise CliError(f"{self.where}: line 1 is empty; the first line must be the header")
        if self.column not in header:
            close = [h for h in header if h.strip().casefold() == self.column.strip().casefold()]
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            shown = ", ".join(repr(h) for h in header[:20]) + (" ..." if len(header) > 20 else "")
            raise CliError(f"{self.where}: no column {self.column!r}{hint}; the header has {shown}")
        if header.count(self.column) > 1:
            raise CliError(f"{self.where}: the header has {self.column!r} more than once")
        clash = [c for c in self.new if c in header]
        if clash:
            raise CliError(
                f"{self.where}: the file already has a column {clash[0]!r}; "
                "choose other names with --prefix"
            )
        self.adopt(header, out)
        self.require(self.required)
        if self.writer is not None:
            new = self.new if self.narrow is None else [_writable(c, self.narrow) for c in self.new]
            self.writer.writerow(header + new)

    def adopt(self, header: list[str], out: IO[str] | None) -> None:
        """Take ``header`` (checked by :meth:`start`) as this table's without reading it: a
        later part of the file; with ``out``, write rows there (the header is not written)."""
        self.width = len(header)
        self.index = header.index(self.column)
        self.header = header
        if out is not None:
            self.writer = csv.writer(
                out, delimiter=self.delimiter, lineterminator=self.lineterminator
            )

    def records(self) -> Iterator[_Record]:
        reader, number, base = self.reader, self.number_base, self.line_base
        while True:
            line = base + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # the reader cannot resynchronise after this; even --keep-going stops
                raise CliError(f"{self.where}: line {line}: {exc}", EXIT_FAIL) from None
            number += 1
            if not row:  # a blank line: a row of empty cells
                row = [""] * self.width
            error = None
            if len(row) != self.width:
                error = f"{len(row)} cells where the header has {self.width}"
            elif self.undecodable and _SURROGATE.search("".join(row)):
                error = "bytes that are not valid text in this encoding (see --encoding)"
            name = row[self.index] if self.index < len(row) else None
            yield _Record(number, line, name, error, row)

    def require(self, columns: list[str]) -> None:
        for column in columns:
            if column not in self.header:
                shown = ", ".join(repr(h) for h in self.header[:20])
                raise CliError(f"{self.where}: no column {column!r}; the header has {shown}")

    def value(self, record: _Record, column: str) -> object:
        index = self.header.index(column)
        row: list[str] = record.data
        return row[index] if index < len(row) else None

    def write(self, record: _Record, cells: list[str]) -> None:
        row: list[str] = record.data
        if len(row) < self.width:  # a short row: pad it so the new cells line up
            row = row + [""] * (self.width - len(row))
        elif len(row) > self.width:
            # a long row (--keep-going): its extra cells are joined, with the delimiter, into
            # its last column, so that nothing is lost and the new cells line up
            last = self.width - 1
            row = row[:last] + [self.delimiter.join(row[last:])]
        if self.kind == "tsv":
            cells = [c.replace("\t", " ").replace("\n", " ").replace("\r", " ") for c in cells]
        if self.narrow is not None:
            cells = [_writable(c, self.narrow) for c in cells]
        self.writer.writerow(row + cells)


class _TsvTable(_CsvTable):
    kind = "tsv"


class _JsonLinesTable(_Table):
    """One JSON object a line. Output lines are the input lines, byte for byte, with the four
    keys added before the closing brace; blank lines are kept as they are."""

    kind = "jsonl"

    def __init__(self, src: IO[str], column: str, prefix: str, where: str) -> None:
        super().__init__(src, column, prefix, where)
        self.out: IO[str] | None = None
        #: a later part of the file (clean --jobs): its first record's missing key noted
        #: here, not raised (only the file's first record must have the key; the caller
        #: knows whether it is)
        self.defer_first = False
        self.first_error: str | None = None

    def start(self, out: IO[str] | None) -> None:
        self.out = out

    def records(self) -> Iterator[_Record]:
        number = first = self.number_base
        for line_no, raw in enumerate(self.src, 1 + self.line_base):
            body = raw.rstrip("\r\n")
            if not body.strip():
                if self.out is not None:
                    self.out.write(raw)
                continue
            number += 1
            error: str | None = None
            name: object = None
            if self.undecodable and _SURROGATE.search(body):
                error = "bytes that are not valid text in this encoding (see --encoding)"
            else:
                try:
                    obj = json.loads(body)
                except (json.JSONDecodeError, RecursionError) as exc:
                    obj, error = None, f"not JSON ({getattr(exc, 'msg', 'nested too deeply')})"
                if error is None and not isinstance(obj, dict):
                    error = f"a JSON {type(obj).__name__}, not an object"
                elif error is None:
                    assert isinstance(obj, dict)
                    if number == 1 + first and self.column not in obj and (
                        number == 1 or self.defer_first
                    ):
                        keys = ", ".join(repr(k) for k in list(obj)[:20])
                        message = (
                            f"{self.where}: line {line_no}: no key {self.column!r} "
                            f"in the first record (its keys: {keys})"
                        )
                        if not self.defer_first:
                            raise CliError(message)
                        self.first_error = message
                    clash = [c for c in self.new if c in obj]
                    if clash:
                        # a bad row, not a usage error: only this record has the key (a
                        # line cleaned before); --keep-going copies it unchanged
                        error = (
                            f"the record already has a key {clash[0]!r}; "
                            "choose other names with --prefix"
                        )
                    else:
                        name = obj.get(self.column)
            yield _Record(number, line_no, name, error, raw)

    def value(self, record: _Record, column: str) -> object:
        obj = json.loads(record.data)  # only asked of valid records, and only for evidence
        return obj.get(column) if isinstance(obj, dict) else None

    def write(self, record: _Record, cells: list[str]) -> None:
        assert self.out is not None
        raw: str = record.data
        if record.error is not None:  # cannot add keys to something that is not an object
            self.out.write(raw)
            return
        body = raw.rstrip("\r\n")
        end = body.rstrip()
        values: list[object] = [
            cells[0] or None,
            cells[1] or None,
            float(cells[2]) if cells[2] else None,
            cells[3],
        ]
        # a value the output's encoding cannot write: the exact \\u escape of JSON
        ascii_only = self.narrow is not None and any(
            isinstance(v, str) and _writable(v, self.narrow) != v for v in values
        )
        added = ", ".join(
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=ascii_only)}"
            for k, v in zip(self.new, values)
        )
        inner = end[:-1]
        sep = "" if inner.rstrip().endswith("{") else ", "
        self.out.write(f"{inner}{sep}{added}}}{body[len(end) :]}{raw[len(body) :]}")


def _detect_format(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    raise CliError(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
        "give --format csv, tsv or jsonl"
    )


@dataclass(slots=True)
class _Input:
    binary: IO[bytes]
    text: IO[str]
    encoding: str  # for the output: "utf-8-sig" when the input had a byte-order mark
    newline: str
    size: int | None


def _open_input(path: str, encoding: str) -> _Input:
    try:
        binary: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb", buffering=1 << 16)  # noqa: SIM115
    except OSError as exc:
        raise CliError(f"{path}: cannot read: {exc.strerror or exc}") from None
    head = binary.peek(1 << 16)[: 1 << 16] if hasattr(binary, "peek") else b""
    bom = head.startswith(b"\xef\xbb\xbf") and encoding.replace("_", "-").lower() in (
        "utf-8",
        "utf8",
    )
    first_line = head.split(b"\n", 1)[0]
    newline = "\r\n" if first_line.endswith(b"\r") else "\n"
    text = io.TextIOWrapper(
        binary, encoding="utf-8-sig" if bom else encoding, errors="surrogateescape", newline=""
    )
    size = None
    if path != "-":
        try:
            size = os.fstat(binary.fileno()).st_size
        except OSError:
            size = None
    return _Input(binary, text, "utf-8-sig" if bom else encoding, newline, size)


#: the largest CSV cell read (the csv module's default, 128 KiB, is small for text columns)
CSV_FIELD_LIMIT = 64 << 20


def _make_table(kind: str, src: IO[str], args: argparse.Namespace, newline: str) -> _Table:
    where = args.input
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    table: _Table
    if kind == "jsonl":
        table = _JsonLinesTable(src, args.column, args.prefix, where)
    else:
        delimiter = delimiter_of(args.delimiter, kind)
        cls = _TsvTable if kind == "tsv" else _CsvTable
        table = cls(src, args.column, args.prefix, where, delimiter=delimiter,
                    lineterminator=newline)
    table.narrow = None if _holds_all(args.encoding) else args.encoding
    return table


class _TopCounter:
    """Counts of the most frequent keys in bounded memory (approximate past ``capacity``)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.counts: dict[str, int] = {}
        self.approximate = False

    def add(self, key: str) -> None:
        counts = self.counts
        counts[key] = counts.get(key, 0) + 1
        if len(counts) > 2 * self.capacity:
            keep = sorted(counts.items(), key=lambda kv: -kv[1])[: self.capacity]
            self.counts = dict(keep)
            self.approximate = True

    def merge(self, counts: dict[str, int], approximate: bool) -> None:
        """Add the counts of another counter (of another part of the same rows). Exact when
        both are and the keys together stay within twice the capacity (the point at which
        :meth:`add` would start to drop the rarest): then the same as counting all the rows
        in one counter."""
        mine = self.counts
        for key, count in counts.items():
            mine[key] = mine.get(key, 0) + count
        self.approximate = self.approximate or approximate
        if len(mine) > 2 * self.capacity:
            keep = sorted(mine.items(), key=lambda kv: -kv[1])[: self.capacity]
            self.counts = dict(keep)
            self.approximate = True

    def top(self, n: int) -> list[tuple[str, int]]:
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


class _Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool, size: int | None, binary: IO[bytes]) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.size = size
        self.binary = binary
        self.next = 0.0

    def update(self, rows: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now < self.next and not force:
            return
        self.next = now + 0.2
        text = f"\r{rows:,} rows"
        if self.size:
            try:
                done = self.binary.tell() / self.size
                width = 30
                filled = int(done * width)
                text += f"  [{'#' * filled}{'.' * (width - filled)}] {done:6.1%}"
            except (OSError, ValueError):
                pass
        sys.stderr.write(text)
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _AtomicOutput:
    """A text file written under a temporary name in the target's directory and renamed over
    the target on success; removed on any failure or signal. ``-`` writes to stdout instead."""

    def __init__(self, path: str, encoding: str) -> None:
        self.path = path
        self.encoding = encoding
        self.target = path
        self.tmp: str | None = None
        self.stream: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path == "-":
            stream = io.TextIOWrapper(
                sys.stdout.buffer,
                encoding=self.encoding,
                errors="surrogateescape",
                newline="",
                write_through=False,
            )
            self.stream = stream
            return stream
        # a symbolic link is followed: the file it points to is replaced, the link kept
        self.target = os.path.realpath(self.path)
        target = Path(self.target)
        directory = target.parent
        try:
            fd, self.tmp = tempfile.mkstemp(
                dir=directory, prefix=f".{target.name}.", suffix=".part"
            )
        except OSError as exc:
            raise CliError(
                f"cannot write to {str(directory) or '.'}: {exc.strerror or exc}"
            ) from None
        self.stream = open(
            fd, "w", encoding=self.encoding, errors="surrogateescape", newline="", buffering=1 << 16
        )
        return self.stream

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        stream, tmp = self.stream, self.tmp
        if stream is None:
            return
        if self.path == "-":
            stream.flush()
            assert isinstance(stream, io.TextIOWrapper)
            stream.detach()  # leave sys.stdout usable
            return
        assert tmp is not None
        # a signal now would interrupt the rename or the clean-up: hold it until both are done
        blocked = _block_signals()
        try:
            if kind is None:
                stream.flush()
                os.fsync(stream.fileno())
                stream.close()
                os.chmod(tmp, new_file_mode())  # mkstemp's 0600 would surprise
                os.replace(tmp, self.target)
                self.tmp = None
        except OSError as exc:
            raise CliError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        finally:
            if self.tmp is not None:
                try:
                    stream.close()
                except OSError:
                    pass
                try:
                    os.unlink(self.tmp)
                except FileNotFoundError:
                    pass
            _unblock_signals(blocked)


_STOP_SIGNALS = tuple(
    getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)
)


def _block_signals() -> set[int] | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS))


def _unblock_signals(previous: set[int] | None) -> None:
    if previous is not None:  # pending signals are delivered now, after the clean-up
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _row_delay() -> float:
    try:
        return max(0.0, float(os.environ.get(ROW_DELAY_ENV, "0") or 0))
    except ValueError:
        return 0.0


def refuse_overwrite(output: str | None, inputs: Iterable[str | None], what: str = "-o") -> None:
    """Raise a usage error (exit 2, naming both paths) when ``output`` is one of ``inputs``
    (the same file also through a symbolic link, ``./`` or a hard link). A directory among the
    inputs stands for the tables below it. ``-`` (stdin/stdout) and ``None`` are never a file."""
    if output in (None, "-") or not os.path.exists(output):
        return
    for given in inputs:
        if given in (None, "-"):
            continue
        paths: list[str] = [given]
        if os.path.isdir(given):
            from ..tables import table_files

            paths = [str(p) for p in table_files([given])]
        for path in paths:
            try:
                same = os.path.samefile(path, output)
            except OSError:  # an input that does not exist is reported where it is read
                continue
            if same:
                where = path if path == given else f"{path} (in {given})"
                raise CliError(
                    f"{output}: the output would overwrite the input {where}; choose another {what}"
                )


def _default_output(path: str, kind: str) -> str:
    p = Path(path)
    suffix = p.suffix or {"csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl"}[kind]
    return str(p.with_name(f"{p.stem}.clean{suffix}"))


def _error_text(args: argparse.Namespace, record: _Record) -> str:
    return f"{args.input}: row {record.number} (line {record.line}): {record.error}"


def file_options(suggest: bool) -> argparse.ArgumentParser:
    """The options of the commands that read a file of names (clean; suggest when ``suggest``)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "input", metavar="INPUT", help="a CSV, TSV or JSON-lines file (- for stdin, with --format)"
    )
    p.add_argument(
        "--column",
        "-c",
        required=True,
        metavar="COL",
        help="the column (JSON: key) holding the names",
    )
    g = p.add_argument_group("input format")
    g.add_argument(
        "--format",
        choices=("csv", "tsv", "jsonl"),
        help="the input format (default: from the extension)",
    )
    g.add_argument(
        "--delimiter",
        metavar="CHAR",
        type=cell_delimiter,
        help="the CSV field separator, one character (default , for csv, tab for tsv)",
    )
    g.add_argument(
        "--encoding",
        default="utf-8",
        type=text_encoding,
        help="the input's text encoding (default utf-8; the output uses the same)",
    )
    g.add_argument(
        "--keep-going",
        action="store_true",
        help="bad rows: "
        + ("skip them" if suggest else "write them with status 'error'")
        + " instead of stopping",
    )
    p.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress display (it is shown only on a terminal anyway)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    return p
