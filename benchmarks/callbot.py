"""Callbot benchmark: scripted espeak-ng callers talk to the bot over the real /ws/calls socket.

Prints response delay (end of caller turn -> first bot audio) p50/p95, slot-filling accuracy
against the scripts, caller turns to a confirmed location, and call start -> P1 hand-off. Run:
    nice .venv/bin/python -m benchmarks.callbot [--speed 1.0] [--scripts fire_trapped_p1,...]
Numbers are noisy on a shared 2-core machine; this is not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import statistics
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from server.callbot_bridge import CallbotBridge, CallbotConfig
from server.scripted_caller import CallerReport, ScriptedCaller
from server.settings import Settings
from triage.callbot import prompts
from triage.callbot.caller_scripts import BENCHMARK_SCRIPTS, CallerScript
from triage.callbot.dialogue import CallFacts, Slot
from triage.callbot.overflow import CallbotMode
from triage.callbot.session import CallbotSession

TRUNK_SECRETS = {"113": "bench113", "114": "bench114", "115": "bench115"}


@dataclass
class ScriptResult:
    script: CallerScript
    report: CallerReport
    facts: CallFacts
    location_turns: int | None
    hand_off_call_time: float | None
    hand_off_turns_after_fact: int | None

    @property
    def delays(self) -> list[float]:
        return [d for t in self.report.turns if (d := t.response_delay) is not None]

    @property
    def answer_delays(self) -> list[float]:
        return self.report.answer_delays(prompts.ACK)

    def slot_scores(self) -> tuple[int, int]:
        right = 0
        for name, expected in self.script.expected.items():
            value = getattr(self.facts, name)
            right += (value.value if hasattr(value, "value") else value) == expected
        return right, len(self.script.expected)


@contextlib.asynccontextmanager
async def callbot_server(
    settings: Settings, models: dict
) -> AsyncIterator[tuple[str, CallbotBridge]]:
    import uvicorn

    from server.app import create_app
    from server.auth import TrunkSecrets

    bridge = CallbotBridge(
        models["tts"], models["smart_turn"], models["vad"], CallbotConfig(mode=CallbotMode.ALWAYS)
    )
    with tempfile.TemporaryDirectory() as scratch:
        app_settings = Settings(
            cache_dir=settings.cache_dir,
            whisper_model_dir=settings.whisper_model_dir,
            classifier_model_dir=settings.classifier_model_dir,
            db_path=Path(scratch) / "bench.sqlite3",
            recordings_dir=Path(scratch) / "recordings",
        )
        app = create_app(
            app_settings,
            transcriber=models["transcriber"],
            classifier=models["classifier"],
            trunk_secrets=TrunkSecrets(TRUNK_SECRETS),
            observer_factory=bridge.observer_for,
        )
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
        )
        task = asyncio.create_task(server.serve())
        while not server.started:
            if task.done():
                task.result()  # start-up failed: raise its error
            await asyncio.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"ws://127.0.0.1:{port}", bridge
        finally:
            server.should_exit = True
            await task
            bridge.close()


def load_models(settings: Settings) -> dict:
    from classifiers.triage_classifier import load_classifier
    from speech.model_store import resolve_whisper_model
    from speech.tts import EspeakTTS
    from speech.vad import SileroVad
    from speech.whisper import WhisperTranscriber
    from triage.callbot.smart_turn_store import resolve_smart_turn_model
    from triage.callbot.turn_taking import SmartTurnModel

    return {
        "transcriber": WhisperTranscriber(
            resolve_whisper_model(settings.whisper_model_dir, settings.cache_dir)
        ),
        "classifier": load_classifier(settings.classifier_model_dir),
        "tts": EspeakTTS(),
        "vad": SileroVad(),
        "smart_turn": SmartTurnModel(resolve_smart_turn_model(None, settings.cache_dir)),
    }


async def run_script(
    ws_url: str, bridge: CallbotBridge, script: CallerScript, models: dict, speed: float, n: int
) -> ScriptResult:
    call_id = f"bench-{script.id}-{n}"
    url = f"{ws_url}/ws/calls?trunk={script.trunk}&secret={TRUNK_SECRETS[script.trunk]}"
    caller = ScriptedCaller(url, script, models["tts"], call_id=call_id, speed=speed)
    report = await caller.run()
    session: CallbotSession = bridge.sessions[call_id]
    dialogue = session.dialogue
    hand_off = session.stats.hand_off_at
    turns_after: int | None = None
    if hand_off is not None:
        critical = script.critical_slot or Slot.WHAT_HAPPENED
        fact_turn = next((i for i, t in enumerate(report.turns) if t.slot is critical), 0)
        heard = [i for i, t in enumerate(report.turns) if t.end_call <= hand_off + 0.05]
        turns_after = (heard[-1] if heard else 0) - fact_turn
    return ScriptResult(
        script,
        report,
        dialogue.facts,
        dialogue.location_turns if dialogue.facts.location_confirmed else None,
        hand_off,
        turns_after,
    )


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def print_table(results: list[ScriptResult]) -> None:
    print(f"{'script':28} {'turns':>5} {'delay p50':>9} {'p95':>6} {'answer p50':>10} {'slots':>7} "
          f"{'loc turns':>9} {'P1 hand-off':>12} {'turns after fact':>16}")  # fmt: skip
    for r in results:
        right, total = r.slot_scores()
        hand_off = f"{r.hand_off_call_time:.1f} s" if r.hand_off_call_time is not None else "-"
        if r.script.p1 and r.hand_off_call_time is None:
            hand_off = "MISSED"
        after = "-" if r.hand_off_turns_after_fact is None else str(r.hand_off_turns_after_fact)
        location = "-" if r.location_turns is None else str(r.location_turns)
        print(f"{r.script.id:28} {len(r.report.turns):5d} {percentile(r.delays, .5):8.2f}s "
              f"{percentile(r.delays, .95):5.2f}s {percentile(r.answer_delays, .5):9.2f}s "
              f"{right:3d}/{total:<3d} {location:>9} "
              f"{hand_off:>12} {after:>16}")  # fmt: skip
    delays = [d for r in results for d in r.delays]
    right = sum(r.slot_scores()[0] for r in results)
    total = sum(r.slot_scores()[1] for r in results)
    p1 = [r for r in results if r.script.p1]
    on_time = sum(1 for r in p1 if r.hand_off_turns_after_fact is not None
                  and r.hand_off_turns_after_fact <= 2)  # fmt: skip
    print(f"\nresponse delay over {len(delays)} caller turns: p50 {percentile(delays, .5):.2f} s, "
          f"p95 {percentile(delays, .95):.2f} s (aim: p50 < 1.5 s)")  # fmt: skip
    answers = [d for r in results for d in r.answer_delays]
    print(f"answer delay (to the first sentence after the acknowledgement): "
          f"p50 {percentile(answers, .5):.2f} s, p95 {percentile(answers, .95):.2f} s")  # fmt: skip
    print(f"slot-filling accuracy: {right}/{total} = {right / max(total, 1):.0%}")
    confirmed = [r.location_turns for r in results if r.location_turns is not None]
    if confirmed:
        print(f"caller turns to a confirmed location: mean {statistics.mean(confirmed):.1f} "
              f"({len(confirmed)}/{len(results)} calls confirmed)")  # fmt: skip
    print(f"P1 scripts handed off within two caller turns of the critical fact: "
          f"{on_time}/{len(p1)}")  # fmt: skip
    for r in results:
        print(f"\n--- {r.script.id}")
        for segment in r.report.transcripts:
            if segment["kind"] == "final":
                print(f"  {segment['start']:6.1f} {segment['speaker']:6} {segment['text']}")


async def main_async(args: argparse.Namespace) -> None:
    settings = Settings.from_env()
    models = load_models(settings)
    wanted = set(args.scripts.split(",")) if args.scripts else None
    scripts = [s for s in BENCHMARK_SCRIPTS if wanted is None or s.id in wanted]
    results: list[ScriptResult] = []
    async with callbot_server(settings, models) as (ws_url, bridge):
        for n in range(args.repeat):
            for script in scripts:
                results.append(await run_script(ws_url, bridge, script, models, args.speed, n))
    print_table(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=1.0, help="call audio x real time")
    parser.add_argument("--scripts", help="comma-separated script ids (default: all)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
