"""`triage train`: trains classifier candidates, fits their urgency policies, installs the default.

Writes only under --out (and classifiers/model with --install); never reads the held-aside part
of devcalls, never the corpus test split.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="train classifier candidates, choose urgency policies (progress on stderr)"
    )
    parser.add_argument(
        "--candidate",
        choices=["scratch", "e5", "ngram", "ensemble", "quantize", "all", "none"],
        default="all",
        help="which model to train (default: all; 'ensemble' composes --members already "
        "trained under --out; 'quantize' writes <member>-int8 of each encoder member; "
        "'none' only installs)",
    )
    parser.add_argument(
        "--members",
        default="e5,ngram",
        help="ensemble members, comma-separated candidate folders under --out",
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
    parser.add_argument(
        "--devcalls",
        type=Path,
        default=None,
        help="independent calls whose selection part chooses each candidate's urgency policy "
        "(default: ../shared/devcalls/calls.jsonl)",
    )
    parser.add_argument(
        "--install",
        type=Path,
        default=None,
        metavar="DIR",
        help="copy this trained candidate to classifiers/model as the default, with checksums",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from classifiers.training.build import (
        ENSEMBLE,
        artefact_version,
        choose_policy,
        compose_ensemble_dir,
        install_default,
        quantize_dir,
        train_to_dir,
    )
    from classifiers.training.dataset import DEFAULT_CORPUS_DIR
    from classifiers.training.devcalls import DEVCALLS_DEFAULT, SELECT, examples, load_devcalls
    from classifiers.training.trainer import CANDIDATES, Splits, TrainConfig
    from server.settings import Settings

    settings = Settings.from_env()
    corpus_dir = args.corpus or DEFAULT_CORPUS_DIR
    out_dir = args.out or settings.cache_dir / "classifier-candidates"
    config = TrainConfig()
    version = artefact_version(corpus_dir, config)
    if args.candidate != "none":
        splits = Splits.load(corpus_dir, config)
        # The devcalls selection part, plus the authored dev families of the corpus (other
        # writers' calls the model never saw): a policy fitted on devcalls alone leaned on the
        # red flags tuned there and missed P1 calls of a held-out writer.
        independent = examples(load_devcalls(args.devcalls or DEVCALLS_DEFAULT), SELECT)
        independent += [
            e for e in splits.dev if e.example_id.startswith("w") and e.variant == "clean"
        ]
        members = [m.strip() for m in args.members.split(",") if m.strip()]
        if args.candidate == "all":
            trained = list(CANDIDATES)
        elif args.candidate in (ENSEMBLE, "quantize"):
            trained = []
        else:
            trained = [args.candidate]
        made = []
        for candidate in trained:
            dev_score = train_to_dir(candidate, splits, config, out_dir / candidate, version)
            log.info("%s: in-corpus dev score %.4f", candidate, dev_score)
            made.append(out_dir / candidate)
        if args.candidate == "quantize":
            for member in members:
                made.append(quantize_dir(out_dir / member, out_dir / f"{member}-int8"))
        if args.candidate in ("all", ENSEMBLE):
            name = f"{ENSEMBLE}-{'-'.join(members)}"
            compose_ensemble_dir(
                {m: out_dir / m for m in members}, splits, config, out_dir / name, version, name
            )
            made.append(out_dir / name)
        for directory in made:
            chosen = choose_policy(directory, independent)
            log.info("%s: urgency policy and devcalls selection score %s", directory.name, chosen)
            print(f"{directory}\t{chosen}")
    if args.install is not None:
        print(install_default(args.install, corpus_dir))
    return 0
