"""Fans live queue events out to every connected console, each through its own bounded queue.

Publishing never awaits: a slow console is resynced with the latest snapshot or disconnected,
it never stalls a call.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from server.store import AccountRecord

log = logging.getLogger(__name__)

CLIENT_QUEUE_SIZE = 256
MAX_RESYNCS = 3  # a console that overflows more often than this is disconnected
SEND_TIMEOUT_S = 10.0
CLOSE_TOO_SLOW = 4408


class _Client:
    def __init__(self, account: AccountRecord) -> None:
        self.account = account
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(CLIENT_QUEUE_SIZE)
        self.resyncs = 0
        self.dropped = asyncio.Event()  # set when the hub gives up on this console


class ConsoleHub:
    """`snapshot()` returns the current queue (list of CallSummary); seq counts every message."""

    def __init__(
        self,
        snapshot: Callable[[], list[dict[str, Any]]],
        extra: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self._snapshot = snapshot
        self._extra = extra  # more of the console's state in every snapshot (the units)
        self._clients: set[_Client] = set()
        self._seq = 0

    @property
    def client_count(self) -> int:
        return len(self._clients)

    def connected_accounts(self) -> list[AccountRecord]:
        return [client.account for client in self._clients]

    def publish(self, message: dict[str, Any]) -> None:
        """Send to every console; never awaits."""
        self._seq += 1
        stamped = {**message, "seq": self._seq}
        for client in list(self._clients):
            try:
                client.queue.put_nowait(stamped)
            except asyncio.QueueFull:
                self._resync(client)

    def _snapshot_message(self) -> dict[str, Any]:
        extra = self._extra() if self._extra is not None else {}
        return {**extra, "type": "snapshot", "seq": self._seq, "queue": self._snapshot()}

    def _resync(self, client: _Client) -> None:
        while not client.queue.empty():
            client.queue.get_nowait()
        client.resyncs += 1
        if client.resyncs > MAX_RESYNCS:
            log.warning("console of %s too slow: disconnecting it", client.account.username)
            client.dropped.set()  # wakes serve() even while a send is stuck
            self._clients.discard(client)
            return
        # The snapshot replaces everything the client missed.
        client.queue.put_nowait(self._snapshot_message())

    async def serve(self, websocket: WebSocket, account: AccountRecord) -> None:
        """Runs one console connection until it closes."""
        client = _Client(account)
        # No await between the snapshot and joining: the client misses nothing in between.
        client.queue.put_nowait(self._snapshot_message())
        self._clients.add(client)
        sender = asyncio.create_task(self._send_loop(websocket, client))
        receiver = asyncio.create_task(self._receive_loop(websocket, client))
        dropped = asyncio.create_task(client.dropped.wait())
        tasks = (sender, receiver, dropped)
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._clients.discard(client)
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            if client.dropped.is_set():
                with contextlib.suppress(Exception):
                    await websocket.close(CLOSE_TOO_SLOW, "console too slow: reconnect")

    async def _send_loop(self, websocket: WebSocket, client: _Client) -> None:
        while True:
            message = await client.queue.get()
            await asyncio.wait_for(
                websocket.send_text(json.dumps(message, ensure_ascii=False)), SEND_TIMEOUT_S
            )

    async def _receive_loop(self, websocket: WebSocket, client: _Client) -> None:
        try:
            while True:
                text = await websocket.receive_text()
                try:
                    request = json.loads(text)
                except ValueError:
                    continue
                if isinstance(request, dict) and request.get("type") == "ping":
                    # Through the client's queue so replies keep their order with events.
                    with contextlib.suppress(asyncio.QueueFull):
                        client.queue.put_nowait({"type": "pong"})
        except WebSocketDisconnect:
            return
