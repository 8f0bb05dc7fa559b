"""`triage replay` end to end with the real Whisper model and the real classifier on a short
fire call spoken by espeak-ng, its duplicate, a sample without sidecar and two broken files;
the HTML report is opened in headless Chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest

from server.commands.replay import replay_and_report
from speech.messages import SAMPLE_RATE
from triage.replay.recordings import find_recordings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
UNLABELLED_SAMPLE = "short_medical_p1_not_breathing"
# A short fire call spoken slowly at 16 kHz: clear enough for Whisper base on espeak-ng speech.
# The last line (someone trapped) is what makes it P1: the decisive words.
FIRE_CALL = (
    "Alo, tôi cần giúp đỡ.",
    "Cháy nhà, cháy nhà!",
    "Con tôi bị kẹt trong nhà, không ra được!",
)
LEAD_IN, PAUSE = 0.5, 0.8

pytestmark = pytest.mark.slow


def write_wav(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes((np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())


def fire_call(tts) -> tuple[np.ndarray, list[dict]]:  # type: ignore[no-untyped-def]
    """The call's audio and its utterances with their call times."""
    parts, utterances, at = [np.zeros(int(LEAD_IN * SAMPLE_RATE), np.float32)], [], LEAD_IN
    for line in FIRE_CALL:
        speech = tts.synthesize(line)
        utterances.append({"text": line, "start": at, "end": at + len(speech) / SAMPLE_RATE})
        parts += [speech, np.zeros(int(PAUSE * SAMPLE_RATE), np.float32)]
        at += len(speech) / SAMPLE_RATE + PAUSE
    return 0.5 * np.concatenate(parts), utterances


def sidecar(call_id: str, utterances: list[dict]) -> str:
    return json.dumps(
        {
            "id": call_id,
            "reference_transcript": " ".join(FIRE_CALL),
            "incident_type": "fire",
            "urgency": "P1",
            "decisive_phrase": FIRE_CALL[-1],
            "decisive_time": utterances[-1]["end"],
            "utterances": utterances,
        },
        ensure_ascii=False,
    )


@pytest.fixture(scope="module")
def call_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from speech.tts import EspeakTTS

    folder = tmp_path_factory.mktemp("calls")
    audio, utterances = fire_call(EspeakTTS(voice="vi", speed=130))
    # The same call twice under two ids: replay must be repeatable, even in parallel.
    for call_id in ("fire_trapped", "again"):
        write_wav(folder / f"{call_id}.wav", audio)
        (folder / f"{call_id}.json").write_text(sidecar(call_id, utterances), encoding="utf-8")
    # Audio with no sidecar: replays, no accuracy.
    unlabelled = SAMPLES / f"{UNLABELLED_SAMPLE}.wav"
    assert unlabelled.is_file(), f"{unlabelled} missing: run samples/generate.py"
    shutil.copy(unlabelled, folder / "unlabelled.wav")
    # A WAV cut off mid-data and bytes that are no audio at all.
    (folder / "cut_off.wav").write_bytes((folder / "fire_trapped.wav").read_bytes()[:4000])
    (folder / "noise.mp3").write_bytes(b"this is not audio " * 200)
    return folder


@pytest.fixture(scope="module")
def replayed(call_dir: Path, tmp_path_factory: pytest.TempPathFactory, transcriber, classifier):
    """Runs the `triage replay` command body once with the session's real models."""
    out = tmp_path_factory.mktemp("report")
    args = argparse.Namespace(out=out, realtime=False, jobs=2, no_partials=False)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = replay_and_report(args, find_recordings([call_dir]), transcriber, classifier, 2)
    report = json.loads((out / "replay.json").read_text(encoding="utf-8"))
    return code, stdout.getvalue(), out, {call["call_id"]: call for call in report["calls"]}


def test_prints_the_aggregate_table_and_writes_three_reports(replayed) -> None:
    code, stdout, out, calls = replayed
    assert code == 0
    for measure in (
        "incident type macro-F1",
        "urgency accuracy",
        "P1 recall",
        "under-triage rate",
        "time to correct triage, median",
        "speed (audio s per wall s)",
    ):
        assert measure in stdout
    assert "3 of 5 (2 failed)" in stdout
    assert {p.name for p in out.iterdir()} >= {"report.html", "replay.json", "calls.csv"}
    assert len((out / "calls.csv").read_text(encoding="utf-8").splitlines()) == 1 + len(calls)


def test_short_labelled_call_is_triaged_right_after_the_decisive_words(replayed) -> None:
    _, _, _, calls = replayed
    call = calls["fire_trapped"]
    assert (call["predicted_type"], call["predicted_urgency"]) == ("fire", "P1")
    assert call["time_to_correct_triage"] != ""
    assert call["time_to_correct_triage"] >= call["decisive_time"]
    assert call["delay_after_decisive"] >= 0
    assert call["time_to_correct_triage"] <= call["audio_seconds"] + 1e-6
    # The timeline carries each classification change with its reasons.
    updates = [e for e in call["timeline"] if e["type"] == "triage"]
    assert updates and updates[-1]["classification"]["urgency"] == "P1"
    assert 0 <= call["cer"] < 1.0


def test_file_without_sidecar_still_replays(replayed) -> None:
    _, _, _, calls = replayed
    call = calls["unlabelled"]
    assert call["error"] == ""
    assert call["predicted_type"] and call["predicted_urgency"]
    assert call["true_type"] == "" and call["cer"] == "" and call["time_to_correct_triage"] == ""


def test_broken_files_are_reported_and_the_rest_replays(replayed) -> None:
    _, stdout, _, calls = replayed
    assert "truncated" in calls["cut_off"]["error"]
    assert calls["noise"]["error"]
    assert "failed: " in stdout and "cut_off.wav" in stdout and "noise.mp3" in stdout
    assert all(calls[c]["error"] == "" for c in ("fire_trapped", "again", "unlabelled"))


def test_the_same_call_replayed_twice_gets_the_same_labels(replayed) -> None:
    _, _, _, calls = replayed
    first, second = calls["fire_trapped"], calls["again"]

    def labels(call: dict) -> list[tuple]:
        return [
            (e["at"], e["classification"]["incident_type"], e["classification"]["urgency"])
            for e in call["timeline"]
            if e["type"] == "triage"
        ]

    assert labels(first) == labels(second)
    assert first["transcript"] == second["transcript"]
    assert first["final"] == second["final"]


@pytest.mark.browser
def test_html_report_opens_in_chromium_with_plots_and_tables(replayed) -> None:
    from playwright.sync_api import sync_playwright

    _, _, out, calls = replayed
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto((out / "report.html").as_uri())
            plots = page.evaluate(
                "Array.from(document.querySelectorAll('img.plot'))"
                ".map(i => [i.id, i.complete, i.naturalWidth, i.naturalHeight])"
            )
            aggregate_rows = page.locator("#aggregate tbody tr").count()
            call_rows = page.locator("#calls tbody tr").all_inner_texts()
        finally:
            browser.close()
    assert {p[0] for p in plots} == {
        "plot-type-confusion",
        "plot-urgency-confusion",
        "plot-time-to-triage",
        "plot-urgency-over-time",
    }
    assert all(complete and width > 200 and height > 100 for _, complete, width, height in plots)
    assert aggregate_rows >= 15
    assert len(call_rows) == len(calls)
    assert any("fire_trapped" in row for row in call_rows)
