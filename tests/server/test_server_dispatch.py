"""Dispatcher actions on a real streamed call: a claim race with exactly one winner, override,
dispatch, close, all audited and broadcast; then a restart on the same SQLite file keeps it all."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from server_harness import (
    SECRET,
    TEST_SPEED,
    TRUNK,
    call_update,
    console,
    login_all,
    run_server,
    spoken_call,
)

from server.live_feed import stream_file
from server.store import CallRecord, SqliteStore

pytestmark = pytest.mark.slow


async def test_claim_race_actions_audit_and_restart(
    server, server_settings, transcriber, classifier
):
    await stream_file(
        server.base_url,
        None,
        samples=spoken_call(),
        codec="pcm16",
        call_id="race-1",
        trunk=TRUNK,
        secret=SECRET,
        speed=TEST_SPEED,
    )
    async with console(server, "boss") as other_desk:
        await other_desk.wait_for(lambda m: m["type"] == "snapshot")
        async with httpx.AsyncClient(base_url=server.base_url) as http:

            async def claim(username: str) -> httpx.Response:
                return await http.post("/api/calls/race-1/claim", headers=server.headers(username))

            first, second = await asyncio.gather(claim("disp1"), claim("disp2"))
            codes = sorted([first.status_code, second.status_code])
            assert codes == [200, 409], (first.text, second.text)
            winner = "disp1" if first.status_code == 200 else "disp2"
            loser = "disp2" if winner == "disp1" else "disp1"
            assert "already claimed" in (second if winner == "disp1" else first).json()["detail"]
            update = await other_desk.wait_for(call_update("race-1", claimed_by=winner))
            assert update["call"]["status"] == "claimed"
            audit = await other_desk.wait_for(lambda m: m["type"] == "audit")
            assert audit["entry"]["username"] == winner and audit["entry"]["action"] == "claim"

            # The loser cannot act on the winner's call; the winner can.
            body = {
                "urgency": "P2",
                "reason": "người bệnh đã tỉnh lại, thở được",
                "confirm_downgrade": True,
            }
            refused = await http.post(
                "/api/calls/race-1/override", json=body, headers=server.headers(loser)
            )
            assert refused.status_code == 409
            no_reason = await http.post(
                "/api/calls/race-1/override",
                json={"urgency": "P2", "reason": ""},
                headers=server.headers(winner),
            )
            assert no_reason.status_code == 422
            accepted = await http.post(
                "/api/calls/race-1/override", json=body, headers=server.headers(winner)
            )
            assert accepted.status_code == 200, accepted.text
            assert accepted.json()["call"]["urgency"] == "P2"
            overridden = await other_desk.wait_for(call_update("race-1", urgency="P2"))
            assert overridden["call"]["override"]["reason"] == body["reason"]
            raised = await http.post(
                "/api/calls/race-1/override",
                json={"urgency": "P1", "reason": "lại ngừng thở"},
                headers=server.headers(winner),
            )
            assert raised.status_code == 200
            escalated = await other_desk.wait_for(lambda m: m["type"] == "escalated")
            assert (escalated["from"], escalated["to"]) == ("P2", "P1")
            await http.post("/api/calls/race-1/override", json=body, headers=server.headers(winner))
            dispatched = await http.post(
                "/api/calls/race-1/dispatch",
                json={"units": ["115-CC01"], "note": "CA phường hỗ trợ"},
                headers=server.headers(winner),
            )
            assert dispatched.status_code == 200
            assert dispatched.json()["call"]["status"] == "dispatched"

    store = server.runtime.store
    before = {
        "call": store.get_call("race-1"),
        "segments": store.segments("race-1"),
        "classifications": store.classifications("race-1"),
        "audit": store.audit(),
    }
    assert before["segments"] and before["classifications"]
    actions = [e.action for e in store.audit("race-1")]
    assert actions == ["claim", "override", "override", "override", "dispatch"]

    # Restart: the fixture's server stops; a new app opens the same database file.
    await server_stop(server)
    async with run_server(server_settings, transcriber, classifier) as again:
        await login_all(again)
        store2 = again.runtime.store
        assert store2.get_call("race-1") == before["call"]
        assert store2.segments("race-1") == before["segments"]
        assert store2.classifications("race-1") == before["classifications"]
        assert store2.audit()[: len(before["audit"])] == before["audit"]
        async with console(again, "disp1") as desk:
            snapshot = await desk.wait_for(lambda m: m["type"] == "snapshot")
            (row,) = [c for c in snapshot["queue"] if c["call_id"] == "race-1"]
            assert row["status"] == "dispatched" and row["urgency"] == "P2" and row["rank"] == 1
            async with httpx.AsyncClient(base_url=again.base_url) as http:
                closed = await http.post(
                    "/api/calls/race-1/close",
                    json={"reason": "đã xử lý"},
                    headers=again.headers(winner),
                )
                assert closed.status_code == 200
                again_closed = await http.post(
                    "/api/calls/race-1/close", json={"reason": "x"}, headers=again.headers(winner)
                )
                assert again_closed.status_code == 409
            gone = await desk.wait_for(call_update("race-1", status="closed"))
            assert gone["call"]["rank"] is None


async def server_stop(server) -> None:  # type: ignore[no-untyped-def]
    """The fixture owns the first server; stopping it early is a restart's first half."""
    await server.stop()


def test_exactly_one_claim_wins_across_threads_and_connections(tmp_path):
    path = tmp_path / "race.sqlite3"
    SqliteStore(path).insert_call(CallRecord("c", "113", None, "ws", time.time()))
    # Separate connections, as separate server processes would have.
    stores = [SqliteStore(path) for _ in range(8)]
    barrier = threading.Barrier(len(stores))
    wins: list[str] = []

    def claim(index: int) -> None:
        barrier.wait()
        entry = stores[index].apply_action(
            "c",
            {"claimed_by": f"d{index}", "status": "claimed"},
            expect={"claimed_by": [None], "status": ["waiting"]},
            username=f"d{index}",
            action="claim",
            details={},
            at=time.time(),
        )
        if entry is not None:
            wins.append(f"d{index}")

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1
    assert stores[0].get_call("c").claimed_by == wins[0]
    assert [e.action for e in stores[0].audit("c")] == ["claim"]
    for store in stores:
        store.close()
