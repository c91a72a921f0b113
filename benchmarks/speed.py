#!/usr/bin/env python3
"""Speed and memory of aliasres against the naive rapidfuzz baseline, at growing table sizes.

For each table size it generates a realistic alias table and query sets (``gen.py``: exact
hits, spelling variants, Arabic script, misses; every query knows its right answer), then
measures in fresh subprocesses, one per system and size, pinned to one core:

* aliasres: ``aliasres.Resolver(entities)`` (no bundled tables), then ``resolve()`` per query;
* the baseline: ``rapidfuzz.process.extractOne(unidecode(name).lower(), all_aliases,
  scorer=fuzz.WRatio)`` over every table name (accepted when the score reaches
  ``--baseline-cutoff``), on a sample of the queries because it is slow at large sizes;

queries/s, p50/p99 latency per query type, index build time, peak RSS and memory per alias, and
the accuracy of each answer (correct / wrong / none). It also times a cold ``import aliasres;
aliasres.resolve(...)`` on the bundled tables (twice: the first run may build a cache) and
``aliasres clean`` on a CSV of 1,000,000 rows with 50,000 distinct names (Zipf-like repetition).
The results go to ``docs/benchmarks.md`` and the plots ``docs/speed_qps.png`` and
``docs/speed_memory.png``.

    python benchmarks/speed.py            # 10k, 100k, 1M aliases (tens of minutes)
    python benchmarks/speed.py --quick    # 10k and 100k, fewer queries (a few minutes)
    python benchmarks/speed.py --sizes 10000,50000 --queries 500 --profile variant

Needs matplotlib for the plots (``pip install matplotlib``; skipped with a message otherwise).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import io
import json
import math
import os
import platform
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import gen

TARGETS_DOC = "issue 5"
#: the section that points to benchmarks/large.py's page (issue 16), kept when this page is
#: generated again
LARGE_TABLES_SECTION = (
    "## Large tables: load time and memory against size",
    "",
    "Tables of up to a million names in two shapes (this page's, and three-part Arabic person "
    "names), read from YAML or JSON Lines or mapped from a compiled index, and processes "
    "sharing one index, are measured by `benchmarks/large.py`: every figure is in "
    "[large_tables.md](large_tables.md).",
    "",
    "Latest (end of session 5, a quiet machine, load average 0.7-1.3): `clean --jobs 2` on "
    "1,000,000 rows with 50,000 distinct names, the input split among the workers: 1.79-1.87× "
    "one job by the wall clock in three runs (one job 14.9-15.3 s, two 8.0-8.5 s; 1.98-2.04× "
    "by CPU time), output byte-identical; first build of 1,000,000 names from JSON Lines "
    "27.8 s (gen) and 24.3 s (person3), from YAML 39.3 s and 39.1 s; a fresh process answers "
    "from the compiled index in 1.2 s and 1.0 s at 503 MB and 481 MB (four processes on one "
    "index: 751 MB and 687 MB summed PSS), 2,139 and 4,017 variant queries/s of CPU. Rerun: "
    "`ALIASRES_NO_CACHE=1 python benchmarks/large.py --shapes '' --clean 1000000,50000 "
    "--seconds 5 --shared 0` and `ALIASRES_NO_CACHE=1 python benchmarks/large.py --sizes "
    "1000000 --shapes gen,person3 --formats jsonl,yaml --seconds 5 --shared 4`.",
    "",
    "![time to a first answer and memory against table size](large_tables.png)",
    "",
)
COLD_NAME = "Ahmed al-Sharaa"
MB = 1024 * 1024


# ---------------------------------------------------------------------------------------------
# measuring (runs inside a worker subprocess, or in-process for the smoke test)

def rss_bytes() -> int:
    """Current resident set size of this process (Linux /proc; else the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return peak_rss_bytes()


def peak_rss_bytes() -> int:
    """Peak resident set size of this process.

    Linux: VmHWM, the high-water mark of this program's own memory. ``ru_maxrss`` would also
    count the parent's resident set at fork time (Linux keeps it across exec).
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB


def outcome(expected: Sequence[str], got: str | None) -> str:
    """correct / wrong / none. Abstaining is right for a miss and for an ambiguous name."""
    if got is None:
        return "none" if len(expected) == 1 else "correct"
    return "correct" if got in expected else "wrong"


def percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[i]


def _aliasres_system(table: Path) -> tuple[Callable[[str], str | None], int, int]:
    import aliasres
    from aliasres.types import Alias, Entity

    # The fixed cost first (the matching rules, read once per process), then the table's index.
    rss0 = rss_bytes()
    t0 = time.perf_counter()
    aliasres.Resolver([])
    state["fixed_s"] = time.perf_counter() - t0
    gc.collect()
    state["fixed_mb"] = (rss_bytes() - rss0) / MB
    entities = [Entity(eid, "person", name, tuple(Alias(a, kind=k or "spelling", lang=lang)
                                                  for a, k, lang in aliases))
                for eid, name, aliases in gen.read_table(table)]
    n_aliases = sum(1 + len(e.aliases) for e in entities)
    gc.collect()
    state["rss_before"] = rss_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    resolver = aliasres.Resolver(entities)
    state["build_s"] = time.perf_counter() - t0
    state["build_cpu_s"] = time.process_time() - c0

    def answer(name: str) -> str | None:
        match = resolver.resolve(name)
        return match.id if match is not None else None

    return answer, len(entities), n_aliases


def _baseline_system(table: Path, cutoff: float) -> tuple[Callable[[str], str | None], int, int]:
    from rapidfuzz import fuzz, process
    from unidecode import unidecode

    rows = list(gen.read_table(table))
    gc.collect()
    state["rss_before"] = rss_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    choices: list[str] = []
    owner: list[str] = []
    for eid, name, aliases in rows:
        for text in [name] + [str(a[0]) for a in aliases]:
            choices.append(unidecode(text).lower())
            owner.append(eid)
    state["build_s"] = time.perf_counter() - t0
    state["build_cpu_s"] = time.process_time() - c0

    def answer(name: str) -> str | None:
        hit = process.extractOne(unidecode(name).lower(), choices, scorer=fuzz.WRatio)
        return owner[hit[2]] if hit is not None and hit[1] >= cutoff else None

    return answer, len(rows), len(choices)


state: dict[str, float] = {}


def measure(system: str, table: Path, queries: Path, *, limit: int | None = None,
            cutoff: float = 90.0, profile: str | None = None) -> dict[str, Any]:
    """Build ``system`` on ``table`` and run the queries; return every figure as a dict."""
    state.clear()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    qs = gen.read_queries(queries)
    warmup = qs.pop("warmup", [])
    if system == "aliasres":
        answer, n_entities, n_aliases = _aliasres_system(table)
    else:
        answer, n_entities, n_aliases = _baseline_system(table, cutoff)
    gc.collect()
    rss_after = rss_bytes()
    result: dict[str, Any] = {
        "system": system, "entities": n_entities, "aliases": n_aliases,
        "build_s": state["build_s"], "build_cpu_s": state["build_cpu_s"],
        "fixed_s": state.get("fixed_s", 0.0),
        "fixed_mb": state.get("fixed_mb", 0.0), "rss_before_mb": state["rss_before"] / MB,
        "rss_after_mb": rss_after / MB,
        "index_mb": (rss_after - state["rss_before"]) / MB,
        "bytes_per_alias": (rss_after - state["rss_before"]) / max(1, n_aliases),
        "limit": limit, "cutoff": cutoff if system == "baseline" else None, "types": {},
    }
    for q in warmup[: 5 if system == "baseline" else 40]:
        answer(q.text)
    perf, cpu = time.perf_counter_ns, time.process_time_ns
    for kind in gen.QUERY_TYPES:
        items = qs.get(kind, [])[:limit] if limit else qs.get(kind, [])
        lat: list[float] = []
        cpu_lat: list[float] = []
        counts = {"correct": 0, "wrong": 0, "none": 0}
        ambiguous = 0
        prof = cProfile.Profile() if profile == kind else None
        if prof is not None:
            prof.enable()
        c0 = time.process_time()
        for q in items:
            c1, t0 = cpu(), perf()
            got = answer(q.text)
            lat.append((perf() - t0) / 1e6)
            cpu_lat.append((cpu() - c1) / 1e6)
            counts[outcome(q.expected, got)] += 1
            ambiguous += len(q.expected) > 1
        cpu_s = time.process_time() - c0
        if prof is not None:
            prof.disable()
            result["profile"] = profile_text(prof, f"{system}: {len(items)} {kind} queries")
        total_s = sum(lat) / 1000
        lat.sort()
        cpu_lat.sort()
        result["types"][kind] = {
            "n": len(items), "qps": len(items) / total_s if total_s else float("nan"),
            "cpu_qps": len(items) / cpu_s if cpu_s else float("nan"),
            "p50_ms": percentile(lat, 0.50), "p99_ms": percentile(lat, 0.99),
            "max_ms": lat[-1] if lat else float("nan"),
            "p50_cpu_ms": percentile(cpu_lat, 0.50), "p99_cpu_ms": percentile(cpu_lat, 0.99),
            "ambiguous": ambiguous, **counts,
        }
    result["peak_mb"] = peak_rss_bytes() / MB
    result["load"] = [load_before,
                      os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")]
    return result


def profile_text(prof: cProfile.Profile, title: str, top: int = 25) -> str:
    out = io.StringIO()
    out.write(f"{title}\n")
    stats = pstats.Stats(prof, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    text = out.getvalue()
    return re.sub(r"\n{3,}", "\n\n", text)


def profile_build(table: Path) -> str:
    prof = cProfile.Profile()
    prof.enable()
    _aliasres_system(table)
    prof.disable()
    return profile_text(prof, f"aliasres: Resolver() build on {table.name}")


def pin_one_core() -> int | None:
    """Run on one core (the last allowed one), so "queries/s" means per core."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return cpus[-1]
    except (AttributeError, OSError):
        return None


def worker_main(args: argparse.Namespace) -> None:
    cpu = pin_one_core() if args.pin else None
    if args.profile == "build":
        result: dict[str, Any] = {"profile": profile_build(Path(args.table))}
    else:
        result = measure(args.worker, Path(args.table), Path(args.query_file),
                         limit=args.limit, cutoff=args.baseline_cutoff, profile=args.profile)
    result["cpu"] = cpu
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# orchestration

def run_worker(system: str, table: Path, queries: Path, workdir: Path, *, limit: int | None,
               cutoff: float, profile: str | None = None, pin: bool = False,
               timeout: float = 4 * 3600) -> dict[str, Any]:
    out = workdir / f"result-{system}-{table.stem}-{profile or 'main'}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", system, "--table", str(table),
           "--query-file", str(queries), "--result", str(out),
           "--baseline-cutoff", str(cutoff)]
    if limit:
        cmd += ["--limit", str(limit)]
    if profile:
        cmd += ["--profile", profile]
    if pin:
        cmd += ["--pin"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{system} worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def baseline_limit(size: int, n_queries: int, override: int | None) -> int:
    """How many queries of each type the baseline answers (it is slow at large sizes)."""
    if override:
        return min(override, n_queries)
    return min(n_queries, max(20, 5_000_000 // size))


def prepare(size: int, n_queries: int, seed: int, workdir: Path,
            vocab: gen.Vocab) -> tuple[Path, Path, dict[str, Any]]:
    t0 = time.perf_counter()
    ds = gen.generate(size, seed, vocab)
    qs = gen.queries(ds, n_queries, seed)
    used = {q.text for v in qs.values() for q in v}
    warm = [q for v in gen.queries(ds, 20, seed + 1000).values() for q in v if q.text not in used]
    qs["warmup"] = warm
    table = workdir / f"table-{size}.jsonl"
    queries = workdir / f"queries-{size}.json"
    gen.write_table(ds, table)
    gen.write_queries(qs, queries)
    info = {
        "entities": len(ds.entities), "aliases": ds.n_aliases,
        "arabic_aliases": sum(1 for a in ds.aliases if a.parts is None),
        "ambiguous": {k: sum(len(q.expected) > 1 for q in v) for k, v in qs.items()
                      if k != "warmup"},
        "gen_s": time.perf_counter() - t0,
        "examples": {k: [q.text for q in v[:3]] for k, v in qs.items() if k != "warmup"},
    }
    return table, queries, info


def cold_start(runs: int = 2) -> dict[str, Any]:
    """Cold import + first resolve on the bundled tables, in fresh processes sharing a cache."""
    code = (
        "import json, time; t0 = time.perf_counter(); c0 = time.process_time(); "
        "import aliasres; t1 = time.perf_counter(); "
        f"m = aliasres.resolve({COLD_NAME!r}); t2 = time.perf_counter(); "
        "print(json.dumps({'import_ms': (t1 - t0) * 1e3, 'resolve_ms': (t2 - t1) * 1e3, "
        "'total_ms': (t2 - t0) * 1e3, 'cpu_ms': (time.process_time() - c0) * 1e3, "
        "'id': m.id if m else None}))"
    )
    cache = Path(tempfile.mkdtemp(prefix="aliasres-cold-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), ALIASRES_CACHE_DIR=str(cache / "aliasres"))
    out: dict[str, Any] = {"runs": [], "cache_dir": str(cache)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
    out["python_startup_ms"] = (time.perf_counter() - t0) * 1e3
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  env=env, cwd=tempfile.gettempdir(), timeout=600, check=False)
            wall = (time.perf_counter() - t0) * 1e3
            if proc.returncode != 0:
                out["runs"].append({"error": proc.stderr[-2000:]})
                continue
            run = json.loads(proc.stdout.strip().splitlines()[-1])
            run["wall_ms"] = wall
            run["cache_files"] = sum(1 for p in cache.rglob("*") if p.is_file())
            out["runs"].append(run)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return out


# ----------------------------------------------------------------------------- aliasres clean

def clean_available() -> tuple[bool, str]:
    try:
        proc = subprocess.run([sys.executable, "-m", "aliasres", "clean", "--help"],
                              capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return False, "`python -m aliasres clean --help` timed out"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        return False, f"`python -m aliasres clean` is not available yet: {last}"
    return True, ""


def clean_names(n_distinct: int, seed: int, vocab: gen.Vocab) -> list[str]:
    """Distinct names as a scraped file has them: spellings of bundled entities and others."""
    from aliasres.tables import load_tables

    rng = random.Random(f"clean:{seed}")
    known: list[str] = []
    for table in load_tables((), bundled=True):
        for entity in table.entities:
            known.extend(a.name for a in entity.names())
    names: dict[str, None] = {}
    # a fifth: the bundled tables' own names, as written or re-spelled by another habit
    for _ in range(n_distinct // 5 * 3):
        if len(names) >= n_distinct // 5:
            break
        name = rng.choice(known)
        words = name.split(" ")
        i = rng.randrange(len(words))
        options = gen._habits(words[i])
        if options and rng.random() < 0.6:
            words[i] = rng.choice(options)
        names.setdefault(" ".join(words), None)
    # the rest: people the tables do not know
    ds = gen.generate(n_distinct * 2, seed, vocab)
    for alias in ds.aliases:
        if len(names) >= n_distinct:
            break
        names.setdefault(alias.text, None)
    out = list(names)
    rng.shuffle(out)
    return out


def write_clean_csv(path: Path, rows: int, n_distinct: int, seed: int, vocab: gen.Vocab) -> int:
    """A CSV with ``rows`` rows over ``n_distinct`` names, repeated Zipf-like (s = 1)."""
    names = clean_names(n_distinct, seed, vocab)
    rng = random.Random(f"clean-rows:{seed}")
    cum: list[float] = []
    total = 0.0
    for rank in range(len(names)):
        total += 1.0 / (rank + 1)
        cum.append(total)
    picks = list(range(len(names)))  # every name at least once
    picks += rng.choices(range(len(names)), cum_weights=cum, k=rows - len(picks))
    rng.shuffle(picks)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["row", "name", "source", "date"])
        for i, k in enumerate(picks):
            out.writerow([i, names[k], rng.choice(("report", "scrape", "list")),
                          f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"])
    return len(names)


_CLEAN_WRAPPER = """\
import json, resource, runpy, sys, time
result, args = sys.argv[1], sys.argv[2:]
sys.argv = ["aliasres", *args]
t0 = time.perf_counter()
code = 0
try:
    runpy.run_module("aliasres", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
wall = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_SELF)
peak, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime
try:  # the program's own high-water mark (ru_maxrss also counts the parent at fork time)
    status = open("/proc/self/status").read().splitlines()
    peak = next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
open(result, "w").write(json.dumps({"code": code, "seconds": wall, "cpu_s": cpu,
                                    "peak_mb": peak / 2**20}))
sys.exit(code)
"""


def clean_bench(workdir: Path, rows: int, n_distinct: int, seed: int,
                vocab: gen.Vocab) -> dict[str, Any]:
    ok, why = clean_available()
    if not ok:
        return {"skipped": why}
    src = workdir / "clean-input.csv"
    dst = workdir / "clean-output.csv"
    t0 = time.perf_counter()
    distinct = write_clean_csv(src, rows, n_distinct, seed, vocab)
    gen_s = time.perf_counter() - t0
    wrapper = workdir / "clean_wrapper.py"
    wrapper.write_text(_CLEAN_WRAPPER, encoding="utf-8")
    res = workdir / "clean-result.json"
    cmd = [sys.executable, str(wrapper), str(res), "clean", str(src), "--column", "name",
           "--no-progress", "-o", str(dst)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0 or not res.exists():
        return {"skipped": f"`aliasres clean` failed ({proc.returncode}): {proc.stderr[-1500:]}"}
    inner = json.loads(res.read_text(encoding="utf-8"))
    with open(dst, encoding="utf-8", newline="") as fh:
        out_rows = sum(1 for _ in csv.reader(fh)) - 1
    return {"rows": rows, "distinct": distinct, "wall_s": wall, "inner_s": inner["seconds"],
            "cpu_s": inner["cpu_s"],
            "peak_mb": inner["peak_mb"], "rows_per_s": rows / wall, "output_rows": out_rows,
            "gen_s": gen_s, "summary": proc.stderr.strip()[-1200:]}


# ---------------------------------------------------------------------------------------------
# report

def machine_info() -> dict[str, str]:
    info = {"python": platform.python_version(), "platform": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
        info["cpu"] = model.group(1).strip() if model else platform.processor()
        mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
        info["memory"] = f"{int(mem.group(1)) / 2**20:.1f} GiB" if mem else "?"
    except OSError:
        info["cpu"], info["memory"] = platform.processor(), "?"
    info["cores"] = str(os.cpu_count())
    from importlib import metadata

    versions = []
    for dist in ("aliasres", "rapidfuzz", "Unidecode", "PyYAML"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} (absent)")
    import yaml

    versions.append("libyaml " + ("yes" if hasattr(yaml, "CSafeLoader") else "no"))
    info["versions"] = ", ".join(versions)
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--",
                                "aliasres", "aliases"],
                               capture_output=True, text=True, check=False).stdout
        info["commit"] = commit + (" + uncommitted changes in aliasres/ or aliases/" if dirty
                                   else "")
    except OSError:
        info["commit"] = "?"
    return info


def _fmt(x: float | None, digits: int = 0) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:,.{digits}f}"


def _ms(x: float | None) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:,.1f}"


def _qps(r: dict[str, Any], kind: str) -> str:
    t = r["types"][kind]
    return f"{_fmt(t['cpu_qps'])} ({_fmt(t['qps'])} wall)"


def _check(ok: bool | None) -> str:
    return "–" if ok is None else ("✅ met" if ok else "❌ missed")


def targets(results: dict[int, dict[str, Any]], cold: dict[str, Any] | None,
            clean: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    """(target, measured, status) rows of the issue's targets."""
    rows: list[tuple[str, str, str]] = []

    def a(size: int) -> dict[str, Any] | None:
        return results.get(size, {}).get("aliasres")

    def b(size: int) -> dict[str, Any] | None:
        return results.get(size, {}).get("baseline")

    if (r := a(100_000)) is not None:
        v = r["types"]["variant"]["cpu_qps"]
        rows.append(("100,000 aliases: ≥ 5,000 variant queries/s (one core)", _qps(r, "variant"),
                     _check(v >= 5000)))
        if (base := b(100_000)) is not None:
            ratio = v / base["types"]["variant"]["cpu_qps"]
            rows.append(("100,000 aliases: ≥ 250× the WRatio baseline on variants",
                         f"{ratio:,.0f}×", _check(ratio >= 250)))
        e = r["types"]["exact"]["cpu_qps"]
        rows.append(("100,000 aliases: ≥ 100,000 exact-hit queries/s", _qps(r, "exact"),
                     _check(e >= 1e5)))
        worst = max(r["types"], key=lambda k: r["types"][k]["p99_cpu_ms"])
        p99 = r["types"][worst]["p99_cpu_ms"]
        rows.append(("100,000 aliases: p99 latency < 2 ms (every query type)",
                     f"{_ms(p99)} ms CPU ({worst}; {_ms(r['types'][worst]['p99_ms'])} ms wall)",
                     _check(p99 < 2)))
    if (r := a(1_000_000)) is not None:
        v = r["types"]["variant"]["cpu_qps"]
        rows.append(("1,000,000 aliases: ≥ 2,000 variant queries/s", _qps(r, "variant"),
                     _check(v >= 2000)))
        build = r["build_cpu_s"] + r["fixed_s"]
        rows.append(("1,000,000 aliases: index build < 60 s",
                     f"{build:.1f} s CPU ({r['build_s'] + r['fixed_s']:.1f} s wall)",
                     _check(build < 60)))
        rows.append(("1,000,000 aliases: peak memory < 1.5 GB", f"{r['peak_mb']:,.0f} MB",
                     _check(r["peak_mb"] * MB < 1.5e9)))
    if cold and cold.get("runs"):
        good = [x for x in cold["runs"] if "total_ms" in x]
        if good:
            warm = good[-1]["total_ms"]
            rows.append(("cold import + first resolve, bundled tables, with the cache: < 300 ms",
                         f"{warm:,.0f} ms (first run {good[0]['total_ms']:,.0f} ms)",
                         _check(warm < 300)))
    if clean and "rows" in clean:
        ok = clean["rows"] >= 1_000_000 and clean["wall_s"] < 60
        got = (f"{clean['wall_s']:.1f} s wall ({clean['cpu_s']:.1f} s CPU) for "
               f"{clean['rows']:,} rows / {clean['distinct']:,} names")
        rows.append(("`aliasres clean`: 1,000,000 rows / 50,000 names < 60 s", got,
                     _check(ok) if clean["rows"] >= 1_000_000 else "– (smaller file)"))
    elif clean:
        rows.append(("`aliasres clean`: 1,000,000 rows / 50,000 names < 60 s", "not measured",
                     "– skipped (see below)"))
    return rows


def write_markdown(path: Path, results: dict[int, dict[str, Any]], infos: dict[int, Any],
                   cold: dict[str, Any] | None, clean: dict[str, Any] | None,
                   profile: str | None, argv: Sequence[str], started: str, elapsed: float,
                   plots: bool) -> None:
    m = machine_info()
    L: list[str] = []
    w = L.append
    w("# Speed and memory benchmark")
    w("")
    w("Generated by `benchmarks/speed.py`; do not edit by hand, rerun it:")
    w("")
    w("```")
    w("python " + " ".join(["benchmarks/speed.py", *argv]))
    w("```")
    w("")
    w(f"- date: {started} (took {elapsed / 60:.1f} min)")
    w(f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['platform']}")
    w(f"- Python {m['python']}; {m['versions']}")
    w(f"- aliasres commit: {m['commit']}")
    loads = [x for res in results.values() for r in res.values() for x in r.get("load", [])]
    w("- every measurement runs in a fresh single-threaded subprocess (one core); queries are run "
      "one by one; each `resolve()` call is timed by CPU time and wall clock; queries/s (CPU) = "
      "queries / CPU time of the loop, queries/s (wall) = queries / summed wall latency. The "
      "targets are checked against the CPU-time figures, which other load on a shared machine "
      "does not distort; on an idle machine the two agree.")
    if loads:
        w(f"- load average (1 min) during the measurements: {min(loads):.1f} to {max(loads):.1f} "
          f"on {m['cores']} cores")
    w("")
    w(f"## Targets ({TARGETS_DOC})")
    w("")
    w("| target | measured | |")
    w("| --- | --- | --- |")
    for t, got, status in targets(results, cold, clean):
        w(f"| {t} | {got} | {status} |")
    w("")
    w("## Index build and memory")
    w("")
    w("| aliases | entities | system | build CPU (wall) | peak RSS | index RSS | bytes / alias |")
    w("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    fixed = None
    for size in sorted(results):
        for system in ("aliasres", "baseline"):
            r = results[size].get(system)
            if r is None:
                continue
            if system == "aliasres":
                fixed = r
            w(f"| {r['aliases']:,} | {r['entities']:,} | {system} | "
              f"{r['build_cpu_s'] + r['fixed_s']:.2f} s ({r['build_s'] + r['fixed_s']:.2f} s) | "
              f"{r['peak_mb']:,.0f} MB | "
              f"{r['index_mb']:,.0f} MB | {r['bytes_per_alias']:,.0f} |")
    w("")
    w("Peak RSS is the whole worker process (Python, the table as `Entity` objects, the index). "
      "Index RSS is the growth of the resident set while the table is indexed, and bytes / alias "
      "that growth per table name (the baseline's \"index\" is its list of "
      "`unidecode(name).lower()` strings).")
    if fixed is not None:
        w(f"The aliasres build time includes a fixed cost, measured apart by building an empty "
          f"`Resolver([])` first: {fixed['fixed_s']:.2f} s and {fixed['fixed_mb']:.0f} MB for "
          "reading the matching rules (name-token table, particles, titles) once per process; "
          "it is not in index RSS.")
    w("")
    w("## Queries")
    w("")
    w("| aliases | query type | system | queries | queries/s (CPU) | queries/s (wall) | "
      "p50 ms CPU (wall) | p99 ms CPU (wall) | correct | wrong | none | ambiguous |")
    w("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sorted(results):
        for kind in gen.QUERY_TYPES:
            for system in ("aliasres", "baseline"):
                r = results[size].get(system)
                if r is None:
                    continue
                t = r["types"][kind]
                n = t["n"] or 1
                w(f"| {size:,} | {kind} | {system} | {t['n']:,} | {_fmt(t['cpu_qps'])} | "
                  f"{_fmt(t['qps'])} | "
                  f"{_ms(t['p50_cpu_ms'])} ({_ms(t['p50_ms'])}) | "
                  f"{_ms(t['p99_cpu_ms'])} ({_ms(t['p99_ms'])}) | {100 * t['correct'] / n:.1f}% | "
                  f"{100 * t['wrong'] / n:.1f}% | {100 * t['none'] / n:.1f}% | "
                  f"{100 * t['ambiguous'] / n:.1f}% |")
    w("")
    cutoff = next((r["baseline"]["cutoff"] for r in results.values() if "baseline" in r), None)
    w("- **correct**: the answer is an entity that owns the query's Arabic name or exact text, or "
      "no answer for a miss or an ambiguous query (one owned by several entities: "
      "the *ambiguous* column); **wrong**: another entity, or any entity for a miss; **none**: "
      "no answer although exactly one entity owns the name.")
    if cutoff is not None:
        w(f"- The baseline accepts its best hit when WRatio ≥ {cutoff:g}; it answers the first "
          "queries of each set only (the *queries* column), the same ones aliasres answers first.")
    w("")
    if plots:
        w("![queries per second and build time against table size](speed_qps.png)")
        w("")
        w("![memory against table size](speed_memory.png)")
        w("")
    w("## Cold start")
    w("")
    if cold is None:
        w("Not measured (`--skip-cold`).")
    else:
        w(f"`import aliasres; aliasres.resolve({COLD_NAME!r})` on the bundled tables, in a fresh "
          "process, twice with the same (initially empty) cache directory: `XDG_CACHE_HOME` and "
          "`ALIASRES_CACHE_DIR` point to a new temporary directory. Times measured inside the "
          f"process; wall includes the interpreter start ({cold['python_startup_ms']:.0f} ms for "
          "`python -c pass`).")
        w("")
        w("| run | import | first resolve | import + resolve | its CPU | wall | cache files after "
          "| answer |")
        w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for i, run in enumerate(cold["runs"], 1):
            if "error" in run:
                w(f"| {i} | failed: {run['error'].splitlines()[-1][:100]} | | | | | | |")
                continue
            w(f"| {i} | {run['import_ms']:,.0f} ms | {run['resolve_ms']:,.0f} ms | "
              f"{run['total_ms']:,.0f} ms | {run['cpu_ms']:,.0f} ms | {run['wall_ms']:,.0f} ms | "
              f"{run['cache_files']} | "
              f"{run['id']} |")
    w("")
    w("## `aliasres clean`")
    w("")
    if clean is None:
        w("Not measured (`--skip-clean`).")
    elif "skipped" in clean:
        w("Skipped: " + " ".join(clean["skipped"].split()).replace("|", "\\|"))
    else:
        w(f"`aliasres clean INPUT.csv --column name -o OUTPUT.csv` on the bundled tables: "
          f"{clean['rows']:,} rows, {clean['distinct']:,} distinct names repeated Zipf-like "
          "(each name at least once, then rank *r* drawn with weight 1/*r*); a fifth of the names "
          "are bundled names as written or re-spelled, the rest generated people.")
        w("")
        w("| rows | distinct | wall | CPU | rows/s (wall) | peak RSS | output rows |")
        w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        w(f"| {clean['rows']:,} | {clean['distinct']:,} | {clean['wall_s']:.1f} s | "
          f"{clean['cpu_s']:.1f} s | {clean['rows_per_s']:,.0f} | {clean['peak_mb']:,.0f} MB | "
          f"{clean['output_rows']:,} |")
        w("")
        w("Its summary (stderr):")
        w("")
        w("```")
        w(clean["summary"])
        w("```")
    w("")
    w("## The generated data")
    w("")
    w("Tables and queries come from `benchmarks/gen.py` (seeded): persons with a given name or "
      "an `Abd al-X` compound, a nasab chain (with or without `bin`), a family name or a nisba "
      "(with the article in its usual spellings, or without), 1–4 names each (a shorter form, a "
      "kunya as nom de guerre, another spelling, and for a quarter of them the Arabic script). "
      "Latin spellings come from `aliases/rules/name_tokens.yaml`, weighted by the Wikidata "
      "counts of `shared/eval/wikidata_ar_en_name_tokens.jsonl` when present; parts are drawn "
      "by frequency, so names collide as in real lists. Variant queries re-spell a table name "
      "with other spellings of the same Arabic tokens and French/German/English habits (ou/u, "
      "ch/sh, dj/j, el-/al-, Abou/Abu, article dropped or glued, doubled letters, -a/-ah, -i/-y, "
      "capitals). Arabic queries write a table name's Arabic tokens (a quarter of the entities "
      "have that Arabic alias; the rest must be matched across scripts). Misses combine parts "
      "kept out of every table.")
    w("")
    w("| aliases | entities | Arabic aliases | generated in | examples |")
    w("| ---: | ---: | ---: | ---: | --- |")
    for size in sorted(infos):
        i = infos[size]
        ex = "; ".join(f"{k}: {', '.join(v[:2])}" for k, v in i["examples"].items())
        w(f"| {i['aliases']:,} | {i['entities']:,} | {i['arabic_aliases']:,} | {i['gen_s']:.0f} s "
          f"| {ex} |")
    w("")
    for line in LARGE_TABLES_SECTION:
        w(line)
    if profile:
        w("## Profile")
        w("")
        w("```")
        w(profile.rstrip())
        w("```")
        w("")
    path.write_text("\n".join(L), encoding="utf-8")


def write_plots(results: dict[int, dict[str, Any]], docs: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plots (pip install matplotlib)", file=sys.stderr)
        return False
    sizes = sorted(results)
    styles = {"aliasres": "-", "baseline": "--"}
    colours = {"exact": "tab:blue", "variant": "tab:orange", "arabic": "tab:green",
               "miss": "tab:red"}

    def series(system: str, fn: Callable[[dict[str, Any]], float]) -> tuple[list[int], list[float]]:
        xs = [s for s in sizes if system in results[s]]
        return xs, [fn(results[s][system]) for s in xs]

    fig, axes = plt.subplots(1, 3, figsize=(16, 4.8))
    for system in ("aliasres", "baseline"):
        for kind, colour in colours.items():
            xs, ys = series(system, lambda r, k=kind: r["types"][k]["qps"])
            axes[0].plot(xs, ys, styles[system], color=colour, marker="o", label=f"{system} {kind}")
            xs, ys = series(system, lambda r, k=kind: r["types"][k]["p99_ms"])
            axes[1].plot(xs, ys, styles[system], color=colour, marker="o", label=f"{system} {kind}")
        xs, ys = series(system, lambda r: r["build_s"])
        axes[2].plot(xs, ys, styles[system], color="black", marker="o", label=system)
    axes[0].set_title("queries per second (one core)")
    axes[1].set_title("p99 latency (ms)")
    axes[2].set_title("index build (s)")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("aliases in the table")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=7, ncol=2)
    axes[2].legend(fontsize=8)
    fig.suptitle("aliasres (solid) vs rapidfuzz WRatio baseline (dashed)")
    fig.tight_layout()
    fig.savefig(docs / "speed_qps.png", dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    for system in ("aliasres", "baseline"):
        xs, ys = series(system, lambda r: r["peak_mb"])
        axes[0].plot(xs, ys, styles[system], marker="o", label=f"{system} peak RSS")
        xs, ys = series(system, lambda r: max(r["bytes_per_alias"], 1.0))
        axes[1].plot(xs, ys, styles[system], marker="o", label=system)
    axes[0].axhline(1.5e9 / MB, color="grey", linestyle=":", label="target at 1M: 1.5 GB")
    axes[0].set_title("peak memory (MB)")
    axes[1].set_title("index memory per alias (bytes)")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("aliases in the table")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(docs / "speed_memory.png", dpi=110)
    plt.close(fig)
    return True


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default=None,
                   help="table sizes in aliases, comma-separated (default 10000,100000,1000000)")
    p.add_argument("--quick", action="store_true",
                   help="sizes 10k and 100k, 500 queries a type, a smaller clean file")
    p.add_argument("--queries", type=int, default=None, help="queries of each type (2000)")
    p.add_argument("--baseline-queries", type=int, default=None,
                   help="queries of each type for the baseline (default: 5,000,000 / size, ≥ 20)")
    p.add_argument("--baseline-cutoff", type=float, default=90.0,
                   help="the WRatio score at which the baseline accepts its best hit")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--docs", type=Path, default=ROOT / "docs", help="where the report goes")
    p.add_argument("--workdir", type=Path, default=None, help="keep generated files here")
    p.add_argument("--skip-baseline", action="store_true")
    p.add_argument("--skip-cold", action="store_true")
    p.add_argument("--skip-clean", action="store_true")
    p.add_argument("--clean-rows", type=int, default=None, help="rows of the clean CSV (1M)")
    p.add_argument("--clean-names", type=int, default=None, help="distinct names in it (50k)")
    p.add_argument("--profile", default=None,
                   help="after the run, cProfile aliasres on query types (exact, variant, "
                        "arabic, miss), 'build', or 'auto' (the slowest query type); "
                        "comma-separated")
    p.add_argument("--profile-size", type=int, default=None,
                   help="table size to profile (default: 100000 if measured, else the largest)")
    p.add_argument("--json", type=Path, default=None, help="also write all results as JSON")
    p.add_argument("--no-plots", action="store_true", help="do not draw the plots")
    p.add_argument("--pin", action="store_true",
                   help="pin each measuring process to one core (best on an idle machine; on a "
                        "shared one it keeps the process off a free core)")
    # internal: the measuring subprocess
    p.add_argument("--worker", choices=("aliasres", "baseline"), help=argparse.SUPPRESS)
    p.add_argument("--table", help=argparse.SUPPRESS)
    p.add_argument("--query-file", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    p.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.worker:
        worker_main(args)
        return 0
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    t_start = time.perf_counter()
    if args.sizes:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    else:
        sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    n_queries = args.queries or (500 if args.quick else 2000)
    clean_rows = args.clean_rows or (200_000 if args.quick else 1_000_000)
    clean_distinct = args.clean_names or (10_000 if args.quick else 50_000)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aliasres-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    vocab = gen.load_vocab()
    results: dict[int, dict[str, Any]] = {}
    infos: dict[int, Any] = {}
    files: dict[int, tuple[Path, Path]] = {}
    try:
        for size in sizes:
            print(f"[{size:,} aliases] generating ...", file=sys.stderr, flush=True)
            table, queries, infos[size] = prepare(size, n_queries, args.seed, workdir, vocab)
            files[size] = (table, queries)
            results[size] = {}
            print(f"[{size:,}] aliasres ...", file=sys.stderr, flush=True)
            results[size]["aliasres"] = run_worker("aliasres", table, queries, workdir, limit=None,
                                                   cutoff=args.baseline_cutoff, pin=args.pin)
            summarize(size, results[size]["aliasres"])
            if not args.skip_baseline:
                limit = baseline_limit(size, n_queries, args.baseline_queries)
                print(f"[{size:,}] baseline ({limit} queries a type) ...", file=sys.stderr,
                      flush=True)
                results[size]["baseline"] = run_worker("baseline", table, queries, workdir,
                                                       limit=limit, cutoff=args.baseline_cutoff,
                                                       pin=args.pin)
                summarize(size, results[size]["baseline"])
        cold = None
        if not args.skip_cold:
            print("cold start ...", file=sys.stderr, flush=True)
            cold = cold_start()
            print(json.dumps(cold["runs"]), file=sys.stderr)
        clean = None
        if not args.skip_clean:
            print(f"aliasres clean ({clean_rows:,} rows) ...", file=sys.stderr, flush=True)
            clean = clean_bench(workdir, clean_rows, clean_distinct, args.seed, vocab)
            print(json.dumps({k: v for k, v in clean.items() if k != "summary"}), file=sys.stderr)
        profile = None
        if args.profile:
            psize = args.profile_size or (100_000 if 100_000 in files else max(files))
            if psize not in files:
                table, queries, infos[psize] = prepare(psize, n_queries, args.seed, workdir, vocab)
                files[psize] = (table, queries)
            texts = []
            for what in args.profile.split(","):
                if what == "auto":
                    ref = (results.get(psize, {}).get("aliasres")
                           or results[max(results)]["aliasres"])
                    what = min(gen.QUERY_TYPES, key=lambda k: ref["types"][k]["qps"])
                print(f"profiling aliasres {what} at {psize:,} ...", file=sys.stderr, flush=True)
                table, queries = files[psize]
                prof = run_worker("aliasres", table, queries, workdir, limit=None,
                                  cutoff=args.baseline_cutoff, profile=what, pin=args.pin)
                texts.append(f"{psize:,} aliases, " + prof["profile"])
            profile = "\n".join(texts)
            print(profile)
        args.docs.mkdir(parents=True, exist_ok=True)
        plots = False if args.no_plots else write_plots(results, args.docs)
        write_markdown(args.docs / "benchmarks.md", results, infos, cold, clean, profile, argv,
                       started, time.perf_counter() - t_start, plots)
        if args.json:
            args.json.write_text(json.dumps({"results": results, "data": infos, "cold": cold,
                                             "clean": clean}, indent=1), encoding="utf-8")
        for target, got, status in targets(results, cold, clean):
            print(f"{status:10} {target}: {got}")
        print(f"wrote {args.docs / 'benchmarks.md'}", file=sys.stderr)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def summarize(size: int, r: dict[str, Any]) -> None:
    parts = [f"{k} {t['qps']:,.0f} q/s p99 {t['p99_ms']:.2f} ms "
             f"({t['correct']}/{t['wrong']}/{t['none']})" for k, t in r["types"].items()]
    print(f"  {r['system']}: build {r['build_s']:.1f} s, peak {r['peak_mb']:,.0f} MB, "
          f"{r['bytes_per_alias']:,.0f} B/alias; " + "; ".join(parts), file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
