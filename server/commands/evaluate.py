"""`triage evaluate`: prints the test-split report for every trained candidate (Markdown tables).

Reads models and data only; trains nothing (build candidates with `triage train` first).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)
# ../shared next to the repository (read-only evaluation material; never trained on).
REALTEXT_DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "realtext" / "incidents.tsv"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("evaluate", help="report every candidate on the test split")
    parser.add_argument(
        "--model",
        type=Path,
        action="append",
        default=None,
        help="classifier directory to evaluate (repeatable); default: the default "
        "artefact plus every candidate `triage train` wrote into the cache",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="folder with test.jsonl (default: the bundled corpus)",
    )
    parser.add_argument(
        "--realtext",
        type=Path,
        default=REALTEXT_DEFAULT,
        help="TSV with a 'text' column of unlabelled real sentences",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import torch

    from classifiers.training.build import ensure_default_classifier
    from classifiers.training.dataset import DEFAULT_CORPUS_DIR, load_asr_cer, load_split
    from classifiers.training.report import evaluate_dir, format_report, read_realtext
    from server.settings import Settings

    settings = Settings.from_env()
    torch.set_num_threads(settings.cpu_threads_per_model)
    directories = args.model
    if not directories:
        directories = [ensure_default_classifier(settings.classifier_model_dir, settings.cache_dir)]
        candidates = settings.cache_dir / "classifier-candidates"
        if candidates.is_dir():
            directories += sorted(
                p for p in candidates.iterdir() if (p / "manifest.json").is_file()
            )
    corpus = args.corpus or DEFAULT_CORPUS_DIR
    test = load_split(corpus, "test")
    asr_cer = load_asr_cer(corpus)
    realtext = read_realtext(args.realtext)
    reports = []
    for directory in directories:
        log.info("evaluating %s", directory)
        reports.append(evaluate_dir(directory, test, realtext, asr_cer=asr_cer))
    print(format_report(reports))
    return 0
