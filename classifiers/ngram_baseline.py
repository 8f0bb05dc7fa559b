"""Char n-gram TF-IDF + logistic regression for both heads: the baseline every encoder must beat.

Never the place for rules or red flags: it only maps text to label probabilities.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from classifiers.scorer import LabelIds, fit_temperatures, softmax

MODEL_FILE = "ngram.joblib"
CONFIG_FILE = "ngram_config.json"


def _fold_diacritics(text: str) -> str:
    # A second view of the text without tone marks, so "chay nha" and "cháy nhà" share features.
    decomposed = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", text.lower())


def _features() -> FeatureUnion:
    def view(preprocessor: Callable[[str], str]) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(1, 5),
            preprocessor=preprocessor,
            min_df=2,
            sublinear_tf=True,
            max_features=200_000,
        )

    return FeatureUnion([("text", view(_lower)), ("folded", view(_fold_diacritics))])


class NgramModel:
    """TF-IDF char 1-5 on the text and its diacritic-free view; a logistic regression per head."""

    kind = "ngram"

    def __init__(
        self,
        features: FeatureUnion,
        type_head: LogisticRegression,
        urgency_head: LogisticRegression,
        temperatures: tuple[float, float] = (1.0, 1.0),
    ):
        self._features = features
        self._type_head = type_head
        self._urgency_head = urgency_head
        self.temperatures = temperatures

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        type_ids: LabelIds,
        urgency_ids: LabelIds,
        n_types: int,
        n_urgencies: int,
        regularisation: float = 10.0,
    ) -> NgramModel:
        features = _features()
        matrix = features.fit_transform(list(texts))
        heads = []
        for labels, n_classes in ((type_ids, n_types), (urgency_ids, n_urgencies)):
            head = LogisticRegression(C=regularisation, max_iter=2000)
            head.fit(matrix, np.asarray(labels))
            if len(head.classes_) != n_classes:
                raise ValueError(f"training data covers {len(head.classes_)} of {n_classes} labels")
            heads.append(head)
        return cls(features, heads[0], heads[1])

    def logits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        matrix = self._features.transform(list(texts))
        return (
            self._type_head.decision_function(matrix),
            self._urgency_head.decision_function(matrix),
        )

    def calibrate(self, texts: Sequence[str], type_ids: LabelIds, urgency_ids: LabelIds) -> None:
        type_logits, urgency_logits = self.logits(texts)
        self.temperatures = fit_temperatures(type_logits, urgency_logits, type_ids, urgency_ids)

    def predict_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        type_logits, urgency_logits = self.logits(texts)
        return (
            softmax(type_logits, self.temperatures[0]),
            softmax(urgency_logits, self.temperatures[1]),
        )

    def save(self, directory: Path) -> None:
        joblib.dump((self._features, self._type_head, self._urgency_head), directory / MODEL_FILE)
        (directory / CONFIG_FILE).write_text(json.dumps({"temperatures": self.temperatures}))

    @classmethod
    def load(cls, directory: Path) -> NgramModel:
        # joblib unpickles: load only artefacts this project built (the cache or `triage train`).
        features, type_head, urgency_head = joblib.load(directory / MODEL_FILE)
        config = json.loads((directory / CONFIG_FILE).read_text())
        return cls(features, type_head, urgency_head, tuple(config["temperatures"]))
