"""The compiled index file: the same answers as the index built in memory; bad files refused."""

from __future__ import annotations

import csv
import json
import os
import pickle
from pathlib import Path

import pytest

import aliasres
from aliasres.compiled import FORMAT_VERSION, MAGIC
from aliasres.errors import IndexFileError

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module", params=["golden", "bundled"])
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[aliasres.Resolver, aliasres.Resolver]:
    if request.param == "golden":
        built = aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)
    else:
        built = aliasres.Resolver.from_yaml()
    path = tmp_path_factory.mktemp("ari") / "index.ari"
    built.build_index(path)
    return built, aliasres.Resolver.load(path)


def _names() -> list[str]:
    with open(GOLDEN / "cases.csv", encoding="utf-8", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    return names + ["Assad", "Hafez al-Assad", "أحمد الشرع", "Gholamali Rashid", "HTS (Syria)"]


def test_same_answers_as_the_built_index(pair: tuple[aliasres.Resolver, aliasres.Resolver]) -> None:
    built, mapped = pair
    assert len(mapped) == len(built) and repr(mapped) == repr(built)
    for name in _names():
        assert mapped.resolve(name) == built.resolve(name), name
        assert mapped.candidates(name, limit=10) == built.candidates(name, limit=10), name
        for etype in ("person", "place"):
            assert mapped.resolve(name, type=etype) == built.resolve(name, type=etype), name
    assert mapped.explain("Abou Bakr el-Baghdadi") == built.explain("Abou Bakr el-Baghdadi")
    # the evidence beyond the name: countries and dates of birth of linked groups
    for name in _names()[:60]:
        for evidence in ({"countries": "SY"}, {"countries": "IQ", "born": "1971"}):
            assert mapped.candidates(name, **evidence) == built.candidates(name, **evidence)
    assert mapped._index.facts == built._index.facts
    assert list(mapped._index.links.canonical) == list(built._index.links.canonical)
    assert mapped._index.links.groups == built._index.links.groups


def test_links_and_facts_survive(pair: tuple[aliasres.Resolver, aliasres.Resolver]) -> None:
    built, mapped = pair
    if len(built) > 500:  # the bundled tables: countries and dates
        assert built._index.facts
    assert mapped._index.facts == built._index.facts
    assert mapped._index.links.ids == built._index.links.ids


def test_entities_and_options(pair: tuple[aliasres.Resolver, aliasres.Resolver], tmp_path: Path) -> None:
    built, mapped = pair
    assert mapped.entities == built.entities
    for entity in built.entities[:50]:
        assert mapped.get(entity.id) == entity
    assert mapped.get("nobody") is None
    strict = aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False, threshold=0.95)
    strict.build_index(tmp_path / "s.ari")
    assert aliasres.Resolver.load(tmp_path / "s.ari").threshold == 0.95
    assert aliasres.Resolver.load(tmp_path / "s.ari", threshold=0.9).threshold == 0.9


def test_pickles_as_its_path(pair: tuple[aliasres.Resolver, aliasres.Resolver]) -> None:
    _, mapped = pair
    data = pickle.dumps(mapped)
    # the path, the options and the place chains, not the index
    assert len(data) < os.path.getsize(mapped._index.path) / 20
    again = pickle.loads(data)  # noqa: S301 - our own object
    assert again.resolve("Bashar al-Assad") == mapped.resolve("Bashar al-Assad")


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.ari"
    aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False).build_index(path)
    return path


def _refused(path: Path, problem: str) -> None:
    with pytest.raises(IndexFileError) as err:
        aliasres.Resolver.load(path)
    assert err.value.path == str(path)
    assert problem in err.value.problem, err.value.problem


