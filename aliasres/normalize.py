"""Unicode clean-up: the matching form of a name.

``normalize`` is pure, total on every ``str`` and idempotent. It folds case, Latin diacritics,
punctuation, Unicode hyphens and apostrophes, Arabic harakat, tatweel, hamza seats, letter
variants (ى/ي, ة/ه, Persian ک/ی ...) and bidirectional marks, turns other scripts (Cyrillic,
Greek ...) into ASCII, and puts a "Surname, Given" name in "Given Surname" order.
Arabic-script letters stay in Arabic script: they are compared to Latin spellings later, by
consonant class (see :mod:`aliasres.keys`).

>>> normalize("  Aḥmad  al-Sharaʿ ")
'ahmad al shara'
>>> normalize("H.T.S.")
'hts'
>>> normalize("AL-JAWLANI, Abu Muhammad")
'abu muhammad al jawlani'
>>> normalize("I&S Holding Company, S.A.")  # a legal form after a comma stays
'i and s holding company sa'
>>> normalize("أَحْمَد الشَّرْع") == normalize("احمد الشرع")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .data import load_rule_file

__all__ = ["has_arabic", "has_letters", "is_arabic_char", "normalize", "normalize_words"]

#: Apostrophes and letter-like marks for hamza and ayn: deleted, so Hay'at == Hayat.
_APOSTROPHES = "'’‘ʿʾ`´ʼʻ′‛＇ʹʽʕʔ"
_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cs", "Co", "Cn"})
_TATWEEL = "\u0640"
_NON_WORD = re.compile(r"[^0-9a-z\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_INITIALS = re.compile(r"\b[a-z](?: [a-z]\b)+")


def is_arabic_char(ch: str) -> bool:
    """True for a character of the Arabic-script blocks (Arabic, Persian, Urdu letters)."""
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF


def has_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script character."""
    return any(is_arabic_char(c) for c in text)


@functools.cache
def _tables() -> tuple[dict[int, str], re.Pattern[str], dict[str, str], dict[str, str]]:
    latin = load_rule_file("latin")
    arabic = load_rule_file("arabic")
    deleted = {ord(ch): "" for ch in _APOSTROPHES}
    # the premap works on decomposed text, so that ş, s + cedilla and ş̣ all read "sh"
    premap = {unicodedata.normalize("NFD", k): v for k, v in latin["premap"].items()}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(premap, key=len, reverse=True)))
    variants: dict[str, str] = dict(arabic["variants"])
    return deleted, pattern, premap, variants


_CEDILLA = "\u0327"


def _is_mark(ch: str) -> bool:
    """A combining mark or format character to drop before the Latin premap (not a cedilla)."""
    if ch < "\u0300" or ch == _CEDILLA or ch == "\u0307":
        return False
    return unicodedata.category(ch) in ("Mn", "Me", "Cf")


def _char_form(ch: str, variants: dict[str, str]) -> str:
    """The matching form of one non-ASCII character (after NFD)."""
    if is_arabic_char(ch):
        if ch == _TATWEEL:
            return ""
        if ch in "،٫":  # Arabic comma, decimal separator
            return ","
        cat = unicodedata.category(ch)
        if cat == "Nd":
            return str(unicodedata.digit(ch))
        if cat in _DROP_CATEGORIES:  # harakat, Quranic marks
            return ""
        if cat[0] != "L":
            return " "
        return variants.get(ch, ch)
    cat = unicodedata.category(ch)
    if cat in _DROP_CATEGORIES:
        return ""
    if cat[0] in "LN":
        from unidecode import unidecode  # imported on first use: most names never need it

        return unidecode(ch)
    if ch in "，﹐":
        return ","
    return " "


@functools.cache
def _legal_words() -> frozenset[str]:
    """The words a company's legal form is written with (words.yaml's ``legal_forms``, the
    words of ``legal_form_phrases``, the stopwords): what a comma may stand before in a
    company name ("I&S Holding Company, S.A."; "Trans Logistik, OOO")."""
    words = load_rule_file("words")
    out = {str(w).lower() for w in words.get("legal_forms") or ()}
    out.update(str(w).lower() for w in words.get("stopwords") or ())
    for phrase in words.get("legal_form_phrases") or {}:
        out.update(str(phrase).lower().split())
    return frozenset(out)


@functools.cache
def _org_words() -> frozenset[str]:
    """The organisation designators of four letters or more (words.yaml: company,
    enterprise, group ...): a name with one before its comma is an organisation's, whose
    comma is no "Surname, Given" (not the short ones: PAO, Yu Liang is a person's)."""
    words = load_rule_file("words")
    return frozenset(
        str(w).lower() for w in words.get("organization_designators") or () if len(str(w)) >= 4
    )


def _is_legal_form(text: str) -> bool:
    """True when ``text`` (lower case, after a comma) is a legal form: S.A., Ltd., S.A. de
    C.V., Limited Liability Company."""
    words = _INITIALS.sub(lambda m: m.group().replace(" ", ""), _NON_WORD.sub(" ", text).strip())
    return bool(words) and all(w in _legal_words() for w in words.split())


