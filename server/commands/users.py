"""`triage users create|list`: manage dispatcher, supervisor and analyst accounts in the database.

The first supervisor is created here; the password never appears in logs or the process list
unless the operator passes --password.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from server.settings import Settings
from server.store.repository import ROLES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("users", help="create and list console accounts")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create an account")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument(
        "--password", help="the password (default: prompt, or one line from stdin if piped)"
    )
    create.add_argument("--db", type=Path, dest="db_path", help="SQLite file (HOTLINE_DB_PATH)")
    create.set_defaults(func=run_create)
    listing = actions.add_parser("list", help="list accounts")
    listing.add_argument("--db", type=Path, dest="db_path", help="SQLite file (HOTLINE_DB_PATH)")
    listing.set_defaults(func=run_list)


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            from server.cli import UserFacingError

            raise UserFacingError("the two passwords differ; run the command again")
        return first
    return sys.stdin.readline().rstrip("\n")


def run_create(args: argparse.Namespace) -> int:
    from server.auth import Accounts
    from server.cli import UserFacingError
    from server.store import SqliteStore, StoreError

    settings = Settings.from_env(db_path=args.db_path)
    password = args.password if args.password is not None else _read_password()
    store = SqliteStore(settings.db_path)
    try:
        account = Accounts(store).create(args.username, password, args.role)
    except StoreError as error:
        raise UserFacingError(str(error)) from error
    finally:
        store.close()
    print(f"created {account.role} {account.username} in {settings.db_path}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from server.store import SqliteStore

    settings = Settings.from_env(db_path=args.db_path)
    store = SqliteStore(settings.db_path)
    try:
        for account in store.list_accounts():
            print(f"{account.username}\t{account.role}")
    finally:
        store.close()
    return 0
