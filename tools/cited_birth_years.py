#!/usr/bin/env python3
"""Give the bundled persons the dates of birth that the list entries they cite state.

A bundled person whose ``sources`` cite ``un:...`` or ``ofac:...`` gets, when it has no
``born:`` yet, every date of birth those entries give (imported from shared/eval/sources
with ``aliasres import``). The files are rewritten by the formatter (they are fmt-clean).

    python tools/cited_birth_years.py [--sources ../shared/eval/sources] [--check]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aliasres.data import entity_table_paths  # noqa: E402
from aliasres.fmt import format_table, header_comments, write_atomic  # noqa: E402
from aliasres.importers import import_ofac, import_un  # noqa: E402
from aliasres.links import is_list_id  # noqa: E402
from aliasres.tables import load_table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared/eval/sources")
    parser.add_argument("--check", action="store_true", help="change nothing, count")
    args = parser.parse_args()
    listed = {
        e.id: e
        for e in (
            *import_un(sorted(args.sources.glob("un_consolidated_*.xml"))).entities,
            *import_ofac([args.sources / f for f in ("ofac_sdn.csv", "ofac_alt.csv")]).entities,
        )
    }
    total = 0
    for path in entity_table_paths():
        table = load_table(path)
        changed = []
        for entity in table.entities:
            cited = [listed[s] for s in entity.sources if is_list_id(s) and s in listed]
            born = tuple(dict.fromkeys(d for e in cited if e.type == entity.type for d in e.born))
            if entity.type == "person" and not entity.born and born:
                changed.append(replace(entity, born=born))
        if changed:
            total += len(changed)
            new = {e.id: e for e in changed}
            entities = [new.get(e.id, e) for e in table.entities]
            if not args.check:
                text = path.read_text(encoding="utf-8")
                write_atomic(path, format_table(replace(table, entities=tuple(entities)),
                                                header=header_comments(text)))
    print(f"{total} bundled persons {'would get' if args.check else 'got'} dates of birth")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
