"""Triage metrics on hand-made predictions, and temperature scaling on synthetic logits."""

from __future__ import annotations

import numpy as np
import pytest

from classifiers.scorer import fit_temperature, softmax
from classifiers.training.evaluation import expected_calibration_error, macro_f1, urgency_errors


def test_under_and_over_triage_follow_the_label_contract():
    # index 0 = P1 ... 3 = P4
    true = np.array([0, 0, 0, 0, 1, 1, 2, 3])
    pred = np.array([0, 0, 1, 3, 2, 1, 1, 3])
    p1_recall, under, over = urgency_errors(true, pred)
    assert p1_recall == pytest.approx(2 / 4)
    # P1->P2, P1->P4, P2->P3 are under-triage among the 6 true P1/P2 rows.
    assert under == pytest.approx(3 / 6)
    # P3->P2 is the only over-triage among the 4 rows that are not P1.
    assert over == pytest.approx(1 / 4)


def test_macro_f1_counts_every_present_class_once():
    true = np.array([0, 0, 1, 1])
    pred = np.array([0, 0, 1, 0])
    # class 0: p=2/3 r=1 -> 0.8 ; class 1: p=1 r=1/2 -> 2/3
    assert macro_f1(true, pred, 3) == pytest.approx((0.8 + 2 / 3) / 2)


def test_overconfident_logits_get_a_temperature_above_one_and_lower_ece():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 4, 2000)
    logits = rng.normal(0, 1, (2000, 4))
    logits[np.arange(2000), labels] += 1.5  # right about 70% of the time ...
    logits *= 6  # ... but claims ~100%
    temperature = fit_temperature(logits, labels)
    assert temperature > 2
    before = expected_calibration_error(softmax(logits), labels)
    after = expected_calibration_error(softmax(logits, temperature), labels)
    assert after < before / 2
