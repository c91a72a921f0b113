"""Evidence beyond the name: dates of birth and countries, as an odds update of the score.

A query may say when the person was born and which countries the entity belongs to
(``resolve(name, born=1971, countries=["SY"])``). Each candidate's group (the entity and the
entities linked to it) is compared with that, attribute by attribute:

* **born**: the dates are the *same day* when the query and the entity share a full date of
  birth (``YYYY-MM-DD``; a 1 January is no day, lists write it for an unknown one); else the
  years agree when some date of the query and some date of the entity are at most one year
  apart (lists disagree by a year, and a range spans its years); else they contradict;
* **countries**: they agree when the query and the entity have a country in common, else they
  contradict;
* an attribute that either side leaves out changes nothing.

Each outcome has a likelihood ratio, P(outcome | same entity) / P(outcome | a namesake that
scored alike), measured on real list data (``benchmarks/evidence_fit.py``: the rates are
pooled, never fitted to single rows). The score ``s`` is read as a probability and updated
in odds: ``odds' = s / (1 - s) * LR``, so a calibrated score stays calibrated. A name score
of 1.0 (the same text) is read as :data:`MAX_PRIOR`: even the same name is not proof
against a contradicting date of birth.

A near miss (one letter off a rare name) and words in common (``overlap``) are capped below
the threshold whatever agrees, with one exception: the same day of birth and no contradiction.
Two listed people who share a rare name's letters and a day of birth are one person far more
often than not (:data:`LIKELIHOOD_RATIOS`), so such a candidate is weighed like any other.

>>> q = Evidence.build(countries=["Syria"], born=1971)
>>> round(q.update(0.9, EntityFacts.of(("IQ",), ("1950",))), 3) < 0.2
True
>>> q.update(0.9, EntityFacts.of((), ())) == 0.9
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .attributes import full_day, query_countries, query_dates, query_days, year_range
from .links import Links
from .score import NEAR, OVERLAP, OVERLAP_SCORE, WEAK_SINGLE
from .types import Entity, Match

__all__ = [
    "LIKELIHOOD_RATIOS",
    "MAX_PRIOR",
    "OTHER_DAY",
    "SAME_DAY",
    "EntityFacts",
    "Evidence",
    "candidate_only",
    "group_facts",
]

#: the ``born`` outcome of a query and an entity that share a full date of birth
SAME_DAY = "same day"
#: the ``born`` outcome of years that agree where both sides give full days, none shared
OTHER_DAY = "other day"

#: likelihood ratios per attribute and outcome, as benchmarks/evidence_fit.py measures them
#: on 1,805 same-entity and 46 namesake pairs of real list data (docs/sources.md). The same
#: day is too rare among namesakes to count: its ratio comes from a coincidence model (two
#: people share a day only when their years agree, then about 1 time in 270 on the UN list),
#: which gives 318 (305 rerun after the calibration refit); 300 is used. ``agree`` is years
#: within one where a side gives no day.
LIKELIHOOD_RATIOS: dict[str, dict[str, float]] = {
    "born": {SAME_DAY: 300.0, OTHER_DAY: 0.35, "agree": 1.4, "contradict": 0.0025},
    "countries": {"agree": 1.8, "contradict": 0.0058},
}
#: a score of 1.0 is the same text, which namesakes share: strong evidence, not certainty
MAX_PRIOR = 0.99
_YEAR_SLACK = 1


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """The attributes of an entity, or of a group of linked entities (pooled)."""

    countries: frozenset[str]
    born: tuple[tuple[int, int], ...]
    #: the full dates of birth (:func:`aliasres.attributes.full_day`)
    days: frozenset[str] = frozenset()

    @classmethod
    def of(cls, countries: Iterable[str], born: Iterable[str]) -> EntityFacts:
        """From a table's countries (codes) and ``born`` dates (checked strings)."""
        born = tuple(born)
        days = (full_day(d) for d in born)
        return cls(frozenset(countries), tuple(dict.fromkeys(year_range(d) for d in born)),
                   frozenset(d for d in days if d is not None))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a query says beyond the name (``countries`` codes, ``born`` year ranges)."""

    countries: frozenset[str] = frozenset()
    born: tuple[tuple[int, int], ...] = ()
    #: the full days among ``born`` (:func:`aliasres.attributes.full_day`)
    days: frozenset[str] = frozenset()

    @classmethod
    def build(cls, *, countries: object = None, born: object = None) -> Evidence:
        """Read a query's ``countries`` and ``born`` arguments.

        Raises:
            ValueError: an unknown country or an unreadable date, naming the argument.
        """
        if countries is None and born is None:
            return _NONE  # the common case, on every resolve() call
        if isinstance(born, Iterable) and not isinstance(born, (str, bytes, bytearray)):
            born = list(born)  # read twice below (an iterator would be spent)
        return cls(query_countries(countries, "countries"), query_dates(born, "born"),
                   query_days(born))

    def __bool__(self) -> bool:
        return bool(self.countries or self.born)

    def outcomes(self, facts: EntityFacts) -> dict[str, str]:
        """attribute -> ``same day``, ``agree`` or ``contradict``, for the attributes both
        sides give (``same day`` only for ``born``)."""
        out: dict[str, str] = {}
        if self.days & facts.days:
            out["born"] = SAME_DAY
        elif self.born and facts.born:
            close = any(
                lo1 - _YEAR_SLACK <= hi2 and lo2 - _YEAR_SLACK <= hi1
                for lo1, hi1 in self.born
                for lo2, hi2 in facts.born
            )
            if not close:
                out["born"] = "contradict"
            else:  # both give days and none is shared: one listing's day is wrong, or two people
                out["born"] = OTHER_DAY if self.days and facts.days else "agree"
        if self.countries and facts.countries:
            out["countries"] = "agree" if self.countries & facts.countries else "contradict"
        return out

    def ratio(self, facts: EntityFacts) -> float:
        """The product of the likelihood ratios of the outcomes (1.0 when none applies)."""
        lr = 1.0
        for attribute, outcome in self.outcomes(facts).items():
            lr *= LIKELIHOOD_RATIOS[attribute][outcome]
        return lr

    def update(self, score: float, facts: EntityFacts) -> float:
        """``score`` updated by the evidence, in odds (unchanged when nothing applies)."""
        lr = self.ratio(facts)
        if lr == 1.0:
            return score
        prior = min(max(score, 1e-6), MAX_PRIOR)
        odds = prior / (1.0 - prior) * lr
        updated = odds / (1.0 + odds)
        return max(score, updated) if lr > 1.0 else updated  # agreement never lowers


def group_facts(entities: Sequence[Entity], links: Links) -> dict[int, EntityFacts]:
    """The pooled attributes of every group that has some, by canonical entity number:
    linked listings of one person may each give another date or country."""
    out: dict[int, EntityFacts] = {}
    for number, entity in enumerate(entities):
        if not (entity.countries or entity.born):
            continue
        head = links.canonical[number]
        members = links.groups.get(head, (head,))
        if head in out:
            continue
        countries = [c for i in members for c in entities[i].countries]
        born = [d for i in members for d in entities[i].born]
        out[head] = EntityFacts.of(countries, born)
    return out


_EMPTY = EntityFacts(frozenset(), ())
_NONE = Evidence()


def candidate_only(match: Match) -> bool:
    """``match`` is words in common only (:data:`aliasres.score.OVERLAP`), never an answer:
    unless the same day of birth lifted it over the ceiling of such scores (:func:`weigh`)."""
    return match.method == OVERLAP and match.score <= OVERLAP_SCORE


def _same_day_only(evidence: Evidence, facts: EntityFacts) -> bool:
    """The query and the entity share a day of birth, and no attribute contradicts."""
    outcomes = evidence.outcomes(facts)
    return outcomes.get("born") == SAME_DAY and "contradict" not in outcomes.values()


def weigh(matches: Iterable[Match], evidence: Evidence, facts: dict[int, EntityFacts],
          number: dict[str, int]) -> list[Match]:
    """Each match with its score updated by ``evidence`` (see :meth:`Evidence.update`)."""
    out = []
    for match in matches:
        found = facts.get(number[match.id], _EMPTY)
        score = evidence.update(match.score, found)
        if match.method in (NEAR, OVERLAP) and _same_day_only(evidence, found):
            pass  # the same day of birth, nothing against: weighed like any other match
        elif match.method == "epithet":
            score = min(score, match.score)  # an epithet never resolves, whatever agrees
        elif match.method == NEAR:
            score = min(score, WEAK_SINGLE)  # nor does a near miss (aliasres.score.NEAR)
        elif match.method == OVERLAP:
            # nor words in common (aliasres.score.OVERLAP): updated as a share of their
            # ceiling, so that they keep below it and in the order the evidence gives
            share = evidence.update(min(match.score / OVERLAP_SCORE, 1.0), found)
            score = round(OVERLAP_SCORE * share, 4)
        out.append(match if score == match.score else replace(match, score=round(score, 4)))
    return out
