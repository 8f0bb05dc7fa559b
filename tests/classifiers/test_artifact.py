"""The classifier artefact: the bundled default is verified, a wrong directory is refused with a
message saying what to do, installing writes checksums the loader checks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from classifiers.artifact import (
    BUNDLED_MODEL_DIR,
    NotAClassifierDir,
    read_manifest,
    resolve_classifier_dir,
)
from classifiers.cues import CueWords
from classifiers.ngram_baseline import NgramModel
from classifiers.training.build import corpus_version, install_default, write_classifier_dir
from classifiers.training.dataset import DEFAULT_CORPUS_DIR


def test_a_random_directory_is_refused(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"\0" * 16)
    with pytest.raises(NotAClassifierDir, match="triage train"):
        resolve_classifier_dir(tmp_path)


def test_a_manifest_of_another_format_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(NotAClassifierDir):
        read_manifest(tmp_path)


def test_the_bundled_default_is_verified_and_was_trained_on_this_corpus(classifier):
    directory = resolve_classifier_dir(None)
    manifest = read_manifest(directory)
    assert directory == BUNDLED_MODEL_DIR
    assert manifest["version"] == classifier.version
    assert manifest["files"], "the bundled model lists its files and their checksums"
    # A changed corpus needs a retrained default: `triage train ... --install` (README).
    assert manifest["corpus_version"] == corpus_version(DEFAULT_CORPUS_DIR)
    assert set(manifest["urgency_policy"]) == {"p1", "p2"}
    size = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024


def test_installing_records_checksums_and_a_damaged_file_is_refused(tmp_path):
    texts = ["nhà tôi đang cháy", "có người cầm dao", "cho hỏi thủ tục"] * 4
    model = NgramModel.fit(texts, [0, 1, 2] * 4, [0, 0, 1] * 4, 3, 2, 1.0)
    write_classifier_dir(tmp_path / "trained", model, "ngram", "ngram-test", CueWords({}), {})
    target = tmp_path / "installed"
    install_default(tmp_path / "trained", DEFAULT_CORPUS_DIR, target)
    assert resolve_classifier_dir(target) == target
    damaged = next(p for p in target.iterdir() if p.name != "manifest.json")
    damaged.write_bytes(damaged.read_bytes() + b"!")
    with pytest.raises(NotAClassifierDir, match="checksum"):
        resolve_classifier_dir(target)
    shutil.rmtree(target)
    with pytest.raises(NotAClassifierDir):
        resolve_classifier_dir(target)


def test_the_running_service_imports_no_training_code():
    """classifiers/ is the runtime; classifiers/training and classifiers/corpus build models."""
    probe = (
        "import sys\n"
        "from classifiers.triage_classifier import load_classifier\n"
        "import server.app, server.commands.serve, triage.pipeline, triage.callbot.dialogue\n"
        "c = load_classifier(None)\n"
        "c.classify('nhà tôi đang cháy, con tôi còn trong phòng')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('classifiers.training', "
        "'classifiers.corpus')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300
    )
    assert result.stdout.strip() == "", f"training modules loaded at run time: {result.stdout}"
