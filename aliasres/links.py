"""Same-as links: entities of several tables that are one identity resolve as one.

Two kinds of link join entities into a *group*:

* an explicit ``same_as: [id, ...]`` on an entity;
* a curated entity (one whose id is not a list id) whose ``sources`` cite a list id
  (``un:QDi.317``, ``ofac:15945``, ``os:...``): the bundled tables cite the listings they were
  checked against, and an imported table uses those very ids.

The groups are the connected components (union-find over entity numbers, at index build).
Each group has one *canonical* entity, whose id, name and type every match of the group
reports: a curated entity over an imported one (first loaded first: the bundled tables, then
yours in the order given); among imported ones the order of :data:`LIST_PREFIXES`.

Links are never made across types (a person citing the listing of his organisation is a
citation, not an identity), and a list id that two unlinked curated entities both claim is
used for neither: :func:`link_problems` reports both (``aliasres check``, and loading tables
with :func:`aliasres.tables.load_tables`). A link to an id that no loaded table defines is
harmless when no table of that id's kind is loaded (the UN list not imported, say), and an
error otherwise (a typo).

>>> from aliasres.types import Entity
>>> es = [Entity("person/x", "person", "X", sources=("un:QDi.1",)),
...       Entity("un:QDi.1", "person", "X"), Entity("ofac:7", "person", "X", same_as=("un:QDi.1",))]
>>> links = build_links(es)
>>> [es[links.canonical[i]].id for i in range(3)], links.member_ids(0)
(['person/x', 'person/x', 'person/x'], ('person/x', 'un:QDi.1', 'ofac:7'))
"""

from __future__ import annotations

import operator
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from .types import Entity

__all__ = ["LIST_PREFIXES", "LinkProblem", "Links", "build_links", "is_list_id", "link_problems"]

#: The prefixes of list ids (:mod:`aliasres.importers`), in the order in which an imported
#: entity becomes its group's canonical one when no curated entity is in the group.
LIST_PREFIXES: tuple[str, ...] = ("un", "ofac", "os")
_LIST_ID = re.compile(r"^(un|ofac|os):\S+$")
_NAMESPACE = re.compile(r"^([^:/]+)[:/]")


def is_list_id(text: str) -> bool:
    """``text`` is the id of a sanctions-list entry as the importers write it."""
    return _LIST_ID.match(text) is not None


def _namespace(eid: str) -> str:
    m = _NAMESPACE.match(eid)
    return m.group(1) if m else eid


def _rank(entity: Entity, position: int) -> tuple[int, int]:
    if is_list_id(entity.id):
        return 1 + LIST_PREFIXES.index(entity.id.split(":", 1)[0]), position
    return 0, position


def _compatible(a: Entity, b: Entity) -> bool:
    return a.type == b.type or "other" in (a.type, b.type)


def _cited(entity: Entity) -> list[str]:
    """The list ids a curated entity's sources cite (an imported entity cites none)."""
    if is_list_id(entity.id):
        return []
    return [s for s in dict.fromkeys(entity.sources) if is_list_id(s)]


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """A link that cannot be made: where, and why."""

    path: str
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Links:
    """The groups of a list of entities, by entity number.

    Attributes:
        canonical: for each entity number, the number of its group's canonical entity (its
            own number when it is linked to nothing).
        groups: canonical number -> every member's number, canonical first (groups of two
            or more only).
    """

    canonical: array[int]
    groups: dict[int, tuple[int, ...]]
    ids: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def member_ids(self, canonical: int) -> tuple[str, ...]:
        """The ids of a group's members, canonical first (``()`` for an unlinked entity)."""
        return self.ids.get(canonical, ())


#: the links :func:`link_problems` last worked out, for :func:`build_links` to take: loading
#: tables checks the links, and building their index then makes them, from the same entities
#: (a second pass, on a million entities, of a second or so)
_CHECKED: list[tuple[list[Entity], list[tuple[int, int]]]] = []


