"""pandas integration: resolve a Series of names into four columns.

>>> import pandas as pd                                              # doctest: +SKIP
>>> from aliasres.pandas import resolve_series
>>> resolve_series(pd.Series(["Bashar al-Assad", "", None]))         # doctest: +SKIP
                       id             name  score      status
0  person/bashar-al-assad  Bashar al-Assad    1.0    resolved
1                    None             None    NaN  unresolved
2                    None             None    NaN  unresolved

(docs/pandas_spark.md has examples that the test suite runs.)

pandas is an optional dependency (``pip install aliasres[pandas]``); it is imported only when
:func:`resolve_series` runs. The status logic (:func:`classify`, :class:`Classifier`) needs no
pandas and is shared by the command line and :mod:`aliasres.spark`.

Status:

* ``resolved``: :meth:`Resolver.resolve` returned a match;
* ``ambiguous``: it returned nothing, but the best candidate reaches the threshold and the
  second one either reaches it too or comes within the margin of the best;
* ``unresolved``: anything else (no candidate close enough, an empty or missing value).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .resolve import Resolver, check_type, default_resolver

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped]

__all__ = [
    "AMBIGUOUS",
    "COLUMNS",
    "RESOLVED",
    "UNRESOLVED",
    "Classifier",
    "Resolution",
    "classify",
    "resolve_series",
]

RESOLVED, AMBIGUOUS, UNRESOLVED = "resolved", "ambiguous", "unresolved"
#: The columns :func:`resolve_series` returns, in order.
COLUMNS = ("id", "name", "score", "status")


class Resolution(NamedTuple):
    """What a name resolved to: the entity's id and canonical name (``None`` unless resolved),
    the best candidate's score (``None`` when there is no candidate) and the status."""

    id: str | None
    name: str | None
    score: float | None
    status: str
    candidates: tuple[str, ...] = ()


_NOTHING = Resolution(None, None, None, UNRESOLVED)


def classify(
    resolver: Resolver,
    name: object,
    *,
    type: str | None = None,
    countries: Sequence[str] | None = None,
    born: Sequence[str] | None = None,
) -> Resolution:
    """Resolve ``name`` and say how: ``resolved``, ``ambiguous`` or ``unresolved``.

    The decision is the resolver's own (:meth:`Resolver.resolve`, with the ``countries`` and
    ``born`` evidence when given); when it declines, the two best candidates tell an
    ambiguous name (two entities within the margin of each other whose probabilities together
    reach the threshold) from an unknown one. Anything but a non-empty
    string is ``unresolved``.

    Raises:
        ValueError: ``countries`` or ``born`` cannot be read (naming the argument).
    """
    if not isinstance(name, str) or not name.strip():
        return _NOTHING
    match = resolver.resolve(name, type=type, countries=countries, born=born)
    if match is not None:
        return Resolution(match.id, match.name, match.score, RESOLVED, (match.id,))
    top = resolver.candidates(name, limit=2, type=type, countries=countries, born=born)
    if not top:
        return _NOTHING
    best = top[0]
    if len(top) > 1:
        second = top[1]
        close = second.score >= resolver.threshold or second.score >= best.score - resolver.margin
        # scores are probabilities: two close candidates that together reach the threshold
        # probably hold the answer (Assad: Bashar or Hafez), though neither does alone
        if close and best.score + second.score >= resolver.threshold:
            return Resolution(None, None, best.score, AMBIGUOUS, (best.id, second.id))
    return Resolution(None, None, best.score, UNRESOLVED, (best.id,))


