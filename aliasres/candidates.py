"""Candidate generation: the aliases a parsed query may be, ranked, then scored.

1. each query part is expanded into the table parts it may be (same fold, same consonant key
   or one consonant apart, same given-name group, a known Latin spelling of an Arabic token),
   with their similarity (:meth:`Finder.similar_parts`);
2. blocking looks those spellings up pair by pair (:meth:`Finder.blocking`);
3. the aliases found are ranked by how much of the query they hold, and the best
   ``max_candidates`` are scored by :func:`aliasres.score.score_names`; the pruned rest are
   scored only when every ranked one falls short (:meth:`Finder.fuzzy`).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
import math
from collections import Counter
from itertools import accumulate, chain, islice
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .index import DENSE_IDS, Index, add_entry_hits, as_seq, csr_totals, get, part_keys
from .keys import coarse_keys, fold, skeleton
from .parts import ParsedName, Part, regroup, split_digraphs
from .score import (
    NEAR,
    NEAR_SCORE,
    OVERLAP,
    OVERLAP_SCORE,
    TOKEN_MIN,
    NameScore,
    part_sim,
    score_names,
    short_alias_cap,
    single_word_cap,
    two_family_names,
)

__all__ = ["FALLBACK_BELOW", "Candidate", "Finder", "Trace"]

#: a name whose best score is below this is also scored against the candidates that ranking
#: pruned, and read with one word written apart or together otherwise (Gholamali / Gholam
#: Ali); such a reading scores a little less
FALLBACK_BELOW = 0.9
SCORE_REGROUPED = 0.98
_MEMO_SIZE = 200_000
#: how many names' candidates :meth:`Finder.fuzzy` keeps for a second look-up
_RECENT = 256

_T = TypeVar("_T")


def _recent(
    memo: dict[tuple[int, str | None], tuple[ParsedName, tuple[_T, ...]]],
    query: ParsedName,
    type: str | None,
    compute: Callable[[], Iterable[_T]],
) -> tuple[_T, ...]:
    """What ``compute`` gives for ``query`` and ``type``, kept in ``memo`` for the next
    calls with the very same parsed name (parse() returns one object per text); at most
    :data:`_RECENT` names are kept."""
    key = (id(query), type)
    cached = memo.get(key)
    if cached is not None and cached[0] is query:
        return cached[1]
    out = tuple(compute())
    if len(memo) >= _RECENT:
        memo.clear()
    memo[key] = (query, out)  # holding query keeps its id from being reused
    return out
#: a ranking of at least this many aliases sums their spellings with numpy, when it is
#: installed (below, the Python loop is faster); the sums are the same either way
VECTOR_MIN = 320
#: the same for a compiled index, whose spellings the Python sums read from the file's
#: arrays (slower than the tuples of an index built in memory)
VECTOR_MIN_MAPPED = 64
#: the near misses of a name that found nothing good are looked for among the aliases of its
#: family name when at most this many have it (a commoner family name says too little)
NEAR_FAMILY = 50
#: a compiled index of at least this many names prepares its arrays for ranking at load
PREPARE_MAPPED = 100_000
#: an index built in memory with at least this many names expands its commonest spellings
#: at build (:meth:`Finder.similar_parts`), at most PREPARE_SPELLINGS of them, each held by
#: two aliases or more: a table this large answers many names, whose parts are mostly the
#: table's own spellings, each expanded once either way (about 40 µs each, the first time)
PREPARE_EXPANSIONS = 50_000
PREPARE_SPELLINGS = 20_000
#: the last-resort candidates (:meth:`Finder.overlap`): the table spellings a query word is
#: read as (at least this alike), each held by at most OVERLAP_MAX_DF aliases (a commoner
#: word says too little, and bounds the work), at most OVERLAP_SPELLINGS per query word
OVERLAP_SIM = 0.85
OVERLAP_MAX_DF = 400
OVERLAP_SPELLINGS = 16
#: a query word of at least this many letters that the table has in no spelling alike may
#: be written cut short (ناي of نايل): the table words it begins, one or two letters longer,
#: count as its spellings, this alike
OVERLAP_CUT_MIN = 3
OVERLAP_CUT_SIM = OVERLAP_SIM
#: at most this many last-resort candidates, chosen among three times as many that hold the
#: most of the query (then re-ranked by how much of themselves they hold)
OVERLAP_CANDIDATES = 10


@dataclass(slots=True)
class Candidate:
    """An alias record and how the query scored against it."""

    alias: int
    result: NameScore


@dataclass(slots=True)
class Trace:
    """What a lookup did, for explain()."""

    variants: list[str] = field(default_factory=list)
    stage: str = ""
    expansions: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    scored: list[tuple[int, NameScore]] = field(default_factory=list)


class Finder:
    """Finds and scores the candidates of a parsed name in an :class:`Index`.

    Holds a per-process memo of part expansions (not worth storing with the index).
    """

    def __init__(self, index: Index, max_candidates: int) -> None:
        self.index = index
        self.max_candidates = max_candidates
        self._sim_memo: dict[tuple[str, str], dict[str, float]] = {}
        self._single_memo: dict[int, tuple[dict[str, float], tuple[int, ...]]] = {}
        self._entry_memo: dict[int, tuple[dict[str, float], tuple[Any, ...]]] = {}
        #: the last names' candidates and regrouped readings' (see fuzzy)
        self._fuzzy_memo: dict[
            tuple[int, str | None], tuple[ParsedName, tuple[Candidate, ...]]
        ] = {}
        self._regroup_memo: dict[
            tuple[int, str | None], tuple[ParsedName, tuple[tuple[int, float, str], ...]]
        ] = {}
        self._pid_memo: dict[int, tuple[dict[str, float], tuple[Any, Any]]] = {}
        #: an index built in memory: its pairs with their last spellings as sets
        #: (Index.pair_sets, for Index.add_pair_hits)
        self._pair_sets: Any = None if getattr(index, "mapped", False) else index.pair_sets()
        self._value_memo: dict[int, tuple[dict[str, float], tuple[Any, Any]]] = {}
        self._spelling_csr: tuple[dict[str, int], Any, Any] | None = None
        self._numpy = True
        self._pair_block: Any = None
        self._inverted: tuple[Any, Any] | None = None
        self._person: Any = None
        self._fold_keys: list[str] | None = None
        self._postings_lists: tuple[dict[str, int], Any, Any, Any, Any] | None = None
        self._idf: list[float] | None = None  # by spelling number (see overlap)
        self._starts: list[int] = []
        #: expansions made at build (see PREPARE_EXPANSIONS), by memo key, with the table
        #: part each was made for
        self._prepared: dict[tuple[str, str], tuple[Part, dict[str, float]]] = {}
        if not getattr(index, "mapped", False) and len(index.a_entity) >= PREPARE_EXPANSIONS:
            self._prepare_expansions()
        if getattr(index, "mapped", False) and len(index.a_entity) >= PREPARE_MAPPED:
            # a large compiled index: its arrays are the file's, so preparing them costs
            # only numpy's import and the spelling numbers, paid once at load (about 0.3 s
            # at a million names) rather than by whichever query first ranks many aliases;
            # its pair lists are then looked up as arrays too (see blocking)
            if self._csr() is not None:
                mapped: Any = index
                self._pair_block = mapped.pair_block
                mapped.pair_arrays()

    def _csr(self) -> tuple[dict[str, int], Any, Any] | None:
        """The index's spellings as numpy arrays (built on first use), or None without numpy."""
        if self._spelling_csr is None and self._numpy:
            try:
                self._spelling_csr = self.index.spelling_csr()
            except ImportError:
                self._numpy = False
        return self._spelling_csr

    def _prepare_expansions(self) -> None:
        """Expand the commonest table spellings now (see ``PREPARE_EXPANSIONS``)."""
        counts = Counter(chain.from_iterable(self.index.a_spellings))
        parts = self.index.parts
        for spelling, n in counts.most_common(PREPARE_SPELLINGS):
            if n < 2:
                break
            part = parts[spelling]
            self._prepared[part.prefix, part.core] = (part, self._expand(part))

    def similar_parts(self, part: Part) -> dict[str, float]:
        """The table parts ``part`` may be, with their similarity (memoized per spelling)."""
        memo_key = (part.prefix, part.core)
        cached = self._sim_memo.get(memo_key)
        if cached is not None:
            return cached
        prepared = self._prepared.get(memo_key)
        # made at build for an equal part, so the same as _expand(part) now (a part of
        # the same spelling with other flags, e.g. its article, may have other keys)
        if prepared is not None and (prepared[0] is part or prepared[0] == part):
            sims = prepared[1]
        else:
            sims = self._expand(part)
        if len(self._sim_memo) >= _MEMO_SIZE:
            self._sim_memo.clear()  # crude but bounded; the hot spellings come back at once
        self._sim_memo[memo_key] = sims
        return sims

    def _expand(self, part: Part) -> dict[str, float]:
        """:meth:`similar_parts` computed."""
        index = self.index
        prefix = f"{part.prefix}:"
        idents: set[str] = set()
        for f in {part.fold, part.alt, *part.latin} - {""}:
            idents.update(index.by_fold.get(prefix + f, ()))
        for key in part_keys(part):
            idents.update(index.by_key.get(key, ()))
        for group in part.groups:
            idents.update(index.by_group.get(group, ()))
        sims: dict[str, float] = {}
        parts = index.parts
        for spelling in idents:
            s = part_sim(part, parts[spelling])
            if s >= TOKEN_MIN:
                sims[spelling] = s
        return sims

    def _single_hits(self, sims: dict[str, float]) -> Sequence[int]:
        """The one-part aliases posted under the spellings of ``sims``; kept with a memoized
        expansion (see :meth:`similar_parts`), found by its identity."""
        memo = self._single_memo
        cached = memo.get(id(sims))
        if cached is not None and cached[0] is sims:
            return cached[1]
        single = self.index.single
        hits: set[int] = set()
        for key in sims:
            hit = single.get(key)
            if hit is not None:
                hits.update(as_seq(hit))
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[id(sims)] = (sims, tuple(hits))  # holding sims keeps its id from being reused
        return memo[id(sims)][1]

    def _pair_entries(self, sims: dict[str, float]) -> tuple[Any, ...]:
        """The entries of :meth:`Index.pair_sets` (last spellings, postings) of the spellings
        of ``sims`` that begin a pair; kept with a memoized expansion, as
        :meth:`_single_hits` keeps its hits."""
        memo = self._entry_memo
        cached = memo.get(id(sims))
        if cached is not None and cached[0] is sims:
            return cached[1]
        get = self._pair_sets.get
        entries = tuple(entry for a in sims if (entry := get(a)) is not None)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[id(sims)] = (sims, entries)
        return entries

    def _pair_numbers(self, sims: dict[str, float]) -> tuple[Any, Any]:
        """The spellings of ``sims`` as numbers for :meth:`MappedIndex.pair_block`: their
        part numbers, and the pair keys' high halves of those that begin a pair (numpy
        arrays); kept with a memoized expansion, as :meth:`_single_hits` keeps its hits."""
        memo = self._pid_memo
        cached = memo.get(id(sims))
        if cached is not None and cached[0] is sims:
            return cached[1]
        import numpy as np

        ids = self._spelling_csr[0] if self._spelling_csr is not None else {}
        pids = np.array([i for s in sims if (i := ids.get(s)) is not None], dtype=np.int64)
        numbers = (pids, self.index.pair_firsts(pids))  # type: ignore[attr-defined]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[id(sims)] = (sims, numbers)
        return numbers

    def _value_arrays(self, sims: dict[str, float], ids: dict[str, int]) -> tuple[Any, Any]:
        """The spelling numbers and values of ``sims`` (those numbered) as numpy arrays;
        kept with a memoized expansion, as :meth:`_single_hits` keeps its hits."""
        memo = self._value_memo
        cached = memo.get(id(sims))
        if cached is not None and cached[0] is sims:
            return cached[1]
        import numpy as np

        pairs = [(i, v) for s, v in sims.items() if (i := ids.get(s)) is not None]
        arrays = (np.array([i for i, _ in pairs], dtype=np.int64),
                  np.array([v for _, v in pairs], dtype=np.float64))
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[id(sims)] = (sims, arrays)
        return arrays

    def blocking(self, query: ParsedName, expansions: list[dict[str, float]]) -> Any:
        """Aliases that may match: looked up under the table spellings each query part may
        be (see :meth:`aliasres.index.Index._index_alias`), pair by pair.

        A set of alias numbers; from a compiled index (whose pair lists are arrays, see
        :meth:`aliasres.compiled.MappedIndex.pair_block`), a sorted numpy array of them,
        found for all pairs of the query at once."""
        index = self.index
        blocks = [sims.keys() for sims in expansions]
        found: set[int] = set()
        for sims in expansions:
            found.update(self._single_hits(sims))
        if len(blocks) == 1:
            part = query.parts[0]
            families = index.last if part.article or not part.groups else index.last_article
            for key in blocks[0]:
                found.update(get(families, key))
            return found
        generic = index.generic_words
        useful = [
            i
            for i, keys in enumerate(blocks)
            if keys and (query.parts[i].prefix or query.parts[i].core not in generic)
        ]
        # the alias's family name matches the query's first or last significant part (the
        # scoring rules allow extra names only between given and family name, or a family
        # name written first), so only those two stand on the family side of a pair
        ends = {useful[0], useful[-1]} if useful else set()
        # (first part, the parts on the family side)
        lookups = [(i, [j for j in useful if i != j and j in ends]) for i in useful]
        if len(useful) >= 3:
            # the family name written last where the table has it first (Fezzaa Hishan
            # GHAZY for Ghazy Fezzaa Hishan): the table's first and last are the query's
            # last and the one before it
            lookups.append((useful[-1], [useful[-2]]))
            # the first names of a nasab chain (see Index._index_alias)
            lookups.append((useful[0], [useful[1]]))
        if len(useful) >= 4 and two_family_names(index.lex, query.parts):
            # the given name and the first of two family names, the second left off by the
            # table (see score._first_surname)
            lookups.append((useful[0], [useful[-2]]))
        pair_block = self._pair_block
        if pair_block is not None:
            numbers = {i: self._pair_numbers(expansions[i]) for i in useful}
            # the lookups of one first part as one (the union of their pairs is the same)
            by_first: dict[int, list[int]] = {}
            for i, others in lookups:
                merged = by_first.setdefault(i, [])
                merged.extend(j for j in others if j not in merged)
            hits = pair_block(
                [(numbers[i][1], [numbers[j][0] for j in others])
                 for i, others in by_first.items()]
            )
            return _union(hits, found)
        # the lookups of one first part as one, as above (a union either way)
        lasts_of: dict[int, set[str]] = {}
        for i, others in lookups:
            lasts = lasts_of.setdefault(i, set())
            for j in others:
                lasts.update(blocks[j])
        for i, lasts in lasts_of.items():
            if not lasts:
                continue
            if self._pair_sets is None:  # a compiled index without pair arrays: its lists
                index.add_pair_hits(blocks[i], lasts, found, None)
            else:  # Index.add_pair_hits, its entries memoized with the first part's expansion
                add_entry_hits(self._pair_entries(expansions[i]), lasts, found)
        return found

    def rank(
        self, found: Any, expansions: list[dict[str, float]], *, prune: bool
    ) -> tuple[list[int], Sequence[tuple[float, int, int]]]:
        """The candidates worth scoring, best first, and those pruned as (total, number of
        spellings, alias), in no order (see :meth:`pruned`: they are ranked only when the
        first ones all fall short).

        Each alias is ranked by how much of the query it holds (the sum of its parts' best
        similarity to any query part), then shorter aliases first, then by name (never by
        load order). An alias that holds at least one whole part less than the best is
        pruned: it cannot come within the margin of the best, unless the best is rejected.
        At most ``max_candidates`` are scored, plus any that tie with the last one.

        ``found`` is a set of alias numbers or a numpy array of them (:meth:`blocking`).
        """
        if len(found) <= 1:
            return _ints(found), []
        # the same alias always sums its parts in the same order: no load-order effects
        vector_min = VECTOR_MIN if self._pair_block is None else VECTOR_MIN_MAPPED
        csr = self._csr() if len(found) >= vector_min else None
        if csr is not None:
            return self._rank_arrays(found, expansions, csr, prune=prune)
        best = _best(expansions)
        aliases = _ints(found)
        sums, lengths = self.index.rank_sums(aliases, best)
        pruned: Sequence[tuple[float, int, int]] = []
        # ordered by (-total, length, name, alias); the names are read (decoded, from a
        # compiled index) only for the first ``limit`` and those that tie with the last
        if prune:
            floor = max(sums) - 0.9
            light = [(-t, n, a) for t, n, a in zip(sums, lengths, aliases) if t >= floor]
            if len(light) < len(aliases):
                # most are pruned, and rarely asked for: made into tuples only then
                pruned = _Below(sums, lengths, aliases, floor, len(aliases) - len(light))
        else:
            light = [(-t, n, a) for t, n, a in zip(sums, lengths, aliases)]
        return self._cut(_first(light, 4 * self.max_candidates)), pruned

    def _rank_arrays(
        self, found: Any, expansions: list[dict[str, float]],
        csr: tuple[dict[str, int], Any, Any], *, prune: bool,
    ) -> tuple[list[int], Sequence[tuple[float, int, int]]]:
        """:meth:`rank` of a large candidate set with numpy: the sums, the pruning and the
        choice of the first ``limit`` (and their ties) over arrays; only those become Python
        tuples (the pruned ones stay arrays, see :class:`_Rest`). The same result."""
        import numpy as np

        ids, off, val = csr
        if isinstance(found, np.ndarray):
            rows = found
        else:
            rows = np.fromiter(found, dtype=np.int64, count=len(found))
        if len(ids) <= DENSE_IDS:
            # each spelling's best value in a table by spelling number, from each part's
            # (memoized) arrays: what _best gives, without a dict
            table = np.zeros(len(ids))
            for sims in expansions:
                pids, values = self._value_arrays(sims, ids)
                if len(pids):
                    held = table[pids]
                    np.maximum(held, values, out=held)
                    table[pids] = held
            totals, lengths = csr_totals({}, off, val, rows, table=table)
        else:
            by_id = {ids[s]: v for s, v in _best(expansions).items() if s in ids}
            totals, lengths = csr_totals(by_id, off, val, rows, len(ids))
        pruned: Sequence[tuple[float, int, int]] = []
        if prune:
            keep = totals >= totals.max() - 0.9
            if not keep.all():
                rest = ~keep
                pruned = _Rest(totals[rest], lengths[rest], rows[rest])
                totals, lengths, rows = totals[keep], lengths[keep], rows[keep]
        return self._cut(_first_arrays(totals, lengths, rows, 4 * self.max_candidates)), pruned

    def _cut(self, light: list[tuple[float, int, int]]) -> list[int]:
        """The aliases to score of the first ``light`` (sorted (-total, length, alias)
        keys, see :func:`_first`): ordered by name within a tie, the first
        ``max_candidates`` and every alias tied with the last."""
        keyed = self._by_name(light)[: 4 * self.max_candidates]
        cut = min(self.max_candidates, len(keyed))
        while cut < len(keyed) and keyed[cut][:2] == keyed[cut - 1][:2]:
            cut += 1  # aliases that tie at the cut stay together: no load-order effects
        return [k[2] for k in keyed[:cut]]

    def _by_name(self, light: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
        """``light``, sorted, with each run of equal (total, length) ordered by (name,
        alias): the order of sorting (total, length, name, alias), reading the names of
        tied aliases only."""
        out: list[tuple[float, int, int]] = []
        names = self.index.a_name
        n, i = len(light), 0
        while i < n:
            j = i + 1
            key = light[i][:2]
            while j < n and light[j][:2] == key:
                j += 1
            if j - i == 1:
                out.append(light[i])
            else:
                out.extend(sorted(light[i:j], key=lambda k: (names[k[2]], k[2])))
            i = j
        return out

    def pruned(self, pruned: Sequence[tuple[float, int, int]]) -> list[int]:
        """The best ``max_candidates`` of the pruned candidates, in ranking order."""
        if isinstance(pruned, _Rest):
            light = _first_arrays(*pruned.arrays(), self.max_candidates)
        else:
            light = _first([(-total, n, aidx) for total, n, aidx in pruned], self.max_candidates)
        return [k[2] for k in self._by_name(light)[: self.max_candidates]]

    def fuzzy(self, query: ParsedName, type: str | None, trace: Trace | None) -> list[Candidate]:
        """The scored candidates of a parsed name (those scoring above 0).

        Kept for the next few calls with the very same parsed name (parse() returns one
        object per text), as a caller that looks a name up twice asks them (classify:
        resolve(), then candidates() of a name it did not resolve); the same list either
        way, since nothing here changes between calls."""
        if trace is not None:
            return self._fuzzy(query, type, trace)
        return list(_recent(self._fuzzy_memo, query, type,
                            lambda: self._fuzzy(query, type, None)))

    def _fuzzy(
        self, query: ParsedName, type: str | None, trace: Trace | None
    ) -> list[Candidate]:
        """:meth:`fuzzy` computed."""
        if not query.parts:
            return []
        index = self.index
        expansions = [self.similar_parts(part) for part in query.parts]
        if trace is not None:
            for part, sims in zip(query.parts, expansions):
                best = sorted(sims.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
                trace.expansions[part.label()] = best
        found = self.blocking(query, expansions)
        shown_only: set[int] = set()
        if trace is not None:
            # explain() also shows the near misses (aliases with the same family name), but
            # they take no part in the decision, which stays the one resolve() makes
            for sims in expansions:
                for spelling in sims:
                    shown_only.update(get(index.last, spelling)[:50])
            found = set(_ints(found))
            shown_only -= found
            found |= shown_only
        a_parsed, alias_type = index.a_parsed, index.alias_type
        ranked, pruned = self.rank(found, expansions, prune=trace is None)

        def sim(i: int, qp: Part, ap: Part) -> float:
            return expansions[i].get(ap.spelling, 0.0)

        out: list[Candidate] = []
        detail = trace is not None

        one_word = len(query.parts) == 1

        lex = index.lex

        def score(batch: list[int]) -> float:
            top = 0.0
            for aidx in batch:
                etype = alias_type(aidx)
                if type is not None and etype != type:
                    continue
                alias = a_parsed[aidx]
                result = score_names(
                    query, alias, etype, lex, sim, detail=detail, expansions=expansions
                )
                if one_word and len(alias.parts) == 1:  # (the caps change nothing else)
                    result = single_word_cap(
                        query, alias, result, canonical=index.a_kind[aidx] == "canonical"
                    )
                    result = short_alias_cap(
                        query, alias, result, abbreviation=is_abbreviation(index, aidx)
                    )
                if trace is not None:
                    trace.scored.append((aidx, result))
                if result.score > 0 and aidx not in shown_only:
                    out.append(Candidate(aidx, result))
                    top = max(top, result.score)
            return top

        top = score(ranked)
        if top < FALLBACK_BELOW:
            if pruned:
                top = max(top, score(self.pruned(pruned)))  # every ranked one fell short
            if top < NEAR_SCORE and type in (None, "person") and len(query.parts) >= 2:
                # nothing better than a near miss: look for one
                blocked = set(_ints(found)) - shown_only  # a set, or a compiled index's array
                out.extend(self._near_misses(query, expansions, blocked, sim))
        return out

    def _near_misses(
        self,
        query: ParsedName,
        expansions: list[dict[str, float]],
        found: set[int],
        sim: Any,
    ) -> list[Candidate]:
        """The near misses (:data:`aliasres.score.NEAR`) among the persons whose family name
        is the query's last part spelled alike, which blocking does not find (their odd part
        is spelled too far off for its keys, or it is a first given name the query lacks):
        candidates to show, never answers. Only for a
        name that found nothing better, and a family name that at most ``NEAR_FAMILY``
        aliases have."""
        index = self.index
        seen: set[int] = set()
        for spelling, value in expansions[-1].items():
            if value >= 0.93:
                posting = get(index.last, spelling)
                if len(posting) <= NEAR_FAMILY:  # a family name that common says too little
                    seen.update(posting)
        out: list[Candidate] = []
        a_parsed, alias_type, a_spellings = index.a_parsed, index.alias_type, index.a_spellings
        n = len(query.parts)
        held = set().union(*expansions)  # every table spelling a query part may be
        for aidx in sorted(seen - found):
            # cheap tests first: one odd part on each side (as many parts, all but one among
            # the expansions) or the first given name dropped (one part more, the others in)
            spellings = a_spellings[aidx]
            if not n <= len(spellings) <= n + 1 or alias_type(aidx) != "person":
                continue
            known = sum(1 for sp in spellings if sp in held)
            if known != len(spellings) - 1:
                continue
            result = score_names(
                query, a_parsed[aidx], "person", index.lex, sim, detail=False,
                expansions=expansions,
            )
            if result.method == NEAR:
                out.append(Candidate(aidx, result))
        return out

    def _postings(self) -> tuple[dict[str, int], Any, Any, Any, Any]:
        """The aliases of each table spelling, inverted from :meth:`_csr` on first use (only
        a name that found nothing asks): (spelling numbers, offsets and values of the
        aliases' spellings, aliases by spelling, where each spelling's aliases start)."""
        csr = self._csr()
        if csr is None:
            return self._postings_python()
        ids, off, val = csr
        if self._inverted is None:
            import numpy as np

            index = self.index
            counts = np.diff(off)
            owners = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
            by_spelling = owners[np.argsort(val, kind="stable")]
            starts = np.zeros(len(ids) + 1, dtype=np.int64)
            np.cumsum(np.bincount(val, minlength=len(ids)), out=starts[1:])
            # whether each alias names a person (a compiled index has its entities' type
            # codes; an index in memory, its entities)
            codes = getattr(index, "_e_type", None)
            if codes is not None:
                people = np.asarray(codes) == 0  # compiled._TYPES[0] is "person"
            else:
                people = np.array([e.type == "person" for e in index.entities], dtype=bool)
            self._person = people[np.asarray(index.a_entity, dtype=np.int64)]
            self._inverted = (by_spelling, starts)
        return ids, off, val, self._inverted[0], self._inverted[1]

    def _postings_python(self) -> tuple[dict[str, int], Any, Any, Any, Any]:
        """:meth:`_postings` as lists, without numpy (the same numbers)."""
        if self._postings_lists is None:
            spellings = self.index.a_spellings
            ids = {s: i for i, s in enumerate(self.index.parts)}
            off = list(accumulate(map(len, spellings), initial=0))
            val = [ids[s] for sp in spellings for s in sp]
            buckets: list[list[int]] = [[] for _ in ids]
            for aidx, sp in enumerate(spellings):
                for s in sp:
                    buckets[ids[s]].append(aidx)
            starts = list(accumulate(map(len, buckets), initial=0))
            self._postings_lists = (ids, off, val, list(chain.from_iterable(buckets)), starts)
        return self._postings_lists

    def overlap(self, query: ParsedName, type: str | None) -> list[Candidate]:
        """The last-resort candidates of a name of two parts or more that found nothing:
        the aliases that hold its rarer words, or spellings of them, ranked by the share of
        the query's word rarity (IDF over the table's aliases) they hold, then by the share of
        their own; method :data:`~aliasres.score.OVERLAP`, a score of at most
        :data:`~aliasres.score.OVERLAP_SCORE`: a candidate to show, never an answer.

        A person's alias must hold the query's given name (its first part, or its kunya):
        a family name alone names another person of the family. Bounded: a word held by
        more than ``OVERLAP_MAX_DF`` aliases is not looked up."""
        lex = self.index.lex
        parts = [p for p in query.parts if p.prefix or (p.core not in lex.stopwords
                                                         and len(p.core) > 1)]
        if len(query.parts) < 2 or not parts:
            return []
        ids, off, val, by_spelling, starts = self._postings()
        total = len(off) - 1
        rarest = math.log(total + 1)
        if self._idf is None:
            # where each spelling's aliases start, as ints, and its IDF, made once: read
            # for every spelling of every word looked up
            self._starts = _ints(starts)
            self._idf = [
                math.log((total + 1) / max(self._starts[n + 1] - self._starts[n], 1))
                for n in range(len(self._starts) - 1)
            ]
        starts, idf = self._starts, self._idf
        head = query.parts[max(query.head, 0)] if query.head < len(query.parts) else parts[0]
        first = next((i for i, p in enumerate(parts) if p is head), 0)
        # each query word: the table spellings it may be, as (where their aliases are in
        # by_spelling, weight = similarity x IDF), and the word's own weight (its rarest
        # spelling's IDF; a word the table does not have is as rare as any)
        looked: list[list[tuple[int, int, float]]] = []
        weights: list[float] = []
        for part in parts:
            weight = 0.0
            ranges: list[tuple[int, int, float]] = []
            sims = sorted(
                ((v, s) for s, v in self.similar_parts(part).items() if v >= OVERLAP_SIM),
                reverse=True,
            )[:OVERLAP_SPELLINGS]
            if len(part.fold) >= OVERLAP_CUT_MIN and (not sims or sims[0][0] < 0.93):
                # no spelling alike: perhaps written cut short
                alike = {s for _, s in sims}
                sims += [(OVERLAP_CUT_SIM, s) for s in self._cut_short(part) if s not in alike]
            for value, spelling in sims:
                number = ids.get(spelling)
                if number is None:
                    continue
                lo, hi = starts[number], starts[number + 1]
                if hi <= lo:
                    continue
                weight = max(weight, idf[number])
                if hi - lo <= OVERLAP_MAX_DF:  # a commoner word says little, costs much
                    ranges.append((lo, hi, value * idf[number]))
            looked.append(ranges)
            weights.append(weight or rarest)
        if not any(looked):
            return []
        if self._numpy and not isinstance(by_spelling, list):
            held = self._held_arrays(looked, by_spelling, type, first)
        else:
            held = self._held_lists(looked, by_spelling, type, first)
        asked = sum(weights)
        scored: list[tuple[float, int]] = []
        for aidx, words in held.items():
            mass = sum(words[i] for i in sorted(words))
            own = sum([idf[n] for n in _ints(val[off[aidx] : off[aidx + 1]])])
            share = min(1.0, mass / asked) * (0.5 + 0.5 * min(1.0, mass / (own or 1.0)))
            scored.append((round(OVERLAP_SCORE * share, 4), aidx))
        names = self.index.a_name
        best = heapq.nsmallest(
            OVERLAP_CANDIDATES, scored, key=lambda t: (-t[0], names[t[1]], t[1])
        )
        return [Candidate(aidx, NameScore(score, OVERLAP, "")) for score, aidx in best if score > 0]

    def _cut_short(self, part: Part) -> list[str]:
        """The table spellings of the words that ``part`` begins, one or two letters
        longer (the same prefix: Abu, Abd ...), at most ``OVERLAP_SPELLINGS``, in order."""
        keys = self._fold_keys
        if keys is None:
            keys = self._fold_keys = sorted(self.index.by_fold)
        stem = f"{part.prefix}:{part.fold}"
        out: list[str] = []
        start = bisect_left(keys, stem)
        for k in islice(keys, start, start + OVERLAP_MAX_DF):  # (bounded: a short stem)
            if not k.startswith(stem) or len(out) >= OVERLAP_SPELLINGS:
                break
            if 1 <= len(k) - len(stem) <= 2:
                out.extend(s for s in self.index.by_fold.get(k, ()) if s not in out)
        return out[:OVERLAP_SPELLINGS]

    def _keep(
        self, ordered: Iterator[tuple[int, bool]], type: str | None
    ) -> list[int]:
        """The first ``3 * OVERLAP_CANDIDATES`` of ``ordered`` (alias, holds the query's given
        name), best first, of the type asked for; a person's only with the given name. At
        most 50 times that many are looked at (bounded)."""
        alias_type = self.index.alias_type
        limit = 3 * OVERLAP_CANDIDATES
        kept: list[int] = []
        for seen, (aidx, has_first) in enumerate(ordered):
            if len(kept) >= limit or seen >= 50 * limit:
                break
            etype = alias_type(aidx)
            if (type is None or etype == type) and (has_first or etype != "person"):
                kept.append(aidx)
        return kept

    def _held_lists(
        self, looked: list[list[tuple[int, int, float]]], by_spelling: Any, type: str | None,
        first: int,
    ) -> dict[int, dict[int, float]]:
        """Each alias kept by :meth:`_keep`: its best weight per query word (Python)."""
        held: dict[int, dict[int, float]] = {}
        for i, ranges in enumerate(looked):
            for lo, hi, w in ranges:
                for aidx in _ints(by_spelling[lo:hi]):
                    words = held.setdefault(aidx, {})
                    if w > words.get(i, 0.0):
                        words[i] = w
        masses = sorted((-round(sum(w[i] for i in sorted(w)), 9), a) for a, w in held.items())
        kept = self._keep(((a, first in held[a]) for _, a in masses), type)
        return {a: held[a] for a in kept}

    def _held_arrays(
        self, looked: list[list[tuple[int, int, float]]], by_spelling: Any, type: str | None,
        first: int,
    ) -> dict[int, dict[int, float]]:
        """:meth:`_held_lists` over numpy arrays: the same aliases and weights."""
        import numpy as np

        chunks_a, chunks_w, chunks_p = [], [], []
        for i, ranges in enumerate(looked):
            if not ranges:
                continue
            a = np.concatenate([by_spelling[lo:hi] for lo, hi, _ in ranges]).astype(np.int64)
            # each range's weight repeated over its aliases (one call, not one per range)
            w = np.repeat(np.array([w for _, _, w in ranges], dtype=np.float64),
                          [hi - lo for lo, hi, _ in ranges])
            order = np.lexsort((-w, a))  # each alias's best weight for this word first
            a, w = a[order], w[order]
            new = np.empty(len(a), dtype=bool)
            new[0] = True
            np.not_equal(a[1:], a[:-1], out=new[1:])
            chunks_a.append(a[new])
            chunks_w.append(w[new])
            chunks_p.append(np.full(int(new.sum()), i))
        a_all, w_all, p_all = (np.concatenate(c) for c in (chunks_a, chunks_w, chunks_p))
        uniq, inv = np.unique(a_all, return_inverse=True)
        # the masses summed word by word, as the Python loop sums them (the same floats)
        mass = np.zeros(len(uniq))
        for i in range(len(looked)):
            at = p_all == i
            # (an alias once per word, deduplicated above: a plain indexed add is add.at's)
            mass[inv[at]] += w_all[at]
        has_first = np.zeros(len(uniq), dtype=bool)
        has_first[inv[p_all == first]] = True
        # a person's alias without the query's given name is never kept (see _keep)
        person = self._person[uniq]
        ok = has_first | ~person if type is None else (
            has_first & person if type == "person" else ~person
        )
        every = uniq  # (sorted: where each kept alias is, for the mask below)
        uniq, mass, has_first = uniq[ok], mass[ok], has_first[ok]
        ranked = np.lexsort((uniq, -np.round(mass, 9)))
        kept = self._keep(
            ((int(uniq[k]), bool(has_first[k])) for k in ranked.tolist()), type
        )
        held: dict[int, dict[int, float]] = {a: {} for a in kept}
        # np.isin(a_all, kept), read off the unique aliases (kept is among them)
        chosen = np.zeros(len(every), dtype=bool)
        chosen[np.searchsorted(every, np.array(kept, dtype=np.int64))] = True
        mask = chosen[inv]
        for aidx, w, i in zip(a_all[mask].tolist(), w_all[mask].tolist(), p_all[mask].tolist()):
            held[aidx][i] = w
        return held

    def regrouped(
        self, query: ParsedName, type: str | None, trace: Trace | None
    ) -> Iterator[tuple[int, float, str]]:
        """:meth:`_regrouped`, kept for the next few calls with the same parsed name, as
        :meth:`fuzzy` keeps its candidates."""
        if trace is not None:
            return self._regrouped(query, type, trace)
        return iter(_recent(self._regroup_memo, query, type,
                            lambda: self._regrouped(query, type, None)))

    def _regrouped(
        self, query: ParsedName, type: str | None, trace: Trace | None
    ) -> Iterator[tuple[int, float, str]]:
        """Candidates of the name read with two words joined or one cut (Gholam Ali /
        Gholamali), as (alias, score, method); only those whose match covers every changed
        part, a little below the score of the same match written alike."""
        for other, changed in regroup(self.index.lex, query, self.known_word, self.known_joined):
            if trace is not None:
                trace.variants.append(" ".join(p.label() for p in other.parts))
            for cand in self.fuzzy(other, type, None):
                matched = {i for i, _, _ in cand.result.pairs}
                if matched.issuperset(changed):
                    yield cand.alias, cand.result.score * SCORE_REGROUPED, cand.result.method

    def known_word(self, text: str, arabic: bool) -> bool:
        """A half of a cut word is a table word as written, or an Arabic name token of the
        name-part tables (see :func:`aliasres.parts.regroup`). Dictionary lookups only: this
        runs for every cut of every word of a name that found nothing good."""
        by_fold = self.index.by_fold
        if not arabic:
            return f":{fold(text)}" in by_fold
        lex = self.index.lex
        return (
            f":{text}" in by_fold
            or text in lex.groups
            or any(f":{f}" in by_fold for f in lex.latin_of.get(text, ()))
        )

    def known_joined(self, text: str, arabic: bool) -> bool:
        """A joined word needs only a consonant skeleton in common with a table word
        (Qolamreza / Gholamreza, ولیجان / Walijan): scoring decides the rest."""
        by_key = self.index.by_key
        skels = {skeleton(text)}
        if not arabic:
            skels.add(skeleton(split_digraphs(text)))
        return any(key in by_key for skel in skels for key in coarse_keys(skel))


def _first(light: list[tuple[float, int, int]], limit: int) -> list[tuple[float, int, int]]:
    """The first ``limit`` of ``light`` (-total, length, alias) in sorted order, with every
    other that ties with the last on (total, length) (:meth:`Finder._by_name` orders a tie
    by name, which may move one of those ahead), sorted."""
    if len(light) <= limit:
        return sorted(light)
    if len(light) > 8 * limit:
        first = heapq.nsmallest(limit, light)
    else:
        first = sorted(light)[:limit]
    bound = first[-1][:2]
    taken = {k[2] for k in first if k[:2] == bound}
    first += [k for k in light if k[:2] == bound and k[2] not in taken]
    first.sort()
    return first


def _best(expansions: list[dict[str, float]]) -> dict[str, float]:
    """Each table spelling's best similarity to any query part (read only: one part's
    is its memoized expansion itself)."""
    if len(expansions) == 1:
        return expansions[0]
    # the first part's values as they are (every value of an expansion is above 0)
    best = dict(expansions[0])
    get = best.get
    for sims in islice(expansions, 1, None):
        for spelling, value in sims.items():
            if value > get(spelling, 0.0):
                best[spelling] = value
    return best


def _first_arrays(totals: Any, lengths: Any, rows: Any, limit: int) -> list[tuple[float, int, int]]:
    """What :func:`_first` gives for the keys (-total, length, alias) of numpy arrays: the
    ``limit`` smallest and every other that ties with the last on (total, length), sorted;
    chosen over the arrays (a partition, not a sort), so that only those become tuples."""
    n = len(rows)
    if n > limit:
        import numpy as np

        # the limit-th key on (-total, length): its total is the limit-th largest, its
        # length the one that many places into the lengths of that total
        bound = np.partition(totals, n - limit)[n - limit]
        above = totals > bound
        tied = totals == bound
        need = limit - int(np.count_nonzero(above))
        longest = np.partition(lengths[tied], need - 1)[need - 1]
        chosen = above | (tied & (lengths <= longest))
        totals, lengths, rows = totals[chosen], lengths[chosen], rows[chosen]
    return sorted(zip((-totals).tolist(), lengths.tolist(), rows.tolist()))


class _Rest(Sequence[tuple[float, int, int]]):
    """The pruned candidates of a ranking made with numpy, as (total, number of spellings,
    alias), kept as arrays: they become tuples only when asked for (rarely: when every
    ranked candidate falls short)."""

    __slots__ = ("_totals", "_lengths", "_rows")

    def __init__(self, totals: Any, lengths: Any, rows: Any) -> None:
        self._totals, self._lengths, self._rows = totals, lengths, rows

    def arrays(self) -> tuple[Any, Any, Any]:
        """The totals, numbers of spellings and aliases."""
        return self._totals, self._lengths, self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i: Any) -> Any:
        return list(self)[i]

    def __iter__(self) -> Iterator[tuple[float, int, int]]:
        return zip(self._totals.tolist(), self._lengths.tolist(), self._rows.tolist())


class _Below(Sequence[tuple[float, int, int]]):
    """The pruned candidates of a ranking made in Python, as (total, number of spellings,
    alias), those of a total below ``floor``: made only when asked for (rarely: when every
    ranked candidate falls short)."""

    __slots__ = ("_sums", "_lengths", "_aliases", "_floor", "_n")

    def __init__(self, sums: list[float], lengths: list[int], aliases: list[int],
                 floor: float, n: int) -> None:
        self._sums, self._lengths, self._aliases = sums, lengths, aliases
        self._floor, self._n = floor, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        return list(self)[i]

    def __iter__(self) -> Iterator[tuple[float, int, int]]:
        floor = self._floor
        return (t for t in zip(self._sums, self._lengths, self._aliases) if t[0] < floor)


def _ints(found: Any) -> list[int]:
    """A set or numpy array of alias numbers as a list of ints."""
    tolist = getattr(found, "tolist", None)
    return tolist() if tolist is not None else list(found)


def _union(hits: Any, found: set[int]) -> Any:
    """The sorted distinct alias numbers of a numpy array and a set (sorted, then each
    number that differs from the one before: cheaper than ``np.unique`` at these sizes)."""
    import numpy as np

    if found:
        hits = np.concatenate((hits, np.fromiter(found, dtype=np.int64, count=len(found))))
    if len(hits) < 2:
        return hits
    hits.sort()
    new = np.empty(len(hits), dtype=bool)
    new[0] = True
    np.not_equal(hits[1:], hits[:-1], out=new[1:])
    return hits[new]


def is_abbreviation(index: Index, aidx: int) -> bool:
    """The alias is listed as an abbreviation (``kind: abbreviation``). Its writing is no
    guide: the UN list writes every name in capitals (FAIZ is a name, not an acronym)."""
    return index.a_kind[aidx] == "abbreviation"
