"""A second voice on a live call (the dispatcher): recorded and transcribed as its own speaker.

Owns that voice's recording and recogniser; never classifies (only the caller's words are
triaged) and never sends audio anywhere: the call decides where the voice goes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from server.recorder import CallRecorder
from speech.messages import SAMPLE_RATE, AudioChunk, TranscriptSegment
from speech.protocols import StreamingRecognizer

log = logging.getLogger(__name__)

STEP_SECONDS = 0.5  # recognition steps, as for the caller
UTTERANCE_BASE = 2_000_000  # ids never collide with the caller's or the bot's
# A hole longer than this (muted, reconnecting) is written as silence so the recording keeps
# call time: second t of this file is second t of the caller's recording.
ALIGN_SLACK_SECONDS = 0.1


def recording_path(call_recording: Path, speaker: str) -> Path:
    """`var/recordings/<call>.wav` -> `var/recordings/<call>.<speaker>.wav`."""
    return call_recording.with_name(f"{call_recording.stem}.{speaker}.wav")


class SpeakerChannel:
    """Feed it the voice with the call time it was heard at; segments go to `on_segments`."""

    def __init__(
        self,
        speaker: str,
        recognizer: StreamingRecognizer,
        recorder: CallRecorder,
        executor: Executor,
        on_segments: Callable[[list[TranscriptSegment]], Any],
    ) -> None:
        self.speaker = speaker
        self._recognizer = recognizer
        self._recorder = recorder
        self._executor = executor
        self._on_segments = on_segments
        self._pending_seconds = 0.0
        self._step: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def recording(self) -> Path:
        return self._recorder.path

    def push(self, samples: np.ndarray, call_time: float) -> None:
        """Record and queue for recognition; never waits (a step runs in the background)."""
        if self._closed or len(samples) == 0:
            return
        behind = call_time - self._recorder.seconds
        if behind > ALIGN_SLACK_SECONDS:
            self._recorder.write(np.zeros(int(behind * SAMPLE_RATE), dtype=np.float32))
        start = max(call_time, self._recorder.seconds)
        self._recorder.write(samples)
        self._recognizer.insert_audio(AudioChunk(samples, start))
        self._pending_seconds += len(samples) / SAMPLE_RATE
        if self._pending_seconds >= STEP_SECONDS and (self._step is None or self._step.done()):
            self._pending_seconds = 0.0
            self._step = asyncio.create_task(self._run(self._recognizer.process))

    async def close(self) -> None:
        """End of the voice: commit the open utterance, close the recording."""
        if self._closed:
            return
        self._closed = True
        if self._step is not None:
            await asyncio.gather(self._step, return_exceptions=True)
        await self._run(self._recognizer.finish)
        self._recorder.close()

    def abort(self) -> None:
        """The call failed: keep what was recorded, recognise nothing more."""
        self._closed = True
        if self._step is not None:
            self._step.cancel()
        self._recorder.close()

    async def _run(self, work: Callable[[], list[TranscriptSegment]]) -> None:
        loop = asyncio.get_running_loop()
        try:
            segments = await loop.run_in_executor(self._executor, work)
        except Exception:
            log.exception("recognising the %s's voice failed", self.speaker)
            return
        mine = [
            replace(s, speaker=self.speaker, utterance_id=UTTERANCE_BASE + s.utterance_id)
            for s in segments
        ]
        if mine:
            await self._on_segments(mine)
