#!/usr/bin/env python3
"""Large tables: load time, build time, first answer, memory and query speed, by table size.

Two shapes of generated table, each written as YAML and as JSON Lines:

* ``gen``: the speed benchmark's tables (``gen.py``: 1-4 names an entity, Latin and Arabic);
* ``person3``: three-part Arabic person names (given name, father's name, family name) drawn
  by frequency from the Wikidata name tokens (``../shared/eval/wikidata_ar_en_name_tokens.jsonl``),
  a canonical Latin name and one alias in Arabic script each (skipped without ``../shared``).

Every measurement runs in a fresh process (``--worker``): reading the tables
(``load_tables``), building the index (``Resolver.from_tables``), the first answer, the resident
memory, and variant queries a second on one core; then, from the compiled index
(``Resolver.build_index`` / ``Resolver.load``), the time to a first answer, memory, and q/s, for
one process and for four processes sharing the one index file. ``--real`` also times
``aliasres import`` of the UN and OFAC lists in ``../shared/eval/sources`` and loading the result.

    python benchmarks/large.py --sizes 100000,1000000 --shapes gen,person3
    python benchmarks/large.py --sizes 20000 --profile-yaml     # cProfile of the YAML path
    python benchmarks/large.py --shapes "" --clean 1000000,50000  # clean --jobs 1 and 2
    python benchmarks/large.py --shapes "" --spark INDEX.ari,QUERIES.json,1000000
    python benchmarks/large.py --shapes "" --from a.json --from b.json --plot docs/large_tables.png
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen

SHARED = Path(os.environ.get("ALIASRES_SHARED", ROOT.parent / "shared"))
WIKIDATA = SHARED / "eval" / "wikidata_ar_en_name_tokens.jsonl"
SOURCES = SHARED / "eval" / "sources"
MB = 1024 * 1024

Row = tuple[str, str, list[tuple[str, str, str | None]]]  # id, name, [(alias, kind, lang)]


# ---------------------------------------------------------------------------------------------
# tables

def person3(size: int, seed: int = 1, n_queries: int = 2000) -> tuple[list[Row], list[tuple[str, list[str]]]]:
    """``size`` names: entities with a three-part Arabic name (given name, father's name,
    family name or nisba; the Arabic name parts of ``gen.py``, their Latin spellings and
    weights from the Wikidata name tokens), a canonical Latin name and one alias in Arabic
    script each; and variant queries (other Wikidata spellings of each part) with their right
    answers (every entity with the same Arabic parts)."""
    vocab = gen.load_vocab()
    rng = random.Random(f"person3:{seed}:{size}")
    given = vocab.male + vocab.female
    family = [(t, "al-") for t in vocab.family_al + vocab.nisba] + [(t, "") for t in vocab.family_plain]
    g_w = [t.freq for t in given]
    m_w = [t.freq for t in vocab.male]
    f_w = [t.freq for t, _ in family]
    rows: list[Row] = []
    owners: dict[tuple[str, ...], list[str]] = {}
    picks: list[tuple[Any, ...]] = []
    for i in range(size // 2):
        g = rng.choices(given, g_w)[0]
        f = rng.choices(vocab.male, m_w)[0]
        fam, article = rng.choices(family, f_w)[0]
        eid = f"person/p3-{i:07d}"
        latin = f"{g.latin[0].capitalize()} {f.latin[0].capitalize()} {article}{fam.latin[0].capitalize()}"
        arabic = f"{g.ar} {f.ar} {'ال' if article else ''}{fam.ar}"
        rows.append((eid, latin, [(arabic, "spelling", "ar")]))
        key = (g.ar, f.ar, fam.ar)
        owners.setdefault(key, []).append(eid)
        picks.append((key, g, f, fam, article))
    queries: list[tuple[str, list[str]]] = []
    for _ in range(n_queries):
        key, g, f, fam, article = picks[rng.randrange(len(picks))]
        words = [rng.choices(t.latin, t.weights)[0].capitalize() for t in (g, f, fam)]
        queries.append((f"{words[0]} {words[1]} {article}{words[2]}", sorted(owners[key])))
    return rows, queries


def gen_shape(size: int, seed: int = 1, n_queries: int = 2000) -> tuple[list[Row], list[tuple[str, list[str]]]]:
    ds = gen.generate(size, seed)
    qs = gen.queries(ds, n_queries, seed)["variant"]
    rows = [(eid, name, [(a, k, lang) for a, k, lang in als]) for eid, name, als in ds.entities]
    return rows, [(q.text, list(q.expected)) for q in qs]


def write_yaml(rows: list[Row], path: Path) -> None:
    from aliasres.fmt import yaml_scalar

    with open(path, "w", encoding="utf-8") as fh:
        fh.write("entities:\n")
        for eid, name, aliases in rows:
            fh.write(f"  - id: {yaml_scalar(eid)}\n    type: person\n    name: {yaml_scalar(name)}\n")
            fh.write("    sources: [generated]\n")
            if aliases:
                fh.write("    aliases:\n")
                for a, kind, lang in aliases:
                    extra = "".join([f", kind: {kind}" if kind and kind != "spelling" else "",
                                     f", lang: {lang}" if lang else ""])
                    fh.write(f"      - {{name: {yaml_scalar(a, flow=True)}{extra}}}\n")


def write_jsonl(rows: list[Row], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for eid, name, aliases in rows:
            als = [{"name": a, **({"kind": k} if k and k != "spelling" else {}),
                    **({"lang": lang} if lang else {})} for a, k, lang in aliases]
            fh.write(json.dumps({"id": eid, "type": "person", "name": name,
                                 "sources": ["generated"], "aliases": als},
                                ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# measuring, in a fresh process

def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pss_mb() -> float:
    """Proportional set size: shared pages (a mapped index) divided among their users."""
    try:
        with open("/proc/self/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _qps(resolver: Any, queries: list[tuple[str, list[str]]], seconds: float = 20.0) -> dict[str, Any]:
    """Queries a second, by the wall clock and by this process's CPU time (the machine may be
    shared: CPU time is what the query costs)."""
    right = wrong = 0
    t0, c0 = time.perf_counter(), time.process_time()
    done = 0
    for text, expected in queries:
        m = resolver.resolve(text)
        done += 1
        if m is not None:
            right += m.id in expected
            wrong += m.id not in expected
        if time.process_time() - c0 > seconds:
            break
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"qps": done / elapsed, "qps_cpu": done / cpu, "queries": done,
            "resolved_right": right, "wrong": wrong}


def worker(args: argparse.Namespace) -> dict[str, Any]:
    queries = json.loads(Path(args.query_file).read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    t_start, c_start = time.perf_counter(), time.process_time()
    import aliasres
    from aliasres.tables import load_tables

    aliasres.Resolver([])  # the fixed cost (rules, lexicon) apart from the table's
    out["fixed_s"] = time.perf_counter() - t_start
    rss0 = rss_mb()
    out["rss_fixed_mb"] = rss0
    t0, c0 = time.perf_counter(), time.process_time()
    if args.mode == "index":
        resolver = aliasres.Resolver.load(args.table)
        out["load_s"] = time.perf_counter() - t0
        out["load_cpu_s"] = time.process_time() - c0
    else:
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
        tables = load_tables([args.table], bundled=False)
        out["parse_s"] = time.perf_counter() - t0
        out["parse_cpu_s"] = time.process_time() - c0
        if args.profile:
            prof.disable()
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(30)
            out["profile"] = s.getvalue()
        t1, c1 = time.perf_counter(), time.process_time()
        resolver = aliasres.Resolver.from_tables(tables)
        del tables
        out["build_s"] = time.perf_counter() - t1
        out["build_cpu_s"] = time.process_time() - c1
    t2 = time.perf_counter()
    resolver.resolve(queries[0][0])
    out["first_answer_s"] = time.perf_counter() - t_start
    out["first_answer_cpu_s"] = time.process_time() - c_start
    out["first_query_s"] = time.perf_counter() - t2
    if args.save:
        t3, c3 = time.perf_counter(), time.process_time()
        resolver.build_index(args.save)
        out["save_s"] = time.perf_counter() - t3
        out["save_cpu_s"] = time.process_time() - c3
    out["names"] = len(resolver._index.a_entity)
    out.update(_qps(resolver, queries[1:], args.seconds))
    out["rss_mb"] = rss_mb()
    out["peak_rss_mb"] = peak_rss_mb()
    out["pss_mb"] = pss_mb()
    out["bytes_per_name"] = (out["rss_mb"] - rss0) * MB / max(out["names"], 1)
    return out


def run_worker(mode: str, table: Path, queries: Path, *, save: Path | None = None,
               profile: bool = False, seconds: float = 20.0, taskset: str | None = None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--table", str(table),
           "--query-file", str(queries), "--seconds", str(seconds)]
    if save:
        cmd += ["--save", str(save)]
    if profile:
        cmd += ["--profile-yaml"]
    if taskset:
        cmd = ["taskset", "-c", taskset, *cmd]
    env = dict(os.environ, PYTHONPATH=str(ROOT), ALIASRES_NO_CACHE="1")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def shared_processes(index: Path, queries: Path, n: int, seconds: float) -> dict[str, Any]:
    """``n`` processes loading the one index file at once: their summed PSS (shared pages
    counted once in all), each one's RSS, and q/s."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import large, aliasres; "
        f"r = aliasres.Resolver.load({str(index)!r}); qs = json.loads(open({str(queries)!r}).read()); "
        f"res = large._qps(r, qs, {seconds}); res['rss_mb'] = large.rss_mb(); "
        "print(json.dumps(res), flush=True); sys.stdin.readline(); "
        "print(json.dumps({'pss_mb': large.pss_mb()}), flush=True)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(n)]
    results = []
    for p in procs:  # every one has loaded and queried, and waits
        assert p.stdout is not None
        results.append(json.loads(p.stdout.readline()))
    pss = []
    for p in procs:  # all alive while each reads its PSS
        assert p.stdin is not None and p.stdout is not None
        p.stdin.write("\n")
        p.stdin.flush()
        pss.append(json.loads(p.stdout.readline())["pss_mb"])
    for p in procs:
        p.communicate()
    return {"processes": n, "pss_total_mb": sum(pss),
            "rss_each_mb": [round(r["rss_mb"]) for r in results],
            "qps_cpu_each": [round(r["qps_cpu"]) for r in results]}


