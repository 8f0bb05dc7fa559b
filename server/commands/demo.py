"""`triage demo`: the README's run command. Starts the server on the embedded defaults, creates
the demo account, prints how to log in, and (unless --no-feeder) streams sample calls into it.

For trying the product only: the demo account and trunk secret are public knowledge.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from server.commands.serve import add_server_options, load_models, serve, settings_from

DEMO_USER, DEMO_PASSWORD, DEMO_ROLE = "demo", "demo113", "supervisor"
DEMO_TRUNKS = "113=demo,114=demo,115=demo"
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the server with a demo account and a feeder streaming sample calls",
    )
    add_server_options(parser)
    parser.add_argument("--no-feeder", action="store_true", help="do not stream the sample calls")
    parser.add_argument(
        "--samples", type=Path, default=SAMPLES_DIR, help="folder of sample calls (.wav + .json)"
    )
    parser.set_defaults(func=run)


def ensure_demo_account(db_path: Path) -> None:
    from server.auth import Accounts
    from server.store import SqliteStore

    store = SqliteStore(db_path)
    try:
        if store.get_account(DEMO_USER) is None:
            Accounts(store).create(DEMO_USER, DEMO_PASSWORD, DEMO_ROLE)
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    from server.app import create_app
    from server.auth import TrunkSecrets
    from server.cli import UserFacingError
    from server.demo_feeder import feed_demo_calls, pick_demo_calls

    settings = settings_from(args)
    trunks = TrunkSecrets.parse(settings.trunk_secrets or DEMO_TRUNKS)
    ensure_demo_account(settings.db_path)
    calls = [] if args.no_feeder else pick_demo_calls(args.samples)
    if not args.no_feeder and not calls:
        raise UserFacingError(
            f"no sample calls in {args.samples}: run `nice .venv/bin/python samples/generate.py` "
            "or pass --no-feeder"
        )
    try:
        transcriber, classifier = load_models(settings)
    except Exception as error:
        raise UserFacingError(
            f"could not load the models ({error}); run `triage prepare` first"
        ) from error
    app = create_app(settings, transcriber=transcriber, classifier=classifier, trunk_secrets=trunks)
    trunk, secret = next(iter(trunks.secrets.items()))

    async def started(url: str) -> None:
        print(f"Console: {url}/  (log in as {DEMO_USER} / {DEMO_PASSWORD})", flush=True)
        print(f"Caller test page: {url}/caller  (trunk {trunk}, secret {secret})", flush=True)
        if calls:
            print(f"Streaming {len(calls)} sample calls in real time ...", flush=True)
            await feed_demo_calls(url, calls, trunks.secrets)
            print("All demo calls sent; the server keeps running (Ctrl-C to stop).", flush=True)

    asyncio.run(serve(app, settings, started))
    return 0
