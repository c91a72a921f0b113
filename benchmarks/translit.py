#!/usr/bin/env python3
"""How readable aliasres.transliterate() is, and how fast (issue 14).

* ``known``: benchmarks/data/known_names.tsv, well-known names of Syria and its neighbours with
  the spellings English-language media use: the share that comes out as one of them (after
  ``aliasres.normalize``), with the tables' names and without them (rules and name-part data
  alone).
* ``un``: every Arabic-script name of the UN list (shared/eval/entities.jsonl) against the
  entity's Latin names; ``wikidata``: the Wikidata name tokens held out of the derivation of
  the name-part data (tools/derive_name_parts.py ``held_out``, seen at least 3 times) against
  their Latin spellings seen at least twice. Mean normalized edit distance (Levenshtein over
  the longer length) to the closest Latin name, article-insensitive (the words al, el and a
  glued al-/el- left out, after ``aliasres.normalize``), for aliasres without the tables'
  names, unidecode and anyascii (when installed).
* ``speed``: names per second on one process: names the tables know (their Arabic aliases),
  and unknown names (the UN list's, read word by word, caches cleared first).

    python benchmarks/translit.py [--eval ../shared/eval] [--repeat 20]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

import aliasres
from aliasres import translit
from aliasres.normalize import has_arabic
from tools.derive_name_parts import held_out

KNOWN = ROOT / "benchmarks" / "data" / "known_names.tsv"
_ARTICLES = frozenset({"al", "el"})


def known_rows(path: Path = KNOWN) -> list[tuple[str, str, list[str]]]:
    """(arabic, type, spellings) rows of the known-names list."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        arabic, etype, spellings = line.split("\t")
        rows.append((arabic, etype, spellings.split("|")))
    return rows


def article_free(name: str) -> str:
    """The comparison form: normalized, without the article (al-Assad = Assad = Alassad)."""
    words = []
    for w in aliasres.normalize(name).split():
        if w in _ARTICLES:
            continue
        if w[:2] in _ARTICLES and len(w) >= 5:
            w = w[2:]
        words.append(w)
    return " ".join(words)


def distance(out: str, golds: Iterable[str]) -> float:
    a = article_free(out)
    return min(Levenshtein.normalized_distance(a, article_free(g)) for g in golds)


class TablesOff:
    """Transliterate without the tables' names (the rules and name-part data alone)."""

    def __enter__(self) -> None:
        self.saved = translit._known_names
        translit._known_names = lambda: {}

    def __exit__(self, *exc: object) -> None:
        translit._known_names = self.saved


class HeldMasked:
    """The display spellings of the held-out tenth of the name tokens (name_tokens_held.yaml,
    which transliterate() reads) masked: what the Wikidata held-out figure is measured with,
    so that its tokens are read by the transducer, as tokens no table knows."""

    def __enter__(self) -> None:
        from aliasres.parts import lexicon

        lex = lexicon()
        self.saved = [
            (table, {k: table.pop(k) for k in lex.display_only if k in table})
            for table in (lex.spelling_of, lex.spelling_fr, lex.spelling_al)
        ]
        translit._read_word.cache_clear()

    def __exit__(self, *exc: object) -> None:
        for table, entries in self.saved:
            table.update(entries)
        translit._read_word.cache_clear()


def scope(label: str) -> contextlib.AbstractContextManager[None]:
    """The held-out tenth's display spellings masked for the Wikidata held-out set only (the UN
    names are other data: transliterate() reads them with everything it ships)."""
    return HeldMasked() if label.startswith("wikidata") else contextlib.nullcontext()


class OlderModel:
    """Unknown words read by the older vowel model (translit_model.yaml) instead of the
    transducer (translit_chunks.json): the comparison that chose the transducer."""

    def __enter__(self) -> None:
        self.saved = translit.MODEL
        translit.MODEL = "gaps"
        translit._read_word.cache_clear()

    def __exit__(self, *exc: object) -> None:
        translit.MODEL = self.saved
        translit._read_word.cache_clear()


class NoOrgOrder:
    """Organisation names transliterated word by word, not in English word order."""

    def __enter__(self) -> None:
        self.saved = translit._english_org
        translit._english_org = lambda words: None
        translit._read_word.cache_clear()

    def __exit__(self, *exc: object) -> None:
        translit._english_org = self.saved
        translit._read_word.cache_clear()


