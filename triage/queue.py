"""The live ranked queue of open calls; re-ranked whenever a classification or status changes.

Pure state machine: callers feed it typed facts and get typed events back; no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from classifiers.labels import Urgency
from triage.ranking import RankInput, rank


@dataclass(frozen=True, slots=True)
class QueueChanged:
    """The order of open calls changed (or a call joined/left). `order`: most urgent first."""

    order: tuple[str, ...]
    moved: tuple[str, ...]  # calls whose rank differs from before (new ones included)


@dataclass(frozen=True, slots=True)
class Escalated:
    """A call's effective urgency rose (e.g. P3 -> P1)."""

    call_id: str
    previous: Urgency
    current: Urgency


QueueEvent = QueueChanged | Escalated


class TriageQueue:
    """Open calls ranked by triage.ranking; closed calls leave the queue."""

    def __init__(self) -> None:
        self._entries: dict[str, RankInput] = {}
        self._order: tuple[str, ...] = ()

    @property
    def order(self) -> tuple[str, ...]:
        return self._order

    def rank_of(self, call_id: str) -> int | None:
        """1 for the top of the queue; None when the call is not open."""
        try:
            return self._order.index(call_id) + 1
        except ValueError:
            return None

    def entry(self, call_id: str) -> RankInput | None:
        return self._entries.get(call_id)

    def __contains__(self, call_id: object) -> bool:
        return call_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, entry: RankInput) -> list[QueueEvent]:
        self._entries[entry.call_id] = entry
        return self._rerank()

    def update(self, entry: RankInput) -> list[QueueEvent]:
        """Replace a call's facts (new classification, override, pickup flag)."""
        previous = self._entries.get(entry.call_id)
        self._entries[entry.call_id] = entry
        events: list[QueueEvent] = []
        if (
            previous is not None
            and previous.urgency is not None
            and entry.urgency is not None
            and entry.urgency.rank < previous.urgency.rank
        ):
            events.append(Escalated(entry.call_id, previous.urgency, entry.urgency))
        return self._rerank() + events

    def set_flagged(self, call_id: str, flagged: bool) -> list[QueueEvent]:
        current = self._entries.get(call_id)
        if current is None:
            return []
        return self.update(replace(current, flagged_for_pickup=flagged))

    def remove(self, call_id: str) -> list[QueueEvent]:
        if self._entries.pop(call_id, None) is None:
            return []
        return self._rerank()

    def _rerank(self) -> list[QueueEvent]:
        order = tuple(rank(list(self._entries.values())))
        if order == self._order:
            return []
        before = {call_id: index for index, call_id in enumerate(self._order)}
        moved = tuple(
            call_id for index, call_id in enumerate(order) if before.get(call_id) != index
        )
        self._order = order
        return [QueueChanged(order, moved)]
