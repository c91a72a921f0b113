"""The compiled index file: an :class:`~aliasres.index.Index` stored once, memory-mapped on load.

``aliasres build TABLES -o index.ari`` (or :meth:`Resolver.build_index`) writes it;
:meth:`Resolver.load` maps it. Nothing is unpickled or executed: the file holds strings and
integer arrays, read in place through :mod:`mmap`, so a process answers within a second of
opening a file of a million names, and several processes (``jobs=N``, Spark executors on one
machine) share its pages instead of each holding a copy.

Layout (little-endian)::

    b"ALIASRES-INDEX\\0\\0"  16-byte magic
    u32 format version, u32 header length
    header: JSON (the sections' offsets and types, counts, options, reject names, the
            digest of the rules and code that built it, the SHA-256 of the payload)
    payload: the sections, each aligned to 8 bytes

A section is a string table (UTF-8 blob and offsets) or an array. A key -> aliases map is an
open-addressing hash table over a string table (CRC-32 of the key, linear probing) with its
values in CSR form (offsets into one array of alias numbers). The file is refused as a whole,
with :class:`~aliasres.errors.IndexFileError`, when it is truncated, foreign, of another format
version, built from other rules or code, or when its checksum does not match.

Objects the engine asks for (a :class:`~aliasres.parts.Part`, a parsed alias, an entity) are
rebuilt from their records on first use and kept (parts, entities) or kept a while (parsed
aliases, pair lists).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
import zlib
from array import array
from dataclasses import fields
from json.decoder import scanstring  # type: ignore[attr-defined]
from collections.abc import Iterable, Iterator, Sequence
from bisect import bisect_left
from itertools import accumulate, chain
from operator import sub
from typing import IO, Any

from .atomic import write_atomic_bytes
from .errors import IndexFileError
from .evidence import EntityFacts
from .gcpause import paused_gc
from .index import Index, pick, sum_values
from .links import Links
from .parts import Lexicon, ParsedName, Part, lexicon
from .types import Alias, Entity

__all__ = ["FORMAT_VERSION", "MAGIC", "MappedIndex", "build_digest", "write_index"]

MAGIC = b"ALIASRES-INDEX\0\0"
#: bump when the layout changes: older files are then refused (or rebuilt, in the cache).
#: 2: each entity's facts hold its full days of birth (aliasres.evidence.SAME_DAY)
#: 3: the keyed postings hold weak names too (the rivals of Resolver._owned_twice)
FORMAT_VERSION = 3
_ALIGN = 8
_ENC = "utf-8"
_ERRORS = "surrogatepass"  # a query may hold a lone surrogate: it must still hash and compare
_SEP = "\x1f"  # joins the idents of a keyed tuple, and the titles of an alias
#: how many parsed aliases and pair lists are kept between lookups (then the memo restarts)
_MEMO = 100_000
_SPELLING_MEMO = 400_000


def build_digest() -> str:
    """A digest of what an index depends on besides its tables: aliasres's code, the rule
    files and the Python version. An index built under another digest is refused."""
    from .cache import _code_digest
    from .data import bundled_dir

    digest = hashlib.sha256(_code_digest())
    digest.update(sys.version.encode())
    for path in sorted((bundled_dir() / "rules").glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------- writing
class _Writer:
    def __init__(self) -> None:
        self.chunks: list[bytes | bytearray | array[Any]] = []
        self.sections: dict[str, list[Any]] = {}
        self.size = 0

    def add(self, name: str, data: bytes | bytearray | array[Any], typecode: str) -> None:
        raw = data.tobytes() if isinstance(data, array) else bytes(data)
        pad = -self.size % _ALIGN
        if pad:
            self.chunks.append(b"\0" * pad)
            self.size += pad
        self.sections[name] = [self.size, len(raw), typecode]
        self.chunks.append(raw)
        self.size += len(raw)

    def strings(self, name: str, items: Iterable[str]) -> list[bytes]:
        encoded = [item.encode(_ENC, _ERRORS) for item in items]
        self.blobs(name, encoded)
        return encoded

    def blobs(self, name: str, encoded: list[bytes]) -> None:
        offsets = _narrow(array("Q", accumulate(map(len, encoded), initial=0)))
        self.add(f"{name}.blob", b"".join(encoded), "B")
        self.add(f"{name}.off", offsets, offsets.typecode)

    def csr(self, name: str, lists: Iterable[Sequence[int]]) -> None:
        lists = list(lists)
        offsets = _narrow(array("Q", accumulate(map(len, lists), initial=0)))
        self.add(f"{name}.off", offsets, offsets.typecode)
        self.add(f"{name}.val", array("i", chain.from_iterable(lists)), "i")

    def table(self, name: str, keys: Sequence[str]) -> None:
        """A hash table over ``keys`` (their positions are the values' positions)."""
        size = 8
        while size < 2 * len(keys):
            size *= 2
        mask = size - 1
        slots = array("i", [-1]) * size
        encoded = self.strings(f"{name}.keys", keys)
        crc = zlib.crc32
        for k, kb in enumerate(encoded):
            h = crc(kb) & mask
            while slots[h] != -1:
                h = (h + 1) & mask
            slots[h] = k
        self.add(f"{name}.slots", slots, "i")

    def postings(self, name: str, mapping: dict[str, Any]) -> None:
        keys = list(mapping)
        self.table(name, keys)
        self.csr(name, (_seq(mapping[k]) for k in keys))


def _seq(posting: int | list[int]) -> Sequence[int]:
    return (posting,) if isinstance(posting, int) else posting


def _narrow(offsets: array[int]) -> array[int]:
    return array("I", offsets) if not offsets or offsets[-1] < 2**32 else offsets


def _part_record(p: Part) -> list[Any]:
    return [
        p.core, p.prefix, p.article, p.nasab, p.arabic, p.fold, p.alt, p.skel, list(p.skels),
        p.key, p.ident, sorted(p.groups), sorted(p.latin), p.observed, p.spelling, p.phonetic,
        p.split_skel,
    ]


def _part_from(record: list[Any]) -> Part:
    (core, prefix, article, nasab, arabic, fold, alt, skel, skels, key, ident, groups, latin,
     observed, spelling, phonetic, split_skel) = record
    return Part(core, prefix, article, nasab, arabic, fold, alt, skel, tuple(skels), key, ident,
                frozenset(groups), frozenset(latin), observed, spelling, phonetic, split_skel)


_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))
_ALIAS_FIELDS = tuple(f.name for f in fields(Alias))


