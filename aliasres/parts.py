"""Name parts: a name split into tagged tokens.

``parse("President Abu Mohammad al-Jolani")`` strips the title, joins the kunya into one part
(``abu:muhammad``), drops the article of ``al-Jolani`` but remembers it, and notes which part is
the given name (the *head*). The rules (titles, particles, kunyas, ``Abd al-`` compounds) come
from ``aliases/rules/*.yaml``; the given-name variant groups and the Latin spellings of Arabic
tokens from ``aliases/rules/name_tokens.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jellyfish

from .data import bundled_dir, load_rule_file
from .errors import RulesError
from .keys import coarse, fold, skeleton
from .normalize import WORD_MEMO_SIZE, is_arabic_char, normalize

__all__ = [
    "Lexicon",
    "ParsedName",
    "Part",
    "build_lexicon",
    "lexicon",
    "make_part",
    "parse",
    "parse_normal",
    "regroup",
    "split_digraphs",
]

#: kunya prefixes are written as one of these canonical forms in a part's ``prefix``
_MOTHER = frozenset({"umm", "um", "oum", "ام"})
_ARTICLE_AR = "ال"
#: a roman numeral or a single letter: never glued to its neighbour (Investments II)
_ROMAN = re.compile("[ivx]{1,4}|.")
#: a Latin digraph between vowels that may be two letters (is-haq, az-har, fat-hi)
_SPLIT_DIGRAPH = re.compile("(?<=[aeiou])([sztdkg])h(?=[aeiou])")


@dataclass(frozen=True, slots=True)
class Part:
    """One token of a name, with its spelling keys.

    Attributes:
        core: the token once normalized, without article or prefix (``sharaa``, ``شرع``).
        prefix: ``""``, ``"abu"`` (kunya, also for Abou/Abu/أبو), ``"umm"`` or ``"abd"``
            (the ``Abd al-`` compound).
        article: the token carried the article (al-, el-, ash-, ال ...).
        nasab: the token followed bin/ibn/ben ("son of").
        arabic: the token is in Arabic script.
        fold: the fine Latin spelling (see :func:`aliasres.keys.fold`); Arabic tokens keep
            their letters.
        alt: the fold without a glued article (``alsharaa`` -> ``shara``), or ``""``.
        skel: consonant classes; ``skels`` every skeleton the token may have (that of
            ``alt``; for an Arabic final ة/ه also with -h and -t: Taha, Hamudat); ``key`` the
            coarse blocking key, prefix included.
        ident: prefix and fold: two parts with the same ident are the same name.
        spelling: prefix and core: two parts with the same spelling are written alike.
        phonetic: the Metaphone code of a Latin token (names of European origin: Poutine,
            Putin), or ``""``.
        split_skel: for a Latin token with sh, zh, dh, th, kh or gh between vowels, the
            skeleton of the reading of those as two letters, compared with Arabic script only
            (Ishaq is اسحاق, Azhar is ازهر, Fathi is فتحي); ``""`` when there is none or it is
            one of ``skels``.
        groups: ids of the given-name variant groups the token belongs to.
        observed: how often the best-attested of those groups was seen in the source data
            (0 when none): absence of a spelling from a well-observed group is evidence.
        latin: for an Arabic token, the folds of its known Latin spellings.
    """

    core: str
    prefix: str
    article: bool
    nasab: bool
    arabic: bool
    fold: str
    alt: str
    skel: str
    skels: tuple[str, ...]
    key: str
    ident: str
    groups: frozenset[str]
    latin: frozenset[str]
    observed: int = 0
    spelling: str = ""
    phonetic: str = ""
    split_skel: str = ""

    def label(self) -> str:
        """A short readable form for explain(): ``abu muhammad``, ``al-sharaa``."""
        text = self.core
        if self.article:
            text = ("ال" if self.arabic else "al-") + text
        if self.prefix:
            text = f"{self.prefix} {text}"
        return text


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A normalized name split into parts; ``head`` is the index of the given name or -1."""

    text: str
    parts: tuple[Part, ...]
    head: int
    titles: tuple[str, ...] = ()


