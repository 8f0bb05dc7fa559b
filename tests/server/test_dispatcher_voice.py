"""A dispatcher's voice on a live call: a real aiortc peer as the console, a real /ws/calls line
as the caller, the real Whisper model on both voices, real SQLite.

The caller hears the dispatcher (bot_audio frames with speaker "dispatcher"), the dispatcher
hears the caller, and the dispatcher's words are recorded and transcribed as their own speaker.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import wave
from pathlib import Path

import httpx
import numpy as np
import pytest
import websockets
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer
from server_harness import console, spoken_call, write_wav

from server.audio_tracks import LIVE_BUFFER_SAMPLES, MixedAudioTrack
from server.line_sinks import TwilioSink
from speech.messages import SAMPLE_RATE

pytestmark = pytest.mark.slow

FRAME = 320  # 20 ms at 16 kHz
DISPATCHER_TEXT = "Xe cứu thương đang đến, anh giữ máy nhé."


class Caller:
    """A phone line on /ws/calls: speaks `speech`, then silence until told to hang up."""

    def __init__(self, server, call_id: str, speech: np.ndarray) -> None:
        self.server = server
        self.call_id = call_id
        self.speech = speech
        self.heard: list[tuple[dict, np.ndarray]] = []  # (bot_audio header, 16 kHz samples)
        self.hang_up = asyncio.Event()
        self.accepted = asyncio.Event()

    async def run(self) -> None:
        async with websockets.connect(self.server.ingest_url(), max_size=2**22) as socket:
            start = {"type": "start", "call_id": self.call_id, "caller_number": "0987654321",
                     "codec": "pcm16", "sample_rate": SAMPLE_RATE}  # fmt: skip
            await socket.send(json.dumps(start))
            reader = asyncio.create_task(self._read(socket))
            loop = asyncio.get_running_loop()
            began, sent = loop.time(), 0
            silence = np.zeros(FRAME, np.float32)
            while not self.hang_up.is_set():
                frame = self.speech[sent : sent + FRAME] if sent < len(self.speech) else silence
                pcm = (np.clip(frame, -1, 1) * 32767).astype("<i2").tobytes()
                await socket.send(pcm)
                sent += FRAME
                await asyncio.sleep(max(0.0, began + sent / SAMPLE_RATE - loop.time()))
            await socket.send(json.dumps({"type": "stop"}))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader, 30)

    async def _read(self, socket) -> None:  # type: ignore[no-untyped-def]
        header = None
        with contextlib.suppress(websockets.ConnectionClosed):
            async for message in socket:
                if isinstance(message, bytes):
                    if header is not None:
                        pcm = np.frombuffer(message, "<i2").astype(np.float32) / 32768.0
                        self.heard.append((header, pcm))
                    header = None
                    continue
                event = json.loads(message)
                if event["type"] == "accepted":
                    self.accepted.set()
                elif event["type"] == "bot_audio":
                    header = event
                elif event["type"] == "ended":
                    return

    def dispatcher_audio(self) -> np.ndarray:
        parts = [pcm for header, pcm in self.heard if header.get("speaker") == "dispatcher"]
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)


async def offer_voice(server, call_id: str, peer: RTCPeerConnection, username: str, mode: str):
    await peer.setLocalDescription(await peer.createOffer())
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        return await http.post(
            f"/api/calls/{call_id}/voice",
            json={"sdp": peer.localDescription.sdp, "type": "offer", "mode": mode},
            headers=server.headers(username),
        )


async def claim(server, call_id: str, username: str = "disp1") -> None:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        response = await http.post(f"/api/calls/{call_id}/claim", headers=server.headers(username))
        response.raise_for_status()


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


async def test_dispatcher_talks_to_a_ws_caller_and_hears_them(server, tmp_path: Path):
    call_id = "voice-ws-1"
    caller = Caller(server, call_id, spoken_call())
    line = asyncio.create_task(caller.run())
    await asyncio.wait_for(caller.accepted.wait(), 10)
    voice_file = write_wav(tmp_path / "dispatcher.wav", spoken_call(DISPATCHER_TEXT))
    async with console(server) as desk:
        # Talking needs the claim; listening to someone else's call needs a supervisor.
        early = RTCPeerConnection()
        early.addTrack(MediaPlayer(str(voice_file)).audio)
        assert (await offer_voice(server, call_id, early, "disp1", "talk")).status_code == 409
        await early.close()
        await claim(server, call_id)
        nosy = RTCPeerConnection()
        nosy.addTransceiver("audio", direction="recvonly")
        assert (await offer_voice(server, call_id, nosy, "disp2", "listen")).status_code == 403
        await nosy.close()

        peer = RTCPeerConnection()
        tracks: asyncio.Queue = asyncio.Queue()
        peer.on("track", tracks.put_nowait)
        player = MediaPlayer(str(voice_file))
        peer.addTrack(player.audio)
        answer = await offer_voice(server, call_id, peer, "disp1", "talk")
        assert answer.status_code == 200, answer.text
        await peer.setRemoteDescription(RTCSessionDescription(answer.json()["sdp"], "answer"))
        incoming = await asyncio.wait_for(tracks.get(), 20)
        heard: list[np.ndarray] = []
        async with asyncio.timeout(40):
            while sum(len(chunk) for chunk in heard) < 3 * 48000:
                frame = await incoming.recv()
                heard.append(frame.to_ndarray().reshape(-1).astype(np.float32) / 32768.0)
        # The dispatcher's whole phrase reaches the caller, then the caller hangs up.
        async with asyncio.timeout(40):
            while len(caller.dispatcher_audio()) < 2.5 * SAMPLE_RATE:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)
        caller.hang_up.set()
        await asyncio.wait_for(line, 40)
        await peer.close()
        await desk.wait_for(lambda m: m.get("type") == "audit"
                            and m["entry"]["action"] == "voice_talk")  # fmt: skip

    # The console heard the caller: their speech came through Opus, well above silence.
    audio = np.concatenate(heard)
    windows = audio[: len(audio) // 960 * 960].reshape(-1, 960)
    assert (np.sqrt((windows**2).mean(axis=1)) > 0.02).mean() > 0.2
    # The caller heard the dispatcher's phrase on their own line, as 16 kHz PCM.
    spoken = caller.dispatcher_audio()
    assert rms(spoken) > 0.02
    assert all(h["codec"] == "pcm16" for h, _ in caller.heard if h["speaker"] == "dispatcher")

    store = server.runtime.store
    async with asyncio.timeout(30):
        while server.runtime.registry.live_call(call_id) is not None:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    segments = store.segments(call_id)
    mine = [s for s in segments if s["speaker"] == "dispatcher"]
    assert mine, segments
    said = " ".join(s["text"] for s in mine).lower().split()
    # Whisper base on espeak-ng through Opus: most words, not all ("đăng đến" for "đang đến").
    expected = DISPATCHER_TEXT.lower().replace(",", "").replace(".", "").split()
    assert sum(word in said for word in expected) >= 3, said
    assert any(s["speaker"] == "caller" for s in segments)
    # Recorded on its own file, aligned to the call's time.
    record = store.get_call(call_id)
    recording = Path(record.recording_path).with_name(f"{call_id}.dispatcher.wav")
    with wave.open(str(recording)) as wav:
        assert wav.getframerate() == SAMPLE_RATE
        assert wav.getnframes() > 2 * SAMPLE_RATE
    actions = [entry.action for entry in store.audit(call_id)]
    assert "voice_talk" in actions
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        fetched = await http.get(
            f"/api/calls/{call_id}/recording",
            params={"speaker": "dispatcher"},
            headers=server.headers("ana"),
        )
    assert fetched.status_code == 200 and fetched.content == recording.read_bytes()


async def test_a_supervisor_listens_without_talking(server):
    call_id = "voice-listen-1"
    caller = Caller(server, call_id, spoken_call())
    line = asyncio.create_task(caller.run())
    await asyncio.wait_for(caller.accepted.wait(), 10)
    peer = RTCPeerConnection()
    tracks: asyncio.Queue = asyncio.Queue()
    peer.on("track", tracks.put_nowait)
    peer.addTransceiver("audio", direction="recvonly")
    answer = await offer_voice(server, call_id, peer, "boss", "listen")
    assert answer.status_code == 200, answer.text
    await peer.setRemoteDescription(RTCSessionDescription(answer.json()["sdp"], "answer"))
    incoming = await asyncio.wait_for(tracks.get(), 20)
    heard = []
    async with asyncio.timeout(30):
        while sum(len(chunk) for chunk in heard) < 2 * 48000:
            frame = await incoming.recv()
            heard.append(frame.to_ndarray().reshape(-1).astype(np.float32) / 32768.0)
    caller.hang_up.set()
    await asyncio.wait_for(line, 30)
    await peer.close()
    assert rms(np.concatenate(heard)) > 0.01
    assert caller.dispatcher_audio().size == 0  # a listener never reaches the caller
    assert "voice_listen" in [e.action for e in server.runtime.store.audit(call_id)]


def test_live_voices_keep_only_a_short_buffer_and_the_bot_is_queued_whole():
    track = MixedAudioTrack()
    track.play(np.full(5 * SAMPLE_RATE, 0.1, np.float32), "caller")
    track.play(np.full(3 * SAMPLE_RATE, 0.2, np.float32), "bot")
    assert track.buffered_seconds("caller") == LIVE_BUFFER_SAMPLES / SAMPLE_RATE
    assert track.buffered_seconds("bot") == 3.0
    assert np.allclose(track.next_frame(), 0.3)  # both voices, mixed
    track.clear()
    assert not track.next_frame().any()
    track.stop()


class RecordingOutbox:
    def __init__(self) -> None:
        self.messages: list[dict] = []

    def put_json(self, message: dict, droppable: bool = False) -> None:
        self.messages.append(message)


def test_twilio_sends_the_dispatcher_as_media_without_bot_marks():
    outbox = RecordingOutbox()
    sink = TwilioSink(outbox)  # type: ignore[arg-type]
    sink.stream_sid = "MZ1"
    sink.send_audio(np.zeros(1600, np.float32), "dispatcher")
    sink.send_audio(np.zeros(1600, np.float32), "bot")
    events = [m["event"] for m in outbox.messages]
    assert events == ["media", "media", "mark"]
    assert outbox.messages[2]["mark"]["name"] == "bot-1"
