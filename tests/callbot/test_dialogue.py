"""Unit tests of the callbot dialogue policy with typed classifications (no model involved)."""

from __future__ import annotations

from classifiers.labels import IncidentType, Urgency
from classifiers.messages import Classification, ExtractedFields, RedFlag
from triage.callbot import prompts
from triage.callbot.dialogue import (
    CallerSilent,
    CallerTurn,
    CallStarted,
    ClassificationChanged,
    Dialogue,
    Slot,
)


def labelled(
    incident_type: IncidentType,
    urgency: Urgency,
    *,
    location: str | None = None,
    people_at_risk: int | None = None,
    red_flags: tuple[str, ...] = (),
) -> Classification:
    return Classification(
        incident_type=incident_type,
        urgency=urgency,
        type_confidence=0.9,
        urgency_confidence=0.9,
        reasons=(),
        fields=ExtractedFields(location=location, people_at_risk=people_at_risk),
        model_version="typed-test",
        red_flags=tuple(RedFlag(name, name, Urgency.P1, name) for name in red_flags),
    )


def test_greeting_names_the_service_by_trunk_and_asks_what_happened() -> None:
    for trunk, service in (("114", "Tổng đài 114"), ("hanoi-115", "Tổng đài 115"), ("x", "khẩn")):
        reply = Dialogue().handle(CallStarted(trunk))
        assert service in reply.sentences[0]
        assert reply.asked is Slot.WHAT_HAPPENED
        assert reply.text.endswith("Chuyện gì đang xảy ra ạ?")


def test_fire_with_person_trapped_reads_back_address_and_hands_off_at_once() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("114"))
    first = dialogue.handle(
        CallerTurn(
            "Cháy nhà ở số 12 phố Hàng Bạc, còn một người bị kẹt trong nhà",
            labelled(IncidentType.FIRE, Urgency.P1, location="số 12 phố Hàng Bạc"),
        )
    )
    assert first.hand_off and prompts.HAND_OFF in first.sentences
    assert prompts.SAFETY_FIRE in first.sentences
    assert first.asked is Slot.LOCATION_CONFIRMED
    assert first.sentences[-1] == prompts.read_back_location("số 12 phố Hàng Bạc")

    second = dialogue.handle(CallerTurn("Đúng rồi", labelled(IncidentType.FIRE, Urgency.P1)))
    assert not second.hand_off  # hand-off happens exactly once
    assert prompts.LOCATION_CONFIRMED in second.sentences
    assert dialogue.facts.location_confirmed and dialogue.location_turns == 1
    assert second.asked is Slot.LIFE_THREAT

    third = dialogue.handle(CallerTurn("Có, một người", labelled(IncidentType.FIRE, Urgency.P1)))
    assert dialogue.facts.life_threat is True and dialogue.facts.people_count == 1
    assert third.asked is Slot.PEOPLE_INSIDE
    fourth = dialogue.handle(CallerTurn("Vâng", labelled(IncidentType.FIRE, Urgency.P1)))
    assert dialogue.facts.people_inside is True
    assert fourth.asked is Slot.FLOOR
    dialogue.handle(CallerTurn("Tầng ba", labelled(IncidentType.FIRE, Urgency.P1)))
    assert dialogue.facts.floor == 3
    assert dialogue.asked is Slot.INJURED


def test_location_is_asked_then_corrected_after_a_wrong_read_back() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    reply = dialogue.handle(
        CallerTurn("Có trộm vào nhà tôi", labelled(IncidentType.PROPERTY_CRIME, Urgency.P3))
    )
    assert reply.asked is Slot.LOCATION and not reply.hand_off
    reply = dialogue.handle(
        CallerTurn("gần chợ Bến Thành", labelled(IncidentType.PROPERTY_CRIME, Urgency.P3))
    )
    assert reply.asked is Slot.LOCATION_CONFIRMED  # a landmark is accepted and read back
    assert "gần chợ Bến Thành" in reply.text
    reply = dialogue.handle(
        CallerTurn(
            "Không, cổng sau chợ Bến Thành", labelled(IncidentType.PROPERTY_CRIME, Urgency.P3)
        )
    )
    assert reply.asked is Slot.LOCATION_CONFIRMED
    assert "cổng sau chợ Bến Thành" in reply.text
    dialogue.handle(CallerTurn("Vâng đúng", labelled(IncidentType.PROPERTY_CRIME, Urgency.P3)))
    assert dialogue.facts.location == "cổng sau chợ Bến Thành"
    assert dialogue.facts.location_confirmed and dialogue.location_turns == 3


def test_yes_to_the_life_threat_question_hands_off_whatever_the_type() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    unsure = labelled(IncidentType.PUBLIC_ORDER, Urgency.P3, location="bến xe Giáp Bát")
    dialogue.handle(CallerTurn("có chuyện ở bến xe Giáp Bát", unsure))
    dialogue.handle(CallerTurn("đúng", unsure))
    assert dialogue.asked is Slot.LIFE_THREAT
    reply = dialogue.handle(CallerTurn("Vâng, có người bị kẹt", unsure))
    assert reply.hand_off and dialogue.facts.urgency is Urgency.P1


