"""The training-time ASR noise: learned from aligned train pairs, replayed on clean rows."""

from __future__ import annotations

import random

from classifiers.labels import IncidentType, Urgency
from classifiers.text_norm import normalize
from classifiers.training.asr_noise import AsrNoise, NoiseRates
from classifiers.training.dataset import LabelledText


def _row(text: str, variant: str, scenario: str = "fire-P1-000") -> LabelledText:
    return LabelledText(text, IncidentType.FIRE, Urgency.P1, variant, scenario)


TRAIN = [
    _row("Nhà tôi đang cháy, con tôi còn trong phòng", "clean"),
    _row("nha toi dang chay", "nodiac"),
    _row("nhà tối đang chảy, con tôi còn trông phòng", "asr"),
    _row("có người bị ngã xe", "clean", "traffic_accident-P2-000"),
]


def test_substitutions_come_from_the_aligned_recognised_rows():
    everything = NoiseRates(min_rate=1.0, max_rate=1.0, drop=0.0, repeat=0.0)
    noise = AsrNoise.learn(TRAIN).with_rates(everything)
    assert noise.usable
    heard = set(normalize(TRAIN[2].text).split())
    rng = random.Random(3)
    for _ in range(20):
        corrupted = noise.corrupt("nhà tôi đang cháy", rng).split()
        assert len(corrupted) == 4
        # Every syllable was replaced by something the recogniser actually wrote.
        assert set(corrupted) <= heard


def test_rate_zero_keeps_the_text_and_the_same_seed_gives_the_same_noise():
    learned = AsrNoise.learn(TRAIN)
    calm = learned.with_rates(NoiseRates(min_rate=0, max_rate=0))
    assert calm.corrupt("Nhà tôi đang cháy!", random.Random(1)) == "nhà tôi đang cháy"
    text = "nhà tôi đang cháy con tôi còn trong phòng"
    assert learned.corrupt(text, random.Random(5)) == learned.corrupt(text, random.Random(5))


def test_without_recognised_rows_there_is_nothing_to_learn():
    noise = AsrNoise.learn([row for row in TRAIN if row.variant != "asr"])
    assert not noise.usable
