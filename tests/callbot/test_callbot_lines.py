"""The bot's voice on the other two call paths: Twilio Media Streams and a WebRTC track.

Real server, real models; the clients are a Twilio-format websocket and an aiortc peer.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fractions
import json
import time

import httpx
import numpy as np
import pytest
import websockets
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack
from av import AudioFrame

from speech.audio import decode_mulaw
from speech.messages import SAMPLE_RATE
from speech.phone_audio import mulaw_encode, to_phone_band
from triage.callbot import prompts
from triage.callbot.overflow import CallbotMode

pytestmark = pytest.mark.slow

FRAME_BYTES = 160  # 20 ms of 8 kHz mu-law, as Twilio sends it


async def test_twilio_bot_audio_is_8khz_mulaw_with_marks_and_clear_on_barge_in(
    start_bot_server, make_bridge, tts
) -> None:
    bridge = make_bridge(CallbotMode.ALWAYS)
    speech = mulaw_encode(to_phone_band(tts.synthesize("Cháy nhà số 8 ngõ 45 Nguyễn Trãi!")))
    silence = mulaw_encode(np.zeros(FRAME_BYTES, dtype=np.float32))
    received: list[dict] = []
    async with start_bot_server(bridge) as server:
        url = server.calls_url("114", path="/ws/twilio")
        async with websockets.connect(url) as socket:

            async def read() -> None:
                async for message in socket:
                    received.append(json.loads(message))

            reader = asyncio.create_task(read())
            await socket.send(json.dumps({"event": "connected", "protocol": "Call"}))
            start = {"streamSid": "MZ1", "accountSid": "AC1", "callSid": "CAtwilio1",
                     "tracks": ["inbound"], "customParameters": {"caller": "0912000111"},
                     "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000,
                                     "channels": 1}}  # fmt: skip
            await socket.send(json.dumps({"event": "start", "sequenceNumber": "1", "start": start}))

            async def send(audio: bytes) -> None:
                for offset in range(0, len(audio), FRAME_BYTES):
                    payload = base64.b64encode(audio[offset : offset + FRAME_BYTES]).decode()
                    media = {"event": "media", "streamSid": "MZ1", "media": {"payload": payload}}
                    await socket.send(json.dumps(media))
                    await asyncio.sleep(0.01)  # twice real time

            # Silence until the greeting starts, then talk over it.
            while not any(m["event"] == "media" for m in received):
                await send(silence * 5)
            await send(silence * 50)
            await send(speech)
            await send(silence * 150)
            await socket.send(json.dumps({"event": "stop", "stop": {"callSid": "CAtwilio1"}}))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader, 10)

    media = [m for m in received if m["event"] == "media"]
    marks = [m for m in received if m["event"] == "mark"]
    assert media and len(marks) == len(media)  # one mark after each piece of bot speech
    assert all(m["streamSid"] == "MZ1" for m in media + marks)
    assert any(m["event"] == "clear" for m in received)  # barge-in flushed Twilio's buffer
    # The first payload is the first greeting sentence as 8 kHz mu-law: same length, same sound.
    first = base64.b64decode(media[0]["media"]["payload"])
    spoken = to_phone_band(tts.synthesize(prompts.greeting("114")[0]))
    assert len(first) == len(spoken)  # one byte per sample at 8000 Hz
    decoded = decode_mulaw(first)
    reference = np.interp(
        np.arange(len(decoded)) / 2, np.arange(len(spoken)), spoken
    )  # 8 kHz reference on the 16 kHz grid
    correlation = np.corrcoef(decoded, reference)[0, 1]
    assert correlation > 0.95


class SilentMicrophone(AudioStreamTrack):
    """A caller who is connected but quiet: 20 ms frames of silence at 48 kHz."""

    def __init__(self) -> None:
        super().__init__()
        self._sent = 0
        self._t0: float | None = None

    async def recv(self) -> AudioFrame:
        self._t0 = self._t0 or time.monotonic()
        wait = self._t0 + self._sent / 48000 - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        frame = AudioFrame.from_ndarray(np.zeros((1, 960), dtype=np.int16), layout="mono")
        frame.sample_rate = 48000
        frame.pts = self._sent
        frame.time_base = fractions.Fraction(1, 48000)
        self._sent += 960
        return frame


async def test_webrtc_bot_track_decodes_to_the_greeting(start_bot_server, make_bridge) -> None:
    bridge = make_bridge(CallbotMode.ALWAYS)
    async with start_bot_server(bridge) as server:
        peer = RTCPeerConnection()
        tracks: asyncio.Queue = asyncio.Queue()
        peer.on("track", tracks.put_nowait)
        peer.addTrack(SilentMicrophone())
        await peer.setLocalDescription(await peer.createOffer())
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
            response = await http.post(
                "/rtc/offer?trunk=115&secret=s115",
                json={"sdp": peer.localDescription.sdp, "type": "offer", "call_id": "rtc-bot-1"},
            )
        response.raise_for_status()
        await peer.setRemoteDescription(RTCSessionDescription(**{
            k: response.json()[k] for k in ("sdp", "type")
        }))  # fmt: skip
        track = await asyncio.wait_for(tracks.get(), 20)
        pcm: list[np.ndarray] = []
        rate = 0
        async with asyncio.timeout(30):
            while sum(len(chunk) for chunk in pcm) < 4 * (rate or 48000):
                frame = await track.recv()
                rate = frame.sample_rate
                samples = frame.to_ndarray().reshape(-1, len(frame.layout.channels))[:, 0]
                pcm.append(samples.astype(np.float32) / 32768.0)
        await peer.close()
        session = bridge.sessions["rtc-bot-1"]

    audio = np.concatenate(pcm)
    # Opus over RTP decoded back to PCM: the greeting's speech is there, well above silence.
    assert rate in (16000, 48000)
    windows = audio[: len(audio) // 480 * 480].reshape(-1, 480)
    loud = np.sqrt((windows**2).mean(axis=1)) > 0.02
    assert loud.mean() > 0.3, "the bot's track carried no speech"
    assert session.stats.replies[0].sentences == prompts.greeting("115")
    assert SAMPLE_RATE == 16000
