"""One call's live pipeline: audio chunks in, transcript segments and triage updates out.

The same object runs live (server) and in replay; it never touches sockets or the database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from classifiers.messages import Classification, Classifier
from speech.messages import AudioChunk, Clock, TranscriptSegment
from speech.protocols import StreamingRecognizer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TriageUpdate:
    """The call's classification changed (or was first set) after a final segment."""

    call_id: str
    classification: Classification
    call_time: float  # call time (s) of the end of the last final segment it used
    emitted_at: float  # injected wall clock
    previous: Classification | None

    @property
    def escalated(self) -> bool:
        """Urgency rose (e.g. P3 -> P1); the first classification is not an escalation."""
        return (
            self.previous is not None
            and self.classification.urgency.rank < self.previous.urgency.rank
        )


PipelineEvent = TranscriptSegment | TriageUpdate


class CallPipeline:
    """Drives one call's StreamingRecognizer and re-classifies after every final segment.

    Models run in the shared executor, so a slow model delays only its own call. At most one
    recognition step per call is in flight: audio that arrives meanwhile waits in the
    recogniser's buffer and the next step takes it all (a late call drops partials, never finals).
    """

    def __init__(
        self,
        call_id: str,
        recognizer: StreamingRecognizer,
        classifier: Classifier,
        executor: Executor,
        clock: Clock,
        step_seconds: float = 0.5,
    ) -> None:
        self.call_id = call_id
        self._recognizer = recognizer
        self._classifier = classifier
        self._executor = executor
        self._clock = clock
        self._step_seconds = step_seconds
        self._pending_audio = 0.0
        self._final_texts: list[str] = []
        self._last_final_end = 0.0
        self._classification: Classification | None = None
        self._step_lock = asyncio.Lock()

    @property
    def classification(self) -> Classification | None:
        return self._classification

    @property
    def transcript(self) -> str:
        """The committed caller transcript so far."""
        return " ".join(self._final_texts)

    async def push(self, chunk: AudioChunk) -> list[PipelineEvent]:
        """Add audio; runs a recognition step once `step_seconds` of new audio is waiting."""
        self._recognizer.insert_audio(chunk)
        self._pending_audio += chunk.duration
        if self._pending_audio < self._step_seconds or self._step_lock.locked():
            return []
        async with self._step_lock:
            self._pending_audio = 0.0
            segments = await self._run(self._recognizer.process)
            return await self._after_segments(segments)

    async def finish(self) -> list[PipelineEvent]:
        """End of call audio: commit the open utterance and classify the whole transcript."""
        async with self._step_lock:
            segments = await self._run(self._recognizer.finish)
            return await self._after_segments(segments)

    async def add_text(self, segment: TranscriptSegment) -> list[PipelineEvent]:
        """Feed a final segment that did not come from this call's audio (e.g. typed text)."""
        return await self._after_segments([segment])

    async def _after_segments(self, segments: Sequence[TranscriptSegment]) -> list[PipelineEvent]:
        events: list[PipelineEvent] = list(segments)
        finals = [s for s in segments if s.is_final and s.speaker == "caller" and s.text.strip()]
        if finals:
            self._final_texts.extend(s.text.strip() for s in finals)
            self._last_final_end = max(s.end for s in finals)
            text = self.transcript
            classification = await self._run(lambda: self._classifier.classify(text))
            update = TriageUpdate(
                call_id=self.call_id,
                classification=classification,
                call_time=self._last_final_end,
                emitted_at=self._clock(),
                previous=self._classification,
            )
            self._classification = classification
            events.append(update)
        return events

    async def _run(self, work):  # type: ignore[no-untyped-def]
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, work)