def real_imports(workdir: Path) -> dict[str, Any]:
    """``aliasres import`` of the UN and OFAC lists, then load both tables and answer."""
    if not SOURCES.is_dir():
        return {"skipped": "no ../shared/eval/sources"}
    env = dict(os.environ, PYTHONPATH=str(ROOT), ALIASRES_NO_CACHE="1")
    out: dict[str, Any] = {}
    un = sorted(SOURCES.glob("un_consolidated_*.xml"))[-1:]
    ofac = [SOURCES / f for f in ("ofac_sdn.csv", "ofac_alt.csv", "ofac_add.csv")]
    tables = []
    for kind, files in (("un", un), ("ofac", ofac)):
        target = workdir / f"{kind}.yaml"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "aliasres", "import", kind, *map(str, files),
                        "-o", str(target)], check=True, env=env, capture_output=True)
        out[f"import_{kind}_s"] = time.perf_counter() - t0
        tables.append(target)
    code = ("import time, json, sys; t0 = time.perf_counter(); import aliasres; "
            "r = aliasres.Resolver.from_yaml(*sys.argv[1:], bundled=False); t1 = time.perf_counter(); "
            "r.resolve('Usama bin Ladin'); print(json.dumps({'entities': len(r), 'names': len(r._index.a_entity), "
            "'load_build_s': t1 - t0, 'first_answer_s': time.perf_counter() - t0}))")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, tables)], check=True, env=env,
                          capture_output=True, text=True)
    out.update(json.loads(proc.stdout.splitlines()[-1]))
    return out


