"""The decision: from the best match per entity to one answer, or none and why.

A name resolves when its best entity reaches the threshold and no other entity comes within
the margin of it; a name on a reject list never resolves.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import Match

__all__ = ["DEFAULT_MARGIN", "DEFAULT_THRESHOLD", "decide", "ranked", "tie_key"]

DEFAULT_THRESHOLD = 0.8
DEFAULT_MARGIN = 0.05


def tie_key(kind: str, name: str) -> tuple[bool, str]:
    """Between two aliases of one entity that score alike, the canonical name, then the
    smaller alias wins: never load order."""
    return (kind != "canonical", name)


def ranked(best: Iterable[Match]) -> list[Match]:
    """Matches best first, ties by id (deterministic)."""
    return sorted(best, key=lambda m: (-m.score, m.id))


def decide(
    ranked: list[Match], *, threshold: float, margin: float, rejected: bool = False
) -> tuple[Match | None, str]:
    """The answer among ``ranked`` (best first), or None, with the reason."""
    if not ranked:
        return None, "no candidate"
    top = ranked[0]
    if rejected:
        return None, "the name is on a reject list"
    if len(ranked) > 1 and ranked[1].score >= top.score - margin:
        below = f", below the threshold {threshold}" if top.score < threshold else ""
        return None, (
            f"ambiguous: {top.id} ({top.score:.3f}) and {ranked[1].id} ({ranked[1].score:.3f})"
            + below
        )
    if top.score < threshold:
        return None, f"best score {top.score:.3f} is below the threshold {threshold}"
    return top, f"resolved to {top.id}"
