"""The default Transcriber: Whisper (CTranslate2 via faster-whisper), Vietnamese, VAD-gated.

Never decides what is speech by the decoder's own guess, and never returns unguarded text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from speech.hallucination import GuardResult, HallucinationGuard, compression_ratio
from speech.messages import SAMPLE_RATE, SuppressedText
from speech.protocols import RecognizedText
from speech.vad import SileroVad, SpeechSegmenter, speech_regions

log = logging.getLogger(__name__)

LANGUAGE = "vi"
MAX_WINDOW_SECONDS = 30.0  # Whisper's encoder never sees more than this
SPEECH_PAD_SECONDS = 0.2  # context kept either side of a VAD region: onsets are soft


@dataclass(frozen=True, slots=True)
class DecodeOptions:
    """How one window is decoded; defaults chosen with benchmarks/asr_options.py (see README)."""

    beam_size: int = 5
    temperature: float = 0.0
    timestamps: bool = True
    # False: encode only the window, padded with silence to min_window_seconds. Unpadded short
    # windows wreck accuracy (real speech CER 0.89 vs 0.42); padded to 10 s they match or beat
    # the 30 s window (0.38) at about a third of the CPU.
    pad_to_30s: bool = False
    min_window_seconds: float = 10.0
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0


DEFAULT_OPTIONS = DecodeOptions()
# Second try when the first decode was a pure hallucination although the VAD heard speech.
RETRY_OPTIONS = DecodeOptions(beam_size=5, temperature=0.0, timestamps=False, pad_to_30s=True)


@dataclass(frozen=True, slots=True)
class WindowDecode:
    """Raw decoder output for one window: not yet guarded."""

    text: str
    no_speech_prob: float
    avg_logprob: float
    compression_ratio: float


@dataclass(frozen=True, slots=True)
class SpeechDecode:
    """Guarded text of one speech window, with what was refused and whether a retry ran."""

    text: str
    suppressed: list[SuppressedText] = field(default_factory=list)
    retried: bool = False
    decode: WindowDecode | None = None


class WhisperTranscriber:
    """One loaded Whisper model shared by every call and thread.

    `num_workers` model replicas let that many threads decode truly in parallel; `cpu_threads`
    is each decode's intra-op threads.
    """

    def __init__(
        self,
        model_dir: Path,
        cpu_threads: int = 1,
        num_workers: int = 2,
        *,
        compute_type: str = "int8",
        options: DecodeOptions = DEFAULT_OPTIONS,
        retry_options: DecodeOptions | None = RETRY_OPTIONS,
        guard: HallucinationGuard | None = None,
        vad: SileroVad | None = None,
    ) -> None:
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer

        self._model_dir = Path(model_dir)
        self._whisper = WhisperModel(
            str(model_dir),
            device="cpu",
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            num_workers=num_workers,
            local_files_only=True,
        )
        if not self._whisper.model.is_multilingual:
            raise ValueError(
                f"{model_dir} is an English-only Whisper model; Vietnamese needs a multilingual one"
            )
        self._tokenizer = Tokenizer(
            self._whisper.hf_tokenizer, True, task="transcribe", language=LANGUAGE
        )
        self.options = options
        self.retry_options = retry_options
        self.guard = guard or HallucinationGuard()
        self.vad = vad or SileroVad()

    @property
    def model_name(self) -> str:
        return f"whisper:{self._model_dir.name}"

    def decode_window(
        self, audio: np.ndarray, options: DecodeOptions | None = None
    ) -> WindowDecode:
        """Decode one window (<= 30 s) of 16 kHz audio as Vietnamese. Blocking; thread-safe."""
        import ctranslate2

        options = options or self.options
        audio = np.asarray(audio, dtype=np.float32)[: int(MAX_WINDOW_SECONDS * SAMPLE_RATE)]
        min_samples = int(options.min_window_seconds * SAMPLE_RATE)
        if len(audio) < min_samples:
            audio = np.pad(audio, (0, min_samples - len(audio)))
        features = self._whisper.feature_extractor(audio)[:, :-1]
        target_frames = 3000 if options.pad_to_30s else features.shape[1] + features.shape[1] % 2
        features = np.pad(features, ((0, 0), (0, max(0, target_frames - features.shape[1]))))
        features = np.ascontiguousarray(features[None, :, :target_frames], dtype=np.float32)

        prompt = list(self._tokenizer.sot_sequence)
        if not options.timestamps:
            prompt.append(self._tokenizer.no_timestamps)
        sampling = options.temperature > 0
        result = self._whisper.model.generate(
            ctranslate2.StorageView.from_array(features),
            [prompt],
            beam_size=1 if sampling else options.beam_size,
            sampling_topk=0 if sampling else 1,
            sampling_temperature=options.temperature if sampling else 1.0,
            repetition_penalty=options.repetition_penalty,
            no_repeat_ngram_size=options.no_repeat_ngram_size,
            return_scores=True,
            return_no_speech_prob=True,
            max_length=224,
            suppress_blank=True,
            suppress_tokens=[-1],
        )[0]
        tokens = result.sequences_ids[0]
        text = self._tokenizer.decode(tokens).strip()
        # Same definition as faster-whisper: the beam score is length-normalised (penalty 1).
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        return WindowDecode(text, result.no_speech_prob, avg_logprob, compression_ratio(text))

    def decode_speech(
        self, audio: np.ndarray, start: float = 0.0, options: DecodeOptions | None = None
    ) -> SpeechDecode:
        """Decode audio the VAD called speech; guard it; retry once if it came back hallucinated.

        `start` is the call time of audio[0], used for the suppressed-text records.
        """
        end = start + len(audio) / SAMPLE_RATE
        first = self.decode_window(audio, options)
        verdict = self._guard(first, start, end)
        if not verdict.is_pure_hallucination or self.retry_options is None:
            return SpeechDecode(verdict.text, verdict.suppressed, False, first)
        log.info("decode at %.2f-%.2f s was only hallucination; decoding again", start, end)
        second = self.decode_window(audio, self.retry_options)
        retry_verdict = self._guard(second, start, end)
        return SpeechDecode(
            retry_verdict.text, verdict.suppressed + retry_verdict.suppressed, True, second
        )

    def transcribe(self, audio: np.ndarray) -> list[RecognizedText]:
        return self.transcribe_with_suppressed(audio)[0]

    def transcribe_with_suppressed(
        self, audio: np.ndarray, max_utterance_seconds: float = 25.0
    ) -> tuple[list[RecognizedText], list[SuppressedText]]:
        """Offline: VAD regions of the clip, each decoded and guarded; silence is never decoded."""
        audio = np.asarray(audio, dtype=np.float32)
        segmenter = SpeechSegmenter(max_utterance_seconds=max_utterance_seconds)
        recognized: list[RecognizedText] = []
        suppressed: list[SuppressedText] = []
        for region in speech_regions(self.vad, audio, segmenter):
            first, last = pad_region(region.start, region.end, len(audio))
            start, end = first / SAMPLE_RATE, last / SAMPLE_RATE
            decoded = self.decode_speech(audio[first:last], start)
            suppressed.extend(decoded.suppressed)
            if decoded.text and decoded.decode is not None:
                recognized.append(
                    RecognizedText(
                        decoded.text,
                        start,
                        end,
                        no_speech_prob=decoded.decode.no_speech_prob,
                        avg_logprob=decoded.decode.avg_logprob,
                        compression_ratio=decoded.decode.compression_ratio,
                    )
                )
        return recognized, suppressed

    def with_options(self, options: DecodeOptions) -> WhisperTranscriber:
        """A view sharing this loaded model but decoding with other options (benchmarks)."""
        clone = object.__new__(WhisperTranscriber)
        clone.__dict__.update(self.__dict__)
        clone.options = replace(options)
        return clone

    def _guard(self, decoded: WindowDecode, start: float, end: float) -> GuardResult:
        return self.guard.check(
            decoded.text,
            start=start,
            end=end,
            no_speech_prob=decoded.no_speech_prob,
            avg_logprob=decoded.avg_logprob,
        )


def pad_region(start: int, end: int, limit: int) -> tuple[int, int]:
    """A VAD region widened by SPEECH_PAD_SECONDS each side, clamped to [0, limit) samples."""
    pad = int(SPEECH_PAD_SECONDS * SAMPLE_RATE)
    return max(0, start - pad), min(limit, end + pad)
