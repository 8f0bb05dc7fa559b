"""Runs recorded calls through the live CallPipeline, several at once on one shared executor,
in simulated call time (as fast as the machine allows) or paced at wall-clock speed.

Never touches sockets or the server's database, and never loads a model: they are passed in.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from classifiers.messages import Classification, Classifier
from speech.audio import AudioDecodeError
from speech.messages import AudioChunk, Clock, SuppressedText, TranscriptSegment
from speech.protocols import StreamingRecognizer, Transcriber
from triage.pipeline import CallPipeline, PipelineEvent, TriageUpdate
from triage.replay.metrics import (
    CallScore,
    character_error_rate,
    time_to_correct,
    word_error_rate,
)
from triage.replay.recordings import Recording

log = logging.getLogger(__name__)

RecognizerFactory = Callable[[Clock], StreamingRecognizer]
"""Builds one call's streaming recogniser around that call's clock."""

AudioSourceFactory = Callable[[Path, bool], AsyncIterator[AudioChunk]]
"""(path, realtime) -> the call's audio as AudioChunks; raises AudioDecodeError if unreadable."""


def file_audio_source(path: Path, realtime: bool) -> AsyncIterator[AudioChunk]:
    """A recorded call's audio in 20 ms AudioChunks, as a phone gateway delivers it."""
    from speech.sources import FileSource

    return aiter(FileSource(path, chunk_seconds=0.02, realtime=realtime))


def streaming_recognizers(transcriber: Transcriber, partials: bool = True) -> RecognizerFactory:
    """Each call gets its own streaming policy around the one shared Transcriber.

    Without partials the finals, and so every label and its call time, are the same (only
    finals are classified) for much less decoding: a quick accuracy pass over many calls.
    """
    from speech.streaming import StreamingTranscriber

    if partials:
        return lambda clock: StreamingTranscriber(transcriber, clock)  # type: ignore[arg-type]
    return lambda clock: StreamingTranscriber(  # type: ignore[arg-type]
        transcriber,
        clock,
        partial_interval=1e7,  # never, in any real call
    )


class CallClock:
    """Call time of one replayed call, in seconds from its first sample.

    Simulated: the end of the audio delivered so far, so an event is stamped with the call time
    at which a machine that keeps up would have shown it. Real time: wall seconds since start.
    """

    def __init__(self, realtime: bool) -> None:
        self._realtime = realtime
        self._started: float | None = None
        self._audio_end = 0.0

    def audio_arrived(self, chunk: AudioChunk) -> None:
        if self._started is None:
            # Call time 0 is when the line started delivering, not when the file began decoding.
            self._started = time.monotonic() - chunk.end
        self._audio_end = max(self._audio_end, chunk.end)

    def __call__(self) -> float:
        if not self._realtime:
            return self._audio_end
        return 0.0 if self._started is None else time.monotonic() - self._started


