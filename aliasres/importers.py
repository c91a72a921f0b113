"""Build alias tables from public sanctions lists.

Three formats are read, each keeping the list's own ids, entity types, every listed name with
its quality, original-script names, and a ``sources`` entry naming the list:

* the UN Security Council Consolidated List XML (:func:`import_un`; ids ``un:QDi.317``);
  several issues may be given: entries are merged by reference number, the newest issue's
  primary name wins and the names of all issues are kept;
* the OFAC SDN list in its legacy CSV files ``sdn.csv`` and ``alt.csv`` (:func:`import_ofac`;
  ids ``ofac:15945``); ``add.csv`` may be given and is ignored;
* OpenSanctions FollowTheMoney entities, one JSON object a line (:func:`import_opensanctions`;
  ids ``os:<id>``).

A "low quality" UN alias, and the a.k.a.s that OFAC lists only in its remarks (which it calls
weak aliases), become ``weak: true``. A name that the list gives to several of its entries is
marked ``shared: true``, since the list itself says so. Vessels and aircraft are left out.

The result is an :class:`Imported`; :func:`aliasres.fmt.format_table` writes it as YAML.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .acronyms import is_acronym
from .attributes import parse_date
from .countries import codes_in
from .errors import AliasresError
from .normalize import has_arabic, normalize
from .tables import MAX_NAME_LENGTH
from .types import Alias, Entity

__all__ = [
    "IMPORTERS",
    "Imported",
    "ListFormatError",
    "import_ofac",
    "import_opensanctions",
    "import_un",
    "ofac_date",
    "split_un_name",
    "un_note_names",
]


class ListFormatError(AliasresError, ValueError):
    """A source file cannot be read or is not in the expected format (the message names it)."""


@dataclass(frozen=True, slots=True)
class Imported:
    """The entities built from a list, a header comment for the table, and what was skipped."""

    entities: tuple[Entity, ...]
    header: str
    skipped: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------- names
_WS = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _script(text: str) -> str:
    """The script of most letters of ``text`` (LATIN, ARABIC, CYRILLIC, ...; "" if none)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            counts[unicodedata.name(ch, "OTHER ").split(" ", 1)[0]] += 1
    return counts.most_common(1)[0][0] if counts else ""


class _Names:
    """The names of one entity in list order, one per normalized form.

    A form seen first as weak and later as strong becomes strong (the list vouches for it).
    """

    def __init__(self) -> None:
        self._items: dict[str, Alias] = {}

    def add(
        self, name: str, kind: str = "spelling", *, weak: bool = False, lang: str | None = None
    ) -> None:
        name = _collapse(name)
        if not name or len(name) > MAX_NAME_LENGTH or "\x00" in name:
            return
        form = normalize(name)
        if not form:
            return
        known = self._items.get(form)
        if known is None:
            self._items[form] = Alias(name, kind, lang, weak)
        elif known.weak and not weak:
            self._items[form] = replace(known, weak=False)

    def aliases(self) -> list[Alias]:
        return list(self._items.values())


@dataclass(slots=True)
class _Draft:
    id: str
    type: str
    names: _Names
    sources: list[str]
    description: str | None = None
    countries: dict[str, None] = field(default_factory=dict)  # ordered set
    born: dict[str, None] = field(default_factory=dict)
    gender: str | None = None

    def add_countries(self, text: str) -> None:
        for code in codes_in(text):
            self.countries[code] = None

    def add_born(self, date: str | None) -> None:
        if date:
            try:
                self.born[parse_date(date)] = None
            except ValueError:
                pass  # a list's date that is no date ("00 xxx 1970") says nothing

    def entity(self) -> Entity | None:
        aliases = self.names.aliases()
        if not aliases:
            return None
        first = aliases[0]
        return Entity(
            self.id,
            self.type,
            first.name,
            tuple(aliases[1:]),
            tuple(self.countries),
            tuple(self.sources),
            self.description,
            born=tuple(self.born),
            gender=self.gender,
        )