def _entity_record(e: Entity) -> str:
    """An entity as a JSON list of its fields in declaration order (the build digest ties a
    file to the code, so the order is that of the code reading it)."""
    values: list[Any] = []
    for name in _ENTITY_FIELDS:
        value = getattr(e, name)
        if name == "aliases":
            value = [[getattr(a, f) for f in _ALIAS_FIELDS] for a in value]
        elif isinstance(value, tuple):
            value = list(value)
        values.append(value)
    return json.dumps(values, ensure_ascii=False)


def _entity_from(text: str) -> Entity:
    values = json.loads(text)
    kwargs: dict[str, Any] = {}
    for name, value in zip(_ENTITY_FIELDS, values):
        if name == "aliases":
            value = tuple(Alias(*a) for a in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return Entity(**kwargs)


# an entity record begins with its id, type and name and ends with its level and fuzzy flag
# (the order of the Entity fields): what a match needs is read from there (see _entity_head)
_HEAD_FIELDS = _ENTITY_FIELDS[:3] == ("id", "type", "name") and _ENTITY_FIELDS[-2:] == (
    "level", "fuzzy"
)
_NO_LEVEL = (", null, true]", ", null, false]")
_AT = {name: i for i, name in enumerate(_ENTITY_FIELDS)}


def _entity_head(text: str) -> tuple[str, str, str, str | None]:
    """An entity record's id, name, type and level, without decoding the rest (its aliases,
    sources ...) when the record begins with three strings and has no level; else decoded."""
    if _HEAD_FIELDS and text.startswith('["') and text.endswith(_NO_LEVEL):
        eid, end = scanstring(text, 2)
        if text.startswith(', "', end):
            etype, end = scanstring(text, end + 3)
            if text.startswith(', "', end):
                name, end = scanstring(text, end + 3)
                return eid, name, etype, None
    values = json.loads(text)
    return values[_AT["id"]], values[_AT["name"]], values[_AT["type"]], values[_AT["level"]]


# an alias is written [name, kind, lang, weak, shared, typed]: a shared one ends so
_SHARED = (", true, false]", ", true, true]") if _ALIAS_FIELDS[-2:] == ("shared", "typed") else ()


def _may_share(text: str) -> bool:
    """Whether an entity record may hold an alias declared shared: False only when no alias
    of it can be (the record holds neither ending of a shared alias's list; a name that
    happens to hold one only costs decoding the entity)."""
    return not _SHARED or any(end in text for end in _SHARED)


def write_index(
    index: Index,
    path: str | os.PathLike[str],
    *,
    options: dict[str, Any],
    within: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Write ``index`` to ``path`` (through a temporary file and an atomic rename), with the
    resolver's ``options`` and the ``within`` chains of its places (place id -> ancestors)."""
    with paused_gc():  # millions of short-lived strings and lists, no cycles
        _write_index(index, path, options=options, within=within or {})


def _write_index(
    index: Index,
    path: str | os.PathLike[str],
    *,
    options: dict[str, Any],
    within: dict[str, tuple[str, ...]],
) -> None:
    w = _Writer()
    # the distinct parts (by value: one spelling may come with other flags), numbered
    # (by identity: parts are interned, so a rare equal copy only costs a record; the index
    # keeps every part alive while this runs)
    part_ids: dict[int, int] = {}
    parts: list[Part] = []

    def pid(p: Part) -> int:
        found = part_ids.get(id(p))
        if found is None:
            found = part_ids[id(p)] = len(parts)
            parts.append(p)
        return found

    for p in index.parts.values():
        pid(p)
    a_pids = [[pid(p) for p in parsed.parts] for parsed in index.a_parsed]
    w.strings("parts", (json.dumps(_part_record(p), ensure_ascii=False) for p in parts))
    spellings = [p.spelling for p in parts]
    w.strings("spelling", spellings)
    # spelling -> the part the index keeps for it (Index.parts)
    w.table("parts_by", list(index.parts))
    w.add("parts_by.val", array("i", [part_ids[id(p)] for p in index.parts.values()]), "i")
    first_of = {s: part_ids[id(p)] for s, p in index.parts.items()}
    for name in ("by_fold", "by_key", "by_group"):
        mapping: dict[str, list[str]] = getattr(index, name)
        keys = list(mapping)
        w.table(name, keys)
        w.csr(name, ([first_of[s] for s in mapping[k]] for k in keys))
    # entities
    w.strings("entities", (_entity_record(e) for e in index.entities))
    w.add("e_type", bytes(_TYPES.index(e.type) for e in index.entities), "B")
    ids = [e.id for e in index.entities]
    w.table("entity_index", ids)
    w.add("entity_index.val", array("i", [index.entity_index[i] for i in ids]), "i")
    # alias records
    w.add("a_entity", index.a_entity, "i")
    w.strings("a_name", index.a_name)
    kinds = sorted(set(index.a_kind))
    kind_code = {k: i for i, k in enumerate(kinds)}
    w.add("a_kind", bytes(kind_code[k] for k in index.a_kind), "B")
    w.add("a_flags", index.a_flags, "B")
    w.add("a_unique", index.a_unique, "B")
    w.strings("a_text", (p.text for p in index.a_parsed))
    w.add("a_head", array("i", [p.head for p in index.a_parsed]), "i")
    w.strings("a_titles", (_SEP.join(p.titles) for p in index.a_parsed))
    w.csr("a_parts", a_pids)
    w.csr("a_spellings", ([first_of[s] for s in sp] for sp in index.a_spellings))
    raw = list(index.raw)
    w.table("raw", raw)
    w.add("raw.val", array("i", [index.raw[k] for k in raw]), "i")
    # linked entities (same_as) and the pooled facts of each group: small, as JSON
    links = index.links
    w.add("links.canonical", array("i", links.canonical), "i")
    extra = {
        "groups": {str(k): list(v) for k, v in links.groups.items()},
        "ids": {str(k): list(v) for k, v in links.ids.items()},
        "facts": {
            str(k): [sorted(f.countries), [list(b) for b in f.born], sorted(f.days)]
            for k, f in index.facts.items()
        },
        "within": {k: list(v) for k, v in within.items()},
    }
    w.add("extra", json.dumps(extra, ensure_ascii=False).encode(), "B")
    # postings: every other attribute that maps a string to aliases
    postings = []
    for name, value in vars(index).items():
        if name in _SPECIAL:
            continue
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise TypeError(f"the index's {name!r} has no place in a compiled index file")
        w.postings(name, value)
        postings.append(name)
    w.postings("keyed", {_SEP.join(k): v for k, v in index.keyed.items()})
    w.postings("concepts", {_SEP.join(k): v for k, v in index.concepts.items()})
    firsts = list(index.pairs)
    w.table("pairs", firsts)
    pair_last: list[int] = []
    pair_post: list[Sequence[int]] = []
    pair_ranges: list[range] = []
    for first in firsts:
        start = len(pair_last)
        # sorted by the last part's number: a lookup is a binary search
        for last_id, posting in sorted(
            (first_of[last], posting) for last, posting in index.pairs[first].items()
        ):
            pair_last.append(last_id)
            pair_post.append(_seq(posting))
        pair_ranges.append(range(start, len(pair_last)))
    w.csr("pairs", pair_ranges)
    w.add("pair_last", array("i", pair_last), "i")
    w.csr("pair_post", pair_post)

    payload_digest = hashlib.sha256()
    for chunk in w.chunks:
        payload_digest.update(chunk)
    header = {
        "format": FORMAT_VERSION,
        "build": build_digest(),
        "byteorder": sys.byteorder,
        "payload_bytes": w.size,
        "payload_sha256": payload_digest.hexdigest(),
        "sections": w.sections,
        "counts": {"entities": len(index.entities), "names": len(index.a_entity),
                   "parts": len(parts)},
        "options": options,
        "reject": sorted(index.reject),
        "kinds": kinds,
        "postings": postings,
    }
    head = json.dumps(header).encode()
    prefix = MAGIC + FORMAT_VERSION.to_bytes(4, "little") + len(head).to_bytes(4, "little") + head
    prefix += b"\0" * (-len(prefix) % _ALIGN)

    def write(fh: IO[bytes]) -> None:
        fh.write(prefix)
        for chunk in w.chunks:
            fh.write(chunk)

    write_atomic_bytes(path, write)


_TYPES = ("person", "organization", "place", "other")
#: the Index attributes written in their own way; any other must map strings to aliases
_SPECIAL = frozenset({
    "lex", "generic_words", "entities", "entity_index", "reject", "a_entity", "a_name",
    "a_kind", "a_flags", "a_parsed", "a_spellings", "a_unique", "raw", "keyed", "pairs",
    "parts", "by_fold", "by_key", "by_group", "links", "facts", "concepts",
})


# ---------------------------------------------------------------------------------- reading
class _Strings:
    """A string table in the file: ``s[i]`` decodes the i-th string."""

    __slots__ = ("_blob", "_off", "_base")

    def __init__(self, mm: mmap.mmap, base: int, off: memoryview) -> None:
        self._blob, self._base, self._off = mm, base, off

    def __len__(self) -> int:
        return len(self._off) - 1

    def raw(self, i: int) -> bytes:
        off, base = self._off, self._base
        return self._blob[base + off[i]: base + off[i + 1]]

    def __getitem__(self, i: int) -> str:
        off, base = self._off, self._base
        return self._blob[base + off[i]: base + off[i + 1]].decode(_ENC, _ERRORS)

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class _Table:
    """A hash table over a string table: the position of a key, or -1."""

    __slots__ = ("keys", "_slots", "_mask")

    def __init__(self, keys: _Strings, slots: memoryview) -> None:
        self.keys, self._slots, self._mask = keys, slots, len(slots) - 1

    def find(self, key: str) -> int:
        kb = key.encode(_ENC, _ERRORS)
        mask, slots, raw = self._mask, self._slots, self.keys.raw
        h = zlib.crc32(kb) & mask
        while True:
            k = slots[h]
            if k < 0 or raw(k) == kb:
                return k
            h = (h + 1) & mask


class _Postings:
    """key -> alias numbers (a memoryview slice, or None), as the engine's dict postings."""

    __slots__ = ("_table", "_off", "_val")

    def __init__(self, table: _Table, off: memoryview, val: memoryview) -> None:
        self._table, self._off, self._val = table, off, val

    def get(self, key: str, default: Any = None) -> Any:
        k = self._table.find(key)
        if k < 0:
            return default
        return self._val[self._off[k]: self._off[k + 1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.find(key) >= 0

    def __len__(self) -> int:
        return len(self._table.keys)

    def __iter__(self) -> Iterator[str]:
        """The keys, as a dict's (in the file's order)."""
        return iter(self._table.keys)


class _Keyed(_Postings):
    """The keyed postings, looked up by a tuple of idents."""

    __slots__ = ()

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(_SEP.join(key), default)


class _Single:
    """key -> one number (``raw``, ``entity_index``)."""

    __slots__ = ("_table", "_val")

    def __init__(self, table: _Table, val: memoryview) -> None:
        self._table, self._val = table, val

    def get(self, key: str, default: Any = None) -> Any:
        k = self._table.find(key) if isinstance(key, str) else -1
        return default if k < 0 else self._val[k]

    def __getitem__(self, key: str) -> int:
        k = self._table.find(key) if isinstance(key, str) else -1
        if k < 0:
            raise KeyError(key)
        value: int = self._val[k]
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.find(key) >= 0

    def __len__(self) -> int:
        return len(self._table.keys)


class _SpellingLists(_Postings):
    """key -> table spellings (``by_fold``, ``by_key``, ``by_group``); the lists asked for
    are kept a while (the keys of query parts repeat: one consonant key serves many
    spellings)."""

    __slots__ = ("_owner", "_memo")

    def __init__(self, table: _Table, off: memoryview, val: memoryview, owner: MappedIndex):
        super().__init__(table, off, val)
        self._owner = owner
        self._memo: dict[str, list[str] | None] = {}

    def get(self, key: str, default: Any = None) -> Any:
        memo = self._memo
        if key in memo:
            found = memo[key]
        else:
            ids = super().get(key)
            spelling = self._owner.spelling
            found = None if ids is None else [spelling(i) for i in ids]
            if len(memo) >= _MEMO:
                memo.clear()
            memo[key] = found
        return default if found is None else found


class _Parts(dict):  # type: ignore[type-arg]
    """spelling -> the :class:`Part` the index keeps for it; a dict of the parts asked for
    (found again by a C-level lookup), filled from the file on first use."""

    def __init__(self, table: _Table, val: memoryview, owner: MappedIndex) -> None:
        super().__init__()
        self._table, self._val, self._owner = table, val, owner

    def __missing__(self, spelling: str) -> Part:
        # by the spelling -> part number dict (built once, see _Pairs.part_id): a dict
        # lookup instead of hashing and comparing the encoded key in the file's table
        part: Part = self._owner._parts_by_id[self._owner.pairs.part_id[spelling]]
        self[spelling] = part
        return part

    def get(self, spelling: str, default: Any = None) -> Any:
        pid = self._owner.pairs.part_id.get(spelling) if isinstance(spelling, str) else None
        return default if pid is None else self._owner.part(pid)

    def __contains__(self, spelling: object) -> bool:
        return isinstance(spelling, str) and self._table.find(spelling) >= 0

    def __len__(self) -> int:
        return len(self._table.keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.keys)

    def keys(self) -> Iterator[str]:  # type: ignore[override]
        """Every spelling, in the file's order (that of :meth:`ids`)."""
        return iter(self._table.keys)

    def values(self) -> Iterator[Part]:  # type: ignore[override]
        """Every part, in the file's order (each decoded)."""
        return (self[s] for s in self._table.keys)

    def items(self) -> Iterator[tuple[str, Part]]:  # type: ignore[override]
        """Every (spelling, part), in the file's order."""
        return ((s, self[s]) for s in self._table.keys)

    def ids(self) -> memoryview:
        """The part number of each spelling of :meth:`keys`."""
        return self._val


class _Lasts:
    """The last parts paired with one first part: what the engine asks of an inner dict of
    :attr:`Index.pairs` (``inner.keys() & spellings``, ``inner[spelling]``), answered by a
    binary search over the sorted part numbers, without building the dict."""

    __slots__ = ("_lasts", "_base", "_pairs", "_set")

    def __init__(self, lasts: memoryview, base: int, pairs: _Pairs) -> None:
        self._lasts, self._base, self._pairs = lasts, base, pairs
        self._set: frozenset[int] | None = None

    def _at(self, spelling: object) -> int:
        pid = self._pairs.part_id.get(spelling) if isinstance(spelling, str) else None
        if pid is None:
            return -1
        lasts = self._lasts
        i = bisect_left(lasts, pid)
        return i if i < len(lasts) and lasts[i] == pid else -1

    def keys(self) -> _Lasts:
        return self

    def __and__(self, spellings: Iterable[str]) -> set[str]:
        ids = self._set
        if ids is None:
            ids = self._set = frozenset(self._lasts)
        part_id = self._pairs.part_id.get
        return {s for s in spellings if part_id(s) in ids}

    __rand__ = __and__

    def __contains__(self, spelling: object) -> bool:
        return self._at(spelling) >= 0

    def __len__(self) -> int:
        return len(self._lasts)

    def __iter__(self) -> Iterator[str]:
        spelling = self._pairs.owner.spelling
        return (spelling(pid) for pid in self._lasts)

    def __getitem__(self, spelling: str) -> memoryview:
        i = self._at(spelling)
        if i < 0:
            raise KeyError(spelling)
        p, poff = self._base + i, self._pairs.poff
        return self._pairs.pval[poff[p]: poff[p + 1]]

    def postings(self, ids: set[int]) -> Iterator[memoryview]:
        """The postings of the last parts numbered ``ids`` that are paired with this first
        part: a binary search each when they are few against a long list, else a set
        intersection (the set is kept with this object)."""
        lasts = self._lasts
        found: Iterable[int]
        if self._set is None and len(ids) * 16 < len(lasts):
            found = ids
        else:
            if self._set is None:
                self._set = frozenset(lasts)
            found = self._set & ids
        poff, pval, base, n = self._pairs.poff, self._pairs.pval, self._base, len(lasts)
        for pid in found:
            i = bisect_left(lasts, pid)
            if i < n and lasts[i] == pid:
                p = base + i
                yield pval[poff[p]: poff[p + 1]]


class _Pairs:
    """first spelling -> its :class:`_Lasts` (kept a while: a common given name is asked for
    again and again)."""

    __slots__ = ("_table", "_off", "_last", "poff", "pval", "owner", "_memo", "_part_id")

    def __init__(self, owner: MappedIndex, table: _Table, off: memoryview, last: memoryview,
                 poff: memoryview, pval: memoryview) -> None:
        self.owner, self._table, self._off, self._last = owner, table, off, last
        self.poff, self.pval = poff, pval
        self._memo: dict[str, _Lasts | None] = {}
        self._part_id: dict[str, int] | None = None

    @property
    def part_id(self) -> dict[str, int]:
        """spelling -> the number of the part the index keeps for it (built on first use)."""
        if self._part_id is None:
            parts = self.owner.parts
            self._part_id = dict(zip(parts.keys(), parts.ids()))
        return self._part_id

    def get(self, first: str, default: Any = None) -> Any:
        memo = self._memo
        if first in memo:
            found = memo[first]
            return found if found is not None else default
        k = self._table.find(first)
        if k < 0:
            found = None
        else:
            lo, hi = self._off[k], self._off[k + 1]
            found = _Lasts(self._last[lo:hi], lo, self)
        if len(memo) >= _MEMO:
            memo.clear()
        memo[first] = found
        return found if found is not None else default


class _PartMemo(dict):  # type: ignore[type-arg]
    """part number -> :class:`Part`, decoded from its record on first use and kept (the
    distinct parts are few beside the names)."""

    def __init__(self, records: _Strings) -> None:
        super().__init__()
        self._records = records

    def __missing__(self, i: int) -> Part:
        if not 0 <= i < len(self._records):
            raise IndexError(i)
        part = self[i] = _part_from(json.loads(self._records[i]))
        return part


class _Memo(dict):  # type: ignore[type-arg]
    """A per-alias (or per-entity) sequence read from the file: ``m[i]`` builds the i-th
    value on first use and keeps it a while. A dict underneath, so that a value already
    built is found at the cost of a dict lookup (the engine asks for these for every
    candidate of every query)."""

    def __init__(self, n: int, make: Any, limit: int = _MEMO) -> None:
        super().__init__()
        self._n, self._make, self._limit = n, make, limit

    def __missing__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if not -self._n <= i < self._n:
            raise IndexError(i)
        value = self._make(i % self._n)
        if dict.__len__(self) >= self._limit:
            self.clear()  # crude but bounded: the hot values come back at once
        self[i] = value
        return value

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(self._n))

    def __contains__(self, value: object) -> bool:
        return any(v == value for v in self)


class MappedIndex:
    """An :class:`~aliasres.index.Index` read in place from a compiled index file.

    It offers what the engine asks of an index (the same attribute names, lookups that
    return the same values), so the resolver and candidate generation use it unchanged.
    """

    #: read in place from a file (candidate generation prepares its arrays at load)
    mapped = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            with open(self.path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size < len(MAGIC) + 8:
                    raise IndexFileError(self.path, "not an aliasres index (too short)")
                mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except IndexFileError:
            raise
        except OSError as exc:
            raise IndexFileError(self.path, f"cannot read: {exc.strerror or exc}") from None
        except ValueError as exc:  # a NUL or a lone surrogate: no name the system can open
            raise IndexFileError(self.path, f"cannot read: {exc}") from None
        self._mm = mm
        header, base = _read_header(self.path, mm, size)
        self.header = header
        view = memoryview(mm)
        sections = header["sections"]

        def arr(name: str) -> memoryview:
            off, length, typecode = sections[name]
            return view[base + off: base + off + length].cast(typecode)

        def strings(name: str) -> _Strings:
            off, _, _ = sections[f"{name}.blob"]
            return _Strings(mm, base + off, arr(f"{name}.off"))

        def table(name: str) -> _Table:
            return _Table(strings(f"{name}.keys"), arr(f"{name}.slots"))

        def postings(name: str, cls: type[_Postings] = _Postings) -> Any:
            return cls(table(name), arr(f"{name}.off"), arr(f"{name}.val"))

        self.lex: Lexicon = lexicon()
        self.reject = frozenset(header["reject"])
        lex = self.lex
        self.generic_words = lex.stopwords | lex.org_designators | lex.place_designators
        self._part_records = strings("parts")
        # every distinct spelling, decoded once: ranking reads them for every candidate
        self._spelling_list: list[str] = list(strings("spelling"))
        # part number -> Part, decoded on first use (a dict: a part already decoded is found
        # by a C-level lookup, as every part of every alias read is)
        self._parts_by_id = _PartMemo(self._part_records)
        self.parts = _Parts(table("parts_by"), arr("parts_by.val"), self)
        self.by_fold = _SpellingLists(
            table("by_fold"), arr("by_fold.off"), arr("by_fold.val"), self
        )
        self.by_key = _SpellingLists(table("by_key"), arr("by_key.off"), arr("by_key.val"), self)
        self.by_group = _SpellingLists(
            table("by_group"), arr("by_group.off"), arr("by_group.val"), self
        )
        records = strings("entities")
        self.entities = _Memo(len(records), lambda i: _entity_from(records[i]))
        self._heads = _Memo(len(records), lambda i: _entity_head(records[i]))
        self._entity_records = records
        self.entity_index = _Single(table("entity_index"), arr("entity_index.val"))
        self.a_entity = arr("a_entity")
        self.a_name = strings("a_name")
        codes, kinds = arr("a_kind"), tuple(header["kinds"])
        self.a_kind = _Memo(len(codes), lambda i: kinds[codes[i]])
        self.a_flags = arr("a_flags")
        self.a_unique = arr("a_unique")
        texts, heads, titles = strings("a_text"), arr("a_head"), strings("a_titles")
        poff, pval = arr("a_parts.off"), arr("a_parts.val")
        part = self._parts_by_id.__getitem__

        toff = titles._off

        def parsed(i: int) -> ParsedName:
            t = titles[i] if toff[i] != toff[i + 1] else ""  # (most names have no title)
            return ParsedName(
                texts[i],
                tuple(map(part, pval[poff[i]: poff[i + 1]])),
                heads[i],
                tuple(t.split(_SEP)) if t else (),
            )

        self.a_parsed = _Memo(len(heads), parsed)
        soff, sval = arr("a_spellings.off"), arr("a_spellings.val")
        self._soff, self._sval = soff, sval
        self._e_type = arr("e_type")
        spelling_of = self._spelling_list.__getitem__
        self.a_spellings = _Memo(
            len(heads),
            lambda i: tuple(map(spelling_of, sval[soff[i]: soff[i + 1]])),
            _SPELLING_MEMO,
        )
        self.raw = _Single(table("raw"), arr("raw.val"))
        off, length, _ = sections["extra"]
        extra = json.loads(mm[base + off: base + off + length])
        self.links = Links(
            arr("links.canonical"),  # type: ignore[arg-type]  # indexed like the array
            {int(k): tuple(v) for k, v in extra["groups"].items()},
            {int(k): tuple(v) for k, v in extra["ids"].items()},
        )
        self.facts = {
            int(k): EntityFacts(frozenset(c), tuple(tuple(b) for b in born), frozenset(days))
            for k, (c, born, days) in extra["facts"].items()
        }
        #: place id -> the ids of the places that hold it, nearest first
        self.within: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in extra["within"].items()
        }
        for name in header["postings"]:  # exact, normal, last, single ...
            setattr(self, name, postings(name))
        self.keyed = postings("keyed", _Keyed)
        self.concepts = postings("concepts", _Keyed)
        self.pairs = _Pairs(self, table("pairs"), arr("pairs.off"), arr("pair_last"),
                            arr("pair_post.off"), arr("pair_post.val"))
        self._pairs_np: tuple[Any, Any, Any, Any] | None = None

    @property
    def options(self) -> dict[str, Any]:
        """The resolver options the file was built with (threshold, margin, max_candidates)."""
        return dict(self.header.get("options", {}))

    def spelling(self, i: int) -> str:
        """The i-th distinct part spelling."""
        return self._spelling_list[i]

    def part(self, i: int) -> Part:
        """The i-th distinct part."""
        found: Part = self._parts_by_id[i]
        return found

    def __len__(self) -> int:
        return len(self.entities)

    # what candidate generation reads, from the arrays (see the same methods of Index)
    def alias_type(self, aidx: int) -> str:
        """The type of the entity an alias record belongs to (no entity is decoded)."""
        return _TYPES[self._e_type[self.a_entity[aidx]]]

    def rank_sums(
        self, aliases: Sequence[int], best: dict[str, float]
    ) -> tuple[list[float], list[int]]:
        """For each alias, the sum of the values ``best`` gives its distinct spellings (0 for
        one it lacks), added in the record's order, and how many spellings it has; read as
        part numbers from the file, no spelling tuple is built."""
        part_id = self.pairs.part_id
        by_id: dict[int, float] = {}
        for spelling, value in best.items():
            pid = part_id.get(spelling)
            if pid is not None:
                by_id[pid] = value
        soff = self._soff
        starts = pick(soff, aliases)
        ends = pick(soff, [a + 1 for a in aliases])
        seqs = map(self._sval.__getitem__, map(slice, starts, ends))
        return sum_values(by_id, seqs), list(map(sub, ends, starts))

    def spelling_csr(self) -> tuple[dict[str, int], Any, Any]:
        """The spellings of every alias as numpy arrays: the file's own (see
        :meth:`Index.spelling_csr`), not copied."""
        import numpy as np

        return self.pairs.part_id, np.asarray(self._soff), np.asarray(self._sval)

    def pair_postings(self, firsts: Iterable[str], lasts: set[str]) -> Iterator[Sequence[int]]:
        """The postings of :attr:`pairs` under any of ``firsts`` paired with any of ``lasts``."""
        pairs = self.pairs
        part_id = pairs.part_id
        ids = {pid for s in lasts if (pid := part_id.get(s)) is not None}
        if not ids:
            return
        for a in firsts:
            found = pairs.get(a)
            if found is not None:
                yield from found.postings(ids)

    def add_pair_hits(
        self, firsts: Iterable[str], lasts: set[str], found: set[int], sets: Any
    ) -> None:
        """Add to ``found`` what :meth:`pair_postings` gives (``sets``: unused here)."""
        for posting in self.pair_postings(firsts, lasts):
            found.update(posting)

    def pair_arrays(self) -> tuple[Any, Any, Any, Any]:
        """The pair lists as numpy arrays (built on first use, about 10 ms a million pairs;
        the file's own arrays, except the keys): every (first, last) pair's key ``first
        number << 32 | last part number`` in one sorted array (first numbers count the
        pairs table's keys, whose pair lists follow one another in the file, each sorted by
        the last part's number), the first number of each part (-1: it begins no pair), and
        the postings' offsets and values."""
        arrays = self._pairs_np
        if arrays is None:
            import numpy as np

            pairs = self.pairs
            off = np.asarray(pairs._off).astype(np.int64)
            firsts = np.repeat(np.arange(len(off) - 1, dtype=np.int64), np.diff(off))
            keys = (firsts << 32) | np.asarray(pairs._last).astype(np.int64)
            first_no = np.full(len(self._part_records), -1, dtype=np.int64)
            part_id = pairs.part_id
            for k, spelling in enumerate(pairs._table.keys):
                first_no[part_id[spelling]] = k
            arrays = self._pairs_np = (
                keys, first_no, np.asarray(pairs.poff).astype(np.int64), np.asarray(pairs.pval)
            )
        return arrays

    def pair_firsts(self, pids: Any) -> Any:
        """For the part numbers ``pids`` (a numpy array), the high halves of the pair keys
        (see :meth:`pair_arrays`) of those that begin a pair, for :meth:`pair_block`."""
        first_no = self.pair_arrays()[1][pids]
        return first_no[first_no >= 0] << 32

    def pair_block(self, lookups: Sequence[tuple[Any, Sequence[Any]]]) -> Any:
        """The aliases of :meth:`pair_postings` for several lookups at once, as a numpy array
        (unsorted, with repeats): each lookup is (the first spellings, as
        :meth:`pair_firsts` gives them, and a list of arrays of the part numbers of the last
        ones). One binary search of every wanted pair in the sorted pair keys, one gathering
        of their postings."""
        import numpy as np

        keys, _, poff, pval = self.pair_arrays()
        wanted = []
        for firsts, lasts in lookups:
            if len(firsts) and lasts:
                last = lasts[0] if len(lasts) == 1 else np.concatenate(lasts)
                wanted.append((firsts[:, None] | last[None, :]).ravel())
        if not wanted or not len(keys):
            return np.zeros(0, dtype=np.int64)
        want = np.concatenate(wanted) if len(wanted) > 1 else wanted[0]
        want.sort()  # sorted needles: each search starts where the last one ended
        at = np.searchsorted(keys, want)
        np.minimum(at, len(keys) - 1, out=at)
        pair = at[keys[at] == want]
        if not len(pair):
            return np.zeros(0, dtype=np.int64)
        starts = poff[pair]
        lengths = poff[pair + 1] - starts
        ends = np.cumsum(lengths)
        flat = np.repeat(starts - (ends - lengths), lengths)
        flat += np.arange(int(ends[-1]))
        return pval[flat].astype(np.int64)

    def may_share(self, eidx: int) -> bool:
        """Whether the entity may declare a name shared (see :meth:`Index.may_share`), read
        from its record without decoding it."""
        return _may_share(self._entity_records[eidx])

    def entity_head(self, eidx: int) -> tuple[str, str, str, str | None]:
        """What a match tells of an entity: its id, name, type and level (read from the
        beginning and end of its record, not decoded whole; see :meth:`Index.entity_head`)."""
        head: tuple[str, str, str, str | None] = self._heads[eidx]
        return head

    def entity_of(self, aidx: int) -> Entity:
        """The entity an alias record belongs to."""
        entity: Entity = self.entities[self.a_entity[aidx]]
        return entity

    def group_of(self, aidx: int) -> int:
        """The number of the canonical entity of the group an alias record belongs to."""
        group: int = self.links.canonical[self.a_entity[aidx]]
        return group

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # pickled (to a worker process) as its path: the worker maps the same file
        return (MappedIndex, (self.path,))


def _read_header(path: str, mm: mmap.mmap, size: int) -> tuple[dict[str, Any], int]:
    """The header, once the file is known to be whole, ours, of this version and intact."""
    if mm[: len(MAGIC)] != MAGIC:
        raise IndexFileError(path, "not an aliasres index file")
    at = len(MAGIC)
    version = int.from_bytes(mm[at: at + 4], "little")
    if version != FORMAT_VERSION:
        raise IndexFileError(
            path,
            f"index format {version}, this aliasres reads format {FORMAT_VERSION}: "
            "rebuild it with `aliasres build`",
        )
    length = int.from_bytes(mm[at + 4: at + 8], "little")
    if at + 8 + length > size:
        raise IndexFileError(path, "truncated (the header is cut off)")
    try:
        header = json.loads(mm[at + 8: at + 8 + length])
        base = at + 8 + length
        base += -base % _ALIGN
        payload_bytes = int(header["payload_bytes"])
        expected_sha = str(header["payload_sha256"])
    except (ValueError, KeyError, TypeError):
        raise IndexFileError(path, "damaged header") from None
    if header.get("byteorder") != sys.byteorder:
        raise IndexFileError(path, f"built on a {header.get('byteorder')}-endian machine")
    if base + payload_bytes != size:
        what = "truncated" if base + payload_bytes > size else "has trailing bytes"
        raise IndexFileError(path, f"{what} ({size:,} bytes, expected {base + payload_bytes:,})")
    if header.get("build") != build_digest():
        raise IndexFileError(
            path,
            "built by another version of aliasres or other rules: rebuild it with "
            "`aliasres build`",
        )
    if hashlib.sha256(memoryview(mm)[base:]).hexdigest() != expected_sha:
        raise IndexFileError(path, "damaged (checksum mismatch)")
    return header, base
