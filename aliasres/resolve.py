"""The resolver: exact lookup -> key lookup -> candidates -> scoring -> decision.

A :class:`Resolver` indexes its tables once (:mod:`aliasres.index`). ``resolve(name)`` builds
the query once (:mod:`aliasres.query`), then:

1. looks the name up as written (case-folded) and normalized: a hit there is final;
2. looks up the sequence of its parts' spelling keys (titles stripped, Qaddafi = Kadhafi);
3. otherwise finds the aliases that may match and scores the best of them
   (:mod:`aliasres.candidates`, :mod:`aliasres.score`);
4. returns the best entity if its score reaches ``threshold`` and no other entity comes within
   ``margin`` of it; otherwise ``None`` (:mod:`aliasres.decide`; :meth:`Resolver.candidates`
   shows why).
"""

from __future__ import annotations

import numbers
import os
import threading
from dataclasses import fields, replace
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .calibrate import calibrate
from .candidates import FALLBACK_BELOW, Candidate, Finder, Trace
from .decide import DEFAULT_MARGIN, DEFAULT_THRESHOLD, decide, ranked, tie_key
from .demonyms import nationality_order
from .evidence import SAME_DAY, Evidence, candidate_only, weigh
from .index import COMBINED, EPITHET, SHARED, TYPED, WEAK, Index, get, strongest_listings
from .lint import is_plain_word
from .normalize import has_arabic, normalize
from .orgwords import concept_keys, concept_words, name_words
from .parts import ParsedName, parse
from .places import within_chains
from .query import MAX_QUERY_LENGTH, MAX_QUERY_PARTS, Query
from .score import (
    COMMON_PAIR,
    NEAR,
    NO_PART_MATCHES,
    OVERLAP,
    REORDERED,
    WEAK_SINGLE,
    NameScore,
    common_pair,
    part_sim,
)
from .shortforms import candidates_short, resolve_short
from .types import ENTITY_TYPES, Entity, Match, Mention

if TYPE_CHECKING:
    from .tables import Table

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_PARTS",
    "Resolver",
    "strongest_listings",
]

_SCORE_EXACT = 1.0
_SCORE_NORMALIZED = 0.99
_SCORE_KEY = 0.97
#: an epithet alias never resolves on its own
_SCORE_EPITHET = 0.5
#: a hit on a weak alias (a low-quality a.k.a.) is worth less than on a strong one
_SCORE_WEAK = 0.85
#: a weak name found by a near spelling (scored): listed among the candidates, never resolved
#: (as written, or every word of it in the other script, it keeps _SCORE_WEAK)
_WEAK_AS_WRITTEN = frozenset({"exact", "normalized", "cross-script"})
_SCORE_WEAK_NEAR = WEAK_SINGLE
#: the methods that find a name as a table writes it (up to case, spacing, diacritics)
_AS_WRITTEN = frozenset({"exact", "normalized"})
#: a one-word name without the title the table lists it under (Rambo, Colonel Rambo)
_SCORE_UNTITLED = 0.95
#: a match on the given name of one name and the family name of another of one person
_FACTOR_COMBINED = 0.96
#: an organisation name translated word for word (جبهة النصرة, al-Nusra Front)
_SCORE_TRANSLATED = 0.92
#: each naming word of a translated organisation name is at least this like its counterpart
_TRANSLATED_WORD = 0.8
#: "NAME ACRONYM", where the acronym alone names the entity the name names
_FACTOR_ACRONYM = 0.98
#: the longest word read as an acronym after a name
_ACRONYM_MAX = 6


def _same_name_words(query: ParsedName, alias: ParsedName) -> bool:
    """Whether the words that name an organisation (not its organisation words) are spelled
    alike in a translation, one for one: the concept keys compare them by coarse consonant
    keys only, and al-Kawthar Company is not Kavoshyar Company."""
    left = name_words(alias)
    for part in name_words(query):
        sims = [part_sim(part, other) for other in left]
        best = max(range(len(sims)), key=sims.__getitem__, default=-1)
        if best < 0 or sims[best] < _TRANSLATED_WORD:
            return False
        del left[best]
    return not left


def _reordered(query: ParsedName, alias: ParsedName, result: NameScore) -> bool:
    """Every word of both names, each written alike (same normalized text), under the same
    titles, in another order: "Agha Sia SAYEED" for "Sia Agha Sayeed", as a list that writes
    a person's family name last has it. Not a near spelling, and no word more or less (for
    persons only: an organisation's naming words keep their order)."""
    n = len(alias.parts)
    return (
        n >= 2
        and len(query.parts) == n
        and len(result.pairs) == n
        and all(s == 1.0 for _, _, s in result.pairs)
        and any(i != j for i, j, _ in result.pairs)
        and set(query.titles) == set(alias.titles)
    )



def _check_limit(limit: object) -> None:
    """A candidate limit is a whole number >= 0 (a clear error, not one from inside a sort)."""
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"limit must be an int, not {type(limit).__name__}")
    if limit < 0:
        raise ValueError("limit must be >= 0")


