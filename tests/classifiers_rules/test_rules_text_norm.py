"""Unit tests for Vietnamese normalisation and diacritic-insensitive phrase matching."""

from __future__ import annotations

import unicodedata

from classifiers.text_norm import (
    compile_phrases,
    contains_phrase,
    fold,
    has_diacritics,
    normalize,
    strip_diacritics,
)


def test_strip_diacritics_removes_every_mark_and_d_bar() -> None:
    assert strip_diacritics("Đường Láng Hạ, quận Đống Đa") == "Duong Lang Ha, quan Dong Da"
    assert strip_diacritics("ngừng thở, đuối nước, ấp Mỹ Hòa") == "ngung tho, duoi nuoc, ap My Hoa"


def test_strip_diacritics_accepts_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "cháy nhà")
    assert strip_diacritics(decomposed) == "chay nha"


def test_normalize_lowercases_and_drops_punctuation_noise() -> None:
    assert normalize("  Alo!! Cứu   với... NHÀ cháy?! ") == "alo cứu với nhà cháy"


def test_fold_keeps_offsets() -> None:
    text = "Bố em KHÔNG THỞ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "bo em khong tho"


def test_has_diacritics() -> None:
    assert has_diacritics("cháy")
    assert not has_diacritics("chay nha")


def test_phrase_matches_marked_and_unmarked_forms_on_word_boundaries() -> None:
    pattern = compile_phrases(["không thở"])
    assert pattern.search("bố em không thở").text == "không thở"
    assert pattern.search("bo em khong tho nua").text == "khong tho"
    assert pattern.search("Không, thở") is not None  # punctuation between the words
    assert pattern.search("khongtho") is None


def test_marked_text_never_matches_a_different_word_with_the_same_letters() -> None:
    # "đám cưới" (wedding) must not match the stabbing verb "đâm"
    assert not contains_phrase("đi đám cưới", "đâm")
    assert contains_phrase("di dam nguoi", "đâm")


def test_marked_only_phrases_ignore_unmarked_text() -> None:
    pattern = compile_phrases(["tự vẫn"], fold_too=False)
    assert pattern.search("anh ấy định tự vẫn") is not None
    assert pattern.search("toi can tu van") is None  # "tư vấn" (advice) without marks
