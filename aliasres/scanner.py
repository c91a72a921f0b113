"""Find and link the mentions of table entities in running text.

:func:`scan` works in two stages, so that it reads a news archive at more than a megabyte a
second:

1. **Candidate spans**, by dictionary lookups on the words of the text:

   * every place where a table name starts, as a path of normalized words in a word trie
     built from the tables (Sécurité générale, أحمد الشرع, Idlib), the longest at each place;
     an Arabic word may carry a clitic (و ب ل ف) that the tables do not write; a Persian
     word with a zero-width non-joiner (محمد‌جواد) is read as its pieces but never cut;
   * runs of capitalised words (with the connectors al-, bin, of, de ... between them) of
     which one word is a table word or a spelling of one: this finds names spelled otherwise
     than in the tables (Ahmed al-Charaa, Abou Mohammed al-Joulani);
   * a place candidate with a designator before or after it (province of Idlib, Idlib
     province, محافظة إدلب).

2. **Linking**: each distinct candidate text is resolved once (memoized per resolver,
   bounded) with :func:`aliasres.shortforms.resolve_short`; the candidates of the text are
   then settled together with document context (:mod:`aliasres.document`); overlapping
   candidates go to the longest one that links.

Precision rules on top of the resolver's:

* one Latin word links a place or organisation only when a table writes it so (a near
  spelling is not enough: "Syrian" is not Syria, "Jihadist" is not Haditha); an adjective is
  a mention only if a table lists it;
* a word of three letters or fewer must be written in capitals to be an abbreviation (US, UK,
  HTS, not "us");
* one Arabic word (no capitals tell a name from a word: صباح is "morning") links a person
  only when the document names that person in full;
* a table name inside a longer run of capitalised words (at most three: longer ones are
  headlines in title case) that does not resolve is part of another name (Syria in "Syria
  News") and is not linked; a function word or day of the week that begins a sentence does
  not start such a run (But Turkey, No U.S. personnel, Tuesday of Raqqa);
* leading titles and words that are not part of the entity's names are left out of the
  span (U.S. President Donald Trump: U.S. and Donald Trump).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Mention as _DocMention
from .document import settle_all
from .keys import fold
from .lazy import PerObject
from .lint import is_plain_word
from .normalize import normalize
from .parts import lexicon
from .types import ENTITY_TYPES, Match, Mention

if TYPE_CHECKING:
    from .resolve import Resolver

__all__ = ["context_names", "scan"]

#: memoized resolutions per resolver (distinct candidate texts); a bounded dict, so memory
#: stays flat over an archive
_MEMO_SIZE = 100_000
#: the longest run of capitalised words considered as one name
_MAX_RUN = 8
#: a run of capitalised words that names nothing hides the table names in it (Syria in
#: "Syria News") only up to this many words: a longer one is a headline in title case
#: ("Trump Praises Syrian Democratic Forces for Fall of Raqqa")
_DEAD_RUN = 3
_END = "\0"

#: what continues a word besides \w: tatweel, harakat, and the combining marks of decomposed
#: (NFD) Latin text, which are not \w in Python's re ("Saïda" as S a i U+0308 d a)
_IN_WORD = (r"[\w\u0640\u064b-\u065f\u0670"
            r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.N.
    rf"|[^\W\d_]{_IN_WORD}*(?:['’ʼʿ][^\W\d_]{_IN_WORD}*)*"
    r"|\d+"
)
_ELISION = re.compile(r"(?i)(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’ʼ](?=\w)")
_POSSESSIVE = re.compile(r"['’ʼ]s$")
_POSSESSIVE_GAPS = frozenset({"'s ", "’s ", "ʼs "})
#: what may stand between two words of one name
_JOIN = re.compile(r"[ \t\u00a0]{1,2}|[-‐‑]|\s?[-–]\s?|[ \u00a0][dDlL]['’ʼ]")
_WRITTEN = ("exact", "normalized")
#: what follows a middle initial inside a name
_AFTER_INITIAL = frozenset({". ", ".\u00a0"})
_CLITICS = "وفبل"
#: zero-width non-joiner: inside a Persian word (محمد‌جواد, می‌شود), not between two
_ZWNJ = "\u200c"
_ELIDED_DE = re.compile(r"\b[dD]['’ʼ](?=\w)")
#: stopwords that join two names rather than stand inside one ("on" too: a run read across
#: it, X on Monday, costs a quarter of scan's speed on an archive and found one mention more)
_NOT_IN_NAMES = frozenset({"and", "et", "und", "y", "e", "on"})
#: capitalised words that begin a sentence or a clause and are never the first word of a
#: name (English and French function words, days of the week): a run of capitalised words
#: does not start with them ("But Turkey, which ...", "No U.S. personnel", "the recapture
#: Tuesday of Raqqa"), so the run is not a longer name hiding the table name after them.
#: Not as, at, an, or: assimilated articles and place words (As-Suwayda, At-Tanf, Or Akiva).
_SENTENCE_WORDS = frozenset(
    """but no not nor while per after before when if since however yet so also meanwhile
    during despite under with without against from into over through to by among although
    though because unless until where whereas whether both either neither then thus this
    that these those there here it its his her their our we they he she you monday tuesday
    wednesday thursday friday saturday sunday mais pendant selon avec sans contre depuis
    lorsque quand si ce cette ces il elle ils elles nous vous dans pour par sur sous entre
    apres avant lundi mardi mercredi jeudi vendredi samedi dimanche""".split()
) | {"etat"}  # the État of secrétaire d'État, chef d'État: a common noun before a name


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    norm: str
    kind: int  # bit flags, see _CAP ...
    #: the word with its possessive 's, normalized, when one was read off (People's: peoples),
    #: for the table names that hold it (People's Protection Units)
    whole: str = ""


_CAP, _ALLCAPS, _ARABIC, _KNOWN, _LINK, _GENERIC, _TITLE = 1, 2, 4, 8, 16, 32, 64


@dataclass(slots=True)
class _Scanner:
    # weak: the scanner is kept per resolver in a WeakKeyDictionary (PerObject), and a value
    # that held its key strongly would keep every resolver ever scanned with alive
    resolver_ref: weakref.ReferenceType[Resolver]
    trie: dict[str, dict[str, object]]
    words: frozenset[str]
    folds: frozenset[str]
    info: dict[str, tuple[str, int]] = field(default_factory=dict)
    memo: dict[tuple[str, str | None], _DocMention] = field(default_factory=dict)
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def resolver(self) -> Resolver:
        resolver = self.resolver_ref()
        # only reached through _scanner(resolver), whose caller holds the resolver
        assert resolver is not None
        return resolver



def _unelided(name: str) -> str:
    """``name`` without the elided articles and prepositions its words start with
    (République islamique d'Iran: ... Iran), as :func:`_tokens` reads running text: a table
    name is then found in text word for word (normalize alone glues them: diran)."""
    words = name.split()
    for n, word in enumerate(words):
        elided = _ELISION.match(word)
        if elided and elided.end() < len(word):
            words[n] = word[elided.end():]
    return " ".join(words)


def _build(resolver: Resolver) -> _Scanner:
    trie: dict[str, dict[str, object]] = {}
    words: set[str] = set()
    folds: set[str] = set()
    for entity in resolver.entities:
        for alias in entity.names():
            if alias.kind == "epithet":
                continue
            tokens = normalize(_unelided(alias.name)).split()
            if not tokens:
                continue
            node: dict[str, object] = trie  # type: ignore[assignment]
            for token in tokens:
                node = node.setdefault(token, {})  # type: ignore[assignment]
                words.add(token)
                if token.isascii():
                    folds.add(fold(token))
            node[_END] = True
    return _Scanner(weakref.ref(resolver), trie, frozenset(words), frozenset(folds))


_scanner: PerObject[Resolver, _Scanner] = PerObject(_build)


def _token_info(sc: _Scanner, token: str) -> tuple[str, int]:
    found = sc.info.get(token)
    if found is not None:
        return found
    lex = lexicon()
    norm = normalize(token)
    kind = 0
    first = token[0]
    if first.isupper():
        kind |= _CAP
        if token.isupper() or "." in token:
            kind |= _ALLCAPS
    if "\u0600" <= first <= "\u08ff":
        kind |= _ARABIC
        stripped = _strip_clitic(norm)
        if (norm in sc.words or (stripped and stripped in sc.words) or _plural_in(sc, norm)
                or (stripped and _plural_in(sc, stripped))):
            kind |= _KNOWN
    elif norm in sc.words or (norm.isascii() and fold(norm) in sc.folds):
        kind |= _KNOWN
    if norm in lex.articles or norm in lex.connectors or norm in lex.stopwords:
        kind |= _LINK
    if norm not in lex.articles and (
        norm in lex.stopwords
        or norm in _SENTENCE_WORDS
        or (norm,) in lex.titles
        or (norm,) in lex.modifiers
    ):
        kind |= _GENERIC
    if (norm,) in lex.titles or (norm,) in lex.modifiers:
        kind |= _TITLE
    if len(sc.info) >= _MEMO_SIZE:
        sc.info.clear()
    sc.info[token] = (norm, kind)
    return norm, kind


def _nominative(norm: str) -> str:
    """The nominative (الحوثيون) of an Arabic sound masculine plural in the oblique case
    (الحوثيين, after a preposition or in an idafa: the case news text writes most), or
    ``""`` for a word that cannot be one."""
    return norm[:-2] + "ون" if len(norm) > 4 and norm.endswith("ين") else ""


def _plural_in(sc: _Scanner, norm: str) -> bool:
    """``norm`` is the oblique case of a plural the tables write (:func:`_nominative`): the
    same word. The engine then decides, as for any near spelling that changes only the
    ending (:func:`aliasres.shortforms._near_arabic`)."""
    nominative = _nominative(norm)
    return bool(nominative) and nominative in sc.words


def _unclitic(sc: _Scanner, norm: str) -> bool:
    """A known Arabic word as written, no clitic to read off (the span starts at it)."""
    return norm in sc.words or _plural_in(sc, norm)


def _strip_clitic(norm: str) -> str:
    if len(norm) > 3 and norm[0] in _CLITICS:
        rest = norm[1:]
        if norm[0] == "ل" and rest.startswith("ل"):
            return "ا" + rest  # لل = ل + ال
        return rest
    return ""


def _tokens(sc: _Scanner, text: str) -> Iterator[_Token]:
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        token = m.group()
        whole = ""
        if "'" in token or "’" in token or "ʼ" in token:
            elided = _ELISION.match(token)
            if elided:
                start += elided.end()
                token = token[elided.end():]
            if _POSSESSIVE.search(token):
                whole = normalize(token)
                end -= 2
                token = token[:-2]
            if not token:
                continue
        norm, kind = _token_info(sc, token)
        if norm:
            yield _Token(start, end, norm, kind, whole)


@dataclass(slots=True)
class _Span:
    i: int  # first token
    j: int  # last token (inclusive)
    start: int
    end: int
    source: str  # "trie", "run", "designator"
    inner: str = ""  # for "designator": the place name it extends


def scan(resolver: Resolver, text: str, *, type: str | None = None) -> list[Mention]:
    """The mentions of table entities in ``text``, in order, linked with document context.

    Any ``str`` gives a list (empty when nothing is found); see the module docstring.

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``type`` is not a known entity type.
    """
    return _scan(resolver, text, type, None)


def context_names(resolver: Resolver, text: str, *, type: str | None = None) -> list[str]:
    """What :func:`scan` reads as document context in ``text``: its mentions, and the places
    named with a designator that leaves them as they are ("the city of Homs", which says
    that Homs is the city in this text). :func:`aliasres.resolve_document` takes them with
    ``text=``."""
    extra: list[str] = []
    found = _scan(resolver, text, type, extra)
    return [*(m.text for m in found), *extra]


def _scan(
    resolver: Resolver, text: str, type: str | None, context_out: list[str] | None
) -> list[Mention]:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {text.__class__.__name__}")
    if type is not None and type not in ENTITY_TYPES:
        raise ValueError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {type!r}")
    sc = _scanner(resolver)
    tokens = list(_tokens(sc, text))
    if not tokens:
        return []
    joined = [False] * len(tokens)  # joined[k]: token k follows token k-1 within one name
    # glued[k]: token k is the next piece of one Persian word, after a zero-width non-joiner
    # (محمد‌جواد, می‌شود): read as words apart, as the tables write such names, but no span
    # starts or ends inside the word
    glued = [False] * (len(tokens) + 1)
    for k in range(1, len(tokens)):
        gap = text[tokens[k - 1].end : tokens[k].start]
        if gap == _ZWNJ and tokens[k - 1].kind & tokens[k].kind & _ARABIC:
            joined[k] = glued[k] = True
            continue
        joined[k] = gap == " " or gap == "-" or (len(gap) <= 3 and _JOIN.fullmatch(gap) is not None)
        if not joined[k] and gap in _AFTER_INITIAL and k >= 2 and joined[k - 1]:
            # a middle initial (Michael R. Pompeo, مايكل ر. بومبيو): one letter, written after
            # a word of the name, and its full stop do not end the name
            prev = tokens[k - 1]
            joined[k] = len(prev.norm) == 1 and bool(prev.kind & (_CAP | _ARABIC))
    if _ZWNJ in text:
        # a piece that is no token (a lone clitic letter: و‌ولایتی) still makes the word one:
        # no span starts right after a ZWNJ or ends right before one, inside a word
        for k, tok in enumerate(tokens):
            if tok.kind & _ARABIC:
                if text[tok.start - 1 : tok.start] == _ZWNJ and _arabic_before(text, tok.start - 1):
                    glued[k] = True
                if text[tok.end : tok.end + 1] == _ZWNJ and _arabic_before(text, tok.end + 2):
                    glued[k + 1] = True
    spans = _trie_spans(sc, text, tokens, joined, glued)
    runs = _runs(tokens, joined, text)
    spans += runs
    spans += _arabic_runs(sc, tokens, joined)
    spans += _designated(sc, tokens, joined, text, spans)
    if any(glued):
        spans = [s for s in spans if not glued[s.i] and not glued[s.j + 1]]
    return _link(sc, text, tokens, spans, runs, type, context_out)


def _arabic_before(text: str, at: int) -> bool:
    """The character before offset ``at`` is an Arabic-script letter."""
    return 1 <= at <= len(text) and "\u0600" <= text[at - 1] <= "\u08ff" and text[at - 1].isalpha()


def _trie_spans(
    sc: _Scanner, text: str, tokens: list[_Token], joined: list[bool], glued: list[bool]
) -> list[_Span]:
    spans: list[_Span] = []
    trie = sc.trie
    n = len(tokens)
    for i in range(n):
        tok = tokens[i]
        starts: list[tuple[dict[str, object], int, int]] = []  # (node, last token, shift)
        node = trie.get(tok.norm)
        shift = 0
        if tok.whole and tok.whole in trie:
            starts.append((trie[tok.whole], i, 0))  # People's Protection Units
        if node is None and tok.kind & _ARABIC:
            stripped = _strip_clitic(tok.norm)
            node = trie.get(stripped) if stripped else None
            shift = 1
        if node is not None:
            starts.append((node, i, shift))
        if glued[i + 1] and not glued[i]:
            # the pieces of a Persian word with a ZWNJ (محمد‌جواد), which a table may
            # also write joined (محمدجواد)
            last = i + 1
            while glued[last + 1]:
                last += 1
            whole = trie.get(normalize(text[tok.start : tokens[last].end]))
            if whole is not None:
                starts.append((whole, last, 0))
        for node, first, shift in starts:
            best = first if _END in node else -1
            k = first + 1
            while k < n and (joined[k] or _possessive_gap(text, tokens[k - 1], tokens[k])):
                nxt = node.get(tokens[k].norm)
                if not isinstance(nxt, dict) and tokens[k].whole:
                    nxt = node.get(tokens[k].whole)  # People's Protection Units
                if not isinstance(nxt, dict):
                    break
                node = nxt
                if _END in node:
                    best = k
                k += 1
            if best < 0 or not _cased(tokens, i, best):
                continue
            spans.append(_Span(i, best, tok.start + shift, tokens[best].end, "trie"))
    return spans


def _possessive_gap(text: str, before: _Token, after: _Token) -> bool:
    """``before`` had its possessive 's read off and one space follows it: a table name
    may go on across it (People's Protection Units), as the trie holds the word whole."""
    return bool(before.whole) and text[before.end : after.start] in _POSSESSIVE_GAPS


def _cased(tokens: list[_Token], i: int, j: int) -> bool:
    """A Latin table name in running text is capitalised (the article aside), and a short
    abbreviation is written in capitals."""
    first = tokens[i]
    if first.kind & _ARABIC:
        return True
    k = i
    while k < j and tokens[k].kind & _LINK and not tokens[k].kind & _CAP:
        k += 1
    if not tokens[k].kind & _CAP:
        return False
    if i == j and len(first.norm) <= 3 and not first.kind & _ALLCAPS:
        return False
    return True


def _runs(tokens: list[_Token], joined: list[bool], text: str) -> list[_Span]:
    """Runs of capitalised Latin words (an article or connector may stand between them, an
    article before them) with at least one table word among them."""
    spans: list[_Span] = []
    articles = lexicon().articles
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        starts = tok.kind & _CAP or (
            tok.norm in articles and i + 1 < n and joined[i + 1] and tokens[i + 1].kind & _CAP
        )
        if tok.kind & _ARABIC or not starts:
            i += 1
            continue
        j = i
        k = i + 1
        while k < n and joined[k] and k - i < _MAX_RUN:
            nxt = tokens[k]
            if nxt.kind & _ARABIC or not nxt.kind & (_CAP | _LINK) or nxt.norm in _NOT_IN_NAMES:
                break
            if nxt.kind & _CAP:
                j = k
            k += 1
        if not tokens[j].kind & _CAP:  # an article alone
            i += 1
            continue
        if any(tokens[m].kind & _KNOWN for m in range(i, j + 1)):
            spans.append(_Span(i, j, tokens[i].start, tokens[j].end, "run"))
            if j - i >= _DEAD_RUN:
                # a headline in title case: its table words alone too (Trump Praises ...)
                spans.extend(
                    _Span(k, k, tokens[k].start, tokens[k].end, "run")
                    for k in range(i, j + 1)
                    if tokens[k].kind & _KNOWN and tokens[k].kind & _CAP
                )
            trimmed = i
            while trimmed < j and tokens[trimmed].kind & _GENERIC:
                trimmed += 1
            if trimmed != i:
                spans.append(_Span(trimmed, j, tokens[trimmed].start, tokens[j].end, "run"))
            spans.extend(_pieces(tokens, i, j))
        i = j + 1
    return spans


#: lowercase words that a run of capitalised words reads across (a name may hold them: the
#: Islamic State in Iraq) but that more often stand between two names in running text
#: (Abou Mohammed al-Joulani in Idlib): the pieces between them are read too
_SPLIT_AT = frozenset({"in", "for"})


def _pieces(tokens: list[_Token], i: int, j: int) -> list[_Span]:
    """The parts of the run i..j between its lowercase in / for, each ending on a
    capitalised word and holding a table word; none when the run has no such word."""
    cuts = [m for m in range(i + 1, j) if tokens[m].norm in _SPLIT_AT and not tokens[m].kind & _CAP]
    if not cuts:
        return []
    out: list[_Span] = []
    for a, b in zip([i, *(c + 1 for c in cuts)], [*(c - 1 for c in cuts), j]):
        while b >= a and not tokens[b].kind & _CAP:
            b -= 1
        if a <= b and any(tokens[m].kind & _KNOWN for m in range(a, b + 1)):
            out.append(_Span(a, b, tokens[a].start, tokens[b].end, "run"))
    return out


def _arabic_runs(sc: _Scanner, tokens: list[_Token], joined: list[bool]) -> list[_Span]:
    """Arabic script has no capitals: runs of words that are table words (a clitic aside),
    and each such word alone (بومبيو: a family name the tables write in a full name)."""
    spans: list[_Span] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not (tokens[i].kind & _ARABIC and tokens[i].kind & _KNOWN):
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and joined[j + 1]
            and j + 1 - i < _MAX_RUN
            and tokens[j + 1].kind & _ARABIC
            and tokens[j + 1].kind & _KNOWN
        ):
            j += 1
        for k in range(i, j + 1):
            tok = tokens[k]
            shift = 0 if _unclitic(sc, tok.norm) else 1  # a clitic the tables do not write
            spans.append(_Span(k, k, tok.start + shift, tok.end, "run"))
        if j > i:
            first = tokens[i]
            shift = 0 if _unclitic(sc, first.norm) else 1
            spans.append(_Span(i, j, first.start + shift, tokens[j].end, "run"))
        i = j + 1
    return spans


def _designated(
    sc: _Scanner, tokens: list[_Token], joined: list[bool], text: str, spans: list[_Span]
) -> list[_Span]:
    """A place name with a designator: province of Idlib, Idlib province, محافظة إدلب."""
    designators = lexicon().place_designators
    out: list[_Span] = []
    n = len(tokens)
    for span in spans:
        i, j = span.i, span.j
        if tokens[i].norm in designators or tokens[j].norm in designators:
            continue
        inner = text[span.start : span.end]
        if j + 1 < n and joined[j + 1] and tokens[j + 1].norm in designators:
            out.append(_Span(i, j + 1, span.start, tokens[j + 1].end, "designator", inner))
        if i >= 1 and joined[i] and tokens[i - 1].norm in designators:
            out.append(_Span(i - 1, j, tokens[i - 1].start, span.end, "designator", inner))
        if (
            i >= 2
            and joined[i]
            and joined[i - 1]
            and tokens[i - 1].norm in ("of", "de", "d")
            and tokens[i - 2].norm in designators
        ):
            out.append(_Span(i - 2, j, tokens[i - 2].start, span.end, "designator", inner))
    return out


def _own(sc: _Scanner, text: str, type: str | None) -> _DocMention:
    key = (text, type)
    found = sc.memo.get(key)
    if found is None:
        from .document import mention

        found = mention(sc.resolver, text, type)
        with sc.lock:
            if len(sc.memo) >= _MEMO_SIZE:
                sc.memo.clear()
            sc.memo[key] = found
    return found


def _sound(sc: _Scanner, m: Match, span: _Span, tokens: list[_Token], type: str | None) -> bool:
    """Whether a resolution is good enough for a span of running text."""
    significant = [t for t in tokens[span.i : span.j + 1] if not t.kind & _LINK]
    if span.source == "designator":
        # a designator turns a place into another (Idlib, the city; province of Idlib)
        inner = _own(sc, span.inner, type).own
        return m.type == "place" and inner is not None and inner.type == "place" and (
            inner.id != m.id
        )
    if len(significant) == 1 and m.type == "person" and m.method not in ("exact", "normalized"):
        # one word that a table writes after "the" is a common word (Omar the Chechen)
        words = normalize(m.alias).split()
        if len(words) > 1 and words[-2] in lexicon().stopwords:
            return False
        if significant[0].kind & _ARABIC:
            # Arabic has no capitals to tell a name from a word (صباح is "morning"): a
            # family name alone links only when the document names the person in full
            return False
    if len(significant) <= 1 and m.type != "person":
        # one word: a place or organisation only as a table writes it (not an adjective),
        # and in Arabic (no capitals) not a common word of news text (آب, August, is not Ibb)
        if significant and significant[0].kind & _ARABIC:
            if is_plain_word(significant[0].norm):
                return False
            # the oblique case of the table's plural (الحوثيين for الحوثيون) is as written
            nominative = _nominative(significant[0].norm)
            if nominative and normalize(m.alias) == nominative:
                return True
        return m.method in ("exact", "normalized")
    return True


def _link(
    sc: _Scanner,
    text: str,
    tokens: list[_Token],
    spans: list[_Span],
    runs: list[_Span],
    type: str | None,
    context_out: list[str] | None = None,
) -> list[Mention]:
    mentions: list[tuple[_Span, _DocMention]] = []
    context: list[_DocMention] = []  # settle the others, are not mentions themselves
    context_only: set[int] = set()
    for span in spans:
        surface = text[span.start : span.end]
        if span.source == "designator":
            surface = _ELIDED_DE.sub("de ", surface)  # province d'Idlib: de Idlib
        if _ZWNJ in surface:
            # the pieces of a Persian word, found as the table's words apart (حزب‌الله: حزب
            # الله), are resolved so; else as normalize() reads it, joined (محمدجواد)
            own = _own(sc, surface.replace(_ZWNJ, " "), type)
            if own.own is None and not own.candidates:
                own = _own(sc, surface, type)
        else:
            own = _own(sc, surface, type)
        if own.own is not None and not _sound(sc, own.own, span, tokens, type):
            inner = _own(sc, span.inner, type).own if span.source == "designator" else None
            if inner is not None and inner.id == own.own.id and inner.method in _WRITTEN:
                context.append(own)  # the city of Homs: Homs is the city here too
                context_only.add(id(span))
            # the rejected match stays a candidate: the document may still settle it
            cands = own.candidates or (own.own,)
            own = _DocMention(own.text, None, cands, own.words, own.generic)
        mentions.append((span, own))
    # a table name inside a longer run of capitalised words that names nothing is part of
    # another name (Syria in "Syria News"), unless names of the tables make up the run
    # (Aleppo Voice of America)
    n = len(tokens)
    covered = bytearray(n)  # tokens inside a linked table name
    for s, m in mentions:
        if m.own is not None and s.source == "trie":
            covered[s.i : s.j + 1] = b"\x01" * (s.j - s.i + 1)
    dead_run = [-1] * n  # token -> the first token of the dead run it is in (runs are disjoint)
    for s, m in mentions:
        if (
            s.source == "run"
            and m.own is None
            and not m.candidates
            and 0 < s.j - s.i < _DEAD_RUN
            and not _made_of(s, covered, tokens)
        ):
            for k in range(s.i, s.j + 1):
                dead_run[k] = s.i
    distinct: dict[str, _DocMention] = {}
    for _, m in mentions:
        distinct.setdefault(m.text, m)
    for m in context:
        if distinct.get(m.text) is None or distinct[m.text].own is None:
            distinct[m.text] = m
        if context_out is not None:
            context_out.append(m.text)
    settled = settle_all(list(distinct.values()))
    chosen: list[tuple[_Span, Match]] = []
    for span, m in mentions:
        match = settled[m.text]
        if match is None or id(span) in context_only:
            continue
        if span.source != "run" and dead_run[span.i] >= 0 and dead_run[span.i] == dead_run[span.j]:
            continue  # inside a longer name that names nothing
        chosen.append((_trimmed(sc, span, match, tokens, text), match))
    chosen.sort(key=lambda sm: (-(sm[0].end - sm[0].start), sm[0].start))
    taken = bytearray(n)
    out: list[Mention] = []
    for span, match in chosen:
        if any(taken[span.i : span.j + 1]):
            continue
        taken[span.i : span.j + 1] = b"\x01" * (span.j - span.i + 1)
        out.append(Mention(span.start, span.end, text[span.start : span.end], match))
    out.sort(key=lambda m: m.start)
    return out


def _made_of(run: _Span, covered: bytearray, tokens: list[_Token]) -> bool:
    """Every capitalised word of ``run`` is in a linked table name."""
    return all(
        covered[k] or not tokens[k].kind & _CAP or tokens[k].kind & _GENERIC
        for k in range(run.i, run.j + 1)
    )


def _trimmed(
    sc: _Scanner, span: _Span, match: Match, tokens: list[_Token], text: str
) -> _Span:
    """The span without leading words that are not part of the entity's names (titles,
    a country before a title: U.S. President Donald Trump); never from inside a word whose
    pieces a ZWNJ joins (و‌ولایتی stays whole)."""
    if span.source != "run":
        return span
    names = _name_words(sc, match.id)
    i = span.i
    while i < span.j and (tokens[i].kind & _GENERIC or _fold(tokens[i].norm) not in names):
        if tokens[i].norm in lexicon().articles:
            break
        i += 1
    if i == span.i or text[tokens[i].start - 1 : tokens[i].start] == _ZWNJ:
        return span
    return _Span(i, span.j, tokens[i].start, span.end, span.source)


def _fold(word: str) -> str:
    return fold(word) if word.isascii() else word


def _name_words(sc: _Scanner, entity_id: str) -> frozenset[str]:
    found = sc.names.get(entity_id)
    if found is None:
        entity = sc.resolver.get(entity_id)
        words: set[str] = set()
        if entity is not None:
            for alias in entity.names():
                words.update(_fold(w) for w in normalize(alias.name).split())
        found = sc.names[entity_id] = frozenset(words)
    return found

