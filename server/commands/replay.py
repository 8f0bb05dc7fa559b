"""`triage replay PATH...`: replay recorded calls through the live pipeline and report how well
and how fast they were triaged (or, with --live, feed them into a running server).

Only wires files, models and the report together; the measuring lives in triage/replay/.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from server.settings import Settings

if TYPE_CHECKING:
    from classifiers.messages import Classifier
    from speech.protocols import Transcriber
    from triage.replay.recordings import Recording

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="replay recorded calls (files or folders) through the live pipeline and report",
        description=(
            "Runs each call through the same streaming transcriber and classifier the server "
            "uses, in simulated call time (as fast as the machine allows) or --realtime, and "
            "writes report.html, replay.json and calls.csv. A JSON sidecar next to an audio "
            "file (same name, .json) adds reference transcript and labels for accuracy metrics."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="audio files or folders of them"
    )
    parser.add_argument("--out", type=Path, default=Path("report"), help="report folder (report/)")
    parser.add_argument("--realtime", action="store_true", help="pace audio at wall-clock speed")
    parser.add_argument(
        "--no-partials",
        action="store_true",
        help="skip partial transcripts: same labels and times, much less decoding",
    )
    parser.add_argument("--jobs", type=int, default=2, help="calls replayed at once (2)")
    parser.add_argument(
        "--live",
        metavar="URL",
        help="feed the calls into a running server instead (http://host:port)",
    )
    parser.add_argument("--trunk", default="replay", help="trunk name for --live (replay)")
    parser.add_argument("--secret", help="the trunk's secret for --live")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="x real time when feeding a server (--live)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from server.cli import UserFacingError
    from triage.replay.recordings import find_recordings

    if args.jobs < 1:
        raise UserFacingError("--jobs must be at least 1")
    try:
        recordings = find_recordings(list(args.paths))
    except FileNotFoundError as error:
        raise UserFacingError(str(error)) from None
    if not recordings:
        raise UserFacingError(
            "no audio files found under the given paths (looked for .wav .mp3 .ogg .opus .m4a "
            ".flac .webm)"
        )
    for recording in recordings:
        if recording.sidecar_problem:
            print(f"warning: {recording.sidecar_problem}; replaying without it", file=sys.stderr)
    if args.live:
        return _run_live(args, recordings)
    return _run_replay(args, recordings)


def _run_replay(args: argparse.Namespace, recordings: list[Recording]) -> int:
    from classifiers.triage_classifier import load_classifier
    from speech.model_store import resolve_whisper_model
    from speech.whisper import WhisperTranscriber

    settings = Settings.from_env()
    transcriber = WhisperTranscriber(
        resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir),
        cpu_threads=settings.cpu_threads_per_model,
        num_workers=settings.inference_threads,
    )
    classifier = load_classifier(settings.classifier_model_dir)
    return replay_and_report(args, recordings, transcriber, classifier, settings.inference_threads)


def replay_and_report(
    args: argparse.Namespace,
    recordings: list[Recording],
    transcriber: Transcriber,
    classifier: Classifier,
    inference_threads: int,
) -> int:
    """Replay with models already loaded, print the aggregate table, write the reports."""
    from tqdm import tqdm

    from triage.replay.report import summarize, write_reports
    from triage.replay.runner import (
        CallReplay,
        ReplayRunner,
        file_audio_source,
        streaming_recognizers,
    )

    with (
        ThreadPoolExecutor(inference_threads, thread_name_prefix="replay-model") as pool,
        tqdm(total=len(recordings), unit="call", file=sys.stderr, desc="replay") as progress,
    ):
        runner = ReplayRunner(
            streaming_recognizers(transcriber, partials=not args.no_partials),
            classifier,
            pool,
            file_audio_source,
            realtime=args.realtime,
            jobs=args.jobs,
        )

        def done(call: CallReplay) -> None:
            progress.update(1)
            if call.error:
                progress.write(
                    f"could not replay {call.recording.path}: {call.error}", file=sys.stderr
                )

        batch = asyncio.run(runner.replay_all(recordings, on_done=done))
    summary = summarize(batch)
    paths = write_reports(batch, args.out)
    width = max(len(name) for name, _ in summary.rows())
    print(f"{'measure':<{width}}  value")
    for name, value in summary.rows():
        print(f"{name:<{width}}  {value}")
    for call in batch.calls:
        if call.error:
            print(f"failed: {call.recording.path}: {call.error}")
    print(f"report: {paths['html']} (also {paths['json'].name}, {paths['csv'].name})")
    return 0


def _run_live(args: argparse.Namespace, recordings: list[Recording]) -> int:
    """Feed each call to a running server at real-time pace so it shows in the console."""
    from tqdm import tqdm

    from server.auth import TrunkSecrets
    from server.cli import UserFacingError

    secret = args.secret or TrunkSecrets.parse(Settings.from_env().trunk_secrets).secrets.get(
        args.trunk
    )
    if not secret:
        raise UserFacingError(
            f"--live needs the secret of trunk {args.trunk!r}: pass --secret or set "
            "HOTLINE_TRUNK_SECRETS (e.g. replay=s3cret) as on the server"
        )
    with tqdm(total=len(recordings), unit="call", file=sys.stderr, desc="live") as progress:
        results = asyncio.run(_feed_all(args, recordings, secret, progress))
    print(f"{'call':<40} {'expected':<24} {'server said':<24} note")
    failed = 0
    for recording, (labels, note) in zip(recordings, results, strict=True):
        reference = recording.reference
        expected = (
            f"{reference.incident_type}/{reference.urgency}"
            if reference and reference.incident_type and reference.urgency
            else "-"
        )
        failed += bool(note)
        print(f"{recording.call_id:<40} {expected:<24} {labels:<24} {note}")
    return 1 if failed == len(recordings) else 0


async def _feed_all(
    args: argparse.Namespace, recordings: list[Recording], secret: str, progress: Any
) -> list[tuple[str, str]]:
    import uuid

    from server.live_feed import stream_file
    from speech.audio import AudioDecodeError

    slots = asyncio.Semaphore(args.jobs)

    async def feed(recording: Recording) -> tuple[str, str]:
        async with slots:
            try:
                result = await stream_file(
                    args.live,
                    recording.path,
                    call_id=f"{recording.call_id}-{uuid.uuid4().hex[:6]}",
                    trunk=args.trunk,
                    secret=secret,
                    speed=args.speed,
                )
            except (AudioDecodeError, OSError, TimeoutError) as error:
                return "-", f"not fed: {error}"
            except Exception as error:  # websockets raises its own types on refusal
                if type(error).__module__.startswith("websockets"):
                    return "-", f"server refused or dropped the call: {error}"
                raise
            finally:
                progress.update(1)
        labels = result.last_classification
        shown = f"{labels['incident_type']}/{labels['urgency']}" if labels else "-"
        return shown, result.error or ""

    return list(await asyncio.gather(*(feed(r) for r in recordings)))
