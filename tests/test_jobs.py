"""resolve_many(jobs=N): several processes sharing one index give the answers of one."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

import aliasres
from aliasres import jobs

GOLDEN = Path(__file__).parent / "golden"


def _names() -> list[str]:
    with open(GOLDEN / "cases.csv", encoding="utf-8", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    return names * 3 + ["", "Assad", "xyz"]


@pytest.mark.parametrize("compiled", [False, True])
def test_jobs_give_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: bool
) -> None:
    monkeypatch.setattr(jobs, "MIN_PER_JOB", 10)
    monkeypatch.setattr(jobs.os, "cpu_count", lambda: 4)
    resolver = aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)
    if compiled:
        resolver.build_index(tmp_path / "g.ari")
        resolver = aliasres.Resolver.load(tmp_path / "g.ari")
    names = _names()
    one = resolver.resolve_many(names)
    assert resolver.resolve_many(names, jobs=2) == one
    assert resolver.resolve_many(iter(names), jobs=3, type="person") == resolver.resolve_many(
        names, type="person"
    )
    assert resolver.resolve_many(names, jobs=2, countries=iter(["SY"]), born="1971") == (
        resolver.resolve_many(names, countries="SY", born="1971")
    )


def test_spawned_workers_map_the_index_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "MIN_PER_JOB", 10)
    monkeypatch.setattr(jobs.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(jobs.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False).build_index(
        tmp_path / "g.ari"
    )
    resolver = aliasres.Resolver.load(tmp_path / "g.ari", threshold=0.9)
    names = _names()
    assert resolver.resolve_many(names, jobs=2) == resolver.resolve_many(names)


def test_a_worker_that_cannot_map_the_index_fails_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a spawned worker whose index file is no longer usable (replaced since, or another
    # aliasres version found first on the workers' path): an error, not a pool that
    # replaces the failing worker for ever
    monkeypatch.setattr(jobs, "MIN_PER_JOB", 10)
    monkeypatch.setattr(jobs.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(jobs.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    path = tmp_path / "g.ari"
    aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False).build_index(path)
    resolver = aliasres.Resolver.load(path, threshold=0.9)
    other = tmp_path / "other.ari"
    other.write_bytes(b"not an index")
    os.replace(other, path)  # this process keeps its mapping of the old file
    with pytest.raises(RuntimeError, match="could not load the index.*not an aliasres index"):
        resolver.resolve_many(_names(), jobs=2)


def test_bad_input() -> None:
    resolver = aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)
    with pytest.raises(ValueError, match="jobs"):
        resolver.resolve_many(["a"], jobs=0)
    with pytest.raises(TypeError):
        resolver.resolve_many(["a", 5], jobs=2)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        resolver.resolve_many("Ahmad", jobs=2)


@pytest.mark.parametrize("jobs", ["2", None, 2.0, True], ids=["str", "None", "float", "bool"])
def test_jobs_of_the_wrong_type_is_a_clear_type_error(jobs: object) -> None:
    # not "'<' not supported between instances of 'str' and 'int'"; 2.0 and True were
    # taken as numbers of processes
    resolver = aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)
    with pytest.raises(TypeError, match="^jobs must be an int, not "):
        resolver.resolve_many(["Ahmad"], jobs=jobs)  # type: ignore[arg-type]
    # nearest wrong neighbour: an int, numpy's included, is taken
    import numpy as np

    assert resolver.resolve_many(["Ahmad"], jobs=np.int64(1)) == resolver.resolve_many(["Ahmad"])
