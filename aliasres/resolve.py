"""The resolver: exact lookup -> key lookup -> blocking -> scoring -> threshold and ambiguity.

A :class:`Resolver` indexes its tables once. ``resolve(name)`` then:

1. looks the name up as written (case-folded) and normalized: a hit there is final;
2. looks up the sequence of its parts' spelling keys (titles stripped, Qaddafi = Kadhafi);
3. otherwise expands each part of the name into the table parts it may be (same fold, same
   consonant key or one consonant apart, same given-name group, a known Latin spelling of an
   Arabic token), gathers the aliases that contain them, and scores the best of those;
4. returns the best entity if its score reaches ``threshold`` and no other entity comes within
   ``margin`` of it; otherwise ``None`` (:meth:`Resolver.candidates` shows why).
"""

from __future__ import annotations

import heapq
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from array import array
from itertools import repeat
from typing import TYPE_CHECKING, Any

from .errors import AliasresError
from .acronyms import without_acronym
from .keys import coarse_keys, deletions, fold, skeleton
from .normalize import has_arabic, normalize
from .parts import Lexicon, ParsedName, Part, lexicon, parse, regroup, split_digraphs
from .score import (
    WELL_OBSERVED,
    TOKEN_MIN,
    WEAK_SINGLE,
    NameScore,
    _distinctive,
    _generic,
    part_sim,
    score_names,
)
from .types import ENTITY_TYPES, Alias, Entity, Match, Mention

if TYPE_CHECKING:
    from .tables import Table

__all__ = ["DEFAULT_MARGIN", "DEFAULT_THRESHOLD", "MAX_QUERY_LENGTH", "Resolver"]

#: Names longer than this (in characters, as given or once normalized) are not matched:
#: resolve() returns None.
MAX_QUERY_LENGTH = 1000
#: A name with more parts than this is matched only exactly or once normalized, never
#: approximately (no real name has so many; the cost of scoring grows with the square).
MAX_QUERY_PARTS = 30
DEFAULT_THRESHOLD = 0.85
DEFAULT_MARGIN = 0.05
_SCORE_EXACT = 1.0
_SCORE_NORMALIZED = 0.99
_SCORE_KEY = 0.97
_SCORE_EPITHET = 0.5
#: a hit on a weak alias (a low-quality a.k.a.) is worth less than on a strong one
_SCORE_WEAK = 0.85
_WEAK, _EPITHET = 1, 2
_MEMO_SIZE = 200_000
#: a name whose best score is below this is also scored against the candidates that ranking
#: pruned, and read with one word written apart or together otherwise (Gholamali / Gholam
#: Ali); such a reading scores a little less
_FALLBACK_BELOW = 0.9
_SCORE_REGROUPED = 0.98
_PAREN = re.compile(r"\(([^()]*)\)")
_SPACES = re.compile(r"\s+")


