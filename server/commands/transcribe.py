"""`triage transcribe FILE`: the final Vietnamese transcript on stdout; `--stream` the timeline.

stdout carries only the result (nothing for silence or noise); logs and errors go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from server.cli import UserFacingError
from server.settings import Settings

log = logging.getLogger(__name__)

STEP_SECONDS = 0.5  # audio between streaming steps, as in triage.pipeline.CallPipeline


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "transcribe", help="print the Vietnamese transcript of an audio file (WAV/MP3/OGG/...)"
    )
    parser.add_argument("file", type=Path, help="audio file")
    parser.add_argument(
        "--model", type=Path, help="CTranslate2 Whisper directory (default: the bundled base)"
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="play the file through the streaming recogniser and print the event timeline",
    )
    parser.add_argument(
        "--realtime", action="store_true", help="with --stream: pace the file in real time"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from speech.audio import AudioDecodeError, load_audio_file
    from speech.model_store import WhisperModelError, resolve_whisper_model
    from speech.whisper import WhisperTranscriber

    settings = Settings.from_env(whisper_model_dir=args.model)
    try:
        audio = load_audio_file(args.file)
        model_dir = resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)
        threads = max(1, settings.inference_threads * settings.cpu_threads_per_model)
        transcriber = WhisperTranscriber(model_dir, cpu_threads=threads, num_workers=1)
    except (AudioDecodeError, WhisperModelError) as error:
        raise UserFacingError(str(error)) from None
    except RuntimeError as error:  # CTranslate2 refuses a directory it cannot load
        raise UserFacingError(
            f"could not load the Whisper model from {model_dir}: {error}; "
            "point --model or HOTLINE_WHISPER_MODEL_DIR at a CTranslate2 Whisper directory"
        ) from None
    if args.stream:
        asyncio.run(_stream(args.file, transcriber, realtime=args.realtime))
        return 0
    texts = [segment.text for segment in transcriber.transcribe(audio)]
    if texts:
        print(" ".join(texts))
    return 0


class _SimulatedClock:
    """When each event would have left a live call on this machine.

    A step starts once its audio has arrived and the previous step has finished; the clock
    then runs on by the real time the step takes.
    """

    def __init__(self) -> None:
        self._step_base = 0.0
        self._step_started = time.perf_counter()
        self._previous_end = 0.0

    def start_step(self, audio_time: float) -> None:
        self._step_base = max(audio_time, self._previous_end)
        self._step_started = time.perf_counter()

    def end_step(self) -> None:
        self._previous_end = self()

    def __call__(self) -> float:
        return self._step_base + (time.perf_counter() - self._step_started)


async def _stream(path: Path, transcriber, realtime: bool) -> None:  # type: ignore[no-untyped-def]
    from speech.sources import FileSource
    from speech.streaming import StreamingTranscriber

    source = FileSource(path, realtime=realtime)
    if realtime:
        started = time.monotonic()

        def clock() -> float:
            return time.monotonic() - started

        simulated = None
    else:
        simulated = _SimulatedClock()
        clock = simulated
    recognizer = StreamingTranscriber(transcriber, clock)
    loop = asyncio.get_running_loop()
    pending = 0.0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcribe") as executor:
        audio_time = 0.0
        async for chunk in source:
            recognizer.insert_audio(chunk)
            pending += chunk.duration
            audio_time = chunk.end
            if pending >= STEP_SECONDS:
                pending = 0.0
                if simulated is not None:
                    simulated.start_step(audio_time)
                _print_events(await loop.run_in_executor(executor, recognizer.process))
                if simulated is not None:
                    simulated.end_step()
        if simulated is not None:
            simulated.start_step(audio_time)
        _print_events(await loop.run_in_executor(executor, recognizer.finish))
    for item in recognizer.suppressed:
        log.info("suppressed %.2f-%.2f s (%s): %r", item.start, item.end, item.reason, item.text)


def _print_events(segments) -> None:  # type: ignore[no-untyped-def]
    for segment in segments:
        print(
            f"{segment.emitted_at:8.2f}s  {segment.kind.value:<7}  "
            f"[{segment.start:6.2f} - {segment.end:6.2f}]  {segment.text}",
            flush=True,
        )
