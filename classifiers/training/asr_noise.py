"""Training-time noise that makes a clean transcript read like what our Whisper writes of callers.

Learned from real voices: the project's recogniser on ../shared/speechtrain, aligned syllable by
syllable with the references (classifiers/corpus/data/real_asr.json, written by
classifiers/corpus/real_asr_errors.py), replayed on clean rows. `learn` keeps the older source:
the train split's espeak-ng rows aligned with their scripts. Never used at inference; never sees
dev, test, devcalls or realspeech.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from classifiers.text_norm import normalize, strip_diacritics
from classifiers.training.dataset import LabelledText

REAL_ASR_FILE = Path(__file__).resolve().parents[1] / "corpus" / "data" / "real_asr.json"


@dataclass(frozen=True)
class NoiseRates:
    """How a corrupted syllable goes wrong; the share of syllables hit is drawn per text."""

    min_rate: float = 0.1
    max_rate: float = 0.6
    drop: float = 0.2  # the syllable is lost
    repeat: float = 0.05  # Whisper loops: said twice
    merge: float = 0.0  # written together with the next syllable (a weak recogniser's spacing)
    # the rest: replaced by what ASR wrote for it, else by a same-letters syllable with other tone
    # marks, else by a syllable one letter away, else by any syllable the recogniser wrote


# Real voices through Whisper base here: about 39% of syllables substituted, 1-3% deleted,
# 1.5% inserted (16 kHz and phone band alike). Per text the rate varies with the caller.
REAL_RATES = NoiseRates(min_rate=0.05, max_rate=0.5, drop=0.06, repeat=0.03, merge=0.03)


def _deletion_keys(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


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
        near: dict[str, set[str]] = defaultdict(set)
        for syllable in sorted(set(heard)):
            folded = strip_diacritics(syllable)
            same_letters[folded].append(syllable)
            for key in _deletion_keys(folded):
                near[key].add(syllable)
        self._same_letters = dict(same_letters)
        self._near = {key: sorted(values) for key, values in near.items()}
        self._neighbour_cache: dict[str, list[str]] = {}

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

    @classmethod
    def from_real_speech(
        cls,
        path: Path = REAL_ASR_FILE,
        vocabulary: Iterable[str] = (),
        rates: NoiseRates = REAL_RATES,
    ) -> AsrNoise:
        """What the recogniser wrote for each syllable of real voices, both bands pooled.

        `vocabulary` (the training texts) widens the pool of look-alike syllables, so a word the
        recordings never said can still be misheard as a near neighbour.
        """
        raw = json.loads(path.read_text(encoding="utf-8"))
        substitutions: dict[str, list[str]] = defaultdict(list)
        heard: list[str] = []
        for band in raw["bands"].values():
            for said, written in band["substitutions"].items():
                if " " in said:
                    continue  # merged/split spans: too rare to replay by syllable
                for wrong, count in written.items():
                    if wrong != said and " " not in wrong:
                        substitutions[said].extend([wrong] * int(count))
                    heard.extend(wrong.split() * int(count))
            for wrong, count in band["inserted"].items():
                heard.extend([wrong] * int(count))
        for text in vocabulary:
            heard.extend(normalize(text).split())
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
            if roll < rates.drop + rates.repeat + rates.merge and out:
                out[-1] += syllable
                continue
            out.append(self._replacement(syllable, rng))
        return " ".join(out)

    def _neighbours(self, folded: str) -> list[str]:
        """Heard syllables one letter (added, removed or changed) from `folded`, any tone."""
        cached = self._neighbour_cache.get(folded)
        if cached is None:
            found = {s for key in _deletion_keys(folded) for s in self._near.get(key, [])}
            cached = self._neighbour_cache[folded] = sorted(found)
        return cached

    def _replacement(self, syllable: str, rng: random.Random) -> str:
        seen = self._substitutions.get(syllable)
        if seen and rng.random() < 0.7:
            return rng.choice(seen)
        folded = strip_diacritics(syllable)
        similar = self._same_letters.get(folded)
        if similar and rng.random() < 0.6:
            return rng.choice(similar)
        near = self._neighbours(folded)
        if near and rng.random() < 0.6:
            return rng.choice(near)
        return rng.choice(self._heard) if self._heard else syllable
