"""Streaming benchmark: N sample calls at once, in real time, through one shared Whisper model.

Drives StreamingTranscriber as triage.pipeline.CallPipeline does (a step per 0.5 s of audio,
one step in flight per call, a shared executor). Run:
    nice .venv/bin/python -m benchmarks.streaming [--concurrency 1 2 4 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import tempfile
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from server.settings import Settings
from speech.messages import SegmentKind
from speech.model_store import resolve_whisper_model
from speech.sources import FileSource
from speech.streaming import StreamingTranscriber
from speech.whisper import WhisperTranscriber
from triage.replay.metrics import character_error_rate

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
STEP_SECONDS = 0.5
BEHIND_SECONDS = 2.0  # more audio than this waiting for a step: the call fell behind


@dataclass
class CallResult:
    path: Path
    audio_seconds: float
    latencies: list[float] = field(default_factory=list)
    max_lag: float = 0.0  # how late the source loop took a chunk in (event-loop stalls)
    max_backlog: float = 0.0  # most audio waiting for a step: the recogniser falling behind
    end_lag: float = 0.0  # from the end of the call's audio to its last final
    streamed_text: str = ""
    skipped_partials: int = 0
    partials: int = 0


async def play_call(path: Path, transcriber: WhisperTranscriber, executor: Executor) -> CallResult:
    source = FileSource(path, chunk_seconds=0.02, realtime=True)
    started = time.monotonic()

    def clock() -> float:
        return time.monotonic() - started  # call time and wall time share their zero

    recognizer = StreamingTranscriber(transcriber, clock)
    result = CallResult(path, source.duration)
    loop = asyncio.get_running_loop()
    finals: list[str] = []
    pending = 0.0

    def collect(segments) -> None:  # type: ignore[no-untyped-def]
        for segment in segments:
            if segment.kind is SegmentKind.PARTIAL:
                result.partials += 1
            elif segment.text:
                finals.append(segment.text)
                # Commit latency: the final left us this long after its speech ended.
                result.latencies.append(segment.emitted_at - segment.end)

    # The line never waits for the model: audio keeps arriving while a step runs, and the next
    # step takes everything that queued up (at most one step in flight per call).
    step: asyncio.Future | None = None
    async for chunk in source:
        result.max_lag = max(result.max_lag, clock() - chunk.end)
        recognizer.insert_audio(chunk)
        pending += chunk.duration
        if step is not None and step.done():
            collect(step.result())
            step = None
        if step is None and pending >= STEP_SECONDS:
            result.max_backlog = max(result.max_backlog, pending)
            pending = 0.0
            step = loop.run_in_executor(executor, recognizer.process)
    if step is not None:
        collect(await step)
    collect(await loop.run_in_executor(executor, recognizer.finish))
    result.end_lag = clock() - source.duration
    result.streamed_text = " ".join(finals)
    result.skipped_partials = recognizer.stats.skipped_partials
    return result


async def run_round(
    paths: list[Path], transcriber: WhisperTranscriber, executor: Executor
) -> tuple[list[CallResult], float, float]:
    cpu_started, wall_started = time.process_time(), time.monotonic()
    results = await asyncio.gather(*(play_call(p, transcriber, executor) for p in paths))
    return list(results), time.process_time() - cpu_started, time.monotonic() - wall_started


def sample_calls(count: int) -> list[Path]:
    """The longer sample calls (the ones with several utterances), spread over incident types."""
    candidates = []
    for sidecar in sorted(SAMPLES_DIR.glob("*.json")):
        wav = sidecar.with_suffix(".wav")
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if wav.is_file() and not meta.get("short", False):
            candidates.append((meta.get("duration", 0.0), wav))
    if not candidates:
        return espeak_calls(count)
    candidates.sort(key=lambda item: item[1].name)
    step = max(1, len(candidates) // count)
    return [wav for _, wav in candidates[::step][:count]]


def espeak_calls(count: int) -> list[Path]:
    """Fallback when samples/ is empty: calls of three espeak lines with pauses, as phone WAVs."""
    from benchmarks.asr_corpus import ESPEAK_LINES, ESPEAK_VOICES
    from speech.phone_audio import write_phone_wav
    from speech.tts import EspeakTTS

    folder = Path(tempfile.mkdtemp(prefix="streaming-bench-"))
    paths = []
    for index in range(count):
        voice, speed = ESPEAK_VOICES[index % len(ESPEAK_VOICES)]
        tts = EspeakTTS(voice=voice, speed=speed)
        pieces = [np.zeros(8000, np.float32)]
        for line in (ESPEAK_LINES * 2)[index : index + 3]:
            pieces += [tts.synthesize(line), np.zeros(12000, np.float32)]
        paths.append(write_phone_wav(folder / f"call{index}.wav", np.concatenate(pieces)))
    return paths


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    settings = Settings.from_env()
    model_dir = resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)
    transcriber = WhisperTranscriber(
        model_dir,
        cpu_threads=settings.cpu_threads_per_model,
        num_workers=settings.inference_threads,
    )
    paths = sample_calls(max(args.concurrency))
    offline_cpu = time.process_time()
    offline = {}
    audio_total = 0.0
    for path in paths:
        audio = FileSource(path).samples
        audio_total += len(audio) / 16_000
        offline[path] = " ".join(s.text for s in transcriber.transcribe(audio))
    offline_cpu = time.process_time() - offline_cpu
    print(
        f"{len(paths)} calls from {paths[0].parent}, one model, "
        f"{settings.inference_threads} worker threads x {settings.cpu_threads_per_model} "
        "CPU thread; "
        f"offline decoding: {offline_cpu / audio_total:.3f} CPU s per audio s\n"
    )
    print(
        "| calls | audio s | commit latency p50 | p95 | max | CPU s / audio s | max backlog s | "
        "fell behind | end lag s | partials (skipped) | CER streamed vs offline | load avg |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with ThreadPoolExecutor(max_workers=settings.inference_threads) as executor:
        for count in args.concurrency:
            calls, cpu, _wall = asyncio.run(run_round(paths[:count], transcriber, executor))
            latencies = [x for call in calls for x in call.latencies]
            audio = sum(call.audio_seconds for call in calls)
            cers = [character_error_rate(offline[c.path], c.streamed_text) for c in calls]
            backlog = max(call.max_backlog for call in calls)
            end_lag = max(call.end_lag for call in calls)
            print(
                f"| {count} | {audio:.0f} | {percentile(latencies, 50):.2f} s | "
                f"{percentile(latencies, 95):.2f} s | {max(latencies, default=float('nan')):.2f} s"
                f" | {cpu / audio:.3f} | {backlog:.2f} | "
                f"{'yes' if backlog > BEHIND_SECONDS else 'no'} | {end_lag:.2f} | "
                f"{sum(c.partials for c in calls)} ({sum(c.skipped_partials for c in calls)}) | "
                f"{statistics.mean(cers):.3f} | {os.getloadavg()[0]:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
