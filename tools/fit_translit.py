#!/usr/bin/env python3
"""Fit the letter-to-chunk transducer of aliasres.transliterate() (aliases/rules/translit_chunks.json).

Input: ``wikidata_ar_en_name_tokens.jsonl`` (see tools/derive_name_parts.py), the training 90%
only: the tokens :func:`tools.derive_name_parts.held_out` holds out are never read.

1. Alignment. Every pair (Arabic token, Latin spelling) is segmented so that each Arabic letter
   writes one Latin *chunk* of 0 to 4 letters: its consonant and the short vowels after it
   (محمد = mu·ha·mma·d, يوسف = yu·s·e·f... whatever the data say). The chunk probabilities
   p(chunk | letter) are learned by expectation maximisation (forward-backward over all
   segmentations, a handful of rounds, no context), then each pair takes its best segmentation.
   Pairs that align only through improbable chunks are alignment noise (محمد -> morocco) and
   are dropped.
2. Chunks in context. For each letter the chunks it writes are counted in the letters around
   it: a window of two letters either side, backed off to one either side, to the letter and
   the next one, to the letter alone, each level keyed also by the word's class (an Arabic
   name, with a letter of Arabic sounds or the article, or a foreign one: see
   aliasres.translit.is_arabic_word). The counts of each context are smoothed with those of
   the one below (Witten-Bell); a context keeps its TOP most probable chunks (above MIN_RATIO
   of the first) and is written only when they differ from the one below's (another first
   chunk, or probabilities PRUNE apart); a foreign-looking word's context seen less than
   MIN_CONTEXT times is read as the one below.
3. A character n-gram model of the Latin spellings (order LM_ORDER, interpolated
   Witten-Bell, histories seen less than LM_MIN_HISTORY times left out), with which
   aliasres.translit.ChunkModel searches a word's chunk sequences (BEAM, LM_WEIGHT, MBR).

Counts: each token weighs 1, shared among its spellings by their counts (a common name does
not outvote a thousand rare ones; the benchmark is a mean over tokens).

    python tools/fit_translit.py ../shared/eval/wikidata_ar_en_name_tokens.jsonl [--dev]

``--dev`` fits on nine tenths of the training tokens and reports the mean normalized edit
distance on the tenth left (the tuning figure; the held-out tokens are measured by
benchmarks/translit.py). Deterministic: the same input gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aliasres.normalize import normalize
from aliasres.translit import (
    ChunkModel,
    chunk_keys,
    is_arabic_word,
    letters_of,
    model_from,
    rerank_features,
)
from tools.derive_name_parts import _EO, _FRENCH, held_out, strip_article

OUTPUT = ROOT / "aliases" / "rules" / "translit_chunks.json"
MAX_CHUNK = 4
ROUNDS = 6
#: a pair is dropped when its best segmentation has a chunk less likely than this
MIN_CHUNK_P = 1e-3
#: a letter's chunks keep the consonants (for a long vowel letter: the chunks) that make at
#: least this share of its writings; the rest is alignment noise
MIN_HEAD_P = 0.003
_LATIN = re.compile("^[a-z]+$")
#: English and French words that the alignment of titles pairs with Arabic ones: not names
FUNCTION_WORDS = frozenset({"the", "of", "and", "a", "an", "de", "la", "le", "les", "du", "des"})
#: the weight of the context below, per chunk type seen (Witten-Bell is 1), by word class: a
#: context seen once does not overrule the letters around it, the less so in the Arabic
#: names, whose spellings are the more varied (chosen on the dev tenth and half the UN names)
BACKOFF = {"A": 4.0, "F": 1.0}
#: a context keeps its TOP chunks; it is written only where they differ from the context
#: below's by more than PRUNE (the sum of the probability differences) or in the first one
TOP = 3
#: a chunk less probable than this share of the first one's is not kept (nor searched)
MIN_RATIO = 0.1
PRUNE = 0.2
#: a context seen less than this (in token weights) is read as the one below
MIN_CONTEXT = {"A": 0.0, "F": 2.0}
DIGITS = 2
#: the character n-gram model of Latin spellings: its order, and the least weight of a
#: history that is kept
LM_ORDER = 5
LM_MIN_HISTORY = 2.0
#: the decoder (aliasres.translit.ChunkModel): readings kept, the n-gram model's weight, the
#: sharpness of the consensus choice (chosen on the dev tenth)
BEAM = 8
LM_WEIGHT = 0.5
MBR = 0.5
#: Arabic-class words are read with each letter's first chunk: the search, which helps the
#: foreign names, made the Arabic names of UN half A worse (0.144 -> 0.149)
SEARCH_ARABIC = False
#: the reranker (fifth round): it chooses among the RERANK_BEAM best readings; fitted by ridge
#: regression (RIDGE) on the n-best lists of the training tokens seen 3+ times, each list read
#: by a transducer fitted without its token (RERANK_FOLDS folds; the alignment's context-free
#: letter probabilities are shared); a class with fewer lists than RERANK_MIN_LISTS gets none
RERANK_BEAM = 16
RERANK_FOLDS = 4
RIDGE = 10.0
RERANK_MIN_LISTS = 50
#: the classes reranked: an Arabic-class word keeps each letter's first chunk (SEARCH_ARABIC);
#: reranked, the dev tenth's Arabic tokens came closer (0.242 -> 0.226) but UN half A moved
#: away (0.1421 -> 0.1440; 0.1430 with the references' English habits alone)
RERANK_CLASSES: tuple[str, ...] = ("F",)

#: letters that may write a vowel first (long vowels, hamza seats, ain, ta marbuta, final heh);
#: every other letter writes its consonant first, then the short vowels after it
VOWELISH = frozenset("اأإآؤئءويىةعه")
_VOWEL = frozenset("aeiou")

Pair = tuple[tuple[str, ...], bool, str, float]  # letters, arabic class, latin, weight


def dev_split(key: str) -> bool:
    """A fixed tenth of the training tokens (another byte of the hash than held_out)."""
    return hashlib.sha256(key.encode("utf-8")).digest()[1] % 10 == 0


def part_rows(
    path: Path, part: str, min_total: int = 0
) -> Iterator[tuple[dict[str, Any], tuple[str, ...], bool]]:
    """(row, letters without the article, whether it had one) of the one-word tokens of
    ``part`` ("train": the 90% not held out; "fit" / "dev": nine tenths and one tenth of
    it) seen ``min_total`` times or more, whose letters are not the article alone."""
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        key = normalize(row["ar"])
        if not key or " " in key or held_out(key) or (min_total and row["total"] < min_total):
            continue
        if part != "train" and dev_split(key) != (part == "dev"):
            continue
        letters, _ = letters_of(row["ar"])
        article = len(letters) >= 4 and letters[:2] == ("ا", "ل")
        if article:
            letters = letters[2:]
        if letters:
            yield row, letters, article


def token_pairs(path: Path, part: str) -> list[tuple[tuple[str, ...], bool, list[tuple[str, int]]]]:
    """(letters without the article, arabic class, [(latin, count)]) of the one-word tokens of
    ``part``: "train" (the 90%), "fit" / "dev" (nine tenths and one tenth of it)."""
    out = []
    for row, letters, article in part_rows(path, part):
        spellings = []
        for spelling, count in row["latin"]:
            latin = normalize(spelling)
            if not _LATIN.match(latin) or latin in FUNCTION_WORDS:
                continue  # ذا -> "the": a title's word aligned with a name's, not a name
            if article:
                latin = strip_article(latin, "".join(letters)) or latin
            spellings.append((latin, int(count)))
        arabic = is_arabic_word(letters, article)
        if arabic and spellings:
            # an Arabic name is read as English-language media write it: French habits (ou,
            # ch, dj) left out when another spelling has none, and the vowels a, i, u rather
            # than Egyptian, Levantine or French e and o unless such a spelling is rare (the
            # rule of tools/derive_name_parts.py preferred())
            spellings = [x for x in spellings if not _FRENCH.search(x[0])] or spellings
            top = max(c for _, c in spellings)
            spellings = [
                x for x in spellings if not _EO.search(x[0]) and 4 * x[1] >= top
            ] or spellings
        if spellings:
            out.append((letters, arabic, spellings))
    return out


def weighted(tokens: Iterable[tuple[tuple[str, ...], bool, list[tuple[str, int]]]]) -> list[Pair]:
    pairs = []
    for letters, arabic, spellings in tokens:
        total = sum(c for _, c in spellings)
        for latin, count in spellings:
            if len(latin) <= MAX_CHUNK * len(letters):
                pairs.append((letters, arabic, latin, count / total))
    return pairs


# ----------------------------------------------------------------------------- alignment
def _forward(letters: tuple[str, ...], latin: str, p: dict[str, dict[str, float]]) -> list[list[float]]:
    n, m = len(letters), len(latin)
    alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
    alpha[0][0] = 1.0
    for i in range(1, n + 1):
        table = p[letters[i - 1]]
        row, prev = alpha[i], alpha[i - 1]
        for j in range(m + 1):
            total = 0.0
            for k in range(min(MAX_CHUNK, j) + 1):
                a = prev[j - k]
                if a:
                    q = table.get(latin[j - k : j], 0.0)
                    if q:
                        total += a * q
            row[j] = total
    return alpha


def _backward(letters: tuple[str, ...], latin: str, p: dict[str, dict[str, float]]) -> list[list[float]]:
    n, m = len(letters), len(latin)
    beta = [[0.0] * (m + 1) for _ in range(n + 1)]
    beta[n][m] = 1.0
    for i in range(n - 1, -1, -1):
        table = p[letters[i]]
        row, nxt = beta[i], beta[i + 1]
        for j in range(m + 1):
            total = 0.0
            for k in range(min(MAX_CHUNK, m - j) + 1):
                b = nxt[j + k]
                if b:
                    q = table.get(latin[j : j + k], 0.0)
                    if q:
                        total += b * q
            row[j] = total
    return beta


_CONSONANT_CHUNK = re.compile("([^aeiou]{1,3})[aeiou]*$")


def head(chunk: str) -> str:
    """The consonants a consonant's chunk starts with (kh of kha)."""
    m = _CONSONANT_CHUNK.match(chunk)
    return m.group(1) if m else chunk


