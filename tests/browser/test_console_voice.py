"""A dispatcher takes over a callbot call in a real Chromium and talks to the caller.

Real app, real callbot (espeak-ng, Silero VAD, Smart Turn), real Whisper and classifier, real
SQLite; the dispatcher's microphone is Chromium's fake device playing a spoken phrase; the
caller is a real /ws/calls client that speaks and listens. Checked by levels and frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

import numpy as np
import pytest
import websockets
from playwright.async_api import expect
from server_thread import DISPATCHER_PHRASE, SECRET, TRUNK
from test_console_browser import WAIT_MS, log_in, row

from speech.messages import SAMPLE_RATE
from speech.tts import EspeakTTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FRAME = 320  # 20 ms at 16 kHz
CALLER_TEXT = "Cấp cứu! Bố tôi bất tỉnh, không thở nữa!"


class PhoneCaller:
    """The caller's phone on /ws/calls: says `text` once, then stays on the line (silence) and
    records every bot_audio frame with the wall time it arrived."""

    def __init__(self, base_url: str, call_id: str, text: str) -> None:
        self.url = base_url.replace("http://", "ws://") + f"/ws/calls?trunk={TRUNK}&secret={SECRET}"
        self.call_id = call_id
        speech = EspeakTTS(speed=150).synthesize(text)
        self.speech = np.concatenate([np.zeros(8000, np.float32), speech.astype(np.float32)])
        self.heard: list[tuple[float, str, np.ndarray]] = []  # (wall, speaker, 16 kHz samples)
        self.hang_up = asyncio.Event()
        self.accepted = asyncio.Event()

    def audio_of(self, speaker: str, after: float = 0.0) -> np.ndarray:
        parts = [pcm for at, who, pcm in self.heard if who == speaker and at >= after]
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    async def run(self) -> None:
        async with websockets.connect(self.url, max_size=2**22) as socket:
            await socket.send(json.dumps({
                "type": "start", "call_id": self.call_id, "caller_number": "0903123456",
                "codec": "pcm16", "sample_rate": SAMPLE_RATE,
            }))  # fmt: skip
            reader = asyncio.create_task(self._read(socket))
            loop = asyncio.get_running_loop()
            began, sent = loop.time(), 0
            while not self.hang_up.is_set():
                frame = self.speech[sent : sent + FRAME]
                if len(frame) < FRAME:
                    frame = np.zeros(FRAME, np.float32)
                await socket.send((np.clip(frame, -1, 1) * 32767).astype("<i2").tobytes())
                sent += FRAME
                await asyncio.sleep(max(0.0, began + sent / SAMPLE_RATE - loop.time()))
            await socket.send(json.dumps({"type": "stop"}))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader, 30)

    async def _read(self, socket) -> None:  # type: ignore[no-untyped-def]
        header = None
        with contextlib.suppress(websockets.ConnectionClosed):
            async for message in socket:
                if isinstance(message, bytes):
                    if header is not None and header["codec"] == "pcm16":
                        pcm = np.frombuffer(message, "<i2").astype(np.float32) / 32768.0
                        self.heard.append((time.monotonic(), header.get("speaker", "bot"), pcm))
                    header = None
                    continue
                event = json.loads(message)
                if event["type"] == "accepted":
                    self.accepted.set()
                elif event["type"] == "bot_audio":
                    header = event
                elif event["type"] == "ended":
                    return


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


async def voice_state(page) -> dict:  # type: ignore[no-untyped-def]
    return await page.evaluate("() => ({...window.hotlineConsole.voice.state})")


async def test_taking_over_a_bot_call_connects_the_dispatchers_voice_both_ways(
    bot_live_server, voice_browser, screenshot_dir
):
    page = await log_in(voice_browser, bot_live_server, "disp1")
    await page.set_viewport_size({"width": 1440, "height": 900})
    call_id = "voice-bot-1"
    caller = PhoneCaller(bot_live_server.base_url, call_id, CALLER_TEXT)
    line = asyncio.create_task(caller.run())
    try:
        await asyncio.wait_for(caller.accepted.wait(), 15)
        # The callbot answers: the row says so and the caller hears its greeting.
        bot_row = row(page, call_id)
        await expect(bot_row.locator(".badge-bot")).to_have_text(
            "Tổng đài tự động", timeout=WAIT_MS
        )
        async with asyncio.timeout(30):
            while rms(caller.audio_of("bot")) < 0.01:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
        await bot_row.click()
        panel = page.locator("#call-panel")
        takeover = panel.locator('[data-action="claim"]')
        await expect(takeover).to_contain_text("Tiếp nhận từ tổng đài tự động")
        await takeover.click()
        claimed_at = time.monotonic()

        # The voice connects at once, in talk mode, with no further click.
        bar = panel.locator(".voice-bar")
        await expect(bar).to_have_attribute("data-voice", "live", timeout=20_000)
        await expect(bar).to_have_attribute("data-mode", "talk")
        await expect(bar.locator(".voice-status")).to_have_text("● Đang nói chuyện với người gọi")
        await expect(page.locator("#voice-badge")).to_be_visible()

        # The caller hears the dispatcher's microphone on their own line ...
        async with asyncio.timeout(30):
            while len(caller.audio_of("dispatcher")) < 3 * SAMPLE_RATE:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
        spoken = caller.audio_of("dispatcher")
        assert rms(spoken) > 0.01, rms(spoken)
        # ... and the dispatcher's page receives the caller's audio: decoded samples and energy.
        await page.wait_for_function(
            "() => { const s = window.hotlineConsole.voice.state;"
            " return s.samplesReceived > 48000 && s.inEnergy > 0 && s.packetsSent > 50; }",
            timeout=20_000,
        )
        state = await voice_state(page)
        assert state["status"] == "live" and state["mode"] == "talk"
        assert state["micEnergy"] > 0  # the fake microphone's phrase was really captured
        # The level meters move.
        await page.wait_for_function(
            "() => Number(document.querySelector('.voice-bar .meter[aria-label=\"Micro của bạn\"]')"
            ".getAttribute('aria-valuenow')) > 0",
            timeout=10_000,
        )
        await page.screenshot(path=str(screenshot_dir / "voice-1-talking-to-caller.png"))

        # The bot stopped the moment the call was taken: no bot audio after the takeover.
        assert rms(caller.audio_of("bot", after=claimed_at + 0.5)) == 0.0

        # Mute: the caller stops hearing the dispatcher (silence frames only).
        await bar.locator('[data-voice-action="mute"]').click()
        await expect(bar.locator(".voice-status")).to_contain_text("micro đang tắt")
        muted_at = time.monotonic()
        await asyncio.sleep(2.5)
        assert rms(caller.audio_of("dispatcher", after=muted_at + 0.6)) < 0.002
        await bar.locator('[data-voice-action="mute"]').click()

        # The dispatcher's words are transcribed as their own speaker in the live transcript.
        dispatcher_line = panel.locator(".line.speaker-dispatcher.final").first
        await expect(dispatcher_line).to_be_visible(timeout=WAIT_MS)
        await expect(dispatcher_line.locator(".speaker")).to_have_text("Điều phối viên")
        await page.screenshot(path=str(screenshot_dir / "voice-2-dispatcher-transcribed.png"))
    finally:
        caller.hang_up.set()
        await asyncio.wait_for(line, 40)
    # The caller hung up: the page hangs up its side too.
    await expect(panel.locator(".voice-bar")).to_have_attribute(
        "data-voice", "idle", timeout=15_000
    )
    store = bot_live_server.app.state.runtime.store
    assert any(s["speaker"] == "dispatcher" for s in store.segments(call_id))
    assert [e.action for e in store.audit(call_id)][:2] == ["claim", "voice_talk"]
    assert page.errors == []  # type: ignore[attr-defined]
    assert DISPATCHER_PHRASE  # the phrase the fake microphone speaks (conftest)
