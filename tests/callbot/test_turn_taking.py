"""Turn-taking with the real Silero VAD and the real Smart Turn v3 model on espeak-ng speech."""

from __future__ import annotations

import numpy as np
import pytest

from speech.messages import SAMPLE_RATE, AudioChunk
from triage.callbot.turn_features import WINDOW_SAMPLES, last_window, log_mel
from triage.callbot.turn_taking import SpeechStarted, TurnDetector, TurnEnded, TurnParams

pytestmark = pytest.mark.slow


def stream(detector: TurnDetector, audio: np.ndarray, chunk: int = 320) -> list:
    events = []
    for offset in range(0, len(audio), chunk):
        events += detector.push(AudioChunk(audio[offset : offset + chunk], offset / SAMPLE_RATE))
    return events


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def test_features_match_the_transformers_whisper_extractor() -> None:
    from transformers import WhisperFeatureExtractor

    rng = np.random.default_rng(7)
    audio = last_window((rng.standard_normal(3 * SAMPLE_RATE) * 0.1).astype(np.float32))
    assert audio.shape == (WINDOW_SAMPLES,) and not audio[:1000].any()  # padded at the front
    reference = WhisperFeatureExtractor(chunk_length=8)(
        audio,
        sampling_rate=SAMPLE_RATE,
        padding="max_length",
        max_length=WINDOW_SAMPLES,
        truncation=True,
        do_normalize=True,
        return_tensors="np",
    ).input_features[0]
    assert np.abs(log_mel(audio) - reference).max() < 1e-4


def test_short_answer_ends_the_turn_by_the_model_soon_after_speech(
    tts, vad, smart_turn_model
) -> None:
    speech = tts.synthesize("Đúng rồi.")
    detector = TurnDetector(vad, smart_turn_model)
    events = stream(detector, np.concatenate([silence(0.5), speech, silence(3.0)]))
    assert isinstance(events[0], SpeechStarted)
    assert 0.4 < events[0].call_time < 0.8
    ended = [event for event in events if isinstance(event, TurnEnded)]
    assert len(ended) == 1
    assert ended[0].reason == "model" and ended[0].probability >= 0.5
    # Decided well before the silence fallback would have.
    assert ended[0].decided_at - ended[0].end < detector.params.max_silence_seconds


def test_silence_fallback_ends_a_turn_the_model_calls_unfinished(
    tts, vad, smart_turn_model
) -> None:
    # A completion threshold no model output reaches leaves only the silence rule.
    params = TurnParams(completion_threshold=1.01, max_silence_seconds=1.0)
    detector = TurnDetector(vad, smart_turn_model, params)
    speech = tts.synthesize("Cháy nhà ở số 12 phố Hàng Bạc.")
    events = stream(detector, np.concatenate([silence(0.3), speech, silence(2.0)]))
    ended = [event for event in events if isinstance(event, TurnEnded)]
    assert [event.reason for event in ended] == ["silence"]
    assert ended[0].decided_at - ended[0].end == pytest.approx(1.0, abs=0.07)
    assert detector.model_calls >= 2  # asked at the pause and again before giving up


def test_pure_silence_and_a_click_are_not_turns(vad, smart_turn_model) -> None:
    detector = TurnDetector(vad, smart_turn_model)
    click = np.zeros(SAMPLE_RATE, dtype=np.float32)
    click[8000:8040] = 0.9
    assert stream(detector, np.concatenate([silence(2.0), click])) == []
    assert detector.model_calls == 0
