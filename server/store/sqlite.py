"""The embedded default Store: one SQLite file in WAL mode, schema versioned by migrations.

Never holds a transaction open across an await; never updates or deletes audit rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from server.store.repository import AccountRecord, AuditEntry, CallRecord, StoreError
from speech.messages import TranscriptSegment
from triage.units import Unit, UnitKind, UnitStatus

# Append a script to change the schema; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE accounts (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('dispatcher', 'supervisor', 'analyst')),
        password_hash TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES accounts(username),
        expires_at REAL NOT NULL
    );
    CREATE TABLE calls (
        call_id TEXT PRIMARY KEY,
        trunk TEXT NOT NULL,
        caller_number TEXT,
        source TEXT NOT NULL,
        started_at REAL NOT NULL,
        status TEXT NOT NULL,
        live INTEGER NOT NULL,
        ended_at REAL,
        end_reason TEXT,
        claimed_by TEXT,
        override TEXT,
        incident_id TEXT,
        flagged_for_pickup INTEGER NOT NULL DEFAULT 0,
        recording_path TEXT,
        last_activity_at REAL NOT NULL,
        classification TEXT,
        transcript_tail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX calls_started ON calls(started_at);
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL REFERENCES calls(call_id),
        utterance_id INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start REAL NOT NULL,
        "end" REAL NOT NULL,
        emitted_at REAL NOT NULL
    );
    CREATE INDEX segments_call ON segments(call_id);
    CREATE TABLE classifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id TEXT NOT NULL REFERENCES calls(call_id),
        at REAL NOT NULL,
        call_time REAL NOT NULL,
        model_version TEXT NOT NULL,
        incident_type TEXT NOT NULL,
        urgency TEXT NOT NULL,
        location TEXT,
        people_at_risk INTEGER,
        weapon INTEGER,
        callback_number TEXT,
        payload TEXT NOT NULL
    );
    CREATE INDEX classifications_call ON classifications(call_id);
    CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        incident_type TEXT NOT NULL,
        location TEXT NOT NULL,
        first_at REAL NOT NULL,
        last_at REAL NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at REAL NOT NULL,
        username TEXT NOT NULL,
        action TEXT NOT NULL,
        call_id TEXT,
        details TEXT NOT NULL
    );
    CREATE INDEX audit_call ON audit(call_id);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """,
    """
    CREATE TABLE units (
        unit_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        trunk TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('available', 'en_route', 'on_scene')),
        call_id TEXT REFERENCES calls(call_id),
        position INTEGER NOT NULL DEFAULT 0
    );
    """,
)

_CALL_COLUMNS = tuple(spec.name for spec in fields(CallRecord))
_JSON_COLUMNS = {"override", "classification"}
_BOOL_COLUMNS = {"live", "flagged_for_pickup"}