def _norm_list(items: Any) -> list[str]:
    return [normalize(str(x)) for x in (items or [])]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The particle, title and name-group tables, normalized once."""

    titles: frozenset[tuple[str, ...]]
    title_max: int
    modifiers: frozenset[tuple[str, ...]]
    inner_titles: frozenset[str]
    articles: frozenset[str]
    assimilated: dict[str, str]
    connectors: frozenset[str]
    connector_phrases: frozenset[tuple[str, ...]]
    kunya: frozenset[str]
    kunya_article: frozenset[str]
    compound: frozenset[str]
    allah: frozenset[str]
    din: frozenset[str]
    din_stems: frozenset[str]
    stopwords: frozenset[str]
    org_designators: frozenset[str]
    place_designators: frozenset[str]
    groups: dict[str, frozenset[str]]
    latin_of: dict[str, frozenset[str]]
    #: an Arabic token -> its display spelling (what transliterate() writes: the medoid of its
    #: English-habit spellings, see tools/derive_name_parts.py)
    spelling_of: dict[str, str]
    group_size: dict[str, int]
    #: an Arabic token -> its most common French spelling, where that differs
    spelling_fr: dict[str, str] = field(default_factory=dict)
    #: an Arabic token -> its spelling after the article, where that differs (al-Din)
    spelling_al: dict[str, str] = field(default_factory=dict)
    #: a designator -> the first word of its synonym set (co -> company, ooo -> llc)
    designator_class: dict[str, str] = field(default_factory=dict)
    #: the designators that are a company's legal form only (Ltd, LLC, JSC, S.A. ...)
    legal_forms: frozenset[str] = frozenset()
    #: a legal form written out in words -> its abbreviation's words (joint stock company ->
    #: jsc), by first word
    legal_phrases: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = field(
        default_factory=dict
    )
    #: tokens whose display spelling comes from name_tokens_held.yaml alone (no variant group)
    display_only: set[str] = field(default_factory=set)
    #: variant groups of given names that a leading one may be left out (Muhammad)
    optional_first: frozenset[str] = frozenset()
    #: parts already built, by (core, prefix, article, nasab): names repeat their tokens
    part_cache: dict[tuple[str, str, bool, bool], Part] = field(default_factory=dict, compare=False)


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon built from the bundled rule files (once per process, and on disk)."""
    from .cache import cached, content_key

    files = sorted((bundled_dir() / "rules").glob("*.yaml"))
    return cached(content_key("lexicon", files), lambda: build_lexicon(with_name_tokens=True))


def build_lexicon(*, with_name_tokens: bool) -> Lexicon:
    """Build a lexicon; without the name-token groups when ``with_name_tokens`` is false
    (that is what ``tools/derive_name_parts.py`` derives the groups with)."""
    particles = load_rule_file("particles")
    titles_file = load_rule_file("titles")
    words = load_rule_file("words")
    titles = frozenset(tuple(t.split()) for t in _norm_list(titles_file["titles"]) if t)
    groups: dict[str, set[str]] = {}
    latin_of: dict[str, frozenset[str]] = {}
    spelling_of: dict[str, str] = {}
    lex = Lexicon(
        titles=titles,
        title_max=max((len(t) for t in titles), default=1),
        modifiers=frozenset(tuple(t.split()) for t in _norm_list(titles_file["modifiers"]) if t),
        inner_titles=frozenset(_norm_list(titles_file.get("inner"))),
        articles=frozenset(_norm_list(particles["articles"])),
        assimilated={normalize(k): v for k, v in particles["assimilated"].items()},
        connectors=frozenset(_norm_list(particles["connectors"])),
        connector_phrases=frozenset(
            tuple(t.split()) for t in _norm_list(particles.get("connector_phrases")) if t
        ),
        kunya=frozenset(_norm_list(particles["kunya"])),
        kunya_article=frozenset(_norm_list(particles["kunya_with_article"])),
        compound=frozenset(_norm_list(particles["compound"])),
        allah=frozenset(_norm_list(particles.get("allah"))),
        din=frozenset(_norm_list(particles.get("din"))),
        din_stems=frozenset(_norm_list(particles.get("din_stems"))),
        stopwords=frozenset(_norm_list(words["stopwords"])),
        org_designators=frozenset(
            _norm_list(words["organization_designators"]) + _norm_list(words.get("legal_forms"))
        ),
        place_designators=frozenset(_norm_list(words["place_designators"])),
        groups={},
        latin_of=latin_of,
        spelling_of=spelling_of,
        group_size={},
        optional_first=frozenset(_norm_list(particles.get("optional_first"))),
        designator_class={
            word: synonyms[0]
            for synonyms in map(_norm_list, words.get("designator_synonyms") or [])
            for word in synonyms
        },
        legal_forms=frozenset(_norm_list(words.get("legal_forms"))),
        legal_phrases=_legal_phrases(words),
    )
    path = bundled_dir() / "rules" / "name_tokens.yaml"
    if with_name_tokens and path.exists():
        data = load_rule_file("name_tokens")
        for entry in data.get("tokens", []):
            arabic, spellings = entry["ar"], entry["latin"]
            a_part = _single_part(lex, normalize(arabic))
            if a_part is None:
                continue
            group = a_part.ident
            members = {a_part.ident}
            folds = set()
            for spelling in spellings:
                l_part = _single_part(lex, normalize(spelling))
                if l_part is None or l_part.prefix != a_part.prefix:
                    continue
                members.add(l_part.ident)
                folds.add(l_part.fold)
            for ident in members:
                groups.setdefault(ident, set()).add(group)
            lex.group_size[group] = lex.group_size.get(group, 0) + int(entry.get("n", 0))
            latin_of[a_part.ident] = frozenset(folds)
            if spellings:
                # the first entry of a token is its largest group (the file is sorted by n)
                spelling_of.setdefault(a_part.ident, str(entry.get("en") or spellings[0]))
                if entry.get("fr"):
                    lex.spelling_fr.setdefault(a_part.ident, str(entry["fr"]))
                if entry.get("al"):
                    lex.spelling_al.setdefault(a_part.ident, str(entry["al"]))
    if with_name_tokens and (bundled_dir() / "rules" / "name_tokens_held.yaml").exists():
        _held_display(lex)
    if with_name_tokens and (bundled_dir() / "rules" / "given_names.yaml").exists():
        _curated_groups(lex, groups)
    lex.groups.update({k: frozenset(v) for k, v in groups.items()})
    lex.part_cache.clear()  # parts built above did not know the groups yet
    return lex


