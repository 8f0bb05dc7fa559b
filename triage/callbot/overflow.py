"""When the callbot answers: no dispatcher free, or the expected wait longer than allowed.

Pure policy over a staffing snapshot; it never looks at sockets, accounts or the clock itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CallbotMode(StrEnum):
    OVERFLOW = "overflow"  # answer only when dispatchers cannot (the default)
    ALWAYS = "always"  # every call (demo, tests of the bot itself)
    OFF = "off"  # never


@dataclass(frozen=True, slots=True)
class Staffing:
    """Who can pick up right now and how much work is already waiting."""

    dispatchers_on_duty: int
    dispatchers_free: int
    calls_waiting: int  # unclaimed calls already in the queue, not counting the new one
    average_handle_seconds: float = 90.0


@dataclass(frozen=True, slots=True)
class OverflowDecision:
    answer_with_bot: bool
    expected_wait_seconds: float
    reason: str  # for the audit log and engineers, English


@dataclass(frozen=True, slots=True)
class OverflowPolicy:
    """The bot answers if no dispatcher is free or the expected wait exceeds `max_wait_seconds`."""

    max_wait_seconds: float = 10.0
    mode: CallbotMode = CallbotMode.OVERFLOW

    def decide(self, staffing: Staffing) -> OverflowDecision:
        wait = expected_wait_seconds(staffing)
        if self.mode is CallbotMode.OFF:
            return OverflowDecision(False, wait, "callbot switched off")
        if self.mode is CallbotMode.ALWAYS:
            return OverflowDecision(True, wait, "callbot answers every call")
        if staffing.dispatchers_on_duty == 0:
            return OverflowDecision(True, wait, "no dispatcher on duty")
        if staffing.dispatchers_free == 0:
            return OverflowDecision(True, wait, "all dispatchers busy")
        if wait > self.max_wait_seconds:
            return OverflowDecision(
                True, wait, f"expected wait {wait:.0f} s > {self.max_wait_seconds:.0f} s"
            )
        return OverflowDecision(False, wait, "a dispatcher is free")


def expected_wait_seconds(staffing: Staffing) -> float:
    """Free dispatchers take waiting calls first; beyond them each busy desk frees up in turn.

    A call finds a free desk when fewer calls wait than desks are free. Otherwise it waits for
    the calls ahead of it to be served by every desk on duty, one average handling time per
    round (an M/M/c-style estimate without the queueing maths, good enough to choose the bot).
    """
    if staffing.dispatchers_on_duty <= 0:
        return float("inf")
    ahead = staffing.calls_waiting - staffing.dispatchers_free
    if ahead < 0:
        return 0.0
    rounds = ahead // staffing.dispatchers_on_duty + 1
    return rounds * staffing.average_handle_seconds