def test_medical_not_breathing_gets_cpr_instruction_and_hand_off_from_the_answers() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("115"))
    medical = labelled(IncidentType.MEDICAL, Urgency.P2, location="123 Lê Lợi")
    dialogue.handle(CallerTurn("Bố tôi ngã ở 123 Lê Lợi", medical))
    dialogue.handle(CallerTurn("đúng", medical))
    assert dialogue.asked is Slot.LIFE_THREAT
    dialogue.handle(CallerTurn("em không biết", medical))
    dialogue.handle(CallerTurn("em không rõ", medical))
    assert dialogue.asked is Slot.CONSCIOUS  # unclear twice: the precise questions follow
    reply = dialogue.handle(CallerTurn("Không, ông không tỉnh", medical))
    # Unconscious is life at risk although the classifier still says P2.
    assert reply.hand_off and prompts.SAFETY_CPR in reply.sentences
    assert reply.asked is Slot.BREATHING
    reply = dialogue.handle(CallerTurn("Dạ không thở", medical))
    assert dialogue.facts.breathing is False
    assert prompts.SAFETY_CPR not in reply.sentences  # said once only
    assert reply.asked is Slot.CALLBACK_NUMBER
    reply = dialogue.handle(CallerTurn("không chín một hai ba bốn năm sáu bảy tám", medical))
    assert dialogue.facts.callback_number == "0912345678"
    assert reply.asked is None and prompts.ALL_GATHERED in reply.sentences


def test_crime_questions_and_red_flags_fill_slots() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    crime = labelled(IncidentType.VIOLENT_CRIME, Urgency.P2, location="ngõ 5 Kim Mã")
    first = dialogue.handle(CallerTurn("Có người đánh nhau ở ngõ 5 Kim Mã", crime))
    assert prompts.SAFETY_ATTACK in first.sentences
    dialogue.handle(CallerTurn("Đúng rồi", crime))
    assert dialogue.asked is Slot.LIFE_THREAT
    dialogue.handle(CallerTurn("Không có ai", crime))
    assert dialogue.facts.life_threat is False
    assert dialogue.asked is Slot.ATTACKER_PRESENT
    reply = dialogue.handle(CallerTurn("Vẫn còn", crime))
    assert reply.asked is Slot.WEAPON and not reply.hand_off
    armed = labelled(IncidentType.VIOLENT_CRIME, Urgency.P1, red_flags=("weapon",))
    reply = dialogue.handle(CallerTurn("Có dao", armed))
    assert dialogue.facts.weapon is True and reply.hand_off
    assert prompts.SAFETY_ATTACK not in reply.sentences  # given once, on the first turn


def test_classification_between_turns_can_hand_off() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("114"))
    assert not dialogue.handle(
        ClassificationChanged(labelled(IncidentType.FIRE, Urgency.P2))
    ).hand_off
    reply = dialogue.handle(ClassificationChanged(labelled(IncidentType.FIRE, Urgency.P1)))
    assert reply.hand_off and reply.sentences == (prompts.HAND_OFF,)
    assert dialogue.asked is Slot.WHAT_HAPPENED  # still waiting for the caller's answer


def test_silence_reprompts_then_holds_and_never_hangs_up() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    replies = [dialogue.handle(CallerSilent()) for _ in range(8)]
    assert replies[0].sentences == (prompts.STILL_THERE, prompts.ASK_WHAT_HAPPENED)
    assert replies[1].sentences[0] == prompts.STILL_THERE
    assert replies[2].sentences == (prompts.HOLDING,)
    assert all(reply.sentences in ((), (prompts.HOLDING,)) for reply in replies[3:])
    # Speaking again restarts the conversation where it was.
    reply = dialogue.handle(
        CallerTurn("Có tai nạn", labelled(IncidentType.TRAFFIC_ACCIDENT, Urgency.P2))
    )
    assert reply.asked is Slot.LOCATION
    assert prompts.SAFETY_CRASH in reply.sentences


def test_non_emergency_is_answered_politely_and_left_for_a_human() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    question = labelled(IncidentType.NON_EMERGENCY, Urgency.P4)
    reply = dialogue.handle(CallerTurn("Cho tôi hỏi thủ tục làm căn cước", question))
    assert reply.sentences == prompts.NON_EMERGENCY and reply.asked is None
    assert not reply.hand_off
    assert dialogue.handle(CallerTurn("Vâng cảm ơn", question)).sentences == (prompts.NOTED,)


def test_empty_turn_asks_again() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("113"))
    reply = dialogue.handle(CallerTurn("  ", None))
    assert reply.sentences == (prompts.DID_NOT_HEAR, prompts.ASK_WHAT_HAPPENED)


def test_unclear_answers_are_asked_again_once_then_the_bot_moves_on() -> None:
    dialogue = Dialogue()
    dialogue.handle(CallStarted("114"))
    fire = labelled(IncidentType.FIRE, Urgency.P2, location="phố Huế")
    dialogue.handle(CallerTurn("cháy ở phố Huế", fire))
    assert dialogue.asked is Slot.LOCATION_CONFIRMED
    for _ in range(3):  # mumbles are not a new address: the read-back is repeated
        assert dialogue.handle(CallerTurn("à ờ", fire)).asked in (
            Slot.LOCATION_CONFIRMED,
            Slot.LIFE_THREAT,
        )
    assert dialogue.asked is Slot.LIFE_THREAT and not dialogue.facts.location_confirmed
    dialogue.handle(CallerTurn("ừm à", fire))
    assert dialogue.asked is Slot.LIFE_THREAT
    dialogue.handle(CallerTurn("1,5,4", fire))  # digits alone are no address either
    assert dialogue.asked is Slot.PEOPLE_INSIDE  # asked twice, left for the dispatcher
    assert dialogue.facts.location == "phố Huế"