def _edges(entities: Sequence[Entity]) -> tuple[list[tuple[int, int]], list[LinkProblem]]:
    """The links to make, and the problems of those that cannot be made."""
    where = {e.id: i for i, e in enumerate(entities)}
    namespaces = {_namespace(e.id) for e in entities}
    edges: list[tuple[int, int]] = []
    problems: list[LinkProblem] = []
    curated_edges: list[tuple[int, int]] = []
    for i, entity in enumerate(entities):
        for target in entity.same_as:
            j = where.get(target)
            if j is None:
                if _namespace(target) in namespaces:
                    problems.append(
                        LinkProblem(
                            entity.path,
                            entity.line,
                            f"entity '{entity.id}': same_as '{target}': no loaded table "
                            f"defines this id (tables of '{_namespace(target)}' ids are loaded)",
                        )
                    )
                continue
            other = entities[j]
            if not _compatible(entity, other):
                problems.append(
                    LinkProblem(
                        entity.path,
                        entity.line,
                        f"entity '{entity.id}' ({entity.type}) is same_as '{other.id}' "
                        f"({other.type}, {other.path}:{other.line}): the types differ",
                    )
                )
                continue
            edges.append((i, j))
            if not is_list_id(entity.id) and not is_list_id(other.id):
                curated_edges.append((i, j))
    # a list id claimed by curated entities that are not linked to each other: used by none
    curated = _UnionFind(len(entities))
    for i, j in curated_edges:
        curated.union(i, j)
    # list id and claimer type -> curated group -> first claimer: a person and an
    # organisation citing one listing do not claim it both (one of them merely cites it)
    claims: dict[tuple[str, str], dict[int, int]] = {}
    for i, entity in enumerate(entities):
        if is_list_id(entity.id):
            continue  # an imported entity claims nothing: its same_as links were made above
        targets = _cited(entity) + [t for t in entity.same_as if is_list_id(t)]
        for target in dict.fromkeys(targets):
            j = where.get(target)
            if j is not None and not _compatible(entity, entities[j]):
                continue  # cites a listing of another type: a citation, no claim
            claims.setdefault((target, entity.type), {}).setdefault(curated.find(i), i)
    for (target, _), groups in claims.items():
        j = where.get(target)
        if len(groups) > 1:
            a, b = sorted(groups.values())[:2]
            ea, eb = entities[a], entities[b]
            problems.append(
                LinkProblem(
                    ea.path,
                    ea.line,
                    f"entity '{ea.id}' and entity '{eb.id}' ({eb.path}:{eb.line}) both claim "
                    f"the list id '{target}': link them with same_as if they are one, else "
                    "remove the wrong claim",
                )
            )
            continue
        if j is None:
            continue
        (i,) = groups.values()
        if (i, j) not in edges:
            edges.append((i, j))
    return edges, problems


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def build_links(entities: Sequence[Entity]) -> Links:
    """The groups of ``entities`` (in load order); links that cannot be made are left out
    (:func:`link_problems` says why)."""
    n = len(entities)
    uf = _UnionFind(n)
    checked, _CHECKED[:] = _CHECKED[:], []  # taken once, whatever it holds
    if (
        checked
        and len(checked[0][0]) == n
        # the very same entities (immutable), in the same order: the same links
        and all(map(operator.is_, checked[0][0], entities))
    ):
        edges = checked[0][1]
    else:
        edges, _ = _edges(entities)
    for i, j in edges:
        uf.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(n):
        root = uf.find(i)
        if root != i or members.get(root):
            members.setdefault(root, []).append(i)
    canonical = array("i", range(n))
    groups: dict[int, tuple[int, ...]] = {}
    ids: dict[int, tuple[str, ...]] = {}
    for root, found in members.items():
        group = sorted({root, *found}, key=lambda i: _rank(entities[i], i))
        if len(group) < 2:
            continue
        head = group[0]
        for i in group:
            canonical[i] = head
        groups[head] = tuple(group)
        ids[head] = tuple(entities[i].id for i in group)
    return Links(canonical, groups, ids)


def link_problems(entities: Sequence[Entity]) -> list[LinkProblem]:
    """The links among ``entities`` that are errors: a ``same_as`` to an unknown id of a
    loaded kind, a link between two types, a list id that two unlinked curated entities
    claim (naming both files and lines)."""
    edges, problems = _edges(entities)
    _CHECKED[:] = [(list(entities), edges)]
    return problems
