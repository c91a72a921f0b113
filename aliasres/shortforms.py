"""Short forms and single words, as news writes them.

:func:`resolve_short` is :meth:`Resolver.resolve` for a mention cut out of running text:

* what surrounds a name is read off first: quotes (« », “ ”), a possessive ('s, ’s), an
  Arabic clitic (و ب ل ف) or a detached article (ال شرع), trailing place qualifiers
  ("Aleppo, Syria"; at most :data:`MAX_QUALIFIERS` commas);
* a family name, nisba or laqab alone (Nasrallah, Erdoğan, Zawahri, Joulani) resolves when
  exactly one person of the tables carries it as the last word of a name, it is not a common
  given name, and no entity of another kind has it as a name; when several persons carry it,
  it is ambiguous;
* a one-word mention that is a person's family name never becomes a place or an
  organisation by a near spelling (Soleimani is not Sulaymaniyah);
* a name that is exactly an epithet of the tables (The Tiger) never resolves to something
  else by a near spelling (the Tigris);
* a place or organisation is not named by one word that is a common given name (Riyad,
  Jassim, Abd), unless it is the entity's own name as written or ``type`` asks for that kind;
* one Arabic-script word names a place or organisation only as the tables write it in
  Arabic script (برايس, Price, is not باريس; مومباي, Mumbai, is not منبج), or across scripts
  when the tables give no Arabic-script name.

:func:`common_name_aliases` lists the table aliases the last rule makes useless, for
``aliasres check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from .keys import fold, skeleton
from .lazy import PerObject
from .normalize import has_arabic, normalize
from .parts import is_nationality_nisba, lexicon, parse
from .evidence import candidate_only
from .score import SHORT_ALIAS
from .types import Entity, Match

if TYPE_CHECKING:
    from .evidence import Evidence
    from .resolve import Resolver

__all__ = ["common_name_aliases", "read_off", "resolve_short", "short_candidates"]

#: a given name seen at least this often in the name data is common (Riyad 33, Jassim 26)
COMMON_GIVEN = 20
#: the score of a family name alone that one person carries
SCORE_SHORT = 0.9
#: a near spelling of a family name (Zawahri / Zawahiri): same consonants, folds this close
_NEAR_FAMILY = 0.85
#: a family name alone this short is written letter for letter (Koach is not Kuach)
_SHORT_FAMILY = 5
#: a family name alone is at least this long (Hua, Eta: too short to name one person)
_MIN_FAMILY = 4
_EXACT_METHODS = frozenset({"exact", "normalized"})
#: the whole of a table name matched, spelled alike (Joulani = the listed Jolani)
_WHOLE_NAME = frozenset({"exact", "normalized", "key"})

_QUOTES = "\"'«»“”„‟‘’‹›「」"
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s?$")
_ARABIC_CLITICS = "وفبل"
_ARTICLE_AR = "ال"
#: a name with none of these has a single reading
_DECORATION = re.compile("[" + re.escape(_QUOTES + "ʼ") + "\u0600-\u08ff]")


def read_off(name: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """The readings of a mention to try, in order: without the quotes and possessive around
    it, then as written; an Arabic clitic (و ب ل ف) or detached article read off too. A clitic
    reading comes first when ``known`` says that the word without it is a table word and the
    word with it is not (وبشار: بشار), else last (وليد is a name).

    >>> read_off("«Bashar al-Assad's»")
    ['Bashar al-Assad', "Bashar al-Assad's", "«Bashar al-Assad's»"]
    >>> read_off("والشرع")
    ['والشرع', 'الشرع']
    """
    if _DECORATION.search(name) is None:
        return [name]  # nothing to read off (most names): no copies, no Arabic checks
    text = name.strip().strip(_QUOTES).strip()
    bare = _bare(name)
    readings = [bare, text, name]
    if has_arabic(bare):
        words = bare.split()
        if len(words) > 1 and words[0] == _ARTICLE_AR:  # a detached article: ال شرع
            words = [_ARTICLE_AR + words[1], *words[2:]]
            readings.insert(0, " ".join(words))
        first = words[0] if words else ""
        if len(first) > 3 and first[0] in _ARABIC_CLITICS:
            rest = first[1:]
            if first[0] == "ل" and rest.startswith("ل"):  # لل = ل + ال
                rest = "ا" + rest
            reading = " ".join([rest, *words[1:]])
            norm_first, norm_rest = normalize(first), normalize(rest)
            if known is not None and known(norm_rest) and not known(norm_first):
                readings.insert(0, reading)
            else:
                readings.append(reading)
    return [r for r in dict.fromkeys(readings) if r]


def _bare(name: str) -> str:
    return _POSSESSIVE.sub("", name.strip().strip(_QUOTES).strip())


def _known_word(resolver: Resolver) -> Callable[[str], bool]:
    index = resolver._index
    groups = index.lex.groups

    def known(word: str) -> bool:
        if word in index.normal:  # a one-word name as a table writes it (ببيلا)
            return True
        if word.startswith(_ARTICLE_AR) and len(word) > 4:
            word = word[2:]
        return f":{word}" in index.by_fold or word in groups or word in index.normal

    return known


@dataclass(frozen=True, slots=True)
class _Families:
    """Persons by the last word of their names (a family name, nisba or laqab)."""

    by_fold: dict[str, frozenset[int]]
    by_skeleton: dict[str, tuple[str, ...]]
    alias: dict[tuple[int, str], str]  # (entity, fold) -> the table name it came from
    entities: tuple[Entity, ...]
    index: dict[str, int]  # entity id -> index
    heads: frozenset[str]  # the persons' given names, folded
    #: the persons carrying a fold as the last word of a weak name only: each the rival of
    #: the carriers of a strong name (Abu Bakr al-Baghdadi, weak, of one person, and Abdulqader
    #: Mohammed al-Baghdadi of another: Baghdadi alone names neither)
    weak_by_fold: dict[str, frozenset[int]]


def _last_word(name: str) -> str:
    words = normalize(name).split()
    if not words:
        return ""
    last = words[-1]
    if last.startswith(_ARTICLE_AR) and len(last) > 4:
        last = last[2:]
    return last


def _common_given(word: str, heads: frozenset[str]) -> bool:
    """``word`` is a common given name: the given name of a person of the tables, and seen
    at least COMMON_GIVEN times in the name data (Riyad, Jassim), or the Abd of an Abd al-
    compound. Both conditions: the name data alone holds many words that are also place
    names (France, Washington)."""
    parts = parse(word).parts
    if len(parts) != 1 or parts[0].article or parts[0].prefix:
        return False
    part = parts[0]
    if part.core in lexicon().compound:
        return True
    return part.observed >= COMMON_GIVEN and part.fold in heads


def _has_article(name: str) -> bool:
    return any(t in lexicon().articles for t in normalize(name).split())


def _seen_as_given(word: str) -> bool:
    """A family name alone that is also a common given name (Hussein) names no one."""
    parts = parse(word).parts
    return len(parts) == 1 and parts[0].observed >= COMMON_GIVEN


def _nationality(word: str) -> bool:
    """A one-word name that is a nationality nisba (al-Masri: many people of the lists carry
    it; aliasres.parts.nationality_nisbas) names no one alone."""
    parts = parse(word).parts
    return len(parts) == 1 and is_nationality_nisba(parts[0])


def given_names(entities: Iterable[Entity]) -> frozenset[str]:
    """The folded given names (parsed heads) of the persons among ``entities``."""
    heads: set[str] = set()
    for entity in entities:
        if entity.type != "person":
            continue
        for alias in entity.names():
            if alias.kind == "epithet":
                continue
            parsed = parse(alias.name)
            if 0 <= parsed.head < len(parsed.parts) and not parsed.parts[parsed.head].prefix:
                heads.add(parsed.parts[parsed.head].fold)
    return frozenset(heads)


def _build_families(resolver: Resolver) -> _Families:
    lex = lexicon()
    by_fold: dict[str, set[int]] = {}
    weak_by_fold: dict[str, set[int]] = {}
    alias: dict[tuple[int, str], str] = {}
    entities = resolver.entities
    links = resolver._index.links
    for eidx, entity in enumerate(entities):
        if entity.type != "person":
            continue
        for a in entity.names():
            if a.kind == "epithet" or not _family_written(a.name):
                continue
            last = _last_word(a.name)
            if len(last) < _MIN_FAMILY or last in lex.articles or last in lex.kunya:
                continue
            key = fold(last) or last
            # a linked entity counts as its group (one person listed twice is one carrier)
            group = links.canonical[eidx]
            if a.weak:
                weak_by_fold.setdefault(key, set()).add(group)
                continue
            by_fold.setdefault(key, set()).add(group)
            alias.setdefault((group, key), a.name)
    by_skeleton: dict[str, list[str]] = {}
    for key in by_fold:
        by_skeleton.setdefault(skeleton(key), []).append(key)
    return _Families(
        {k: frozenset(v) for k, v in by_fold.items()},
        {k: tuple(v) for k, v in by_skeleton.items()},
        alias,
        entities,
        {e.id: i for i, e in enumerate(entities)},
        given_names(entities),
        {k: frozenset(v) for k, v in weak_by_fold.items()},
    )


_families_of: PerObject[Resolver, _Families] = PerObject(_build_families)


def _carriers(resolver: Resolver, word: str) -> dict[int, str]:
    """The persons carrying ``word`` as the last word of a name: entity index -> the fold."""
    fam = _families_of(resolver)
    key = fold(word) or word
    found = {e: key for e in fam.by_fold.get(key, ())}
    if found and len(key) <= SHORT_ALIAS:
        found = _same_consonants(fam, word, found)
    if not found and len(key) >= 5 and key.isascii():
        for other in fam.by_skeleton.get(skeleton(key), ()):
            if Levenshtein.normalized_similarity(key, other) >= _NEAR_FAMILY:
                found.update((e, other) for e in fam.by_fold[other])
    return _spelled_alike(fam, word, found)


def _spelled_alike(fam: _Families, word: str, found: dict[int, str]) -> dict[int, str]:
    """The carriers whose family name is written as ``word`` is, letter for letter, or
    with one letter more, less or other when both have more than five (Zawahri / Zawahiri,
    Joulani / Jolani). The fold merges vowels and letters that Arabic writes alike,
    which two words of one name may differ by; two one-word names need more: on the
    sanctions lists the fold alone gave another person's name nine times in ten (Vazir is
    not Wazir, Chaparro not Shperov, Lumu not Luumu)."""
    written = _last_word(word)
    kept: dict[int, str] = {}
    for eidx, key in found.items():
        own = _last_word(fam.alias.get((eidx, key), ""))
        edits = 0 if min(len(own), len(written)) <= _SHORT_FAMILY else 1
        if own and Levenshtein.distance(written, own, score_cutoff=edits + 1) <= edits:
            kept[eidx] = key
    return kept


def _family_written(name: str) -> bool:
    """Whether the last word of ``name`` may be a family name: a name of a given name and a
    family name at least, not a kunya (Abu al-Wafa') nor a title and one word (Ustad Talha),
    whose last word is no one's family name."""
    lex = lexicon()
    words = normalize(name).split()[sum(len(t.split()) for t in parse(name).titles):]
    words = [w for w in words if w not in lex.articles]
    return len(words) >= 2 and words[-2] not in lex.kunya


def _same_consonants(fam: _Families, word: str, found: dict[int, str]) -> dict[int, str]:
    """The carriers of a very short family name (at most ``SHORT_ALIAS`` letters once
    folded) whose own word has the consonants of ``word``: the fold merges D-SH and D-S, and
    a word that short has nothing else to prove it (Daesh is not Dass; Das is). The rule of
    :func:`aliasres.score.short_alias_cap`, on this path."""
    wanted = skeleton(normalize(word))
    kept: dict[int, str] = {}
    for eidx, key in found.items():
        words = normalize(fam.alias.get((eidx, key), "")).split()
        if words and skeleton(words[-1]) == wanted:
            kept[eidx] = key
    return kept


def _significant(name: str) -> list[str]:
    lex = lexicon()
    return [w for w in normalize(name).split() if w not in lex.articles and w not in lex.stopwords]


#: a name with more commas than this is no place with qualifiers (Douma, Rif Dimashq, Syria
#: has two): each qualifier read off nests the readings of the rest, so a long chain of them
#: (Homs, Homs, Homs ...) took seconds
MAX_QUALIFIERS = 3


def _qualifier_ok(resolver: Resolver, name: str) -> str:
    """``Aleppo, Syria``: the head before a trailing place qualifier, or ``""`` (also for a
    name of more than :data:`MAX_QUALIFIERS` commas)."""
    if name.count(",") > MAX_QUALIFIERS:
        return ""
    head, sep, tail = name.rpartition(",")
    if not sep or not head.strip() or not tail.strip():
        return ""
    qualifier, _ = resolver._engine(tail.strip(), "place", last_resort=False)
    if qualifier is None or qualifier.method not in _EXACT_METHODS:
        return ""
    return head.strip()


def _qualified(
    resolver: Resolver, name: str, type: str | None, evidence: Evidence | None = None
) -> Match | None:
    """The place before a trailing country (or region) qualifier."""
    head = _qualifier_ok(resolver, name)
    found = resolve_short(resolver, head, type=type, evidence=evidence) if head else None
    return found if found is not None and found.type == "place" else None


def _merged(found: list[Match], short: list[Match]) -> list[Match]:
    """The engine's candidates with the short-form match, one per entity, best first."""
    if not short:
        return found
    best: dict[str, Match] = {}
    for m in (*found, *short):
        if m.id not in best or m.score > best[m.id].score:
            best[m.id] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.id))


