"""One call's streaming recogniser: VAD cuts utterances at pauses, Whisper decodes each once.

A plain synchronous policy: no sockets, no threads, no wall time except the injected clock
(only for `emitted_at`). Work per audio second is bounded: it never re-decodes the whole call.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from speech.messages import (
    SAMPLE_RATE,
    AudioChunk,
    Clock,
    SegmentKind,
    SuppressedText,
    TranscriptSegment,
)
from speech.vad import SileroVad, SpeechRegion, SpeechSegmenter
from speech.whisper import SPEECH_PAD_SECONDS, DecodeOptions, SpeechDecode

log = logging.getLogger(__name__)

_PAD = int(SPEECH_PAD_SECONDS * SAMPLE_RATE)


class SpeechDecoder(Protocol):
    """What the policy needs from a recogniser (speech.whisper.WhisperTranscriber is the one)."""

    @property
    def vad(self) -> SileroVad: ...

    @property
    def options(self) -> DecodeOptions: ...

    def decode_speech(
        self, audio: np.ndarray, start: float = 0.0, options: DecodeOptions | None = None
    ) -> SpeechDecode: ...


@dataclass
class DecodeStats:
    """What the model was asked to do, for the bounded-work tests and the benchmark."""

    final_decodes: int = 0
    partial_decodes: int = 0
    decoded_seconds: float = 0.0
    retries: int = 0
    skipped_partials: int = 0


class StreamingTranscriber:
    """Implements speech.protocols.StreamingRecognizer on a shared recogniser.

    - An utterance closes at a VAD pause of `min_silence_for_cut` seconds and is decoded once:
      a FINAL segment (call-time start/end of the speech, not of the padding).
    - While an utterance is open, a PARTIAL of it is decoded every `partial_interval` seconds
      of audio (at most one per process() call, none when the call is more than
      `max_backlog_seconds` behind: a late call drops partials, never finals).
    - An utterance longer than `max_utterance_seconds` is cut at its latest short pause.
    """

    def __init__(
        self,
        transcriber: SpeechDecoder,
        clock: Clock,
        *,
        speaker: str = "caller",
        partial_interval: float = 1.0,
        max_utterance_seconds: float = 12.0,
        min_silence_for_cut: float = 0.5,
        vad_threshold: float = 0.5,
        min_partial_seconds: float = 1.0,
        max_backlog_seconds: float = 2.0,
        partial_options: DecodeOptions | None = None,
    ) -> None:
        self._transcriber = transcriber
        self._clock = clock
        self.speaker = speaker
        self._partial_interval = int(partial_interval * SAMPLE_RATE)
        self._min_partial = int(min_partial_seconds * SAMPLE_RATE)
        self._max_backlog = int(max_backlog_seconds * SAMPLE_RATE)
        # Partials are replaced by the final within seconds: greedy decoding is good enough
        # for them and costs about half of beam search.
        self._partial_options = partial_options or replace(transcriber.options, beam_size=1)
        self._segmenter = SpeechSegmenter(
            threshold=vad_threshold,
            min_silence_seconds=min_silence_for_cut,
            max_utterance_seconds=max_utterance_seconds,
        )
        self._vad = transcriber.vad.stream()
        # insert_audio may run on the event loop while process() runs in a worker thread:
        # deque append/popleft are atomic, so no chunk is lost between the two.
        self._pending: deque[np.ndarray] = deque()
        self._received = 0  # samples inserted so far
        self._call_offset: float | None = None  # call time of sample 0
        self._buffer = np.zeros(0, dtype=np.float32)
        self._buffer_start = 0  # sample index of _buffer[0]
        self._open_id: int | None = None
        self._open_has_partial = False
        self._open_left_pad = True  # False right after a forced cut: no overlap with the last one
        self._last_partial_at = 0  # sample position of the latest partial decode
        self._partial_start = 0  # where the open utterance's partials begin
        self._next_id = 0
        self._suppressed: list[SuppressedText] = []
        self.stats = DecodeStats()

    @property
    def suppressed(self) -> list[SuppressedText]:
        return list(self._suppressed)

    @property
    def buffered_seconds(self) -> float:
        """Call audio held in memory: the open utterance at most, never the whole call."""
        return len(self._buffer) / SAMPLE_RATE

    def insert_audio(self, chunk: AudioChunk) -> None:
        """Queue audio; never runs a model. A hole in call time is filled with silence."""
        if self._call_offset is None:
            self._call_offset = chunk.start
        expected = self._call_offset + self._received / SAMPLE_RATE
        gap = chunk.start - expected
        # Filled with silence so call times stay right; the VAD skips it for almost nothing.
        if gap > 1 / SAMPLE_RATE:
            filler = np.zeros(int(round(gap * SAMPLE_RATE)), dtype=np.float32)
            self._pending.append(filler)
            self._received += len(filler)
        samples = np.asarray(chunk.samples, dtype=np.float32)
        self._pending.append(samples)
        self._received += len(samples)

    def process(self) -> list[TranscriptSegment]:
        """Run the VAD on the new audio, decode closed utterances, maybe one partial. Blocking."""
        new_samples = self._take_pending()
        closed = self._segmenter.push(self._vad.push(new_samples))
        segments = [s for region in closed if (s := self._final(region)) is not None]
        if len(new_samples) > self._max_backlog:
            if self._segmenter.open_start is not None:
                self.stats.skipped_partials += 1
        else:
            partial = self._maybe_partial()
            if partial is not None:
                segments.append(partial)
        self._trim()
        return segments

    def finish(self) -> list[TranscriptSegment]:
        """End of the call: everything still open becomes final. Blocking."""
        new_samples = self._take_pending()
        closed = self._segmenter.push(self._vad.push(new_samples))
        closed += self._segmenter.close()
        segments = [s for region in closed if (s := self._final(region)) is not None]
        if self._open_id is not None and self._open_has_partial:
            # The last partial turned out to be nothing: replace it with an empty final.
            end = self._segmenter.position
            segments.append(self._segment(SegmentKind.FINAL, "", end, self._partial_start))
            self._open_id, self._open_has_partial = None, False
        self._trim()
        return segments

    def _take_pending(self) -> np.ndarray:
        taken = []
        while self._pending:
            taken.append(self._pending.popleft())
        if not taken:
            return np.zeros(0, dtype=np.float32)
        new_samples = np.concatenate(taken)
        self._buffer = np.concatenate([self._buffer, new_samples])
        return new_samples

    def _final(self, region: SpeechRegion) -> TranscriptSegment | None:
        first = region.start - (_PAD if self._open_left_pad else 0)
        last = region.end if region.forced else region.end + _PAD
        self._open_left_pad = not region.forced
        utterance_id = self._open_id if self._open_id is not None else self._new_id()
        had_partial = self._open_has_partial and self._open_id is not None
        self._open_id, self._open_has_partial = None, False
        decoded = self._decode(first, last, self._transcriber.options)
        self.stats.final_decodes += 1
        if not decoded and not had_partial:
            return None
        segment = self._segment(SegmentKind.FINAL, decoded, region.end, region.start, utterance_id)
        return segment

    def _maybe_partial(self) -> TranscriptSegment | None:
        open_start = self._segmenter.open_start
        position = self._segmenter.position
        if open_start is None or position - open_start < self._min_partial:
            return None
        if position - max(self._last_partial_at, open_start) < self._partial_interval:
            return None
        self._last_partial_at = position
        first = open_start - (_PAD if self._open_left_pad else 0)
        text = self._decode(first, position, self._partial_options)
        self.stats.partial_decodes += 1
        if not text:
            return None
        if self._open_id is None:
            self._open_id = self._new_id()
        self._open_has_partial = True
        self._partial_start = open_start
        return self._segment(SegmentKind.PARTIAL, text, position, open_start, self._open_id)

    def _decode(self, first: int, last: int, options: DecodeOptions) -> str:
        first = max(first, self._buffer_start)
        last = min(last, self._buffer_start + len(self._buffer))
        audio = self._buffer[first - self._buffer_start : last - self._buffer_start]
        if len(audio) == 0:
            return ""
        self.stats.decoded_seconds += len(audio) / SAMPLE_RATE
        decoded = self._transcriber.decode_speech(audio, self._call_time(first), options)
        self.stats.retries += decoded.retried
        self._suppressed.extend(decoded.suppressed)
        return decoded.text

    def _segment(
        self,
        kind: SegmentKind,
        text: str,
        end: int,
        start: int,
        utterance_id: int | None = None,
    ) -> TranscriptSegment:
        return TranscriptSegment(
            kind=kind,
            text=text,
            start=self._call_time(start),
            end=self._call_time(end),
            emitted_at=self._clock(),
            utterance_id=self._open_id if utterance_id is None else utterance_id,
            speaker=self.speaker,
        )

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _call_time(self, sample: int) -> float:
        return (self._call_offset or 0.0) + sample / SAMPLE_RATE

    def _trim(self) -> None:
        """Keep only audio a future decode can need: the open utterance, or the last pad."""
        open_start = self._segmenter.open_start
        keep_from = (open_start if open_start is not None else self._segmenter.position) - _PAD
        keep_from = max(self._buffer_start, keep_from)
        self._buffer = self._buffer[keep_from - self._buffer_start :]
        self._buffer_start = keep_from
