"""Spelling keys of one name token.

* :func:`fold` rewrites a Latin token into a *fine* spelling where the habits of English, French,
  German, Italian and Turkish writers coincide (Mouammar -> muamar, Kadhafi -> kadafi,
  Hussein -> husain). Vowels stay, so Hasan and Husain stay apart.
* :func:`skeleton` reduces a token, Latin or Arabic script, to its consonant classes (Ahmed and
  أحمد -> ``HMD``). Arabic writes no short vowels, so this is the space where the two scripts
  can be compared fairly. Some Latin letters are ambiguous (g writes ج, ق and غ); their classes
  are *compatible* with several others (:func:`compatible_equal`).
* :func:`coarse` merges compatible classes into one blocking key.

All tables come from ``aliases/rules/latin.yaml`` and ``aliases/rules/arabic.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .data import load_rule_file
from .normalize import is_arabic_char

__all__ = [
    "coarse",
    "coarse_keys",
    "compatible_equal",
    "compatible_within_one",
    "deletions",
    "fold",
    "skeleton",
    "slots_fit",
    "vowel_slots",
]


@dataclass(frozen=True, slots=True)
class _Rules:
    #: (pattern, replacement, the pattern's text when it is a plain string: str.replace
    #: does the same as re.sub for it, several times faster)
    fold_rules: tuple[tuple[re.Pattern[str], str, str | None], ...]
    latin_classes: dict[str, str]
    latin_pattern: re.Pattern[str]
    arabic_classes: dict[str, str]
    compatible: frozenset[tuple[str, str]]
    coarse_map: dict[int, str]
    coarse_options: dict[str, tuple[str, ...]]


@functools.cache
def _rules() -> _Rules:
    latin = load_rule_file("latin")
    arabic = load_rule_file("arabic")
    fold_rules = tuple(
        (re.compile(p), r, p if re.escape(p) == p and "\\" not in r else None)
        for p, r in latin["fold"]
    )
    classes: dict[str, str] = dict(latin["skeleton"])
    # longest digraph first, so "sch" wins over "sh" and "s"
    alternatives = sorted(classes, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(a) for a in alternatives))
    arabic_classes = {k: v["class"] for k, v in arabic["letters"].items()}
    compatible = set()
    for a, b in latin["compatible"]:
        compatible.add((a, b))
        compatible.add((b, a))
    coarse_map: dict[int, str] = {}
    for group in latin["coarse"]:
        for member in group[1:]:
            coarse_map[ord(member)] = group[0]
    options = {k: tuple(v) for k, v in (latin.get("ambiguous") or {}).items()}
    return _Rules(
        fold_rules, classes, pattern, arabic_classes, frozenset(compatible), coarse_map, options
    )


_DOUBLES = re.compile(r"(.)\1+")
_DOUBLE_CONSONANTS = re.compile(r"([^aeiou])\1+")


@functools.lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """The fine Latin spelling of one normalized token (lowercase ASCII).

    >>> fold("mouammar"), fold("kadhafi"), fold("qaddafi"), fold("hussein"), fold("husayn")
    ('muamar', 'kadafi', 'kadafi', 'husain', 'husain')
    """
    if not token.isascii():
        return token
    # doubled consonants first (Mohammed); doubled vowels are the rules' business (ee, oo)
    text = _DOUBLE_CONSONANTS.sub(r"\1", token)
    for pattern, replacement, plain in _rules().fold_rules:
        text = text.replace(plain, replacement) if plain else pattern.sub(replacement, text)
    return _DOUBLES.sub(r"\1", text)


@functools.lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The consonant classes of one normalized token, Latin or Arabic script.

    >>> skeleton("ahmed") == skeleton("احمد") == "HMD"
    True
    >>> skeleton("sharaa") == skeleton("شرع")
    True
    """
    rules = _rules()
    if token and is_arabic_char(token[0]):
        classes = rules.arabic_classes
        if len(token) > 1 and token[-1] == "ه":  # final ta marbuta / ha: Latin -a, -ah, -e
            token = token[:-1]
        return "".join(classes.get(ch, "") for ch in token)
    text = _DOUBLES.sub(r"\1", token)
    latin = rules.latin_classes
    return "".join(latin[m.group()] for m in rules.latin_pattern.finditer(text))


