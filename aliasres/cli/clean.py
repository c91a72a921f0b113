"""``clean``: add id, name, score and status columns to a CSV, TSV or JSON-lines file."""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..pandas import Resolution
from .documents import DocumentGroups
from .documents import add_options as add_document_options
from .evidence import RowEvidence, add_options
from .common import (
    EXIT_FAIL,
    EXIT_OK,
    CliError,
    _build_resolver,
    _err,
    _n,
    _positive,
    _score,
    resolver_options,
)
from .files import (
    _AtomicOutput,
    _default_output,
    _detect_format,
    _error_text,
    _make_table,
    _open_input,
    _Progress,
    _row_delay,
    _TopCounter,
    file_options,
    refuse_overwrite,
)

if TYPE_CHECKING:
    from .common import Subparsers


#: distinct names not resolved counted exactly (the summary's most frequent): up to twice
#: this many, beyond which the rarest are dropped and the counts are approximate
TOP_CAPACITY = 100_000


@dataclass(slots=True)
class _Tally:
    rows: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved: int = 0
    errors: int = 0


def cmd_clean(args: argparse.Namespace) -> int:
    """`aliasres clean`: copy a file with the four resolution columns added; the exit status."""
    from ..pandas import Classifier

    if args.document_column and (args.country_column or args.born_column):
        raise CliError("--document-column does not combine with --country-column/--born-column")
    kind = _detect_format(args.input, args.format)
    output = args.output or (_default_output(args.input, kind) if args.input != "-" else "-")
    refuse_overwrite(output, [args.input, *(args.tables or []), getattr(args, "index", None)])
    started = time.monotonic()
    resolver = None
    if args.jobs > 1 and not args.document_column:
        # each worker reads, resolves and writes a part of the file (cli/split.py)
        from .split import clean_split

        done, resolver = clean_split(args, kind, output, lambda: _build_resolver(args))
        if done is not None:
            if not args.quiet:
                seconds = time.monotonic() - started
                _clean_summary(args, output, *done, seconds)
            return EXIT_OK
    if resolver is None:
        resolver = _build_resolver(args)
    classify = Classifier(resolver, type=args.type, cache_size=args.cache_size)
    tally = _Tally()
    top = _TopCounter(TOP_CAPACITY)
    bad: list[str] = []
    delay = _row_delay()
    source = _open_input(args.input, args.encoding)
    progress = _Progress(args.progress, source.size, source.binary)
    pool = None
    finished = False
    try:
        table = _make_table(kind, source.text, args, source.newline)
        table.required = [c for c in (args.country_column, args.born_column,
                                      args.document_column) if c]
        with _AtomicOutput(output, source.encoding) as out:
            table.start(out)
            # None when no evidence column is read (a row's test is then quicker)
            evidence = RowEvidence.of(args, table) or None
            if args.document_column:
                # one document's rows resolved together (no worker pool: the documents are
                # read in order, one at a time)
                groups = DocumentGroups.of(args, table, classify)
                for record, result in groups.resolved(table.records()):
                    _clean_row(
                        args, record, table, classify, evidence, tally, top, bad, delay, result
                    )
                    if not tally.rows & 1023:
                        progress.update(tally.rows)
                blocks: Iterator[list[Any]] = iter(())
            elif args.jobs > 1:
                from ..jobs import WorkerPool

                pool = WorkerPool(resolver, args.jobs, type=args.type)
                blocks = _prefetched(
                    _blocks(table.records(), min(_BLOCK, args.cache_size)),
                    classify,
                    pool,
                    evidence,
                )
            else:
                blocks = ([record] for record in table.records())
            for block in blocks:
                for record in block:
                    _clean_row(args, record, table, classify, evidence, tally, top, bad, delay)
                    if not tally.rows & 1023:
                        progress.update(tally.rows)
        finished = True
    finally:
        if pool is not None:
            pool.close(wait=finished)  # after an error or an interrupt: at once
        progress.close()
        source.text.close()
    if not args.quiet:
        seconds = time.monotonic() - started
        _clean_summary(args, output, tally, top, bad, classify.misses, seconds)
    return EXIT_OK


#: rows read ahead per block with --jobs
_BLOCK = 20_000


def _prefetched(
    blocks: Iterator[list[Any]], classify: Any, pool: Any, evidence: RowEvidence | None
) -> Iterator[list[Any]]:
    """The blocks of rows, each once the workers have classified its new names: while they
    work on one block, this process reads the next and writes the one before, so rows are
    written in order exactly as with one job."""
    current_block: list[Any] = []

    def questions() -> Iterator[tuple[Any, Any, Any]]:
        for record in current_block:
            if record.error is not None:
                continue
            countries = born = None
            if evidence:
                try:
                    countries, born = evidence.read(record)
                except ValueError:
                    continue  # the row is an error: _clean_row says so, in its turn
            yield record.name, countries, born

    def names(block: list[Any]) -> list[Any]:
        nonlocal current_block
        current_block = block
        if evidence is None:
            # a question is its name alone: the block's distinct names first (the one
            # process that reads and writes every row does as little as it can per row)
            distinct = dict.fromkeys(
                [r.name for r in block if r.error is None and isinstance(r.name, str)]
            )
            missing: list[Any] = classify.missing((n, None, None) for n in distinct)
        else:
            missing = classify.missing(questions())
        return missing


    current = next(blocks, None)
    if current is None:
        return
    todo = names(current)
    wait = pool.submit(todo)
    while current is not None:
        following = next(blocks, None)  # read while the workers classify
        classify.remember(todo, wait())
        if following is not None:
            todo = names(following)
            wait = pool.submit(todo)
        yield current  # written while the workers classify the following block
        current = following


def _blocks(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    block: list[Any] = []
    for record in records:
        block.append(record)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block


def _clean_row(
    args: argparse.Namespace,
    record: Any,
    table: Any,
    classify: Any,
    evidence: RowEvidence | None,
    tally: _Tally,
    top: _TopCounter,
    bad: list[str],
    delay: float,
    result: Resolution | None = None,
) -> None:
    """Classify one row and write it (an error row marked, or the run stopped); ``result``:
    the row's resolution when it is already known (``--document-column``)."""
    if delay:
        time.sleep(delay)
    tally.rows += 1
    countries = born = None
    if evidence and record.error is None:
        try:
            countries, born = evidence.read(record)
        except ValueError as exc:
            record.error = str(exc)
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
        return
    if result is None:
        result = classify(record.name, countries=countries, born=born)
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


def _clean_summary(
    args: argparse.Namespace,
    output: str,
    tally: _Tally,
    top: _TopCounter,
    bad: list[str],
    looked_up: int,
    seconds: float,
) -> None:
    where = "stdout" if output == "-" else output
    lines = [
        (
            f"aliasres clean: {_n(tally.rows, 'row')} -> {where} in {seconds:.1f} s "
            f"({_n(looked_up, 'distinct name')} looked up)"
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


def register(sub: Subparsers) -> None:
    """Add ``clean`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "clean",
        parents=[file_options(False), resolver_options()],
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
        "--jobs",
        "-j",
        type=_positive,
        default=1,
        metavar="N",
        help="resolve in N processes sharing one index (default %(default)s); the output "
        "is the same",
    )
    p.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help="how many unresolved names the summary lists (default %(default)s)",
    )
    add_options(p)
    add_document_options(p)
    p.set_defaults(func=cmd_clean)
