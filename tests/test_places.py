"""Place hierarchy: ``within:`` and ``level:`` in tables, ``Match.within`` and ``Match.level``."""

from __future__ import annotations

from pathlib import Path

import pytest

from aliasres import AliasTableError, Entity, Match, Resolver
from aliasres.fmt import format_table
from aliasres.tables import load_tables, parse_table

TABLE = """\
entities:
  - id: place/xx/country
    type: place
    name: Examplia
    level: country
  - id: place/xx/north-governorate
    type: place
    name: North Governorate
    level: admin1
    within: place/xx/country
  - id: place/xx/town
    type: place
    name: Northtown
    level: locality
    within: place/xx/north-governorate
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_match_gives_ancestors_nearest_first(tmp_path: Path) -> None:
    r = Resolver.from_yaml(write(tmp_path, "t.yaml", TABLE), bundled=False)
    m = r.resolve("Northtown")
    assert m is not None
    assert m.within == ("place/xx/north-governorate", "place/xx/country")
    assert m.level == "locality"
    top = r.resolve("Examplia")
    assert top is not None and top.within == () and top.level == "country"


def test_match_is_backward_compatible() -> None:
    m = Match("person/x", "X", "person", 1.0, "X", "exact")
    assert m.within == () and m.level is None and m.kind == "canonical"


def test_within_may_name_a_place_of_another_table(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", TABLE)
    b = write(
        tmp_path,
        "b.yaml",
        "entities:\n  - id: place/xx/village\n    type: place\n"
        "    name: Smallvillage\n    within: place/xx/town\n",
    )
    m = Resolver.from_yaml(a, b, bundled=False).resolve("Smallvillage")
    assert m is not None and m.within[0] == "place/xx/town" and len(m.within) == 3


def test_unknown_within_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "t.yaml", TABLE.replace("within: place/xx/country", "within: place/xx/nowhere")
    )
    with pytest.raises(AliasTableError) as err:
        load_tables([path], bundled=False)
    assert str(err.value).startswith(f"{path}:6:")
    assert "place/xx/nowhere" in str(err.value)


def test_cycles_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.yaml",
        TABLE.replace("    level: country\n", "    level: country\n    within: place/xx/town\n"),
    )
    with pytest.raises(AliasTableError, match="cycle"):
        load_tables([path], bundled=False)
    with pytest.raises(AliasTableError, match="within itself"):
        parse_table(TABLE.replace("within: place/xx/country", "within: place/xx/north-governorate"))


def test_entities_built_in_code_are_checked_too() -> None:
    with pytest.raises(AliasTableError, match="no entity has the id"):
        Resolver([Entity("place/a", "place", "A", within="place/b")])
    with pytest.raises(AliasTableError, match="not a place"):
        Resolver(
            [Entity("person/b", "person", "B"), Entity("place/a", "place", "A", within="person/b")]
        )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("    level: village\n", "unknown level 'village'"),
        ("    within: [a, b]\n", "within must be a string"),
        ("    within: not an id\n", "is not an id"),
    ],
)
def test_bad_place_fields(text: str, problem: str) -> None:
    table = "entities:\n  - id: place/xx/a\n    type: place\n    name: A\n" + text
    with pytest.raises(AliasTableError, match=problem) as err:
        parse_table(table, "t.yaml")
    assert str(err.value).startswith("t.yaml:5:")


def test_place_fields_are_for_places_only() -> None:
    table = "entities:\n  - id: person/a\n    type: person\n    name: A\n    level: admin1\n"
    with pytest.raises(AliasTableError, match="for places"):
        parse_table(table, "t.yaml")


def test_formatter_keeps_place_fields() -> None:
    table = parse_table(TABLE)
    again = parse_table(format_table(table))
    assert [(e.within, e.level) for e in again.entities] == [
        (e.within, e.level) for e in table.entities
    ]


FUZZY_TABLE = """\
entities:
  - id: place/xx/al-mahmudiyah
    type: place
    name: Al Mahmudiyah
    fuzzy: false
    aliases: [Mahmudiya]
  - id: place/xx/al-diwaniyah
    type: place
    name: Al Diwaniyah
    fuzzy: false
"""


def test_fuzzy_false_matches_as_written_or_by_spelling_key(tmp_path: Path) -> None:
    r = Resolver.from_yaml(write(tmp_path, "t.yaml", FUZZY_TABLE), bundled=False)
    for name, want in [
        ("Al Mahmudiyah", "place/xx/al-mahmudiyah"),
        ("al-mahmudiyah", "place/xx/al-mahmudiyah"),  # normalized
        ("Mahmoudiya", "place/xx/al-mahmudiyah"),  # one word, same spelling key
        ("Diwaniyah", "place/xx/al-diwaniyah"),  # without its article
        ("Al Diwaniyya", "place/xx/al-diwaniyah"),
    ]:
        m = r.resolve(name)
        assert m is not None and m.id == want, (name, r.explain(name))
    # never approximately or in part: a given name near a town's name finds nothing
    for name in ("Mahmoud", "Mahmud", "Diwan"):
        assert r.resolve(name) is None, r.explain(name)
    assert r.candidates("Mahmoud") == []


def test_fuzzy_is_a_boolean_and_kept_by_the_formatter() -> None:
    with pytest.raises(AliasTableError, match="fuzzy must be true or false"):
        parse_table("entities:\n  - id: place/xx/a\n    type: place\n    name: A\n    fuzzy: no way\n")
    table = parse_table(FUZZY_TABLE)
    assert [e.fuzzy for e in parse_table(format_table(table)).entities] == [False, False]


def test_a_place_designator_left_off_costs_a_place_less_than_an_organisation() -> None:
    r = Resolver([
        Entity("place/kurdistan-region", "place", "Kurdistan Region"),
        Entity("place/idlib", "place", "Idlib"),
        Entity("place/idlib-governorate", "place", "Idlib Governorate"),
        Entity("org/levant-front", "organization", "Levant Front"),
    ])
    m = r.resolve("Kurdistan")  # the region's name as text writes it
    assert m is not None and m.id == "place/kurdistan-region"
    # the nearest wrong neighbours: the name without the designator is another entity's
    # (Idlib the city, not its governorate), and an organisation's word left off still
    # weighs (Levant is not the Levant Front)
    m = r.resolve("Idlib")
    assert m is not None and m.id == "place/idlib"
    assert r.candidates("Idlib")[0].id == "place/idlib"
    assert r.resolve("Levant") is None
