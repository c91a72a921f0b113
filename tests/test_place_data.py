"""The bundled place tables: levels, the within hierarchy, ids, and the rules that keep a city,
its district and its governorate apart (each with its nearest wrong neighbour)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

import aliasres
from aliasres.types import Entity

COUNTRIES = ("SY", "IQ", "LB", "JO", "YE", "LY", "PS")


@pytest.fixture(scope="module")
def resolver() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml()


@pytest.fixture(scope="module")
def places(resolver: aliasres.Resolver) -> list[Entity]:
    return [e for e in resolver.entities if e.type == "place"]


def test_every_first_level_division_is_there(places: list[Entity]) -> None:
    """ISO 3166-2 first-level divisions (Turkey: the southern provinces only)."""
    iso = Counter(
        s.split(":")[1][:2] for e in places for s in e.sources if s.startswith("iso3166-2:")
    )
    assert {c: iso[c] for c in COUNTRIES} == {
        "SY": 14, "IQ": 18, "LB": 8, "JO": 12, "YE": 22, "LY": 22, "PS": 16
    }
    assert iso["TR"] >= 15


def test_districts_and_towns_have_a_parent(places: list[Entity], resolver: aliasres.Resolver) -> None:
    for e in places:
        if e.level in ("admin1", "admin2") and e.countries[0] in COUNTRIES:
            m = resolver.resolve(e.name)
            assert m is not None and m.id == e.id, e.id
            assert m.within and m.within[-1] == next(
                p.id for p in places if p.level == "country" and p.countries == e.countries
            ), f"{e.id}: {m.within}"


def test_levels_by_country(places: list[Entity]) -> None:
    counts = Counter((e.countries[0], e.level) for e in places if e.countries)
    assert counts[("SY", "admin2")] >= 60
    assert counts[("IQ", "admin2")] >= 100
    assert counts[("LB", "admin2")] == 25
    assert counts[("JO", "admin2")] == 51
    assert counts[("YE", "admin2")] >= 330
    for cc in COUNTRIES:
        assert counts[(cc, "locality")] >= 15, cc


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def test_ids_keep_every_letter(places: list[Entity]) -> None:
    """The slug rule: a letter with a diacritic loses the diacritic, not the letter
    (Diyarbakır -> diyarbakir, never diyarbakr)."""
    for e in places:
        lossy = re.sub(r"[^a-z0-9]+", "-", re.sub(r"[^\x00-\x7f]", "", e.name.lower())).strip("-")
        if lossy != _slug(e.name):
            assert not e.id.endswith("/" + lossy), f"{e.id}: the slug drops letters of {e.name!r}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Idlib", "place/sy/idlib"),
        ("Idlib city", "place/sy/idlib"),
        ("Idlib Governorate", "place/sy/idlib-governorate"),
        ("Idlib Province", "place/sy/idlib-governorate"),
        ("province of Idlib", "place/sy/idlib-governorate"),
        ("محافظة إدلب", "place/sy/idlib-governorate"),
        ("gouvernorat d'Idleb", "place/sy/idlib-governorate"),
        ("Idlib District", "place/sy/idlib-district"),
        ("منطقة إدلب", "place/sy/idlib-district"),
        ("Aleppo Governorate", "place/sy/aleppo-governorate"),
        ("Aleppo", "place/sy/aleppo"),
        ("Hadramaut Governorate", "place/ye/hadhramaut-governorate"),
        ("محافظة حضرموت", "place/ye/hadhramaut-governorate"),
        ("Shabwa", "place/ye/shabwah-governorate"),
        ("Dhi Qar", "place/iq/dhi-qar-governorate"),
        ("Babil", "place/iq/babylon-governorate"),
        ("Diwaniyah", "place/iq/al-diwaniyah"),
        ("Mount Lebanon", "place/lb/mount-lebanon-governorate"),
        ("Gaziantep Province", "place/tr/gaziantep-province"),
        ("ولاية غازي عنتاب", "place/tr/gaziantep-province"),
        ("Gaziantep", "place/tr/gaziantep"),
        ("Sinjar District", "place/iq/sinjar-district"),
        ("Qada Sinjar", "place/iq/sinjar-district"),
        ("قضاء سنجار", "place/iq/sinjar-district"),
        ("Sinjar", "place/iq/sinjar"),
        ("Diyarbakır", "place/tr/diyarbakir"),
        ("Bab al-Salama", "place/sy/bab-al-salameh-border-crossing"),
        ("معبر باب السلامة", "place/sy/bab-al-salameh-border-crossing"),
        ("Rukban", "place/sy/rukban-refugee-camp"),
        ("Jasim", "place/sy/jasim"),
    ],
)
def test_place_resolves(resolver: aliasres.Resolver, name: str, expected: str) -> None:
    m = resolver.resolve(name, type="place")
    assert m is not None and m.id == expected, resolver.explain(name, type="place")


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("Idlib", "place/sy/idlib-governorate"),  # the city, not its governorate
        ("Idlib Governorate", "place/sy/idlib"),
        ("Idlib District", "place/sy/idlib-governorate"),
        ("Gaziantep", "place/tr/gaziantep-province"),
        ("ABD", "place/us/united-states"),  # a Turkish abbreviation; abd is a common name part
        ("Sham", "place/sy/damascus"),  # al-Sham is the Levant more often than Damascus
        ("Şam", "place/sy/damascus"),
        ("Jassim", "place/sy/jasim"),  # a given name; the town only as written
        ("Akkar", "place/iq/aqrah"),  # a Lebanese governorate, not an Iraqi town
        # given names, family names and words near a town's name (generated places match
        # only as written or by spelling key, and leave out one-word names of persons)
        ("Mahmoud", "place/iq/al-mahmudiyah"),
        ("محمد", "place/iq/al-mahmudiyah"),
        ("Omar", "place/iq/al-amarah"),
        ("Ismail", "place/iq/sumayl"),
        ("Hussein", "place/ye/al-hussein-district"),
        ("Party", "place/ps/al-birah"),
        ("Sadr", "place/iq/sadr-city"),
        ("Qasim", "place/iq/al-qasim"),
        ("الشام", "place/iq/ash-shamiyah"),
    ],
)
def test_place_does_not_resolve_to_its_neighbour(
    resolver: aliasres.Resolver, name: str, wrong: str
) -> None:
    m = resolver.resolve(name)
    assert m is None or m.id != wrong


def test_given_names_that_name_places_are_weak(resolver: aliasres.Resolver) -> None:
    riyadh = resolver.get("place/sa/riyadh")
    assert riyadh is not None
    assert [a.weak for a in riyadh.aliases if a.name == "Riyad"] == [True]
    # Jasim, a town named like a frequent given name: only as written (fuzzy: false)
    jasim = resolver.get("place/sy/jasim")
    assert jasim is not None and not jasim.fuzzy
    assert all(a.weak for a in jasim.aliases)


def test_match_goes_from_a_town_to_its_governorate(resolver: aliasres.Resolver) -> None:
    m = resolver.resolve("Manbij")
    assert m is not None and m.level == "locality"
    assert m.within == ("place/sy/manbij-district", "place/sy/aleppo-governorate", "place/sy/syria")
    governorate = resolver.get(m.within[1])
    assert governorate is not None and governorate.level == "admin1"


def test_the_schema_example_of_tables_md_parses() -> None:
    """docs/tables.md's example table is valid (its ids point into the bundled tables)."""
    from pathlib import Path

    from aliasres.tables import parse_table

    text = (Path(__file__).resolve().parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    table = parse_table(block, "docs/tables.md")
    manbij = next(e for e in table.entities if e.id == "place/sy/manbij")
    assert (manbij.level, manbij.within) == ("locality", "place/sy/manbij-district")
    assert aliasres.default_resolver().get("place/sy/manbij-district") is not None
