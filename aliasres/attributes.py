"""Attributes beyond the name: dates (``born:``, ``died:``), ``gender:``, ``countries:``.

Tables write a date as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a range of years
``YYYY..YYYY``; :func:`parse_date` checks one and returns it in that canonical form, and
:func:`year_range` gives the years it spans. Queries may also give a ``datetime.date`` or an
int year (:func:`query_dates`). Countries are read by :mod:`aliasres.countries`.

>>> parse_date("1971-04-28"), parse_date(" 1955..1958 "), year_range("1971-04")
('1971-04-28', '1955..1958', (1971, 1971))
>>> query_dates([1971, "1980-02-29"], "born")
((1971, 1971), (1980, 1980))
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from numbers import Integral

from .countries import country_code
from .types import GENDERS

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "parse_date",
    "full_day",
    "parse_gender",
    "query_countries",
    "query_dates",
    "query_days",
    "year_range",
]

MIN_YEAR = 1000
MAX_YEAR = 2999
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_RANGE = re.compile(r"^(\d{4})\.\.(\d{4})$")


def parse_date(text: str) -> str:
    """``text`` checked as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY..YYYY``.

    Raises:
        ValueError: any other text, a month or day that does not exist, a range whose end
            comes before its start, a year outside 1000..2999.
    """
    text = text.strip()
    m = _RANGE.match(text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        _check_year(lo, text)
        _check_year(hi, text)
        if hi < lo:
            raise ValueError(f"the range {text!r} ends before it starts")
        return text
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY..YYYY)")
    year = int(m.group(1))
    _check_year(year, text)
    if m.group(2) is not None:
        month = int(m.group(2))
        day = int(m.group(3)) if m.group(3) is not None else 1
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a date: no such month or day") from None
    return text


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{text!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}")


def year_range(date: str) -> tuple[int, int]:
    """The first and last year a checked date (see :func:`parse_date`) may fall in."""
    if ".." in date:
        lo, _, hi = date.partition("..")
        return int(lo), int(hi)
    year = int(date[:4])
    return year, year


def full_day(date: str) -> str | None:
    """A checked date (see :func:`parse_date`) when it names one day, else ``None``.

    A 1 January is no day: lists write it for a person whose day of birth they do not know
    (on the UK list 8.6% of full dates fall on it, against 0.27% for any other day).

    >>> full_day("1978-10-19"), full_day("1978-01-01"), full_day("1978")
    ('1978-10-19', None, None)
    """
    m = _DATE.match(date)
    if not m or m.group(3) is None or date.endswith("-01-01"):
        return None
    return date


def parse_gender(text: str) -> str:
    """``male`` or ``female`` (any case).

    Raises:
        ValueError: any other value.
    """
    value = text.strip().lower()
    if value not in GENDERS:
        raise ValueError(f"unknown gender {text!r} (known: {', '.join(GENDERS)})")
    return value


def query_dates(value: object, argument: str) -> tuple[tuple[int, int], ...]:
    """The year ranges of a query's date argument: ``None``, an int year, a date string (as
    in a table), a ``datetime.date``, or a list of these. ``()`` when nothing is given; an
    empty string, ``None`` or a missing date (``pandas.NaT``) in a list gives nothing either.

    Raises:
        ValueError: a value that is none of these, naming ``argument``.
    """
    if value is None:
        return ()
    items: Iterable[object]
    if isinstance(value, (str, Integral, _dt.date)):
        items = (value,)
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, bytearray)):
        items = value  # bytes iterate as numbers: refused whole, not read as years
    else:
        raise ValueError(f"{argument}: expected a year, a date or a list of them, not {value!r}")
    out: list[tuple[int, int]] = []
    for item in items:
        if item is None:
            continue  # a missing value in a list: nothing given (as a JSON null in `clean`)
        if isinstance(item, bool):
            raise ValueError(f"{argument}: {item!r} is not a year or a date")
        if isinstance(item, _dt.date):
            year = item.year
            if not isinstance(year, int):
                continue  # pandas.NaT, a date subclass with a NaN year: a missing date
            out.append((year, year))
        elif isinstance(item, Integral):
            item = int(item)  # numpy's integers too (a column of years)
            if not MIN_YEAR <= item <= MAX_YEAR:
                raise ValueError(
                    f"{argument}: the year {item} is not between {MIN_YEAR} and {MAX_YEAR}"
                )
            out.append((item, item))
        elif isinstance(item, str):
            if not item.strip():
                continue  # an empty cell: nothing given
            try:
                out.append(year_range(parse_date(item)))
            except ValueError as exc:
                raise ValueError(f"{argument}: {exc}") from None
        else:
            raise ValueError(f"{argument}: {item!r} is not a year or a date")
    return tuple(dict.fromkeys(out))


def query_days(value: object) -> frozenset[str]:
    """The full days (``YYYY-MM-DD``, see :func:`full_day`) of a query's date argument, which
    :func:`query_dates` has already checked: its date strings and ``datetime.date`` values."""
    if value is None or isinstance(value, (int, str, _dt.date)):
        items: Iterable[object] = () if value is None else (value,)
    else:
        items = value if isinstance(value, Iterable) else ()
    out: set[str] = set()
    for item in items:
        if isinstance(item, _dt.datetime):
            item = item.date()
        if isinstance(item, _dt.date):
            day = full_day(item.isoformat())
        elif isinstance(item, str):
            day = full_day(item.strip())
        else:
            continue
        if day is not None:
            out.add(day)
    return frozenset(out)


def query_countries(value: object, argument: str = "countries") -> frozenset[str]:
    """The alpha-2 codes of a query's ``countries`` argument: ``None``, one code or name, or a
    list of them (``"SY"``, ``"Syria"``, ``["IQ", "Syrian Arab Republic"]``).

    Raises:
        ValueError: an unknown country or a value of another type, naming ``argument``.
    """
    if value is None:
        return frozenset()
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, Iterable) or isinstance(items, (bytes, bytearray)):
        raise ValueError(f"{argument}: expected a country or a list of countries, not {value!r}")
    out: set[str] = set()
    for item in items:
        if item is None:
            continue  # a missing value in a list: nothing given (as a JSON null in `clean`)
        if not isinstance(item, str):
            raise ValueError(f"{argument}: {item!r} is not a country code or name")
        if not item.strip():
            continue
        try:
            out.add(country_code(item))
        except ValueError as exc:
            raise ValueError(f"{argument}: {exc}") from None
    return frozenset(out)
