"""A dispatcher's shift in a real Chromium against the real app (real Whisper, classifier,
SQLite): a new P1 raises the alert, a hung-up call shows as abandoned with its clock stopped,
filters and shortcuts work, a P1 downgrade needs a reason and a confirmation, units are sent
from the roster. Checked through the page's own state (window.hotlineConsole) and its DOM."""

from __future__ import annotations

import asyncio
import re

import httpx
import numpy as np
import pytest
from playwright.async_api import expect
from server_thread import PASSWORD, SECRET, TRUNK
from test_console_browser import WAIT_MS, log_in, row, sample

from server.live_feed import stream_file
from speech.tts import EspeakTTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

P1_TEXT = "Cấp cứu! Bố tôi bất tỉnh, không thở nữa!"


def p1_call_audio(tail_seconds: float) -> np.ndarray:
    """A clear P1 call at 16 kHz (the path on which Whisper base + the classifier say P1)."""
    speech = EspeakTTS(speed=150).synthesize(P1_TEXT).astype(np.float32)
    silence = np.zeros(int(tail_seconds * 16000), np.float32)
    return np.concatenate([np.zeros(4000, np.float32), speech, silence])


async def alerts_state(page) -> dict:  # type: ignore[no-untyped-def]
    return await page.evaluate(
        "() => JSON.parse(JSON.stringify(window.hotlineConsole.alerts.state))"
    )


