"""The index of a set of tables: alias records, exact and normalized maps, blocking postings.

An :class:`Index` is built once from :class:`~aliasres.types.Entity` objects and never
changes afterwards; candidate generation (:mod:`aliasres.candidates`) and the resolver read
it. Every listed name becomes one *alias record* (parallel arrays indexed by an alias number);
lookups map a key to a *posting*: an alias number, or a list of them when several aliases
share the key (most keys have one alias, and a bare int costs far less memory than a list).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, islice, repeat
from operator import is_, itemgetter
from dataclasses import replace
from typing import Any

from rapidfuzz.distance import Levenshtein

from .acronyms import alternates, without_acronym
from .attributes import parse_date
from .countries import is_code
from .errors import AliasresError, AliasTableError
from .keys import coarse_keys, deletions
from .evidence import EntityFacts, group_facts
from .links import Links, build_links
from .normalize import normalize, normalize_words
from .orgwords import concept_keys
from .parts import TAIL_CORES, Lexicon, ParsedName, Part, WordMemo, lexicon, parse_normal
from .score import _distinctive, _generic, given_name_only, part_sim, two_family_names
from .types import ALIAS_KINDS, ENTITY_TYPES, Alias, Entity

__all__ = [
    "COMBINED",
    "EPITHET",
    "SHARED",
    "TYPED",
    "WEAK",
    "Index",
    "Posting",
    "add_entry_hits",
    "as_seq",
    "exact_form",
    "get",
    "put",
    "strongest_listings",
]

#: alias flags; a COMBINED record is no listed name but the given name of one name of a
#: person and the family name of another (found by blocking only, never exactly); SHARED
#: never decides a match alone; TYPED only when its type is asked for
WEAK, EPITHET, COMBINED, SHARED, TYPED = 1, 2, 4, 8, 16
#: at most this many combined names per person
MAX_COMBINED = 64
#: how alike (Levenshtein, on the folds) two family names of one person are at least for a
#: common given name of one to be combined with the other (see Index._combine)
COMBINED_FAMILY = 0.8

Posting = int | list[int]
#: Index.pair_sets: first spelling -> (its last spellings, their postings)
PairSets = dict[str, tuple[frozenset[str], dict[str, Posting]]]


_SPACES = re.compile(r"\s+")


def exact_form(name: str) -> str:
    """A name as written, up to case and runs of white space: the exact-lookup key."""
    return _SPACES.sub(" ", name).strip().casefold()


def put(postings: dict[Any, Posting], key: Any, aidx: int) -> None:
    """Add an alias to a posting: a bare int while it is alone (most are), else a list."""
    old = postings.get(key)
    if old is None:
        postings[key] = aidx
    elif isinstance(old, int):
        postings[key] = [old, aidx]
    else:
        old.append(aidx)


def as_seq(posting: Posting) -> Sequence[int]:
    """A posting as a sequence of alias numbers."""
    return (posting,) if isinstance(posting, int) else posting


def get(postings: dict[Any, Posting], key: Any) -> Sequence[int]:
    """The alias numbers posted under ``key`` (empty when none)."""
    posting = postings.get(key)
    return () if posting is None else as_seq(posting)


def pick(items: Sequence[Any], at: Sequence[int]) -> Sequence[Any]:
    """``[items[i] for i in at]``, in one call (a tuple, unless ``at`` has one item)."""
    if len(at) > 1:
        picked: Sequence[Any] = itemgetter(*at)(items)
        return picked
    return [items[i] for i in at]


def sum_values(values: dict[Any, float], seqs: Iterable[Iterable[Any]]) -> list[float]:
    """``[sum(values.get(k, 0.0) for k in seq) for seq in seqs]``, without a Python-level
    step per item (the same additions in the same order, so the same floats)."""
    zeros = repeat(0.0)
    per_seq: Iterator[Iterator[float]] = map(
        map, repeat(values.get), seqs, repeat(zeros)
    )
    return list(map(sum, per_seq))


def csr_sums(
    values: dict[int, float], off: Any, val: Any, aliases: Sequence[int]
) -> tuple[list[float], list[int]]:
    """What :func:`sum_values` gives for the spellings of ``aliases`` (numbered, in CSR form,
    see :meth:`Index.spelling_csr`), with numpy (see :func:`csr_totals`), as lists; and how
    many spellings each has."""
    import numpy as np

    rows = np.fromiter(aliases, dtype=np.int64, count=len(aliases))
    totals, lengths = csr_totals(values, off, val, rows)
    sums: list[float] = totals.tolist()
    counts: list[int] = lengths.tolist()
    return sums, counts


#: a ranking looks its spellings' values up in a table as long as the index has spellings
#: when they are at most this many (a few microseconds to make), else by binary search
DENSE_IDS = 1 << 16


def csr_totals(
    values: dict[int, float], off: Any, val: Any, rows: Any, n_ids: int | None = None,
    *, table: Any = None,
) -> tuple[Any, Any]:
    """:func:`csr_sums` as numpy arrays, for the aliases of the integer array ``rows``
    (``n_ids``: how many spelling numbers there are, when known; ``table``: instead of
    ``values``, the value of every spelling number in a numpy array, 0.0 for none).

    Every spelling of every alias is read at once, in the order alias by alias, spelling
    by spelling, and ``np.bincount`` adds each one's value to its alias's total in that
    order, from 0.0: each alias's sum makes the same additions in the same order as
    Python's ``sum`` (the same floats, not a pairwise sum)."""
    import numpy as np

    starts = off[rows].astype(np.int64)
    lengths = off[rows + 1].astype(np.int64) - starts
    n = len(rows)
    if (table is None and not values) or not n:
        return np.zeros(n), lengths
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(n), lengths)  # the alias of each spelling of the flat list
    flat = np.repeat(starts - (ends - lengths), lengths)
    flat += np.arange(int(ends[-1]))
    spellings = val[flat].astype(np.int64)
    if table is not None:
        got = table[spellings]
    elif n_ids is not None and n_ids <= max(DENSE_IDS, 4 * len(spellings)):
        keys = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
        table = np.zeros(n_ids)
        table[keys] = np.fromiter(values.values(), dtype=np.float64, count=len(values))
        got = table[spellings]
    else:
        keys = np.fromiter(values.keys(), dtype=np.int64, count=len(values))
        vals = np.fromiter(values.values(), dtype=np.float64, count=len(values))
        order = np.argsort(keys)
        keys, vals = keys[order], vals[order]
        at = np.searchsorted(keys, spellings)
        np.minimum(at, len(keys) - 1, out=at)
        got = np.where(keys[at] == spellings, vals[at], 0.0)
    return np.bincount(owner, weights=got, minlength=n), lengths


