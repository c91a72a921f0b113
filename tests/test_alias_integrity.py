"""Aliases that cannot mislead, and ids that follow the slug rule (issue 15).

The rule is :mod:`aliasres.lint`: an alias is refused when it is a common word
(``aliases/rules/common_words.yaml``), a frequent name part (``name_tokens.yaml``) or another
entity's usual name, unless the table marks it ``weak``, ``shared``, ``typed`` or
``kind: epithet``; an id ends in the slug of its canonical name.
"""

from __future__ import annotations

import pytest

from aliasres import lint
from aliasres.data import entity_table_paths
from aliasres.tables import load_table
from aliasres.types import Alias, Entity

TYPES = ["person", "organization", "place"]


@pytest.fixture(scope="module")
def entities() -> list[Entity]:
    return [e for p in entity_table_paths() for e in load_table(p).entities]


@pytest.mark.parametrize("type", TYPES)
def test_no_alias_can_mislead(entities: list[Entity], type: str) -> None:
    types = {e.id: e.type for e in entities}
    problems = [str(f) for f in lint.misleading_aliases(entities) if types[f.entity_id] == type]
    assert not problems, "mark these weak, shared or typed, or drop them:\n" + "\n".join(problems)


@pytest.mark.parametrize("type", TYPES)
def test_ids_follow_the_slug_rule(entities: list[Entity], type: str) -> None:
    wrong = [str(f) for f in lint.slug_errors(e for e in entities if e.type == type)]
    assert not wrong, "rename (and retire the old id):\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Diyarbakır", "diyarbakir"),
        ("Kata'ib al-Imam Ali", "kataib-al-imam-ali"),
        ("Volker Türk", "volker-turk"),
        ("L'Orient-Le Jour", "lorient-le-jour"),
        ("G20", "g20"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert lint.slug(name) == expected


# --- the rule itself, on made-up aliases: each refusal and its nearest accepted neighbour

USUAL = {"mayadeen": {"org/mayadeen-tv"}}


@pytest.mark.parametrize(
    ("alias", "why"),
    [
        (Alias("Sepah"), "a common word"),
        (Alias("al-Ikhwan"), "a common word"),
        (Alias("الإخوان"), "a common word"),
        (Alias("The Front"), "a common word"),
        (Alias("تشرين"), "a common word"),  # a month before it is a newspaper
        (Alias("ABD"), "a frequent name part"),
        (Alias("Mohammed"), "a frequent name part"),
        (Alias("al-Mayadeen"), "the usual name of org/mayadeen-tv"),
    ],
)
def test_refused(alias: Alias, why: str) -> None:
    assert lint.why_misleading(alias, "org/x", USUAL) == why


@pytest.mark.parametrize(
    "alias",
    [
        Alias("Sepah-e Pasdaran"),  # the word with the rest of the name
        Alias("Muslim Brotherhood"),
        Alias("Ikhwan", typed=True),  # marked
        Alias("Sepah", weak=True),
        Alias("Military Intelligence Directorate", shared=True),
        Alias("the Emir", kind="epithet"),
        Alias("Abd al-Karim"),  # a name part in a longer name
        Alias("Jordan"),  # a given name too, but not a frequent one in the data
        Alias("Mayadeen Network"),
    ],
)
def test_accepted(alias: Alias) -> None:
    assert lint.why_misleading(alias, "org/x", USUAL) is None


def test_an_entity_may_list_its_own_usual_name() -> None:
    assert lint.why_misleading(Alias("Mayadeen"), "org/mayadeen-tv", USUAL) is None


def test_findings_name_file_and_line() -> None:
    entity = Entity("org/x", "organization", "X", (Alias("Sepah"),), path="t.yaml", line=3)
    assert [str(f) for f in lint.misleading_aliases([entity])] == [
        "t.yaml:3: org/x: 'Sepah' is a common word"
    ]


def test_doctests() -> None:
    import doctest

    assert doctest.testmod(lint).failed == 0
