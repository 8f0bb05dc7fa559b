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
from server_thread import DISPATCHER_PHRASE, ServerThread, create_accounts

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


# ---------------------------------------------------------------- voice and callbot


@pytest.fixture(scope="session")
def smart_turn_model(settings):
    from triage.callbot.smart_turn_store import resolve_smart_turn_model
    from triage.callbot.turn_taking import SmartTurnModel

    return SmartTurnModel(resolve_smart_turn_model(None, settings.cache_dir))


@pytest.fixture(scope="session")
def vad():
    from speech.vad import SileroVad

    return SileroVad()


@pytest.fixture
def bot_live_server(console_settings, transcriber, classifier, tts, smart_turn_model, vad):
    """The real app with the real callbot answering every call (HOTLINE_CALLBOT_MODE=always)."""
    from server.callbot_bridge import CallbotBridge, CallbotConfig
    from triage.callbot.overflow import CallbotMode

    bridge = CallbotBridge(tts, smart_turn_model, vad, CallbotConfig(mode=CallbotMode.ALWAYS))
    create_accounts(console_settings.db_path)
    server = ServerThread(console_settings, transcriber, classifier, bridge.observer_for)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        bridge.close()


def fake_microphone_wav(path: Path, text: str) -> Path:
    """What the dispatcher says into Chromium's fake microphone: espeak-ng, 48 kHz mono WAV
    (sox), with a second of silence after it (Chromium loops the file)."""
    import subprocess

    from speech.tts import EspeakTTS

    speech = EspeakTTS(speed=150).synthesize(text)
    raw = path.with_suffix(".16k.wav")
    import wave

    import numpy as np

    with wave.open(str(raw), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        padded = np.concatenate([speech, np.zeros(16000, np.float32)])
        out.writeframes((np.clip(padded, -1, 1) * 32767).astype("<i2").tobytes())
    subprocess.run(["sox", str(raw), "-r", "48000", str(path)], check=True)
    return path


@pytest.fixture
async def voice_browser(tmp_path: Path) -> AsyncIterator[Browser]:
    """Chromium whose microphone is a spoken Vietnamese phrase (no permission prompt)."""
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/setup.sh` installs Debian's chromium")
    microphone = fake_microphone_wav(tmp_path / "dispatcher-mic.wav", DISPATCHER_PHRASE)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield chromium
        finally:
            await chromium.close()
