"""WebRTC ingestion through aiortc: `POST /rtc/offer` answers an SDP offer and feeds its audio track
into a LiveCall; bot and dispatcher speech go back on an outgoing track. `GET /caller` is a
caller test page.

Every peer connection is tracked and closed when its call ends or the server shuts down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from pathlib import Path

import numpy as np
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioResampler
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from server.audio_tracks import MixedAudioTrack
from server.auth import trunk_credentials
from server.live_calls import CallRejected, LiveCall
from server.runtime import ServerRuntime
from speech.messages import SAMPLE_RATE

log = logging.getLogger(__name__)
router = APIRouter()

CALLER_PAGE = Path(__file__).parent / "pages" / "caller.html"


class Offer(BaseModel):
    sdp: str
    type: str
    call_id: str | None = None
    caller_number: str | None = None


class WebRtcSink:
    """CallSink for a WebRTC caller: bot and dispatcher voices mixed on the outgoing track;
    events have no channel."""

    def __init__(self, track: MixedAudioTrack) -> None:
        self.track = track

    def send_event(self, message: dict[str, object]) -> None:
        return None

    def send_audio(self, samples: np.ndarray, speaker: str = "bot") -> None:
        self.track.play(samples, speaker)

    def clear_audio(self) -> None:
        self.track.clear()


async def _consume(
    track: MediaStreamTrack, call: LiveCall, idle_s: float, close: asyncio.Event
) -> None:
    resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    reason = "stop"
    try:
        while not call.done:
            recv = asyncio.ensure_future(track.recv())
            closed = asyncio.ensure_future(close.wait())
            done, _ = await asyncio.wait(
                {recv, closed}, timeout=idle_s, return_when=asyncio.FIRST_COMPLETED
            )
            if recv not in done:
                recv.cancel()
                closed.cancel()
                reason = "disconnected" if closed in done else "idle_timeout"
                break
            closed.cancel()
            frame = recv.result()
            for out in resampler.resample(frame):
                samples = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                await call.push_audio(samples)
    except MediaStreamError:
        reason = "stop"
    except Exception:
        log.exception("WebRTC audio of call %s failed", call.call_id)
        reason = "error"
    finally:
        await call.end(reason)


@router.post("/rtc/offer")
async def rtc_offer(offer: Offer, request: Request) -> dict[str, str]:
    runtime: ServerRuntime = request.app.state.runtime
    trunk, secret = trunk_credentials(request.query_params, request.headers)
    if not runtime.trunks.allows(trunk, secret):
        raise HTTPException(401, "unknown trunk or wrong secret: pass ?trunk=&secret=")
    if offer.type != "offer" or "m=audio" not in offer.sdp:
        raise HTTPException(400, "send an SDP offer with an audio track")
    call_id = offer.call_id or f"rtc-{uuid.uuid4().hex[:12]}"
    peer = RTCPeerConnection()
    bot_track = MixedAudioTrack()
    try:
        call = runtime.registry.open_call(
            call_id, trunk, offer.caller_number, "webrtc", WebRtcSink(bot_track)
        )
    except CallRejected as error:
        await peer.close()
        raise HTTPException(400, str(error)) from error
    runtime.peer_connections.add(peer)
    closed = asyncio.Event()
    consumers: list[asyncio.Task[None]] = []

    async def wind_down() -> None:
        if consumers:
            await asyncio.gather(*consumers, return_exceptions=True)
        else:
            await call.end("no_audio")
        bot_track.stop()
        await peer.close()
        runtime.peer_connections.discard(peer)

    @peer.on("track")
    def on_track(track: MediaStreamTrack) -> None:
        if track.kind != "audio" or consumers:
            return
        peer.addTrack(bot_track)
        consumers.append(
            asyncio.create_task(_consume(track, call, runtime.limits.idle_timeout_s, closed))
        )
        consumers[0].add_done_callback(lambda _: _spawn(runtime, wind_down()))

    @peer.on("connectionstatechange")
    async def on_state() -> None:
        if peer.connectionState in ("failed", "closed"):
            closed.set()
            if not consumers:
                await wind_down()

    try:
        await peer.setRemoteDescription(RTCSessionDescription(offer.sdp, offer.type))
        answer = await peer.createAnswer()
        await peer.setLocalDescription(answer)
    except Exception as error:
        await call.end("error")
        await peer.close()
        runtime.peer_connections.discard(peer)
        raise HTTPException(400, f"cannot answer this offer: {error}") from error
    if not consumers:
        await call.end("no_audio")
        await peer.close()
        runtime.peer_connections.discard(peer)
        raise HTTPException(400, "the offer has no audio track we can receive")
    local = peer.localDescription
    return {"sdp": local.sdp, "type": local.type, "call_id": call_id}


def _spawn(runtime: ServerRuntime, coroutine) -> None:  # type: ignore[no-untyped-def]
    # Keep a reference so the task is not garbage-collected mid-flight (RUF006).
    task = asyncio.get_running_loop().create_task(coroutine)
    runtime.background_tasks.add(task)
    task.add_done_callback(runtime.background_tasks.discard)


async def close_all(runtime: ServerRuntime) -> None:
    """Shutdown: close every peer connection (their calls end with them)."""
    peers = list(runtime.peer_connections)
    runtime.peer_connections.clear()
    for peer in peers:
        with contextlib.suppress(Exception):
            await peer.close()


@router.get("/caller", response_class=HTMLResponse)
async def caller_page() -> HTMLResponse:
    """Test page for a caller: microphone or a local audio file over WebRTC. No data of ours."""
    return HTMLResponse(CALLER_PAGE.read_text(encoding="utf-8"))
