"""What a dispatcher's shift needs beyond claim and close, on real streamed calls (real Whisper,
real classifier, real SQLite): hung-up calls marked abandoned, a P1/P2 downgrade only with
confirmation, units from the typed roster with their status, all audited and broadcast."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from server_harness import SECRET, TEST_SPEED, TRUNK, call_update, console, spoken_call

from server.live_feed import stream_file

pytestmark = pytest.mark.slow


async def feed(server, call_id: str):  # type: ignore[no-untyped-def]
    return await stream_file(
        server.base_url,
        None,
        samples=spoken_call(),
        codec="pcm16",
        call_id=call_id,
        trunk=TRUNK,
        secret=SECRET,
        caller_number="0912345678",
        speed=TEST_SPEED,
    )


async def test_hung_up_call_is_abandoned_and_shows_no_call_back_path(server):
    async with console(server, "disp1") as desk:
        result = await feed(server, "hangup-1")
        assert result.ended_reason == "stop"  # the line itself ended normally
        update = await desk.wait_for(call_update("hangup-1", live=False))
    call = update["call"]
    assert call["end_reason"] == "abandoned" and call["ended_at"]
    assert call["flagged_for_pickup"] is False and call["status"] == "waiting"
    assert call["can_call_back"] is False  # none of the built-in lines can place a call
    assert server.runtime.store.get_call("hangup-1").end_reason == "abandoned"


async def test_downgrade_needs_confirmation_and_units_follow_the_roster(server):
    await asyncio.gather(feed(server, "shift-1"), feed(server, "shift-2"))
    async with (
        console(server, "disp2") as desk,
        httpx.AsyncClient(base_url=server.base_url, timeout=30) as http,
    ):
        snapshot = await desk.wait_for(lambda m: m["type"] == "snapshot")
        roster = {unit["unit_id"]: unit for unit in snapshot["units"]}
        assert roster["115-CC01"]["status"] == "available"
        assert set(roster) == {u["unit_id"] for u in (await http.get(
            "/api/units", headers=server.headers("disp1"))).json()["units"]}  # fmt: skip

        async def act(call_id: str, action: str, body=None, user: str = "disp1"):  # type: ignore[no-untyped-def]
            return await http.post(
                f"/api/calls/{call_id}/{action}", json=body or {}, headers=server.headers(user)
            )

        assert (await act("shift-1", "claim")).status_code == 200
        assert (await act("shift-2", "claim")).status_code == 200
        raised = await act("shift-1", "override", {"urgency": "P1", "reason": "ngừng thở"})
        assert raised.status_code == 200
        lowered = {"urgency": "P3", "reason": "bệnh nhân đã tự thở lại"}
        refused = await act("shift-1", "override", lowered)
        assert refused.status_code == 422 and "confirm_downgrade" in refused.json()["detail"]
        confirmed = await act("shift-1", "override", {**lowered, "confirm_downgrade": True})
        assert confirmed.status_code == 200
        assert confirmed.json()["call"]["urgency"] == "P3"
        assert confirmed.json()["call"]["override"] == {
            "urgency": "P3", "incident_type": None, "reason": lowered["reason"],
            "by": "disp1", "at": confirmed.json()["call"]["override"]["at"],
        }  # fmt: skip
        # Raising never asks.
        assert (await act("shift-1", "override", {"urgency": "P2", "reason": "x"})).is_success

        sent = await act("shift-1", "dispatch", {"units": ["115-CC01", "113-TT01"]})
        assert sent.status_code == 200, sent.text
        assert sent.json()["call"]["units"] == ["115-CC01", "113-TT01"]
        moved = await desk.wait_for(
            lambda m: m["type"] == "unit_updated" and m["unit"]["unit_id"] == "115-CC01"
        )
        assert moved["unit"] == {**roster["115-CC01"], "status": "en_route", "call_id": "shift-1"}
        busy = await act("shift-2", "dispatch", {"units": ["115-CC02", "115-CC01"]})
        assert busy.status_code == 409 and "115-CC01" in busy.json()["detail"]
        # All or nothing: the free unit of the refused dispatch was not sent either.
        assert server.runtime.registry.units.get("115-CC02").status == "available"
        assert (await act("shift-2", "dispatch", {"units": ["no-such-unit"]})).status_code == 422

        async def report(unit_id: str, status: str) -> httpx.Response:
            return await http.post(
                f"/api/units/{unit_id}/status",
                json={"status": status},
                headers=server.headers("disp1"),
            )

        assert (await report("115-CC01", "on_scene")).json()["unit"]["status"] == "on_scene"
        assert (await report("115-CC02", "on_scene")).status_code == 409  # never sent
        assert (await report("115-CC01", "parked")).status_code == 422
        freed = (await report("115-CC01", "available")).json()["unit"]
        assert freed["status"] == "available" and freed["call_id"] is None
        assert (await act("shift-2", "dispatch", {"units": ["115-CC01"]})).status_code == 200

    audit = server.runtime.store.audit("shift-1")
    overrides = [e.details for e in audit if e.action == "override"]
    assert {"from": "P1", "urgency": "P3", "confirm_downgrade": True}.items() <= overrides[
        1
    ].items()
    dispatch = next(e for e in audit if e.action == "dispatch")
    assert dispatch.details["units"] == ["115-CC01", "113-TT01"]
    moves = [e.details for e in audit if e.action == "unit_status"]
    assert [(m["from"], m["to"]) for m in moves] == [
        ("en_route", "on_scene"),
        ("on_scene", "available"),
    ]
    assert [u.unit_id for u in server.runtime.store.list_units()][:2] == ["115-CC01", "115-CC02"]


async def test_a_decode_cut_inside_a_letter_never_stores_a_replacement_character(server):
    """Whisper's tokens can split one letter's UTF-8 bytes ("quỵ" = "qu" + 2 byte tokens); a
    decode that stops between them gives "qu\ufffd". Such text is cleaned before it is stored."""
    import json

    import websockets

    from speech.messages import SegmentKind, TranscriptSegment

    async with websockets.connect(server.ingest_url()) as socket:
        start = {"type": "start", "call_id": "fffd-1", "codec": "pcm16", "sample_rate": 16000}
        await socket.send(json.dumps(start))
        assert json.loads(await socket.recv())["type"] == "accepted"
        call = server.runtime.registry.live_call("fffd-1")
        broken = TranscriptSegment(SegmentKind.FINAL, "ông ấy ngã qu\ufffd rồi", 0.0, 1.0, 1.0, 7)
        await server.runtime.registry.handle_events(call, [broken])
        await socket.send(json.dumps({"type": "stop"}))
    (stored,) = server.runtime.store.segments("fffd-1")
    assert stored["text"] == "ông ấy ngã qu rồi"


class RecordingDialer:
    """A trunk gateway that can dial out (server.call_back.Dialer): records what it was asked."""

    def __init__(self) -> None:
        self.dialled: list[tuple[str, str]] = []

    async def dial(self, number: str, *, call_back_of: str) -> str:
        self.dialled.append((number, call_back_of))
        return f"cb-{call_back_of}"


async def test_call_back_only_where_the_trunk_can_dial_out(server):
    await feed(server, "cb-src")
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:

        async def call_back(user: str = "disp1") -> httpx.Response:
            return await http.post("/api/calls/cb-src/call_back", headers=server.headers(user))

        assert (await call_back()).status_code == 409  # not claimed
        claimed = await http.post("/api/calls/cb-src/claim", headers=server.headers("disp1"))
        assert claimed.json()["call"]["can_call_back"] is False
        refused = await call_back()
        assert refused.status_code == 409 and "call back by hand" in refused.json()["detail"]

        dialer = RecordingDialer()
        server.runtime.registry.dialers[TRUNK] = dialer
        assert (await call_back("disp2")).status_code == 409  # someone else's call
        placed = await call_back()
        assert placed.status_code == 200, placed.text
        assert placed.json()["new_call_id"] == "cb-cb-src"
        assert placed.json()["call"]["can_call_back"] is True
    assert dialer.dialled == [("0912345678", "cb-src")]
    entry = server.runtime.store.audit("cb-src")[-1]
    assert entry.action == "call_back" and entry.details["number"] == "0912345678"
