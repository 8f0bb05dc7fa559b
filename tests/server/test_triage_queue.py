"""Unit tests of the pure triage queue logic: ranking, incident linking, queue events."""

from __future__ import annotations

from classifiers.labels import IncidentType, Urgency
from triage.incidents import IncidentLinker, locations_match, normalize_location
from triage.queue import Escalated, QueueChanged, TriageQueue
from triage.ranking import RankInput, rank


def entry(call_id: str, urgency: Urgency | None, started_at: float = 0.0, **facts) -> RankInput:  # type: ignore[no-untyped-def]
    return RankInput(call_id, urgency, started_at=started_at, **facts)


def test_urgency_first_then_risk_then_waiting_time():
    calls = [
        entry("p3-old", Urgency.P3, started_at=0),
        entry("p1-calm", Urgency.P1, started_at=50, urgency_confidence=0.6),
        entry("p1-trapped", Urgency.P1, started_at=90, urgency_confidence=0.6, red_flags=1),
        entry("p2-new", Urgency.P2, started_at=80),
        entry("p2-old", Urgency.P2, started_at=10),
        entry("p2-weapon", Urgency.P2, started_at=95, weapon=True),
        entry("p4", Urgency.P4, started_at=-100),
        entry("unknown", None, started_at=5),
    ]
    assert rank(calls) == [
        "p1-trapped",  # a red flag outranks an earlier P1 without one
        "p1-calm",
        "p2-weapon",
        "p2-old",  # same risk: the one waiting longer first
        "p2-new",
        "unknown",  # unclassified waits between P2 and P3: it may be serious
        "p3-old",
        "p4",
    ]


def test_people_at_risk_and_pickup_flag_raise_a_call_within_its_level():
    calls = [
        entry("one", Urgency.P1, started_at=0, people_at_risk=1),
        entry("five", Urgency.P1, started_at=10, people_at_risk=5),
        entry("bot-flagged", Urgency.P1, started_at=20, flagged_for_pickup=True),
    ]
    assert rank(calls) == ["bot-flagged", "five", "one"]


def test_queue_emits_changes_and_escalations():
    queue = TriageQueue()
    assert queue.add(entry("a", Urgency.P3, started_at=0)) == [QueueChanged(("a",), ("a",))]
    events = queue.add(entry("b", Urgency.P2, started_at=1))
    assert events == [QueueChanged(("b", "a"), ("b", "a"))]
    assert queue.rank_of("a") == 2
    events = queue.update(entry("a", Urgency.P1, started_at=0))
    assert QueueChanged(("a", "b"), ("a", "b")) in events
    assert Escalated("a", Urgency.P3, Urgency.P1) in events
    # Lower urgency: re-ranked, no escalation.
    events = queue.update(entry("a", Urgency.P4, started_at=0))
    assert not any(isinstance(e, Escalated) for e in events)
    assert queue.order == ("b", "a")
    assert queue.update(entry("a", Urgency.P4, started_at=0)) == []  # nothing changed
    assert queue.remove("b") == [QueueChanged(("a",), ("a",))]
    assert queue.rank_of("b") is None


def test_first_classification_is_not_an_escalation():
    queue = TriageQueue()
    queue.add(entry("a", None))
    assert not any(isinstance(e, Escalated) for e in queue.update(entry("a", Urgency.P1)))


def test_location_normalisation_ignores_tones_case_fillers_and_abbreviations():
    assert normalize_location("Ở số 8, Ngõ 45 Nguyễn Trãi") == "so 8 ngo 45 nguyen trai"
    assert locations_match("số 8 ngõ 45 Nguyễn Trãi", "so 8 ngo 45 nguyen trai")
    assert locations_match("số 8 ngõ 45 Nguyễn Trãi", "tại số 8 ngõ 45 Nguyễn Trải, Thanh Xuân")
    assert locations_match("chợ Đồng Xuân", "cổng chợ Đồng Xuân")
    assert not locations_match("số 8 ngõ 45 Nguyễn Trãi", "số 18 ngõ 45 Nguyễn Trãi")
    assert not locations_match("phố Huế", "cầu Long Biên")


def test_calls_about_one_incident_are_linked_within_fifteen_minutes():
    linker = IncidentLinker()
    fire = IncidentType.FIRE
    first = linker.link("c1", fire, "số 8 ngõ 45 Nguyễn Trãi", at=0)
    second = linker.link("c2", fire, "so 8 ngo 45 Nguyen Trai", at=120)
    assert first is not None and second is not None
    assert second.incident_id == first.incident_id and second.caller_count == 2
    # Same place, other type: another incident.
    other = linker.link("c3", IncidentType.MEDICAL, "số 8 ngõ 45 Nguyễn Trãi", at=130)
    assert other.incident_id != first.incident_id
    # Same type and place but 20 minutes after the last caller: a new incident.
    late = linker.link("c4", fire, "số 8 ngõ 45 Nguyễn Trãi", at=120 + 20 * 60)
    assert late.incident_id != first.incident_id and late.caller_count == 1
    # No location yet: nothing to link on.
    assert linker.link("c5", fire, None, at=10) is None


def test_a_call_whose_location_changes_moves_to_the_matching_incident():
    linker = IncidentLinker()
    a = linker.link("c1", IncidentType.FIRE, "chợ Đồng Xuân", at=0)
    b = linker.link("c2", IncidentType.FIRE, "phố Huế", at=10)
    assert a.incident_id != b.incident_id
    moved = linker.link("c2", IncidentType.FIRE, "cổng chợ Đồng Xuân", at=20)
    assert moved.incident_id == a.incident_id and moved.caller_count == 2
    assert linker.incident_of("c2").incident_id == a.incident_id


def test_an_abandoned_call_waits_after_live_callers_of_its_level_never_below_it():
    calls = [
        entry("p1-hung-up", Urgency.P1, started_at=0, red_flags=2, abandoned=True),
        entry("p1-live", Urgency.P1, started_at=50),
        entry("p2-live", Urgency.P2, started_at=0, red_flags=3),
    ]
    assert rank(calls) == ["p1-live", "p1-hung-up", "p2-live"]
