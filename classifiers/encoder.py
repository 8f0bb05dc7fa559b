"""Two-head sequence classifier (incident type, urgency) on top of any local Hugging Face encoder.

Loads from directories only (never a hub); inference keeps the head and the end of long transcripts.
"""

from __future__ import annotations

import copy
import json
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import (
    AutoConfig,
    AutoModel,
    AutoTokenizer,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)
from transformers.utils import logging as hf_logging

from classifiers.scorer import softmax
from classifiers.text_norm import strip_diacritics

ENCODER_SUBDIR = "encoder"
HEADS_FILE = "heads.pt"
QUANTIZED_FILE = "network-int8.pt"  # the whole network, encoder in int8
CONFIG_FILE = "encoder_config.json"


@dataclass(frozen=True)
class EncoderSettings:
    """How the encoder is read: pooling, input length and where a long transcript is cut."""

    n_types: int = 12
    n_urgencies: int = 4
    pooling: str = "mean"  # "mean" or "cls"
    max_length: int = 128  # tokens including the two special tokens
    head_tokens: int = 32  # a long call keeps its first words (the opening cry) ...
    text_prefix: str = ""  # e5 expects "query: "
    # "text": the transcript as written; "both": the transcript, [SEP], then the same words
    # without tone marks, so a tone the recogniser got wrong still meets a known word.
    view: str = "text"
    dropout: float = 0.1
    temperatures: tuple[float, float] = (1.0, 1.0)
    # The encoder's linear layers stored and run as int8 (per-channel dynamic quantisation):
    # about 3x faster on one CPU thread and a quarter of the size (classifiers/model/).
    quantized: bool = False


class TwoHeadClassifier(nn.Module):
    """Encoder -> pooled vector -> two linear heads; returns (type logits, urgency logits)."""

    def __init__(self, encoder: PreTrainedModel, settings: EncoderSettings) -> None:
        super().__init__()
        self.encoder = encoder
        self.settings = settings
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(settings.dropout)
        self.type_head = nn.Linear(hidden, settings.n_types)
        self.urgency_head = nn.Linear(hidden, settings.n_urgencies)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        if self.settings.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        pooled = self.dropout(pooled)
        return self.type_head(pooled), self.urgency_head(pooled)

    def heads_state(self) -> dict[str, torch.Tensor]:
        return {k: v for k, v in self.state_dict().items() if not k.startswith("encoder.")}


