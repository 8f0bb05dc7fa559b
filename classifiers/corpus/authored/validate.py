"""Checks one writer's file of authored caller texts against the label contract.

Run: python3 classifiers/corpus/authored/validate.py FILE.jsonl  (prints problems and counts).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

TYPES = {
    "fire",
    "rescue",
    "hazard",
    "traffic_accident",
    "violent_crime",
    "property_crime",
    "domestic_violence",
    "public_order",
    "medical",
    "self_harm",
    "missing_person",
    "non_emergency",
}
URGENCIES = {"P1", "P2", "P3", "P4"}
REGIONS = {"north", "central", "south", "none"}
KEYS = {
    "id",
    "family",
    "text",
    "incident_type",
    "urgency",
    "location",
    "people_at_risk",
    "weapon",
    "callback_number",
    "region",
    "caller",
    "hard",
}


def check_row(row: dict[str, object]) -> list[str]:
    problems = []
    missing = KEYS - row.keys()
    extra = row.keys() - KEYS
    if missing:
        problems.append(f"missing keys {sorted(missing)}")
    if extra:
        problems.append(f"unknown keys {sorted(extra)}")
    text = row.get("text")
    if not isinstance(text, str) or len(text.split()) < 3:
        problems.append("text must be a string of at least 3 words")
        return problems
    if unicodedata.normalize("NFC", text) != text:
        problems.append("text is not NFC-normalised")
    if row.get("incident_type") not in TYPES:
        problems.append(f"bad incident_type {row.get('incident_type')!r}")
    if row.get("urgency") not in URGENCIES:
        problems.append(f"bad urgency {row.get('urgency')!r}")
    if (row.get("incident_type") == "non_emergency") != (row.get("urgency") == "P4"):
        if row.get("incident_type") != "property_crime":
            problems.append(
                "non_emergency goes with P4 and P4 with non_emergency (or property_crime)"
            )
    location = row.get("location")
    if location is not None and (not isinstance(location, str) or location not in text):
        problems.append("location must be null or an exact substring of text")
    people = row.get("people_at_risk")
    if people is not None and (
        not isinstance(people, int) or isinstance(people, bool) or people < 0
    ):
        problems.append("people_at_risk must be null or an integer >= 0")
    if not isinstance(row.get("weapon"), bool):
        problems.append("weapon must be true or false")
    number = row.get("callback_number")
    if number is not None and (not isinstance(number, str) or not number.isdigit()):
        problems.append("callback_number must be null or a string of digits")
    if row.get("region") not in REGIONS:
        problems.append(f"region must be one of {sorted(REGIONS)}")
    family = row.get("family")
    if not isinstance(family, str) or not family or " " in family:
        problems.append("family must be a non-empty slug without spaces")
    return problems


def main(path: Path) -> int:
    ids: set[str] = set()
    texts: set[str] = set()
    cells: Counter[tuple[str, str]] = Counter()
    families: set[str] = set()
    bad = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"{path}:{number}: not JSON ({error})")
            bad += 1
            continue
        problems = check_row(row)
        if row.get("id") in ids:
            problems.append(f"duplicate id {row.get('id')}")
        if row.get("text") in texts:
            problems.append("duplicate text")
        ids.add(str(row.get("id")))
        texts.add(str(row.get("text")))
        families.add(str(row.get("family")))
        for problem in problems:
            print(f"{path}:{number}: {problem}")
        bad += bool(problems)
        cells[(str(row.get("incident_type")), str(row.get("urgency")))] += 1
    print(f"{len(ids)} rows, {len(families)} families, {bad} with problems")
    for cell in sorted(cells):
        print(f"  {cell[0]:18} {cell[1]}  {cells[cell]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
