"""``clean --country-column C --born-column B``: evidence beyond the name, row by row.

A country cell holds one country or several separated by ``;`` or ``|`` (ISO codes or
English names: ``SY``, ``Syria``, ``SY;IQ``; names may hold commas, as in ``Korea, North``);
a date cell one date or several separated by ``;``, ``,`` or ``|`` (``1971``,
``1971-04-28``, ``1955..1958``). In JSON lines the value may also be a list, and a year a
number. An empty cell gives nothing. A cell that cannot be read makes the row an error
that names the row and the column (``--keep-going`` writes it with status ``error``).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

from ..evidence import Evidence
from .files import _Record, _Table

__all__ = ["RowEvidence", "add_options"]

_COUNTRY_SPLIT = re.compile(r"\s*[;|]\s*")
_DATE_SPLIT = re.compile(r"\s*[;,|]\s*")


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--country-column`` and ``--born-column`` to a command."""
    g = parser.add_argument_group("evidence beyond the name (docs/sources.md)")
    g.add_argument(
        "--country-column",
        metavar="C",
        help="a column of countries (ISO codes or names, ;-separated): a candidate with "
        "none of them loses, one with one gains",
    )
    g.add_argument(
        "--born-column",
        metavar="B",
        help="a column of dates of birth (1971, 1971-04-28, 1955..1958; ;-separated): a "
        "candidate born more than a year away loses, one within a year gains, one born "
        "the same day (a full date, not a 1 January) gains most",
    )


def _items(value: object, split: re.Pattern[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{value!r} is neither text nor a list")
    return [v for v in split.split(str(value).strip()) if v]


@dataclass(slots=True)
class RowEvidence:
    """Reads the evidence columns of each record of a started table."""

    table: _Table
    country_column: str | None
    born_column: str | None

    @classmethod
    def of(cls, args: argparse.Namespace, table: _Table) -> RowEvidence:
        columns = [c for c in (args.country_column, args.born_column) if c]
        table.require(columns)
        return cls(table, args.country_column, args.born_column)

    def __bool__(self) -> bool:
        return bool(self.country_column or self.born_column)

    def read(self, record: _Record) -> tuple[list[str] | None, list[str] | None]:
        """The record's countries and dates (None when absent).

        Raises:
            ValueError: a cell that cannot be read, naming its column.
        """
        countries: list[str] | None = None
        born: list[str] | None = None
        if self.country_column:
            try:
                countries = _items(self.table.value(record, self.country_column), _COUNTRY_SPLIT)
                Evidence.build(countries=countries)
            except ValueError as exc:
                raise ValueError(f"column {self.country_column!r}: {exc}") from None
        if self.born_column:
            try:
                born = _items(self.table.value(record, self.born_column), _DATE_SPLIT)
                Evidence.build(born=born)
            except ValueError as exc:
                raise ValueError(f"column {self.born_column!r}: {exc}") from None
        return countries or None, born or None


def add_query_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--country`` and ``--born`` (the same for every NAME) to a command."""
    g = parser.add_argument_group("evidence beyond the name (docs/sources.md)")
    g.add_argument(
        "--country",
        action="append",
        metavar="C",
        help="a country of the entity (ISO code or name); repeat for several",
    )
    g.add_argument(
        "--born",
        action="append",
        metavar="DATE",
        help="a date of birth (1971, 1971-04-28, 1955..1958); repeat for several. The "
        "same day (a full date, not a 1 January) is the strongest evidence",
    )


def query_evidence(args: argparse.Namespace) -> dict[str, list[str] | None]:
    """``countries`` and ``born`` keywords from ``--country`` and ``--born``.

    Raises:
        CliError: a value that cannot be read (a usage error naming the option).
    """
    from .common import CliError

    given: dict[str, list[str] | None] = {"countries": args.country, "born": args.born}
    try:
        Evidence.build(**given)
    except ValueError as exc:
        option = "--country" if str(exc).startswith("countries") else "--born"
        raise CliError(f"{option}: {str(exc).split(': ', 1)[1]}") from None
    return given