def _evidence(
    resolver: Resolver,
    reading: str,
    type: str | None,
    words: list[str],
    evidence: Evidence | None = None,
    last_resort: bool = False,
) -> tuple[Match | None, list[Match], list[Match]]:
    """For one reading: the engine's decision, its candidates (scores updated by the
    ``evidence`` beyond the name), and these with the short-form match merged in."""
    decision, found = resolver._engine(reading, type, evidence, last_resort)
    short = short_candidates(resolver, reading, type, found, words) if len(words) == 1 else []
    return decision, found, _merged(found, short)


def resolve_short(
    resolver: Resolver, name: str, *, type: str | None = None, evidence: Evidence | None = None
) -> Match | None:
    """The engine's decision for ``name`` with the rules of the module docstring applied:
    what :meth:`Resolver.resolve` returns (past its fast path for names as a table writes
    them). A reading whose best candidate reaches the threshold is final: the next readings
    are tried only when the name as read names nothing."""
    readings = read_off(name, _known_word(resolver))
    # words in common may resolve when the same day of birth agrees (aliasres.evidence)
    last_resort = evidence is not None and bool(evidence.days)
    for reading in readings:
        words = _significant(reading)
        decision, found, merged = _evidence(resolver, reading, type, words, evidence,
                                            last_resort)
        own = _resolve_one(resolver, reading, type, decision, found, words)
        if own is not None:
            # what resolve() returns is the best candidate (candidates() reads alike)
            return merged[0] if merged and merged[0].id == own.id else None
        if _names_something(resolver, merged):
            return None
    if "," in name:
        return _qualified(resolver, _bare(name), type, evidence)
    return None


