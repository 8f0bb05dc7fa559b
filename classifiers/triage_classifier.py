"""The default Classifier: model probabilities -> labels, then the red-flag safety layer, fields.

The safety layer can only raise urgency; nothing here ever lowers what the model or a rule said.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from classifiers.cues import CueWords
from classifiers.extract import extract_fields
from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType, Urgency
from classifiers.messages import Classification
from classifiers.red_flags import RedFlag, apply_red_flags, find_red_flags
from classifiers.scorer import LabelScorer

# What a dispatcher reads in the console (Vietnamese), one name per contract label.
TYPE_NAMES_VI: dict[IncidentType, str] = {
    IncidentType.FIRE: "cháy nổ",
    IncidentType.RESCUE: "cứu nạn cứu hộ",
    IncidentType.HAZARD: "sự cố nguy hiểm (gas, điện, hóa chất)",
    IncidentType.TRAFFIC_ACCIDENT: "tai nạn giao thông",
    IncidentType.VIOLENT_CRIME: "tội phạm bạo lực",
    IncidentType.PROPERTY_CRIME: "trộm cắp, lừa đảo tài sản",
    IncidentType.DOMESTIC_VIOLENCE: "bạo lực gia đình",
    IncidentType.PUBLIC_ORDER: "gây rối trật tự",
    IncidentType.MEDICAL: "cấp cứu y tế",
    IncidentType.SELF_HARM: "tự tử, tự hại",
    IncidentType.MISSING_PERSON: "người mất tích, đi lạc",
    IncidentType.NON_EMERGENCY: "không khẩn cấp",
}


_NON_EMERGENCY = INCIDENT_TYPES.index(IncidentType.NON_EMERGENCY)


def final_type(type_probs: np.ndarray, urgency: Urgency) -> IncidentType:
    """The model's type, except that a call ranked P1-P3 is never filed as `non_emergency`.

    The urgency is the final one (model, then red flags), and urgency is never lowered, so the
    type follows it: the most probable emergency type wins. "quán tôi cháy rồi" (red flag: a
    fire in progress, P2) must not sit in the queue as a misdial; "cháy hàng" raises no flag.
    """
    best = int(type_probs.argmax())
    if best == _NON_EMERGENCY and urgency is not Urgency.P4:
        ranked = np.argsort(type_probs)[::-1]
        best = int(next(i for i in ranked if i != _NON_EMERGENCY))
    return INCIDENT_TYPES[best]


def final_labels(
    type_probs: np.ndarray, model_urgency: Urgency, flags: Sequence[RedFlag]
) -> tuple[IncidentType, Urgency]:
    """What the console shows: urgency raised by the red flags, then the type that follows it."""
    urgency = apply_red_flags(model_urgency, flags)
    return final_type(type_probs, urgency), urgency


class TriageClassifier:
    """Implements classifiers.messages.Classifier around any LabelScorer."""

    def __init__(self, scorer: LabelScorer, cues: CueWords, version: str) -> None:
        self._scorer = scorer
        self._cues = cues
        self._version = version

    @property
    def version(self) -> str:
        return self._version

    def classify(self, text: str) -> Classification:
        return self.classify_batch([text])[0]

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        if not texts:
            return []
        type_probs, urgency_probs = self._scorer.predict_proba(list(texts))
        return [
            self._label(text, type_row, urgency_row)
            for text, type_row, urgency_row in zip(texts, type_probs, urgency_probs, strict=True)
        ]

    def _label(
        self, text: str, type_probs: np.ndarray, urgency_probs: np.ndarray
    ) -> Classification:
        model_urgency = URGENCIES[int(urgency_probs.argmax())]
        flags = find_red_flags(text)
        incident_type, urgency = final_labels(type_probs, model_urgency, flags)
        type_confidence = float(type_probs[INCIDENT_TYPES.index(incident_type)])
        reasons = [f"Loại: {TYPE_NAMES_VI[incident_type]} (tin cậy {type_confidence:.0%})"]
        if incident_type != INCIDENT_TYPES[int(type_probs.argmax())]:
            reasons.append(f"Mức {urgency.value} nên không xếp vào loại không khẩn cấp")
        cue_words = self._cues.find(text, incident_type)
        if cue_words:
            reasons.append("Từ khóa: " + ", ".join(cue_words))
        reasons.extend(flag.reason for flag in flags)
        if urgency != model_urgency:
            reasons.append(
                f"Mức khẩn cấp nâng từ {model_urgency.value} lên {urgency.value} do cờ đỏ"
            )
        return Classification(
            incident_type=incident_type,
            urgency=urgency,
            type_confidence=type_confidence,
            urgency_confidence=float(urgency_probs.max()),
            reasons=tuple(reasons),
            fields=extract_fields(text),
            model_version=self._version,
            red_flags=tuple(flags),
        )


def load_classifier(
    model_dir: Path | None, cache_dir: Path, threads: int | None = 1
) -> TriageClassifier:
    """The classifier in model_dir, or the default artefact in cache_dir (built if missing).

    `threads` sets torch's intra-op threads (process-wide): one call stays on few cores so that
    several calls can be classified side by side.
    """
    from classifiers.artifact import load_scorer, read_manifest
    from classifiers.training.build import ensure_default_classifier

    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    directory = ensure_default_classifier(model_dir, cache_dir)
    manifest = read_manifest(directory)
    return TriageClassifier(
        load_scorer(directory), CueWords.load(directory), str(manifest["version"])
    )
