"""The streaming policy in simulated time, with the real VAD and a typed stand-in decoder.

The decoder fake implements streaming.SpeechDecoder and reports what it was asked to decode,
so these tests check the policy (cuts, cadence, bounded work), not Whisper.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from speech.messages import SAMPLE_RATE, AudioChunk, SegmentKind
from speech.streaming import StreamingTranscriber
from speech.vad import SileroVad
from speech.whisper import DEFAULT_OPTIONS, DecodeOptions, SpeechDecode


@dataclass
class RecordingDecoder:
    """Returns a description of each window it is given; optionally nothing for finals."""

    vad: SileroVad
    options: DecodeOptions = DEFAULT_OPTIONS
    silent_finals: bool = False
    windows: list[tuple[float, float]] = field(default_factory=list)

    def decode_speech(self, audio, start=0.0, options=None) -> SpeechDecode:
        seconds = len(audio) / SAMPLE_RATE
        self.windows.append((start, seconds))
        if self.silent_finals and options is self.options:
            return SpeechDecode("")
        return SpeechDecode(f"lời nói {seconds:.1f} giây")


class SimulatedCall:
    """Feeds audio in 20 ms chunks and steps every 0.5 s of audio, as CallPipeline does."""

    def __init__(self, recognizer: StreamingTranscriber, clock_box: list[float]) -> None:
        self.recognizer = recognizer
        self.clock_box = clock_box
        self.segments = []
        self.max_buffered = 0.0

    def play(self, audio: np.ndarray, start: float = 0.0, step_seconds: float = 0.5):
        chunk = int(0.02 * SAMPLE_RATE)
        per_step = int(step_seconds / 0.02)
        for index, first in enumerate(range(0, len(audio), chunk)):
            piece = AudioChunk(audio[first : first + chunk], start + first / SAMPLE_RATE)
            self.recognizer.insert_audio(piece)
            if index % per_step == per_step - 1:
                self.clock_box[0] = piece.end
                self.segments += self.recognizer.process()
                self.max_buffered = max(self.max_buffered, self.recognizer.buffered_seconds)
        self.clock_box[0] = start + len(audio) / SAMPLE_RATE
        return self

    def finish(self):
        self.segments += self.recognizer.finish()
        return self

    def finals(self):
        return [s for s in self.segments if s.kind is SegmentKind.FINAL]

    def partials(self):
        return [s for s in self.segments if s.kind is SegmentKind.PARTIAL]


@pytest.fixture
def make_call(vad):
    def make(**options):
        decoder = RecordingDecoder(vad, silent_finals=options.pop("silent_finals", False))
        clock_box = [0.0]
        recognizer = StreamingTranscriber(decoder, lambda: clock_box[0], **options)
        return SimulatedCall(recognizer, clock_box), decoder

    return make


def test_utterances_become_finals_at_pauses_with_partials_before(make_call, two_utterance_call):
    call, _ = make_call()
    call.play(two_utterance_call).finish()
    finals = call.finals()
    assert len(finals) == 2
    assert [f.utterance_id for f in finals] == [1, 2]
    # The first final is emitted during the call, about min_silence after the speech ended.
    assert finals[0].emitted_at - finals[0].end < 1.1
    assert finals[0].end < finals[1].start
    partials = call.partials()
    assert partials, "an open utterance of several seconds gets partials"
    for partial in partials:
        final = next(f for f in finals if f.utterance_id == partial.utterance_id)
        assert partial.emitted_at <= final.emitted_at and partial.start == final.start
    # Partials of one utterance come at a steady audio-time cadence (1 s, stepped every 0.5 s).
    first_ids = [p.end for p in partials if p.utterance_id == 1]
    assert all(0.9 <= b - a <= 1.6 for a, b in zip(first_ids, first_ids[1:], strict=False))


def test_work_and_memory_stay_bounded_on_a_long_call(make_call, two_utterance_call):
    call, decoder = make_call()
    repeats = 15  # about three minutes of talk
    call.play(np.tile(two_utterance_call, repeats)).finish()
    audio_seconds = repeats * len(two_utterance_call) / SAMPLE_RATE
    stats = call.recognizer.stats
    assert stats.final_decodes == 2 * repeats
    # Each window is one utterance (plus padding), never the call so far.
    assert max(seconds for _, seconds in decoder.windows) < 12.0 + 0.5
    assert call.max_buffered < 12.0 + 1.0
    # Partials at most one per second of audio; decoded audio per audio second stays flat.
    assert stats.partial_decodes <= audio_seconds
    assert stats.decoded_seconds / audio_seconds < 4.0
    first_third = sum(s for t, s in decoder.windows if t < audio_seconds / 3)
    last_third = sum(s for t, s in decoder.windows if t >= 2 * audio_seconds / 3)
    assert last_third < 1.3 * first_third


def test_silence_and_noise_never_reach_the_decoder(make_call, quiet_clips):
    for quiet in quiet_clips.values():
        call, decoder = make_call()
        call.play(np.tile(quiet, 3)).finish()
        assert call.segments == [] and decoder.windows == []
        assert call.max_buffered < 0.5


def test_long_speech_is_cut_before_max_utterance(make_call, caller_voice):
    # One long breathless run of speech (espeak pauses only briefly at commas).
    text = " ".join(["có cháy lớn ở chợ Bến Thành khói bốc lên rất cao"] * 5)
    call, decoder = make_call(max_utterance_seconds=6.0)
    call.play(caller_voice.synthesize(text)).finish()
    finals = call.finals()
    assert len(finals) >= 3
    assert all(f.end - f.start <= 6.0 + 0.05 for f in finals)
    # Consecutive pieces of one run meet: nothing lost, nothing decoded twice.
    for before, after in zip(finals, finals[1:], strict=False):
        assert after.start >= before.end - 0.01


def test_a_late_call_drops_partials_never_finals(make_call, two_utterance_call):
    call, _ = make_call()
    # Everything arrives at once (the call fell far behind): one step takes it all.
    call.play(two_utterance_call, step_seconds=len(two_utterance_call) / SAMPLE_RATE)
    call.finish()
    assert call.partials() == []
    assert len(call.finals()) == 2


def test_a_partial_that_comes_to_nothing_is_cleared_by_an_empty_final(make_call, clean_clip):
    call, _ = make_call(silent_finals=True, partial_options=DecodeOptions(beam_size=1))
    call.play(clean_clip).finish()
    partials, finals = call.partials(), call.finals()
    assert partials
    assert {f.utterance_id for f in finals} == {p.utterance_id for p in partials}
    assert all(f.text == "" for f in finals)


def test_call_time_follows_chunk_starts_across_a_gap(make_call, clean_clip):
    call, _ = make_call()
    call.play(clean_clip, start=100.0)
    # 30 s of nothing arrives (a dropped stream), then the caller speaks again.
    call.play(clean_clip, start=100.0 + len(clean_clip) / SAMPLE_RATE + 30.0).finish()
    first, second = call.finals()
    assert 100.0 < first.start < 101.0
    assert first.emitted_at >= first.end  # the injected clock, not wall time
    assert second.start - first.start == pytest.approx(
        len(clean_clip) / SAMPLE_RATE + 30.0, abs=0.1
    )
