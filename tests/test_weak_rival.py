"""A name two entities carry, one of them as a weak name (a low-quality a.k.a.): the low
quality of one listing does not make the other entity the answer. Without the rule the
strong owner won by the weak name's cap (0.85 raw) alone. Tiny inline tables."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import aliasres

MakeResolver = Callable[..., aliasres.Resolver]

TABLE = """\
entities:
  - id: person/karim
    type: person
    name: Karimullah Haidari
    born: [1961]
    aliases:
      - Mawlawi Karimullah
  - id: person/nasir
    type: person
    name: Nasir Ahmadzai
    born: [1975]
    aliases:
      - {name: Haji Karimullah, weak: true}
  - id: person/walid
    type: person
    name: Walid Harbi
    aliases:
      - Abu Yasin
  - id: person/samir
    type: person
    name: Samir Qudsi
    aliases:
      - {name: Abu Yasin, weak: true}
      - {name: Abu Tariq al-Shami, weak: true}
  - id: person/tariq
    type: person
    name: Tariq Dabbagh
    aliases:
      - Abu Tariq al-Halabi
"""


@pytest.fixture
def resolver(make_resolver: MakeResolver) -> aliasres.Resolver:
    return make_resolver(TABLE)


def _ids(matches: list[aliasres.Match]) -> list[str]:
    return [m.id for m in matches]


def test_a_key_shared_with_a_weak_name_is_ambiguous(resolver: aliasres.Resolver) -> None:
    # Karimullah is Mawlawi Karimullah (strong) and Haji Karimullah (weak) without titles
    assert resolver.resolve("Karimullah") is None
    first, second = resolver.candidates("Karimullah")[:2]
    assert {first.id, second.id} == {"person/karim", "person/nasir"}
    assert first.score == second.score
    assert "ambiguous" in resolver.explain("Karimullah")


def test_a_written_name_shared_with_a_weak_name_is_ambiguous(
    resolver: aliasres.Resolver,
) -> None:
    assert resolver.resolve("Abu Yasin") is None
    assert resolver.resolve("ABU YASIN") is None
    assert set(_ids(resolver.candidates("Abu Yasin")[:2])) == {"person/walid", "person/samir"}


def test_each_listing_as_written_still_resolves(resolver: aliasres.Resolver) -> None:
    m = resolver.resolve("Mawlawi Karimullah")
    assert m is not None and m.id == "person/karim"
    m = resolver.resolve("Haji Karimullah")
    assert m is not None and m.id == "person/nasir"


def test_dates_still_weigh_each_owner(resolver: aliasres.Resolver) -> None:
    m = resolver.resolve("Karimullah", born=1975)
    assert m is not None and m.id == "person/nasir"
    m = resolver.resolve("Karimullah", born=1961)
    assert m is not None and m.id == "person/karim"


def test_a_weak_name_alone_keeps_its_cap(make_resolver: MakeResolver) -> None:
    # nearest wrong neighbour: no strong owner, so nothing to rival; the weak name found
    # by its key (the title left off) stays a candidate below the threshold, as before
    alone = make_resolver(TABLE.replace("      - Mawlawi Karimullah\n", ""))
    assert alone.resolve("Karimullah") is None
    assert alone.resolve("Haji Karimullah") is not None
    weak = [m for m in alone.candidates("Karimullah") if m.id == "person/nasir"]
    assert not weak or weak[0].score < alone.threshold


def test_a_weak_name_spelled_otherwise_is_no_rival(resolver: aliasres.Resolver) -> None:
    # nearest wrong neighbour: Abu Tariq al-Shami (weak) shares the kunya, not the name
    m = resolver.resolve("Abu Tariq al-Halabi")
    assert m is not None and m.id == "person/tariq"
    m = resolver.resolve("Abu Tariq Halabi")
    assert m is not None and m.id == "person/tariq"


def test_a_weak_and_a_strong_name_of_one_entity_are_no_rivals(
    make_resolver: MakeResolver,
) -> None:
    one = make_resolver(
        "entities:\n  - id: person/x\n    type: person\n    name: Zaki Hamdan\n"
        "    aliases:\n      - Abu Yasin\n      - {name: Abu Yassin, weak: true}\n"
    )
    m = one.resolve("Abu Yasin")
    assert m is not None and m.id == "person/x"


def test_raw_scores_too(make_resolver: MakeResolver) -> None:
    # the calibrated curve of exact hits is flat near 1: raw scores show the rule itself
    raw = make_resolver(TABLE, calibrated=False)
    assert raw.resolve("Abu Yasin") is None
    assert raw.resolve("Karimullah") is None
    m = raw.resolve("Abu Tariq al-Halabi")
    assert m is not None and m.id == "person/tariq"