class Classifier:
    """:func:`classify` with a bounded cache, so each distinct name is resolved once.

    Args:
        resolver: the resolver (default: the bundled tables').
        type: only consider entities of this type.
        cache_size: how many distinct names to remember (least recently used are dropped).
    """

    def __init__(
        self,
        resolver: Resolver | None = None,
        *,
        type: str | None = None,
        cache_size: int = 100_000,
    ) -> None:
        if resolver is not None and not isinstance(resolver, Resolver):
            name = resolver.__class__.__name__
            raise TypeError(f"resolver must be an aliasres.Resolver, not {name}")
        check_type(type)  # at once, also for a batch with no names
        self.resolver = resolver if resolver is not None else default_resolver()
        self.type = type
        self.cache_size = max(1, cache_size)
        self._cache: OrderedDict[object, Resolution] = OrderedDict()
        #: how many lookups were answered from the cache, and how many resolved a name
        self.hits = 0
        self.misses = 0

    def __call__(
        self,
        name: object,
        *,
        countries: Sequence[str] | None = None,
        born: Sequence[str] | None = None,
    ) -> Resolution:
        if not isinstance(name, str):
            return _NOTHING
        cache = self._cache
        key = _key(name, countries, born)
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            self.hits += 1
            return found
        found = classify(self.resolver, name, type=self.type, countries=countries, born=born)
        self.misses += 1
        cache[key] = found
        if len(cache) > self.cache_size:
            cache.popitem(last=False)
        return found


    def missing(self, questions: Iterable[Question]) -> list[Question]:
        """The distinct questions, ``(name, countries, born)``, whose answer is not in the
        cache yet (names that are not strings need none)."""
        cache = self._cache
        out: dict[object, Question] = {}
        for question in questions:
            if isinstance(question[0], str):
                key = _key(*question)
                if key not in cache and key not in out:
                    out[key] = question
        return list(out.values())

    def remember(self, questions: Sequence[Question], found: Sequence[Resolution]) -> None:
        """Put the answers to ``questions`` (found elsewhere: worker processes) in the
        cache, as if each had been looked up here."""
        cache = self._cache
        for question, resolution in zip(questions, found):
            cache[_key(*question)] = resolution
        self.misses += len(questions)
        while len(cache) > self.cache_size:
            cache.popitem(last=False)


#: what a row asks: the name, and the countries and dates of birth given with it (or None)
Question = tuple[str, "Sequence[str] | None", "Sequence[str] | None"]


def _key(name: str, countries: Sequence[str] | None, born: Sequence[str] | None) -> object:
    """The cache key of a question: the name alone when it comes without evidence."""
    if countries or born:  # the same name with other evidence is another question
        return (name, tuple(countries or ()), tuple(born or ()))
    return name


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("aliasres.pandas needs pandas: pip install 'aliasres[pandas]'") from None
    return pandas


def resolve_series(
    names: pandas.Series,
    resolver: Resolver | None = None,
    *,
    type: str | None = None,
    prefix: str | None = None,
) -> pandas.DataFrame:
    """Resolve every value of ``names``; a DataFrame with the columns id, name, score, status.

    The result has the index of ``names``. Each distinct value is resolved once. Missing and
    non-string values are ``unresolved``. ``id`` and ``name`` are ``None`` unless resolved
    (object columns, under pandas 2 and 3 alike); ``score`` is the best candidate's score
    (``float64``, ``NaN`` when there is none); ``status`` is a string.

    Args:
        names: the names.
        resolver: the resolver (default: the bundled tables').
        type: only consider entities of this type.
        prefix: name the columns ``<prefix>_id`` ... (to join them onto a frame).

    Raises:
        ImportError: pandas is not installed.
    """
    pd = _pandas()
    if not isinstance(names, pd.Series):
        names = pd.Series(names)
    classify_one = Classifier(resolver, type=type, cache_size=len(names) + 1)
    rows = [classify_one(value)[:4] for value in names.tolist()]
    columns = [f"{prefix}_{c}" for c in COLUMNS] if prefix else list(COLUMNS)
    # one list per column: from_records() fails on an empty Series with pandas 2
    # id and name as Python objects: pandas 3 would infer its string dtype, which turns the
    # documented None into NaN
    data = {
        column: pd.Series(
            [row[k] for row in rows],
            index=names.index,
            dtype="float64" if k == 2 else object,
        )
        for k, column in enumerate(columns)
    }
    return pd.DataFrame(data, columns=columns, index=names.index)
