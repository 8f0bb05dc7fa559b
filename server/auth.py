"""Accounts, passwords, session tokens, roles and per-trunk ingestion secrets.

Every HTTP and websocket endpoint goes through these checks; no raw token or password is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException, Request, WebSocket, status

from server.store import AccountRecord, Store, StoreError
from server.store.repository import ROLES

SESSION_SECONDS = 12 * 3600  # one dispatcher shift
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403

DISPATCH_ROLES = ("dispatcher", "supervisor")
ALL_ROLES = ROLES


def _token_hash(token: str) -> str:
    # Only the hash is stored: a leaked database does not hand out live sessions.
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """Creates accounts, checks passwords (argon2id) and issues/revokes session tokens."""

    def __init__(self, store: Store, hasher: PasswordHasher | None = None) -> None:
        self._store = store
        self._hasher = hasher or PasswordHasher()

    def create(self, username: str, password: str, role: str) -> AccountRecord:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        if not username or not username.isprintable() or len(username) > 64:
            raise StoreError("a username is 1-64 printable characters")
        if len(password) < 6:
            raise StoreError("a password needs at least 6 characters")
        return self._store.create_account(username, role, self._hasher.hash(password))

    def login(self, username: str, password: str) -> tuple[str, AccountRecord] | None:
        account = self._store.get_account(username)
        if account is None:
            # Hash anyway so a wrong username takes as long as a wrong password.
            self._hasher.hash(password)
            return None
        try:
            self._hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if self._hasher.check_needs_rehash(account.password_hash):
            self._store.set_password_hash(username, self._hasher.hash(password))
        token = secrets.token_urlsafe(32)
        self._store.create_session(_token_hash(token), username, time.time() + SESSION_SECONDS)
        return token, account

    def account_for(self, token: str | None) -> AccountRecord | None:
        if not token:
            return None
        return self._store.session_account(_token_hash(token), time.time())

    def logout(self, token: str) -> None:
        self._store.delete_session(_token_hash(token))


@dataclass(frozen=True)
class TrunkSecrets:
    """Which telephony trunks may send audio, each with its own shared secret."""

    secrets: Mapping[str, str]

    @classmethod
    def parse(cls, text: str) -> TrunkSecrets:
        """`113=s3cret,114=other` (the HOTLINE_TRUNK_SECRETS format)."""
        pairs: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in text.split(","))):
            trunk, separator, secret = item.partition("=")
            if not separator or not trunk.strip() or not secret.strip():
                raise ValueError(f"trunk secret {item!r} must look like TRUNK=SECRET")
            pairs[trunk.strip()] = secret.strip()
        return cls(pairs)

    def allows(self, trunk: str | None, secret: str | None) -> bool:
        if not trunk or not secret:
            return False
        expected = self.secrets.get(trunk)
        return expected is not None and hmac.compare_digest(expected.encode(), secret.encode())


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_roles(*roles: str) -> Callable[[Request], AccountRecord]:
    """FastAPI dependency: the logged-in account, 401 without a valid token, 403 on a wrong role."""

    def dependency(request: Request) -> AccountRecord:
        accounts: Accounts = request.app.state.accounts
        account = accounts.account_for(bearer_token(request))
        if account is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "log in first: POST /api/login, then send Authorization: Bearer <token>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if account.role not in roles:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this needs the role {' or '.join(roles)}"
            )
        return account

    dependency.roles = roles  # type: ignore[attr-defined]  # read by the route-table test
    return dependency


async def websocket_account(websocket: WebSocket, roles: tuple[str, ...]) -> AccountRecord | None:
    """Accepts the socket and checks `?token=`; closes with 4401/4403 and returns None on failure.

    Accept first: a close before accept reaches the client as a bare HTTP 403 without our code.
    """
    accounts: Accounts = websocket.app.state.accounts
    account = accounts.account_for(websocket.query_params.get("token"))
    await websocket.accept()
    if account is None:
        await websocket.close(CLOSE_UNAUTHENTICATED, "log in first and pass ?token=")
        return None
    if account.role not in roles:
        await websocket.close(CLOSE_FORBIDDEN, f"needs the role {' or '.join(roles)}")
        return None
    return account


def trunk_credentials(query: Mapping[str, str], headers: Mapping[str, str]) -> tuple[str, str]:
    """(trunk, secret) from `?trunk=&secret=` or the X-Trunk-Secret header."""
    trunk = query.get("trunk", "")
    secret = query.get("secret") or headers.get("x-trunk-secret", "")
    return trunk, secret


# Endpoint parameter types: `account: DispatcherAccount` checks the token and the role.
AnyAccount = Annotated[AccountRecord, Depends(require_roles(*ALL_ROLES))]
DispatcherAccount = Annotated[AccountRecord, Depends(require_roles(*DISPATCH_ROLES))]
SupervisorAccount = Annotated[AccountRecord, Depends(require_roles("supervisor"))]
AuditReaderAccount = Annotated[AccountRecord, Depends(require_roles("supervisor", "analyst"))]
