"""Evidence beyond the name: dates of birth and countries, as an odds update of the score.

A query may say when the person was born and which countries the entity belongs to
(``resolve(name, born=1971, countries=["SY"])``). Each candidate's group (the entity and the
entities linked to it) is compared with that, attribute by attribute:

* **born**: the years agree when some date of the query and some date of the entity are at
  most one year apart (lists disagree by a year, and a range spans its years), else they
  contradict;
* **countries**: they agree when the query and the entity have a country in common, else they
  contradict;
* an attribute that either side leaves out changes nothing.

Each outcome has a likelihood ratio, P(outcome | same entity) / P(outcome | a namesake that
scored alike), measured on real list data (``benchmarks/evidence_fit.py``: the rates are
pooled, never fitted to single rows). The score ``s`` is read as a probability and updated
in odds: ``odds' = s / (1 - s) * LR``, so a calibrated score stays calibrated. A name score
of 1.0 (the same text) is read as :data:`MAX_PRIOR`: even the same name is not proof
against a contradicting date of birth.

>>> q = Evidence.build(countries=["Syria"], born=1971)
>>> round(q.update(0.9, EntityFacts.of(("IQ",), ("1950",))), 3) < 0.2
True
>>> q.update(0.9, EntityFacts.of((), ())) == 0.9
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .attributes import query_countries, query_dates, year_range
from .links import Links
from .score import NEAR, OVERLAP, OVERLAP_SCORE, WEAK_SINGLE
from .types import Entity, Match

__all__ = ["LIKELIHOOD_RATIOS", "MAX_PRIOR", "EntityFacts", "Evidence", "group_facts"]

#: likelihood ratios per attribute and outcome, as benchmarks/evidence_fit.py measures them
#: on 1,794 same-entity and 52 namesake pairs of real list data (docs/sources.md)
LIKELIHOOD_RATIOS: dict[str, dict[str, float]] = {
    "born": {"agree": 2.7, "contradict": 0.0024},
    "countries": {"agree": 2.0, "contradict": 0.0057},
}
#: a score of 1.0 is the same text, which namesakes share: strong evidence, not certainty
MAX_PRIOR = 0.99
_YEAR_SLACK = 1


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """The attributes of an entity, or of a group of linked entities (pooled)."""

    countries: frozenset[str]
    born: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, countries: Iterable[str], born: Iterable[str]) -> EntityFacts:
        """From a table's countries (codes) and ``born`` dates (checked strings)."""
        return cls(frozenset(countries), tuple(dict.fromkeys(year_range(d) for d in born)))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a query says beyond the name (``countries`` codes, ``born`` year ranges)."""

    countries: frozenset[str] = frozenset()
    born: tuple[tuple[int, int], ...] = ()

    @classmethod
    def build(cls, *, countries: object = None, born: object = None) -> Evidence:
        """Read a query's ``countries`` and ``born`` arguments.

        Raises:
            ValueError: an unknown country or an unreadable date, naming the argument.
        """
        if countries is None and born is None:
            return _NONE  # the common case, on every resolve() call
        return cls(query_countries(countries, "countries"), query_dates(born, "born"))

    def __bool__(self) -> bool:
        return bool(self.countries or self.born)

    def outcomes(self, facts: EntityFacts) -> dict[str, str]:
        """attribute -> ``agree`` or ``contradict``, for the attributes both sides give."""
        out: dict[str, str] = {}
        if self.born and facts.born:
            close = any(
                lo1 - _YEAR_SLACK <= hi2 and lo2 - _YEAR_SLACK <= hi1
                for lo1, hi1 in self.born
                for lo2, hi2 in facts.born
            )
            out["born"] = "agree" if close else "contradict"
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


def weigh(matches: Iterable[Match], evidence: Evidence, facts: dict[int, EntityFacts],
          number: dict[str, int]) -> list[Match]:
    """Each match with its score updated by ``evidence`` (see :meth:`Evidence.update`)."""
    out = []
    for match in matches:
        found = facts.get(number[match.id], _EMPTY)
        score = evidence.update(match.score, found)
        if match.method == "epithet":
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
