"""The response units of this centre as the consoles see them: loaded from the store, changed
only through audited store writes, every change broadcast as `unit_updated`.

The rules of what may change live in triage/units.py; this only keeps memory and store in step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from server.store import AuditEntry, Store
from triage.units import DEFAULT_UNITS, Unit, UnitRefused, UnitStatus, assign, move


def unit_json(unit: Unit) -> dict[str, Any]:
    return {
        "unit_id": unit.unit_id,
        "name": unit.name,
        "kind": unit.kind.value,
        "trunk": unit.trunk,
        "status": unit.status.value,
        "call_id": unit.call_id,
    }


class UnitRoster:
    def __init__(self, store: Store, publish: Callable[[dict[str, Any]], None]) -> None:
        self._store = store
        self._publish = publish
        self._units: dict[str, Unit] = {}

    def load(self) -> None:
        """Read the units; a fresh database gets the default roster (triage.units)."""
        units = self._store.list_units()
        if not units:
            self._store.add_units(DEFAULT_UNITS)
            units = self._store.list_units()
        self._units = {unit.unit_id: unit for unit in units}

    def all(self) -> list[Unit]:
        return list(self._units.values())

    def get(self, unit_id: str) -> Unit | None:
        return self._units.get(unit_id)

    def on_call(self, call_id: str) -> list[str]:
        return [u.unit_id for u in self._units.values() if u.call_id == call_id]

    def check_assignable(self, unit_ids: Sequence[str], call_id: str) -> list[Unit]:
        """The units as they will be once sent to `call_id`; UnitRefused / KeyError if not."""
        if len(set(unit_ids)) != len(unit_ids):
            raise UnitRefused("a unit is listed twice")
        sent = []
        for unit_id in unit_ids:
            unit = self._units.get(unit_id)
            if unit is None:
                raise KeyError(unit_id)
            sent.append(assign(unit, call_id))
        return sent

    def assigned(self, units: Sequence[Unit]) -> None:
        """The store has written the assignment (in the dispatch transaction): show it."""
        for unit in units:
            self._units[unit.unit_id] = unit
            self._publish({"type": "unit_updated", "unit": unit_json(unit)})

    def move(self, unit_id: str, status: UnitStatus, username: str, at: float) -> AuditEntry:
        """A status report for a unit; KeyError unknown, UnitRefused not allowed or raced."""
        unit = self._units.get(unit_id)
        if unit is None:
            raise KeyError(unit_id)
        moved = move(unit, status)
        if moved == unit:
            raise UnitRefused(f"unit {unit_id} is already {status.value}")
        details = {
            "unit_id": unit_id,
            "from": unit.status.value,
            "to": moved.status.value,
            "call_id": unit.call_id,
        }
        entry = self._store.move_unit(
            moved,
            expect_status=unit.status,
            audit_call_id=unit.call_id,
            username=username,
            details=details,
            at=at,
        )
        if entry is None:
            raise UnitRefused(f"unit {unit_id} changed meanwhile: look again")
        self._units[unit_id] = moved
        self._publish({"type": "unit_updated", "unit": unit_json(moved)})
        return entry
