"""Builds classifier artefacts: candidates into directories, their urgency policies, the default.

Installs atomically (temp dir + os.replace); the default lives in classifiers/model, checksummed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from classifiers.artifact import (
    BUNDLED_MODEL_DIR,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_FILE,
    file_checksums,
    load_scorer,
    read_manifest,
)
from classifiers.cues import CueWords
from classifiers.ensemble import EnsembleModel
from classifiers.scorer import LabelScorer
from classifiers.training.cue_learning import learn_cues
from classifiers.training.dataset import LabelledText, corpus_files
from classifiers.training.trainer import (
    Splits,
    TrainConfig,
    dev_selection,
    label_arrays,
    train_candidate,
)

log = logging.getLogger(__name__)

ENSEMBLE = "ensemble"
_CODE_FILES = (
    "training/dataset.py",
    "encoder.py",
    "training/scratch_encoder.py",
    "training/trainer.py",
    "ngram_baseline.py",
    "scorer.py",
    "cues.py",
    "training/cue_learning.py",
    "training/build.py",
    "text_norm.py",
    "training/asr_noise.py",
    "ensemble.py",
)


def artefact_version(corpus_dir: Path, config: TrainConfig) -> str:
    """Short hash of train/dev content + training config + training code: a new one rebuilds.

    The test split is left out: new test rows change the report, not the model.
    """
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(repr(config).encode())
    here = Path(__file__).resolve().parents[1]
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def write_classifier_dir(
    directory: Path,
    model: LabelScorer,
    candidate: str,
    version: str,
    cues: CueWords,
    details: dict[str, object],
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    model.save(directory)  # type: ignore[attr-defined]
    cues.save(directory)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": model.kind,
        "candidate": candidate,
        "version": version,
        **details,
    }
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))


def train_to_dir(
    candidate: str, splits: Splits, config: TrainConfig, out_dir: Path, version: str
) -> float:
    """Trains one candidate and writes it as a classifier directory; returns its dev score."""
    started = time.monotonic()
    model = train_candidate(candidate, splits, config)
    return _write_candidate(
        out_dir, model, candidate, splits, config, version, time.monotonic() - started
    )


def compose_ensemble_dir(
    member_dirs: dict[str, Path],
    splits: Splits,
    config: TrainConfig,
    out_dir: Path,
    version: str,
    name: str = ENSEMBLE,
) -> float:
    """The ensemble of already trained candidate directories, written to out_dir; its dev score."""
    model = EnsembleModel({member: load_scorer(path) for member, path in member_dirs.items()})
    dev_types, dev_urgencies = label_arrays(splits.dev)
    model.calibrate([e.text for e in splits.dev], dev_types, dev_urgencies)
    return _write_candidate(out_dir, model, name, splits, config, version, 0.0)


def _write_candidate(
    out_dir: Path,
    model: LabelScorer,
    candidate: str,
    splits: Splits,
    config: TrainConfig,
    version: str,
    seconds: float,
) -> float:
    dev_score = dev_selection(model, splits.dev)
    write_classifier_dir(
        out_dir,
        model,
        candidate,
        f"{candidate}-{version}",
        CueWords(learn_cues(splits.train)),
        {
            "dev_selection_score": round(dev_score, 4),
            "train_seconds": round(seconds, 1),
            "config": asdict(config),
        },
    )
    return dev_score


def quantize_dir(source: Path, out_dir: Path) -> Path:
    """An encoder candidate with its encoder in int8, written as a candidate of its own."""
    from classifiers.encoder import EncoderModel

    manifest = read_manifest(source)
    if manifest["kind"] != EncoderModel.kind:
        raise ValueError(f"{source} holds a {manifest['kind']} model; only encoders quantise")
    model = EncoderModel.load(source).quantized()
    name = f"{manifest['candidate']}-int8"
    details = {k: v for k, v in manifest.items() if k not in {"format", "format_version", "kind"}}
    details.update(candidate=name, version=f"{name}-{str(manifest['version']).split('-')[-1]}")
    details.pop("urgency_policy", None)
    write_classifier_dir(
        out_dir, model, name, str(details.pop("version")), CueWords.load(source), details
    )
    return out_dir


def corpus_version(corpus_dir: Path) -> str:
    """Short hash of the train and dev files: the data a model was built from."""
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()[:12]


def choose_policy(directory: Path, independent: Sequence[LabelledText]) -> dict[str, object]:
    """Fits the candidate's urgency policy on the independent selection calls and records it,
    with the selection score that compares candidates, in its manifest."""
    from classifiers.training.policy import fit_policy, selection_score

    scorer = load_scorer(directory)
    policy = fit_policy(scorer, independent)
    manifest = read_manifest(directory)
    manifest["urgency_policy"] = policy.to_json()
    manifest["independent_selection_score"] = round(selection_score(scorer, independent, policy), 4)
    manifest["independent_selection_set"] = f"devcalls select part ({len(independent)} calls)"
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return {"p1": policy.p1, "p2": policy.p2, "score": manifest["independent_selection_score"]}


def install_default(source: Path, corpus_dir: Path, target: Path = BUNDLED_MODEL_DIR) -> Path:
    """Copies a trained candidate to classifiers/model as the default, with checksums of every
    file and the corpus version it was trained on (both checked: loader and tests)."""
    read_manifest(source)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=target.parent))
    try:
        shutil.copytree(source, staging / "model")
        installed = staging / "model"
        manifest = read_manifest(installed)
        manifest["corpus_version"] = corpus_version(corpus_dir)
        manifest["files"] = file_checksums(installed)
        (installed / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        if target.exists():
            shutil.rmtree(target)
        os.replace(installed, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("default classifier installed: %s (%s)", target, manifest["version"])
    return target
