"""Replay metrics on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from triage.replay.metrics import (
    CallScore,
    aggregate,
    character_error_rate,
    edit_distance,
    macro_f1,
    normalize_transcript,
    p1_recall,
    percentile,
    time_to_correct,
    under_triage_rate,
    word_error_rate,
)


def test_edit_distance_counts_substitutions_insertions_deletions() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "abc") == 0
    assert edit_distance(["cháy", "nhà"], ["cháy", "to", "nhà"]) == 1


def test_normalization_keeps_tones_and_drops_punctuation() -> None:
    assert normalize_transcript("  Cháy NHÀ, cứu với!! ") == "cháy nhà cứu với"
    # A wrong tone is a different word.
    assert word_error_rate("cháy nhà", "chày nhà") == pytest.approx(0.5)


def test_word_and_character_error_rates() -> None:
    # 4 reference words, one substituted, one deleted -> 2/4.
    assert word_error_rate("có người bị thương", "có ngừơi thương") == pytest.approx(0.5)
    # "abcd" -> "abd": one deletion over 4 characters.
    assert character_error_rate("abcd", "abd") == pytest.approx(0.25)
    assert character_error_rate("", "") == 0.0
    assert word_error_rate("", "ghiền mì gõ") == 1.0


def test_macro_f1_by_hand() -> None:
    truth = ["fire", "fire", "medical", "medical"]
    predicted = ["fire", "medical", "medical", "medical"]
    # fire: tp1 fp0 fn1 -> 2/3; medical: tp2 fp1 fn0 -> 4/5; mean = (2/3 + 4/5) / 2.
    assert macro_f1(truth, predicted) == pytest.approx((2 / 3 + 4 / 5) / 2)
    # A predicted label absent from the truth counts with F1 0.
    assert macro_f1(["fire"], ["hazard"]) == 0.0
    assert math.isnan(macro_f1([], []))


def test_p1_recall_and_under_triage() -> None:
    truth = ["P1", "P1", "P2", "P2", "P3", "P4"]
    predicted = ["P1", "P2", "P2", "P4", "P1", "P3"]
    assert p1_recall(truth, predicted) == pytest.approx(0.5)
    # Under-triaged: P1->P2 and P2->P4 over 4 serious calls; P3->P1 is over-triage.
    assert under_triage_rate(truth, predicted) == pytest.approx(0.5)
    assert math.isnan(under_triage_rate(["P3"], ["P4"]))


def test_time_to_correct_needs_the_label_to_stay_right() -> None:
    changes = [(2.0, "P3"), (5.0, "P1"), (7.0, "P2"), (9.0, "P1"), (11.0, "P1")]
    assert time_to_correct(changes, "P1", 12.0) == 9.0
    assert time_to_correct([(1.0, "P1"), (4.0, "P1")], "P1", 5.0) == 1.0
    assert time_to_correct([(1.0, "P1"), (4.0, "P2")], "P1", 5.0) is None
    assert time_to_correct([], "P1", 5.0) is None


def test_percentile_matches_linear_interpolation() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == pytest.approx(2.5)
    assert percentile([0.0, 10.0], 0.95) == pytest.approx(9.5)
    assert math.isnan(percentile([], 0.5))


def test_aggregate_counts_unlabelled_calls_only_for_speed() -> None:
    scores = [
        CallScore(
            10.0,
            "fire",
            "fire",
            "P1",
            "P1",
            cer=0.2,
            wer=0.4,
            time_to_triage=6.0,
            delay_after_decisive=1.0,
        ),
        CallScore(20.0, "medical", "fire", "P2", "P3", cer=0.4, wer=0.6),
        CallScore(5.0, None, "non_emergency", None, "P4"),
    ]
    summary = aggregate(scores, failed=1, wall_seconds=7.0)
    assert summary.calls == 4 and summary.failed == 1 and summary.labelled == 2
    assert summary.type_accuracy == pytest.approx(0.5)
    assert summary.urgency_accuracy == pytest.approx(0.5)
    assert summary.p1_recall == 1.0
    assert summary.under_triage_rate == pytest.approx(0.5)
    # fire: tp1 fp1 fn0 -> 2/3; medical: tp0 fn1 -> 0.
    assert summary.type_macro_f1 == pytest.approx(1 / 3)
    assert summary.median_time_to_triage == 6.0
    assert summary.mean_cer == pytest.approx(0.3)
    assert summary.speed == pytest.approx(5.0)
    assert summary.to_json()["p95_delay_after_decisive"] == 1.0
