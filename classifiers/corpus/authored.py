"""Calls written by independent writers (authored/<writer>.jsonl) as corpus rows, split by writer
and by family: writer "t" is the held-out test set, the others give train and dev.

Data only: reads the writers' files; never decides a label (the writers did, from the contract).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from classifiers.text_norm import strip_diacritics

AUTHORED_DIR = Path(__file__).parent / "authored"
# Writer t wrote for the test split alone, from the same brief as the others but a persona of
# its own; no family of it can sit in train.
TEST_WRITERS = frozenset({"t"})
DEV_SHARE = 0.15  # of each training writer's families
NODIAC_SHARE = 0.45
_FIELDS = ("location", "people_at_risk", "weapon", "callback_number")


def _unit(key: str) -> float:
    """A stable number in [0, 1) from a string: splits do not depend on file order."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], 16) / 16**12


def split_of(writer: str, family: str) -> str:
    if writer in TEST_WRITERS:
        return "test"
    return "dev" if _unit(f"split:{family}") < DEV_SHARE else "train"


def read_writer(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def writer_files(directory: Path = AUTHORED_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.jsonl") if p.stem.isalpha())


def authored_rows(directory: Path = AUTHORED_DIR) -> dict[str, list[dict[str, object]]]:
    """Every writer's calls as clean rows, plus no-diacritics copies of some, by split."""
    rows: dict[str, list[dict[str, object]]] = {"train": [], "dev": [], "test": []}
    for path in writer_files(directory):
        writer = path.stem
        for call in read_writer(path):
            family = f"{writer}:{call['family']}"
            split = split_of(writer, family)
            row: dict[str, object] = {
                "id": f"w{writer}-{call['id']}",
                "scenario_id": family,
                "text": call["text"],
                "incident_type": call["incident_type"],
                "urgency": call["urgency"],
                **{name: call.get(name) for name in _FIELDS},
                "variant": "clean",
                "source": f"writer:{writer}",
            }
            rows[split].append(row)
            if _unit(f"nodiac:{row['id']}") < NODIAC_SHARE:
                location = row["location"]
                rows[split].append(
                    {
                        **row,
                        "id": f"{row['id']}-nd",
                        "text": strip_diacritics(str(call["text"])),
                        "location": strip_diacritics(str(location)) if location else None,
                        "variant": "nodiac",
                    }
                )
    return rows
