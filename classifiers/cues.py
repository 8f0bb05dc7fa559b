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


# Words every caller says: never a cue on their own nor inside a pair.
_FUNCTION_WORDS = frozenset(
    fold(word)
    for word in "tôi em anh chị ơi còn con có là ở của và với thì mà ạ alo nó giúp rồi không "
    "đi ra vào bị được cho này kia nhé nha vâng dạ thế đây đó một hai ba lắm quá".split()
)


def _terms(words: list[str]) -> list[str]:
    """Content words and adjacent pairs of them: "mắc kẹt" explains more than "kẹt"."""
    content = [word if fold(word) not in _FUNCTION_WORDS else "" for word in words]
    pairs = [f"{a} {b}" for a, b in zip(content, content[1:], strict=False) if a and b]
    return [word for word in content if word] + pairs


def learn_cues(
    examples: Sequence[LabelledText], per_type: int = 80, min_count: int = 8, purity: float = 0.7
) -> dict[str, dict[str, float]]:
    """Per type, terms (as written, with diacritics) that mostly occur in calls of that type.

    A cue must be frequent in the type and at least `purity` of its calls must be of that type,
    so that words every caller says ("con", "còn", "alo") never show up as an explanation.
    """
    counts: dict[IncidentType, Counter[str]] = {t: Counter() for t in IncidentType}
    for example in examples:
        if example.variant == "clean":  # spelled words a dispatcher can read
            counts[example.incident_type].update(set(_terms(_words(example.text))))
    total = Counter[str]()
    for counter in counts.values():
        total.update(counter)
    cues: dict[str, dict[str, float]] = {}
    for incident_type, counter in counts.items():
        scored = {}
        for term, count in counter.items():
            share = count / total[term]
            if count >= min_count and share >= purity and len(term) >= 3:
                # Pairs rank above single words of the same strength.
                scored[term] = round(share * math.log(count) * (1.5 if " " in term else 1.0), 3)
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
        """The strongest cues of the label in the text, as the caller said them."""
        table = self._by_type.get(incident_type.value, {})
        found: dict[str, float] = {}
        for term in _terms(_words(text)):
            hit = table.get(fold(term))
            if hit is not None:
                found[term] = hit[1]
        ranked = sorted(found, key=lambda term: -found[term])
        chosen: list[str] = []
        for term in ranked:  # skip a word already shown inside a chosen pair
            if not any(term in other.split() or other in term.split() for other in chosen):
                chosen.append(term)
        return chosen[:limit]

    def save(self, directory: Path) -> None:
        raw = {t: {w: s for w, s in words.values()} for t, words in self._by_type.items()}
        (directory / CUES_FILE).write_text(json.dumps(raw, ensure_ascii=False, indent=1))

    @classmethod
    def load(cls, directory: Path) -> CueWords:
        path = directory / CUES_FILE
        return cls(json.loads(path.read_text()) if path.is_file() else {})
