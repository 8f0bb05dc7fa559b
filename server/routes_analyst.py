"""The analysts' part of the console: search past calls, open one (timeline, transcript, labels,
audit trail, recording) and export a selection as CSV or JSON.

Read-only over the store (an export is the one thing it writes: its own audit entry); it never
changes a call and never runs a model.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import FileResponse, HTMLResponse, Response

from classifiers.labels import IncidentType, Urgency
from classifiers.text_norm import has_diacritics, strip_diacritics
from server.auth import require_roles
from server.store import AccountRecord, CallRecord, Store

STATIC_DIR = Path(__file__).resolve().parent / "static"
ANALYST_ROLES = ("analyst", "supervisor")
MAX_RESULTS = 1000
# How many recent calls a search looks through; older ones need a narrower time range.
SCAN_LIMIT = 20_000
EXPORT_COLUMNS = (
    "call_id",
    "started_at",
    "ended_at",
    "trunk",
    "caller_number",
    "status",
    "incident_type",
    "urgency",
    "model_incident_type",
    "model_urgency",
    "overridden",
    "location",
    "people_at_risk",
    "weapon",
    "callback_number",
    "incident_id",
    "transcript",
)

Analyst = Annotated[AccountRecord, Depends(require_roles(*ANALYST_ROLES))]
router = APIRouter()


@dataclass(frozen=True, slots=True)
class CallFilter:
    """What an analyst searches by; every part optional. Times are epoch seconds."""

    started_from: float | None = None
    started_to: float | None = None
    incident_type: str | None = None
    urgency: str | None = None
    text: str | None = None

    def matches_labels(self, call: CallRecord) -> bool:
        if self.started_from is not None and call.started_at < self.started_from:
            return False
        if self.started_to is not None and call.started_at > self.started_to:
            return False
        labels = effective_labels(call)
        if self.incident_type and labels["incident_type"] != self.incident_type:
            return False
        return not (self.urgency and labels["urgency"] != self.urgency)


def effective_labels(call: CallRecord) -> dict[str, Any]:
    """A dispatcher's override wins over the model, as in the live queue."""
    model = call.classification or {}
    override = call.override or {}
    return {
        "incident_type": override.get("incident_type") or model.get("incident_type"),
        "urgency": override.get("urgency") or model.get("urgency"),
    }


def _iso(epoch: float | None) -> str | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC).isoformat()


def _epoch(text: str | None, name: str) -> float | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"{name} must be an ISO-8601 time"
        ) from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def call_row(call: CallRecord) -> dict[str, Any]:
    """One search result: the stored call with its effective labels and extracted fields."""
    model = call.classification or {}
    labels = effective_labels(call)
    return {
        "call_id": call.call_id,
        "started_at": _iso(call.started_at),
        "ended_at": _iso(call.ended_at),
        "trunk": call.trunk,
        "caller_number": call.caller_number,
        "source": call.source,
        "status": call.status,
        "end_reason": call.end_reason,
        "incident_type": labels["incident_type"],
        "urgency": labels["urgency"],
        "model_incident_type": model.get("incident_type"),
        "model_urgency": model.get("urgency"),
        "override": call.override,
        "reasons": model.get("reasons", []),
        "red_flags": model.get("red_flags", []),
        "location": model.get("location"),
        "people_at_risk": model.get("people_at_risk"),
        "weapon": model.get("weapon"),
        "callback_number": model.get("callback_number"),
        "incident_id": call.incident_id,
        "claimed_by": call.claimed_by,
        "transcript_tail": call.transcript_tail,
    }


def caller_transcript(segments: list[dict[str, Any]]) -> str:
    return " ".join(
        str(s.get("text", "")).strip()
        for s in segments
        if s.get("kind") == "final" and s.get("speaker", "caller") == "caller"
    ).strip()


def text_matcher(query: str) -> Callable[[str], bool]:
    """Case-insensitive; a query typed without marks ("khoi") also finds "khói" (and "khỏi"),
    one typed with marks matches them exactly, as Vietnamese search engines do."""
    exact = has_diacritics(query)

    def view(text: str) -> str:
        return " ".join((text if exact else strip_diacritics(text)).casefold().split())

    needle = view(query)
    return lambda text: needle in view(text)


def search_calls(
    store: Store, call_filter: CallFilter, limit: int
) -> tuple[list[CallRecord], bool]:
    """Newest first; True when more calls matched than `limit`."""
    found: list[CallRecord] = []
    query = call_filter.text.strip() if call_filter.text else ""
    said = text_matcher(query) if query else None
    for call in store.list_calls(limit=SCAN_LIMIT):
        if not call_filter.matches_labels(call):
            continue
        if said is not None and not said(call.transcript_tail):
            # The tail is only the last words; the full transcript decides.
            if not said(caller_transcript(store.segments(call.call_id))):
                continue
        found.append(call)
        if len(found) > limit:
            return found[:limit], True
    return found, False


