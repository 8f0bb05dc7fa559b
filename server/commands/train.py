"""`triage train`: trains classifier candidates from the corpus into classifier directories.

Writes only under --out; the default artefact in the cache is built by `triage prepare`.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("train", help="train classifier candidates (progress on stderr)")
    parser.add_argument(
        "--candidate",
        choices=["scratch", "e5", "ngram", "ensemble", "all"],
        default="all",
        help="which model to train (default: all; 'ensemble' trains its members first)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder; one subfolder per candidate (default: <cache>/classifier-candidates)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="folder with train/dev/test.jsonl (default: the bundled corpus)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifiers.training.build import (
        ENSEMBLE,
        artefact_version,
        compose_ensemble_dir,
        train_to_dir,
    )
    from classifiers.training.dataset import DEFAULT_CORPUS_DIR
    from classifiers.training.trainer import CANDIDATES, Splits, TrainConfig
    from server.settings import Settings

    settings = Settings.from_env()
    corpus_dir = args.corpus or DEFAULT_CORPUS_DIR
    out_dir = args.out or settings.cache_dir / "classifier-candidates"
    config = TrainConfig()
    version = artefact_version(corpus_dir, config)
    splits = Splits.load(corpus_dir)
    if args.candidate == "all":
        candidates = list(CANDIDATES)
    elif args.candidate == ENSEMBLE:
        candidates = list(config.ensemble_members)
    else:
        candidates = [args.candidate]
    for candidate in candidates:
        dev_score = train_to_dir(candidate, splits, config, out_dir / candidate, version)
        log.info("%s: dev selection score %.4f -> %s", candidate, dev_score, out_dir / candidate)
        print(out_dir / candidate)
    if args.candidate in ("all", ENSEMBLE):
        members = {name: out_dir / name for name in config.ensemble_members}
        dev_score = compose_ensemble_dir(members, splits, config, out_dir / ENSEMBLE, version)
        log.info("%s: dev selection score %.4f -> %s", ENSEMBLE, dev_score, out_dir / ENSEMBLE)
        print(out_dir / ENSEMBLE)
    return 0
