"""Writes one call's audio to a WAV file as it arrives (16 kHz mono PCM16, what the models heard).

Never buffers the whole call in memory; the header is rewritten per write, so a crash keeps audio.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from speech.messages import SAMPLE_RATE


class CallRecorder:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._wav: wave.Wave_write | None = wave.open(str(path), "wb")
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(SAMPLE_RATE)
        self.seconds = 0.0

    def write(self, samples: np.ndarray) -> None:
        if self._wav is None or len(samples) == 0:
            return
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
        # writeframes updates the header each time, so the file is valid even mid-call.
        self._wav.writeframes(pcm.tobytes())
        self.seconds += len(samples) / SAMPLE_RATE

    def close(self) -> None:
        if self._wav is not None:
            self._wav.close()
            self._wav = None