_CLEAN_WRAPPER = """\
import json, resource, runpy, sys, time
result, sys.argv = sys.argv[1], ["aliasres", *sys.argv[2:]]
t0 = time.perf_counter()
try:
    runpy.run_module("aliasres", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    if exc.code:
        raise
me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
open(result, "w").write(json.dumps({"wall_s": time.perf_counter() - t0,
    "main_cpu_s": me.ru_utime + me.ru_stime, "workers_cpu_s": workers.ru_utime + workers.ru_stime}))
"""


def clean_jobs(workdir: Path, rows: int, distinct: int, jobs: Sequence[int]) -> dict[str, Any]:
    """``aliasres clean`` of a CSV of ``rows`` rows over ``distinct`` names (speed.py's file:
    bundled-table names re-spelled, and unknown people), with each number of jobs.

    Besides the wall clock (which on a shared machine mostly says how much of a core each
    process got), the CPU time of the process that reads and writes the rows and of its
    workers: with ``n`` jobs on ``n`` free cores the run takes at least the larger of the
    main process's CPU time and the total over ``n`` (``cpu_bound_s``), and the speed-up
    by CPU time is one job's CPU time over that bound."""
    import speed

    src = workdir / f"clean-{rows}.csv"
    if not src.exists():
        speed.write_clean_csv(src, rows, distinct, 1, gen.load_vocab())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "aliasres", "resolve", "Assad"], env=env,
                   capture_output=True, check=True)  # the bundled cache, built once
    out: dict[str, Any] = {"rows": rows, "distinct": distinct}
    result = workdir / "clean-result.json"
    for n in jobs:
        subprocess.run([sys.executable, "-c", _CLEAN_WRAPPER, str(result), "clean", str(src),
                        "--column", "name", "--no-progress", "-q",
                        "-o", str(workdir / f"clean-out-{n}.csv"), "--jobs", str(n)],
                       env=env, check=True)
        r = json.loads(result.read_text(encoding="utf-8"))
        cpu = r["main_cpu_s"] + r["workers_cpu_s"]
        out[f"jobs{n}"] = {**r, "cpu_s": cpu, "rows_per_s": rows / r["wall_s"],
                           "cpu_bound_s": max(r["main_cpu_s"], cpu / n),
                           "load": os.getloadavg()[0]}
    first = out[f"jobs{jobs[0]}"]
    for n in jobs[1:]:
        out[f"speedup{n}_wall"] = first["wall_s"] / out[f"jobs{n}"]["wall_s"]
        out[f"speedup{n}_cpu"] = first["cpu_bound_s"] / out[f"jobs{n}"]["cpu_bound_s"]
    same = len({(workdir / f"clean-out-{n}.csv").read_bytes() for n in jobs}) == 1
    out["same_output"] = same
    return out


