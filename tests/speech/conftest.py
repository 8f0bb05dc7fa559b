"""Speech-test fixtures: espeak-ng clips made at test time, silence and noise, the real VAD."""

from __future__ import annotations

import numpy as np
import pytest

from speech.messages import SAMPLE_RATE

CLEAN_LINE = "Alô, tổng đài một một bốn phải không, nhà tôi đang bị cháy, khói nhiều lắm."
SECOND_LINE = "Tôi ở số mười hai đường Trần Phú, quận Hải Châu, thành phố Đà Nẵng."


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def white_noise(seconds: float, level: float = 0.1, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * SAMPLE_RATE)) * level).astype(np.float32)


@pytest.fixture(scope="session")
def quiet_clips() -> dict[str, np.ndarray]:
    """10 s clips that must never produce text."""
    return {"silence": silence(10.0), "white noise": white_noise(10.0)}


@pytest.fixture(scope="session")
def vad():
    from speech.vad import SileroVad

    return SileroVad()


@pytest.fixture(scope="session")
def clean_line() -> str:
    return CLEAN_LINE


@pytest.fixture(scope="session")
def two_lines() -> str:
    return f"{CLEAN_LINE} {SECOND_LINE}"


@pytest.fixture(scope="session")
def phone(request):
    """Audio as it reaches us from a phone line: band-limited 8 kHz mu-law, decoded to 16 kHz."""
    from speech.audio import decode_mulaw
    from speech.phone_audio import mulaw_encode, to_phone_band

    return lambda audio: decode_mulaw(mulaw_encode(to_phone_band(audio)))


@pytest.fixture(scope="session")
def caller_voice():
    """The voice the thresholds in these tests were measured with (pinned, not the default)."""
    from speech.tts import EspeakTTS

    return EspeakTTS(voice="vi", speed=160, pitch=50)


@pytest.fixture(scope="session")
def clean_clip(caller_voice) -> np.ndarray:
    """One caller line (about 5 s) with a little silence either side."""
    return np.concatenate([silence(0.5), caller_voice.synthesize(CLEAN_LINE), silence(0.7)])


@pytest.fixture(scope="session")
def two_utterance_call(caller_voice) -> np.ndarray:
    """Two lines separated by a 1.2 s pause (about 12 s)."""
    return np.concatenate(
        [
            silence(0.6),
            caller_voice.synthesize(CLEAN_LINE),
            silence(1.2),
            caller_voice.synthesize(SECOND_LINE),
            silence(0.8),
        ]
    )
