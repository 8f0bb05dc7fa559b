"""Writes classifiers/data/common_syllables.txt: the syllables callers commonly say, as written.

The safety layer takes a tone-marked syllable in this list as said, never as a misheard
neighbour ("chạy" is not "cháy"). From the corpus's clean training rows only.
Run: `python -m classifiers.corpus.common_syllables`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from classifiers.concept_match import COMMON_SYLLABLES_FILE
from classifiers.red_flags import CONCEPTS
from classifiers.text_norm import normalize

DATA_DIR = Path(__file__).parent / "data"
MIN_COUNT = 2


def common_syllables(train_file: Path = DATA_DIR / "train.jsonl") -> list[str]:
    """Syllables said at least MIN_COUNT times in clean training rows, and every marked word of
    the red-flag lexicon (each is a real word: "ngạt" must never be read as "ngất")."""
    counts: Counter[str] = Counter()
    with train_file.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["variant"] == "clean":
                counts.update(normalize(row["text"]).split())
    words = {s for s, n in counts.items() if n >= MIN_COUNT and s.isalpha()}
    words |= {marked for c in CONCEPTS for _, marked in c.vocabulary() if marked.isalpha()}
    return sorted(words)


def main() -> None:
    words = common_syllables()
    COMMON_SYLLABLES_FILE.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} syllables -> {COMMON_SYLLABLES_FILE}")


if __name__ == "__main__":
    main()
