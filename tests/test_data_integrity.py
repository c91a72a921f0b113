"""Integrity of the bundled tables: schema, ids, sources, collisions, self-resolution."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

import aliasres
from aliasres.data import entity_table_paths
from aliasres.normalize import normalize
from aliasres.shortforms import common_name_aliases
from aliasres.tables import Table, apply_extensions, load_table
from aliasres.types import Entity

ID_RE = re.compile(r"^(person|org)/[a-z0-9]+(-[a-z0-9]+)*$|^place/[a-z]{2}/[a-z0-9]+(-[a-z0-9]+)*$")
TYPE_PREFIX = {"person": "person/", "organization": "org/", "place": "place/"}
SOURCE_RE = re.compile(r"^(un:[A-Z]{2}[ie]\.\d{3}|ofac:\d+|iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3}|https://[a-z]{2,3}\.wikipedia\.org/wiki/\S+|https://\S+)$")


@pytest.fixture(scope="module")
def tables() -> list[Table]:
    paths = entity_table_paths()
    assert paths, "no bundled tables found"
    return [load_table(p) for p in paths]


@pytest.fixture(scope="module")
def entities(tables: list[Table]) -> list[Entity]:
    # with the extend: entries merged (countries.yaml adds names to the curated countries),
    # so that every check below covers those names too
    return [e for t in apply_extensions(tables) for e in t.entities]


@pytest.fixture(scope="module")
def resolver() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml()


def test_counts(entities: list[Entity]) -> None:
    by_type: dict[str, int] = defaultdict(int)
    for e in entities:
        by_type[e.type] += 1
    assert by_type["person"] >= 300
    assert by_type["organization"] >= 120
    assert by_type["place"] >= 150


def test_ids_unique_and_well_formed(entities: list[Entity]) -> None:
    seen: dict[str, str] = {}
    for e in entities:
        assert e.id not in seen, f"{e.id} in {e.path} and {seen[e.id]}"
        seen[e.id] = e.path
        assert ID_RE.match(e.id), f"{e.path}:{e.line}: id {e.id!r} does not follow the id scheme"
        assert e.id.startswith(TYPE_PREFIX[e.type]), f"{e.path}:{e.line}: {e.id} vs type {e.type}"


def test_retired_ids_are_not_reused(entities: list[Entity]) -> None:
    retired_file = Path(aliasres.data.bundled_dir()) / "retired_ids.txt"
    retired = {
        line.split("#")[0].strip()
        for line in retired_file.read_text(encoding="utf-8").splitlines()
        if line.split("#")[0].strip()
    }
    assert not retired & {e.id for e in entities}


def test_every_entity_has_a_source(entities: list[Entity]) -> None:
    for e in entities:
        assert e.sources, f"{e.path}:{e.line}: {e.id} has no source"
        for source in e.sources:
            assert SOURCE_RE.match(source), f"{e.path}:{e.line}: {e.id}: odd source {source!r}"


def test_countries_are_iso_codes(entities: list[Entity]) -> None:
    for e in entities:
        for c in e.countries:
            assert re.fullmatch(r"[A-Z]{2}", c), f"{e.path}:{e.line}: {e.id}: country {c!r}"


def test_sanctions_sources_exist_in_the_lists(entities: list[Entity], shared_dir: Path) -> None:
    listed = set()
    with open(shared_dir / "eval" / "entities.jsonl", encoding="utf-8") as fh:
        for line in fh:
            listed.add(json.loads(line)["id"])
    for e in entities:
        for source in e.sources:
            if source.startswith(("un:", "ofac:")):
                assert source in listed, f"{e.path}:{e.line}: {e.id}: {source} is not on the list"


def test_no_undeclared_collisions(entities: list[Entity]) -> None:
    """A normalized name claimed by two entities must be declared shared by every claimant
    (or be an epithet, which never resolves)."""
    owners: dict[str, dict[str, bool]] = defaultdict(dict)
    typed: dict[str, list[str]] = defaultdict(list)  # the types whose entity has it typed
    for e in entities:
        for alias in e.names():
            if alias.kind == "epithet":
                continue
            key = normalize(alias.name)
            owners[key][e.id] = owners[key].get(e.id, False) or alias.shared
            if alias.typed:
                typed[key].append(e.type)
    problems = [
        f"{key!r}: {sorted(ids)}"
        for key, ids in owners.items()
        if len(ids) > 1
        and not all(ids.values())
        # typed on entities of different types: only a type resolves it, and picks one
        and not (len(typed[key]) == len(ids) == len(set(typed[key])))
    ]
    assert not problems, "undeclared shared names:\n" + "\n".join(problems)


def test_every_name_resolves_to_its_own_entity(
    entities: list[Entity], resolver: aliasres.Resolver
) -> None:
    wrong = []
    # a place or organisation alias that is one common given name (Riyad) resolves only with
    # its type asked for (issue 13); it must still resolve to its own entity then
    withheld = {(e.id, a) for e, a in common_name_aliases(entities)}
    for e in entities:
        for alias in e.names():
            if alias.kind == "epithet" or alias.shared:
                continue
            # a typed alias (a plain phrase too) resolves when its type is asked for, and so
            # does one that is a common given name (issue 13)
            typed = alias.typed or (e.id, alias.name) in withheld
            m = resolver.resolve(alias.name, type=e.type if typed else None)
            if m is None or m.id != e.id:
                wrong.append(f"{e.path}:{e.line}: {alias.name!r} -> {m.id if m else None} (want {e.id})")
    assert not wrong, "\n".join(wrong)


def test_typed_names_resolve_only_with_their_type(
    entities: list[Entity], resolver: aliasres.Resolver
) -> None:
    for e in entities:
        for alias in e.aliases:
            if alias.typed:
                match = resolver.resolve(alias.name)
                assert match is None or match.id != e.id, alias.name


def test_shared_names_are_reported_ambiguous(
    entities: list[Entity], resolver: aliasres.Resolver
) -> None:
    for e in entities:
        for alias in e.aliases:
            if alias.shared:
                assert resolver.resolve(alias.name) is None, alias.name
                assert e.id in {m.id for m in resolver.candidates(alias.name, limit=10)}


def test_tables_are_formatted(tables: list[Table]) -> None:
    """Entities are sorted by id in every file (the formatter keeps them so)."""
    for t in tables:
        ids = [e.id for e in t.entities]
        assert ids == sorted(ids), f"{t.path} is not sorted by id"


def test_tables_pass_the_formatter() -> None:
    """`aliasres fmt --check aliases/entities` would change nothing (sorted, de-duplicated)."""
    import subprocess
    import sys

    paths = [str(p) for p in entity_table_paths()]
    result = subprocess.run(
        [sys.executable, "-m", "aliasres", "fmt", "--check", *paths],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