class SqliteStore:
    """Store on one SQLite file. Thread-safe: one connection guarded by a lock.

    Each call is a short local transaction (well under a millisecond on WAL), so the event loop
    calls it directly rather than paying a thread hop per write.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=10.0
            )
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database {self.path}: {error}") from error
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this program "
                    f"({len(MIGRATIONS)}): upgrade hotline-triage or use another --db"
                )
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                # executescript commits on its own; the version bump rides in the same script.
                self._db.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={number};\nCOMMIT;"
                )

    def _tx(self):  # type: ignore[no-untyped-def]
        return _Transaction(self._db, self._lock)

    # ------------------------------------------------------------------ accounts and sessions
    def create_account(self, username: str, role: str, password_hash: str) -> AccountRecord:
        record = AccountRecord(username, role, password_hash, time.time())
        try:
            with self._tx() as db:
                db.execute(
                    "INSERT INTO accounts(username, role, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (username, role, password_hash, record.created_at),
                )
        except sqlite3.IntegrityError as error:
            raise StoreError(f"account {username!r} exists or role {role!r} is unknown") from error
        return record

    def get_account(self, username: str) -> AccountRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM accounts WHERE username = ?", (username,)
            ).fetchone()
        return None if row is None else AccountRecord(**dict(row))

    def list_accounts(self) -> list[AccountRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM accounts ORDER BY username").fetchall()
        return [AccountRecord(**dict(row)) for row in rows]

    def set_password_hash(self, username: str, password_hash: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE accounts SET password_hash = ? WHERE username = ?",
                (password_hash, username),
            )

    def create_session(self, token_hash: str, username: str, expires_at: float) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO sessions(token_hash, username, expires_at) VALUES (?, ?, ?)",
                (token_hash, username, expires_at),
            )

    def session_account(self, token_hash: str, now: float) -> AccountRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT a.* FROM sessions s JOIN accounts a ON a.username = s.username "
                "WHERE s.token_hash = ? AND s.expires_at > ?",
                (token_hash, now),
            ).fetchone()
        return None if row is None else AccountRecord(**dict(row))

    def delete_session(self, token_hash: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    # ------------------------------------------------------------------ calls
    def insert_call(self, call: CallRecord) -> None:
        values = _call_row(call)
        try:
            with self._tx() as db:
                db.execute(
                    f"INSERT INTO calls({', '.join(_CALL_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_CALL_COLUMNS))})",
                    [values[name] for name in _CALL_COLUMNS],
                )
        except sqlite3.IntegrityError as error:
            raise StoreError(f"call id {call.call_id!r} is already used: pick a new one") from error

    def get_call(self, call_id: str) -> CallRecord | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM calls WHERE call_id = ?", (call_id,)).fetchone()
        return None if row is None else _call_from_row(row)

    def list_calls(self, *, open_only: bool = False, limit: int = 500) -> list[CallRecord]:
        where = "WHERE status != 'closed'" if open_only else ""
        with self._lock:
            rows = self._db.execute(
                f"SELECT * FROM calls {where} ORDER BY started_at DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_call_from_row(row) for row in rows]

    def save_call(self, call: CallRecord) -> None:
        values = _call_row(call)
        columns = [name for name in _CALL_COLUMNS if name != "call_id"]
        with self._tx() as db:
            db.execute(
                f"UPDATE calls SET {', '.join(f'{name} = ?' for name in columns)} "
                "WHERE call_id = ?",
                [values[name] for name in columns] + [call.call_id],
            )

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
        unknown = (set(changes) | set(expect)) - set(_CALL_COLUMNS)
        if unknown:
            raise ValueError(f"unknown call columns {sorted(unknown)}")
        encoded = {name: _encode(name, value) for name, value in changes.items()}
        conditions, params = ["call_id = ?"], [call_id]
        for name, allowed in expect.items():
            parts = []
            for value in allowed:
                if value is None:
                    parts.append(f"{name} IS NULL")
                else:
                    parts.append(f"{name} = ?")
                    params.append(_encode(name, value))
            conditions.append(f"({' OR '.join(parts) or '0'})")
        assignments = ", ".join(f"{name} = ?" for name in encoded)
        # BEGIN IMMEDIATE takes the write lock first, so two racing claims serialise here and
        # the second sees the first one's claimed_by: exactly one wins, even across processes.
        with self._tx() as db:
            cursor = db.execute(
                f"UPDATE calls SET {assignments} WHERE {' AND '.join(conditions)}",
                [*encoded.values(), *params],
            )
            if cursor.rowcount != 1:
                return None
            return self._insert_audit(db, username, action, call_id, details, at)

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
        """The call becomes `dispatched` and every unit goes from available to en route to it,
        all in one transaction with one audit entry; None (nothing changed) if any part fails."""
        try:
            with self._tx() as db:
                conditions, params = ["call_id = ?"], [call_id]
                for name, allowed in expect.items():
                    parts = [f"{name} IS NULL" if v is None else f"{name} = ?" for v in allowed]
                    params += [v for v in allowed if v is not None]
                    conditions.append(f"({' OR '.join(parts) or '0'})")
                where = " AND ".join(conditions)
                cursor = db.execute(f"UPDATE calls SET status = 'dispatched' WHERE {where}", params)
                if cursor.rowcount != 1:
                    return None
                for unit_id in unit_ids:
                    cursor = db.execute(
                        "UPDATE units SET status = 'en_route', call_id = ? "
                        "WHERE unit_id = ? AND status = 'available'",
                        (call_id, unit_id),
                    )
                    if cursor.rowcount != 1:
                        raise _Rollback
                return self._insert_audit(db, username, "dispatch", call_id, details, at)
        except _Rollback:
            return None

    # ------------------------------------------------------------------ units
    def list_units(self) -> list[Unit]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM units ORDER BY position, unit_id").fetchall()
        return [_unit_from_row(row) for row in rows]

    def add_units(self, units: Sequence[Unit]) -> None:
        with self._tx() as db:
            start = db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
            db.executemany(
                "INSERT INTO units(unit_id, name, kind, trunk, status, call_id, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (u.unit_id, u.name, u.kind.value, u.trunk, u.status.value, u.call_id, start + i)
                    for i, u in enumerate(units)
                ],
            )

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
        """Write the unit's new status and call if it still has `expect_status`; audited."""
        with self._tx() as db:
            cursor = db.execute(
                "UPDATE units SET status = ?, call_id = ? WHERE unit_id = ? AND status = ?",
                (unit.status.value, unit.call_id, unit.unit_id, expect_status.value),
            )
            if cursor.rowcount != 1:
                return None
            return self._insert_audit(db, username, "unit_status", audit_call_id, details, at)

    # ------------------------------------------------------------------ transcript etc.
    def add_segment(self, call_id: str, segment: TranscriptSegment) -> None:
        with self._tx() as db:
            db.execute(
                'INSERT INTO segments(call_id, utterance_id, speaker, kind, text, start, "end", '
                "emitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call_id,
                    segment.utterance_id,
                    segment.speaker,
                    segment.kind.value,
                    segment.text,
                    segment.start,
                    segment.end,
                    segment.emitted_at,
                ),
            )

    def segments(self, call_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                'SELECT kind, text, start, "end", utterance_id, speaker, emitted_at '
                "FROM segments WHERE call_id = ? ORDER BY id",
                (call_id,),
            ).fetchall()
        return [dict(row) for row in rows]

    def add_classification(
        self, call_id: str, classification: dict[str, Any], call_time: float, at: float
    ) -> None:
        weapon = classification.get("weapon")
        with self._tx() as db:
            db.execute(
                "INSERT INTO classifications(call_id, at, call_time, model_version, incident_type, "
                "urgency, location, people_at_risk, weapon, callback_number, payload) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call_id,
                    at,
                    call_time,
                    classification["model_version"],
                    classification["incident_type"],
                    classification["urgency"],
                    classification.get("location"),
                    classification.get("people_at_risk"),
                    None if weapon is None else int(bool(weapon)),
                    classification.get("callback_number"),
                    json.dumps(classification, ensure_ascii=False),
                ),
            )

    def classifications(self, call_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT at, call_time, payload FROM classifications WHERE call_id = ? ORDER BY id",
                (call_id,),
            ).fetchall()
        return [
            {"at": row["at"], "call_time": row["call_time"], **json.loads(row["payload"])}
            for row in rows
        ]

    def save_incident(
        self, incident_id: str, incident_type: str, location: str, first_at: float, last_at: float
    ) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO incidents(incident_id, incident_type, location, first_at, last_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(incident_id) DO UPDATE SET "
                "incident_type = excluded.incident_type, location = excluded.location, "
                "last_at = excluded.last_at",
                (incident_id, incident_type, location, first_at, last_at),
            )

    def incidents(self, since: float) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT i.*, group_concat(c.call_id) AS call_ids FROM incidents i "
                "LEFT JOIN calls c ON c.incident_id = i.incident_id "
                "WHERE i.last_at >= ? GROUP BY i.incident_id",
                (since,),
            ).fetchall()
        return [
            {**dict(row), "call_ids": row["call_ids"].split(",") if row["call_ids"] else []}
            for row in rows
        ]

    # ------------------------------------------------------------------ audit
    def append_audit(
        self, username: str, action: str, call_id: str | None, details: dict[str, Any], at: float
    ) -> AuditEntry:
        with self._tx() as db:
            return self._insert_audit(db, username, action, call_id, details, at)

    def audit(self, call_id: str | None = None, limit: int = 500) -> list[AuditEntry]:
        where, params = ("WHERE call_id = ?", [call_id]) if call_id is not None else ("", [])
        with self._lock:
            rows = self._db.execute(
                f"SELECT * FROM audit {where} ORDER BY id DESC LIMIT ?", [*params, limit]
            ).fetchall()
        return [
            AuditEntry(
                row["id"],
                row["at"],
                row["username"],
                row["action"],
                row["call_id"],
                json.loads(row["details"]),
            )
            for row in reversed(rows)
        ]

    @staticmethod
    def _insert_audit(
        db: sqlite3.Connection,
        username: str,
        action: str,
        call_id: str | None,
        details: dict[str, Any],
        at: float,
    ) -> AuditEntry:
        cursor = db.execute(
            "INSERT INTO audit(at, username, action, call_id, details) VALUES (?, ?, ?, ?, ?)",
            (at, username, action, call_id, json.dumps(details, ensure_ascii=False)),
        )
        return AuditEntry(int(cursor.lastrowid or 0), at, username, action, call_id, details)

    def close(self) -> None:
        with self._lock:
            self._db.close()


class _Rollback(Exception):
    """Raised inside a transaction to undo it; the transaction answers None."""


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT under the store's lock; ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(self, kind, value, traceback) -> None:  # type: ignore[no-untyped-def]
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()


def _encode(name: str, value: Any) -> Any:
    if name in _JSON_COLUMNS:
        return None if value is None else json.dumps(value, ensure_ascii=False)
    if name in _BOOL_COLUMNS:
        return int(bool(value))
    return value


def _call_row(call: CallRecord) -> dict[str, Any]:
    return {name: _encode(name, getattr(call, name)) for name in _CALL_COLUMNS}


def _unit_from_row(row: sqlite3.Row) -> Unit:
    return Unit(
        row["unit_id"],
        row["name"],
        UnitKind(row["kind"]),
        row["trunk"],
        UnitStatus(row["status"]),
        row["call_id"],
    )


def _call_from_row(row: sqlite3.Row) -> CallRecord:
    values: dict[str, Any] = dict(row)
    for name in _JSON_COLUMNS:
        values[name] = None if values[name] is None else json.loads(values[name])
    for name in _BOOL_COLUMNS:
        values[name] = bool(values[name])
    return CallRecord(**values)
