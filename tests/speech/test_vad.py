"""Voice activity: the incremental Silero runner and the utterance cut policy."""

from __future__ import annotations

import numpy as np

from speech.vad import WINDOW, WINDOW_SECONDS, SpeechSegmenter, speech_regions


def _probabilities(*runs: tuple[float, float]) -> np.ndarray:
    """(probability, seconds) runs -> one probability per 32 ms window."""
    return np.concatenate([np.full(round(s / WINDOW_SECONDS), p) for p, s in runs])


def _seconds(regions) -> list[tuple[float, float, bool]]:
    return [(round(r.start / 16000, 2), round(r.end / 16000, 2), r.forced) for r in regions]


def test_an_utterance_closes_after_half_a_second_of_pause() -> None:
    segmenter = SpeechSegmenter(min_silence_seconds=0.5)
    regions = segmenter.push(_probabilities((0.0, 1.0), (0.9, 2.0), (0.05, 0.3)))
    assert regions == [] and segmenter.open_start is not None  # a 0.3 s pause does not cut
    regions = segmenter.push(_probabilities((0.05, 0.3)))
    assert len(regions) == 1 and segmenter.open_start is None
    start, end, forced = _seconds(regions)[0]
    assert abs(start - 1.0) < 0.05 and abs(end - 3.0) < 0.05 and not forced


def test_clicks_shorter_than_min_speech_are_dropped() -> None:
    segmenter = SpeechSegmenter(min_speech_seconds=0.25)
    assert segmenter.push(_probabilities((0.0, 1.0), (0.9, 0.1), (0.0, 1.0))) == []


def test_hysteresis_keeps_speech_open_between_thresholds() -> None:
    segmenter = SpeechSegmenter(threshold=0.5)
    # 0.4 is below the start threshold but above the pause threshold (0.35): still speech.
    regions = segmenter.push(_probabilities((0.9, 1.0), (0.4, 2.0), (0.0, 0.6)))
    assert len(regions) == 1 and abs(_seconds(regions)[0][1] - 3.0) < 0.05


def test_long_speech_is_cut_at_its_latest_short_pause() -> None:
    segmenter = SpeechSegmenter(max_utterance_seconds=12.0)
    regions = segmenter.push(
        _probabilities((0.9, 8.0), (0.1, 0.2), (0.9, 6.0))  # one 0.2 s breath at 8 s
    )
    assert len(regions) == 1
    start, end, forced = _seconds(regions)[0]
    assert forced and start == 0.0 and 7.9 < end < 8.3
    assert segmenter.open_start is not None  # the speech after the cut goes on
    rest = segmenter.close()
    assert abs(_seconds(rest)[0][1] - 14.2) < 0.05


def test_speech_without_any_pause_is_cut_hard_at_the_limit() -> None:
    segmenter = SpeechSegmenter(max_utterance_seconds=10.0)
    regions = segmenter.push(_probabilities((0.9, 25.0)))
    assert len(regions) == 2
    assert all(abs((r.end - r.start) / 16000 - 10.0) <= WINDOW_SECONDS for r in regions)
    assert all(r.forced for r in regions)


def test_incremental_probabilities_equal_whole_clip(vad, clean_clip) -> None:
    clip = np.pad(clean_clip, (0, (-len(clean_clip)) % WINDOW))
    whole = vad.stream().push(clip)
    stream = vad.stream()
    rng = np.random.default_rng(3)
    pieces, offset = [], 0
    while offset < len(clip):
        size = int(rng.integers(50, 3000))
        pieces.append(stream.push(clip[offset : offset + size]))
        offset += size
    assert np.array_equal(np.concatenate(pieces), whole)


def test_speech_is_found_and_silence_or_noise_is_not(vad, clean_clip, quiet_clips) -> None:
    regions = speech_regions(vad, clean_clip)
    assert len(regions) >= 1
    assert (
        regions[0].start / 16000 < 0.8 and regions[-1].end / 16000 > len(clean_clip) / 16000 - 1.2
    )
    for quiet in quiet_clips.values():
        assert speech_regions(vad, quiet) == []