def _held_display(lex: Lexicon) -> None:
    """The display spellings of the name tokens held out of name_tokens.yaml
    (name_tokens_held.yaml): what transliterate() writes for them, where nothing else gave a
    spelling. They join no variant group (matching does not read them); their tokens are
    listed in ``lex.display_only`` so that benchmarks/translit.py can mask them."""
    data = load_rule_file("name_tokens_held")
    tokens = data.get("tokens") if isinstance(data, dict) else None
    if not isinstance(tokens, list):
        raise RulesError("name_tokens_held.yaml", None, "'tokens' must be a list")
    for n, entry in enumerate(tokens, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("latin"), list):
            raise RulesError("name_tokens_held.yaml", None, f"token {n}: needs ar and a latin list")
        part = _single_part(lex, normalize(str(entry.get("ar", ""))))
        if part is None or not entry["latin"] or part.ident in lex.spelling_of:
            continue
        lex.spelling_of[part.ident] = str(entry.get("en") or entry["latin"][0])
        if entry.get("fr"):
            lex.spelling_fr.setdefault(part.ident, str(entry["fr"]))
        if entry.get("al"):
            lex.spelling_al.setdefault(part.ident, str(entry["al"]))
        lex.display_only.add(part.ident)


def _legal_phrases(
    words: dict[str, Any],
) -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """words.yaml's ``legal_form_phrases``, normalized, by first word, longest first; each
    abbreviation's words must be legal forms or stopwords (sa de cv)."""
    known = set(_norm_list(words.get("legal_forms"))) | set(_norm_list(words["stopwords"]))
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    phrases = words.get("legal_form_phrases") or {}
    if not isinstance(phrases, dict):
        raise RulesError("words.yaml", None, "legal_form_phrases must be a mapping")
    for phrase, short in phrases.items():
        long_words = tuple(normalize(str(phrase)).split())
        short_words = tuple(normalize(str(short)).split())
        if len(long_words) < 2 or not short_words or not set(short_words) <= known:
            raise RulesError(
                "words.yaml", None,
                f"legal_form_phrases: {phrase!r} -> {short!r}: a phrase of two words or more, "
                "read as legal forms (legal_forms) or stopwords",
            )
        table.setdefault(long_words[0], []).append((long_words, short_words))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}


def _abbreviate_legal(lex: Lexicon, tokens: list[str]) -> list[str]:
    """A legal form written out in words read as its abbreviation: "open joint stock
    company" -> ojsc, "obshchestvo s ogranichennoi otvetstvennostyu" -> ooo (only when the
    name has another word: a phrase alone stays as written)."""
    phrases = lex.legal_phrases
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        for long_words, short_words in phrases.get(tokens[i], ()):
            size = len(long_words)
            if tuple(tokens[i : i + size]) == long_words and n > size:
                out.extend(short_words)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _curated_groups(lex: Lexicon, groups: dict[str, set[str]]) -> None:
    """Add the curated groups of ``aliases/rules/given_names.yaml`` to ``groups`` (ident ->
    group ids): spellings of one given name, with no frequency (they join, never part)."""
    data = load_rule_file("given_names")
    entries = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RulesError("given_names.yaml", None, "'groups' must be a list of lists of spellings")
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, list) or len(entry) < 2:
            raise RulesError("given_names.yaml", None, f"group {n}: two spellings or more")
        idents = []
        for spelling in entry:
            part = _single_part(lex, normalize(str(spelling)))
            if part is None or part.prefix:
                raise RulesError(
                    "given_names.yaml", None, f"group {n}: {spelling!r} is not one name part"
                )
            idents.append(part.ident)
        group = f"given:{idents[0]}"
        lex.group_size.setdefault(group, 0)
        for ident in idents:
            groups.setdefault(ident, set()).add(group)


def _single_part(lex: Lexicon, text: str) -> Part | None:
    """The one part of a one-word name (None when the text is not a single part)."""
    parts = _split(lex, text.split())
    return parts[0] if len(parts) == 1 else None


def split_digraphs(core: str) -> str:
    """A Latin token with sh, zh, dh, th, kh, gh between vowels read as two letters
    (``ishaq`` -> ``is'haq``); the token itself when it has none."""
    return _SPLIT_DIGRAPH.sub(r"\1'h", core)


def make_part(
    lex: Lexicon, core: str, prefix: str = "", article: bool = False, nasab: bool = False
) -> Part:
    """Build a :class:`Part` and its keys from a normalized token (cached per lexicon)."""
    key = (core, prefix, article, nasab)
    part = lex.part_cache.get(key)
    if part is None:
        if len(lex.part_cache) >= 200_000:
            lex.part_cache.clear()  # bounded: a stream of odd names cannot grow it forever
        part = lex.part_cache[key] = _build_part(lex, core, prefix, article, nasab)
    return part