def _exact_form(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


@dataclass(slots=True)
class _Candidate:
    alias: int
    result: NameScore


@dataclass(slots=True)
class _Trace:
    """What a lookup did, for explain()."""

    variants: list[str] = field(default_factory=list)
    stage: str = ""
    expansions: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    scored: list[tuple[int, NameScore]] = field(default_factory=list)


class Resolver:
    """Resolves names against a set of alias tables.

    Build one with :meth:`from_yaml` (files, directories, the bundled tables) or from
    :class:`~aliasres.types.Entity` objects. A resolver is immutable once built and safe to
    share between threads.

    Args:
        entities: the entities to index.
        reject: names that must never resolve (matched once normalized).
        threshold: the lowest score :meth:`resolve` accepts (0..1).
        margin: when another entity scores within ``margin`` of the best, the name is
            ambiguous and :meth:`resolve` returns ``None``.
        max_candidates: how many aliases are scored at most per name (best blocking hits first).
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        reject: Iterable[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        max_candidates: int = 40,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
        if not 0.0 <= margin < 1.0:
            raise ValueError(f"margin must be in [0, 1), not {margin!r}")
        if max_candidates < 1:
            raise ValueError("max_candidates must be at least 1")
        self.threshold = threshold
        self.margin = margin
        self.max_candidates = max_candidates
        self._lex: Lexicon = lexicon()
        self._entities: list[Entity] = []
        self._entity_index: dict[str, int] = {}
        self._reject = frozenset(normalize(r) for r in reject)
        # alias records, parallel lists
        self._a_entity = array("i")
        self._a_name: list[str] = []
        self._a_kind: list[str] = []
        self._a_flags = bytearray()
        self._a_parsed: list[ParsedName] = []
        self._a_spellings: list[tuple[str, ...]] = []
        self._a_unique = bytearray()  # 1: no other alias has the same normalized form
        self._raw: dict[str, int] = {}  # a name as the table writes it, for the fast path
        # lookups
        # postings: an alias index, or a list of them when several aliases share the key
        self._exact: dict[str, Posting] = {}
        self._normal: dict[str, Posting] = {}
        self._keyed: dict[tuple[str, ...], Posting] = {}
        self._pairs: dict[str, dict[str, Posting]] = {}
        self._last: dict[str, Posting] = {}
        self._last_article: dict[str, Posting] = {}
        self._single: dict[str, Posting] = {}
        self._parts: dict[str, Part] = {}
        self._by_fold: dict[str, list[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_group: dict[str, list[str]] = {}
        self._sim_memo: dict[tuple[str, str], dict[str, float]] = {}
        lex = self._lex
        self._generic_words = lex.stopwords | lex.org_designators | lex.place_designators
        for entity in entities:
            self._add(entity)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_yaml(
        cls,
        *paths: str | os.PathLike[str],
        bundled: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        max_candidates: int = 40,
    ) -> Resolver:
        """Build a resolver from table files or directories of tables.

        The bundled tables are included unless ``bundled=False``. Ids must be unique across
        every table loaded.

        Raises:
            AliasTableError: a table is unreadable or invalid (the message names file and line).
        """
        from .tables import load_tables

        tables = load_tables(paths, bundled=bundled)
        return cls.from_tables(
            tables, threshold=threshold, margin=margin, max_candidates=max_candidates
        )

    @classmethod
    def from_tables(cls, tables: Sequence[Table], **options: float) -> Resolver:
        """Build a resolver from already loaded :class:`~aliasres.tables.Table` objects."""
        from .tables import apply_extensions

        tables = apply_extensions(tables)
        entities = [e for t in tables for e in t.entities]
        reject = [r for t in tables for r in t.reject]
        return cls(entities, reject=reject, **options)  # type: ignore[arg-type]

    def _add(self, entity: Entity) -> None:
        if not isinstance(entity, Entity):
            raise TypeError(f"entities must be aliasres.Entity objects, not {_type_name(entity)}")
        if entity.id in self._entity_index:
            raise AliasresError(f"duplicate entity id {entity.id!r}")
        if entity.type not in ENTITY_TYPES:
            raise AliasresError(f"entity {entity.id!r}: unknown type {entity.type!r}")
        eidx = len(self._entities)
        self._entities.append(entity)
        self._entity_index[entity.id] = eidx
        names = list(entity.names())
        # "BUTEMBO AIRLINES (BAL)" also stands for "BUTEMBO AIRLINES" (a query with the
        # acronym is read both ways too, see _variants)
        names += [replace(a, name=bare) for a in names if (bare := without_acronym(a.name))]
        for normal, alias in strongest_listings(names).items():
            # a shared alias needs no flag: two entities listing it make it ambiguous
            flags = (_WEAK if alias.weak else 0) | (_EPITHET if alias.kind == "epithet" else 0)
            aidx = len(self._a_entity)
            parsed = parse.__wrapped__(alias.name)
            parsed = ParsedName(  # the normalized text is the same string as the key above
                normal, tuple(self._intern(p) for p in parsed.parts), parsed.head, parsed.titles
            )
            self._a_entity.append(eidx)
            self._a_name.append(alias.name)
            self._a_kind.append(alias.kind)
            self._a_flags.append(flags)
            self._a_parsed.append(parsed)
            # each spelling once: a name that repeats one (Ibrahim Sabawi Ibrahim) holds no more
            # of a query for it when candidates are ranked
            self._a_spellings.append(tuple(dict.fromkeys(p.spelling for p in parsed.parts)))
            _put(self._exact, _exact_form(alias.name), aidx)
            shared = self._normal.get(normal)
            self._a_unique.append(shared is None)
            if isinstance(shared, int):
                self._a_unique[shared] = 0
            _put(self._normal, normal, aidx)
            self._raw.setdefault(alias.name, aidx)
            if flags & (_WEAK | _EPITHET):
                continue
            if parsed.parts:
                _put(self._keyed, tuple(p.ident for p in parsed.parts), aidx)
                self._index_alias(aidx, parsed, entity.type)

    def _index_alias(self, aidx: int, parsed: ParsedName, etype: str) -> None:
        """Blocking entries of an alias, by the coarse keys of its significant parts.

        A match always covers the alias's last significant part (its family name), and its
        first one or its given name too, unless the query is a family name alone. So an alias
        is found under the spellings of (first, last) and (given name, last), under its last
        part for one-word queries, or under its only part. A query looks these up with the
        table spellings each of its parts may be.
        """
        parts = [p for p in parsed.parts if not _generic(self._lex, p, etype)] or list(parsed.parts)
        last = parts[-1].spelling
        if len(parts) == 1:
            _put(self._single, last, aidx)
            return
        firsts = {parts[0].spelling}
        if 0 <= parsed.head < len(parsed.parts) - 1:
            firsts.add(parsed.parts[parsed.head].spelling)
            if parsed.parts[parsed.head].groups & self._lex.optional_first:
                # Javad Zarif finds Mohammad Javad Zarif (see score._skip_optional_first)
                after = parsed.parts[parsed.head + 1]
                if parsed.head + 2 < len(parsed.parts) and not (
                    after.nasab or after.prefix or after.article
                ):
                    firsts.add(after.spelling)
        for first in firsts:
            _put(self._pairs.setdefault(first, {}), last, aidx)
        # one-word queries: a given name alone only finds a family name written with the
        # article (Assad ~ al-Assad), other words any family name (see score.py)
        _put(self._last, last, aidx)
        if parts[-1].article:
            _put(self._last_article, last, aidx)

    def _intern(self, part: Part) -> Part:
        known = self._parts.get(part.spelling)
        if known is None:
            self._parts[part.spelling] = part
            self._index_part(part)
            return part
        if known == part:
            return known
        return part  # same spelling, other flags (article, nasab): keep its own flags

    def _index_part(self, part: Part) -> None:
        spelling = part.spelling
        for f in {part.fold, part.alt, *part.latin} - {""}:
            self._by_fold.setdefault(f"{part.prefix}:{f}", []).append(spelling)
        for key in self._keys(part):
            self._by_key.setdefault(key, []).append(spelling)
        for group in part.groups:
            self._by_group.setdefault(group, []).append(spelling)

    @staticmethod
    def _keys(part: Part) -> set[str]:
        """Blocking keys: the coarse skeletons, and one class shorter for the longer ones."""
        prefix = f"{part.prefix}:" if part.prefix else ""
        keys: set[str] = set()
        for skel in (*part.skels, part.split_skel) if part.split_skel else part.skels:
            for bare in coarse_keys(skel):
                keys.add(prefix + bare)
                if len(bare) >= 4:  # a missing consonant: only in longer names
                    keys.update(prefix + d for d in deletions(bare))
        if len(part.phonetic) >= 3:
            keys.add(f"{prefix}~{part.phonetic}")
        return keys

    def __getstate__(self) -> dict[str, object]:
        state = {k: getattr(self, k) for k in self.__dict__}
        state["_sim_memo"] = {}  # a per-process memo, not worth storing
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    # ------------------------------------------------------------------ properties
    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every indexed entity, in load order."""
        return tuple(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __repr__(self) -> str:
        return f"<Resolver {len(self._entities)} entities, {len(self._a_entity)} names>"

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        index = self._entity_index.get(entity_id)
        return None if index is None else self._entities[index]

    # ------------------------------------------------------------------ matching
    def _match(self, aidx: int, score: float, method: str) -> Match:
        entity = self._entities[self._a_entity[aidx]]
        return Match(
            entity.id,
            entity.name,
            entity.type,
            round(score, 4),
            self._a_name[aidx],
            method,
            self._a_kind[aidx],
        )

    def _allowed(self, aidx: int, type: str | None) -> bool:
        return type is None or self._entities[self._a_entity[aidx]].type == type

    def _similar_parts(self, part: Part) -> dict[str, float]:
        """The table parts ``part`` may be, with their similarity (memoized per spelling)."""
        memo_key = (part.prefix, part.core)
        cached = self._sim_memo.get(memo_key)
        if cached is not None:
            return cached
        prefix = f"{part.prefix}:"
        idents: set[str] = set()
        for f in {part.fold, part.alt, *part.latin} - {""}:
            idents.update(self._by_fold.get(prefix + f, ()))
        for key in self._keys(part):
            idents.update(self._by_key.get(key, ()))
        for group in part.groups:
            idents.update(self._by_group.get(group, ()))
        sims: dict[str, float] = {}
        parts = self._parts
        for spelling in idents:
            s = part_sim(part, parts[spelling])
            if s >= TOKEN_MIN:
                sims[spelling] = s
        if len(self._sim_memo) >= _MEMO_SIZE:
            self._sim_memo.clear()  # crude but bounded; the hot spellings come back at once
        self._sim_memo[memo_key] = sims
        return sims

    def _blocking(self, query: ParsedName, expansions: list[dict[str, float]]) -> set[int]:
        """Aliases that may match: looked up under the table spellings each query part may
        be (see :meth:`_index_alias`), pair by pair."""
        blocks = [sims.keys() for sims in expansions]
        found: set[int] = set()
        single, pairs = self._single, self._pairs
        for keys in blocks:
            for key in keys:
                hit = single.get(key)
                if hit is not None:
                    found.update(_as_seq(hit))
        if len(blocks) == 1:
            part = query.parts[0]
            families = self._last if part.article or not part.groups else self._last_article
            for key in blocks[0]:
                found.update(_get(families, key))
            return found
        generic = self._generic_words
        useful = [
            (i, keys)
            for i, keys in enumerate(blocks)
            if keys and (query.parts[i].prefix or query.parts[i].core not in generic)
        ]
        # the alias's family name matches the query's first or last significant part (the
        # scoring rules allow extra names only between given and family name, or a family
        # name written first), so only those two stand on the family side of a pair
        ends = {useful[0][0], useful[-1][0]} if useful else set()
        for i, first in useful:
            others: set[str] = set()
            for j, last in useful:
                if i != j and j in ends:
                    others.update(last)
            for a in first:
                inner = pairs.get(a)
                if inner is not None:
                    for b in inner.keys() & others:
                        found.update(_as_seq(inner[b]))
        return found

    def _rank(
        self, found: set[int], expansions: list[dict[str, float]], *, prune: bool
    ) -> tuple[list[int], list[tuple[float, int]]]:
        """The candidates worth scoring, best first, and those pruned as (total, alias), in
        no order (see :meth:`_pruned`: they are ranked only when the first ones all fall
        short).

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
        get = best.get
        spellings, names = self._a_spellings, self._a_name
        # the same alias always sums its parts in the same order: no load-order effects
        zeros = repeat(0.0)
        totals = [(sum(map(get, spellings[aidx], zeros)), aidx) for aidx in found]
        pruned: list[tuple[float, int]] = []
        if prune:
            floor = max(totals)[0] - 0.9
            pruned = [t for t in totals if t[0] < floor]
            totals = [t for t in totals if t[0] >= floor]
        keyed = [(-total, len(spellings[aidx]), names[aidx], aidx) for total, aidx in totals]
        if len(keyed) > 4 * self.max_candidates:
            keyed = heapq.nsmallest(4 * self.max_candidates, keyed)
        else:
            keyed.sort()
        cut = min(self.max_candidates, len(keyed))
        limit = min(len(keyed), 4 * self.max_candidates)
        while cut < limit and keyed[cut][:2] == keyed[cut - 1][:2]:
            cut += 1  # aliases that tie at the cut stay together: no load-order effects
        return [k[3] for k in keyed[:cut]], pruned

    def _pruned(self, pruned: list[tuple[float, int]]) -> list[int]:
        """The best ``max_candidates`` of the pruned candidates, in ranking order."""
        spellings, names = self._a_spellings, self._a_name
        keyed = heapq.nsmallest(
            self.max_candidates,
            ((-total, len(spellings[aidx]), names[aidx], aidx) for total, aidx in pruned),
        )
        return [k[3] for k in keyed]

    def _fuzzy(self, query: ParsedName, type: str | None, trace: _Trace | None) -> list[_Candidate]:
        if not query.parts:
            return []
        expansions = [self._similar_parts(part) for part in query.parts]
        if trace is not None:
            for part, sims in zip(query.parts, expansions):
                best = sorted(sims.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
                trace.expansions[part.label()] = best
        found = self._blocking(query, expansions)
        shown_only: set[int] = set()
        if trace is not None:
            # explain() also shows the near misses (aliases with the same family name), but
            # they take no part in the decision, which stays the one resolve() makes
            for sims in expansions:
                for spelling in sims:
                    shown_only.update(_get(self._last, spelling)[:50])
            shown_only -= found
            found |= shown_only
        a_parsed = self._a_parsed
        ranked, pruned = self._rank(found, expansions, prune=trace is None)

        def sim(i: int, qp: Part, ap: Part) -> float:
            return expansions[i].get(ap.spelling, 0.0)

        out: list[_Candidate] = []
        detail = trace is not None

        def score(batch: list[int]) -> float:
            top = 0.0
            for aidx in batch:
                if not self._allowed(aidx, type):
                    continue
                etype = self._entities[self._a_entity[aidx]].type
                alias = a_parsed[aidx]
                result = score_names(query, alias, etype, self._lex, sim, detail=detail)
                if (
                    result.score > WEAK_SINGLE
                    and len(alias.parts) == 1
                    and len(query.parts) == 1
                    and (
                        (
                            not _distinctive(alias.parts[0])
                            and (
                                self._a_kind[aidx] != "canonical"
                                or alias.parts[0].observed >= WELL_OBSERVED
                            )
                        )
                        or query.titles != alias.titles
                    )
                ):
                    # a bare kunya or common given name listed as an alias, spelled otherwise:
                    # not enough (Abou Salman is no proof of Abu Salman); an entity *named* by
                    # a rare kunya (Abu Nidal) is another matter, one named by a common name
                    # (Abdur Rehman) is not. Nor is one word under other titles (Haji Sahib,
                    # Shaykh Sahib; Haji Hidayatullah, Hidayatullah)
                    result = replace(result, score=WEAK_SINGLE)
                if trace is not None:
                    trace.scored.append((aidx, result))
                if result.score > 0 and aidx not in shown_only:
                    out.append(_Candidate(aidx, result))
                    top = max(top, result.score)
            return top

        if score(ranked) < _FALLBACK_BELOW and pruned:
            score(self._pruned(pruned))  # only when every ranked candidate fell short
        return out

    def _variants(self, name: str) -> list[str]:
        """The name, and for "Name (ACRONYM)" also each half (only for a final parenthesis:
        in "Guard Corps (IRGC)-Qods Force" the acronym names a different, larger body)."""
        variants = [name]
        if "(" in name:
            outside = _PAREN.sub(" ", name).strip()
            if outside and normalize(outside):
                variants.append(outside)
            if name.rstrip().endswith(")"):
                variants.extend(m.strip() for m in _PAREN.findall(name) if normalize(m))
        return variants

    def _lookup(self, name: str, type: str | None, trace: _Trace | None) -> dict[int, Match]:
        """Best match per entity index."""
        if not isinstance(name, str):
            raise TypeError(f"name must be str, not {_type_name(name)}")
        if type is not None and type not in ENTITY_TYPES:
            raise ValueError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {type!r}")
        best: dict[int, Match] = {}

        def offer(aidx: int, score: float, method: str) -> None:
            if not self._allowed(aidx, type):
                return
            eidx = self._a_entity[aidx]
            if self._a_flags[aidx] & _EPITHET:
                score, method = min(score, _SCORE_EPITHET), "epithet"
            elif self._a_flags[aidx] & _WEAK:
                score = min(score, _SCORE_WEAK)
            current = best.get(eidx)
            if (
                current is None
                or score > current.score
                or (score == current.score and _tie_key(self._a_kind[aidx], self._a_name[aidx])
                    < _tie_key(current.kind, current.alias))
            ):  # ties go to the canonical name, then the smaller alias: never to load order
                best[eidx] = self._match(aidx, score, method)

        if len(name) > MAX_QUERY_LENGTH:
            return best
        for variant in self._variants(name):
            if trace is not None:
                trace.variants.append(variant)
            found = False
            for aidx in _get(self._exact, _exact_form(variant)):
                offer(aidx, _SCORE_EXACT, "exact")
                found = True
            normal = normalize(variant)
            for aidx in _get(self._normal, normal):
                offer(aidx, _SCORE_NORMALIZED, "normalized")
                found = True
            if found and any(m.method != "epithet" for m in best.values()):
                if trace is not None:
                    trace.stage = trace.stage or "exact"
                continue
            if len(normal) > MAX_QUERY_LENGTH:
                if trace is not None:
                    trace.stage = trace.stage or "too many parts"
                continue
            query = parse(variant)
            if len(query.parts) > MAX_QUERY_PARTS:
                # no name has that many parts (an NFKC ligature can also expand 18 times):
                # only the exact and normalized lookups above apply
                if trace is not None:
                    trace.stage = trace.stage or "too many parts"
                continue
            keyed = None
            if len(query.parts) > 1 and all(len(p.fold) > 3 or p.groups for p in query.parts):
                # one word is scored instead: a bare kunya or given name needs more care
                keyed = _get(self._keyed, tuple(p.ident for p in query.parts))
            if keyed:
                for aidx in keyed:
                    offer(aidx, _SCORE_KEY, "key")
                if trace is not None:
                    trace.stage = trace.stage or "key"
                continue
            if trace is not None:
                trace.stage = trace.stage or "scored"
            scored = self._fuzzy(query, type, trace)
            for cand in scored:
                offer(cand.alias, cand.result.score, cand.result.method)
            if max((c.result.score for c in scored), default=0.0) < _FALLBACK_BELOW:
                for other, changed in regroup(
                    self._lex, query, self._known_word, self._known_joined
                ):
                    if trace is not None:
                        trace.variants.append(" ".join(p.label() for p in other.parts))
                    for cand in self._fuzzy(other, type, None):
                        matched = {i for i, _, _ in cand.result.pairs}
                        if matched.issuperset(changed):
                            score = cand.result.score * _SCORE_REGROUPED
                            offer(cand.alias, score, cand.result.method)
        return best

    def _known_word(self, text: str, arabic: bool) -> bool:
        """A half of a cut word is a table word as written, or an Arabic name token of the
        name-part tables (see :func:`aliasres.parts.regroup`). Dictionary
        lookups only: this runs for every cut of every word of a name that found nothing good."""
        by_fold = self._by_fold
        if not arabic:
            return f":{fold(text)}" in by_fold
        return (
            f":{text}" in by_fold
            or text in self._lex.groups
            or any(f":{f}" in by_fold for f in self._lex.latin_of.get(text, ()))
        )

    def _known_joined(self, text: str, arabic: bool) -> bool:
        """A joined word needs only a consonant skeleton in common with a table word
        (Qolamreza / Gholamreza, ولیجان / Walijan): scoring decides the rest."""
        by_key = self._by_key
        skels = {skeleton(text)}
        if not arabic:
            skels.add(skeleton(split_digraphs(text)))
        return any(key in by_key for skel in skels for key in coarse_keys(skel))

    def _ranked(self, best: dict[int, Match]) -> list[Match]:
        return sorted(best.values(), key=lambda m: (-m.score, m.id))

    def _decide(self, name: str, ranked: list[Match]) -> tuple[Match | None, str]:
        if not ranked:
            return None, "no candidate"
        top = ranked[0]
        if self._reject and normalize(name) in self._reject:
            return None, "the name is on a reject list"
        if top.score < self.threshold:
            return None, f"best score {top.score:.3f} is below the threshold {self.threshold}"
        if len(ranked) > 1 and ranked[1].score >= top.score - self.margin:
            return None, (
                f"ambiguous: {top.id} ({top.score:.3f}) and {ranked[1].id} ({ranked[1].score:.3f})"
            )
        return top, f"resolved to {top.id}"

    def resolve(self, name: str, *, type: str | None = None) -> Match | None:
        """The entity ``name`` refers to, or ``None`` when nothing is close enough or the
        name is ambiguous (two entities about equally close).

        Args:
            name: any string; names longer than ``MAX_QUERY_LENGTH`` give ``None``.
            type: only consider entities of this type (person, organization, place, other).

        Raises:
            TypeError: ``name`` is not a string.
            ValueError: ``type`` is not a known entity type.
        """
        fast = self._raw.get(name) if type is None and not self._reject else None
        if fast is not None:
            # the name as a table writes it, and no other entity has it in any spelling: this
            # is what the full lookup below would decide, without normalizing or scoring
            if self._a_unique[fast] and "(" not in name:
                flags = self._a_flags[fast]
                if not flags & _EPITHET:
                    score = _SCORE_WEAK if flags & _WEAK else _SCORE_EXACT
                    if score >= self.threshold:
                        return self._match(fast, score, "exact")
        ranked = self._ranked(self._lookup(name, type, None))
        return self._decide(name, ranked)[0]

    def candidates(self, name: str, *, limit: int = 5, type: str | None = None) -> list[Match]:
        """The best matches for ``name``, best first (one per entity, ties by id)."""
        if limit < 0:
            raise ValueError("limit must be >= 0")
        return self._ranked(self._lookup(name, type, None))[:limit]

    def resolve_many(self, names: Iterable[str], *, type: str | None = None) -> list[Match | None]:
        """``[resolve(n) for n in names]``, resolving each distinct name once.

        Raises:
            TypeError: ``names`` is a single string (pass a list of names).
        """
        if isinstance(names, str):
            raise TypeError("resolve_many() takes an iterable of names, not a str")
        cache: dict[str, Match | None] = {}
        out: list[Match | None] = []
        for name in names:
            if name not in cache:
                cache[name] = self.resolve(name, type=type)
            out.append(cache[name])
        return out

    def resolve_document(
        self, names: Iterable[str], *, type: str | None = None, context: Iterable[str] = ()
    ) -> list[Match | None]:
        """The mentions of one document, resolved together: a short or ambiguous mention
        takes the entity the document names unambiguously (see :mod:`aliasres.document`)."""
        from .document import resolve_document

        return resolve_document(self, names, type=type, context=context)

    def scan(self, text: str, *, type: str | None = None) -> list[Mention]:
        """The mentions of this resolver's entities in running ``text``, with character
        offsets, linked with document context (see :mod:`aliasres.scanner`)."""
        from .scanner import scan

        return scan(self, text, type=type)

    def explain(self, name: str, *, type: str | None = None) -> str:
        """A readable trace of how ``name`` was matched: forms, parts, keys, candidates."""
        trace = _Trace()
        best = self._lookup(name, type, trace)
        ranked = self._ranked(best)
        decision, why = self._decide(name, ranked)
        parsed = (
            parse(name)
            if isinstance(name, str) and len(name) <= MAX_QUERY_LENGTH
            and len(normalize(name)) <= MAX_QUERY_LENGTH
            else None
        )
        shown = name if len(name) <= 200 else f"{name[:200]}... ({len(name)} characters)"
        lines = [f"name:        {shown!r}", f"normalized:  {normalize(shown)!r}"]
        if has_arabic(name):
            from .translit import transliterate

            lines.append(f"translit:    {transliterate(name)!r}")
        if parsed is not None:
            if parsed.titles:
                lines.append(f"titles:      {' '.join(parsed.titles)}")
            lines.append("parts:")
            for i, p in enumerate(parsed.parts):
                role = (
                    "given name"
                    if i == parsed.head
                    else (
                        "kunya"
                        if p.prefix in ("abu", "umm")
                        else "family/nisba"
                        if p.article
                        else "patronym"
                        if p.nasab
                        else "name"
                    )
                )
                groups = f" groups={sorted(p.groups)[:3]}" if p.groups else ""
                lines.append(
                    f"  {p.label():<22} {role:<12} fold={p.fold} skeleton={p.skel} key={p.key}{groups}"
                )
        if len(trace.variants) > 1:
            lines.append(f"variants:    {trace.variants}")
        lines.append(f"stage:       {trace.stage or 'none'}")
        for label, sims in trace.expansions.items():
            shown = ", ".join(f"{ident} {s:.2f}" for ident, s in sims) or "(nothing in the tables)"
            lines.append(f"  {label} ~ {shown}")
        lines.append("candidates:")
        for m in ranked[:10]:
            lines.append(f"  {m.score:.3f} {m.method:<12} {m.id}  via {m.alias!r}")
        rejected = [(a, r) for a, r in trace.scored if r.score == 0]
        if rejected:
            lines.append("rejected:")
            for aidx, r in rejected[:10]:
                eid = self._entities[self._a_entity[aidx]].id
                lines.append(f"  {eid} via {self._a_name[aidx]!r}: {r.reason}")
        if isinstance(name, str) and len(name) > MAX_QUERY_LENGTH:
            why = f"the name is longer than MAX_QUERY_LENGTH ({MAX_QUERY_LENGTH} characters)"
        elif trace.stage == "too many parts":
            why = f"the name has more than MAX_QUERY_PARTS ({MAX_QUERY_PARTS}) parts"
        lines.append(f"decision:    {decision.id if decision else None} ({why})")
        return "\n".join(lines)


Posting = int | list[int]


def _put(postings: dict[Any, Posting], key: Any, aidx: int) -> None:
    """Add an alias to a posting: a bare int while it is alone (most are), else a list."""
    old = postings.get(key)
    if old is None:
        postings[key] = aidx
    elif isinstance(old, int):
        postings[key] = [old, aidx]
    else:
        old.append(aidx)


def _as_seq(posting: Posting) -> Sequence[int]:
    return (posting,) if isinstance(posting, int) else posting


def _get(postings: dict[Any, Posting], key: Any) -> Sequence[int]:
    posting = postings.get(key)
    return () if posting is None else _as_seq(posting)


def _tie_key(kind: str, name: str) -> tuple[bool, str]:
    return (kind != "canonical", name)


def _strength(alias: Alias) -> int:
    if alias.kind == "canonical":
        return 3
    if alias.kind == "epithet":
        return 0
    return 1 if alias.weak else 2


def strongest_listings(names: Iterable[Alias]) -> dict[str, Alias]:
    """One listing per normalized name: when a name is listed twice the strongest counts
    (the canonical name, then a plain alias, then a weak one, then an epithet; among equals
    the first). Names with no letters or digits are left out. The index and the formatter
    both keep exactly these."""
    strongest: dict[str, Alias] = {}
    for alias in names:
        normal = normalize(alias.name)
        if normal:
            current = strongest.get(normal)
            if current is None or _strength(alias) > _strength(current):
                strongest[normal] = alias
    return strongest


def _type_name(value: object) -> str:
    return type(value).__name__


_default: Resolver | None = None
_default_lock = threading.Lock()


def _build_default() -> Resolver:
    from .cache import cached, content_key
    from .data import bundled_dir, entity_table_paths

    files = sorted((bundled_dir() / "rules").glob("*.yaml")) + entity_table_paths()
    return cached(content_key("bundled", files), Resolver.from_yaml)


def default_resolver() -> Resolver:
    """The resolver over the bundled tables, built once on first use (thread-safe).

    The compiled index is cached on disk (see :mod:`aliasres.cache`), so a new process
    loads it instead of building it.
    """
    global _default
    resolver = _default
    if resolver is None:
        with _default_lock:
            if _default is None:
                _default = _build_default()
            resolver = _default
    return resolver


def reset() -> None:
    """Forget the cached default resolver (the next call rebuilds it from the tables)."""
    global _default
    with _default_lock:
        _default = None
