"""A slow console never stalls publishing: it is resynced with a snapshot, then disconnected."""

from __future__ import annotations

import asyncio
import time

from server.console_hub import CLIENT_QUEUE_SIZE, CLOSE_TOO_SLOW, MAX_RESYNCS, ConsoleHub
from server.store import AccountRecord

ACCOUNT = AccountRecord("disp1", "dispatcher", "x", 0.0)


class StuckSocket:
    """Failure injection: a console whose network never drains (send blocks until cancelled)."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed_with: int | None = None
        self.first_send = asyncio.Event()

    async def send_text(self, text: str) -> None:
        self.sent.append(text)
        self.first_send.set()
        await asyncio.Event().wait()

    async def receive_text(self) -> str:
        await asyncio.Event().wait()
        return ""

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed_with = code


async def test_slow_console_is_resynced_then_disconnected_without_blocking_publish():
    hub = ConsoleHub(lambda: [{"call_id": "c1"}])
    socket = StuckSocket()
    serving = asyncio.create_task(hub.serve(socket, ACCOUNT))  # type: ignore[arg-type]
    await socket.first_send.wait()
    assert '"snapshot"' in socket.sent[0]
    started = time.perf_counter()
    for number in range(CLIENT_QUEUE_SIZE * (MAX_RESYNCS + 2)):
        hub.publish({"type": "transcript", "n": number})
    assert time.perf_counter() - started < 1.0, "publish must never wait for a console"
    await asyncio.wait_for(serving, 5)  # the hub gave up on the stuck console...
    assert hub.client_count == 0
    assert socket.closed_with == CLOSE_TOO_SLOW  # ...and told it to reconnect


class RecordingSocket:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.hang_up = asyncio.Event()

    async def send_text(self, text: str) -> None:
        self.sent.append(text)

    async def receive_text(self) -> str:
        from fastapi import WebSocketDisconnect

        await self.hang_up.wait()
        raise WebSocketDisconnect(1000)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        return None


async def test_fast_console_gets_every_message_in_seq_order():
    import json

    hub = ConsoleHub(list)
    socket = RecordingSocket()
    serving = asyncio.create_task(hub.serve(socket, ACCOUNT))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    for number in range(50):
        hub.publish({"type": "transcript", "n": number})
        await asyncio.sleep(0)
    await asyncio.sleep(0.05)
    socket.hang_up.set()
    await asyncio.wait_for(serving, 5)
    messages = [json.loads(text) for text in socket.sent]
    assert messages[0]["type"] == "snapshot"
    assert [m["seq"] for m in messages] == list(range(messages[0]["seq"], messages[0]["seq"] + 51))
