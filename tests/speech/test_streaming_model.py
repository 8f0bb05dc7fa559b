"""Streaming with the real model, driven like CallPipeline: finals match the offline text.

Measured 2026-11-29 on the two-utterance espeak call: streamed finals equal the offline
transcript (CER 0.00 between them, 16 kHz and 8 kHz mu-law); the limit leaves 0.05 margin.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from speech.messages import SAMPLE_RATE, AudioChunk, SegmentKind
from speech.streaming import StreamingTranscriber
from triage.replay.metrics import character_error_rate

pytestmark = pytest.mark.slow

STREAM_VS_OFFLINE_CER_LIMIT = 0.05


async def _stream(transcriber, audio: np.ndarray) -> list:
    """Chunks of 20 ms, a step every 0.5 s of audio in a worker thread (as CallPipeline)."""
    clock_box = [0.0]
    recognizer = StreamingTranscriber(transcriber, lambda: clock_box[0])
    loop = asyncio.get_running_loop()
    segments = []
    with ThreadPoolExecutor(max_workers=1) as executor:
        chunk = int(0.02 * SAMPLE_RATE)
        for index, first in enumerate(range(0, len(audio), chunk)):
            piece = AudioChunk(audio[first : first + chunk], first / SAMPLE_RATE)
            recognizer.insert_audio(piece)
            clock_box[0] = piece.end
            if index % 25 == 24:
                segments += await loop.run_in_executor(executor, recognizer.process)
        segments += await loop.run_in_executor(executor, recognizer.finish)
    return segments


def _final_text(segments) -> str:
    return " ".join(s.text for s in segments if s.kind is SegmentKind.FINAL and s.text)


@pytest.mark.parametrize("line", ["16k", "phone"])
async def test_streamed_finals_match_the_offline_transcript(
    transcriber, two_utterance_call, two_lines, phone, line
) -> None:
    audio = two_utterance_call if line == "16k" else phone(two_utterance_call)
    offline = " ".join(s.text for s in transcriber.transcribe(audio))
    segments = await _stream(transcriber, audio)
    streamed = _final_text(segments)
    assert character_error_rate(offline, streamed) <= STREAM_VS_OFFLINE_CER_LIMIT, (
        offline,
        streamed,
    )
    finals = [s for s in segments if s.kind is SegmentKind.FINAL]
    assert len(finals) == 2
    assert any(s.kind is SegmentKind.PARTIAL for s in segments)
    # Only guarded text: none of the refused phrases leaked into what was emitted.
    for suppressed in transcriber.guard.check(streamed, start=0, end=1).suppressed:
        pytest.fail(f"emitted text the guard refuses: {suppressed}")


async def test_silence_and_noise_stream_to_nothing(transcriber, quiet_clips) -> None:
    for quiet in quiet_clips.values():
        assert await _stream(transcriber, quiet) == []
