"""Triage metrics for `triage evaluate`: F1, the urgency errors that matter, calibration, latency.

Pure measurement: it never trains, and never changes a prediction to look better.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from classifiers.labels import INCIDENT_TYPES, URGENCIES


@dataclass(frozen=True)
class Scores:
    """Metrics of one model on one set of texts."""

    n: int
    type_macro_f1: float
    type_f1: dict[str, float]
    urgency_accuracy: float
    p1_recall: float
    under_triage: float  # (P1 -> P2..P4) + (P2 -> P3..P4) over all true P1+P2
    over_triage: float  # predicted more urgent than true, over all true P2..P4
    over_triage_all: float  # the same calls, over all calls (the definition)
    type_ece: float
    urgency_ece: float
    type_confusion: np.ndarray  # [true, predicted]
    urgency_confusion: np.ndarray


def f1_per_class(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    scores = np.zeros(n_classes)
    for label in range(n_classes):
        tp = np.sum((pred == label) & (true == label))
        fp = np.sum((pred == label) & (true != label))
        fn = np.sum((pred != label) & (true == label))
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return scores


def macro_f1(true: np.ndarray, pred: np.ndarray, n_classes: int) -> float:
    # Averaged over the classes present in truth or prediction, like scikit-learn's default.
    present = np.union1d(true, pred)
    return float(f1_per_class(true, pred, n_classes)[present].mean())


def expected_calibration_error(probs: np.ndarray, true: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-1 confidence over equal-width bins."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == true
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def confusion(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (true, pred), 1)
    return matrix


def urgency_errors(true: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    """(P1 recall, under-triage rate, over-triage rate); index 0 is P1 ... 3 is P4."""
    p1 = true == 0
    p1_recall = float((pred[p1] == 0).mean()) if p1.any() else float("nan")
    serious = true <= 1
    under = ((true == 0) & (pred >= 1)) | ((true == 1) & (pred >= 2))
    under_rate = float(under[serious].mean()) if serious.any() else float("nan")
    not_p1 = true >= 1
    over_rate = float((pred[not_p1] < true[not_p1]).mean()) if not_p1.any() else float("nan")
    return p1_recall, under_rate, over_rate


def score(
    type_probs: np.ndarray,
    type_true: np.ndarray,
    urgency_probs: np.ndarray,
    urgency_true: np.ndarray,
    urgency_pred: np.ndarray | None = None,
    type_pred: np.ndarray | None = None,
) -> Scores:
    """Metrics from probabilities; the *_pred arrays override argmax (after the safety layer)."""
    if type_pred is None:
        type_pred = type_probs.argmax(axis=1)
    if urgency_pred is None:
        urgency_pred = urgency_probs.argmax(axis=1)
    p1_recall, under, over = urgency_errors(urgency_true, urgency_pred)
    per_class = f1_per_class(type_true, type_pred, len(INCIDENT_TYPES))
    return Scores(
        n=len(type_true),
        type_macro_f1=macro_f1(type_true, type_pred, len(INCIDENT_TYPES)),
        type_f1={t.value: float(f) for t, f in zip(INCIDENT_TYPES, per_class, strict=True)},
        urgency_accuracy=float((urgency_pred == urgency_true).mean()),
        p1_recall=p1_recall,
        under_triage=under,
        over_triage=over,
        over_triage_all=float((urgency_pred < urgency_true).mean()) if len(urgency_true) else 0.0,
        type_ece=expected_calibration_error(type_probs, type_true),
        urgency_ece=expected_calibration_error(urgency_probs, urgency_true),
        type_confusion=confusion(type_true, type_pred, len(INCIDENT_TYPES)),
        urgency_confusion=confusion(urgency_true, urgency_pred, len(URGENCIES)),
    )


def selection_score(scores: Scores) -> float:
    """Dev-set figure that picks epochs and the default candidate: type F1 and triage safety."""
    return scores.type_macro_f1 + scores.urgency_accuracy - scores.under_triage


@dataclass(frozen=True)
class Latency:
    median_ms: float
    p95_ms: float


def measure_latency(
    classify_one: Callable[[str], object], texts: Sequence[str], repeats: int = 1, warmup: int = 3
) -> Latency:
    """Wall time of single classifications (one text per call, as the live pipeline does)."""
    for text in texts[:warmup]:
        classify_one(text)
    timings = []
    for _ in range(repeats):
        for text in texts:
            start = time.perf_counter()
            classify_one(text)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return Latency(
        statistics.median(timings), timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    )
