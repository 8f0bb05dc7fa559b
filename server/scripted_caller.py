"""A scripted caller on the /ws/calls websocket: speaks espeak-ng turns, listens to the callbot.

Test and benchmark client only: it paces audio like a phone (optionally faster than real time)
and records what came back; it never decides anything for the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field

import numpy as np

from speech.audio import decode_mulaw, decode_pcm16
from speech.messages import SAMPLE_RATE
from speech.tts import TextToSpeech
from triage.callbot import prompts
from triage.callbot.caller_scripts import CallerScript, slot_asked
from triage.callbot.dialogue import Slot

FRAME = 320  # 20 ms at 16 kHz
GAP_AFTER_BOT = 0.4  # the caller's pause between the bot's last word and their own
MAX_WAIT_FOR_BOT = 20.0  # call seconds a caller waits for the bot before talking anyway


@dataclass
class BotAudio:
    received_wall: float
    call_time: float  # the caller's call time when it arrived
    duration: float
    samples: np.ndarray  # decoded to 16 kHz float32


@dataclass
class CallerTurnRecord:
    slot: Slot  # the question this turn answers (WHAT_HAPPENED for the opening)
    text: str
    start_call: float
    end_call: float
    end_wall: float
    first_reply_wall: float | None = None

    @property
    def response_delay(self) -> float | None:
        if self.first_reply_wall is None:
            return None
        return self.first_reply_wall - self.end_wall


@dataclass
class CallerReport:
    call_id: str
    started_wall: float
    accepted: bool = False
    bot_audio: list[BotAudio] = field(default_factory=list)
    clears: list[tuple[float, float]] = field(default_factory=list)  # (wall, call time)
    transcripts: list[dict] = field(default_factory=list)
    triage: list[dict] = field(default_factory=list)
    turns: list[CallerTurnRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ended: str | None = None

    def answer_delays(self, acknowledgement: str) -> list[float]:
        """End of each caller turn -> the bot's first sentence other than `acknowledgement`."""
        delays = []
        for turn in self.turns:
            answers = [
                s["received"]
                for s in self.transcripts
                if s.get("speaker") == "bot"
                and s["received"] > turn.end_wall
                and s["text"] != acknowledgement
            ]
            if answers:
                delays.append(min(answers) - turn.end_wall)
        return delays

    def bot_text(self) -> str:
        return " ".join(s["text"] for s in self.transcripts if s.get("speaker") == "bot")

    def caller_text(self) -> str:
        return " ".join(
            s["text"]
            for s in self.transcripts
            if s.get("speaker") == "caller" and s.get("kind") == "final"
        )


