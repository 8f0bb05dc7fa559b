"""Cue words of a trained artefact: the words that best explain each incident type, looked up.

They only explain a label to a dispatcher ("Từ khóa: cháy, khói"); they never decide one.
Learning them is training code (classifiers/training/cue_learning.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.labels import IncidentType
from classifiers.text_norm import fold, normalize

CUES_FILE = "cues.json"


def words_of(text: str) -> list[str]:
    return normalize(text).split()


# Words every caller says: never a cue on their own nor inside a pair.
_FUNCTION_WORDS = frozenset(
    fold(word)
    for word in "tôi em anh chị ơi còn con có là ở của và với thì mà ạ alo nó giúp rồi không "
    "đi ra vào bị được cho này kia nhé nha vâng dạ thế đây đó một hai ba lắm quá".split()
)


def terms_of(words: list[str]) -> list[str]:
    """Content words and adjacent pairs of them: "mắc kẹt" explains more than "kẹt"."""
    content = [word if fold(word) not in _FUNCTION_WORDS else "" for word in words]
    pairs = [f"{a} {b}" for a, b in zip(content, content[1:], strict=False) if a and b]
    return [word for word in content if word] + pairs


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
        for term in terms_of(words_of(text)):
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
