"""Candidate (a): a compact BERT with a syllable WordPiece vocabulary learned on the training texts.

Writes an untrained Hugging Face encoder directory; the fine-tuning itself lives in trainer.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


@dataclass(frozen=True)
class ScratchShape:
    """Small enough for < 20 ms per call on one CPU thread and a few minutes of training."""

    vocab_size: int = 6000
    hidden: int = 192
    layers: int = 3
    heads: int = 4
    ffn: int = 512
    max_positions: int = 160


def _normalizer() -> normalizers.Normalizer:
    # NFC + lowercase keeps the tone marks: "cháy" (fire) and "chạy" (run) must stay apart.
    return normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])


def syllable_vocabulary(texts: Iterable[str], vocab_size: int) -> dict[str, int]:
    """Special tokens, every character (alone and as a "##" continuation), then whole syllables.

    Vietnamese writes one syllable per word, so the pieces are the syllables the corpus uses most
    (ties broken alphabetically: the same corpus always gives the same vocabulary, which the
    tokenizers library's own trainers do not promise); any other word falls back to characters.
    """
    normalizer = _normalizer()
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    counts: Counter[str] = Counter()
    for text in texts:
        words = pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text))
        counts.update(word for word, _ in words)
    characters = sorted({char for word in counts for char in word})
    pieces = SPECIAL_TOKENS + characters + [f"##{char}" for char in characters]
    taken = set(pieces)
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if len(pieces) >= vocab_size or count < 2:
            break
        if word not in taken:
            pieces.append(word)
            taken.add(word)
    return {piece: index for index, piece in enumerate(pieces)}


def learn_tokenizer(texts: Iterable[str], vocab_size: int) -> PreTrainedTokenizerFast:
    vocabulary = syllable_vocabulary(texts, vocab_size)
    tokenizer = Tokenizer(models.WordPiece(vocab=vocabulary, unk_token="[UNK]"))
    tokenizer.normalizer = _normalizer()
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    return PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]  # transformers API
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )


def write_scratch_encoder(
    texts: Iterable[str], out_dir: Path, shape: ScratchShape, seed: int
) -> Path:
    """Learns the tokenizer, builds a randomly initialised BertModel and saves both to out_dir."""
    tokenizer = learn_tokenizer(texts, shape.vocab_size)
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.ffn,
        max_position_embeddings=shape.max_positions,
        pad_token_id=tokenizer.pad_token_id,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    BertModel(config).save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir
