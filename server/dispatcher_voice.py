"""A dispatcher's voice on a live call: WebRTC between the console and the server (aiortc).

`POST /api/calls/{id}/voice` answers the console's SDP offer. The console hears every voice on
the call but its own; in `talk` mode its microphone goes to the caller through the call's one
outbound-audio interface (LiveCall.speak), whatever line the call came in on. Nothing here
knows a line format, and a link never outlives the call, its claim or its peer connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Literal

import numpy as np
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioResampler
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from server.audio_tracks import MixedAudioTrack
from server.auth import DispatcherAccount
from server.live_calls import LiveCall
from server.runtime import ServerRuntime
from server.store import AccountRecord
from speech.messages import SAMPLE_RATE

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api")

# The microphone goes to the line in 100 ms pieces: one line message per piece, not per 20 ms.
SPEAK_CHUNK_SAMPLES = SAMPLE_RATE // 10
DISPATCHER = "dispatcher"


class VoiceOffer(BaseModel):
    sdp: str
    type: str
    mode: Literal["listen", "talk"] = "talk"


class VoiceLink:
    """One console's audio on one call: a CallListener feeding its outgoing track."""

    def __init__(
        self, call: LiveCall, account: AccountRecord, mode: str, peer: RTCPeerConnection
    ) -> None:
        self.call = call
        self.username = account.username
        self.mode = mode
        self.peer = peer
        self.track = MixedAudioTrack()
        self.closed = asyncio.Event()
        self.spoken_seconds = 0.0
        self._consumer: asyncio.Task[None] | None = None

    # CallListener
    def hear(self, samples: np.ndarray, speaker: str) -> None:
        if self.mode == "talk" and speaker == DISPATCHER:
            return  # nobody wants to hear themselves with a delay
        self.track.play(samples, speaker)

    def may_talk(self) -> bool:
        record = self.call.record
        return self.mode == "talk" and record.claimed_by == self.username

    def take_microphone(self, track: MediaStreamTrack) -> None:
        self._consumer = asyncio.create_task(self._speak_from(track))

    async def _speak_from(self, track: MediaStreamTrack) -> None:
        resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        queued = 0
        try:
            while not self.closed.is_set():
                frame = await track.recv()
                if not self.may_talk():
                    if self.mode == "talk":
                        break  # released, closed or taken over: the line is no longer ours
                    continue  # listen only: the microphone (if any) goes nowhere
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                    pending.append(samples)
                    queued += len(samples)
                if queued >= SPEAK_CHUNK_SAMPLES:
                    chunk = np.concatenate(pending)
                    pending, queued = [], 0
                    self.call.speak(chunk, DISPATCHER)
                    self.spoken_seconds += len(chunk) / SAMPLE_RATE
        except MediaStreamError:
            pass  # the console hung up its microphone
        except Exception:
            log.exception("dispatcher voice on call %s failed", self.call.call_id)
        finally:
            self.closed.set()

    async def run_until_done(self) -> None:
        """Lives until the call ends, the peer goes away or the talker loses the claim."""
        ended = asyncio.ensure_future(self.call.ended.wait())
        closed = asyncio.ensure_future(self.closed.wait())
        try:
            await asyncio.wait({ended, closed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ended.cancel()
            closed.cancel()
            await self.close()

    async def close(self) -> None:
        self.closed.set()
        self.call.listeners.discard(self)
        if self._consumer is not None:
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._consumer
        self.track.stop()
        with contextlib.suppress(Exception):
            await self.peer.close()


def _refuse(runtime: ServerRuntime, call_id: str, account: AccountRecord, mode: str) -> LiveCall:
    """The live call this account may open a `mode` voice link on; HTTPException otherwise."""
    record = runtime.registry.open_record(call_id)
    if record is None:
        if runtime.store.get_call(call_id) is None:
            raise HTTPException(404, f"no call {call_id!r}")
        raise HTTPException(409, "this call is closed")
    call = runtime.registry.live_call(call_id)
    if call is None:
        raise HTTPException(409, "the caller is no longer on the line")
    if mode == "talk" and record.claimed_by != account.username:
        raise HTTPException(409, "claim the call before talking to the caller")
    if mode == "listen" and record.claimed_by != account.username:
        if account.role != "supervisor":
            raise HTTPException(403, "only the dispatcher holding the call or a supervisor listens")
    return call


@router.post("/calls/{call_id}/voice")
async def voice_offer(
    call_id: str, offer: VoiceOffer, request: Request, account: DispatcherAccount
) -> dict[str, str]:
    runtime: ServerRuntime = request.app.state.runtime
    call = _refuse(runtime, call_id, account, offer.mode)
    if offer.type != "offer" or "m=audio" not in offer.sdp:
        raise HTTPException(400, "send an SDP offer with an audio section")
    peer = RTCPeerConnection()
    link = VoiceLink(call, account, offer.mode, peer)

    @peer.on("track")
    def on_track(track: MediaStreamTrack) -> None:
        if track.kind == "audio" and link._consumer is None:
            link.take_microphone(track)

    @peer.on("connectionstatechange")
    async def on_state() -> None:
        if peer.connectionState in ("failed", "closed"):
            link.closed.set()

    try:
        await peer.setRemoteDescription(RTCSessionDescription(offer.sdp, offer.type))
        peer.addTrack(link.track)
        await peer.setLocalDescription(await peer.createAnswer())
    except Exception as error:
        await link.close()
        raise HTTPException(400, f"cannot answer this offer: {error}") from error
    if offer.mode == "talk" and link._consumer is None:
        await link.close()
        raise HTTPException(400, "talk needs a microphone track in the offer (sendrecv)")
    call.listeners.add(link)
    runtime.voice_links.add(link)
    task = asyncio.create_task(link.run_until_done())
    runtime.background_tasks.add(task)
    task.add_done_callback(runtime.background_tasks.discard)
    task.add_done_callback(lambda _: runtime.voice_links.discard(link))
    entry = runtime.store.append_audit(
        account.username, f"voice_{offer.mode}", call_id, {}, time.time()
    )
    runtime.registry.audit_entry(entry)
    local = peer.localDescription
    return {"sdp": local.sdp, "type": local.type, "mode": offer.mode}


async def close_all_voice(runtime: ServerRuntime) -> None:
    """Shutdown: hang up every console's voice link."""
    for link in list(runtime.voice_links):
        await link.close()
    runtime.voice_links.clear()
