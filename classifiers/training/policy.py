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
from classifiers.training.evaluation import urgency_errors
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


@dataclass(frozen=True)
class SafetyAims:
    """What a policy must reach on the fitting calls before it may save units."""

    min_p1_recall: float = 0.98
    max_under_triage: float = 0.02


AIMS = SafetyAims()


def fit_policy(
    scorer: LabelScorer,
    examples: Sequence[LabelledText],
    costs: TriageCosts = COSTS,
    aims: SafetyAims = AIMS,
) -> UrgencyPolicy:
    """The least over-triage among the thresholds that reach the safety aims (red flags
    included); when none does, the least mean triage cost. Ties go to higher thresholds."""
    outputs = ModelOutputs.of(scorer, [e.text for e in examples])
    _, urgency_true = label_arrays(examples)
    safe: list[tuple[float, float, float]] = []
    cheap: list[tuple[float, float, float]] = []
    for p1 in _P1_GRID:
        for p2 in _P2_GRID:
            predicted = decide(outputs, UrgencyPolicy(float(p1), float(p2))).urgencies
            p1_recall, under, over = urgency_errors(urgency_true, predicted)
            tie = (-float(p1), -float(p2))
            if p1_recall >= aims.min_p1_recall and under <= aims.max_under_triage:
                safe.append((over, *tie))
            cheap.append((costs.mean(urgency_true, predicted), *tie))
    best = min(safe) if safe else min(cheap)
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
