"""Integrity of the committed corpus: labels, spans, splits by scenario, counts, determinism."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from classifiers.corpus.generate import DATA_DIR, SPLITS, generate_rows
from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType, Urgency
from classifiers.red_flags import apply_red_flags, find_red_flags, strictest
from classifiers.text_norm import strip_diacritics

FIELDS = {
    "id",
    "scenario_id",
    "text",
    "incident_type",
    "urgency",
    "location",
    "people_at_risk",
    "weapon",
    "callback_number",
    "variant",
    "source",
}


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict[str, object]]]:
    out = {}
    for split in SPLITS:
        with (DATA_DIR / f"{split}.jsonl").open(encoding="utf-8") as handle:
            out[split] = [json.loads(line) for line in handle]
    return out


def all_rows(rows: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
    return [row for split in SPLITS for row in rows[split]]


def test_every_row_follows_the_schema_and_the_label_contract(rows) -> None:
    types, urgencies = {t.value for t in INCIDENT_TYPES}, {u.value for u in URGENCIES}
    ids = set()
    for row in all_rows(rows):
        assert set(row) == FIELDS, row["id"]
        assert row["incident_type"] in types and row["urgency"] in urgencies
        assert row["variant"] in {"clean", "nodiac", "asr"}
        authored = str(row["source"]).startswith("writer:")
        if row["variant"] == "asr":
            assert row["source"] == "espeak+whisper"
        else:
            assert row["source"] == "template" or authored, row["id"]
        assert isinstance(row["text"], str) and row["text"]
        assert row["location"] is None or row["location"] in row["text"], row["id"]
        least_people = 0 if authored else 1  # writers say 0 when nobody is hurt
        assert row["people_at_risk"] is None or (
            isinstance(row["people_at_risk"], int) and row["people_at_risk"] >= least_people
        )
        assert row["weapon"] in ((True, False) if authored else (True, None))
        number = row["callback_number"]
        assert number is None or (str(number).isdigit() and (authored or len(str(number)) == 10))
        assert row["id"] not in ids
        ids.add(row["id"])


def test_non_emergencies_are_p4_and_p4_only_for_non_emergencies(rows) -> None:
    """P4 is no emergency; an old small loss reported for the paperwork is property_crime P4."""
    for row in all_rows(rows):
        if row["incident_type"] == IncidentType.PROPERTY_CRIME:
            continue
        is_p4 = row["urgency"] == Urgency.P4
        assert is_p4 == (row["incident_type"] == IncidentType.NON_EMERGENCY), row["id"]


def test_no_scenario_sits_in_two_splits(rows) -> None:
    owners: dict[str, set[str]] = {}
    for split in SPLITS:
        for row in rows[split]:
            owners.setdefault(str(row["scenario_id"]), set()).add(split)
    assert all(len(splits) == 1 for splits in owners.values())


def test_no_text_repeats_across_splits(rows) -> None:
    seen: dict[str, str] = {}
    for split in SPLITS:
        for row in rows[split]:
            if row["variant"] == "clean":
                assert seen.setdefault(str(row["text"]), split) == split


def test_counts_meet_the_brief(rows) -> None:
    clean = [r for r in all_rows(rows) if r["variant"] == "clean"]
    full_calls = [r for r in clean if not str(r["id"]).endswith("-p")]
    assert len(full_calls) >= 3000
    by_type = Counter(str(r["incident_type"]) for r in clean)
    by_urgency = Counter(str(r["urgency"]) for r in clean)
    assert all(by_type[t.value] >= 150 for t in INCIDENT_TYPES), by_type
    assert all(by_urgency[u.value] >= 400 for u in URGENCIES), by_urgency
    for split in SPLITS:  # every type is evaluated in every split
        assert {r["incident_type"] for r in rows[split]} == {t.value for t in INCIDENT_TYPES}
    nodiac = [r for r in all_rows(rows) if r["variant"] == "nodiac"]
    assert len(nodiac) >= 0.3 * len(clean)


def test_nodiac_rows_are_stripped_copies_with_the_same_labels(rows) -> None:
    by_id = {r["id"]: r for r in all_rows(rows)}
    for row in all_rows(rows):
        if row["variant"] != "nodiac":
            continue
        source = by_id[str(row["id"]).removesuffix("-nd")]
        assert row["text"] == strip_diacritics(str(source["text"]))
        for key in (
            "incident_type",
            "urgency",
            "people_at_risk",
            "weapon",
            "callback_number",
            "scenario_id",
        ):
            assert row[key] == source[key]


def test_asr_rows_keep_the_labels_of_the_example_they_came_from(rows) -> None:
    by_id = {r["id"]: r for r in all_rows(rows)}
    for row in all_rows(rows):
        if row["variant"] != "asr":
            continue
        source = by_id[str(row["id"]).rsplit("-asr-", 1)[0]]
        assert source["variant"] == "clean"
        for key in ("incident_type", "urgency", "scenario_id"):
            assert row[key] == source[key]


def test_template_labels_seldom_sit_below_a_red_flag(rows) -> None:
    """The generator's templates and the safety layer agree on nearly every row, with and without
    marks (the templates' chest pain with breathlessness is P2; a flag may ask for more)."""
    templated = [r for r in all_rows(rows) if r["variant"] != "asr" and r["source"] == "template"]
    raised = [
        r["text"]
        for r in templated
        if apply_red_flags(Urgency(str(r["urgency"])), find_red_flags(str(r["text"])))
        != Urgency(str(r["urgency"]))
    ]
    assert len(raised) / len(templated) < 0.01, raised[:5]


def test_flags_rarely_raise_what_independent_writers_called_over_or_no_emergency(rows) -> None:
    """Precision of the safety layer on calls it was not written from: the writers' P3/P4 calls
    (events over, non-emergencies, figurative words) seldom reach P1 through a flag."""
    calm = [
        r
        for r in all_rows(rows)
        if r["variant"] == "clean" and r["source"] != "template" and r["urgency"] in ("P3", "P4")
    ]
    raised = [r for r in calm if strictest(find_red_flags(str(r["text"]))) is Urgency.P1]
    assert len(calm) > 500
    assert len(raised) / len(calm) < 0.05, [r["text"] for r in raised[:5]]


def test_tie_breaks_of_the_label_contract(rows) -> None:
    clean = [r for r in all_rows(rows) if r["variant"] == "clean"]
    burning_crash = [r for r in clean if "bốc cháy" in str(r["text"]) and "tông" in str(r["text"])]
    assert burning_crash and all(r["incident_type"] == "fire" for r in burning_crash)
    stabbed = [r for r in clean if "bị đâm" in str(r["text"]) and "máu" in str(r["text"])]
    assert stabbed and all(r["incident_type"] == "violent_crime" for r in stabbed)
    fall = [r for r in clean if "ngã trong nhà" in str(r["text"])]
    assert fall and all(r["incident_type"] == "medical" for r in fall)


def test_generator_is_deterministic_and_matches_the_committed_data(rows) -> None:
    fresh = generate_rows()
    for split in SPLITS:
        committed = [r for r in rows[split] if r["variant"] != "asr"]
        assert fresh[split] == committed


def test_data_files_stay_small() -> None:
    total = sum((DATA_DIR / f"{split}.jsonl").stat().st_size for split in SPLITS)
    assert total < 8 * 1024 * 1024
