"""The demo feeder: streams a few sample calls into a running server in real time, staggered,
so a newcomer sees calls arrive, transcribe and rank.

A client of /ws/calls only (through live_feed); it never touches the server's internals.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from pathlib import Path

from server.live_feed import stream_file

log = logging.getLogger(__name__)

# Urgency mix of the demo: P1 calls to land on top, and lower ones for them to overtake.
DEMO_MIX = ("P3", "P4", "P2", "P1", "P2", "P1")
# Samples the bundled models labelled right in a full replay (2026-11-29), in arrival order:
# lower urgencies first so the P1 calls visibly overtake them.
DEMO_CALLS = (
    "domestic_p3_report_last_night",
    "non_emergency_procedure_question",
    "property_p2_smashing_cars",
    "fire_p1_calm_smoke_upstairs",
    "violent_p2_fight",
    "medical_p1_calm_father_fall",
)


def pick_demo_calls(samples_dir: Path, count: int = len(DEMO_MIX)) -> list[Path]:
    """DEMO_CALLS when they are there, else short-to-medium calls following DEMO_MIX."""
    known = [samples_dir / f"{name}.wav" for name in DEMO_CALLS[:count]]
    if all(path.is_file() for path in known):
        return known
    by_urgency: dict[str, list[tuple[float, Path]]] = {}
    for sidecar in sorted(samples_dir.glob("*.json")):
        wav = sidecar.with_suffix(".wav")
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not wav.is_file() or not isinstance(meta, dict) or "urgency" not in meta:
            continue
        duration = float(meta.get("duration") or 0)
        if 3 <= duration <= 25:
            by_urgency.setdefault(meta["urgency"], []).append((duration, wav))
    chosen: list[Path] = []
    for urgency in DEMO_MIX[:count]:
        candidates = [p for _, p in sorted(by_urgency.get(urgency, [])) if p not in chosen]
        if candidates:
            chosen.append(candidates[0])
    return chosen


def _trunk_of(path: Path, secrets: Mapping[str, str]) -> str:
    """The sample's own trunk (its sidecar says which number was called) if we accept it."""
    try:
        trunk = json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("trunk")
    except (OSError, ValueError, AttributeError):
        trunk = None
    return trunk if trunk in secrets else next(iter(secrets))


async def feed_demo_calls(
    base_url: str,
    calls: list[Path],
    secrets: Mapping[str, str],
    stagger_s: float = 6.0,
) -> None:
    """Start one call every `stagger_s` seconds; each streams in real time."""
    stamp = time.strftime("%H%M%S")

    async def one(index: int, path: Path) -> None:
        await asyncio.sleep(index * stagger_s)
        call_id = f"demo-{stamp}-{index + 1}-{path.stem}"[:64]
        trunk = _trunk_of(path, secrets)
        try:
            result = await stream_file(
                base_url,
                path,
                call_id=call_id,
                trunk=trunk,
                secret=secrets[trunk],
                caller_number=f"09{index + 1:08d}",
                speed=1.0,
            )
            log.info("demo call %s ended: %s", call_id, result.ended_reason)
        except Exception as error:  # one failed demo call must not stop the others
            log.warning("demo call %s failed: %s", call_id, error)

    await asyncio.gather(*(one(i, path) for i, path in enumerate(calls)))
