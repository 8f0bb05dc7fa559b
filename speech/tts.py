"""Text-to-speech: Vietnamese text -> 16 kHz mono float32 audio, behind one small Protocol.

The default engine shells out to Debian's espeak-ng; it never plays audio, never touches the
network and holds no shared mutable state, so one instance is safe to use from many threads.
"""

from __future__ import annotations

import functools
import shutil
import struct
import subprocess
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from scipy.signal import resample_poly

from speech.messages import SAMPLE_RATE

VIETNAMESE_VOICES: tuple[str, ...] = ("vi", "vi-vn-x-central", "vi-vn-x-south")
"""espeak-ng's Vietnamese voices: Northern (default), Central and Southern."""


class TextToSpeechError(RuntimeError):
    """The speech engine is missing or refused the request; the message says what to do."""


@runtime_checkable
class TextToSpeech(Protocol):
    """Anything that can say Vietnamese text (espeak-ng now, a neural voice later)."""

    @property
    def sample_rate(self) -> int: ...

    def synthesize(self, text: str) -> np.ndarray:
        """Speak `text`; returns mono float32 in [-1, 1] at `sample_rate` (16 kHz)."""
        ...


@dataclass(frozen=True, slots=True)
class EspeakTTS:
    """espeak-ng through a subprocess per request (about 10-50 ms for a sentence).

    `speed` is words per minute (espeak's -s; a Vietnamese word is one syllable), `pitch`
    0-99 (-p), `amplitude` 0-200 (-a), `word_gap` extra pause between words in 10 ms units (-g).
    """

    voice: str = "vi"
    speed: int = 160
    pitch: int = 50
    amplitude: int = 100
    word_gap: int = 0
    executable: str = "espeak-ng"
    timeout_s: float = 30.0

    def __post_init__(self) -> None:
        if not 80 <= self.speed <= 450:
            raise ValueError(f"speed must be 80-450 words per minute, got {self.speed}")
        if not 0 <= self.pitch <= 99:
            raise ValueError(f"pitch must be 0-99, got {self.pitch}")
        # espeak-ng silently falls back to a prefix language ("no-such" speaks Norwegian), so a
        # wrong voice must be caught here rather than discovered by a listener.
        base_voice = self.voice.split("+", 1)[0].lower()
        if base_voice not in _installed_voices(self._resolve_executable()):
            raise TextToSpeechError(
                f"espeak-ng has no voice {self.voice!r}; use one of {', '.join(VIETNAMESE_VOICES)} "
                "(list them with `espeak-ng --voices=vi`; a variant may follow '+', e.g. 'vi+f3')"
            )

    @property
    def sample_rate(self) -> int:
        return SAMPLE_RATE

    def synthesize(self, text: str) -> np.ndarray:
        if not text.strip():
            return np.zeros(0, dtype=np.float32)
        command = [
            self._resolve_executable(),
            "-v", self.voice,
            "-s", str(self.speed),
            "-p", str(self.pitch),
            "-a", str(self.amplitude),
            "-g", str(self.word_gap),
            "-b", "1",  # input is UTF-8
            "--stdout",
        ]  # fmt: skip
        # Text goes through stdin, not argv, so a line starting with "-" is never read as an option.
        completed = subprocess.run(
            command,
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=self.timeout_s,
            check=False,
        )
        stderr = completed.stderr.decode("utf-8", "replace").strip()
        # espeak-ng exits 0 even for an unknown voice; it says so on stderr and writes no audio.
        if completed.returncode != 0 or "voice" in stderr.lower() or len(completed.stdout) <= 44:
            raise TextToSpeechError(
                f"espeak-ng could not speak with voice {self.voice!r}: {stderr or 'no audio'}; "
                f"use one of {', '.join(VIETNAMESE_VOICES)} "
                "(list them with `espeak-ng --voices=vi`)"
            )
        samples, rate = _decode_espeak_wav(completed.stdout)
        return _to_model_rate(samples, rate)

    def _resolve_executable(self) -> str:
        executable = shutil.which(self.executable)
        if executable is None:
            raise TextToSpeechError(
                f"{self.executable} is not installed; run `bash scripts/setup.sh` "
                "(it installs the Debian packages espeak-ng and sox)"
            )
        return executable


@functools.cache
def _installed_voices(executable: str) -> frozenset[str]:
    """Voice names and files espeak-ng lists (`vi`, `vi-vn-x-south`, `aav/vi`, ...), lower-cased."""
    listing = subprocess.run(
        [executable, "--voices"], capture_output=True, timeout=30, check=False
    ).stdout.decode("utf-8", "replace")
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 5:
            language, file = columns[1].lower(), columns[4].lower()
            names.update({language, file, file.rsplit("/", 1)[-1]})
    return frozenset(names)


def _decode_espeak_wav(wav_bytes: bytes) -> tuple[np.ndarray, int]:
    """Parse espeak-ng's 16-bit PCM WAV; its streamed header carries 0x7fffffff sizes, so the
    data chunk is taken to run to the end of the bytes rather than trusting its length."""
    if wav_bytes[:4] != b"RIFF" or wav_bytes[8:12] != b"WAVE":
        raise TextToSpeechError("espeak-ng did not return a WAV stream; reinstall it with setup.sh")
    position = 12
    rate = 0
    while position + 8 <= len(wav_bytes):
        chunk_id = wav_bytes[position : position + 4]
        (chunk_size,) = struct.unpack("<I", wav_bytes[position + 4 : position + 8])
        body = position + 8
        if chunk_id == b"fmt ":
            audio_format, channels, rate, _, _, bits = struct.unpack(
                "<HHIIHH", wav_bytes[body : body + 16]
            )
            if audio_format != 1 or channels != 1 or bits != 16:
                raise TextToSpeechError(
                    "espeak-ng returned an unexpected WAV format (want PCM16 mono)"
                )
        elif chunk_id == b"data":
            end = min(len(wav_bytes), body + chunk_size)
            end -= (end - body) % 2
            pcm = np.frombuffer(wav_bytes[body:end], dtype="<i2")
            if rate == 0:
                raise TextToSpeechError("espeak-ng WAV has no format chunk")
            return pcm.astype(np.float32) / 32768.0, rate
        position = body + chunk_size + (chunk_size % 2)
    raise TextToSpeechError("espeak-ng WAV has no audio data")


def _to_model_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return samples.astype(np.float32, copy=False)
    divisor = np.gcd(rate, SAMPLE_RATE)
    resampled = resample_poly(samples, SAMPLE_RATE // divisor, rate // divisor)
    return np.clip(resampled, -1.0, 1.0).astype(np.float32)
