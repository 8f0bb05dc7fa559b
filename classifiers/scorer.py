"""The interface between a trained model and the triage classifier: texts in, probabilities out.

Holds no model: the encoder and the n-gram baseline implement it in their own modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class LabelScorer(Protocol):
    """A trained model that gives calibrated probabilities for both label sets."""

    kind: str  # "encoder" or "ngram"; written into the artefact manifest

    def predict_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(type probabilities [n, 12], urgency probabilities [n, 4]) in label-enum order."""
        ...


# Label ids as a list or an array: training code hands over either.
LabelIds = Sequence[int] | np.ndarray


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    probs: np.ndarray = exp / exp.sum(axis=-1, keepdims=True)
    return probs


def fit_temperature(logits: np.ndarray, labels: LabelIds) -> float:
    """Temperature minimising dev negative log-likelihood (Guo et al. 2017), by grid + refine.

    A 1-D search is exact enough and has no optimiser state to go wrong.
    """
    labels = np.asarray(labels)

    def nll(temperature: float) -> float:
        probs = softmax(logits, temperature)
        return float(-np.log(probs[np.arange(len(labels)), labels] + 1e-12).mean())

    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 200))
    best = min(grid, key=nll)
    fine = np.linspace(best * 0.9, best * 1.1, 41)
    return float(min(fine, key=nll))


def fit_temperatures(
    type_logits: np.ndarray,
    urgency_logits: np.ndarray,
    type_ids: LabelIds,
    urgency_ids: LabelIds,
) -> tuple[float, float]:
    """One temperature per head (type, urgency), each fitted on its own dev labels."""
    return (
        fit_temperature(type_logits, np.asarray(type_ids)),
        fit_temperature(urgency_logits, np.asarray(urgency_ids)),
    )
