"""Orders open calls for dispatchers: urgency first, then live callers before abandoned ones, then
risk within the level, then waiting time.

Pure and deterministic: no clock, no I/O; the caller passes everything a decision depends on.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.labels import Urgency

# A call not yet classified sits between P2 and P3: we do not know it is safe to wait.
UNCLASSIFIED_LEVEL = 1.5


@dataclass(frozen=True, slots=True)
class RankInput:
    """What ranking looks at for one open call."""

    call_id: str
    urgency: Urgency | None  # effective urgency (a dispatcher override wins); None: unclassified
    urgency_confidence: float = 0.0
    red_flags: int = 0
    people_at_risk: int | None = None
    weapon: bool | None = None
    flagged_for_pickup: bool = False  # the callbot asks a human to pick up now
    abandoned: bool = False  # the caller hung up unanswered: a call-back, after live callers
    started_at: float = 0.0  # wall clock (s) when the call came in: earlier waits longer


def risk_score(entry: RankInput) -> float:
    """Risk within one urgency level; larger is riskier.

    Red flags and people at risk weigh more than model confidence: they are explicit facts.
    """
    people = min(entry.people_at_risk or 0, 10)
    return (
        2.0 * entry.red_flags
        + 0.5 * people
        + (1.0 if entry.weapon else 0.0)
        + entry.urgency_confidence
    )


def rank_key(entry: RankInput) -> tuple[float, int, int, float, float, str]:
    level = UNCLASSIFIED_LEVEL if entry.urgency is None else float(entry.urgency.rank)
    return (
        level,
        # Within a level a caller still on the line comes first: an abandoned call waits for a
        # call-back, which a minute's delay harms less than a live caller left unanswered.
        1 if entry.abandoned else 0,
        0 if entry.flagged_for_pickup else 1,
        -risk_score(entry),
        entry.started_at,
        entry.call_id,  # total order: equal inputs never swap places between re-rankings
    )


def rank(entries: list[RankInput]) -> list[str]:
    """Call ids, most urgent first."""
    return [entry.call_id for entry in sorted(entries, key=rank_key)]
