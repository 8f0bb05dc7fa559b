"""What every endpoint of one running app shares: store, accounts, live calls, ingestion limits.

Built by the app's lifespan and kept on app.state.runtime; no module-level state anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from server.auth import Accounts, TrunkSecrets
from server.live_calls import LiveCallRegistry
from server.store import Store

MAX_MESSAGE_BYTES = 64 * 1024


@dataclass
class IngestLimits:
    idle_timeout_s: float = 15.0  # a line that sends nothing this long is ended
    start_timeout_s: float = 10.0  # time allowed before the first (start) message
    max_message_bytes: int = MAX_MESSAGE_BYTES


@dataclass
class ServerRuntime:
    store: Store
    accounts: Accounts
    registry: LiveCallRegistry
    trunks: TrunkSecrets
    limits: IngestLimits
    peer_connections: set[Any] = field(default_factory=set)  # aiortc, closed on shutdown
    voice_links: set[Any] = field(default_factory=set)  # dispatchers' voice (dispatcher_voice)
    background_tasks: set[Any] = field(default_factory=set)  # referenced until done (RUF006)
