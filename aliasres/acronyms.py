"""Acronyms in parentheses after a name: "Hay'at Tahrir al-Sham (HTS)", "BUTEMBO AIRLINES
(BAL)", as opposed to a country or a note ("AL-HARAMAIN FOUNDATION (PAKISTAN)")."""

from __future__ import annotations

import re

__all__ = ["alternates", "is_acronym", "without_acronym"]

_TRAILING = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")


def _initials(text: str) -> str:
    return "".join(w[0].upper() for w in re.split(r"[\s\-‐]+", text) if w and w[0].isalnum())


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_acronym(group: str, base: str) -> bool:
    """True for ``HTS`` after "Hay'at Tahrir al-Sham", not for ``PAKISTAN`` after
    "AL-HARAMAIN FOUNDATION".

    >>> is_acronym("HTS", "Hay'at Tahrir al-Sham")
    True
    >>> is_acronym("PAKISTAN", "AL-HARAMAIN FOUNDATION")
    False
    """
    if " " in group or not 2 <= len(group) <= 12:
        return False
    if sum(ch.isupper() for ch in group) < 2:
        return False
    letters = "".join(ch for ch in group if ch.isalpha()).upper()
    initials = _initials(base)
    # "(AQI)" after "Al-Qaida in Iraq", "(BAL)" after "BUTEMBO AIRLINES": an acronym starts
    # with the name's first initial (a country in parentheses rarely does)
    if letters and initials and (letters[0] == initials[0] or _is_subsequence(letters, initials)):
        return True
    # a capitalised group after a mixed-case name is an acronym; after an upper-case name
    # (the UN writes primary names in capitals) it may be a country: keep the name whole
    return any(ch.islower() for ch in base) and not any(ch.islower() for ch in group)


def without_acronym(name: str) -> str | None:
    """The name without a trailing acronym in parentheses, or None when it has none.

    >>> without_acronym("BUTEMBO AIRLINES (BAL)"), without_acronym("X FOUNDATION (PAKISTAN)")
    ('BUTEMBO AIRLINES', None)
    >>> without_acronym("AL-ITIHAAD AL-ISLAMIYA / AIAI"), without_acronym("NEW ARMY / PARTY")
    ('AL-ITIHAAD AL-ISLAMIYA', None)
    """
    if " / " in name:  # "AL-ITIHAAD AL-ISLAMIYA / AIAI": the acronym after a slash
        base, _, group = name.rpartition(" / ")
        return base.strip() if base.strip() and is_acronym(group.strip(), base) else None
    if not name.endswith(")"):
        return None  # most names: no need for the pattern
    m = _TRAILING.match(name)
    if m is None or "(" in m.group(1) or not is_acronym(m.group(2), m.group(1)):
        return None
    return m.group(1)


def alternates(name: str) -> list[str]:
    """The names an alternate spelling in parentheses stands for: "Lom-ali Butayev
    (Butaev)" is Lom-ali Butayev and Lom-ali Butaev. Only for one word in parentheses after
    a name of two words or more, that is no acronym (the index reads persons' names so; an
    organisation's parenthesis names a branch or a country).

    >>> alternates("Lom-ali Butayev (Butaev)")
    ['Lom-ali Butayev', 'Lom-ali Butaev']
    >>> alternates("BUTEMBO AIRLINES (BAL)"), alternates("Butayev (Butaev)")
    ([], [])
    """
    if not name.endswith(")"):
        return []
    m = _TRAILING.match(name)
    if m is None or "(" in m.group(1):
        return []
    outside, inside = m.group(1), m.group(2).strip()
    words = outside.split()
    if len(words) < 2 or not inside or " " in inside or not inside.replace("-", "").isalpha():
        return []
    if is_acronym(inside, outside):
        return []
    return [outside, " ".join([*words[:-1], inside])]
