"""``check``: validate alias tables and list collisions."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AliasTableError
from ..links import build_links, link_problems
from ..normalize import normalize
from ..types import Alias, Entity
from .common import EXIT_FAIL, EXIT_OK, _err, _n, _positive

if TYPE_CHECKING:
    from ..tables import Table
    from .common import Subparsers


@dataclass(slots=True)
class _Collision:
    form: str
    uses: list[tuple[Entity, Alias]]

    @property
    def declared(self) -> bool:
        """Every alias involved is ``shared: true`` or an epithet (a canonical name cannot be
        marked, so one canonical name among shared aliases counts as declared too), or every
        one is ``typed: true`` on an entity of another type."""
        canonical = sum(a.kind == "canonical" for _, a in self.uses)
        if canonical <= 1 and all(
            a.shared or a.kind in ("epithet", "canonical") for _, a in self.uses
        ):
            return True
        # a plain phrase typed on entities of different types (الشرق الأوسط: the region, and
        # the newspaper): it resolves only when a type is asked for, and the type picks one
        types = [e.type for e, _ in self.uses]
        return all(a.typed for _, a in self.uses) and len(set(types)) == len(types)


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
    return [c for c in found if len({links.canonical[number[e.id]] for e, _ in c.uses}) > 1]


def cmd_check(args: argparse.Namespace) -> int:
    """`aliasres check`: report every problem of the tables, then the collisions; the exit
    status."""
    from ..data import entity_table_paths
    from ..tables import duplicate_ids, load_table, table_files, unknown_extensions

    problems: list[AliasTableError] = []
    files: list[Path] = []
    with_bundled = not args.paths or args.bundled
    if with_bundled:
        files += entity_table_paths()
    for given in args.paths:  # one at a time, so that a missing path does not hide the others
        try:
            files += table_files([given])
        except AliasTableError as exc:
            problems.extend(exc.problems)
    tables: list[Table] = []
    failed = 0
    for path in files:
        try:
            table = load_table(path)
        except AliasTableError as exc:
            problems.extend(exc.problems)
            failed += 1
            continue
        tables.append(table)
        if args.verbose:
            print(f"{path}: {len(table.entities)} entities, {len(table.reject)} reject names")
    problems.extend(duplicate_ids(tables))
    # an extend: entry may name an entity of any table loaded with it, the bundled ones included
    known = {e.id for t in tables for e in t.entities}
    if not with_bundled and not args.no_bundled:
        for path in entity_table_paths():
            known.update(e.id for e in load_table(path).entities)
    problems.extend(unknown_extensions(tables, known))
    # links (same_as, a cited list id) that cannot be made: see docs/sources.md
    problems.extend(
        AliasTableError(p.path, p.line, p.problem) for p in link_problems(_entities(tables))
    )

    if tables:  # statistics and collisions of the tables that loaded, none for the others
        _report(args, tables, failed)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    sys.stderr.flush()
    if problems:
        bad_files = len({p.path for p in problems})
        _err(f"aliasres check: {_n(len(problems), 'problem')} in {_n(bad_files, 'file')}")
        return EXIT_FAIL
    entities = _entities(tables)
    undeclared = [c for c in same_entity_removed(collisions(entities), entities) if not c.declared]
    if args.strict and undeclared:
        _err(f"aliasres check --strict: {len(undeclared)} undeclared collisions")
        return EXIT_FAIL
    return EXIT_OK


def _entities(tables: Sequence[Table]) -> list[Entity]:
    """The entities of ``tables``, each id once (the first definition)."""
    seen: set[str] = set()
    out: list[Entity] = []
    for table in tables:
        for entity in table.entities:
            if entity.id not in seen:
                seen.add(entity.id)
                out.append(entity)
    return out


def _report(args: argparse.Namespace, tables: Sequence[Table], failed: int) -> None:
    entities = _entities(tables)
    names = sum(len(e.names()) for e in entities)
    extended = sum(len(t.extend) for t in tables)
    print(
        f"{_n(len(tables), 'table')}, {len(entities):,} "
        f"entit{'ies' if len(entities) != 1 else 'y'}, {_n(names, 'name')}"
        + (f", {_n(extended, 'extend entry', 'extend entries')}" if extended else "")
        + (f" ({_n(failed, 'table')} did not load)" if failed else "")
    )
    found = same_entity_removed(collisions(entities), entities)
    undeclared = [c for c in found if not c.declared]
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
    sys.stdout.flush()


def register(sub: Subparsers) -> None:
    """Add ``check`` to the ``aliasres`` parser."""
    p = sub.add_parser(
        "check",
        help="validate tables and list collisions",
        description="Validate alias tables (default: the bundled ones) and list collisions: a "
        "normalized name on two or more entities, declared (shared: true, or an "
        "epithet) or not. Every problem of every file is listed as FILE:LINE: PROBLEM on "
        "stderr, with a count. Exit 1 on problems (with --strict: on undeclared "
        "collisions too).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="table files or directories")
    bundled = p.add_mutually_exclusive_group()
    bundled.add_argument(
        "--bundled",
        action="store_true",
        help="check PATHs together with the bundled tables (collisions with them included)",
    )
    bundled.add_argument(
        "--no-bundled",
        action="store_true",
        help="do not look up extend: ids in the bundled tables (by default an extend: entry "
        "may name a bundled entity)",
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