def category(arabic: str) -> str:
    """Why a name may be hard: an organisation (a word of org_words.yaml), a person's name
    whose words the name-token table all knows, or one with a word it does not know (read
    by the transducer)."""
    from aliasres.orgwords import org_words
    from aliasres.parts import lexicon

    concepts = org_words().concepts
    known_words = lexicon().spelling_of
    words = aliasres.normalize(arabic).split()
    bare = [w[2:] if w.startswith("ال") and len(w) >= 4 else w for w in words]
    if any(w in concepts or b in concepts for w, b in zip(words, bare)):
        return "organisation"
    particles = {"بن", "ابن", "بنت", "ابو", "ام", "عبد", "الله", "ولد"}
    if all(w in particles or b in known_words or w in known_words for w, b in zip(words, bare)):
        return "person, every word known"
    return "person, a word not known"


def word_class(arabic: str) -> str:
    letters, _ = translit.letters_of(arabic)
    article = len(letters) >= 4 and letters[:2] == ("ا", "ل")
    return "Arabic-looking word" if translit.is_arabic_word(letters, article) else "foreign-looking word"


def breakdown(pairs: list[tuple[str, list[str]]], classify: Callable[[str], str]) -> str:
    """Mean distance per category and its share of the total distance."""
    by: dict[str, list[float]] = {}
    for ar, gold in pairs:
        by.setdefault(classify(ar), []).append(distance(aliasres.transliterate(ar), gold))
    total = sum(sum(v) for v in by.values()) or 1.0
    return "; ".join(
        f"{label}: {len(v)} names, mean {sum(v) / len(v):.3f}, {sum(v) / total:.0%} of the distance"
        for label, v in sorted(by.items(), key=lambda kv: -sum(kv[1]))
    )


_V = frozenset("aeiou")


def edit_cause(op: str, out: str, gold: str, i: int, j: int) -> str:
    """What one edit operation between the output and the reference (article-free) is about."""
    x = out[i] if op != "insert" and i < len(out) else ""
    y = gold[j] if op != "delete" and j < len(gold) else ""
    if " " in (x, y):
        return "word split (a space added or missing)"
    if op == "replace":
        if x in _V and y in _V:
            return "vowel choice (a for e, u for o...)"
        if {x, y} <= set("iye") or {x, y} <= set("uwo"):
            return "long vowel or glide (i for y, u for w)"
        if (x in _V) != (y in _V):
            return "a vowel for a consonant"
        return "consonant choice (k for q, g for j...)"
    c, text, k = (x, out, i) if op == "delete" else (y, gold, j)
    if c not in _V and ((k > 0 and text[k - 1] == c) or (k + 1 < len(text) and text[k + 1] == c)):
        return "doubled consonant"
    if k == len(text) - 1 and (c in _V or c == "h"):
        return "final vowel or h (ة, ى, silent e)"
    return "vowel added or missing" if c in _V else "consonant added or missing"


def causes(pairs: list[tuple[str, list[str]]]) -> str:
    """The mean distance split by what the edits are about (each edit of a name weighs one over
    the longer length, so the parts add up to the mean), largest first; and the part of the
    distance on references that are no spelling of the Arabic at all (a translation, an
    initial: consonant skeletons more than half apart)."""
    from aliasres.translit import _name_skeleton

    by: dict[str, float] = {}
    unrelated = 0.0
    for ar, golds in pairs:
        out = article_free(aliasres.transliterate(ar))
        gold = min((article_free(g) for g in golds),
                   key=lambda g: Levenshtein.normalized_distance(out, g))
        longer = max(len(out), len(gold)) or 1
        a, b = _name_skeleton(ar), _name_skeleton(gold)
        if not b or Levenshtein.distance(a, b) > max(len(a), len(b)) // 2:
            unrelated += Levenshtein.normalized_distance(out, gold)
            continue
        for edit in Levenshtein.editops(out, gold):
            cause = edit_cause(edit.tag, out, gold, edit.src_pos, edit.dest_pos)
            by[cause] = by.get(cause, 0.0) + 1 / longer
    by["reference no spelling of the Arabic (translation, initial)"] = unrelated
    n = len(pairs) or 1
    return "; ".join(f"{cause} {v / n:.3f}" for cause, v in sorted(by.items(), key=lambda kv: -kv[1]))


def known(rows: list[tuple[str, str, list[str]]], fn: Callable[[str], str]) -> tuple[int, list[str]]:
    hits, misses = 0, []
    for arabic, _, spellings in rows:
        out = fn(arabic)
        if aliasres.normalize(out) in {aliasres.normalize(s) for s in spellings}:
            hits += 1
        else:
            misses.append(f"{arabic} -> {out} (want {spellings[0]})")
    return hits, misses


