"""A nationality adjective in a person's name, read as evidence of a country.

Lists tell apart people who share a nom de guerre by their nationality: "Abu Abdurrahman the
Norwegian", "Abou Talha l'Allemand", "Abu Hafs al-Mauritani". When a query carries such an
adjective (English or French, ``aliases/rules/demonyms.yaml``) or a nationality nisba
(``aliases/rules/nisbas.yaml``, read through its English adjective) after its first word,
:func:`nationality_order` puts the candidates whose entity belongs to that country first,
those with no known country (and whatever is no person) next, those of another country last,
each group in score order; when no candidate is of that country, nothing moves.

It is a ranking signal only: it never changes a score, so it never turns a candidate into
an answer; and it never moves a candidate above one that is an answer already. A nisba is
also a family name (al-Masri, al-Libi): when some candidate's matched name holds the word
itself, the name words already say who it is, and nothing is reordered.

>>> sorted(query_countries("abu abdurrahman the norwegian"))
['NO']
>>> sorted(query_countries("abou talha lallemand")), sorted(query_countries("abu hafs al masri"))
(['DE'], ['EG'])
>>> query_countries("norwegian wood")
frozenset()
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .countries import is_code
from .data import bundled_dir
from .errors import RulesError
from .evidence import EntityFacts
from .normalize import normalize
from .types import Match

__all__ = ["Demonyms", "load", "nationality_order", "query_countries"]

#: the articles a nationality adjective follows after a name: English, French, Arabic
_ARTICLES = frozenset({"the", "le", "la", "l", "al", "el"})
#: the longest adjective, in words (Papua New Guinean)
_MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class Demonyms:
    """The nationality words: adjective or nisba (normalized words) -> country code, and
    each country's words (for "a matched name holds the word already")."""

    country: Mapping[tuple[str, ...], str]
    words: Mapping[str, frozenset[str]]


def _fail(path: str, line: int | None, problem: str) -> RulesError:
    return RulesError(path, line, problem)


def parse(text: str, path: str = "demonyms.yaml") -> dict[tuple[str, ...], str]:
    """The adjective table of ``text`` (the YAML of ``aliases/rules/demonyms.yaml``):
    normalized words -> ISO 3166-1 alpha-2 code.

    Read node by node (YAML 1.1 reads a bare ``NO`` as false): every error names the file,
    the line and the problem.

    Raises:
        RulesError: unreadable YAML, a key that is not a country code, a country or an
            adjective given twice, an entry without an English adjective.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"cannot read rule file: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, None, "expected a mapping with 'countries'")
    table = next((v for k, v in root.value if k.value == "countries"), None)
    if not isinstance(table, yaml.MappingNode):
        raise _fail(path, None, "'countries' must map country codes to adjectives")
    out: dict[tuple[str, ...], str] = {}
    seen: set[str] = set()
    for key, value in table.value:
        line = key.start_mark.line + 1
        code = str(key.value)
        if not isinstance(key, yaml.ScalarNode) or not is_code(code) or code != code.upper():
            raise _fail(path, line, f"{code!r} is not an ISO 3166-1 alpha-2 code")
        if code in seen:
            raise _fail(path, line, f"country {code} is given twice")
        seen.add(code)
        if not isinstance(value, yaml.MappingNode):
            raise _fail(path, line, f"{code}: expected {{en: [...], fr: [...]}}")
        langs = {k.value: v for k, v in value.value}
        if set(langs) - {"en", "fr"} or "en" not in langs:
            raise _fail(path, line, f"{code}: needs 'en' (and may have 'fr'), nothing else")
        words: set[tuple[str, ...]] = set()
        for lang in ("en", "fr"):
            node = langs.get(lang)
            if node is None:
                continue
            if not isinstance(node, yaml.SequenceNode) or not all(
                isinstance(w, yaml.ScalarNode) for w in node.value
            ):
                raise _fail(path, line, f"{code}: {lang} must be a list of words")
            for w in node.value:
                normal = tuple(normalize(str(w.value)).split())
                if not normal or len(normal) > _MAX_WORDS:
                    raise _fail(path, line, f"{code}: {w.value!r} is no adjective of 1 to "
                                f"{_MAX_WORDS} words")
                words.add(normal)
        for normal in words:
            if normal in out:
                raise _fail(path, line, f"{' '.join(normal)!r} names {out[normal]} and {code}")
            out[normal] = code
    return out


@functools.cache
def load() -> Demonyms:
    """The bundled table, with the nisbas of ``aliases/rules/nisbas.yaml`` whose English
    adjective names a country (cached: read once per process)."""
    from .query import nisba_table  # (the nisba table, read by aliasres.parts.nisba_entries)

    path = bundled_dir() / "rules" / "demonyms.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(str(path), None, f"cannot read rule file: {exc}") from exc
    country = parse(text, str(path))
    for nisbas, adjectives in nisba_table():
        codes = {country[(a,)] for a in adjectives if (a,) in country}
        if len(codes) == 1:  # Kurdish, Chechen: no country
            code = codes.pop()
            for nisba in nisbas:
                country.setdefault((nisba,), code)
    words: dict[str, set[str]] = {}
    for normal, code in country.items():
        words.setdefault(code, set()).update(normal)
    return Demonyms(country, {c: frozenset(w) for c, w in words.items()})


def _found(normal: str) -> list[tuple[str, tuple[str, ...]]]:
    """(country, adjective words) of every nationality adjective in ``normal`` (a name,
    normalized) after an article that follows the name's first word."""
    table = load().country
    words = normal.split()
    out = []
    for i in range(1, len(words)):
        article = words[i]
        if article in _ARTICLES:
            for n in range(_MAX_WORDS, 0, -1):
                found = tuple(words[i + 1:i + 1 + n])
                if len(found) == n and found in table:
                    out.append((table[found], found))
                    break
        elif article[:1] == "l" and (article[1:],) in table:  # French l'Allemand, elided
            out.append((table[(article[1:],)], (article[1:],)))
    return out


def query_countries(normal: str) -> frozenset[str]:
    """The countries the nationality adjectives of ``normal`` (a name, normalized) name."""
    return frozenset(code for code, _ in _found(normal))


def nationality_order(
    normal: str,
    matches: Sequence[Match],
    facts: Mapping[int, EntityFacts],
    number: Mapping[str, int],
    answer: bool,
    given: frozenset[str] = frozenset(),
) -> list[Match]:
    """``matches`` (best first) in the order the nationality adjectives of ``normal`` (the
    query, normalized) give them, or as they are (see the module docstring).

    ``answer``: the first match is what resolve() returns; it keeps its place. ``given``:
    the countries the caller gave (``countries=``), which count alike: a candidate of any
    of them or of the adjective's country is of "that country"."""
    found = _found(normal)
    if not found or len(matches) < 2 or answer:
        return list(matches)
    codes = frozenset(code for code, _ in found) | given
    said = frozenset(w for code in codes for w in load().words.get(code, ()))
    people = [m for m in matches if m.type == "person"]
    if any(said & set(normalize(m.alias).split()) for m in people):
        return list(matches)  # a person's matched name holds the word: a name, not a country

    def group(match: Match) -> int:
        if match.type != "person":
            return 1  # a nationality adjective says where a person is from
        known = facts.get(number.get(match.id, -1))
        if known is None or not known.countries:
            return 1
        return 0 if known.countries & codes else 2

    groups = [group(m) for m in matches]
    if 0 not in groups:
        return list(matches)  # nobody of that country: nothing to prefer
    order = sorted(range(len(matches)), key=groups.__getitem__)  # stable: score order within
    return [matches[i] for i in order]
