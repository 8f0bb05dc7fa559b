"""The FastAPI application: create_app(settings, transcriber=..., classifier=...) wires the store,
accounts, live calls, ingestion endpoints, console websocket and console HTTP actions.

Models are passed in by whoever owns the process; nothing is loaded at import time.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, WebSocket
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from classifiers.messages import Classifier
from server.api_docs import install_api_docs
from server.auth import DISPATCH_ROLES, Accounts, TrunkSecrets, websocket_account
from server.call_back import Dialer
from server.dispatcher_voice import close_all_voice
from server.ingest_webrtc import close_all
from server.live_calls import LiveCallRegistry, ObserverFactory
from server.runtime import IngestLimits, ServerRuntime
from server.settings import Settings
from server.store import SqliteStore, Store
from speech.protocols import StreamingRecognizer

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"

# Routers of the app, each module exposing `router`. Other areas add theirs here (one line).
ROUTER_MODULES: tuple[str, ...] = (
    "server.routes_auth",
    "server.routes_calls",
    "server.routes_admin",
    "server.ingest_ws",
    "server.ingest_twilio",
    "server.ingest_webrtc",
    "server.dispatcher_voice",
    "server.routes_analyst",
)


def create_app(
    settings: Settings,
    *,
    transcriber: Any,
    classifier: Classifier,
    recognizer_factory: Callable[[], StreamingRecognizer] | None = None,
    trunk_secrets: TrunkSecrets | None = None,
    limits: IngestLimits | None = None,
    observer_factory: ObserverFactory | None = None,
    store: Store | None = None,
    dialers: Mapping[str, Dialer] | None = None,
) -> FastAPI:
    """`transcriber` is a loaded speech.whisper.WhisperTranscriber (any object the default
    StreamingTranscriber accepts); pass `recognizer_factory` to use another streaming recogniser.
    `dialers` (trunk -> server.call_back.Dialer) are the lines that can call a caller back.
    """
    if recognizer_factory is None:
        from speech.streaming import StreamingTranscriber

        def recognizer_factory() -> StreamingRecognizer:
            return StreamingTranscriber(transcriber, time.time)

    trunks = trunk_secrets or TrunkSecrets.parse(settings.trunk_secrets)
    if not trunks.secrets:
        log.warning("no trunk secrets configured (HOTLINE_TRUNK_SECRETS): call ingestion is closed")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        executor = ThreadPoolExecutor(settings.inference_threads, thread_name_prefix="inference")
        owned_store = store or SqliteStore(settings.db_path)
        registry = LiveCallRegistry(
            owned_store,
            classifier,
            recognizer_factory,
            executor,
            settings.recordings_dir,
            observer_factory=observer_factory,
        )
        registry.dialers.update(dialers or {})
        registry.restore()
        runtime = ServerRuntime(
            store=owned_store,
            accounts=Accounts(owned_store),
            registry=registry,
            trunks=trunks,
            limits=limits or IngestLimits(),
        )
        app.state.runtime = runtime
        app.state.accounts = runtime.accounts
        try:
            yield
        finally:
            await close_all_voice(runtime)
            await close_all(runtime)
            await registry.shutdown()
            executor.shutdown(wait=True, cancel_futures=True)
            if store is None:
                owned_store.close()

    # /openapi.json and /docs are public (server/api_docs.py): no data, every endpoint checks.
    app = FastAPI(
        title="hotline-triage",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    install_api_docs(app)
    app.state.models = {
        "whisper": getattr(transcriber, "model_name", type(transcriber).__name__),
        "classifier": classifier.version,
    }
    for module_name in ROUTER_MODULES:
        app.include_router(importlib.import_module(module_name).router)

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        """200 once serving: the process loads the models before the app starts."""
        runtime: ServerRuntime = app.state.runtime
        live = runtime.registry.live_count
        return {"status": "ok", "models": app.state.models, "live_calls": live}

    @app.websocket("/ws/console")
    async def console_socket(websocket: WebSocket) -> None:
        account = await websocket_account(websocket, DISPATCH_ROLES)
        if account is None:
            return
        runtime: ServerRuntime = app.state.runtime
        await runtime.registry.hub.serve(websocket, account)

    @app.get("/", response_class=HTMLResponse, response_model=None)
    async def console_page() -> FileResponse | HTMLResponse:
        index = STATIC_DIR / "console.html"
        if index.is_file():
            return FileResponse(index)
        return HTMLResponse(
            "<p>hotline-triage: the console page is not installed. "
            "<a href='/caller'>Caller test page</a></p>"
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    return app