def allowed(letter: str, chunk: str) -> bool:
    """A consonant's chunk is empty or its consonants and the short vowels after it (the
    vowel before a consonant belongs to the letter before it; kad is two letters' chunks)."""
    return letter in VOWELISH or not chunk or _CONSONANT_CHUNK.match(chunk) is not None


def prune_heads(p: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Keep the chunks whose consonants the letter writes often (MIN_HEAD_P): ق is k, q, g,
    c, gh..., never spy, however one misaligned pair reads it."""
    out: dict[str, dict[str, float]] = {}
    for c, table in p.items():
        heads: dict[str, float] = defaultdict(float)
        for chunk, q in table.items():
            heads[chunk if c in VOWELISH else head(chunk)] += q
        keep = {h for h, q in heads.items() if q >= MIN_HEAD_P}
        kept = {k: q for k, q in table.items() if (k if c in VOWELISH else head(k)) in keep}
        total = sum(kept.values())
        out[c] = {k: q / total for k, q in kept.items()}
    return out


def em(pairs: list[Pair], rounds: int = ROUNDS) -> dict[str, dict[str, float]]:
    """p(chunk | letter) by expectation maximisation over all segmentations."""
    p: dict[str, dict[str, float]] = defaultdict(dict)
    # start: every chunk a pair could give a letter, equally likely, a little less for length 0
    # and for long chunks (a consonant is mostly written by one or two letters)
    for letters, _, latin, _ in pairs:
        for c in letters:
            table = p[c]
            for j in range(len(latin) + 1):
                for k in range(min(MAX_CHUNK, len(latin) - j) + 1):
                    chunk = latin[j : j + k]
                    if allowed(c, chunk):
                        table.setdefault(chunk, (0.5, 1.0, 1.0, 0.5, 0.25)[k])
    for round_ in range(rounds):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for letters, _, latin, weight in pairs:
            alpha = _forward(letters, latin, p)
            beta = _backward(letters, latin, p)
            n, m = len(letters), len(latin)
            z = alpha[n][m]
            if not z:
                continue
            for i in range(1, n + 1):
                c = letters[i - 1]
                table = p[c]
                for j in range(m + 1):
                    b = beta[i][j]
                    if not b:
                        continue
                    for k in range(min(MAX_CHUNK, j) + 1):
                        a = alpha[i - 1][j - k]
                        if a:
                            chunk = latin[j - k : j]
                            q = table.get(chunk, 0.0)
                            if q:
                                counts[c][chunk] += weight * a * q * b / z
        p = defaultdict(dict)
        for c, cc in counts.items():
            total = sum(cc.values())
            p[c] = {chunk: v / total for chunk, v in cc.items() if v / total > 1e-6}
        if round_ == rounds - 3:
            p = defaultdict(dict, prune_heads(p))
    return p


def viterbi(letters: tuple[str, ...], latin: str, p: dict[str, dict[str, float]]) -> list[str] | None:
    """The best segmentation of ``latin`` into one chunk per letter, or None when the best one
    needs a chunk less likely than MIN_CHUNK_P (alignment noise)."""
    n, m = len(letters), len(latin)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    floor = math.log(MIN_CHUNK_P)
    for i in range(1, n + 1):
        table = p.get(letters[i - 1], {})
        for j in range(m + 1):
            for k in range(min(MAX_CHUNK, j) + 1):
                prev = best[i - 1][j - k]
                if prev == -math.inf:
                    continue
                q = table.get(latin[j - k : j], 0.0)
                if q < MIN_CHUNK_P:
                    continue
                score = prev + math.log(q)
                if score > best[i][j]:
                    best[i][j], back[i][j] = score, k
    if best[n][m] == -math.inf or best[n][m] < floor * n:
        return None
    chunks = []
    j = m
    for i in range(n, 0, -1):
        k = back[i][j]
        chunks.append(latin[j - k : j])
        j -= k
    return chunks[::-1]


# ----------------------------------------------------------------------------- choice
def aligned_pairs(pairs: list[Pair], p: dict[str, dict[str, float]]) -> list[tuple[Pair, list[str]]]:
    """The pairs and their best segmentations (alignment noise left out)."""
    out = []
    for pair in pairs:
        chunks = viterbi(pair[0], pair[2], p)
        if chunks is not None:
            out.append((pair, chunks))
    return out


def fit(aligned: list[tuple[Pair, list[str]]]) -> dict[str, str]:
    """The context table: key -> its TOP most probable chunks and their probabilities
    (``"chunk p|chunk p"``), written only where they differ from the key below's (another
    first choice, or probabilities PRUNE apart in all)."""
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    parent: dict[str, str | None] = {}
    for (letters, arabic, _, weight), chunks in aligned:
        for i, chunk in enumerate(chunks):
            keys = chunk_keys(letters, i, arabic)
            for k, key in enumerate(keys):
                counts[key][chunk] += weight
                parent[key] = keys[k + 1] if k + 1 < len(keys) else None
    # smoothed distributions, least specific first (Witten-Bell)
    dist: dict[str, dict[str, float]] = {}
    order = sorted(counts, key=lambda key: (_depth(key), key))
    for key in order:
        cc = counts[key]
        total = sum(cc.values())
        up = parent[key]
        if up is None:
            dist[key] = {c: v / total for c, v in cc.items()}
            continue
        base = dist[up]
        mass = BACKOFF[key.split("|")[1]] * len(cc)
        d = {c: mass * q / (total + mass) for c, q in base.items()}
        for c, v in cc.items():
            d[c] = d.get(c, 0.0) + v / (total + mass)
        dist[key] = d
    table: dict[str, str] = {}
    used: dict[str, dict[str, float]] = {}  # the distribution a key is read with
    for key in order:
        top = _top(dist[key])
        up = parent[key]
        if up is not None:
            below = used[up]
            if sum(counts[key].values()) < MIN_CONTEXT[key.split("|")[1]] or _first(top) == _first(below) and sum(
                abs(top.get(c, 0.0) - below.get(c, 0.0)) for c in sorted(set(top) | set(below))
            ) <= PRUNE:
                used[key] = below
                continue
        used[key] = top
        table[key] = "|".join(f"{c} {q:g}" for c, q in top.items())
    return dict(sorted(table.items()))


def _top(d: dict[str, float]) -> dict[str, float]:
    best = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    floor = best[0][1] * MIN_RATIO
    return {c: round(q, DIGITS) for c, q in best if round(q, DIGITS) > 0 and q >= floor}


def _first(d: dict[str, float]) -> str:
    return min(d.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _depth(key: str) -> int:
    """Keys below come first: the letter alone is depth 0."""
    return int(key.split("|", 1)[0])


def fit_lm(aligned: list[tuple[Pair, list[str]]], order: int | None = None) -> dict[str, str]:
    """A character n-gram model of the Latin spellings (interpolated Witten-Bell), in the
    back-off form ChunkModel reads: history -> ``"log backoff|c logp|..."``. A history seen
    less than LM_MIN_HISTORY times (in token weights) is left out (its shorter one is used)."""
    order = order or LM_ORDER
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (_, _, latin, weight), _ in aligned:
        text = "^" * (order - 1) + latin + "$"
        for j in range(order - 1, len(text)):
            for k in range(order):
                counts[text[j - k : j]][text[j]] += weight
    alphabet = sorted(counts[""])
    probs: dict[str, dict[str, float]] = {}
    table: dict[str, str] = {}
    for history in sorted(counts, key=lambda h: (len(h), h)):
        cc = counts[history]
        total = sum(cc.values())
        if history and total < LM_MIN_HISTORY:
            continue
        types = len(cc)
        lam = total / (total + types)
        p = {}
        for c in alphabet:
            low = _lm_p(probs, history[1:], c) if history else 1.0 / len(alphabet)
            p[c] = lam * cc.get(c, 0.0) / total + (1 - lam) * low
        probs[history] = p
        items = "|".join(f"{c}{math.log(p[c]):.2f}" for c in sorted(cc))
        table[history] = f"{math.log(1 - lam):.2f}|{items}"
    return table


def _lm_p(probs: dict[str, dict[str, float]], history: str, c: str) -> float:
    while history not in probs:
        history = history[1:]
    return probs[history][c]


def fit_model(pairs: list[Pair], p: dict[str, dict[str, float]]) -> dict[str, object]:
    """The file's content: the decoder's settings, the context table and the n-gram model."""
    aligned = aligned_pairs(pairs, p)
    return {
        "max_chunk": MAX_CHUNK,
        "decoder": {"order": LM_ORDER, "beam": BEAM, "lm_weight": LM_WEIGHT, "mbr": MBR,
                    "search_arabic": SEARCH_ARABIC},
        "chunks": fit(aligned),
        "lm": fit_lm(aligned),
    }


# ----------------------------------------------------------------------------- reranker
Reference = tuple[tuple[str, ...], bool, list[str]]


def reference_tokens(path: Path, part: str) -> list[Reference]:
    """(letters without the article, arabic class, spellings) of the one-word tokens of
    ``part`` (as :func:`token_pairs`) seen 3+ times, with their spellings seen 2+ times and of
    every habit: the references benchmarks/translit.py measures the held-out tokens with."""
    out = []
    for row, letters, article in part_rows(path, part, min_total=3):
        gold = []
        for spelling, count in row["latin"]:
            latin = normalize(spelling)
            if count >= 2 and _LATIN.match(latin):
                gold.append((strip_article(latin, "".join(letters)) or latin) if article else latin)
        if gold:
            out.append((letters, is_arabic_word(letters, article), gold))
    return out


def _fold(letters: tuple[str, ...]) -> int:
    return hashlib.sha256("".join(letters).encode("utf-8")).digest()[2] % RERANK_FOLDS


def n_best(model: ChunkModel, letters: tuple[str, ...], arabic: bool) -> list[tuple[str, float, float]]:
    """The search's best readings, best first: (text, the chunks' log p, the n-gram log p)."""
    beams = model.search(model.options(letters, arabic))
    return [(text, s - model.lm_weight * lm, lm) for s, text, _, _, lm in beams]


def rerank_rows(
    model: ChunkModel, refs: list[Reference]
) -> dict[str, tuple[list[list[float]], list[float]]]:
    """Per class, the features of each reference token's readings and their distance to the
    closest spelling, both centred within the token's list (the choice is relative)."""
    from rapidfuzz.distance import Levenshtein

    out: dict[str, tuple[list[list[float]], list[float]]] = {"A": ([], []), "F": ([], [])}
    for letters, arabic, gold in refs:
        readings = n_best(model, letters, arabic)
        if len(readings) < 2:
            continue
        rows = rerank_features(readings, len(letters), model.lm_weight, model.mbr)
        d = [min(Levenshtein.normalized_distance(r[0], g) for g in gold) for r in readings]
        mean = [sum(col) / len(rows) for col in zip(*rows)]
        xs, ys = out["A" if arabic else "F"]
        xs += [[v - m for v, m in zip(row, mean)] for row in rows]
        ys += [v - sum(d) / len(d) for v in d]
    return out


