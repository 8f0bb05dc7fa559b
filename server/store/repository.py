"""Records the server keeps and the Store Protocol any backend (SQLite now, PostgreSQL later) meets.

Plain data and an interface only: no SQL and no framework here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from speech.messages import TranscriptSegment
from triage.units import Unit, UnitStatus

ROLES: tuple[str, ...] = ("dispatcher", "supervisor", "analyst")
CALL_STATUSES: tuple[str, ...] = ("bot", "waiting", "claimed", "dispatched", "closed")


class StoreError(RuntimeError):
    """The store refused an operation; the message says what to do."""


@dataclass
class CallRecord:
    """One call as stored. Mutable: the live registry updates it and writes changes through."""

    call_id: str
    trunk: str
    caller_number: str | None
    source: str  # "ws" | "twilio" | "webrtc"
    started_at: float  # wall clock, epoch seconds
    status: str = "waiting"
    live: bool = True
    ended_at: float | None = None
    end_reason: str | None = None
    claimed_by: str | None = None
    override: dict[str, Any] | None = None
    incident_id: str | None = None
    flagged_for_pickup: bool = False
    recording_path: str | None = None
    last_activity_at: float = 0.0
    classification: dict[str, Any] | None = None  # latest Classification.to_json()
    transcript_tail: str = ""


@dataclass(frozen=True, slots=True)
class AccountRecord:
    username: str
    role: str
    password_hash: str
    created_at: float


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: float
    username: str
    action: str
    call_id: str | None
    details: dict[str, Any] = field(default_factory=dict)


class Store(Protocol):
    """Persistence for calls, transcripts, classifications, incidents, accounts and the audit log.

    Every method is a short synchronous transaction. `apply_action` is the only way dispatcher
    actions change a call, so each one is conditional (exactly one claim wins) and audited.
    """

    # accounts and sessions
    def create_account(self, username: str, role: str, password_hash: str) -> AccountRecord: ...
    def get_account(self, username: str) -> AccountRecord | None: ...
    def list_accounts(self) -> list[AccountRecord]: ...
    def set_password_hash(self, username: str, password_hash: str) -> None: ...
    def create_session(self, token_hash: str, username: str, expires_at: float) -> None: ...
    def session_account(self, token_hash: str, now: float) -> AccountRecord | None: ...
    def delete_session(self, token_hash: str) -> None: ...

    # calls
    def insert_call(self, call: CallRecord) -> None: ...
    def get_call(self, call_id: str) -> CallRecord | None: ...
    def list_calls(self, *, open_only: bool = False, limit: int = 500) -> list[CallRecord]: ...
    def save_call(self, call: CallRecord) -> None:
        """Write every field of an existing call (live-state changes that need no audit)."""
        ...

    def apply_action(
        self,
        call_id: str,
        changes: dict[str, Any],
        *,
        expect: dict[str, Sequence[Any]],
        username: str,
        action: str,
        details: dict[str, Any],
        at: float,
    ) -> AuditEntry | None:
        """A dispatcher action: change the call and append its audit entry in one transaction,
        only if every `expect` column currently holds one of the given values; None otherwise.
        """
        ...

    def dispatch(
        self,
        call_id: str,
        unit_ids: Sequence[str],
        *,
        expect: dict[str, Sequence[Any]],
        username: str,
        details: dict[str, Any],
        at: float,
    ) -> AuditEntry | None:
        """`dispatch` as one action: the call's status and every unit (available -> en route)
        change together with one audit entry, or nothing changes (None)."""
        ...

    # response units
    def list_units(self) -> list[Unit]: ...
    def add_units(self, units: Sequence[Unit]) -> None: ...
    def move_unit(
        self,
        unit: Unit,
        *,
        expect_status: UnitStatus,
        audit_call_id: str | None,
        username: str,
        details: dict[str, Any],
        at: float,
    ) -> AuditEntry | None:
        """Store `unit`'s status and call if it still is `expect_status`; audited."""
        ...

    # transcript, classifications, incidents
    def add_segment(self, call_id: str, segment: TranscriptSegment) -> None: ...
    def segments(self, call_id: str) -> list[dict[str, Any]]: ...
    def add_classification(
        self, call_id: str, classification: dict[str, Any], call_time: float, at: float
    ) -> None: ...
    def classifications(self, call_id: str) -> list[dict[str, Any]]: ...
    def save_incident(
        self, incident_id: str, incident_type: str, location: str, first_at: float, last_at: float
    ) -> None: ...
    def incidents(self, since: float) -> list[dict[str, Any]]: ...

    # audit (append-only)
    def append_audit(
        self, username: str, action: str, call_id: str | None, details: dict[str, Any], at: float
    ) -> AuditEntry: ...
    def audit(self, call_id: str | None = None, limit: int = 500) -> list[AuditEntry]: ...

    def close(self) -> None: ...
