"""The ensemble candidate: the mean of its members' probabilities, saved and loaded as one dir."""

from __future__ import annotations

import numpy as np
import pytest

from classifiers.artifact import load_scorer
from classifiers.cues import CueWords
from classifiers.ensemble import EnsembleModel
from classifiers.ngram_baseline import NgramModel
from classifiers.training.build import ENSEMBLE, write_classifier_dir

TEXTS = [
    "nhà tôi đang cháy",
    "cháy nhà rồi cứu với",
    "có người cầm dao chém",
    "thằng kia cầm dao đuổi đánh",
    "cho hỏi làm căn cước",
    "tôi gọi nhầm số",
] * 3
TYPES = [0, 0, 1, 1, 2, 2] * 3
URGENCIES = [0, 1, 0, 1, 2, 2] * 3


def _ngram(regularisation: float) -> NgramModel:
    # Three types and three urgencies only: enough for a real fit of two different members.
    return NgramModel.fit(TEXTS, TYPES, URGENCIES, 3, 3, regularisation)


def test_probabilities_are_the_mean_of_the_members():
    a, b = _ngram(0.1), _ngram(100.0)
    ensemble = EnsembleModel({"a": a, "b": b})
    texts = ["nhà cháy", "gọi nhầm"]
    types, urgencies = ensemble.predict_proba(texts)
    np.testing.assert_allclose(types, (a.predict_proba(texts)[0] + b.predict_proba(texts)[0]) / 2)
    np.testing.assert_allclose(
        urgencies, (a.predict_proba(texts)[1] + b.predict_proba(texts)[1]) / 2
    )
    np.testing.assert_allclose(types.sum(axis=1), 1.0)


def test_saved_ensemble_loads_back_through_the_artefact_loader(tmp_path):
    ensemble = EnsembleModel({"low": _ngram(0.1), "high": _ngram(100.0)})
    write_classifier_dir(tmp_path, ensemble, ENSEMBLE, "ensemble-test", CueWords({}), {})
    loaded = load_scorer(tmp_path)
    assert isinstance(loaded, EnsembleModel) and list(loaded.members) == ["low", "high"]
    texts = ["có dao", "căn cước"]
    pairs = zip(ensemble.predict_proba(texts), loaded.predict_proba(texts), strict=True)
    for ours, theirs in pairs:
        np.testing.assert_allclose(ours, theirs)


def test_an_empty_ensemble_is_refused():
    with pytest.raises(ValueError, match="at least one member"):
        EnsembleModel({})


def test_calibration_sharpens_or_softens_without_changing_any_label(tmp_path):
    ensemble = EnsembleModel({"low": _ngram(0.1), "high": _ngram(100.0)})
    texts = ["nhà cháy", "gọi nhầm", "có dao", "căn cước"]
    before = ensemble.predict_proba(texts)
    ensemble.calibrate(TEXTS, TYPES, URGENCIES)
    after = ensemble.predict_proba(texts)
    assert ensemble.temperatures != (1.0, 1.0)
    for old, new in zip(before, after, strict=True):
        np.testing.assert_array_equal(old.argmax(axis=1), new.argmax(axis=1))
    write_classifier_dir(tmp_path, ensemble, ENSEMBLE, "ensemble-test", CueWords({}), {})
    assert load_scorer(tmp_path).temperatures == pytest.approx(ensemble.temperatures)
