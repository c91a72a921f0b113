"""The place hierarchy of a set of entities: which place holds which (``within:``).

A table entity may name its parent place with ``within: <id>`` (a town its district, a district
its governorate, a governorate its country). :func:`within_chains` checks these links across
every table loaded together and gives each entity the chain of its ancestors, nearest first,
which :class:`~aliasres.types.Match` exposes as ``within``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import AliasTableError
from .types import Entity

__all__ = ["within_chains"]


def within_chains(entities: Iterable[Entity]) -> dict[str, tuple[str, ...]]:
    """The ancestors of every entity that has a ``within``, nearest first.

    Raises:
        AliasTableError: a ``within`` names no loaded entity, names an entity that is not a
            place, or the links go round in a cycle (the message names the file and line of
            the entity whose link is wrong).
    """
    by_id: dict[str, Entity] = {}
    children: list[Entity] = []
    for entity in entities:
        by_id[entity.id] = entity
        if entity.within is not None:
            children.append(entity)
    for entity in children:
        parent = by_id.get(entity.within)  # type: ignore[arg-type]
        if parent is None:
            raise AliasTableError(
                entity.path,
                entity.line,
                f"entity '{entity.id}': within: no entity has the id '{entity.within}'",
            )
        if parent.type != "place":
            raise AliasTableError(
                entity.path,
                entity.line,
                f"entity '{entity.id}': within: '{parent.id}' is not a place (type {parent.type})",
            )
    chains: dict[str, tuple[str, ...]] = {}
    for entity in children:
        _chain(entity, by_id, chains)
    return chains


def _chain(entity: Entity, by_id: dict[str, Entity], chains: dict[str, tuple[str, ...]]) -> None:
    """Walk up from ``entity`` iteratively (a long chain must not exhaust the stack), then
    fill in the chain of every entity passed on the way, from the top down."""
    path: list[Entity] = []
    seen: set[str] = set()
    node = entity
    while node.within is not None and node.id not in chains:
        if node.id in seen:
            cycle = " -> ".join([p.id for p in path] + [node.id])
            raise AliasTableError(
                entity.path,
                entity.line,
                f"entity '{entity.id}': within: the places hold each other in a cycle ({cycle})",
            )
        seen.add(node.id)
        path.append(node)
        node = by_id[node.within]
    chain = chains.get(node.id, ())
    for item in reversed(path):
        assert item.within is not None  # path holds only entities with a parent
        chain = (item.within, *chain)
        chains[item.id] = chain
