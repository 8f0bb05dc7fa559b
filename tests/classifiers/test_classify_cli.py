"""`triage classify` as other tools call it: a real subprocess, JSON lines in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_classify(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", "classify"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )


def test_must_show_command(classifier):  # the fixture makes sure the artefact is built
    line = json.dumps(
        {"text": "alo cứu với nhà tôi ở số 5 ngõ 12 Láng Hạ đang cháy, con tôi còn trong phòng"},
        ensure_ascii=False,
    )
    done = run_classify(line + "\n")
    assert done.returncode == 0, done.stderr
    [output] = [json.loads(x) for x in done.stdout.splitlines()]
    assert output["incident_type"] == "fire"
    assert output["urgency"] == "P1"
    assert "ngõ 12 Láng Hạ" in output["location"]
    assert output["reasons"]
    assert set(output["confidence"]) == {"incident_type", "urgency"}
    for key in ("people_at_risk", "weapon", "callback_number"):
        assert key in output


def test_bad_lines_get_an_error_line_and_the_stream_goes_on(classifier):
    lines = [
        json.dumps(
            {"id": "a", "text": "có người bị đâm chảy máu nhiều ở quán nước"}, ensure_ascii=False
        ),
        "this is not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps({"id": "e", "text": 42}),
        json.dumps(["text"]),
        json.dumps(
            {"id": "g", "text": "cho hỏi số tổng đài điện lực", "extra": {"k": [1, 2]}},
            ensure_ascii=False,
        ),
    ]
    done = run_classify("\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(x) for x in done.stdout.splitlines()]
    assert len(outputs) == len(lines)
    assert outputs[0]["id"] == "a" and outputs[0]["incident_type"] == "violent_crime"
    for number in (2, 3, 4, 5, 6):
        error = outputs[number - 1]
        assert set(error) == {"error", "line"}
        assert error["line"] == number
        assert error["error"]
    assert "JSON" in outputs[1]["error"]
    assert "text" in outputs[2]["error"]
    assert "empty" in outputs[3]["error"]
    assert outputs[6]["id"] == "g" and outputs[6]["extra"] == {"k": [1, 2]}
    assert outputs[6]["incident_type"] == "non_emergency"


def test_thousand_lines_keep_their_order(classifier):
    texts = ["nhà tôi bị mất trộm tivi", "alo cháy chợ rồi", "tôi gọi nhầm", "ông tôi khó thở"]
    lines = [
        json.dumps({"n": i, "text": texts[i % len(texts)]}, ensure_ascii=False) for i in range(1000)
    ]
    done = run_classify("\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(x) for x in done.stdout.splitlines()]
    assert [o["n"] for o in outputs] == list(range(1000))
    by_text = {}
    for output in outputs:
        by_text.setdefault(output["text"], set()).add(output["incident_type"])
    assert all(len(types) == 1 for types in by_text.values())
