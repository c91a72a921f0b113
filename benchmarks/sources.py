#!/usr/bin/env python3
"""Several sources loaded together: the bundled tables beside the imported UN and OFAC lists.

The UN list (its 2018 and 2026 issues) and the OFAC SDN list (sdn, alt, add) of
shared/eval/sources are imported with ``aliasres import`` into a temporary folder and loaded
with the bundled tables. Reported:

* how many bundled canonical names no longer resolve to their bundled id (the same entity
  under two or three ids made them ambiguous before same-as links); ``--no-links`` measures
  the same without links (list ids dropped from ``sources``);
* the seed mentions of shared/samples/mentions.tsv: how many resolve to their gold id with
  the bundled tables alone and with every source loaded;
* the load time and the memory the combined resolver takes (resident set growth). The
  machine is shared: times are noisy.

    python benchmarks/sources.py [--shared ../shared] [--no-links] [--show 20]
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aliasres  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.importers import import_ofac, import_un  # noqa: E402
from aliasres.links import is_list_id  # noqa: E402
from aliasres.tables import load_tables  # noqa: E402


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_lists(sources: Path, out: Path) -> list[Path]:
    """The UN and OFAC tables written as ``aliasres import`` writes them."""
    un = import_un(sorted(sources.glob("un_consolidated_*.xml")))
    ofac = import_ofac([sources / f for f in ("ofac_sdn.csv", "ofac_alt.csv", "ofac_add.csv")])
    paths = []
    for name, imported in (("un.yaml", un), ("ofac.yaml", ofac)):
        path = out / name
        path.write_text(format_table(imported.entities, header=imported.header), encoding="utf-8")
        paths.append(path)
    return paths


def mentions(shared: Path) -> list[tuple[str, str]]:
    path = shared / "samples" / "mentions.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return [(r[3], r[4]) for r in rows if len(r) >= 5]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-links", action="store_true", help="drop list ids from sources")
    parser.add_argument("--show", type=int, default=20, help="list this many lost names")
    args = parser.parse_args(argv)
    sources = args.shared / "eval" / "sources"
    if not sources.is_dir():
        print(f"skipped: {sources} not found")
        return 0
    bundled_only = aliasres.Resolver.from_yaml()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        paths = import_lists(sources, Path(tmp))
        t_import = time.perf_counter() - t0
        rss0 = _rss_mb()
        t0 = time.perf_counter()
        tables = load_tables(paths)
        if args.no_links:
            tables = [
                replace(t, entities=tuple(
                    replace(e, same_as=(), sources=tuple(s for s in e.sources if not is_list_id(s)))
                    for e in t.entities))
                for t in tables
            ]
        resolver = aliasres.Resolver.from_tables(tables)
        t_load = time.perf_counter() - t0
        rss1 = _rss_mb()
    bundled = [e for e in resolver.entities if not is_list_id(e.id)]
    linked = sum(1 for e in resolver.entities if len(resolver.linked_ids(e.id)) > 1)
    lost = []
    for entity in bundled:
        match = resolver.resolve(entity.name)
        if match is None or match.id != entity.id:
            lost.append((entity, match))
    print(f"tables: bundled + {', '.join(p.name for p in paths)}; "
          f"{len(resolver.entities):,} entities, {linked:,} of them linked to another"
          + (" (links off)" if args.no_links else ""))
    print(f"import {t_import:.1f} s; load and index {t_load:.1f} s; "
          f"resident memory +{rss1 - rss0:,.0f} MB (shared machine: noisy)")
    print(f"bundled canonical names not resolving to their bundled id: {len(lost)} of {len(bundled):,}")
    for entity, match in lost[: args.show]:
        got = "None" if match is None else match.id
        print(f"  {entity.id}  {entity.name!r} -> {got}")
    seeds = mentions(args.shared)
    if seeds:
        alone = sum(1 for s, g in seeds if (m := bundled_only.resolve(s)) and m.id == g)
        together = sum(1 for s, g in seeds if (m := resolver.resolve(s)) and m.id == g)
        print(f"seed mentions resolving to their gold id: {together} of {len(seeds)} with every "
              f"source loaded, {alone} with the bundled tables alone")
        for surface, gold in seeds:
            a, b = bundled_only.resolve(surface), resolver.resolve(surface)
            if a is not None and a.id == gold and (b is None or b.id != gold):
                print(f"  lost: {surface!r} ({gold}) -> {b.id if b else None}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
