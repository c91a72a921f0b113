"""The ``aliasres`` command line (also ``python -m aliasres``).

Commands: ``resolve``, ``explain``, ``transliterate``, ``normalize``, ``clean``, ``suggest``,
``check``, ``fmt`` and ``import``; ``aliasres COMMAND --help`` documents each, and
``docs/cli.md`` has examples. Exit status: 0 success; 1 a check failed, a file would be
reformatted, or an input row is bad; 2 a usage error (an unknown column, an unreadable file,
an invalid table); 128+N when stopped by signal N (130 for Ctrl-C).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any, NoReturn

from .errors import AliasresError, AliasTableError
from .normalize import normalize
from .resolve import DEFAULT_MARGIN, DEFAULT_THRESHOLD, Resolver, default_resolver
from .types import ENTITY_TYPES, Alias, Entity

__all__ = ["CliError", "main"]

PROG = "aliasres"
#: Seconds to sleep per input row in ``clean``/``suggest``: a hook for tests that interrupt a
#: run half way (never set it otherwise).
ROW_DELAY_ENV = "ALIASRES_TEST_ROW_DELAY"
EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
_NEW_COLUMNS = ("id", "name", "score", "status")
_SURROGATE = re.compile("[\udc80-\udcff]")
_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class CliError(AliasresError):
    """A problem the user can fix (bad arguments, an unknown column, a bad row).

    ``code`` is the exit status: 2 for usage problems, 1 for bad data.
    """

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Stopped(BaseException):
    """SIGTERM/SIGHUP arrived: unwind (removing temporary files) and exit 128+signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: FrameType | None) -> NoReturn:
    raise _Stopped(signum)


# ---------------------------------------------------------------------------- helpers
def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build_resolver(args: argparse.Namespace) -> Resolver:
    tables: list[str] = args.tables or []
    if args.no_bundled and not tables:
        raise CliError("--no-bundled needs at least one --tables PATH (nothing to resolve against)")
    if (
        not tables
        and not args.no_bundled
        and args.threshold == DEFAULT_THRESHOLD
        and args.margin == DEFAULT_MARGIN
    ):
        return default_resolver()
    return Resolver.from_yaml(
        *tables, bundled=not args.no_bundled, threshold=args.threshold, margin=args.margin
    )


def _unit_interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _stdin_lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def _texts(values: Sequence[str]) -> Iterator[str]:
    """The command-line values, or stdin lines when the only value is ``-``."""
    if list(values) == ["-"]:
        yield from _stdin_lines()
    else:
        yield from values


# ---------------------------------------------------------------------------- resolve & co
def cmd_resolve(args: argparse.Namespace) -> int:
    from .pandas import Classifier

    classify = Classifier(_build_resolver(args), type=args.type, cache_size=args.cache_size)
    out = sys.stdout
    for name in _texts(args.names):
        result = classify(name)
        if args.json:
            record: dict[str, Any] = {
                "query": name,
                "id": result.id,
                "name": result.name,
                "score": result.score,
                "status": result.status,
            }
            if result.status == "ambiguous":
                record["candidates"] = list(result.candidates)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            cells = [
                name,
                result.id or "-",
                result.name or "-",
                _score(result.score) or "-",
                result.status,
            ]
            out.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")
        out.flush()  # streaming: a line out for every line in
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    resolver = _build_resolver(args)
    for i, name in enumerate(_texts(args.names)):
        if i:
            print()
        print(resolver.explain(name, type=args.type), flush=True)
    return EXIT_OK


def cmd_transliterate(args: argparse.Namespace) -> int:
    from .translit import transliterate

    for text in _texts(args.texts):
        print(transliterate(text), flush=True)
    return EXIT_OK


def cmd_normalize(args: argparse.Namespace) -> int:
    for text in _texts(args.texts):
        print(normalize(text), flush=True)
    return EXIT_OK


