"""The two speech interfaces the rest of the system codes against.

Implementations (faster-whisper by default) are built by the process owner and passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from speech.messages import AudioChunk, SuppressedText, TranscriptSegment


@dataclass(frozen=True, slots=True)
class RecognizedText:
    """One segment of an offline decode, times relative to the start of the audio given."""

    text: str
    start: float
    end: float
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0
    compression_ratio: float = 0.0


class Transcriber(Protocol):
    """Offline recogniser: a whole clip in, Vietnamese text segments out.

    Blocking CPU work; safe to call from several worker threads at once.
    """

    @property
    def model_name(self) -> str: ...

    def transcribe(self, audio: np.ndarray) -> list[RecognizedText]:
        """`audio` is 16 kHz mono float32. Returns only text the hallucination guard accepts."""
        ...


class StreamingRecognizer(Protocol):
    """One call's streaming policy: a plain synchronous object driven by an async layer.

    Knows nothing of sockets or wall time except through the injected clock.
    """

    def insert_audio(self, chunk: AudioChunk) -> None:
        """Append audio (cheap; never runs a model)."""
        ...

    def process(self) -> list[TranscriptSegment]:
        """Run the model on what is pending; returns new partial/final segments. Blocking."""
        ...

    def finish(self) -> list[TranscriptSegment]:
        """End of call: commit whatever is open as final segments. Blocking."""
        ...

    @property
    def suppressed(self) -> list[SuppressedText]:
        """Everything the hallucination guard refused so far, with the reason."""
        ...
