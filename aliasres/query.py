"""A query, built once: the name as given, its readings, and each reading's forms.

The resolver looks a name up in several ways (as written, normalized, by spelling keys, part
by part); every one of them reads the same :class:`Form` of the name, computed once here and
passed along, instead of normalizing and parsing again at each step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .index import exact_form
from .normalize import normalize
from .parts import ParsedName, lexicon, parse

__all__ = ["MAX_QUERY_LENGTH", "MAX_QUERY_PARTS", "Form", "Query"]

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
    #: moves a word, which only a name the tables write so may confirm
    written_only: bool = False
    _parsed: ParsedName | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str, written_only: bool = False) -> Form:
        return cls(text, exact_form(text), normalize(text), written_only)

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
            moved = _title_last(text)
            if moved is not None:
                query.forms.append(Form.of(moved, written_only=True))
        return query


def _title_last(name: str) -> str | None:
    """A one-word title written last ("Iman HAJJI") by a list that puts the family name
    last, where the other list has it first ("Hajji Iman"): the name with it put back in
    front, for the lookups as written only."""
    words = normalize(name).split()
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
