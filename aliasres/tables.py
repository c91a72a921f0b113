"""Reading and validating alias tables (YAML, or JSON Lines for big tables).

A table is a mapping with ``entities`` (a list) and optionally ``reject`` (names that must
never resolve) and ``extend`` (aliases for entities of other tables); :data:`TOP_LEVEL_KEYS`
lists the sections. The schema is documented in ``docs/tables.md``. An invalid table raises
:class:`~aliasres.errors.AliasTableError` naming the file, the line and the problem; the
schema checks go on past the first problem, so one error lists every problem of the file
(``AliasTableError.problems``); a file that is not valid YAML stops at the first. Tables are
read with PyYAML's *safe* loader (libyaml's when available); anchors and aliases (``&a``/``*a``)
are refused, since no table needs them and they are the way to a "billion laughs" document.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .attributes import parse_date, parse_gender
from .countries import country_code
from .data import entity_table_paths, yaml_loader
from .errors import AliasTableError
from .gcpause import paused_gc
from .normalize import has_letters
from .places import within_chains
from .types import ALIAS_KINDS, ENTITY_TYPES, PLACE_LEVELS, Alias, Entity

__all__ = [
    "MAX_ID_LENGTH",
    "TOP_LEVEL_KEYS",
    "Extension",
    "Table",
    "load_table",
    "load_tables",
    "is_jsonl",
    "parse_jsonl",
    "parse_table",
    "read_table_file",
    "table_files",
]

MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 500
_ENTITY_KEYS = frozenset(
    {
        "id",
        "type",
        "name",
        "aliases",
        "countries",
        "sources",
        "description",
        "same_as",
        "born",
        "died",
        "gender",
        "within",
        "level",
        "fuzzy",
    }
)
#: scalars a date may be written as: YAML reads 1971 as a number, 1971-04-28 as a timestamp
_DATE_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"}
)
_ALIAS_KEYS = frozenset({"name", "kind", "lang", "weak", "shared", "typed"})
#: The sections of a table (what ``aliasres fmt`` must write back, every one).
TOP_LEVEL_KEYS = frozenset({"entities", "reject", "extend"})
_EXTEND_KEYS = frozenset({"id", "aliases"})
_ID_RE = re.compile(r"^[^\s]+$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_T = TypeVar("_T")
_TABLE_SUFFIXES = (".yaml", ".yml", ".jsonl")


@dataclass(frozen=True, slots=True)
class Extension:
    """Aliases a table adds to an entity defined in another table (``extend:``)."""

    id: str
    aliases: tuple[Alias, ...]
    path: str = "<string>"
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """The entities, extensions and reject names of one table file."""

    path: str
    entities: tuple[Entity, ...]
    reject: tuple[str, ...] = ()
    extend: tuple[Extension, ...] = ()


def _type_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {
        "str": "a string",
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
        "null": "empty",
    }.get(tag, tag)


class _Reader:
    """Validates the nodes of a YAML table; :class:`_JsonReader` the values of a JSON line.
    Both give the same messages: only the primitive checks differ. A problem raises in the
    method that meets it; the callers catch it per item (:meth:`attempt`, :meth:`items`) and
    go on, so that ``errors`` ends up holding every problem of the file."""

    null: Any = None  # what a missing optional list reads as (set below, once yaml is loaded)

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[tuple[int, AliasTableError]] = []
        self.item_line: int | None = None  # the line of the top-level item being read

    def record(self, problem: AliasTableError) -> None:
        """Note a problem; problems are reported by the top-level item they are in, in the
        order of the file, and in the order found within an item (a misspelt key before the
        key it leaves missing)."""
        if not isinstance(problem, _Recorded):
            key = self.item_line if self.item_line is not None else problem.line
            self.errors.append((key or 0, problem))

    def problems(self) -> list[AliasTableError]:
        return [p for _, p in sorted(self.errors, key=lambda e: e[0])]

    def attempt(self, parse: Callable[[], _T]) -> _T | None:
        """``parse()``, or None with its problem recorded."""
        try:
            return parse()
        except AliasTableError as exc:
            self.record(exc)
            return None

    def items(self, node: Any, what: str, parse: Callable[[Any], _T | None]) -> list[_T]:
        """Each element of a list parsed, the ones with problems left out (and recorded)."""
        out: list[_T] = []
        outer = self.item_line is None
        for element in self.sequence(node, what):
            if outer:
                self.item_line = self.line_of(element)
            try:
                value = self.attempt(lambda: parse(element))  # noqa: B023 (called at once)
            finally:
                if outer:
                    self.item_line = None
            if value is not None:
                out.append(value)
        return out

    def line_of(self, node: Any) -> int | None:
        return node.start_mark.line + 1 if node is not None else None

    def is_short_alias(self, node: Any) -> bool:
        return isinstance(node, yaml.ScalarNode)

    def fail(self, node: Any, problem: str) -> AliasTableError:
        return AliasTableError(self.path, self.line_of(node), problem)

    def mapping(self, node: Any, allowed: frozenset[str], what: str) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping, not {_type_name(node)}")
        out: dict[str, Any] = {}
        for key_node, value in node.value:
            # a bad key is recorded and skipped: the other keys are still checked
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.record(self.fail(key_node, f"{what}: keys must be strings"))
                continue
            key = key_node.value
            if key in out:
                self.record(self.fail(key_node, f"{what}: duplicate key '{key}'"))
                continue
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.record(self.fail(key_node, f"{what}: unknown key '{key}' (known: {known})"))
                continue
            out[key] = value
        return out

    def string(self, node: Any, what: str, *, empty_ok: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            hint = " (quote it)" if isinstance(node, yaml.ScalarNode) else ""
            raise self.fail(node, f"{what} must be a string, not {_type_name(node)}{hint}")
        value = str(node.value).strip()
        if not value and not empty_ok:
            raise self.fail(node, f"{what} is empty")
        return value

    def boolean(self, node: Any, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{what} must be true or false, not {_type_name(node)}")
        return node.value.lower() in ("true", "yes", "on", "y")

    def sequence(self, node: Any, what: str) -> list[Any]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list, not {_type_name(node)}")
        return list(node.value)

    def name(self, node: Any, what: str) -> str:
        value = self.string(node, what)
        if "\x00" in value:
            raise self.fail(node, f"{what} contains a NUL character")
        if len(value) > MAX_NAME_LENGTH:
            raise self.fail(node, f"{what} is longer than {MAX_NAME_LENGTH} characters")
        if not has_letters(value):  # = not normalize(value), quicker
            raise self.fail(node, f"{what} {value!r} has no letters or digits")
        return value

    def country(self, node: Any, what: str) -> str:
        text = self.string(node, what)  # its own error names the place once (not re-wrapped)
        try:
            return country_code(text)
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def is_date(self, node: Any) -> bool:
        """A node that can only be one date (a scalar of a date's type)."""
        return isinstance(node, yaml.ScalarNode) and node.tag in _DATE_TAGS

    def date(self, node: Any, what: str) -> str:
        if not self.is_date(node):
            raise self.fail(
                node, f"{what} must be a date such as 1971-04-28, not {_type_name(node)}"
            )
        try:
            return parse_date(str(node.value))
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def dates(self, fields: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
        node = fields.get(key, self.null)
        if self.is_date(node):
            return (self.date(node, f"{what}: {key}"),)  # born: 1971 is one date
        return tuple(
            dict.fromkeys(
                self.date(d, f"{what}: {key}") for d in self.sequence(node, f"{what}: {key}")
            )
        )

    def alias(self, node: Any, owner: str) -> Alias:
        if self.is_short_alias(node):
            return Alias(self.name(node, f"entity '{owner}': alias"))
        what = f"entity '{owner}': alias"
        fields = self.mapping(node, _ALIAS_KEYS, what)
        if "name" not in fields:
            raise self.fail(node, f"{what}: missing 'name'")
        before = len(self.errors)
        name = self.attempt(lambda: self.name(fields["name"], f"{what} name"))
        kind: str | None = "spelling"
        if "kind" in fields:
            kind = self.attempt(lambda: self.alias_kind(fields["kind"], what))
        lang = (
            self.attempt(lambda: self.string(fields["lang"], f"{what} lang"))
            if "lang" in fields
            else None
        )
        weak = (
            self.attempt(lambda: self.boolean(fields["weak"], f"{what} weak"))
            if "weak" in fields
            else False
        )
        shared = (
            self.attempt(lambda: self.boolean(fields["shared"], f"{what} shared"))
            if "shared" in fields
            else False
        )
        typed = (
            self.attempt(lambda: self.boolean(fields["typed"], f"{what} typed"))
            if "typed" in fields
            else False
        )
        if len(self.errors) > before:
            raise _Recorded
        assert name is not None and kind is not None
        return Alias(name, kind, lang, bool(weak), bool(shared), bool(typed))

    def alias_kind(self, node: yaml.Node, what: str) -> str:
        kind = self.string(node, f"{what} kind")
        if kind not in ALIAS_KINDS:
            raise self.fail(
                node, f"{what}: unknown kind '{kind}' (known: {', '.join(ALIAS_KINDS)})"
            )
        return kind

    def extension(self, node: Any) -> Extension:
        fields = self.mapping(node, _EXTEND_KEYS, "extend")
        if "id" not in fields:
            raise self.fail(node, "extend: missing 'id'")
        before = len(self.errors)
        eid = self.string(fields["id"], "extend id")
        aliases = tuple(
            self.items(
                fields.get("aliases", self.null),
                f"extend '{eid}': aliases",
                lambda a: self.alias(a, eid),
            )
        )
        if len(self.errors) > before:
            raise _Recorded
        return Extension(eid, aliases, self.path, self.line_of(node))

    def entity(self, node: Any) -> Entity:
        before = len(self.errors)
        fields = self.mapping(node, _ENTITY_KEYS, "entity")
        for required in ("id", "name"):
            if required not in fields:
                self.record(self.fail(node, f"entity: missing '{required}'"))
        if "id" not in fields:
            raise _Recorded
        eid = self.string(fields["id"], "entity id")
        if len(eid) > MAX_ID_LENGTH or not _ID_RE.match(eid):
            raise self.fail(
                fields["id"],
                f"entity id {eid!r} must be 1-{MAX_ID_LENGTH} characters without spaces",
            )
        what = f"entity '{eid}'"
        etype: str | None = "other"
        if "type" in fields:
            etype = self.attempt(lambda: self.entity_type(fields["type"], what))
        name = (
            self.attempt(lambda: self.name(fields["name"], f"{what}: name"))
            if "name" in fields
            else None
        )
        aliases = tuple(
            self.items(
                fields.get("aliases", self.null), f"{what}: aliases", lambda a: self.alias(a, eid)
            )
        )
        # (a key that is absent reads as an empty list: skipped at once, most are absent)
        countries = tuple(
            dict.fromkeys(
                self.items(
                    fields["countries"],
                    f"{what}: countries",
                    lambda c: self.country(c, f"{what}: country"),
                )
            )
        ) if "countries" in fields else ()
        same_as = tuple(
            dict.fromkeys(
                self.items(
                    fields["same_as"],
                    f"{what}: same_as",
                    lambda t: self.link(t, eid, f"{what}: same_as"),
                )
            )
        ) if "same_as" in fields else ()
        gender = (
            self.attempt(lambda: self.gender(fields["gender"], what))
            if "gender" in fields
            else None
        )
        born: tuple[str, ...] = ()
        if "born" in fields:
            born = self.attempt(lambda: self.dates(fields, "born", what)) or ()
        died: tuple[str, ...] = ()
        if "died" in fields:
            died = self.attempt(lambda: self.dates(fields, "died", what)) or ()
        sources = tuple(
            self.items(
                fields.get("sources", self.null),
                f"{what}: sources",
                lambda s: self.string(s, f"{what}: source"),
            )
        )
        description = (
            self.attempt(
                lambda: self.string(fields["description"], f"{what}: description", empty_ok=True)
            )
            if "description" in fields
            else None
        )
        within_level = (
            self.attempt(lambda: self.place_fields(fields, eid, etype))
            if etype is not None and ("within" in fields or "level" in fields)
            else None
        )
        within, level = within_level or (None, None)
        fuzzy = (
            self.attempt(lambda: self.boolean(fields["fuzzy"], f"{what}: fuzzy"))
            if "fuzzy" in fields
            else True
        )
        if len(self.errors) > before:
            raise _Recorded
        assert etype is not None and name is not None and fuzzy is not None
        return Entity(
            eid,
            etype,
            name,
            aliases,
            countries,
            sources,
            description,
            self.path,
            self.line_of(node),
            same_as,
            born,
            died,
            gender,
            within=within,
            level=level,
            fuzzy=fuzzy,
        )

    def entity_type(self, node: Any, what: str) -> str:
        etype = self.string(node, f"{what}: type")
        if etype not in ENTITY_TYPES:
            raise self.fail(
                node, f"{what}: unknown type '{etype}' (known: {', '.join(ENTITY_TYPES)})"
            )
        return etype

    def link(self, node: Any, owner: str, what: str) -> str:
        target = self.string(node, what)
        if len(target) > MAX_ID_LENGTH or not _ID_RE.match(target):
            raise self.fail(node, f"{what}: {target!r} is not an id")
        if target == owner:
            raise self.fail(node, f"{what}: an entity is not linked to itself")
        return target

    def gender(self, node: yaml.Node, what: str) -> str:
        try:
            return parse_gender(self.string(node, f"{what}: gender"))
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def place_fields(
        self, fields: dict[str, yaml.Node], eid: str, etype: str
    ) -> tuple[str | None, str | None]:
        """``within`` (a parent place's id, checked across tables by load_tables) and
        ``level``: places only."""
        what = f"entity '{eid}'"
        for key in ("within", "level"):
            if key in fields and etype != "place":
                raise self.fail(fields[key], f"{what}: '{key}' is for places (type: place) only")
        within = None
        if "within" in fields:
            within = self.string(fields["within"], f"{what}: within")
            if not _ID_RE.match(within):
                raise self.fail(fields["within"], f"{what}: within {within!r} is not an id")
            if within == eid:
                raise self.fail(fields["within"], f"{what}: a place cannot be within itself")
        level = None
        if "level" in fields:
            level = self.string(fields["level"], f"{what}: level")
            if level not in PLACE_LEVELS:
                raise self.fail(
                    fields["level"],
                    f"{what}: unknown level '{level}' (known: {', '.join(PLACE_LEVELS)})",
                )
        return within, level


class _Recorded(AliasTableError):
    """An item had problems, already recorded in ``_Reader.errors``: leave the item out."""

    def __init__(self) -> None:
        super().__init__("", None, "(recorded)")


_NULL = yaml.ScalarNode("tag:yaml.org,2002:null", "")
_Reader.null = _NULL


#: A table nests five levels deep (table, entities, entity, aliases, alias); anything much
#: deeper is not a table, and libyaml recurses (and crashes) on very deep documents.
MAX_DEPTH = 20
_DASH_RUN = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH},}}")
_BRACKET = re.compile(r"[][{}]")
_DEEP_INDENT = re.compile(r"^ {40}", re.MULTILINE)
#: where an anchor (&a) or an alias (*a) may start: at the start of a line, or after a blank
#: or a flow indicator; anywhere else the character is part of a scalar
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[\]{},])[&*]", re.MULTILINE)


