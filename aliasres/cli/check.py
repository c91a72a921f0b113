"""``check``: validate alias tables and list collisions."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AliasTableError
from ..links import build_links, link_problems
from ..normalize import normalize
from ..types import Alias, Entity
from .common import EXIT_FAIL, EXIT_OK, _err, _positive

if TYPE_CHECKING:
    from .common import Subparsers


@dataclass(slots=True)
class _Collision:
    form: str
    uses: list[tuple[Entity, Alias]]

    @property
    def declared(self) -> bool:
        """Every alias involved is ``shared: true`` or an epithet (a canonical name cannot be
        marked, so one canonical name among shared aliases counts as declared too)."""
        canonical = sum(a.kind == "canonical" for _, a in self.uses)
        return canonical <= 1 and all(
            a.shared or a.kind in ("epithet", "canonical") for _, a in self.uses
        )


def collisions(entities: Sequence[Entity]) -> list[_Collision]:
    """Normalized names that belong to two or more entities, sorted by name."""
    forms: dict[str, list[tuple[Entity, Alias]]] = {}
    for entity in entities:
        seen: set[str] = set()
        for alias in entity.names():
            form = normalize(alias.name)
            if form and form not in seen:
                seen.add(form)
                forms.setdefault(form, []).append((entity, alias))
    return [_Collision(f, uses) for f, uses in sorted(forms.items()) if len(uses) > 1]


def _given_name_aliases(entities: Sequence[Entity], limit: int) -> None:
    """Report the place and organisation aliases that are one common given name: they do not
    resolve alone (see :func:`aliasres.shortforms.common_name_aliases`). A warning: the
    alias still serves with ``type=place`` or ``type=organization``."""
    from ..shortforms import common_name_aliases

    flagged = common_name_aliases(entities)
    if not flagged:
        return
    print(
        f"one-word aliases that are a common given name (resolve only with their type): "
        f"{len(flagged)}"
    )
    for entity, alias in flagged[:limit]:
        print(f"      {entity.id}  {alias!r}  {entity.path}:{entity.line}")
    if len(flagged) > limit:
        print(f"  ... {len(flagged) - limit} more (--limit)")


def same_entity_removed(found: list[_Collision], entities: Sequence[Entity]) -> list[_Collision]:
    """The collisions between different identities: a name that linked entities share
    (``same_as``, a cited list id; see docs/sources.md) is one entity's name."""
    links = build_links(entities)
    number = {e.id: i for i, e in enumerate(entities)}
    return [
        c for c in found if len({links.canonical[number[e.id]] for e, _ in c.uses}) > 1
    ]


def cmd_check(args: argparse.Namespace) -> int:
    from ..data import entity_table_paths
    from ..tables import load_table, table_files

    errors: list[str] = []
    files: list[Path] = []
    if not args.paths or args.bundled:
        files += entity_table_paths()
    try:
        files += table_files(args.paths)
    except AliasTableError as exc:
        errors.append(str(exc))
    entities: list[Entity] = []
    first: dict[str, Entity] = {}
    names = 0
    for path in files:
        try:
            table = load_table(path)
        except AliasTableError as exc:
            errors.append(str(exc))
            continue
        for entity in table.entities:
            other = first.get(entity.id)
            if other is not None:
                errors.append(
                    f"{entity.path}:{entity.line}: id {entity.id!r} is already "
                    f"defined in {other.path}:{other.line}"
                )
                continue
            first[entity.id] = entity
            entities.append(entity)
            names += len(entity.names())
        if args.verbose:
            print(f"{path}: {len(table.entities)} entities, {len(table.reject)} reject names")
    errors += [str(problem) for problem in link_problems(entities)]
    found = same_entity_removed(collisions(entities), entities)
    undeclared = [c for c in found if not c.declared]
    print(
        f"{len(files)} table{'s' if len(files) != 1 else ''}, {len(entities):,} "
        f"entit{'ies' if len(entities) != 1 else 'y'}, {names:,} name{'s' if names != 1 else ''}"
    )
    if found:
        print(
            f"collisions (a normalized name on 2+ entities): {len(found)}, "
            f"{len(found) - len(undeclared)} declared (shared: true or epithet), "
            f"{len(undeclared)} undeclared"
        )
        shown = found if args.all else undeclared
        for c in shown[: args.limit]:
            mark = "declared" if c.declared else "UNDECLARED"
            print(f"  {mark:<10} {json.dumps(c.form, ensure_ascii=False)}")
            for entity, alias in c.uses:
                flags = "".join(
                    f" {f}" for f, on in (("shared", alias.shared), ("weak", alias.weak)) if on
                )
                print(
                    f"      {entity.id}  {alias.name!r} ({alias.kind}{flags})  "
                    f"{entity.path}:{entity.line}"
                )
        if len(shown) > args.limit:
            print(f"  ... {len(shown) - args.limit} more (--limit)")
        if undeclared and not args.all:
            print(
                "  (mark an alias `shared: true` when it knowingly belongs to several "
                "entities; --all lists the declared ones too)"
            )
    else:
        print("no collisions")
    _given_name_aliases(entities, args.limit)
    for e in errors:
        _err(f"error: {e}")
    if errors:
        _err(f"aliasres check: {len(errors)} error{'s' if len(errors) != 1 else ''}")
        return EXIT_FAIL
    if args.strict and undeclared:
        _err(f"aliasres check --strict: {len(undeclared)} undeclared collisions")
        return EXIT_FAIL
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``check`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "check",
        help="validate tables and list collisions",
        description="Validate alias tables (default: the bundled ones) and list collisions: a "
        "normalized name on two or more entities, declared (shared: true, or an "
        "epithet) or not. Exit 1 on errors (with --strict: on undeclared "
        "collisions too).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="table files or directories")
    p.add_argument(
        "--bundled", action="store_true", help="check PATHs together with the bundled tables"
    )
    p.add_argument("--strict", action="store_true", help="fail on undeclared collisions")
    p.add_argument("--all", action="store_true", help="list declared collisions too")
    p.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar="N",
        help="collisions listed at most (default %(default)s)",
    )
    p.add_argument("--verbose", "-v", action="store_true", help="a line per table")
    p.set_defaults(func=cmd_check)