def _build_part(lex: Lexicon, core: str, prefix: str, article: bool, nasab: bool) -> Part:
    arabic = bool(core) and is_arabic_char(core[0])
    alt = ""
    skel = skeleton(core)
    skels = [skel]
    if arabic:
        f = core
        if len(core) > 1 and core[-1] == "ه":
            # final ta marbuta or ha: Latin writes -a, -ah, -at (Hamudat) or -h (Taha)
            skels += [skel + "H", skel + "T"]
    else:
        f = fold(core)
        if len(core) > 2 and core[-1] == "h" and core[-2] in "aeiou":
            # final -ah is mostly ta marbuta (Hamzah), -eh/-ih mostly a real h (Saleh, Fatih)
            bare = skeleton(core[:-1])
            skels = [bare, skel] if core[-2] == "a" else [skel, bare]
            skel = skels[0]
        if "j" in core and len(core) > 3 and re.search("(?:^|[aeiou])j", core):
            # German j writes y (Jassir, Jahja, Ajjub): the reading with that j silent
            skels.append(skeleton(re.sub("(?:^|(?<=[aeiou]))j+", "", core)))
        if not prefix and len(core) >= 5:
            # a glued article: Alsharaa, Eddaouahiri (the article before a sun letter); the
            # assimilated one not after an article written apart, which is never written
            # twice (al-Assad is not al-as-Sad, nor a spelling of Saeed)
            if core[:2] in ("al", "el") or (
                not article
                and core[0] in "aeiu" and core[1] == core[2] and core[1] not in "aeiouwy"
            ):
                alt = fold(core[2:])
                skels.append(skeleton(core[2:]))
    split_skel = ""
    if not arabic:
        split = split_digraphs(core)
        if split != core and skeleton(split) not in skels:
            split_skel = skeleton(split)
    ident = f"{prefix}:{f}" if prefix else f
    key = f"{prefix}:{coarse(skel)}" if prefix else coarse(skel)
    groups = lex.groups.get(ident, frozenset())
    latin = lex.latin_of.get(ident, frozenset()) if arabic else frozenset()
    observed = max((lex.group_size.get(g, 0) for g in groups), default=0)
    phonetic = _metaphone(core) if not arabic and core.isalpha() else ""
    return Part(
        core,
        prefix,
        article,
        nasab,
        arabic,
        f,
        alt,
        skel,
        tuple(skels),
        key,
        ident,
        groups,
        latin,
        observed,
        f"{prefix}:{core}",
        phonetic,
        split_skel,
    )


@functools.lru_cache(maxsize=65536)
def _metaphone(token: str) -> str:
    return jellyfish.metaphone(token) if len(token) >= 3 else ""


def _strip_article(core: str) -> tuple[str, bool]:
    if core.startswith(_ARTICLE_AR) and len(core) >= 4:
        return core[2:], True
    return core, False


def _compound_core(token: str) -> str | None:
    """The name after a glued ``Abd``: abdulrahman -> rahman, عبدالله -> له; else None."""
    if token.startswith("عبد") and len(token) >= 5:
        rest = token[3:]
        rest = rest[2:] if rest.startswith(_ARTICLE_AR) and len(rest) >= 4 else rest
        rest = "له" if rest == "لله" else rest  # عبدلله: Allah without the article's alif
        return rest if len(rest) >= 2 else None
    if not token.startswith("abd") or len(token) < 6 or not token.isascii():
        return None
    rest = token[3:]
    vowels = 0
    while rest and rest[0] in "aeiouy" and vowels < 2:  # Abdyl (Albanian): Abdul
        rest, vowels = rest[1:], vowels + 1
    if rest.startswith("l") and len(rest) >= 4:
        rest = rest[1:]  # Abdul-, Abdel-, Abdal-
    elif len(rest) >= 2 and rest[0] == rest[1]:
        rest = rest[1:]  # Abderrahmane, Abdussalam: the article before a sun letter
    return rest if len(rest) >= 3 else None


def _kunya_core(token: str) -> str | None:
    """The name after a glued kunya: abubakr -> bakr, ابوبكر -> بكر; else None."""
    for head in ("abou", "abu", "ابو"):
        if token.startswith(head):
            rest = token[len(head) :]
            if rest.startswith(("l", "el")) and len(rest) >= 5:
                rest = rest[1:] if rest[0] == "l" else rest[2:]
            if len(rest) >= (3 if head == "ابو" else 4):
                return rest
    return None


def _compound_tail(core: str) -> str:
    """Drop a glued article from the name after Abd/Abu: allah -> lah, الرحمن -> رحمن,
    لله -> له (عبدلله: Allah written without the article's alif)."""
    if core.startswith(_ARTICLE_AR) and len(core) >= 3:
        return core[2:]
    if core == "لله":
        return "له"
    if core[:2] in ("al", "el", "ul") and len(core) >= 5:
        return core[2:]
    return core


