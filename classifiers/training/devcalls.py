"""The independent caller texts of ../shared/devcalls: the selection part and the part kept aside.

Evaluation only: nothing that trains a model may read this module's output (a test checks).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from classifiers.labels import IncidentType, Urgency
from classifiers.training.dataset import LabelledText

DEVCALLS_DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "devcalls" / "calls.jsonl"
STYLES: tuple[str, ...] = ("clean", "spoken", "no_diacritics", "asr_noisy")
SELECT, HELD = "select", "held"
HELD_SHARE = 0.3  # fixed by id: looked at only for the final report


def part_of(call_id: str) -> str:
    """Which part a call belongs to: a fixed hash of its id, never its content."""
    bucket = int(hashlib.sha256(call_id.encode("utf-8")).hexdigest(), 16) % 10
    return HELD if bucket < HELD_SHARE * 10 else SELECT


@dataclass(frozen=True, slots=True)
class DevCall:
    example: LabelledText
    style: str
    part: str
    location: str | None
    people_at_risk: int | None
    weapon: bool
    callback_number: str | None


def load_devcalls(path: Path = DEVCALLS_DEFAULT) -> list[DevCall]:
    """Every call, in file order; a clear error when the file is missing."""
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the independent evaluation set lives in ../shared/devcalls "
            "next to the repository (pass --devcalls FILE to point elsewhere)"
        )
    calls = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            example = LabelledText(
                text=str(row["text"]),
                incident_type=IncidentType(row["incident_type"]),
                urgency=Urgency(row["urgency"]),
                variant=str(row["style"]),
                scenario_id=str(row["id"]),
                example_id=str(row["id"]),
            )
            calls.append(
                DevCall(
                    example,
                    str(row["style"]),
                    part_of(str(row["id"])),
                    row.get("location"),
                    row.get("people_at_risk"),
                    bool(row.get("weapon")),
                    row.get("callback_number"),
                )
            )
    return calls


def examples(
    calls: list[DevCall], part: str | None = None, style: str | None = None
) -> list[LabelledText]:
    return [
        c.example
        for c in calls
        if (part is None or c.part == part) and (style is None or c.style == style)
    ]
