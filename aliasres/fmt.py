"""The table formatter: one canonical YAML layout for alias tables.

:func:`format_table` writes entities sorted by id, each entity's aliases de-duplicated by
normalized form (the first spelling of a form is kept, which is also the one the resolver
indexes), and reject names sorted and de-duplicated. The output is stable (formatting it again
changes nothing) and :func:`aliasres.tables.load_table` reads it back to the same entities.

A leading block of ``#`` comments (the table's header, which names its sources) is kept.
Comments further down cannot be kept by a formatter that rebuilds the file, so
:func:`format_file` refuses such files unless ``drop_comments=True``.

>>> from aliasres.types import Alias, Entity
>>> print(format_table([Entity("x/1", "person", "Ali", (Alias("ALI"), Alias("Aly", lang="en")))]))
entities:
  - id: x/1
    type: person
    name: Ali
    aliases:
      - {name: Aly, lang: en}
<BLANKLINE>
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import yaml

from .atomic import write_atomic_bytes
from .data import yaml_loader
from .errors import AliasTableError
from .normalize import normalize
from .tables import Extension, Table, is_jsonl, parse_jsonl, parse_table, read_table_file
from .types import Alias, Entity

__all__ = [
    "FormatResult",
    "dedupe_aliases",
    "format_file",
    "format_jsonl",
    "format_table",
    "header_comments",
    "write_atomic",
    "yaml_scalar",
]

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# Characters a YAML stream may hold unescaped (PyYAML's reader refuses the others), minus
# the ones that YAML treats as line breaks or that are invisible and easy to lose.
_NEEDS_ESCAPE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = set(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _NEEDS_ESCAPE.match(ch):
            code = ord(ch)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


#: inside [...] or {...} libyaml refuses a colon followed by anything but a letter or digit
_FLOW_COLON = re.compile(r":(?![0-9A-Za-z])")


def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar that loads back as the same string.

    Plain (unquoted) when that is unambiguous, else double-quoted. ``flow=True`` for a value
    inside ``[...]`` or ``{...}``, where commas and brackets also need quotes.

    >>> yaml_scalar("Abu Kamal"), yaml_scalar("yes"), yaml_scalar("a: b")
    ('Abu Kamal', '"yes"', '"a: b"')
    >>> yaml_scalar("x, y", flow=True)
    '"x, y"'
    """
    plain = (
        bool(text)
        and text == text.strip(" ")
        and text[0] not in _PLAIN_BAD_START
        and not _NEEDS_ESCAPE.search(text)
        and "\t" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and (_FLOW_CHARS & set(text) or _FLOW_COLON.search(text)))
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG  # type: ignore[no-untyped-call]
    )
    return text if plain else _double_quoted(text)


def dedupe_aliases(entity: Entity) -> Entity:
    """``entity`` without the aliases whose normalized form is already among its names.

    Of the listings of one normalized form the strongest is kept (a plain alias over a weak
    one, a weak one over an epithet; among equals the first), as in the resolver's index, so
    dropping the others does not change what the entity matches.
    """
    from .index import strongest_listings

    best = strongest_listings(entity.names())  # the canonical name outranks any alias
    kept = [a for a in entity.aliases if best.get(normalize(a.name)) is a]
    if len(kept) == len(entity.aliases):
        return entity
    return replace(entity, aliases=tuple(kept))


def _alias(alias: Alias) -> str:
    if alias == Alias(alias.name):
        return yaml_scalar(alias.name)
    fields = [f"name: {yaml_scalar(alias.name, flow=True)}"]
    if alias.kind != "spelling":
        fields.append(f"kind: {yaml_scalar(alias.kind, flow=True)}")
    if alias.lang is not None:
        fields.append(f"lang: {yaml_scalar(alias.lang, flow=True)}")
    if alias.weak:
        fields.append("weak: true")
    if alias.shared:
        fields.append("shared: true")
    if alias.typed:
        fields.append("typed: true")
    return "{" + ", ".join(fields) + "}"