@dataclass(slots=True)
class CallReplay:
    """Everything one replayed call produced, in call-time order."""

    recording: Recording
    audio_seconds: float = 0.0
    events: list[PipelineEvent] = field(default_factory=list)
    final: Classification | None = None
    transcript: str = ""
    suppressed: list[SuppressedText] = field(default_factory=list)
    wall_seconds: float = 0.0
    slowest_step_seconds: float = 0.0  # longest wall time one recognition step took
    error: str | None = None

    @property
    def call_id(self) -> str:
        return self.recording.call_id

    @property
    def updates(self) -> list[TriageUpdate]:
        return [e for e in self.events if isinstance(e, TriageUpdate)]

    @property
    def segments(self) -> list[TranscriptSegment]:
        return [e for e in self.events if isinstance(e, TranscriptSegment)]

    def time_to_correct(self, label: str) -> float | None:
        """Call time from which `label` ("type", "urgency" or "triage" = both) was right to the
        end; None when unlabelled or wrong at the end."""
        reference = self.recording.reference
        if reference is None or reference.incident_type is None or reference.urgency is None:
            return None
        changes: list[tuple[float, str]] = []
        for update in self.updates:
            c = update.classification
            value = {
                "type": c.incident_type.value,
                "urgency": c.urgency.value,
                "triage": f"{c.incident_type.value}/{c.urgency.value}",
            }[label]
            changes.append((update.emitted_at, value))
        truth = {
            "type": reference.incident_type.value,
            "urgency": reference.urgency.value,
            "triage": f"{reference.incident_type.value}/{reference.urgency.value}",
        }[label]
        return time_to_correct(changes, truth, self.audio_seconds)

    def score(self) -> CallScore:
        reference = self.recording.reference
        predicted_type = self.final.incident_type.value if self.final else None
        predicted_urgency = self.final.urgency.value if self.final else None
        if reference is None:
            return CallScore(self.audio_seconds, None, predicted_type, None, predicted_urgency)
        cer = wer = None
        if reference.transcript is not None:
            cer = character_error_rate(reference.transcript, self.transcript)
            wer = word_error_rate(reference.transcript, self.transcript)
        time_to_triage = self.time_to_correct("triage")
        delay = None
        if time_to_triage is not None and reference.decisive_time is not None:
            delay = time_to_triage - reference.decisive_time
        return CallScore(
            audio_seconds=self.audio_seconds,
            true_type=reference.incident_type.value if reference.incident_type else None,
            predicted_type=predicted_type,
            true_urgency=reference.urgency.value if reference.urgency else None,
            predicted_urgency=predicted_urgency,
            cer=cer,
            wer=wer,
            time_to_triage=time_to_triage,
            delay_after_decisive=delay,
        )


@dataclass(slots=True)
class BatchReplay:
    calls: list[CallReplay]
    wall_seconds: float
    realtime: bool


class ReplayRunner:
    """Replays calls through CallPipeline; at most `jobs` calls at once, models in `executor`."""

    def __init__(
        self,
        recognizer_factory: RecognizerFactory,
        classifier: Classifier,
        executor: Executor,
        audio_source: AudioSourceFactory,
        *,
        realtime: bool = False,
        jobs: int = 2,
        step_seconds: float = 0.5,
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self._recognizer_factory = recognizer_factory
        self._classifier = classifier
        self._executor = executor
        self._audio_source = audio_source
        self._realtime = realtime
        self._jobs = jobs
        self._step_seconds = step_seconds

    async def replay_all(
        self,
        recordings: Sequence[Recording],
        on_done: Callable[[CallReplay], None] | None = None,
    ) -> BatchReplay:
        """Replay every recording; a broken file is reported in its CallReplay, never raised."""
        slots = asyncio.Semaphore(self._jobs)
        started = time.perf_counter()

        async def one(recording: Recording) -> CallReplay:
            async with slots:
                replay = await self.replay(recording)
            if on_done is not None:
                on_done(replay)
            return replay

        calls = await asyncio.gather(*(one(r) for r in recordings))
        return BatchReplay(list(calls), time.perf_counter() - started, self._realtime)

    async def replay(self, recording: Recording) -> CallReplay:
        """One call, start to end of its audio; decode problems end up in `error`."""
        replay = CallReplay(recording)
        clock = CallClock(self._realtime)
        recognizer = self._recognizer_factory(clock)
        pipeline = CallPipeline(
            recording.call_id,
            recognizer,
            self._classifier,
            self._executor,
            clock,
            step_seconds=self._step_seconds,
        )
        started = time.perf_counter()
        try:
            async for chunk in self._audio_source(recording.path, self._realtime):
                clock.audio_arrived(chunk)
                replay.audio_seconds = max(replay.audio_seconds, chunk.end)
                step_started = time.perf_counter()
                events = await pipeline.push(chunk)
                if events:
                    replay.slowest_step_seconds = max(
                        replay.slowest_step_seconds, time.perf_counter() - step_started
                    )
                replay.events.extend(events)
            if replay.audio_seconds == 0.0:
                raise AudioDecodeError(f"{recording.path} contains no audio")
            replay.events.extend(await pipeline.finish())
        except (AudioDecodeError, OSError) as error:
            replay.error = str(error)
            log.warning("could not replay %s: %s", recording.path, error)
        replay.wall_seconds = time.perf_counter() - started
        replay.final = pipeline.classification
        replay.transcript = pipeline.transcript
        replay.suppressed = list(recognizer.suppressed)
        return replay
