"""The label contract of ../shared/labels.md as Python enums: names must never drift.

Adding a label is a breaking change that must be announced in the README.
"""

from __future__ import annotations

from enum import StrEnum


class IncidentType(StrEnum):
    FIRE = "fire"
    RESCUE = "rescue"
    HAZARD = "hazard"
    TRAFFIC_ACCIDENT = "traffic_accident"
    VIOLENT_CRIME = "violent_crime"
    PROPERTY_CRIME = "property_crime"
    DOMESTIC_VIOLENCE = "domestic_violence"
    PUBLIC_ORDER = "public_order"
    MEDICAL = "medical"
    SELF_HARM = "self_harm"
    MISSING_PERSON = "missing_person"
    NON_EMERGENCY = "non_emergency"


class Urgency(StrEnum):
    P1 = "P1"  # life at risk now, or threat in progress
    P2 = "P2"  # serious, or still in progress
    P3 = "P3"  # happened already, no one in danger now
    P4 = "P4"  # no emergency

    @property
    def rank(self) -> int:
        """0 for P1 (most urgent) .. 3 for P4."""
        return int(self.value[1]) - 1

    def raised_to(self, other: Urgency) -> Urgency:
        """The more urgent of the two."""
        return self if self.rank <= other.rank else other


INCIDENT_TYPES: tuple[IncidentType, ...] = tuple(IncidentType)
URGENCIES: tuple[Urgency, ...] = tuple(Urgency)

SERVICE_FOR_TYPE: dict[IncidentType, str] = {
    IncidentType.FIRE: "114",
    IncidentType.RESCUE: "114",
    IncidentType.HAZARD: "114",
    IncidentType.TRAFFIC_ACCIDENT: "113",
    IncidentType.VIOLENT_CRIME: "113",
    IncidentType.PROPERTY_CRIME: "113",
    IncidentType.DOMESTIC_VIOLENCE: "113",
    IncidentType.PUBLIC_ORDER: "113",
    IncidentType.MEDICAL: "115",
    IncidentType.SELF_HARM: "113+115",
    IncidentType.MISSING_PERSON: "113",
    IncidentType.NON_EMERGENCY: "",
}
