"""The committed sample calls honour the label contract, their timings and the phone format.

Reads samples/ as committed and regenerates one short call to prove the files are reproducible.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType, Urgency

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SIDECARS = sorted(SAMPLES.glob("*.json"))
REQUIRED = {
    "id", "reference_transcript", "incident_type", "urgency", "location", "people_at_risk",
    "weapon", "callback_number", "decisive_phrase", "decisive_time", "utterances", "voice",
    "speed", "pitch", "snr_db", "trunk", "notes", "short", "duration",
}  # fmt: skip


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _decode(path: Path) -> tuple[str, int, int, np.ndarray]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        pcm = np.concatenate([frame.to_ndarray().ravel() for frame in container.decode(stream)])
        codec, rate, channels = stream.codec_context.name, stream.sample_rate, stream.channels
    return codec, rate, channels, pcm.astype(np.float64) / 32768.0


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples))))


@pytest.fixture(scope="module")
def sidecars() -> list[dict]:
    return [_load(path) for path in SIDECARS]


def test_at_least_sixty_calls_each_with_audio(sidecars) -> None:
    assert len(sidecars) >= 60
    assert {p.stem for p in SAMPLES.glob("*.wav")} == {s["id"] for s in sidecars}


def test_every_type_and_urgency_is_covered(sidecars) -> None:
    assert {s["incident_type"] for s in sidecars} == {t.value for t in INCIDENT_TYPES}
    assert {s["urgency"] for s in sidecars} == {u.value for u in URGENCIES}


def test_all_three_vietnamese_voices_are_used(sidecars) -> None:
    bases = {s["voice"].split("+")[0] for s in sidecars}
    assert {"vi", "vi-vn-x-central", "vi-vn-x-south"} <= bases


@pytest.mark.parametrize("path", SIDECARS, ids=lambda p: p.stem)
def test_sidecar_follows_the_label_contract(path: Path) -> None:
    sidecar = _load(path)
    assert REQUIRED <= sidecar.keys()
    assert sidecar["id"] == path.stem
    IncidentType(sidecar["incident_type"])
    Urgency(sidecar["urgency"])
    transcript = sidecar["reference_transcript"]
    for field in ("location", "decisive_phrase"):
        assert sidecar[field] is None or sidecar[field] in transcript, field
    assert sidecar["people_at_risk"] is None or (
        isinstance(sidecar["people_at_risk"], int) and sidecar["people_at_risk"] >= 0
    )
    assert sidecar["weapon"] in (True, False, None)
    number = sidecar["callback_number"]
    assert number is None or (number.isdigit() and 9 <= len(number) <= 11)
    assert number is None or " ".join([number[:4], number[4:7], number[7:]]) in transcript
    assert sidecar["trunk"] in ("113", "114", "115")
    assert transcript == " ".join(u["text"] for u in sidecar["utterances"])
    if sidecar["urgency"] == "P4":
        assert sidecar["incident_type"] == "non_emergency"


@pytest.mark.parametrize("path", SIDECARS, ids=lambda p: p.stem)
def test_utterance_timing_and_decisive_time_are_consistent(path: Path) -> None:
    sidecar = _load(path)
    utterances = sidecar["utterances"]
    previous_end = 0.0
    for utterance in utterances:
        assert previous_end < utterance["start"] < utterance["end"]
        previous_end = utterance["end"]
    if not utterances:  # the silent call: nothing said, so nothing decisive to time
        assert sidecar["reference_transcript"] == "" and sidecar["decisive_time"] is None
        return
    holder = next(u for u in utterances if sidecar["decisive_phrase"] in u["text"])
    assert holder["start"] < sidecar["decisive_time"] <= holder["end"]
    if holder["text"].rstrip(".!?").endswith(sidecar["decisive_phrase"].rstrip(".!?")):
        assert sidecar["decisive_time"] == pytest.approx(holder["end"], abs=0.25)


@pytest.mark.parametrize("path", SIDECARS, ids=lambda p: p.stem)
def test_audio_is_8k_mono_mulaw_and_as_long_as_the_script(path: Path) -> None:
    sidecar = _load(path)
    codec, rate, channels, audio = _decode(path.with_suffix(".wav"))
    duration = len(audio) / 8000
    assert (codec, rate, channels) == ("pcm_mulaw", 8000, 1)
    assert duration == pytest.approx(sidecar["duration"], abs=0.002)
    if sidecar["utterances"]:
        tail = duration - sidecar["utterances"][-1]["end"]
        assert 0.2 <= tail <= 0.7, "the call ends shortly after the last word"
    low, high = (4.0, 7.0) if sidecar["short"] else (8.0, 20.0)
    assert low <= duration <= high


@pytest.mark.parametrize("path", SIDECARS, ids=lambda p: p.stem)
def test_speech_sits_where_the_sidecar_says(path: Path) -> None:
    sidecar = _load(path)
    *_, audio = _decode(path.with_suffix(".wav"))
    if not sidecar["utterances"]:
        assert _rms(audio) < 0.01, "the silent call carries only faint line hiss"
        return
    spans = [(round(u["start"] * 8000), round(u["end"] * 8000)) for u in sidecar["utterances"]]
    speech = np.concatenate([audio[a:b] for a, b in spans])
    lead_in = audio[: spans[0][0]]
    assert _rms(speech) > 0.03
    # The lead-in holds only background noise, so it sits about the script's SNR below the
    # speech; slack because speech spans include short pauses (6 dB) and street noise swells
    # as vehicles pass, so a short lead-in can catch it at its loudest (10 dB).
    snr_db = sidecar["snr_db"]
    slack_db = 10.0 if sidecar["noise"] == "street" else 6.0
    least_ratio = 10 ** ((snr_db - slack_db) / 20) if snr_db is not None else 10.0
    assert _rms(speech) > least_ratio * _rms(lead_in)


def test_short_calls_for_integration_tests(sidecars) -> None:
    short = {s["id"]: s for s in sidecars if s["short"]}
    assert 3 <= len(short) <= 6
    assert all(s_id.startswith("short_") for s_id in short)
    fire = short["short_fire_p1_trapped"]
    assert (fire["incident_type"], fire["urgency"]) == ("fire", "P1")
    assert fire["location"] and fire["people_at_risk"] >= 1
    labels = {(s["incident_type"], s["urgency"]) for s in short.values()}
    assert {("medical", "P1"), ("property_crime", "P3")} <= labels


def test_committed_audio_stays_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.glob("*.wav"))
    assert total < 8 * 1024 * 1024


def test_generator_reproduces_a_committed_call_byte_for_byte(tmp_path) -> None:
    # Run the documented command itself, so its imports and sys.path set-up are tested too.
    call_id = "short_fire_p1_trapped"
    subprocess.run(
        [sys.executable, str(SAMPLES / "generate.py"), "--only", call_id, "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for suffix in (".wav", ".json"):
        regenerated = (tmp_path / call_id).with_suffix(suffix).read_bytes()
        assert regenerated == (SAMPLES / call_id).with_suffix(suffix).read_bytes(), suffix
