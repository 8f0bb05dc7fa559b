"""The one audio front end: PCM16, G.711 mu-law/A-law and audio files become 16 kHz mono float32.

Never guesses at bad input: odd byte counts, unsupported rates, empty or broken files raise
AudioDecodeError with a message that says what was wrong.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import numpy as np
from scipy.signal import firwin, resample_poly

from speech.messages import SAMPLE_RATE

Codec = Literal["pcm16", "mulaw", "alaw"]
CODECS: tuple[str, ...] = ("pcm16", "mulaw", "alaw")
G711_RATE = 8000
MIN_RATE = 8000
MAX_RATE = 192_000


class AudioDecodeError(ValueError):
    """Audio bytes or a file could not be decoded; the message says why."""


def _mulaw_table() -> np.ndarray:
    codes = ~np.arange(256, dtype=np.int32) & 0xFF
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return (np.where(sign != 0, -magnitude, magnitude) / 32768.0).astype(np.float32)


def _alaw_table() -> np.ndarray:
    codes = np.arange(256, dtype=np.int32) ^ 0x55
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = np.where(
        exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0)
    )
    # In A-law a set sign bit means a positive sample (the opposite of mu-law).
    return (np.where(sign != 0, magnitude, -magnitude) / 32768.0).astype(np.float32)


MULAW_TABLE = _mulaw_table()
ALAW_TABLE = _alaw_table()


def _check_rate(sample_rate: int) -> None:
    if not isinstance(sample_rate, int) or not MIN_RATE <= sample_rate <= MAX_RATE:
        raise AudioDecodeError(
            f"unsupported sample rate {sample_rate!r}: send mono audio at {MIN_RATE}-{MAX_RATE} Hz"
        )


def _pcm16_samples(data: bytes) -> np.ndarray:
    if len(data) == 0:
        raise AudioDecodeError("empty audio: no bytes to decode")
    if len(data) % 2:
        raise AudioDecodeError(
            f"PCM16 audio must have an even number of bytes (2 per sample), got {len(data)}"
        )
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0


def _g711_samples(data: bytes, table: np.ndarray) -> np.ndarray:
    if len(data) == 0:
        raise AudioDecodeError("empty audio: no bytes to decode")
    return table[np.frombuffer(data, dtype=np.uint8)]


def decode_pcm16(data: bytes, sample_rate: int) -> np.ndarray:
    """Headerless 16-bit little-endian mono PCM at `sample_rate` -> 16 kHz float32."""
    _check_rate(sample_rate)
    return resample_to_16k(_pcm16_samples(data), sample_rate)


def decode_mulaw(data: bytes) -> np.ndarray:
    """Headerless 8 kHz G.711 mu-law -> 16 kHz float32."""
    return resample_to_16k(_g711_samples(data, MULAW_TABLE), G711_RATE)


def decode_alaw(data: bytes) -> np.ndarray:
    """Headerless 8 kHz G.711 A-law (Vietnam's phone network) -> 16 kHz float32."""
    return resample_to_16k(_g711_samples(data, ALAW_TABLE), G711_RATE)


def _ratio(sample_rate: int) -> tuple[int, int]:
    common = math.gcd(SAMPLE_RATE, sample_rate)
    return SAMPLE_RATE // common, sample_rate // common


def _design_filter(up: int, down: int) -> np.ndarray:
    # Same low-pass scipy's resample_poly designs by default; built once per decoder.
    half_len = 10 * max(up, down)
    return firwin(2 * half_len + 1, 1.0 / max(up, down), window=("kaiser", 5.0))


def resample_to_16k(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Whole-signal polyphase resampling of mono float samples to 16 kHz float32."""
    _check_rate(sample_rate)
    samples = np.asarray(samples, dtype=np.float32)
    if sample_rate == SAMPLE_RATE:
        return samples.copy()
    up, down = _ratio(sample_rate)
    resampled = resample_poly(samples, up, down, window=_design_filter(up, down))
    return resampled.astype(np.float32)


class _StreamResampler:
    """Frame-by-frame resampling whose output equals resampling the whole signal at once.

    Keeps enough input history for the filter and holds back the last few output samples until
    their right-hand context has arrived, so frame boundaries never click (a few ms of delay).
    """

    def __init__(self, sample_rate: int) -> None:
        self._up, self._down = _ratio(sample_rate)
        self._filter = _design_filter(self._up, self._down)
        # Input samples either side an output sample needs (filter half-length, input domain).
        self._margin = math.ceil(10 * max(self._up, self._down) / self._up) + 1
        self._buffer = np.zeros(0, dtype=np.float32)
        self._buffer_start = 0  # global input index of _buffer[0]; always a multiple of down
        self._next_output = 0  # global index of the next output sample to emit

    def push(self, samples: np.ndarray) -> np.ndarray:
        self._buffer = np.concatenate([self._buffer, samples])
        total_in = self._buffer_start + len(self._buffer)
        # Output j sits at input position j*down/up; it is final once margin samples follow it.
        last_safe = ((total_in - self._margin) * self._up) // self._down
        return self._emit(last_safe)

    def flush(self) -> np.ndarray:
        total_in = self._buffer_start + len(self._buffer)
        return self._emit(-(-total_in * self._up // self._down) - 1)

    def _emit(self, last: int) -> np.ndarray:
        if last < self._next_output or len(self._buffer) == 0:
            return np.zeros(0, dtype=np.float32)
        resampled = resample_poly(self._buffer, self._up, self._down, window=self._filter)
        first_in_buffer = self._buffer_start * self._up // self._down
        out = resampled[self._next_output - first_in_buffer : last + 1 - first_in_buffer]
        self._next_output = last + 1
        # Drop input no future output needs, keeping the start aligned to a multiple of down.
        keep_from = (self._next_output * self._down) // self._up - self._margin
        keep_from = max(self._buffer_start, (keep_from // self._down) * self._down)
        self._buffer = self._buffer[keep_from - self._buffer_start :]
        self._buffer_start = keep_from
        return out.astype(np.float32)


class StreamDecoder:
    """One call's decoder for raw frames from a gateway: bytes in, 16 kHz float32 out.

    Each frame must be whole samples (an odd PCM16 frame is an error, not carried over). An
    empty frame decodes to nothing. Call flush() at the end of the call for the last few samples.
    """

    def __init__(self, codec: Codec, sample_rate: int) -> None:
        if codec not in CODECS:
            raise AudioDecodeError(f"unsupported codec {codec!r}: use one of {', '.join(CODECS)}")
        _check_rate(sample_rate)
        if codec != "pcm16" and sample_rate != G711_RATE:
            raise AudioDecodeError(f"G.711 {codec} is 8000 Hz audio, got sample rate {sample_rate}")
        self.codec = codec
        self.sample_rate = sample_rate
        self._resampler = None if sample_rate == SAMPLE_RATE else _StreamResampler(sample_rate)

    def decode(self, frame: bytes) -> np.ndarray:
        if len(frame) == 0:
            return np.zeros(0, dtype=np.float32)
        if self.codec == "pcm16":
            samples = _pcm16_samples(frame)
        else:
            samples = _g711_samples(frame, MULAW_TABLE if self.codec == "mulaw" else ALAW_TABLE)
        if self._resampler is None:
            return samples
        return self._resampler.push(samples)

    def flush(self) -> np.ndarray:
        if self._resampler is None:
            return np.zeros(0, dtype=np.float32)
        return self._resampler.flush()


# A file whose decoded audio is this much shorter than its header promises is truncated.
_TRUNCATION_TOLERANCE_S = 0.25


def load_audio_file(path: str | Path) -> np.ndarray:
    """Decode WAV/MP3/OGG/Opus/M4A (anything FFmpeg reads) to 16 kHz mono float32."""
    import av  # imported here: PyAV is heavy and only file input needs it

    path = Path(path)
    if not path.is_file():
        raise AudioDecodeError(f"no such audio file: {path}")
    _check_wav_complete(path)
    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioDecodeError(f"{path} has no audio stream")
            stream = container.streams.audio[0]
            declared = _declared_seconds(container, stream)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioDecodeError:
        raise
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as error:
        raise AudioDecodeError(f"{path} is not a readable audio file ({error})") from None
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    if len(samples) == 0:
        raise AudioDecodeError(f"{path} contains no audio samples (empty or truncated)")
    decoded = len(samples) / SAMPLE_RATE
    if declared is not None and declared - decoded > max(_TRUNCATION_TOLERANCE_S, 0.02 * declared):
        raise AudioDecodeError(
            f"{path} is truncated: its header promises {declared:.2f} s, "
            f"only {decoded:.2f} s decode"
        )
    return samples


def _declared_seconds(container, stream) -> float | None:  # type: ignore[no-untyped-def]
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def _check_wav_complete(path: Path) -> None:
    """FFmpeg quietly decodes a cut-off WAV; its RIFF header says how many bytes should follow."""
    with open(path, "rb") as file:
        header = file.read(12)
        if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            return
        while chunk := file.read(8):
            if len(chunk) < 8:
                raise AudioDecodeError(f"{path} is truncated: its WAV header is cut off")
            size = int.from_bytes(chunk[4:], "little")
            if chunk[:4] == b"data":
                # 0 and 0xFFFFFFFF are what streaming writers put when the length was unknown.
                remaining = path.stat().st_size - file.tell()
                if size not in (0, 0xFFFFFFFF) and remaining < size:
                    raise AudioDecodeError(
                        f"{path} is truncated: its WAV header promises {size} bytes of audio, "
                        f"the file holds {remaining}"
                    )
                return
            file.seek(size + (size & 1), 1)
