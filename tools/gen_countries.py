#!/usr/bin/env python3
"""Write aliases/entities/place/countries.yaml: every ISO 3166-1 country that the curated
tables do not already hold (matched by country code and by name), from pycountry (Debian
iso-codes, LGPL): the English common name (the ISO short name when there is none), the
official name as an alias, and the Arabic and French names of iso-codes' own translations.

The countries the curated tables hold (region.yaml, sy.yaml: Syria, its neighbours, the powers
in its news) get the same official and translated names as ``extend:`` entries of the same
file (what their curated entity does not already have), so that "Fédération de Russie" or
الجمهورية اللبنانية reaches the curated entity. iso-codes writes some names inverted, as a
catalogue sorts them ("Russie, Fédération de", إيران، الجمهورية الإسلامية الإيرانية): they are
put back in reading order (:func:`uninvert`); the few it does not put back are left out.

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
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aliasres import lint  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.normalize import normalize  # noqa: E402
from aliasres.tables import Extension, load_table  # noqa: E402
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
EXTRA: dict[str, list[tuple[str, str | None]]] = {
    "CI": [("Ivory Coast", None)],
    "CV": [("Cape Verde", None)],
    "MM": [("Burma", None)],
    "SZ": [("Swaziland", None)],
    "TL": [("East Timor", None)],
    "KR": [("Republic of Korea", None), ("كوريا الجنوبية", "ar")],
    # "République de Corée du Nord": a loose French form; without it, its first three words
    # (République de Corée, South Korea's official name) would be read in running text
    "KP": [
        ("كوريا الشمالية", "ar"),
        ("Corée du Nord", "fr"),
        ("République de Corée du Nord", "fr"),
    ],
    # the Republic of Ireland Act 1948 describes the state as the Republic of Ireland
    "IE": [
        ("Republic of Ireland", None),
        ("République d'Irlande", "fr"),
        ("جمهورية أيرلندا", "ar"),
    ],
    # its constitution's Arabic name (iso-codes: جمهوريّة موريتانيا الإسلاميّة)
    "MR": [("الجمهورية الإسلامية الموريتانية", "ar")],
    # the official French names in the states' own texts (the constitutions of Tunisia, Greece
    # and Switzerland; India's at the UN), where iso-codes writes another form
    "TN": [("République tunisienne", "fr")],
    "GR": [("République hellénique", "fr")],
    "CH": [("Confédération suisse", "fr")],
    "IN": [("République de l'Inde", "fr")],
    "CD": [
        ("DRC", None),
        ("République démocratique du Congo", "fr"),
        ("الكونغو", "ar"),
        ("جمهورية الكونغو الديمقراطية", "ar"),
    ],
}


#: long names of the curated countries that iso-codes lacks, as official French and Arabic
#: texts write them (extend: entries). Sources: the French foreign ministry's country pages
#: (diplomatie.gouv.fr writes "Irak"), the states' own Arabic names (the Turkish presidency's
#: Arabic site: الجمهورية التركية; Yemen's constitution: الجمهورية اليمنية; Russia's Arabic
#: usage beside the UN's الاتحاد الروسي: روسيا الاتحادية), the official names of Libya (State of
#: Libya, 2013, its UN mission) and Kosovo (its constitution), the grammatical Arabic name of
#: France (iso-codes writes جمهوريّة الفرنسيّة, without the article).
CURATED_EXTRA: dict[str, list[tuple[str, str | None]]] = {
    # the state's own Arabic name (its constitution: دستور دولة الإمارات العربية المتحدة)
    "AE": [("دولة الإمارات العربية المتحدة", "ar")],
    # the UN's Arabic name of Iran, beside Iran's own الجمهورية الإسلامية الإيرانية
    "IR": [("جمهورية إيران الإسلامية", "ar")],
    "FR": [("الجمهورية الفرنسية", "ar")],
    "IQ": [("République d'Irak", "fr")],
    "LY": [("State of Libya", None), ("État de Libye", "fr"), ("دولة ليبيا", "ar")],
    "RU": [("روسيا الاتحادية", "ar")],
    "TR": [("الجمهورية التركية", "ar"), ("جمهورية تركيا", "ar")],
    "XK": [("République du Kosovo", "fr"), ("جمهورية كوسوفو", "ar")],
    "YE": [("الجمهورية اليمنية", "ar")],
}

#: iso-codes translations that are not a name in use (an ungrammatical form): left out
BAD = {"جمهوريّة الفرنسيّة"}

#: the words that end a French name written inverted after its head ("Corée, République de")
_FR_LINK = re.compile(r"(?:^|\s)(?:de|du|des|de la)$", re.IGNORECASE)


def existing() -> tuple[dict[str, str], dict[str, set[str]]]:
    """The curated country entities (country code -> id), and every name the other tables
    claim (normalized) -> the ids claiming it."""
    codes: dict[str, str] = {}
    claims: dict[str, set[str]] = {}
    for path in sorted((ROOT / "aliases" / "entities").rglob("*.yaml")):
        if path == OUT:
            continue
        for e in load_table(path).entities:
            if e.level == "country":
                codes.update((cc, e.id) for cc in e.countries)
            for a in e.names():
                claims.setdefault(normalize(a.name), set()).add(e.id)
    return codes, claims


def uninvert(local: str, en: str, lang: str) -> str | None:
    """A catalogue form of iso-codes in reading order, or ``None`` when it is not one this
    knows how to put back.

    French: "Russie, Fédération de" -> "Fédération de Russie", "Iran, République islamique d'"
    -> "République islamique d'Iran", "Salomon, Îles" -> "Îles Salomon", and when the English
    name is not inverted, an adjective after "République": "Syrienne, République arabe" ->
    "République arabe syrienne". Arabic: when the English is "X, ... of", the part after the
    comma is the whole official name (إيران، الجمهورية الإسلامية الإيرانية).
    """
    if "(" in local:
        return None
    if lang == "ar":
        parts = local.split("،")
        if len(parts) != 2 or not re.search(r" of(?: the)?$", en):
            return None
        return parts[1].strip() or None
    parts = local.split(", ")
    if len(parts) != 2:
        return None
    head, tail = parts[0].strip(), parts[1].strip()
    if not head or not tail:
        return None  # a damaged form ("Russie, "): nothing to put back
    if tail.endswith("'"):
        out = tail + head
    elif _FR_LINK.search(tail):
        out = f"{tail} {head}"
    elif "," not in en:
        out = f"{tail} {head.lower() if tail.split()[0].lower() == 'république' else head}"
    else:
        return None
    return out[0].upper() + out[1:]


def clean(name: str | None, en: str = "", lang: str | None = None) -> str | None:
    """A translated name in reading order; ``None`` for a bracketed catalogue form, an
    inverted one that :func:`uninvert` cannot put back, or one of :data:`BAD`."""
    if not name or name in BAD:
        return None
    if "," in name or "،" in name or "(" in name:
        return uninvert(name, en, lang) if lang else None
    return name.strip()


def spellings(candidates: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """``candidates`` and, after each Arabic name that iso-codes spells ديموقراطية, the
    spelling ديمقراطية that most Arabic texts and the UN's use (normalization keeps the two
    apart): without it, "جمهورية كوريا الشعبية الديمقراطية" in running text would be read as
    its first two words, جمهورية كوريا, South Korea's official name. Likewise an Arabic name
    in which iso-codes writes و ("and") apart gets the usual joined spelling."""
    out: list[tuple[str, str | None]] = []
    for text, lang in candidates:
        out.append((text, lang))
        if lang == "ar" and "ديموقراط" in text.replace("\u0651", ""):
            out.append((text.replace("\u0651", "").replace("ديموقراط", "ديمقراط"), lang))
        if lang == "ar" and " و " in text:  # و "and" is written joined to the next word
            out.append((text.replace(" و ", " و"), lang))
    return out


def translated(c: Any, tr: dict[str, gettext.NullTranslations]) -> list[tuple[str, str | None]]:
    """The English official and ISO names of country ``c`` and their French and Arabic
    translations, in reading order (common name first)."""
    common = getattr(c, "common_name", None)
    official = getattr(c, "official_name", None)
    name: str = c.name
    out: list[tuple[str, str | None]] = []
    for en in (name, common, official):
        if en and clean(en):
            out.append((re.sub(r"^the ", "", en), None))
    for lang, t in tr.items():
        for en in (common, name, official):
            if en:
                local = clean(t.gettext(en), en, lang)
                if local and local != en or (local and lang == "fr"):
                    out.append((local, lang))
    return out


def build() -> tuple[list[Entity], list[Extension], list[str]]:
    codes, claims = existing()
    tr: dict[str, gettext.NullTranslations] = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("ar", "fr")
    }
    log: list[str] = []
    out: list[Entity] = []
    added: dict[str, list[Alias]] = {}  # curated id -> the names it gains
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = c.alpha_2
        if cc in codes:
            continue
        common = getattr(c, "common_name", None)
        name = NAMES.get(cc) or common or c.name
        eid = f"place/{cc.lower()}/{lint.slug(name)}"
        if normalize(name) in claims:
            log.append(f"{cc}: {name!r} is already {sorted(claims[normalize(name)])}: skipped")
            continue
        candidates = [(t, lang) for t, lang in translated(c, tr) if t != name or lang]
        candidates += EXTRA.get(cc, [])
        for cand in ("Congo",):
            if cc in ("CD", "CG") and (cand, None) not in candidates:
                candidates.append((cand, None))
        aliases = _aliases(eid, spellings(candidates), {normalize(name)}, claims, log)
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
    for cc, eid in sorted(codes.items()):
        country = pycountry.countries.get(alpha_2=cc)
        candidates = translated(country, tr) if country else []
        candidates += CURATED_EXTRA.get(cc, [])
        # the names the curated entity has already are skipped without a word
        own = {k for k, ids in claims.items() if eid in ids}
        found = _aliases(eid, spellings(candidates), own, claims, log)
        if found:
            added[eid] = found
    out, added = _unshared(out, added, log)
    extend = [Extension(eid, tuple(aliases)) for eid, aliases in sorted(added.items())]
    return out, extend, log


def _aliases(
    eid: str,
    candidates: list[tuple[str, str | None]],
    seen: set[str],
    claims: dict[str, set[str]],
    log: list[str],
) -> list[Alias]:
    """The aliases of ``candidates`` whose normalized form is not in ``seen`` nor claimed by
    another entity, marked weak, shared or typed as :data:`WEAK`, :data:`SHARED`, :data:`TYPED`
    and the linter say."""
    seen = set(seen)
    aliases: list[Alias] = []
    for text, lang in candidates:
        key = normalize(text)
        if key in seen:
            continue
        seen.add(key)
        if key in claims:
            log.append(f"{eid}: left out {text!r} (a name of {sorted(claims[key])})")
            continue
        alias = Alias(
            name=text,
            lang=lang,
            weak=text in WEAK and text not in SHARED,
            shared=text in SHARED,
            typed=text in TYPED,
        )
        why = lint.why_misleading(alias, eid, {})
        if why:
            log.append(f"{eid}: {text!r} marked weak ({why})")
            alias = replace(alias, weak=True)
        aliases.append(alias)
    return aliases


def _unshared(
    out: list[Entity], added: dict[str, list[Alias]], log: list[str]
) -> tuple[list[Entity], dict[str, list[Alias]]]:
    """Without the names that two countries would get (other than :data:`SHARED` ones): a
    translated name must name one country."""
    owners: dict[str, set[str]] = {}
    for eid, aliases in [(e.id, list(e.aliases)) for e in out] + list(added.items()):
        for a in aliases:
            if not a.shared:
                owners.setdefault(normalize(a.name), set()).add(eid)
    twice = {k for k, ids in owners.items() if len(ids) > 1}
    for k in sorted(twice):
        log.append(f"left out {k!r}: a name of {sorted(owners[k])}")

    def keep(aliases: list[Alias] | tuple[Alias, ...]) -> list[Alias]:
        return [a for a in aliases if a.shared or normalize(a.name) not in twice]

    return (
        [replace(e, aliases=tuple(keep(e.aliases))) for e in out],
        {eid: kept for eid, aliases in added.items() if (kept := keep(aliases))},
    )


HEADER = (
    "# Generated by tools/gen_countries.py: do not edit (edit the generator).\n"
    "# The ISO 3166-1 countries and territories that the curated tables do not hold ({n}), and\n"
    "# (extend:) the official, French and Arabic names that {m} curated countries lack.\n"
    "# Source: ISO 3166-1 and its Arabic and French translations as Debian iso-codes ships them\n"
    "# (pycountry {v}, LGPL); each entity cites its ISO code.\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    entities, extend, log = build()
    from importlib.metadata import version

    header = HEADER.format(n=len(entities), m=len(extend), v=version("pycountry"))
    text = format_table(entities, extend=extend, header=header)
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
