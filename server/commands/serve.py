"""`triage serve`: load the models once, then run the triage server (FastAPI on uvicorn).

Owns the process: the only place besides `triage demo` that builds models for the server.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from server.settings import Settings

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the triage server: call ingestion, dispatchers' console, API",
        description=(
            "Loads the Whisper model and the classifier, then serves. GET /healthz answers 200 "
            "once the models are loaded. Call audio is accepted only from trunks listed in "
            "HOTLINE_TRUNK_SECRETS (e.g. '113=secret1,114=secret2')."
        ),
    )
    add_server_options(parser)
    parser.set_defaults(func=run)


def add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to listen on (default HOTLINE_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default HOTLINE_PORT or 8113)")
    parser.add_argument("--db", type=Path, dest="db_path", help="SQLite file (HOTLINE_DB_PATH)")


def settings_from(args: argparse.Namespace, **overrides: object) -> Settings:
    return Settings.from_env(host=args.host, port=args.port, db_path=args.db_path, **overrides)


def load_models(settings: Settings) -> tuple[Any, Any]:
    """(transcriber, classifier): the configured Whisper model and classifier, loaded once."""
    from classifiers.triage_classifier import load_classifier
    from speech.model_store import resolve_whisper_model
    from speech.whisper import WhisperTranscriber

    log.info("loading the speech and classifier models")
    transcriber = WhisperTranscriber(
        resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir),
        cpu_threads=settings.cpu_threads_per_model,
        num_workers=settings.inference_threads,
    )
    classifier = load_classifier(
        settings.classifier_model_dir, threads=settings.cpu_threads_per_model
    )
    return transcriber, classifier


async def serve(
    app: Any,
    settings: Settings,
    on_started: Callable[[str], Awaitable[None]] | None = None,
) -> None:
    """Run uvicorn in this event loop; `on_started(base_url)` runs once it is listening."""
    import uvicorn

    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level="info", lifespan="on"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    side: asyncio.Task[None] | None = None
    try:
        while not server.started:
            if serving.done():
                await serving  # start-up failed (port in use ...): raise it
                return
            await asyncio.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        if on_started is not None:
            side = asyncio.create_task(on_started(f"http://{settings.host}:{port}"))
        await serving
    finally:
        if side is not None:
            side.cancel()
            await asyncio.gather(side, return_exceptions=True)


def first_account_hint(db_path: Path) -> str | None:
    """What to do when nobody can log in yet (an empty database); None once an account exists."""
    from server.store import SqliteStore

    store = SqliteStore(db_path)
    try:
        if store.list_accounts():
            return None
    finally:
        store.close()
    return (
        f"no account in {db_path} yet: nobody can log in. Create the first supervisor with\n"
        f"  triage users create --username chief --role supervisor --db {db_path}\n"
        "(password prompted), then log in at the console URL below."
    )


def run(args: argparse.Namespace) -> int:
    from server.app import create_app
    from server.cli import UserFacingError

    settings = settings_from(args)
    hint = first_account_hint(settings.db_path)
    if hint:
        print(f"triage serve: {hint}", file=sys.stderr, flush=True)
    try:
        transcriber, classifier = load_models(settings)
    except Exception as error:
        raise UserFacingError(
            f"could not load the models ({error}); run `triage prepare` first"
        ) from error
    from server.callbot_bridge import build_callbot

    callbot = build_callbot(settings)  # answers overflow calls (HOTLINE_CALLBOT_MODE=off: never)
    app = create_app(
        settings,
        transcriber=transcriber,
        classifier=classifier,
        observer_factory=callbot.observer_for if callbot is not None else None,
    )

    async def announce(url: str) -> None:
        print(f"triage server on {url}/ (console), {url}/caller (test caller)", flush=True)
        if hint:
            print("No account yet: see `triage users create` above.", flush=True)

    asyncio.run(serve(app, settings, announce))
    return 0
