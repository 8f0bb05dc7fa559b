"""Scripted callers for the callbot's tests and benchmark: an opening line and an answer for
each question the bot may ask, plus the facts each script must leave in the bot's slots.

Data and the question-recognition rule only; no audio and no sockets here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triage.callbot import prompts
from triage.callbot.dialogue import QUESTION_FOR_SLOT, Slot

READ_BACK_PREFIX = prompts.read_back_location("").split(":")[0]


def slot_asked(bot_sentence: str) -> Slot | None:
    """Which slot a sentence of the bot asks for (None for statements)."""
    if bot_sentence.startswith(READ_BACK_PREFIX):
        return Slot.LOCATION_CONFIRMED
    if bot_sentence == prompts.ASK_LOCATION_AGAIN:
        return Slot.LOCATION
    if bot_sentence.startswith(prompts.ASK_LOCATION.split("?")[0]):
        return Slot.LOCATION
    if bot_sentence == prompts.greeting("")[-1]:
        return Slot.WHAT_HAPPENED
    for slot, question in QUESTION_FOR_SLOT.items():
        if bot_sentence == question:
            return slot
    return None


@dataclass(frozen=True, slots=True)
class CallerScript:
    """`opening` answers the greeting; `answers` the bot's later questions, by slot.

    `critical_slot` is the answer that makes the call P1 (None: the opening already does).
    `fallback` is what the caller says to a question the script has no answer for (a real
    caller restates the emergency when asked something beside the point).
    """

    id: str
    trunk: str
    opening: str
    answers: dict[Slot, str] = field(default_factory=dict)
    expected: dict[str, object] = field(default_factory=dict)  # CallFacts field -> value
    p1: bool = False
    critical_slot: Slot | None = None
    fallback: str | None = None
    max_turns: int = 9


FIRE_TRAPPED = CallerScript(
    "fire_trapped_p1",
    "114",
    # The lines of samples/calls.py short_fire_p1_trapped, as one opening turn.
    "Cháy nhà số 8 ngõ 45 Nguyễn Trãi! Bà tôi còn kẹt trên tầng hai!",
    {
        Slot.LOCATION: "Số 8 ngõ 45 Nguyễn Trãi.",
        Slot.LOCATION_CONFIRMED: "Vâng, chính xác.",
        Slot.LIFE_THREAT: "Vâng, có người bị kẹt trong đám cháy.",
        Slot.PEOPLE_INSIDE: "Vâng, bà tôi còn trong nhà.",
        Slot.TRAPPED: "Có, bà tôi bị kẹt.",
        Slot.FLOOR: "Tầng hai.",
        Slot.INJURED: "Không ai bị thương.",
        Slot.DANGER_PRESENT: "Vâng, vẫn cháy.",
        Slot.CALLBACK_NUMBER: "Số của tôi là không chín một hai ba bốn năm sáu bảy tám.",
    },
    expected={
        "incident_type": "fire",
        "location_confirmed": True,
        "life_threat": True,
        "people_inside": True,
        "floor": 2,
        "injured": False,
        "danger_present": True,
        "callback_number": "0912345678",
    },
    p1=True,
    fallback="Có người bị kẹt trong đám cháy.",
)

MEDICAL_NOT_BREATHING = CallerScript(
    "medical_not_breathing_p1",
    "115",
    "Chồng tôi bị ngất, không thở nữa.",
    {
        Slot.LOCATION: "Nhà số 20 phố Huế.",
        Slot.LOCATION_CONFIRMED: "Vâng, chính xác.",
        Slot.LIFE_THREAT: "Vâng, chồng tôi không thở.",
        Slot.CONSCIOUS: "Không, không tỉnh.",
        Slot.BREATHING: "Không, ông ấy không thở.",
        Slot.CALLBACK_NUMBER: "Số của tôi là không chín tám tám bảy bảy sáu sáu năm năm.",
    },
    expected={
        "incident_type": "medical",
        "location_confirmed": True,
        "life_threat": True,
        "conscious": False,
        "breathing": False,
        "callback_number": "0988776655",
    },
    p1=True,
)

STABBING = CallerScript(
    "stabbing_p1",
    "113",
    "Có người cầm dao đâm người ở chợ Đồng Xuân.",
    {
        Slot.LOCATION: "Ở chợ Đồng Xuân.",
        Slot.LOCATION_CONFIRMED: "Vâng, chính xác.",
        Slot.LIFE_THREAT: "Không có ai.",
        Slot.ATTACKER_PRESENT: "Vâng, hắn vẫn còn ở đây.",
        Slot.WEAPON: "Vâng, hắn có dao.",
        Slot.INJURED: "Có một người bị thương.",
        Slot.CALLBACK_NUMBER: "Số của tôi là không chín bảy bảy sáu sáu năm năm bốn bốn.",
    },
    expected={
        "incident_type": "violent_crime",
        "location_confirmed": True,
        "life_threat": False,
        "attacker_present": True,
        "weapon": True,
        "injured": True,
        "callback_number": "0977665544",
    },
    p1=True,
)

THEFT = CallerScript(
    "theft_p3",
    "113",
    "Tôi muốn báo xe máy của tôi bị trộm mất.",
    {
        Slot.LOCATION: "Số 15 phố Lò Đúc.",
        Slot.LOCATION_CONFIRMED: "Vâng, chính xác.",
        Slot.LIFE_THREAT: "Không có ai.",
        Slot.DANGER_PRESENT: "Không, kẻ trộm đi rồi.",
        Slot.CALLBACK_NUMBER: "Số của tôi là không chín không một hai ba bốn năm sáu bảy.",
    },
    expected={
        "incident_type": "property_crime",
        "location_confirmed": True,
        "life_threat": False,
        "danger_present": False,
        "callback_number": "0901234567",
    },
)

NON_EMERGENCY = CallerScript(
    "question_p4",
    "113",
    "Cho tôi hỏi thủ tục làm căn cước công dân.",
    {},
    expected={"incident_type": "non_emergency"},
    max_turns=1,
)

BENCHMARK_SCRIPTS: tuple[CallerScript, ...] = (
    FIRE_TRAPPED,
    MEDICAL_NOT_BREATHING,
    STABBING,
    THEFT,
    NON_EMERGENCY,
)
