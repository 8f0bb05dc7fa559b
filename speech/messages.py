"""Typed messages that flow out of the speech layer: audio chunks and transcript segments.

Plain frozen dataclasses only; no model, no I/O, no framework imports here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

SAMPLE_RATE = 16_000
"""Every stage after the audio front end works on 16 kHz mono float32 in [-1, 1]."""

Clock = Callable[[], float]
"""Wall-clock source in seconds, injected so tests can replay calls in simulated time."""


@dataclass(frozen=True, slots=True, eq=False)
class AudioChunk:
    """A slice of one call's audio, already decoded to 16 kHz mono float32.

    `start` is call time in seconds: where the first sample sits from the start of the call.
    """

    samples: np.ndarray
    start: float

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def end(self) -> float:
        return self.start + self.duration


class SegmentKind(StrEnum):
    PARTIAL = "partial"  # may still change; a later partial or final with the same id replaces it
    FINAL = "final"  # committed: never changes


@dataclass(frozen=True, slots=True)
class TranscriptSegment:
    """Recognised text of one utterance (or its open part so far).

    `start`/`end` are call time in seconds; `emitted_at` is the injected wall clock when the
    segment left the recogniser. Partials of one utterance share `utterance_id` with its final.
    """

    kind: SegmentKind
    text: str
    start: float
    end: float
    emitted_at: float
    utterance_id: int
    speaker: str = "caller"  # "caller" or "bot" (the callbot's own speech)

    @property
    def is_final(self) -> bool:
        return self.kind is SegmentKind.FINAL


@dataclass(frozen=True, slots=True)
class SuppressedText:
    """Text the recogniser produced but the hallucination guard refused to show, with why."""

    text: str
    reason: str
    start: float
    end: float
    details: dict[str, float] = field(default_factory=dict)
