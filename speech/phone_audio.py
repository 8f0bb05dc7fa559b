"""Audio out to a phone line: 16 kHz float32 -> telephone band (300-3400 Hz) 8 kHz G.711 mu/A-law.

Encoding only (bot speech, sample calls, test clips); it never decodes incoming audio, which is
the audio front end's job.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
from scipy.signal import butter, resample_poly, sosfiltfilt

from speech.messages import SAMPLE_RATE

PHONE_RATE = 8_000
PHONE_BAND_HZ = (300.0, 3400.0)
_WAVE_FORMAT = {"alaw": 6, "mulaw": 7}
_ALAW_SEGMENT_ENDS = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])
_MULAW_BIAS = 0x84
_MULAW_CLIP = 32635


def to_phone_band(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Band-limit to 300-3400 Hz and resample to 8 kHz; float32 in [-1, 1] out.

    Zero-phase filtering keeps speech where it was in time, so utterance timings still hold.
    """
    samples = np.asarray(samples, dtype=np.float64)
    if samples.ndim != 1:
        raise ValueError(f"expected mono audio (1-D array), got shape {samples.shape}")
    if len(samples) == 0:
        return np.zeros(0, dtype=np.float32)
    low, high = PHONE_BAND_HZ
    sos = butter(4, [low, high], btype="bandpass", fs=sample_rate, output="sos")
    # sosfiltfilt needs a few filter lengths of signal; very short clips are padded then cut.
    padding = max(0, 64 - len(samples))
    filtered = sosfiltfilt(sos, np.pad(samples, (0, padding)))[: len(samples)]
    divisor = np.gcd(sample_rate, PHONE_RATE)
    narrow = resample_poly(filtered, PHONE_RATE // divisor, sample_rate // divisor)
    return np.clip(narrow, -1.0, 1.0).astype(np.float32)


def mulaw_encode(samples: np.ndarray) -> bytes:
    """G.711 mu-law (the ITU segment table, as in Sun's g711.c) of float samples in [-1, 1]."""
    pcm = np.round(np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0) * 32767.0)
    pcm = pcm.astype(np.int32)
    sign = np.where(pcm < 0, 0x80, 0x00)
    magnitude = np.minimum(np.abs(pcm), _MULAW_CLIP) + _MULAW_BIAS
    exponent = np.clip(np.floor(np.log2(magnitude)).astype(np.int32) - 7, 0, 7)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    encoded = ~(sign | (exponent << 4) | mantissa) & 0xFF
    return encoded.astype(np.uint8).tobytes()


def alaw_encode(samples: np.ndarray) -> bytes:
    """G.711 A-law (what Vietnamese and most non-US networks carry) of floats in [-1, 1]."""
    pcm = np.round(np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0) * 32767.0)
    pcm = pcm.astype(np.int32) >> 3  # A-law codes 13-bit linear
    mask = np.where(pcm >= 0, 0xD5, 0x55)
    magnitude = np.where(pcm >= 0, pcm, -pcm - 1)
    segment = np.searchsorted(_ALAW_SEGMENT_ENDS, magnitude)
    shift = np.where(segment < 2, 1, segment)
    code = (np.minimum(segment, 7) << 4) | ((magnitude >> np.minimum(shift, 7)) & 0x0F)
    code = np.where(segment >= 8, 0x7F, code)
    return ((code ^ mask) & 0xFF).astype(np.uint8).tobytes()


def g711_wav_bytes(encoded: bytes, encoding: str = "mulaw", sample_rate: int = PHONE_RATE) -> bytes:
    """Wrap raw G.711 bytes in a WAV container (format tag 7 mu-law or 6 A-law, 8-bit, mono,
    with the fact chunk non-PCM WAV files carry)."""
    if encoding not in _WAVE_FORMAT:
        raise ValueError(f"encoding must be 'mulaw' or 'alaw', got {encoding!r}")
    fmt_body = struct.pack("<HHIIHHH", _WAVE_FORMAT[encoding], 1, sample_rate, sample_rate, 1, 8, 0)
    fact_body = struct.pack("<I", len(encoded))
    data = encoded + (b"\x00" if len(encoded) % 2 else b"")
    chunks = (
        b"fmt " + struct.pack("<I", len(fmt_body)) + fmt_body
        + b"fact" + struct.pack("<I", len(fact_body)) + fact_body
        + b"data" + struct.pack("<I", len(encoded)) + data
    )  # fmt: skip
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def mulaw_wav_bytes(mulaw: bytes, sample_rate: int = PHONE_RATE) -> bytes:
    """Wrap raw mu-law bytes in a WAV container."""
    return g711_wav_bytes(mulaw, "mulaw", sample_rate)


def write_phone_wav(
    path: str | Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE, encoding: str = "mulaw"
) -> Path:
    """Write `samples` as a telephone-band 8 kHz mono G.711 WAV file (mu-law or A-law)."""
    narrow = to_phone_band(samples, sample_rate)
    encoded = alaw_encode(narrow) if encoding == "alaw" else mulaw_encode(narrow)
    path = Path(path)
    path.write_bytes(g711_wav_bytes(encoded, encoding))
    return path
