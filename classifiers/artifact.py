"""Trained classifier directories at run time: the manifest, and the scorer inside one.

Loads only; never trains. Building and installing artefacts is classifiers/training/build.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
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
        manifest: dict[str, object] = json.loads(path.read_text())
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
    loaders: dict[str, Callable[[Path], LabelScorer]] = {
        **MEMBER_LOADERS,
        EnsembleModel.kind: EnsembleModel.load,
    }
    loader = loaders.get(str(kind))
    if loader is None:
        raise NotAClassifierDir(f"{directory}: unknown model kind {kind!r}")
    return loader(directory)


# The default classifier ships with the code (trained weights, checksummed): see the README for
# the command that reproduces it.
BUNDLED_MODEL_DIR = Path(__file__).resolve().parent / "model"


def file_checksums(directory: Path) -> dict[str, str]:
    """sha256 of every file under directory except the manifest, by relative path."""
    sums = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name != MANIFEST_FILE:
            sums[str(path.relative_to(directory))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def verify_checksums(directory: Path) -> None:
    """Every file the manifest lists has the recorded sha256 (a directory without a list of
    files, e.g. a candidate under training, is accepted as it is)."""
    expected = read_manifest(directory).get("files")
    if not expected:
        return
    actual = file_checksums(directory)
    for name, digest in dict(expected).items():  # type: ignore[call-overload]
        if actual.get(name) != digest:
            raise NotAClassifierDir(
                f"{directory / name} is missing or does not match its checksum: the classifier "
                "is damaged; restore it (git checkout classifiers/model) or train one with "
                "`triage train --install`"
            )


def resolve_classifier_dir(model_dir: Path | None) -> Path:
    """model_dir validated, or the bundled default; checksums verified either way."""
    directory = Path(model_dir) if model_dir is not None else BUNDLED_MODEL_DIR
    read_manifest(directory)
    verify_checksums(directory)
    return directory
