"""The analysts' console API on a real SQLite store: search, open one call, recording, export,
and the role checks."""

from __future__ import annotations

import csv
import io
import wave
from pathlib import Path
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from classifiers.labels import IncidentType, Urgency
from classifiers.messages import Classification, ExtractedFields
from server.auth import Accounts
from server.routes_analyst import router
from server.store import CallRecord, SqliteStore
from speech.messages import SegmentKind, TranscriptSegment

DAY = 86_400.0
T0 = 1_790_000_000.0  # 2026-09-21


def classification(incident: IncidentType, urgency: Urgency, location: str) -> dict:
    return Classification(
        incident, urgency, 0.9, 0.8, ("lý do",), ExtractedFields(location=location), "test-v1"
    ).to_json()


@pytest.fixture
def client(tmp_path: Path):
    store = SqliteStore(tmp_path / "hotline.sqlite3")
    # Cheap argon2 parameters: these tests are about routes, not password hashing cost.
    accounts = Accounts(store, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.create("an", "analyst-pass", "analyst")
    accounts.create("di", "dispatch-pass", "dispatcher")
    recording = tmp_path / "fire.wav"
    with wave.open(str(recording), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\0\0" * 1600)
    fire = CallRecord(
        "call-fire",
        "114",
        "0901234567",
        "ws",
        T0,
        status="closed",
        live=False,
        ended_at=T0 + 40,
        recording_path=str(recording),
        classification=classification(IncidentType.FIRE, Urgency.P1, "số 8 ngõ 45"),
    )
    theft = CallRecord(
        "call-theft",
        "113",
        None,
        "twilio",
        T0 + DAY,
        status="closed",
        live=False,
        classification=classification(IncidentType.PROPERTY_CRIME, Urgency.P3, "chợ Bến Thành"),
        override={
            "urgency": "P2",
            "incident_type": None,
            "reason": "còn kẻ trộm",
            "by": "di",
            "at": T0 + DAY + 5,
        },
    )
    for call in (fire, theft):
        store.insert_call(call)
    store.add_segment(
        "call-fire",
        TranscriptSegment(
            SegmentKind.FINAL,
            "Cháy nhà số 8 ngõ 45, bà tôi còn kẹt trên tầng hai",
            0.3,
            4.0,
            4.5,
            0,
        ),
    )
    store.add_segment(
        "call-theft",
        TranscriptSegment(SegmentKind.FINAL, "Tôi bị mất xe máy ở chợ", 0.2, 3.0, 3.5, 0),
    )
    store.add_classification("call-fire", fire.classification, 4.0, T0 + 5)
    store.append_audit("di", "dispatch", "call-fire", {"units": "PCCC Hoàn Kiếm"}, T0 + 30)
    app = FastAPI()
    # The two parts of server.runtime.ServerRuntime these routes use; the rest needs models.
    app.state.runtime = SimpleNamespace(store=store, accounts=accounts)
    app.state.accounts = accounts
    app.include_router(router)
    with TestClient(app) as test_client:
        token, _ = accounts.login("an", "analyst-pass")
        test_client.headers["Authorization"] = f"Bearer {token}"
        test_client.accounts = accounts  # type: ignore[attr-defined]
        yield test_client
    store.close()


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [call["call_id"] for call in response.json()["calls"]]


def test_needs_an_analyst_login(client: TestClient) -> None:
    assert client.get("/api/analyst/calls", headers={"Authorization": ""}).status_code == 401
    token, _ = client.accounts.login("di", "dispatch-pass")  # type: ignore[attr-defined]
    forbidden = client.get("/api/analyst/calls", headers={"Authorization": f"Bearer {token}"})
    assert forbidden.status_code == 403


def test_search_by_time_type_urgency_and_text(client: TestClient) -> None:
    assert ids(client.get("/api/analyst/calls")) == ["call-theft", "call-fire"]  # newest first
    assert ids(client.get("/api/analyst/calls", params={"type": "fire"})) == ["call-fire"]
    # The dispatcher's override (P3 -> P2) is the urgency searched on.
    assert ids(client.get("/api/analyst/calls", params={"urgency": "P2"})) == ["call-theft"]
    assert ids(client.get("/api/analyst/calls", params={"urgency": "P3"})) == []
    assert ids(client.get("/api/analyst/calls", params={"q": "TẦNG HAI"})) == ["call-fire"]
    window = {"from": "2026-09-22T00:00:00Z", "to": "2026-09-23T00:00:00Z"}
    assert ids(client.get("/api/analyst/calls", params=window)) == ["call-theft"]
    assert client.get("/api/analyst/calls", params={"type": "arson"}).status_code == 422


def test_text_search_without_diacritics_finds_the_marked_words(client: TestClient) -> None:
    assert ids(client.get("/api/analyst/calls", params={"q": "ket tren tang hai"})) == ["call-fire"]
    assert ids(client.get("/api/analyst/calls", params={"q": "MAT XE"})) == ["call-theft"]
    assert ids(client.get("/api/analyst/calls", params={"q": "cho"})) == ["call-theft"]
    # Typed with marks, the marks count: "mát" (cool) is not "mất" (lost).
    assert ids(client.get("/api/analyst/calls", params={"q": "mát xe"})) == []
    assert ids(client.get("/api/analyst/calls", params={"q": "mất xe"})) == ["call-theft"]


def test_open_call_has_timeline_labels_audit_and_audio(client: TestClient) -> None:
    detail = client.get("/api/analyst/calls/call-fire").json()
    assert detail["call"]["incident_type"] == "fire" and detail["call"]["urgency"] == "P1"
    assert detail["call"]["location"] == "số 8 ngõ 45"
    assert "kẹt trên tầng hai" in detail["transcript"]
    assert [c["urgency"] for c in detail["classifications"]] == ["P1"]
    assert detail["audit"][0]["action"] == "dispatch" and detail["has_recording"]
    audio = client.get("/api/analyst/calls/call-fire/recording")
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
    assert client.get("/api/analyst/calls/call-theft/recording").status_code == 404
    assert client.get("/api/analyst/calls/nope").status_code == 404


def test_export_selection_as_csv_and_json_is_audited(client: TestClient) -> None:
    exported = client.get("/api/analyst/export.csv", params={"urgency": "P1"})
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["call_id"] for r in rows] == ["call-fire"]
    assert "kẹt trên tầng hai" in rows[0]["transcript"]
    as_json = client.get("/api/analyst/export.json").json()
    theft = next(c for c in as_json["calls"] if c["call_id"] == "call-theft")
    assert theft["urgency"] == "P2" and theft["model_urgency"] == "P3" and theft["overridden"]
    store = client.app.state.runtime.store  # type: ignore[attr-defined]
    exports = [e for e in store.audit() if e.action == "export"]
    assert sorted((e.username, e.details["calls"]) for e in exports) == [("an", 1), ("an", 2)]
