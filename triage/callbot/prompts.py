"""Everything the callbot says, in short polite Vietnamese sentences, keyed by purpose.

Only wording lives here; when to say what is decided by dialogue.py.
"""

from __future__ import annotations

from classifiers.labels import IncidentType

SERVICE_NAMES = {"113": "Tổng đài 113", "114": "Tổng đài 114", "115": "Tổng đài 115"}
GENERIC_SERVICE = "Tổng đài khẩn cấp"


def service_name(trunk: str) -> str:
    """The service a trunk answers for ("114" or "hanoi-114" -> "Tổng đài 114")."""
    for number, name in SERVICE_NAMES.items():
        if number in trunk:
            return name
    return GENERIC_SERVICE


def greeting(trunk: str) -> tuple[str, ...]:
    return (
        f"{service_name(trunk)} xin nghe.",
        "Tôi là trợ lý tự động, điều phối viên sẽ tiếp nhận ngay khi rảnh.",
        "Chuyện gì đang xảy ra ạ?",
    )


ASK_WHAT_HAPPENED = "Anh chị cho biết chuyện gì đang xảy ra ạ?"
ASK_LOCATION = "Địa chỉ chính xác ở đâu ạ? Anh chị có thể nói một địa điểm gần đó."
ASK_LOCATION_AGAIN = "Xin anh chị nói lại địa chỉ chính xác, hoặc một địa điểm gần đó."
ASK_LIFE_THREAT = "Có ai bị mắc kẹt, bất tỉnh hoặc ngừng thở không ạ?"
ASK_PEOPLE_INSIDE = "Còn ai ở bên trong không ạ?"
ASK_TRAPPED = "Có ai đang bị mắc kẹt không ạ?"
ASK_FLOOR = "Cháy ở tầng mấy ạ?"
ASK_CONSCIOUS = "Người bệnh còn tỉnh không ạ?"
ASK_BREATHING = "Người bệnh còn thở không ạ?"
ASK_ATTACKER_PRESENT = "Kẻ tấn công còn ở đó không ạ?"
ASK_WEAPON = "Họ có dao, súng hay hung khí không ạ?"
ASK_INJURED = "Có ai bị thương không ạ?"
ASK_DANGER_PRESENT = "Nguy hiểm còn đang tiếp diễn không ạ?"
ASK_CALLBACK = "Xin cho biết số điện thoại để gọi lại ạ?"


def read_back_location(location: str) -> str:
    return f"Tôi nhắc lại địa chỉ: {location}. Có đúng không ạ?"


def read_back_number(spoken: str) -> str:
    return f"Số gọi lại là {spoken}. Cảm ơn anh chị."


ACK = "Vâng."
LOCATION_CONFIRMED = "Cảm ơn, tôi đã ghi địa chỉ."
DID_NOT_HEAR = "Xin lỗi, tôi chưa nghe rõ."
HAND_OFF = "Tôi đang kết nối anh chị với điều phối viên ngay. Xin đừng cúp máy."
STILL_THERE = "Anh chị còn nghe máy không ạ?"
HOLDING = "Cuộc gọi của anh chị vẫn được giữ. Điều phối viên sẽ nghe máy ngay khi có thể."
ALL_GATHERED = "Tôi đã ghi nhận đủ thông tin. Xin anh chị giữ máy, điều phối viên sẽ nghe ngay."
NOTED = "Vâng, tôi đã ghi lại. Xin anh chị giữ máy."
NON_EMERGENCY = (
    "Cảm ơn anh chị đã gọi.",
    "Đường dây này dành cho trường hợp khẩn cấp.",
    "Xin anh chị giữ máy, điều phối viên sẽ trả lời khi rảnh.",
)

SAFETY_FIRE = "Hãy rời khỏi tòa nhà ngay. Khi có khói, cúi thấp người và che mũi miệng."
SAFETY_CRASH = "Xin đừng di chuyển người bị nạn, trừ khi có cháy hay nguy hiểm khác."
SAFETY_CPR = (
    "Cấp cứu đang đến. Hãy đặt người bệnh nằm ngửa, ấn mạnh và nhanh vào giữa ngực, không dừng lại."
)
SAFETY_GAS = "Đừng bật lửa hay công tắc điện. Mở cửa và ra ngoài ngay."
SAFETY_ATTACK = "Hãy ở nơi an toàn và tránh xa kẻ tấn công."

SAFETY_FOR_TYPE: dict[IncidentType, str] = {
    IncidentType.FIRE: SAFETY_FIRE,
    IncidentType.TRAFFIC_ACCIDENT: SAFETY_CRASH,
    IncidentType.HAZARD: SAFETY_GAS,
    IncidentType.VIOLENT_CRIME: SAFETY_ATTACK,
    IncidentType.DOMESTIC_VIOLENCE: SAFETY_ATTACK,
}
