"""The repository layer: what the server persists, behind one small interface.

`Store` is the Protocol; `SqliteStore` is the embedded default. Nothing here knows HTTP.
"""

from server.store.repository import (
    AccountRecord,
    AuditEntry,
    CallRecord,
    Store,
    StoreError,
)
from server.store.sqlite import SqliteStore

__all__ = ["AccountRecord", "AuditEntry", "CallRecord", "SqliteStore", "Store", "StoreError"]
