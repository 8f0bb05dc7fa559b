"""Console fan-out benchmark: K console websockets watch M calls streamed in real time into a
`triage serve` subprocess; prints, per K, the delay from a final transcript segment to its
classification reaching every console (p50/p95), and the server's CPU and memory.

Two delays per final: from its `emitted_at` (the recogniser's clock, read from the server's
database afterwards: includes classifying and persisting it) and from the moment the server sent
the segment (its first sighting on loopback: the fan-out alone, since the server sends a final
and its classification back to back once the classifier has run).

Measurement only: it starts its own server on a loopback port with a temporary database. Run:
    nice .venv/bin/python -m benchmarks.console [--consoles 1 10 50] [--calls 4]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import websockets

from server.live_feed import FeedResult, stream_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CALL_SAMPLES = (
    "fire_p1_address_late",
    "medical_p1_stroke",
    "violent_p1_stabbing",
    "traffic_p2_injured_bikers",
    "rescue_p1_child_drowning",
    "hazard_p2_gas_leak",
    "missing_p2_child_park",
    "property_p2_break_in_now",
)
TRUNK, SECRET = "114", "bench-secret"
USERNAME, PASSWORD = "bench", "bench-password"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- server process
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process from /proc/<pid>/stat (fields 14 and 15)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def triage_server(workdir: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    env = {
        **os.environ,
        "HOTLINE_DB_PATH": str(workdir / "bench.sqlite3"),
        "HOTLINE_RECORDINGS_DIR": str(workdir / "recordings"),
        "HOTLINE_TRUNK_SECRETS": f"{TRUNK}={SECRET}",
    }
    triage = str(Path(sys.executable).with_name("triage"))
    subprocess.run(
        [triage, "users", "create", "--username", USERNAME, "--role", "dispatcher"],
        input=PASSWORD + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [triage, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900  # the first run may build the classifier
        while True:
            if process.poll() is not None:
                raise SystemExit(f"triage serve exited; see {workdir / 'server.log'}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("triage serve did not answer /healthz in 15 minutes")
            time.sleep(0.5)
        yield base_url, process.pid, workdir / "bench.sqlite3"
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# ---------------------------------------------------------------- consoles
@dataclass
class Console:
    received: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    async def run(self, url: str, ready: asyncio.Event, counter: list[int], total: int) -> None:
        async with websockets.connect(url, max_size=2**24) as socket:
            async for frame in socket:
                message = json.loads(frame)
                self.received.append((time.time(), message))
                if message.get("type") == "snapshot" and not ready.is_set():
                    counter[0] += 1
                    if counter[0] == total:
                        ready.set()


def is_final(message: dict[str, Any], call_id: str, segment: dict[str, Any]) -> bool:
    return (
        message.get("type") == "transcript"
        and message["call_id"] == call_id
        and message["segment"]["kind"] == "final"
        and message["segment"]["utterance_id"] == segment["utterance_id"]
        and message["segment"]["text"] == segment["text"]
    )


def carries(message: dict[str, Any], call_id: str, classification: dict[str, Any]) -> bool:
    if message.get("type") != "call_updated" or message["call"]["call_id"] != call_id:
        return False
    call = message["call"]
    return (
        call["confidence"] == classification["confidence"]
        and call["reasons"] == classification["reasons"]
    )


def emitted_at(db_path: Path, call_id: str, segment: dict[str, Any]) -> float | None:
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        row = db.execute(
            "SELECT emitted_at FROM segments WHERE call_id = ? AND utterance_id = ? AND text = ? "
            "AND kind = 'final'",
            (call_id, segment["utterance_id"], segment["text"]),
        ).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def fanout_delays(
    consoles: list[Console], feeds: list[FeedResult], db_path: Path
) -> tuple[list[float], list[float], int]:
    """Per classified final: seconds from its emitted_at, and from its first sighting (the
    server's send time on loopback), to the last console receiving the call_updated that carries
    its classification. Returns (from_emitted, from_sent, finals missing on some console)."""
    from_emitted: list[float] = []
    delays, missing = [], 0
    for feed in feeds:
        last_final: dict[str, Any] | None = None
        for message in feed.messages:
            if message.get("type") == "transcript" and message["segment"]["kind"] == "final":
                if message["segment"].get("speaker", "caller") == "caller":
                    last_final = message["segment"]
                continue
            if message.get("type") != "triage" or last_final is None:
                continue
            sightings, arrivals = [], []
            for console in consoles:
                seen_at = next(
                    (t for t, m in console.received if is_final(m, feed.call_id, last_final)),
                    None,
                )
                arrived = (
                    None
                    if seen_at is None
                    else next(
                        (
                            t
                            for t, m in console.received
                            if t >= seen_at and carries(m, feed.call_id, message["classification"])
                        ),
                        None,
                    )
                )
                if seen_at is None or arrived is None:
                    break
                sightings.append(seen_at)
                arrivals.append(arrived)
            else:
                delays.append(max(arrivals) - min(sightings))
                emitted = emitted_at(db_path, feed.call_id, last_final)
                if emitted is not None:
                    from_emitted.append(max(arrivals) - emitted)
                last_final = None
                continue
            missing += 1
            last_final = None
    return from_emitted, delays, missing


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ---------------------------------------------------------------- one run
@dataclass
class RunResult:
    consoles: int
    calls: int
    finals: int
    missing: int
    emitted_p50_ms: float
    emitted_p95_ms: float
    p50_ms: float
    p95_ms: float
    cpu_percent: float
    rss_peak_mib: float
    wall_s: float


async def run_once(
    base_url: str, pid: int, db_path: Path, k: int, m: int, run_tag: str
) -> RunResult:
    async with httpx.AsyncClient(base_url=base_url) as http:
        login = await http.post("/api/login", json={"username": USERNAME, "password": PASSWORD})
        login.raise_for_status()
        token = login.json()["token"]
    ws_url = base_url.replace("http://", "ws://") + f"/ws/console?token={token}"
    consoles = [Console() for _ in range(k)]
    ready, counter = asyncio.Event(), [0]
    readers = [asyncio.create_task(c.run(ws_url, ready, counter, k)) for c in consoles]
    await asyncio.wait_for(ready.wait(), 60)

    rss_peak = rss_mib(pid)
    cpu_before, began = cpu_seconds(pid), time.monotonic()
    feeds = [
        asyncio.create_task(
            stream_file(
                base_url,
                SAMPLES / f"{CALL_SAMPLES[i % len(CALL_SAMPLES)]}.wav",
                call_id=f"bench-{run_tag}-{i}",
                trunk=TRUNK,
                secret=SECRET,
                speed=1.0,
                end_timeout_s=120,
            )
        )
        for i in range(m)
    ]
    while not all(task.done() for task in feeds):
        rss_peak = max(rss_peak, rss_mib(pid))
        await asyncio.sleep(0.25)
    results = [task.result() for task in feeds]
    await asyncio.sleep(1.0)  # let the last call_updated reach every console
    wall = time.monotonic() - began
    cpu = cpu_seconds(pid) - cpu_before
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)

    from_emitted, delays, missing = fanout_delays(consoles, results, db_path)
    return RunResult(
        consoles=k,
        calls=m,
        finals=len(delays),
        missing=missing,
        emitted_p50_ms=percentile(from_emitted, 0.50) * 1000,
        emitted_p95_ms=percentile(from_emitted, 0.95) * 1000,
        p50_ms=percentile(delays, 0.50) * 1000,
        p95_ms=percentile(delays, 0.95) * 1000,
        cpu_percent=100 * cpu / wall,
        rss_peak_mib=rss_peak,
        wall_s=wall,
    )


def print_table(rows: list[RunResult]) -> None:
    header = (
        f"{'K consoles':>10} {'M calls':>7} {'finals':>6} {'missed':>6} "
        f"{'emit->all p50':>13} {'p95':>6} {'sent->all p50':>13} {'p95':>6} "
        f"{'srv CPU %':>9} {'srv RSS MiB':>11} {'wall s':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r.consoles:>10} {r.calls:>7} {r.finals:>6} {r.missing:>6} "
            f"{r.emitted_p50_ms:>13.1f} {r.emitted_p95_ms:>6.1f} {r.p50_ms:>13.1f} "
            f"{r.p95_ms:>6.1f} {r.cpu_percent:>9.0f} {r.rss_peak_mib:>11.0f} {r.wall_s:>6.1f}"
        )
    print(
        "delays in ms, to the call_updated carrying the final's classification at the LAST "
        "console; emit = the final's emitted_at (recogniser clock), sent = the final's first "
        "sighting (server send time on loopback). CPU % is of one core, server process only; "
        "RSS is the peak sampled every 0.25 s."
    )


async def main_async(args: argparse.Namespace) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="console-bench-") as tmp,
        triage_server(Path(tmp)) as (base_url, pid, db_path),
    ):
        print(f"server pid {pid} on {base_url}; {os.cpu_count()} CPUs", file=sys.stderr)
        rows = []
        for k in args.consoles:
            print(f"K={k} M={args.calls} ...", file=sys.stderr)
            rows.append(await run_once(base_url, pid, db_path, k, args.calls, f"k{k}"))
        print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consoles", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--calls", type=int, default=4)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
