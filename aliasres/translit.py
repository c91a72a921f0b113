"""Arabic (and Persian, Urdu) script to Latin, in one of three schemes.

* ``"common"`` (the default) writes a name as English-language news media do. A whole name
  that the loaded tables know comes out as the entity's usual Latin name (حمص -> Homs); a
  word of the name-token table in its display spelling, the English-habit spelling nearest
  on average to the word's spellings in Wikidata name pairs (حسين -> Hussein); any
  other word by rules learned from Wikidata name pairs, which guess the short vowels Arabic does
  not write (and use harakat where the text has them), with English letters (sh for ش, j for
  ج, kh for خ, gh for غ: al-Bashir, Jibril). Particles follow media habits: al-, bin, Abu,
  Abdul, Abdullah. A Maghrebi or Mauritanian name (two bin or more, or Ould; not a Gulf name
  with آل before its family, nor a name with Persian letters, whose ولد is walad) is written
  in its French spelling, as lists and media write such names.
* ``"french"`` reads every name word by word with French habits: ch for ش, ou for و (oua
  for an initial و before a consonant: Ouazir), kh for خ, gh for غ, ss between vowels, ben,
  Abou, Abdel (Bachar, Youssef, Moussa); the tables' English names are not used.
* ``"strict"`` is letter by letter with diacritics, in the spirit of ISO 233 and DIN 31635: it
  guesses no vowel (a short vowel appears only where a haraka writes it) and
  :func:`from_strict` reads its output back to the Arabic letters.

Latin text is kept as it is; other scripts go through unidecode; Arabic-Indic digits become
ASCII digits; each line is read on its own and its line break kept as it is. The tables
are in ``aliases/rules/translit.yaml`` (written by hand),
``aliases/rules/translit_chunks.json`` (the transducer of unknown words, learned; see
``tools/fit_translit.py``) and ``aliases/rules/translit_model.yaml`` (the older vowel model,
learned; see ``tools/derive_name_parts.py``).

>>> transliterate("حسين")
'Hussein'
>>> transliterate("بشار", scheme="french")
'Bachar'
>>> transliterate("مُحَمَّد", scheme="strict")
'Muḥamːad'
>>> from_strict("Muḥamːad") == unicodedata.normalize("NFC", "مُحَمَّد")
True
"""

from __future__ import annotations

import functools
import math
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rapidfuzz.distance.Levenshtein import normalized_distance as _normalized_distance
from unidecode import unidecode

from .data import load_rule_file
from .errors import RulesError
from .normalize import has_arabic, is_arabic_char, normalize

__all__ = ["SCHEMES", "Scheme", "from_strict", "transliterate"]

Scheme = Literal["common", "french", "strict"]
#: the schemes :func:`transliterate` knows
SCHEMES: tuple[str, ...] = ("common", "french", "strict")

_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_LETTER = (
    "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9"
)
#: one Arabic-script word: letters, harakat and tatweel (presentation forms are NFKC-folded first)
#: (tatweel and the zero-width non-joiner of Persian compounds, احمدی‌نژاد, stay inside a word)
_WORD = re.compile(f"[{_LETTER}](?:[{_LETTER}{_MARKS}\u0640]|\u200c(?=[{_LETTER}]))*")
#: a run of Arabic words separated by spaces: one name, looked up whole in the tables
_RUN = re.compile(f"{_WORD.pattern}(?:[ \u00a0]+{_WORD.pattern})*")
_PUNCT = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": "."}
_VOWEL_MARKS = {
    "\u064e": "a", "\u0650": "i", "\u064f": "u", "\u064b": "a", "\u064d": "i", "\u064c": "u"
}
_SUKUN = "\u0652"
#: fatha, kasra, damma: a vowel of the letter itself (not a tanwin, a case ending)
_SHORT_VOWELS = frozenset("\u064e\u0650\u064f")
_SHADDA = "\u0651"
_DAGGER_ALEF = "\u0670"
#: a letter's shape for the learned model: long vowels, ta marbuta, alef maqsura and hamza
#: seats apart, every other letter a consonant C
_SHAPE = {"ا": "A", "و": "W", "ي": "Y", "ة": "T", "ى": "M", "أ": "H", "إ": "H", "آ": "H",
          "ء": "E", "ؤ": "E", "ئ": "E", "ع": "C", "ه": "C"}
#: a haraka before its own long vowel adds nothing (مُوسَى is Musa, not Musaa)
_LONG_AFTER = {"a": "اىة", "u": "و", "i": "ي"}
#: ي and و as the consonant that closes a diphthong (after a fatha, under a sukun)
_GLIDES = {"ي": "y", "و": "w"}
_SEATS = frozenset("أإؤئ")  # hamza seats: a haraka on one says its vowel (أُسامة: Usama)
_ARTICLE = "ال"
_STRICT_VOWELS = frozenset("aiuãĩũᵃ")  # what the strict scheme writes for a vowel haraka
_VOWELS = ("a", "e", "i", "o", "u")
#: alias kinds that are no transliteration of a Latin name of the entity
_NOT_WRITTEN_AS = frozenset({"abbreviation", "translation", "epithet"})
_MAX_SPAN = 8  # the longest name looked up in the tables, in words
_FALLBACK_VOWELS = {"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ؤ": "u", "ئ": "i", "ء": "",
                    "و": "u", "ي": "i", "ة": "a", "ى": "a", "ع": ""}


@dataclass(frozen=True, slots=True)
class _Tables:
    variants: dict[str, str]
    fallback: dict[str, str]
    particles: dict[str, dict[str, str]]
    french_letters: dict[str, str]
    french_waw: str
    french_short_u: str
    french_double_s: bool
    strict: dict[str, str]
    strict_back: dict[str, str]
    gaps: dict[str, str]
    reads: dict[str, str]
    gaps_ar: dict[str, str]
    reads_ar: dict[str, str]
    templates: dict[str, tuple[str, ...]]
    templates_ar: dict[str, tuple[str, ...]]
    gulf_nisbas: frozenset[str]


@functools.cache
def _tables() -> _Tables:
    rules = load_rule_file("translit")
    arabic = load_rule_file("arabic")
    fallback = {k: str(v["latin"]) for k, v in arabic["letters"].items()}
    fallback.update(_FALLBACK_VOWELS)
    strict = {**rules["strict"]["letters"], **rules["strict"]["marks"]}
    back: dict[str, str] = {}
    for letter, latin in strict.items():
        if len(latin) != 1 or latin in back:
            problem = f"strict: {letter!r} -> {latin!r} is not one new letter"
            raise RulesError("translit.yaml", None, problem)
        back[latin] = letter
    try:
        model = load_rule_file("translit_model") or {}
    except RulesError:
        model = {}  # the derivation tool builds the model with the rules alone

    def templates(name: str) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v.split("|")) for k, v in (model.get(name) or {}).items()}
    french = rules["french"]
    gulf = rules.get("gulf_nisbas") or []
    if not isinstance(gulf, list) or not all(isinstance(w, str) and has_arabic(w) for w in gulf):
        raise RulesError("translit.yaml", None, "gulf_nisbas: a list of Arabic-script words")
    return _Tables(
        variants=dict(rules["reading_variants"]),
        fallback=fallback,
        particles={k: dict(v) for k, v in rules["particles"].items()},
        french_letters=dict(french["letters"]),
        french_waw=str(french["waw"]),
        french_short_u=str(french["short_u"]),
        french_double_s=bool(french["double_s"]),
        strict=strict,
        strict_back=back,
        gaps=dict(model.get("gaps") or {}),
        reads=dict(model.get("reads") or {}),
        gaps_ar=dict(model.get("gaps_arabic") or {}),
        reads_ar=dict(model.get("reads_arabic") or {}),
        templates=templates("templates"),
        templates_ar=templates("templates_arabic"),
        gulf_nisbas=frozenset(normalize(w) for w in gulf),
    )


#: the learned transducer's file (tools/fit_translit.py); empty when absent
CHUNKS_FILE = "translit_chunks.json"
#: which reading an unvocalized word the name-token table does not know gets: "chunks" (the
#: transducer) or "gaps" (the older vowel model of translit_model.yaml)
MODEL = "chunks"


