"""A family name alone (shortforms): its one carrier, and the near neighbours it must not take."""

from __future__ import annotations

import pytest

import aliasres
from aliasres.shortforms import _family_written


def _persons(*names: str) -> aliasres.Resolver:
    return aliasres.Resolver(
        [aliasres.Entity(f"person/{i}", "person", n) for i, n in enumerate(names)]
    )


def test_a_family_name_alone_takes_its_one_carrier() -> None:
    r = _persons("Abubakar Shekau", "Ahmed Jan Wazir", "Ayman al-Zawahiri", "Nicolas Luumu")
    for name, expected in [
        ("Shekau", "person/0"),
        ("Wazir", "person/1"),
        ("Zawahri", "person/2"),  # nearly letter for letter
        ("Luumu", "person/3"),
    ]:
        m = r.resolve(name)
        assert m is not None and m.id == expected, name


def test_a_near_spelling_of_a_short_family_name_is_another_name() -> None:
    # the fold merges these; as one-word names of persons they are other people
    r = _persons("Ahmed Jan Wazir", "Nicolas Luumu", "Yasin Benah", "Aleksandr Karaman",
                 "Gregory Deng Kuach")
    for name in ["Vazir", "Lumu", "Bena", "Qerman", "Koach"]:
        assert r.resolve(name) is None, name


def test_the_end_of_a_kunya_or_a_name_after_a_title_is_no_family_name() -> None:
    r = _persons("Abu al-Wafa", "Ustad Talha", "Shi Yu Hua")
    for name in ["Al Wafa", "Wafa", "Hua"]:
        assert r.resolve(name) is None, name
    assert not _family_written("Ustad Talha") and not _family_written("Abu al-Wafa")
    assert _family_written("Abubakar Shekau") and _family_written("Sheikh Hassan Nasrallah")
    # the names themselves still resolve
    for name, expected in [("Abu al-Wafa", "person/0"), ("Ustad Talha", "person/1")]:
        m = r.resolve(name)
        assert m is not None and m.id == expected, name



def test_the_answer_is_the_best_candidate_when_other_words_are_in_common() -> None:
    # "Y raad": its words are in common with محمد رعد (an overlap candidate, which only
    # candidates() looks for); the family name alone then took that candidate's alias in
    # candidates() and the family alias in resolve() (found by the fuzzer, bundled tables)
    r = aliasres.default_resolver()
    for name in ("Y raad", "?Y raad", "Raad"):
        for etype in (None, "person"):
            m = r.resolve(name, type=etype)
            cands = r.candidates(name, limit=3, type=etype)
            assert m is not None and m.id == "person/mohammad-raad", name
            assert cands and cands[0] == m, (name, etype)
    # nearest wrong neighbour: words in common alone stay a candidate, never an answer
    assert r.resolve("Raad Bank Y") is None


def test_a_nationality_nisba_alone_names_no_one() -> None:
    # al-Masri, the Egyptian: the name of where a person is from, which many people of the
    # lists carry after a kunya or a given name (aliases/rules/nisbas.yaml)
    r = _persons("Abd al-Aziz al-Masri", "Hassan Abdullah al-Turki", "Ayman al-Zawahiri")
    for name in ["al-Masri", "Masri", "El Masry", "المصري", "al-Turki", "Turki"]:
        assert r.resolve(name) is None, name
        assert not any(c.score >= r.threshold for c in r.candidates(name)), name
    # nearest wrong neighbours: the names themselves, and a family name that is no
    # nationality, still resolve
    for name, expected in [
        ("Abd al-Aziz al-Masri", "person/0"),
        ("Hassan al-Turki", "person/1"),
        ("Zawahiri", "person/2"),
        ("al-Zawahiri", "person/2"),
    ]:
        m = r.resolve(name)
        assert m is not None and m.id == expected, name


def test_a_family_name_another_carries_in_a_weak_name_is_ambiguous() -> None:
    # al-Baghdadi: the family name of one person, and the nisba of another's weak name
    r = aliasres.Resolver([
        aliasres.Entity("person/0", "person", "Abdulqader Mohammed al-Baghdadi"),
        aliasres.Entity("person/1", "person", "Ibrahim Awad al-Badri",
                        aliases=[aliasres.Alias("Abu Bakr al-Baghdadi", weak=True)]),
    ])
    for name in ["Baghdadi", "al-Baghdadi"]:
        assert r.resolve(name) is None, name
    # nearest wrong neighbours: without the rival's weak name, the one carrier; each full name
    alone = aliasres.Resolver([
        aliasres.Entity("person/0", "person", "Abdulqader Mohammed al-Baghdadi"),
        aliasres.Entity("person/1", "person", "Ibrahim Awad al-Badri"),
    ])
    m = alone.resolve("Baghdadi")
    assert m is not None and m.id == "person/0"
    for name, expected in [("Abu Bakr al-Baghdadi", "person/1"),
                           ("Abdulqader al-Baghdadi", "person/0")]:
        m = r.resolve(name)
        assert m is not None and m.id == expected, name


def test_the_nationality_nisbas_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    from aliasres import parts
    from aliasres.errors import RulesError

    real = parts.load_rule_file

    def broken(name: str) -> object:
        rules = real(name)
        if name != "nisbas":
            return rules
        return {"nisbas": [{"nisba": ["masri"], "en": ["egyptian"], "ar": ["Masri"]}]}

    parts.nisba_entries.cache_clear()
    parts.nationality_nisbas.cache_clear()
    monkeypatch.setattr(parts, "load_rule_file", broken)
    try:
        with pytest.raises(RulesError, match="nisbas.yaml.*'ar'"):
            parts.nationality_nisbas()
    finally:
        monkeypatch.undo()
        parts.nisba_entries.cache_clear()
        parts.nationality_nisbas.cache_clear()
    assert "masri" in parts.nationality_nisbas() and "مصري" in parts.nationality_nisbas()


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"nisba": "masri", "en": ["egyptian"]}, "'nisba' must be a list"),  # not m, a, s ...
        ({"nisba": ["masri"], "en": "egyptian"}, "'en' must be a list"),
        ({"nisba": ["masri"], "en": ["egyptian"], "fr": "egyptien"}, "'fr' must be a list"),
        ({"nisba": ["masri"], "en": ["egyptian"], "ar": "مصري"}, "'ar' must be a list"),
        ({"nisba": [None], "en": ["egyptian"]}, "'nisba' must be a list of words"),
        ("masri", "entry 1"),
    ],
)
def test_a_nisba_field_that_is_not_a_list_is_refused(
    monkeypatch: pytest.MonkeyPatch, entry: object, problem: str
) -> None:
    # a string where a list belongs was read letter by letter (nisba: masri gave the
    # nisbas m, a, s, r, i): the table is refused, naming the field
    from aliasres import parts
    from aliasres.errors import RulesError

    real = parts.load_rule_file

    def broken(name: str) -> object:
        return {"nisbas": [entry]} if name == "nisbas" else real(name)

    parts.nisba_entries.cache_clear()
    parts.nationality_nisbas.cache_clear()
    monkeypatch.setattr(parts, "load_rule_file", broken)
    try:
        with pytest.raises(RulesError, match=f"nisbas.yaml.*{problem}"):
            parts.nisba_entries()
    finally:
        monkeypatch.undo()
        parts.nisba_entries.cache_clear()
        parts.nationality_nisbas.cache_clear()
