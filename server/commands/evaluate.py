"""`triage evaluate`: prints each candidate's scores on independent calls, real news and in-corpus.

Reads models and data only; trains nothing. The held-aside part of devcalls is scored only with
--held-out (for the final report), so that routine runs cannot tune on it.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)
# ../shared next to the repository (read-only evaluation material; never trained on).
SHARED = Path(__file__).resolve().parents[3] / "shared"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="report every candidate on devcalls, real news and the corpus test split"
    )
    parser.add_argument(
        "--model",
        type=Path,
        action="append",
        default=None,
        help="classifier directory to evaluate (repeatable); default: the bundled default "
        "plus every candidate `triage train` wrote into the cache",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="folder with test.jsonl")
    parser.add_argument(
        "--devcalls", type=Path, default=SHARED / "devcalls" / "calls.jsonl", help="JSON lines"
    )
    parser.add_argument(
        "--realtext", type=Path, default=SHARED / "realtext" / "incidents.tsv", help="TSV"
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="also score the held-aside 30%% of devcalls (final report only)",
    )
    parser.set_defaults(func=run)


def evaluation_sets(corpus_dir: Path, devcalls: Path, held_out: bool) -> dict[str, list[object]]:
    from classifiers.training.dataset import load_split
    from classifiers.training.devcalls import HELD, SELECT, STYLES, examples, load_devcalls

    sets: dict[str, list[object]] = {}
    if devcalls.is_file():
        calls = load_devcalls(devcalls)
        for part in (SELECT, HELD) if held_out else (SELECT,):
            sets[f"devcalls {part}"] = list(examples(calls, part))
            for style in STYLES:
                sets[f"devcalls {part}, {style}"] = list(examples(calls, part, style))
    test = load_split(corpus_dir, "test")
    sets["corpus test, writer t"] = [e for e in test if e.example_id.startswith("wt-")]
    sets["corpus test, templates"] = [
        e for e in test if not e.example_id.startswith("w") and e.variant != "asr"
    ]
    sets["corpus test, espeak+whisper"] = [e for e in test if e.variant == "asr"]
    return sets


def run(args: argparse.Namespace) -> int:
    import torch

    from classifiers.artifact import resolve_classifier_dir
    from classifiers.training.dataset import DEFAULT_CORPUS_DIR
    from classifiers.training.report import evaluate_dir, format_report, read_realtext
    from server.settings import Settings

    settings = Settings.from_env()
    torch.set_num_threads(settings.cpu_threads_per_model)
    directories = args.model
    if not directories:
        directories = [resolve_classifier_dir(settings.classifier_model_dir)]
        candidates = settings.cache_dir / "classifier-candidates"
        if candidates.is_dir():
            directories += sorted(
                p for p in candidates.iterdir() if (p / "manifest.json").is_file()
            )
    sets = evaluation_sets(args.corpus or DEFAULT_CORPUS_DIR, args.devcalls, args.held_out)
    labels = (
        Path(__file__).resolve().parents[2] / "classifiers" / "training" / "realtext_labels.tsv"
    )
    realtext = read_realtext(args.realtext, labels)
    reports = []
    for directory in directories:
        log.info("evaluating %s", directory)
        reports.append(evaluate_dir(directory, sets, realtext))  # type: ignore[arg-type]
    print(format_report(reports, detail_set="devcalls select"))
    return 0
