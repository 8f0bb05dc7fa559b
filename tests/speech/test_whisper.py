"""The real bundled Whisper model on short espeak-ng clips: accuracy, silence, phone audio.

Thresholds were measured on this machine (2026-11-29, Whisper base int8, 2 cores) with a
margin: clean 16 kHz CER 0.45 (limit 0.55); the same clip as 8 kHz mu-law phone audio 0.59,
i.e. +0.14 over 16 kHz (limit +0.20); silence and white noise: no text, no decode at all.
"""

from __future__ import annotations

import numpy as np
import pytest

from speech.protocols import Transcriber
from speech.whisper import DecodeOptions
from triage.replay.metrics import character_error_rate

pytestmark = pytest.mark.slow

CLEAN_CER_LIMIT = 0.55
PHONE_CER_MARGIN = 0.20


def _text(transcriber, audio: np.ndarray) -> str:
    return " ".join(segment.text for segment in transcriber.transcribe(audio))


@pytest.fixture(scope="module")
def clean_text(transcriber, clean_clip) -> str:
    return _text(transcriber, clean_clip)


def test_model_name_says_which_model(transcriber) -> None:
    typed: Transcriber = transcriber  # mypy checks the Protocol; the name is for reports
    assert typed.model_name.startswith("whisper:")


def test_clean_espeak_clip_is_transcribed(clean_text, clean_line) -> None:
    cer = character_error_rate(clean_line, clean_text)
    assert cer < CLEAN_CER_LIMIT, (cer, clean_text)


def test_phone_audio_transcribes_like_the_original(
    transcriber, clean_clip, clean_line, clean_text, phone
) -> None:
    phone_text = _text(transcriber, phone(clean_clip))
    wideband = character_error_rate(clean_line, clean_text)
    narrowband = character_error_rate(clean_line, phone_text)
    assert narrowband < wideband + PHONE_CER_MARGIN, (narrowband, wideband, phone_text)


def test_segments_carry_times_inside_the_clip(transcriber, two_utterance_call) -> None:
    segments = transcriber.transcribe(two_utterance_call)
    assert len(segments) == 2
    duration = len(two_utterance_call) / 16_000
    assert 0 <= segments[0].start < segments[0].end <= segments[1].start < segments[1].end
    assert segments[1].end <= duration


def test_silence_and_noise_give_no_text(transcriber, quiet_clips, monkeypatch) -> None:
    decoded = []
    monkeypatch.setattr(transcriber, "decode_window", lambda *a, **k: decoded.append(a))
    for name, quiet in quiet_clips.items():
        recognized, suppressed = transcriber.transcribe_with_suppressed(quiet)
        assert recognized == [] and suppressed == [], name
    assert decoded == []  # the VAD kept Whisper from ever seeing them


def test_short_window_decode_matches_the_padded_30s_window(transcriber, clean_clip, clean_line):
    # The default encodes only the clip padded to 10 s (a third of the CPU of 30 s windows).
    short = transcriber.decode_window(clean_clip)
    padded = transcriber.decode_window(clean_clip, DecodeOptions(pad_to_30s=True))
    assert character_error_rate(clean_line, short.text) <= (
        character_error_rate(clean_line, padded.text) + 0.1
    )
