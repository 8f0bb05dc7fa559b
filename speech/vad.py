"""Voice activity: faster-whisper's bundled Silero VAD run incrementally, and the cut policy on top.

Decides where speech is and where it pauses; it never runs Whisper and never holds call audio.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from speech.messages import SAMPLE_RATE

WINDOW = 512  # samples per Silero decision (32 ms at 16 kHz)
_CONTEXT = 64  # samples of the previous window Silero v6 looks at
WINDOW_SECONDS = WINDOW / SAMPLE_RATE


class SileroVad:
    """The Silero VAD ONNX model carried by faster-whisper; one instance serves every call.

    onnxruntime sessions are safe to run from several threads; per-call state lives in VadStream.
    """

    def __init__(self, model_path: str | None = None) -> None:
        from faster_whisper.utils import get_assets_path
        from faster_whisper.vad import SileroVADModel

        path = model_path or os.path.join(get_assets_path(), "silero_vad_v6.onnx")
        self._session = SileroVADModel(path).session

    def stream(self) -> VadStream:
        return VadStream(self)

    def probabilities(self, windows: np.ndarray, state: _RecurrentState) -> np.ndarray:
        """Speech probability per 512-sample window; `state` carries the LSTM across calls."""
        with_context = np.concatenate(
            [np.concatenate([state.context[None, :], windows[:-1, -_CONTEXT:]]), windows], axis=1
        )
        output, state.h, state.c = self._session.run(
            None, {"input": with_context.astype(np.float32), "h": state.h, "c": state.c}
        )
        state.context = windows[-1, -_CONTEXT:].copy()
        return np.asarray(output, dtype=np.float32).reshape(-1)


@dataclass
class _RecurrentState:
    h: np.ndarray = field(default_factory=lambda: np.zeros((1, 1, 128), dtype=np.float32))
    c: np.ndarray = field(default_factory=lambda: np.zeros((1, 1, 128), dtype=np.float32))
    context: np.ndarray = field(default_factory=lambda: np.zeros(_CONTEXT, dtype=np.float32))


class VadStream:
    """One call's incremental VAD: audio in any chunk sizes, one probability per full window."""

    def __init__(self, vad: SileroVad) -> None:
        self._vad = vad
        self._state = _RecurrentState()
        self._leftover = np.zeros(0, dtype=np.float32)

    def push(self, samples: np.ndarray) -> np.ndarray:
        pending = np.concatenate([self._leftover, np.asarray(samples, dtype=np.float32)])
        whole = len(pending) // WINDOW * WINDOW
        self._leftover = pending[whole:]
        if whole == 0:
            return np.zeros(0, dtype=np.float32)
        return self._vad.probabilities(pending[:whole].reshape(-1, WINDOW), self._state)


@dataclass(frozen=True, slots=True)
class SpeechRegion:
    """A closed stretch of speech, in samples from the start of the call."""

    start: int
    end: int
    forced: bool = False  # cut because it grew too long, not at a pause


class SpeechSegmenter:
    """Turns per-window speech probabilities into utterances, cut at pauses or when too long.

    Hysteresis like Silero's own get_speech_timestamps: speech starts above `threshold`, a pause
    is below `threshold - 0.15` for `min_silence_seconds`. Bursts shorter than
    `min_speech_seconds` (clicks, a cough) are dropped. An utterance longer than
    `max_utterance_seconds` is cut at its latest short pause, or hard at the limit.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        min_silence_seconds: float = 0.5,
        min_speech_seconds: float = 0.25,
        max_utterance_seconds: float = 12.0,
        short_pause_seconds: float = 0.1,
    ) -> None:
        self.threshold = threshold
        self.neg_threshold = max(threshold - 0.15, 0.01)
        self._min_silence = max(1, round(min_silence_seconds / WINDOW_SECONDS))
        self._min_speech = max(1, round(min_speech_seconds / WINDOW_SECONDS))
        self._max_utterance = max(2, round(max_utterance_seconds / WINDOW_SECONDS))
        self._short_pause = max(1, round(short_pause_seconds / WINDOW_SECONDS))
        self._window = 0  # index of the next window
        self._open_start: int | None = None  # window index where the open utterance began
        self._silence_start: int | None = None
        self._last_pause: int | None = None  # middle of the latest short pause in the open one

    @property
    def open_start(self) -> int | None:
        """Sample index where the open utterance began, None while nobody is speaking."""
        return None if self._open_start is None else self._open_start * WINDOW

    @property
    def position(self) -> int:
        """Samples judged so far."""
        return self._window * WINDOW

    def push(self, probabilities: np.ndarray) -> list[SpeechRegion]:
        closed: list[SpeechRegion] = []
        for probability in probabilities:
            region = self._step(float(probability))
            if region is not None:
                closed.append(region)
        return closed

    def close(self) -> list[SpeechRegion]:
        """End of audio: the open utterance (if long enough) ends where speech last was."""
        if self._open_start is None:
            return []
        end = self._silence_start if self._silence_start is not None else self._window
        start, self._open_start, self._silence_start = self._open_start, None, None
        if end - start < self._min_speech:
            return []
        return [SpeechRegion(start * WINDOW, end * WINDOW)]

    def _step(self, probability: float) -> SpeechRegion | None:
        index = self._window
        self._window += 1
        if self._open_start is None:
            if probability >= self.threshold:
                self._open_start, self._silence_start, self._last_pause = index, None, None
            return None
        if probability >= self.threshold:
            if self._silence_start is not None and index - self._silence_start >= self._short_pause:
                self._last_pause = (self._silence_start + index) // 2
            self._silence_start = None
        elif probability < self.neg_threshold and self._silence_start is None:
            self._silence_start = index
        if self._silence_start is not None and index + 1 - self._silence_start >= self._min_silence:
            start, end = self._open_start, self._silence_start
            self._open_start, self._silence_start = None, None
            if end - start < self._min_speech:
                return None
            return SpeechRegion(start * WINDOW, end * WINDOW)
        if index + 1 - self._open_start >= self._max_utterance:
            return self._force_cut(index + 1)
        return None

    def _force_cut(self, now: int) -> SpeechRegion:
        start = self._open_start
        assert start is not None
        half = start + self._max_utterance // 2
        cut = self._last_pause if self._last_pause is not None and self._last_pause >= half else now
        # Speech goes on: the next utterance starts at the cut, still open.
        self._open_start, self._last_pause = cut, None
        if self._silence_start is not None and self._silence_start < cut:
            self._silence_start = cut
        return SpeechRegion(start * WINDOW, cut * WINDOW, forced=True)


def speech_regions(
    vad: SileroVad, audio: np.ndarray, segmenter: SpeechSegmenter | None = None
) -> list[SpeechRegion]:
    """All utterances of a whole clip (same policy as streaming), in samples."""
    segmenter = segmenter or SpeechSegmenter()
    stream = vad.stream()
    padded = np.pad(audio, (0, (-len(audio)) % WINDOW))
    regions = segmenter.push(stream.push(padded))
    return regions + segmenter.close()
