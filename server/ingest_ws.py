"""`/ws/calls`: the project's own call ingestion protocol (docs/console-protocol.md).

Parses and validates one line's frames into audio for its LiveCall; never runs a model. Any bad
input ends only this call, with an `error` message saying what was wrong.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from server.auth import CLOSE_UNAUTHENTICATED, trunk_credentials
from server.line_sinks import CallsSocketSink, WebsocketOutbox
from server.live_calls import CallRejected, LiveCall
from server.runtime import ServerRuntime
from speech.audio import CODECS, AudioDecodeError, StreamDecoder

log = logging.getLogger(__name__)
router = APIRouter()

CLOSE_NORMAL = 1000
CLOSE_BAD_DATA = 1003
CLOSE_TOO_BIG = 1009
CLOSE_IDLE = 4408


class LineError(Exception):
    """Bad input from the line: ends this call with `message` and close `code`."""

    def __init__(self, message: str, code: int = CLOSE_BAD_DATA, reason: str = "error") -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


async def receive_frame(websocket: WebSocket, idle_s: float, max_bytes: int) -> str | bytes | None:
    """Next text or binary frame; None when the peer disconnected. Enforces idle and size limits."""
    try:
        message = await asyncio.wait_for(websocket.receive(), idle_s)
    except TimeoutError as error:
        raise LineError(
            f"no data for {idle_s:g} s: the call was ended (send audio continuously)",
            CLOSE_IDLE,
            "idle_timeout",
        ) from error
    if message["type"] == "websocket.disconnect":
        return None
    frame = message.get("bytes")
    if frame is None:
        frame = message.get("text") or ""
    size = len(frame) if isinstance(frame, bytes) else len(frame.encode())
    if size > max_bytes:
        raise LineError(
            f"message of {size} bytes is over the {max_bytes} byte limit: send smaller frames",
            CLOSE_TOO_BIG,
        )
    return frame


def parse_json_frame(frame: str) -> dict[str, Any]:
    try:
        message = json.loads(frame)
    except ValueError as error:
        raise LineError(f"text frame is not JSON ({error}): see docs/console-protocol.md") from (
            error
        )
    if not isinstance(message, dict):
        raise LineError("a text frame must be a JSON object")
    return message


def parse_start(message: dict[str, Any], trunk: str) -> tuple[str, str | None, StreamDecoder]:
    """(call_id, caller_number, decoder) from a `start` message; LineError when it is wrong."""
    if message.get("type") != "start":
        got = message.get("type")
        raise LineError(f'the first message must be {{"type": "start", ...}}, got {got!r}')
    call_id = message.get("call_id")
    if not isinstance(call_id, str) or not call_id:
        raise LineError("start needs a call_id string")
    if message.get("trunk") not in (None, trunk):
        got = message.get("trunk")
        raise LineError(f"start.trunk {got!r} differs from the trunk in the URL")
    codec = message.get("codec")
    if codec not in CODECS:
        raise LineError(f"unknown codec {codec!r}: use one of {', '.join(CODECS)}")
    sample_rate = message.get("sample_rate")
    try:
        decoder = StreamDecoder(codec, sample_rate)  # type: ignore[arg-type]
    except AudioDecodeError as error:
        raise LineError(str(error)) from error
    caller = message.get("caller_number")
    return call_id, caller if isinstance(caller, str) else None, decoder


async def accept_line(websocket: WebSocket, runtime: ServerRuntime) -> str | None:
    """Accepts an ingestion socket; returns its trunk, or None after closing a wrong secret."""
    trunk, secret = trunk_credentials(websocket.query_params, websocket.headers)
    await websocket.accept()
    if not runtime.trunks.allows(trunk, secret):
        await websocket.close(CLOSE_UNAUTHENTICATED, "unknown trunk or wrong secret")
        return None
    return trunk


@router.websocket("/ws/calls")
async def calls_socket(websocket: WebSocket) -> None:
    runtime: ServerRuntime = websocket.app.state.runtime
    limits = runtime.limits
    trunk = await accept_line(websocket, runtime)
    if trunk is None:
        return
    outbox = WebsocketOutbox(websocket)
    outbox.start()
    sink = CallsSocketSink(outbox)
    call: LiveCall | None = None
    decoder: StreamDecoder | None = None
    reason, code, close_reason = "stop", CLOSE_NORMAL, ""
    try:
        frame = await receive_frame(websocket, limits.start_timeout_s, limits.max_message_bytes)
        if frame is None:
            return
        if isinstance(frame, bytes):
            raise LineError("audio before start: send the JSON start message first")
        call_id, caller, decoder = parse_start(parse_json_frame(frame), trunk)
        sink.codec = decoder.codec
        try:
            call = runtime.registry.open_call(call_id, trunk, caller, "ws", sink)
        except CallRejected as error:
            raise LineError(str(error)) from error
        sink.send_event({"type": "accepted", "call_id": call_id})
        while not call.done:
            frame = await receive_frame(websocket, limits.idle_timeout_s, limits.max_message_bytes)
            if frame is None:
                reason = "disconnected"
                break
            if isinstance(frame, bytes):
                try:
                    samples = decoder.decode(frame)
                except AudioDecodeError as error:
                    raise LineError(f"bad audio frame: {error}") from error
                await call.push_audio(samples)
                continue
            message = parse_json_frame(frame)
            if message.get("type") == "stop":
                break
            raise LineError(f"unexpected message type {message.get('type')!r} during a call")
        if call.error:
            reason, code, close_reason = "error", 1011, call.error
    except LineError as error:
        log.info("call line ended: %s", error)
        reason, code, close_reason = error.reason, error.code, str(error)
        sink.send_event({"type": "error", "message": str(error)})
    except WebSocketDisconnect:
        reason = "disconnected"
    finally:
        if call is not None:
            if decoder is not None and reason != "disconnected":
                try:
                    await call.push_audio(decoder.flush())
                except AudioDecodeError:
                    pass  # the tail of a broken stream is not worth an error of its own
            await call.end(reason)
        await outbox.close(code, close_reason)
