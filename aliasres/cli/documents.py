"""``clean --document-column D``: the rows of one document resolved together.

Consecutive rows with the same value in column D are the mentions of one document (a news
pipeline writes an article's mentions together), resolved with
:meth:`Resolver.resolve_document`: "Assad" takes the Bashar al-Assad the same document names.
A document that comes back later in the file is another group. Only one document's rows are
held in memory at a time. A name the document settles is ``resolved``; a name it leaves
unresolved keeps the status :func:`aliasres.pandas.classify` gives it alone (``ambiguous``
when it resolves alone but the document names two entities it may be).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..pandas import AMBIGUOUS, RESOLVED, Classifier, Resolution
from .common import CliError
from .files import _Record, _Table

__all__ = ["DocumentGroups", "add_options"]

_MISSING = object()


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--document-column`` to a command."""
    parser.add_argument(
        "--document-column",
        metavar="D",
        help="a column naming each row's document: consecutive rows with the same value are "
        "resolved together, with document context (docs/news.md)",
    )


@dataclass(slots=True)
class DocumentGroups:
    """Holds the rows of the current document; yields them resolved when it ends."""

    table: _Table
    column: str
    classify: Classifier
    rows: list[_Record] = field(default_factory=list)
    current: object = _MISSING

    @classmethod
    def of(cls, args: argparse.Namespace, table: _Table, classify: Classifier) -> DocumentGroups:
        if getattr(args, "country_column", None) or getattr(args, "born_column", None):
            raise CliError("--document-column does not combine with --country-column/--born-column")
        table.require([args.document_column])
        return cls(table, args.document_column, classify)

    def feed(self, record: _Record) -> Iterator[tuple[_Record, Resolution | None]]:
        """Add a record; yield the previous document's records when this one starts another.
        A record with an error yields ``None`` as its resolution."""
        document = self.table.value(record, self.column) if record.error is None else self.current
        if self.rows and document != self.current:
            yield from self.flush()
        self.current = document
        self.rows.append(record)

    def resolved(
        self, records: Iterator[_Record]
    ) -> Iterator[tuple[_Record, Resolution | None]]:
        """Every record, in order, with its resolution (``None`` for an error row)."""
        for record in records:
            yield from self.feed(record)
        yield from self.flush()

    def flush(self) -> Iterator[tuple[_Record, Resolution | None]]:
        """Yield the held records, resolved together, in order."""
        rows, self.rows = self.rows, []
        resolver = self.classify.resolver
        names = [r.name for r in rows if r.error is None and isinstance(r.name, str)]
        settled = dict(zip(names, resolver.resolve_document(names, type=self.classify.type)))
        for record in rows:
            if record.error is not None:
                yield record, None
                continue
            alone = self.classify(record.name)
            match = settled.get(record.name) if isinstance(record.name, str) else None
            if match is not None:
                yield record, Resolution(match.id, match.name, match.score, RESOLVED, (match.id,))
            elif alone.status == RESOLVED:  # the document names two entities it may be
                yield record, Resolution(None, None, alone.score, AMBIGUOUS, alone.candidates)
            else:
                yield record, alone