def candidates_short(
    resolver: Resolver, name: str, type: str | None, evidence: Evidence | None = None,
    *, last_resort: bool = True,
) -> list[Match]:
    """The candidates :meth:`Resolver.candidates` lists: those of the reading
    :func:`resolve_short` decides on, with the short-form match, best first; the
    last-resort ones (aliasres.score.OVERLAP) of the first reading that has them when no
    reading finds more, unless ``last_resort`` is False."""
    first: list[Match] | None = None
    shared_words: list[Match] = []
    readings = read_off(name, _known_word(resolver))
    for reading in readings:
        merged = _evidence(
            resolver, reading, type, _significant(reading), evidence, last_resort
        )[2]
        if merged and candidate_only(merged[0]):
            # words in common only: the list of a reading that found nothing else, kept
            # for when no reading finds more
            shared_words = shared_words or merged
            continue
        if first is None:
            first = merged
        if _names_something(resolver, merged):
            return merged
    if "," in name and _qualified(resolver, _bare(name), type, evidence) is not None:
        return candidates_short(resolver, _qualifier_ok(resolver, _bare(name)), type, evidence,
                                last_resort=last_resort)
    return first or shared_words


def _names_something(resolver: Resolver, merged: list[Match]) -> bool:
    """The best candidate of a reading reaches the threshold: the next readings are not
    tried. Not a last-resort candidate (aliasres.score.OVERLAP), whatever the threshold."""
    return (bool(merged) and not candidate_only(merged[0])
            and merged[0].score >= resolver.threshold)


