"""Whole callbot conversations over the real /ws/calls websocket with the real models.

Scripted callers speak espeak-ng audio; Whisper, the trained classifier, Silero VAD and
Smart Turn all run for real, so recognition errors are part of what these tests see.
"""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest
import websockets

from server.scripted_caller import ScriptedCaller
from speech.messages import SAMPLE_RATE
from triage.callbot import prompts
from triage.callbot.caller_scripts import FIRE_TRAPPED, NON_EMERGENCY
from triage.callbot.dialogue import Slot
from triage.callbot.overflow import CallbotMode

pytestmark = pytest.mark.slow

SPEED = 2.0  # call audio streams twice as fast as real time


async def eventually(condition, limit_s: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    """Polls `condition()` until true; the models run in threads, so there is no event to await."""
    async with asyncio.timeout(limit_s):
        while True:
            if condition():
                return
            await asyncio.sleep(0.1)


async def short_call(server, call_id: str, trunk: str = "113") -> None:
    """A caller who says nothing for half a second and hangs up."""
    async with websockets.connect(server.calls_url(trunk)) as socket:
        start = {"type": "start", "call_id": call_id, "caller_number": "0911111111",
                 "trunk": trunk, "codec": "pcm16", "sample_rate": 16000}  # fmt: skip
        await socket.send(json.dumps(start))
        await socket.send(np.zeros(8000, dtype="<i2").tobytes())
        await socket.send(json.dumps({"type": "stop"}))
        async for message in socket:
            if isinstance(message, str) and json.loads(message)["type"] == "ended":
                break


async def test_fire_call_with_all_dispatchers_busy_is_handled_by_the_bot_then_taken_over(
    start_bot_server, open_console, make_bridge, tts
) -> None:
    bridge = make_bridge()
    async with start_bot_server(bridge) as server, open_console(server) as disp:
        # disp1 is on duty and takes a first call: a free dispatcher means no bot ...
        await short_call(server, "busy-1")
        assert not bridge.decisions["busy-1"].answer_with_bot
        assert (await server.act("busy-1", "claim")).status_code == 200
        # ... and now the only dispatcher is busy, so the bot answers the fire call.
        caller = ScriptedCaller(
            server.calls_url("114"), FIRE_TRAPPED, tts, call_id="fire-1", speed=SPEED
        )
        conversation = asyncio.create_task(caller.run())

        def flagged() -> list[dict]:
            return [call for call in disp.updates("fire-1") if call["flagged_for_pickup"]]

        await eventually(lambda: flagged() or conversation.done(), limit_s=150)
        transcript = "\n".join(
            f"{s['speaker']}: {s['text']}"
            for s in caller.report.transcripts
            if s["kind"] == "final"
        )
        assert flagged(), f"no P1 hand-off; the conversation was:\n{transcript}"
        top = flagged()[-1]
        assert top["rank"] == 1 and top["status"] == "bot", (top, transcript)
        # The bot tells the caller, then keeps gathering facts until the dispatcher picks up.
        session = bridge.sessions["fire-1"]
        await eventually(lambda: prompts.HAND_OFF in caller.report.bot_text())
        turns_at_hand_off = len(caller.report.turns)
        await eventually(
            lambda: len(caller.report.turns) > turns_at_hand_off or conversation.done()
        )
        # Under load the caller's address answer can take a while to be recognised: give the
        # bot time to read it back before the dispatcher takes over.
        read_back = prompts.read_back_location("").split(":")[0]
        await eventually(lambda: read_back in caller.report.bot_text() or conversation.done())
        claimed = await server.act("fire-1", "claim")
        assert claimed.status_code == 200
        claimed_at = caller.now
        caller.keep_talking = False
        await asyncio.wait_for(conversation, timeout=120)

    bot = caller.report.bot_text()
    assert bot.startswith("Tổng đài 114 xin nghe.")
    assert prompts.HAND_OFF in bot
    assert prompts.read_back_location("").split(":")[0] in bot  # the address was read back
    asked = {turn.slot for turn in caller.report.turns}
    assert Slot.LOCATION_CONFIRMED in asked or Slot.LOCATION in asked
    assert len(asked) >= 2  # questions beyond the opening were asked and answered
    assert session.stats.hand_off_at is not None and not session.active
    # Claiming ended the bot's part: nothing new was said after the claim (one in flight at most).
    late = [audio for audio in caller.report.bot_audio if audio.call_time > claimed_at + 1.0]
    assert late == []
    final = disp.updates("fire-1")[-1]
    assert final["status"] == "claimed" and final["claimed_by"] == "disp1"
    assert not final["flagged_for_pickup"]


def speech_onset(samples: np.ndarray) -> float:
    """Seconds of leading near-silence espeak puts before the first word."""
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    return float(loud[0]) / SAMPLE_RATE if len(loud) else 0.0


async def test_barge_in_stops_bot_audio_and_silence_gets_re_prompts(
    start_bot_server, make_bridge, tts
) -> None:
    bridge = make_bridge(CallbotMode.ALWAYS, silence_timeout_seconds=3.0)
    async with start_bot_server(bridge) as server:
        # Two callers at once: one talks over the greeting, one says nothing at all.
        talker = ScriptedCaller(
            server.calls_url("114"), FIRE_TRAPPED, tts, call_id="barge-1", speed=SPEED,
            barge_in_after=1.0, max_turns=1, tail_seconds=3.0,
        )  # fmt: skip
        silent = ScriptedCaller(
            server.calls_url("113"), NON_EMERGENCY, tts, call_id="silent-1", speed=SPEED,
            silent_seconds=22.0, max_turns=0, tail_seconds=0.5,
        )  # fmt: skip
        talked, quiet = await asyncio.gather(talker.run(), silent.run())
        records = {cid: server.runtime.registry.open_record(cid) for cid in ("barge-1", "silent-1")}

    # Barge-in: the bot's greeting was cleared as soon as the caller spoke ...
    assert talked.clears, "the bot never stopped talking"
    onset_wall = (
        talked.turns[0].end_wall
        - (talked.turns[0].end_call - talked.turns[0].start_call) / SPEED
        + speech_onset(talker._speech[FIRE_TRAPPED.opening]) / SPEED
    )
    clear_wall = talked.clears[0][0]
    assert 0 < clear_wall - onset_wall < 0.3
    session = bridge.sessions["barge-1"]
    assert session.stats.barge_ins and max(session.stats.barge_in_delays) < 0.3
    # ... the rest of the greeting was never sent, and the bot answered the caller instead.
    assert prompts.greeting("114")[-1] not in talked.bot_text()
    assert any(audio.received_wall > clear_wall for audio in talked.bot_audio)

    # Silence: re-prompts, then the bot tells the caller the call stays in the queue.
    bot = quiet.bot_text()
    assert bot.count(prompts.STILL_THERE) == 2
    assert prompts.HOLDING in bot
    # The bot never ends a call: both are still open, waiting for a dispatcher.
    assert all(record is not None and record.status == "waiting" for record in records.values())


async def test_non_emergency_caller_is_answered_politely_and_only_a_human_closes_it(
    start_bot_server, make_bridge, tts
) -> None:
    bridge = make_bridge(CallbotMode.ALWAYS)
    async with start_bot_server(bridge) as server:
        caller = ScriptedCaller(
            server.calls_url("113"), NON_EMERGENCY, tts, call_id="ask-1", speed=SPEED
        )
        report = await caller.run()
        record = server.runtime.registry.open_record("ask-1")
        assert record is not None and record.status == "waiting"  # the bot closed nothing
        assert (await server.act("ask-1", "claim")).status_code == 200
        if record.classification and record.classification["urgency"] != "P4":
            # The model heard something else in the garbled audio: the human sets P4.
            response = await server.act(
                "ask-1", "override", urgency="P4", reason="Hỏi thủ tục, không khẩn cấp"
            )
            assert response.status_code == 200
        assert (await server.act("ask-1", "close", reason="Đã hướng dẫn")).status_code == 200
        assert server.runtime.registry.open_record("ask-1") is None
        closed = server.runtime.store.get_call("ask-1")

    bot = report.bot_text()
    assert bot.startswith("Tổng đài 113 xin nghe.")
    assert report.turns and report.bot_audio[-1].received_wall > report.turns[0].end_wall
    assert report.triage, "the caller's words never reached the classifier"
    triage = report.triage[-1]
    if triage["incident_type"] == "non_emergency":
        assert prompts.NON_EMERGENCY[1] in bot  # this line is for emergencies only
    else:
        assert prompts.ASK_LOCATION in bot  # treated as a possible emergency: it asks
    assert closed.status == "closed" and closed.claimed_by == "disp1"
