"""Calibrated scores (aliasres.calibrate) and the rules whose evidence is weak on its own."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import aliasres
import aliasres.calibrate
from aliasres.calibrate import calibrate, curves

GOLDEN = Path(__file__).parent / "golden" / "table.yaml"


def test_doctests() -> None:
    assert doctest.testmod(aliasres.calibrate).failed == 0


def test_curves_are_monotone_probabilities() -> None:
    for method, (xs, ys) in curves().items():
        assert list(xs) == sorted(set(xs)), method
        assert list(ys) == sorted(ys), method
        assert all(0.0 <= y <= 1.0 for y in ys), method


@pytest.mark.parametrize("method", ["exact", "normalized", "key", "fuzzy", "partial", "translated"])
def test_calibrated_scores_keep_the_raw_order(method: str) -> None:
    raws = [0.6 + 0.01 * i for i in range(41)]
    values = [calibrate(r, method) for r in raws]
    assert values == sorted(values)
    assert all(0.0 <= v <= 1.0 for v in values)


def test_an_exact_name_is_near_certain_and_an_epithet_keeps_its_score() -> None:
    assert calibrate(1.0, "exact") >= 0.99
    assert calibrate(0.5, "epithet") == 0.5


@pytest.fixture(scope="module")
def golden() -> aliasres.Resolver:
    return aliasres.Resolver.from_yaml(GOLDEN, bundled=False)


def test_match_score_is_the_calibrated_probability(golden: aliasres.Resolver) -> None:
    raw = aliasres.Resolver.from_yaml(GOLDEN, bundled=False, calibrated=False)
    for name in ("Ahmad al-Sharra", "Abou Mohammed al-Joulani", "Hamid SAMIR"):
        got, plain = golden.candidates(name, limit=1)[0], raw.candidates(name, limit=1)[0]
        assert got.id == plain.id
        assert got.score == calibrate(plain.score, plain.method)


@pytest.mark.parametrize("name", ["Nazir Bashtawi", "Nazir Bashtawi Karam"])
def test_the_first_names_of_a_nasab_chain_rank_their_entity_first(
    golden: aliasres.Resolver, name: str
) -> None:
    """On real lists such a short form is right about half the time (two names) to four
    times in five (three): the entity comes first among the candidates with such a
    probability, and resolves only if it reaches the threshold."""
    (top,) = golden.candidates(name, limit=1)
    assert top.id == "person/nazir-bashtawi"
    assert 0.4 <= top.score < 0.95
    assert golden.resolve(name) == (top if top.score >= golden.threshold else None)


@pytest.mark.parametrize("name", ["Nazir Karam", "Nazir Hamdan", "Bashtawi Nazir Hamoud"])
def test_not_the_first_names_of_the_chain(golden: aliasres.Resolver, name: str) -> None:
    assert all(m.id != "person/nazir-bashtawi" or m.score < 0.5
               for m in golden.candidates(name))


def _two_namesakes() -> tuple[aliasres.Resolver, aliasres.Resolver]:
    entities = [
        aliasres.Entity("person/farid-a", "person", "Farid Abdul Karim Hamdani"),
        aliasres.Entity("person/farid-b", "person", "Farid Abdul Qadir Hamdani"),
        aliasres.Entity("person/samir-c", "person", "Samir Khalil Tawfiq"),
    ]
    return aliasres.Resolver(entities), aliasres.Resolver(entities, calibrated=False)


def test_a_query_with_a_rival_lowers_every_candidate_and_keeps_their_order() -> None:
    """Two namesakes about equally like the query: either may be meant, so every candidate
    takes the rival factor, and no candidate overtakes another."""
    from aliasres.calibrate import adjustment

    assert adjustment().rival < 0
    calibrated, raw = _two_namesakes()
    plain = raw.candidates("Farid Hamdani")
    assert {m.id for m in plain[:2]} == {"person/farid-a", "person/farid-b"}
    got = calibrated.candidates("Farid Hamdani")
    assert [m.id for m in got] == [m.id for m in plain]
    for g, p in zip(got, plain):
        assert g.score == calibrate(p.score, p.method, rival=True) < calibrate(p.score, p.method)
    assert calibrated.resolve("Farid Hamdani") is None


def test_a_second_entity_well_below_is_no_rival() -> None:
    """The nearest neighbour: a second candidate whose probability is more than
    ``rival_within`` below the first's adjusts nothing; one within it adjusts both."""
    from aliasres.resolve import _calibrated

    def match(id: str, raw: float) -> aliasres.Match:
        return aliasres.Match(id, id, "person", raw, id, "key", "canonical")

    first = calibrate(0.97, "key")
    below = next(r / 1000 for r in range(960, 700, -1)
                 if first - calibrate(r / 1000, "key") >= 0.06)
    got = _calibrated([match("a", 0.97), match("b", below)])
    assert [m.score for m in got] == [first, calibrate(below, "key")]
    near = next(r / 1000 for r in range(969, 700, -1)
                if first - calibrate(r / 1000, "key") < 0.05)
    got = _calibrated([match("a", 0.97), match("b", near)])
    assert [m.score for m in got] == [calibrate(0.97, "key", rival=True),
                                      calibrate(near, "key", rival=True)]


def test_a_malformed_adjustment_is_a_rules_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import aliasres.calibrate as cal

    monkeypatch.setattr(cal, "load_rule_file", lambda name: {"adjust": {"rivals": -1.0}})
    cal.adjustment.cache_clear()
    try:
        with pytest.raises(aliasres.RulesError, match="calibration.yaml"):
            cal.adjustment()
    finally:
        monkeypatch.undo()
        cal.adjustment.cache_clear()
