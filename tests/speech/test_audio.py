"""The audio front end: byte parsers (Hypothesis), G.711 tables, streaming resampler, files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speech.audio import (
    ALAW_TABLE,
    MULAW_TABLE,
    AudioDecodeError,
    StreamDecoder,
    decode_alaw,
    decode_mulaw,
    decode_pcm16,
    load_audio_file,
    resample_to_16k,
)
from speech.messages import SAMPLE_RATE
from speech.phone_audio import mulaw_encode, write_phone_wav

RATES = st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000])


def _tone(seconds: float, rate: int = SAMPLE_RATE, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.5 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def test_g711_tables_match_the_itu_reference_points() -> None:
    # mu-law: 0x00/0x80 are the extremes, 0xFF/0x7F are zero; A-law 0xD5/0x55 are +-8.
    assert MULAW_TABLE[0x00] * 32768 == -32124
    assert MULAW_TABLE[0x80] * 32768 == 32124
    assert MULAW_TABLE[0xFF] == 0 and MULAW_TABLE[0x7F] == 0
    assert ALAW_TABLE[0xD5] * 32768 == 8
    assert ALAW_TABLE[0x55] * 32768 == -8
    assert ALAW_TABLE[0xAA] * 32768 == 32256


def test_mulaw_round_trip_keeps_the_signal() -> None:
    tone = _tone(0.5, rate=8000)
    decoded = MULAW_TABLE[np.frombuffer(mulaw_encode(tone), dtype=np.uint8)]
    assert np.max(np.abs(decoded - tone)) < 0.02  # companding error at this level


# No deadlines: the CPU is shared and a slow example is not a wrong one.
@settings(deadline=None)
@given(st.binary(min_size=1, max_size=4000), RATES)
def test_pcm16_of_any_even_bytes_is_16k_float_in_range(data: bytes, rate: int) -> None:
    if len(data) % 2:
        with pytest.raises(AudioDecodeError, match="even number of bytes"):
            decode_pcm16(data, rate)
        return
    samples = decode_pcm16(data, rate)
    assert samples.dtype == np.float32
    expected = Fraction(len(data) // 2) * SAMPLE_RATE / rate
    assert len(samples) == int(np.ceil(float(expected)))
    assert np.all(np.isfinite(samples))
    if rate == SAMPLE_RATE:
        assert np.all(np.abs(samples) <= 1.0)


@settings(deadline=None)
@given(st.binary(min_size=1, max_size=2000))
def test_any_g711_bytes_decode_to_twice_as_many_16k_samples(data: bytes) -> None:
    for decoder in (decode_mulaw, decode_alaw):
        samples = decoder(data)
        assert samples.dtype == np.float32 and len(samples) == 2 * len(data)
        assert np.all(np.isfinite(samples))


@settings(max_examples=40, deadline=None)
@given(
    RATES,
    st.lists(st.integers(min_value=0, max_value=900), min_size=1, max_size=30),
    st.integers(min_value=0, max_value=2**31),
)
def test_stream_decoder_equals_whole_signal_decoding(rate: int, sizes: list[int], seed: int):
    pcm = (np.random.default_rng(seed).standard_normal(sum(sizes)) * 4000).astype("<i2")
    data = pcm.tobytes()
    decoder = StreamDecoder("pcm16", rate)
    pieces, offset = [], 0
    for size in sizes:
        pieces.append(decoder.decode(data[offset : offset + 2 * size]))
        offset += 2 * size
    pieces.append(decoder.flush())
    streamed = np.concatenate(pieces)
    if not data:
        assert len(streamed) == 0
        return
    whole = decode_pcm16(data, rate)
    assert len(streamed) == len(whole)
    # Same filter, same phase: frame boundaries add no clicks, only float rounding.
    assert np.max(np.abs(streamed - whole), initial=0.0) < 1e-4


@settings(deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=400), max_size=20))
def test_stream_decoder_g711_frames_equal_whole(frames: list[bytes]) -> None:
    for codec, decode in (("mulaw", decode_mulaw), ("alaw", decode_alaw)):
        decoder = StreamDecoder(codec, 8000)
        streamed = np.concatenate([decoder.decode(f) for f in frames] + [decoder.flush()])
        data = b"".join(frames)
        if data:
            assert np.max(np.abs(streamed - decode(data))) < 1e-4


def test_stream_decoder_rejects_odd_frames_and_bad_setups() -> None:
    decoder = StreamDecoder("pcm16", 8000)
    with pytest.raises(AudioDecodeError, match="even number"):
        decoder.decode(b"\x00\x01\x02")
    with pytest.raises(AudioDecodeError, match="unsupported codec"):
        StreamDecoder("opus", 48000)  # type: ignore[arg-type]
    with pytest.raises(AudioDecodeError, match="8000 Hz"):
        StreamDecoder("mulaw", 16000)
    with pytest.raises(AudioDecodeError, match="sample rate"):
        StreamDecoder("pcm16", 4000)
    with pytest.raises(AudioDecodeError, match="empty"):
        decode_pcm16(b"", 16000)
    with pytest.raises(AudioDecodeError, match="empty"):
        decode_mulaw(b"")


def test_resampling_keeps_a_tone_where_it_was() -> None:
    tone = _tone(1.0, rate=8000, hz=300)
    up = resample_to_16k(tone, 8000)
    reference = _tone(1.0, rate=SAMPLE_RATE, hz=300)
    # Away from the edges the 8 kHz tone resampled equals the 16 kHz tone.
    assert np.max(np.abs(up[800:-800] - reference[800:-800])) < 0.01


def _encode(path: Path, samples: np.ndarray, codec: str, rate: int = 48000) -> Path:
    pcm = (resample_to_16k(samples, SAMPLE_RATE) * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=SAMPLE_RATE if codec != "libopus" else rate)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(pcm[None, :], format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=stream.rate
        )
        for resampled in resampler.resample(frame) + resampler.resample(None):
            for packet in stream.encode(resampled):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize(
    ("suffix", "codec"),
    [("wav", "pcm_s16le"), ("mp3", "libmp3lame"), ("ogg", "libopus"), ("opus", "libopus"),
     ("m4a", "aac")],
)  # fmt: skip
def test_files_of_every_container_become_16k_mono(tmp_path: Path, suffix: str, codec: str) -> None:
    tone = _tone(1.5)
    samples = load_audio_file(_encode(tmp_path / f"tone.{suffix}", tone, codec))
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert abs(len(samples) / SAMPLE_RATE - 1.5) < 0.15  # AAC pads to whole 1024-sample frames
    assert 0.2 < np.max(np.abs(samples)) < 1.0


def test_phone_wav_decodes_to_16k(tmp_path: Path) -> None:
    path = write_phone_wav(tmp_path / "phone.wav", _tone(1.0, hz=1000))
    samples = load_audio_file(path)
    assert abs(len(samples) - SAMPLE_RATE) <= 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable audio file"),
        (b"this is a text file, not audio\n" * 50, "not a readable audio file"),
        ("half", "truncated"),
        ("header", "truncated"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path: Path, content, message: str) -> None:
    path = tmp_path / "bad.wav"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        good = write_phone_wav(tmp_path / "good.wav", _tone(2.0)).read_bytes()
        path.write_bytes(good[: len(good) // 2] if content == "half" else good[:60])
    with pytest.raises(AudioDecodeError, match=message):
        load_audio_file(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AudioDecodeError, match="no such audio file"):
        load_audio_file(tmp_path / "nope.wav")