def un_pairs(eval_dir: Path) -> list[tuple[str, list[str]]]:
    pairs = []
    for line in (eval_dir / "entities.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["source"] != "un_sc_consolidated":
            continue
        latin = [n for n, s in zip(row["names"], row["scripts"]) if s == "Latin"]
        if latin:
            pairs += [(n, latin) for n in row.get("arabic_script", [])]
    return pairs


def un_half(arabic: str) -> str:
    """Which half of the UN names a name is in, by hash: "A" is the half the transliteration
    rules were tuned on, "B" the half reported untouched."""
    digest = hashlib.sha256(aliasres.normalize(arabic).encode("utf-8")).digest()
    return "A" if digest[0] % 2 == 0 else "B"


def wikidata_pairs(eval_dir: Path) -> list[tuple[str, list[str]]]:
    pairs = []
    for line in (eval_dir / "wikidata_ar_en_name_tokens.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        ar = aliasres.normalize(row["ar"])
        if not ar or " " in ar or not held_out(ar) or row["total"] < 3:
            continue
        gold = [s for s, c in row["latin"] if c >= 2 and " " not in aliasres.normalize(s)]
        if gold:
            pairs.append((row["ar"], gold))
    return pairs


def lexicon_fit(eval_dir: Path) -> dict[tuple[bool, str], float]:
    """How close the name-token table's display spellings are to the spellings Wikidata pairs
    each token with, for Arabic-looking tokens (True) and the others (False): "token", the
    distance to the closest spelling seen 2+ times, weighted by how often the token is seen;
    "pair", the mean distance over the pairs themselves (each spelling seen 2+ times weighs
    its count: what a list of real name pairs would score). In-sample: the table is derived
    from these counts; it measures the choice among a token's own spellings."""
    from aliasres.parts import lexicon

    spelling_of = lexicon().spelling_of
    sums: dict[tuple[bool, str], list[float]] = {
        (a, k): [0.0, 0.0] for a in (True, False) for k in ("token", "pair")
    }
    for line in (eval_dir / "wikidata_ar_en_name_tokens.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        key = aliasres.normalize(row["ar"])
        shown = spelling_of.get(key)
        gold = [(aliasres.normalize(s), c) for s, c in row["latin"] if c >= 2]
        if shown is None or not gold or held_out(key):
            continue
        letters, _ = translit.letters_of(row["ar"])
        article = len(letters) >= 4 and letters[:2] == ("ا", "ل")
        arabic = translit.is_arabic_word(letters[2:] if article else letters, article)
        shown = aliasres.normalize(shown)
        d = [Levenshtein.normalized_distance(shown, g) for g, _ in gold]
        sums[arabic, "token"][0] += row["total"] * min(d)
        sums[arabic, "token"][1] += row["total"]
        sums[arabic, "pair"][0] += sum(x * c for x, (_, c) in zip(d, gold))
        sums[arabic, "pair"][1] += sum(c for _, c in gold)
    return {k: v[0] / max(v[1], 1.0) for k, v in sums.items()}


def systems() -> list[tuple[str, Callable[[str], str]]]:
    out: list[tuple[str, Callable[[str], str]]] = [
        ("aliasres", aliasres.transliterate),
        ("aliasres french", lambda t: aliasres.transliterate(t, scheme="french")),
        ("unidecode", unidecode),
    ]
    try:
        from anyascii import anyascii

        out.append(("anyascii", anyascii))
    except ImportError:
        print("anyascii not installed (pip install anyascii): left out", file=sys.stderr)
    return out


def mean_distance(pairs: list[tuple[str, list[str]]], fn: Callable[[str], str]) -> float:
    return sum(distance(fn(ar), gold) for ar, gold in pairs) / len(pairs) if pairs else 0.0


def speed(names: list[str], repeat: int) -> float:
    """Names per CPU second (time.process_time: the machine is shared) of ``repeat`` passes
    over ``names``, one by one, in this process."""
    t0 = time.process_time()
    for _ in range(repeat):
        for name in names:
            aliasres.transliterate(name)
    return repeat * len(names) / max(time.process_time() - t0, 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="transliteration accuracy and speed")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the known names")
    parser.add_argument("--misses", action="store_true",
                        help="list the known names missed; the distance by category")
    args = parser.parse_args(argv)

    rows = known_rows()
    hits, misses = known(rows, aliasres.transliterate)
    with TablesOff():
        hits_off, misses_off = known(rows, aliasres.transliterate)
    print(f"known names: {hits}/{len(rows)} = {hits / len(rows):.1%} in a media spelling "
          f"(without the tables' names: {hits_off}/{len(rows)} = {hits_off / len(rows):.1%})")
    if args.misses:
        print("  missed: " + "; ".join(misses))
        print("  missed without tables: " + "; ".join(misses_off))

    if (args.eval / "entities.jsonl").exists():
        un = un_pairs(args.eval)
        sets = {
            "un": un,
            "un half A (tuned on)": [p for p in un if un_half(p[0]) == "A"],
            "un half B (not looked at)": [p for p in un if un_half(p[0]) == "B"],
            "wikidata held-out": wikidata_pairs(args.eval),
        }
        with TablesOff():
            for label, pairs in sets.items():
                with scope(label):
                    cells = [f"{name} {mean_distance(pairs, fn):.3f}" for name, fn in systems()]
                print(f"{label} ({len(pairs)} names), mean normalized edit distance: " + ", ".join(cells))
            with HeldMasked():
                cells = [f"{label} {mean_distance(sets[label], aliasres.transliterate):.3f}"
                         for label in ("un", "un half A (tuned on)", "un half B (not looked at)")]
            print("  without the held-out tokens' display spellings (name_tokens_held.yaml): "
                  + ", ".join(cells))
            with OlderModel():
                cells = []
                for label, pairs in sets.items():
                    with scope(label):
                        cells.append(f"{label} {mean_distance(pairs, aliasres.transliterate):.3f}")
            print("  with the older vowel model for unknown words: " + ", ".join(cells))
            with NoOrgOrder():
                cells = [f"{label} {mean_distance(sets[label], aliasres.transliterate):.3f}"
                         for label in ("un", "un half A (tuned on)", "un half B (not looked at)")]
            print("  organisations word by word, not in English order: " + ", ".join(cells))
            if args.misses:
                print("  un by category: " + breakdown(un, category))
                both = sum(min(distance(aliasres.transliterate(ar), gold),
                               distance(aliasres.transliterate(ar, scheme="french"), gold))
                           for ar, gold in un) / len(un)
                print(f"  un, the closer of the common and french schemes per name: {both:.3f} "
                      "(the gap to the common figure is the list's French spelling habits)")
                with HeldMasked():
                    print("  wikidata held-out by word class: "
                          + breakdown(sets["wikidata held-out"], word_class))
                for label in ("un half A (tuned on)", "un half B (not looked at)", "wikidata held-out"):
                    with scope(label):
                        print(f"  {label}, the mean distance by cause: " + causes(sets[label]))
        fit = lexicon_fit(args.eval)
        print("name-token table display spellings vs the tokens' own spellings (in-sample; "
              "closest spelling, by token frequency / over the pairs): Arabic-looking "
              f"{fit[True, 'token']:.4f} / {fit[True, 'pair']:.4f}, others "
              f"{fit[False, 'token']:.4f} / {fit[False, 'pair']:.4f}")
        cell = f"{mean_distance(sets['un'], aliasres.transliterate):.3f}"
        print(f"un with the tables' names: aliasres {cell}")
    else:
        print(f"no evaluation data at {args.eval}: un and wikidata figures skipped")

    index = translit._known_names()
    table_names = sorted({a.name for e in aliasres.default_resolver().entities for a in e.aliases
                          if has_arabic(a.name) and aliasres.normalize(a.name) in index})
    qps = speed(table_names, args.repeat)
    print(f"speed, names the tables know: {qps:,.0f} names per CPU second "
          f"({len(table_names)} names x {args.repeat})")
    if (args.eval / "entities.jsonl").exists():
        unknown = [ar for ar, _ in un_pairs(args.eval) if aliasres.normalize(ar) not in index]
        translit._read_word.cache_clear()
        print(f"speed, unknown names (cold word cache): {speed(unknown, 1):,.0f} names per CPU "
              f"second ({len(unknown)} names); warm: {speed(unknown, 3):,.0f}")
        words = [ar for ar, _ in wikidata_pairs(args.eval)]
        with HeldMasked():
            translit._chunk_model().memo.clear()
            print(f"speed, unknown words (the Wikidata held-out tokens, read by the transducer, "
                  f"cold caches): {speed(words, 1):,.0f} words per CPU second ({len(words)} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
