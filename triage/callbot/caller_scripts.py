"""Scripted callers for the callbot's tests and benchmark: what each caller says, turn by turn.

Data only, with the facts each script must leave in the bot's slots; no audio is made here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CallerLine:
    """One caller turn. `text` None is a silent turn of `silence_seconds`.

    `barge_in` starts the line `barge_in_after` s into the bot's next audio instead of after it.
    `critical` marks the line that makes the call P1 (the hand-off clock starts there).
    """

    text: str | None
    silence_seconds: float = 0.0
    barge_in: bool = False
    barge_in_after: float = 0.8
    critical: bool = False


@dataclass(frozen=True, slots=True)
class CallerScript:
    id: str
    trunk: str
    lines: tuple[CallerLine, ...]
    expected: dict[str, object] = field(default_factory=dict)  # CallFacts field -> value
    p1: bool = False
    voice: str = "vi"
    speed: int = 150


def say(text: str, **options: object) -> CallerLine:
    return CallerLine(text, **options)  # type: ignore[arg-type]


FIRE_TRAPPED = CallerScript(
    "fire_trapped_p1",
    "114",
    (
        # The lines of samples/calls.py short_fire_p1_trapped, then answers to the bot.
        say("Cháy nhà số 8 ngõ 45 Nguyễn Trãi! Bà tôi còn kẹt trên tầng hai!", critical=True),
        say("Đúng rồi."),
        say("Có, bà tôi ở trong nhà."),
        say("Tầng hai."),
        say("Không ai bị thương."),
        say("Vẫn còn cháy."),
        say("Không chín một hai ba bốn năm sáu bảy tám."),
    ),
    expected={
        "incident_type": "fire",
        "location_confirmed": True,
        "people_inside": True,
        "floor": 2,
        "injured": False,
        "danger_present": True,
        "callback_number": "0912345678",
    },
    p1=True,
)

MEDICAL_NOT_BREATHING = CallerScript(
    "medical_not_breathing_p1",
    "115",
    (
        say("Chồng tôi ngất, không thở nữa.", critical=True),
        say("Nhà số 20 phố Huế."),
        say("Đúng."),
        say("Không tỉnh."),
        say("Không thở."),
        say("Không chín tám tám bảy bảy sáu sáu năm năm."),
    ),
    expected={
        "incident_type": "medical",
        "location_confirmed": True,
        "conscious": False,
        "breathing": False,
        "callback_number": "0988776655",
    },
    p1=True,
)

STABBING = CallerScript(
    "stabbing_p1",
    "113",
    (
        say("Có người cầm dao đâm người ở chợ Đồng Xuân.", critical=True),
        say("Đúng rồi."),
        say("Vẫn còn ở đó."),
        say("Có dao."),
        say("Có một người bị thương."),
        say("Không chín bảy bảy sáu sáu năm năm bốn bốn ba."),
    ),
    expected={
        "incident_type": "violent_crime",
        "location_confirmed": True,
        "attacker_present": True,
        "weapon": True,
        "injured": True,
    },
    p1=True,
)

THEFT = CallerScript(
    "theft_p3",
    "113",
    (
        say("Tôi muốn báo mất trộm xe máy."),
        say("Số 15 phố Lò Đúc."),
        say("Đúng rồi."),
        say("Không, kẻ trộm đi rồi."),
        say("Không chín không một hai ba bốn năm sáu bảy."),
    ),
    expected={
        "incident_type": "property_crime",
        "location_confirmed": True,
        "danger_present": False,
        "callback_number": "0901234567",
    },
)

NON_EMERGENCY = CallerScript(
    "question_p4",
    "113",
    (say("Cho tôi hỏi thủ tục làm căn cước công dân."), say("Vâng, cảm ơn.")),
    expected={"incident_type": "non_emergency"},
)

SILENT = CallerScript(
    "silent_caller",
    "113",
    (CallerLine(None, silence_seconds=18.0),),
)

BARGE_IN = CallerScript(
    "barge_in",
    "114",
    (say("Cháy nhà số 8 ngõ 45 Nguyễn Trãi!", barge_in=True, barge_in_after=1.0),),
)

BENCHMARK_SCRIPTS: tuple[CallerScript, ...] = (
    FIRE_TRAPPED,
    MEDICAL_NOT_BREATHING,
    STABBING,
    THEFT,
    NON_EMERGENCY,
)