class ScriptedCaller:
    """Plays one CallerScript into /ws/calls at `speed` x real time, 16 kHz PCM16 or mu-law.

    The caller waits for the bot to finish talking, then answers the question the bot asked
    (read from the bot's transcript events). `barge_in_after` makes the opening line start
    that many seconds into the greeting; `silent_seconds` keeps the caller quiet that long first.
    """

    def __init__(
        self,
        url: str,
        script: CallerScript,
        tts: TextToSpeech,
        *,
        call_id: str,
        caller_number: str = "0900000000",
        speed: float = 1.0,
        codec: str = "pcm16",
        tail_seconds: float = 4.0,
        barge_in_after: float | None = None,
        silent_seconds: float = 0.0,
        max_turns: int | None = None,
    ) -> None:
        self.url = url
        self.script = script
        self.call_id = call_id
        self.caller_number = caller_number
        self.speed = speed
        self.codec = codec
        self.tail_seconds = tail_seconds
        self.barge_in_after = barge_in_after
        self.silent_seconds = silent_seconds
        self.max_turns = script.max_turns if max_turns is None else max_turns
        texts = {script.opening, *script.answers.values()} | (
            {script.fallback} if script.fallback else set()
        )
        self._speech = {text: tts.synthesize(text) for text in texts}
        self._sent = 0  # samples sent (16 kHz): the caller's call time
        self._bot_until = 0.0  # call time when the bot's queued audio would stop playing
        self._t0 = 0.0
        self.keep_talking = True  # a test may set False to end the script early
        self.report = CallerReport(call_id, time.monotonic())

    @property
    def now(self) -> float:
        return self._sent / SAMPLE_RATE

    async def run(self) -> CallerReport:
        import websockets

        async with websockets.connect(self.url, max_size=2**22) as socket:
            rate = 16000 if self.codec == "pcm16" else 8000
            await socket.send(
                json.dumps(
                    {
                        "type": "start",
                        "call_id": self.call_id,
                        "caller_number": self.caller_number,
                        "trunk": self.script.trunk,
                        "codec": self.codec,
                        "sample_rate": rate,
                    }
                )
            )
            reader = asyncio.create_task(self._read(socket))
            self._t0 = time.monotonic()
            try:
                await self._converse(socket)
                if self.keep_talking and self.report.turns:
                    await self._wait_for_bot(socket)  # hear the answer to the last line
                await self._send_silence(socket, self.tail_seconds)
                await socket.send(json.dumps({"type": "stop"}))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(reader), timeout=15)
            finally:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await reader
        return self.report

    async def _converse(self, socket) -> None:
        if self.silent_seconds:
            await self._wait_for_bot(socket)
            await self._send_silence(socket, self.silent_seconds)
        if self.max_turns <= 0:
            return
        if self.barge_in_after is not None:
            await self._until(socket, lambda: bool(self.report.bot_audio))
            await self._send_silence(socket, self.barge_in_after)
        else:
            await self._wait_for_bot(socket)
            await self._send_silence(socket, GAP_AFTER_BOT)
        await self._speak(socket, Slot.WHAT_HAPPENED, self.script.opening)
        for _ in range(self.max_turns - 1):
            await self._wait_for_bot(socket)
            slot = self._last_question()
            answer = (
                self.script.answers.get(slot, self.script.fallback) if slot is not None else None
            )
            if answer is None or not self.keep_talking:
                return  # the bot asks nothing this caller can answer: stay on the line
            await self._send_silence(socket, GAP_AFTER_BOT)
            await self._speak(socket, slot, answer)

    def _last_question(self) -> Slot | None:
        since = self.report.turns[-1].end_call if self.report.turns else 0.0
        asked = [
            slot
            for segment in self.report.transcripts
            if segment.get("speaker") == "bot" and segment["start"] >= since - 0.5
            if (slot := slot_asked(segment["text"])) is not None
        ]
        return asked[-1] if asked else None

    async def _speak(self, socket, slot: Slot, text: str) -> None:
        start = self.now
        await self._send(socket, self._speech[text])
        self.report.turns.append(CallerTurnRecord(slot, text, start, self.now, time.monotonic()))

    async def _wait_for_bot(self, socket) -> None:
        """Until the bot answered the last turn (or greeted) and finished playing it."""
        last_end = self.report.turns[-1].end_wall if self.report.turns else self.report.started_wall

        def answered() -> bool:
            # A bare acknowledgement ("Vâng.") is not the answer: wait for what follows it.
            replied = any(
                s["received"] > last_end and s["text"] != prompts.ACK
                for s in self.report.transcripts
                if s.get("speaker") == "bot"
            )
            return replied and self.now >= self._bot_until

        await self._until(socket, answered)

    async def _until(self, socket, done) -> None:  # type: ignore[no-untyped-def]
        waited = 0.0
        while not done() and waited < MAX_WAIT_FOR_BOT:
            await self._send(socket, np.zeros(FRAME, dtype=np.float32))
            waited += FRAME / SAMPLE_RATE

    async def _send_silence(self, socket, seconds: float) -> None:
        await self._send(socket, np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32))

    async def _send(self, socket, samples: np.ndarray) -> None:
        if self.codec == "pcm16":
            payload = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
            step = FRAME * 2
        else:
            from speech.phone_audio import mulaw_encode, to_phone_band

            # Band-limit the whole line at once: filtering 20 ms frames apart would click.
            payload = mulaw_encode(to_phone_band(samples)) if len(samples) else b""
            step = FRAME // 2
        per_byte = len(samples) / max(len(payload), 1)
        for offset in range(0, len(payload), step):
            frame = payload[offset : offset + step]
            await socket.send(frame)
            self._sent += round(len(frame) * per_byte)
            # Pace like a phone: call time runs `speed` times faster than the wall clock.
            ahead = self._t0 + self.now / self.speed - time.monotonic()
            if ahead > 0:
                await asyncio.sleep(ahead)

    async def _read(self, socket) -> None:
        pending: dict | None = None
        async for message in socket:
            if isinstance(message, bytes):
                if pending is not None:
                    self._on_bot_audio(pending, message)
                    pending = None
                continue
            event = json.loads(message)
            kind = event.get("type")
            if kind == "bot_audio":
                pending = event
            elif kind == "bot_audio_clear":
                self.report.clears.append((time.monotonic(), self.now))
                self._bot_until = self.now
            elif kind == "accepted":
                self.report.accepted = True
            elif kind == "transcript":
                self.report.transcripts.append({**event["segment"], "received": time.monotonic()})
            elif kind == "triage":
                self.report.triage.append(event["classification"])
            elif kind == "error":
                self.report.errors.append(event.get("message", ""))
            elif kind == "ended":
                self.report.ended = event.get("reason", "")
                return

    def _on_bot_audio(self, header: dict, payload: bytes) -> None:
        wall = time.monotonic()
        rate = int(header["sample_rate"])
        if header["codec"] == "mulaw":
            samples = decode_mulaw(payload)
            duration = len(payload) / rate
        else:
            samples = decode_pcm16(payload, rate)
            duration = len(payload) / 2 / rate
        self.report.bot_audio.append(BotAudio(wall, self.now, duration, samples))
        self._bot_until = max(self._bot_until, self.now) + duration
        for turn in self.report.turns:
            if turn.first_reply_wall is None and wall > turn.end_wall:
                turn.first_reply_wall = wall
