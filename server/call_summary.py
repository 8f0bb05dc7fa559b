"""Turns stored call state into the CallSummary JSON of docs/console-protocol.md.

Formatting only: never changes a call and never reads the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from server.store import AuditEntry, CallRecord
from speech.messages import TranscriptSegment


def iso(at: float | None) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, UTC).isoformat()


def effective_labels(call: CallRecord) -> tuple[str | None, str | None]:
    """(urgency, incident_type): a dispatcher override wins over the model."""
    model = call.classification or {}
    override = call.override or {}
    urgency = override.get("urgency") or model.get("urgency")
    incident_type = override.get("incident_type") or model.get("incident_type")
    return urgency, incident_type


def call_summary(call: CallRecord, rank: int | None, incident_caller_count: int) -> dict[str, Any]:
    model = call.classification or {}
    urgency, incident_type = effective_labels(call)
    return {
        "call_id": call.call_id,
        "caller_number": call.caller_number,
        "trunk": call.trunk,
        "source": call.source,
        "status": call.status,
        "rank": rank,
        "urgency": urgency,
        "incident_type": incident_type,
        "confidence": model.get("confidence", {"incident_type": None, "urgency": None}),
        "reasons": model.get("reasons", []),
        "red_flags": model.get("red_flags", []),
        "red_flag_words": model.get("red_flag_words", []),
        "location": model.get("location"),
        "address": model.get("address"),
        "people_at_risk": model.get("people_at_risk"),
        "weapon": model.get("weapon"),
        "callback_number": model.get("callback_number"),
        "model_version": model.get("model_version"),
        "started_at": iso(call.started_at),
        "last_activity_at": iso(call.last_activity_at),
        "ended_at": iso(call.ended_at),
        "end_reason": call.end_reason,
        "transcript_tail": call.transcript_tail,
        "incident_id": call.incident_id,
        "incident_caller_count": incident_caller_count,
        "claimed_by": call.claimed_by,
        "override": call.override,
        "flagged_for_pickup": call.flagged_for_pickup,
        "live": call.live,
    }


def segment_json(segment: TranscriptSegment) -> dict[str, Any]:
    return {
        "kind": segment.kind.value,
        "text": segment.text,
        "start": round(segment.start, 3),
        "end": round(segment.end, 3),
        "utterance_id": segment.utterance_id,
        "speaker": segment.speaker,
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": iso(entry.at),
        "username": entry.username,
        "action": entry.action,
        "call_id": entry.call_id,
        "details": entry.details,
    }