def spark_bench(index: Path, queries: Path, rows: int) -> dict[str, Any]:
    """Spark local mode: ``resolve_column(df, "name", index=...)`` over ``rows`` rows."""
    from pyspark.sql import SparkSession

    from aliasres.spark import resolve_column

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("aliasres-large")
             .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.python.worker.reuse", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - t0
    names = [q for q, _ in json.loads(queries.read_text(encoding="utf-8"))]
    data = [(i, names[i % len(names)]) for i in range(rows)]
    df = spark.createDataFrame(spark.sparkContext.parallelize(data, 4), "n long, name string")
    t1 = time.perf_counter()
    first = resolve_column(df, "name", index=index, bundled=False).limit(1).collect()
    to_first = time.perf_counter() - t1
    t2 = time.perf_counter()
    statuses = resolve_column(df, "name", index=index, bundled=False) \
        .groupBy("name_status").count().collect()
    full = time.perf_counter() - t2
    spark.stop()
    return {"rows": rows, "session_start_s": started, "first_result_s": to_first,
            "all_rows_s": full, "rows_per_s": rows / full, "first": str(first[0]["name_id"]),
            "statuses": {r["name_status"]: r["count"] for r in statuses}}


def plot(results: list[dict[str, Any]], path: Path) -> bool:
    """Time to a first answer and resident memory against table size, per shape and source."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no matplotlib: no plot")
        return False
    rows = [r for r in results if "shape" in r]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"yaml": "o-", "jsonl": "s-", "index": "^-"}
    labels = {"yaml": "from YAML", "jsonl": "from JSON Lines", "index": "compiled index"}
    for shape in sorted({r["shape"] for r in rows}):
        for fmt in ("yaml", "jsonl", "index"):
            pts = sorted((r["names"], r) for r in rows if r["shape"] == shape and r["format"] == fmt)
            if not pts:
                continue
            xs = [n for n, _ in pts]
            label = f"{shape}, {labels[fmt]}"
            ax1.plot(xs, [r["first_answer_cpu_s"] for _, r in pts], styles[fmt], label=label)
            ax2.plot(xs, [r["rss_mb"] for _, r in pts], styles[fmt], label=label)
    for ax, title, unit in ((ax1, "first answer in a fresh process (CPU s)", "s"),
                            (ax2, "resident memory after the queries", "MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("names in the table")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    ax2.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def markdown(results: list[dict[str, Any]], argv: Sequence[str]) -> str:
    """docs/large_tables.md: every figure of the runs in ``results``."""
    import datetime as dt
    import platform

    L: list[str] = []
    w = L.append
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    w("# Large tables: load time, memory, processes sharing one index")
    w("")
    w("Generated by `benchmarks/large.py` (issue 16); rerun it rather than edit this page:")
    w("")
    w("```")
    for cmd in argv:
        w(cmd)
    w("```")
    w("")
    w(f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; Python "
      f"{platform.python_version()}; {os.cpu_count()} cores; load average at the end {load:.1f}")
    w("- **the machine was shared** (other jobs kept the load average far above its 2 cores): "
      "wall-clock times are inflated by waiting for a core, so the CPU times (`cpu`) are the "
      "figures to read; q/s are by CPU time too")
    w("- every figure comes from a fresh process; `tables` = `load_tables` + "
      "`Resolver.from_tables` (YAML or JSON Lines), `index` = `Resolver.load` of the compiled "
      "index written by the `tables` run; first answer = from the start of the process "
      "(imports, rules, table or index) to the first `resolve()` returning")
    w("")
    notes = [r["notes"] for r in results if "notes" in r]
    for note in notes:
        w(note.rstrip())
        w("")
    w("## Tables and the compiled index")
    w("")
    w("| shape | names | source | file MB | parse cpu | index build cpu | write .ari cpu "
      "| first answer cpu (wall) | RSS MB | bytes/name | variant q/s cpu | right / wrong |")
    w("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in sorted((r for r in results if "shape" in r),
                    key=lambda r: (r["shape"], r["names"], ["yaml", "jsonl", "index"].index(r["format"]))):
        def f(key: str, r: dict[str, Any] = r) -> str:
            return f"{r[key]:.1f} s" if key in r else ""
        w(f"| {r['shape']} | {r['names']:,} | {r['format']} | {r['file_mb']:.0f} | {f('parse_cpu_s')} "
          f"| {f('build_cpu_s')} | {f('save_cpu_s')} | {r['first_answer_cpu_s']:.1f} s "
          f"({r['first_answer_s']:.1f} s) | {r['rss_mb']:,.0f} | {r['bytes_per_name']:,.0f} "
          f"| {r['qps_cpu']:,.0f} | {r['resolved_right']:,} / {r['wrong']:,} |")
    w("")
    w("RSS is the resident set after the queries; bytes/name its growth over the fixed cost of a "
      "process (Python, aliasres, the rules) per table name. For `index` most of it is the "
      "mapped file's pages, which processes mapping the same file share.")
    shared = [r for r in results if "shared" in r]
    if shared:
        w("")
        w("## Processes sharing one index file")
        w("")
        w("| shape | names | processes | summed PSS MB | RSS MB each | q/s cpu each |")
        w("| --- | ---: | ---: | ---: | --- | --- |")
        for r in shared:
            s = r["shared"]
            w(f"| {r['shape']} | {r['names']:,} | {s['processes']} | {s['pss_total_mb']:,.0f} "
              f"| {', '.join(map(str, s['rss_each_mb']))} "
              f"| {', '.join(f'{q:,}' for q in s['qps_cpu_each'])} |")
        w("")
        w("PSS (proportional set size) divides each shared page among the processes using it: "
          "the sum is the memory the processes take together.")
    for r in results:
        if "clean" in r:
            c = r["clean"]
            w("")
            w(f"## `aliasres clean --jobs`: {c['rows']:,} rows, {c['distinct']:,} distinct names, "
              "the bundled tables")
            w("")
            w("| jobs | wall | CPU: main process | CPU: workers | CPU bound | rows/s (wall) |")
            w("| ---: | ---: | ---: | ---: | ---: | ---: |")
            for n in (1, 2):
                j = c[f"jobs{n}"]
                if "main_cpu_s" not in j:  # an older run: the CPU time of all processes only
                    j = {**j, "main_cpu_s": float("nan"), "workers_cpu_s": float("nan"),
                         "cpu_bound_s": float("nan")}
                w(f"| {n} | {j['wall_s']:.1f} s | {j['main_cpu_s']:.1f} s | "
                  f"{j['workers_cpu_s']:.1f} s | {j['cpu_bound_s']:.1f} s | {j['rows_per_s']:,.0f} |")
            w("")
            cpu = f", {c['speedup2_cpu']:.2f}x by CPU time" if "speedup2_cpu" in c else ""
            w(f"Speed-up of 2 jobs over 1: {c['jobs1']['wall_s'] / c['jobs2']['wall_s']:.2f}x "
              f"(wall){cpu}; the two outputs are {'identical' if c['same_output'] else 'DIFFERENT'}. "
              "CPU bound: the least time the run can take on as many free cores as jobs, the "
              "larger of the main process's CPU time (it reads and writes every row) and the "
              "total CPU time over the jobs.")
        if "spark" in r:
            sp = r["spark"]
            w("")
            w("## Spark (local[2]) over a compiled index")
            w("")
            w(f"{sp['rows']:,} rows: session start {sp['session_start_s']:.1f} s; first result "
              f"{sp['first_result_s']:.1f} s (the index shipped with the job and mapped by the "
              f"Python workers); all rows {sp['all_rows_s']:.1f} s, {sp['rows_per_s']:,.0f} "
              f"rows/s; statuses {sp['statuses']}.")
        if "real" in r:
            re_ = r["real"]
            w("")
            w("## The real lists: UN + OFAC")
            w("")
            w("`aliasres import` of the UN consolidated list and the OFAC SDN files "
              "(`../shared/eval/sources`), then both tables loaded in a fresh process (wall seconds, on the shared machine): "
              + ", ".join(f"{k} {v:,.2f}" if isinstance(v, float) else f"{k} {v:,}"
                          for k, v in re_.items() if not isinstance(v, str)) + ".")
    w("")
    w("![load time and memory against table size](large_tables.png)")
    w("")
    return "\n".join(L)


# ---------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100000", help="comma-separated name counts")
    p.add_argument("--shapes", default="gen,person3")
    p.add_argument("--formats", default="yaml,jsonl")
    p.add_argument("--seconds", type=float, default=20.0, help="query time per measurement")
    p.add_argument("--shared", type=int, default=4, help="processes sharing one index (0: skip)")
    p.add_argument("--real", action="store_true", help="also the UN + OFAC imports")
    p.add_argument("--profile-yaml", action="store_true")
    p.add_argument("--clean", default=None, metavar="ROWS,DISTINCT",
                   help="also time `aliasres clean --jobs 1` and `--jobs 2`, e.g. 1000000,50000")
    p.add_argument("--spark", default=None, metavar="INDEX,QUERIES,ROWS",
                   help="also time the Spark helper over a compiled index")
    p.add_argument("--taskset", default=None, help="pin the workers, e.g. 1")
    p.add_argument("--workdir", type=Path, default=None)
    p.add_argument("--json", type=Path, default=None, help="write the results here")
    p.add_argument("--plot", type=Path, default=None,
                   help="draw time and memory against size to this PNG (with --from)")
    p.add_argument("--docs", type=Path, default=None,
                   help="write the results as markdown here (docs/large_tables.md)")
    p.add_argument("--notes", type=Path, default=None,
                   help="a markdown file of findings to put at the top of --docs")
    p.add_argument("--command", action="append", default=[],
                   help="the commands that produced --from's results, for the page")
    p.add_argument("--from", dest="from_json", type=Path, action="append", default=[],
                   help="results of earlier runs (--json) to add to the plot")
    p.add_argument("--worker", choices=("tables", "index"), help=argparse.SUPPRESS)
    p.add_argument("--table", help=argparse.SUPPRESS)
    p.add_argument("--query-file", help=argparse.SUPPRESS)
    p.add_argument("--save", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        args.mode, args.profile = args.worker, args.profile_yaml
        print(json.dumps(worker(args)))
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="aliasres-large-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    if args.clean:
        rows, distinct = (int(x) for x in args.clean.split(","))
        r = clean_jobs(workdir, rows, distinct, (1, 2))
        results.append({"clean": r})
        print(json.dumps(r), flush=True)
    if args.spark:
        index, queries, rows = args.spark.split(",")
        r = spark_bench(Path(index), Path(queries), int(rows))
        results.append({"spark": r})
        print(json.dumps(r), flush=True)
    for shape in filter(None, args.shapes.split(",")):
        if shape == "person3" and not WIKIDATA.exists():
            print("person3: skipped (no ../shared/eval/wikidata_ar_en_name_tokens.jsonl)")
            continue
        for size in (int(s) for s in args.sizes.split(",")):
            rows, queries = (person3 if shape == "person3" else gen_shape)(size)
            qfile = workdir / f"queries-{shape}-{size}.json"
            qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
            index = workdir / f"{shape}-{size}.ari"
            for fmt in args.formats.split(","):
                table = workdir / f"{shape}-{size}.{fmt}"
                (write_yaml if fmt == "yaml" else write_jsonl)(rows, table)
                r = run_worker("tables", table, qfile, save=index, profile=args.profile_yaml,
                               seconds=args.seconds, taskset=args.taskset)
                r.update(shape=shape, size=size, format=fmt, file_mb=table.stat().st_size / MB)
                if args.profile_yaml:
                    print(r.pop("profile"))
                results.append(r)
                print(json.dumps(r), flush=True)
            r = run_worker("index", index, qfile, seconds=args.seconds, taskset=args.taskset)
            r.update(shape=shape, size=size, format="index", file_mb=index.stat().st_size / MB)
            if args.shared:
                r["shared"] = shared_processes(index, qfile, args.shared, min(args.seconds, 10))
            results.append(r)
            print(json.dumps(r), flush=True)
    if args.real:
        r = real_imports(workdir)
        results.append({"real": r})
        print(json.dumps(r), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    earlier = [r for f in args.from_json for r in json.loads(f.read_text(encoding="utf-8"))]
    if args.notes:
        earlier.insert(0, {"notes": args.notes.read_text(encoding="utf-8")})
    if args.plot:
        plot(earlier + results, args.plot)
    if args.docs:
        args.docs.write_text(markdown(earlier + results, args.command or [" ".join(sys.argv)]),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
