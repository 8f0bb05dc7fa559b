"""The `triage` command line: one subcommand per job, each in its own module under server/commands.

Logs go to stderr; stdout carries only each command's result.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# Each module exposes register(subparsers) and sets `func` on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "server.commands.prepare",
    "server.commands.transcribe",
    "server.commands.classify",
    "server.commands.train",
    "server.commands.evaluate",
    "server.commands.replay",
    "server.commands.serve",
    "server.commands.users",
    "server.commands.demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triage", description="AI call triage for Vietnam's emergency numbers."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except UserFacingError as error:
        print(f"triage {args.command}: {error}", file=sys.stderr)
        return 2


class UserFacingError(Exception):
    """An error whose message tells the user what to do; printed without a traceback."""


if __name__ == "__main__":
    sys.exit(main())