def _resolve_one(
    resolver: Resolver,
    name: str,
    type: str | None,
    decision: Match | None,
    found: list[Match],
    words: list[str],
) -> Match | None:
    own = _not_epithet(resolver, name, decision, type)
    if own is not None and own.kind == "abbreviation" and own.method not in _EXACT_METHODS:
        return None  # an abbreviation is written as it is (Sanaa Front is not SANA)
    if len(words) != 1:
        return own
    word = words[0]
    if own is not None and own.type == "person":
        if own.method == "partial" and _seen_as_given(word) and not _has_article(name):
            return None  # a family name alone that is a common given name names no one
        if own.method == "partial" and _nationality(word):
            return None
        return own
    if own is not None and own.method in _EXACT_METHODS:
        return _given_name_alias(resolver, own, name, word, type)
    if type in (None, "person") and not has_arabic(word):
        carriers = _carriers(resolver, word)
        if carriers:
            short = _carried(resolver, word, carriers, found)
            return short[0] if short else None
    if own is None or own.type == type:
        return own
    if has_arabic(word) and _near_arabic(resolver, word, own):
        return None  # one Arabic word near a place's own Arabic name (برايس is not باريس)
    return _given_name_alias(resolver, own, name, word, type)


def _near_arabic(resolver: Resolver, word: str, own: Match) -> bool:
    """One Arabic-script word matched a place or organisation by a near spelling that
    changes more than its ending, or across scripts although the tables write the entity as
    one Arabic-script word: the word is another name (برايس, Price, is not باريس; مومباي,
    Mumbai, is not منبج; الحوثيين is الحوثيون)."""
    if own.type not in ("place", "organization") or own.method in _EXACT_METHODS:
        return False
    if own.method in ("fuzzy", "key"):  # a near spelling, or one the spelling rules allow
        alias = normalize(own.alias)
        return not (has_arabic(alias) and _stem(alias)[:4] == _stem(word)[:4])
    entity = resolver.get(own.id)
    return entity is not None and any(
        has_arabic(a.name) and len(normalize(a.name).split()) == 1 for a in entity.aliases
    )


