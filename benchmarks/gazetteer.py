"""Gazetteer benchmark: load time and per-call matching latency on one core, plus how often the
matcher finds the labelled place in ../shared/devcalls (independent caller texts).

Run: `nice .venv/bin/python -m benchmarks.gazetteer [--repeat 5]`. Latency is one
`Gazetteer.match` on a whole transcript (the demo calls' and the devcalls' texts), as CPU time
per call and as the best wall time of the repeats; wall times are noisy on a shared 2-core box.
Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from classifiers.gazetteer import Gazetteer

REPO = Path(__file__).resolve().parents[1]
DEVCALLS = REPO.parent / "shared" / "devcalls" / "calls.jsonl"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started

    texts = [
        json.loads(path.read_text(encoding="utf-8"))["reference_transcript"]
        for path in sorted((REPO / "samples").glob("*.json"))
    ]
    devcalls = []
    if DEVCALLS.exists():
        devcalls = [json.loads(line) for line in DEVCALLS.read_text(encoding="utf-8").splitlines()]
        texts += [row["text"] for row in devcalls]
    for text in texts:  # warm the caches once, as a running server would be
        gazetteer.match(text)
    # CPU time of each call (what one core spends; the box's other jobs do not count) and, per
    # transcript, the best wall time of the repeats (a call that was not preempted)
    cpu_ms: list[float] = []
    best_wall_ms: list[float] = []
    for text in texts:
        walls = []
        for _ in range(args.repeat):
            cpu, wall = time.process_time(), time.perf_counter()
            gazetteer.match(text)
            walls.append((time.perf_counter() - wall) * 1000)
            cpu_ms.append((time.process_time() - cpu) * 1000)
        best_wall_ms.append(min(walls))
    words = statistics.mean(len(text.split()) for text in texts)
    print(f"load: {load_s:.2f} s ({len(gazetteer.tables.items)} units, streets and landmarks)")
    for label, values in (("cpu per call", cpu_ms), ("best wall per transcript", best_wall_ms)):
        print(
            f"{label}: {len(values)} values, {len(texts)} transcripts of {words:.0f} words: "
            f"p50 {_percentile(values, 0.5):.2f} ms, p95 {_percentile(values, 0.95):.2f} ms, "
            f"p99 {_percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms"
        )
    if not devcalls:
        print(f"({DEVCALLS} not found: no accuracy report)")
        return
    outcome: Counter[tuple[str, str]] = Counter()
    for row in devcalls:
        match = gazetteer.match(row["text"])
        label = row["location"]
        if label is None:
            kind = "no place labelled, none found" if match is None else "no place labelled, found"
        elif match is None:
            kind = "place labelled, none found"
        else:
            start = row["text"].find(label)
            overlaps = match.start < start + len(label) and match.end > start
            kind = "place labelled, found on it" if overlaps else "place labelled, found elsewhere"
        outcome[(row["style"], kind)] += 1
    print("devcalls (style, outcome: calls):")
    for style in sorted({style for style, _ in outcome}):
        cells = ", ".join(f"{kind}: {n}" for (s, kind), n in sorted(outcome.items()) if s == style)
        print(f"  {style}: {cells}")


if __name__ == "__main__":
    main()
