"""Cross-list task, scored by the OpenSanctions matcher nomenklatura logic-v2 (a baseline).

The same queries and metrics as ``benchmarks/crosslist.py``, answered by logic-v2 as yente uses it
(its default ``ScoringConfig``, a name resolves when its best candidate scores >= 0.70, yente's
default threshold). The UN list of 2026-02-27 is read with ``aliasres.importers.import_un`` and
each entry becomes a FollowTheMoney ``Person`` or ``Organization``: its first name as ``name``,
its other names as ``alias`` (with ``--weak-alias``, the list's low-quality aliases go to
``weakAlias`` instead, as OpenSanctions publishes them: logic-v2 then matches them only exactly,
like aliasres's weak aliases). Each row of ``crosslist_dev.tsv`` becomes a query entity of the row's type.

Candidates are blocked cheaply: every UN entity of the query's type sharing a name token of at
least three letters with it (tokens folded to lower case without accents, and also transliterated
to ASCII so that Arabic script meets Latin), plus the few nearest by a rapidfuzz ratio over all
names; the blocking recall on gold rows is printed. Each candidate is scored with logic-v2's
``compare``; the best one is the answer.

    python benchmarks/crosslist_logicv2.py                  # names only
    python benchmarks/crosslist_logicv2.py --attributes     # and birth date, country, gender

``--attributes`` adds the rows' ``uk_dob``, ``uk_countries`` and ``uk_gender`` to the queries
and the UN entries' birth dates, nationalities, address countries and gender (read from the XML)
to the table, so that logic-v2's qualifiers (different birth year, country or gender) apply.

nomenklatura is a benchmark-only tool, never a dependency of aliasres (``pip install
nomenklatura``); the script skips with a message when it or ``../shared/eval`` is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from crosslist import Answer, Row, load_rows, print_misses, print_report, report  # noqa: E402

THRESHOLD = 0.70  # yente's default match threshold
UN_XML = "sources/un_consolidated_2026-02-27.xml"
_TOKEN = re.compile(r"\w+")
_SCHEMA = {"person": "Person", "organization": "Organization"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Blocker:
    """UN entities sharing a name token (>= 3 letters) with a query, plus rapidfuzz neighbours."""

    def __init__(
        self, names: dict[str, list[str]], types: dict[str, str], ascii_text: Any, nearest: int
    ) -> None:
        self._ascii = ascii_text
        self._types = types
        self._nearest = nearest
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._choices: list[str] = []
        self._owners: list[str] = []
        for eid, entity_names in names.items():
            for name in entity_names:
                for token in self._tokens(name):
                    self._postings[token].add(eid)
                self._choices.append(self._flat(name))
                self._owners.append(eid)

    def _flat(self, text: str) -> str:
        return " ".join(_TOKEN.findall(_fold(self._ascii(text) or text)))

    def _tokens(self, text: str) -> set[str]:
        tokens = set(_TOKEN.findall(_fold(text)))
        tokens.update(_TOKEN.findall(_fold(self._ascii(text) or "")))
        return {t for t in tokens if sum(c.isalpha() for c in t) >= 3}

    def candidates(self, query: str, etype: str) -> list[str]:
        from rapidfuzz import fuzz, process

        found: set[str] = set()
        for token in self._tokens(query):
            found.update(self._postings.get(token, ()))
        if self._nearest:
            hits = process.extract(
                self._flat(query),
                self._choices,
                scorer=fuzz.token_set_ratio,
                limit=self._nearest * 4,
            )
            near: list[str] = []
            for _, _, i in hits:
                if self._owners[i] not in near:
                    near.append(self._owners[i])
            found.update(near[: self._nearest])
        return sorted(e for e in found if self._types[e] == etype)


def _un_attributes(xml: Path) -> dict[str, dict[str, list[str]]]:
    """Birth dates, countries and gender of each UN entry, by aliasres id (``un:<ref>``)."""
    attrs: dict[str, dict[str, list[str]]] = {}
    for node in ET.parse(xml).getroot().iter():
        if node.tag not in ("INDIVIDUAL", "ENTITY"):
            continue
        ref = (node.findtext("REFERENCE_NUMBER") or "").replace(" ", "")
        if not ref:
            continue
        a = attrs.setdefault(f"un:{ref}", defaultdict(list))
        for value in node.iterfind("NATIONALITY/VALUE"):
            if value.text:
                a["nationality"].append(value.text.strip())
        for tag in ("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"):
            for addr in node.iterfind(tag):
                country = (addr.findtext("COUNTRY") or "").strip()
                if country:
                    a["country"].append(country)
        gender = (node.findtext("GENDER") or "").strip().lower()
        if gender in ("male", "female"):
            a["gender"].append(gender)
        for dob in node.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            date, year = (dob.findtext("DATE") or "").strip(), (dob.findtext("YEAR") or "").strip()
            lo, hi = (
                (dob.findtext("FROM_YEAR") or "").strip(),
                (dob.findtext("TO_YEAR") or "").strip(),
            )
            if date:
                a["birthDate"].append(date[:10])
            elif year:
                a["birthDate"].append(year)
            elif lo.isdigit() and hi.isdigit() and 0 <= int(hi) - int(lo) <= 20:
                a["birthDate"].extend(str(y) for y in range(int(lo), int(hi) + 1))
    return attrs


def _un_entities(
    model: Any, eval_dir: Path, attributes: bool, weak_alias: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    from aliasres.importers import import_un

    imported = import_un([str(eval_dir / UN_XML)])
    attrs = _un_attributes(eval_dir / UN_XML) if attributes else {}
    proxies: dict[str, Any] = {}
    names: dict[str, list[str]] = {}
    for entity in imported.entities:
        proxy = model.make_entity(_SCHEMA[entity.type])
        proxy.id = entity.id
        proxy.add("name", entity.name)
        for alias in entity.aliases:
            proxy.add("weakAlias" if alias.weak and weak_alias else "alias", alias.name)
        for prop, values in attrs.get(entity.id, {}).items():
            if prop == "nationality" and entity.type != "person":
                prop = "country"
            if prop in ("gender", "birthDate") and entity.type != "person":
                continue
            proxy.add(prop, values, quiet=True)
        proxies[entity.id] = proxy
        names[entity.id] = [a.name for a in entity.names()]
    return proxies, names


def _query_entity(model: Any, n: int, row: Row, attributes: bool) -> Any:
    proxy = model.make_entity(_SCHEMA[row.type])
    proxy.id = f"query-{n}"
    proxy.add("name", row.query)
    if attributes:
        countries = [c for c in row.countries.split(";") if c]
        if row.type == "person":
            proxy.add("nationality", countries, quiet=True)
            proxy.add("birthDate", [d for d in row.dob.split(";") if d], quiet=True)
            if row.gender:
                proxy.add("gender", row.gender, quiet=True)
        else:
            proxy.add("country", countries, quiet=True)
    return proxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument(
        "--attributes",
        action="store_true",
        help="add birth dates, countries and gender to both sides",
    )
    parser.add_argument(
        "--weak-alias",
        action="store_true",
        help="put the UN's low-quality aliases in weakAlias (exact match only)",
    )
    parser.add_argument(
        "--nearest",
        type=int,
        default=5,
        help="also block the N entities nearest by rapidfuzz token_set_ratio",
    )
    parser.add_argument("--limit", type=int, default=0, help="score only the first N rows")
    parser.add_argument("--misses", type=int, default=0, help="print this many hard misses")
    parser.add_argument("--json", type=Path, help="write every answer here")
    args = parser.parse_args(argv)
    try:
        import nomenklatura
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from normality import ascii_text
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed (pip install nomenklatura; benchmark only)")
        return 0
    path = args.eval / "crosslist_dev.tsv"
    if not path.exists() or not (args.eval / UN_XML).exists():
        print(f"skipped: {path} or its UN list not found (they exist only beside the project)")
        return 0
    from importlib.metadata import version

    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    config = algorithm.default_config()
    rows = load_rows(path)
    if args.limit:
        rows = rows[: args.limit]

    start = time.perf_counter()
    proxies, names = _un_entities(model, args.eval, args.attributes, args.weak_alias)
    blocker = Blocker(
        names,
        {
            e: ("person" if p.schema.name == "Person" else "organization")
            for e, p in proxies.items()
        },
        ascii_text,
        args.nearest,
    )
    build = time.perf_counter() - start

    answers: list[Answer] = []
    blocked_gold = gold_rows = compared = 0
    start = time.perf_counter()
    for n, row in enumerate(rows):
        query = _query_entity(model, n, row, args.attributes)
        cands = blocker.candidates(row.query, row.type)
        if row.gold:
            gold_rows += 1
            blocked_gold += row.gold in cands
        scored = []
        for eid in cands:
            result = algorithm.compare(query, proxies[eid], config)
            scored.append((result.score, eid))
        compared += len(cands)
        scored.sort(key=lambda t: (-t[0], t[1]))
        top_score, top = scored[0] if scored else (0.0, None)
        answers.append(
            Answer(
                row,
                top if top is not None and top_score >= args.threshold else None,
                top if top_score > 0 else None,
                top_score,
                scored[1][0] if len(scored) > 1 else 0.0,
            )
        )
    elapsed = time.perf_counter() - start

    print(
        f"nomenklatura {version('nomenklatura')} logic-v2 (followthemoney "
        f"{version('followthemoney')}, rigour {version('rigour')}), threshold "
        f"{args.threshold:.2f}, {'names and attributes' if args.attributes else 'names only'}"
        f"{', low-quality aliases as weakAlias' if args.weak_alias else ''}"
    )
    print(
        f"{len(rows)} queries, table of {len(proxies)} entities (built in {build:.1f} s); "
        f"{compared / len(rows):.1f} candidates per query; blocking recall on gold rows "
        f"{blocked_gold}/{gold_rows} ({blocked_gold / max(gold_rows, 1):.1%}); "
        f"{elapsed:.0f} s ({len(rows) / elapsed:.1f} queries/s)"
    )
    results = report(answers)
    print_report(results)
    if args.misses:
        print_misses(answers, args.misses)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "matcher": f"{nomenklatura.__name__} {version('nomenklatura')} logic-v2",
                    "results": results,
                    "answers": [
                        {
                            "query": a.row.query,
                            "gold": a.row.gold,
                            "subset": a.row.subset,
                            "resolved": a.resolved,
                            "top": a.top,
                            "top_score": a.top_score,
                            "second_score": a.second_score,
                        }
                        for a in answers
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
