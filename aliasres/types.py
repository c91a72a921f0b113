"""Value objects of the public API: :class:`Match`, :class:`Entity`, :class:`Alias`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ALIAS_KINDS",
    "ENTITY_TYPES",
    "GENDERS",
    "Alias",
    "AliasKind",
    "Entity",
    "EntityType",
    "Match",
    "Mention",
    "Method",
    "PLACE_LEVELS",
]

EntityType = Literal["person", "organization", "place", "other"]
AliasKind = Literal[
    "canonical",
    "spelling",
    "nom_de_guerre",
    "nickname",
    "birth_name",
    "former_name",
    "abbreviation",
    "translation",
    "epithet",
]
#: How a match was found, from the strongest evidence to the weakest.
Method = Literal[
    "exact",
    "normalized",
    "key",
    "cross-script",
    "translated",
    "fuzzy",
    "partial",
    "near",
    "overlap",
    "epithet",
    "document",
]

ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "place", "other")
#: Kinds a table may give an alias (``canonical`` is reserved for the entity's ``name``).
ALIAS_KINDS: tuple[str, ...] = (
    "spelling",
    "nom_de_guerre",
    "nickname",
    "birth_name",
    "former_name",
    "abbreviation",
    "translation",
    "epithet",
)


#: What a place is (``level:`` in a table): a country, an administrative division of the first
#: level (governorate, province), second (district) or third (subdistrict), a populated place
#: (city, town, village), a quarter of a city, a camp, a border crossing, or something else
#: (a region, a river, a base).
PLACE_LEVELS: tuple[str, ...] = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "locality",
    "quarter",
    "camp",
    "crossing",
    "other",
)


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of an entity as a table lists it.

    ``weak`` aliases match only when the query is the same name once normalized (never by
    fuzzy matching); ``epithet`` aliases (titles, shared epithets) never resolve on their own;
    ``shared`` declares that the alias knowingly belongs to several entities (or to bodies
    of other countries that the tables do not hold): it never resolves on its own; ``typed``
    aliases (a plain word or phrase that is also this entity's name) resolve only when the
    query asks for the entity's type (``resolve(name, type=...)``).
    """

    name: str
    kind: str = "spelling"
    lang: str | None = None
    weak: bool = False
    shared: bool = False
    typed: bool = False


#: Values of an entity's ``gender``.
GENDERS: tuple[str, ...] = ("male", "female")


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of an alias table: a stable ``id``, a ``type``, a canonical ``name``.

    The attributes are evidence beyond the name (see ``docs/tables.md``): ``countries`` (ISO
    3166-1 alpha-2 codes), ``born`` and ``died`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a
    range ``YYYY..YYYY``, several when sources disagree), ``gender`` (``male``/``female``).
    ``same_as`` lists ids of other entities that are the same one (see ``docs/sources.md``).
    A place may say what it is (``level``, one of :data:`PLACE_LEVELS`) and which place
    holds it (``within``, the id of its parent: a town's district or governorate).
    ``fuzzy=False``: its names match only as written, once normalized, or by spelling key
    (Qaddafi = Kadhafi), never approximately or in part (bulk data whose short names would
    otherwise catch given names and common words).
    """

    id: str
    type: str
    name: str
    aliases: tuple[Alias, ...] = ()
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    description: str | None = None
    path: str = field(default="<string>", compare=False)
    line: int | None = field(default=None, compare=False)
    same_as: tuple[str, ...] = ()
    born: tuple[str, ...] = ()
    died: tuple[str, ...] = ()
    gender: str | None = None
    within: str | None = None
    level: str | None = None
    fuzzy: bool = True

    def names(self) -> tuple[Alias, ...]:
        """The canonical name (kind ``canonical``) followed by every alias."""
        return (Alias(self.name, "canonical"), *self.aliases)


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate entity for a name.

    Attributes:
        id: the entity's id.
        name: the entity's canonical name.
        type: the entity's type (person, organization, place, other).
        score: 0..1, how close the name is to ``alias``; 1.0 is the same name.
        alias: the table name that matched (the canonical name or an alias).
        method: how it matched: ``exact`` (same text), ``normalized`` (same once case,
            accents, punctuation and Arabic letter variants are folded), ``key`` (every name
            part matched by spelling rules), ``cross-script`` (Arabic script against Latin),
            ``translated`` (an organisation name translated word for word: جبهة النصرة,
            al-Nusra Front), ``fuzzy`` (some part matched approximately), ``partial`` (part
            of the name, e.g. a family name alone), ``near`` (every part alike but one on
            each side, spelled near: a near miss, listed; at the default threshold
            resolved only on the same day of birth, see docs/matching.md), ``overlap``
            (words in common only: a last-resort candidate of :meth:`Resolver.candidates`,
            an answer only on the same day of birth), ``epithet`` (an epithet alias;
            never resolves), ``document``
            (a short mention the rest of its document settles, see
            :func:`aliasres.resolve_document`).
        kind: the alias kind (``canonical``, ``spelling``, ``nom_de_guerre`` ...).
        ids: every id of the linked entities this match stands for (``same_as`` links and
            list ids cited in ``sources``), ``id`` first; ``()`` on a Match built by hand.
            Not part of the repr or of equality, so that existing code sees no change.
        within: the ids of the places that hold the entity, nearest first (a town's
            district, then its governorate, then its country when the tables say so);
            empty when the tables give no ``within``.
        level: what the place is (``admin1``, ``admin2``, ``locality`` ..., see
            :data:`PLACE_LEVELS`), or ``None``.
    """

    id: str
    name: str
    type: str
    score: float
    alias: str
    method: str
    kind: str = "canonical"
    ids: tuple[str, ...] = field(default=(), repr=False, compare=False)
    within: tuple[str, ...] = ()
    level: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a table entity in running text, as :func:`aliasres.scan` finds it.

    Attributes:
        start, end: character offsets into the scanned text (``text[start:end]``).
        text: the mention as written.
        match: the entity it names (with document context applied).
    """

    start: int
    end: int
    text: str
    match: Match
