"""Trained classifier directories at run time: the manifest, and the scorer inside one.

Loads only; never trains. Building and installing artefacts is classifiers/training/build.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.ensemble import MEMBER_LOADERS, EnsembleModel
from classifiers.scorer import LabelScorer

MANIFEST_FILE = "manifest.json"
FORMAT = "hotline-triage-classifier"
FORMAT_VERSION = 1


class NotAClassifierDir(ValueError):
    """The directory was not written by `triage train` / the default build."""


def read_manifest(directory: Path) -> dict[str, object]:
    path = directory / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise NotAClassifierDir(
            f"{directory} is not a classifier directory (no readable {MANIFEST_FILE}); "
            "build one with `triage train --out DIR` or unset HOTLINE_CLASSIFIER_MODEL_DIR"
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise NotAClassifierDir(f"{directory}: {MANIFEST_FILE} is not a {FORMAT} v{FORMAT_VERSION}")
    return manifest


def load_scorer(directory: Path) -> LabelScorer:
    kind = read_manifest(directory)["kind"]
    loader = {**MEMBER_LOADERS, EnsembleModel.kind: EnsembleModel.load}.get(str(kind))
    if loader is None:
        raise NotAClassifierDir(f"{directory}: unknown model kind {kind!r}")
    return loader(directory)
