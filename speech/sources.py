"""Audio sources: every input is an async iterator of AudioChunk (call time, 16 kHz float32).

A source only decodes and paces; it never runs a model and never knows who consumes it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import numpy as np

from speech.audio import load_audio_file
from speech.messages import SAMPLE_RATE, AudioChunk

Sleep = Callable[[float], Awaitable[object]]


class FileSource:
    """Plays an audio file as a call: chunks of `chunk_seconds`, call time from 0.

    `realtime=True` paces chunks like a live line (sleeping with the injected `sleep`, so a
    test can use virtual time); `realtime=False` yields as fast as the consumer takes them.
    Call time is the same either way. The file is decoded on construction, so a bad file fails
    before the call starts.
    """

    def __init__(
        self,
        path: str | Path,
        chunk_seconds: float = 0.02,
        realtime: bool = False,
        sleep: Sleep | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if chunk_seconds <= 0:
            raise ValueError(f"chunk_seconds must be positive, got {chunk_seconds}")
        self.path = Path(path)
        self.samples = load_audio_file(self.path)
        self._chunk = max(1, int(round(chunk_seconds * SAMPLE_RATE)))
        self._realtime = realtime
        self._sleep = sleep
        self._clock = clock

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def __aiter__(self) -> AsyncIterator[AudioChunk]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[AudioChunk]:
        import asyncio
        import time

        sleep = self._sleep or asyncio.sleep
        clock = self._clock or time.monotonic
        started = clock()
        for first in range(0, len(self.samples), self._chunk):
            samples = self.samples[first : first + self._chunk]
            chunk = AudioChunk(np.ascontiguousarray(samples), first / SAMPLE_RATE)
            if self._realtime:
                # Pace against the start time, not chunk by chunk, so slow consumers do not drift.
                delay = started + chunk.end - clock()
                if delay > 0:
                    await sleep(delay)
            else:
                await sleep(0)  # let other calls run between chunks
            yield chunk