async def test_alert_abandoned_filters_shortcuts_downgrade_and_units(
    live_server, browser, screenshot_dir
):
    page = await log_in(browser, live_server, "disp1")
    await page.set_viewport_size({"width": 1440, "height": 900})
    assert (await alerts_state(page))["count"] == 0

    p1_id, other_id = "shift-p1", "shift-p3"
    p1_feed = asyncio.create_task(
        stream_file(live_server.base_url, None, samples=p1_call_audio(tail_seconds=7.0),
                    codec="pcm16", call_id=p1_id, trunk=TRUNK, secret=SECRET,
                    caller_number="0912345678", speed=1.5)
    )  # fmt: skip

    # A new P1: the alert is raised (page state), the title flashes, the banner names the call.
    await page.wait_for_function(
        f"() => window.hotlineConsole.alerts.state.last?.callId === '{p1_id}'", timeout=WAIT_MS
    )
    alert = await alerts_state(page)
    assert alert["last"]["kind"] == "p1" and alert["flashing"] and alert["count"] == 1
    assert alert["sounds"] == 1 and not alert["muted"]
    await page.wait_for_function("() => document.title.startsWith('⚠')", timeout=5_000)
    banner = page.locator("#alert-banner")
    await expect(banner).to_be_visible()
    await expect(banner).to_have_attribute("data-call-id", p1_id)
    await expect(row(page, p1_id)).to_have_attribute("data-urgency", "P1")
    await expect(row(page, p1_id).locator(".badge-live")).to_be_visible()
    await page.screenshot(path=str(screenshot_dir / "shift-1-new-p1-alert-live-call.png"))
    # Every tooltip is Vietnamese: no "urgency: P1", "status: bot", "claimed_by: ..." any more.
    titles = await page.eval_on_selector_all("[title]", "nodes => nodes.map(n => n.title)")
    english = re.compile(r"\b(urgency|status|claimed_by|override|incident|live|flagged)\b", re.I)
    assert titles and not [title for title in titles if english.search(title)], titles

    # A second call (the stolen motorbike, phone audio), then both callers hang up unanswered.
    other = await stream_file(live_server.base_url, sample("short_property_p3_stolen_motorbike"),
                              call_id=other_id, trunk=TRUNK, secret=SECRET, speed=4.0)  # fmt: skip
    assert other.error is None
    assert (await asyncio.wait_for(p1_feed, 60)).ended_reason == "stop"
    p1_row = row(page, p1_id)
    await expect(p1_row).to_have_class(re.compile(r"\babandoned\b"), timeout=WAIT_MS)
    await expect(p1_row.locator(".badge-abandoned")).to_have_text("Đã gác máy · cần gọi lại")
    await expect(p1_row.locator(".badge-pickup")).to_have_count(0)
    clock = p1_row.locator(".wait")
    await expect(clock).to_have_attribute("data-stopped", "1")
    stopped = await clock.inner_text()
    assert re.fullmatch(r"gác máy sau 0:\d\d", stopped), stopped
    await asyncio.sleep(2.2)
    assert await clock.inner_text() == stopped  # the clock does not run on after the hang-up
    await expect(row(page, other_id)).to_be_visible(timeout=WAIT_MS)

    # Filters and search: the page's own matcher, then the toolbar.
    folded = await page.evaluate(
        "import('/static/console/filters.js').then(m => ["
        " m.matchesFilter({location: 'Phố Huế', transcript_tail: 'có khói', call_id: 'x'},"
        "   {...m.NO_FILTER, text: 'khoi'}),"
        " m.matchesFilter({transcript_tail: 'khỏi', call_id: 'x'}, {...m.NO_FILTER, text: 'khói'}),"
        " m.matchesFilter({urgency: 'P1', trunk: '114', call_id: 'x'},"
        "   {...m.NO_FILTER, urgency: 'P1', trunk: '113'})])"
    )
    assert folded == [True, False, False]
    filters = page.locator("#queue-filters")
    await filters.get_by_label("Tìm trong hàng đợi").fill("SHIFT-P3")
    await expect(page.locator(".queue-row")).to_have_count(1)
    await expect(row(page, other_id)).to_be_visible()
    await expect(page.locator("#queue-count")).to_have_text("1/2 cuộc gọi")
    await filters.get_by_role("button", name="Bỏ lọc").click()
    other_urgency = await row(page, other_id).get_attribute("data-urgency")  # before it hides
    await filters.get_by_label("Mức khẩn cấp").select_option("P1")
    await expect(page.locator(".queue-row")).to_have_count(2 if other_urgency == "P1" else 1)
    await expect(row(page, p1_id)).to_be_visible()
    await filters.get_by_label("Mức khẩn cấp").select_option("")
    await filters.get_by_label("Trạng thái").select_option("abandoned")
    await expect(page.locator(".queue-row")).to_have_count(2)
    await filters.get_by_label("Đầu số").select_option(TRUNK)
    await expect(page.locator(".queue-row")).to_have_count(2)
    await filters.get_by_role("button", name="Bỏ lọc").click()

    # Shortcuts: the help overlay lists them; N opens the most urgent free call, C claims it.
    await page.locator("body").press("?")
    help_box = page.locator("#help-overlay")
    await expect(help_box).to_be_visible()
    await expect(help_box).to_contain_text("Nhận cuộc gọi đang mở")
    await page.screenshot(path=str(screenshot_dir / "shift-2-shortcuts-help.png"))
    await page.keyboard.press("Escape")
    await expect(help_box).to_be_hidden()
    await page.keyboard.press("n")
    await expect(p1_row).to_have_class(re.compile(r"\bselected\b"))
    assert not (await alerts_state(page))["flashing"]  # N acknowledged the alert
    panel = page.locator("#call-panel")
    await expect(panel.locator(".callback-manual")).to_contain_text("0912345678")
    await page.keyboard.press("c")
    await expect(p1_row.locator(".badge-claimed")).to_have_text("Đang xử lý: disp1")

    # A P1 downgrade needs a reason and a second, deliberate confirmation.
    await page.keyboard.press("o")
    form = panel.locator('form[data-form="override"]')
    await expect(form).to_be_visible()
    await form.get_by_label("Mức khẩn cấp").select_option("P3")
    await form.get_by_label("Lý do").fill("ok")
    await form.get_by_role("button", name="Lưu phân loại").click()
    await expect(panel.locator(".notice-error")).to_have_text("Hạ mức P1 cần ghi rõ lý do")
    reason = "Người nhà gọi lại báo bố đã tỉnh, thở bình thường"
    await form.get_by_label("Lý do").fill(reason)
    await form.get_by_role("button", name="Lưu phân loại").click()
    confirm = form.locator(".confirm-downgrade")
    await expect(confirm).to_be_visible()
    await expect(confirm).to_contain_text("Hạ mức P1 → P3?")
    await expect(p1_row).to_have_attribute("data-urgency", "P1")  # nothing sent yet
    await page.screenshot(path=str(screenshot_dir / "shift-3-downgrade-confirmation.png"))
    await confirm.locator('[data-action="confirm-downgrade"]').click()
    await expect(p1_row).to_have_attribute("data-urgency", "P3")
    # The model's confidence stays with the model's label, never beside the dispatcher's.
    urgency_cell = panel.locator(".classification .label-urgency")
    await expect(urgency_cell).to_have_text("P3 · Không còn nguy hiểm (sửa tay)")
    await expect(panel.locator(".override-note .model-said")).to_contain_text("P1 (tin cậy ")
    await expect(panel.locator(".audit")).to_contain_text("hạ từ P1")

    # Another dispatcher raises it again: an escalation alert.
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as http:
        login = await http.post("/api/login", json={"username": "boss", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        body = {"urgency": "P1", "reason": "nghe lại bản ghi: còn ngừng thở"}
        raised = await http.post(f"/api/calls/{p1_id}/override", headers=headers, json=body)
        assert raised.status_code == 200, raised.text
    await page.wait_for_function(
        "() => window.hotlineConsole.alerts.state.last?.kind === 'escalation'", timeout=10_000
    )
    await expect(banner).to_have_attribute("data-kind", "escalation")

    # Units: D opens the roster; the chosen ambulance goes en route, then on scene.
    await page.locator("body").click(position={"x": 5, "y": 880})
    await page.keyboard.press("d")
    dispatch = panel.locator('form[data-form="dispatch"]')
    await expect(dispatch).to_be_visible()
    await dispatch.locator('input[name=unit][value="115-CC01"]').check()
    await dispatch.get_by_role("button", name="Xác nhận điều phối").click()
    unit = panel.locator('.units li[data-unit-id="115-CC01"]')
    await expect(unit.locator(".unit-status")).to_have_text("Đang đến")
    await unit.get_by_role("button", name="Đã tới hiện trường").click()
    await expect(unit.locator(".unit-status")).to_have_text("Đã tới hiện trường")
    await expect(p1_row.locator(".badge-units")).to_have_text("Lực lượng: 115-CC01")
    await page.screenshot(path=str(screenshot_dir / "shift-4-unit-on-scene.png"))

    # A mutes the alert sound (kept for the shift).
    await page.keyboard.press("a")
    assert (await alerts_state(page))["muted"] is True
    await expect(page.locator("#alerts-mute")).to_have_attribute("aria-pressed", "true")
    assert page.errors == []  # type: ignore[attr-defined]


async def test_analyst_dates_are_day_month_year(live_server, browser):
    """The analysts' date fields take dd/mm/yyyy and every date shows as dd/mm/yyyy."""
    fire = sample("short_fire_p1_trapped")
    result = await stream_file(
        live_server.base_url, fire, call_id="dates-1", trunk=TRUNK, secret=SECRET, speed=4.0
    )
    assert result.error is None
    context = await browser.new_context(locale="en-US")  # even in a US-English browser
    page = await context.new_page()
    await page.goto(live_server.base_url + "/analyst")
    await page.fill("input[name=username]", "boss")
    await page.fill("input[name=password]", PASSWORD)
    await page.click("#login-form button[type=submit]")
    first_row = page.locator("#calls tbody tr[data-call-id='dates-1']")
    await expect(first_row).to_be_visible(timeout=WAIT_MS)
    started = await first_row.locator("td").first.inner_text()
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", started), started
    day = started.split(" ")[0]
    assert await page.get_attribute("input[name=from]", "placeholder") == "dd/mm/yyyy hh:mm"
    await page.fill("input[name=from]", day)
    await page.fill("input[name=to]", day)
    await page.click("#filters button[type=submit]")
    await expect(first_row).to_be_visible()
    await page.fill("input[name=from]", "31/02/2026")
    await page.click("#filters button[type=submit]")
    await expect(page.locator("#result-count")).to_have_text("Không có ngày 31/02/2026")