#: Latin glues "X Allah" and "X al-Din" into one word (Hidayatullah, Shamsuddin) where
#: Arabic writes two (هداية الله, شمس الدين): split them, the tail marked as an article.
_GLUED_TAILS = (
    (re.compile(r"^([a-z]{3,}?)(?:ullah|ollah|allah|ulla|olla)$"), "lah"),
    (re.compile(r"^([a-z]{3,}?)(?:[aeiou]d{1,2}(?:in|ine|een|ean))$"), "din"),
)


#: "-alla" for Allah (Abdalla, Fadlalla): only after Abd or a name the name data knows
#: (Ghazalla is Ghazala, a gazelle)
_GLUED_ALLA = re.compile(r"^([a-z]{3,}?)alla$")
#: "-aldin", "-eldin" glued with the article's l (Salahaldin): only after a stem of
#: particles.yaml's ``din_stems``
_GLUED_ALDIN = re.compile(r"^([a-z]{3,}?)(?:[aeiou]ld{1,2}(?:in|ine|een|ean))$")


def _org_word(token: str) -> bool:
    """A word of the organisation-word table (Mujahideen): never a glued -uddin name."""
    from .orgwords import org_words  # orgwords reads parts

    return token in org_words().concepts


def _glued_tail(lex: Lexicon, token: str) -> tuple[str, str] | None:
    """(stem, tail) of a glued theophoric or -uddin name; else None."""
    if len(token) < 7 or not token.isascii():
        return None
    for pattern, tail in _GLUED_TAILS:
        m = pattern.match(token)
        if m and (tail == "lah" or not _org_word(token)):
            return m.group(1), tail
    m = _GLUED_ALDIN.match(token)
    if m and m.group(1) in lex.din_stems:  # Salah+aldin; not Ger+aldine
        return m.group(1), "din"
    m = _GLUED_ALLA.match(token)
    if m and (m.group(1) in lex.compound or fold(m.group(1)) in lex.groups):
        return m.group(1), "lah"
    return None


#: Arabic script glues them too, in Persian and Pashto names above all (خيرالله for خير الله,
#: نورالدين for نور الدين): split the same way, the tail with its article
_GLUED_TAILS_AR = (("الله", "له"), ("الدين", "دين"))
#: the cores of the second word of a theophoric or -din name (the Allah of Sanaullah), as
#: parse() writes them after the article
TAIL_CORES = frozenset(tail for _, tail in (*_GLUED_TAILS, *_GLUED_TAILS_AR))


def _known_ar(lex: Lexicon, word: str) -> bool:
    """An Arabic-script word the name data knows (a group of spellings, or Latin ones)."""
    return word in lex.groups or word in lex.latin_of


def _glued_tail_ar(lex: Lexicon, token: str) -> tuple[str, str] | None:
    """(stem, tail) of an Arabic-script word with الله or الدين glued on: any stem of two
    letters or more before الله, a name token the name data knows before الدين (نور; not
    the جير of جيرالدين, Geraldine); else None."""
    if len(token) < 6 or token.isascii():
        return None
    for glued, tail in _GLUED_TAILS_AR:
        stem = token[: -len(glued)]
        if not token.endswith(glued):
            continue
        # a word ending in الله is a theophoric name whatever its stem (خيرالله); الدين
        # ends other words too (جيرالدين, Geraldine), so its stem must be a known name
        if _known_ar(lex, stem) or (tail == "له" and len(stem) >= 2):
            return stem, tail
    return None


def _is_article(lex: Lexicon, token: str, nxt: str | None) -> bool:
    if nxt is None:
        return False
    if token in lex.articles:
        return True
    sound = lex.assimilated.get(token)
    return sound is not None and nxt.startswith(sound)


#: "son of" glued to the name after it by a list (Binalshibh, بنحسين)
_GLUED_BIN = re.compile(r"^(bin|ben|ibn)(al|el)([a-z]{3,})$")
#: how a word that _unglue_connectors may split ends: عبد glued to the name before it
#: (محمدعبد البصير = محمد عبد البصير); no name ends in عبد, which always takes a name after it
_GLUED_ENDS = "عبد"
#: a word after the first that starts so, or one before the last that ends so, in a name's
#: text (one search instead of a test per word; a word matched that titles leave out, or a
#: first word after leading white space, only costs the longer path)
_GLUED_WORD = re.compile(r"\s(?:bin|ben|ibn|بن)|عبد\s")


def _unglue_connectors(lex: Lexicon, tokens: list[str]) -> list[str]:
    """Binalshibh -> bin al shibh, بنحسين -> بن حسين (a word after the first; in Arabic
    script only before a name the name data knows); محمدعبد الله -> محمد عبد الله (before
    another word, after a name the name data knows)."""
    out: list[str] = []
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        if i < last and tok.endswith(_GLUED_ENDS) and len(tok) >= 6 and _known_ar(lex, tok[:-3]):
            out += [tok[:-3], _GLUED_ENDS]
        elif i and (m := _GLUED_BIN.match(tok)):
            out += m.groups()
        elif i and tok.startswith("بن") and len(tok) >= 5 and _known_ar(lex, tok[2:]):
            out += ["بن", tok[2:]]
        else:
            out.append(tok)
    return out


