"""Document context: the mentions of one document resolved together.

News names an entity once in full ("President Ahmad al-Sharra", "Idlib Province") and then
short ("al-Sharra", "Idlib"). Alone, a short form is often ambiguous ("Assad": Bashar, Hafez,
Asma ...) or names something else ("Idlib": the city). :func:`resolve_document` lets such a
mention take the entity the same document names unambiguously, in any order:

* **containment**: the mention's words are the end of a longer mention that resolved (a
  person's family name, with or without given names: al-Sharra after Ahmad al-Sharra, Omsen
  after Omar Omsen), or a place or organisation name without its generic words (Idlib after
  Idlib Province). Words are compared by their spelling fold, so al-Sharaa follows al-Sharra.
* **candidates**: an unresolved mention takes the one resolved person of the document that is
  among its own candidates with a score of at least 0.85 (Assad after Bashar al-Assad); places
  and organisations are settled by containment only (French is not France).

When two entities of the document fit (Bashar al-Assad and Hafez al-Assad named in full), the
short mention stays unresolved: context never guesses. A mention that resolves by itself
changes only to an entity of its own type (Aleppo is not the University of Aleppo).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .keys import fold
from .normalize import normalize
from .parts import lexicon
from .types import Match

if TYPE_CHECKING:
    from .resolve import Resolver

__all__ = ["Mention", "mention", "resolve_document", "settle", "settle_all"]

#: a candidate below this score is no evidence, even for a mention the document settles
_CANDIDATE_FLOOR = 0.85
#: a mention of at most this many significant words may be settled by its candidates
_SHORT_WORDS = 2
#: how many candidates of an unresolved mention are looked at
_CANDIDATE_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Mention:
    """One distinct mention of a document, as :func:`settle` sees it."""

    text: str
    own: Match | None
    candidates: tuple[Match, ...]
    words: tuple[str, ...]  # significant words, folded, in order
    generic: int  # how many generic words (designators, stopwords, articles) it has


def _words(name: str) -> tuple[tuple[str, ...], int]:
    lex = lexicon()
    generic_words = lex.stopwords | lex.org_designators | lex.place_designators | lex.articles
    words: list[str] = []
    generic = 0
    for token in normalize(name).split():
        if token in generic_words or token in lex.connectors:
            generic += 1
        else:
            words.append(fold(token) or token)
    return tuple(words), generic


def _contains(short: Mention, full: Mention, anchor: Match) -> bool:
    """``short`` is a short form of ``full``, which resolved to ``anchor``."""
    if not short.words or len(short.words) > len(full.words):
        return False
    if anchor.type == "person":
        # a family name (and what precedes it), never a given name alone: the mention's words
        # are the end of the full name's
        n = len(short.words)
        return n < len(full.words) and full.words[-n:] == short.words
    # a place or organisation named without its designator (Idlib / Idlib Province)
    return short.words == full.words and short.generic == 0 and full.generic > 0


def settle(mention: Mention, others: Sequence[Mention]) -> Match | None:
    """The entity ``mention`` names, given the other mentions of its document."""
    return settle_all([mention, *others])[mention.text]


def settle_all(mentions: Sequence[Mention]) -> dict[str, Match | None]:
    """Every distinct mention of a document settled: its text -> the entity it names.

    Anchors (mentions that resolve by themselves) are indexed by their last word once, so a
    document of n mentions costs about n lookups, not n squared."""
    by_last: dict[str, list[Mention]] = {}
    resolved: dict[str, set[str]] = {}  # entity id -> texts that resolve to it
    for m in mentions:
        if m.own is not None:
            if m.words:
                by_last.setdefault(m.words[-1], []).append(m)
            resolved.setdefault(m.own.id, set()).add(m.text)
    out: dict[str, Match | None] = {}
    for m in mentions:
        if m.text not in out:
            out[m.text] = _settle_one(m, by_last, resolved)
    return out


def _settle_one(
    mention: Mention, by_last: dict[str, list[Mention]], resolved: dict[str, set[str]]
) -> Match | None:
    own = mention.own
    containing: dict[str, Match] = {}
    if mention.words:
        for full in by_last.get(mention.words[-1], ()):
            anchor = full.own
            if (
                anchor is not None
                and full.text != mention.text
                and (own is None or anchor.type == own.type)
                and _contains(mention, full, anchor)
            ):
                containing[anchor.id] = anchor
    if len(containing) == 1:
        (anchor,) = containing.values()
        if own is not None and own.id == anchor.id:
            return own
        return _taken(mention, anchor)
    if len(containing) > 1:
        return own if own is not None and own.id in containing else None
    if own is not None:
        return own
    fitting = {
        c.id: c
        for c in mention.candidates
        if c.type == "person"
        and c.score >= _CANDIDATE_FLOOR
        and c.method != "epithet"
        and resolved.get(c.id, set()) - {mention.text}
    }
    if len(fitting) == 1:
        (cand,) = fitting.values()
        return replace(cand, method="document")
    return None


def _taken(mention: Mention, anchor: Match) -> Match:
    """The anchor's entity for a mention that the document settles."""
    for cand in mention.candidates:
        if cand.id == anchor.id:
            return replace(cand, method="document")
    return replace(anchor, method="document")


def resolve_document(
    resolver: Resolver,
    names: Iterable[str],
    *,
    type: str | None = None,
    context: Iterable[str] = (),
    text: str | None = None,
) -> list[Match | None]:
    """The entities the mentions of one document refer to, in the order given.

    See the module docstring for the rules. ``context`` names more mentions of the document
    that may settle the others but are not returned; ``text``, the document's text, adds
    what :func:`aliasres.scanner.context_names` reads in it (its mentions, and places named
    with a designator: "the city of Homs", "the province of Idlib").

    Raises:
        TypeError: ``names`` is a single string, or holds something other than strings.
        ValueError: ``type`` is not a known entity type.
    """
    from .resolve import check_type

    if isinstance(names, str):
        raise TypeError("resolve_document() takes an iterable of names, not a str")
    if isinstance(context, str):
        raise TypeError("context is an iterable of names, not a str")
    for what, value in (("resolve_document() takes", names), ("context must be", context)):
        if not isinstance(value, Iterable):
            raise TypeError(f"{what} an iterable of names, not {value.__class__.__name__}")
    check_type(type)  # also with no names
    names = list(names)
    if text is not None:
        from .scanner import context_names

        context = [*context, *context_names(resolver, text, type=type)]
    distinct: dict[str, Mention] = {}
    for name in [*names, *context]:
        if not isinstance(name, str):
            raise TypeError(f"names must be str, not {name.__class__.__name__}")
        if name not in distinct:
            distinct[name] = mention(resolver, name, type)
    settled = settle_all(list(distinct.values()))
    return [settled[name] for name in names]


def mention(resolver: Resolver, name: str, type: str | None) -> Mention:
    """A mention with its own resolution (:meth:`Resolver.resolve`) and,
    when that is ``None``, its candidates: what :func:`settle` needs."""
    own = resolver.resolve(name, type=type)
    words, generic = _words(name)
    # only a short mention can take a document's person by its candidates (and a long name
    # that does not resolve costs a second full lookup for nothing)
    # (not the last-resort candidates of words in common: no evidence of a document makes
    # them an answer, and a name that found only those names nothing, see scanner.py)
    cands = (
        tuple(resolver._candidates(name, _CANDIDATE_LIMIT, type, None, None, False))
        if own is None and 0 < len(words) <= _SHORT_WORDS
        else ()
    )
    return Mention(name, own, cands, words, generic)
