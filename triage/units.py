"""Response units a dispatcher sends (ambulance, fire engine, police patrol) and their status.

Pure rules: which status changes are allowed and what an assignment does. No I/O, no clock; the
server stores units and audits every change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class UnitStatus(StrEnum):
    AVAILABLE = "available"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"


class UnitKind(StrEnum):
    AMBULANCE = "ambulance"  # 115
    FIRE_ENGINE = "fire_engine"  # 114
    RESCUE = "rescue"  # 114
    POLICE = "police"  # 113


@dataclass(frozen=True, slots=True)
class Unit:
    unit_id: str  # short call sign shown to dispatchers, e.g. "115-CC01"
    name: str  # Vietnamese description
    kind: UnitKind
    trunk: str  # the service it belongs to: "113" | "114" | "115"
    status: UnitStatus = UnitStatus.AVAILABLE
    call_id: str | None = None  # the call it was sent to (en route / on scene)


class UnitRefused(ValueError):
    """A unit change that makes no sense (busy unit, unknown status); the message says why."""


# The moves a dispatcher makes; "available" always frees the unit.
ALLOWED_MOVES: dict[UnitStatus, frozenset[UnitStatus]] = {
    UnitStatus.AVAILABLE: frozenset({UnitStatus.EN_ROUTE}),
    UnitStatus.EN_ROUTE: frozenset({UnitStatus.ON_SCENE, UnitStatus.AVAILABLE}),
    UnitStatus.ON_SCENE: frozenset({UnitStatus.AVAILABLE, UnitStatus.EN_ROUTE}),
}


def assign(unit: Unit, call_id: str) -> Unit:
    """Send an available unit to a call: it is en route."""
    if unit.status is not UnitStatus.AVAILABLE:
        raise UnitRefused(f"unit {unit.unit_id} is {unit.status.value} (call {unit.call_id})")
    return replace(unit, status=UnitStatus.EN_ROUTE, call_id=call_id)


def move(unit: Unit, status: UnitStatus) -> Unit:
    """A status report for a unit; back to available frees it from its call."""
    if status is unit.status:
        return unit
    if status not in ALLOWED_MOVES[unit.status]:
        raise UnitRefused(f"unit {unit.unit_id} cannot go from {unit.status.value} to {status}")
    if status is UnitStatus.EN_ROUTE and unit.call_id is None:
        raise UnitRefused(f"unit {unit.unit_id} is sent with a dispatch, not a status change")
    call_id = None if status is UnitStatus.AVAILABLE else unit.call_id
    return replace(unit, status=status, call_id=call_id)


# A small default roster for a fresh database (the demo cities); a deployment edits its own.
DEFAULT_UNITS: tuple[Unit, ...] = (
    Unit("115-CC01", "Xe cứu thương 115 Bạch Mai", UnitKind.AMBULANCE, "115"),
    Unit("115-CC02", "Xe cứu thương 115 Thanh Xuân", UnitKind.AMBULANCE, "115"),
    Unit("115-CC03", "Xe cứu thương 115 Quận 1", UnitKind.AMBULANCE, "115"),
    Unit("114-CH01", "Xe chữa cháy PCCC Cầu Giấy", UnitKind.FIRE_ENGINE, "114"),
    Unit("114-CH02", "Xe chữa cháy PCCC Hoàn Kiếm", UnitKind.FIRE_ENGINE, "114"),
    Unit("114-CN01", "Đội cứu nạn cứu hộ Đống Đa", UnitKind.RESCUE, "114"),
    Unit("113-TT01", "Tổ tuần tra 113 Hoàn Kiếm", UnitKind.POLICE, "113"),
    Unit("113-TT02", "Tổ tuần tra 113 Ba Đình", UnitKind.POLICE, "113"),
    Unit("113-TT03", "Tổ tuần tra 113 Quận 3", UnitKind.POLICE, "113"),
)
