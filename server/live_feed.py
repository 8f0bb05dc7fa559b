"""Streams one audio file to a running server's `/ws/calls` like a phone line would.

A client only: it paces and sends audio and collects the server's replies; it never runs a model.
Used by `triage demo`'s feeder, `triage replay --live` and the server tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import websockets

from speech.audio import load_audio_file
from speech.messages import SAMPLE_RATE
from speech.phone_audio import mulaw_encode, to_phone_band


@dataclass
class FeedResult:
    call_id: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    ended_reason: str | None = None
    error: str | None = None

    @property
    def finals(self) -> list[str]:
        return [
            m["segment"]["text"]
            for m in self.messages
            if m.get("type") == "transcript" and m["segment"]["kind"] == "final"
        ]

    @property
    def last_classification(self) -> dict[str, Any] | None:
        triage = [m["classification"] for m in self.messages if m.get("type") == "triage"]
        return triage[-1] if triage else None


def calls_url(base_url: str, trunk: str, secret: str) -> str:
    """ws(s)://host:port/ws/calls?trunk=..&secret=.. from an http(s):// or ws(s):// base URL."""
    parts = urllib.parse.urlsplit(base_url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    query = urllib.parse.urlencode({"trunk": trunk, "secret": secret})
    return urllib.parse.urlunsplit((scheme, parts.netloc, "/ws/calls", query, ""))


def read_mulaw_wav(path: str | Path) -> bytes | None:
    """The raw G.711 mu-law bytes of an 8 kHz mono mu-law WAV (format tag 7); None otherwise.

    Such a file is sent as is, like a trunk would: re-encoding it would filter the audio twice.
    """
    data = Path(path).read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    position, fmt, payload = 12, None, None
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        size = struct.unpack("<I", data[position + 4 : position + 8])[0]
        body = data[position + 8 : position + 8 + size]
        if chunk_id == b"fmt ":
            fmt = struct.unpack("<HHI", body[:8])
        elif chunk_id == b"data":
            payload = body
        position += 8 + size + (size % 2)
    if fmt is None or payload is None or fmt != (7, 1, 8000):
        return None
    return payload


def encode_audio(samples: np.ndarray, codec: str) -> tuple[bytes, int]:
    """16 kHz float32 -> (bytes, sample_rate) for the line codec ("pcm16" 16 kHz or "mulaw")."""
    if codec == "mulaw":
        return mulaw_encode(to_phone_band(samples)), 8000
    if codec == "pcm16":
        return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes(), SAMPLE_RATE
    raise ValueError(f"codec {codec!r}: the feeder sends pcm16 or mulaw")


async def stream_file(
    base_url: str,
    path: str | Path | None,
    *,
    call_id: str,
    trunk: str,
    secret: str,
    caller_number: str | None = None,
    speed: float = 1.0,
    codec: str = "mulaw",
    frame_seconds: float = 0.02,
    samples: np.ndarray | None = None,
    end_timeout_s: float = 60.0,
) -> FeedResult:
    """Send the file (or `samples`, 16 kHz float32) as one call at `speed` x real time.

    Returns every message the server sent back; waits for `ended` after `stop`.
    """
    raw = read_mulaw_wav(path) if samples is None and codec == "mulaw" and path else None
    if raw is not None:
        payload, rate = raw, 8000
    else:
        audio = samples if samples is not None else load_audio_file(path)  # type: ignore[arg-type]
        payload, rate = encode_audio(audio, codec)
    bytes_per_second = rate * (1 if codec == "mulaw" else 2)
    frame_bytes = max(2, int(bytes_per_second * frame_seconds) // 2 * 2)
    result = FeedResult(call_id)
    start = {
        "type": "start",
        "call_id": call_id,
        "caller_number": caller_number,
        "trunk": trunk,
        "codec": codec,
        "sample_rate": rate,
    }
    async with websockets.connect(calls_url(base_url, trunk, secret), max_size=2**22) as socket:
        await socket.send(json.dumps(start))
        receiver = asyncio.create_task(_collect(socket, result))
        try:
            began = time.monotonic()
            for offset in range(0, len(payload), frame_bytes):
                if receiver.done():
                    break  # the server ended the call (error): stop sending
                await socket.send(payload[offset : offset + frame_bytes])
                due = began + (offset + frame_bytes) / bytes_per_second / speed
                await asyncio.sleep(max(0.0, due - time.monotonic()))
            if not receiver.done():
                await socket.send(json.dumps({"type": "stop"}))
            await asyncio.wait_for(asyncio.shield(receiver), end_timeout_s)
        finally:
            receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await receiver
    return result


async def _collect(socket: Any, result: FeedResult) -> None:
    with contextlib.suppress(websockets.ConnectionClosed):
        async for frame in socket:
            if isinstance(frame, bytes):
                continue  # bot audio payload
            message = json.loads(frame)
            result.messages.append(message)
            if message.get("type") == "error":
                result.error = message.get("message")
            if message.get("type") == "ended":
                result.ended_reason = message.get("reason")
                return