def _entity(entity: Entity, out: list[str]) -> None:
    out.append(f"  - id: {yaml_scalar(entity.id)}")
    out.append(f"    type: {yaml_scalar(entity.type)}")
    out.append(f"    name: {yaml_scalar(entity.name)}")
    if entity.countries:
        codes = ", ".join(yaml_scalar(c, flow=True) for c in entity.countries)
        out.append(f"    countries: [{codes}]")
    if entity.level is not None:
        out.append(f"    level: {yaml_scalar(entity.level)}")
    if entity.within is not None:
        out.append(f"    within: {yaml_scalar(entity.within)}")
    if not entity.fuzzy:
        out.append("    fuzzy: false")
    # dates are checked YYYY[-MM[-DD]] or YYYY..YYYY: written plain, the reader takes
    # YAML's number and timestamp readings of them as dates
    if entity.born:
        out.append(f"    born: [{', '.join(entity.born)}]")
    if entity.died:
        out.append(f"    died: [{', '.join(entity.died)}]")
    if entity.gender is not None:
        out.append(f"    gender: {yaml_scalar(entity.gender)}")
    if entity.same_as:
        out.append(f"    same_as: [{', '.join(yaml_scalar(i, flow=True) for i in entity.same_as)}]")
    if entity.description is not None:
        out.append(f"    description: {yaml_scalar(entity.description)}")
    if entity.sources:
        out.append("    sources:")
        out.extend(f"      - {yaml_scalar(s)}" for s in entity.sources)
    if entity.aliases:
        out.append("    aliases:")
        out.extend(f"      - {_alias(a)}" for a in entity.aliases)


def format_table(
    entities: Iterable[Entity] | Table,
    *,
    reject: Iterable[str] = (),
    extend: Iterable[Extension] = (),
    header: str = "",
) -> str:
    """The canonical YAML text of a table.

    Every section of the schema (:data:`aliasres.tables.TOP_LEVEL_KEYS`) is written:
    ``entities``, then ``reject``, then ``extend``.

    Args:
        entities: the entities, or a whole :class:`~aliasres.tables.Table` (its ``reject``
            names and ``extend`` entries are then included too).
        reject: names that must never resolve (sorted and de-duplicated in the output).
        extend: aliases for entities of other tables (sorted by id, the entries of one id
            merged, aliases de-duplicated by normalized form).
        header: comment lines to put first (each should start with ``#``).

    Raises:
        ValueError: two entities share an id (a table cannot hold both).
    """
    if isinstance(entities, Table):
        reject = [*entities.reject, *reject]
        extend = [*entities.extend, *extend]
        entities = entities.entities
    ordered = sorted((dedupe_aliases(e) for e in entities), key=lambda e: e.id)
    for a, b in itertools.pairwise(ordered):
        if a.id == b.id:
            raise ValueError(f"duplicate entity id {a.id!r}")
    out: list[str] = []
    if header:
        out.extend(header.rstrip("\n").split("\n"))
    rejects: dict[str, str] = {}
    for name in reject:  # the first spelling of a normalized form is kept
        rejects.setdefault(normalize(name), name)
    extensions = _merged_extensions(extend)
    if ordered:
        out.append("entities:")
        for entity in ordered:
            _entity(entity, out)
    elif not rejects and not extensions:
        out.append("entities: []")
    if rejects:
        out.append("reject:")
        out.extend(f"  - {yaml_scalar(n)}" for _, n in sorted(rejects.items()))
    if extensions:
        out.append("extend:")
        for eid, aliases in extensions:
            out.append(f"  - id: {yaml_scalar(eid)}")
            if aliases:
                out.append("    aliases:")
                out.extend(f"      - {_alias(a)}" for a in aliases)
    return "\n".join(out) + "\n"


def _merged_extensions(extend: Iterable[Extension]) -> list[tuple[str, list[Alias]]]:
    """The ``extend`` entries sorted by id, one per id, its aliases de-duplicated as an
    entity's are (the strongest listing of a normalized form kept)."""
    from .index import strongest_listings

    merged: dict[str, list[Alias]] = {}
    for ext in extend:
        merged.setdefault(ext.id, []).extend(ext.aliases)
    out: list[tuple[str, list[Alias]]] = []
    for eid in sorted(merged):
        best = strongest_listings(merged[eid])
        out.append((eid, [a for a in merged[eid] if best.get(normalize(a.name)) is a]))
    return out


def _json_alias(alias: Alias) -> str | dict[str, object]:
    if alias == Alias(alias.name):
        return alias.name
    fields: dict[str, object] = {"name": alias.name}
    if alias.kind != "spelling":
        fields["kind"] = alias.kind
    if alias.lang is not None:
        fields["lang"] = alias.lang
    if alias.weak:
        fields["weak"] = True
    if alias.shared:
        fields["shared"] = True
    if alias.typed:
        fields["typed"] = True
    return fields


