"""Matching the entity, not one alias: a query may draw its parts from several names of one
person (aliasres.index.Index._combine), a title the list writes in parentheses is optional,
and the last-resort candidates of a name that found nothing (``overlap``: never an answer).

Each rule with its nearest wrong neighbour.
"""

from __future__ import annotations

import typing

import aliasres
from aliasres.score import OVERLAP, OVERLAP_SCORE
from aliasres.types import Method


def _people() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/rumuli", "person", "Gaston Iyamuremye", (
            aliasres.Alias("Byiringiro Victor Rumuli"),
            aliasres.Alias("Victor Rumuri"),
            aliasres.Alias("Rumuli", weak=True),
        )),
        aliasres.Entity("person/bashar", "person", "Bashar al-Assad", (
            aliasres.Alias("Bashar Hafez al-Assad"),
            aliasres.Alias("Bashar al-Asad"),
        )),
        aliasres.Entity("person/binalshibh", "person", "Ramzi Mohamed Binalshibh", (
            aliasres.Alias("Ramzi Mohamed Binalshib"),
            aliasres.Alias("Mohamed Bawazir"),
        )),
        aliasres.Entity("person/hilal", "person", "Musa Hilal Abdalla Alnsiem", (
            aliasres.Alias("(Sheikh) Musa Hilal", weak=True),
        )),
        aliasres.Entity("person/son", "person", "Ahmed Musa Hilal"),
        aliasres.Entity("person/sheikh", "person", "Ali Hasan Abdalla Omar", (
            aliasres.Alias("Sheikh Ali Hasan", weak=True),
        )),
    ])


def test_given_name_of_one_name_family_name_of_another() -> None:
    r = _people()
    # listed as Victor Rumuri and as Byiringiro Victor Rumuli: Victor Rumuli is that person
    m = r.resolve("Victor RUMULI")
    assert m is not None and m.id == "person/rumuli"
    assert m.score >= r.threshold


def test_a_name_inside_another_is_not_its_given_name() -> None:
    r = _people()
    # Hafez of Bashar Hafez al-Assad is his father's name: Hafez al-Assad is the father
    assert r.resolve("Hafez al-Assad") is None
    # Mohamed heads Mohamed Bawazir, whose family name is another: Mohamed Binalshibh is
    # Ramzi's father, not Ramzi
    assert r.resolve("Mohamed Binalshibh") is None
    # a different given name with the family name stays another person
    assert r.resolve("Michel Rumuli") is None


def test_a_title_in_parentheses_is_optional() -> None:
    r = _people()
    for name in ("Musa HILAL", "Sheikh Musa Hilal"):
        m = r.resolve(name)
        assert m is not None and m.id == "person/hilal", name
    # the son (his father's names after his own) and the father's name alone stay apart
    m = r.resolve("Ahmed Musa Hilal")
    assert m is not None and m.id == "person/son"
    assert r.resolve("Hilal Abdalla") is None


def test_a_title_not_in_parentheses_is_not_dropped_for_common_names() -> None:
    r = _people()
    # "Sheikh Ali Hasan" does not say that Ali Hasan, two common names, is this man
    assert r.resolve("Ali Hasan") is None


def _groups() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("org/nusra", "organization", "Al-Nusrah Front for the People of the Levant"),
        aliasres.Entity("org/kawthar", "organization", "Al-Kawthar Money Exchange", (
            aliasres.Alias("شركة الكوثر"),
        )),
        aliasres.Entity("org/bank", "organization", "National Bank of Iraq"),
        aliasres.Entity("person/gharib", "person", "Abu Gharib al-Madani"),
        aliasres.Entity("person/haqqani", "person", "Ibrahim Haqqani"),
        aliasres.Entity("person/typed", "person", "Shadow Ghost", (
            aliasres.Alias("The Levant Phantom", typed=True),
        )),
    ])


