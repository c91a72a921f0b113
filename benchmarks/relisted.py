"""Names of the 2018 UN list that the 2026 list no longer writes, resolved against the 2026 list.

A second held-out check beside ``crosslist.py``, from files the project already has
(``shared/eval/sources``): both UN lists are imported with ``aliasres import un``; each name
of the 2018 list that is not, once normalized, a name of the 2026 list is a query.

* an entity of both lists: its old name should resolve to its id (recall, right entity first);
* an entity the 2026 list no longer has (delisted): its old name should resolve to nothing
  (a false alarm otherwise). A few are relisted under another id (the same person, a new
  regime): the report prints every false alarm so a reader can tell.

Nothing was tuned on these rows; they are a check that rules carry over to names nobody looked
at. Needs ``../shared/eval`` (skips with a message when it is absent).

    python benchmarks/relisted.py            # the table, about 20 seconds
    python benchmarks/relisted.py --misses   # and the old names it does not resolve
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from aliasres import Resolver  # noqa: E402
from aliasres.normalize import normalize  # noqa: E402
from crosslist import import_un  # noqa: E402 (benchmarks/crosslist.py: the same import)

OLD = "un_consolidated_2018-10-29.xml"
NEW = "un_consolidated_2026-02-27.xml"


def _names(path: Path) -> dict[str, list[str]]:
    """Entity id -> its names (canonical first), as the imported table writes them."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    entities = data["entities"] if isinstance(data, dict) else data
    return {
        e["id"]: [e["name"]] + [a if isinstance(a, str) else a["name"]
                                for a in e.get("aliases") or ()]
        for e in entities
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--misses", action="store_true", help="print the unresolved old names")
    args = parser.parse_args(argv)
    sources = args.eval / "sources"
    if not (sources / OLD).exists() or not (sources / NEW).exists():
        print(f"skipped: {sources} has not both UN lists (they exist only beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        old = _names(import_un(sources / OLD, Path(tmp) / "old.yaml"))
        new_path = import_un(sources / NEW, Path(tmp) / "new.yaml")
        new = _names(new_path)
        resolver = Resolver.from_yaml(new_path, bundled=False)
    written = {normalize(n) for names in new.values() for n in names}
    gold = right = wrong = first = delisted = alarms = 0
    misses: list[str] = []
    for eid, names in sorted(old.items()):
        for name in names:
            if normalize(name) in written:
                continue
            match = resolver.resolve(name)
            if eid in new:
                gold += 1
                top = resolver.candidates(name, limit=1)
                first += bool(top and top[0].id == eid)
                if match is None:
                    misses.append(f"{eid}\t{top[0].id if top else None}\t{name}")
                elif match.id == eid:
                    right += 1
                else:
                    wrong += 1
                    print(f"wrong: {name!r} ({eid}) -> {match.id} via {match.alias!r}")
            else:
                delisted += 1
                if match is not None:
                    alarms += 1
                    print(f"false alarm: {name!r} ({eid}, delisted) -> {match.id} via "
                          f"{match.alias!r} ({match.method} {match.score:.3f})")
    print("| old names | of listed entities | right | wrong | right entity first | "
          "of delisted entities | false alarms |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {gold + delisted} | {gold} | {right} | {wrong} | {first} | {delisted} | {alarms} |")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