def check_options(threshold: float, margin: float, max_candidates: int = 40) -> None:
    """Refuse resolver options of the wrong type or out of range (what ``Resolver()``
    checks; the Spark helper checks them on the driver too).

    Raises:
        TypeError: threshold or margin is not a real number, max_candidates not an int.
        ValueError: one of them is out of its range.
    """
    for option, value, kind in (("threshold", threshold, "a number"),
                                ("margin", margin, "a number"),
                                ("max_candidates", max_candidates, "an int")):
        # a clear error, not "'<' not supported ..." from the comparisons below; a bool
        # is no number here (True would be taken as a threshold of 1)
        wanted = numbers.Integral if kind == "an int" else numbers.Real
        if isinstance(value, bool) or not isinstance(value, wanted):
            raise TypeError(f"{option} must be {kind}, not {type(value).__name__}")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    if not 0.0 <= margin < 1.0:
        raise ValueError(f"margin must be in [0, 1), not {margin!r}")
    if max_candidates < 1:
        raise ValueError("max_candidates must be at least 1")


def check_type(type: str | None) -> None:
    """Refuse an entity type that is not one of :data:`~aliasres.types.ENTITY_TYPES`.

    Raises:
        ValueError: ``type`` is neither None nor a known type.
    """
    if type is not None and type not in ENTITY_TYPES:
        raise ValueError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {type!r}")

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
        calibrated: ``Match.score`` is the estimated probability that the match is right
            (:mod:`aliasres.calibrate`), and ``threshold`` and ``margin`` apply to it; with
            ``False`` scores are the scorer's raw similarities (for fitting and study).

    Raises:
        AliasTableError: an entity's ``within`` names no place among ``entities``, or the
            ``within`` links form a cycle.
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        reject: Iterable[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        max_candidates: int = 40,
        calibrated: bool = True,
    ) -> None:
        check_options(threshold, margin, max_candidates)
        self.threshold = threshold
        self.margin = margin
        self.max_candidates = max_candidates
        self.calibrated = calibrated
        self._index = Index(entities, reject=reject)
        self._finder = Finder(self._index, max_candidates)
        self._within = within_chains(self._index.entities)  # place id -> its ancestors

    # ------------------------------------------------------------------ building
    @classmethod
    def from_yaml(
        cls,
        *paths: str | os.PathLike[str],
        bundled: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        max_candidates: int = 40,
        calibrated: bool = True,
    ) -> Resolver:
        """Build a resolver from table files or directories of tables.

        The bundled tables are included unless ``bundled=False``. Ids must be unique across
        every table loaded. Tables may be YAML or JSON Lines (``.jsonl``). The index of large
        tables (a megabyte and more) is cached on disk as a compiled index file (see
        :mod:`aliasres.cache`), so the next process maps it instead of building it.

        Raises:
            AliasTableError: a table is unreadable or invalid (the message names file and line).
        """
        from .cache import CACHE_MIN_BYTES, cached_index, content_key
        from .data import bundled_dir, entity_table_paths
        from .tables import load_tables, table_files

        options: dict[str, Any] = {
            "threshold": threshold,
            "margin": margin,
            "max_candidates": max_candidates,
            "calibrated": calibrated,
        }

        def build() -> Resolver:
            return cls.from_tables(load_tables(paths, bundled=bundled), **options)

        files = table_files(paths)
        if sum(f.stat().st_size for f in files) < CACHE_MIN_BYTES:
            return build()
        # large tables: a compiled index, keyed by the bytes of every file it is built from
        rules = sorted((bundled_dir() / "rules").glob("*.yaml"))
        everything = rules + (entity_table_paths() if bundled else []) + files
        return cached_index(content_key("tables", everything, str(bundled)), build, **options)

    @classmethod
    def from_tables(cls, tables: Sequence[Table], **options: float | bool) -> Resolver:
        """Build a resolver from already loaded :class:`~aliasres.tables.Table` objects."""
        from .tables import apply_extensions

        from .gcpause import paused_gc, settle

        tables = apply_extensions(tables)
        entities = [e for t in tables for e in t.entities]
        reject = [r for t in tables for r in t.reject]
        with paused_gc():  # millions of small objects, none of them garbage
            resolver = cls(entities, reject=reject, **options)  # type: ignore[arg-type]
            settle(len(resolver._index.a_entity))
        return resolver

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        threshold: float | None = None,
        margin: float | None = None,
        max_candidates: int | None = None,
        calibrated: bool | None = None,
    ) -> Resolver:
        """A resolver over a compiled index file (see :meth:`build_index` and
        ``aliasres build``), memory-mapped: it answers within a second even for a million
        names, and processes that load the same file share its memory. The options default
        to those the index was built with.

        Raises:
            IndexFileError: the file is missing, not an index, truncated, damaged, or built
                by another version of aliasres (rebuild it).
        """
        from .compiled import MappedIndex

        index = MappedIndex(path)
        stored = index.options
        return cls._over(
            index,  # type: ignore[arg-type]  # the same interface, read from the file
            threshold=stored.get("threshold", DEFAULT_THRESHOLD)
            if threshold is None
            else threshold,
            margin=stored.get("margin", DEFAULT_MARGIN) if margin is None else margin,
            max_candidates=(
                stored.get("max_candidates", 40) if max_candidates is None else max_candidates
            ),
            calibrated=stored.get("calibrated", True) if calibrated is None else calibrated,
        )

    @classmethod
    def _over(
        cls,
        index: Index,
        *,
        threshold: float,
        margin: float,
        max_candidates: int,
        calibrated: bool = True,
    ) -> Resolver:
        resolver = cls(
            [],
            threshold=threshold,
            margin=margin,
            max_candidates=max_candidates,
            calibrated=calibrated,
        )
        resolver._index = index
        resolver._finder = Finder(index, max_candidates)
        resolver._within = index.within  # type: ignore[attr-defined]  # stored in the file
        return resolver

    def build_index(self, path: str | os.PathLike[str]) -> None:
        """Write this resolver's index to ``path`` as a compiled index file, for
        :meth:`load` (a file is replaced atomically)."""
        from .compiled import write_index

        options = {
            "threshold": self.threshold,
            "margin": self.margin,
            "max_candidates": self.max_candidates,
            "calibrated": self.calibrated,
        }
        if not isinstance(self._index, Index):
            raise ValueError("this resolver already reads a compiled index: copy its file")
        write_index(self._index, path, options=options, within=self._within)

    def __getstate__(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "margin": self.margin,
            "max_candidates": self.max_candidates,
            "calibrated": self.calibrated,
            "_index": self._index,
            "_within": self._within,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        # the part-similarity memo is per process, not worth storing
        self._finder = Finder(self._index, self.max_candidates)

    # ------------------------------------------------------------------ properties
    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every indexed entity, in load order."""
        return tuple(self._index.entities)

    def __len__(self) -> int:
        return len(self._index.entities)

    def __repr__(self) -> str:
        return f"<Resolver {len(self._index.entities)} entities, {len(self._index.a_entity)} names>"

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        index = self._index.entity_index.get(entity_id)
        return None if index is None else self._index.entities[index]

    def linked_ids(self, entity_id: str) -> tuple[str, ...]:
        """Every id of the entities linked to ``entity_id`` (see ``docs/sources.md``), the
        canonical one first: ``(entity_id,)`` when it is linked to none, ``()`` when no
        loaded table defines it."""
        number = self._index.entity_index.get(entity_id)
        if number is None:
            return ()
        group = self._index.links.canonical[number]
        return self._index.links.member_ids(group) or (entity_id,)

    # ------------------------------------------------------------------ matching
    def _match(self, aidx: int, score: float, method: str) -> Match:
        """A match on an alias record, with its raw score (see :meth:`_found`)."""
        index = self._index
        group = index.group_of(aidx)  # a linked entity answers with its group's canonical one
        # (the entity's head only: a compiled index reads it without decoding the entity)
        eid, name, etype, level = index.entity_head(group)
        return Match(
            eid,
            name,
            etype,
            round(score, 4),
            index.a_name[aidx],
            method,
            index.a_kind[aidx],
            index.links.member_ids(group) or (eid,),
            within=self._within.get(eid, ()),
            level=level,
        )

    def _lookup(
        self, query: Query, trace: Trace | None, last_resort: bool = False
    ) -> dict[int, Match]:
        """Best match per entity index; with ``last_resort``, when nothing is found, the
        candidates of words in common (:meth:`_overlap`: never an answer, so resolve() does
        not look for them)."""
        index, finder, type = self._index, self._finder, query.type
        best: dict[int, Match] = {}
        # entities whose typed alias the query is: not resolved from it by any other route
        blocked: set[int] = set()

        translated = False  # the form being looked up is a translation (query.Form)
        common = False  # the form is a person's name of two common parts (score.common_pair)

        def offer(
            aidx: int, score: float, method: str, reordered: bool = False, rival: bool = False
        ) -> None:
            if type is not None and index.entity_of(aidx).type != type:
                return
            if common and method == "key" and index.alias_type(aidx) == "person":
                score = min(score, COMMON_PAIR)
            if translated and method != "epithet":
                # a word of the name translated (Abu Talha the German, al-Almani): a
                # translated name, as an organisation's
                score, method = min(score, _SCORE_TRANSLATED), "translated"
            eidx = index.group_of(aidx)  # linked entities are one candidate, never ambiguous
            if eidx in blocked:
                return
            flags = index.a_flags[aidx]
            if flags & TYPED and type is None:
                # a plain phrase ("the Middle East") unless the caller asks for this type
                blocked.add(eidx)
                best.pop(eidx, None)
                return
            if flags & EPITHET:
                score, method = min(score, _SCORE_EPITHET), "epithet"
            elif flags & WEAK:
                # as written (or under its title): a weak name may resolve; by a near spelling
                # it is a candidate only, below any threshold. Its words as written in another
                # order (a list that writes the family name last) score as any reordered name
                if not reordered and not rival:
                    near = method not in _WEAK_AS_WRITTEN
                    score = min(score, _SCORE_WEAK_NEAR if near else _SCORE_WEAK)
            elif flags & COMBINED:
                score, method = score * _FACTOR_COMBINED, "partial"
            current = best.get(eidx)
            if (
                current is None
                or score > current.score
                or (score == current.score and tie_key(index.a_kind[aidx], index.a_name[aidx])
                    < tie_key(current.kind, current.alias))
            ):  # ties go to the canonical name, then the smaller alias: never to load order
                best[eidx] = self._match(aidx, score, method)

        for form in query.forms:
            translated, common = form.translated, False
            if trace is not None:
                trace.variants.append(form.text)
            if form.written_only:
                # a word moved back in front (query.py): the name as a table writes it, in
                # another order; it scores as any name whose words all match reordered (or,
                # for a translated word, as a translation: see offer)
                for aidx in {*get(index.exact, form.exact), *get(index.normal, form.normal)}:
                    if index.alias_type(aidx) == "person":
                        offer(aidx, _SCORE_KEY * REORDERED, "key", reordered=True)
                continue
            # the name as written; without the title the list puts in parentheses
            listed = [
                *((aidx, _SCORE_EXACT, "exact") for aidx in get(index.exact, form.exact)),
                *((aidx, _SCORE_NORMALIZED, "normalized")
                  for aidx in get(index.normal, form.normal)),
                *((aidx, _SCORE_NORMALIZED, "normalized")
                  for aidx in get(index.optional_title, form.normal)),
            ]
            rival = len(listed) > 1 and self._owned_twice([w[0] for w in listed], type)
            for aidx, score, method in listed:
                offer(aidx, score, method, rival=rival)
            found = bool(listed)
            if found and any(m.method != "epithet" for m in best.values()):
                if trace is not None:
                    trace.stage = trace.stage or "exact"
                continue
            if form.too_long:
                if trace is not None:
                    trace.stage = trace.stage or "too many parts"
                continue
            parsed = form.parsed
            common = common_pair(parsed)
            if not parsed.titles:
                for aidx in get(index.untitled, form.normal):
                    offer(aidx, _SCORE_UNTITLED, "normalized")
            if index.concepts and type in (None, "organization"):
                written = None
                for key in concept_keys(parsed):
                    for aidx in get(index.concepts, key):
                        written = concept_words(parsed) if written is None else written
                        alias = index.a_parsed[aidx]
                        if concept_words(alias) != written and _same_name_words(parsed, alias):
                            offer(aidx, _SCORE_TRANSLATED, "translated")
            if len(parsed.parts) > MAX_QUERY_PARTS:
                # no name has that many parts (an NFKC ligature can also expand 18 times):
                # only the exact and normalized lookups above apply
                if trace is not None:
                    trace.stage = trace.stage or "too many parts"
                continue
            keyed = None
            if len(parsed.parts) > 1 and all(len(p.fold) > 3 or p.groups for p in parsed.parts):
                # one word is scored instead: a bare kunya or given name needs more care
                keyed = get(index.keyed, tuple(p.ident for p in parsed.parts))
            if keyed and any(not index.a_flags[a] & WEAK for a in keyed):
                # (a weak name alone is scored instead: by a near spelling, a candidate only)
                rival = len(keyed) > 1 and self._owned_twice(keyed, type)
                for aidx in keyed:
                    offer(aidx, _SCORE_KEY, "key", rival=rival)
                if trace is not None:
                    trace.stage = trace.stage or "key"
                continue
            one, rival = self._one_word_keyed(parsed, type)
            for aidx in one:
                offer(aidx, _SCORE_KEY, "key", rival=rival)
            if trace is not None:
                trace.stage = trace.stage or "scored"
            scored = finder.fuzzy(parsed, type, trace)
            rivals = self._scored_rivals(scored, type)
            for cand in scored:
                # (whether it is reordered matters only to a weak name, see offer)
                offer(cand.alias, cand.result.score, cand.result.method,
                      bool(index.a_flags[cand.alias] & WEAK)
                      and index.alias_type(cand.alias) == "person"
                      and _reordered(parsed, index.a_parsed[cand.alias], cand.result),
                      cand.alias in rivals)
            if max((c.result.score for c in scored), default=0.0) < FALLBACK_BELOW:
                for aidx, score, method in finder.regrouped(parsed, type, trace):
                    offer(aidx, score, method)
        if query.forms and max((m.score for m in best.values()), default=0.0) < FALLBACK_BELOW:
            self._acronym_after(query, best, trace)
        if last_resort and not best and query.forms:
            self._overlap(query, best, blocked, trace)
        return best

    def _owned_twice(self, hits: Sequence[int], type: str | None) -> bool:
        """Whether ``hits`` (aliases with one spelling of the query's name) name two
        entities, one of them by a strong name: then each weak name among them (a
        low-quality a.k.a.) scores as a strong one. The low quality of one listing does not
        make the other entity the answer (AMINULLAH: Shaykh Aminullah of one person, Haji
        Aminullah, weak, of another): the decision finds the two equally close, and the
        query's dates and countries still weigh each."""
        index = self._index
        strong: set[int] = set()
        weak: set[int] = set()
        for aidx in hits:
            flags = index.a_flags[aidx]
            if flags & (EPITHET | TYPED) or (
                type is not None and index.entity_of(aidx).type != type
            ):
                continue
            (weak if flags & WEAK else strong).add(index.group_of(aidx))
        return bool(strong) and bool(weak - strong)

    def _overlap(
        self, query: Query, best: dict[int, Match], blocked: set[int], trace: Trace | None
    ) -> None:
        """The last resort of a name that found nothing: the entities whose names hold its
        rarer words (:meth:`aliasres.candidates.Finder.overlap`), candidates that never
        resolve."""
        index = self._index
        for form in query.forms:
            if form.written_only or form.too_long or len(form.parsed.parts) > MAX_QUERY_PARTS:
                continue
            for cand in self._finder.overlap(form.parsed, query.type):
                aidx = cand.alias
                flags = index.a_flags[aidx]
                if flags & (EPITHET | TYPED):
                    continue  # an epithet never stands alone; a typed name is asked for
                eidx = index.group_of(aidx)
                if eidx in blocked:
                    continue  # the query is this entity's typed name: no other route
                current = best.get(eidx)
                if current is None or cand.result.score > current.score:
                    best[eidx] = self._match(aidx, cand.result.score, OVERLAP)
        if best and trace is not None:
            trace.stage = trace.stage or OVERLAP

    def _scored_rivals(self, scored: Sequence[Candidate], type: str | None) -> frozenset[int]:
        """The weak names among ``scored`` that another entity carries as a strong name with
        the same spelling key (both are then scored alike): found by a near spelling or in
        the other script, they score as the strong one (:meth:`_owned_twice`)."""
        index = self._index
        if not any(index.a_flags[c.alias] & WEAK for c in scored):
            return frozenset()  # (the common case: no weak name, no work)
        by_key: dict[tuple[str, ...], list[int]] = {}
        for c in scored:
            key = tuple([p.ident for p in index.a_parsed[c.alias].parts])
            by_key.setdefault(key, []).append(c.alias)
        return frozenset(
            a for hits in by_key.values() if len(hits) > 1 and self._owned_twice(hits, type)
            for a in hits if index.a_flags[a] & WEAK
        )

    def _one_word_keyed(
        self, parsed: ParsedName, type: str | None
    ) -> tuple[Sequence[int], bool]:
        """The one-word names of ``fuzzy: false`` entities with the query's spelling key
        (Diwaniyah = Al Diwaniya): they are never scored, so a one-word spelling variant
        is found here; not a given name, which needs more care (as for the key stage).
        A weak name among them only as the rival of another's strong name (then True:
        see :meth:`_owned_twice`)."""
        if len(parsed.parts) != 1 or parsed.parts[0].groups or len(parsed.parts[0].fold) <= 3:
            return (), False
        index = self._index
        hits = [a for a in get(index.keyed, (parsed.parts[0].ident,))
                if not index.entity_of(a).fuzzy]
        if len(hits) > 1 and self._owned_twice(hits, type):
            return hits, True
        return [a for a in hits if not index.a_flags[a] & WEAK], False

    def _acronym_after(self, query: Query, best: dict[int, Match], trace: Trace | None) -> None:
        """"HAY'AT TAHRIR AL-SHAM HTS": a name followed by an acronym without parentheses.
        Read so only when the last word alone names an entity exactly and the rest names the
        same entity; the rest's score, a little less, is that entity's."""
        words = query.forms[0].text.split()
        if len(words) < 3 or not 2 <= len(words[-1]) <= _ACRONYM_MAX or not words[-1].isalpha():
            return
        index = self._index
        last = normalize(words[-1])
        named = {index.group_of(a) for a in get(index.normal, last)}
        if not named:
            return
        rest = self._lookup(Query.build(" ".join(words[:-1]), query.type), None)
        for eidx in named & rest.keys():
            match = rest[eidx]
            score = round(match.score * _FACTOR_ACRONYM, 4)
            if trace is not None:
                trace.variants.append(" ".join(words[:-1]))
            current = best.get(eidx)
            if current is None or score > current.score:
                best[eidx] = replace(match, score=score)

    def _query(self, name: str, type: str | None) -> Query:
        if not isinstance(name, str):
            raise TypeError(f"name must be str, not {_type_name(name)}")
        check_type(type)
        return Query.build(name, type)

    def _via_shared(self, match: Match) -> bool:
        """Whether ``match`` was found through a name its entity declares shared: such a
        name is ambiguous even when the tables hold only one of its owners."""
        index = self._index
        number = index.entity_index.get(match.id)
        if number is None or not index.may_share(number):
            return False  # (no entity decoded from a compiled index, mostly)
        return any(a.shared and a.name == match.alias for a in index.entities[number].aliases)

    def _decide(self, name: str, candidates: list[Match]) -> tuple[Match | None, str]:
        if candidates and self._via_shared(candidates[0]):
            return None, f"{candidates[0].alias!r} is a name declared shared (ambiguous)"
        if candidates and candidate_only(candidates[0]):
            return None, "only words in common (overlap): a candidate, never an answer"
        if candidates and candidates[0].method not in _AS_WRITTEN and is_plain_word(name):
            return None, "a common word matches a name only as the table writes it"
        reject = self._index.reject
        return decide(
            candidates,
            threshold=self.threshold,
            margin=self.margin,
            rejected=bool(reject) and normalize(name) in reject,
        )

    def _found(
        self, query: Query, evidence: Evidence, trace: Trace | None = None,
        last_resort: bool = False,
    ) -> list[Match]:
        """The best match per entity, best first, scores updated by the query's evidence
        beyond the name (:mod:`aliasres.evidence`) before any decision is taken."""
        best: Iterable[Match] = self._lookup(query, trace, last_resort).values()
        if self.calibrated:
            # each score becomes the probability that the match is right (aliasres.calibrate)
            best = [_rescored(m, calibrate(m.score, m.method)) for m in best]
        if evidence:
            index = self._index
            best = weigh(best, evidence, index.facts, index.entity_index)
        return ranked(best)

    def resolve(
        self,
        name: str,
        *,
        type: str | None = None,
        countries: str | Iterable[str] | None = None,
        born: object = None,
    ) -> Match | None:
        """The entity ``name`` refers to, or ``None`` when nothing is close enough or the
        name is ambiguous (two entities about equally close).

        Args:
            name: any string; names longer than ``MAX_QUERY_LENGTH`` give ``None``.
            type: only consider entities of this type (person, organization, place, other).
            countries: countries the entity belongs to (ISO 3166-1 codes or English names,
                one or a list): a candidate with none of them loses, one with one gains.
            born: the date of birth: a year, a date string (``YYYY``, ``YYYY-MM-DD``,
                ``YYYY..YYYY``), a ``datetime.date``, or a list of them: a candidate born
                more than a year away loses, one within a year gains, one born the same
                day (a full date, not a 1 January) gains most: it may resolve even by a
                near spelling or by words in common. Entities that give no such
                attribute are left as they are (see ``docs/sources.md``).

        Raises:
            TypeError: ``name`` is not a string.
            ValueError: ``type`` is not a known entity type; ``countries`` or ``born``
                cannot be read (the message names the argument).
        """
        index = self._index
        evidence = Evidence.build(countries=countries, born=born)
        fast = (index.raw.get(name) if isinstance(name, str) and type is None
                and not index.reject and not evidence else None)
        if fast is not None:
            # the name as a table writes it, and no other entity has it in any spelling: this
            # is what the full lookup below would decide, without normalizing or scoring
            if index.a_unique[fast] and "(" not in name and not _short_form_rules(index, fast):
                flags = index.a_flags[fast]
                if not flags & (EPITHET | SHARED | TYPED):
                    score = _SCORE_WEAK if flags & WEAK else _SCORE_EXACT
                    if self.calibrated:
                        score = calibrate(score, "exact")
                    if score >= self.threshold:
                        return self._match(fast, score, "exact")
        return self._resolve_rules(name, type, evidence)

    def _resolve_rules(self, name: str, type: str | None, evidence: Evidence) -> Match | None:
        """resolve() past its fast path: the short-form and single-word rules of news text
        (:mod:`aliasres.shortforms`) wrap the engine's decision."""
        index = self._index
        self._query(name, type) if not isinstance(name, str) or type not in _TYPES else None
        if len(name) > MAX_QUERY_LENGTH or (index.reject and normalize(name) in index.reject):
            return None
        return resolve_short(self, name, type=type, evidence=evidence)

    def _engine(
        self, name: str, type: str | None, evidence: Evidence | None = None,
        last_resort: bool = True,
    ) -> tuple[Match | None, list[Match]]:
        """The engine's decision and its candidates, best first (scores updated by the
        evidence), without the rules of :mod:`aliasres.shortforms` (one lookup); the
        last-resort candidates too unless ``last_resort`` is False (the decision is the
        same either way)."""
        found = self._found(self._query(name, type), evidence or Evidence.build(), None,
                            last_resort)
        return self._decide(name, found)[0], found

    def _epithet_named(self, name: str) -> bool:
        """``name`` is, once normalized, an epithet alias of the tables."""
        index = self._index
        return any(index.a_flags[a] & EPITHET for a in get(index.normal, normalize(name)))

    def candidates(
        self,
        name: str,
        *,
        limit: int = 5,
        type: str | None = None,
        countries: str | Iterable[str] | None = None,
        born: object = None,
    ) -> list[Match]:
        """The best matches for ``name``, best first (one per entity, ties by id); scores
        updated by ``countries`` and ``born`` as in :meth:`resolve`. A name that finds
        nothing else lists the entities whose names hold its rarer words (method
        ``overlap``, a low score: never an answer)."""
        return self._candidates(name, limit, type, countries, born, True)

    def _candidates(
        self,
        name: str,
        limit: int,
        type: str | None,
        countries: str | Iterable[str] | None,
        born: object,
        last_resort: bool,
    ) -> list[Match]:
        """:meth:`candidates`, with or without the last-resort ones (a document's
        mentions do without them, see aliasres.document)."""
        _check_limit(limit)
        evidence = Evidence.build(countries=countries, born=born)
        self._query(name, type) if not isinstance(name, str) or type not in _TYPES else None
        if len(name) > MAX_QUERY_LENGTH:
            return []
        # the readings and short-form evidence of resolve(), so that what resolve() returns
        # is the best candidate
        found = candidates_short(self, name, type, evidence, last_resort=last_resort)
        if len(found) > 1:
            # a nationality adjective in the name ranks that country's people first, below
            # an answer (aliasres.demonyms)
            index = self._index
            found = nationality_order(normalize(name), found, index.facts, index.entity_index,
                                      self._answers(found), evidence.countries)
        return found[:limit]

    def _answers(self, found: list[Match]) -> bool:
        """The first of ``found`` (best first) may be what resolve() returns: a name match
        at the threshold that no other comes within the margin of."""
        top = found[0]
        return not candidate_only(top) and top.score >= self.threshold and (
            len(found) < 2 or found[1].score < top.score - self.margin)

    def near_misses(
        self, name: str, *, limit: int = 5, type: str | None = None
    ) -> list[tuple[Match, str]]:
        """Entities that scoring compared with ``name`` and rejected (what :meth:`explain`
        lists under "rejected:"), one per entity, in the order they were ranked for scoring
        (closest first), each with the reason; entities among :meth:`candidates` are left
        out. They take no part in :meth:`resolve`: this is for curation (``aliasres
        suggest`` offers them, since a spelling the rules reject may still be the entity's).
        Each :class:`Match` has score 0.0 and method ``"rejected"``."""
        _check_limit(limit)
        trace = Trace()
        seen = set(self._lookup(self._query(name, type), trace, last_resort=False))
        out: list[tuple[Match, str]] = []
        for aidx, result in trace.scored:
            eidx = self._index.a_entity[aidx]
            if result.score > 0 or eidx in seen or len(out) >= limit:
                continue
            if result.reason == NO_PART_MATCHES:  # found by blocking, but nothing alike
                continue
            seen.add(eidx)
            out.append((self._match(aidx, 0.0, "rejected"), result.reason))
        return out

    def resolve_many(
        self,
        names: Iterable[str],
        *,
        type: str | None = None,
        countries: str | Iterable[str] | None = None,
        born: object = None,
        jobs: int = 1,
    ) -> list[Match | None]:
        """``[resolve(n, ...) for n in names]``, resolving each distinct name once (the same
        ``type``, ``countries`` and ``born`` for every name).

        Args:
            names: the names (any iterable; it is read once).
            type, countries, born: as for :meth:`resolve`.
            jobs: resolve in up to this many processes sharing this resolver's index
                (forked from this one, or mapping the same compiled index file); small
                batches stay in this process. The answers are the same as with one.

        Raises:
            TypeError: ``names`` is a single string (pass a list of names).
            ValueError: ``jobs`` is below 1.
        """
        if isinstance(names, str):
            raise TypeError("resolve_many() takes an iterable of names, not a str")
        # an iterator is read once here: the workers of jobs > 1 are sent what it held
        if isinstance(countries, Iterator):
            countries = list(countries)
        if isinstance(born, Iterator):
            born = list(born)
        evidence = Evidence.build(countries=countries, born=born)  # bad input fails at once
        check_type(type)  # also with no names
        if isinstance(jobs, bool) or not isinstance(jobs, numbers.Integral):
            # (``type`` is this method's argument here: the class's name via __class__)
            raise TypeError(f"jobs must be an int, not {jobs.__class__.__name__}")
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs!r}")
        if jobs > 1:
            from .jobs import plain, resolve_distinct

            names = list(names)
            for name in names:
                if not isinstance(name, str):
                    self.resolve(name, type=type)  # raises the TypeError resolve() raises
            distinct = list(dict.fromkeys(names))
            asked = {"type": type, "countries": plain(countries), "born": plain(born)}
            answers = dict(zip(distinct, resolve_distinct(self, distinct, asked, jobs)))
            return [answers[name] for name in names]
        cache: dict[str, Match | None] = {}
        out: list[Match | None] = []
        for name in names:
            if name not in cache:
                if evidence:  # built once for every name (resolve() would build it again)
                    cache[name] = self._resolve_rules(name, type, evidence)
                else:
                    cache[name] = self.resolve(name, type=type)
            out.append(cache[name])
        return out

    def resolve_document(
        self,
        names: Iterable[str],
        *,
        type: str | None = None,
        context: Iterable[str] = (),
        text: str | None = None,
    ) -> list[Match | None]:
        """The mentions of one document, resolved together: a short or ambiguous mention
        takes the entity the document names unambiguously (see :mod:`aliasres.document`).
        ``context``: more names of the document; ``text``: the document's text, read for
        context too."""
        from .document import resolve_document

        return resolve_document(self, names, type=type, context=context, text=text)

    def scan(self, text: str, *, type: str | None = None) -> list[Mention]:
        """The mentions of this resolver's entities in running ``text``, with character
        offsets, linked with document context (see :mod:`aliasres.scanner`)."""
        from .scanner import scan

        return scan(self, text, type=type)

    def explain(
        self,
        name: str,
        *,
        type: str | None = None,
        countries: str | Iterable[str] | None = None,
        born: object = None,
    ) -> str:
        """A readable trace of how ``name`` was matched: forms, parts, keys, candidates,
        linked entities, and the evidence of ``countries`` and ``born``."""
        trace = Trace()
        evidence = Evidence.build(countries=countries, born=born)
        query = self._query(name, type)
        found = self._found(query, evidence, trace, last_resort=True)
        unweighed = (
            {m.id: m.score for m in self._found(query, Evidence.build(), None, True)}
            if evidence else {}
        )
        decision, why = self._decide(name, found)
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
                    f"  {p.label():<22} {role:<12} fold={p.fold} skeleton={p.skel}"
                    f" key={p.key}{groups}"
                )
        if len(trace.variants) > 1:
            lines.append(f"variants:    {trace.variants}")
        lines.append(f"stage:       {trace.stage or 'none'}")
        for label, sims in trace.expansions.items():
            shown = ", ".join(f"{ident} {s:.2f}" for ident, s in sims) or "(nothing in the tables)"
            lines.append(f"  {label} ~ {shown}")
        if evidence:
            given = [f"countries {sorted(evidence.countries)}"] if evidence.countries else []
            if evidence.born:
                # a full day stands for its year: born ['1970-03-12'], not born ['1970']
                days = sorted(evidence.days)
                years = [f"{a}..{b}" if a != b else str(a) for a, b in evidence.born
                         if not (a == b and any(int(d[:4]) == a for d in days))]
                given.append(f"born {days + years}")
            lines.append(f"evidence:    {', '.join(given)}")
        lines.append("candidates:")
        same_day: set[str] = set()
        for m in found[:10]:
            lines.append(f"  {m.score:.3f} {m.method:<12} {m.id}  via {m.alias!r}")
            if len(m.ids) > 1:
                lines.append(f"        one entity with {', '.join(m.ids[1:])} (linked)")
            if evidence:
                facts = self._index.facts.get(self._index.entity_index[m.id])
                outcomes = evidence.outcomes(facts) if facts is not None else {}
                if outcomes.get("born") == SAME_DAY:
                    same_day.add(m.id)
                if outcomes:
                    said = ", ".join(f"{a} {o}" for a, o in outcomes.items())
                    before = unweighed.get(m.id, m.score)
                    lines.append(f"        {said}: {before:.3f} -> {m.score:.3f}")
        rejected = [(a, r) for a, r in trace.scored if r.score == 0]
        if rejected:
            lines.append("rejected:")
            for aidx, r in rejected[:10]:
                eid = self._index.entity_of(aidx).id
                lines.append(f"  {eid} via {self._index.a_name[aidx]!r}: {r.reason}")
        if isinstance(name, str) and len(name) > MAX_QUERY_LENGTH:
            why = f"the name is longer than MAX_QUERY_LENGTH ({MAX_QUERY_LENGTH} characters)"
        elif trace.stage == "too many parts":
            why = f"the name has more than MAX_QUERY_PARTS ({MAX_QUERY_PARTS}) parts"
        elif (decision is not None and decision.method in (NEAR, OVERLAP)
              and decision.id in same_day):
            # capped below the threshold but for this (aliasres.evidence.weigh): say so
            what = "a near miss" if decision.method == NEAR else "words in common only"
            why += f"; {what}, an answer only because the same day of birth agrees"
        lines.append(f"decision:    {decision.id if decision else None} ({why})")
        return "\n".join(lines)


_TYPES = (None, *ENTITY_TYPES)


_MATCH_FIELDS = tuple(f.name for f in fields(Match))
assert _MATCH_FIELDS == (
    "id", "name", "type", "score", "alias", "method", "kind", "ids", "within", "level"
), "_rescored must copy every field of Match"


def _rescored(m: Match, score: float) -> Match:
    """``replace(m, score=score)``, without its per-call look at the fields (a match per
    candidate entity of every query is rescored)."""
    return Match(m.id, m.name, m.type, score, m.alias, m.method, m.kind, m.ids, m.within, m.level)


def _short_form_rules(index: Index, aidx: int) -> bool:
    """One word that is not a person's canonical name: the rules of
    :mod:`aliasres.shortforms` may apply (a place named by a common given name), so the fast
    path does not."""
    return (
        index.a_kind[aidx] != "canonical"
        and " " not in index.a_name[aidx].strip()
        and index.entity_of(aidx).type != "person"
    )


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
