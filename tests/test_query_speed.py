"""The query-speed paths give the answers of the plain ones.

Candidate ranking reads an alias's spellings in one C-level pass (or with numpy for a large
candidate set), reads names only to order ties, keeps per-part postings, and a compiled index
answers from its arrays. None of it may change an answer: ``benchmarks/answers.py`` checks
that on thousands of queries; these tests check it on a small generated table, against a
reference copy of the straightforward ranking, and for the numpy and Python sums.
"""

from __future__ import annotations

import heapq
import importlib
import importlib.util
import random
import sys
from itertools import repeat
from pathlib import Path
from typing import Any

import pytest

import aliasres
from aliasres.candidates import Finder, _first, _first_arrays
from aliasres.index import csr_sums, csr_totals, sum_values
from aliasres.parts import parse
from aliasres.types import Alias, Entity

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import gen  # noqa: E402

cand_mod = importlib.import_module("aliasres.candidates")  # aliasres.candidates is a function


@pytest.fixture(scope="module")
def generated() -> tuple[list[Entity], list[str]]:
    ds = gen.generate(3000, seed=5)
    qs = gen.queries(ds, 120, seed=5)
    entities = [
        Entity(eid, "person", name, tuple(Alias(a, kind=k or "spelling", lang=lang)
                                          for a, k, lang in als))
        for eid, name, als in ds.entities
    ]
    return entities, [q.text for kind in ("variant", "arabic", "miss") for q in qs[kind]]


def _answers(resolver: aliasres.Resolver, queries: list[str]) -> list[object]:
    return [(resolver.resolve(q), resolver.candidates(q, limit=5)) for q in queries]


def _reference_rank(
    finder: Finder, found: set[int], expansions: list[dict[str, float]], prune: bool
) -> tuple[list[int], list[tuple[float, int]]]:
    """The ranking as first written: every alias keyed by (-total, length, name, alias)."""
    if len(found) <= 1:
        return list(found), []
    best: dict[str, float] = {}
    for sims in expansions:
        for spelling, value in sims.items():
            if value > best.get(spelling, 0.0):
                best[spelling] = value
    spellings, names = finder.index.a_spellings, finder.index.a_name
    totals = [(sum(map(best.get, spellings[a], repeat(0.0))), a) for a in found]
    pruned: list[tuple[float, int]] = []
    if prune:
        floor = max(totals)[0] - 0.9
        pruned = [t for t in totals if t[0] < floor]
        totals = [t for t in totals if t[0] >= floor]
    keyed = sorted((-t, len(spellings[a]), names[a], a) for t, a in totals)
    keyed = keyed[: 4 * finder.max_candidates]
    cut = min(finder.max_candidates, len(keyed))
    while cut < len(keyed) and keyed[cut][:2] == keyed[cut - 1][:2]:
        cut += 1
    return [k[3] for k in keyed[:cut]], pruned


def _reference_pruned(finder: Finder, pruned: list[tuple[float, int]]) -> list[int]:
    spellings, names = finder.index.a_spellings, finder.index.a_name
    keyed = heapq.nsmallest(
        finder.max_candidates, ((-t, len(spellings[a]), names[a], a) for t, a in pruned)
    )
    return [k[3] for k in keyed]


@pytest.mark.parametrize("vector_min", [cand_mod.VECTOR_MIN, 2, 10**9])
def test_ranking_matches_the_reference(
    generated: tuple[list[Entity], list[str]], monkeypatch: pytest.MonkeyPatch, vector_min: int
) -> None:
    """With numpy for every ranking, for none, and as shipped."""
    pytest.importorskip("numpy")
    monkeypatch.setattr(cand_mod, "VECTOR_MIN", vector_min)
    entities, queries = generated
    resolver = aliasres.Resolver(entities, max_candidates=3)  # small: many cuts and ties
    finder = resolver._finder
    checked = 0
    for text in queries:
        parsed = parse(text)
        if not parsed.parts:
            continue
        expansions = [finder.similar_parts(p) for p in parsed.parts]
        found = finder.blocking(parsed, expansions)
        for prune in (True, False):
            ranked, pruned = finder.rank(found, expansions, prune=prune)
            ref_ranked, ref_pruned = _reference_rank(finder, found, expansions, prune)
            assert ranked == ref_ranked, text
            assert sorted((t, a) for t, _, a in pruned) == sorted(ref_pruned), text
            assert finder.pruned(pruned) == _reference_pruned(finder, ref_pruned), text
        checked += len(found) > 3
    assert checked > 50