def test_truncated_file_is_refused(good_file: Path) -> None:
    data = good_file.read_bytes()
    for cut in (len(data) - 1, len(data) // 2, 40, 10, 0):
        good_file.write_bytes(data[:cut])
        with pytest.raises(IndexFileError):
            aliasres.Resolver.load(good_file)
    good_file.write_bytes(data[: len(data) - 100])
    _refused(good_file, "truncated")


def test_damaged_payload_is_refused(good_file: Path) -> None:
    data = bytearray(good_file.read_bytes())
    data[-50] ^= 0xFF
    good_file.write_bytes(bytes(data))
    _refused(good_file, "checksum")


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.ari"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    _refused(path, "not an aliasres index")
    path.write_text("entities: []\n", encoding="utf-8")
    _refused(path, "not an aliasres index")
    path.write_bytes(pickle.dumps({"a": 1}))
    _refused(path, "not an aliasres index")
    _refused(tmp_path / "missing.ari", "cannot read")


@pytest.mark.parametrize("name", ["nul\x00.ari", "surrogate\ud800.ari", "a" * 5000 + ".ari"],
                         ids=["nul", "lone-surrogate", "too-long"])
def test_a_path_the_system_refuses_is_an_index_file_error(tmp_path: Path, name: str) -> None:
    # not a bare ValueError ("embedded null byte"), UnicodeEncodeError or OSError that
    # names no file
    with pytest.raises(IndexFileError, match="cannot read"):
        aliasres.Resolver.load(str(tmp_path / name))
    # nearest wrong neighbour: a file that opens but is too short keeps its own message
    short = tmp_path / "short.ari"
    short.write_bytes(b"abc")
    with pytest.raises(IndexFileError) as info:
        aliasres.Resolver.load(short)
    assert "too short" in str(info.value) and "cannot read" not in str(info.value)


def test_other_version_is_refused(good_file: Path) -> None:
    data = bytearray(good_file.read_bytes())
    at = len(MAGIC)
    data[at: at + 4] = (FORMAT_VERSION + 1).to_bytes(4, "little")
    good_file.write_bytes(bytes(data))
    _refused(good_file, "format")


def test_other_build_is_refused(good_file: Path) -> None:
    data = good_file.read_bytes()
    at = len(MAGIC)
    length = int.from_bytes(data[at + 4: at + 8], "little")
    header = json.loads(data[at + 8: at + 8 + length])
    header["build"] = "0" * len(header["build"])
    new = json.dumps(header).encode()
    assert len(new) == length
    good_file.write_bytes(data[: at + 8] + new + data[at + 8 + length:])
    _refused(good_file, "another version")


# --------------------------------------------------------------------------- the cache
def test_user_tables_are_cached_as_a_compiled_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aliasres import cache
    from aliasres.compiled import MappedIndex

    monkeypatch.setenv("ALIASRES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ALIASRES_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 0)
    table = tmp_path / "t.yaml"
    table.write_bytes((GOLDEN / "table.yaml").read_bytes())
    first = aliasres.Resolver.from_yaml(table, bundled=False, threshold=0.9)
    entries = list((tmp_path / "cache").glob("tables-*.ari"))
    assert len(entries) == 1
    second = aliasres.Resolver.from_yaml(table, bundled=False, threshold=0.9)
    assert isinstance(second._index, MappedIndex) and second.threshold == 0.9
    for name in _names()[:40]:
        assert second.candidates(name) == first.candidates(name), name
    # a damaged entry is rebuilt, not loaded
    entries[0].write_bytes(entries[0].read_bytes()[:1000])
    third = aliasres.Resolver.from_yaml(table, bundled=False)
    assert not isinstance(third._index, MappedIndex)
    assert isinstance(aliasres.Resolver.from_yaml(table, bundled=False)._index, MappedIndex)
    # another table's bytes: another entry
    table.write_text(
        "entities:\n  - {id: person/z, name: Zayd Khalil al-Tikriti}\n", encoding="utf-8"
    )
    changed = aliasres.Resolver.from_yaml(table, bundled=False)
    assert [e.id for e in changed.entities] == ["person/z"]
    assert len(list((tmp_path / "cache").glob("tables-*.ari"))) == 2


def test_small_tables_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIASRES_CACHE_DIR", str(tmp_path / "cache"))
    aliasres.Resolver.from_yaml(GOLDEN / "table.yaml", bundled=False)
    assert not list((tmp_path / "cache").glob("tables-*.ari"))


def test_linked_listings_and_dates(tmp_path: Path) -> None:
    table = tmp_path / "linked.yaml"
    table.write_text(
        """\
entities:
  - {id: un/QDi.1, type: person, name: Ahmad Khalil al-Tikriti, born: 1971, countries: [IQ],
     same_as: [ofac/1]}
  - {id: ofac/1, type: person, name: Ahmed Khaleel al-Takriti, born: [1970, 1971]}
  - {id: person/other, type: person, name: Ahmad Khalil al-Tikriti, born: 1990, countries: [SY]}
""",
        encoding="utf-8",
    )
    built = aliasres.Resolver.from_yaml(table, bundled=False)
    built.build_index(tmp_path / "l.ari")
    mapped = aliasres.Resolver.load(tmp_path / "l.ari")
    assert built._index.links.groups and built._index.facts
    assert mapped._index.links.groups == built._index.links.groups
    assert mapped._index.links.ids == built._index.links.ids
    assert mapped._index.facts == built._index.facts
    for evidence in ({}, {"born": "1971"}, {"countries": "SY"}, {"born": "1990"}):
        for name in ("Ahmad Khalil al-Tikriti", "Ahmed Khaleel al-Takriti"):
            assert mapped.candidates(name, **evidence) == built.candidates(name, **evidence)
            assert mapped.resolve(name, **evidence) == built.resolve(name, **evidence)
