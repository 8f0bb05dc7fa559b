"""End-of-turn and barge-in detection for the callbot: Silero VAD plus the Smart Turn v3 model.

A plain synchronous per-call object fed with call audio; it never sends audio, never
transcribes and never reads the wall clock (call time comes with the chunks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.messages import SAMPLE_RATE, AudioChunk
from speech.vad import WINDOW, SileroVad
from triage.callbot.turn_features import WINDOW_SAMPLES, last_window, log_mel


class SmartTurnModel:
    """Smart Turn v3.2 (ONNX, 8.7 MB): probability that the speaker finished their turn.

    One instance serves every call; onnxruntime sessions may run from several threads.
    """

    def __init__(self, model_path: Path, threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(model_path), sess_options=options)

    def completion_probability(self, audio: np.ndarray) -> float:
        """`audio` is the turn so far (16 kHz); only its last 8 s are looked at."""
        features = log_mel(last_window(audio))[None, :, :]
        (output,) = self._session.run(None, {"input_features": features})
        return float(np.asarray(output).reshape(-1)[0])


@dataclass(frozen=True, slots=True)
class TurnParams:
    """Thresholds of the turn policy; times in seconds of call audio."""

    speech_threshold: float = 0.5  # Silero probability that counts as speech
    speech_start_seconds: float = 0.096  # continuous speech before "the caller started talking"
    pause_seconds: float = 0.3  # silence after which Smart Turn is asked
    recheck_seconds: float = 0.4  # ask again after this much more silence if it said "not done"
    max_silence_seconds: float = 1.2  # silence that ends a turn whatever the model says
    completion_threshold: float = 0.5  # Smart Turn probability that ends the turn
    min_turn_seconds: float = 0.2  # shorter bursts (a click, a cough) are not a turn


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    """The caller started talking (the moment a playing bot must stop: barge-in)."""

    call_time: float


@dataclass(frozen=True, slots=True)
class TurnEnded:
    """The caller finished a turn at `end` (call time, where speech stopped)."""

    start: float
    end: float
    decided_at: float  # call time when the policy decided (end + the silence it waited)
    probability: float  # Smart Turn's last answer
    reason: str  # "model" or "silence"


TurnEvent = SpeechStarted | TurnEnded


class TurnDetector:
    """One call's turn-taking state over 32 ms VAD windows.

    Speech opens a turn after `speech_start_seconds`; at each pause the Smart Turn model
    judges the turn audio: complete ends the turn, otherwise it waits and asks again, and a
    long silence ends the turn anyway (a caller who stops mid-sentence still gets an answer).
    """

    def __init__(
        self, vad: SileroVad, model: SmartTurnModel, params: TurnParams | None = None
    ) -> None:
        self.params = params or TurnParams()
        self._vad = vad.stream()
        self._model = model
        self._window_s = WINDOW / SAMPLE_RATE
        self._position = 0.0  # call time of the next VAD window
        self._started = False
        self._audio: list[np.ndarray] = []  # the open turn's audio (with a little lead-in)
        self._lead_in: list[np.ndarray] = []
        self._speech_run = 0.0
        self._turn_start = 0.0
        self._last_speech_end = 0.0
        self._next_check = 0.0
        self._last_probability = 0.0
        self._pending = np.zeros(0, dtype=np.float32)
        self._origin: float | None = None
        self.model_calls = 0

    @property
    def in_turn(self) -> bool:
        return self._started

    def push(self, chunk: AudioChunk) -> list[TurnEvent]:
        """Feed call audio (any chunk size). Blocking CPU work: VAD always, Smart Turn at pauses."""
        if self._origin is None:
            self._origin = chunk.start
            self._position = chunk.start
        self._pending = np.concatenate([self._pending, chunk.samples.astype(np.float32)])
        whole = len(self._pending) // WINDOW * WINDOW
        if whole == 0:
            return []
        windows, self._pending = self._pending[:whole], self._pending[whole:]
        probabilities = self._vad.push(windows)
        events: list[TurnEvent] = []
        for index, probability in enumerate(probabilities):
            samples = windows[index * WINDOW : (index + 1) * WINDOW]
            event = self._step(samples, float(probability))
            if event is not None:
                events.append(event)
        return events

    def reset(self) -> None:
        """Forget the open turn (after the bot decided to answer something else)."""
        self._started = False
        self._audio = []
        self._speech_run = 0.0

    def _step(self, samples: np.ndarray, probability: float) -> TurnEvent | None:
        params = self.params
        self._position += self._window_s
        is_speech = probability >= params.speech_threshold
        if not self._started:
            self._lead_in = [*self._lead_in[-8:], samples]  # ~0.25 s before the speech starts
            self._speech_run = self._speech_run + self._window_s if is_speech else 0.0
            if self._speech_run >= params.speech_start_seconds - 1e-9:
                self._started = True
                self._turn_start = self._position - self._speech_run
                self._last_speech_end = self._position
                self._audio = list(self._lead_in)
                self._next_check = self._position + params.pause_seconds
                return SpeechStarted(self._turn_start)
            return None
        self._audio.append(samples)
        if len(self._audio) * WINDOW > 2 * WINDOW_SAMPLES:
            self._audio = self._audio[-(WINDOW_SAMPLES // WINDOW) :]
        if is_speech:
            self._last_speech_end = self._position
            self._next_check = self._position + params.pause_seconds
            return None
        silence = self._position - self._last_speech_end
        if silence >= params.max_silence_seconds - 1e-9:
            return self._end("silence")
        if self._position + 1e-9 < self._next_check:
            return None
        if self._last_speech_end - self._turn_start < params.min_turn_seconds:
            self.reset()
            return None
        self._last_probability = self._model.completion_probability(np.concatenate(self._audio))
        self.model_calls += 1
        if self._last_probability >= params.completion_threshold:
            return self._end("model")
        self._next_check = self._position + params.recheck_seconds
        return None

    def _end(self, reason: str) -> TurnEnded:
        event = TurnEnded(
            start=self._turn_start,
            end=self._last_speech_end,
            decided_at=self._position,
            probability=self._last_probability,
            reason=reason,
        )
        self.reset()
        return event
