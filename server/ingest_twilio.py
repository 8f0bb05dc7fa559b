"""`/ws/twilio`: Twilio Media Streams (JSON text frames, base64 8 kHz mu-law) into a LiveCall.

So a Twilio-style gateway can point at us unchanged; never sends anything Twilio would not expect.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from server.ingest_ws import (
    CLOSE_NORMAL,
    LineError,
    accept_line,
    parse_json_frame,
    receive_frame,
)
from server.line_sinks import TwilioSink, WebsocketOutbox
from server.live_calls import CallRejected, LiveCall
from server.runtime import ServerRuntime
from speech.audio import AudioDecodeError, StreamDecoder

log = logging.getLogger(__name__)
router = APIRouter()


def parse_twilio_start(message: dict[str, Any]) -> tuple[str, str, str | None]:
    """(call_sid, stream_sid, caller) from a `start` event; LineError when it is not usable."""
    start = message.get("start")
    if not isinstance(start, dict):
        raise LineError("start event without a start object")
    call_sid, stream_sid = start.get("callSid"), start.get("streamSid") or message.get("streamSid")
    if not isinstance(call_sid, str) or not isinstance(stream_sid, str):
        raise LineError("start needs start.callSid and start.streamSid strings")
    media_format = start.get("mediaFormat") or {}
    encoding = media_format.get("encoding", "audio/x-mulaw")
    rate = media_format.get("sampleRate", 8000)
    if encoding != "audio/x-mulaw" or rate != 8000 or media_format.get("channels", 1) != 1:
        raise LineError(
            f"unsupported mediaFormat {media_format!r}: send audio/x-mulaw 8000 Hz mono"
        )
    params = start.get("customParameters") or {}
    caller = params.get("caller") if isinstance(params, dict) else None
    return call_sid, stream_sid, caller if isinstance(caller, str) else None


def media_payload(message: dict[str, Any]) -> tuple[str, bytes]:
    """(track, mu-law bytes) of a `media` event."""
    media = message.get("media")
    if not isinstance(media, dict) or not isinstance(media.get("payload"), str):
        raise LineError("media event without media.payload")
    try:
        audio = base64.b64decode(media["payload"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise LineError(f"media.payload is not base64: {error}") from error
    return str(media.get("track", "inbound")), audio


@router.websocket("/ws/twilio")
async def twilio_socket(websocket: WebSocket) -> None:
    runtime: ServerRuntime = websocket.app.state.runtime
    limits = runtime.limits
    trunk = await accept_line(websocket, runtime)
    if trunk is None:
        return
    outbox = WebsocketOutbox(websocket)
    outbox.start()
    sink = TwilioSink(outbox)
    call: LiveCall | None = None
    decoder = StreamDecoder("mulaw", 8000)
    reason, code, close_reason = "stop", CLOSE_NORMAL, ""
    try:
        while call is None or not call.done:
            idle = limits.start_timeout_s if call is None else limits.idle_timeout_s
            frame = await receive_frame(websocket, idle, limits.max_message_bytes)
            if frame is None:
                reason = "disconnected"
                break
            if isinstance(frame, bytes):
                raise LineError("binary frames are not Twilio Media Streams: send JSON")
            message = parse_json_frame(frame)
            event = message.get("event")
            if event == "connected":
                continue
            if event == "start":
                if call is not None:
                    raise LineError("a second start event on one stream")
                call_sid, sink.stream_sid, caller = parse_twilio_start(message)
                try:
                    call = runtime.registry.open_call(call_sid, trunk, caller, "twilio", sink)
                except CallRejected as error:
                    raise LineError(str(error)) from error
            elif event == "media":
                if call is None:
                    raise LineError("media before start")
                track, audio = media_payload(message)
                if track not in ("inbound", "inbound_track"):
                    continue  # our own audio echoed back in a both-tracks stream
                try:
                    await call.push_audio(decoder.decode(audio))
                except AudioDecodeError as error:
                    raise LineError(f"bad media payload: {error}") from error
            elif event == "mark":
                if call is not None and call.observer is not None:
                    name = (message.get("mark") or {}).get("name")
                    await call._notify("on_mark", name)
            elif event == "dtmf":
                log.info("dtmf on %s: %s", call.call_id if call else "?", message.get("dtmf"))
            elif event == "stop":
                break
            else:
                raise LineError(f"unknown Twilio event {event!r}")
        if call is not None and call.error:
            reason, code, close_reason = "error", 1011, call.error
    except LineError as error:
        log.info("twilio line ended: %s", error)
        reason, code, close_reason = error.reason, error.code, str(error)
    except WebSocketDisconnect:
        reason = "disconnected"
    finally:
        if call is not None:
            await call.end(reason)
        await outbox.close(code, close_reason)