def _split(
    lex: Lexicon, tokens: list[str], memo: WordMemo | None = None, glued: bool = True
) -> list[Part]:
    """The parts of a name's words (titles stripped); ``memo``: the parts of each plain word
    already read (for building an index of many names); ``glued``: False when no word is one
    :func:`_unglue_connectors` splits (it would change nothing)."""
    parts: list[Part] = []
    articles, assimilated, cache = lex.articles, lex.assimilated, lex.part_cache
    if glued:
        tokens = _unglue_connectors(lex, tokens)
    n = len(tokens)
    i = 0
    article = nasab = False
    while i < n:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        if nxt is not None and tok in lex.connectors:
            nasab = True
            i += 1
            continue
        if i + 2 < n and (tok, nxt) in lex.connector_phrases:  # Akhter son of Noor
            nasab = True
            i += 2
            continue
        if nxt is not None and (
            tok in lex.kunya or tok in lex.compound or tok in lex.kunya_article
        ):
            prefix = "abd" if tok in lex.compound else ("umm" if tok in _MOTHER else "abu")
            j = i + 1
            if j + 1 < n and _is_article(lex, tokens[j], tokens[j + 1]):
                j += 1
            core = _compound_tail(tokens[j])
            if prefix != "abd":
                # Abu Abd al-Aziz = Abu Abdulaziz: the kunya of a compound name
                if core in lex.compound and j + 1 < n:
                    j += 1
                    if j + 1 < n and _is_article(lex, tokens[j], tokens[j + 1]):
                        j += 1
                    core = "abd" + _compound_tail(tokens[j])
                elif (inner := _compound_core(core)) is not None:
                    core = "abd" + inner
            parts.append(make_part(lex, core, prefix, False, nasab))
            article = nasab = False
            i = j + 1
            continue
        if nxt is not None and (  # _is_article(lex, tok, nxt), inline: asked of every word
            tok in articles
            or ((sound := assimilated.get(tok)) is not None and nxt.startswith(sound))
        ):
            article = True
            i += 1
            continue
        made = None if memo is None else memo.get((tok, article, nasab))
        if made is None:
            made = _word_parts(lex, tok, article, nasab)
            if memo is not None:
                if len(memo) >= WORD_MEMO_SIZE:
                    memo.clear()
                memo[tok, article, nasab] = made
        for key in made:
            part = cache.get(key)  # make_part's own look-up, without the call
            parts.append(make_part(lex, *key) if part is None else part)
        article = nasab = False
        i += 1
    return parts


#: the arguments of make_part: core, prefix, article, nasab
PartKey = tuple[str, str, bool, bool]
#: a memo of :func:`_word_parts` for building an index (see :func:`parse_normal`)
WordMemo = dict[str | tuple[str, bool, bool], tuple[PartKey, ...]]


def _word_parts(lex: Lexicon, tok: str, article: bool, nasab: bool) -> tuple[PartKey, ...]:
    """The parts of a word that is no particle (no connector, kunya, compound or article
    before a word): what it reads as depends on the word and the two flags alone."""
    glued = _compound_core(tok)
    if glued is not None:
        return ((glued, "abd", False, nasab),)
    if (kcore := _kunya_core(tok)) is not None:
        kcore = _compound_tail(kcore)
        inner = _compound_core(kcore)
        return (("abd" + inner if inner else kcore, "abu", False, nasab),)
    if tok in lex.allah:
        return (("lah", "", True, nasab),)
    if tok in lex.din:  # Nor Eldin: al-Din written as one word
        return (("din", "", True, nasab),)
    if (glued_tail := _glued_tail(lex, tok) or _glued_tail_ar(lex, tok)) is not None:
        stem, tail = glued_tail
        if stem in lex.compound:  # Abdulla: Abd Allah
            return ((tail, "abd", False, nasab),)
        return ((stem, "", article, nasab), (tail, "", True, False))
    core, glued_article = _strip_article(tok)
    return ((core, "", article or glued_article, nasab),)


def _strip_titles(lex: Lexicon, tokens: list[str]) -> tuple[list[str], tuple[str, ...]]:
    i = end = 0
    n = len(tokens)
    while i < n:
        for size in range(min(lex.title_max, n - i), 0, -1):
            words = tuple(tokens[i : i + size])
            if words in lex.titles:
                i += size
                end = i
                break
            if words in lex.modifiers:
                i += size  # kept only if a title follows
                break
        else:
            break
    if 0 < end < n:
        tokens, titles = tokens[end:], tuple(tokens[:end])
    else:
        titles = ()
    if lex.inner_titles and len(tokens) > 2:
        # a title inside the name (Mehmood Dr. Bashir Uddin: "Mehmood, Dr. Bashir Uddin"
        # written without its comma), never its first or last word
        # (``titles`` keeps the leading titles only: callers count them off the front)
        if any(t in lex.inner_titles for t in tokens[1:-1]):
            tokens = [tokens[0], *(t for t in tokens[1:-1] if t not in lex.inner_titles),
                      tokens[-1]]
    return tokens, titles


def _head(parts: list[Part]) -> int:
    if len(parts) < 2:
        return -1
    for index, part in enumerate(parts):
        if part.prefix in ("", "abd") and not part.article and not part.nasab:
            return index
    return -1


