"""Calling a caller back: the interface a line's gateway implements when it can dial out.

None of the built-in lines can (/ws/calls, Twilio Media Streams and /rtc/offer only receive
calls), so no dialer is registered by default and the console says to call back by hand.
A SIP trunk or a Twilio REST client adds one per trunk; nothing else changes.
"""

from __future__ import annotations

from typing import Protocol


class Dialer(Protocol):
    """Places an outgoing call on one trunk."""

    async def dial(self, number: str, *, call_back_of: str) -> str:
        """Start calling `number`; returns the id the new call will stream in with (it then
        arrives like any other call on the trunk's line). Raises on a refused dial."""
        ...
