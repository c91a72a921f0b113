"""The Spark helper, in local mode (skipped only when pyspark is not installed).

Spark takes most of this file's time: about 15 s to start the JVM and 10 s to start the first
Python worker (pandas, pyarrow, aliasres and its name lexicon), on 2 cores with Java 17.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import aliasres
from aliasres.pandas import classify

pyspark = pytest.importorskip("pyspark")

TABLE = """\
    entities:
      - id: place/damascus
        type: place
        name: Damascus
        aliases: [Dimashq, {name: دمشق, lang: ar}]
      - id: place/tripoli-lebanon
        type: place
        name: Tripoli, Lebanon
        aliases: [{name: Tripoli, shared: true}]
      - id: place/tripoli-libya
        type: place
        name: Tripoli, Libya
        aliases: [{name: Tripoli, shared: true}]
      - id: person/abu-mohammed-al-jawlani
        type: person
        name: Abu Mohammed al-Jawlani
        aliases: [Abu Muhammad al-Golani]
"""


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch:
        # the executors' Python must be this one (it has aliasres installed)
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[1]").appName("aliasres-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.python.worker.reuse", "true")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


def test_resolve_column(spark: Any, make_table: Callable[[str], Path]) -> None:
    from aliasres.spark import resolve_column

    path = make_table(TABLE)
    names = ["Damascus", "Dimashk", None, "Tripoli", "", "دمشق", "Abou Mohamed al-Joulani",
             "Nobody Atall", "Damascus"]
    rows = [(i, name) for i, name in enumerate(names)]
    # three partitions, three tasks, one executor process
    df = spark.createDataFrame(spark.sparkContext.parallelize(rows, 3), "n int, name string")
    out = resolve_column(df, "name", tables=[path], bundled=False)
    assert out.columns == ["n", "name", "name_id", "name_name", "name_score", "name_status"]
    got = {row["n"]: row for row in out.collect()}
    assert sorted(got) == list(range(len(names)))  # every row kept
    resolver = aliasres.Resolver.from_yaml(path, bundled=False)
    for i, name in enumerate(names):
        want = classify(resolver, name)
        row = got[i]
        assert row["name"] == name
        assert (row["name_id"], row["name_name"], row["name_status"]) == \
            (want.id, want.name, want.status)
        assert row["name_score"] == want.score
    assert {r["name_status"] for r in got.values()} == {"resolved", "ambiguous", "unresolved"}

    # a second action on the same spec reuses the executor's resolver: one build per process
    assert len(out.collect()) == len(names)

    def report(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        import aliasres.spark

        for _ in batches:
            yield pd.DataFrame({"pid": [os.getpid()], "builds": [aliasres.spark.builds]})

    builds = df.mapInPandas(report, "pid long, builds long").collect()
    assert max(r["builds"] for r in builds) == 1


def test_resolve_column_options(spark: Any, make_table: Callable[[str], Path]) -> None:
    from aliasres.spark import resolve_column

    path = make_table(TABLE)
    df = spark.createDataFrame([("Damascus",), ("Tripoli",)], "city string")
    out = resolve_column(df, "city", tables=[path], bundled=False, prefix="c", type="person")
    rows = out.collect()
    assert out.columns[1:] == ["c_id", "c_name", "c_score", "c_status"]
    assert [r["c_status"] for r in rows] == ["unresolved", "unresolved"]
    with pytest.raises(ValueError, match="no column"):
        resolve_column(df, "name", tables=[path], bundled=False)
    with pytest.raises(ValueError, match="already has"):
        resolve_column(out, "city", tables=[path], bundled=False, prefix="c")
    bad = make_table("entities:\n  - {id: x}\n")
    with pytest.raises(aliasres.AliasTableError, match=":2:"):
        resolve_column(df, "city", tables=[bad], bundled=False)  # on the driver, at once


def test_scan_column(spark: Any, make_table: Callable[[str], Path]) -> None:
    from aliasres.spark import MENTION_FIELDS, scan_column

    path = make_table(TABLE)
    texts = [
        "Abu Muhammad al-Golani arrived in Damascus on Monday.",
        None,
        "",
        "Nothing to see in Tripoli.",
        "قال مسؤول في دمشق",
    ]
    df = spark.createDataFrame(
        spark.sparkContext.parallelize(list(enumerate(texts)), 2), "n int, body string"
    )
    out = scan_column(df, "body", tables=[path], bundled=False)
    assert out.columns == ["n", "body", "body_mentions"]
    got = {row["n"]: row["body_mentions"] for row in out.collect()}
    assert sorted(got) == list(range(len(texts)))  # every row kept
    resolver = aliasres.Resolver.from_yaml(path, bundled=False)
    for i, text in enumerate(texts):
        want = resolver.scan(text) if text else []
        assert [(m["start"], m["end"], m["text"], m["id"]) for m in got[i]] == [
            (w.start, w.end, w.text, w.match.id) for w in want
        ]
    assert [m["id"] for m in got[0]] == ["person/abu-mohammed-al-jawlani", "place/damascus"]
    assert [m["id"] for m in got[4]] == ["place/damascus"]
    assert set(got[0][0].asDict()) == {name for name, _ in MENTION_FIELDS}
    with pytest.raises(ValueError, match="already has"):
        scan_column(out, "body", tables=[path], bundled=False)
    with pytest.raises(ValueError, match="no column"):
        scan_column(df, "nope", tables=[path], bundled=False)


def test_resolve_column_with_a_compiled_index(
    spark: Any, make_table: Callable[[str], Path], tmp_path: Path
) -> None:
    from aliasres.spark import resolve_column

    path = make_table(TABLE)
    resolver = aliasres.Resolver.from_yaml(path, bundled=False)
    index = tmp_path / "places.ari"
    resolver.build_index(index)
    names = ["Damascus", "Dimashk", None, "Tripoli", "Abou Mohamed al-Joulani", "Nobody"]
    df = spark.createDataFrame([(n,) for n in names], "name string")
    out = resolve_column(df, "name", index=index)
    for row in out.collect():
        want = classify(resolver, row["name"])
        assert (row["name_id"], row["name_status"]) == (want.id, want.status)
    with pytest.raises(ValueError, match="not both"):
        resolve_column(df, "name", index=index, tables=[path])
    bad = tmp_path / "bad.ari"
    bad.write_bytes(index.read_bytes()[:500])
    with pytest.raises(aliasres.AliasresError, match="truncated"):
        resolve_column(df, "name", index=bad)  # on the driver, at once


def test_json_lines_tables_and_bad_options(spark: Any, tmp_path: Path) -> None:
    """tables= takes what --tables takes, JSON Lines included (it parsed every file as
    YAML: 'invalid YAML' on the driver); and a bad type, threshold or margin is refused on
    the driver, at once, not in a task on every executor."""
    from aliasres.spark import resolve_column, scan_column

    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "place/damascus", "type": "place", "name": "Damascus", '
                    '"aliases": ["Dimashq"]}\n', encoding="utf-8")
    df = spark.createDataFrame([("Dimashq",), ("Homs",)], "city string")
    out = resolve_column(df, "city", tables=[path], bundled=False).collect()
    assert [r["city_id"] for r in out] == ["place/damascus", None]
    texts = spark.createDataFrame([("News from Dimashq today",)], "text string")
    got = scan_column(texts, "text", tables=[tmp_path], bundled=False).collect()
    assert [m["id"] for m in got[0]["text_mentions"]] == ["place/damascus"]
    for bad, match in (({"type": "planet"}, "type must be one of"),
                       ({"threshold": 2.0}, "threshold must be"),
                       ({"margin": "0.1"}, "margin must be")):
        with pytest.raises((ValueError, TypeError), match=match):
            resolve_column(df, "city", tables=[path], bundled=False, **bad)
        with pytest.raises((ValueError, TypeError), match=match):
            scan_column(texts, "text", tables=[path], bundled=False, **bad)
