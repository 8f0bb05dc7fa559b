"""`/api/login`, `/api/logout`, `/api/me`: session tokens for the console.

Never returns or logs a password hash; a failed login says nothing about which part was wrong.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from server.auth import (
    AnyAccount,
    bearer_token,
)
from server.runtime import ServerRuntime

router = APIRouter(prefix="/api")


class Credentials(BaseModel):
    username: str
    password: str


@router.post("/login")
def login(credentials: Credentials, request: Request) -> dict[str, Any]:
    runtime: ServerRuntime = request.app.state.runtime
    result = runtime.accounts.login(credentials.username, credentials.password)
    if result is None:
        raise HTTPException(401, "wrong username or password")
    token, account = result
    runtime.store.append_audit(account.username, "login", None, {}, time.time())
    return {"token": token, "username": account.username, "role": account.role}


@router.post("/logout")
def logout(request: Request, account: AnyAccount) -> dict[str, bool]:
    runtime: ServerRuntime = request.app.state.runtime
    token = bearer_token(request)
    if token:
        runtime.accounts.logout(token)
    runtime.store.append_audit(account.username, "logout", None, {}, time.time())
    return {"ok": True}


@router.get("/me")
def me(account: AnyAccount) -> dict[str, str]:
    return {"username": account.username, "role": account.role}
