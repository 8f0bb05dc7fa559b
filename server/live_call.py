"""One streaming call: its audio queue, pipeline, recordings, voices and listeners.

Owns its resources and releases them in `finally`; never parses a socket and never decides
anything about the queue: it hands its events to the registry (server/live_calls.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from server.recorder import CallRecorder
from server.speaker_channel import SpeakerChannel
from server.store import CallRecord
from speech.messages import SAMPLE_RATE, AudioChunk, TranscriptSegment
from triage.pipeline import CallPipeline, PipelineEvent

if TYPE_CHECKING:
    from server.live_calls import LiveCallRegistry

log = logging.getLogger(__name__)

AUDIO_QUEUE_CHUNKS = 500  # ~10 s of 20 ms frames; beyond it the sender is slowed, never dropped
_END = object()


class CallRejected(Exception):
    """A call could not start (bad id, id in use); the message tells the sender what to fix."""


class CallSink(Protocol):
    """How a call talks back to whoever sends its audio. Every method returns at once.

    This is the one outbound-audio interface of a call: the bot and the dispatcher both speak
    through it, and a new line (SIP/RTP, AudioSocket) only implements it.
    """

    def send_event(self, message: dict[str, Any]) -> None: ...

    def send_audio(self, samples: np.ndarray, speaker: str = "bot") -> None:
        """Speech for the caller, 16 kHz mono float32; the sink converts it to the line's
        format. `speaker`: "bot" (queued sentences) or "dispatcher" (a live voice)."""
        ...

    def clear_audio(self) -> None:
        """Drop audio not yet played (barge-in)."""
        ...


class CallListener(Protocol):
    """Someone listening to a call (a dispatcher's console): hears every voice on it."""

    def hear(self, samples: np.ndarray, speaker: str) -> None:
        """16 kHz mono float32 of `speaker` ("caller", "bot", "dispatcher"). Returns at once."""
        ...


class CallObserver:
    """Hook for a per-call participant such as the callbot; every method is optional.

    Methods run on the event loop inside the call's own task: keep them quick and put model
    work in the executor. Exceptions are logged and never end the call.
    """

    async def on_start(self, call: LiveCall) -> None: ...

    async def on_audio(self, call: LiveCall, chunk: AudioChunk) -> None: ...

    async def on_event(self, call: LiveCall, event: PipelineEvent) -> None: ...

    async def on_status(self, call: LiveCall, status: str) -> None: ...

    async def on_mark(self, call: LiveCall, name: str | None) -> None:
        """A Twilio line finished playing bot audio up to the mark `name`."""

    async def on_end(self, call: LiveCall) -> None: ...


ObserverFactory = Callable[["LiveCall"], CallObserver | None]


class LiveCall:
    """One streaming call. Ingestion calls push_audio() and end(); the call runs itself."""

    def __init__(
        self,
        registry: LiveCallRegistry,
        record: CallRecord,
        pipeline: CallPipeline,
        recorder: CallRecorder,
        sink: CallSink,
    ) -> None:
        self.registry = registry
        self.record = record
        self.pipeline = pipeline
        self.sink = sink
        self.observer: CallObserver | None = None
        self._recorder = recorder
        self._audio: asyncio.Queue[Any] = asyncio.Queue(AUDIO_QUEUE_CHUNKS)
        self._samples_in = 0
        self._ending = False
        self._task: asyncio.Task[None] | None = None
        self.error: str | None = None
        self.listeners: set[CallListener] = set()
        self._speakers: dict[str, SpeakerChannel] = {}
        self.ended = asyncio.Event()  # set once the call has wound down

    @property
    def call_id(self) -> str:
        return self.record.call_id

    @property
    def done(self) -> bool:
        return self._task is not None and self._task.done()

    @property
    def call_time(self) -> float:
        return self._samples_in / SAMPLE_RATE

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"call-{self.call_id}")

    async def push_audio(self, samples: np.ndarray) -> None:
        """16 kHz mono float32 from the line. Waits only when the call is ~10 s behind."""
        if self._ending or self.done or len(samples) == 0:
            return
        chunk = AudioChunk(samples, self._samples_in / SAMPLE_RATE)
        self._samples_in += len(samples)
        self._recorder.write(samples)
        self._tell_listeners(samples, "caller")
        await self._notify("on_audio", chunk)
        await self._audio.put(chunk)

    async def end(self, reason: str) -> None:
        """Stop taking audio, finish recognition, persist; waits until the call has wound down."""
        if not self._ending:
            self._ending = True
            self.record.end_reason = reason
            if not self.done:
                await self._audio.put(_END)
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    # ---- hooks for participants (the callbot, a dispatcher's voice)
    def send_audio(self, samples: np.ndarray, speaker: str) -> None:
        """Speech for the caller on whatever line the call came in; listeners hear it too."""
        if self.done:
            return
        self.sink.send_audio(samples, speaker)
        self._tell_listeners(samples, speaker)

    def send_bot_audio(self, samples: np.ndarray) -> None:
        self.send_audio(samples, "bot")

    def clear_bot_audio(self) -> None:
        self.sink.clear_audio()

    def speak(self, samples: np.ndarray, speaker: str = "dispatcher") -> None:
        """A human's live voice: to the caller, recorded and transcribed as `speaker`."""
        if self._ending or self.done or len(samples) == 0:
            return
        self.send_audio(samples, speaker)
        channel = self._speakers.get(speaker)
        if channel is None:
            channel = self.registry.speaker_channel(self, speaker)
            self._speakers[speaker] = channel
        channel.push(samples, self.call_time)

    def speaker_recording(self, speaker: str) -> Path | None:
        channel = self._speakers.get(speaker)
        return channel.recording if channel is not None else None

    def _tell_listeners(self, samples: np.ndarray, speaker: str) -> None:
        for listener in list(self.listeners):
            try:
                listener.hear(samples, speaker)
            except Exception:
                log.exception("a listener of call %s failed", self.call_id)
                self.listeners.discard(listener)

    async def add_bot_segment(self, segment: TranscriptSegment) -> None:
        """Record what the bot said (speaker "bot") in the transcript everyone sees."""
        events = await self.pipeline.add_text(replace(segment, speaker="bot"))
        await self.registry.handle_events(self, events)

    async def _run(self) -> None:
        try:
            await self._notify("on_start")
            while True:
                first = await self._audio.get()
                if first is _END:
                    break
                chunks, ended = [first], False
                # Take everything already waiting: one step over it all (a late call catches up).
                while not self._audio.empty():
                    item = self._audio.get_nowait()
                    if item is _END:
                        ended = True
                        break
                    chunks.append(item)
                merged = AudioChunk(np.concatenate([c.samples for c in chunks]), chunks[0].start)
                await self.registry.handle_events(self, await self.pipeline.push(merged))
                if ended:
                    break
            await self.registry.handle_events(self, await self.pipeline.finish())
            for channel in list(self._speakers.values()):
                await channel.close()
        except Exception as error:
            log.exception("call %s failed", self.call_id)
            self.error = f"internal error while processing the call: {error}"
            self.record.end_reason = "error"
            self.sink.send_event({"type": "error", "message": self.error})
        finally:
            self._ending = True
            # Unblock an ingestion task waiting on a full queue: nobody will read it any more.
            while not self._audio.empty():
                self._audio.get_nowait()
            self._recorder.close()
            for channel in self._speakers.values():
                channel.abort()  # no-op when closed above
            await self._notify("on_end")
            self.registry.call_ended(self)
            self.ended.set()

    async def _notify(self, method: str, *args: Any) -> None:
        if self.observer is None:
            return
        try:
            await getattr(self.observer, method)(self, *args)
        except Exception:
            log.exception("observer %s of call %s failed", method, self.call_id)
