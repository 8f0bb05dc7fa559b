"""`triage replay` end to end with the real Whisper model and the real classifier on short
sample calls, plus a copy without sidecar, a duplicate and two broken files; the HTML report
is opened in headless Chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from server.commands.replay import replay_and_report
from triage.replay.recordings import find_recordings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Two short labelled calls (4-6 s each) keep this module near a minute on 2 shared cores.
LABELLED = ("short_fire_p1_trapped", "short_medical_p1_not_breathing")
DUPLICATE = "short_fire_p1_trapped"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def call_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("calls")
    for call_id in LABELLED:
        wav, sidecar = SAMPLES / f"{call_id}.wav", SAMPLES / f"{call_id}.json"
        assert wav.is_file() and sidecar.is_file(), (
            f"{wav} missing: run `nice .venv/bin/python samples/generate.py`"
        )
        shutil.copy(wav, folder / wav.name)
        shutil.copy(sidecar, folder / sidecar.name)
    # The same audio and labels again under another id: replay must be repeatable.
    shutil.copy(SAMPLES / f"{DUPLICATE}.wav", folder / "again.wav")
    again = json.loads((SAMPLES / f"{DUPLICATE}.json").read_text(encoding="utf-8"))
    again["id"] = "again"
    (folder / "again.json").write_text(json.dumps(again, ensure_ascii=False), encoding="utf-8")
    # Audio with no sidecar: replays, no accuracy.
    shutil.copy(SAMPLES / f"{LABELLED[1]}.wav", folder / "unlabelled.wav")
    # A WAV cut off mid-data and bytes that are no audio at all.
    whole = (SAMPLES / f"{LABELLED[0]}.wav").read_bytes()
    (folder / "cut_off.wav").write_bytes(whole[:4000])
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
    assert "4 of 6 (2 failed)" in stdout
    assert {p.name for p in out.iterdir()} >= {"report.html", "replay.json", "calls.csv"}
    assert len((out / "calls.csv").read_text(encoding="utf-8").splitlines()) == 1 + len(calls)


def test_short_labelled_call_is_triaged_right_after_the_decisive_words(replayed) -> None:
    _, _, _, calls = replayed
    call = calls["short_fire_p1_trapped"]
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
    assert all(calls[c]["error"] == "" for c in (*LABELLED, "again", "unlabelled"))


def test_the_same_call_replayed_twice_gets_the_same_labels(replayed) -> None:
    _, _, _, calls = replayed
    first, second = calls[DUPLICATE], calls["again"]

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
    assert any("short_fire_p1_trapped" in row for row in call_rows)
