"""The real triage app under uvicorn in a background thread, stoppable and restartable on the
same port and SQLite file, so a browser test can watch the console survive a restart.

Test harness only: it builds no model (the session fixtures pass theirs in) and mocks nothing.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from argon2 import PasswordHasher

from server.app import create_app
from server.auth import Accounts, TrunkSecrets
from server.settings import Settings
from server.store import SqliteStore

TRUNK, SECRET = "114", "browser-test-secret"
PASSWORD = "mat-khau-thu"
# What the dispatcher says into Chromium's fake microphone in the voice test.
DISPATCHER_PHRASE = "Tôi là điều phối viên, xe cứu thương đang đến, anh giữ máy nhé."
USERS = {"disp1": "dispatcher", "disp2": "dispatcher", "boss": "supervisor"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_accounts(db_path: Path) -> None:
    store = SqliteStore(db_path)
    try:
        # Cheap argon2 parameters: these tests are about the console, not hashing cost.
        accounts = Accounts(store, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        for username, role in USERS.items():
            if store.get_account(username) is None:
                accounts.create(username, PASSWORD, role)
    finally:
        store.close()


class ServerThread:
    """start() serves until stop(); start() again serves the same port and database."""

    def __init__(
        self,
        settings: Settings,
        transcriber: Any,
        classifier: Any,
        observer_factory: Any = None,
    ) -> None:
        self.settings = settings
        self.transcriber = transcriber
        self.classifier = classifier
        self.observer_factory = observer_factory  # the callbot bridge's, when a test wants it
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout_s: float = 30.0) -> None:
        app = create_app(
            self.settings,
            transcriber=self.transcriber,
            classifier=self.classifier,
            trunk_secrets=TrunkSecrets({TRUNK: SECRET}),
            observer_factory=self.observer_factory,
        )
        self.app = app
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=3,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="triage-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._server.started:
                httpx.get(f"{self.base_url}/healthz", timeout=5).raise_for_status()
                return
            if not self._thread.is_alive():
                raise RuntimeError(f"the server did not start on port {self.port}")
            time.sleep(0.05)
        raise RuntimeError(f"the server did not start within {timeout_s} s")

    def stop(self, timeout_s: float = 30.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            raise RuntimeError("the server thread did not stop")
        self._server = None
        self._thread = None
