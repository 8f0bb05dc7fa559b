"""Bad input on every ingestion path ends only that call, cleanly, with a clear error, while a
good call streams at the same time and finishes normally."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import httpx
import numpy as np
import pytest
import websockets
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack
from server_harness import SECRET, TRUNK, sample

from server.live_feed import stream_file

pytestmark = pytest.mark.slow

START = {"type": "start", "call_id": "", "trunk": TRUNK, "codec": "pcm16", "sample_rate": 16000}
TWILIO_START = {
    "event": "start",
    "start": {
        "streamSid": "MZ-bad",
        "callSid": "",
        "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
    },
}
SILENCE_20MS = bytes(640)


def start(call_id: str, **changes: Any) -> str:
    return json.dumps({**START, "call_id": call_id, **changes})


def twilio_start(call_sid: str, **media_format: Any) -> str:
    message = json.loads(json.dumps(TWILIO_START))
    message["start"]["callSid"] = call_sid
    message["start"]["mediaFormat"].update(media_format)
    return json.dumps(message)


def twilio_media(payload: str) -> str:
    return json.dumps({"event": "media", "streamSid": "MZ-bad", "media": {"payload": payload}})


async def exchange(url: str, frames: list[str | bytes], *, abort: bool = False):  # type: ignore[no-untyped-def]
    """Send frames; return (messages from the server, close code). `abort` drops the TCP link."""
    messages: list[dict[str, Any]] = []
    async with websockets.connect(url, max_size=2**22) as socket:
        for frame in frames:
            await socket.send(frame)
            await asyncio.sleep(0.01)
        if abort:
            socket.transport.abort()  # no close frame: a line that drops mid-call
            return messages, None
        try:
            async with asyncio.timeout(20):
                async for frame in socket:
                    messages.append(json.loads(frame))
        except websockets.ConnectionClosed:
            pass
    return messages, socket.close_code


def error_text(messages: list[dict[str, Any]]) -> str:
    errors = [m["message"] for m in messages if m.get("type") == "error"]
    assert errors, f"expected an error message, got {messages}"
    return errors[0]


async def wait_ended(server, call_id: str) -> str | None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(20):
        while True:
            record = server.runtime.store.get_call(call_id)
            if record is not None and not record.live:
                return record.end_reason
            await asyncio.sleep(0.05)


class StallingTrack(AudioStreamTrack):
    """Sends half a second of audio, then nothing (a caller whose media silently stops)."""

    def __init__(self) -> None:
        super().__init__()
        self._frames = 0

    async def recv(self):  # type: ignore[no-untyped-def]
        self._frames += 1
        if self._frames > 25:
            await asyncio.Event().wait()
        return await super().recv()


async def test_bad_input_ends_only_its_own_call(server):
    calls = server.ingest_url("/ws/calls")
    twilio = server.ingest_url("/ws/twilio")
    good = asyncio.create_task(
        stream_file(
            server.base_url,
            sample("short_property_p3_stolen_motorbike"),
            call_id="good-1",
            trunk=TRUNK,
            secret=SECRET,
            speed=1.0,  # real time: the bad calls below overlap it
        )
    )
    await asyncio.sleep(0.3)

    # ---- /ws/calls
    messages, code = await exchange(calls, ["this is not json"])
    assert "not JSON" in error_text(messages) and code == 1003
    messages, code = await exchange(calls, [SILENCE_20MS])
    assert "start" in error_text(messages) and code == 1003
    messages, code = await exchange(calls, [start("bad-codec", codec="opus")])
    assert "unknown codec 'opus'" in error_text(messages) and code == 1003
    messages, code = await exchange(calls, [start("bad-rate", codec="mulaw", sample_rate=16000)])
    assert "8000" in error_text(messages)
    messages, code = await exchange(calls, [start("bad-big"), SILENCE_20MS, bytes(70_000)])
    assert "limit" in error_text(messages) and code == 1009
    assert await wait_ended(server, "bad-big") == "error"
    messages, code = await exchange(calls, [start("bad-odd"), SILENCE_20MS, b"\x01\x02\x03"])
    assert "bad audio frame" in error_text(messages)
    assert messages[-1] == {"type": "ended", "call_id": "bad-odd", "reason": "error"}
    messages, code = await exchange(calls, [start("bad-garbage"), SILENCE_20MS, "{nope"])
    assert "not JSON" in error_text(messages)
    assert server.runtime.registry.live_call("good-1") is not None, "overlap the good call"
    messages, code = await exchange(calls, [start("bad-idle"), SILENCE_20MS])
    assert "no data for 2 s" in error_text(messages) and code == 4408
    assert await wait_ended(server, "bad-idle") == "idle_timeout"
    messages, _ = await exchange(calls, [start("bad-drop"), *[SILENCE_20MS] * 10], abort=True)
    # The line dropped before anyone answered: to a dispatcher that is a caller to call back.
    assert await wait_ended(server, "bad-drop") == "abandoned"
    messages, _ = await exchange(calls, [start("good-1")])
    assert "already used" in error_text(messages)
    messages, _ = await exchange(calls, [start("../../etc/passwd")])
    assert "call_id must be" in error_text(messages)

    # ---- /ws/twilio
    _, code = await exchange(twilio, [b"\x00\x01"])
    assert code == 1003
    _, code = await exchange(twilio, [twilio_media(base64.b64encode(bytes(160)).decode())])
    assert code == 1003  # media before start
    _, code = await exchange(twilio, [twilio_start("CA-bad-format", encoding="audio/x-alaw")])
    assert code == 1003
    _, code = await exchange(twilio, [twilio_start("CA-bad-b64"), twilio_media("%%%not base64")])
    assert code == 1003
    assert await wait_ended(server, "CA-bad-b64") == "error"
    huge = twilio_media(base64.b64encode(bytes(60_000)).decode())  # 80 KB of JSON
    _, code = await exchange(twilio, [twilio_start("CA-bad-big"), huge])
    assert code == 1009
    assert await wait_ended(server, "CA-bad-big") == "error"
    _, code = await exchange(twilio, [twilio_start("CA-bad-event"), '{"event": "dance"}'])
    assert code == 1003
    _, code = await exchange(twilio, [twilio_start("CA-bad-idle")])
    assert code == 4408
    assert await wait_ended(server, "CA-bad-idle") == "idle_timeout"
    frames = [twilio_start("CA-bad-drop"), twilio_media(base64.b64encode(bytes(160)).decode())]
    await exchange(twilio, frames, abort=True)
    assert await wait_ended(server, "CA-bad-drop") == "abandoned"  # dropped, never answered

    # ---- /rtc/offer
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        url = f"/rtc/offer?trunk={TRUNK}&secret={SECRET}"
        garbage = await http.post(url, json={"sdp": "garbage m=audio", "type": "offer"})
        assert garbage.status_code == 400 and garbage.json()["detail"]
        no_audio = await http.post(url, json={"sdp": "v=0\r\n", "type": "offer"})
        assert no_audio.status_code == 400
        peer = RTCPeerConnection()
        peer.addTrack(StallingTrack())
        await peer.setLocalDescription(await peer.createOffer())
        answer = await http.post(
            url, json={"sdp": peer.localDescription.sdp, "type": "offer", "call_id": "rtc-stall"}
        )
        assert answer.status_code == 200
        body = answer.json()
        await peer.setRemoteDescription(RTCSessionDescription(body["sdp"], body["type"]))
        try:
            assert await wait_ended(server, "rtc-stall") == "idle_timeout"
        finally:
            await peer.close()

    # The good call never noticed.
    result = await good
    assert result.error is None and result.ended_reason == "stop"
    record = server.runtime.store.get_call("good-1")
    assert record.end_reason == "abandoned"  # hung up (stop) before anyone took it
    assert server.runtime.registry.live_count == 0
    assert np.isfinite(record.started_at)
