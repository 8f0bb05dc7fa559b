"""`triage replay --live` feeds a recorded call into a real server (real models, SQLite,
websocket); an analyst then finds it through the API and in the console page in Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from tqdm import tqdm

from server.app import create_app
from server.auth import Accounts, TrunkSecrets
from server.commands.replay import _feed_all
from server.runtime import IngestLimits
from server.settings import Settings
from triage.replay.recordings import find_recordings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TRUNK, SECRET = "replay", "replay-secret"
ANALYST, PASSWORD = "ana", "analyst-pass"

pytestmark = pytest.mark.slow


@contextlib.asynccontextmanager
async def running_server(settings: Settings, transcriber, classifier) -> AsyncIterator[tuple]:
    app = create_app(
        settings,
        transcriber=transcriber,
        classifier=classifier,
        trunk_secrets=TrunkSecrets({TRUNK: SECRET}),
        limits=IngestLimits(idle_timeout_s=5.0, start_timeout_s=5.0),
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", app.state.runtime
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


@pytest.mark.browser
async def test_live_fed_call_is_found_opened_and_exported_by_an_analyst(
    tmp_path: Path, settings: Settings, transcriber, classifier
) -> None:
    from playwright.async_api import async_playwright

    server_settings = Settings(
        cache_dir=settings.cache_dir,
        whisper_model_dir=settings.whisper_model_dir,
        classifier_model_dir=settings.classifier_model_dir,
        db_path=tmp_path / "hotline.sqlite3",
        recordings_dir=tmp_path / "recordings",
        inference_threads=2,
    )
    async with running_server(server_settings, transcriber, classifier) as (base_url, runtime):
        Accounts(runtime.store, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)).create(
            ANALYST, PASSWORD, "analyst"
        )
        recordings = find_recordings([SAMPLES / "short_fire_p1_trapped.wav"])
        args = argparse.Namespace(live=base_url, trunk=TRUNK, jobs=1, speed=4.0)
        with tqdm(total=1, disable=True) as progress:
            [(labels, note)] = await _feed_all(args, recordings, SECRET, progress)
        assert note == "" and labels != "-"
        incident_type, urgency = labels.split("/")

        async with httpx.AsyncClient(base_url=base_url) as http:
            login = await http.post("/api/login", json={"username": ANALYST, "password": PASSWORD})
            headers = {"Authorization": f"Bearer {login.json()['token']}"}
            found = (
                await http.get(
                    "/api/analyst/calls",
                    params={"type": incident_type, "urgency": urgency},
                    headers=headers,
                )
            ).json()["calls"]
            assert len(found) == 1 and found[0]["call_id"].startswith("short_fire_p1_trapped-")
            call_id = found[0]["call_id"]
            detail = (await http.get(f"/api/analyst/calls/{call_id}", headers=headers)).json()
            assert detail["transcript"] and detail["classifications"] and detail["has_recording"]
            word = detail["transcript"].split()[0]
            by_text = await http.get("/api/analyst/calls", params={"q": word}, headers=headers)
            assert call_id in [c["call_id"] for c in by_text.json()["calls"]]

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            try:
                page = await browser.new_page(accept_downloads=True)
                await page.goto(f"{base_url}/analyst")
                await page.fill("input[name=username]", ANALYST)
                await page.fill("input[name=password]", PASSWORD)
                await page.click("#login-form button[type=submit]")
                row = page.locator(f"#calls tbody tr[data-call-id='{call_id}']")
                await row.wait_for(timeout=10_000)
                await page.select_option("select[name=urgency]", urgency)
                await page.click("#filters button[type=submit]")
                await row.click()
                await page.locator("#transcript").wait_for(timeout=10_000)
                transcript = await page.inner_text("#transcript")
                labels_text = await page.inner_text("#labels")
                await page.locator("#audio audio").wait_for(state="attached", timeout=10_000)
                async with page.expect_download() as download_info:
                    await page.click("#export-csv")
                download = await download_info.value
                saved = await download.path()
                exported = await asyncio.to_thread(Path(saved).read_text, encoding="utf-8")
            finally:
                await browser.close()
        assert transcript == detail["transcript"]
        assert urgency in labels_text
        assert call_id in exported