def _swap_comma(text: str) -> str:
    if text.count(",") == 1:
        left, right = text.split(",")
        # a company's legal form after a comma stays where it is: it is no given name; nor
        # is what follows an organisation's name (Federal State Unitary Enterprise, State
        # Research and Production Enterprise Bazalt)
        if (
            left.strip() and right.strip() and not _is_legal_form(right)
            and _org_words().isdisjoint(_NON_WORD.sub(" ", left).split())
        ):
            return f"{right} {left}"
    return text


def normalize(name: str) -> str:
    """Return the matching form of ``name`` (see the module docstring).

    Raises:
        TypeError: if ``name`` is not a ``str``.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be str, not {type(name).__name__}")
    if len(name) > 256:
        return _normalize(name)  # long text is rare and not worth keeping in the cache
    return _cached(name)


@functools.lru_cache(maxsize=65536)
def _cached(name: str) -> str:
    # a query is normalized by the lookup, by parse() and by the reject check: once is enough
    return _normalize(name)


#: the apostrophes an ASCII text may hold (all that translate() could delete from it)
_ASCII_APOSTROPHES = re.compile(
    "[" + re.escape("".join(c for c in _APOSTROPHES if c < "\x80")) + "]"
)


def _normalize(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    # (translate() is slow even when it has nothing to do, as for most ASCII names)
    if not text.isascii() or _ASCII_APOSTROPHES.search(text):
        text = text.translate(_tables()[0])
        if not text.isascii():
            text = _unicode_form(text)
    return _finish(text)


def _unicode_form(text: str) -> str:
    """The character clean-up of a non-ASCII text (after NFKC and the apostrophes)."""
    _, pattern, premap, variants = _tables()
    # marks (harakat, accents) and format characters go first: they would otherwise sit
    # between a letter and its cedilla, or change places with it
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not _is_mark(c))
    text = pattern.sub(lambda m: premap[m.group()], text)
    text = "".join(c if c < "\x80" else _char_form(c, variants) for c in text)
    if not text.isascii():  # hamza seats and variants may have left composed forms
        text = unicodedata.normalize("NFC", text)
    return text


def _finish(text: str) -> str:
    """Case, punctuation, comma order and initials: the steps that read the whole name."""
    text = text.lower()
    if "&" in text:  # M & S Syndicate = M and S Syndicate; I&S Holding = I and S Holding
        text = text.replace("&", " and ")
    text = _NON_WORD.sub(" ", _swap_comma(text)).strip()
    if " " in text:  # initials and dotted acronyms: H.T.S. -> hts, U.S. -> us
        text = _INITIALS.sub(lambda m: m.group().replace(" ", ""), text)
    return text


@functools.cache
def _premap_has_space() -> bool:
    return any(" " in key for key in _tables()[2])


#: the clean-up of each word seen by :func:`normalize_words`: (after NFKC and the
#: apostrophes, after the character clean-up)
_WORD_FORMS: dict[str, tuple[str, str]] = {}
#: at most this many words are kept (a table of odd words cannot grow it without bound)
WORD_MEMO_SIZE = 100_000


#: a character that normalize() keeps (after lower()), or an & that it writes "and"
_KEPT = re.compile(r"[0-9a-z&\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def has_letters(name: str) -> bool:
    """``normalize(name) != ""``: the name has a letter or digit that normalize() keeps.
    Quicker than normalizing: an ASCII letter or digit always stays, and the words of
    other names are looked up in the memo of :func:`normalize_words` (the steps that read
    the whole name remove no letter).

    Raises:
        TypeError: if ``name`` is not a ``str``.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be str, not {type(name).__name__}")
    if _ASCII_ALNUM.search(name):
        return True
    if name.isascii() or _premap_has_space():
        return bool(_normalize(name))
    forms = [_word_form(word) for word in name.split(" ")]
    if all(f[0].isascii() for f in forms):
        return any(_KEPT.search(f[0].lower()) for f in forms)
    return any(_KEPT.search(f[1].lower()) for f in forms)


_ASCII_ALNUM = re.compile("[0-9A-Za-z]")


def _word_form(word: str) -> tuple[str, str]:
    """A word after NFKC and the apostrophes, and after the character clean-up too."""
    form = _WORD_FORMS.get(word)
    if form is None:
        if len(_WORD_FORMS) >= WORD_MEMO_SIZE:
            _WORD_FORMS.clear()
        first = unicodedata.normalize("NFKC", word).translate(_tables()[0])
        form = _WORD_FORMS[word] = (first, _unicode_form(first))
    return form


def normalize_words(name: str) -> str:
    """:func:`normalize`, with the character clean-up of each word (text between two
    spaces) computed once per distinct word: a table of a million names is made of a few
    thousand words. The result is exactly ``normalize(name)``: the Unicode normalization
    forms, the apostrophes, the marks and the character map never reach across a space
    (a space is a starter that composes with nothing, and no premap key holds one), and the
    steps that read the whole name (case, punctuation, comma order, initials) run on the
    whole name. For building an index: a query goes through :func:`normalize`.

    Raises:
        TypeError: if ``name`` is not a ``str``.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be str, not {type(name).__name__}")
    if name.isascii() or _premap_has_space():
        return _normalize(name)  # the cheap path already; or a premap key spans words
    # an ASCII word goes through the character clean-up too when another word of the
    # name is not ASCII, as in the whole name
    cleaned = [_word_form(word) for word in name.split(" ")]
    plain = all(f[0].isascii() for f in cleaned)
    return _finish(" ".join(f[0] if plain else f[1] for f in cleaned))
