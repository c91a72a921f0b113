"""A query, built once: the name as given, its readings, and each reading's forms.

The resolver looks a name up in several ways (as written, normalized, by spelling keys, part
by part); every one of them reads the same :class:`Form` of the name, computed once here and
passed along, instead of normalizing and parsing again at each step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .index import exact_form
from .normalize import normalize
from .parts import ParsedName, lexicon, nisba_entries, parse

__all__ = ["MAX_QUERY_LENGTH", "MAX_QUERY_PARTS", "Form", "Query", "nisba_table"]

#: Names longer than this (in characters, as given or once normalized) are not matched:
#: resolve() returns None.
MAX_QUERY_LENGTH = 1000
#: A name with more parts than this is matched only exactly or once normalized, never
#: approximately (no real name has so many; the cost of scoring grows with the square).
MAX_QUERY_PARTS = 30
_PAREN = re.compile(r"\(([^()]*)\)")
#: list decorations after a name: "NAME - SUB-UNIT NAME"
_DECORATION = re.compile(r"\s*-\s*sub-unit name\s*$", re.IGNORECASE)
#: the Abd of an Abd al- name, left alone at the end by a list that writes the family name
#: last ('ABD, al-Rahman ...): it belongs in front
_ORPHAN_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdoul", "abdu", "عبد"})


@dataclass(slots=True)
class Form:
    """One reading of a query: its text, exact-lookup key, normalized form and parse."""

    text: str
    exact: str
    normal: str
    #: looked up only as written (exact and normalized), never scored: a reading that
    #: moves or translates a word, which only a name the tables write so may confirm
    written_only: bool = False
    #: a reading with a word translated (a nationality nisba): its hits are translations
    translated: bool = False
    _parsed: ParsedName | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str, written_only: bool = False, translated: bool = False) -> Form:
        return cls(text, exact_form(text), normalize(text), written_only, translated)

    @property
    def too_long(self) -> bool:
        """Too long to match approximately (see ``MAX_QUERY_LENGTH``)."""
        return len(self.normal) > MAX_QUERY_LENGTH

    @property
    def parsed(self) -> ParsedName:
        """The name's parts (parsed on first use: an exact hit never needs them)."""
        if self._parsed is None:
            self._parsed = parse(self.text)
        return self._parsed


@dataclass(slots=True)
class Query:
    """A name to resolve, with the readings it is looked up under.

    ``forms`` is the name itself and, for "Name (ACRONYM)", each half (only for a final
    parenthesis: in "Guard Corps (IRGC)-Qods Force" the acronym names a different, larger
    body); a name longer than ``MAX_QUERY_LENGTH`` has no forms and matches nothing.
    """

    text: str
    type: str | None = None
    forms: list[Form] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, type: str | None = None) -> Query:
        query = cls(text, type)
        if len(text) <= MAX_QUERY_LENGTH:
            query.forms = [Form.of(v) for v in _variants(text)]
            normal = query.forms[0].normal  # the name itself, normalized once
            query.forms += [
                Form.of(v, written_only=only, translated=True)
                for v, only in _nisba_readings(normal)
            ]
            moved = _title_last(normal)
            if moved is not None:
                query.forms.append(Form.of(moved, written_only=True))
        return query


@functools.cache
def nisba_table() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """``aliases/rules/nisbas.yaml`` as (nisbas, English and French adjectives) per entry,
    normalized (aliasres.demonyms reads a nisba's country through its adjective; the file's
    reader and validator is :func:`aliasres.parts.nisba_entries`)."""
    return tuple((nisbas, adjectives) for nisbas, adjectives, _ in nisba_entries())


@functools.cache
def _nisbas() -> tuple[dict[str, str], dict[str, str]]:
    """``aliases/rules/nisbas.yaml`` read as (adjective -> nisba, nisba -> adjective), each
    written as the reading writes it (the first listed form)."""
    to_nisba: dict[str, str] = {}
    to_adjective: dict[str, str] = {}
    for nisbas, adjectives in nisba_table():
        for word in adjectives:
            to_nisba.setdefault(word, nisbas[0])
        for word in nisbas:
            to_adjective.setdefault(word, adjectives[0])
    return to_nisba, to_adjective


def _nisba_readings(normal: str) -> list[tuple[str, bool]]:
    """"Abu Talha the German" also read "Abu Talha al-Almani", and the other way round (see
    ``aliases/rules/nisbas.yaml``): an article and a nationality after a name's first word
    (``normal`` is the name normalized).
    Each reading with whether it is looked up as written only: an English "the" is no name
    part to score."""
    words = normal.split()
    if not 2 <= len(words) <= 8:
        return []
    to_nisba, to_adjective = _nisbas()
    out = []
    for i in range(1, len(words)):
        article, word = words[i], words[i + 1] if i + 1 < len(words) else ""
        if article in ("the", "le", "l") and word in to_nisba:
            new, end = ["al", to_nisba[word]], i + 2
        elif article in ("al", "el") and word in to_adjective:
            new, end = ["the", to_adjective[word]], i + 2
        elif article[:1] == "l" and article[1:] in to_nisba:  # French l'Allemand, elided
            new, end = ["al", to_nisba[article[1:]]], i + 1
        else:
            continue
        out.append((" ".join([*words[:i], *new, *words[end:]]), new[0] == "the"))
    return out


def _title_last(normal: str) -> str | None:
    """A one-word title written last ("Iman HAJJI") by a list that puts the family name
    last, where the other list has it first ("Hajji Iman"): the name (``normal``, normalized)
    with it put back in front, for the lookups as written only."""
    words = normal.split()
    if len(words) < 2 or len(words) > 4 or (words[-1],) not in lexicon().titles:
        return None
    return " ".join([words[-1], *words[:-1]])


def _variants(name: str) -> list[str]:
    variants = [name]
    bare = _DECORATION.sub("", name)
    if bare != name and normalize(bare):
        variants.append(bare)
        name = bare
    words = normalize(name).split()
    if len(words) >= 2 and words[-1] in _ORPHAN_ABD:
        variants.append(" ".join([words[-1], *words[:-1]]))
    if "(" in name:
        outside = _PAREN.sub(" ", name).strip()
        if outside and normalize(outside):
            variants.append(outside)
        if name.rstrip().endswith(")"):
            variants.extend(m.strip() for m in _PAREN.findall(name) if normalize(m))
    return variants
