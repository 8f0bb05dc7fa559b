"""Writes a replay's results: a self-contained HTML report (tables and inline matplotlib plots),
a JSON file with every call's timeline, and a CSV with one row per call.

Never runs a model and never fetches anything: the HTML opens offline from a single file.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import math
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from classifiers.labels import INCIDENT_TYPES, URGENCIES
from speech.messages import TranscriptSegment
from triage.pipeline import TriageUpdate
from triage.replay.metrics import Aggregate, aggregate
from triage.replay.runner import BatchReplay, CallReplay

URGENCY_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#2e7d32")  # P1..P4
CSV_COLUMNS = (
    "call_id",
    "file",
    "audio_seconds",
    "error",
    "true_type",
    "predicted_type",
    "type_correct",
    "true_urgency",
    "predicted_urgency",
    "urgency_correct",
    "time_to_correct_type",
    "time_to_correct_urgency",
    "time_to_correct_triage",
    "decisive_time",
    "delay_after_decisive",
    "cer",
    "wer",
    "location",
    "people_at_risk",
    "weapon",
    "callback_number",
    "updates",
    "wall_seconds",
    "slowest_step_seconds",
)


def summarize(batch: BatchReplay) -> Aggregate:
    replayed = [c for c in batch.calls if c.error is None]
    return aggregate(
        [c.score() for c in replayed], len(batch.calls) - len(replayed), batch.wall_seconds
    )


def write_reports(batch: BatchReplay, out_dir: Path) -> dict[str, Path]:
    """Write report.html, replay.json and calls.csv into `out_dir`; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = summarize(batch)
    paths = {
        "html": out_dir / "report.html",
        "json": out_dir / "replay.json",
        "csv": out_dir / "calls.csv",
    }
    paths["json"].write_text(
        json.dumps(batch_to_json(batch, summary), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    with paths["csv"].open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for call in batch.calls:
            writer.writerow(call_row(call))
    paths["html"].write_text(render_html(batch, summary), encoding="utf-8")
    return paths


def call_row(call: CallReplay) -> dict[str, object]:
    """One CSV row (also the per-call table of the HTML report)."""
    reference = call.recording.reference
    score = call.score()
    fields = call.final.fields if call.final else None
    return {
        "call_id": call.call_id,
        "file": str(call.recording.path),
        "audio_seconds": round(call.audio_seconds, 2),
        "error": call.error or "",
        "true_type": score.true_type or "",
        "predicted_type": score.predicted_type or "",
        "type_correct": _correct(score.true_type, score.predicted_type),
        "true_urgency": score.true_urgency or "",
        "predicted_urgency": score.predicted_urgency or "",
        "urgency_correct": _correct(score.true_urgency, score.predicted_urgency),
        "time_to_correct_type": _round(call.time_to_correct("type")),
        "time_to_correct_urgency": _round(call.time_to_correct("urgency")),
        "time_to_correct_triage": _round(score.time_to_triage),
        "decisive_time": _round(reference.decisive_time if reference else None),
        "delay_after_decisive": _round(score.delay_after_decisive),
        "cer": _round(score.cer, 3),
        "wer": _round(score.wer, 3),
        "location": (fields.location if fields else None) or "",
        "people_at_risk": ""
        if not fields or fields.people_at_risk is None
        else fields.people_at_risk,
        "weapon": "" if not fields or fields.weapon is None else fields.weapon,
        "callback_number": (fields.callback_number if fields else None) or "",
        "updates": len(call.updates),
        "wall_seconds": round(call.wall_seconds, 2),
        "slowest_step_seconds": round(call.slowest_step_seconds, 3),
    }


def _correct(truth: str | None, predicted: str | None) -> str:
    if truth is None:
        return ""
    return "yes" if truth == predicted else "no"


def _round(value: float | None, digits: int = 2) -> float | str:
    return "" if value is None else round(value, digits)


def batch_to_json(batch: BatchReplay, summary: Aggregate) -> dict[str, object]:
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "realtime" if batch.realtime else "simulated",
        "aggregate": summary.to_json(),
        "calls": [call_to_json(call) for call in batch.calls],
    }


def call_to_json(call: CallReplay) -> dict[str, object]:
    reference = call.recording.reference
    return {
        **call_row(call),
        "transcript": call.transcript,
        "reference_transcript": reference.transcript if reference else None,
        "decisive_phrase": reference.decisive_phrase if reference else None,
        "sidecar_problem": call.recording.sidecar_problem,
        "final": call.final.to_json() if call.final else None,
        "timeline": [event_to_json(event) for event in call.events],
        "suppressed": [
            {"text": s.text, "reason": s.reason, "start": s.start, "end": s.end}
            for s in call.suppressed
        ],
    }


def event_to_json(event: TranscriptSegment | TriageUpdate) -> dict[str, object]:
    if isinstance(event, TriageUpdate):
        return {
            "type": "triage",
            "at": round(event.emitted_at, 3),
            "speech_until": round(event.call_time, 3),
            "escalated": event.escalated,
            "classification": event.classification.to_json(),
        }
    return {
        "type": event.kind.value,
        "at": round(event.emitted_at, 3),
        "start": round(event.start, 3),
        "end": round(event.end, 3),
        "utterance_id": event.utterance_id,
        "speaker": event.speaker,
        "text": event.text,
    }


# ---- plots ---------------------------------------------------------------------------------


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def confusion_plot(truth: list[str], predicted: list[str], labels: list[str], title: str) -> str:
    """Counts of (true, predicted) label pairs; rows are the truth."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(truth, predicted, strict=True):
        matrix[index[t], index[p]] += 1
    size = 2.2 + 0.45 * len(labels)
    figure = Figure(figsize=(size + 1, size))
    axes = figure.subplots()
    image = axes.imshow(matrix, cmap="Blues")
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04)
    axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title)
    peak = matrix.max() if matrix.size else 0
    for (row, column), count in np.ndenumerate(matrix):
        if count:
            colour = "white" if count > peak / 2 else "black"
            axes.text(column, row, str(count), ha="center", va="center", color=colour, fontsize=8)
    return _png(figure)


def time_to_triage_plot(calls: list[CallReplay]) -> str:
    """Histograms: when the triage became right, and how long after the decisive words."""
    times, delays = [], []
    for call in calls:
        score = call.score()
        if score.time_to_triage is not None:
            times.append(score.time_to_triage)
        if score.delay_after_decisive is not None:
            delays.append(score.delay_after_decisive)
    figure = Figure(figsize=(10, 3.4))
    left, right = figure.subplots(1, 2)
    left.hist(times or [0.0], bins=20, color="#1565c0", alpha=0.85 if times else 0.0)
    left.set_title(f"time to correct triage ({len(times)} calls)")
    left.set_xlabel("call time (s)")
    left.set_ylabel("calls")
    right.hist(delays or [0.0], bins=20, color="#6a1b9a", alpha=0.85 if delays else 0.0)
    right.axvline(0.0, color="black", linewidth=1)
    right.set_title("delay after the decisive words")
    right.set_xlabel("seconds after decisive_time")
    return _png(figure)


def urgency_over_time_plot(calls: list[CallReplay], resolution: float = 0.25) -> str:
    """One row per call, coloured by the urgency shown at each call time (grey: none yet)."""
    end = max((c.audio_seconds for c in calls), default=1.0) or 1.0
    steps = int(math.ceil(end / resolution)) + 1
    grid = np.full((len(calls), steps), np.nan)
    for row, call in enumerate(calls):
        for update in call.updates:
            first = int(update.emitted_at / resolution)
            grid[row, first : int(math.ceil(call.audio_seconds / resolution)) + 1] = (
                update.classification.urgency.rank
            )
    colours = ListedColormap(list(URGENCY_COLOURS)).with_extremes(bad="#e0e0e0")
    figure = Figure(figsize=(10, 1.2 + 0.22 * max(len(calls), 1)))
    axes = figure.subplots()
    axes.imshow(
        np.ma.masked_invalid(grid),
        aspect="auto",
        cmap=colours,
        vmin=-0.5,
        vmax=3.5,
        interpolation="nearest",
        extent=(0, steps * resolution, len(calls) - 0.5, -0.5),
    )
    labels = []
    for row, call in enumerate(calls):
        reference = call.recording.reference
        truth = reference.urgency.value if reference and reference.urgency else "?"
        labels.append(f"{call.call_id} ({truth})")
        if reference and reference.decisive_time is not None:
            axes.plot([reference.decisive_time] * 2, [row - 0.45, row + 0.45], color="black")
    axes.set_yticks(range(len(calls)), labels, fontsize=7)
    axes.set_xlabel("call time (s); black tick: end of the decisive words; grey: no label yet")
    axes.set_title("urgency shown over the call (red P1, orange P2, yellow P3, green P4)")
    return _png(figure)


# ---- HTML ----------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:1em 0;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0} tr.failed td{background:#fdecea} td.no{color:#c62828;font-weight:bold}
img{max-width:100%;display:block;margin:1em 0} details{margin:.3em 0}
.partial{color:#888} .triage{background:#e3f2fd}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list[object]], table_id: str, row_classes=None) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        css = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        cells = "".join(
            f'<td class="no">{_e(v)}</td>' if v == "no" else f"<td>{_e(v)}</td>" for v in row
        )
        body.append(f"<tr{css}>{cells}</tr>")
    return (
        f'<table id="{table_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render_html(batch: BatchReplay, summary: Aggregate) -> str:
    replayed = [c for c in batch.calls if c.error is None]
    labelled = [c for c in replayed if c.score().labelled]
    scores = [c.score() for c in labelled]
    type_labels = [t.value for t in INCIDENT_TYPES]
    predicted_types = [s.predicted_type or "none" for s in scores]
    if "none" in predicted_types:
        type_labels.append("none")
    plots = [
        (
            "plot-type-confusion",
            "Incident type: confusion matrix",
            confusion_plot(
                [str(s.true_type) for s in scores], predicted_types, type_labels, "incident type"
            ),
        ),
        (
            "plot-urgency-confusion",
            "Urgency: confusion matrix",
            confusion_plot(
                [str(s.true_urgency) for s in scores],
                [s.predicted_urgency or "P4" for s in scores],
                [u.value for u in URGENCIES],
                "urgency",
            ),
        ),
        ("plot-time-to-triage", "Time to correct triage", time_to_triage_plot(labelled)),
        ("plot-urgency-over-time", "Urgency over each call", urgency_over_time_plot(replayed)),
    ]
    mode = "real time (wall-clock pacing)" if batch.realtime else "simulated call time"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>hotline-triage replay report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Replay report</h1>",
        f"<p>{_e(len(batch.calls))} calls, {_e(mode)}, generated "
        f"{_e(datetime.now(UTC).isoformat(timespec='seconds'))}. Times are call time in seconds "
        "from the first sample; a label counts as correct from the moment it became right and "
        "then stayed right to the end of the call.</p>",
        "<h2>Aggregate</h2>",
        _table(["measure", "value"], [list(r) for r in summary.rows()], "aggregate"),
    ]
    for plot_id, title, png in plots:
        parts.append(f"<h2>{_e(title)}</h2>")
        parts.append(
            f'<img id="{plot_id}" class="plot" alt="{_e(title)}" src="data:image/png;base64,{png}">'
        )
    headers = [
        "call",
        "s",
        "true type",
        "predicted type",
        "true urg.",
        "predicted urg.",
        "type ok",
        "urg. ok",
        "correct from (s)",
        "decisive (s)",
        "delay (s)",
        "CER",
        "WER",
        "location",
        "error",
    ]
    rows, classes = [], []
    for call in batch.calls:
        row = call_row(call)
        rows.append(
            [
                row["call_id"],
                row["audio_seconds"],
                row["true_type"],
                row["predicted_type"],
                row["true_urgency"],
                row["predicted_urgency"],
                row["type_correct"],
                row["urgency_correct"],
                row["time_to_correct_triage"],
                row["decisive_time"],
                row["delay_after_decisive"],
                row["cer"],
                row["wer"],
                row["location"],
                row["error"],
            ]
        )
        classes.append("failed" if call.error else "")
    parts += ["<h2>Calls</h2>", _table(headers, rows, "calls", classes), "<h2>Timelines</h2>"]
    parts += [_call_details(call) for call in replayed]
    parts.append("</body></html>")
    return "\n".join(parts)


def _call_details(call: CallReplay) -> str:
    reference = call.recording.reference
    lines = []
    for event in call.events:
        if isinstance(event, TriageUpdate):
            c = event.classification
            lines.append(
                f'<tr class="triage"><td>{event.emitted_at:.2f}</td><td>triage</td><td>'
                f"{_e(c.incident_type)} / {_e(c.urgency)}"
                f"{' (escalated)' if event.escalated else ''}: "
                f"{_e('; '.join(c.reasons))}</td></tr>"
            )
        elif event.is_final:
            lines.append(
                f"<tr><td>{event.emitted_at:.2f}</td><td>final "
                f"{event.start:.1f}-{event.end:.1f}</td><td>{_e(event.text)}</td></tr>"
            )
    reference_text = _e(reference.transcript) if reference else "(no sidecar)"
    return (
        f"<details><summary>{_e(call.call_id)}: {_e(call.recording.path.name)}</summary>"
        f"<p><b>transcript:</b> {_e(call.transcript)}<br><b>reference:</b> {reference_text}</p>"
        f"<table><thead><tr><th>at (s)</th><th>event</th><th>content</th></tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table></details>"
    )
