"""Official long names of countries in French and Arabic (tools/gen_countries.py): each kind
resolves to its country, in a query and in running text, and its nearest wrong neighbour does
not. The curated countries (region.yaml, sy.yaml) get theirs as ``extend:`` entries of the
generated countries.yaml."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import aliasres

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def r() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml()


# one or two of each kind: iso-codes' French official name, its inverted catalogue form put back
# ("Russie, Fédération de"), the Arabic official name (iso-codes writes harakat and shadda,
# folded by normalization), a form iso-codes lacks, the same without accents or harakat
OFFICIAL = [
    ("Fédération de Russie", "place/ru/russia"),
    ("République arabe syrienne", "place/sy/syria"),
    ("République islamique d'Iran", "place/ir/iran"),
    ("République islamique d’Iran", "place/ir/iran"),
    ("Royaume d'Arabie saoudite", "place/sa/saudi-arabia"),
    ("République de Turquie", "place/tr/turkey"),
    ("Royaume hachémite de Jordanie", "place/jo/jordan"),
    ("République libanaise", "place/lb/lebanon"),
    ("Etats-Unis d'Amérique", "place/us/united-states"),
    ("République d'Irak", "place/iq/iraq"),
    ("République d'Iraq", "place/iq/iraq"),
    ("République arabe d'Égypte", "place/eg/egypt"),
    ("État de Palestine", "place/ps/palestine"),
    ("République du Yémen", "place/ye/yemen"),
    ("République populaire démocratique de Corée", "place/kp/north-korea"),
    ("République de Corée", "place/kr/south-korea"),
    ("République du Soudan du Sud", "place/ss/south-sudan"),
    ("République du Soudan", "place/sd/sudan"),
    ("Îles Salomon", "place/sb/solomon-islands"),
    ("République d'Irlande", "place/ie/ireland"),
    ("الجمهورية الإسلامية الإيرانية", "place/ir/iran"),
    ("الجمهوريّة الإسلاميّة الإيرانيّة", "place/ir/iran"),
    ("روسيا الاتحادية", "place/ru/russia"),
    ("الاتحاد الروسي", "place/ru/russia"),
    ("المملكة الأردنية الهاشمية", "place/jo/jordan"),
    ("الجمهورية اللبنانية", "place/lb/lebanon"),
    ("جمهورية العراق", "place/iq/iraq"),
    ("جمهورية مصر العربية", "place/eg/egypt"),
    ("الجمهورية التركية", "place/tr/turkey"),
    ("الجمهورية اليمنية", "place/ye/yemen"),
    ("دولة الكويت", "place/kw/kuwait"),
    ("جمهورية كوريا الشعبية الديمقراطية", "place/kp/north-korea"),
    ("جمهورية كوريا الشعبية الديموقراطية", "place/kp/north-korea"),
    ("الجمهورية الإسلامية الموريتانية", "place/mr/mauritania"),
    ("واشنطن العاصمة", "place/us/washington-d-c"),
    ("دولة الإمارات العربية المتحدة", "place/ae/united-arab-emirates"),
    ("جمهورية إيران الإسلامية", "place/ir/iran"),
    ("المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", "place/gb/united-kingdom"),
    ("البوسنة والهرسك", "place/ba/bosnia-and-herzegovina"),
    ("République tunisienne", "place/tn/tunisia"),
]


@pytest.mark.parametrize(("name", "want"), OFFICIAL)
def test_official_names_resolve(r: aliasres.Resolver, name: str, want: str) -> None:
    m = r.resolve(name)
    assert m is not None and m.id == want, (name, m)


# the nearest wrong neighbour of each: a longer official name that starts like a shorter one,
# the other of two countries of one name, a country one letter away
NEIGHBOURS = [
    ("République populaire démocratique de Corée", "place/kr/south-korea"),
    ("République de Corée du Nord", "place/kr/south-korea"),
    ("République du Soudan du Sud", "place/sd/sudan"),
    ("جمهورية جنوب السودان", "place/sd/sudan"),
    ("جمهورية العراق", "place/ir/iran"),
    ("République d'Irak", "place/ir/iran"),
    ("République d'Irlande", "place/is/iceland"),
    ("République d'Islande", "place/ie/ireland"),
    ("جمهورية إيران الإسلامية", "place/iq/iraq"),
    ("République islamique de Mauritanie", "place/ir/iran"),
    ("République démocratique du Congo", "place/cg/republic-of-the-congo"),
    ("République du Congo", "place/cd/democratic-republic-of-the-congo"),
    ("République de Guinée équatoriale", "place/gn/guinea"),
    ("République de Guinée-Bissau", "place/gn/guinea"),
    ("جمهورية كوريا الشعبية الديمقراطية", "place/kr/south-korea"),
]


@pytest.mark.parametrize(("name", "wrong"), NEIGHBOURS)
def test_official_names_do_not_resolve_to_their_neighbour(
    r: aliasres.Resolver, name: str, wrong: str
) -> None:
    m = r.resolve(name)
    assert m is None or m.id != wrong, (name, m)
    assert all(mention.match.id != wrong for mention in r.scan(name)), name


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "La Fédération de Russie et la République arabe syrienne ont signé.",
            ["place/ru/russia", "place/sy/syria"],
        ),
        (
            "أكدت الجمهورية اللبنانية وروسيا الاتحادية في واشنطن العاصمة",
            ["place/lb/lebanon", "place/ru/russia", "place/us/washington-d-c"],
        ),
        (
            "la République populaire démocratique de Corée et la République de Corée",
            ["place/kp/north-korea", "place/kr/south-korea"],
        ),
        (
            "جمهورية العراق وجمهورية كوريا الشعبية الديمقراطية",
            ["place/iq/iraq", "place/kp/north-korea"],
        ),
        ("جمهورية جنوب السودان وجمهورية السودان", ["place/ss/south-sudan", "place/sd/sudan"]),
    ],
)
def test_official_names_in_running_text(r: aliasres.Resolver, text: str, want: list[str]) -> None:
    assert [m.match.id for m in r.scan(text)] == want


# ------------------------------------------------------------------ the generator
@pytest.fixture(scope="module")
def gen() -> object:
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location(
        "gen_countries", ROOT / "tools" / "gen_countries.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("local", "en", "lang", "want"),
    [
        ("Russie, Fédération de", "Russian Federation", "fr", "Fédération de Russie"),
        (
            "Iran, République islamique d'",
            "Iran, Islamic Republic of",
            "fr",
            "République islamique d'Iran",
        ),
        ("Syrienne, République arabe", "Syrian Arab Republic", "fr", "République arabe syrienne"),
        ("Réunion, Île de la", "Réunion", "fr", "Île de la Réunion"),
        (
            "Bolivie, état plurinational de",
            "Bolivia, Plurinational State of",
            "fr",
            "État plurinational de Bolivie",
        ),
        ("كوريا، جمهوريّة كوريا", "Korea, Republic of", "ar", "جمهوريّة كوريا"),
        # not inverted names: an enumeration, a qualifier that is not an official name
        ("Bonaire, Saint-Eustache et Saba", "Bonaire, Sint Eustatius and Saba", "fr", None),
        ("Taïwan, province de Chine", "Taiwan, Province of China", "fr", None),
        ("تايوان، محافظة صينيّة", "Taiwan, Province of China", "ar", None),
        ("Îles Vierges, États-Unis", "Virgin Islands, U.S.", "fr", None),
        ("Saint-Martin (partie française)", "Saint Martin (French part)", "fr", None),
        # a side of the comma empty (a damaged translation): nothing, not an IndexError
        ("Russie, ", "Russia", "fr", None),
        (", Fédération de", "Russian Federation", "fr", None),
        ("، ", "Korea, Republic of", "ar", None),
    ],
)
def test_uninvert(gen: object, local: str, en: str, lang: str, want: str | None) -> None:
    assert gen.uninvert(local, en, lang) == want  # type: ignore[attr-defined]


def test_countries_table_is_what_the_generator_writes(gen: object) -> None:
    """countries.yaml is regenerated when the curated tables or pycountry change."""
    from importlib.metadata import version

    out = ROOT / "aliases" / "entities" / "place" / "countries.yaml"
    if f"pycountry {version('pycountry')}," not in out.read_text(encoding="utf-8"):
        pytest.skip("another pycountry version than the one the table was written with")
    assert gen.main(["--check"]) == 0  # type: ignore[attr-defined]
