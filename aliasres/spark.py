"""Spark integration: resolve a column of a DataFrame on the executors.

>>> from aliasres.spark import resolve_column                        # doctest: +SKIP
>>> out = resolve_column(df, "name", tables=["my_table.yaml"])       # doctest: +SKIP
>>> out.select("name", "name_id", "name_status").show()              # doctest: +SKIP

:func:`resolve_column` adds four columns, ``<column>_id``, ``<column>_name``,
``<column>_score`` (double) and ``<column>_status`` (resolved | ambiguous | unresolved, see
:mod:`aliasres.pandas`), with ``DataFrame.mapInPandas``. The table files are read once on the
driver and shipped with the task (or, with ``index=``, a compiled index file is shipped once
with the job and memory-mapped where it lands), so the executors need aliasres installed but
not the files; each executor's Python worker builds (or maps) its :class:`~aliasres.Resolver`
once and keeps it (and a cache of resolved names) for every batch it processes.

:func:`scan_column` does the same for a column of article texts (one row per document): it
adds ``<column>_mentions``, an array of structs (start, end, text, id, name, type, score,
method), the mentions :meth:`Resolver.scan` finds in each text, linked with that text as
document context.

pyspark, pandas and pyarrow are optional dependencies: ``pip install aliasres[spark]``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pandas import COLUMNS, Classifier
from .resolve import DEFAULT_MARGIN, DEFAULT_THRESHOLD, Resolver, check_options, check_type
from .tables import Table, is_jsonl, parse_jsonl, parse_table, table_files

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

__all__ = ["MENTION_FIELDS", "ResolverSpec", "resolve_column", "scan_column"]


@dataclass(frozen=True, slots=True)
class ResolverSpec:
    """Everything an executor needs to build the resolver: the tables' text and the options.

    ``key`` identifies the spec (a digest of the rest), so executors can cache by it cheaply.
    """

    tables: tuple[tuple[str, str], ...]  # (path, YAML or JSON Lines text)
    bundled: bool = True
    #: a compiled index shipped with the job (its name among the SparkFiles), instead of tables
    index: str | None = None
    threshold: float = DEFAULT_THRESHOLD
    margin: float = DEFAULT_MARGIN
    type: str | None = None
    cache_size: int = 100_000
    key: str = field(default="", compare=False)

    @classmethod
    def from_paths(cls, paths: Sequence[str | os.PathLike[str]], **options: Any) -> ResolverSpec:
        """Read the table files (or directories of them) now, on the driver."""
        tables = tuple(
            (str(p), Path(p).read_text(encoding="utf-8-sig")) for p in table_files(paths)
        )
        for path, text in tables:
            _parse(text, path)  # fail on the driver, with file and line, not in a task
        digest = hashlib.sha256(repr((tables, sorted(options.items()))).encode()).hexdigest()
        return cls(tables, key=digest, **options)

    @classmethod
    def from_index(cls, path: str | os.PathLike[str], **options: Any) -> ResolverSpec:
        """A spec for a compiled index file (checked now, on the driver); the caller ships
        the file with the job (``SparkContext.addFile``)."""
        from .compiled import MappedIndex

        checked = MappedIndex(path)  # refuses a bad file here, not in a task
        digest = hashlib.sha256(
            repr((checked.header["payload_sha256"], sorted(options.items()))).encode()
        ).hexdigest()
        return cls((), bundled=False, index=Path(path).name, key=digest, **options)

    def build(self) -> Classifier:
        """The resolver and its name cache (on an executor)."""
        from .data import entity_table_paths
        from .tables import load_table

        if self.index is not None:
            from pyspark import SparkFiles

            resolver = Resolver.load(
                SparkFiles.get(self.index), threshold=self.threshold, margin=self.margin
            )
            return Classifier(resolver, type=self.type, cache_size=self.cache_size)
        loaded = [load_table(p) for p in entity_table_paths()] if self.bundled else []
        loaded += [_parse(text, path) for path, text in self.tables]
        resolver = Resolver.from_tables(loaded, threshold=self.threshold, margin=self.margin)
        return Classifier(resolver, type=self.type, cache_size=self.cache_size)


def _parse(text: str, path: str) -> Table:
    """A table's text read as the loader reads its file: JSON Lines for a ``.jsonl``."""
    return parse_jsonl(text, path) if is_jsonl(path) else parse_table(text, path)


def _check(type: str | None, threshold: float, margin: float) -> None:
    """The options checked on the driver, at once, rather than in a task on each executor."""
    check_type(type)
    check_options(threshold, margin)


_classifiers: dict[str, Classifier] = {}
_lock = threading.Lock()
#: how many resolvers this process has built (one per distinct spec; tests read it)
builds = 0


def _classifier(spec: ResolverSpec) -> Classifier:
    """The executor's classifier for ``spec``, built on first use and kept for the process."""
    global builds
    found = _classifiers.get(spec.key)
    if found is None:
        with _lock:
            found = _classifiers.get(spec.key)
            if found is None:
                found = _classifiers[spec.key] = spec.build()
                builds += 1
    return found


def _resolve_batches(
    spec: ResolverSpec, column: str, names: list[str], batches: Iterator[Any]
) -> Iterator[Any]:
    classify = _classifier(spec)
    for frame in batches:
        results = [classify(value) for value in frame[column].tolist()]
        frame = frame.copy()
        frame[names[0]] = [r.id for r in results]
        frame[names[1]] = [r.name for r in results]
        frame[names[2]] = [float("nan") if r.score is None else r.score for r in results]
        frame[names[3]] = [r.status for r in results]
        yield frame


