"""espeak-ng text-to-speech and the phone-line encoder: real engine, real decoder (PyAV)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import av
import numpy as np
import pytest

from speech.messages import SAMPLE_RATE
from speech.phone_audio import (
    PHONE_RATE,
    alaw_encode,
    mulaw_encode,
    mulaw_wav_bytes,
    to_phone_band,
    write_phone_wav,
)
from speech.tts import VIETNAMESE_VOICES, EspeakTTS, TextToSpeech, TextToSpeechError

SENTENCE = "Alo, cháy nhà ở số 12 phố Hàng Bạc, có người mắc kẹt bên trong."


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))


@pytest.mark.parametrize("voice", VIETNAMESE_VOICES)
def test_every_vietnamese_voice_speaks_16k_float(voice: str) -> None:
    tts = EspeakTTS(voice=voice, speed=170, pitch=40)
    audio = tts.synthesize(SENTENCE)
    assert isinstance(tts, TextToSpeech)
    assert tts.sample_rate == SAMPLE_RATE
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert 2.0 < len(audio) / SAMPLE_RATE < 8.0
    assert _rms(audio) > 0.02
    assert np.abs(audio).max() <= 1.0


def test_faster_speech_is_shorter() -> None:
    slow = EspeakTTS(speed=120).synthesize(SENTENCE)
    fast = EspeakTTS(speed=220).synthesize(SENTENCE)
    assert len(fast) < 0.75 * len(slow)


def test_text_starting_with_a_dash_is_spoken_not_parsed_as_an_option(tts: EspeakTTS) -> None:
    assert _rms(tts.synthesize("-v trừ năm độ")) > 0.02


def test_blank_text_gives_empty_audio(tts: EspeakTTS) -> None:
    assert len(tts.synthesize("   ")) == 0


def test_unknown_voice_raises_a_clear_error() -> None:
    # espeak-ng itself would quietly speak Norwegian for "no-such-voice".
    for voice in ("no-such-voice", "zz"):
        with pytest.raises(TextToSpeechError, match="vi-vn-x-south"):
            EspeakTTS(voice=voice).synthesize("xin chào")


def test_a_voice_variant_is_accepted() -> None:
    assert _rms(EspeakTTS(voice="vi+f3").synthesize("xin chào")) > 0.02


def test_missing_engine_says_to_run_setup() -> None:
    with pytest.raises(TextToSpeechError, match="scripts/setup.sh"):
        EspeakTTS(executable="espeak-ng-not-installed")


def test_one_instance_is_safe_from_many_threads(tts: EspeakTTS) -> None:
    texts = [f"Cuộc gọi số {n}, xin chờ máy." for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(tts.synthesize, texts))
    assert all(np.array_equal(a, tts.synthesize(t)) for a, t in zip(parallel, texts, strict=True))


def _decode_with_pyav(path) -> tuple[str, int, int, np.ndarray]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        codec, rate, channels = stream.codec_context.name, stream.sample_rate, stream.channels
        pcm = np.concatenate([frame.to_ndarray().ravel() for frame in container.decode(stream)])
    return codec, rate, channels, pcm.astype(np.float32) / 32768.0


def test_phone_wav_decodes_as_8k_mulaw_close_to_the_band_limited_signal(tmp_path, tts) -> None:
    speech = tts.synthesize(SENTENCE)
    path = write_phone_wav(tmp_path / "call.wav", speech)
    codec, rate, channels, decoded = _decode_with_pyav(path)
    assert (codec, rate, channels) == ("pcm_mulaw", PHONE_RATE, 1)
    expected = to_phone_band(speech)
    assert len(decoded) == len(expected) == pytest.approx(len(speech) / 2, abs=1)
    assert np.corrcoef(decoded, expected)[0, 1] > 0.999


def test_alaw_phone_wav_decodes_close_to_the_band_limited_signal(tmp_path, tts) -> None:
    speech = tts.synthesize(SENTENCE)
    path = write_phone_wav(tmp_path / "call.wav", speech, encoding="alaw")
    codec, rate, channels, decoded = _decode_with_pyav(path)
    assert (codec, rate, channels) == ("pcm_alaw", PHONE_RATE, 1)
    assert np.corrcoef(decoded, to_phone_band(speech))[0, 1] > 0.999


def test_g711_round_trip_error_stays_within_the_companding_step() -> None:
    ramp = np.linspace(-1.0, 1.0, 4001)
    for encoding, encode in (("mulaw", mulaw_encode), ("alaw", alaw_encode)):
        codec = "pcm_mulaw" if encoding == "mulaw" else "pcm_alaw"
        context = av.CodecContext.create(codec, "r")
        context.sample_rate, context.layout = PHONE_RATE, "mono"
        frames = context.decode(av.Packet(encode(ramp)))
        pcm = np.concatenate([f.to_ndarray().ravel() for f in frames]) / 32768.0
        # Companding keeps relative error small: at most ~1/16 of the magnitude plus one step.
        assert np.all(np.abs(pcm - ramp) <= np.abs(ramp) / 16 + 2e-3), encoding


def test_phone_band_removes_low_hum_and_high_hiss() -> None:
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    hum = 0.5 * np.sin(2 * np.pi * 50 * t)
    voice_band = 0.5 * np.sin(2 * np.pi * 1000 * t)
    hiss = 0.5 * np.sin(2 * np.pi * 6000 * t)
    assert _rms(to_phone_band(hum)) < 0.01
    assert _rms(to_phone_band(hiss)) < 0.01
    assert _rms(to_phone_band(voice_band)) == pytest.approx(0.5 / np.sqrt(2), rel=0.05)


def test_mulaw_matches_the_g711_reference_points() -> None:
    # Silence encodes to 0xFF, full-scale positive to 0x80, full-scale negative to 0x00.
    assert mulaw_encode(np.array([0.0, 1.0, -1.0])) == bytes([0xFF, 0x80, 0x00])
    # A-law: zero is 0xD5, full scale 0xAA / 0x2A (ITU G.711 table with even bits inverted).
    assert alaw_encode(np.array([0.0, 1.0, -1.0])) == bytes([0xD5, 0xAA, 0x2A])


def test_odd_length_mulaw_wav_is_padded_and_still_valid(tmp_path) -> None:
    path = tmp_path / "odd.wav"
    path.write_bytes(mulaw_wav_bytes(mulaw_encode(np.zeros(801))))
    _, _, _, decoded = _decode_with_pyav(path)
    assert len(decoded) == 801
