"""The safety layer and the real trained classifier on 140 hard cases written independently of
the code (tests/classifiers/red_flag_cases.jsonl): every red-flag concept in paraphrase, dialect,
no-diacritics, misheard and decisive-fact-last forms fires; negated, figurative and finished
ones do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.labels import IncidentType, Urgency
from classifiers.red_flags import find_red_flags

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "red_flag_cases.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
# The writer's concept names -> the flags that say each concept.
FLAGS = {
    "not_breathing": {"not_breathing"},
    "unresponsive": {"unconscious"},
    "trapped": {"trapped_in_danger", "trapped"},
    "drowning": {"drowning"},
    "people_inside_fire": {"people_inside_fire"},
    "weapon_threat": {"weapon", "life_threat_attack"},
    "intent_to_die": {"suicide_attempt"},
    "child_in_danger": {"child_in_danger", "drowning", "abduction"},
    "heavy_bleeding": {"heavy_bleeding"},
    "abduction": {"abduction", "child_in_danger"},
}


def _id(case: dict[str, object]) -> str:
    return f"{case['id']}-{case['concept']}-{case['form']}"


@pytest.mark.parametrize("case", [c for c in CASES if c["fires"]], ids=_id)
def test_the_concept_fires_and_the_call_is_ranked_as_urgent(classifier, case) -> None:
    result = classifier.classify(case["text"])
    assert {f.name for f in result.red_flags} & FLAGS[case["concept"]], result.reasons
    assert result.urgency.rank <= Urgency(case["urgency"]).rank, result.reasons


@pytest.mark.parametrize("case", [c for c in CASES if not c["fires"]], ids=_id)
def test_denied_figurative_or_finished_danger_raises_no_flag(case) -> None:
    fired = {f.name for f in find_red_flags(case["text"])} & FLAGS[case["concept"]]
    assert not fired, case["text"]


def test_every_concept_and_form_is_covered() -> None:
    assert {c["concept"] for c in CASES} == set(FLAGS)
    firing = {c["form"] for c in CASES if c["fires"]}
    assert {"paraphrase", "dialect", "nodiac", "misheard", "decisive_last"} <= firing
    assert {"negation", "figurative", "over"} <= {c["form"] for c in CASES if not c["fires"]}


def test_the_model_gets_most_of_their_types_right(classifier) -> None:
    results = classifier.classify_batch([c["text"] for c in CASES])
    pairs = zip(results, CASES, strict=True)
    right = sum(r.incident_type is IncidentType(c["incident_type"]) for r, c in pairs)
    assert right / len(CASES) >= 0.75
