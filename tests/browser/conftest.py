"""Fixtures of the console browser tests: the real app in a thread and a Debian Chromium.

Chromium is the system one (/usr/bin/chromium): Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright
from server_thread import ServerThread, create_accounts

from server.settings import Settings

CHROMIUM = os.environ.get("HOTLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def console_settings(tmp_path: Path, settings: Settings) -> Settings:
    return Settings(
        cache_dir=settings.cache_dir,
        whisper_model_dir=settings.whisper_model_dir,
        classifier_model_dir=settings.classifier_model_dir,
        db_path=tmp_path / "hotline.sqlite3",
        recordings_dir=tmp_path / "recordings",
        inference_threads=2,
    )


@pytest.fixture
def live_server(console_settings, transcriber, classifier) -> Iterator[ServerThread]:
    create_accounts(console_settings.db_path)
    server = ServerThread(console_settings, transcriber, classifier)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/setup.sh` installs Debian's chromium")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """HOTLINE_SCREENSHOT_DIR keeps the screenshots for a person to look at."""
    target = Path(os.environ.get("HOTLINE_SCREENSHOT_DIR") or tmp_path / "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target
