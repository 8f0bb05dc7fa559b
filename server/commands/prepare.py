"""`triage prepare`: make the default models ready offline (join Whisper, verify the classifier).

Idempotent and fast when everything is already in the cache; the README's set-up calls it.
"""

from __future__ import annotations

import argparse
import logging

from server.settings import Settings

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prepare", help="join/verify the Whisper model and the bundled classifier"
    )
    parser.add_argument(
        "--skip-classifier", action="store_true", help="only prepare speech recognition"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifiers.artifact import resolve_classifier_dir
    from speech.model_store import resolve_whisper_model

    settings = Settings.from_env()
    whisper_dir = resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)
    log.info("Whisper model ready: %s", whisper_dir)
    from triage.callbot.smart_turn_store import resolve_smart_turn_model

    smart_turn = resolve_smart_turn_model(None, settings.cache_dir)
    log.info("callbot end-of-turn model ready: %s", smart_turn)
    if not args.skip_classifier:
        classifier_dir = resolve_classifier_dir(settings.classifier_model_dir)
        log.info("classifier ready: %s", classifier_dir)
    return 0
