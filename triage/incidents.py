"""Links calls that report the same incident: same type, matching location, close in time.

Pure logic over what callers said; it never reads the database or the wall clock itself.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from classifiers.labels import IncidentType

LINK_WINDOW_SECONDS = 15 * 60
MATCH_RATIO = 0.8

# Words callers put around an address that do not change which place it is.
_FILLER = re.compile(r"\b(o|tai|gan|canh|dia chi|la|o day|nha|so nha)\b")
# Spoken and written forms of the same street words ("p." for "phố", "đ." for "đường").
_ABBREVIATIONS = {"p": "pho", "d": "duong", "q": "quan", "tp": "thanh pho", "ng": "ngo"}


def normalize_location(text: str) -> str:
    """Lower case, no diacritics or punctuation, filler words dropped, abbreviations expanded.

    Diacritics go because the recogniser often gets tones wrong while the address is the same.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    words = re.sub(r"[^\w\s]", " ", plain).split()
    words = [_ABBREVIATIONS.get(word, word) for word in words]
    cleaned = _FILLER.sub(" ", " ".join(words))
    return " ".join(cleaned.split())


def locations_match(first: str, second: str) -> bool:
    a, b = normalize_location(first), normalize_location(second)
    if not a or not b:
        return False
    if _numbers(a) and _numbers(b) and _numbers(a) != _numbers(b):
        return False  # "số 8" and "số 18" on the same street are different houses
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= MATCH_RATIO


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", text))


@dataclass
class Incident:
    incident_id: str
    incident_type: IncidentType
    location: str
    first_at: float
    last_at: float
    call_ids: list[str] = field(default_factory=list)

    @property
    def caller_count(self) -> int:
        return len(self.call_ids)


@dataclass(frozen=True, slots=True)
class IncidentLink:
    incident_id: str
    caller_count: int
    call_ids: tuple[str, ...]


class IncidentLinker:
    """Keeps recent incidents and assigns each classified call to one (new or existing)."""

    def __init__(self, window_seconds: float = LINK_WINDOW_SECONDS) -> None:
        self._window = window_seconds
        self._incidents: dict[str, Incident] = {}
        self._call_incident: dict[str, str] = {}

    def restore(self, incident: Incident) -> None:
        """Put back an incident loaded from storage (after a restart)."""
        self._incidents[incident.incident_id] = incident
        for call_id in incident.call_ids:
            self._call_incident[call_id] = incident.incident_id

    def incident_of(self, call_id: str) -> Incident | None:
        incident_id = self._call_incident.get(call_id)
        return None if incident_id is None else self._incidents.get(incident_id)

    def link(
        self, call_id: str, incident_type: IncidentType, location: str | None, at: float
    ) -> IncidentLink | None:
        """Link the call by its current type and location; None when it has no location yet.

        A call whose type or location changed moves to the incident that now matches.
        """
        current = self.incident_of(call_id)
        if location is None or not normalize_location(location):
            return None
        if current is not None and _fits(current, incident_type, location):
            current.last_at = max(current.last_at, at)
            return _as_link(current)
        if current is not None:
            current.call_ids.remove(call_id)
            del self._call_incident[call_id]
        match = self._find(incident_type, location, at)
        if match is None:
            # Random ids: they must stay unique across restarts without a counter in storage.
            match = Incident(f"inc-{uuid.uuid4().hex[:12]}", incident_type, location, at, at)
            self._incidents[match.incident_id] = match
        match.call_ids.append(call_id)
        match.last_at = max(match.last_at, at)
        self._call_incident[call_id] = match.incident_id
        return _as_link(match)

    def _find(self, incident_type: IncidentType, location: str, at: float) -> Incident | None:
        for incident in self._incidents.values():
            if abs(at - incident.last_at) <= self._window and _fits(
                incident, incident_type, location
            ):
                return incident
        return None


def _fits(incident: Incident, incident_type: IncidentType, location: str) -> bool:
    return incident.incident_type == incident_type and locations_match(incident.location, location)


def _as_link(incident: Incident) -> IncidentLink:
    return IncidentLink(incident.incident_id, incident.caller_count, tuple(incident.call_ids))
