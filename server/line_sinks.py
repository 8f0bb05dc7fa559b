"""Outbound side of a call's websocket: events and bot audio queued and sent by one task per call.

Nothing here ever awaits on behalf of the pipeline: a full queue drops partial transcripts first.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
from typing import Any

import numpy as np
from fastapi import WebSocket

from speech.phone_audio import PHONE_RATE, mulaw_encode, to_phone_band

log = logging.getLogger(__name__)

OUTBOUND_QUEUE = 512
# Leave room for finals and errors: partials stop being queued once the queue is this full.
PARTIAL_HEADROOM = 64
CLOSE_TIMEOUT_S = 5.0


class WebsocketOutbox:
    """Bounded queue of frames (text or bytes) sent in order by a single task."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._queue: asyncio.Queue[list[str | bytes] | None] = asyncio.Queue(OUTBOUND_QUEUE)
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0

    def start(self) -> None:
        self._task = asyncio.create_task(self._send_loop())

    def put(self, frames: list[str | bytes], droppable: bool = False) -> None:
        room = OUTBOUND_QUEUE - self._queue.qsize()
        if room <= 0 or (droppable and room <= PARTIAL_HEADROOM):
            self.dropped += 1
            return
        self._queue.put_nowait(frames)

    def put_json(self, message: dict[str, Any], droppable: bool = False) -> None:
        self.put([json.dumps(message, ensure_ascii=False)], droppable)

    async def _send_loop(self) -> None:
        try:
            while True:
                frames = await self._queue.get()
                if frames is None:
                    return
                for frame in frames:
                    if isinstance(frame, bytes):
                        await self._websocket.send_bytes(frame)
                    else:
                        await self._websocket.send_text(frame)
        except Exception as error:  # the peer went away: nothing left to tell it
            log.debug("outbound socket closed: %s", error)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Send what is queued (bounded wait), then close the socket."""
        if self._task is not None:
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)
            try:
                await asyncio.wait_for(asyncio.shield(self._task), CLOSE_TIMEOUT_S)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
        with contextlib.suppress(Exception):
            await self._websocket.close(code, reason[:120])


def _is_partial(message: dict[str, Any]) -> bool:
    return message.get("type") == "transcript" and message["segment"].get("kind") == "partial"


class CallsSocketSink:
    """CallSink for /ws/calls: JSON events; audio for the caller as a `bot_audio` header + one
    binary frame, whoever speaks (`speaker`: "bot" or "dispatcher"), so a gateway that plays
    `bot_audio` plays the dispatcher too.

    Audio goes out as 8 kHz mu-law on mu-law lines and 16 kHz PCM16 otherwise.
    """

    def __init__(self, outbox: WebsocketOutbox, codec: str = "pcm16") -> None:
        self._outbox = outbox
        self.codec = codec
        self._seq = 0

    def send_event(self, message: dict[str, Any]) -> None:
        self._outbox.put_json(message, droppable=_is_partial(message))

    def send_audio(self, samples: np.ndarray, speaker: str = "bot") -> None:
        self._seq += 1
        if self.codec == "mulaw":
            payload, codec, rate = mulaw_encode(to_phone_band(samples)), "mulaw", PHONE_RATE
        else:
            pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
            payload, codec, rate = pcm.tobytes(), "pcm16", 16_000
        header = {
            "type": "bot_audio",
            "codec": codec,
            "sample_rate": rate,
            "seq": self._seq,
            "speaker": speaker,
        }
        self._outbox.put([json.dumps(header), payload])

    def clear_audio(self) -> None:
        self._outbox.put_json({"type": "bot_audio_clear"})


class TwilioSink:
    """CallSink for Twilio Media Streams: only Twilio messages go back (media, mark, clear).

    Our own events (transcript, triage) are not part of Twilio's protocol and are not sent.
    """

    def __init__(self, outbox: WebsocketOutbox) -> None:
        self._outbox = outbox
        self.stream_sid: str | None = None
        self._mark = 0

    def send_event(self, message: dict[str, Any]) -> None:
        return None  # Twilio would reject unknown events

    def send_audio(self, samples: np.ndarray, speaker: str = "bot") -> None:
        if self.stream_sid is None:
            return
        payload = base64.b64encode(mulaw_encode(to_phone_band(samples))).decode()
        self._outbox.put_json(
            {"event": "media", "streamSid": self.stream_sid, "media": {"payload": payload}}
        )
        if speaker != "bot":
            return  # a live voice: nobody waits for it to finish playing
        self._mark += 1
        # Twilio echoes the mark once the audio before it has played: the bot's "done talking".
        self._outbox.put_json(
            {"event": "mark", "streamSid": self.stream_sid, "mark": {"name": f"bot-{self._mark}"}}
        )

    def clear_audio(self) -> None:
        if self.stream_sid is not None:
            self._outbox.put_json({"event": "clear", "streamSid": self.stream_sid})
