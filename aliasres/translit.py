"""Arabic (and Persian) script to readable Latin.

A word that the Wikidata-derived token table knows is written in its most frequent Latin
spelling (محمد -> Mohamed); any other word letter by letter from ``aliases/rules/arabic.yaml``,
with ``a`` between two consonants, since Arabic does not write short vowels (شرع -> Shara').
Other non-Latin scripts go through unidecode. Latin text is kept as it is.

>>> transliterate("أحمد الشرع")
"Ahmed al-Shara'"
"""

from __future__ import annotations

import functools
import re
import unicodedata

from unidecode import unidecode

from .data import load_rule_file
from .normalize import is_arabic_char, normalize
from .parts import lexicon, make_part

__all__ = ["transliterate"]

_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_ARTICLE = "ال"


@functools.cache
def _letters() -> tuple[dict[str, str], dict[str, str]]:
    arabic = load_rule_file("arabic")
    latin = {k: v["latin"] for k, v in arabic["letters"].items()}
    return latin, dict(arabic["long_vowels"])


def _spell(word: str) -> str:
    """Letter-by-letter reading of one normalized Arabic word."""
    latin, long_vowels = _letters()
    out: list[str] = []
    prev_consonant = False
    for i, ch in enumerate(word):
        last = i == len(word) - 1
        if ch == "ا":
            out.append("a")
            prev_consonant = False
        elif ch in long_vowels:
            between = prev_consonant and (last or word[i + 1] not in "اوي")
            out.append(long_vowels[ch] if between else latin[ch])
            prev_consonant = not between
        elif ch == "ه" and last and i > 0:
            out.append("a" if prev_consonant else "h")
            prev_consonant = False
        elif ch.isdigit():  # Arabic-Indic digits arrive here as ASCII ones (Liwa 46)
            if out and not out[-1].isdigit():
                out.append(" ")
            out.append(ch)
            prev_consonant = False
        else:
            value = latin.get(ch, "")
            if ch in "عء":
                value = "'"
            if prev_consonant and value:
                out.append("a")
            out.append(value)
            prev_consonant = bool(value)
    return "".join(out)


def _word(word: str) -> str:
    norm = normalize(word)
    if not norm:
        return ""
    article = norm.startswith(_ARTICLE) and len(norm) >= 4
    core = norm[2:] if article else norm
    lex = lexicon()
    part = make_part(lex, core)
    known = lex.spelling_of.get(part.ident)
    text = normalize(known) if known else _spell(core)
    text = text[:1].upper() + text[1:]
    return f"al-{text}" if article else text


def transliterate(text: str) -> str:
    """Arabic and Persian script in ``text`` to readable Latin; other scripts via unidecode.

    Raises:
        TypeError: if ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")

    def arabic_run(m: re.Match[str]) -> str:
        return _word(m.group())

    out = _RUN.sub(arabic_run, text)
    if not out.isascii():
        out = "".join(_other(c) for c in out)
    return out


def _other(ch: str) -> str:
    """A character outside the Arabic runs: ASCII as it is, other scripts via unidecode;
    lone surrogates, other non-characters and pictographic symbols are dropped."""
    if ch.isascii() or is_arabic_char(ch):
        return ch
    category = unicodedata.category(ch)
    if category in ("Cs", "Co", "Cn", "So"):
        return ""  # unidecode would read braille as digits and emoji as words
    out = unidecode(ch)
    if unicodedata.numeric(ch, None) is None and any(c.isdigit() for c in out):
        # a character that is no number gives no digits (unidecode reads ‰ as "%0")
        out = "".join(c for c in out if not c.isdigit())
    return out
