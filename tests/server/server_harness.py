"""Harness for the server tests: a real app on a loopback port, real SQLite, real models.

Each test gets its own database and recordings folder; the models are the session fixtures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import wave
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import uvicorn
import websockets
from argon2 import PasswordHasher

from server.app import create_app
from server.auth import Accounts, TrunkSecrets
from server.runtime import IngestLimits, ServerRuntime
from server.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TRUNK, SECRET = "114", "test-secret"
PASSWORD = "correct-horse"
USERS = {"disp1": "dispatcher", "disp2": "dispatcher", "boss": "supervisor", "ana": "analyst"}
# Streaming faster than real time keeps tests short; 6x still leaves the recogniser whole steps.
TEST_SPEED = 6.0


def sample(name: str) -> Path:
    path = SAMPLES / f"{name}.wav"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `nice .venv/bin/python samples/generate.py`")
    return path


@dataclass
class RunningServer:
    base_url: str
    ws_url: str
    runtime: ServerRuntime
    uvicorn_server: uvicorn.Server
    task: asyncio.Task[None]
    tokens: dict[str, str] = field(default_factory=dict)

    async def stop(self) -> None:
        """Graceful shutdown (lifespan end included); safe to call twice."""
        self.uvicorn_server.should_exit = True
        await asyncio.wait_for(asyncio.shield(self.task), 30)

    def ingest_url(self, path: str = "/ws/calls", secret: str = SECRET) -> str:
        return f"{self.ws_url}{path}?trunk={TRUNK}&secret={secret}"

    def console_url(self, username: str = "disp1") -> str:
        return f"{self.ws_url}/ws/console?token={self.tokens[username]}"

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}


@contextlib.asynccontextmanager
async def run_server(
    settings: Settings, transcriber: Any, classifier: Any, limits: IngestLimits | None = None
) -> AsyncIterator[RunningServer]:
    """The real app under uvicorn on 127.0.0.1:<free port>, in this test's event loop."""
    app = create_app(
        settings,
        transcriber=transcriber,
        classifier=classifier,
        trunk_secrets=TrunkSecrets({TRUNK: SECRET}),
        limits=limits or IngestLimits(idle_timeout_s=2.0, start_timeout_s=2.0),
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    running = RunningServer(
        f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", app.state.runtime, server, task
    )
    try:
        yield running
    finally:
        await running.stop()


def make_accounts(runtime: ServerRuntime) -> None:
    # Cheap argon2 parameters: these tests are about the server, not hashing cost.
    accounts = Accounts(runtime.store, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    for username, role in USERS.items():
        if runtime.store.get_account(username) is None:
            accounts.create(username, PASSWORD, role)


async def login_all(server: RunningServer) -> None:
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        for username in USERS:
            response = await http.post(
                "/api/login", json={"username": username, "password": PASSWORD}
            )
            response.raise_for_status()
            server.tokens[username] = response.json()["token"]


@pytest.fixture
def server_settings(tmp_path: Path, settings: Settings) -> Settings:
    return Settings(
        cache_dir=settings.cache_dir,
        whisper_model_dir=settings.whisper_model_dir,
        classifier_model_dir=settings.classifier_model_dir,
        db_path=tmp_path / "hotline.sqlite3",
        recordings_dir=tmp_path / "recordings",
        inference_threads=2,
    )


@pytest.fixture
async def server(server_settings, transcriber, classifier) -> AsyncIterator[RunningServer]:
    async with run_server(server_settings, transcriber, classifier) as running:
        make_accounts(running.runtime)
        await login_all(running)
        yield running


class ConsoleClient:
    """A console websocket that records every message in the background."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.messages: list[dict[str, Any]] = []
        self._task = asyncio.create_task(self._read())
        self._changed = asyncio.Event()

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for frame in self.socket:
                self.messages.append(json.loads(frame))
                self._changed.set()

    async def wait_for(self, predicate, within: float = 60.0) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        """First message (old or new) matching `predicate`, waiting at most `within` seconds."""
        async with asyncio.timeout(within):
            seen = 0
            while True:
                for message in self.messages[seen:]:
                    if predicate(message):
                        return message
                seen = len(self.messages)
                self._changed.clear()
                await self._changed.wait()

    async def close(self) -> None:
        await self.socket.close()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


@contextlib.asynccontextmanager
async def console(server: RunningServer, username: str = "disp1") -> AsyncIterator[ConsoleClient]:
    socket = await websockets.connect(server.console_url(username), max_size=2**22)
    client = ConsoleClient(socket)
    try:
        yield client
    finally:
        await client.close()


def call_update(call_id: str, **expected: Any):  # type: ignore[no-untyped-def]
    """Predicate: a call_updated message for `call_id` whose call has the expected fields."""

    def matches(message: dict[str, Any]) -> bool:
        if message.get("type") != "call_updated" or message["call"]["call_id"] != call_id:
            return False
        return all(message["call"].get(key) == value for key, value in expected.items())

    return matches


# A clear P1 medical call: espeak-ng at 150 wpm, 16 kHz. Whisper base gets it close enough for the
# real classifier to say medical/P1 on the 16 kHz path (phone-band mu-law copies are too garbled
# for a reliable label: there the tests check the server shows what the classifier said).
P1_MEDICAL_TEXT = "Cấp cứu! Bố tôi bất tỉnh, không thở nữa!"


def spoken_call(text: str = P1_MEDICAL_TEXT, speed: int = 150) -> np.ndarray:
    """16 kHz float32 speech made at test time, with a little silence around it."""
    from speech.tts import EspeakTTS

    speech = EspeakTTS(speed=speed).synthesize(text)
    return np.concatenate(
        [np.zeros(4000, np.float32), speech.astype(np.float32), np.zeros(8000, np.float32)]
    )


def write_wav(path: Path, samples: np.ndarray) -> Path:
    """16 kHz mono PCM16 WAV (what aiortc's MediaPlayer reads)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path
