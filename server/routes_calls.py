"""Console HTTP actions on calls (docs/console-protocol.md): read, claim, release, override,
dispatch, close. Each action is checked and audited in one transaction and broadcast.

No business rule lives here beyond input validation: LiveCallRegistry.act decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from classifiers.labels import IncidentType, Urgency
from server.auth import AnyAccount, DispatcherAccount
from server.call_summary import audit_json, iso
from server.live_calls import ActionRefused
from server.runtime import ServerRuntime
from server.speaker_channel import recording_path
from server.store import AccountRecord
from server.unit_roster import unit_json
from triage.units import UnitStatus

router = APIRouter(prefix="/api")


class OverrideBody(BaseModel):
    urgency: Urgency | None = None
    incident_type: IncidentType | None = None
    reason: str = Field(min_length=1, max_length=500)
    # Lowering a P1/P2 call is refused without it: the console asks the dispatcher first.
    confirm_downgrade: bool = False


class DispatchBody(BaseModel):
    units: list[str] = Field(default_factory=list, max_length=10)  # unit ids from /api/units
    note: str | None = Field(default=None, max_length=200)


class UnitStatusBody(BaseModel):
    status: UnitStatus


class CloseBody(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


def _runtime(request: Request) -> ServerRuntime:
    return request.app.state.runtime


@router.get("/queue")
def queue(request: Request, _: DispatcherAccount) -> dict[str, Any]:
    return {"queue": _runtime(request).registry.snapshot()}


@router.get("/calls/{call_id}")
def call_detail(call_id: str, request: Request, _: AnyAccount) -> dict[str, Any]:
    runtime = _runtime(request)
    record = runtime.registry.open_record(call_id) or runtime.store.get_call(call_id)
    if record is None:
        raise HTTPException(404, f"no call {call_id!r}")
    classifications = runtime.store.classifications(call_id)
    for item in classifications:
        item["at"] = iso(item["at"])
    return {
        "call": runtime.registry.summary(record),
        "segments": runtime.store.segments(call_id),
        "classifications": classifications,
        "audit": [audit_json(entry) for entry in runtime.store.audit(call_id)],
    }


@router.get("/calls/{call_id}/recording")
def call_recording(
    call_id: str,
    request: Request,
    _: AnyAccount,
    speaker: Literal["caller", "dispatcher"] = "caller",
) -> FileResponse:
    """The caller's line as the models heard it, or (`speaker=dispatcher`) the dispatcher's
    voice on its own file, aligned to the same call time."""
    runtime = _runtime(request)
    record = runtime.registry.open_record(call_id) or runtime.store.get_call(call_id)
    path = Path(record.recording_path) if record and record.recording_path else None
    if path is not None and speaker != "caller":
        path = recording_path(path, speaker)
    if path is None or not path.is_file():
        raise HTTPException(404, f"no {speaker} recording for call {call_id!r}")
    return FileResponse(path, media_type="audio/wav")


async def _act(
    request: Request, call_id: str, account: AccountRecord, action: str, details: dict[str, Any]
) -> dict[str, Any]:
    registry = _runtime(request).registry
    try:
        record = await registry.act(call_id, account, action, details)
    except ActionRefused as refused:
        raise HTTPException(refused.status_code, str(refused)) from refused
    return {"call": registry.summary(record)}


@router.post("/calls/{call_id}/claim")
async def claim(call_id: str, request: Request, account: DispatcherAccount) -> dict[str, Any]:
    return await _act(request, call_id, account, "claim", {})


@router.post("/calls/{call_id}/release")
async def release(call_id: str, request: Request, account: DispatcherAccount) -> dict[str, Any]:
    return await _act(request, call_id, account, "release", {})


@router.post("/calls/{call_id}/override")
async def override(
    call_id: str,
    body: OverrideBody,
    request: Request,
    account: DispatcherAccount,
) -> dict[str, Any]:
    if body.urgency is None and body.incident_type is None:
        raise HTTPException(422, "give urgency and/or incident_type to override")
    details: dict[str, Any] = {
        "urgency": body.urgency.value if body.urgency else None,
        "incident_type": body.incident_type.value if body.incident_type else None,
        "reason": body.reason,
    }
    if body.confirm_downgrade:
        details["confirm_downgrade"] = True
    return await _act(request, call_id, account, "override", details)


@router.post("/calls/{call_id}/dispatch")
async def dispatch(
    call_id: str,
    request: Request,
    account: DispatcherAccount,
    body: DispatchBody | None = None,
) -> dict[str, Any]:
    body = body or DispatchBody()
    details: dict[str, Any] = {"units": body.units}
    if body.note:
        details["note"] = body.note
    return await _act(request, call_id, account, "dispatch", details)


@router.post("/calls/{call_id}/close")
async def close(
    call_id: str,
    body: CloseBody,
    request: Request,
    account: DispatcherAccount,
) -> dict[str, Any]:
    return await _act(request, call_id, account, "close", {"reason": body.reason})


@router.get("/units")
def units(request: Request, _: DispatcherAccount) -> dict[str, Any]:
    return {"units": [unit_json(unit) for unit in _runtime(request).registry.units.all()]}


@router.post("/units/{unit_id}/status")
def unit_status(
    unit_id: str, body: UnitStatusBody, request: Request, account: DispatcherAccount
) -> dict[str, Any]:
    registry = _runtime(request).registry
    try:
        registry.move_unit(unit_id, body.status, account)
    except ActionRefused as refused:
        raise HTTPException(refused.status_code, str(refused)) from refused
    unit = registry.units.get(unit_id)
    return {"unit": unit_json(unit) if unit else None}


@router.post("/calls/{call_id}/call_back")
async def call_back(call_id: str, request: Request, account: DispatcherAccount) -> dict[str, Any]:
    """Dial an abandoned caller back where the trunk can; 409 says to call by hand otherwise."""
    registry = _runtime(request).registry
    try:
        record, new_call_id = await registry.call_back(call_id, account)
    except ActionRefused as refused:
        raise HTTPException(refused.status_code, str(refused)) from refused
    return {"call": registry.summary(record), "new_call_id": new_call_id}