def ridge(xs: list[list[float]], ys: list[float], lam: float = RIDGE) -> list[float]:
    """argmin |X w - y|^2 + lam |w|^2, by Gauss-Jordan elimination (a handful of columns)."""
    dim = len(xs[0])
    a = [[sum(x[i] * x[j] for x in xs) + (lam if i == j else 0.0) for j in range(dim)]
         + [sum(x[i] * y for x, y in zip(xs, ys))] for i in range(dim)]
    for col in range(dim):
        pivot = max(range(col, dim), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(dim):
            if r != col and a[r][col]:
                f = a[r][col] / a[col][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col])]
    return [a[i][dim] / a[i][i] for i in range(dim)]


def fit_rerank(
    tokens: list[tuple[tuple[str, ...], bool, list[tuple[str, int]]]],
    refs: list[Reference],
    p: dict[str, dict[str, float]],
) -> dict[str, list[float]]:
    """The reranker's weights per class, fitted on cross-fitted n-best lists (see RERANK_BEAM)."""
    xs: dict[str, list[list[float]]] = {"A": [], "F": []}
    ys: dict[str, list[float]] = {"A": [], "F": []}
    lists = {"A": 0, "F": 0}
    for k in range(RERANK_FOLDS):
        held = [r for r in refs if _fold(r[0]) == k and ("A" if r[1] else "F") in RERANK_CLASSES]
        if not held:
            continue
        data = fit_model(weighted([t for t in tokens if _fold(t[0]) != k]), p)
        model = model_from(with_rerank(data, {}, RERANK_BEAM))
        for cls, (x, y) in rerank_rows(model, held).items():
            xs[cls] += x
            ys[cls] += y
        for _, arabic, _ in held:
            lists["A" if arabic else "F"] += 1
    return {cls: [round(w, 5) for w in ridge(xs[cls], ys[cls])]
            for cls in RERANK_CLASSES if lists[cls] >= RERANK_MIN_LISTS and xs[cls]}


