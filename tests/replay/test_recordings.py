"""Finding recorded calls and reading their sidecars."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.replay.recordings import find_recordings


def test_folders_are_searched_sidecars_read_and_problems_kept(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.wav", "sub/a.mp3", "c.wav", "d.wav"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a call")
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "id": "call-b",
                "incident_type": "fire",
                "urgency": "P1",
                "reference_transcript": "cháy",
                "decisive_time": 2.5,
                "trunk": "114",
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "c.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"incident_type": "arson"}), encoding="utf-8")

    recordings = find_recordings([tmp_path, tmp_path / "b.wav"])

    assert [r.path.name for r in recordings] == ["b.wav", "c.wav", "d.wav", "a.mp3"]
    b, c, d, a = recordings
    assert b.call_id == "call-b" and b.trunk == "114"
    assert b.reference is not None and b.reference.urgency == "P1"
    assert b.reference.decisive_time == 2.5
    assert a.reference is None and a.sidecar_problem is None and a.call_id == "a"
    assert c.reference is None and "not readable JSON" in (c.sidecar_problem or "")
    assert d.reference is None and "labels.md" in (d.sidecar_problem or "")


def test_a_missing_path_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="give audio files or folders"):
        find_recordings([tmp_path / "nope.wav"])