_ARABIC_LONG = {"ا": "a", "و": "u", "ي": "i"}
#: which Latin vowel letters may write each Arabic long vowel
_LATIN_FOR = {"a": frozenset("aeo"), "u": frozenset("ouw"), "i": frozenset("iey")}


@functools.lru_cache(maxsize=65536)
def vowel_slots(token: str) -> tuple[str, ...]:
    """What follows each consonant of the skeleton, up to the next consonant.

    For an Arabic token: the long vowels written there (``"a"``, ``"u"``, ``"i"``; ayn counts
    as ``"a"``); for a Latin token: the vowel letters written there. Arabic writes every long
    vowel, so a Latin spelling of the same name has a vowel wherever the Arabic has one
    (بشار has one after ش: Bashar fits, Bushra does not). See :func:`slots_fit`.
    """
    rules = _rules()
    slots: list[str] = [""]  # the first slot: what comes before the first consonant
    if token and is_arabic_char(token[0]):
        classes = rules.arabic_classes
        if len(token) > 1 and token[-1] == "ه":
            token = token[:-1]
        for ch in token:
            if classes.get(ch, ""):
                slots.append("")
            elif ch in _ARABIC_LONG or ch == "ع":
                if len(slots) == 1:
                    # an initial alef or ayn: the Latin starts with a vowel (Omar, Ali); an
                    # initial waw or yeh: with w, y or a vowel
                    slots[0] = slots[0] or "-"
                elif ch != "ع":  # ayn inside a word is often not written at all (Rabi'i, Rabii)
                    slots[-1] += _ARABIC_LONG[ch]
        return tuple(slots)
    text = _DOUBLES.sub(r"\1", token)
    pos = 0
    for m in rules.latin_pattern.finditer(text):
        slots[-1] = text[pos : m.start()]
        slots.extend([""] * len(rules.latin_classes[m.group()]))
        pos = m.end()
    slots[-1] = text[pos:]
    return tuple(slots)


def slots_fit(arabic: tuple[str, ...], latin: tuple[str, ...], *, initial: bool = True) -> bool:
    """True when every long vowel of the Arabic token has a Latin vowel in the same place.

    A final ي may be alif maqsura (موسى Musa), so it accepts an ``a`` too. With
    ``initial=False`` an initial vowel may be dropped (Maghrebi Brahim for إبراهيم).
    """
    if initial and arabic and latin and arabic[0] and not latin[0]:
        return False  # the Arabic starts with a vowel or ayn, the Latin with a consonant
    if len(arabic) != len(latin):
        return True  # skeletons of different length: nothing to compare position by position
    last = len(arabic) - 1
    for k, (need, have) in enumerate(zip(arabic, latin)):
        if k == 0:
            continue
        for vowel in need.replace("-", ""):
            allowed = _LATIN_FOR[vowel]
            if k == last and vowel == "i":
                allowed = allowed | _LATIN_FOR["a"]
            if not allowed.intersection(have):
                return False
    return True


def coarse(skel: str) -> str:
    """The blocking key of a skeleton: compatible classes merged into one."""
    return skel.translate(_rules().coarse_map)


def coarse_keys(skel: str) -> set[str]:
    """Every blocking key of a skeleton: a class compatible with two coarse classes (Θ is
    T or S, C is K or S) gives a key for each (at most 8 keys)."""
    rules = _rules()
    keys = {""}
    for ch in skel:
        options = rules.coarse_options.get(ch) or (ch.translate(rules.coarse_map),)
        if len(keys) * len(options) > 8:
            options = options[:1]
        keys = {k + o for k in keys for o in options}
    return keys


def _same(a: str, b: str, compatible: frozenset[tuple[str, str]]) -> bool:
    return a == b or (a, b) in compatible


def compatible_equal(a: str, b: str) -> bool:
    """True when two skeletons have the same length and every class matches or is compatible."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    comp = _rules().compatible
    return all(x == y or (x, y) in comp for x, y in zip(a, b))


def compatible_within_one(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution (up to compatibility) makes a equal b."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    comp = _rules().compatible
    if la == lb:
        mismatches = sum(1 for x, y in zip(a, b) if not _same(x, y, comp))
        return mismatches <= 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    # b is one longer: skip one of its classes
    i = 0
    while i < la and _same(a[i], b[i], comp):
        i += 1
    return all(_same(a[j], b[j + 1], comp) for j in range(i, la))


def deletions(key: str) -> set[str]:
    """The keys one class shorter (for blocking names that differ by one consonant)."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}