def regroup(
    lex: Lexicon,
    name: ParsedName,
    known_word: Callable[[str, bool], bool],
    known_joined: Callable[[str, bool], bool],
    *,
    limit: int = 6,
) -> list[tuple[ParsedName, tuple[int, ...]]]:
    """Readings of ``name`` with one word written apart or together otherwise: two parts
    joined (Gholam Ali -> Gholamali, ولی جان -> ولیجان) or one part cut in two (Bioforestal
    -> Bio Forestal, ظاهرعويس -> ظاهر عويس).

    A cut is kept only when ``known_word(text, arabic)`` accepts both halves, a join only
    when ``known_joined(text, arabic)`` accepts the joined word (the resolver passes "the table has
    this word"), so a name yields a few readings at most (``limit``). Parts with a kunya or
    Abd al- prefix are left as they are. Each reading comes with the indexes of its new
    parts: a match that leaves one of them out is no match (Hansuri is not Han Suri because
    Suri alone matches).
    """
    parts = name.parts
    if not parts or len(parts) > 8:
        return []
    out: list[tuple[ParsedName, tuple[int, ...]]] = []

    def add(new: list[Part], changed: tuple[int, ...]) -> None:
        out.append((ParsedName(name.text, tuple(new), _head(new), name.titles), changed))

    joins: dict[int, Part] = {}
    for i in range(len(parts) - 1):
        a, b = parts[i], parts[i + 1]
        if a.prefix or b.prefix or b.article or a.arabic != b.arabic:
            continue
        if _ROMAN.fullmatch(a.core) or _ROMAN.fullmatch(b.core):
            continue  # Investments II is not Investmentsii
        if not known_joined(a.core + b.core, a.arabic):
            continue
        joined = make_part(lex, a.core + b.core, "", a.article, a.nasab)
        if not (joined.alt and not a.alt):  # Ali Muhammad is not al-Imuhammad
            joins[i] = joined
            add([*parts[:i], joined, *parts[i + 2 :]], (i,))
            if len(out) >= limit:
                return out
    if len(joins) > 1:
        # several joins at once (Akhund Zada Shukoor Akhund Zada -> Akhundzada Shukoor
        # Akhundzada): each word joined wherever it occurs, then every join
        by_word: dict[str, list[int]] = {}
        for i, joined in joins.items():
            by_word.setdefault(joined.core, []).append(i)
        sets = [tuple(v) for v in by_word.values() if len(v) > 1]
        sets.append(tuple(joins))
        for chosen in dict.fromkeys(sets):
            new: list[Part] = []
            changed: list[int] = []
            i = 0
            while i < len(parts):
                if i in chosen:
                    changed.append(len(new))
                    new.append(joins[i])
                    i += 2
                else:
                    new.append(parts[i])
                    i += 1
            if len(changed) > 1:
                add(new, tuple(changed))
                if len(out) >= limit:
                    return out
    for i, p in enumerate(parts):
        if p.prefix or p.core.isdigit():
            continue
        core = p.core
        if len(core) > 30:
            continue  # no two glued names are that long: bounded work for junk input
        shortest = 2 if p.arabic else 3
        for cut in range(shortest, len(core) - shortest + 1):
            if known_word(core[:cut], p.arabic) and known_word(core[cut:], p.arabic):
                head = make_part(lex, core[:cut], "", p.article, p.nasab)
                tail = make_part(lex, core[cut:])
                add([*parts[:i], head, tail, *parts[i + 1 :]], (i, i + 1))
                if len(out) >= limit:
                    return out
    return out


@functools.lru_cache(maxsize=65536)
def parse(name: str) -> ParsedName:
    """Split a name into :class:`Part` objects (cached; ``name`` is any string)."""
    lex = lexicon()
    # the words of one lexicon read once per process: a query is mostly words read before
    # (parse_normal is parse, with such a memo: tests/test_build_memo.py)
    if not _QUERY_WORDS or _QUERY_WORDS[0][0] is not lex:
        _QUERY_WORDS[:] = [(lex, {})]
    return parse_normal(lex, normalize(name), _QUERY_WORDS[0][1])


#: the word memo of :func:`parse`, with the lexicon it was made for
_QUERY_WORDS: list[tuple[Lexicon, WordMemo]] = []


def parse_plain(name: str) -> ParsedName:
    """:func:`parse` without its caches: each word read afresh (the reference of the
    tests)."""
    lex = lexicon()
    text = normalize(name)
    tokens = text.split()
    # the shortcuts of parse_normal: no title to strip when no title or modifier starts the
    # name and none is inside it; _unglue_connectors only when a word may be glued
    if tokens and (tokens[0] in _plain_words(lex)[1] or not lex.inner_titles.isdisjoint(tokens)):
        tokens, titles = _strip_titles(lex, tokens)
    else:
        titles = ()
    if not lex.legal_phrases.keys().isdisjoint(tokens):
        tokens = _abbreviate_legal(lex, tokens)
    parts = _split(lex, tokens, glued=_GLUED_WORD.search(text) is not None)
    return ParsedName(text, tuple(parts), _head(parts), titles)


