"""How transcripts become encoder input: the two-view layout and the cut of long calls."""

from __future__ import annotations

import pytest

from classifiers.encoder import EncoderSettings, TextEncoderInput
from classifiers.text_norm import strip_diacritics
from classifiers.training.scratch_encoder import learn_tokenizer

TEXTS = [
    "nhà tôi đang cháy con tôi còn trong phòng",
    "nha toi dang chay con toi con trong phong",
    "có người cầm dao đuổi chém ở chợ",
    "co nguoi cam dao duoi chem o cho",
] * 3


@pytest.fixture(scope="module")
def tokenizer():
    return learn_tokenizer(TEXTS, vocab_size=200)


def test_both_view_puts_the_toneless_copy_after_a_separator(tokenizer):
    inputs = TextEncoderInput(tokenizer, EncoderSettings(view="both", max_length=64))
    text = "nhà tôi đang cháy"
    ids = inputs.token_ids(text)
    sep = tokenizer.sep_token_id
    assert ids[0] == tokenizer.cls_token_id and ids.count(sep) == 2 and ids[-1] == sep
    first, second = ids[1 : ids.index(sep)], ids[ids.index(sep) + 1 : -1]
    assert first == tokenizer(text, add_special_tokens=False)["input_ids"]
    assert second == tokenizer(strip_diacritics(text), add_special_tokens=False)["input_ids"]


@pytest.mark.parametrize("view", ["text", "both"])
def test_long_calls_fit_and_keep_their_first_and_latest_words(tokenizer, view):
    settings = EncoderSettings(view=view, max_length=40, head_tokens=4)
    inputs = TextEncoderInput(tokenizer, settings)
    long_call = " ".join(TEXTS[2] for _ in range(30)) + " nhà tôi đang cháy"
    ids = inputs.token_ids(long_call)
    assert len(ids) <= settings.max_length
    opening = tokenizer("có người", add_special_tokens=False)["input_ids"]
    latest = tokenizer("đang cháy", add_special_tokens=False)["input_ids"]
    assert ids[1 : 1 + len(opening)] == opening
    assert (
        ids[ids.index(tokenizer.sep_token_id) - len(latest) : ids.index(tokenizer.sep_token_id)]
        == latest
    )