def format_jsonl(
    entities: Iterable[Entity] | Table,
    *,
    reject: Iterable[str] = (),
    extend: Iterable[Extension] = (),
) -> str:
    """The JSON Lines text of a table (see :func:`aliasres.tables.parse_jsonl`): one entity a
    line, sorted and de-duplicated as :func:`format_table` does, then one ``reject`` line and
    one line per ``extend`` entry.
    JSON has no comments, so a table header is not kept.

    Raises:
        ValueError: two entities share an id.
    """
    if isinstance(entities, Table):
        reject = [*entities.reject, *reject]
        extend = [*entities.extend, *extend]
        entities = entities.entities
    ordered = formatted_entities(list(entities))
    for a, b in itertools.pairwise(ordered):
        if a.id == b.id:
            raise ValueError(f"duplicate entity id {a.id!r}")
    out: list[str] = []
    for e in ordered:
        row: dict[str, object] = {"id": e.id, "type": e.type, "name": e.name}
        if e.countries:
            row["countries"] = list(e.countries)
        if e.born:
            row["born"] = list(e.born)
        if e.died:
            row["died"] = list(e.died)
        if e.gender is not None:
            row["gender"] = e.gender
        if e.same_as:
            row["same_as"] = list(e.same_as)
        if e.level is not None:
            row["level"] = e.level
        if e.within is not None:
            row["within"] = e.within
        if not e.fuzzy:
            row["fuzzy"] = False
        if e.description is not None:
            row["description"] = e.description
        if e.sources:
            row["sources"] = list(e.sources)
        if e.aliases:
            row["aliases"] = [_json_alias(a) for a in e.aliases]
        out.append(json.dumps(row, ensure_ascii=False))
    rejects: dict[str, str] = {}
    for name in reject:
        rejects.setdefault(normalize(name), name)
    if rejects:
        names = [n for _, n in sorted(rejects.items())]
        out.append(json.dumps({"reject": names}, ensure_ascii=False))
    for eid, aliases in _merged_extensions(extend):  # every section, as format_table
        entry: dict[str, object] = {"id": eid}
        if aliases:
            entry["aliases"] = [_json_alias(a) for a in aliases]
        out.append(json.dumps({"extend": entry}, ensure_ascii=False))
    return "".join(line + "\n" for line in out)


def header_comments(text: str) -> str:
    """The leading lines of ``text`` that are comments (blank lines between them included)."""
    lines = text.split("\n")
    end = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            end = i + 1
        elif stripped:
            break
    return "\n".join(lines[:end]) + ("\n" if end else "")


def _interior_comment_lines(text: str, start: int) -> list[int]:
    """1-based lines after offset ``start`` that hold a ``#`` comment (not a ``#`` in a string)."""
    spans: list[tuple[int, int]] = []
    for token in yaml.scan(text, Loader=yaml_loader()):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    starts = [s for s, _ in spans]
    lines: list[int] = []
    for m in re.finditer(r"(?:^|(?<=[ \t]))#", text, re.MULTILINE):
        pos = m.start()
        if pos < start:
            continue
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            continue
        lines.append(text.count("\n", 0, pos) + 1)
    return lines


@dataclass(frozen=True, slots=True)
class FormatResult:
    """What :func:`format_file` found: the new text, and whether it differs from the file."""

    path: str
    changed: bool
    text: str
    dropped_comments: tuple[int, ...] = ()


def format_file(
    path: str | os.PathLike[str], *, write: bool = True, drop_comments: bool = False
) -> FormatResult:
    """Format one table file in place (atomically); ``write=False`` only reports. A JSON
    Lines table (``.jsonl``) is written in :func:`format_jsonl`'s layout.

    Raises:
        AliasTableError: the table is invalid, or it has comments below its header and
            ``drop_comments`` is false (only when writing: a check just reports them).
    """
    name, raw = read_table_file(path)
    if is_jsonl(name):
        # a JSON Lines table stays one (no comments, so no header to keep)
        new = format_jsonl(parse_jsonl(raw, name))
        changed = new.encode("utf-8") != raw
        if write and changed:
            write_atomic(name, new)
        return FormatResult(name, changed, new)
    table = parse_table(raw, name)
    text = raw.decode("utf-8-sig")
    header = header_comments(text)
    comments = tuple(_interior_comment_lines(text, len(header)))
    new = format_table(table, header=header)
    changed = new.encode("utf-8") != raw
    if write and changed:
        if comments and not drop_comments:
            lines = ", ".join(map(str, comments[:5])) + (" ..." if len(comments) > 5 else "")
            raise AliasTableError(
                name,
                comments[0],
                f"comments below the header (lines {lines}) would be lost; move them into the "
                "header or descriptions, or pass --drop-comments",
            )
        write_atomic(name, new)
    return FormatResult(name, changed, new, comments)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and an atomic rename; a
    file replaced keeps its mode.

    A symbolic link is followed: the file it points to is replaced and the link kept."""
    data = text.encode("utf-8")
    write_atomic_bytes(os.path.realpath(path), lambda fh: fh.write(data), durable=True)


def formatted_entities(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities as the formatter writes them (sorted by id, aliases de-duplicated)."""
    return tuple(sorted((dedupe_aliases(e) for e in entities), key=lambda e: e.id))