@dataclass(frozen=True, slots=True)
class ChunkModel:
    """The learned transducer (tools/fit_translit.py): for each letter in context, the Latin
    chunks it may write with their log probabilities, and a character n-gram model of Latin
    name spellings that scores a whole word's chunks together.

    A word is read by a beam search over the chunk sequences (each letter's candidates, their
    log probabilities plus ``lm_weight`` times the n-gram model's), and of the ``beam`` best
    readings the one a linear reranker predicts nearest to a real spelling is kept (``rerank``,
    per word class; see :func:`rerank_features`), or, for a class without one, the one closest
    to the others (minimum expected normalized edit distance, each weighted by
    ``exp(mbr * score)``): where two spellings are about as likely, the reading that is near
    both is the safer guess."""

    #: context key (see :func:`chunk_keys`) -> (chunk, log p), most probable first
    contexts: dict[str, tuple[tuple[str, float], ...]]
    #: n-gram history -> (log backoff weight, next character -> log p); "^" pads the start,
    #: "$" ends a word
    lm: dict[str, tuple[float, dict[str, float]]]
    order: int = 1
    beam: int = 1
    lm_weight: float = 0.0
    mbr: float = 0.0
    #: whether words of the Arabic class are searched too (else each letter's first chunk)
    search_arabic: bool = True
    #: the reranker, per word class ("A", "F"): weights of :func:`rerank_features`; of the
    #: ``beam`` best readings the one with the least predicted distance to a real spelling is
    #: kept (a class without weights keeps the consensus, or the first reading)
    rerank: dict[str, tuple[float, ...]] = field(default_factory=dict)
    #: (history, characters) -> (log p, history after), filled as words are read (bounded:
    #: cleared when full)
    memo: dict[tuple[str, str], tuple[float, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def best(self, key: str) -> str | None:
        """The most probable chunk of a context, or None when the context is not stored."""
        options = self.contexts.get(key)
        return options[0][0] if options else None

    def char_logp(self, history: str, char: str) -> float:
        """log p(char | history) of the n-gram model (backed off to shorter histories)."""
        lm = self.lm
        h = history
        backoff = 0.0
        while True:
            entry = lm.get(h)
            if entry is not None:
                lp = entry[1].get(char)
                if lp is not None:
                    return backoff + lp
                backoff += entry[0]
            if not h:
                return backoff + _LM_FLOOR
            h = h[1:]

    def extend(self, history: str, more: str) -> tuple[float, str]:
        """log p of the characters ``more`` after ``history`` (the last order - 1 characters
        written, "^" before the word), and the history after them."""
        memo = self.memo
        got = memo.get((history, more))
        if got is not None:
            return got
        n = self.order - 1
        total = 0.0
        h = history
        for c in more:
            total += self.char_logp(h, c)
            h = (h + c)[-n:] if n else ""
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[(history, more)] = got = (total, h)
        return got

    def read(self, letters: Sequence[str], arabic: bool) -> list[str | None]:
        """The chunk each letter writes (None: no context of the letter is stored)."""
        options = self.options(letters, arabic)
        weights = self.rerank.get("A" if arabic else "F")
        if (
            self.beam <= 1
            or not self.lm
            or (arabic and not self.search_arabic and weights is None)
            or len(letters) > _SEARCH_MAX
        ):
            return [o[0][0] if o else None for o in options]
        beams = self.search(options)
        chosen = beams[0]
        if weights is not None and len(beams) > 1:
            readings = [(t, s - self.lm_weight * lm, lm) for s, t, _, _, lm in beams]
            rows = rerank_features(readings, len(letters), self.lm_weight, self.mbr)
            predicted = [sum(map(operator.mul, weights, row)) for row in rows]
            chosen = beams[min(range(len(beams)), key=lambda k: (predicted[k], k))]
        elif self.mbr and len(beams) > 1:
            chosen = _consensus(beams, self.mbr)
        return list(chosen[2])

    def options(
        self, letters: Sequence[str], arabic: bool
    ) -> list[tuple[tuple[str, float], ...] | None]:
        """Each letter's chunks and their log p, from its most specific stored context."""
        options: list[tuple[tuple[str, float], ...] | None] = []
        for i in range(len(letters)):
            found = None
            for key in chunk_keys(letters, i, arabic):
                found = self.contexts.get(key)
                if found is not None:
                    break
            options.append(found)
        return options

    def search(self, options: Sequence[tuple[tuple[str, float], ...] | None]) -> list[Beam]:
        """The ``beam`` best chunk sequences, best first: (score, text, chunks, n-gram history,
        n-gram log p), the score being the chunks' log p plus ``lm_weight`` times the n-gram
        model's (the end of the word included)."""
        weight = self.lm_weight
        extend = self.extend
        # ties broken by the text: deterministic
        beams: list[Beam] = [(0.0, "", (), "^" * (self.order - 1), 0.0)]
        for opts in options:
            grown: dict[str, Beam] = {}
            for score, text, chunks, history, lm in beams:
                if opts is None:
                    grown.setdefault(text, (score, text, (*chunks, None), history, lm))
                    continue
                for chunk, lp in opts:
                    s = score + lp
                    h = history
                    more = 0.0
                    if weight and chunk:
                        more, h = extend(history, chunk)
                        s += weight * more
                    t = text + chunk
                    old = grown.get(t)
                    if old is None or s > old[0]:
                        grown[t] = (s, t, (*chunks, chunk), h, lm + more)
            beams = sorted(grown.values(), key=_beam_order)[: self.beam]
        if weight:
            ends = [(extend(b[3], "$")[0], b) for b in beams]
            beams = sorted(((s + weight * e, t, c, h, lm + e) for e, (s, t, c, h, lm) in ends),
                           key=_beam_order)
        return beams


#: one reading of the search: (score, text, chunks, n-gram history, n-gram log p)
Beam = tuple[float, str, tuple[str | None, ...], str, float]
_V = frozenset("aeiou")
#: the reranker's features, in the order of its weights (see :func:`rerank_features`)
RERANK_FEATURES = (
    "chunk log p - best", "n-gram log p - best", "score - best", "consensus risk - least",
    "length per letter", "vowel share", "doubled consonants", "final vowel", "has e", "has o",
    "has y", "has w", "share of e", "share of o", "first reading", "log rank",
)


def rerank_features(
    readings: Sequence[tuple[str, float, float]], n_letters: int, lm_weight: float,
    sharpness: float,
) -> list[list[float]]:
    """The reranker's view of a word's readings, best first: (text, the chunks' log p, the
    n-gram model's log p) -> one row per reading (:data:`RERANK_FEATURES`): its scores against
    the best ones, its consensus risk (expected normalized edit distance to the others, each
    weighted by ``exp(sharpness * score)``) against the least, and what its letters look like
    (length per Arabic letter, vowels, doubled consonants, e / o / y / w), and its rank."""
    scores = [t + lm_weight * lm for _, t, lm in readings]
    top, t_max, lm_max = max(scores), max(r[1] for r in readings), max(r[2] for r in readings)
    weights = [math.exp(sharpness * (s - top)) for s in scores]
    total = sum(weights)
    n_readings = len(readings)
    risk = [0.0] * n_readings
    for i in range(n_readings):  # the distance is symmetric: each pair once
        a = readings[i][0]
        for j in range(i + 1, n_readings):
            d = _normalized_distance(a, readings[j][0])
            risk[i] += weights[j] * d
            risk[j] += weights[i] * d
    risk = [r / total for r in risk]
    least = min(risk)
    rows = []
    for k, (text, t, lm) in enumerate(readings):
        n = max(len(text), 1)
        doubled = sum(1 for a, b in zip(text, text[1:]) if a == b and a not in _V)
        rows.append([
            t - t_max, lm - lm_max, scores[k] - top, risk[k] - least, len(text) / max(n_letters, 1),
            sum(c in _V for c in text) / n, float(doubled),
            float(text[-1:] in _V), float("e" in text), float("o" in text), float("y" in text),
            float("w" in text), text.count("e") / n, text.count("o") / n, float(k == 0),
            math.log(k + 1),
        ])
    return rows


def _beam_order(beam: Beam) -> tuple[float, str]:
    return (-beam[0], beam[1])


#: a longer word (no name is) takes each letter's first chunk: the search's readings are
#: strings as long as the word, so its time would grow with the square of the length
_SEARCH_MAX = 40
_LM_FLOOR = -12.0  # log p of a character the n-gram model never saw
_MEMO_MAX = 200_000


def _consensus(beams: list[Beam], sharpness: float) -> Beam:
    """The reading with the least expected normalized edit distance to the others."""
    top = beams[0][0]
    weights = [math.exp(sharpness * (b[0] - top)) for b in beams]
    best, best_risk = beams[0], math.inf
    for cand in beams:
        risk = sum(w * _normalized_distance(cand[1], other[1])
                   for w, other in zip(weights, beams))
        if risk < best_risk - 1e-12:
            best, best_risk = cand, risk
    return best


@functools.cache
def _chunk_model() -> ChunkModel:
    """The bundled transducer, read on first use (a resolver that never reads an unknown
    word does not load it)."""
    return _load_chunks()


def _load_chunks(path: Path | None = None) -> ChunkModel:
    """The transducer (tools/fit_translit.py), validated: a RulesError names the file when it
    cannot be read or is not such a model; an empty model when the file is absent."""
    import json

    from .data import bundled_dir

    path = path or bundled_dir() / "rules" / CHUNKS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ChunkModel({}, {})  # the fitting tool runs before the file exists
    except (OSError, ValueError) as exc:
        raise RulesError(str(path), None, f"cannot read the transducer: {exc}") from exc
    try:
        return model_from(data)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise RulesError(str(path), None, f"not a transducer: {exc}") from exc


def model_from(data: object) -> ChunkModel:
    """A :class:`ChunkModel` from the JSON form that tools/fit_translit.py writes:
    ``chunks`` maps a context key to ``"chunk p|chunk p..."``, ``lm`` a history to
    ``"backoff|c logp|..."`` (log base e), ``decoder`` holds the search settings."""
    if not isinstance(data, dict):
        raise TypeError("a JSON object is expected")
    chunks = data.get("chunks")
    if not isinstance(chunks, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in chunks.items()
    ):
        raise TypeError("'chunks' must map keys to Latin chunks")
    contexts: dict[str, tuple[tuple[str, float], ...]] = {}
    for key, value in chunks.items():
        options = []
        for item in value.split("|"):
            chunk, sep, prob = item.rpartition(" ")
            if not sep:
                raise ValueError(f"{key}: {item!r} has no probability")
            options.append((chunk, math.log(max(float(prob), 1e-9))))
        contexts[key] = tuple(options)
    lm: dict[str, tuple[float, dict[str, float]]] = {}
    raw_lm = data.get("lm") or {}
    if not isinstance(raw_lm, dict):
        raise TypeError("'lm' must map histories to probabilities")
    for history, value in raw_lm.items():
        if not isinstance(history, str) or not isinstance(value, str):
            raise TypeError("'lm' must map histories to probabilities")
        backoff, *items = value.split("|")
        lm[history] = (float(backoff), {item[0]: float(item[1:]) for item in items})
    decoder = data.get("decoder") or {}
    if not isinstance(decoder, dict):
        raise TypeError("'decoder' must be an object")
    return ChunkModel(
        contexts, lm,
        order=int(decoder.get("order", 1)),
        beam=int(decoder.get("beam", 1)),
        lm_weight=float(decoder.get("lm_weight", 0.0)),
        mbr=float(decoder.get("mbr", 0.0)),
        search_arabic=bool(decoder.get("search_arabic", True)),
        rerank=_rerank_weights(decoder.get("rerank") or {}),
    )


def _rerank_weights(data: object) -> dict[str, tuple[float, ...]]:
    if not isinstance(data, dict) or not all(
        cls in ("A", "F") and isinstance(w, list) and len(w) == len(RERANK_FEATURES)
        for cls, w in data.items()
    ):
        raise TypeError(f"'rerank' must map A and F to {len(RERANK_FEATURES)} weights")
    return {cls: tuple(float(x) for x in w) for cls, w in data.items()}


# ----------------------------------------------------------------------------- letters
#: letters that Arabic script uses for Arabic sounds only: a word with one of them (or with
#: the article) is an Arabic or Persian name, read by the model learned on such names (a
#: European name in Arabic letters writes its vowels: شارل is Charles, الشام is al-Sham)
ARABIC_ONLY = frozenset("حعصضطظقةىذ")


def is_arabic_word(letters: Sequence[str], article: bool = False) -> bool:
    """True when the word is read by the model of Arabic names (see ARABIC_ONLY)."""
    return article or not ARABIC_ONLY.isdisjoint(letters)


def letters_of(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The letters of one Arabic-script word as the reading schemes see them (Persian and
    Urdu forms folded, ta marbuta, alef maqsura and hamza seats kept), and the harakat written
    on each (a string per letter). Characters that are neither are left out."""
    variants = _tables().variants
    letters: list[str] = []
    marks: list[str] = []
    for ch in unicodedata.normalize("NFKC", word):
        if "\u064b" <= ch <= "\u065f" or ch == _DAGGER_ALEF:
            if letters:
                marks[-1] += ch
        elif is_arabic_char(ch) and unicodedata.category(ch) == "Lo":
            letters.append(variants.get(ch, ch))
            marks.append("")
    return tuple(letters), tuple(marks)


def shape_of(letters: Sequence[str]) -> str:
    """The model's view of a word: ``CCCC`` for محمد, ``YWCC`` for يوسف."""
    return "".join(_SHAPE.get(c, "C") for c in letters)


def _pos(i: int, n: int) -> str:
    return "s" if i == 0 else "e" if i >= n else "p" if i == n - 1 else "1" if i == 1 else "m"


def gap_keys(letters: Sequence[str], shape: str, i: int) -> tuple[str, ...]:
    """The model keys for the short vowel before letter ``i`` (``i == len``: after the last),
    most specific first: the word's shape and the letters around, down to the position alone."""
    n = len(letters)
    prev = letters[i - 1] if i > 0 else "^"
    nxt = letters[i] if i < n else "$"
    return (
        f"1|{shape}|{i}|{prev}|{nxt}",
        f"2|{shape}|{i}|{prev}",
        f"3|{shape}|{i}",
        f"4|{prev}|{nxt}|{_pos(i, n)}",
        f"5|{_pos(i, n)}",
    )


def read_keys(letters: Sequence[str], shape: str, i: int) -> tuple[str, ...]:
    """The model keys for how letter ``i`` is written, most specific first."""
    n = len(letters)
    c = letters[i]
    prev = letters[i - 1] if i > 0 else "^"
    nxt = letters[i + 1] if i + 1 < n else "$"
    return (f"1|{shape}|{i}|{c}", f"2|{prev}|{c}|{nxt}", f"3|{c}|{_pos(i, n - 1)}", f"4|{c}")


def chunk_keys(letters: Sequence[str], i: int, arabic: bool) -> tuple[str, ...]:
    """The transducer's keys for the chunk letter ``i`` writes (its consonant and the short
    vowels after it), most specific first: two letters either side, one either side, the
    letter and the next, the letter alone; each with the word's class (``A``: an Arabic name,
    see :func:`is_arabic_word`; ``F``: a foreign one)."""
    cls = "A" if arabic else "F"
    n = len(letters)
    l2 = letters[i - 2] if i >= 2 else "^"
    l1 = letters[i - 1] if i >= 1 else "^"
    c = letters[i]
    r1 = letters[i + 1] if i + 1 < n else "$"
    r2 = letters[i + 2] if i + 2 < n else "$"
    return (
        f"4|{cls}|{l2}{l1}|{c}|{r1}{r2}",
        f"3|{cls}|{l1}|{c}|{r1}{r2}",
        f"2|{cls}|{l1}|{c}|{r1}",
        f"1|{cls}|{c}|{r1}",
        f"0|{cls}|{c}",
    )


def _lookup(table: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = table.get(key)
        if value is not None:
            return value
    return None


# ----------------------------------------------------------------------------- reading
def _spell(
    letters: tuple[str, ...],
    marks: tuple[str, ...],
    scheme: str,
    article: bool,
    arabic: bool,
    persian: bool = False,
) -> str:
    """One word (without its article) read letter by letter: the learned readings, short vowels
    from the harakat when the word is vocalized, else guessed by the learned model (the model
    of Arabic names when ``arabic`` or the word looks Arabic)."""
    t = _tables()
    n = len(letters)
    if not n:
        return ""
    shape = shape_of(letters)
    vowelled = sum(1 for m in marks if any(c in _VOWEL_MARKS or c == _SUKUN for c in m))
    vocalized = vowelled >= max(1, (n - sum(1 for c in letters if c in "اوي")) // 2)
    # a vocalized word is Arabic (or Persian): a European name in Arabic script writes its
    # vowels with letters, not harakat (غَسَّان Ghassan, يَوْم Yawm; not Gassan, Jawm)
    arabic = arabic or vocalized or is_arabic_word(letters, article)
    gaps, reads = (t.gaps_ar, t.reads_ar) if arabic and t.gaps_ar else (t.gaps, t.reads)
    template = (t.templates_ar if arabic and t.gaps_ar else t.templates).get(shape)
    learned = MODEL == "chunks" or (MODEL == "mixed" and not arabic)
    if not vowelled and learned and _chunk_model().contexts:
        return _transduce(letters, scheme, arabic, persian)
    pieces: list[tuple[str, str]] = []  # (kind, text): "v" a short vowel, else the letter
    for i in range(n + 1):
        gap = None
        long_vowel = None  # the long vowel a haraka announces (مُوسَى: u, not o)
        if i > 0 and marks[i - 1]:
            m = marks[i - 1]
            vowel = next((_VOWEL_MARKS[c] for c in m if c in _VOWEL_MARKS), None)
            if _DAGGER_ALEF in m:
                vowel = "a"
            if vowel is not None:
                # no case ending (Muhammadu), and no second vowel before the long one
                if i < n and letters[i] in _LONG_AFTER[vowel]:
                    long_vowel = vowel
                gap = "" if i == n or long_vowel else vowel
                if pieces and pieces[-1][1].endswith(vowel):
                    gap = ""  # a hamza seat reads its vowel already (إِبراهيم: Ibrahim)
            elif _SUKUN in m:
                gap = ""
        if gap is None:
            if vocalized and 0 < i < n:
                gap = ""
            elif template is not None:
                gap = template[i]  # the vowels of the most names of this shape
            else:
                gap = _lookup(gaps, gap_keys(letters, shape, i)) or ""
        if gap:
            pieces.append(("v", gap))
        if i < n:
            c = letters[i]
            text = long_vowel or _lookup(reads, read_keys(letters, shape, i))
            if c in _SEATS and any(v in _VOWEL_MARKS for v in marks[i]):
                text = ""  # the haraka's vowel follows as the next gap
            elif c in _GLIDES and (
                any(v in _SHORT_VOWELS for v in marks[i])
                or (_SHADDA in marks[i] and not long_vowel)
                or (_SUKUN in marks[i] and pieces and pieces[-1] == ("v", "a"))
            ):
                # ي or و with a haraka of its own (a long vowel letter has none) is the
                # consonant y, w (يَوْم Yawm, سُوَيْد Suwayd, سَيِّد Sayyid; عَلِيّ stays Ali);
                # after a fatha, with a sukun, it closes the diphthong ay, aw (زَيْد Zayd,
                # خَيْر Khayr, دَوْلَة Dawla), not a second vowel (Zaed, Khaair)
                if long_vowel:
                    pieces.append(("v", long_vowel))  # the haraka before is short: Su-wayd
                text = _GLIDES[c]
            if text is None:
                text = t.fallback.get(c)
                if text is None:
                    text = normalize(unidecode(c))
            elif vocalized and c not in _VOWEL_LETTERS and text.strip("aeiou"):
                # the harakat write the vowels: a consonant's learned reading adds none
                # (مَهْدِي Mahdi, إِبْرَاهِيم Ibrahim; not the ah of a final ه: Maahdi)
                text = text.strip("aeiou")
            doubled = _SHADDA in marks[i] and not (article and i == 0)  # ash-Sham: no double
            if doubled and len(text) == 1 and text not in "aeiou":
                text += text
            pieces.append((c, text))
    if arabic and not vocalized:
        # (a haraka written in the word says its vowels: no i is added before the last letter)
        pieces = _syllables(pieces, long_a=not any(marks))
    if scheme == "french":
        pieces = _frenchify(pieces)
        if arabic:
            pieces = _french_letters(pieces)
    elif arabic:
        # (the letters read from the harakat too: خَلِيل is Khalil, not the Turkish Halil)
        pieces = _english_letters(pieces)
    return "".join(text for _, text in pieces)


_CHUNK = re.compile("(.*?)([aeiou]*)$")
_VOWEL_LETTERS = frozenset("اويىةأإآؤئءع")


def _transduce(letters: tuple[str, ...], scheme: str, arabic: bool, persian: bool = False) -> str:
    """An unvocalized word read by the learned transducer: each letter writes the chunk its
    context chose (its consonant and the short vowels after it); in a Persian or Urdu name
    ض, ظ, ذ are z and ث is s."""
    pieces: list[tuple[str, str]] = []
    for c, chunk in zip(letters, _chunk_model().read(letters, arabic)):
        if chunk is None:
            chunk = _tables().fallback.get(c)
            if chunk is None:
                chunk = normalize(unidecode(c))
        if c in _VOWEL_LETTERS:
            pieces.append((c, chunk))
            continue
        m = _CHUNK.match(chunk)
        assert m is not None
        head, vowels = m.groups()
        if not head:  # a consonant written by vowels alone stays one piece
            head, vowels = chunk, ""
        if persian and c in _PERSIAN_READS and head:
            head = _PERSIAN_READS[c]
        pieces.append((c, head))
        if vowels:
            pieces.append(("v", vowels))
    _initial_alif(pieces)
    _ia_ending(pieces)
    if arabic:
        pieces = _syllables(pieces)
    if scheme == "french":
        pieces = _frenchify(pieces)
        if arabic:
            pieces = _french_letters(pieces)
    elif arabic:
        pieces = _english_letters(pieces)
    return "".join(text for _, text in pieces)


#: French, Turkish and German letter habits that the common scheme writes in English: the
#: transducer learned them from spellings in its training pairs (البشير: Bechir; خير: Hayri;
#: غالب: Galip), which an English reader reads as other sounds (al-Bachir for al-Bashir, Djamal
#: for Jamal, Hair for Khair, Galib for Ghalib)
_ENGLISH_LETTERS = {
    "ش": {"ch": "sh", "sch": "sh"},
    "ج": {"dj": "j"},
    "خ": {"h": "kh", "ch": "kh", "k": "kh"},
    "غ": {"g": "gh"},
}
#: what a word-initial و writes as a vowel (French ou, or u, o): English writes a consonant w
_INITIAL_WAW = frozenset({"ou", "u", "o", "oo"})


#: the Turkish and German habits that French does not share either: French writes kh for خ
#: and gh for غ (Khaled, Kheireddine, Ghannouchi; h reads as nothing, ch as sh, g as j before
#: e and i). The french scheme keeps its ch for ش and dj for ج.
_FRENCH_LETTERS = {k: _ENGLISH_LETTERS[k] for k in ("خ", "غ")}


def _english_letters(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An Arabic name's letters in the common scheme: sh for ش, j for ج, kh for خ, gh for غ
    (see :data:`_ENGLISH_LETTERS`); the vowels the reading chose are kept. A word-initial و
    read as a vowel before a consonant is the consonant w (Wazir, Watban, not Ouzir,
    Outban: Arabic has no word-initial vowel u there)."""
    return _letters(pieces, _ENGLISH_LETTERS, "wa")


def _french_letters(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An Arabic name's letters in the french scheme (also the common scheme's Maghrebi
    names): kh for خ, gh for غ (see :data:`_FRENCH_LETTERS`), and a word-initial و before a
    consonant written oua, as French writes that w (Ouazir, Ouahab, not Ouzir)."""
    return _letters(pieces, _FRENCH_LETTERS, "oua")


def _letters(
    pieces: list[tuple[str, str]], table: dict[str, dict[str, str]], waw: str
) -> list[tuple[str, str]]:
    out = [(kind, table.get(kind, {}).get(text, text)) for kind, text in pieces]
    # (the word's first letter: in اوفقير the و follows an alif, Oufkir, not Wafkir)
    if out and out[0][0] == "و" and out[0][1] in _INITIAL_WAW:
        after = next((p for p in out[1:] if p[1]), None)
        if after is not None and after[0] != "v" and _consonantal(after[1]):
            out[0] = ("و", waw)
    return out


#: the vowel an initial alif writes before ي or و read as a consonant, as the training pairs
#: write it (ا + ي + a long vowel: a+y 90 times, e+y 7, i+y 3, a bare y never)
_ALIF_BEFORE = {"y": "a", "w": "o"}


def _initial_alif(pieces: list[tuple[str, str]]) -> None:
    """A word's initial alif always carries a vowel (a hamza seat or a wasla): read as nothing
    before ي or و read as the consonant y or w, it writes one (اياد Ayad, إياد Iyad, not Yad;
    ايال Ayal)."""
    if len(pieces) >= 2 and pieces[0][0] in "اأإ" and not pieces[0][1] and pieces[1][0] in _GLIDES:
        vowel = _ALIF_BEFORE.get(pieces[1][1][:1])
        if vowel is not None:
            pieces[0] = (pieces[0][0], "i" if pieces[0][0] == "إ" else vowel)


def _ia_ending(pieces: list[tuple[str, str]]) -> None:
    """A word ending in يعة, ain unwritten and its vowel the ending's: Sharia, Rabia, Talia
    (not Shariaa: in the Wikidata pairs of such words a single a is written 9 times in 11)."""
    letters = [k for k, (kind, text) in enumerate(pieces) if kind != "v" and text]
    if len(letters) < 3:
        return
    k_ya, k_ain, k_ta = letters[-3:]
    ya, ain, ta = pieces[k_ya], pieces[k_ain], pieces[k_ta]
    if (
        ya[0] == "ي" and ya[1] in ("i", "ee", "y", "iy") and ain[0] == "ع"
        and ain[1].strip("a") == "" and ta[0] == "ة" and ta[1].startswith("a")
        and all(kind != "v" for kind, _ in pieces[k_ain + 1 : k_ta])
    ):
        pieces[k_ain] = (ain[0], "")
        if ya[1] == "y":
            pieces[k_ya] = (ya[0], "i")


def _consonantal(text: str) -> bool:
    return bool(text) and not any(v in text for v in _VOWELS)


def _syllables(pieces: list[tuple[str, str]], long_a: bool = True) -> list[tuple[str, str]]:
    """Arabic syllables: no word starts with two consonants, none has three in a row and none
    is without a vowel, so a guess that leaves such a cluster gets an ``a`` (Dra -> Dara,
    Monbg -> Monbag, T -> Ta); with ``long_a``, a long a closed by two final consonants gets
    an ``i`` (see :func:`_long_a_cluster`)."""
    out: list[tuple[str, str]] = []
    run = 0
    letters_seen = 0
    for kind, text in pieces:
        if kind == "v" or not _consonantal(text):
            run = 0 if kind == "v" or text else run
            out.append((kind, text))
            letters_seen += kind != "v"
            continue
        if run == 2 or (run == 1 and letters_seen == 1):
            out.append(("v", "a"))
            run = 0
        out.append((kind, text))
        run += 1
        letters_seen += 1
    if not any(kind == "v" or not _consonantal(text) for kind, text in out if text):
        # no vowel at all (طه): the first consonant gets one
        first = next((k for k, (_, text) in enumerate(out) if text), None)
        if first is not None:
            out.insert(first + 1, ("v", "a"))
    if long_a:
        _long_a_cluster(out)
    return out


def _long_a_cluster(pieces: list[tuple[str, str]]) -> None:
    """A word ending in a long a and two consonants gets an i between them: an Arabic syllable
    with a long vowel does not close on two consonants, and such a word is mostly of the
    pattern CaCiC (غالب Ghalib, خالق Khaliq, فاتح Fatih; the letter-by-letter reading left
    Ghalb, Khalk, Fath). Not before a final ة, ه or a long vowel."""
    written = [k for k, (_, text) in enumerate(pieces) if text]
    if len(written) < 3:
        return
    k_a, k_c1, k_c2 = written[-3:]
    (a, a_text), (c1, c1_text), (c2, c2_text) = pieces[k_a], pieces[k_c1], pieces[k_c2]
    if (
        a in "اآ" and a_text in ("a", "aa")
        and c1 != "v" and c2 != "v" and c1 not in "اويى" and c2 not in "اويىةه"
        and _consonantal(c1_text) and _consonantal(c2_text)
    ):
        pieces.insert(k_c1 + 1, ("v", "i"))


def _frenchify(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """French letter habits on a learned reading: ch for ش, ou for و and short u, ss between
    vowels for س, k for ق."""
    t = _tables()
    out: list[tuple[str, str]] = []
    for kind, text in pieces:
        if kind == "v":
            text = text.replace("u", t.french_short_u) if "o" not in text else text
        elif kind == "و" and text in ("u", "oo", "w", "ou"):
            text = t.french_waw
        elif kind in t.french_letters and text and text not in "aeiou":
            text = t.french_letters[kind]
        out.append((kind, text))
    waw = t.french_waw
    for k, (kind, text) in enumerate(out):
        if (kind, text) != ("و", waw):
            continue
        prev = out[k - 1] if k else ("", "")
        succ = out[k + 1] if k + 1 < len(out) else ("", "")
        if (succ[0] in ("v", "و") and succ[1].startswith(waw)) or (
            prev[0] == "v" and prev[1].endswith(waw)
        ):
            # و beside its own u (a damma: وُجْدَان, سُوَيْد; a long u: دَاوُود) is one ou
            # in French: Oujdan, Souayd, Daoud, not Ououjdan, Sououayd, Daououd
            out[k] = ("و", "")
    if t.french_double_s:
        for k, (kind, text) in enumerate(out):
            if kind == "س" and text == "s" and 0 < k < len(out) - 1:
                before, after = out[k - 1][1], out[k + 1][1]
                if before[-1:] in _VOWELS and after[:1] in _VOWELS:
                    out[k] = (kind, "ss")
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=65536)
def _read_word(
    word: str, scheme: str, arabic: bool = False, persian: bool = False, allah: bool = True
) -> str:
    """One word: the article as al-, then the name-token table's spelling when the word is
    unvocalized and the table knows it, else the letter reading (``arabic``: the name is an
    Arabic one, see :func:`is_arabic_word`; ``persian``: written with Persian or Urdu letters,
    see :data:`PERSIAN_LETTERS`; ``allah``: a word glued to Allah is read as the name and
    Allah)."""
    from .parts import lexicon

    letters, marks = letters_of(word)
    article = len(letters) >= 4 and letters[0] == "ا" and letters[1] == "ل"
    if article:
        letters, marks = letters[2:], marks[2:]
    prefix = _tables().particles[scheme]["article"] if article else ""
    if not any(c in _VOWEL_MARKS or c == _SUKUN for m in marks for c in m):
        lex = lexicon()
        key = normalize("".join(letters))
        known = (
            (lex.spelling_fr.get(key) if scheme == "french" else None)
            or (lex.spelling_al.get(key) if article else None)
            or lex.spelling_of.get(key)
        )
        if known:
            return prefix + _capital(normalize(known).replace(" ", ""))
    if (
        allah
        and len(letters) >= 6
        and letters[-4:] == ("ا", "ل", "ل", "ه")
        and normalize(word) not in lexicon().spelling_of
    ):
        # a name glued to Allah (خيرالله): the name, then Allah as the media join it
        # (once: the stem is read as a word, whatever it ends with)
        stem = _read_word("".join(letters[:-4]), scheme, arabic, persian, False)
        return prefix + _allah(stem, persian or letters[-5] == "ت", scheme)
    return prefix + _capital(_spell(letters, marks, scheme, article, arabic, persian))


#: letters of Persian, Urdu and Pashto: a name written with one of them is read as those
#: languages write names in Latin (ض, ظ, ذ as z, ث as s: Faiz, Nazar; -ullah: Najibullah)
PERSIAN_LETTERS = frozenset("پچژگکیےۀہھٹڈڑںې")
_PERSIAN_READS = {"ض": "z", "ظ": "z", "ذ": "z", "ث": "s"}


def _allah(stem: str, persian: bool, scheme: str) -> str:
    """A name and Allah as one word: -ullah in Persian, Urdu and Pashto names (Najibullah,
    Hidayatullah: also an Arabic-script name whose first part ends in ت, the Persian form of
    ة), -allah in Arabic ones (Nasrallah, Fadlallah)."""
    if persian and scheme == "common":
        return stem + ("llah" if stem.endswith("u") else "ullah")
    return stem + ("llah" if stem[-1:] in _VOWELS else "allah")


_DIN = "الدين"


def _glues_din(out: list[str], din: str, before: str) -> bool:
    """al-Din after a name read as one word (not a word with the article, not a particle) is
    glued to it in the schemes whose particles say how (``din``); not when the harakat
    write it (خَيْر الدِّين: a vocalized name is read as it is written, Khayr al-Din)."""
    last = out[-1] if out else ""
    if not before or any(c in _VOWEL_MARKS or c in (_SUKUN, _SHADDA) for c in din + before):
        return False
    return last[-1:].isalpha() and last[:1].isupper() and "-" not in last


def _din(stem: str, din: str) -> str:
    """A name and al-Din as one word, as French spellings write it (Noureddine, Badreddine,
    Nassereddine). Measured on the Latin names of the UN and OFAC entities that have no
    Arabic-script name (none of the benchmark's): of the 46 compounds written with e (eddine,
    el din), 28 are glued, and X + eddine is nearer them (0.084 mean normalized edit distance)
    than X al-Din (0.233) or X eddine (0.112). Over all 202 al-Din compounds of those names
    (mostly English habits: Nur al-Din, Salahuddin) X al-Din is the nearest form (0.145, X +
    uddin 0.155), so the common scheme keeps the two words."""
    return stem + (din[1:] if stem[-1:] == din[:1] else din)


def _plain(word: str) -> str:
    """A word in the matching form (no harakat, hamza seats and variants folded)."""
    return normalize(word)


_BIN = frozenset({"بن"})
_IBN = frozenset({"ابن"})
_BINT = frozenset({"بنت"})
_ABU = frozenset({"ابو", "ابي", "ابا"})
_UMM = frozenset({"ام"})
_ABD = "عبد"
_ALLAH = "الله"


def _read_words(
    words: Sequence[str],
    scheme: str,
    *,
    preceded: bool = False,
    followed: bool = False,
    maghrebi: bool | None = None,
) -> list[str]:
    """A name the tables do not know, word by word, with its particles (bin, Abu, Abd al-,
    Allah) written as the scheme writes them. ``words`` may be a piece of a longer name
    whose other pieces the tables know: ``preceded`` / ``followed`` say that a name stands
    before / after it (a bin at either end is still bin: Mohammed bin Salman bin Abdulaziz),
    and ``maghrebi`` what :func:`_maghrebi` says of the whole name (its own words if None)."""
    if scheme == "common" and (_maghrebi(words) if maghrebi is None else maghrebi):
        scheme = "french"
    p = _tables().particles[scheme]
    if scheme == "common" and len(words) >= 2:
        english = _english_org(words)
        if english is not None:
            return english
    out: list[str] = []
    i = 0
    n = len(words)
    # a name with one Arabic-looking word (or the article) is an Arabic name: every word of
    # it is read with Arabic syllables
    persian = any(c in PERSIAN_LETTERS for w in words for c in w)
    arabic = _arabic_name(words, persian)
    while i < n:
        word = words[i]
        plain = _plain(word)
        has_next = i + 1 < n
        between = (bool(out) or preceded) and (has_next or followed)  # a name on each side
        if plain in _BIN and between:
            out.append(p["bin"])
        elif plain in _IBN:
            out.append(p["ibn"])
        elif plain in _BINT and between:
            out.append(p["bint"])
        elif plain in _ABU and (has_next or followed):
            out.append(p["abu"])
        elif plain in _UMM and (has_next or followed):
            out.append(p["umm"])
        elif plain == _OULD and persian and between:
            # son of, in an Afghan name written with Persian letters (Dari, Pashto): walad,
            # not the Ould of a Mauritanian name
            out.append("walad")
        elif plain == _ABD and has_next:
            out.append(_abd(words[i + 1], scheme))
            i += 1
        elif plain.startswith(_ABD) and len(plain) >= 6 and plain[3:5] == _ARTICLE:
            out.append(_abd(word[word.index("ل", 3) - 1 :], scheme))
        elif plain == _DIN and "din" in p and _glues_din(out, word, words[i - 1] if i else ""):
            out.append(_din(out.pop(), p["din"]))  # Nur al-Din -> Nuruddin, Noureddine
        elif plain == _ALLAH:
            if out and out[-1][-1:].isalpha() and out[-1][:1].isupper() and "-" not in out[-1]:
                stem = out.pop()  # Nasr Allah -> Nasrallah, as the media write it
                out.append(_allah(stem, persian or _plain(words[i - 1])[-1:] == "ت", scheme))
            else:
                out.append(p["allah"])
        elif plain in _FI:
            out.append(p["fi"])
        elif (clitic := _clitic(plain)) is not None:
            rest = word[word.index("ل", 1) + 1 :]
            out.append(clitic[0] + _read_word(rest, scheme, arabic, persian))
        else:
            text = _read_word(word, scheme, arabic, persian)
            if has_next and _construct(word, words[i + 1]):
                text = _CONSTRUCT.sub("at", text, count=1)  # Jabhat al-Nusra, Harakat Hazm
            out.append(text)
        i += 1
    return out


_FI = frozenset({"في"})
_OULD = "ولد"
#: آل written apart, as matching folds it (the article itself is written joined)
_FAMILY = "ال"


def _maghrebi(words: Sequence[str]) -> bool:
    """A Maghrebi or Mauritanian name: a chain of fathers with two bin or more (Tunisian and
    Algerian civil-status names: X ben Y ben Z) or Ould. English-language media and lists write
    such names in their French spelling (Mohamed ben Belkacem, Abdelhakim, Bouchoucha), so the
    common scheme reads them as the french one does. A Gulf name (آل before the family: X bin
    Y bin Z Al Saud) is not one, nor is a name that ends in the nisba of a tribe of the
    Arabian Peninsula (``gulf_nisbas`` in translit.yaml: X bin Y bin Z al-Ghamdi); another
    Gulf name with a chain of bin is, the rule's known risk."""
    if len(words) < 3:
        return False  # (X Ould Y has three words; the time of a short name is kept)
    if any(c in PERSIAN_LETTERS for w in words for c in w):
        return False  # an Afghan or Pakistani name: its ولد is walad (see _read_words)
    plain = [_plain(w) for w in words]
    if _FAMILY in plain or not _tables().gulf_nisbas.isdisjoint(plain):
        # آل before the family (Al Saud, Al Maktoum, Al Thani), or a tribe's nisba (al-Ghamdi,
        # al-Qahtani): a Gulf name, written bin in English however long its chain of fathers
        return False
    return sum(w in _BIN for w in plain) >= 2 or _OULD in plain


@dataclass(frozen=True, slots=True)
class _OrgEnglish:
    concepts: dict[str, str]  # normalized Arabic word (no article) -> concept
    heads: dict[str, str]
    proper_name_heads: frozenset[str]
    adjectives: dict[str, tuple[int, str]]  # concept -> (English order, adjective)


@functools.cache
def _org_english() -> _OrgEnglish:
    from .orgwords import org_words

    data = load_rule_file("org_words").get("english") or {}
    try:
        heads = {str(k): str(v) for k, v in (data.get("heads") or {}).items()}
        proper = frozenset(str(k) for k in data.get("proper_name_heads") or ())
        adjectives = {
            str(k): (rank, str(v))
            for rank, group in enumerate(data.get("adjectives") or ())
            for k, v in group.items()
        }
    except (AttributeError, TypeError) as exc:
        raise RulesError("org_words.yaml", None, f"malformed 'english' section: {exc}") from exc
    concepts = {w: c for w, c in org_words().concepts.items() if has_arabic(w)}
    for concept in (*heads, *proper, *adjectives):
        if concept not in set(concepts.values()):
            raise RulesError("org_words.yaml", None, f"english: unknown concept {concept!r}")
    return _OrgEnglish(concepts, heads, proper, adjectives)


def _english_org(words: Sequence[str]) -> list[str] | None:
    """An organisation name in English word order when every word is accounted for: a head
    noun and adjectives (الجماعة الإسلامية المسلحة: Armed Islamic Group), or a head noun and
    a proper name of one to three words (شبكة حقاني: Haqqani Network); else None (the name
    is transliterated). See the ``english`` section of aliases/rules/org_words.yaml."""
    table = _org_english()
    parsed: list[tuple[bool, str | None]] = []
    for word in words:
        plain = _plain(word)
        article = plain.startswith(_ARTICLE) and len(plain) >= 4
        core = plain[2:] if article else plain
        parsed.append((article, table.concepts.get(core) or table.concepts.get(plain)))
    head_article, head = parsed[0]
    if head is None or head not in table.heads:
        return None
    rest = parsed[1:]
    if all(c in table.adjectives and a == head_article for a, c in rest):
        ranked = sorted((table.adjectives[c][0], k, table.adjectives[c][1])
                        for k, (_, c) in enumerate(rest) if c is not None)
        return [adjective for _, _, adjective in ranked] + [table.heads[head]]
    if (
        head in table.proper_name_heads
        and not head_article
        and len(rest) <= 3
        and all(not a and c is None for a, c in rest)
        and not any(_plain(w) in _NAME_PARTICLES - _ABU or _plain(w) == _ALLAH for w in words[1:])
        and _plain(words[-1]) not in _ABU
    ):
        return [*_read_words(words[1:], "common"), table.heads[head]]
    return None


_NAME_PARTICLES = _BIN | _IBN | _BINT | _ABU | _UMM | {_ABD, "ولد"}


def _arabic_name(words: Sequence[str], persian: bool) -> bool:
    """A name read with the model of Arabic names: one of its words looks Arabic (see
    :func:`is_arabic_word`), it has a particle of Arabic names (bin, Abu, Abd, Ould) or a name
    with Allah, or it is written with Persian or Urdu letters (those names write their vowels
    as Arabic ones do, not as European names in Arabic script)."""
    return persian or any(
        is_arabic_word(*_word_and_article(w))
        or _plain(w) in _NAME_PARTICLES
        or _plain(w).endswith(_ALLAH)
        for w in words
    )


def _word_and_article(word: str) -> tuple[tuple[str, ...], bool]:
    letters, _ = letters_of(word)
    article = len(letters) >= 4 and letters[0] == "ا" and letters[1] == "ل"
    return (letters[2:] if article else letters), article


_CONSTRUCT = re.compile("(?:[aeiou]h?|h)?$")


def _construct(word: str, nxt: str) -> bool:
    """A word ending in ta marbuta, without the article, before another noun: the state
    construct that English spellings write with -at (جبهة النصرة is Jabhat al-Nusra). Not for
    a given name of the name-token table (حمزة علي is Hamza Ali)."""
    from .parts import lexicon

    letters, _ = letters_of(word)
    if not letters or letters[-1] != "ة" or letters[:2] == ("ا", "ل"):
        return False
    if _plain(word) in lexicon().spelling_of:
        return False
    following = _plain(nxt)
    return following not in _BIN | _IBN | _BINT and following not in _FI


#: a preposition or conjunction glued to the article: wa-l (and the), li-l (for the), bi-l
_CLITICS = (("وال", "wal-"), ("بال", "bil-"), ("لل", "lil-"))


def _clitic(plain: str) -> tuple[str, ...] | None:
    """("wal-",) for والجهاد, ("lil-",) for للمزارع, ("bil-",) for بالشام: a clitic and the
    article glued to a word the name-token table does not know; else None."""
    from .parts import lexicon

    for head, latin in _CLITICS:
        if plain.startswith(head) and len(plain) >= len(head) + 3:
            if plain in lexicon().spelling_of:
                return None
            return (latin,)
    return None


def _abd(name: str, scheme: str) -> str:
    """``Abd`` + ``name``: Abdullah for Allah; Abdul Rahman (Abdelrahman in French) when the
    name has the article, whether the Arabic glues it to Abd or not (عبدالجبار is Abdul Jabbar
    as عبد الجبار is: English-language lists write the two words apart, 7 of the 8 glued
    names of UN half A); else Abd and the name."""
    p = _tables().particles[scheme]
    plain = _plain(name)
    if plain == _ALLAH:
        return p["abdullah"]
    word = _read_word(name, scheme, True)
    if plain.startswith(_ARTICLE) and len(plain) >= 4:
        bare = word.split("-", 1)[-1]
        if scheme == "french":
            return p["abd"] + bare.lower()
        return f"{p['abd']} {bare}"
    return f"Abd {word}"


# ----------------------------------------------------------------------------- table names
_index: tuple[object, dict[str, str]] | None = None


def _known_names() -> dict[str, str]:
    """Normalized Arabic-script alias -> the entity's usual Latin name, from the default
    resolver's tables (built on first use, again after :func:`aliasres.reset`)."""
    global _index
    from .resolve import default_resolver

    resolver = default_resolver()
    cached = _index
    if cached is None or cached[0] is not resolver:
        cached = _index = (resolver, known_names_index(resolver.entities))
    return cached[1]


def known_names_index(entities: Sequence[object]) -> dict[str, str]:
    """An index from each Arabic-script alias of ``entities`` (normalized) to the Latin name
    that writes it: the canonical name of a place (without a qualifier: Tripoli, Libya ->
    Tripoli), or of a person or organisation when its consonants agree with the Arabic; else
    the first Latin alias of the same kind that agrees. When entities that share an Arabic
    alias disagree, a Latin alias they all have is used (طرابلس: Tripoli), else, when they
    are places and one is broader than the others (a country and a town), the broader one's
    name (عمان: Oman), else none (the words are read instead)."""
    from .types import PLACE_LEVELS, Entity

    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    #: how broad the place that gives each option is (PLACE_LEVELS order; not a place: None)
    ranks: dict[str, list[int | None]] = {}
    for entity in entities:
        if not isinstance(entity, Entity):
            continue
        latin = [a for a in entity.aliases if not has_arabic(a.name) and not a.weak]
        names = frozenset(a.name for a in latin)
        for alias in entity.aliases:
            if not has_arabic(alias.name) or alias.kind in _NOT_WRITTEN_AS:
                continue
            key = normalize(alias.name)
            if not key or not has_arabic(key):
                continue
            name = _latin_for(alias.name, alias.kind, entity, latin)
            if name is not None:
                found.setdefault(key, []).append((name, names))
                rank = None
                if entity.type == "place":
                    level = entity.level
                    rank = PLACE_LEVELS.index(level) if level in PLACE_LEVELS else len(PLACE_LEVELS)
                ranks.setdefault(key, []).append(rank)
    index: dict[str, str] = {}
    for key, options in found.items():
        if len({name for name, _ in options}) == 1:
            index[key] = options[0][0]
            continue
        common = frozenset.intersection(*(names for _, names in options))
        target = _name_skeleton(key)
        agree = sorted(n for n in common if _close(target, _name_skeleton(n)))
        if agree:
            index[key] = agree[0]
            continue
        # places only, one broader than all others (a country and a town: عمان is Oman,
        # not Amman): the broader place's name, the usual reading of the bare name
        levels = ranks[key]
        if all(r is not None for r in levels):
            top = min(r for r in levels if r is not None)
            names_at_top = {name for (name, _), r in zip(options, levels) if r == top}
            if len(names_at_top) == 1 and levels.count(top) < len(levels):
                index[key] = names_at_top.pop()
    return index


_QUALIFIER = re.compile(r"\s*(?:,[^,]*|\([^()]*\))$")


def _latin_for(arabic: str, kind: str, entity: object, latin: Sequence[object]) -> str | None:
    from .types import Alias, Entity

    assert isinstance(entity, Entity)
    options: list[str] = []
    if kind == "spelling":
        if entity.type == "place":
            # Damascus for دمشق: a place keeps its English name, without a qualifier
            return _QUALIFIER.sub("", entity.name) or entity.name
        options.append(entity.name)
    options += [a.name for a in latin if isinstance(a, Alias) and a.kind == kind]
    target = _name_skeleton(arabic)
    for option in options:
        if _close(target, _name_skeleton(option)):
            return option
    return None


def _name_skeleton(name: str) -> str:
    from .keys import coarse, skeleton

    out = []
    for token in normalize(name).split():
        if token in ("al", "el", "ال"):
            continue
        if token.startswith(_ARTICLE) and len(token) >= 4:
            token = token[2:]
        elif token.startswith(("al", "el")) and len(token) >= 5 and token.isascii():
            token = token[2:]
        out.append(coarse(skeleton(token)))
    return "".join(out)


def _close(a: str, b: str) -> bool:
    """Two coarse skeletons of whole names agree (at most one class in four differs)."""
    from rapidfuzz.distance import Levenshtein

    if not a or not b:
        return False
    return Levenshtein.distance(a, b) <= max(len(a), len(b)) // 4


# ----------------------------------------------------------------------------- public API
#: what str.splitlines() ends a line at (transliterate() keeps each as it is)
_LINE_BREAK = re.compile("(\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])")


def transliterate(text: str, *, scheme: Scheme | str = "common") -> str:
    """Arabic, Persian and Urdu script in ``text`` to Latin in ``scheme`` (``"common"``,
    ``"french"`` or ``"strict"``; see the module docstring); Latin parts kept, other scripts
    via unidecode. Each line is read on its own and its line break kept as it is (``\n``,
    ``\r``, U+2028, U+2029, NEL ...: the output has as many lines as ``text`` for
    ``str.splitlines()``). Time is linear in the length of ``text``.

    Raises:
        TypeError: if ``text`` is not a ``str``.
        ValueError: for an unknown ``scheme``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")
    if text.isascii():
        return text
    if _LINE_BREAK.search(text):
        # each line on its own, its break kept as it is: unidecode would make U+2028 a
        # line break and U+2029 two, and drop NEL (gluing two words); no name spans lines
        parts = _LINE_BREAK.split(text)
        return "".join(
            part if k % 2 else transliterate(part, scheme=scheme) for k, part in enumerate(parts)
        )
    if scheme == "common":
        known = _known_names().get(normalize(text)) if has_arabic(text) else None
        if known is not None:
            return known
    text = unicodedata.normalize("NFKC", text) if _needs_nfkc(text) else text
    pattern = _WORD if scheme == "strict" else _RUN
    out: list[str] = []
    pos = 0
    runs = list(pattern.finditer(text))
    for k, m in enumerate(runs):
        gap = text[pos : m.start()]
        out.append(_others(gap))
        if scheme == "strict":
            out.append(_strict_word(m.group()))
        else:
            # a word in another script next to the run, a space between, is the name's
            # (Ahmed بن Ali: bin; not after a comma or a bracket)
            after = text[m.end() : runs[k + 1].start() if k + 1 < len(runs) else len(text)]
            before = gap.rstrip(" \u00a0")
            rest = after.lstrip(" \u00a0")
            out.append(_read_run(
                m.group(), scheme,
                len(before) < len(gap) and before[-1:].isalpha(),
                len(rest) < len(after) and rest[:1].isalpha(),
            ))
        pos = m.end()
    out.append(_others(text[pos:]))
    return "".join(out)



def _others(text: str) -> str:
    return text if text.isascii() else "".join(_other(c) for c in text)


def _needs_nfkc(text: str) -> bool:
    # presentation forms (ﻻ, ﷲ) and compatibility characters become letters first
    return any("\ufb50" <= c <= "\ufeff" for c in text)


#: the longest name particle as written, harakat included (a longer word is no particle)
_PARTICLE_MAX = 8


def _read_run(run: str, scheme: str, preceded: bool = False, followed: bool = False) -> str:
    """A run of Arabic words: the longest spans the tables know as names, the rest read (a
    name particle alone is no span: بن in a name is bin, whatever place shares its letters).
    ``preceded`` / ``followed``: a word in another script stands before / after the run."""
    words = run.split()
    inside = len(words) > 1 or preceded or followed  # the run is not a particle alone
    index = _known_names() if scheme == "common" else {}
    out: list[str] = []
    pending: list[str] = []
    # one convention for the whole name, whatever pieces of it the tables know
    maghrebi = scheme == "common" and _maghrebi(words)
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_SPAN), i, -1):
            if j == i + 1 and inside and len(words[i]) <= _PARTICLE_MAX and (
                _plain(words[i]) in _NAME_PARTICLES
            ):
                continue  # بن inside a name is bin, not the town Bāneh of the tables
            name = index.get(normalize(" ".join(words[i:j])))
            if name is not None:
                if pending:
                    out += _read_words(pending, scheme, preceded=bool(out) or preceded,
                                       followed=True, maghrebi=maghrebi)
                    pending = []
                out.append(name)
                i = j
                break
        else:
            pending.append(words[i])
            i += 1
    if pending:
        out += _read_words(pending, scheme, preceded=bool(out) or preceded, followed=followed,
                           maghrebi=maghrebi)
    return " ".join(w for w in out if w)


def _strict_word(word: str) -> str:
    table = _tables().strict
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", word):
        latin = table.get(ch)
        if latin is None:
            latin = "" if ch == "\u0640" else normalize(unidecode(ch))
        if ch == _SHADDA and out and out[-1] in _STRICT_VOWELS:
            out.insert(len(out) - 1, latin)  # the doubling before the vowel: Muḥamːad
        else:
            out.append(latin)
    return _capital("".join(out))


def from_strict(text: str) -> str:
    """Read the output of ``transliterate(..., scheme="strict")`` back into Arabic script.

    Letters that the strict table does not write are kept as they are; capitals are read as
    their small letters (the strict scheme capitalizes each word).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    back = _tables().strict_back
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    return unicodedata.normalize("NFC", "".join(back.get(c, c) for c in text))


def _other(ch: str) -> str:
    """A character outside the Arabic words: ASCII as it is, Arabic digits and punctuation
    as ASCII, other scripts via unidecode; lone surrogates, other non-characters and
    pictographic symbols are dropped."""
    if ch.isascii():
        return ch
    if ch in _PUNCT:
        return _PUNCT[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch:  # circled, full-width, styled letters: ⓑ is b (as normalize() reads it)
        return "".join(c if c.isascii() else _other(c) for c in folded if c != ch)
    category = unicodedata.category(ch)
    if category == "Nd":
        # a digit as normalize() reads it: Arabic-Indic and Devanagari digits are ASCII
        # digits there, some scripts' digits are dropped (𐴰, ߀): the same digits both ways
        digit = normalize(ch)
        return digit if digit.isdigit() else ""
    if category in ("Cs", "Co", "Cn", "So") or is_arabic_char(ch):
        return ""  # unidecode would read braille as digits and emoji as words
    out = unidecode(ch)
    if unicodedata.numeric(ch, None) is None and any(c.isdigit() for c in out):
        # a character that is no number gives no digits (unidecode reads ‰ as "%0")
        out = "".join(c for c in out if not c.isdigit())
    return out