def with_rerank(
    data: dict[str, object], weights: dict[str, list[float]], beam: int | None = None
) -> dict[str, object]:
    """The file's content with the reranker (and its beam) in the decoder's settings."""
    settings = data["decoder"]
    assert isinstance(settings, dict)
    decoder = dict(settings)
    if weights:
        decoder.update(beam=RERANK_BEAM, rerank=weights)
    if beam:
        decoder["beam"] = beam
    return {**data, "decoder": decoder}


# ----------------------------------------------------------------------------- measure
def read(letters: tuple[str, ...], arabic: bool, model: ChunkModel) -> str:
    """The chunks the runtime decoder chooses, joined (no syllable rule: the raw reading)."""
    return "".join(c or "" for c in model.read(letters, arabic))


def dev_distance(tokens: list[tuple[tuple[str, ...], bool, list[tuple[str, int]]]], model: ChunkModel) -> float:
    from rapidfuzz.distance import Levenshtein

    scores = []
    for letters, arabic, spellings in tokens:
        gold = [s for s, c in spellings if c >= 2]
        if sum(c for _, c in spellings) < 3 or not gold:
            continue
        out = read(letters, arabic, model)
        scores.append(min(Levenshtein.normalized_distance(out, g) for g in gold))
    return sum(scores) / len(scores) if scores else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="wikidata_ar_en_name_tokens.jsonl")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--dev", action="store_true", help="fit on 9/10 of training, report the dev tenth")
    parser.add_argument("--em-cache", type=Path, help="keep the alignment probabilities here "
                        "(for experiments: the same split and pairs only)")
    args = parser.parse_args(argv)
    tokens = token_pairs(args.source, "fit" if args.dev else "train")
    pairs = weighted(tokens)
    if args.em_cache and args.em_cache.exists():
        p = json.loads(args.em_cache.read_text(encoding="utf-8"))
    else:
        p = em(pairs)
        if args.em_cache:
            args.em_cache.write_text(json.dumps(p), encoding="utf-8")
    data = fit_model(pairs, p)
    table, lm = data["chunks"], data["lm"]
    assert isinstance(table, dict) and isinstance(lm, dict)
    refs = reference_tokens(args.source, "fit" if args.dev else "train")
    weights = fit_rerank(tokens, refs, p)
    if args.dev:
        dev = token_pairs(args.source, "dev")
        dev_refs = [(letters, arabic, [(g, 3) for g in gold])
                    for letters, arabic, gold in reference_tokens(args.source, "dev")]
        before, model = model_from(data), model_from(with_rerank(data, weights))
        greedy = model_from({**data, "decoder": {}})
        print(f"{len(tokens)} tokens, {len(table)} contexts, {len(lm)} histories; dev "
              f"({len(dev)} tokens) mean normalized edit distance {dev_distance(dev, model):.4f} "
              f"(without the reranker: {dev_distance(dev, before):.4f}; each letter's first "
              f"choice alone: {dev_distance(dev, greedy):.4f}); against every spelling seen "
              f"2+ times (as the benchmark): {dev_distance(dev_refs, model):.4f} (without the "
              f"reranker: {dev_distance(dev_refs, before):.4f}; first choices: "
              f"{dev_distance(dev_refs, greedy):.4f})")
        return 0
    data = with_rerank(data, weights)
    args.output.write_text(
        json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(tokens)} tokens, {len(pairs)} pairs, {len(table)} contexts, {len(lm)} "
          f"histories -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
