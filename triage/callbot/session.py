"""One call's callbot: listens to the caller's audio and transcript, talks back through a sink.

Joins dialogue, turn-taking and text-to-speech; knows no transport (the server's bridge gives it
an audio sink) and never ends or closes a call: it only stops when a human takes over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from classifiers.messages import Classification
from speech.messages import SAMPLE_RATE, AudioChunk, Clock, SegmentKind, TranscriptSegment
from speech.tts import TextToSpeech
from triage.callbot import prompts
from triage.callbot.dialogue import (
    BotReply,
    CallerSilent,
    CallerTurn,
    CallStarted,
    ClassificationChanged,
    Dialogue,
)
from triage.callbot.turn_taking import SpeechStarted, TurnDetector, TurnEnded
from triage.pipeline import PipelineEvent, TriageUpdate

log = logging.getLogger(__name__)

BOT_UTTERANCE_BASE = 1_000_000  # bot segment ids never collide with the recogniser's


class BotAudioSink(Protocol):
    """Where the bot's voice goes: the call's own path back to the caller."""

    async def play(self, audio: np.ndarray, utterance_id: int) -> None:
        """Queue 16 kHz mono float32 audio for the caller (returns once handed to the path)."""
        ...

    async def clear(self) -> None:
        """Drop every bit of bot audio not yet played (barge-in)."""
        ...


@dataclass(frozen=True, slots=True)
class SessionParams:
    silence_timeout_seconds: float = 7.0  # caller silence after the bot spoke -> re-prompt
    final_wait_seconds: float = 4.0  # how long a finished turn waits for its transcript
    transcript_slack_seconds: float = 0.4  # a final ending this close to the turn end covers it
    # A sentence is sent when the one before has this much call time left to play: the line
    # never holds more than ~one sentence, so barge-in has little to clear and the transcript
    # shows only what was really sent.
    send_ahead_seconds: float = 0.5
    acknowledge: bool = True  # say "Vâng." at once when a turn ends before its transcript


@dataclass
class SessionStats:
    """What happened, for tests and the benchmark."""

    replies: list[BotReply] = field(default_factory=list)
    turns: list[TurnEnded] = field(default_factory=list)
    barge_ins: list[float] = field(default_factory=list)  # call time of the caller's speech
    barge_in_delays: list[float] = field(default_factory=list)  # wall s, speech seen -> cleared
    hand_off_at: float | None = None  # call time


class CallbotSession:
    """The per-call participant the server attaches when the overflow policy says so.

    Feed it every audio chunk (`on_audio`) and every pipeline event (`on_events`). Replies are
    spoken in order; caller speech while the bot is talking clears the bot's audio at once.
    """

    def __init__(
        self,
        call_id: str,
        trunk: str,
        *,
        tts: TextToSpeech,
        turns: TurnDetector,
        sink: BotAudioSink,
        executor: Executor,
        clock: Clock,
        on_bot_segment: Callable[[TranscriptSegment], Awaitable[None]],
        on_hand_off: Callable[[], Awaitable[None]],
        params: SessionParams | None = None,
    ) -> None:
        self.call_id = call_id
        self.trunk = trunk
        self.dialogue = Dialogue()
        self.params = params or SessionParams()
        self.stats = SessionStats()
        self._tts = tts
        self._turns = turns
        self._sink = sink
        self._executor = executor
        self._clock = clock
        self._on_bot_segment = on_bot_segment
        self._on_hand_off = on_hand_off
        self._now = 0.0  # call time of the latest caller audio
        self._speaking_until = 0.0  # call time when queued bot audio ends
        self._last_activity = 0.0  # call time of the last caller speech or bot audio end
        self._caller_finals: list[TranscriptSegment] = []
        self._partial: TranscriptSegment | None = None  # the open utterance's latest partial
        self._new_final = asyncio.Event()
        self._classification: Classification | None = None
        self._speak_lock = asyncio.Lock()  # one reply at a time, in order
        self._audio_queue: asyncio.Queue[AudioChunk] = asyncio.Queue(maxsize=500)
        self._tasks: set[asyncio.Task[None]] = set()
        self._next_bot_id = BOT_UTTERANCE_BASE
        self._stopped = False
        self._caller_talking = False
        self._generation = 0  # bumped by barge-in: a reply being spoken stops sending
        self._time_moved = asyncio.Event()  # set whenever call time advances
        self._ack: np.ndarray | None = None

    @property
    def active(self) -> bool:
        return not self._stopped

    @property
    def speaking(self) -> bool:
        return self._now < self._speaking_until

    async def start(self) -> None:
        """Starts listening and greeting; returns at once (the call's own loop must not wait)."""
        self._spawn(self._audio_loop())
        self._spawn(self._speak_under_lock(lambda: self.dialogue.handle(CallStarted(self.trunk))))

    async def stop(self) -> None:
        """A human took over (or the call ended): silence the bot and stop listening."""
        if self._stopped:
            return
        self._stopped = True
        if self.speaking:
            await self._sink.clear()
            self._speaking_until = self._now
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def on_audio(self, chunk: AudioChunk) -> None:
        """Every caller chunk, as it arrives (cheap: the detector runs in its own task)."""
        if self._stopped:
            return
        try:
            self._audio_queue.put_nowait(chunk)
        except asyncio.QueueFull:
            # Turn-taking fell 10 s behind: drop the oldest audio rather than stall the call.
            self._audio_queue.get_nowait()
            self._audio_queue.put_nowait(chunk)

    async def on_events(self, events: list[PipelineEvent]) -> None:
        """Transcript segments and triage updates of this call from the pipeline."""
        if self._stopped:
            return
        for event in events:
            if isinstance(event, TranscriptSegment) and event.speaker == "caller":
                if event.is_final and event.text.strip():
                    self._caller_finals.append(event)
                    self._partial = None
                    self._new_final.set()
                elif not event.is_final and event.text.strip():
                    self._partial = event
            elif isinstance(event, TriageUpdate):
                self._classification = event.classification
                if not self._turns.in_turn and not self._speak_lock.locked():
                    self._spawn(self._on_classification(event.classification))

    # -- audio side --------------------------------------------------------------------------

    async def _audio_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            chunks = [await self._audio_queue.get()]
            while not self._audio_queue.empty():
                chunks.append(self._audio_queue.get_nowait())
            merged = AudioChunk(np.concatenate([c.samples for c in chunks]), chunks[0].start)
            seen_at = self._clock()
            events = await loop.run_in_executor(self._executor, self._turns.push, merged)
            self._now = max(self._now, merged.end)
            self._time_moved.set()
            for event in events:
                if isinstance(event, SpeechStarted):
                    self._caller_talking = True
                    await self._on_speech_started(event, seen_at)
                elif isinstance(event, TurnEnded):
                    self._caller_talking = False
                    self._last_activity = event.end
                    self.stats.turns.append(event)
                    self._spawn(self._on_turn_end(event))
            if not self._caller_talking:
                await self._check_silence()

    async def _on_speech_started(self, event: SpeechStarted, seen_at: float) -> None:
        if event.call_time < self._speaking_until:
            # Barge-in: the caller talks over the bot, so the bot stops and listens.
            self._generation += 1
            await self._sink.clear()
            self._speaking_until = event.call_time
            self.stats.barge_ins.append(event.call_time)
            self.stats.barge_in_delays.append(self._clock() - seen_at)
        self._last_activity = event.call_time

    async def _check_silence(self) -> None:
        quiet_since = max(self._last_activity, self._speaking_until)
        if self._speak_lock.locked() or self.speaking:
            return
        if self._now - quiet_since >= self.params.silence_timeout_seconds:
            self._last_activity = self._now
            self._spawn(self._speak_under_lock(lambda: self.dialogue.handle(CallerSilent())))

    # -- turns -------------------------------------------------------------------------------

    async def _on_turn_end(self, turn: TurnEnded) -> None:
        async with self._speak_lock:
            acknowledged = False
            if self.params.acknowledge and not self._covered(turn) and not self._stopped:
                # Recognition needs a moment: a short "Vâng." tells the caller they were heard,
                # as a human call-taker would, while the transcript and classification land.
                await self._say(prompts.ACK, await self._ack_audio())
                acknowledged = True
            await self._wait_for_transcript(turn)
            if self._stopped or self._caller_talking:
                return  # the caller went on: the longer turn's end answers all of it
            taken, self._caller_finals = self._caller_finals, []
            text = " ".join(s.text.strip() for s in taken)
            if not text and self._partial is not None and self._partial.end >= turn.start:
                text = self._partial.text  # the final is late: answer what was heard so far
            self._partial = None
            reply = self.dialogue.handle(CallerTurn(text, self._classification))
            if acknowledged and reply.sentences[:1] == (prompts.ACK,):
                reply = replace(reply, sentences=reply.sentences[1:])
            await self._respond(reply)

    def _covered(self, turn: TurnEnded) -> bool:
        covered = turn.end - self.params.transcript_slack_seconds
        return any(s.end >= covered for s in self._caller_finals)

    async def _ack_audio(self) -> np.ndarray:
        if self._ack is None:
            loop = asyncio.get_running_loop()
            self._ack = await loop.run_in_executor(
                self._executor, self._tts.synthesize, prompts.ACK
            )
        return self._ack

    async def _wait_for_transcript(self, turn: TurnEnded) -> None:
        """Until a caller final covers this turn's end, or `final_wait_seconds` passed."""
        deadline = self._clock() + self.params.final_wait_seconds
        while not self._covered(turn):
            remaining = deadline - self._clock()
            if remaining <= 0 or self._caller_talking or self._stopped:
                return
            self._new_final.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_final.wait(), timeout=min(remaining, 0.1))

    async def _on_classification(self, classification: Classification) -> None:
        await self._speak_under_lock(
            lambda: self.dialogue.handle(ClassificationChanged(classification))
        )

    async def _speak_under_lock(self, decide: Callable[[], BotReply]) -> None:
        async with self._speak_lock:
            if not self._stopped:
                await self._respond(decide())

    # -- speaking ----------------------------------------------------------------------------

    async def _respond(self, reply: BotReply) -> None:
        self.stats.replies.append(reply)
        if reply.hand_off and self.stats.hand_off_at is None:
            self.stats.hand_off_at = self._now
            await self._on_hand_off()
        loop = asyncio.get_running_loop()
        generation = self._generation
        for sentence in reply.sentences:
            audio = await loop.run_in_executor(self._executor, self._tts.synthesize, sentence)
            await self._until_line_drains(generation)
            if self._stopped or generation != self._generation:
                return  # the caller barged in: the rest of this reply is not said
            await self._say(sentence, audio)

    async def _until_line_drains(self, generation: int) -> None:
        while (
            self._speaking_until - self._now > self.params.send_ahead_seconds
            and not self._stopped
            and generation == self._generation
        ):
            self._time_moved.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._time_moved.wait(), timeout=1.0)

    async def _say(self, sentence: str, audio: np.ndarray) -> None:
        start = max(self._now, self._speaking_until)
        end = start + len(audio) / SAMPLE_RATE
        self._speaking_until = end
        utterance_id = self._next_bot_id
        self._next_bot_id += 1
        await self._sink.play(audio, utterance_id)
        await self._on_bot_segment(
            TranscriptSegment(
                kind=SegmentKind.FINAL,
                text=sentence,
                start=start,
                end=end,
                emitted_at=self._clock(),
                utterance_id=utterance_id,
                speaker="bot",
            )
        )

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("callbot task failed on call %s", self.call_id, exc_info=task.exception())
