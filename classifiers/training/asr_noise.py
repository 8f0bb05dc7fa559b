"""Training-time noise that makes a clean transcript read like what our Whisper heard of espeak.

Learned only from the train split: each speech-recognised row is aligned syllable by syllable with
the clean row it was spoken from, and the substitutions seen there are replayed on other clean rows.
Never used at inference; never sees dev or test.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from classifiers.text_norm import normalize, strip_diacritics
from classifiers.training.dataset import LabelledText


@dataclass(frozen=True)
class NoiseRates:
    """How a corrupted syllable goes wrong; the share of syllables hit is drawn per text."""

    min_rate: float = 0.1
    max_rate: float = 0.6
    drop: float = 0.2  # the syllable is lost
    repeat: float = 0.05  # Whisper loops: said twice
    # the rest: replaced by what ASR wrote for it in training, else by a same-letters syllable
    # with other tone marks, else by any syllable Whisper wrote


class AsrNoise:
    def __init__(
        self,
        substitutions: dict[str, list[str]],
        heard: list[str],
        rates: NoiseRates = NoiseRates(),
    ) -> None:
        self._substitutions = substitutions
        self._heard = heard
        self._rates = rates
        same_letters: dict[str, list[str]] = defaultdict(list)
        for syllable in sorted(set(heard)):
            same_letters[strip_diacritics(syllable)].append(syllable)
        self._same_letters = dict(same_letters)

    def with_rates(self, rates: NoiseRates) -> AsrNoise:
        return AsrNoise(self._substitutions, self._heard, rates)

    @property
    def usable(self) -> bool:
        return bool(self._heard)

    @classmethod
    def learn(cls, train: Sequence[LabelledText], rates: NoiseRates = NoiseRates()) -> AsrNoise:
        """Pairs every asr row with the most similar clean row of its scenario and aligns them."""
        clean_by_scenario: dict[str, list[list[str]]] = defaultdict(list)
        for example in train:
            if example.variant == "clean":
                clean_by_scenario[example.scenario_id].append(normalize(example.text).split())
        substitutions: dict[str, list[str]] = defaultdict(list)
        heard: list[str] = []
        for example in train:
            if example.variant != "asr":
                continue
            said = normalize(example.text).split()
            heard.extend(said)
            sources = clean_by_scenario.get(example.scenario_id)
            if not sources or not said:
                continue
            source = max(sources, key=lambda s: SequenceMatcher(None, s, said).ratio())
            matcher = SequenceMatcher(None, source, said, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "replace" and i2 - i1 == j2 - j1:
                    for original, written in zip(source[i1:i2], said[j1:j2], strict=True):
                        substitutions[original].append(written)
        return cls(dict(substitutions), heard, rates)

    def corrupt(self, text: str, rng: random.Random) -> str:
        rates = self._rates
        rate = rng.uniform(rates.min_rate, rates.max_rate)
        out: list[str] = []
        for syllable in normalize(text).split():
            if rng.random() >= rate:
                out.append(syllable)
                continue
            roll = rng.random()
            if roll < rates.drop:
                continue
            if roll < rates.drop + rates.repeat:
                out += [syllable, syllable]
                continue
            out.append(self._replacement(syllable, rng))
        return " ".join(out)

    def _replacement(self, syllable: str, rng: random.Random) -> str:
        seen = self._substitutions.get(syllable)
        if seen and rng.random() < 0.7:
            return rng.choice(seen)
        similar = self._same_letters.get(strip_diacritics(syllable))
        if similar and rng.random() < 0.6:
            return rng.choice(similar)
        return rng.choice(self._heard) if self._heard else syllable
