"""Organisation names across languages: the concept key of a name (see
``aliases/rules/org_words.yaml``).

>>> from aliasres.parts import parse
>>> concept_keys(parse("جبهة النصرة")) == concept_keys(parse("al-Nusra Front"))
True
>>> concept_keys(parse("Armed Islamic Group")) == concept_keys(parse("الجماعة الإسلامية المسلحة"))
True
>>> concept_keys(parse("Ahmed al-Sharaa"))  # no organisation word: no key
()
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import product

from .data import load_rule_file
from .errors import RulesError
from .keys import coarse_keys
from .normalize import normalize
from .parts import ParsedName, Part

__all__ = ["concept_keys", "concept_words"]

#: at most this many keys per name (an Arabic word ending in ة has two readings)
_MAX_KEYS = 8
#: clitics read off an Arabic word before it is looked up: and, in/with, for
_CLITICS = ("و", "ب", "ل", "ف")


@dataclass(frozen=True, slots=True)
class OrgWords:
    """The organisation words of ``org_words.yaml``: each spelling's concept, the concepts a
    name may leave out, and the filler words that carry none."""

    concepts: dict[str, str]
    optional: frozenset[str]
    fillers: frozenset[str]

    def concept(self, part: Part) -> str | None:
        core = part.core
        found = self.concepts.get(core)
        if found is not None:
            return found
        if not part.arabic:
            # French elision: l'Ouest, d'Afrique (the apostrophe is gone once normalized)
            if core[:1] in ("l", "d") and len(core) > 4:
                return self.concepts.get(core[1:])
            return None
        for clitic in _CLITICS:
            if core.startswith(clitic) and len(core) > 3:
                rest = core[1:]
                for candidate in (rest, rest[2:] if rest.startswith("ال") else "",
                                  rest[1:] if rest.startswith("ل") else ""):
                    if candidate and candidate in self.concepts:
                        return self.concepts[candidate]
        return None


@functools.cache
def org_words() -> OrgWords:
    """The concept table (loaded once)."""
    data = load_rule_file("org_words")
    concepts: dict[str, str] = {}
    try:
        for concept, words in data["concepts"].items():
            for word in words:
                for form in _forms(str(word)):
                    concepts.setdefault(form, concept)
        optional = frozenset(data.get("optional", ()))
        fillers = frozenset(f for w in data.get("fillers", ()) for f in _forms(str(w)))
    except (KeyError, TypeError, AttributeError) as exc:
        raise RulesError("org_words.yaml", None, f"malformed concept table: {exc}") from exc
    return OrgWords(concepts, optional, fillers)


def _forms(word: str) -> list[str]:
    """A listed word as a name part's core reads it (normalized, the article left off)."""
    text = normalize(word).replace(" ", "")
    forms = [text]
    for article in ("al", "ال", "el"):
        if text.startswith(article) and len(text) > len(article) + 2:
            forms.append(text[len(article):])
    return forms


def concept_keys(name: ParsedName) -> tuple[tuple[str, ...], ...]:
    """The concept keys of an organisation name: a sorted tuple of concepts and the
    consonant keys of the other words, one per reading; none when the name has no
    organisation word or fewer than two words that count."""
    words = org_words()
    slots: list[tuple[str, ...]] = []
    concepts = 0
    for part in name.parts:
        concept = None if part.prefix else words.concept(part)
        if concept is not None:
            concepts += 1
            if concept not in words.optional:
                slots.append((f"#{concept}",))
            continue
        if not part.prefix and part.core in words.fillers:
            continue
        keys = {k for skel in part.skels for k in coarse_keys(skel)} or {part.key}
        if part.prefix:
            keys = {f"{part.prefix}:{k}" for k in keys}
        slots.append(tuple(sorted(keys)))
    if not concepts or len(slots) < 2:
        return ()
    out: list[tuple[str, ...]] = []
    for combo in product(*slots):
        out.append(tuple(sorted(combo)))
        if len(out) >= _MAX_KEYS:
            break
    return tuple(dict.fromkeys(out))


def name_words(name: ParsedName) -> list[Part]:
    """The parts of an organisation name that are not organisation words nor fillers: the
    words that name it (Nusra of al-Nusra Front), which a translation keeps as they are."""
    words = org_words()
    return [
        p for p in name.parts
        if p.prefix or (words.concept(p) is None and p.core not in words.fillers)
    ]


def concept_words(name: ParsedName) -> frozenset[str]:
    """The organisation words of a name as written: two names that share them all are in
    one language, where word order still tells names apart (Popular Revolutionary
    Struggle is not Revolutionary Popular Struggle); only a translation may reorder."""
    words = org_words()
    return frozenset(
        p.core for p in name.parts if not p.prefix and words.concept(p) is not None
    )
