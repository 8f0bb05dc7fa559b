"""Turns calibrated label probabilities into the labels the console shows, asymmetrically.

A call is P1 as soon as P1 is likely enough, well before it is the most likely urgency:
under-triage is the costly error. The thresholds are chosen on independent calls and stored
with the model; the red flags then only raise, and the type follows the final urgency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType, Urgency
from classifiers.messages import RedFlag
from classifiers.red_flags import apply_red_flags

_NON_EMERGENCY = INCIDENT_TYPES.index(IncidentType.NON_EMERGENCY)
_P4_TYPES = (_NON_EMERGENCY, INCIDENT_TYPES.index(IncidentType.PROPERTY_CRIME))


@dataclass(frozen=True, slots=True)
class UrgencyPolicy:
    """P1 when P(P1) >= p1; else P2 when P(P1) + P(P2) >= p2; else the likelier of P3 and P4.

    A cumulative rule: "at least this urgent" is what a dispatcher acts on. With p1 = p2 = 1/2
    it is the median urgency of the distribution.
    """

    p1: float = 0.5
    p2: float = 0.5

    def decide(self, probs: np.ndarray) -> Urgency:
        """probs in URGENCIES order (P1..P4), summing to 1."""
        if probs[0] >= self.p1:
            return Urgency.P1
        if probs[0] + probs[1] >= self.p2:
            return Urgency.P2
        return Urgency.P3 if probs[2] >= probs[3] else Urgency.P4

    def to_json(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, raw: Mapping[str, object] | None) -> UrgencyPolicy:
        if not raw:
            return cls()
        return cls(p1=float(raw["p1"]), p2=float(raw["p2"]))  # type: ignore[arg-type]


def final_type(type_probs: np.ndarray, urgency: Urgency) -> IncidentType:
    """The model's type, except that a call ranked P1-P3 is never filed as `non_emergency` and
    a P4 call is always filed as no emergency (or an old property matter).

    The urgency is the final one (policy, then red flags), and urgency is never lowered, so the
    type follows it: the most probable emergency type wins. "quán tôi cháy rồi" (red flag: a
    fire in progress, P2) must not sit in the queue as a misdial; "cháy hàng" raises no flag.
    """
    best = int(type_probs.argmax())
    if best == _NON_EMERGENCY and urgency is not Urgency.P4:
        ranked = np.argsort(type_probs)[::-1]
        best = int(next(i for i in ranked if i != _NON_EMERGENCY))
    if urgency is Urgency.P4 and best not in _P4_TYPES:
        # P4 is no emergency (../shared/labels.md): "quán bán cháy hàng rồi" is no fire. An old
        # small loss reported for the paperwork stays property_crime.
        best = max(_P4_TYPES, key=lambda i: type_probs[i])
    return INCIDENT_TYPES[best]


def final_labels(
    type_probs: np.ndarray,
    urgency_probs: np.ndarray,
    flags: Sequence[RedFlag],
    policy: UrgencyPolicy,
) -> tuple[IncidentType, Urgency, Urgency]:
    """(type, final urgency, the policy's urgency before the red flags) as the console shows."""
    model_urgency = policy.decide(urgency_probs)
    urgency = apply_red_flags(model_urgency, list(flags))
    return final_type(type_probs, urgency), urgency, model_urgency


URGENCY_INDEX = {u: i for i, u in enumerate(URGENCIES)}