def alias_flags(alias: Alias) -> int:
    """The index flags of an alias.

    Two entities listing one name already make it ambiguous; a name declared shared is
    ambiguous also when the tables hold only one of its owners (a "Military Intelligence
    Directorate" of another state is not in them): SHARED keeps it off the as-written fast
    path, and the decision declines it. A TYPED alias is left out of fuzzy matching like a
    weak one: it is a plain phrase as much as a name.
    """
    return (
        (WEAK if alias.weak else 0)
        | (EPITHET if alias.kind == "epithet" else 0)
        | (SHARED if alias.shared else 0)
        | (TYPED if alias.typed else 0)
    )


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
        normal = normalize_words(alias.name)  # = normalize(): tables repeat their words
        if normal:
            current = strongest.get(normal)
            if current is None or _strength(alias) > _strength(current):
                strongest[normal] = alias
    return strongest


def part_keys(part: Part) -> set[str]:
    """Blocking keys of a part: its coarse skeletons, one class shorter for longer ones,
    and its Metaphone code."""
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


def _tail(part: Part) -> bool:
    """The second word of a theophoric or -din name that Latin glues to the first
    (Sanaullah, Nasiruddin), which parse() splits off as an article and a core."""
    return part.article and not part.prefix and part.core in TAIL_CORES


_LEADING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def _optional_titles(name: str, parsed: ParsedName) -> bool:
    """The name's titles are written in parentheses before it ("(Sheikh) Musa Hilal"): the
    list itself says the name stands without them, however common its words."""
    m = _LEADING_PARENTHESIS.match(name)
    return m is not None and normalize(m.group(1)).split() == list(parsed.titles)


def _near_family(a: Part, b: Part) -> bool:
    """Two family names of one person spelled alike or near (Rumuri / Rumuli)."""
    if part_sim(a, b) >= 0.88:
        return True
    return (
        a.prefix == b.prefix
        and min(len(a.fold), len(b.fold)) >= 4
        and Levenshtein.normalized_similarity(a.fold, b.fold) >= COMBINED_FAMILY
    )



