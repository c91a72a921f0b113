"""The same day of birth as evidence (aliasres.evidence.SAME_DAY).

A query and a listed person who share a full date of birth are one person far more often than
not: the only outcome of the evidence beyond the name that lets a near miss or words in common
(capped below the threshold otherwise) resolve. Each rule has its nearest wrong neighbour here:
another day, a 1 January (a placeholder for an unknown day), a year alone, a contradicting
country, and a name that shares nothing rare.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import aliasres
from aliasres.attributes import full_day, query_days
from aliasres.evidence import (
    LIKELIHOOD_RATIOS,
    OTHER_DAY,
    SAME_DAY,
    EntityFacts,
    Evidence,
    candidate_only,
)
from aliasres.score import NEAR, OVERLAP, OVERLAP_SCORE


def _people() -> aliasres.Resolver:
    return aliasres.Resolver([
        aliasres.Entity("person/naseer", "person", "Nasiruddin Haqqani",
                        (aliasres.Alias("Naseer Haqqani"),), countries=("AF",),
                        born=("1970-03-12",)),
        aliasres.Entity("person/ibrahim", "person", "Ibrahim Haqqani", born=("1970",)),
        aliasres.Entity("person/dale", "person", "Muslim Abu Abdurrahman Dale",
                        countries=("NO",), born=("1978-10-19",)),
        aliasres.Entity("person/kuwaiti", "person", "Abu Abdurrahman al-Kuwaiti",
                        countries=("KW",), born=("1981-01-01",)),
    ])


def test_full_day() -> None:
    assert full_day("1978-10-19") == "1978-10-19"
    # a 1 January is written for an unknown day; a year, a month or a range is no day
    for date in ("1978-01-01", "1978", "1978-10", "1943..1945"):
        assert full_day(date) is None, date
    assert query_days(["1978-10-19", 1978, "1980", dt.date(1990, 5, 6)]) == {
        "1978-10-19", "1990-05-06"}
    assert query_days(None) == frozenset() and query_days(dt.datetime(1990, 5, 6, 7)) == {
        "1990-05-06"}


def test_outcomes() -> None:
    facts = EntityFacts.of(("SY",), ("1970-03-12", "1971"))
    assert facts.days == {"1970-03-12"}
    assert Evidence.build(born="1970-03-12").outcomes(facts) == {"born": SAME_DAY}
    assert Evidence.build(born="1970-04-12").outcomes(facts) == {"born": OTHER_DAY}
    assert Evidence.build(born=1970).outcomes(facts) == {"born": "agree"}
    assert Evidence.build(born="1980-03-12").outcomes(facts) == {"born": "contradict"}
    # an iterator is read once for the years and once for the days
    assert Evidence.build(born=iter(["1970-03-12"])).outcomes(facts) == {"born": SAME_DAY}
    ratios = LIKELIHOOD_RATIOS["born"]
    assert ratios[SAME_DAY] > 100 > 1 > ratios[OTHER_DAY] > ratios["contradict"]


def test_a_near_miss_resolves_on_the_same_day_of_birth() -> None:
    r = _people()
    assert r.resolve("Maseer HAQQANI") is None
    m = r.resolve("Maseer HAQQANI", born="1970-03-12")
    assert m is not None and m.id == "person/naseer" and m.method == NEAR
    m = r.resolve("Maseer HAQQANI", born=dt.date(1970, 3, 12), countries="AF")
    assert m is not None and m.id == "person/naseer"
    assert r.candidates("Maseer HAQQANI", born="1970-03-12")[0].score >= r.threshold


@pytest.mark.parametrize("kwargs", [
    {"born": 1970},  # the year alone
    {"born": "1970"},
    {"born": "1970-03-13"},  # another day
    {"born": "1970-01-01"},  # a 1 January says no day
    {"born": "1970-03-12", "countries": "IQ"},  # the same day, and a country against
])
def test_a_near_miss_stays_a_candidate_without_the_same_day(kwargs: dict[str, object]) -> None:
    r = _people()
    assert r.resolve("Maseer HAQQANI", **kwargs) is None  # type: ignore[arg-type]
    cands = r.candidates("Maseer HAQQANI", **kwargs)  # type: ignore[arg-type]
    assert cands and cands[0].id == "person/naseer" and cands[0].score < r.threshold


def test_words_in_common_resolve_on_the_same_day_of_birth() -> None:
    r = _people()
    name = "Abu Abdurrahman THE NORWEGIAN"
    assert r.resolve(name) is None
    cands = r.candidates(name)
    assert cands[0].id == "person/dale" and candidate_only(cands[0])
    m = r.resolve(name, born="1978-10-19")
    assert m is not None and m.id == "person/dale" and m.method == OVERLAP
    assert m.score > OVERLAP_SCORE and not candidate_only(m)
    assert r.candidates(name, born="1978-10-19")[0] == m
    # the nearest wrong neighbours: one kunya, another person, another day or a placeholder
    assert r.resolve(name, born="1978-10-20") is None
    placeholder = aliasres.Resolver([aliasres.Entity(
        "person/dale", "person", "Muslim Abu Abdurrahman Dale", born=("1978-01-01",))])
    assert placeholder.candidates(name, born="1978-01-01")[0].id == "person/dale"
    assert placeholder.resolve(name, born="1978-01-01") is None
    assert r.resolve(name, born=1978) is None
    assert r.resolve(name, born="1978-10-19", countries="IQ") is None


def test_the_same_day_resolves_no_other_person_of_the_family() -> None:
    r = _people()
    # Ibrahim Haqqani gives a year only: Yahya Haqqani born that year names no one
    assert r.resolve("Yahya Haqqani", born="1970-03-12") is None


def test_the_same_day_survives_a_compiled_index(tmp_path: Path) -> None:
    out = tmp_path / "people.idx"
    _people().build_index(out)
    mapped = aliasres.Resolver.load(out)
    m = mapped.resolve("Maseer HAQQANI", born="1970-03-12")
    assert m is not None and m.id == "person/naseer"
    assert mapped.resolve("Maseer HAQQANI", born="1970-03-13") is None


# ------------------------------------------------------------- review: the edges of the API
def test_resolve_many_reads_an_iterator_of_dates_once_for_every_job() -> None:
    """With jobs > 1 the workers are sent the dates: an iterator spent by the check before
    was sent empty, and the same day was silently lost."""
    r = _people()
    names = ["Maseer HAQQANI"] * 300  # enough to fork
    for jobs in (1, 2):
        found = r.resolve_many(names, born=iter(["1970-03-12"]), jobs=jobs)
        assert [m and m.id for m in found] == ["person/naseer"] * 300, jobs
        found = r.resolve_many(names, born=(d for d in ["1970-03-12"]),
                               countries=iter(["IQ"]), jobs=jobs)
        assert found == [None] * 300, jobs  # the country against is kept too
    # the nearest wrong neighbour: another day stays a candidate, in the workers too
    assert r.resolve_many(names, born=iter(["1970-03-13"]), jobs=2) == [None] * 300


@pytest.mark.parametrize("born", [b"1970", bytearray(b"1970"), [b"1970-03-12"]])
def test_bytes_are_no_date(born: object) -> None:
    """Bytes iterate as numbers (49 for '1'): refused whole, with the argument named."""
    with pytest.raises(ValueError, match="^born: ") as err:
        _people().resolve("Maseer HAQQANI", born=born)
    assert "49" not in str(err.value)


@pytest.mark.parametrize("countries", [b"AF", bytearray(b"AF")])
def test_bytes_are_no_country(countries: object) -> None:
    with pytest.raises(ValueError, match="^countries: expected a country") as err:
        _people().resolve("Naseer Haqqani", countries=countries)  # type: ignore[arg-type]
    assert "65" not in str(err.value)


def test_explain_shows_the_day_given_and_the_same_day() -> None:
    r = _people()
    text = r.explain("Maseer HAQQANI", born=["1970-03-12", 1970, "1968..1969"])
    assert "evidence:    born ['1970-03-12', '1968..1969']" in text
    assert "born same day: " in text
    assert ("decision:    person/naseer (resolved to person/naseer; a near miss, an answer "
            "only because the same day of birth agrees)") in text
    text = r.explain("Abu Abdurrahman THE NORWEGIAN", born="1978-10-19")
    assert "decision:    person/dale (resolved to person/dale; words in common only, an " in text
    # a near miss that a lowered threshold lets through owes nothing to the day: not said
    low = aliasres.Resolver([aliasres.Entity(
        "person/naseer", "person", "Nasiruddin Haqqani", (aliasres.Alias("Naseer Haqqani"),),
        born=("1970-03-12",))], threshold=0.7)
    for lowered in (None, 1970):
        text = low.explain("Maseer HAQQANI", born=lowered)
        assert "decision:    person/naseer (resolved to person/naseer)" in text, lowered
    text = r.explain("Maseer HAQQANI", born=dt.datetime(1970, 3, 13, 8))
    assert "evidence:    born ['1970-03-13']" in text and "born other day: " in text
    assert "decision:    None" in text
    # a year alone, or a 1 January (no day), shows as the year
    for born in (1970, "1970-01-01"):
        text = r.explain("Maseer HAQQANI", born=born)
        assert "evidence:    born ['1970']" in text and "born agree: " in text


def test_an_index_file_of_the_format_before_days_is_refused(tmp_path: Path) -> None:
    """Format 1 stored no days: read by this code, the same day would count for nothing.
    Such a file is refused with the rebuild message (its build digest differs too)."""
    from aliasres.compiled import FORMAT_VERSION, MAGIC
    from aliasres.errors import IndexFileError

    assert FORMAT_VERSION >= 2
    out = tmp_path / "people.idx"
    _people().build_index(out)
    data = bytearray(out.read_bytes())
    data[len(MAGIC): len(MAGIC) + 4] = (1).to_bytes(4, "little")
    old = tmp_path / "old.idx"
    old.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="index format 1, .*rebuild it with `aliasres build`"):
        aliasres.Resolver.load(old)
    mapped = aliasres.Resolver.load(out)  # this format's file: the days are there
    assert mapped._index.facts[mapped._index.entity_index["person/naseer"]].days == {
        "1970-03-12"}


def test_clean_takes_full_days_from_a_column(tmp_path: Path) -> None:
    """End to end: a day column resolves a near miss on the same day only; a bad cell is a
    row marked 'error' (with --keep-going), never a lost row."""
    import subprocess
    import sys

    table = tmp_path / "people.yaml"
    table.write_text(
        "entities:\n  - id: person/naseer\n    type: person\n    name: Nasiruddin Haqqani\n"
        "    aliases: [Naseer Haqqani]\n    countries: [AF]\n    born: ['1970-03-12']\n"
        "    sources: [https://example.org/a]\n", encoding="utf-8")
    data = tmp_path / "in.csv"
    data.write_text("name,dob\nMaseer HAQQANI,1970-03-12\nMaseer HAQQANI,1970-03-13\n"
                    "Maseer HAQQANI,1970-02-30\nMaseer HAQQANI,\n"
                    "Maseer HAQQANI,1971;1970-03-12\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    run = subprocess.run(
        [sys.executable, "-m", "aliasres", "clean", str(data), "-c", "name", "--tables",
         str(table), "--no-bundled", "--born-column", "dob", "--keep-going", "-q",
         "-o", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 6
    assert rows[1].endswith(",person/naseer,Nasiruddin Haqqani,0.999,resolved")
    assert rows[2].endswith("unresolved") and rows[4].endswith("unresolved")
    assert rows[3].endswith(",error") and rows[5].endswith("resolved")


def test_a_missing_pandas_date_gives_nothing_and_numpy_years_count() -> None:
    """pandas.NaT is a datetime whose year is NaN: it was read as a date that contradicts
    every candidate (Naseer Haqqani lost his exact match). A numpy integer is a year."""
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    r = _people()
    exact = r.resolve("Naseer Haqqani")
    assert exact is not None
    assert r.resolve("Naseer Haqqani", born=pd.NaT) == exact
    assert r.resolve("Naseer Haqqani", born=[pd.NaT, ""]) == exact
    assert "evidence:" not in r.explain("Naseer Haqqani", born=pd.NaT)
    m = r.resolve("Maseer HAQQANI", born=[pd.NaT, pd.Timestamp("1970-03-12")])
    assert m is not None and m.id == "person/naseer"
    # numpy years: within a year agrees, ten years away contradicts, as an int does
    for year in (np.int64(1970), [np.int32(1970)]):
        assert r.resolve("Naseer Haqqani", born=year) is not None
    assert r.resolve("Naseer Haqqani", born=np.int64(1960)) is None
    assert r.resolve("Naseer Haqqani", born=1960) is None
    with pytest.raises(ValueError, match="^born: the year 99 "):
        r.resolve("Naseer Haqqani", born=np.int64(99))
    with pytest.raises(ValueError, match="^born: "):
        r.resolve("Naseer Haqqani", born=np.bool_(True))


def test_none_in_a_list_gives_nothing_as_in_clean() -> None:
    """A missing value in a list is no date and no country, as a JSON null in a `clean`
    cell's list (it was a ValueError); a value of another type is still refused."""
    r = _people()
    missing: list[str | None] = [None, "AF"]
    m = r.resolve("Maseer HAQQANI", born=[None, "1970-03-12"],
                  countries=missing)  # type: ignore[arg-type]
    assert m is not None and m.id == "person/naseer"
    assert r.resolve("Naseer Haqqani", born=[None],
                     countries=missing[:1]) == r.resolve(  # type: ignore[arg-type]
        "Naseer Haqqani")
    assert r.resolve("Maseer HAQQANI", born=[None, "1970-03-13"]) is None  # another day
    with pytest.raises(ValueError, match="^born: 1.5 is not a year or a date"):
        r.resolve("Naseer Haqqani", born=[None, 1.5])
    with pytest.raises(ValueError, match="^countries: 3 is not a country"):
        r.resolve("Naseer Haqqani", countries=[None, 3])  # type: ignore[list-item]
