"""Supervisor and analyst endpoints: accounts and the audit log.

Never exposes password hashes; never edits or deletes an audit entry.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from server.auth import AuditReaderAccount, SupervisorAccount
from server.call_summary import audit_json, iso
from server.runtime import ServerRuntime
from server.store import StoreError

router = APIRouter(prefix="/api")


class NewAccount(BaseModel):
    username: str
    password: str
    role: str


@router.get("/users")
def list_users(request: Request, _: SupervisorAccount) -> dict[str, Any]:
    runtime: ServerRuntime = request.app.state.runtime
    return {
        "users": [
            {"username": a.username, "role": a.role, "created_at": iso(a.created_at)}
            for a in runtime.store.list_accounts()
        ]
    }


@router.post("/users", status_code=201)
def create_user(
    body: NewAccount,
    request: Request,
    account: SupervisorAccount,
) -> dict[str, str]:
    runtime: ServerRuntime = request.app.state.runtime
    try:
        created = runtime.accounts.create(body.username, body.password, body.role)
    except StoreError as error:
        raise HTTPException(409, str(error)) from error
    entry = runtime.store.append_audit(
        account.username,
        "create_user",
        None,
        {"username": created.username, "role": created.role},
        time.time(),
    )
    runtime.registry.audit_entry(entry)
    return {"username": created.username, "role": created.role}


@router.get("/audit")
def audit_log(
    request: Request,
    _: AuditReaderAccount,
    call_id: str | None = None,
    limit: int = 500,
) -> dict[str, Any]:
    runtime: ServerRuntime = request.app.state.runtime
    entries = runtime.store.audit(call_id, limit=max(1, min(limit, 5000)))
    return {"entries": [audit_json(entry) for entry in entries]}