def parse_normal(lex: Lexicon, text: str, memo: WordMemo) -> ParsedName:
    """:func:`parse` of a name already normalized (``text``), with the parts of its plain
    words looked up in ``memo`` (and added to it): for building an index, where a million
    names are made of a few thousand words. Not cached: each name is parsed once."""
    tokens = text.split()
    particles, title_words = _plain_words(lex)
    if tokens and (tokens[0] in title_words or not lex.inner_titles.isdisjoint(tokens)):
        tokens, titles = _strip_titles(lex, tokens)
    else:
        titles = ()  # no title or modifier starts it, none inside: nothing to strip
    if not lex.legal_phrases.keys().isdisjoint(tokens):
        tokens = _abbreviate_legal(lex, tokens)
    # bin glued on, or Abd glued to the name before it: _unglue_connectors
    glued = _GLUED_WORD.search(text) is not None
    if glued or not particles.isdisjoint(tokens):
        parts = _split(lex, tokens, memo, glued)
    else:  # no particle: each word reads alone, with no article or nasab flag before it
        parts = []
        cache = lex.part_cache
        for tok in tokens:
            made = memo.get(tok)  # (keyed by the word alone: both flags are off)
            if made is None:
                if len(memo) >= WORD_MEMO_SIZE:
                    memo.clear()
                made = memo[tok] = _word_parts(lex, tok, False, False)
            for key in made:
                part = cache.get(key)  # make_part's own look-up, without the call
                parts.append(make_part(lex, *key) if part is None else part)
    return ParsedName(text, tuple(parts), _head(parts), titles)


#: _plain_words of the last lexicon asked about
_PLAIN: list[tuple[Lexicon, frozenset[str], frozenset[str]]] = []


def _plain_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words :func:`_split` reads as particles (connectors and the first words of
    connector phrases, kunyas, Abd, articles), and the first words of titles and modifiers:
    a name with none of them (and no inner title) is read word by word."""
    if _PLAIN and _PLAIN[0][0] is lex:
        return _PLAIN[0][1], _PLAIN[0][2]
    particles = (
        lex.connectors | lex.kunya | lex.compound | lex.kunya_article | lex.articles
        | frozenset(lex.assimilated) | frozenset(p[0] for p in lex.connector_phrases)
    )
    starts = frozenset(t[0] for t in lex.titles | lex.modifiers if t)
    _PLAIN[:] = [(lex, particles, starts)]
    return particles, starts


@functools.cache
def nisba_entries() -> tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    """``aliases/rules/nisbas.yaml``, the nisba table's one reader: per entry its nisbas, its
    English and French adjectives and its Arabic forms, normalized and validated
    (aliasres.query.nisba_table and :func:`nationality_nisbas` read it from here)."""
    data = load_rule_file("nisbas")
    out = []

    def words(entry: dict[str, object], key: str, n: int) -> list[str]:
        # a list of words: a string here would be read letter by letter (masri: m, a, ...)
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ValueError(f"entry {n}: {key!r} must be a list of words, not {value!r}")
        return [normalize(w) for w in value]

    try:
        for n, entry in enumerate(data["nisbas"], 1):
            if not isinstance(entry, dict):
                raise ValueError(f"entry {n} must be a mapping, not {entry!r}")
            nisbas, english, french = (words(entry, key, n) for key in ("nisba", "en", "fr"))
            if not nisbas or not english or not all(nisbas + english + french):
                raise ValueError(f"entry {n} needs a nisba and an English word")
            arabic = entry.get("ar") or []
            if not isinstance(arabic, list) or not all(
                isinstance(w, str) and w.strip() and all(is_arabic_char(c) for c in w.strip())
                for w in arabic
            ):
                raise ValueError(f"entry {n}: 'ar' must be a list of Arabic-script words")
            out.append((tuple(nisbas), tuple(english + french),
                        tuple(normalize(w) for w in arabic)))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RulesError("nisbas.yaml", None, f"malformed nisba table: {exc}") from exc
    return tuple(out)


@functools.cache
def nationality_nisbas() -> frozenset[str]:
    """The folds of the nationality nisbas of ``aliases/rules/nisbas.yaml`` (al-Masri, al-Libi,
    al-Turki; their Arabic forms from its ``ar`` lists: المصري), with the Arabic name groups
    of each (Masry is masri's fold, تركي Turki's group).

    Such a word names where a person is from, and many people of the lists carry it (Abu
    Hafs al-Masri, Abd al-Aziz al-Masri): alone it names no one (aliasres.score and
    aliasres.shortforms refuse it as a family name alone). After a name it is that name's
    (Abu Talha al-Almani)."""
    lex = lexicon()
    folds: set[str] = set()
    for nisbas, _, arabic in nisba_entries():
        for word in nisbas + arabic:
            for part in parse(word).parts:
                folds.add(part.fold)
                folds.update(part.groups)
                folds.update(lex.groups.get(part.fold, ()))
    return frozenset(folds)


def is_nationality_nisba(part: Part) -> bool:
    """``part`` is a nationality nisba (:func:`nationality_nisbas`), by its fold or its
    Arabic name group."""
    table = nationality_nisbas()
    return part.fold in table or not table.isdisjoint(part.groups)
