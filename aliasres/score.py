"""Pairwise scoring: how close one name part, then one whole name, is to another.

Pure functions over :class:`~aliasres.parts.Part` and :class:`~aliasres.parts.ParsedName`.
The name score aligns parts (order-free, so "Surname Given" forms align too) and then applies
the rules that keep precision: two people whose given names differ are different people, a
kunya or a given name alone says nothing, an organisation whose name has more words is another
organisation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .keys import compatible_equal, compatible_within_one, slots_fit, vowel_slots
from .parts import Lexicon, ParsedName, Part, is_nationality_nisba, split_digraphs

__all__ = [
    "NO_PART_MATCHES",
    "NEAR",
    "NEAR_SCORE",
    "OVERLAP",
    "OVERLAP_SCORE",
    "ORG_TOKEN_MIN",
    "REORDERED",
    "COMMON_PAIR",
    "TOKEN_MIN",
    "WEAK_SINGLE",
    "NameScore",
    "part_sim",
    "score_names",
    "short_alias_cap",
    "common_pair",
    "given_name_only",
    "single_word_cap",
    "two_family_names",
]

_HAS_VOWEL = re.compile("[aeiou]").search

#: An organisation name that differs from another by its legal form alone (Ltd, LLC, JSC,
#: S.A.: words.yaml's ``legal_forms``), written on one side only or otherwise on each:
#: the same name, a little weaker: lists leave the legal form off or translate it, but a
#: namesake registered elsewhere is another body now and then (on the OFAC and UN held-out
#: tasks 117 of 125 such top answers are right, 0.94; this factor puts them on the key
#: curve at about 0.9).
LEGAL_FORM_DIFF = 0.96
#: the factor for each generic word that only the table's name has: Idlib *Governorate* may
#: name another entity than Idlib, so the name without it ranks first. A place's designator
#: (Governorate, Province, Region) is what text most often leaves off its name (Kurdistan,
#: for the Kurdistan Region), so it costs a place less; the calibration curves, fitted on
#: lists of persons and organisations, read the raw score alike for every type
EXTRA_GENERIC = 0.92
EXTRA_GENERIC_PLACE = 0.96
#: Two parts below this similarity are not aligned at all.
TOKEN_MIN = 0.75
#: The same for organisation and place names, whose words are not transliteration variants
#: as often as personal names are (Daesong / Hesong).
ORG_TOKEN_MIN = 0.85
#: A variant group seen this often in the source data is complete enough that a spelling
#: missing from it is a different name (Hasan is not Husain); rarer groups prove nothing.
WELL_OBSERVED = 30
#: The most a one-word name that is a kunya or a common given name can score when it is not
#: spelled the same: below the default threshold (Abou Salman is not proof of Abu Salman).
WEAK_SINGLE = 0.79


def _plural(one: str, many: str) -> bool:
    """``many`` is the English plural of ``one`` (Force/Forces, Industry/Industries)."""
    return (
        many == one + "s" or many == one + "es" or (one.endswith("y") and many == one[:-1] + "ies")
    )


def _latin_sim(a: Part, b: Part) -> float:
    if not a.groups and not b.groups:
        # a plural is one or two letters longer (s, es, y / ies): the others need no test
        la, lb = len(a.core), len(b.core)
        if min(la, lb) >= 4 and (
            (0 < lb - la <= 2 and _plural(a.core, b.core))
            or (0 < la - lb <= 2 and _plural(b.core, a.core))
        ):
            return 0.9  # a word in the plural; not for names (Abbas is no plural of Abba)
    # each fold or glued-article reading (alt) of one against each of the other, written
    # out: this runs for every table spelling a query part may be
    fa, aa, fb, ab = a.fold, a.alt, b.fold, b.alt
    if fa == fb or (ab and fa == ab) or (aa and (aa == fb or aa == ab)):
        return 0.93  # equal, or equal once a glued article is dropped
    similarity = Levenshtein.normalized_similarity
    r = similarity(fa, fb)
    if ab:
        r = max(r, similarity(fa, ab))
    if aa:
        r = max(r, similarity(aa, fb), similarity(aa, ab) if ab else 0.0)
    if r < 0.6:
        return 0.0  # every rule below asks for more (tested first: the commonest case)
    if (a.groups and _nisba_of_name(a, b)) or (b.groups and _nisba_of_name(b, a)):
        return 0.0  # Ahmadi is not Ahmad, Hassani not Hassan: the -i makes another name
    skels_a, skels_b = a.skels, b.skels
    if min(len(a.fold), len(b.fold)) <= 3:
        # short tokens (Nur / Nour): the same consonants and all but one letter (Mun is not Min)
        if r >= 0.75 and any(
            len(x) >= 2 and compatible_equal(x, y) for x in skels_a for y in skels_b
        ):
            return 0.8
        return 0.0
    if (
        r >= 0.7
        and abs(len(a.fold) - len(b.fold)) <= 2  # Muhammad is not Muhammadawi
        and any(len(x) >= 2 and compatible_equal(x, y) for x in skels_a for y in skels_b)
    ):
        return max(r, 0.88)
    if r >= 0.6 and len(a.phonetic) >= 3 and a.phonetic == b.phonetic:
        return max(r, 0.88)  # sounds alike by Metaphone (European names: Tramp, Trump)
    if r >= 0.85 and min(len(a.fold), len(b.fold)) >= 5:
        return r  # a typo
    if r >= 0.75 and any(
        len(x) >= 3 and compatible_within_one(x, y) for x in skels_a for y in skels_b
    ):
        return min(r, 0.85)
    return 0.0


def _plural_cases(a: str, b: str) -> bool:
    """Two Arabic words that are one sound masculine plural in its two cases: nominative
    -un, oblique -in (الحوثيون / الحوثيين), on a stem of three letters or more."""
    if len(a) < 5 or len(a) != len(b) or a[:-2] != b[:-2]:
        return False
    return {a[-2:], b[-2:]} == {"ون", "ين"}


def _nisba_of_name(name: Part, other: Part) -> bool:
    """``other`` is the nisba (-i, -y) of ``name``, a given name the data knows well:
    a different name (Ahmadi / Ahmad), although the two differ by one letter."""
    if not name.groups or name.observed < WELL_OBSERVED or not other.groups.isdisjoint(
        name.groups
    ):
        return False
    return len(other.fold) == len(name.fold) + 1 and other.fold[:-1] == name.fold and (
        other.fold[-1] in "iy"
    )


#: Arabic script letters after which a word-initial alif may be prosthetic
_PROSTHETIC_AFTER = frozenset("سش")
#: letters that are no consonant of a cluster after that س or ش
_NOT_CLUSTER = frozenset("اويیىءعه")


def _prosthetic(ar: str, la: str) -> bool:
    """``ar`` opens with the alif Arabic and Persian put before a word that starts with
    two consonants (استانکزی / Stanekzai, استکهلم / Stockholm), and ``la`` starts with those
    two consonants: that alif is no vowel the Latin must write."""
    return (
        len(ar) >= 4 and ar[0] == "ا" and ar[1] in _PROSTHETIC_AFTER
        and ar[2] not in _NOT_CLUSTER
        and len(la) >= 3 and la[0] == "s" and la[1] not in "aeiouy"
        # ش is sh / sch before a consonant, س a plain s
        and (la.startswith(("sh", "sch")) if ar[1] == "ش" else not la.startswith("sh"))
    )


def _cross_sim(ar: Part, la: Part, known_different: bool) -> float:
    if la.fold in ar.latin or (la.alt and la.alt in ar.latin):
        return 0.95
    if known_different or not _HAS_VOWEL(la.core):
        return 0.0  # a Latin "name" with no vowel (xyzzy) transliterates nothing
    if not slots_fit(vowel_slots(ar.core), vowel_slots(la.core)) and not (
        la.alt and slots_fit(vowel_slots(ar.core), vowel_slots(la.core[2:]))
    ) and not (
        _prosthetic(ar.core, la.core)
        and slots_fit(vowel_slots(ar.core[1:]), vowel_slots(la.core))
    ):
        return 0.0  # a long vowel of the Arabic has no Latin vowel (بشار is not Bushra)
    skels = la.skels
    if la.split_skel and slots_fit(vowel_slots(ar.core), vowel_slots(split_digraphs(la.core))):
        skels = (*skels, la.split_skel)  # the two-letter reading fits the long vowels too
    best = 0.0
    for askel in ar.skels:
        for skel in skels:
            if compatible_equal(askel, skel):
                if len(askel) >= 2:
                    return 0.9 if askel == ar.skel else 0.88
                if askel and len(la.fold) <= 6:
                    # one consonant (Yar, al-Rawi, al-Azzawi): the vowels checked above carry it
                    best = max(best, 0.85)
            elif (
                len(askel) >= 4
                and compatible_within_one(askel, skel)
                and compatible_equal(askel[0], skel[:1])
            ):  # one consonant more or less, not the first (محمدي is not Ahmadi)
                best = max(best, 0.8)
    return best


def part_sim(a: Part, b: Part) -> float:
    """Similarity of two parts in 0..1 (0 when they are not the same name).

    1.0 same text; 0.97 same given-name variant group; 0.95 same folded spelling or a known
    Latin spelling of an Arabic token; about 0.9 same consonants; lower for near spellings.
    Two tokens that belong to *different* variant groups (Hasan, Husain) score 0.
    """
    if a.prefix != b.prefix:
        return 0.0
    if a.ident == b.ident:
        if a.core == b.core:
            return 1.0
        if len(a.fold) > 3 or a.groups or len(a.skel) >= 2:
            return 0.95
        return 0.8  # Joe / Jua, Aqy / Aqi: one consonant is too little to trust
    if not (a.fold.isalpha() or b.fold.isalpha()) and _digits(a.fold) != _digits(b.fold):
        # two numbers are written exactly: Kurdistan24 is not Kurdistan25 (a number on one
        # side only may be a letter written as a digit: M3HRAN, Mehran)
        return 0.0
    known_different = False
    if a.groups and b.groups:
        if not a.groups.isdisjoint(b.groups):  # (no set made: this runs very often)
            return 0.97
        # both are names the data knows well, and never as spellings of each other
        known_different = min(a.observed, b.observed) >= WELL_OBSERVED
    if a.arabic != b.arabic:
        return _cross_sim(a, b, known_different) if a.arabic else _cross_sim(b, a, known_different)
    if a.arabic and _plural_cases(a.core, b.core):
        return 0.95  # الحوثيون / الحوثيين: one plural in two grammatical cases
    if known_different:
        return 0.0
    if a.arabic:
        if len(a.skel) >= 3 and a.skel == b.skel:
            return 0.88
        if min(len(a.core), len(b.core)) >= 4:
            r = Levenshtein.normalized_similarity(a.core, b.core)
            return r if r >= 0.8 else 0.0
        return 0.0
    return _latin_sim(a, b)


def _digits(fold: str) -> str:
    """The digits of a part, in order (Kurdistan24: 24)."""
    return "".join(c for c in fold if c.isdigit())


#: The reason of a comparison in which no part of one name is like any part of the other:
#: not even a near miss (``Resolver.near_misses`` leaves these out).
NO_PART_MATCHES = "no part matches"


@dataclass(frozen=True, slots=True)
class NameScore:
    """The outcome of comparing two names: ``score`` 0 means rejected, ``reason`` says why."""

    score: float
    method: str
    reason: str
    pairs: tuple[tuple[int, int, float], ...] = ()


def _generic(lex: Lexicon, part: Part, etype: str) -> bool:
    if etype == "person":
        return len(part.core) == 1  # a middle initial (George W. Bush)
    if part.prefix:
        return False  # the "la" of Abd Allah is not the French article
    if part.core in lex.stopwords:
        return True
    designators = lex.place_designators if etype == "place" else lex.org_designators
    return part.core in designators


def _in_rotated_order(positions: list[int]) -> bool:
    """True when the positions increase, possibly after a rotation: "Tripoli, Libya" is
    written "Libya Tripoli" once its comma is turned round, which is the same name."""
    drops = sum(1 for a, b in zip(positions, positions[1:]) if b < a)
    return drops == 0 or (drops == 1 and positions[-1] < positions[0])


def _distinctive(part: Part) -> bool:
    """A part that is not a kunya, an Abd al- given name or a common, well-attested name."""
    if part.prefix:
        return False
    return not part.groups or part.observed < WELL_OBSERVED


def given_name_only(part: Part) -> bool:
    """A word that is by its form a given name or a kunya (an Abd al- name, Abu or Umm X),
    however rare: one named by it alone is named as many others are. (A variant group is
    no such proof: Wikidata pairs nicknames and family names with Arabic too, Rambo.)"""
    return bool(part.prefix)


def common_pair(parsed: ParsedName) -> bool:
    """A name of two well-attested given names (:func:`_distinctive` false, no kunya nor Abd
    al- name: Mohammed Saeed, Hamed Ali). Matched by a spelling key such a name was another
    person's 7 times in 26 on the OFAC held-out task; with a kunya or an Abd al- name
    (Abubakar Ahmed, Musa Abu Marzuk) 1 in 7, with a distinctive part 5 in 250 (UN: 0 in 2
    and 0 in 35); see docs/accuracy.md, "Two common names"."""
    parts = parsed.parts
    return len(parts) == 2 and all(not p.prefix and not _distinctive(p) for p in parts)


def _legal_form(lex: Lexicon, part: Part, etype: str) -> bool:
    """A company's legal form (Ltd, LLC, JSC ...), in an organisation's name."""
    return etype == "organization" and not part.prefix and part.core in lex.legal_forms


def _legal_form_only(
    lex: Lexicon,
    qparts: tuple[Part, ...],
    aparts: tuple[Part, ...],
    match_q: dict[int, tuple[int, float]],
    match_a: dict[int, int],
    etype: str,
) -> bool:
    """Two organisation names that differ by a legal form alone: every word left over on
    either side is a legal form (or a stopword), one at least, and the words that match
    (designators too: Mako Holding), one of them no designator, are spelled alike; one such
    word alone only as written and of five letters or more (Vad, AO is not Waed)."""
    if etype != "organization":
        return False
    left = [aparts[j] for j in range(len(aparts)) if j not in match_a]
    left += [qparts[i] for i in range(len(qparts)) if i not in match_q]
    if not any(_legal_form(lex, p, etype) for p in left):
        return False
    if not all(_legal_form(lex, p, etype) or p.core in lex.stopwords for p in left):
        return False
    naming = [
        (qparts[i], s) for i, (_, s) in match_q.items()
        if not _legal_form(lex, qparts[i], etype) and qparts[i].core not in lex.stopwords
    ]
    if not any(not _generic(lex, p, etype) for p, _ in naming):
        return False
    # spelled alike: a legal form and a spelling both otherwise is two differences (Korea
    # Daesong Trading Corporation is not Korea Taesong Trading Company)
    if min(s for _, s in naming) < 0.95:
        return False
    if len(naming) == 1:
        # one word: only as written, and not a short one (Vad, AO is not Waed)
        return naming[0][1] >= 1.0 and len(naming[0][0].core) >= 5
    return True


def _weight(lex: Lexicon, part: Part, etype: str, legal_noise: bool = False) -> float:
    if legal_noise and _legal_form(lex, part, etype):
        return 0.0  # says how the body is registered, not which it is
    if _generic(lex, part, etype):
        return 0.2
    if part.groups:
        return 0.8
    return 1.2 if part.article else 1.0


def _pair_synonyms(
    lex: Lexicon,
    qparts: tuple[Part, ...],
    aparts: tuple[Part, ...],
    match_q: dict[int, tuple[int, float]],
    match_a: dict[int, int],
) -> None:
    """Pair the designators left over that write the same word (Co / Company, OOO / LLC)."""
    classes = lex.designator_class
    free_a: dict[str, int] = {}
    for j, p in enumerate(aparts):
        if j not in match_a and not p.prefix and p.core in classes:
            free_a.setdefault(classes[p.core], j)
    if not free_a:
        return
    for i, p in enumerate(qparts):
        if i not in match_q and not p.prefix and p.core in classes:
            j = free_a.pop(classes[p.core], -1)
            if j >= 0:
                match_q[i] = (j, 0.95)
                match_a[j] = i


def _skip_optional_first(lex: Lexicon, parts: tuple[Part, ...], head: int, left: list[int]) -> int:
    """When the unmatched given name ``head`` is one that is often left out (Muhammad before
    Talha Saeed), drop it from ``left`` and return the next part as the given name. Only with
    a given and a family name after it (three parts at most), the next not a patronym
    (Muhammad bin Rashid)."""
    if head < 0 or head not in left or not parts[head].groups & lex.optional_first:
        return head
    after = parts[head + 1 :]
    if len(after) < 2 or after[0].nasab or after[0].prefix or after[0].article:
        return head
    if len(after) > 3:
        # Mohammad Barzan Ibrahim Hasan al-Tikriti without Mohammad is his father's name:
        # what follows a given name in a chain that long is a nasab
        return head
    left.remove(head)
    return head + 1


#: the order factor of a name whose parts all match in another order (Diaby Omar)
REORDERED = 0.95
#: the order factor of a name whose parts all match in another order, none distinctive
REORDERED_COMMON = 0.92
#: the most a person's name of two parts, neither distinctive, scores when matched by its
#: spelling key (Mohammed SAEED / Muhammad SAEED): as much as those parts in another order
#: (REORDERED_COMMON); two common names say less than two rare ones, since many people bear
#: them (see :func:`common_pair`)
COMMON_PAIR = 0.92
#: the order factor of the first names of a longer nasab chain
NASAB_PREFIX = 0.97


def _nasab_prefix(
    qparts: tuple[Part, ...], aparts: tuple[Part, ...], match_q: dict[int, tuple[int, float]]
) -> bool:
    """The query is the first parts of the alias, in order and spelled alike, at least two
    of them with a distinctive one among them (or three), and the alias goes on for at
    least two more parts (a nasab chain): ``Abdul Ghani Baradar`` of ``Abdul Ghani Baradar
    Abdul Ahmad Turk``. After two names one missing part is a missing family name, not a
    chain; three names are enough for one more (given name, father, grandfather: the
    triple name of Arabic official use, محمد طاهر حامد of محمد طاهر حامد حسين; on the UN and
    OFAC leave-one-out tasks 66 more right answers, 1 more wrong)."""
    n = len(qparts)
    if n < 2 or len(aparts) < n + (1 if n >= 3 else 2) or len(match_q) != n:
        return False
    if any(match_q[i][0] != i or match_q[i][1] < 0.93 for i in range(n)):
        return False
    return n >= 3 or any(_distinctive(aparts[i]) for i in range(n))


#: the order factor of a name written with the first of its two family names only, or
#: with a second family name the table leaves off (see :func:`_first_surname`): such
#: answers were right 30 times in 31 on OFAC held-out and 4 in 4 on UN, as often as the
#: partial answers at the top of their curve (0.97 put them lower, and the UN
#: leave-one-source-out ECE at 0.0303)
FIRST_SURNAME = 0.99
#: the weight of that second family name: what such usage drops, as little as a generic word
SECOND_SURNAME_WEIGHT = 0.2
#: a family name of fewer letters than this is no first or second of two family names:
#: one syllable of an East Asian name (Chol Song JO, Xiao Ming LI)
SURNAME_MIN = 4
#: a name none of whose parts is longer than this reads as East Asian syllables (JO CHOL
#: SONG, Kim Chol Song), whose last part is a given name's, not a second family name
SYLLABLE_MAX = 5


def _first_surname(
    lex: Lexicon,
    short: tuple[Part, ...],
    long: tuple[Part, ...],
    match: dict[int, tuple[int, float]],
) -> bool:
    """``short`` is ``long`` without its last part, a second family name, and perhaps
    without middle names: the usage of names with two family names (Spanish and Portuguese
    paternal and maternal surnames, Iranian compound ones), whose second is often left off:
    Rafael SARRIA of Rafael Alfredo SARRIA DIAZ, Hassan SHAHVARPOUR of Hassan SHAHVARPOUR
    NAJAFABADI. ``match`` maps each part of ``short`` to its part of ``long`` and their
    similarity.

    Every part of ``short`` matches, in order and spelled alike: its first is the given
    name of ``long``, its last the last but one of ``long``, a distinctive name (not a
    given name the data knows well: in an Arabic name the part after the given name is the
    father's name) of :data:`SURNAME_MIN` letters or more, as is the part left off, and no
    organisation's word. Not when the given name is one often left out (Muhammad, see
    ``optional_first``: then the next part is the name a person goes by, Muhammad Akram
    AL-BURSHAH is not Mohammed AKRAM), nor in a name of short syllables only
    (:data:`SYLLABLE_MAX`: an East Asian name)."""
    n, m = len(short), len(long)
    if n < 2 or m < n + 1 or len(match) != n:
        return False
    targets = [match[i][0] for i in range(n)]
    if targets[0] != 0 or targets[-1] != m - 2 or targets != sorted(targets):
        return False
    if any(match[i][1] < 0.93 for i in range(n)):
        return False
    if len(short[-1].fold) < SURNAME_MIN or short[0].groups & lex.optional_first:
        return False
    return two_family_names(lex, long)


def two_family_names(lex: Lexicon, parts: tuple[Part, ...] | list[Part]) -> bool:
    """Whether a person's name of these parts may end in two family names, the first of
    which another list may write alone (see :func:`_first_surname`): three parts or more,
    the last two in Latin script, neither kunya nor Abd al- name nor organisation word, the
    last without the article, the first of them distinctive and no title, both of
    :data:`SURNAME_MIN` letters or more, one part of the name longer than
    :data:`SYLLABLE_MAX`, the given name none often left out. The index pairs such a
    name's given name with its first family name (and with nothing else: the test is cheap,
    and most names fail it)."""
    m = len(parts)
    if m < 3:
        return False
    first, family, second = parts[0], parts[m - 2], parts[m - 1]
    if family.prefix or second.prefix or not _distinctive(family):
        return False
    if family.arabic or second.arabic or second.article:
        # an Arabic family name or nisba last (al-Fayyadh): what comes before it is a
        # father's or grandfather's name (Omar Irhayyim is not Omar Mahmood Irhayyim
        # al-Fayyadh); in Arabic script, running text puts any word after a name
        return False
    if (family.core,) in lex.titles or family.core in lex.inner_titles:
        return False  # Iman HAJJI is not Iman Hajji Mahmoud
    if min(len(family.fold), len(second.fold)) < SURNAME_MIN:
        return False
    if all(len(p.fold) <= SYLLABLE_MAX for p in parts):
        return False
    designators = lex.org_designators
    if second.core in designators or family.core in designators:
        return False  # USAMA BIN LADEN NETWORK is an organisation's name, not Usama BIN LADEN
    return not first.groups & lex.optional_first


def _name_word(lex: Lexicon, part: Part) -> bool:
    """``part`` may be a part of a person's name: not a word that names a body (an
    organisation word of ``aliases/rules/org_words.yaml`` or ``words.yaml``, a legal form:
    Money Exchange, Trading Company, Empresa Unipersonal, S.A.S.)."""
    from .orgwords import org_words  # (orgwords reads parts, as this module does)

    if part.core in lex.org_designators or part.core in lex.legal_forms:
        return False
    return org_words().concept(part) is None


#: the method and raw score of a near miss: every part alike but one on each side, which is
#: spelled near (Maseer / Naseer Haqqani); listed among the candidates, never resolved
NEAR = "near"
NEAR_SCORE = 0.5
#: how alike (Levenshtein, on the folds) the two odd parts of a near miss are at least
NEAR_PART = 0.75
#: the method of a last-resort candidate of a name that found nothing else: an alias that
#: holds its rarer words (:meth:`aliasres.candidates.Finder.overlap`); listed among the
#: candidates, never an answer, and below every threshold: its raw score is at most
#: OVERLAP_SCORE (uncalibrated until calibration.yaml has a curve for it)
OVERLAP = "overlap"
OVERLAP_SCORE = 0.4


def _near_miss(
    qparts: tuple[Part, ...],
    aparts: tuple[Part, ...],
    left_q: list[int],
    left_a: list[int],
    match_a: dict[int, int],
) -> float | None:
    """The similarity of the one odd part on each side of two person names that match in
    every other part, family name included and spelled alike, when the two are spelled
    near (one letter apart in a short name: Maseer / Naseer, Abou Fares / Abou Farai) and
    are not two well-known different names (Hasan / Husain); else None. Such a pair may be
    a typo or the other person of a family: a candidate to show, never an answer."""
    if len(left_q) != 1 or len(left_a) != 1:
        return None
    q, a = qparts[left_q[0]], aparts[left_a[0]]
    last = len(aparts) - 1
    if q.prefix != a.prefix or q.arabic or a.arabic or last not in match_a or last == left_a[0]:
        return None
    if q.groups and a.groups and not q.groups & a.groups and (
        min(q.observed, a.observed) >= WELL_OBSERVED
    ):
        return None
    if min(len(q.fold), len(a.fold)) < 4:
        return None
    r = Levenshtein.normalized_similarity(q.fold, a.fold)
    return r if r >= NEAR_PART else None


def _first_dropped(
    qparts: tuple[Part, ...],
    aparts: tuple[Part, ...],
    match_q: dict[int, tuple[int, float]],
    left_q: list[int],
    left_a: list[int],
    ha: int,
) -> bool:
    """The query is the alias without its first given name, every other part in order and
    spelled alike, a distinctive one among them (Victor Rumuli of Byiringiro Victor Rumuli):
    a near miss, since an Arabic name without its first part names the father."""
    n = len(qparts)
    if left_q or left_a != [0] or ha != 0 or n < 2 or len(aparts) != n + 1:
        return False
    if any(match_q.get(i, (-1, 0.0))[0] != i + 1 or match_q[i][1] < 0.93 for i in range(n)):
        return False
    return any(_distinctive(aparts[j]) for j in range(1, n + 1))


@functools.cache
def _rejected(reason: str) -> NameScore:
    """A rejection for a fixed reason, made once (a name score is immutable, and most
    scored aliases are rejected)."""
    return NameScore(0.0, "", reason)


#: what a person's "parts differ" rejection says without detail (its labels left out)
_PARTS_DIFFER = NameScore(0.0, "", "parts differ:  / ")
#: the same for "given names differ"
_GIVEN_DIFFER = NameScore(0.0, "", "given names differ:  / ")


def _labels(parsed: ParsedName, indexes: list[int]) -> str:
    return ", ".join(parsed.parts[i].label() for i in indexes)


def _no_labels(parsed: ParsedName, indexes: list[int]) -> str:
    return ""


def score_names(
    query: ParsedName,
    alias: ParsedName,
    etype: str,
    lex: Lexicon,
    sim: Callable[[int, Part, Part], float],
    *,
    detail: bool = True,
    expansions: Sequence[Mapping[str, float]] | None = None,
) -> NameScore:
    """Score ``query`` against the ``alias`` of an entity of type ``etype``.

    ``sim(i, query_part, alias_part)`` gives part similarities (the resolver passes a lookup
    into what its index already computed; :func:`part_sim` works too). With ``detail=False``
    a rejection's ``reason`` is left short (it is only read by explain()). ``expansions``,
    when given, holds for each query part its similarity to table spellings (absent: 0), and
    is read instead of calling ``sim`` (the same values, without a call per pair).
    """
    labels = _labels if detail else _no_labels
    qparts, aparts = query.parts, alias.parts
    if not qparts or not aparts:
        return _rejected("no name parts")
    person = etype == "person"
    floor = TOKEN_MIN if person else ORG_TOKEN_MIN
    candidates: list[tuple[float, int, int, int]]
    if expansions is not None:
        # (comprehensions, not loops: every scored alias comes here)
        spellings = [ap.spelling for ap in aparts]
        candidates = [
            (-s, abs(i - j), i, j)
            for i, sims in enumerate(expansions)
            for j, spelling in enumerate(spellings)
            if (s := sims.get(spelling, 0.0)) >= floor
        ]
    else:
        candidates = []
        for i, qp in enumerate(qparts):
            for j, ap in enumerate(aparts):
                s = sim(i, qp, ap)
                if s >= floor:
                    candidates.append((-s, abs(i - j), i, j))
    candidates.sort()
    match_q: dict[int, tuple[int, float]] = {}
    match_a: dict[int, int] = {}
    most = min(len(qparts), len(aparts))
    for neg, _, i, j in candidates:
        if i not in match_q and j not in match_a:
            match_q[i] = (j, -neg)
            match_a[j] = i
            if len(match_a) == most:
                break  # one side is all matched: no pair is left to take
    if not match_q:
        return _rejected(NO_PART_MATCHES)
    if person:
        # _generic inlined (a person's generic part is an initial): every scored alias
        # comes here
        left_q = [] if len(match_q) == len(qparts) else [
            i for i, p in enumerate(qparts) if i not in match_q and len(p.core) != 1
        ]
        left_a = [] if len(match_a) == len(aparts) else [
            j for j, p in enumerate(aparts) if j not in match_a and len(p.core) != 1
        ]
        for i in match_q:
            if len(qparts[i].core) != 1:
                break
        else:
            return _rejected("only generic words match")
    else:
        if lex.designator_class:
            _pair_synonyms(lex, qparts, aparts, match_q, match_a)
        left_q = [
            i for i in range(len(qparts))
            if i not in match_q and not _generic(lex, qparts[i], etype)
        ]
        left_a = [
            j for j in range(len(aparts))
            if j not in match_a and not _generic(lex, aparts[j], etype)
        ]
        if all(_generic(lex, qparts[i], etype) for i in match_q):
            return _rejected("only generic words match")
    order = 1.0
    hq, ha = query.head, alias.head
    if person and lex.optional_first:
        # (it changes nothing unless the given name is left over)
        if hq in left_q:
            hq = _skip_optional_first(lex, qparts, hq, left_q)
        if ha in left_a:
            ha = _skip_optional_first(lex, aparts, ha, left_a)
    if etype == "person":
        if left_q and left_a:
            # (a near miss has one odd part on each side: _near_miss's own first test)
            near = (
                _near_miss(qparts, aparts, left_q, left_a, match_a)
                if len(left_q) == 1 and len(left_a) == 1 else None
            )
            if near is None:
                if not detail:
                    return _PARTS_DIFFER  # (the commonest rejection of all)
                return NameScore(
                    0.0, "", f"parts differ: {labels(query, left_q)} / {labels(alias, left_a)}"
                )
            i, j = left_q[0], left_a[0]
            pairs = tuple(sorted([*((a, b, s) for a, (b, s) in match_q.items()), (i, j, near)]))
            return NameScore(NEAR_SCORE, NEAR, "", pairs)
        if hq >= 0 and ha >= 0 and match_q.get(hq, (-1, 0.0))[0] != ha:
            if _first_dropped(qparts, aparts, match_q, left_q, left_a, ha):
                # Victor Rumuli of Byiringiro Victor Rumuli, but also Hafez al-Assad of
                # Bashar Hafez al-Assad (his father): a candidate to show, never an answer
                pairs = tuple(sorted((i, j, s) for i, (j, s) in match_q.items()))
                return NameScore(NEAR_SCORE, NEAR, "", pairs)
            if left_q or left_a:
                if not detail:
                    return _GIVEN_DIFFER  # (second only to _PARTS_DIFFER)
                return NameScore(
                    0.0, "", f"given names differ: {qparts[hq].label()} / {aparts[ha].label()}"
                )
            order = REORDERED  # the same parts in another order (Diaby Omar)
        if (left_q or left_a or order < 1.0) and not any(_distinctive(aparts[j]) for j in match_a):
            if left_q or left_a:
                # Mohammad Aziz in Mohammad Yahya Aziz: common given names alone prove nothing
                return _rejected("only common given names match")
            # every part of both names, in another order (Hani Youssef, Youssef HANI): the
            # same name written family-name last, weaker evidence for common names
            order = REORDERED_COMMON
        last_a = len(aparts) - 1
        chain = False
        # the second family name left off: 1 the alias's, 2 the query's (_first_surname)
        second = 0
        if left_a and not left_q and last_a not in match_a:
            chain = _nasab_prefix(qparts, aparts, match_q)
            if chain:
                # the first names of a nasab chain (Musa Hilal of Musa Hilal Abdalla
                # Alnsiem): a shorter form of the same name, as another list writes it
                order = min(order, NASAB_PREFIX)
            elif _first_surname(lex, qparts, aparts, match_q):
                second, order = 1, min(order, FIRST_SURNAME)
            else:
                return NameScore(0.0, "", f"the family name {aparts[last_a].label()} is missing")
        elif (left_q or left_a) and last_a not in match_a:
            return NameScore(0.0, "", f"the family name {aparts[last_a].label()} is missing")
        if (left_q or left_a) and not chain and not second:
            # a partial name stands on its family name: it must be spelled alike
            anchor = match_q[match_a[last_a]][1]
            cross = qparts[match_a[last_a]].arabic != aparts[last_a].arabic
            if anchor < (0.88 if cross else 0.93):
                return _rejected("a partial name needs a family name spelled alike")
        if left_q:
            if len(match_q) < 2:
                return _rejected("one part of a longer name is too little")
            # extra names go between given and family name (a longer nasab), not after it,
            # unless the table's name is the first names of the query's chain (Kamal Mustafa
            # Abdallah of Kamal Mustafa Abdallah Sultan al-Tikriti): the other way round
            if match_a[last_a] not in (len(qparts) - 1, 0):
                inverse = {j: (i, match_q[i][1]) for j, i in match_a.items()}
                if (
                    not left_a and len(aparts) >= 3 and _nasab_prefix(aparts, qparts, inverse)
                    and all(_name_word(lex, qparts[i]) for i in left_q)
                ):
                    order = min(order, NASAB_PREFIX)
                elif _first_surname(lex, aparts, qparts, inverse):
                    # a second family name the table leaves off (Reza TAGHIPOUR ANVARI)
                    second, order = 2, min(order, FIRST_SURNAME)
                else:
                    return _rejected("the name goes on after the family name")
        if left_a and len(qparts) == 1:
            if qparts[0].prefix in ("abu", "umm"):
                return _rejected("a kunya alone")
            if qparts[0].prefix == "abd":
                return _rejected("an Abd al- given name alone")
            if is_nationality_nisba(qparts[0]):
                # al-Masri, the Egyptian: many people of the lists carry it
                return _rejected("a nationality nisba alone")
            if qparts[0].groups and not (qparts[0].article or aparts[last_a].article):
                return _rejected("a given name alone")
            if match_q[0][1] < 0.93:
                return _rejected("a family name alone must be spelled alike")
    else:
        if left_q:
            return NameScore(0.0, "", f"the name has more words: {labels(query, left_q)}")
        if left_a:
            return NameScore(0.0, "", f"the name lacks words: {labels(alias, left_a)}")
        # designators move about (Hamsho Group International, Hamsho International Group):
        # the order that counts is that of the words that name it
        targets = [
            j for i, (j, _) in sorted(match_q.items()) if not _generic(lex, qparts[i], etype)
        ]
        if not _in_rotated_order(targets):
            order = 0.8  # Popular Revolutionary Struggle is not Revolutionary Popular Struggle
    if len(match_q) == 1:
        ((i, (j, s)),) = match_q.items()
        short = not qparts[i].arabic and not aparts[j].arabic and len(qparts[i].fold) <= 4
        if s < 0.88 or (s < 0.93 and short):
            return _rejected("one approximate part is too little")
    if person:
        # _weight of a person's parts, inlined (no legal form: that is an organisation's)
        legal = False
        wa = [0.2 if len(p.core) == 1 else 0.8 if p.groups else 1.2 if p.article else 1.0
              for p in aparts]
        wq = [0.2 if len(p.core) == 1 else 0.8 if p.groups else 1.2 if p.article else 1.0
              for p in qparts]
        if second == 1:
            wa[last_a] = SECOND_SURNAME_WEIGHT
        elif second == 2:
            wq[-1] = SECOND_SURNAME_WEIGHT
    else:
        legal = _legal_form_only(lex, qparts, aparts, match_q, match_a, etype)
        wa = [_weight(lex, p, etype, legal) for p in aparts]
        wq = [_weight(lex, p, etype, legal) for p in qparts]
    # (sums of lists, not of generators: the same additions in the same order)
    matched_w = sum([wa[j] for j in match_a])
    base = sum([wa[j] * match_q[i][1] for j, i in match_a.items()]) / matched_w
    cov_a = matched_w / sum(wa)
    cov_q = sum([wq[i] for i in match_q]) / sum(wq)
    # a generic word only the table's name has (Idlib *Governorate*) points to another
    # entity; a legal form alone does not (Yangon Airways Company Limited)
    extra_generic = 0 if etype == "person" else sum(
        1 for j in range(len(aparts)) if j not in match_a and 0.0 < wa[j] < 0.5
    )
    extra = EXTRA_GENERIC_PLACE if etype == "place" else EXTRA_GENERIC
    score = base * (0.8 + 0.2 * cov_a) * (0.8 + 0.2 * cov_q) * order * extra**extra_generic
    if legal:
        score *= LEGAL_FORM_DIFF

    pairs = tuple(sorted([(i, j, s) for i, (j, s) in match_q.items()]))
    if left_q or left_a:
        method = "partial"
    else:
        method = "key"
        for i, j, s in pairs:  # (loops, not generators: every accepted alias comes here)
            if qparts[i].arabic != aparts[j].arabic:
                method = "cross-script"
                break
            if s < 0.95:
                method = "fuzzy"  # unless another pair is cross-script
    return NameScore(round(score, 4), method, "", pairs)


def single_word_cap(
    query: ParsedName, alias: ParsedName, result: NameScore, *, canonical: bool
) -> NameScore:
    """Cap a one-word match that proves too little at :data:`WEAK_SINGLE`.

    A bare kunya or common given name listed as an alias, spelled otherwise, is not enough
    (Abou Salman is no proof of Abu Salman); an entity *named* by a rare kunya (Abu Nidal)
    is another matter, one named by a common name (Abdur Rehman) is not. Nor is one word
    under other titles (Haji Sahib, Shaykh Sahib; Hajji Taysir, Taysir); a word without the
    title the table gives it (Rambo, Colonel Rambo) is the listed name, title dropped, but
    not when that word is an Abd al- name or a kunya (Abdul Rahim, Mufti Abdul Rahim: see
    :func:`given_name_only` and docs/accuracy.md, "A given name alone").
    """
    if (
        result.score > WEAK_SINGLE
        and len(alias.parts) == 1
        and len(query.parts) == 1
        and (
            (
                not _distinctive(alias.parts[0])
                and (not canonical or alias.parts[0].observed >= WELL_OBSERVED)
            )
            or (query.titles and query.titles != alias.titles)
            or (alias.titles != query.titles and given_name_only(alias.parts[0]))
        )
    ):
        return NameScore(WEAK_SINGLE, result.method, result.reason, result.pairs)
    return result


#: A one-word alias this short once folded (Dass: das) is matched approximately only when
#: its consonants are the query's (see :func:`short_alias_cap`).
SHORT_ALIAS = 3


def short_alias_cap(
    query: ParsedName, alias: ParsedName, result: NameScore, *, abbreviation: bool
) -> NameScore:
    """Cap at :data:`WEAK_SINGLE` (a candidate, never a resolution) a one-word match of a
    one-word query with a short alias or an abbreviation that holds only approximately.

    * An abbreviation (UTN) is letters, not a word: the exact and normalized lookups find
      it as written; a word whose consonant skeleton has at most two letters in common
      with it (الوطن, al-Watan: T-N) is another word, not the acronym.
    * A short alias (at most :data:`SHORT_ALIAS` letters once folded) matched through a
      fold that merged different consonants (Daesh: D-SH, Dass: D-S) has too little left
      to prove anything; the same consonants spelled otherwise (Dass, Das) still match.
    """
    if result.score <= WEAK_SINGLE or len(alias.parts) != 1 or len(query.parts) != 1:
        return result
    q, a = query.parts[0], alias.parts[0]
    if q.core == a.core and q.arabic == a.arabic:
        return result
    if (abbreviation and len(a.skel) <= 2) or (
        len(a.fold) <= SHORT_ALIAS and not a.arabic and not q.arabic and q.skel != a.skel
    ):
        return NameScore(WEAK_SINGLE, result.method, result.reason, result.pairs)
    return result
