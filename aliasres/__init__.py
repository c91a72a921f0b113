"""aliasres: resolve the many spellings of Arabic-derived names to one canonical ID.

>>> import aliasres
>>> aliasres.resolve("Ahmad al-Sharra").id
'person/ahmed-al-sharaa'

The module-level functions use the bundled tables, loaded once on first use. For your own
tables or thresholds build a :class:`Resolver`::

    r = aliasres.Resolver.from_yaml("my_table.yaml", bundled=False)
    r.resolve("Abou Mohammed al-Joulani")
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import AliasresError, AliasTableError, IndexFileError, RulesError
from .normalize import normalize
from .resolve import MAX_QUERY_LENGTH, Resolver, default_resolver, reset
from .translit import transliterate
from .types import Alias, Entity, Match, Mention

__all__ = [
    "MAX_QUERY_LENGTH",
    "Alias",
    "AliasTableError",
    "AliasresError",
    "Entity",
    "IndexFileError",
    "Match",
    "Mention",
    "Resolver",
    "RulesError",
    "candidates",
    "default_resolver",
    "explain",
    "normalize",
    "reset",
    "scan",
    "resolve",
    "resolve_document",
    "resolve_many",
    "transliterate",
]

__version__ = "0.1.0"


def resolve(
    name: str,
    *,
    type: str | None = None,
    countries: str | Iterable[str] | None = None,
    born: object = None,
) -> Match | None:
    """Resolve ``name`` against the bundled tables; ``None`` if unknown or ambiguous.
    ``countries`` and ``born`` are evidence beyond the name (see :meth:`Resolver.resolve`)."""
    return default_resolver().resolve(name, type=type, countries=countries, born=born)


def candidates(
    name: str,
    *,
    limit: int = 5,
    type: str | None = None,
    countries: str | Iterable[str] | None = None,
    born: object = None,
) -> list[Match]:
    """The best matches for ``name`` in the bundled tables, best first."""
    return default_resolver().candidates(
        name, limit=limit, type=type, countries=countries, born=born
    )


def resolve_many(
    names: Iterable[str],
    *,
    type: str | None = None,
    countries: str | Iterable[str] | None = None,
    born: object = None,
) -> list[Match | None]:
    """Resolve many names against the bundled tables (each distinct name once)."""
    return default_resolver().resolve_many(names, type=type, countries=countries, born=born)


def explain(
    name: str,
    *,
    type: str | None = None,
    countries: str | Iterable[str] | None = None,
    born: object = None,
) -> str:
    """A readable trace of how ``name`` is matched against the bundled tables."""
    return default_resolver().explain(name, type=type, countries=countries, born=born)


def resolve_document(
    names: Iterable[str],
    *,
    type: str | None = None,
    context: Iterable[str] = (),
    text: str | None = None,
) -> list[Match | None]:
    """The mentions of one document, in reading order, resolved together against the bundled
    tables: a short or ambiguous mention ("al-Sharra", "Assad", "Idlib") takes the entity the
    same document names unambiguously ("Ahmad al-Sharra", "Bashar al-Assad", "Idlib
    Province"), whatever the order; ``None`` when the document does not settle it.
    ``context``: more names of the document that may settle the others; ``text``: the
    document's text, read for context too (see :mod:`aliasres.document`)."""
    return default_resolver().resolve_document(names, type=type, context=context, text=text)


def scan(text: str, *, type: str | None = None) -> list[Mention]:
    """The mentions of bundled-table entities in running ``text`` (English, French, Arabic),
    with character offsets, linked with document context (see :mod:`aliasres.scanner`)."""
    return default_resolver().scan(text, type=type)
