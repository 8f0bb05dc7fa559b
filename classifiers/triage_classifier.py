"""The default Classifier: model probabilities -> labels, then the red-flag safety layer, fields.

The safety layer can only raise urgency; nothing here ever lowers what the model or a rule said.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from classifiers.cues import CueWords
from classifiers.decision import UrgencyPolicy, final_labels
from classifiers.extract import extract_fields
from classifiers.gazetteer import Gazetteer
from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType
from classifiers.messages import Classification
from classifiers.red_flags import find_red_flags
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


class TriageClassifier:
    """Implements classifiers.messages.Classifier around any LabelScorer."""

    def __init__(
        self,
        scorer: LabelScorer,
        cues: CueWords,
        version: str,
        policy: UrgencyPolicy | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self._gazetteer = gazetteer
        self._scorer = scorer
        self._cues = cues
        self._version = version
        self._policy = policy or UrgencyPolicy()

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
        flags = find_red_flags(text)
        incident_type, urgency, model_urgency = final_labels(
            type_probs, urgency_probs, flags, self._policy
        )
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
        argmax_urgency = URGENCIES[int(urgency_probs.argmax())]
        if model_urgency.rank < argmax_urgency.rank:
            reasons.append(
                f"Khả năng {model_urgency.value} đủ cao để xếp {model_urgency.value} "
                f"(dù {argmax_urgency.value} có xác suất lớn nhất)"
            )
        return Classification(
            incident_type=incident_type,
            urgency=urgency,
            type_confidence=type_confidence,
            urgency_confidence=float(urgency_probs[URGENCIES.index(model_urgency)]),
            reasons=tuple(reasons),
            fields=extract_fields(text, self._gazetteer),
            model_version=self._version,
            red_flags=tuple(flags),
        )


def load_classifier(model_dir: Path | None, threads: int | None = 1) -> TriageClassifier:
    """The classifier in model_dir, or the bundled default (classifiers/model), verified.

    `threads` sets torch's intra-op threads (process-wide): one call stays on few cores so that
    several calls can be classified side by side.
    """
    from classifiers.artifact import load_scorer, read_manifest, resolve_classifier_dir

    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    directory = resolve_classifier_dir(model_dir)
    manifest = read_manifest(directory)
    return TriageClassifier(
        load_scorer(directory),
        CueWords.load(directory),
        str(manifest["version"]),
        UrgencyPolicy.from_json(manifest.get("urgency_policy")),  # type: ignore[arg-type]
        Gazetteer.load(),
    )
