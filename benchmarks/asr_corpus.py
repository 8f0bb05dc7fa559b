"""Evaluation clips for the speech benchmarks: espeak-ng calls made on the fly and real speech.

Evaluation only: nothing here is ever used to train or tune weights.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.audio import decode_mulaw, load_audio_file
from speech.phone_audio import mulaw_encode, to_phone_band

REALSPEECH_DIR = Path(__file__).resolve().parents[2] / "shared" / "realspeech"

# Short call-like lines in natural spoken Vietnamese (what a caller to 113/114/115 says).
ESPEAK_LINES: tuple[str, ...] = (
    "Alô, tổng đài một một bốn phải không, nhà tôi đang bị cháy, khói nhiều lắm.",
    "Có tai nạn giao thông ở ngã tư Hàng Xanh, một người bị thương nặng đang chảy máu.",
    "Ông tôi tự nhiên ngất xỉu, không thở được, các anh đến nhanh giúp tôi với.",
    "Có hai thanh niên cầm dao đánh nhau trước quán cà phê trên đường Lê Lợi.",
    "Tôi ở số mười hai đường Trần Phú, quận Hải Châu, thành phố Đà Nẵng.",
    "Nước dâng cao quá, cả nhà tôi đang bị kẹt trên mái nhà, có trẻ con nữa.",
    "Số điện thoại của tôi là không chín không một hai ba bốn năm sáu bảy.",
    "Có người đàn ông bị điện giật ở công trường, anh ấy nằm bất động rồi.",
)
ESPEAK_VOICES: tuple[tuple[str, int], ...] = (
    ("vi", 150),
    ("vi-vn-x-central", 165),
    ("vi-vn-x-south", 140),
)


@dataclass(frozen=True, slots=True)
class EvalClip:
    name: str
    reference: str
    audio: np.ndarray  # 16 kHz float32


def phone_version(audio: np.ndarray) -> np.ndarray:
    """What the recogniser gets from a phone line: band-limited 8 kHz mu-law, decoded to 16 kHz."""
    return decode_mulaw(mulaw_encode(to_phone_band(audio)))


def espeak_clips(count: int | None = None) -> list[EvalClip]:
    from speech.tts import EspeakTTS

    clips = []
    for index, line in enumerate(ESPEAK_LINES[:count]):
        voice, speed = ESPEAK_VOICES[index % len(ESPEAK_VOICES)]
        audio = EspeakTTS(voice=voice, speed=speed).synthesize(line)
        clips.append(EvalClip(f"espeak{index}-{voice}", line, audio))
    return clips


def realspeech_clips(count: int, directory: Path = REALSPEECH_DIR) -> list[EvalClip]:
    """The first `count` utterances of transcripts.tsv (a fixed, mixed-speaker subset)."""
    table = directory / "transcripts.tsv"
    if not table.is_file():
        return []
    with open(table, encoding="utf-8") as file:
        rows = list(csv.reader(file, delimiter="\t"))
    # Spread over the file: it is grouped by source, so take every k-th line.
    step = max(1, len(rows) // max(count, 1))
    clips = []
    for name, text in rows[::step][:count]:
        clips.append(EvalClip(name, text, load_audio_file(directory / name)))
    return clips


def silence_padded(audio: np.ndarray, before: float, after: float) -> np.ndarray:
    rate = 16_000
    return np.concatenate(
        [np.zeros(int(before * rate), np.float32), audio, np.zeros(int(after * rate), np.float32)]
    )