# ---------------------------------------------------------------------------- file formats
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

    def start(self, out: IO[str] | None) -> None:
        """Read the header (if any) and write it out."""

    def records(self) -> Iterator[_Record]:
        raise NotImplementedError

    def write(self, record: _Record, cells: list[str]) -> None:
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
        self.width = len(header)
        self.index = header.index(self.column)
        if out is not None:
            self.writer = csv.writer(
                out, delimiter=self.delimiter, lineterminator=self.lineterminator
            )
            self.writer.writerow(header + self.new)

    def records(self) -> Iterator[_Record]:
        reader, number = self.reader, 0
        while True:
            line = reader.line_num + 1
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
            elif _SURROGATE.search("".join(row)):
                error = "bytes that are not valid text in this encoding (see --encoding)"
            name = row[self.index] if self.index < len(row) else None
            yield _Record(number, line, name, error, row)

    def write(self, record: _Record, cells: list[str]) -> None:
        row: list[str] = record.data
        if len(row) < self.width:  # a short row: pad it so the new cells line up
            row = row + [""] * (self.width - len(row))
        if self.kind == "tsv":
            cells = [c.replace("\t", " ").replace("\n", " ").replace("\r", " ") for c in cells]
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

    def start(self, out: IO[str] | None) -> None:
        self.out = out

    def records(self) -> Iterator[_Record]:
        number = 0
        for line_no, raw in enumerate(self.src, 1):
            body = raw.rstrip("\r\n")
            if not body.strip():
                if self.out is not None:
                    self.out.write(raw)
                continue
            number += 1
            error: str | None = None
            name: object = None
            if _SURROGATE.search(body):
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
                    if number == 1 and self.column not in obj:
                        keys = ", ".join(repr(k) for k in list(obj)[:20])
                        raise CliError(
                            f"{self.where}: line {line_no}: no key {self.column!r} "
                            f"in the first record (its keys: {keys})"
                        )
                    clash = [c for c in self.new if c in obj]
                    if clash:
                        raise CliError(
                            f"{self.where}: line {line_no}: the record already has "
                            f"a key {clash[0]!r}; choose other names with --prefix"
                        )
                    name = obj.get(self.column)
            yield _Record(number, line_no, name, error, raw)

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
        added = ", ".join(
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
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
    if kind == "jsonl":
        return _JsonLinesTable(src, args.column, args.prefix, where)
    delimiter = args.delimiter or ("\t" if kind == "tsv" else ",")
    if len(delimiter) != 1:
        raise CliError("--delimiter must be one character")
    cls = _TsvTable if kind == "tsv" else _CsvTable
    return cls(src, args.column, args.prefix, where, delimiter=delimiter, lineterminator=newline)


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
        target = Path(self.path)
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
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would surprise
                os.replace(tmp, self.path)
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


def _default_output(path: str, kind: str) -> str:
    p = Path(path)
    suffix = p.suffix or {"csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl"}[kind]
    return str(p.with_name(f"{p.stem}.clean{suffix}"))


@dataclass(slots=True)
class _Tally:
    rows: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved: int = 0
    errors: int = 0


def _error_text(args: argparse.Namespace, record: _Record) -> str:
    return f"{args.input}: row {record.number} (line {record.line}): {record.error}"


def cmd_clean(args: argparse.Namespace) -> int:
    from .pandas import Classifier

    kind = _detect_format(args.input, args.format)
    output = args.output or (_default_output(args.input, kind) if args.input != "-" else "-")
    if (
        args.input != "-"
        and output != "-"
        and os.path.exists(output)
        and os.path.samefile(args.input, output)
    ):
        raise CliError(f"{output}: the output would overwrite the input; choose another -o")
    started = time.monotonic()
    resolver = _build_resolver(args)
    classify = Classifier(resolver, type=args.type, cache_size=args.cache_size)
    tally = _Tally()
    top = _TopCounter(10_000)
    bad: list[str] = []
    delay = _row_delay()
    source = _open_input(args.input, args.encoding)
    progress = _Progress(args.progress, source.size, source.binary)
    try:
        table = _make_table(kind, source.text, args, source.newline)
        with _AtomicOutput(output, source.encoding) as out:
            table.start(out)
            for record in table.records():
                if delay:
                    time.sleep(delay)
                tally.rows += 1
                if record.error is not None:
                    if not args.keep_going:
                        raise CliError(
                            _error_text(args, record)
                            + " (use --keep-going to write it marked 'error')",
                            EXIT_FAIL,
                        )
                    tally.errors += 1
                    if len(bad) < 10:
                        bad.append(_error_text(args, record))
                    table.write(record, ["", "", "", "error"])
                    continue
                result = classify(record.name)
                if result.status == "resolved":
                    tally.resolved += 1
                elif result.status == "ambiguous":
                    tally.ambiguous += 1
                else:
                    tally.unresolved += 1
                if (
                    result.status != "resolved"
                    and isinstance(record.name, str)
                    and record.name.strip()
                ):
                    top.add(f"{record.name.strip()}\x00{result.status}")
                table.write(
                    record,
                    [result.id or "", result.name or "", _score(result.score), result.status],
                )
                if not tally.rows & 1023:
                    progress.update(tally.rows)
    finally:
        progress.close()
        source.text.close()
    if not args.quiet:
        _clean_summary(args, output, tally, top, bad, classify, time.monotonic() - started)
    return EXIT_OK


def _clean_summary(
    args: argparse.Namespace,
    output: str,
    tally: _Tally,
    top: _TopCounter,
    bad: list[str],
    classify: Any,
    seconds: float,
) -> None:
    where = "stdout" if output == "-" else output
    lines = [
        (
            f"aliasres clean: {_n(tally.rows, 'row')} -> {where} in {seconds:.1f} s "
            f"({_n(classify.misses, 'distinct name')} looked up)"
        )
    ]
    for label, count in (
        ("resolved", tally.resolved),
        ("ambiguous", tally.ambiguous),
        ("unresolved", tally.unresolved),
        ("error", tally.errors),
    ):
        if label == "error" and not count:
            continue
        share = count / tally.rows if tally.rows else 0.0
        lines.append(f"  {label:<11}{count:>12,}  {share:6.1%}")
    common = top.top(args.top)
    if common:
        lines.append(
            "most frequent names not resolved"
            + (" (approximate counts)" if top.approximate else "")
            + ":"
        )
        for key, count in common:
            name, status = key.split("\x00")
            lines.append(f"  {count:>8,}  {status:<10}  {name}")
    if bad:
        lines.append("rows with errors (marked 'error'):")
        lines.extend(f"  {b}" for b in bad)
        if tally.errors > len(bad):
            lines.append(f"  ... and {tally.errors - len(bad):,} more")
    _err("\n".join(lines))


# ---------------------------------------------------------------------------- suggest
def _slug(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", normalize(name)).strip("-")
    return slug or "name"


def _suggest_block(
    name: str, count: int, status: str, candidates: list[Any], resolver: Resolver
) -> list[str]:
    from .fmt import yaml_scalar

    lines = ["", f"  ## {count:,} row{'s' if count != 1 else ''}, {status}: {name}"]
    alias = yaml_scalar(name, flow=True)
    if not candidates:
        lines += [
            f"  # - id: new/{_slug(name)}   # nothing close: a new entity?",
            "  #   type: other   # person, organization or place",
            f"  #   name: {yaml_scalar(name)}",
        ]
        return lines
    form = normalize(name)
    for match in candidates:
        entity = resolver.get(match.id)
        # the name may already be one of the entity's names (ambiguous, not missing)
        known = ", already one of its names" if normalize(match.alias) == form else ""
        canonical = entity.name if entity else match.name
        lines += [
            (
                f"  # - id: {yaml_scalar(match.id)}   # {canonical}: {match.score:.3f} "
                f"{match.method}, via {json.dumps(match.alias, ensure_ascii=False)}{known}"
            ),
            f"  #   aliases: [{alias}]",
        ]
    return lines


def cmd_suggest(args: argparse.Namespace) -> int:
    from .pandas import Classifier

    kind = _detect_format(args.input, args.format)
    resolver = _build_resolver(args)
    classify = Classifier(resolver, type=args.type, cache_size=args.cache_size)
    counts = _TopCounter(max(args.limit * 20, 100_000))
    status_of: dict[str, str] = {}
    rows = 0
    delay = _row_delay()
    source = _open_input(args.input, args.encoding)
    progress = _Progress(args.progress, source.size, source.binary)
    try:
        table = _make_table(kind, source.text, args, source.newline)
        table.start(None)
        for record in table.records():
            if delay:
                time.sleep(delay)
            rows += 1
            if record.error is not None:
                if not args.keep_going:
                    raise CliError(
                        _error_text(args, record) + " (use --keep-going to skip it)", EXIT_FAIL
                    )
                continue
            if not isinstance(record.name, str) or not record.name.strip():
                continue
            name = record.name.strip()
            result = classify(name)
            if result.status != "resolved":
                counts.add(name)
                status_of[name] = result.status
            if not rows & 1023:
                progress.update(rows)
    finally:
        progress.close()
        source.text.close()
    ranked = counts.top(args.limit)
    lines = [
        (
            f"# Proposed aliases: the {len(ranked)} most frequent names of {args.input} "
            f"(column {args.column!r}) that did not resolve."
        ),
        "# Written by `aliasres suggest`. Each block is one name, with the entities that came",
        '# closest. To accept a candidate, uncomment its lines (remove one leading "# ") and',
        "# delete the other candidates. Under `extend:` the name becomes an alias of an entity",
        "# that another table defines (the bundled ones included); under `entities:` it is a",
        "# new entity. Load this file with --tables; `aliasres check FILE` validates it.",
    ]
    found: list[str] = []
    new: list[str] = []
    for name, count in ranked:
        cands = resolver.candidates(name, limit=args.candidates, type=args.type)
        block = _suggest_block(name, count, status_of.get(name, "unresolved"), cands, resolver)
        (found if cands else new).extend(block)
    lines += ["extend:", *found, "entities:", *new]
    text = "\n".join(lines) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from .fmt import write_atomic

        try:
            write_atomic(args.output, text)
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if not args.quiet:
        _err(
            f"aliasres suggest: {_n(rows, 'row')}, {_n(len(counts.counts), 'distinct name')} "
            f"not resolved; {len(ranked)} written" + (f" to {args.output}" if args.output else "")
        )
    return EXIT_OK


# ---------------------------------------------------------------------------- check
@dataclass(slots=True)
class _Collision:
    form: str
    uses: list[tuple[Entity, Alias]]

    @property
    def declared(self) -> bool:
        """Every alias involved is ``shared: true`` or an epithet (a canonical name cannot be
        marked, so one canonical name among shared aliases counts as declared too)."""
        canonical = sum(a.kind == "canonical" for _, a in self.uses)
        return canonical <= 1 and all(
            a.shared or a.kind in ("epithet", "canonical") for _, a in self.uses
        )


def collisions(entities: Sequence[Entity]) -> list[_Collision]:
    """Normalized names that belong to two or more entities, sorted by name."""
    forms: dict[str, list[tuple[Entity, Alias]]] = {}
    for entity in entities:
        seen: set[str] = set()
        for alias in entity.names():
            form = normalize(alias.name)
            if form and form not in seen:
                seen.add(form)
                forms.setdefault(form, []).append((entity, alias))
    return [_Collision(f, uses) for f, uses in sorted(forms.items()) if len(uses) > 1]


def cmd_check(args: argparse.Namespace) -> int:
    from .data import entity_table_paths
    from .tables import load_table, table_files

    errors: list[str] = []
    files: list[Path] = []
    if not args.paths or args.bundled:
        files += entity_table_paths()
    try:
        files += table_files(args.paths)
    except AliasTableError as exc:
        errors.append(str(exc))
    entities: list[Entity] = []
    first: dict[str, Entity] = {}
    names = 0
    for path in files:
        try:
            table = load_table(path)
        except AliasTableError as exc:
            errors.append(str(exc))
            continue
        for entity in table.entities:
            other = first.get(entity.id)
            if other is not None:
                errors.append(
                    f"{entity.path}:{entity.line}: id {entity.id!r} is already "
                    f"defined in {other.path}:{other.line}"
                )
                continue
            first[entity.id] = entity
            entities.append(entity)
            names += len(entity.names())
        if args.verbose:
            print(f"{path}: {len(table.entities)} entities, {len(table.reject)} reject names")
    found = collisions(entities)
    undeclared = [c for c in found if not c.declared]
    print(
        f"{len(files)} table{'s' if len(files) != 1 else ''}, {len(entities):,} "
        f"entit{'ies' if len(entities) != 1 else 'y'}, {names:,} name{'s' if names != 1 else ''}"
    )
    if found:
        print(
            f"collisions (a normalized name on 2+ entities): {len(found)}, "
            f"{len(found) - len(undeclared)} declared (shared: true or epithet), "
            f"{len(undeclared)} undeclared"
        )
        shown = found if args.all else undeclared
        for c in shown[: args.limit]:
            mark = "declared" if c.declared else "UNDECLARED"
            print(f"  {mark:<10} {json.dumps(c.form, ensure_ascii=False)}")
            for entity, alias in c.uses:
                flags = "".join(
                    f" {f}" for f, on in (("shared", alias.shared), ("weak", alias.weak)) if on
                )
                print(
                    f"      {entity.id}  {alias.name!r} ({alias.kind}{flags})  "
                    f"{entity.path}:{entity.line}"
                )
        if len(shown) > args.limit:
            print(f"  ... {len(shown) - args.limit} more (--limit)")
        if undeclared and not args.all:
            print(
                "  (mark an alias `shared: true` when it knowingly belongs to several "
                "entities; --all lists the declared ones too)"
            )
    else:
        print("no collisions")
    for e in errors:
        _err(f"error: {e}")
    if errors:
        _err(f"aliasres check: {len(errors)} error{'s' if len(errors) != 1 else ''}")
        return EXIT_FAIL
    if args.strict and undeclared:
        _err(f"aliasres check --strict: {len(undeclared)} undeclared collisions")
        return EXIT_FAIL
    return EXIT_OK


# ---------------------------------------------------------------------------- fmt & import
def cmd_fmt(args: argparse.Namespace) -> int:
    from .fmt import format_file
    from .tables import table_files

    files = table_files(args.paths)
    changed = 0
    errors = 0
    for path in files:
        try:
            result = format_file(path, write=not args.check, drop_comments=args.drop_comments)
        except AliasTableError as exc:
            _err(f"error: {exc}")
            errors += 1
            continue
        except OSError as exc:
            _err(f"error: cannot write {path}: {exc.strerror or exc}")
            errors += 1
            continue
        if result.changed:
            changed += 1
            verb = "would reformat" if args.check else "reformatted"
            note = (
                (
                    f" (comments on lines {', '.join(map(str, result.dropped_comments[:5]))} "
                    "would be dropped)"
                )
                if args.check and result.dropped_comments
                else ""
            )
            print(f"{verb} {path}{note}")
    done = "would be reformatted" if args.check else "reformatted"
    _err(
        f"aliasres fmt: {len(files)} file{'s' if len(files) != 1 else ''}, {changed} {done}"
        + (f", {errors} with errors" if errors else "")
    )
    if errors:
        return EXIT_USAGE
    return EXIT_FAIL if args.check and changed else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .fmt import format_table, write_atomic
    from .importers import IMPORTERS, ListFormatError

    try:
        imported = IMPORTERS[args.list](args.files, source=args.source)
    except ListFormatError as exc:
        raise CliError(str(exc)) from None
    text = format_table(imported.entities, header=imported.header)
    try:
        write_atomic(args.output, text)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    names = sum(len(e.names()) for e in imported.entities)
    weak = sum(a.weak for e in imported.entities for a in e.aliases)
    lines = [
        (
            f"aliasres import {args.list}: {len(imported.entities):,} entities, "
            f"{names:,} names ({weak:,} weak) -> {args.output}"
        )
    ]
    for what, count in sorted(imported.skipped.items()):
        lines.append(f"  skipped {count:,} {what}")
    _err("\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------------------- the parser
def _resolver_options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("tables and matching")
    g.add_argument(
        "--tables",
        action="append",
        metavar="PATH",
        help="an alias table, or a directory of them (repeatable); added to the "
        "bundled tables unless --no-bundled",
    )
    g.add_argument(
        "--no-bundled", action="store_true", help="do not load the bundled tables (only --tables)"
    )
    g.add_argument("--type", choices=ENTITY_TYPES, help="only match entities of this type")
    g.add_argument(
        "--threshold",
        type=_unit_interval,
        default=DEFAULT_THRESHOLD,
        help="the lowest score that resolves (default %(default)s)",
    )
    g.add_argument(
        "--margin",
        type=_unit_interval,
        default=DEFAULT_MARGIN,
        help="a second entity within this margin of the best makes the name "
        "ambiguous (default %(default)s)",
    )
    g.add_argument(
        "--cache-size",
        type=_positive,
        default=100_000,
        metavar="N",
        help="distinct names remembered, so each is resolved once (default %(default)s)",
    )
    return p


def _file_options(suggest: bool) -> argparse.ArgumentParser:
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
        help="the CSV field separator (default , for csv, tab for tsv)",
    )
    g.add_argument(
        "--encoding",
        default="utf-8",
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aliasres`` command."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Resolve the many spellings of Arabic-derived names to one canonical ID.",
        epilog="See `aliasres COMMAND --help`, and docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    resolver = _resolver_options()

    p = sub.add_parser(
        "resolve",
        parents=[resolver],
        help="resolve names to ids",
        description="Resolve each NAME (or each line of stdin with -) and print "
        "the name, id, canonical name, score and status "
        "(resolved, ambiguous, unresolved), tab-separated.",
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="a name, or - to read stdin")
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser(
        "explain",
        parents=[resolver],
        help="show how a name is matched",
        description="Trace the matching of each NAME: forms, parts, candidates, decision.",
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="a name, or - to read stdin")
    p.set_defaults(func=cmd_explain)

    for command, helptext, func in (
        ("transliterate", "Arabic script to Latin", cmd_transliterate),
        ("normalize", "the normalized form used for matching", cmd_normalize),
    ):
        p = sub.add_parser(command, help=helptext, description=f"Print {helptext} of each TEXT.")
        p.add_argument("texts", nargs="+", metavar="TEXT", help="a text, or - to read stdin")
        p.set_defaults(func=func)

    p = sub.add_parser(
        "clean",
        parents=[_file_options(False), resolver],
        help="add id, name, score, status columns to a file",
        description="Resolve a column of a CSV, TSV or JSON-lines file and write the file with "
        "four more columns: COL_id, COL_name, COL_score, COL_status. Every row is "
        "kept, in order, with its values unchanged. The output is written "
        "atomically: an interrupted run leaves no partial file.",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="the output file (default: INPUT with .clean before the extension; "
        "- for stdout, not atomic)",
    )
    p.add_argument("--prefix", help="name the new columns PREFIX_id ... (default: the column)")
    p.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help="how many unresolved names the summary lists (default %(default)s)",
    )
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser(
        "suggest",
        parents=[_file_options(True), resolver],
        help="propose aliases for the names of a file that did not resolve",
        description="Rank the unresolved and ambiguous names of a file by frequency and write "
        "a YAML patch: for each name, its closest entities as commented blocks "
        "that a curator uncomments and adds to a table.",
    )
    p.add_argument("-o", "--output", metavar="PATCH", help="the patch file (default: stdout)")
    p.add_argument(
        "--limit",
        type=_positive,
        default=100,
        metavar="N",
        help="how many names (default %(default)s)",
    )
    p.add_argument(
        "--candidates",
        type=_positive,
        default=3,
        metavar="K",
        help="candidates per name (default %(default)s)",
    )
    p.set_defaults(func=cmd_suggest, prefix="x")

    p = sub.add_parser(
        "check",
        help="validate tables and list collisions",
        description="Validate alias tables (default: the bundled ones) and list collisions: a "
        "normalized name on two or more entities, declared (shared: true, or an "
        "epithet) or not. Exit 1 on errors (with --strict: on undeclared "
        "collisions too).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="table files or directories")
    p.add_argument(
        "--bundled", action="store_true", help="check PATHs together with the bundled tables"
    )
    p.add_argument("--strict", action="store_true", help="fail on undeclared collisions")
    p.add_argument("--all", action="store_true", help="list declared collisions too")
    p.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar="N",
        help="collisions listed at most (default %(default)s)",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="a line per table")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "fmt",
        help="format tables (sorted, de-duplicated)",
        description="Rewrite tables in the canonical layout: entities sorted by id, aliases "
        "de-duplicated by normalized form, stable quoting. The header comment is "
        "kept.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="table files or directories")
    p.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would be reformatted"
    )
    p.add_argument(
        "--drop-comments", action="store_true", help="allow dropping comments below the header"
    )
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser(
        "import",
        help="build a table from the UN, OFAC or OpenSanctions lists",
        description="Build an alias table from the UN Security Council Consolidated List XML "
        "(un), the OFAC SDN CSV files sdn.csv and alt.csv (ofac), or OpenSanctions "
        "FollowTheMoney JSON lines (opensanctions).",
    )
    p.add_argument("list", choices=("un", "ofac", "opensanctions"), help="the list's format")
    p.add_argument("files", nargs="+", metavar="FILE", help="the list's files")
    p.add_argument("-o", "--output", required=True, metavar="TABLE.yaml", help="the table")
    p.add_argument(
        "--source", help="the sources entry of every entity (default: the list's name and date)"
    )
    p.set_defaults(func=cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "prefix", "") is None:
        args.prefix = args.column
    handlers: dict[int, Any] = {}
    for signame in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, signame, None)
        if signum is not None:
            try:
                handlers[signum] = signal.signal(signum, _raise_stopped)
            except ValueError:  # not the main thread
                pass
    command = f"{PROG} {args.command}"
    try:
        code: int = args.func(args)
        return code
    except CliError as exc:
        _err(f"{command}: error: {exc}")
        return exc.code
    except AliasTableError as exc:
        _err(f"{command}: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err(f"{command}: interrupted")
        return 128 + signal.SIGINT
    except _Stopped as exc:
        _err(f"{command}: stopped by signal {exc.signum}")
        return 128 + exc.signum
    except BrokenPipeError:
        # the reader went away (`| head`): quietly stop, without a traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + getattr(signal, "SIGPIPE", 13)
    finally:
        for signum, old in handlers.items():
            signal.signal(signum, old)