def _stem(word: str) -> str:
    return word[2:] if word.startswith(_ARTICLE_AR) and len(word) > 4 else word


def _given_name_alias(
    resolver: Resolver, own: Match, name: str, word: str, type: str | None
) -> Match | None:
    """A place or organisation named by one word that is a common given name (Riyad, Abd):
    only its own name as written, an abbreviation written in capitals (SANA, ABD), or when
    ``type`` asks for that kind."""
    if own.type == "person" or own.type == type:
        return own
    if own.kind == "canonical" and own.method in _EXACT_METHODS:
        return own
    if own.kind == "abbreviation" and own.method in _EXACT_METHODS and name.strip().isupper():
        return own
    if _has_article(name):
        return own  # a given name carries no article (Al-Khalil is Hebron)
    return None if _common_given(word, _families_of(resolver).heads) else own


def _carried(
    resolver: Resolver, word: str, carriers: dict[int, str], found: list[Match]
) -> list[Match]:
    """The one person carrying ``word``, as a match, unless the word is a common given name
    or a place or organisation has it as a name (as close, another kind)."""
    if len(carriers) != 1 or _seen_as_given(word) or _nationality(word):
        return []
    if any(c.type != "person" and c.method in _EXACT_METHODS for c in found):
        return []
    ((eidx, key),) = carriers.items()  # eidx: the canonical entity of a linked group
    fam = _families_of(resolver)
    if fam.weak_by_fold.get(key, frozenset()) - {eidx}:
        return []  # another person carries it too, in a weak name: ambiguous
    entity = fam.entities[eidx]
    # it outranks the near spellings of other kinds
    others = [c.score for c in found if c.id != entity.id]
    score = min(0.99, max(SCORE_SHORT, max(others, default=0.0) + 0.01))
    for cand in found:
        if cand.id == entity.id and not candidate_only(cand):
            # (words in common only, a last-resort candidate, are no reading of the name:
            # the match is built below as when the engine lists none, so resolve(), which
            # does not look for them, and candidates() give the same alias)
            if cand.method not in _WHOLE_NAME and any(
                c.type != "person" and c.score >= cand.score - resolver.margin
                for c in found
                if c.id != entity.id
            ):
                # the engine weighed the family name alone against another kind as close
                # (Price: Ned Price, or Cyrenaica across scripts): ambiguous, as it said
                return []
            if cand.score >= score or cand.method in _EXACT_METHODS:
                return [cand]
            return [replace(cand, score=score, method="partial")]
    alias = _families_of(resolver).alias.get((eidx, key), entity.name)
    kind = "canonical" if alias == entity.name else _kind(entity, alias)
    ids = resolver._index.links.member_ids(eidx) or (entity.id,)
    return [Match(entity.id, entity.name, entity.type, score, alias, "partial", kind, ids)]


