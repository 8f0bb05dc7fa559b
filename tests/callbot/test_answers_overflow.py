"""Parsers of short caller answers and the overflow policy (pure functions)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.callbot.answers import floor_number, phone_number, spoken_digits, yes_or_no
from triage.callbot.overflow import (
    CallbotMode,
    OverflowPolicy,
    Staffing,
    expected_wait_seconds,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Có ạ.", True),
        ("Dạ có, một người", True),
        ("Đúng rồi", True),
        ("Vẫn còn", True),
        ("Dạ không có ai", False),
        ("Không đúng", False),
        ("Chưa", False),
        ("Ra hết rồi", False),
        ("Em không biết", None),
        ("số 12 Hàng Bạc", None),
    ],
)
def test_yes_or_no(text: str, expected: bool | None) -> None:
    assert yes_or_no(text) is expected


def test_floor_and_phone_number() -> None:
    assert floor_number("Cháy ở tầng ba") == 3
    assert floor_number("Lầu 4 ạ") == 4
    assert floor_number("tầng trệt") == 0
    assert floor_number("không biết") is None
    assert phone_number("số tôi là 0912 345 678") == "0912345678"
    assert phone_number("không chín tám tám bảy bảy sáu sáu năm năm") == "0988776655"
    assert phone_number("số 12") is None


@given(st.text(max_size=200))
def test_answer_parsers_never_crash(text: str) -> None:
    assert yes_or_no(text) in (True, False, None)
    floor_number(text)
    number = phone_number(text)
    assert number is None or (number.isdigit() and 9 <= len(number) <= 11)


@given(st.text(alphabet="0123456789", min_size=9, max_size=11))
def test_spoken_digits_round_trip(number: str) -> None:
    assert phone_number(spoken_digits(number)) == number


def test_overflow_answers_when_nobody_is_free_or_the_wait_is_long() -> None:
    policy = OverflowPolicy(max_wait_seconds=30)
    assert policy.decide(Staffing(0, 0, 0)).answer_with_bot
    assert policy.decide(Staffing(3, 0, 0)).answer_with_bot
    free = policy.decide(Staffing(3, 1, 0))
    assert not free.answer_with_bot and free.expected_wait_seconds == 0
    # One free desk but two calls already waiting for it: the new call would wait a round.
    long_wait = policy.decide(Staffing(3, 1, 2, average_handle_seconds=60))
    assert long_wait.answer_with_bot and long_wait.expected_wait_seconds == 60
    assert not OverflowPolicy(max_wait_seconds=120).decide(Staffing(3, 1, 2, 60)).answer_with_bot


def test_overflow_modes() -> None:
    assert not OverflowPolicy(mode=CallbotMode.OFF).decide(Staffing(0, 0, 5)).answer_with_bot
    assert OverflowPolicy(mode=CallbotMode.ALWAYS).decide(Staffing(5, 5, 0)).answer_with_bot
    assert math.isinf(expected_wait_seconds(Staffing(0, 0, 0)))


def test_common_mishearings_of_one_word_answers() -> None:
    # Whisper base on espeak-ng: "Vâng" -> "Vân", "Không" -> "Thông"; only as a short answer.
    assert yes_or_no("Vân") is True
    assert yes_or_no("Thông") is False
    assert yes_or_no("thông tin về vụ cháy ở đây") is None
    assert yes_or_no("Vân, chầm bôi hầm tớ") is True  # "Vâng, chồng tôi không thở"
    assert yes_or_no("Vân Tôn ở nhà số tám phố Huế") is None  # a name, not an answer
