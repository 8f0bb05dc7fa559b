"""The classifier artefact: a wrong directory is refused with a message saying what to do."""

from __future__ import annotations

import json

import pytest

from classifiers.artifact import NotAClassifierDir, read_manifest
from classifiers.training.build import ensure_default_classifier


def test_a_random_directory_is_refused(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"\0" * 16)
    with pytest.raises(NotAClassifierDir, match="triage train"):
        ensure_default_classifier(tmp_path, tmp_path / "cache")


def test_a_manifest_of_another_format_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(NotAClassifierDir):
        read_manifest(tmp_path)


def test_the_default_artefact_is_versioned_and_reused(classifier, settings):
    directory = ensure_default_classifier(None, settings.cache_dir)
    manifest = read_manifest(directory)
    assert manifest["version"] == classifier.version
    assert directory.parent.name == "classifier"
    assert manifest["version"].endswith(directory.name)
    # A second call finds it in the cache instead of building again.
    assert ensure_default_classifier(None, settings.cache_dir) == directory