def _filter(
    started_from: str | None,
    started_to: str | None,
    incident_type: str | None,
    urgency: str | None,
    text: str | None,
) -> CallFilter:
    if incident_type and incident_type not in IncidentType.__members__.values():
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"unknown type {incident_type!r}: use a name from shared/labels.md",
        )
    if urgency and urgency not in Urgency.__members__.values():
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "urgency is P1, P2, P3 or P4")
    return CallFilter(
        _epoch(started_from, "from"),
        _epoch(started_to, "to"),
        incident_type or None,
        urgency or None,
        text or None,
    )


def _store(request: Request) -> Store:
    return request.app.state.runtime.store


FromQuery = Annotated[str | None, Query(alias="from")]
ToQuery = Annotated[str | None, Query(alias="to")]
TypeQuery = Annotated[str | None, Query(alias="type")]
TextQuery = Annotated[str | None, Query(alias="q", max_length=200)]


@router.get("/api/analyst/calls")
def list_past_calls(
    request: Request,
    account: Analyst,
    started_from: FromQuery = None,
    started_to: ToQuery = None,
    incident_type: TypeQuery = None,
    urgency: str | None = None,
    text: TextQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 200,
) -> dict[str, Any]:
    call_filter = _filter(started_from, started_to, incident_type, urgency, text)
    calls, truncated = search_calls(_store(request), call_filter, limit)
    return {"calls": [call_row(c) for c in calls], "truncated": truncated}


@router.get("/api/analyst/calls/{call_id}")
def open_past_call(request: Request, call_id: str, account: Analyst) -> dict[str, Any]:
    store = _store(request)
    call = store.get_call(call_id)
    if call is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no call {call_id!r}")
    segments = store.segments(call_id)
    return {
        "call": call_row(call),
        "segments": segments,
        "transcript": caller_transcript(segments),
        "classifications": store.classifications(call_id),
        "audit": [
            {
                "id": e.id,
                "at": _iso(e.at),
                "username": e.username,
                "action": e.action,
                "call_id": e.call_id,
                "details": e.details,
            }
            for e in store.audit(call_id)
        ],
        "has_recording": _recording(call) is not None,
    }


def _recording(call: CallRecord) -> Path | None:
    if not call.recording_path:
        return None
    path = Path(call.recording_path)
    return path if path.is_file() else None


@router.get("/api/analyst/calls/{call_id}/recording")
def past_call_recording(request: Request, call_id: str, account: Analyst) -> FileResponse:
    call = _store(request).get_call(call_id)
    path = _recording(call) if call else None
    if path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no recording for call {call_id!r}")
    return FileResponse(path, media_type="audio/wav", filename=f"{call_id}.wav")


@router.get("/api/analyst/export.{export_format}")
def export_calls(
    request: Request,
    export_format: str,
    account: Analyst,
    started_from: FromQuery = None,
    started_to: ToQuery = None,
    incident_type: TypeQuery = None,
    urgency: str | None = None,
    text: TextQuery = None,
) -> Response:
    if export_format not in ("csv", "json"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "export as .csv or .json")
    store = _store(request)
    call_filter = _filter(started_from, started_to, incident_type, urgency, text)
    calls, truncated = search_calls(store, call_filter, MAX_RESULTS)
    rows = []
    for call in calls:
        row = call_row(call)
        row["overridden"] = call.override is not None
        row["transcript"] = caller_transcript(store.segments(call.call_id))
        rows.append(row)
    # Exports carry caller data out of the system: who took what is on the audit trail.
    store.append_audit(
        account.username,
        "export",
        None,
        {
            "format": export_format,
            "calls": len(rows),
            "truncated": truncated,
            "filter": {k: v for k, v in asdict(call_filter).items() if v is not None},
        },
        time.time(),
    )
    name = f"calls-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.{export_format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if export_format == "json":
        body = json.dumps({"calls": rows, "truncated": truncated}, ensure_ascii=False, indent=1)
        return Response(body, media_type="application/json", headers=headers)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/analyst", include_in_schema=False)
def analyst_page() -> HTMLResponse:
    return HTMLResponse((STATIC_DIR / "analyst.html").read_text(encoding="utf-8"))


@router.get("/analyst.js", include_in_schema=False)
def analyst_script() -> Response:
    return Response(
        (STATIC_DIR / "analyst.js").read_text(encoding="utf-8"),
        media_type="text/javascript; charset=utf-8",
    )
