"""The callbot's slot-filling dialogue: typed caller events in, what the bot says next out.

Pure and synchronous (no audio, no clock, no I/O); it never hangs up and never closes a call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from classifiers.labels import IncidentType, Urgency
from classifiers.messages import Classification
from triage.callbot import prompts
from triage.callbot.answers import (
    count_of_people,
    floor_number,
    normalize,
    phone_number,
    spoken_digits,
    yes_or_no,
)


class Slot(StrEnum):
    WHAT_HAPPENED = "what_happened"
    LOCATION = "location"
    LOCATION_CONFIRMED = "location_confirmed"
    LIFE_THREAT = "life_threat"  # anyone trapped, unconscious or not breathing
    PEOPLE_INSIDE = "people_inside"
    TRAPPED = "trapped"
    FLOOR = "floor"
    CONSCIOUS = "conscious"
    BREATHING = "breathing"
    ATTACKER_PRESENT = "attacker_present"
    WEAPON = "weapon"
    INJURED = "injured"
    DANGER_PRESENT = "danger_present"
    CALLBACK_NUMBER = "callback_number"


QUESTION_FOR_SLOT: dict[Slot, str] = {
    Slot.WHAT_HAPPENED: prompts.ASK_WHAT_HAPPENED,
    Slot.LOCATION: prompts.ASK_LOCATION,
    Slot.LIFE_THREAT: prompts.ASK_LIFE_THREAT,
    Slot.PEOPLE_INSIDE: prompts.ASK_PEOPLE_INSIDE,
    Slot.TRAPPED: prompts.ASK_TRAPPED,
    Slot.FLOOR: prompts.ASK_FLOOR,
    Slot.CONSCIOUS: prompts.ASK_CONSCIOUS,
    Slot.BREATHING: prompts.ASK_BREATHING,
    Slot.ATTACKER_PRESENT: prompts.ASK_ATTACKER_PRESENT,
    Slot.WEAPON: prompts.ASK_WEAPON,
    Slot.INJURED: prompts.ASK_INJURED,
    Slot.DANGER_PRESENT: prompts.ASK_DANGER_PRESENT,
    Slot.CALLBACK_NUMBER: prompts.ASK_CALLBACK,
}

# Questions after the location, by incident type, most life-critical first.
TYPE_QUESTIONS: dict[IncidentType, tuple[Slot, ...]] = {
    IncidentType.FIRE: (Slot.PEOPLE_INSIDE, Slot.FLOOR, Slot.INJURED, Slot.DANGER_PRESENT),
    IncidentType.RESCUE: (Slot.TRAPPED, Slot.INJURED, Slot.DANGER_PRESENT),
    IncidentType.HAZARD: (Slot.INJURED, Slot.DANGER_PRESENT),
    IncidentType.TRAFFIC_ACCIDENT: (Slot.INJURED, Slot.TRAPPED, Slot.DANGER_PRESENT),
    IncidentType.VIOLENT_CRIME: (Slot.ATTACKER_PRESENT, Slot.WEAPON, Slot.INJURED),
    IncidentType.DOMESTIC_VIOLENCE: (Slot.ATTACKER_PRESENT, Slot.WEAPON, Slot.INJURED),
    IncidentType.MEDICAL: (Slot.CONSCIOUS, Slot.BREATHING),
    IncidentType.SELF_HARM: (Slot.DANGER_PRESENT, Slot.INJURED),
    IncidentType.PROPERTY_CRIME: (Slot.DANGER_PRESENT,),
    IncidentType.PUBLIC_ORDER: (Slot.INJURED, Slot.DANGER_PRESENT),
    IncidentType.MISSING_PERSON: (Slot.DANGER_PRESENT,),
    IncidentType.NON_EMERGENCY: (),
}

MAX_READ_BACK_WORDS = 16
MAX_ASKS = {Slot.LOCATION: 3, Slot.LOCATION_CONFIRMED: 3}  # others: asked at most twice
DEFAULT_MAX_ASKS = 2
SILENT_REPROMPTS = 2  # re-prompts before the bot tells the caller the call stays in the queue


@dataclass(frozen=True, slots=True)
class CallFacts:
    """What the bot has learned so far; None means not asked or not answered clearly."""

    incident_type: IncidentType | None = None
    urgency: Urgency | None = None
    description: str | None = None
    location: str | None = None
    location_confirmed: bool = False
    life_threat: bool | None = None
    people_inside: bool | None = None
    trapped: bool | None = None
    people_count: int | None = None
    floor: int | None = None
    conscious: bool | None = None
    breathing: bool | None = None
    attacker_present: bool | None = None
    weapon: bool | None = None
    injured: bool | None = None
    danger_present: bool | None = None
    callback_number: str | None = None

    def filled(self, slot: Slot) -> bool:
        if slot is Slot.WHAT_HAPPENED:
            return self.description is not None
        if slot is Slot.LOCATION_CONFIRMED:
            return self.location_confirmed
        return getattr(self, slot.value) is not None

    @property
    def life_at_risk(self) -> bool:
        """Facts that make a call P1 whatever the classifier said (labels.md's P1 row)."""
        kind = self.incident_type
        return bool(
            self.breathing is False
            or self.life_threat
            or (self.conscious is False and kind is IncidentType.MEDICAL)
            or (self.trapped and kind in (IncidentType.FIRE, IncidentType.RESCUE))
            or (self.people_inside and kind is IncidentType.FIRE)
            or (self.attacker_present and self.weapon)
        )


# ---- what the dialogue consumes -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallStarted:
    trunk: str


@dataclass(frozen=True, slots=True)
class CallerTurn:
    """The caller finished a turn: its text and the call's classification including it."""

    text: str
    classification: Classification | None


@dataclass(frozen=True, slots=True)
class ClassificationChanged:
    """A new classification arrived between turns (it can only trigger the P1 hand-off)."""

    classification: Classification


@dataclass(frozen=True, slots=True)
class CallerSilent:
    """The bot finished speaking and the caller said nothing for the silence timeout."""


DialogueEvent = CallStarted | CallerTurn | ClassificationChanged | CallerSilent


# ---- what it produces -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BotReply:
    """Sentences to say now (maybe none), the slot they ask for, and whether to flag pickup."""

    sentences: tuple[str, ...]
    asked: Slot | None = None
    hand_off: bool = False  # the call just became P1: flag it for immediate pickup

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Dialogue:
    """One call's dialogue state. Feed events with `handle`; read `facts` at any time."""

    facts: CallFacts = field(default_factory=CallFacts)
    handed_off: bool = False
    asked: Slot | None = None
    location_turns: int = 0  # caller turns until the location was confirmed
    caller_turns: int = 0
    _silences: int = 0
    _safety_given: set[str] = field(default_factory=set)
    _last_question: str = prompts.ASK_WHAT_HAPPENED
    _closing_said: bool = False
    _last_extracted_location: str | None = None
    _asks: dict[Slot, int] = field(default_factory=dict)

    def handle(self, event: DialogueEvent) -> BotReply:
        if isinstance(event, CallStarted):
            self.asked = Slot.WHAT_HAPPENED
            return BotReply(prompts.greeting(event.trunk), asked=Slot.WHAT_HAPPENED)
        if isinstance(event, CallerSilent):
            return self._on_silence()
        if isinstance(event, ClassificationChanged):
            self._absorb(event.classification)
            return (
                BotReply((prompts.HAND_OFF,), asked=self.asked, hand_off=True)
                if (self._take_hand_off())
                else BotReply((), asked=self.asked)
            )
        return self._on_turn(event)

    # -- events ------------------------------------------------------------------------------

    def _on_silence(self) -> BotReply:
        self._silences += 1
        if self._silences <= SILENT_REPROMPTS:
            return BotReply((prompts.STILL_THERE, self._last_question), asked=self.asked)
        if self._silences == SILENT_REPROMPTS + 1 or self._silences % 4 == 0:
            # The bot never hangs up: the call waits in the queue with the caller told so.
            return BotReply((prompts.HOLDING,), asked=self.asked)
        return BotReply((), asked=self.asked)

    def _on_turn(self, turn: CallerTurn) -> BotReply:
        self._silences = 0
        self.caller_turns += 1
        text = turn.text.strip()
        previous_location = self.facts.location
        if turn.classification is not None:
            self._absorb(turn.classification)
        sentences: list[str] = []
        if not normalize(text):
            sentences += [prompts.DID_NOT_HEAR, self._last_question]
            return BotReply(tuple(sentences), asked=self.asked)
        sentences += self._answer(self.asked, text, turn.classification, previous_location)
        if not self.facts.location_confirmed:
            self.location_turns += 1
        hand_off = self._take_hand_off()
        if hand_off:
            sentences.append(prompts.HAND_OFF)
        sentences += self._safety()
        if self.facts.incident_type is IncidentType.NON_EMERGENCY and not self.handed_off:
            self.asked = None
            if self._closing_said:
                return BotReply((prompts.NOTED,), hand_off=hand_off)
            self._closing_said = True
            return BotReply(prompts.NON_EMERGENCY, hand_off=hand_off)
        question = self._next_question()
        if question is None:
            self.asked = None
            sentences.append(prompts.NOTED if self._closing_said else prompts.ALL_GATHERED)
            self._closing_said = True
        else:
            sentences.append(question)
        if not sentences or sentences[0] not in (prompts.LOCATION_CONFIRMED, prompts.DID_NOT_HEAR):
            sentences.insert(0, prompts.ACK)
        return BotReply(tuple(sentences), asked=self.asked, hand_off=hand_off)

    # -- slot filling ------------------------------------------------------------------------

    def _absorb(self, classification: Classification) -> None:
        """Facts the classifier found in the whole transcript fill slots not yet answered."""
        fields = classification.fields
        facts = replace(
            self.facts,
            incident_type=classification.incident_type,
            urgency=classification.urgency,
        )
        # Only a location the classifier newly found replaces the slot: the caller's own
        # correction after a read-back must not be overwritten by the older extraction.
        if fields.location and fields.location != self._last_extracted_location:
            self._last_extracted_location = fields.location
            if not facts.location_confirmed:
                facts = replace(facts, location=_short(fields.location))
        if fields.callback_number and facts.callback_number is None:
            facts = replace(facts, callback_number=fields.callback_number)
        if fields.weapon is not None and facts.weapon is None:
            facts = replace(facts, weapon=fields.weapon)
        if fields.people_at_risk and facts.people_count is None:
            facts = replace(facts, people_count=fields.people_at_risk)
        for flag in classification.red_flags:
            facts = _apply_red_flag(facts, flag.name)
        self.facts = facts

    def _answer(
        self,
        asked: Slot | None,
        text: str,
        classification: Classification | None,
        previous_location: str | None,
    ) -> list[str]:
        """Store the answer to the question just asked; returns what to say about it."""
        facts = self.facts
        said: list[str] = []
        if facts.description is None:
            facts = replace(facts, description=text)
        if asked is Slot.LOCATION:
            extracted = classification.fields.location if classification else None
            location = extracted if extracted and extracted != previous_location else text
            facts = replace(facts, location=_short(location), location_confirmed=False)
        elif asked is Slot.LOCATION_CONFIRMED:
            answer = yes_or_no(text)
            if answer is True:
                facts = replace(facts, location_confirmed=True)
                said.append(prompts.LOCATION_CONFIRMED)
            elif answer is False:
                corrected = _without_denial(text)
                facts = replace(facts, location=_short(corrected) if corrected else None)
            elif _looks_like_an_address(text):
                # No yes/no but words: the caller restated the address; read that back.
                facts = replace(facts, location=_short(text))
        elif asked is Slot.FLOOR:
            facts = replace(facts, floor=floor_number(text))
        elif asked is Slot.CALLBACK_NUMBER:
            number = phone_number(text)
            facts = replace(facts, callback_number=number)
            if number:
                said.append(prompts.read_back_number(spoken_digits(number)))
        elif asked in _YES_NO_SLOTS:
            answer = yes_or_no(text)
            facts = replace(facts, **{asked.value: answer})
            if asked in (Slot.LIFE_THREAT, Slot.PEOPLE_INSIDE, Slot.TRAPPED, Slot.INJURED):
                count = count_of_people(text)
                if count and facts.people_count is None:
                    facts = replace(facts, people_count=count)
        self.facts = facts
        return said

    def _open(self, slot: Slot) -> bool:
        """Not answered yet and not asked too often (an unclear answer is asked once more)."""
        limit = MAX_ASKS.get(slot, DEFAULT_MAX_ASKS)
        return not self.facts.filled(slot) and self._asks.get(slot, 0) < limit

    def _next_question(self) -> str | None:
        facts = self.facts
        kind = facts.incident_type or IncidentType.NON_EMERGENCY
        # The life-threat question comes right after the address for every emergency, even
        # medical ones: the type may be wrong, and a yes hands the call off at once.
        generic = () if kind is IncidentType.NON_EMERGENCY else (Slot.LIFE_THREAT,)
        order: tuple[Slot, ...] = (
            Slot.LOCATION if facts.location is None else Slot.LOCATION_CONFIRMED,
            *generic,
            *TYPE_QUESTIONS[kind],
            Slot.CALLBACK_NUMBER,
        )
        self.asked = next((slot for slot in order if self._open(slot)), None)
        if self.asked is None:
            return None
        self._asks[self.asked] = self._asks.get(self.asked, 0) + 1
        if self.asked is Slot.LOCATION:
            again = self._asks.get(Slot.LOCATION, 0) > 1 or self._asks.get(Slot.LOCATION_CONFIRMED)
            self._last_question = prompts.ASK_LOCATION_AGAIN if again else prompts.ASK_LOCATION
        elif self.asked is Slot.LOCATION_CONFIRMED:
            assert facts.location is not None
            self._last_question = prompts.read_back_location(facts.location)
        else:
            self._last_question = QUESTION_FOR_SLOT[self.asked]
        return self._last_question

    # -- hand-off and safety -----------------------------------------------------------------

    def _take_hand_off(self) -> bool:
        """True exactly once: the first moment the call is P1 by the classifier or the facts."""
        if self.handed_off:
            return False
        if self.facts.urgency is Urgency.P1 or self.facts.life_at_risk:
            self.handed_off = True
            self.facts = replace(self.facts, urgency=Urgency.P1)
            return True
        return False

    def _safety(self) -> list[str]:
        facts = self.facts
        advice: list[str] = []
        if facts.breathing is False or (
            facts.conscious is False and facts.incident_type is IncidentType.MEDICAL
        ):
            advice.append(prompts.SAFETY_CPR)
        if facts.incident_type is not None and facts.incident_type in prompts.SAFETY_FOR_TYPE:
            tip = prompts.SAFETY_FOR_TYPE[facts.incident_type]
            is_gas = "gas" in normalize(facts.description or "") or "khí" in normalize(
                facts.description or ""
            )
            if facts.incident_type is not IncidentType.HAZARD or is_gas:
                advice.append(tip)
        fresh = [tip for tip in advice if tip not in self._safety_given]
        self._safety_given.update(fresh)
        return fresh


_YES_NO_SLOTS = frozenset(
    {
        Slot.LIFE_THREAT,
        Slot.PEOPLE_INSIDE,
        Slot.TRAPPED,
        Slot.CONSCIOUS,
        Slot.BREATHING,
        Slot.ATTACKER_PRESENT,
        Slot.WEAPON,
        Slot.INJURED,
        Slot.DANGER_PRESENT,
    }
)

# Red-flag names of the classifier's safety layer (classifiers/red_flags.py) that answer a slot.
_RED_FLAG_FACTS: dict[str, dict[str, bool]] = {
    "trapped_in_danger": {"trapped": True, "life_threat": True},
    "trapped": {"trapped": True},
    "people_inside_fire": {"people_inside": True},
    "fire_burning": {"danger_present": True},
    "not_breathing": {"breathing": False},
    "unconscious": {"conscious": False},
    "weapon": {"weapon": True},
    "violence_in_progress": {"danger_present": True},
}


def _apply_red_flag(facts: CallFacts, name: str) -> CallFacts:
    updates = {
        slot: value
        for slot, value in _RED_FLAG_FACTS.get(name, {}).items()
        if getattr(facts, slot) is None
    }
    return replace(facts, **updates) if updates else facts


_FILLER = r"^(?:dạ|thưa|ở|tại|địa chỉ là|địa chỉ)\s+"
_DENIAL = r"^(?:dạ\s+)?(?:không\s+(?:phải|đúng)|không|sai\s+rồi|sai)[\s,.!]*"


def _short(location: str) -> str:
    """A location as it will be read back: trimmed of fillers and at most a short phrase."""
    words = re.sub(_FILLER, "", location.strip(" .,"), flags=re.IGNORECASE)
    parts = words.split()
    return " ".join(parts[:MAX_READ_BACK_WORDS])


def _looks_like_an_address(text: str) -> bool:
    """Four or more words, most of them words rather than digits (a mumble is not an address)."""
    words = normalize(text).split()
    return len(words) >= 4 and sum(word.isalpha() for word in words) >= len(words) / 2


def _without_denial(text: str) -> str:
    """The correction after the no ("Không, số 14 chứ" -> "số 14 chứ"), if any."""
    stripped = re.sub(_DENIAL, "", text.strip(), flags=re.IGNORECASE)
    return stripped if len(stripped.split()) >= 2 else ""