def short_candidates(
    resolver: Resolver,
    name: str,
    type: str | None,
    found: list[Match],
    words: list[str] | None = None,
) -> list[Match]:
    """The short-form evidence :meth:`Resolver.candidates` adds to the engine's ``found``:
    the one person carrying a one-word name as family name, nisba or laqab (``words``: the
    name's significant words, when known)."""
    if type not in (None, "person") or len(name) > 100:
        return []
    if words is None:
        words = _significant(name)
    if len(words) != 1 or has_arabic(words[0]):
        return []
    if any(c.type == "person" and c.score >= SCORE_SHORT for c in found):
        return []
    carriers = _carriers(resolver, words[0])
    return _carried(resolver, words[0], carriers, found) if carriers else []


def _kind(entity: Entity, alias: str) -> str:
    for a in entity.aliases:
        if a.name == alias:
            return a.kind
    return "spelling"


def _not_epithet(
    resolver: Resolver, name: str, own: Match | None, type: str | None
) -> Match | None:
    """An exact epithet hit outranks a match by a near spelling: the name is that epithet."""
    if own is None or own.method in _EXACT_METHODS or own.method == "key":
        return own
    return None if resolver._epithet_named(name) else own


def common_name_aliases(entities: Iterable[Entity]) -> list[tuple[Entity, str]]:
    """Place and organisation aliases of one word that are a common given name (Riyad for
    Riyadh, Abd for the United States): :func:`resolve_short` does not resolve them alone
    unless asked for that type. ``aliasres check`` reports them."""
    entities = list(entities)
    heads = given_names(entities)
    out: list[tuple[Entity, str]] = []
    for entity in entities:
        if entity.type not in ("place", "organization"):
            continue
        for alias in entity.aliases:
            if alias.kind == "epithet" or normalize(alias.name) == normalize(entity.name):
                continue
            if alias.kind == "abbreviation" and alias.name.isupper():
                continue  # written in capitals, it resolves (SANA)
            words = normalize(alias.name).split()
            if len(words) == 1 and _common_given(words[0], heads):
                out.append((entity, alias.name))
    return out
