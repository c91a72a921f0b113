#!/usr/bin/env python3
"""Write aliases/entities/place/countries.yaml: every ISO 3166-1 country that the curated
tables do not already hold (matched by country code and by name), from pycountry (Debian
iso-codes, LGPL): the English common name (the ISO short name when there is none), the
official name as an alias, and the Arabic and French names of iso-codes' own translations.

An alias that another entity already claims is left out; a name that is also a common word or
given name ("Chad", "Georgia"; مالي "financial") is marked ``weak`` (it matches only as
written). The curated seas and regions live in aliases/entities/place/region.yaml.

    python tools/gen_countries.py             # write
    python tools/gen_countries.py --check     # exit 1 when the table is out of date
    python tools/gen_countries.py --verbose   # also print what was left out or marked
"""

from __future__ import annotations

import argparse
import gettext
import sys
from dataclasses import replace
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aliasres import lint  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.normalize import normalize  # noqa: E402
from aliasres.tables import load_table  # noqa: E402
from aliasres.types import Alias, Entity  # noqa: E402

OUT = ROOT / "aliases" / "entities" / "place" / "countries.yaml"
SOURCE = "https://www.iso.org/obp/ui/#iso:code:3166:{}"

#: English names for the ISO short names that are inverted or bracketed and have no common name
NAMES = {
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}

#: names that are also a common word or given name: they match only as written (weak)
WEAK = {
    "Chad", "Georgia", "Jersey", "Guernsey", "Man", "Turkey", "Niger", "Guinea", "Congo",
    "Dominica", "Jordan", "Mali", "Chile", "Togo", "Peru",
    "مالي", "تشاد", "جورجيا", "جيرسي", "غينيا", "الكونغو", "توغو", "بيرو",
}


#: aliases that are given names as well (Maurice, French for Mauritius): only with type="place"
TYPED = {"Maurice"}

#: names that several countries bear ("Congo": both Congos): they never resolve on their own
SHARED = {"Congo", "الكونغو"}

#: usual names that ISO 3166-1 does not give (older or English usual forms), by code
EXTRA = {
    "CI": [("Ivory Coast", None)],
    "CV": [("Cape Verde", None)],
    "MM": [("Burma", None)],
    "SZ": [("Swaziland", None)],
    "TL": [("East Timor", None)],
    "KR": [("Republic of Korea", None), ("كوريا الجنوبية", "ar")],
    "KP": [("كوريا الشمالية", "ar"), ("Corée du Nord", "fr")],
    "CD": [
        ("DRC", None),
        ("République démocratique du Congo", "fr"),
        ("الكونغو", "ar"),
        ("جمهورية الكونغو الديمقراطية", "ar"),
    ],
}


def existing() -> tuple[set[str], dict[str, set[str]]]:
    """The country codes of the curated country entities, and every name the other tables
    claim (normalized) -> the ids claiming it."""
    codes: set[str] = set()
    claims: dict[str, set[str]] = {}
    for path in sorted((ROOT / "aliases" / "entities").rglob("*.yaml")):
        if path == OUT:
            continue
        for e in load_table(path).entities:
            if e.level == "country":
                codes.update(e.countries)
            for a in e.names():
                claims.setdefault(normalize(a.name), set()).add(e.id)
    return codes, claims


def clean(name: str | None) -> str | None:
    """A translated name, unless it is an inverted or bracketed catalogue form."""
    if not name or "," in name or "،" in name or "(" in name:
        return None
    return name.strip()


def build() -> tuple[list[Entity], list[str]]:
    codes, claims = existing()
    tr = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("ar", "fr")
    }
    log: list[str] = []
    out: list[Entity] = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = c.alpha_2
        if cc in codes:
            continue
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        name = NAMES.get(cc) or common or c.name
        eid = f"place/{cc.lower()}/{lint.slug(name)}"
        if normalize(name) in claims:
            log.append(f"{cc}: {name!r} is already {sorted(claims[normalize(name)])}: skipped")
            continue
        candidates: list[tuple[str, str | None]] = []
        for en in (c.name, common, official):
            if en and en != name and clean(en):
                candidates.append((en, None))
        for lang, t in tr.items():
            for en in (common, c.name, official):
                if en:
                    local = clean(t.gettext(en))
                    if local and local != en or (local and lang == "fr"):
                        candidates.append((local, lang))
        candidates += EXTRA.get(cc, [])
        for cand in ("Congo",):
            if cc in ("CD", "CG") and (cand, None) not in candidates:
                candidates.append((cand, None))
        aliases: list[Alias] = []
        seen = {normalize(name)}
        for text, lang in candidates:
            key = normalize(text)
            if key in seen:
                continue
            seen.add(key)
            if key in claims:
                log.append(f"{eid}: left out {text!r} (a name of {sorted(claims[key])})")
                continue
            aliases.append(
                Alias(
                    name=text,
                    lang=lang,
                    weak=text in WEAK and text not in SHARED,
                    shared=text in SHARED,
                    typed=text in TYPED,
                )
            )
        for a in aliases:
            if lint.why_misleading(a, eid, {}):
                log.append(f"{eid}: {a.name!r} marked weak ({lint.why_misleading(a, eid, {})})")
        aliases = [
            replace(a, weak=True) if lint.why_misleading(a, eid, {}) else a
            for a in aliases
        ]
        if name in WEAK:
            log.append(f"{eid}: its name {name!r} is also a word or given name: exact only")
        out.append(
            Entity(
                id=eid,
                type="place",
                name=name,
                countries=(cc,),
                level="country",
                fuzzy=name not in WEAK,
                description="Country or territory (ISO 3166-1)",
                sources=(SOURCE.format(cc),),
                aliases=tuple(aliases),
            )
        )
    return out, log


HEADER = (
    "# Generated by tools/gen_countries.py: do not edit (edit the generator).\n"
    "# The ISO 3166-1 countries and territories that the curated tables do not hold ({n}).\n"
    "# Source: ISO 3166-1 and its Arabic and French translations as Debian iso-codes ships them\n"
    "# (pycountry {v}, LGPL); each entity cites its ISO code.\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    entities, log = build()
    from importlib.metadata import version

    text = format_table(entities, header=HEADER.format(n=len(entities), v=version("pycountry")))
    if args.verbose:
        print("\n".join(log))
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run tools/gen_countries.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(entities)} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
