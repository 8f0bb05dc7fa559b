"""The hallucination guard: outro phrases, loops, non-speech scores, no letters; all logged."""

from __future__ import annotations

import logging

import pytest

from speech.hallucination import HallucinationGuard, collapse_repetitions, normalize

OUTROS = [
    "Hãy subscribe cho kênh Ghiền Mì Gõ Để không bỏ lỡ những video hấp dẫn",
    "Cảm ơn các bạn đã theo dõi và hẹn gặp lại.",
    "Các bạn hãy đăng kí cho kênh lalaschool Để không bỏ lỡ những video hấp dẫn",
    "HÃY SUBSCRIBE CHO KÊNH GHIỀN MÌ GÕ",
    "Hay subscribe cho kenh Ghien Mi Go",  # no diacritics at all
    "Hẹn gặp lại các bạn trong những video tiếp theo.",
    "Đăng ký kênh để ủng hộ mình nhé!",
    "Thanks for watching!",
    "Subtitles by the Amara.org community",
    "Phụ đề bởi Vietsub",
]


@pytest.fixture
def guard() -> HallucinationGuard:
    return HallucinationGuard()


@pytest.mark.parametrize("outro", OUTROS)
def test_video_outros_are_suppressed_and_logged(guard, outro: str, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="speech.hallucination"):
        result = guard.check(outro, start=1.0, end=4.0)
    assert result.text == ""
    assert [s.reason for s in result.suppressed] == ["outro_phrase"]
    assert result.suppressed[0].start == 1.0 and result.suppressed[0].end == 4.0
    assert result.is_pure_hallucination
    assert "outro_phrase" in caplog.text


def test_speech_before_an_outro_is_kept(guard) -> None:
    result = guard.check(
        "Nhà tôi bị cháy ở số 5 Lê Lợi. Hãy subscribe cho kênh Ghiền Mì Gõ.", start=0, end=5
    )
    assert result.text == "Nhà tôi bị cháy ở số 5 Lê Lợi."
    assert [s.reason for s in result.suppressed] == ["outro_phrase"]
    assert not result.is_pure_hallucination


@pytest.mark.parametrize(
    "text",
    [
        "Alô, tổng đài 113 phải không, nhà tôi đang bị cháy.",
        "Cứu với, cứu với, cứu với!",  # a caller repeating a plea three times is not a loop
        "Số điện thoại của tôi là 0901234567.",
        "Có người bị thương ở kênh Nhiêu Lộc.",  # "kênh" alone is a canal, not a channel
    ],
)
def test_real_caller_speech_passes(guard, text: str) -> None:
    result = guard.check(text, start=0, end=3, no_speech_prob=0.3, avg_logprob=-0.8)
    assert result.text == text and result.suppressed == []


def test_repetition_loops_are_cut_and_logged(guard) -> None:
    looped = "Nhà tôi bị cháy " + "cháy " * 12 + "ở đường Lê Lợi"
    result = guard.check(looped, start=0, end=3)
    assert result.text == "Nhà tôi bị cháy ở đường Lê Lợi"
    assert [s.reason for s in result.suppressed] == ["repetition_loop"]


def test_multiword_loop_collapses_to_one_copy() -> None:
    text, removed = collapse_repetitions("alo " + "hôm nay, " * 8 + "xong")
    assert text == "alo hôm nay, xong"
    assert len(removed) == 1


def test_high_compression_ratio_is_suppressed(guard) -> None:
    # Sentence-long loops below the n-gram limit: only the compression ratio catches them.
    text = "Thô hại xây lìm tầm hà linh nhau chút quán, " * 6
    result = guard.check(text, start=0, end=3)
    assert result.text == ""
    assert result.suppressed[-1].reason == "compression_ratio"
    assert result.suppressed[-1].details["compression_ratio"] > 2.4


def test_no_speech_needs_both_scores(guard) -> None:
    refused = guard.check("Ừ.", start=0, end=1, no_speech_prob=0.95, avg_logprob=-1.5)
    assert refused.text == "" and refused.suppressed[0].reason == "no_speech"
    assert not refused.is_pure_hallucination  # a retry would not help: it was not speech
    kept = guard.check("Ừ.", start=0, end=1, no_speech_prob=0.95, avg_logprob=-0.3)
    assert kept.text == "Ừ."


@pytest.mark.parametrize(
    ("text", "reason"),
    [("...", "no_letters"), ("♪ ♪ ♪", "no_letters"), ("字幕由社区提供", "not_vietnamese")],
)
def test_text_without_vietnamese_letters_is_suppressed(guard, text: str, reason: str) -> None:
    result = guard.check(text, start=0, end=1)
    assert result.text == "" and result.suppressed[0].reason == reason


def test_normalize_strips_diacritics_and_punctuation() -> None:
    assert normalize("Hãy SUBSCRIBE, cho kênh Ghiền Mì Gõ!") == "hay subscribe cho kenh ghien mi go"
    assert normalize("Đăng ký") == "dang ky"
