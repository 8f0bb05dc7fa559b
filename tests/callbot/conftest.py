"""Callbot fixtures: the real end-of-turn model and VAD, and a real server with the bot attached.

Models are the session fixtures; each server test gets its own SQLite file and recordings.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
import websockets
from argon2 import PasswordHasher

TRUNK_SECRETS = {"113": "s113", "114": "s114", "115": "s115"}
PASSWORD = "correct-horse"
USERS = {"disp1": "dispatcher", "boss": "supervisor"}


@pytest.fixture(scope="session")
def smart_turn_model(settings):
    from triage.callbot.smart_turn_store import resolve_smart_turn_model
    from triage.callbot.turn_taking import SmartTurnModel

    return SmartTurnModel(resolve_smart_turn_model(None, settings.cache_dir))


@pytest.fixture(scope="session")
def vad():
    from speech.vad import SileroVad

    return SileroVad()


@dataclass
class BotServer:
    base_url: str
    ws_url: str
    runtime: Any
    bridge: Any
    tokens: dict[str, str] = field(default_factory=dict)

    def calls_url(self, trunk: str, path: str = "/ws/calls") -> str:
        return f"{self.ws_url}{path}?trunk={trunk}&secret={TRUNK_SECRETS[trunk]}"

    def console_url(self, username: str = "disp1") -> str:
        return f"{self.ws_url}/ws/console?token={self.tokens[username]}"

    def headers(self, username: str = "disp1") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    async def act(self, call_id: str, action: str, username: str = "disp1", **body: Any):
        async with httpx.AsyncClient(base_url=self.base_url, timeout=30) as http:
            return await http.post(
                f"/api/calls/{call_id}/{action}", json=body, headers=self.headers(username)
            )


@contextlib.asynccontextmanager
async def bot_server(
    tmp_path: Path, settings, transcriber, classifier, bridge
) -> AsyncIterator[BotServer]:
    """The real app (uvicorn, loopback, free port) with the callbot bridge as call observer."""
    from server.app import create_app
    from server.auth import Accounts, TrunkSecrets
    from server.runtime import IngestLimits
    from server.settings import Settings

    app_settings = Settings(
        cache_dir=settings.cache_dir,
        whisper_model_dir=settings.whisper_model_dir,
        classifier_model_dir=settings.classifier_model_dir,
        db_path=tmp_path / "hotline.sqlite3",
        recordings_dir=tmp_path / "recordings",
        inference_threads=2,
    )
    app = create_app(
        app_settings,
        transcriber=transcriber,
        classifier=classifier,
        trunk_secrets=TrunkSecrets(TRUNK_SECRETS),
        limits=IngestLimits(idle_timeout_s=5.0, start_timeout_s=5.0),
        observer_factory=bridge.observer_for,
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    running = BotServer(
        f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", app.state.runtime, bridge
    )
    accounts = Accounts(
        running.runtime.store, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    async with httpx.AsyncClient(base_url=running.base_url) as http:
        for username, role in USERS.items():
            accounts.create(username, PASSWORD, role)
            response = await http.post(
                "/api/login", json={"username": username, "password": PASSWORD}
            )
            response.raise_for_status()
            running.tokens[username] = response.json()["token"]
    try:
        yield running
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


@pytest.fixture
def make_bridge(tts, smart_turn_model, vad):
    from server.callbot_bridge import CallbotBridge, CallbotConfig
    from triage.callbot.overflow import CallbotMode

    made = []

    def build(mode: CallbotMode = CallbotMode.OVERFLOW, **session: Any):
        from triage.callbot.session import SessionParams

        bridge = CallbotBridge(
            tts,
            smart_turn_model,
            vad,
            CallbotConfig(mode=mode),
            session_params=SessionParams(**session),
        )
        made.append(bridge)
        return bridge

    yield build
    for bridge in made:
        bridge.close()


class ConsoleClient:
    """A dispatcher's console websocket that records every message in the background."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.messages: list[dict[str, Any]] = []
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for frame in self.socket:
                self.messages.append(json.loads(frame))

    def updates(self, call_id: str) -> list[dict[str, Any]]:
        return [
            m["call"]
            for m in self.messages
            if m.get("type") == "call_updated" and m["call"]["call_id"] == call_id
        ]

    async def close(self) -> None:
        await self.socket.close()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


@contextlib.asynccontextmanager
async def console(server: BotServer, username: str = "disp1") -> AsyncIterator[ConsoleClient]:
    socket = await websockets.connect(server.console_url(username), max_size=2**22)
    client = ConsoleClient(socket)
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
def start_bot_server(tmp_path, settings, transcriber, classifier):
    """`async with start_bot_server(bridge) as server:` runs the app with that callbot bridge."""

    def start(bridge):
        return bot_server(tmp_path, settings, transcriber, classifier, bridge)

    return start


@pytest.fixture
def open_console():
    """`async with open_console(server) as disp:` a dispatcher's console socket."""
    return console
