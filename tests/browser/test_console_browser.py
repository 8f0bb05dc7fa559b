"""The dispatchers' console in a real Chromium against the real app (real Whisper, real
classifier, real SQLite): a streamed call appears, is claimed and overridden, another
dispatcher sees it at once; the page survives a server restart without a reload."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, WebSocketRoute, expect
from server_thread import PASSWORD, SECRET, TRUNK

from server.live_feed import stream_file

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SPEED = 4.0  # faster than real time, still whole recognition steps
WAIT_MS = 60_000  # Whisper on two shared cores: generous, the happy path takes seconds


def sample(name: str) -> Path:
    path = SAMPLES / f"{name}.wav"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `nice .venv/bin/python samples/generate.py`")
    return path


def stream(server, name: str, call_id: str) -> asyncio.Task:
    return asyncio.create_task(
        stream_file(
            server.base_url,
            sample(name),
            call_id=call_id,
            trunk=TRUNK,
            secret=SECRET,
            caller_number="0912345678",
            speed=SPEED,
        )
    )


async def log_in(browser: Browser, server, username: str, socket_route=None) -> Page:
    context = await browser.new_context(viewport={"width": 1400, "height": 860}, locale="vi-VN")
    if socket_route is not None:
        await context.route_web_socket("**/ws/console*", socket_route)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    await page.goto(server.base_url + "/")
    await expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page.locator("#queue-title")).to_contain_text("Hàng đợi cuộc gọi")
    await expect(page.locator("#who")).to_contain_text(username)
    return page


def row(page: Page, call_id: str):
    return page.locator(f'.queue-row[data-call-id="{call_id}"]')


async def test_streamed_call_claimed_and_overridden_shows_on_a_second_console(
    live_server, browser, screenshot_dir
):
    first = await log_in(browser, live_server, "disp1")
    # The second console's socket goes through a relay the test can hold, like a slow link:
    # that is how disp2 can press "claim" on a call disp1 already holds.
    held: list[str | bytes] = []
    relay = {"hold": False, "page_side": None}

    def route(socket: WebSocketRoute) -> None:
        upstream = socket.connect_to_server()
        relay["page_side"] = socket

        def deliver(message: str | bytes) -> None:
            if relay["hold"]:
                held.append(message)
            else:
                socket.send(message)

        upstream.on_message(deliver)

    second = await log_in(browser, live_server, "disp2", socket_route=route)

    call_id = "browser-fire-1"
    feed = stream(live_server, "short_fire_p1_trapped", call_id)

    # The call appears live in the queue, gets caller speech and a classification.
    await expect(row(first, call_id)).to_be_visible(timeout=WAIT_MS)
    await expect(row(first, call_id).locator(".tail-final")).not_to_be_empty(timeout=WAIT_MS)
    await expect(row(first, call_id)).not_to_have_attribute("data-urgency", "none", timeout=WAIT_MS)
    await first.screenshot(path=str(screenshot_dir / "1-queue-live-call.png"))

    # Open it: transcript with the caller's words, classification, extracted fields.
    await row(first, call_id).click()
    panel = first.locator("#call-panel")
    await expect(panel.locator(".line.final.speaker-caller").first).to_be_visible(timeout=WAIT_MS)
    await expect(panel.locator(".classification")).to_contain_text("Mức khẩn cấp")
    await expect(panel.locator(".fields")).to_contain_text("Địa điểm")
    # disp2 opens the same call, then its link "stalls" while disp1 claims.
    await row(second, call_id).click()
    await expect(second.locator('#call-panel [data-action="claim"]')).to_be_visible()
    relay["hold"] = True
    await panel.locator('[data-action="claim"]').click()
    await expect(row(first, call_id).locator(".badge-claimed")).to_have_text("Đang xử lý: disp1")
    await second.locator('#call-panel [data-action="claim"]').click()
    await expect(second.locator("#call-panel .notice-error")).to_have_text(
        "Đã có điều phối viên khác nhận"
    )
    relay["hold"] = False
    for message in held:
        relay["page_side"].send(message)
    held.clear()
    await expect(row(second, call_id).locator(".badge-claimed")).to_have_text("Đang xử lý: disp1")
    await expect(second.locator("#call-panel .held-by")).to_have_text("Đang do disp1 xử lý")

    # disp1 overrides the urgency with a reason; disp2 sees it at once.
    current = await row(first, call_id).get_attribute("data-urgency")
    target = "P2" if current == "P1" else "P1"
    reason = "Người gọi xác nhận bà còn kẹt trên tầng hai"
    await panel.locator('[data-action="override"]').click()
    form = panel.locator('form[data-form="override"]')
    await form.get_by_label("Mức khẩn cấp").select_option(target)
    await form.get_by_label("Lý do").fill(reason)
    await form.get_by_role("button", name="Lưu phân loại").click()
    if current == "P1":  # lowering a P1 asks for a second, deliberate press
        await form.locator('[data-action="confirm-downgrade"]').click()
    await expect(row(first, call_id)).to_have_attribute("data-urgency", target)
    await expect(row(second, call_id)).to_have_attribute("data-urgency", target)
    await expect(row(second, call_id).locator(".badge-override")).to_be_visible()
    await expect(second.locator("#call-panel .override-note")).to_contain_text(reason)
    lowered = ", hạ từ P1" if current == "P1" else ""
    await expect(second.locator("#call-panel .audit")).to_contain_text(
        f"disp1 sửa phân loại: {target}{lowered}, “{reason}”"
    )

    result = await asyncio.wait_for(feed, WAIT_MS / 1000)
    assert result.error is None and result.ended_reason == "stop"
    await expect(row(second, call_id).locator(".badge-live")).to_have_count(0, timeout=WAIT_MS)

    # Recording playback: the <audio> gets the WAV fetched with the token.
    await panel.locator('[data-action="recording"]').click()
    audio = panel.locator("audio")
    await expect(audio).to_be_visible()
    duration = await audio.evaluate(
        "a => new Promise(r => a.readyState >= 1 ? r(a.duration)"
        " : a.addEventListener('loadedmetadata', () => r(a.duration)))"
    )
    assert 3.0 < duration < 10.0, duration

    await first.screenshot(path=str(screenshot_dir / "2-disp1-claimed-overridden.png"))
    await second.screenshot(path=str(screenshot_dir / "3-disp2-sees-change.png"))

    # Red-flag words are marked in caller speech (the page's own module, in this browser).
    parts = await first.evaluate(
        "import('/static/console/transcript.js').then(m => m.markTerms("
        "'Bà tôi còn KẸT trên tầng hai <b>', m.highlightTerms({red_flag_words: ['kẹt trên'],"
        " reasons: ['Từ khóa: tầng hai']})))"
    )
    assert parts == [
        {"text": "Bà tôi còn ", "marked": False},
        {"text": "KẸT trên", "marked": True},
        {"text": " ", "marked": False},
        {"text": "tầng hai", "marked": True},
        {"text": " <b>", "marked": False},
    ]
    # Caller text is text: nothing in the page was built from server strings as HTML.
    assert await first.locator("#call-panel script, #queue script").count() == 0
    assert first.errors == [] and second.errors == []  # type: ignore[attr-defined]


async def test_console_reconnects_and_resyncs_after_a_server_restart(
    live_server, browser, screenshot_dir
):
    page = await log_in(browser, live_server, "disp1")
    await page.evaluate("window.__sameDocument = true")
    call_id = "browser-restart-1"
    result = await stream(live_server, "short_medical_p1_not_breathing", call_id)
    assert result.error is None
    await expect(row(page, call_id)).to_be_visible(timeout=WAIT_MS)
    await expect(row(page, call_id).locator(".badge-live")).to_have_count(0, timeout=WAIT_MS)

    await asyncio.to_thread(live_server.stop)
    banner = page.locator("#connection-banner")
    await expect(banner).to_have_text("Mất kết nối, đang kết nối lại...", timeout=15_000)
    await page.screenshot(path=str(screenshot_dir / "4-connection-lost.png"))

    await asyncio.to_thread(live_server.start)
    await expect(banner).to_be_hidden(timeout=30_000)
    # Resynced from the new server's snapshot, in the same document (no reload).
    await expect(row(page, call_id)).to_be_visible()
    assert await page.evaluate("window.__sameDocument === true")

    # The new connection is live: an action made now shows on the page.
    await row(page, call_id).click()
    await page.locator('#call-panel [data-action="claim"]').click()
    await expect(row(page, call_id).locator(".badge-claimed")).to_have_text("Đang xử lý: disp1")
    await expect(page.locator("#call-panel .audit")).to_contain_text("disp1 nhận cuộc gọi")
    await page.screenshot(path=str(screenshot_dir / "5-after-restart.png"))
    assert page.errors == []  # type: ignore[attr-defined]
    token = await page.evaluate("sessionStorage.getItem('hotline.console.token')")
    assert token and len(token) >= 32  # the session token, kept in sessionStorage only


async def test_wrong_password_is_refused_in_vietnamese(live_server, browser):
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(live_server.base_url + "/")
    await page.get_by_label("Tên đăng nhập").fill("disp1")
    await page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    await page.get_by_role("button", name="Đăng nhập").click()
    await expect(page.locator("#login-error")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
    assert await page.evaluate("sessionStorage.getItem('hotline.console.token')") is None
