"""Typed output of the classifier stage and the interface every classifier implements.

No model code here: implementations live in their own modules and are passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from classifiers.labels import IncidentType, Urgency

if TYPE_CHECKING:
    from classifiers.gazetteer import AddressMatch


@dataclass(frozen=True, slots=True)
class ExtractedFields:
    """Facts pulled from the transcript; None when the caller has not said them."""

    location: str | None = None  # the place as the caller said it (may be unverified)
    people_at_risk: int | None = None
    weapon: bool | None = None
    callback_number: str | None = None
    address: AddressMatch | None = None  # the place matched to the offline gazetteer


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A safety-layer rule that fired: it can only raise urgency, never lower it."""

    name: str  # stable machine name, e.g. "not_breathing"
    matched: str  # the words in the transcript that matched
    min_urgency: Urgency  # urgency this flag forces at least
    reason: str  # Vietnamese sentence the console shows


@dataclass(frozen=True, slots=True)
class Classification:
    """Labels and facts for the transcript of one call so far."""

    incident_type: IncidentType
    urgency: Urgency
    type_confidence: float  # calibrated probability of incident_type
    urgency_confidence: float  # calibrated probability of urgency (before the safety layer)
    reasons: tuple[str, ...]
    fields: ExtractedFields
    model_version: str
    red_flags: tuple[RedFlag, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The `triage classify` / API payload shape (names from ../shared/labels.md)."""
        return {
            "incident_type": self.incident_type.value,
            "urgency": self.urgency.value,
            "confidence": {
                "incident_type": round(self.type_confidence, 4),
                "urgency": round(self.urgency_confidence, 4),
            },
            "reasons": list(self.reasons),
            "red_flags": [flag.name for flag in self.red_flags],
            # The transcript words each flag matched, so the console can highlight them.
            "red_flag_words": [flag.matched for flag in self.red_flags],
            "location": self.fields.location,
            "people_at_risk": self.fields.people_at_risk,
            "weapon": self.fields.weapon,
            "callback_number": self.fields.callback_number,
            # None when the place said matches no real unit: the console then shows the words
            # heard as unverified, never as an address.
            "address": self.fields.address.to_json() if self.fields.address else None,
            "model_version": self.model_version,
        }


class Classifier(Protocol):
    """Anything that labels transcripts. Blocking CPU work: call it off the event loop."""

    @property
    def version(self) -> str: ...

    def classify(self, text: str) -> Classification: ...

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]: ...
