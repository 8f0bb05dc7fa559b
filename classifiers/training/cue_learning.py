"""Learns the cue words of each incident type from the training corpus (saved with the artefact).

Runs at training time only; classifiers/cues.py looks the learned words up at run time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from classifiers.cues import terms_of, words_of
from classifiers.labels import IncidentType
from classifiers.training.dataset import LabelledText


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
            counts[example.incident_type].update(set(terms_of(words_of(example.text))))
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
