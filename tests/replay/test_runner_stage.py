"""Stage tests of the replay runner with typed fakes of the recogniser, classifier and source:
call-time semantics, broken files, parallel calls. The real models run in test_replay_real.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from classifiers.labels import IncidentType, Urgency
from classifiers.messages import Classification, ExtractedFields
from speech.audio import AudioDecodeError
from speech.messages import (
    SAMPLE_RATE,
    AudioChunk,
    Clock,
    SegmentKind,
    SuppressedText,
    TranscriptSegment,
)
from triage.replay.recordings import Recording, Reference
from triage.replay.report import summarize
from triage.replay.runner import ReplayRunner

# What the fake caller says: (end of the words in call time, words).
SCRIPT = [(1.0, "alo tổng đài"), (3.0, "nhà tôi bị cháy"), (5.0, "có người mắc kẹt trên tầng hai")]


class ScriptedRecognizer:
    """Emits each scripted utterance as a final once its audio has arrived."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._audio_end = 0.0
        self._next = 0

    def insert_audio(self, chunk: AudioChunk) -> None:
        self._audio_end = chunk.end

    def process(self) -> list[TranscriptSegment]:
        return self._emit(self._audio_end)

    def finish(self) -> list[TranscriptSegment]:
        return self._emit(float("inf"))

    def _emit(self, until: float) -> list[TranscriptSegment]:
        out = []
        while self._next < len(SCRIPT) and SCRIPT[self._next][0] <= until:
            end, text = SCRIPT[self._next]
            out.append(
                TranscriptSegment(SegmentKind.FINAL, text, end - 1, end, self._clock(), self._next)
            )
            self._next += 1
        return out

    @property
    def suppressed(self) -> list[SuppressedText]:
        return []


class KeywordClassifier:
    version = "keyword-fake"

    def classify(self, text: str) -> Classification:
        incident = IncidentType.FIRE if "cháy" in text else IncidentType.NON_EMERGENCY
        urgency = Urgency.P1 if "mắc kẹt" in text else Urgency.P2 if "cháy" in text else Urgency.P4
        return Classification(incident, urgency, 0.9, 0.9, (), ExtractedFields(), self.version)

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        return [self.classify(t) for t in texts]


async def silent_audio(path: Path, realtime: bool) -> AsyncIterator[AudioChunk]:
    if "broken" in path.name:
        raise AudioDecodeError(f"{path} is not a readable audio file (test)")
    step = int(0.02 * SAMPLE_RATE)
    for index in range(int(6.0 / 0.02)):
        yield AudioChunk(np.zeros(step, dtype=np.float32), index * 0.02)


def recording(name: str, labelled: bool = True) -> Recording:
    reference = Reference(
        transcript=" ".join(text for _, text in SCRIPT),
        incident_type=IncidentType.FIRE,
        urgency=Urgency.P1,
        decisive_time=5.0,
    )
    return Recording(name, Path(f"/calls/{name}.wav"), reference if labelled else None)


@pytest.fixture
def runner():
    with ThreadPoolExecutor(2) as pool:
        yield ReplayRunner(ScriptedRecognizer, KeywordClassifier(), pool, silent_audio, jobs=2)


async def test_label_becomes_right_when_the_decisive_words_arrive(runner: ReplayRunner) -> None:
    call = await runner.replay(recording("fire"))
    assert call.error is None
    assert [u.classification.urgency for u in call.updates] == ["P4", "P2", "P1"]
    # P1 arrives in the step after the 5.0 s audio: simulated time, never before the words.
    assert 5.0 <= call.time_to_correct("triage") <= 5.5
    assert call.time_to_correct("type") < call.time_to_correct("urgency")
    assert call.score().delay_after_decisive == pytest.approx(call.time_to_correct("triage") - 5.0)
    assert call.audio_seconds == pytest.approx(6.0)
    assert call.score().wer == 0.0


async def test_broken_file_is_reported_and_the_batch_continues(runner: ReplayRunner) -> None:
    batch = await runner.replay_all([recording("a"), recording("broken"), recording("c", False)])
    assert [c.error is None for c in batch.calls] == [True, False, True]
    assert "not a readable audio file" in (batch.calls[1].error or "")
    summary = summarize(batch)
    assert (summary.calls, summary.failed, summary.labelled) == (3, 1, 1)
    assert summary.audio_seconds == pytest.approx(12.0)
    # The unlabelled call still has its labels, just no accuracy.
    assert batch.calls[2].final is not None and batch.calls[2].score().cer is None


async def test_realtime_replay_is_paced_by_the_wall_clock(tmp_path: Path) -> None:
    import time
    import wave

    from triage.replay.runner import file_audio_source

    path = tmp_path / "one_second.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(b"\0\0" * SAMPLE_RATE)
    with ThreadPoolExecutor(1) as pool:
        runner = ReplayRunner(
            ScriptedRecognizer, KeywordClassifier(), pool, file_audio_source, realtime=True
        )
        started = time.monotonic()
        call = await runner.replay(Recording("paced", path, None))
    assert call.error is None and call.audio_seconds == pytest.approx(1.0)
    assert time.monotonic() - started >= 0.95
    # Events are stamped with wall-clock call time: the end-of-call update comes after 1 s.
    assert call.updates[-1].emitted_at >= 0.95