def _check_nesting(path: str, text: str) -> None:
    """Refuse deep nesting before libyaml sees it: its composer recurses (a crash on
    100,000 levels) and its scanner is quadratic in the depth of flow brackets. A linear
    scan that ignores quoting errs on the safe side: a real table nests 2 brackets deep."""
    m = _DASH_RUN.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise AliasTableError(
            path, line, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)"
        )
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for m in _BRACKET.finditer(text):  # only the brackets, not every character
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                raise AliasTableError(
                    path, line, f"the YAML is nested too deeply (over {MAX_DEPTH} brackets)"
                )
        elif depth:
            depth -= 1


def _may_need_event_check(text: str) -> bool:
    """Whether the text may hold an anchor or an alias, or block nesting deep enough to
    matter; when not (every ordinary table), the slow walk over the YAML events is skipped.

    A block collection nested in another starts further right, or (a list as a mapping's
    value) at the same column once; with no line indented 40 columns or more and no run of
    20 "- " or "? " on a line (``_check_nesting``), the composer cannot recurse far, and any
    nesting deeper than a table's few levels is refused by the schema checks instead."""
    return bool(_ANCHOR_OR_ALIAS.search(text) or _DEEP_INDENT.search(text))


def _check_events(reader: _Reader, text: str) -> None:
    """Walk the YAML events (libyaml's parser keeps its own stack, it does not recurse):
    refuse anchors and aliases (a "billion laughs" document) and deep block nesting."""
    loader = yaml_loader()(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if event is None:
                break
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise AliasTableError(reader.path, line, "YAML anchors and aliases are not allowed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise AliasTableError(
                        reader.path,
                        line,
                        f"the YAML is nested too deeply (over {MAX_DEPTH} levels)",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = exc.problem or str(exc)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "a tab character; indent with spaces"
    return line, f"invalid YAML: {problem}"


def parse_table(text: str | bytes, path: str = "<string>") -> Table:
    """Validate the YAML ``text`` of one table and return its entities.

    Raises:
        AliasTableError: unreadable YAML or a schema problem, with ``path`` and line.
    """
    reader = _Reader(path)
    if isinstance(text, bytes):
        text = _decode(text, path)
    text = text.removeprefix("\ufeff")
    surrogate = _SURROGATE.search(text)
    if surrogate:  # only a str can hold one (bytes are decoded strictly above)
        line = text.count("\n", 0, surrogate.start()) + 1
        raise AliasTableError(path, line, "not valid Unicode: a lone surrogate character")
    _check_nesting(path, text)
    try:
        if _may_need_event_check(text):
            _check_events(reader, text)
        root = yaml.compose(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as exc:
        where, problem = _yaml_problem(exc, text)
        raise AliasTableError(path, where, problem) from None
    except yaml.YAMLError as exc:
        raise AliasTableError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise AliasTableError(path, None, "the YAML is nested too deeply") from None
    if root is None:
        return Table(path, ())
    top = reader.attempt(lambda: reader.mapping(root, TOP_LEVEL_KEYS, "table")) or {}
    entities = (
        reader.attempt(lambda: reader.items(top.get("entities", _NULL), "entities", reader.entity))
        or []
    )
    reject = tuple(
        reader.attempt(
            lambda: reader.items(
                top.get("reject", _NULL), "reject", lambda n: reader.name(n, "reject entry")
            )
        )
        or ()
    )
    extend = tuple(
        reader.attempt(lambda: reader.items(top.get("extend", _NULL), "extend", reader.extension))
        or ()
    )
    return _table(reader, path, entities, reject, extend)


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise AliasTableError(
            path, bad_line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _table(
    reader: _Reader,
    path: str,
    entities: list[Entity],
    reject: tuple[str, ...],
    extend: tuple[Extension, ...],
) -> Table:
    """The table, once no id is defined twice in it and ``reader`` met no problem (else one
    error listing them all)."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in seen:
            reader.record(
                AliasTableError(
                    path,
                    entity.line,
                    f"duplicate id '{entity.id}' (first at line {seen[entity.id].line})",
                )
            )
            continue
        seen[entity.id] = entity
    problems = reader.problems()
    if problems:  # in the order found: within an entity a misspelt key before what it lacks
        raise AliasTableError.of(problems)
    return Table(path, tuple(entities), reject, extend)


def _json_type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "empty"
    return "a string"


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


class _DuplicateKey(Exception):
    pass


class _JsonReader(_Reader):
    """The checks of :class:`_Reader` on the values of one JSON line (every value of the
    line is on that line)."""

    null = None

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.line = 0

    def line_of(self, node: Any) -> int | None:
        return self.line

    def is_short_alias(self, node: Any) -> bool:
        return not isinstance(node, dict)

    def mapping(self, node: Any, allowed: frozenset[str], what: str) -> dict[str, Any]:
        if not isinstance(node, dict):
            raise self.fail(node, f"{what} must be a mapping, not {_json_type_name(node)}")
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(node, f"{what}: unknown key '{key}' (known: {known})")
        return node

    def string(self, node: Any, what: str, *, empty_ok: bool = False) -> str:
        if not isinstance(node, str):
            hint = " (quote it)" if node is not None and not isinstance(node, (dict, list)) else ""
            raise self.fail(node, f"{what} must be a string, not {_json_type_name(node)}{hint}")
        if _SURROGATE.search(node):
            raise self.fail(node, "not valid Unicode: a lone surrogate character")
        value = node.strip()
        if not value and not empty_ok:
            raise self.fail(node, f"{what} is empty")
        return value

    def boolean(self, node: Any, what: str) -> bool:
        if not isinstance(node, bool):
            raise self.fail(node, f"{what} must be true or false, not {_json_type_name(node)}")
        return node

    def is_date(self, node: Any) -> bool:
        return isinstance(node, (str, int)) and not isinstance(node, bool)

    def date(self, node: Any, what: str) -> str:
        if not self.is_date(node):
            raise self.fail(
                node, f"{what} must be a date such as 1971-04-28, not {_json_type_name(node)}"
            )
        try:
            return parse_date(str(node))
        except ValueError as exc:
            raise self.fail(node, f"{what}: {exc}") from None

    def sequence(self, node: Any, what: str) -> list[Any]:
        if node is None:
            return []
        if not isinstance(node, list):
            raise self.fail(node, f"{what} must be a list, not {_json_type_name(node)}")
        return node

    def entity(self, node: Any) -> Entity:
        if type(node) is dict and node.keys() <= _PLAIN_KEYS:
            plain = self._plain_entity(node)
            if plain is not None:
                return plain
        return super().entity(node)

    def _plain_entity(self, node: dict[str, Any]) -> Entity | None:
        """The entity of a line holding only an id, a type, a name, aliases and sources,
        all valid: what :meth:`_Reader.entity`
        makes of it, without its bookkeeping per field (bulk tables are mostly such lines).
        None for anything else, which :meth:`_Reader.entity` then reads and reports."""
        text, name_of = _plain_text, self._plain_name
        eid = text(node.get("id"))
        if eid is None or len(eid) > MAX_ID_LENGTH or not _ID_RE.match(eid):
            return None
        etype = text(node["type"]) if "type" in node else "other"
        name = name_of(node.get("name"))
        if etype not in ENTITY_TYPES or name is None:
            return None
        aliases: list[Alias] = []
        raw = node.get("aliases")
        if raw is not None:
            if type(raw) is not list:
                return None
            for alias in raw:
                if type(alias) is not dict:
                    alias_name = name_of(alias)
                    if alias_name is None:
                        return None
                    aliases.append(Alias(alias_name))
                    continue
                if not alias.keys() <= _ALIAS_KEYS:
                    return None
                alias_name = name_of(alias.get("name"))
                kind = text(alias["kind"]) if "kind" in alias else "spelling"
                lang = text(alias["lang"]) if "lang" in alias else None
                flags = [alias.get(flag, False) for flag in ("weak", "shared", "typed")]
                if (
                    alias_name is None
                    or kind not in ALIAS_KINDS
                    or (lang is None and "lang" in alias)
                    or any(type(flag) is not bool for flag in flags)
                ):
                    return None
                aliases.append(Alias(alias_name, kind, lang, *flags))
        sources: list[str] = []
        raw = node.get("sources")
        if raw is not None:
            if type(raw) is not list:
                return None
            for source in raw:
                value = text(source)
                if value is None:
                    return None
                sources.append(value)
        return Entity(
            eid, etype, name, tuple(aliases), (), tuple(sources), None, self.path, self.line
        )

    def _plain_name(self, node: Any) -> str | None:
        """:meth:`name` of a valid name; None where it would raise."""
        value = _plain_text(node)
        if (
            value is None
            or "\x00" in value
            or len(value) > MAX_NAME_LENGTH
            or not has_letters(value)
        ):
            return None
        return value


#: the keys of an entity that :meth:`_JsonReader._plain_entity` reads
_PLAIN_KEYS = frozenset({"id", "type", "name", "aliases", "sources"})


def _plain_text(node: Any) -> str | None:
    """:meth:`_JsonReader.string` of a valid, non-empty string; None where it would raise."""
    if type(node) is not str or _SURROGATE.search(node):
        return None
    return node.strip() or None


def parse_jsonl(text: str | bytes, path: str = "<string>") -> Table:
    """Validate a JSON Lines table: one entity a line, as a JSON object with the keys of a
    YAML table's entity (``id``, ``type``, ``name``, ``aliases`` ...). A line may instead
    hold ``{"reject": [names]}`` or ``{"extend": {"id": ..., "aliases": [...]}}``; blank
    lines are skipped. The checks and messages are those of :func:`parse_table`.

    Raises:
        AliasTableError: invalid JSON or a schema problem, with ``path`` and line.
    """
    if isinstance(text, bytes):
        text = _decode(text, path)
    text = text.removeprefix("\ufeff")
    reader = _JsonReader(path)
    entities: list[Entity] = []
    reject: list[str] = []
    extend: list[Extension] = []
    loads = json.JSONDecoder(object_pairs_hook=_pairs_no_duplicates).decode
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        reader.line = number
        # each line is a record of its own: a problem is recorded and the next line read
        try:
            value = loads(line)
        except json.JSONDecodeError as exc:
            reader.record(
                AliasTableError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})")
            )
            continue
        except _DuplicateKey as exc:
            reader.record(AliasTableError(path, number, f"duplicate key '{exc.args[0]}'"))
            continue
        except RecursionError:
            reader.record(AliasTableError(path, number, "the JSON is nested too deeply"))
            continue
        if isinstance(value, dict) and len(value) == 1 and ("reject" in value or "extend" in value):
            if "reject" in value:
                reject.extend(
                    reader.attempt(
                        lambda: reader.items(
                            value["reject"],  # noqa: B023 (called at once)
                            "reject",
                            lambda n: reader.name(n, "reject entry"),
                        )
                    )
                    or ()
                )
            else:
                found = reader.attempt(lambda: reader.extension(value["extend"]))  # noqa: B023
                if found is not None:
                    extend.append(found)
            continue
        entity = reader.attempt(lambda: reader.entity(value))  # noqa: B023 (called at once)
        if entity is not None:
            entities.append(entity)
    return _table(reader, path, entities, tuple(reject), tuple(extend))


def read_table_file(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """The path as a string and the bytes of a table file.

    Raises:
        AliasTableError: the file cannot be read (the message names it).
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            return name, fh.read()
    except OSError as exc:
        raise AliasTableError(name, None, f"cannot read: {exc.strerror or exc}") from None


def load_table(path: str | os.PathLike[str]) -> Table:
    """Read and validate one table file: JSON Lines when its name ends in ``.jsonl``,
    else YAML."""
    name, data = read_table_file(path)
    with paused_gc():
        if is_jsonl(name):
            return parse_jsonl(data, name)
        return parse_table(data, name)


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    """A JSON Lines table (by its name: ``.jsonl``)."""
    return os.fspath(path).endswith(".jsonl")


def table_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories (``*.yaml``, ``*.yml`` and ``*.jsonl`` below them,
    sorted) into files.

    Raises:
        TypeError: a path is not a ``str`` or ``os.PathLike``.
        AliasTableError: a path is empty, does not exist or cannot be read, or is a directory
            with no table file.
    """
    files: list[Path] = []
    for item in paths:
        if not isinstance(item, (str, os.PathLike)):
            # Path() would raise from inside pathlib, naming neither the argument nor the fix
            hint = " (give each path as its own argument)" if isinstance(item, list | tuple) else ""
            raise TypeError(f"a table path must be str or os.PathLike, not {type(item).__name__}"
                            + hint)
        if not os.fspath(item):
            # Path("") is the current directory: an empty setting would load every table
            # below wherever the program runs
            raise AliasTableError("", None, "an empty path (give '.' for this directory)")
        p = Path(item)
        try:
            if p.is_dir():
                found = sorted(f for f in p.rglob("*")
                               if f.suffix in _TABLE_SUFFIXES and f.is_file())
                if not found:
                    # most likely a wrong directory or extension: loading nothing would leave
                    # every name unresolved without a word
                    raise AliasTableError(
                        str(p), None, "no table files (*.yaml, *.yml, *.jsonl) in this directory"
                    )
                files.extend(found)
            elif p.exists():
                files.append(p)
            else:
                raise AliasTableError(str(p), None, "no such file or directory")
        except OSError as exc:  # a name too long, a loop of links ...: not an OSError from here
            raise AliasTableError(str(p), None, f"cannot read: {exc.strerror or exc}") from None
    return files


def load_tables(paths: Iterable[str | os.PathLike[str]], *, bundled: bool = True) -> list[Table]:
    """Load the bundled entity tables (unless ``bundled=False``) and then ``paths``.

    Raises:
        AliasTableError: for any invalid table, or an id defined twice across the tables;
            one error listing the problems of every file.
    """
    files = (entity_table_paths() if bundled else []) + table_files(paths)
    problems: list[AliasTableError] = []
    tables: list[Table] = []
    for f in files:
        try:
            tables.append(load_table(f))
        except AliasTableError as exc:
            problems.extend(exc.problems)
    problems.extend(duplicate_ids(tables))
    problems.extend(link_errors([e for t in tables for e in t.entities]))
    problems.extend(within_errors(tables))
    if problems:
        raise AliasTableError.of(problems)
    return apply_extensions(tables)


def within_errors(tables: Iterable[Table]) -> list[AliasTableError]:
    """The first ``within`` problem of ``tables`` (a parent that is not loaded or not a
    place, a cycle), if any; each id counted once, at its first definition."""
    first: dict[str, Entity] = {}
    for table in tables:
        for entity in table.entities:
            first.setdefault(entity.id, entity)
    try:
        within_chains(first.values())  # every within names a loaded place, and no cycle
    except AliasTableError as exc:
        return list(exc.problems)
    return []


def duplicate_ids(tables: Iterable[Table]) -> list[AliasTableError]:
    """A problem for each entity whose id an earlier table (or an earlier entry) defines."""
    problems: list[AliasTableError] = []
    first: dict[str, Entity] = {}
    for table in tables:
        for entity in table.entities:
            other = first.get(entity.id)
            if other is not None:
                problems.append(
                    AliasTableError(
                        table.path,
                        entity.line,
                        f"id '{entity.id}' is already defined in {other.path}:{other.line}",
                    )
                )
            else:
                first[entity.id] = entity
    return problems


def link_errors(entities: Sequence[Entity]) -> list[AliasTableError]:
    """The link problems among ``entities``, as errors naming file and line."""
    from .links import link_problems

    return [AliasTableError(p.path, p.line, p.problem) for p in link_problems(entities)]


def apply_extensions(tables: Sequence[Table]) -> list[Table]:
    """The tables with every ``extend:`` entry merged into the entity it names.

    This is how your table adds aliases to a bundled entity (``aliasres suggest`` writes such
    entries). The extensions are then removed, so applying twice changes nothing.

    Raises:
        AliasTableError: an ``extend:`` entry names an id that no table defines (one error
            for all of them).
    """
    added: dict[str, list[Alias]] = {}
    for table in tables:
        for ext in table.extend:
            added.setdefault(ext.id, []).extend(ext.aliases)
    if not added:
        return list(tables)
    problems = unknown_extensions(tables, {e.id for t in tables for e in t.entities})
    if problems:
        raise AliasTableError.of(problems)
    return [
        replace(
            table,
            extend=(),
            entities=tuple(
                replace(e, aliases=e.aliases + tuple(added[e.id])) if e.id in added else e
                for e in table.entities
            ),
        )
        for table in tables
    ]


def unknown_extensions(tables: Iterable[Table], known: set[str]) -> list[AliasTableError]:
    """A problem for each ``extend:`` entry of ``tables`` whose id is not in ``known``."""
    return [
        AliasTableError(ext.path, ext.line, f"extend: no entity has the id '{ext.id}'")
        for table in tables
        for ext in table.extend
        if ext.id not in known
    ]
