"""A candidate made of trained candidates: the mean of their calibrated probabilities.

Holds no training code: members are trained elsewhere (training/trainer.py) and only combined here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from classifiers.encoder import EncoderModel
from classifiers.ngram_baseline import NgramModel
from classifiers.scorer import LabelIds, LabelScorer, fit_temperatures, softmax

MEMBERS_DIR = "members"
CONFIG_FILE = "ensemble.json"
# Every single-model kind an artefact can hold (artifact.load_scorer adds the ensemble itself).
MEMBER_LOADERS: dict[str, Callable[[Path], LabelScorer]] = {
    "encoder": EncoderModel.load,
    "ngram": NgramModel.load,
}


class EnsembleModel:
    """Equal-weight mean of the members' probabilities, recalibrated by one temperature per head.

    Averaging calibrated members gives an under-confident mean; the temperatures (fitted on dev
    with `calibrate`) sharpen it again without changing any argmax.
    """

    kind = "ensemble"

    def __init__(
        self, members: dict[str, LabelScorer], temperatures: tuple[float, float] = (1.0, 1.0)
    ) -> None:
        self.temperatures = temperatures
        if not members:
            raise ValueError("an ensemble needs at least one member")
        unknown = [name for name, m in members.items() if m.kind not in MEMBER_LOADERS]
        if unknown:
            raise ValueError(f"ensemble members of unknown kind: {', '.join(unknown)}")
        self.members = members

    def _mean_log_probs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        outputs = [member.predict_proba(texts) for member in self.members.values()]
        types = np.mean([types for types, _ in outputs], axis=0)
        urgencies = np.mean([urgencies for _, urgencies in outputs], axis=0)
        return np.log(types + 1e-12), np.log(urgencies + 1e-12)

    def predict_proba(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        type_logits, urgency_logits = self._mean_log_probs(texts)
        return (
            softmax(type_logits, self.temperatures[0]),
            softmax(urgency_logits, self.temperatures[1]),
        )

    def calibrate(self, texts: Sequence[str], type_ids: LabelIds, urgency_ids: LabelIds) -> None:
        type_logits, urgency_logits = self._mean_log_probs(texts)
        self.temperatures = fit_temperatures(type_logits, urgency_logits, type_ids, urgency_ids)

    def save(self, directory: Path) -> None:
        for name, member in self.members.items():
            member_dir = directory / MEMBERS_DIR / name
            member_dir.mkdir(parents=True, exist_ok=True)
            member.save(member_dir)  # type: ignore[attr-defined]
        config = {
            "members": [{"name": n, "kind": m.kind} for n, m in self.members.items()],
            "temperatures": list(self.temperatures),
        }
        (directory / CONFIG_FILE).write_text(json.dumps(config, indent=2))

    @classmethod
    def load(cls, directory: Path) -> EnsembleModel:
        config = json.loads((directory / CONFIG_FILE).read_text())
        members: dict[str, LabelScorer] = {}
        for entry in config["members"]:
            loader = MEMBER_LOADERS.get(entry["kind"])
            if loader is None:
                raise ValueError(
                    f"{directory / CONFIG_FILE}: unknown member kind {entry['kind']!r}"
                )
            members[entry["name"]] = loader(directory / MEMBERS_DIR / entry["name"])
        return cls(members, tuple(config.get("temperatures", (1.0, 1.0))))