class TextEncoderInput:
    """Tokenises transcripts into padded batches; cuts long ones to their first and last tokens."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, settings: EncoderSettings) -> None:
        self.tokenizer = tokenizer
        self.settings = settings
        self._cls = (
            tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
        )
        self._sep = (
            tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
        )
        self._pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0

    def token_ids(self, text: str) -> list[int]:
        if self.settings.view == "both":
            room = (self.settings.max_length - 3) // 2
            plain = self._cut(self._ids(strip_diacritics(text)), room)
            return [self._cls, *self._cut(self._ids(text), room), self._sep, *plain, self._sep]
        return [self._cls, *self._cut(self._ids(text), self.settings.max_length - 2), self._sep]

    def _ids(self, text: str) -> list[int]:
        encoded = self.tokenizer(self.settings.text_prefix + text, add_special_tokens=False)
        return list(encoded["input_ids"])

    def _cut(self, ids: list[int], room: int) -> list[int]:
        if len(ids) <= room:
            return ids
        # ... and its latest words, where a growing transcript states the newest facts.
        head = min(self.settings.head_tokens, room)
        return ids[:head] + ids[len(ids) - (room - head) :]

    def batch(self, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
        rows = [self.token_ids(text) for text in texts]
        width = max(len(row) for row in rows)
        input_ids = torch.full((len(rows), width), self._pad, dtype=torch.long)
        attention = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            input_ids[i, : len(row)] = torch.tensor(row)
            attention[i, : len(row)] = 1
        return input_ids, attention


class EncoderModel:
    """A trained TwoHeadClassifier plus its tokenizer and temperatures; implements LabelScorer."""

    kind = "encoder"

    def __init__(
        self, network: TwoHeadClassifier, inputs: TextEncoderInput, batch_size: int = 32
    ) -> None:
        self.network = network.eval()
        self.inputs = inputs
        self.batch_size = batch_size

    @property
    def settings(self) -> EncoderSettings:
        return self.network.settings

    def logits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        type_parts, urgency_parts = [], []
        # int8 activations are scaled per batch: one text at a time gives every call the same
        # answer whatever else is classified beside it.
        batch_size = 1 if self.settings.quantized else self.batch_size
        # Sorting by length keeps padding small in big batches; the order is restored below.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = [texts[i] for i in order[start : start + batch_size]]
                type_logits, urgency_logits = self.network(*self.inputs.batch(chunk))
                type_parts.append(type_logits.float().numpy())
                urgency_parts.append(urgency_logits.float().numpy())
        restore = np.argsort(order)
        return (np.concatenate(type_parts)[restore], np.concatenate(urgency_parts)[restore])

    def predict_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if not texts:
            return np.zeros((0, self.settings.n_types)), np.zeros((0, self.settings.n_urgencies))
        type_logits, urgency_logits = self.logits(texts)
        t_type, t_urgency = self.settings.temperatures
        return softmax(type_logits, t_type), softmax(urgency_logits, t_urgency)

    def with_temperatures(self, temperatures: tuple[float, float]) -> None:
        self.network.settings = replace(self.settings, temperatures=temperatures)

    def quantized(self) -> EncoderModel:
        """This model with its encoder's linear layers in int8 (the heads stay float)."""
        network = copy.deepcopy(self.network)
        network.encoder = _quantize(network.encoder)
        network.settings = replace(self.settings, quantized=True)
        return EncoderModel(network, self.inputs, self.batch_size)

    def save(self, directory: Path) -> None:
        encoder_dir = directory / ENCODER_SUBDIR
        if self.settings.quantized:
            encoder_dir.mkdir(parents=True, exist_ok=True)
            self.network.encoder.config.save_pretrained(encoder_dir)
            torch.save(self.network.state_dict(), directory / QUANTIZED_FILE)
        else:
            self.network.encoder.save_pretrained(encoder_dir)
            torch.save(self.network.heads_state(), directory / HEADS_FILE)
        self.inputs.tokenizer.save_pretrained(encoder_dir)
        (directory / CONFIG_FILE).write_text(json.dumps(asdict(self.settings), indent=2))

    @classmethod
    def load(cls, directory: Path) -> EncoderModel:
        raw = json.loads((directory / CONFIG_FILE).read_text())
        raw["temperatures"] = tuple(raw["temperatures"])
        settings = EncoderSettings(**raw)
        if settings.quantized:
            return cls._load_quantized(directory, settings)
        network, inputs = build_network(directory / ENCODER_SUBDIR, settings)
        heads = torch.load(directory / HEADS_FILE, map_location="cpu", weights_only=True)
        missing, unexpected = network.load_state_dict(heads, strict=False)
        if unexpected or any(not key.startswith("encoder.") for key in missing):
            raise ValueError(f"{directory / HEADS_FILE} does not match the encoder heads")
        return cls(network, inputs)

    @classmethod
    def _load_quantized(cls, directory: Path, settings: EncoderSettings) -> EncoderModel:
        encoder_dir = directory / ENCODER_SUBDIR
        tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir), local_files_only=True)
        config = AutoConfig.from_pretrained(str(encoder_dir), local_files_only=True)
        network = TwoHeadClassifier(AutoModel.from_config(config), settings)
        network.encoder = _quantize(network.encoder)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*quantiz.*", category=UserWarning)
            warnings.filterwarnings("ignore", message="TypedStorage", category=UserWarning)
            state = torch.load(directory / QUANTIZED_FILE, map_location="cpu", weights_only=True)
            network.load_state_dict(state)
        return cls(network, TextEncoderInput(tokenizer, settings))


def _quantize(encoder: nn.Module) -> nn.Module:
    # torch.ao's eager dynamic quantisation is deprecated in favour of torchao, but it is what
    # the pinned torch 2.13 runs fastest on a CPU; the warnings say so at every load.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*quantiz.*", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*quantiz.*", category=UserWarning)
        warnings.filterwarnings(
            "ignore", message="TypedStorage is deprecated", category=UserWarning
        )
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        return quantize_dynamic(encoder, {nn.Linear: per_channel_dynamic_qconfig})


def build_network(
    encoder_dir: Path, settings: EncoderSettings
) -> tuple[TwoHeadClassifier, TextEncoderInput]:
    """Any local Hugging Face encoder directory (BERT, PhoBERT, XLM-R, e5 ...) with fresh heads."""
    # stderr belongs to our own progress bars and logs
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # transformers API
    tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir), local_files_only=True)
    encoder = AutoModel.from_pretrained(str(encoder_dir), local_files_only=True)
    return TwoHeadClassifier(encoder, settings), TextEncoderInput(tokenizer, settings)