_SEQUENCE_FIELDS = ("countries", "sources", "same_as", "born", "died")
_KINDS = frozenset(ALIAS_KINDS)


def check_entity(entity: Entity) -> None:
    """Refuse an entity built in Python (a table's are checked on load) whose fields are not
    what the index reads: a clear error naming the entity and the field, not one from deep
    inside the index (``aliases=["x"]``), and no silent misreading (``countries="SY"`` is
    not the two countries S and Y). Cheap for a well-formed entity (tuples, checked by type):
    it runs for every entity of a table of a million; the values of countries and dates
    are checked for entities built in Python (the loader checks a table's).

    Raises:
        TypeError: a field of the wrong type.
        AliasTableError: a value the tables would refuse (type, alias kind, country code,
            date), with the entity's file and line when it has them.
    """
    if type(entity.id) is not str or type(entity.name) is not str:
        _check_slowly(entity)
    if entity.type not in ENTITY_TYPES:
        _check_slowly(entity)
    aliases = entity.aliases
    if type(aliases) is not tuple:
        _check_slowly(entity)
    for alias in aliases:
        if type(alias) is not Alias or type(alias.name) is not str or alias.kind not in _KINDS:
            _check_slowly(entity)
    for values in (entity.countries, entity.sources, entity.same_as, entity.born, entity.died):
        if type(values) is not tuple:
            _check_slowly(entity)
        for value in values:
            if type(value) is not str:
                _check_slowly(entity)
    if entity.path == "<string>" and (entity.countries or entity.born or entity.died):
        # their values too, for an entity built in Python: the table loader has checked
        # (and converted) those of the entities it reads
        _check_slowly(entity)


def _check_slowly(entity: Entity) -> None:
    """The checks of :func:`check_entity` in full, with their messages (lists are taken
    for tuples, as a user may well write them)."""
    if not isinstance(entity.id, str):
        raise TypeError(f"entity id must be str, not {type(entity.id).__name__}")
    what = f"entity {entity.id!r}"

    def bad_value(problem: str) -> AliasTableError:
        return AliasTableError(entity.path, entity.line, f"{what}: {problem}")

    if not isinstance(entity.name, str):
        raise TypeError(f"{what}: name must be str, not {type(entity.name).__name__}")
    if entity.type not in ENTITY_TYPES:
        raise bad_value(f"unknown type {entity.type!r}")
    if isinstance(entity.aliases, str) or not isinstance(entity.aliases, Sequence):
        raise TypeError(f"{what}: aliases must be a tuple of aliasres.Alias, "
                        f"not {type(entity.aliases).__name__}")
    for alias in entity.aliases:
        if not isinstance(alias, Alias):
            raise TypeError(f"{what}: aliases must be aliasres.Alias objects, not "
                            f"{type(alias).__name__} (write Alias({alias!r}))")
        if not isinstance(alias.name, str):
            raise TypeError(f"{what}: alias name must be str, not {type(alias.name).__name__}")
        if alias.kind not in _KINDS:
            raise bad_value(f"unknown alias kind {alias.kind!r} (known: {', '.join(ALIAS_KINDS)})")
    for field in _SEQUENCE_FIELDS:
        values = getattr(entity, field)
        if isinstance(values, str) or not isinstance(values, Sequence):
            raise TypeError(f"{what}: {field} must be a tuple of str, "
                            f"not {type(values).__name__}")
        for value in values:
            if not isinstance(value, str):
                raise TypeError(f"{what}: {field} must hold str, not {type(value).__name__}")
    for code in entity.countries:
        if not is_code(code):
            raise bad_value(f"countries: {code!r} is not an ISO 3166-1 alpha-2 code "
                            "(the table loader reads names; here give the code)")
    for field in ("born", "died"):
        for date in getattr(entity, field):
            try:
                parse_date(date)
            except ValueError as exc:
                raise bad_value(f"{field}: {exc}") from None


def add_entry_hits(
    entries: Iterable[tuple[frozenset[str], dict[str, Posting]]], lasts: set[str], found: set[int]
) -> None:
    """Add to ``found`` the postings of ``entries`` (of :meth:`Index.pair_sets`: a first
    spelling's last spellings and their postings) under any of ``lasts``."""
    add, update = found.add, found.update
    for keys, inner in entries:
        for b in lasts & keys:
            posting = inner[b]
            if isinstance(posting, int):
                add(posting)
            else:
                update(posting)


class Index:
    """Alias records and lookup tables of a set of entities (immutable once built)."""

    def __init__(self, entities: Iterable[Entity], *, reject: Iterable[str] = ()) -> None:
        self.lex: Lexicon = lexicon()
        self.entities: list[Entity] = []
        self.entity_index: dict[str, int] = {}
        self.reject = frozenset(normalize(r) for r in reject)
        # alias records, parallel arrays
        self.a_entity = array("i")
        self.a_name: list[str] = []
        self.a_kind: list[str] = []
        self.a_flags = bytearray()
        self.a_parsed: list[ParsedName] = []
        self.a_spellings: list[tuple[str, ...]] = []
        self.a_unique = bytearray()  # 1: no other alias has the same normalized form
        self.raw: dict[str, int] = {}  # a name as the table writes it, for the fast path
        # lookups
        self.exact: dict[str, Posting] = {}
        self.normal: dict[str, Posting] = {}
        self.keyed: dict[tuple[str, ...], Posting] = {}
        self.pairs: dict[str, dict[str, Posting]] = {}
        self.last: dict[str, Posting] = {}
        self.last_article: dict[str, Posting] = {}
        self.single: dict[str, Posting] = {}
        # names listed under a title (Colonel Rambo, Imam Darul Tauhid), by the name alone
        self.untitled: dict[str, Posting] = {}
        #: the same for a name whose titles the list writes in parentheses ("(Sheikh) Musa
        #: Hilal"): the list says the name stands without them; found as written
        self.optional_title: dict[str, Posting] = {}
        # organisation names by their concept key (see aliasres.orgwords)
        self.concepts: dict[tuple[str, ...], Posting] = {}
        # the distinct parts of all names, and how to find them
        self.parts: dict[str, Part] = {}
        self.by_fold: dict[str, list[str]] = {}
        self.by_key: dict[str, list[str]] = {}
        self.by_group: dict[str, list[str]] = {}
        lex = self.lex
        self.generic_words = lex.stopwords | lex.org_designators | lex.place_designators
        # the parts of each plain word once read (names repeat their words); build time only
        self._words: WordMemo = {}
        for entity in entities:
            self._add(entity)
        del self._words
        # entities linked by same_as or a cited list id resolve as one (aliasres.links)
        self.links: Links = build_links(self.entities)
        # dates of birth and countries of each group, for queries that give them
        self.facts: dict[int, EntityFacts] = group_facts(self.entities, self.links)

    def __len__(self) -> int:
        return len(self.entities)

    def entity_of(self, aidx: int) -> Entity:
        """The entity an alias record belongs to."""
        return self.entities[self.a_entity[aidx]]

    def may_share(self, eidx: int) -> bool:
        """Whether the entity may declare a name shared (True unless it surely does not)."""
        return any(a.shared for a in self.entities[eidx].aliases)

    def entity_head(self, eidx: int) -> tuple[str, str, str, str | None]:
        """What a match tells of an entity: its id, name, type and level."""
        e = self.entities[eidx]
        return e.id, e.name, e.type, e.level

    def group_of(self, aidx: int) -> int:
        """The number of the canonical entity of the group an alias record belongs to (its
        own entity's number when that entity is linked to nothing)."""
        return self.links.canonical[self.a_entity[aidx]]

    # what candidate generation reads (aliasres.candidates); a compiled index
    # (aliasres.compiled.MappedIndex) answers the same from its arrays
    def alias_type(self, aidx: int) -> str:
        """The type of the entity an alias record belongs to."""
        return self.entities[self.a_entity[aidx]].type

    def rank_sums(
        self, aliases: Sequence[int], best: dict[str, float]
    ) -> tuple[list[float], list[int]]:
        """For each alias, the sum of the values ``best`` gives its distinct spellings (0 for
        one it lacks), added in the record's order, and how many spellings it has."""
        seqs = pick(self.a_spellings, aliases)
        return sum_values(best, seqs), list(map(len, seqs))

    def spelling_csr(self) -> tuple[dict[str, int], Any, Any]:
        """The spellings of every alias as numpy arrays (for :func:`csr_sums`): a number per
        table spelling, and the numbers of each alias's spellings in CSR form (offsets,
        values). Built when asked (candidate generation keeps it), not with the index."""
        import numpy as np

        ids = {s: i for i, s in enumerate(self.parts)}
        spellings = self.a_spellings
        off = np.fromiter(
            accumulate(map(len, spellings), initial=0), dtype=np.int64, count=len(spellings) + 1
        )
        val = np.fromiter(
            map(ids.__getitem__, chain.from_iterable(spellings)), dtype=np.int32, count=int(off[-1])
        )
        return ids, off, val

    def pair_postings(self, firsts: Iterable[str], lasts: set[str]) -> Iterator[Sequence[int]]:
        """The postings of :attr:`pairs` under any of ``firsts`` paired with any of ``lasts``."""
        pairs = self.pairs
        for a in firsts:
            inner = pairs.get(a)
            if inner is not None:
                for b in inner.keys() & lasts:
                    yield as_seq(inner[b])

    def pair_sets(self) -> PairSets:
        """:attr:`pairs` with each first spelling's last spellings as a set beside its
        postings, for :meth:`add_pair_hits` (made once per process by the candidate finder:
        a few milliseconds per 100,000 names)."""
        return {a: (frozenset(inner), inner) for a, inner in self.pairs.items()}

    def add_pair_hits(
        self, firsts: Iterable[str], lasts: set[str], found: set[int], sets: PairSets | None
    ) -> None:
        """Add to ``found`` what :meth:`pair_postings` gives, read from ``sets``
        (:meth:`pair_sets`): a set meets a set three times faster than a dict's keys do, and
        this runs for every pair of every query."""
        if sets is None:
            for seq in self.pair_postings(firsts, lasts):
                found.update(seq)
            return
        get_entry = sets.get
        add_entry_hits(
            (entry for a in firsts if (entry := get_entry(a)) is not None), lasts, found
        )

    def _add(self, entity: Entity) -> None:
        if not isinstance(entity, Entity):
            raise TypeError(
                f"entities must be aliasres.Entity objects, not {type(entity).__name__}"
            )
        check_entity(entity)
        if entity.id in self.entity_index:
            raise AliasresError(f"duplicate entity id {entity.id!r}")
        eidx = len(self.entities)
        self.entities.append(entity)
        self.entity_index[entity.id] = eidx
        names = list(entity.names())
        # "BUTEMBO AIRLINES (BAL)" also stands for "BUTEMBO AIRLINES" (a query with the
        # acronym is read both ways too, see query.variants)
        names += [replace(a, name=bare) for a in names if (bare := without_acronym(a.name))]
        if entity.type == "person":
            # "Lom-ali Butayev (Butaev)": both spellings of the last name (an organisation's
            # parenthesis names a branch or a country: AL-HARAMAIN FOUNDATION (PAKISTAN))
            names += [replace(a, name=alt) for a in names for alt in alternates(a.name)]
        first_alias = len(self.a_entity)
        fuzzy, etype, lex = entity.fuzzy, entity.type, self.lex
        interned = self.parts
        for normal, alias in strongest_listings(names).items():
            flags = alias_flags(alias)
            aidx = len(self.a_entity)
            cached_parts = len(lex.part_cache)
            parsed = parse_normal(lex, normal, self._words)  # = parse(alias.name)
            parts = parsed.parts
            key = tuple([p.ident for p in parts])
            if fuzzy:
                # the parts as first met (the same objects, mostly: make_part's cache)
                same = [interned.get(p.spelling) for p in parts]
                if not all(map(is_, same, parts)):  # (not every one the known object)
                    parts = tuple([self._intern(p) for p in parts])
                    parsed = ParsedName(normal, parts, parsed.head, parsed.titles)
                # else the parsed name as it is: its text is the very string of the key above
            else:
                # never scored: the parts it added to the lexicon's memo need not be stored
                # with the index (a smaller cache entry, a faster load)
                cache = lex.part_cache
                for k in list(islice(reversed(cache), max(0, len(cache) - cached_parts))):
                    del cache[k]
                # never scored (fuzzy: false): its spelling key is all it needs
                parsed = ParsedName(normal, (), -1, parsed.titles)
                parts = ()
            self.a_entity.append(eidx)
            self.a_name.append(alias.name)
            self.a_kind.append(alias.kind)
            self.a_flags.append(flags)
            self.a_parsed.append(parsed)
            # each spelling once: a name that repeats one (Ibrahim Sabawi Ibrahim) holds no more
            # of a query for it when candidates are ranked
            spellings = tuple([p.spelling for p in parts])
            if len(set(spellings)) < len(spellings):
                spellings = tuple(dict.fromkeys(spellings))
            self.a_spellings.append(spellings)
            put(self.exact, exact_form(alias.name), aidx)
            shared = self.normal.get(normal)  # put(), with this one look-up
            self.a_unique.append(shared is None)
            if shared is None:
                self.normal[normal] = aidx
            elif isinstance(shared, int):
                self.a_unique[shared] = 0
                self.normal[normal] = [shared, aidx]
            else:
                shared.append(aidx)
            self.raw.setdefault(alias.name, aidx)
            if parsed.titles and not flags & (EPITHET | TYPED):
                untitled = " ".join(normal.split()[len(parsed.titles):])
                if _optional_titles(alias.name, parsed):
                    put(self.optional_title, untitled, aidx)
                elif any(_distinctive(p) for p in parts) and not (
                    len(parts) == 1 and given_name_only(parts[0])
                ):  # a given name without its title is scored (Hajji Taysir, Taysir)
                    put(self.untitled, untitled, aidx)
            if flags & (EPITHET | TYPED):
                continue
            if flags & WEAK:
                # scored: a weak name is a candidate by a near spelling (capped below any
                # threshold by the resolver); keyed only as the rival of a strong name with
                # the same key (Resolver._owned_twice), never a key hit that ends the search
                if key:
                    put(self.keyed, key, aidx)
                    if entity.fuzzy:
                        self._index_alias(aidx, parsed, entity.type)
                continue
            if key:
                put(self.keyed, key, aidx)
                if fuzzy:  # fuzzy: false -> found as written or by spelling key only
                    self._index_alias(aidx, parsed, etype)
                if etype == "organization":
                    for concept in concept_keys(parsed):
                        put(self.concepts, concept, aidx)
        if entity.type == "person":
            self._combine(eidx, first_alias)

    def _combine(self, eidx: int, first_alias: int) -> None:
        """Index a person's given names and family names across its names: another list
        may write the given name of one alias with the family name of another (Sanaullah
        Muhajer, of Sanaullah Ghafari and Shahab Muhajer)."""
        givens: dict[str, tuple[Part, ...]] = {}
        families: dict[str, Part] = {}
        written: set[tuple[str, str]] = set()
        # a common given name that heads one name, and the names it stands in before their
        # family name (see below)
        common_heads: dict[str, list[Part]] = {}
        inside: list[tuple[tuple[Part, ...], Part]] = []
        for aidx in range(first_alias, len(self.a_entity)):
            if self.a_flags[aidx]:
                continue
            parsed = self.a_parsed[aidx]
            parts = [p for p in parsed.parts if len(p.core) > 1]
            if len(parts) < 2 or not 0 <= parsed.head < len(parsed.parts) - 1:
                continue
            head = parsed.parts[parsed.head]
            given = parsed.parts[parsed.head : parsed.head + 2]
            if not _tail(given[-1]):  # Sanaullah is sana + al-lah: the given name is both
                given = given[:1]
            family = parts[-1]
            # (family in given, with no Part comparison where the spellings differ)
            if family.prefix or any(
                p is family or (p.spelling == family.spelling and p == family) for p in given
            ):
                continue
            g = " ".join(p.spelling for p in given)
            written.add((g, family.spelling))
            # Mohammad of one name and al-Ahmad of another prove nothing
            if _distinctive(head) or len(given) > 1:  # Sana is common, Sanaullah is not
                givens.setdefault(g, given)
            elif len(parsed.parts) == 2 and parsed.head == 0 and not head.prefix:
                common_heads.setdefault(head.spelling, []).append(family)
            if _distinctive(family):
                families.setdefault(family.spelling, family)
                if len(parsed.parts) == 3 and parsed.head == 0 and family is parsed.parts[2]:
                    inside.append((parsed.parts[1:2], family))
        pairs: dict[tuple[str, str], tuple[tuple[Part, ...], Part]] = {}
        if len(givens) >= 2 or len(families) >= 2:
            for g, given in givens.items():
                for f, family in families.items():
                    pairs[g, f] = (given, family)
        # a person listed as "G F'" (Victor Rumuri, G a common given name) and as "X G F"
        # (Byiringiro Victor Rumuli), F' and F spelled alike or near: "G F" (Victor Rumuli) is
        # the first name with the second's spelling of the family name. Not a given name found
        # only inside a name (Hafez of Bashar Hafez al-Assad: his father), nor one that heads
        # a name with another family name (Mohamed Ali Bawazir is no reason to read Ramzi
        # Mohamed Binalshibh as Mohamed Binalshibh, his father), nor a longer name (in a nasab
        # chain the second name is the father's)
        for middle, family in inside:
            for p in middle:
                heads = common_heads.get(p.spelling, ())
                if p.spelling != family.spelling and any(
                    _near_family(other, family) for other in heads
                ):
                    pairs.setdefault((p.spelling, family.spelling), ((p,), family))
        made = 0
        for (g, f), (given, family) in pairs.items():
            if (g, f) in written or g == f:
                continue
            if made >= MAX_COMBINED:
                break
            made += 1
            aidx = len(self.a_entity)
            self.a_entity.append(eidx)
            self.a_name.append(" ".join(p.label() for p in (*given, family)))
            self.a_kind.append("combined")
            self.a_flags.append(COMBINED)
            parsed = ParsedName(f"{g} {f}", (*given, family), 0, ())
            self.a_parsed.append(parsed)
            self.a_spellings.append(tuple(dict.fromkeys(p.spelling for p in parsed.parts)))
            self.a_unique.append(0)
            self._index_alias(aidx, parsed, "person")

    def _index_alias(self, aidx: int, parsed: ParsedName, etype: str) -> None:
        """Blocking entries of an alias, by the coarse keys of its significant parts.

        A match always covers the alias's last significant part (its family name), and its
        first one or its given name too, unless the query is a family name alone. So an alias
        is found under the spellings of (first, last) and (given name, last), under its last
        part for one-word queries, or under its only part. A query looks these up with the
        table spellings each of its parts may be.
        """
        lex = self.lex
        parts = [p for p in parsed.parts if not _generic(lex, p, etype)] or list(parsed.parts)
        last = parts[-1].spelling
        if len(parts) == 1:
            put(self.single, last, aidx)
            return
        firsts = {parts[0].spelling}
        if 0 <= parsed.head < len(parsed.parts) - 1:
            firsts.add(parsed.parts[parsed.head].spelling)
            if parsed.parts[parsed.head].groups & lex.optional_first:
                # Javad Zarif finds Mohammad Javad Zarif (see score._skip_optional_first)
                after = parsed.parts[parsed.head + 1]
                if parsed.head + 2 < len(parsed.parts) and not (
                    after.nasab or after.prefix or after.article
                ):
                    firsts.add(after.spelling)
        if etype == "person":
            # Abu Walid al-Sahrawi of Adnan Abu Walid al-Sahrawi: a kunya inside the name with
            # the family name is how the person is known (see score.py: a kunya-led name)
            firsts.update(p.spelling for p in parts[1:-1] if p.prefix in ("abu", "umm"))
        pairs = self.pairs
        for first in firsts:
            by_last = pairs.get(first)
            if by_last is None:  # (setdefault would make a dict for every call)
                by_last = pairs[first] = {}
            put(by_last, last, aidx)
        if etype == "person" and len(parts) >= 4 and parts[1].spelling != last:
            # the first names of a nasab chain (see score._nasab_prefix)
            put(pairs.setdefault(parts[0].spelling, {}), parts[1].spelling, aidx)
        if etype == "person" and two_family_names(lex, parts) and parts[-2].spelling != last:
            # the given name and the first of two family names (see score._first_surname)
            put(pairs.setdefault(parts[0].spelling, {}), parts[-2].spelling, aidx)
        # one-word queries: a given name alone only finds a family name written with the
        # article (Assad ~ al-Assad), other words any family name (see score.py)
        put(self.last, last, aidx)
        if parts[-1].article:
            put(self.last_article, last, aidx)

    def _intern(self, part: Part) -> Part:
        known = self.parts.get(part.spelling)
        if known is None:
            self.parts[part.spelling] = part
            self._index_part(part)
            return part
        if known is part or known == part:  # mostly the very object (make_part's cache)
            return known
        return part  # same spelling, other flags (article, nasab): keep its own flags

    def _index_part(self, part: Part) -> None:
        spelling = part.spelling
        for f in {part.fold, part.alt, *part.latin} - {""}:
            self.by_fold.setdefault(f"{part.prefix}:{f}", []).append(spelling)
        for key in part_keys(part):
            self.by_key.setdefault(key, []).append(spelling)
        for group in part.groups:
            self.by_group.setdefault(group, []).append(spelling)
