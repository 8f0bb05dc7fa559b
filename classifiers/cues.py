"""Cue words learned from the training corpus: the words that best explain each incident type.

They only explain a label to a dispatcher ("Từ khóa: cháy, khói"); they never decide one.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from classifiers.dataset import LabelledText
from classifiers.labels import IncidentType
from classifiers.text_norm import fold, normalize

CUES_FILE = "cues.json"


def _words(text: str) -> list[str]:
    return normalize(text).split()


def learn_cues(
    examples: Sequence[LabelledText], per_type: int = 60, min_count: int = 4
) -> dict[str, dict[str, float]]:
    """Per type, words (with diacritics, as written) ranked by smoothed log-odds vs other types."""
    counts: dict[IncidentType, Counter[str]] = {t: Counter() for t in IncidentType}
    for example in examples:
        if example.variant == "clean":  # spelled words a dispatcher can read
            counts[example.incident_type].update(set(_words(example.text)))
    total = Counter[str]()
    for counter in counts.values():
        total.update(counter)
    cues: dict[str, dict[str, float]] = {}
    for incident_type, counter in counts.items():
        inside = sum(counter.values()) + 1
        outside = sum(total.values()) - inside + 1
        scored = {}
        for word, count in counter.items():
            rest = total[word] - count
            if count < min_count or len(word) < 2:
                continue
            log_odds = math.log((count + 0.5) / inside) - math.log((rest + 0.5) / outside)
            if log_odds > 1.5:  # clearly more frequent in this type than elsewhere
                scored[word] = round(log_odds, 3)
        best = sorted(scored.items(), key=lambda item: -item[1])[:per_type]
        cues[incident_type.value] = dict(best)
    return cues


class CueWords:
    """Looks up the cue words of a label in a transcript, with or without diacritics."""

    def __init__(self, cues: dict[str, dict[str, float]]) -> None:
        self._by_type: dict[str, dict[str, tuple[str, float]]] = {}
        for type_name, words in cues.items():
            folded: dict[str, tuple[str, float]] = {}
            for word, weight in words.items():
                key = fold(word)
                if key not in folded or folded[key][1] < weight:
                    folded[key] = (word, weight)
            self._by_type[type_name] = folded

    def find(self, text: str, incident_type: IncidentType, limit: int = 3) -> list[str]:
        table = self._by_type.get(incident_type.value, {})
        found: dict[str, float] = {}
        for word in _words(text):
            hit = table.get(fold(word))
            if hit is not None:
                found[word] = hit[1]
        return [word for word, _ in sorted(found.items(), key=lambda item: -item[1])[:limit]]

    def save(self, directory: Path) -> None:
        raw = {t: {w: s for w, s in words.values()} for t, words in self._by_type.items()}
        (directory / CUES_FILE).write_text(json.dumps(raw, ensure_ascii=False, indent=1))

    @classmethod
    def load(cls, directory: Path) -> CueWords:
        path = directory / CUES_FILE
        return cls(json.loads(path.read_text()) if path.is_file() else {})
