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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .index import Index, as_seq, csr_sums, get, part_keys
from .keys import coarse_keys, fold, skeleton
from .parts import ParsedName, Part, regroup, split_digraphs
from .score import (
    NEAR,
    NEAR_SCORE,
    TOKEN_MIN,
    NameScore,
    part_sim,
    score_names,
    short_alias_cap,
    single_word_cap,
)

__all__ = ["FALLBACK_BELOW", "Candidate", "Finder", "Trace"]

#: a name whose best score is below this is also scored against the candidates that ranking
#: pruned, and read with one word written apart or together otherwise (Gholamali / Gholam
#: Ali); such a reading scores a little less
FALLBACK_BELOW = 0.9
SCORE_REGROUPED = 0.98
_MEMO_SIZE = 200_000
#: a ranking of at least this many aliases sums their spellings with numpy, when it is
#: installed (below, the Python loop is faster); the sums are the same either way
VECTOR_MIN = 320
#: the near misses of a name that found nothing good are looked for among the aliases of its
#: family name when at most this many have it (a commoner family name says too little)
NEAR_FAMILY = 50
#: a compiled index of at least this many names prepares its arrays for ranking at load
PREPARE_MAPPED = 100_000


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
        self._spelling_csr: tuple[dict[str, int], Any, Any] | None = None
        self._numpy = True
        if getattr(index, "mapped", False) and len(index.a_entity) >= PREPARE_MAPPED:
            # a large compiled index: its arrays are the file's, so preparing them costs
            # only numpy's import and the spelling numbers, paid once at load (about 0.3 s
            # at a million names) rather than by whichever query first ranks many aliases
            self._csr()

    def _csr(self) -> tuple[dict[str, int], Any, Any] | None:
        """The index's spellings as numpy arrays (built on first use), or None without numpy."""
        if self._spelling_csr is None and self._numpy:
            try:
                self._spelling_csr = self.index.spelling_csr()
            except ImportError:
                self._numpy = False
        return self._spelling_csr

    def similar_parts(self, part: Part) -> dict[str, float]:
        """The table parts ``part`` may be, with their similarity (memoized per spelling)."""
        memo_key = (part.prefix, part.core)
        cached = self._sim_memo.get(memo_key)
        if cached is not None:
            return cached
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
        if len(self._sim_memo) >= _MEMO_SIZE:
            self._sim_memo.clear()  # crude but bounded; the hot spellings come back at once
        self._sim_memo[memo_key] = sims
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

    def blocking(self, query: ParsedName, expansions: list[dict[str, float]]) -> set[int]:
        """Aliases that may match: looked up under the table spellings each query part may
        be (see :meth:`aliasres.index.Index._index_alias`), pair by pair."""
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
            (i, keys)
            for i, keys in enumerate(blocks)
            if keys and (query.parts[i].prefix or query.parts[i].core not in generic)
        ]
        # the alias's family name matches the query's first or last significant part (the
        # scoring rules allow extra names only between given and family name, or a family
        # name written first), so only those two stand on the family side of a pair
        ends = {useful[0][0], useful[-1][0]} if useful else set()
        lookups = []
        for i, first in useful:
            others: set[str] = set()
            for j, last in useful:
                if i != j and j in ends:
                    others.update(last)
            lookups.append((first, others))
        if len(useful) >= 3:
            # the family name written last where the table has it first (Fezzaa Hishan
            # GHAZY for Ghazy Fezzaa Hishan): the table's first and last are the query's
            # last and the one before it
            lookups.append((useful[-1][1], set(useful[-2][1])))
            # the first names of a nasab chain (see Index._index_alias)
            lookups.append((useful[0][1], set(useful[1][1])))
        pair_postings = index.pair_postings
        for first, others in lookups:
            for posting in pair_postings(first, others):
                found.update(posting)
        return found

    def rank(
        self, found: set[int], expansions: list[dict[str, float]], *, prune: bool
    ) -> tuple[list[int], list[tuple[float, int, int]]]:
        """The candidates worth scoring, best first, and those pruned as (total, number of
        spellings, alias), in no order (see :meth:`pruned`: they are ranked only when the
        first ones all fall short).

        Each alias is ranked by how much of the query it holds (the sum of its parts' best
        similarity to any query part), then shorter aliases first, then by name (never by
        load order). An alias that holds at least one whole part less than the best is
        pruned: it cannot come within the margin of the best, unless the best is rejected.
        At most ``max_candidates`` are scored, plus any that tie with the last one.
        """
        if len(found) <= 1:
            return list(found), []
        best: dict[str, float] = {}
        for sims in expansions:
            for spelling, value in sims.items():
                if value > best.get(spelling, 0.0):
                    best[spelling] = value
        aliases = list(found)
        # the same alias always sums its parts in the same order: no load-order effects
        csr = self._csr() if len(aliases) >= VECTOR_MIN else None
        if csr is not None:
            ids, off, val = csr
            by_id = {ids[s]: v for s, v in best.items() if s in ids}
            sums, lengths = csr_sums(by_id, off, val, aliases)
        else:
            sums, lengths = self.index.rank_sums(aliases, best)
        totals = list(zip(sums, lengths, aliases))
        pruned: list[tuple[float, int, int]] = []
        if prune:
            floor = max(sums) - 0.9
            pruned = [t for t in totals if t[0] < floor]
            totals = [t for t in totals if t[0] >= floor]
        # ordered by (-total, length, name, alias); the names are read (decoded, from a
        # compiled index) only for the first ``limit`` and those that tie with the last
        limit = 4 * self.max_candidates
        light = _first([(-total, n, aidx) for total, n, aidx in totals], limit)
        keyed = self._by_name(light)[:limit]
        cut = min(self.max_candidates, len(keyed))
        while cut < len(keyed) and keyed[cut][:2] == keyed[cut - 1][:2]:
            cut += 1  # aliases that tie at the cut stay together: no load-order effects
        return [k[2] for k in keyed[:cut]], pruned

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

    def pruned(self, pruned: list[tuple[float, int, int]]) -> list[int]:
        """The best ``max_candidates`` of the pruned candidates, in ranking order."""
        light = _first([(-total, n, aidx) for total, n, aidx in pruned], self.max_candidates)
        return [k[2] for k in self._by_name(light)[: self.max_candidates]]

    def fuzzy(self, query: ParsedName, type: str | None, trace: Trace | None) -> list[Candidate]:
        """The scored candidates of a parsed name (those scoring above 0)."""
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
            shown_only -= found
            found |= shown_only
        a_parsed, alias_type = index.a_parsed, index.alias_type
        ranked, pruned = self.rank(found, expansions, prune=trace is None)

        def sim(i: int, qp: Part, ap: Part) -> float:
            return expansions[i].get(ap.spelling, 0.0)

        out: list[Candidate] = []
        detail = trace is not None

        def score(batch: list[int]) -> float:
            top = 0.0
            for aidx in batch:
                etype = alias_type(aidx)
                if type is not None and etype != type:
                    continue
                alias = a_parsed[aidx]
                result = score_names(
                    query, alias, etype, index.lex, sim, detail=detail, expansions=expansions
                )
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
                out.extend(self._near_misses(query, expansions, found - shown_only, sim))
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
        for aidx in sorted(seen - found):
            # cheap tests first: one odd part on each side (as many parts, all but one among
            # the expansions) or the first given name dropped (one part more, the others in)
            spellings = a_spellings[aidx]
            if not n <= len(spellings) <= n + 1 or alias_type(aidx) != "person":
                continue
            known = sum(1 for sp in spellings if any(sp in sims for sims in expansions))
            if known != len(spellings) - 1:
                continue
            result = score_names(
                query, a_parsed[aidx], "person", index.lex, sim, detail=False,
                expansions=expansions,
            )
            if result.method == NEAR:
                out.append(Candidate(aidx, result))
        return out

    def regrouped(
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


def is_abbreviation(index: Index, aidx: int) -> bool:
    """The alias is listed as an abbreviation (``kind: abbreviation``). Its writing is no
    guide: the UN list writes every name in capitals (FAIZ is a name, not an acronym)."""
    return index.a_kind[aidx] == "abbreviation"
