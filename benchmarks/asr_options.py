"""Offline decoding-options table: CER, hallucinations and CPU cost per option set and input.

The numbers behind speech/whisper.py's DEFAULT_OPTIONS. Run:
    nice .venv/bin/python -m benchmarks.asr_options [--real N] [--espeak N]
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import dataclass

from benchmarks.asr_corpus import EvalClip, espeak_clips, phone_version, realspeech_clips
from server.settings import Settings
from speech.model_store import resolve_whisper_model
from speech.whisper import DecodeOptions, WhisperTranscriber
from triage.replay.metrics import character_error_rate

CANDIDATES: dict[str, DecodeOptions] = {
    "pad30 beam5 ts": DecodeOptions(pad_to_30s=True, timestamps=True),
    "pad30 beam5 no-ts": DecodeOptions(pad_to_30s=True, timestamps=False),
    "pad30 greedy ts": DecodeOptions(pad_to_30s=True, beam_size=1),
    "short beam5 ts": DecodeOptions(pad_to_30s=False, min_window_seconds=0.0),
    "short beam5 no-ts": DecodeOptions(pad_to_30s=False, timestamps=False, min_window_seconds=0),
    "short>=10s greedy ts": DecodeOptions(pad_to_30s=False, min_window_seconds=10.0, beam_size=1),
    "short>=10s beam5 ts": DecodeOptions(pad_to_30s=False, min_window_seconds=10.0),
    "short>=15s beam5 ts": DecodeOptions(pad_to_30s=False, min_window_seconds=15.0),
    "short>=15s beam5 no-ts": DecodeOptions(
        pad_to_30s=False, min_window_seconds=15.0, timestamps=False
    ),
}


RETRY_CANDIDATES: dict[str, DecodeOptions] = {
    "pad30 beam5 no-ts": DecodeOptions(pad_to_30s=True, timestamps=False),
    "pad30 beam5 ts": DecodeOptions(pad_to_30s=True),
    "short>=10s no-ts": DecodeOptions(min_window_seconds=10.0, timestamps=False),
    "short>=10s temp 0.4": DecodeOptions(min_window_seconds=10.0, temperature=0.4),
    "short>=10s beam5 rep-penalty 1.2": DecodeOptions(
        min_window_seconds=10.0, repetition_penalty=1.2, no_repeat_ngram_size=4
    ),
}


def retry_study(base: WhisperTranscriber, corpora: dict[str, list[EvalClip]]) -> None:
    """On clips whose default decode is pure hallucination: what each second try recovers."""
    totals: dict[str, list[float]] = {name: [] for name in RETRY_CANDIDATES}
    hits = 0
    for clips in corpora.values():
        for clip in clips:
            raw = base.decode_window(clip.audio)
            verdict = base.guard.check(
                raw.text, start=0, end=1, no_speech_prob=raw.no_speech_prob,
                avg_logprob=raw.avg_logprob,
            )  # fmt: skip
            if not verdict.is_pure_hallucination:
                continue
            hits += 1
            for name, options in RETRY_CANDIDATES.items():
                second = base.decode_window(clip.audio, options)
                text = base.guard.check(second.text, start=0, end=1).text
                totals[name].append(min(1.0, character_error_rate(clip.reference, text)))
    clips_total = sum(len(c) for c in corpora.values())
    print(f"\nRetry study: {hits} of {clips_total} clips were pure hallucination by default.")
    print("| retry options | mean CER on those (1.0 = nothing kept) | recovered |")
    print("| --- | --- | --- |")
    for name, cers in totals.items():
        if cers:
            recovered = sum(1 for c in cers if c < 1.0)
            print(f"| {name} | {sum(cers) / len(cers):.3f} | {recovered}/{len(cers)} |")


@dataclass
class Row:
    options: str
    corpus: str
    cer: float
    hallucinated: int
    empty: int
    clips: int
    cpu_per_audio_second: float


def evaluate(
    transcriber: WhisperTranscriber, name: str, corpus: str, clips: list[EvalClip], guarded: bool
) -> Row:
    errors, hallucinated, empty, cpu, audio_seconds = 0.0, 0, 0, 0.0, 0.0
    for clip in clips:
        started = time.process_time()
        if guarded:
            decoded = transcriber.decode_speech(clip.audio)
            text, bad = decoded.text, decoded.retried
        else:
            raw = transcriber.decode_window(clip.audio)
            verdict = transcriber.guard.check(
                raw.text,
                start=0.0,
                end=1.0,
                no_speech_prob=raw.no_speech_prob,
                avg_logprob=raw.avg_logprob,
            )
            text, bad = verdict.text, verdict.is_pure_hallucination or bool(verdict.suppressed)
        cpu += time.process_time() - started
        audio_seconds += len(clip.audio) / 16_000
        errors += min(1.0, character_error_rate(clip.reference, text))
        hallucinated += bad
        empty += not text
    return Row(
        name,
        corpus,
        errors / len(clips),
        hallucinated,
        empty,
        len(clips),
        cpu / audio_seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real", type=int, default=20, help="realspeech utterances")
    parser.add_argument("--espeak", type=int, default=8, help="espeak-ng clips")
    parser.add_argument("--only", nargs="*", help="option names to run")
    parser.add_argument("--retry-study", action="store_true", help="only the retry study")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    settings = Settings.from_env()
    model_dir = resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)
    base = WhisperTranscriber(model_dir, cpu_threads=2, num_workers=1)
    espeak = espeak_clips(args.espeak)
    real = realspeech_clips(args.real)
    corpora = {
        "espeak 16k": espeak,
        "espeak 8k mu-law": [EvalClip(c.name, c.reference, phone_version(c.audio)) for c in espeak],
        "real 16k": real,
        "real 8k mu-law": [EvalClip(c.name, c.reference, phone_version(c.audio)) for c in real],
    }
    if args.retry_study:
        retry_study(base, corpora)
        return
    runs = [(name, options, False) for name, options in CANDIDATES.items()]
    runs.append(("default + guard + retry", base.options, True))
    print("| options | corpus | CER | guard hit | empty | clips | CPU s / audio s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, options, guarded in runs:
        if args.only and name not in args.only:
            continue
        transcriber = base.with_options(options)
        for corpus, clips in corpora.items():
            if not clips:
                continue
            row = evaluate(transcriber, name, corpus, clips, guarded)
            print(
                f"| {row.options} | {row.corpus} | {row.cer:.3f} | {row.hallucinated} | "
                f"{row.empty} | {row.clips} | {row.cpu_per_audio_second:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
