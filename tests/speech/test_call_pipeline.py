"""StreamingTranscriber inside triage's CallPipeline with the real model and classifier."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from speech.messages import SAMPLE_RATE, AudioChunk, TranscriptSegment
from speech.streaming import StreamingTranscriber
from triage.pipeline import CallPipeline, TriageUpdate

pytestmark = pytest.mark.slow


async def test_finals_reach_the_classifier_through_the_pipeline(
    transcriber, classifier, two_utterance_call, phone
) -> None:
    clock_box = [0.0]
    audio = phone(two_utterance_call)
    with ThreadPoolExecutor(max_workers=2) as executor:
        pipeline = CallPipeline(
            "call-1",
            StreamingTranscriber(transcriber, lambda: clock_box[0]),
            classifier,
            executor,
            lambda: clock_box[0],
        )
        events = []
        chunk = int(0.02 * SAMPLE_RATE)
        for first in range(0, len(audio), chunk):
            piece = AudioChunk(audio[first : first + chunk], first / SAMPLE_RATE)
            clock_box[0] = piece.end
            events += await pipeline.push(piece)
        events += await pipeline.finish()
    finals = [e for e in events if isinstance(e, TranscriptSegment) and e.is_final and e.text]
    updates = [e for e in events if isinstance(e, TriageUpdate)]
    assert len(finals) == 2
    assert len(updates) == 2  # re-classified after each final
    assert pipeline.transcript == " ".join(f.text for f in finals)
    assert updates[-1].call_time == finals[-1].end