def test_overlap_lists_a_candidate_when_nothing_else_is_found() -> None:
    r = _groups()
    for name, expected in [
        ("THE LEVANT", "org/nusra"),
        ("شركة الكوثر للتوسط ببيع وشراء العملات الأجنبية", "org/kawthar"),
        ("Abu Gharib D", "person/gharib"),
    ]:
        assert r.resolve(name) is None, name  # never an answer
        cands = r.candidates(name)
        assert cands and cands[0].id == expected, (name, cands)
        assert cands[0].method == OVERLAP and cands[0].score <= OVERLAP_SCORE < r.threshold
        assert OVERLAP in typing.get_args(Method)  # a documented value of Match.method
        # whatever the evidence beyond the name, or the threshold
        assert r.resolve(name, countries="SY", born=1970) is None
    low = aliasres.Resolver(list(r.entities), threshold=0.1)
    assert low.resolve("THE LEVANT") is None


def test_overlap_is_no_route_to_another_person_of_the_family() -> None:
    r = _groups()
    # the family name alone: another person of the family (the nearest wrong neighbour)
    assert r.candidates("Yahya Haqqani") == []
    # a single word: nothing (a one-word name needs more care than shared words)
    assert r.candidates("Levant") == []
    # bad input stays bounded and empty
    assert r.candidates("\u0000 \u200f ...") == []
    assert r.candidates("x " * 200) == []


def test_overlap_only_when_nothing_else_is_found() -> None:
    r = _groups()
    cands = r.candidates("National Bank Iraq")
    assert cands and cands[0].id == "org/bank" and cands[0].method != OVERLAP


def test_overlap_does_not_stop_the_next_reading() -> None:
    # a clitic read off first (ب of برزان) finds only words in common: the name as written,
    # read next, still finds its entity, at any threshold
    r = aliasres.Resolver([
        aliasres.Entity("person/barzan", "person", "Barzan Ibrahim Hassan al-Tikriti"),
        aliasres.Entity("person/redouane", "person", "Redouane el Habhab"),
    ], threshold=0.01)
    name = "برزان إبراهيم حسن التكريتي"
    cands = r.candidates(name)
    assert cands and cands[0].id == "person/barzan" and cands[0].method != OVERLAP
    m = r.resolve(name)
    assert m is not None and m.id == "person/barzan"


def test_overlap_reads_a_word_cut_short() -> None:
    r = aliasres.Resolver([
        aliasres.Entity("person/nayil", "person", "Al-Tayyib Nayil", (
            aliasres.Alias("الطيب نايل"),
        )),
        aliasres.Entity("person/tayyib", "person", "Al-Tayyib Hasan", (
            aliasres.Alias("الطيب حسن"),
        )),
    ])
    # the family name written cut short: a candidate, never an answer
    assert r.resolve("الطيب ناي") is None
    cands = r.candidates("الطيب ناي")
    assert cands and cands[0].id == "person/nayil" and cands[0].method == OVERLAP


def test_overlap_candidates_keep_their_order_under_evidence() -> None:
    r = aliasres.Resolver([
        aliasres.Entity("person/a", "person", "Abu Abdurrahman", countries=("KW",)),
        aliasres.Entity("person/b", "person", "Muslim Abu Abdurrahman Dale", countries=("NO",)),
    ])
    plain = r.candidates("Abu Abdurrahman the Norwegian")
    # "the Norwegian" ranks the Norwegian first (aliasres.demonyms), without changing a score:
    # by score alone the order is a, b
    assert [c.id for c in plain] == ["person/b", "person/a"]
    assert plain[1].score > plain[0].score and all(c.method == OVERLAP for c in plain)
    weighed = r.candidates("Abu Abdurrahman the Norwegian", countries="NO")
    assert weighed[0].id == "person/b" and weighed[0].method == OVERLAP
    assert all(c.score < OVERLAP_SCORE for c in weighed)
    assert r.resolve("Abu Abdurrahman the Norwegian", countries="NO") is None