def test_compiled_and_cold_answers_match(
    generated: tuple[list[Entity], list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compiled index (its arrays prepared at load, as a large one's are, or not), and a
    resolver whose memos are emptied before every query, answer as the index built in
    memory does."""
    entities, queries = generated
    built = aliasres.Resolver(entities)
    warm = _answers(built, queries)
    built.build_index(tmp_path / "gen.ari")
    assert _answers(aliasres.Resolver.load(tmp_path / "gen.ari"), queries) == warm
    if importlib.util.find_spec("numpy") is not None:
        monkeypatch.setattr(cand_mod, "PREPARE_MAPPED", 1)
        prepared = aliasres.Resolver.load(tmp_path / "gen.ari")
        assert prepared._finder._spelling_csr is not None
        assert prepared._finder._pair_block is not None  # pairs looked up as arrays
        assert _answers(prepared, queries) == warm
        monkeypatch.setattr(cand_mod, "VECTOR_MIN_MAPPED", 2)  # every ranking with numpy
        assert _answers(aliasres.Resolver.load(tmp_path / "gen.ari"), queries) == warm
    cold = aliasres.Resolver(entities)
    for query, answer in zip(queries, warm):
        finder = cold._finder
        finder._sim_memo.clear()
        finder._single_memo.clear()
        assert _answers(cold, [query]) == [answer], query


def test_numpy_sums_are_pythons() -> None:
    """The numpy sums add in Python's order: the same floats, to the last bit."""
    np = pytest.importorskip("numpy")
    rng = random.Random(3)
    n_parts = 500
    seqs = [rng.sample(range(n_parts), rng.randint(1, 9)) for _ in range(3000)]
    off = np.cumsum([0] + [len(s) for s in seqs])
    val = np.array([p for s in seqs for p in s], dtype=np.int32)
    values = {p: rng.random() * rng.choice([1, 1e-9, 1e9]) for p in rng.sample(range(n_parts), 200)}
    aliases = rng.sample(range(len(seqs)), 1500)
    sums, lengths = csr_sums(values, off, val, aliases)
    assert sums == sum_values(values, [seqs[a] for a in aliases])
    # and with the values looked up in a table (a ranking that knows how many spellings)
    rows = np.array(aliases)
    totals, counts = csr_totals(values, off, val, rows, n_parts)
    assert totals.tolist() == sums and counts.tolist() == lengths
    totals, _ = csr_totals(values, off, val, rows[:0], n_parts)
    assert totals.tolist() == []
    assert lengths == [len(seqs[a]) for a in aliases]
    assert csr_sums({}, off, val, aliases[:3]) == ([0.0, 0.0, 0.0], lengths[:3])


def test_first_keeps_every_tie() -> None:
    rng = random.Random(4)
    for _ in range(300):
        light = [(-rng.choice([1.0, 1.5, 2.0]), rng.randint(1, 3), a)
                 for a in rng.sample(range(1000), rng.randint(1, 120))]
        limit = rng.randint(1, 20)
        first = _first(light, limit)
        ordered = sorted(light)
        assert first[: min(limit, len(light))] == ordered[: min(limit, len(light))]
        if len(light) > limit:
            bound = ordered[limit - 1][:2]
            assert first == [k for k in ordered if k[:2] <= bound]


def test_first_of_arrays_is_first() -> None:
    """The choice made over numpy arrays (a partition) is :func:`_first`'s."""
    np = pytest.importorskip("numpy")
    rng = random.Random(6)
    for _ in range(300):
        n = rng.randint(1, 150)
        totals = [rng.choice([1.0, 1.5, 2.0, 2.25]) for _ in range(n)]
        lengths = [rng.randint(1, 3) for _ in range(n)]
        rows = rng.sample(range(1000), n)
        limit = rng.randint(1, 30)
        got = _first_arrays(np.array(totals), np.array(lengths), np.array(rows), limit)
        assert got == _first([(-t, k, a) for t, k, a in zip(totals, lengths, rows)], limit)


def test_pair_block_finds_what_pair_postings_find(
    generated: tuple[list[Entity], list[str]], tmp_path: Path
) -> None:
    """A compiled index's pair lookup over arrays (all pairs of a query at once) finds the
    aliases its pair lists give one lookup at a time."""
    np = pytest.importorskip("numpy")
    entities, _ = generated
    aliasres.Resolver(entities).build_index(tmp_path / "gen.ari")
    index: Any = aliasres.Resolver.load(tmp_path / "gen.ari")._index  # a MappedIndex
    part_id = index.pairs.part_id
    spellings = list(part_id)
    rng = random.Random(7)
    hits = 0
    for _ in range(300):
        lookups: list[tuple[Any, list[Any]]] = []
        expected: set[int] = set()
        for _ in range(rng.randint(1, 3)):
            firsts = rng.sample(spellings, rng.randint(1, 12))
            lasts = [rng.sample(spellings, rng.randint(0, 12)) for _ in range(rng.randint(0, 2))]
            for posting in index.pair_postings(firsts, {s for group in lasts for s in group}):
                expected.update(posting)
            lookups.append((index.pair_firsts(np.array([part_id[s] for s in firsts])),
                            [np.array([part_id[s] for s in g], dtype=np.int64) for g in lasts]))
        assert set(index.pair_block(lookups).tolist()) == expected
        hits += bool(expected)
    # and with lookups made of the spellings a first part is really paired with
    for first in rng.sample(list(index.pairs._table.keys), 200):
        lasts = list(index.pairs.get(first))
        firsts_ids = index.pair_firsts(np.array([part_id[first]], dtype=np.int64))
        expected = set()
        for posting in index.pair_postings([first], set(lasts)):
            expected.update(posting)
        got = index.pair_block([(firsts_ids, [np.array([part_id[s] for s in lasts])])])
        assert set(got.tolist()) == expected and expected
    assert hits > 0


def test_entity_head_reads_what_the_entity_says() -> None:
    """A compiled index reads a match's id, name, type and level from the ends of an entity
    record: the values of the decoded entity, whatever the names hold."""
    compiled = importlib.import_module("aliasres.compiled")
    tricky = ['Ab"d, ", "x', "back\\slash", "Ωμέγα عبد", "null, true]", 'a\nb", "c', "\u2028",
              "x, true, false]"]
    for i, name in enumerate(tricky):
        for level in (None, "city", 'lev"el, null'):
            for fuzzy in (True, False):
                entity = Entity(f"place/{name}", "place", name, (Alias(name[::-1]),),
                                level=level, fuzzy=fuzzy, description=name)
                record = compiled._entity_record(entity)
                head = compiled._entity_head(record)
                assert head == (entity.id, entity.name, entity.type, entity.level), record
                # no alias is shared: said so, unless a name holds what a shared alias ends with
                assert compiled._may_share(record) == (", true, " in name), record
                shared = Entity(entity.id, "place", name, (Alias(name, shared=True),
                                                            Alias("x", typed=(i == 2))))
                assert compiled._may_share(compiled._entity_record(shared))


def test_without_numpy_the_python_sums_serve(
    generated: tuple[list[Entity], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index whose arrays cannot be made (numpy missing) ranks with the Python sums."""
    entities, queries = generated
    resolver = aliasres.Resolver(entities)
    expected = _answers(resolver, queries[:60])

    def no_numpy() -> None:
        raise ImportError("No module named 'numpy'")

    monkeypatch.setattr(cand_mod, "VECTOR_MIN", 2)
    fresh = aliasres.Resolver(entities)
    monkeypatch.setattr(fresh._index, "spelling_csr", no_numpy)
    assert _answers(fresh, queries[:60]) == expected
    assert fresh._finder._csr() is None and not fresh._finder._numpy


def _reference_latin_sim(a: Any, b: Any) -> float:
    """score._latin_sim as first written (generators over the folds, the nisba rule first)."""
    from rapidfuzz.distance import Levenshtein

    from aliasres.keys import compatible_equal, compatible_within_one
    from aliasres.score import _nisba_of_name, _plural

    if (
        not a.groups
        and not b.groups
        and min(len(a.core), len(b.core)) >= 4
        and (_plural(a.core, b.core) or _plural(b.core, a.core))
    ):
        return 0.9
    folds_a = (a.fold, a.alt) if a.alt else (a.fold,)
    folds_b = (b.fold, b.alt) if b.alt else (b.fold,)
    if any(x == y for x in folds_a for y in folds_b):
        return 0.93
    if _nisba_of_name(a, b) or _nisba_of_name(b, a):
        return 0.0
    r = max(Levenshtein.normalized_similarity(x, y) for x in folds_a for y in folds_b)
    if r < 0.6:
        return 0.0
    skels_a, skels_b = a.skels, b.skels
    if min(len(a.fold), len(b.fold)) <= 3:
        if r >= 0.75 and any(
            len(x) >= 2 and compatible_equal(x, y) for x in skels_a for y in skels_b
        ):
            return 0.8
        return 0.0
    if (
        r >= 0.7
        and abs(len(a.fold) - len(b.fold)) <= 2
        and any(len(x) >= 2 and compatible_equal(x, y) for x in skels_a for y in skels_b)
    ):
        return max(r, 0.88)
    if r >= 0.6 and len(a.phonetic) >= 3 and a.phonetic == b.phonetic:
        return max(r, 0.88)
    if r >= 0.85 and min(len(a.fold), len(b.fold)) >= 5:
        return r
    if r >= 0.75 and any(
        len(x) >= 3 and compatible_within_one(x, y) for x in skels_a for y in skels_b
    ):
        return min(r, 0.85)
    return 0.0


def test_latin_similarity_is_the_reference(generated: tuple[list[Entity], list[str]]) -> None:
    """_latin_sim, its tests reordered and written out for speed, gives what it first gave,
    on every pair of a sample of table parts (and of words in the plural)."""
    from aliasres.parts import lexicon, make_part
    from aliasres.score import _latin_sim

    entities, _ = generated
    index: Any = aliasres.Resolver(entities)._index
    latin = [p for p in index.parts.values() if not p.arabic]
    rng = random.Random(8)
    sample = rng.sample(latin, min(220, len(latin)))
    lex = lexicon()
    sample += [make_part(lex, w) for w in ("force", "forces", "industry", "industries",
                                           "bus", "buses", "alsharaa", "sharaa", "ahmadi")]
    same = 0
    for a in sample:
        for b in sample:
            value = _latin_sim(a, b)
            assert value == _reference_latin_sim(a, b), (a.core, b.core)
            same += value > 0
    assert same > len(sample)


def test_pair_sets_find_what_pair_postings_find(
    generated: tuple[list[Entity], list[str]]
) -> None:
    """An in-memory index's pair lookup through its pair sets (Index.pair_sets) adds the
    aliases its pair lists give."""
    entities, _ = generated
    index: Any = aliasres.Resolver(entities)._index
    sets = index.pair_sets()
    spellings = list(index.parts)
    rng = random.Random(9)
    hits = 0
    for _ in range(400):
        firsts = rng.sample(spellings, rng.randint(1, 12))
        if rng.random() < 0.5:  # the spellings a first part is really paired with
            lasts = set(index.pairs.get(firsts[0], {})) | set(rng.sample(spellings, 3))
        else:
            lasts = set(rng.sample(spellings, rng.randint(0, 12)))
        expected: set[int] = set()
        for posting in index.pair_postings(firsts, lasts):
            expected.update(posting)
        for given in (sets, None):
            found: set[int] = {-1}
            index.add_pair_hits(firsts, lasts, found, given)
            assert found == expected | {-1}
        hits += bool(expected)
    assert hits > 50


def test_fold_plain_rules_are_regular_expressions(
    generated: tuple[list[Entity], list[str]]
) -> None:
    """fold() applies a rule whose pattern is plain text with str.replace: what re.sub gives
    (on the words of a generated table, random letters and the rules' own examples)."""
    import re

    from aliasres.keys import _rules, fold

    rules = _rules().fold_rules
    assert any(plain for _, _, plain in rules) and any(not plain for _, _, plain in rules)
    rng = random.Random(10)
    entities, _ = generated
    words = sorted({w for e in entities for a in e.names()
                    for w in re.findall("[a-z]+", a.name.lower())})
    words += ["".join(rng.choice("abcdeghijklmnoqrstuvwxyz") for _ in range(rng.randint(1, 12)))
              for _ in range(3000)]
    words += ["dschihad", "tchetchene", "achraf", "djihad", "moustapha", "qaddafi", "kadhafi",
              "yousoof", "kareem", "hussein", "katayev", "vysotskiy", "abderrahmane", "jowlani"]
    doubled, doubles = re.compile(r"([^aeiou])\1+"), re.compile(r"(.)\1+")
    for word in words:
        text = doubled.sub(r"\1", word)
        for pattern, replacement, _ in rules:
            text = pattern.sub(replacement, text)
        assert fold(word) == doubles.sub(r"\1", text), word


def test_parse_shortcuts_change_nothing(generated: tuple[list[Entity], list[str]]) -> None:
    """parse() skips the title and glued-connector passes only when they would change
    nothing: the same parts as the full reading, on generated names and on names with
    titles, connectors and glued words."""
    from aliasres.normalize import normalize
    from aliasres.parts import ParsedName, _abbreviate_legal, _head, _split, _strip_titles
    from aliasres.parts import lexicon

    entities, queries = generated
    lex = lexicon()
    names = [a.name for e in entities[:400] for a in e.names()] + queries
    names += ["Sheikh Musa Hilal", "Dr. Ayman al-Zawahiri", "Mehmood Dr. Bashir Uddin",
              "Ramzi Binalshibh", "محمدعبد الله", "Ali بنحسين", "Hajji Iman", "Iman Hajji",
              "Abu Bakr al-Baghdadi", "Akhter son of Noor", "Open Joint Stock Company Foo",
              "Colonel Rambo", "", "   ", "bin Laden", "Umm Hassan"]
    for name in names:
        text = normalize(name)
        tokens, titles = _strip_titles(lex, text.split())
        if not lex.legal_phrases.keys().isdisjoint(tokens):
            tokens = _abbreviate_legal(lex, tokens)
        parts = _split(lex, tokens)
        assert parse(name) == ParsedName(text, tuple(parts), _head(parts), titles), name


def test_expansions_made_at_build_are_those_made_on_demand(
    generated: tuple[list[Entity], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large table's commonest spellings are expanded at build (Finder.similar_parts):
    each the expansion computed on demand, and the same answers as without them."""
    entities, queries = generated
    lazy = aliasres.Resolver(entities)
    assert not lazy._finder._prepared  # (a small table expands on demand only)
    monkeypatch.setattr(cand_mod, "PREPARE_EXPANSIONS", 1000)
    monkeypatch.setattr(cand_mod, "PREPARE_SPELLINGS", 300)
    built = aliasres.Resolver(entities)
    finder = built._finder
    assert 0 < len(finder._prepared) <= 300
    for part, sims in finder._prepared.values():
        assert sims == lazy._finder._expand(part), part.spelling
    # a part of a prepared spelling with other flags (its article) is expanded on its own
    part, _ = next(iter(finder._prepared.values()))
    other = cand_mod.Part(*(not v if f == "article" else v
                            for f, v in zip(part.__dataclass_fields__, _fields(part))))
    assert finder.similar_parts(other) == lazy._finder._expand(other)
    assert _answers(built, queries) == _answers(lazy, queries)


def _fields(part: Any) -> list[Any]:
    return [getattr(part, f) for f in part.__dataclass_fields__]


def test_overlap_reads_the_spellings_idf_made_once(
    generated: tuple[list[Entity], list[str]]
) -> None:
    """Finder.overlap reads each spelling's IDF and start from lists made once: the values
    its formula gives from the postings, and the weights _held_arrays repeats over a range
    are those of one array per range (numpy.full)."""
    import math

    import numpy as np

    entities, queries = generated
    resolver = aliasres.Resolver(entities)
    finder = resolver._finder
    for q in queries[:40]:
        resolver.candidates(q + " Zzyqx Wvuts")  # words in common only: the last resort
    assert finder._idf is not None
    ids, off, val, by_spelling, starts = finder._postings()
    total = len(off) - 1
    assert finder._starts == [int(x) for x in starts]
    assert finder._idf == [
        math.log((total + 1) / max(int(starts[n + 1] - starts[n]), 1))
        for n in range(len(starts) - 1)
    ]
    ranges = [(0, 3, 0.5), (3, 4, 1.25), (7, 12, 0.1 * 3)]
    plain = np.concatenate([np.full(hi - lo, w) for lo, hi, w in ranges])
    repeated = np.repeat(np.array([w for _, _, w in ranges], dtype=np.float64),
                         [hi - lo for lo, hi, _ in ranges])
    assert plain.dtype == repeated.dtype and plain.tolist() == repeated.tolist()


def test_blocking_finds_what_the_pair_lists_find(
    generated: tuple[list[Entity], list[str]]
) -> None:
    """Blocking reads each first part's pair entries memoized with its expansion: it finds
    what the plain pair lists (Index.pair_postings) give, again from the memo."""
    entities, queries = generated
    fast = aliasres.Resolver(entities)._finder
    plain = Finder(fast.index, fast.max_candidates)
    plain._pair_sets = None  # Index.add_pair_hits without sets: its pair lists
    blocked = 0
    for q in queries:
        parsed = parse(q)
        expansions = [fast.similar_parts(p) for p in parsed.parts]
        for _ in range(2):  # the second time from the memo
            found = fast.blocking(parsed, expansions)
            assert found == plain.blocking(parsed, expansions), q
        blocked += len(parsed.parts) > 1 and bool(found)
    assert blocked > 100


def _reference_held_arrays(
    finder: Any, looked: list[list[tuple[int, int, float]]], by_spelling: Any,
    type: str | None, first: int,
) -> dict[int, dict[int, float]]:
    """Finder._held_arrays as first written (numpy.full per range, add.at, isin)."""
    import numpy as np

    chunks_a, chunks_w, chunks_p = [], [], []
    for i, ranges in enumerate(looked):
        if not ranges:
            continue
        a = np.concatenate([by_spelling[lo:hi] for lo, hi, _ in ranges]).astype(np.int64)
        w = np.concatenate([np.full(hi - lo, w) for lo, hi, w in ranges])
        order = np.lexsort((-w, a))
        a, w = a[order], w[order]
        new = np.empty(len(a), dtype=bool)
        new[0] = True
        np.not_equal(a[1:], a[:-1], out=new[1:])
        chunks_a.append(a[new])
        chunks_w.append(w[new])
        chunks_p.append(np.full(int(new.sum()), i))
    a_all, w_all, p_all = (np.concatenate(c) for c in (chunks_a, chunks_w, chunks_p))
    uniq, inv = np.unique(a_all, return_inverse=True)
    mass = np.zeros(len(uniq))
    for i in range(len(looked)):
        at = p_all == i
        np.add.at(mass, inv[at], w_all[at])
    has_first = np.zeros(len(uniq), dtype=bool)
    has_first[inv[p_all == first]] = True
    person = finder._person[uniq]
    ok = has_first | ~person if type is None else (
        has_first & person if type == "person" else ~person
    )
    uniq, mass, has_first = uniq[ok], mass[ok], has_first[ok]
    ranked = np.lexsort((uniq, -np.round(mass, 9)))
    kept = finder._keep(((int(uniq[k]), bool(has_first[k])) for k in ranked.tolist()), type)
    held: dict[int, dict[int, float]] = {a: {} for a in kept}
    mask = np.isin(a_all, np.array(kept, dtype=np.int64))
    for aidx, w, i in zip(a_all[mask].tolist(), w_all[mask].tolist(), p_all[mask].tolist()):
        held[aidx][i] = w
    return held


def test_held_arrays_are_the_reference(generated: tuple[list[Entity], list[str]]) -> None:
    """The last resort's weights per alias and word (Finder._held_arrays: one repeat per
    word, a plain indexed add, the kept aliases' mask read off the unique ones) are what the
    first version gives, on random ranges of the postings."""
    entities, _ = generated
    finder = aliasres.Resolver(entities)._finder
    ids, off, val, by_spelling, starts = finder._postings()
    rng = random.Random(3)
    spans = [(int(starts[n]), int(starts[n + 1])) for n in range(len(starts) - 1)]
    spans = [s for s in spans if s[1] > s[0]]
    nonempty = 0
    for _ in range(300):
        looked = [
            [(lo, hi, rng.choice([0.9, 1.7, 2.25, rng.random() * 3]))
             for lo, hi in rng.sample(spans, rng.randint(0, 6))]
            for _ in range(rng.randint(1, 4))
        ]
        if not any(looked):
            continue
        first = rng.randrange(len(looked))
        for type in (None, "person", "organization"):
            got = finder._held_arrays(looked, by_spelling, type, first)
            assert got == _reference_held_arrays(finder, looked, by_spelling, type, first)
            nonempty += bool(got)
    assert nonempty > 100


def test_a_second_look_up_reads_the_kept_candidates(
    generated: tuple[list[Entity], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finder.fuzzy and Finder.regrouped keep their results for the same parsed name (what
    classify's resolve(), then candidates(), ask twice): the same as computed afresh, and
    the same answers as without them."""
    entities, queries = generated
    resolver = aliasres.Resolver(entities)
    finder = resolver._finder
    for q in queries:
        parsed = parse(q)
        first = finder.fuzzy(parsed, None, None)
        assert finder.fuzzy(parsed, None, None) == first == finder._fuzzy(parsed, None, None)
        assert finder.fuzzy(parsed, "organization", None) == finder._fuzzy(
            parsed, "organization", None)
        again = list(finder.regrouped(parsed, None, None))
        assert list(finder.regrouped(parsed, None, None)) == again
        assert again == list(finder._regrouped(parsed, None, None))
    expected = _answers(resolver, queries)
    plain = aliasres.Resolver(entities)
    monkeypatch.setattr(plain._finder, "fuzzy", plain._finder._fuzzy)
    monkeypatch.setattr(plain._finder, "regrouped", plain._finder._regrouped)
    assert _answers(plain, queries) == expected
