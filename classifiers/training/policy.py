"""Chooses a model's urgency policy and compares candidates on the independent calls.

Fits on the selection part of ../shared/devcalls only; never on the held-aside part or the
corpus test split. Under-triage costs more than over-triage, as in ../shared/labels.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from classifiers.decision import UrgencyPolicy
from classifiers.scorer import LabelScorer
from classifiers.training.dataset import LabelledText
from classifiers.training.report import ModelOutputs, decide, predict
from classifiers.training.trainer import label_arrays


@dataclass(frozen=True)
class TriageCosts:
    """Cost of each urgency error per call (a true P1 left below P1 is the worst)."""

    missed_p1: float = 8.0
    p2_ranked_p3_or_p4: float = 3.0
    over_triage: float = 1.0  # any call ranked more urgent than it is

    def mean(self, true: np.ndarray, predicted: np.ndarray) -> float:
        """URGENCIES indices (0 = P1)."""
        cost = np.where((true == 0) & (predicted > 0), self.missed_p1, 0.0)
        cost += np.where((true == 1) & (predicted > 1), self.p2_ranked_p3_or_p4, 0.0)
        cost += np.where(predicted < true, self.over_triage, 0.0)
        return float(cost.mean())


COSTS = TriageCosts()
_P1_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
_P2_GRID = np.round(np.arange(0.10, 0.951, 0.025), 3)


def fit_policy(
    scorer: LabelScorer, examples: Sequence[LabelledText], costs: TriageCosts = COSTS
) -> UrgencyPolicy:
    """The thresholds with the least mean triage cost (red flags included); ties go to the
    higher thresholds, which send fewer units."""
    outputs = ModelOutputs.of(scorer, [e.text for e in examples])
    _, urgency_true = label_arrays(examples)
    best: tuple[float, float, float] | None = None
    for p1 in _P1_GRID:
        for p2 in _P2_GRID:
            policy = UrgencyPolicy(float(p1), float(p2))
            cost = costs.mean(urgency_true, decide(outputs, policy).urgencies)
            key = (cost, -float(p1), -float(p2))
            if best is None or key < best:
                best = key
    assert best is not None
    return UrgencyPolicy(-best[1], -best[2])


def selection_score(
    scorer: LabelScorer,
    examples: Sequence[LabelledText],
    policy: UrgencyPolicy,
    costs: TriageCosts = COSTS,
) -> float:
    """Type macro-F1 minus the mean triage cost: what picks the default candidate."""
    from classifiers.training.evaluation import macro_f1

    made = predict(scorer, [e.text for e in examples], policy)
    type_true, urgency_true = label_arrays(examples)
    return macro_f1(type_true, made.types, len(made.type_probs[0])) - costs.mean(
        urgency_true, made.urgencies
    )