def resolve_column(
    df: DataFrame,
    column: str,
    *,
    tables: Sequence[str | os.PathLike[str]] = (),
    bundled: bool = True,
    index: str | os.PathLike[str] | None = None,
    type: str | None = None,
    prefix: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    cache_size: int = 100_000,
) -> DataFrame:
    """``df`` with four more columns resolving ``column``: ``<prefix>_id``, ``_name``,
    ``_score``, ``_status`` (``prefix`` defaults to the column's name).

    Every row is kept, in order within its partition. Nulls and non-string values are
    ``unresolved``. The resolver is built once per executor process.

    Args:
        df: the DataFrame.
        column: the column holding the names.
        tables: alias tables or directories, read now on the driver.
        bundled: include the bundled tables (installed with aliasres on the executors).
        index: a compiled index file (``aliasres build``) instead of ``tables``: shipped once
            with the job (``SparkContext.addFile``) and memory-mapped on each executor, so
            no executor parses tables or builds an index (the Python workers of one
            machine share its pages).
        type: only consider entities of this type.
        prefix: the new columns' prefix.
        threshold, margin: as for :class:`~aliasres.Resolver`.
        cache_size: distinct names each executor remembers.

    Raises:
        ValueError: ``column`` is missing, or a new column's name is taken.
        AliasTableError: a table is invalid (raised on the driver).
    """
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    if column not in df.columns:
        raise ValueError(f"no column {column!r} (columns: {', '.join(df.columns)})")
    _check(type, threshold, margin)
    if index is not None and tables:
        raise ValueError("pass tables or an index, not both")
    if not tables and not bundled and index is None:
        raise ValueError("bundled=False needs tables")
    names = [f"{prefix or column}_{c}" for c in COLUMNS]
    taken = [n for n in names if n in df.columns]
    if taken:
        raise ValueError(f"the DataFrame already has a column {taken[0]!r}; pass another prefix")
    options: dict[str, Any] = {
        "threshold": threshold, "margin": margin, "type": type, "cache_size": cache_size
    }
    if index is not None:
        spec = ResolverSpec.from_index(index, **options)
        df.sparkSession.sparkContext.addFile(os.path.abspath(index))
    else:
        spec = ResolverSpec.from_paths(tables, bundled=bundled, **options)
    schema = StructType(
        [
            *df.schema.fields,
            StructField(names[0], StringType(), True),
            StructField(names[1], StringType(), True),
            StructField(names[2], DoubleType(), True),
            StructField(names[3], StringType(), False),
        ]
    )

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _resolve_batches(spec, column, names, batches)

    return df.mapInPandas(run, schema)


#: the fields of a mention struct of :func:`scan_column`, with their Spark SQL types
MENTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("start", "int"),
    ("end", "int"),
    ("text", "string"),
    ("id", "string"),
    ("name", "string"),
    ("type", "string"),
    ("score", "double"),
    ("method", "string"),
)


def _scan_batches(
    spec: ResolverSpec, column: str, output: str, batches: Iterator[Any]
) -> Iterator[Any]:
    resolver = _classifier(spec).resolver
    for frame in batches:
        found: list[list[dict[str, object]]] = []
        for text in frame[column].tolist():
            if not isinstance(text, str):
                found.append([])  # a null (or non-text) article has no mentions
                continue
            found.append(
                [
                    {
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "id": m.match.id,
                        "name": m.match.name,
                        "type": m.match.type,
                        "score": float(m.match.score),
                        "method": m.match.method,
                    }
                    for m in resolver.scan(text, type=spec.type)
                ]
            )
        frame = frame.copy()
        frame[output] = found
        yield frame


def scan_column(
    df: DataFrame,
    column: str,
    *,
    tables: Sequence[str | os.PathLike[str]] = (),
    bundled: bool = True,
    type: str | None = None,
    output: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
) -> DataFrame:
    """``df`` with one more column, ``output`` (default ``<column>_mentions``): for each row's
    text (one document), the array of its mentions as structs (see :data:`MENTION_FIELDS`;
    ``start``/``end`` are character offsets into the text), in order. A null text gives an
    empty array. Every row is kept. The resolver is built once per executor process.

    Raises:
        ValueError: ``column`` is missing, or ``output`` is taken.
        AliasTableError: a table is invalid (raised on the driver).
    """
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    if column not in df.columns:
        raise ValueError(f"no column {column!r} (columns: {', '.join(df.columns)})")
    _check(type, threshold, margin)
    if not tables and not bundled:
        raise ValueError("bundled=False needs tables")
    output = output or f"{column}_mentions"
    if output in df.columns:
        raise ValueError(f"the DataFrame already has a column {output!r}; pass another output")
    spec = ResolverSpec.from_paths(
        tables, bundled=bundled, threshold=threshold, margin=margin, type=type
    )
    sql_types = {"int": IntegerType(), "string": StringType(), "double": DoubleType()}
    mention = StructType(
        [StructField(name, sql_types[kind], name != "score") for name, kind in MENTION_FIELDS]
    )
    schema = StructType(
        [*df.schema.fields, StructField(output, ArrayType(mention, False), False)]
    )

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _scan_batches(spec, column, output, batches)

    return df.mapInPandas(run, schema)
