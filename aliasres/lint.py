"""Aliases that could mislead, and ids that break the slug rule (issue 15).

An alias is *misleading* when, unmarked, it is

* a common word of news text, alone or with its article ("Sepah", "al-Ikhwan"): the lists
  of ``aliases/rules/common_words.yaml``;
* a frequent name part: one word that the name-token data (``aliases/rules/name_tokens.yaml``)
  pairs with Latin spellings at least :data:`FREQUENT_NAME` times ("ABD" is عبد);
* another entity's usual name: the same words, articles aside, as another entity's
  canonical name ("Mayadeen" the town, "Al Mayadeen" the channel).

An alias marked ``weak``, ``shared``, ``typed`` or ``kind: epithet`` is never misleading, and
a canonical name is the entity's own name and is not checked.

>>> from aliasres.types import Alias, Entity
>>> irgc = Entity("org/irgc", "organization", "Islamic Revolutionary Guard Corps",
...               (Alias("Sepah"), Alias("Sepah-e Pasdaran")))
>>> [(f.alias, f.reason) for f in misleading_aliases([irgc])]
[('Sepah', 'a common word')]
>>> slug("Diyarbakır")
'diyarbakir'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .data import load_rule_file
from .errors import RulesError
from .normalize import normalize
from .types import Alias, Entity

__all__ = [
    "FREQUENT_NAME",
    "Finding",
    "common_words",
    "is_marked",
    "is_plain_word",
    "misleading_aliases",
    "name_part_counts",
    "slug",
    "slug_errors",
    "usual_names",
    "why_misleading",
]

#: a one-word alias that Wikidata pairs with Latin spellings this often is a common name
#: part (عبد 398, محمد 1,303; a surname like Jordan 113 stays below)
FREQUENT_NAME = 150
#: words that do not make two names different ("al-Mayadeen" is "Mayadeen")
_FILLERS = frozenset({"al", "el", "the", "ال", "le", "la", "les", "l", "of", "de", "du", "des"})
#: letters that NFKD does not take apart into an ASCII letter and a mark
_FOLD = {"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"}
_APOSTROPHES = re.compile(r"['’ʼʻ`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One alias that could mislead (or one id that breaks the slug rule)."""

    entity_id: str
    alias: str
    reason: str
    path: str = "<string>"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.entity_id}: {self.alias!r} is {self.reason}"


@cache
def common_words() -> frozenset[str]:
    """The normalized common words of ``aliases/rules/common_words.yaml``."""
    data = load_rule_file("common_words")
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise RulesError("common_words.yaml", None, "expected lists of words by language")
    words = {normalize(str(w)) for group in data.values() for w in group}
    return frozenset(w for w in words if w)


@cache
def name_part_counts() -> dict[str, int]:
    """How often the name-token data pairs each name part (Arabic or Latin, normalized)."""
    data = load_rule_file("name_tokens")
    counts: dict[str, int] = {}
    for token in data.get("tokens", []) if isinstance(data, dict) else []:
        for form in (token["ar"], *token["latin"]):
            key = normalize(form)
            counts[key] = max(counts.get(key, 0), int(token["n"]))
    return counts


def _core(name: str) -> str:
    """A name's words without articles and connectors, normalized."""
    return " ".join(t for t in normalize(name).split() if t not in _FILLERS)


def is_plain_word(name: str) -> bool:
    """Whether ``name`` is a common word of news text (with or without its article): such a
    query names an entity only when a table writes it so, never by a near spelling
    ("النهر", the river, is not the newspaper An-Nahar; "March" is not Maraş)."""
    words = common_words()
    normal = normalize(name)  # (_core's, once: asked of every name a near spelling answers)
    return normal in words or " ".join([t for t in normal.split() if t not in _FILLERS]) in words


def is_marked(alias: Alias) -> bool:
    """Whether the table says the alias is more than a plain name (and so may be a word)."""
    return alias.weak or alias.shared or alias.typed or alias.kind == "epithet"


def usual_names(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Entity ids by their canonical name's words (articles aside)."""
    names: dict[str, set[str]] = {}
    for e in entities:
        names.setdefault(_core(e.name), set()).add(e.id)
    return names


def why_misleading(alias: Alias, owner_id: str, usual: dict[str, set[str]]) -> str | None:
    """Why ``alias`` of entity ``owner_id`` could mislead; ``None`` when it cannot."""
    if is_marked(alias):
        return None
    key = _core(alias.name)
    words = common_words()
    if normalize(alias.name) in words or key in words:
        return "a common word"
    if " " not in key and name_part_counts().get(key, 0) >= FREQUENT_NAME:
        return "a frequent name part"
    others = usual.get(key, set()) - {owner_id}
    if others:
        return f"the usual name of {', '.join(sorted(others))}"
    return None


def misleading_aliases(entities: Iterable[Entity]) -> list[Finding]:
    """Every alias of ``entities`` that could mislead, in table order."""
    entities = list(entities)
    usual = usual_names(entities)
    found = []
    for e in entities:
        for alias in e.aliases:
            reason = why_misleading(alias, e.id, usual)
            if reason:
                found.append(Finding(e.id, alias.name, reason, e.path, e.line))
    return found


def slug(name: str) -> str:
    """The documented slug of a canonical name: lowercase ASCII with hyphens, diacritics
    dropped, Turkish ı as i, apostrophes dropped (Kata'ib -> kataib)."""
    text = "".join(_FOLD.get(c, c) for c in name.lower())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", _APOSTROPHES.sub("", text)).strip("-")


def slug_errors(entities: Iterable[Entity]) -> list[Finding]:
    """Entities whose id does not end in the slug of their canonical name."""
    return [
        Finding(
            e.id, e.name, f"named so, and its id's slug should be {slug(e.name)!r}", e.path, e.line
        )
        for e in entities
        if e.id.rsplit("/", 1)[-1] != slug(e.name)
    ]
