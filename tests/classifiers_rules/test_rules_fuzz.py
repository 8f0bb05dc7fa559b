"""Property tests: the rule layers take anything a caller or a recogniser can produce."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers.extract import extract_fields
from classifiers.red_flags import find_red_flags
from classifiers.text_norm import fold, strip_diacritics

VIETNAMESE_WORDS = st.sampled_from(
    [
        "alo",
        "cứu",
        "với",
        "cháy",
        "không",
        "thở",
        "số",
        "ngõ",
        "12",
        "Láng",
        "Hạ",
        "ba",
        "người",
        "dao",
        "có",
        "đâm",
        "0912",
        "345",
        "678",
        "chín",
        "tám",
        ",",
        ".",
        "...",
        "quận",
        "gần",
        "chợ",
        "Bến",
        "Thành",
        "mắc",
        "kẹt",
        "hẻm",
        "45/12",
        "đang",
        "bị",
        "con",
        "tôi",
        "Đ",
        "ư",
    ]
)
calls = st.one_of(st.text(max_size=300), st.lists(VIETNAMESE_WORDS, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(calls)
def test_extract_fields_never_crashes_and_copies_location(text: str) -> None:
    fields = extract_fields(text)
    if fields.location is not None:
        assert fields.location in unicodedata.normalize("NFC", text)
    if fields.people_at_risk is not None:
        assert fields.people_at_risk > 0
    if fields.callback_number is not None:
        assert fields.callback_number.isdigit() and fields.callback_number.startswith("0")
        assert len(fields.callback_number) in (10, 11)
    assert fields.weapon in (True, None)


@settings(max_examples=300, deadline=None)
@given(calls)
def test_find_red_flags_never_crashes(text: str) -> None:
    for flag in find_red_flags(text):
        assert flag.reason
        assert flag.matched


@given(st.text(max_size=200))
def test_fold_keeps_length_and_strip_is_idempotent(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert len(fold(nfc)) == len(nfc)
    once = strip_diacritics(text)
    assert strip_diacritics(once) == once
