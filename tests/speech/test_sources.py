"""FileSource: one AudioChunk stream for a file, paced in (virtual) real time or flat out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from speech.audio import AudioDecodeError
from speech.messages import SAMPLE_RATE
from speech.phone_audio import write_phone_wav
from speech.sources import FileSource


@pytest.fixture
def phone_file(tmp_path: Path) -> Path:
    tone = 0.3 * np.sin(2 * np.pi * 440 * np.arange(SAMPLE_RATE) / SAMPLE_RATE)
    return write_phone_wav(tmp_path / "tone.wav", tone.astype(np.float32))


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_chunks_tile_the_file_in_call_time(phone_file: Path) -> None:
    source = FileSource(phone_file, chunk_seconds=0.02)
    chunks = [chunk async for chunk in source]
    assert abs(source.duration - 1.0) < 0.01
    assert chunks[0].start == 0.0
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.start == pytest.approx(before.end)
    assert np.array_equal(np.concatenate([c.samples for c in chunks]), source.samples)


async def test_realtime_pacing_waits_for_each_chunk_to_have_been_spoken(phone_file) -> None:
    time = VirtualTime()
    source = FileSource(phone_file, chunk_seconds=0.1, realtime=True, sleep=time.sleep,
                        clock=time.clock)  # fmt: skip
    async for chunk in source:
        assert time.now == pytest.approx(chunk.end)  # available once its audio has played
    assert time.now == pytest.approx(source.duration)


async def test_a_slow_consumer_does_not_drift(phone_file) -> None:
    time = VirtualTime()
    source = FileSource(phone_file, chunk_seconds=0.1, realtime=True, sleep=time.sleep,
                        clock=time.clock)  # fmt: skip
    async for _chunk in source:
        time.now += 0.15  # the consumer takes longer than a chunk: no sleeping, catch up
    assert time.now == pytest.approx(0.1 + 10 * 0.15)  # only the first chunk was waited for


def test_a_bad_file_fails_before_the_call_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"OggS" + b"\x00" * 100)
    with pytest.raises(AudioDecodeError):
        FileSource(bad)