def _mark_shared(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Mark aliases that the list gives to several of its entities as ``shared``."""
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for alias in entity.names():
            owners.setdefault(normalize(alias.name), set()).add(entity.id)
    out: list[Entity] = []
    for entity in entities:
        aliases = tuple(
            replace(a, shared=True) if len(owners[normalize(a.name)]) > 1 else a
            for a in entity.aliases
        )
        out.append(replace(entity, aliases=aliases) if aliases != entity.aliases else entity)
    return tuple(out)


def _finish(drafts: Iterable[_Draft], header: str, skipped: Counter[str]) -> Imported:
    entities = []
    for draft in drafts:
        entity = draft.entity()
        if entity is None:
            skipped["entries without a usable name"] += 1
        else:
            entities.append(entity)
    entities.sort(key=lambda e: e.id)
    return Imported(_mark_shared(entities), header, dict(skipped))


# ---------------------------------------------------------------------------- UN names
# The UN list packs several names into one field: "X; Y", "X (original script: Y)",
# "X (a; b; c)", "Y (X)" with Y in Arabic script, "X (HTS)", annotations in parentheses.
_ENUMERATOR = re.compile(r"(?:^|[;،\s])[a-z]\)\s+")
_BORN = re.compile(r"(?:,\s*|\s+)born\s+(?:in|on|\d).*$", re.IGNORECASE)
_SUBUNIT = re.compile(r"\s*-\s*sub-unit name\b", re.IGNORECASE)
_KUNYA_LABEL = "الكنية"
_LANGUAGES = frozenset(
    [
        "arabic",
        "persian",
        "farsi",
        "dari",
        "pashto",
        "pashtu",
        "urdu",
        "tigrinya",
        "amharic",
        "somali",
        "french",
        "english",
        "russian",
        "kurdish",
        "turkish",
        "uzbek",
        "tajik",
        "chechen",
        "hausa",
        "swahili",
        "malay",
        "indonesian",
        "bengali",
    ]
)
_ANNOTATIONS = (
    "original script",
    "combat name",
    "birth name",
    "previously listed",
    "formerly listed",
    "passport",
    "false identity",
    "nom de guerre",
    "translation",
    "initials",
    "call sign",
)
_UN_REF = re.compile(r"^[A-Z]{2}[ie]\.\d+$", re.IGNORECASE)


def _split_top(text: str, seps: str) -> list[str]:
    """Split ``text`` on any of ``seps`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _groups(text: str) -> tuple[str, list[str]]:
    """``text`` without its top-level parenthesised groups, and the groups' contents.

    An unclosed group runs to the end of the text.
    """
    base: list[str] = []
    groups: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
        elif depth == 0:
            base.append(ch)
    if depth > 0:
        groups.append(text[start:])
    return _collapse("".join(base)), [g.strip() for g in groups if g.strip()]


def _is_annotation(group: str) -> bool:
    low = group.lower().strip(" .:")
    return (
        any(a in low for a in _ANNOTATIONS)
        or low in _LANGUAGES
        or low in ("third", "fourth", "second")
        or _UN_REF.match(group.strip()) is not None
    )


_QUOTES = {"“": "”", '"': '"', "«": "»", "‘": "’"}


def _clean_name(text: str) -> str:
    text = _collapse(text)
    text = text.lstrip(") ,;:")
    text = _BORN.sub("", text)
    text = text.strip(" ,;:-")
    if len(text) > 2 and _QUOTES.get(text[0]) == text[-1]:  # “1-P”
        text = text[1:-1].strip()
    return text


def _latin_arabic_runs(text: str) -> list[str]:
    """ "Agha Jan Alizai اغا جان عالیزی" -> its Latin and its Arabic-script halves."""
    for i, ch in enumerate(text):
        if has_arabic(ch):
            head, tail = text[:i].strip(), text[i:].strip()
            if head and _script(head) == "LATIN" and not re.search(r"[A-Za-z]", tail):
                return [head, tail]
            break
    return [text]


def _expand(piece: str, kind: str) -> list[tuple[str, str]]:
    piece = _clean_name(piece)
    if not piece:
        return []
    base, groups = _groups(piece)
    if not groups:
        return [(p, kind) for p in _latin_arabic_runs(piece)]
    base = _clean_name(base)
    names: list[tuple[str, str]] = []
    keep_whole = False
    for group in groups:
        m = re.match(r"(?:in )?original script\s*:\s*(.+)$", group, re.IGNORECASE | re.DOTALL)
        if m:
            names.extend(_expand(m.group(1), kind))
        elif len(_split_top(group, ";،")) > 1:
            for part in _split_top(group, ";،"):
                names.extend(_expand(part, kind))
        elif _is_annotation(group):
            continue
        elif base and _script(group) and _script(group) != _script(base):
            names.extend(_expand(group, kind))
        elif base and is_acronym(group, base):
            names.append((group, "abbreviation"))
        else:
            keep_whole = True
    if keep_whole:
        return [(piece, kind), *names]
    return ([(base, kind)] if base else []) + names


def split_un_name(raw: str, kind: str = "spelling") -> list[tuple[str, str]]:
    """The names packed into one UN name field, each with its alias kind.

    >>> split_un_name("جبهة النصرة (the Victory Front; Jabhat al-Nusrah)")
    [('جبهة النصرة', 'spelling'), ('the Victory Front', 'spelling'), ('Jabhat al-Nusrah', 'spelling')]
    >>> split_un_name("Al-Qaida in Iraq (AQI)")
    [('Al-Qaida in Iraq', 'spelling'), ('AQI', 'abbreviation')]
    """  # noqa: E501 (a doctest's output line)
    text = _collapse(raw).replace(_KUNYA_LABEL, " ")
    text = _SUBUNIT.sub("", text)
    text = _ENUMERATOR.sub(";", text)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for piece in _split_top(text, ";،"):
        for name, k in _expand(piece, kind):
            name = _clean_name(name)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append((name, k))
    return out


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 8
        and len(text) <= 80
        and not any(ch.isdigit() for ch in text)
        and ":" not in text
        and any(ch.isalpha() for ch in text)
    )


def un_note_names(note: str, alias: str = "") -> list[tuple[str, str | None]]:
    """Names stated in the ``NOTE`` of a UN alias, each with its language when the note says.

    >>> un_note_names("Abu Muhammad al-Golani, Muhammad al-Jawlani (transliterations of original script name)")
    [('Abu Muhammad al-Golani', None), ('Muhammad al-Jawlani', None)]
    """  # noqa: E501 (a doctest's input line)
    note = _collapse(note)
    found: list[tuple[str, str | None]] = []

    def take(items: Iterable[str], lang: str | None = None) -> None:
        for item in items:
            item = _clean_name(item)
            if _looks_like_name(item):
                found.append((item, lang))

    m = re.match(
        r"(.*?)\(?\s*transliterations? of (?:the )?original script name", note, re.IGNORECASE
    )
    if m:
        take(re.split(r"[,;]", m.group(1)))
    m = re.match(r"transliterations?\s*:\s*([^()]*)", note, re.IGNORECASE)
    if m:
        take(m.group(1).split(";"))
    m = re.search(
        r"\bin arabic(?: script)?\s*:\s*([\u0600-\u06ff][\u0600-\u06ff\s]*)", note, re.IGNORECASE
    )
    if m:
        take([m.group(1)], "ar")
    m = re.match(r"original script\s*:\s*([^;()]+)", note, re.IGNORECASE)
    if m:
        take([m.group(1)])
    for group in _groups(note)[1]:
        items = _split_top(group, ";")
        if len(items) > 1 and all(_looks_like_name(i) for i in items):
            take(items)
    if has_arabic(alias) and ";" in note and "(" not in note:
        items = [i.strip() for i in note.split(";")]
        if all(_looks_like_name(i) and _script(i) == "LATIN" for i in items):
            take(items)
    return found


def _un_alias_kind(quality: str, note: str) -> tuple[str, bool]:
    low = _collapse(note).lower()
    weak = quality.strip().lower() == "low"
    if quality.strip().lower() == "f.k.a." or low.startswith(
        ("previously listed", "formerly listed")
    ):
        return "former_name", weak
    if low in ("nom de guerre", "combat name"):
        return "nom_de_guerre", weak
    if low == "initials":
        return "abbreviation", weak
    return "spelling", weak


def _text(node: ET.Element, tag: str) -> str:
    child = node.find(tag)
    return _collapse(child.text or "") if child is not None and child.text else ""


def _parse_xml(path: str) -> ET.Element:
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
        if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
            # the UN list declares no entities; a file that does is refused, not expanded
            raise ListFormatError(f"{path}: XML entity or DOCTYPE declarations are not accepted")
        return ET.parse(path).getroot()  # noqa: S314 - no DTD, no entities (checked above)
    except (OSError, ET.ParseError) as exc:
        raise ListFormatError(f"{path}: cannot read the UN list XML: {exc}") from None


def import_un(paths: Sequence[str | os.PathLike[str]], *, source: str | None = None) -> Imported:
    """Entities of one or more issues of the UN Security Council Consolidated List (XML).

    Args:
        paths: the XML files (``consolidated.xml``); the order does not matter.
        source: the ``sources`` entry to write instead of the list's name and issue date.
    """
    issues = []
    for path in paths:
        root = _parse_xml(os.fspath(path))
        if root.tag != "CONSOLIDATED_LIST":
            raise ListFormatError(f"{path}: not a UN consolidated list (root element <{root.tag}>)")
        issues.append(((root.get("dateGenerated") or "")[:10], os.fspath(path), root))
    issues.sort(key=lambda t: t[0], reverse=True)  # newest first: its primary names win
    drafts: dict[str, _Draft] = {}
    skipped: Counter[str] = Counter()
    for date, _, root in issues:
        label = source or f"UN Security Council Consolidated List ({date or 'undated'})"
        for node in root.iter():
            if node.tag not in ("INDIVIDUAL", "ENTITY"):
                continue
            ref = _text(node, "REFERENCE_NUMBER").replace(" ", "")
            if not ref:
                skipped["entries without a reference number"] += 1
                continue
            etype = "person" if node.tag == "INDIVIDUAL" else "organization"
            draft = drafts.get(ref)
            if draft is None:
                regime, listed = _text(node, "UN_LIST_TYPE"), _text(node, "LISTED_ON")
                description = "UN Security Council sanctions" + (f" ({regime})" if regime else "")
                description += f", listed {listed}" if listed else ""
                draft = drafts[ref] = _Draft(f"un:{ref}", etype, _Names(), [], description)
            if label not in draft.sources:
                draft.sources.append(label)
            _un_names(node, etype, draft.names)
            _un_attributes(node, draft)
    names = ", ".join(f"{Path(p).name} ({d})" for d, p, _ in issues)
    header = (
        "# Imported by `aliasres import un` from the UN Security Council Consolidated List:"
        f" {names}.\n"
    )
    return _finish(drafts.values(), header, skipped)


def _un_date(node: ET.Element) -> str | None:
    """One ``*_DATE_OF_BIRTH`` element as a table date: an exact date, a year, or a range."""
    date, year = _text(node, "DATE")[:10], _text(node, "YEAR")
    low, high = _text(node, "FROM_YEAR"), _text(node, "TO_YEAR")
    if date:
        return date
    if low and high:
        return f"{low}..{high}" if low != high else low
    return year or low or high or None


def _un_attributes(node: ET.Element, draft: _Draft) -> None:
    """Dates of birth, gender, and the countries of nationality and addresses; every issue
    adds to them (an entry's facts rarely change, its listing may gain some)."""
    for nationality in node.findall("NATIONALITY"):
        for value in nationality.findall("VALUE"):
            draft.add_countries(_collapse(value.text or ""))
    for address in node.findall(f"{node.tag}_ADDRESS"):
        country = _text(address, "COUNTRY")
        if country:
            draft.add_countries(country)
    for dob in node.findall(f"{node.tag}_DATE_OF_BIRTH"):
        draft.add_born(_un_date(dob))
    gender = _text(node, "GENDER").lower()
    if gender in ("male", "female"):
        draft.gender = gender


def _un_names(node: ET.Element, etype: str, names: _Names) -> None:
    if etype == "person":
        fields = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        primary = " ".join(t for t in (_text(node, f) for f in fields) if t)
    else:
        primary = _text(node, "FIRST_NAME")
    for name, kind in split_un_name(primary):
        names.add(name, kind)
    for name, kind in split_un_name(_text(node, "NAME_ORIGINAL_SCRIPT")):
        names.add(name, kind)
    for alias in node.iter(f"{node.tag}_ALIAS"):
        raw, note = _text(alias, "ALIAS_NAME"), _text(alias, "NOTE")
        kind, weak = _un_alias_kind(_text(alias, "QUALITY"), note)
        for name, k in split_un_name(raw, kind):
            names.add(name, k, weak=weak)
        for name, lang in un_note_names(note, raw):
            names.add(name, kind, weak=weak, lang=lang)
    # identity documents may state the name in Arabic script
    for doc in node.iter(f"{node.tag}_DOCUMENT"):
        m = re.search(
            r"name in arabic script\s*:\s*([\u0600-\u06ff][\u0600-\u06ff\s]*)",
            _text(doc, "NOTE"),
            re.IGNORECASE,
        )
        if m:
            names.add(m.group(1), lang="ar")


# ---------------------------------------------------------------------------- OFAC
_OFAC_EMPTY = "-0-"
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_OFAC_FACT = re.compile(
    r"(?:^|;)\s*(?:alt\.\s*)?(DOB|nationality|citizen|Gender)\s+([^;]+)", re.IGNORECASE
)
_OFAC_DAY = re.compile(r"^(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\.?\s+)?(\d{4})$")


def _ofac_one_date(text: str) -> tuple[str, int] | None:
    """``10 Dec 1948``, ``Dec 1948`` or ``1948`` as a table date, with its year."""
    m = _OFAC_DAY.match(text.strip(" ."))
    if not m:
        return None
    day, month, year = m.group(1), m.group(2), int(m.group(3))
    if month is None:
        return (str(year), year) if day is None else None
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    date = f"{year}-{number:02d}-{int(day):02d}" if day else f"{year}-{number:02d}"
    try:
        return parse_date(date), year
    except ValueError:
        return None  # no such day


def ofac_date(text: str) -> str | None:
    """An OFAC ``DOB`` value as a table date (None when it is none of the forms below).

    >>> ofac_date("10 Dec 1948"), ofac_date("circa 1975"), ofac_date("1960 to 1962")
    ('1948-12-10', '1974..1976', '1960..1962')
    >>> ofac_date("01 Jan 1974 to 31 Dec 1974"), ofac_date("Sep 1958"), ofac_date("00 Foo 1970")
    ('1974', '1958-09', None)
    """
    text = _collapse(text).strip(" .")
    circa = re.match(r"^(?:circa|approximately|about)\s+(\d{4})$", text, re.IGNORECASE)
    if circa:  # "about" a year: a year either side
        year = int(circa.group(1))
        return f"{year - 1}..{year + 1}"
    low, sep, high = text.partition(" to ")
    if sep:
        first, last = _ofac_one_date(low), _ofac_one_date(high)
        if first is None or last is None:
            return None
        if first[0] == last[0]:
            return first[0]
        return str(first[1]) if first[1] == last[1] else f"{first[1]}..{last[1]}"
    one = _ofac_one_date(text)
    return one[0] if one else None
_WEAK_AKA = re.compile(r"\b([afn])\.k\.a\.\s*'(.+?)'(?=\s*;|\s*\.?\s*$)")


def _ofac_cell(value: str) -> str:
    value = value.strip()
    return "" if value == _OFAC_EMPTY else _collapse(value)


def _read_csv_rows(path: str) -> list[list[str]]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ListFormatError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # the legacy files are Windows-1252
    # the legacy files end with a DOS end-of-file byte on a line of its own
    return [row for row in csv.reader(io.StringIO(text)) if row and row != ["\x1a"]]


def _person_name(listed: str) -> str:
    """OFAC lists individuals as ``LAST, First``; this is ``First LAST``."""
    last, sep, first = listed.partition(", ")
    return f"{first} {last}" if sep and first.strip() else listed


def import_ofac(paths: Sequence[str | os.PathLike[str]], *, source: str | None = None) -> Imported:
    """Entities of the OFAC SDN list from its legacy CSV files.

    Args:
        paths: ``sdn.csv`` and optionally ``alt.csv`` (told apart by their number of
            columns; ``add.csv``, the addresses, is accepted and ignored).
        source: the ``sources`` entry to write instead of "OFAC SDN list".
    """
    sdn: list[list[str]] = []
    alt: list[list[str]] = []
    add: list[list[str]] = []
    skipped: Counter[str] = Counter()
    used: list[str] = []
    for path in [os.fspath(p) for p in paths]:
        rows = _read_csv_rows(path)
        width = Counter(len(r) for r in rows).most_common(1)[0][0] if rows else 0
        if width == 12:
            sdn.extend(rows)
        elif width == 5:
            alt.extend(rows)
        elif width == 6:
            add.extend(rows)
        else:
            raise ListFormatError(
                f"{path}: not an OFAC sdn.csv (12 columns) or alt.csv (5 columns): "
                f"its rows have {width} columns"
            )
        used.append(Path(path).name)
    if not sdn:
        raise ListFormatError("no OFAC sdn.csv among the files (12 columns a row)")
    label = source or "OFAC SDN list"
    drafts: dict[str, _Draft] = {}
    for row in sdn:
        if len(row) != 12:
            skipped["malformed sdn.csv rows"] += 1
            continue
        ent, listed, kind, programs, title = (_ofac_cell(c) for c in row[:5])
        remarks = _ofac_cell(row[11])
        if kind in ("vessel", "aircraft"):
            skipped[f"{kind} entries"] += 1
            continue
        etype = "person" if kind == "individual" else "organization"
        progs = ", ".join(p.strip("[] ") for p in programs.split("] [") if p.strip("[] "))
        description = "; ".join(
            x for x in (title, f"OFAC SDN programs: {progs}" if progs else "") if x
        )
        draft = _Draft(f"ofac:{ent}", etype, _Names(), [label], description or None)
        draft.names.add(_person_name(listed) if etype == "person" else listed)
        drafts[ent] = draft
        for fact in _OFAC_FACT.finditer(remarks):
            what, value = fact.group(1).lower(), fact.group(2).strip(" .")
            if what == "dob":
                draft.add_born(ofac_date(value))
            elif what == "gender":
                if value.lower() in ("male", "female"):
                    draft.gender = value.lower()
            else:
                draft.add_countries(value)
        for m in _WEAK_AKA.finditer(remarks):
            name = _person_name(m.group(2)) if etype == "person" else m.group(2)
            draft.names.add(name, "former_name" if m.group(1) == "f" else "spelling", weak=True)
    for row in alt:
        if len(row) != 5:
            skipped["malformed alt.csv rows"] += 1
            continue
        ent, _, alt_type, name = (_ofac_cell(c) for c in row[:4])
        owner = drafts.get(ent)
        if owner is None:
            skipped["alt.csv rows of entries not imported"] += 1
            continue
        if owner.type == "person":
            name = _person_name(name)
        owner.names.add(name, "former_name" if alt_type.lower() == "fka" else "spelling")
    for row in add:  # addresses: only their country is kept
        if len(row) != 6:
            skipped["malformed add.csv rows"] += 1
            continue
        owner = drafts.get(_ofac_cell(row[0]))  # ent_num, add_num, address, city, country
        country = _ofac_cell(row[4])
        if owner is not None and country:
            owner.add_countries(country)
    header = f"# Imported by `aliasres import ofac` from the OFAC SDN list: {', '.join(used)}.\n"
    return _finish(drafts.values(), header, skipped)


# ---------------------------------------------------------------------------- OpenSanctions
_FTM_TYPES = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
}
_FTM_NAMES: tuple[tuple[str, str, bool], ...] = (
    ("name", "spelling", False),
    ("alias", "spelling", False),
    ("abbreviation", "abbreviation", False),
    ("previousName", "former_name", False),
    ("weakAlias", "spelling", True),
)


def _jsonl(path: str) -> Iterator[tuple[int, object]]:
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield number, json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ListFormatError(f"{path}:{number}: not JSON: {exc.msg}") from None
    except OSError as exc:
        raise ListFormatError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ListFormatError(f"{path}: not UTF-8: {exc.reason}") from None


def import_opensanctions(
    paths: Sequence[str | os.PathLike[str]], *, source: str | None = None
) -> Imported:
    """Persons and organisations from OpenSanctions FollowTheMoney entities (JSON lines).

    Reads ``entities.ftm.json``-style files: one object a line with ``id``, ``schema`` and
    ``properties`` (``name``, ``alias``, ``weakAlias``, ``previousName``, ``abbreviation``).
    Other schemas (addresses, sanctions, vessels ...) are skipped.
    """
    drafts: dict[str, _Draft] = {}
    skipped: Counter[str] = Counter()
    for path in [os.fspath(p) for p in paths]:
        for number, obj in _jsonl(path):
            if not isinstance(obj, dict) or not isinstance(obj.get("properties"), dict):
                raise ListFormatError(f"{path}:{number}: not a FollowTheMoney entity object")
            schema = obj.get("schema")
            etype = _FTM_TYPES.get(schema) if isinstance(schema, str) else None
            raw_id = obj.get("id")
            if etype is None:
                skipped[f"{schema} entities"] += 1
                continue
            if not isinstance(raw_id, str) or not raw_id.strip():
                skipped["entities without an id"] += 1
                continue
            eid = "os:" + re.sub(r"\s+", "-", raw_id.strip())
            datasets = [d for d in obj.get("datasets") or [] if isinstance(d, str)]
            label = source or ("OpenSanctions" + (f" ({', '.join(datasets)})" if datasets else ""))
            draft = drafts.get(eid)
            if draft is None:
                draft = drafts[eid] = _Draft(eid, etype, _Names(), [], None)
            if label not in draft.sources:
                draft.sources.append(label)
            props = obj["properties"]
            caption = obj.get("caption")
            if isinstance(caption, str):
                draft.names.add(caption)
            for prop, kind, weak in _FTM_NAMES:
                for value in props.get(prop) or []:
                    if isinstance(value, str):
                        draft.names.add(value, kind, weak=weak)
            for prop in ("nationality", "citizenship", "country"):
                for value in props.get(prop) or []:
                    if isinstance(value, str):
                        draft.add_countries(value)
            for value in props.get("birthDate") or []:
                if isinstance(value, str):
                    draft.add_born(value[:10])
            for value in props.get("gender") or []:
                if isinstance(value, str) and value.lower() in ("male", "female"):
                    draft.gender = value.lower()
            notes = [n for n in props.get("topics") or [] if isinstance(n, str)]
            if notes and draft.description is None:
                draft.description = "OpenSanctions topics: " + ", ".join(notes)
    header = (
        "# Imported by `aliasres import opensanctions`"
        " from OpenSanctions FollowTheMoney entities.\n"
    )
    return _finish(drafts.values(), header, skipped)


#: ``aliasres import <kind>``: the importer of each list.
IMPORTERS: dict[str, Callable[..., Imported]] = {
    "un": import_un,
    "ofac": import_ofac,
    "opensanctions": import_opensanctions,
}
