"""The transparent safety layer: explicit red-flag phrases that force a minimum urgency.

A flag can only raise urgency, never lower it; figurative or negated uses must not fire a flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.labels import Urgency
from classifiers.messages import RedFlag
from classifiers.text_norm import PhrasePattern, compile_phrases, fold, lower_same_length

# Words that, right before a trigger, deny it ("không có dao", "chưa bất tỉnh").
_NEGATORS = (
    "không",
    "không hề",
    "chưa",
    "chẳng",
    "chả",
    "không phải",
    "đâu có",
    "ko",
    "không thấy",
    "không bị",
    "đừng",
    "không còn",
    "chưa bị",
)
# Unmarked transcripts: only negators whose stripped form is not another common word
# ("chua" is also "chùa", "hong" is "Hồng", "dung" is "dùng").
_NEGATORS_FOLDED = (
    "khong",
    "khong he",
    "chang",
    "khong phai",
    "khong thay",
    "ko",
    "khong bi",
    "khong con",
)


def _negation_regex(words: tuple[str, ...], fillers: str) -> re.Pattern[str]:
    body = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?:^|[^\w])(?:{body})[^\w]+(?:(?:{fillers})[^\w]+){{0,2}}$")


_NEGATION_MARKED = _negation_regex(_NEGATORS, "có|ai|bị|thấy|người")
_NEGATION_FOLDED = _negation_regex(_NEGATORS_FOLDED, "co|ai|bi|thay|nguoi")

PERSON = r"(?:người|anh|chị|em|ông|bà|tôi|tui|nó|hắn|chồng|vợ|con|cháu|bạn|bảo vệ|mẹ|má|bố|ba)"
BLADE = r"(?:con )?(?:dao(?: phay| bầu| găm| rựa)?|mã tấu|kiếm|rựa|lưỡi lê)"
GUN = r"(?:khẩu )?súng(?: hoa cải| săn| ngắn| tự chế)?"
BLUNT = r"(?:búa|gậy sắt|tuýp sắt|gậy gộc|dùi cui|côn nhị khúc)"
_NOT_FIGURATIVE_FIRE = r"(?! (?:hàng|túi|vé|nắng|máy|da|sạch vé))"


@dataclass(frozen=True, slots=True)
class Context:
    """Words that must appear somewhere in the call; short ones only with their marks."""

    patterns: tuple[PhrasePattern, ...]

    def search(self, text: str) -> bool:
        return any(p.search(text) is not None for p in self.patterns)


def _context(phrases: tuple[str, ...], marked_only: tuple[str, ...] = ()) -> Context:
    patterns = [compile_phrases(phrases)]
    if marked_only:
        patterns.append(compile_phrases(marked_only, fold_too=False))
    return Context(tuple(patterns))


FIRE_CONTEXT = _context(
    (
        "bốc cháy",
        "đang cháy",
        "hỏa hoạn",
        "khói",
        "lửa",
        "nổ bình gas",
        "cháy nhà",
        "cháy to",
        "cháy lớn",
    ),
    (rf"cháy{_NOT_FIGURATIVE_FIRE}",),
)
DANGER_CONTEXT = _context(
    (
        "bốc cháy",
        "đang cháy",
        "hỏa hoạn",
        "khói",
        "lửa",
        "nước lũ",
        "lũ về",
        "lũ lên",
        "ngập",
        "nhà sập",
        "bị sập",
        "đổ nát",
        "sạt lở",
        "bị vùi",
        "vùi lấp",
        "bị đè",
        "đè lên",
        "lật ngửa",
        "bị lật",
        "giếng",
        "ca bin",
        "trong xe",
        "đất đá",
        "giàn giáo",
    ),
    (rf"cháy{_NOT_FIGURATIVE_FIRE}", "nước", "sập", "lật", "đè", "vùi", "chìm", "lũ"),
)


@dataclass(frozen=True, slots=True)
class FlagRule:
    """One red flag: its trigger phrases and when it must stay silent."""

    name: str
    min_urgency: Urgency
    reason: str
    triggers: PhrasePattern
    marked_only: PhrasePattern | None = None  # phrases whose unmarked form means something else
    requires: Context | None = None  # context that must appear somewhere in the call
    cancelled_by: PhrasePattern | None = None  # phrases that say the danger is over
    negatable: bool = True


def _rule(
    name: str,
    urgency: Urgency,
    reason: str,
    phrases: tuple[str, ...],
    *,
    marked_only: tuple[str, ...] = (),
    requires: Context | None = None,
    cancelled_by: tuple[str, ...] = (),
    negatable: bool = True,
) -> FlagRule:
    return FlagRule(
        name=name,
        min_urgency=urgency,
        reason=reason,
        triggers=compile_phrases(phrases),
        marked_only=compile_phrases(marked_only, fold_too=False) if marked_only else None,
        requires=requires,
        cancelled_by=compile_phrases(cancelled_by) if cancelled_by else None,
        negatable=negatable,
    )


RULES: tuple[FlagRule, ...] = (
    _rule(
        "not_breathing",
        Urgency.P1,
        "Có người không thở / ngừng thở",
        (
            "không thở",
            "ngừng thở",
            "ngưng thở",
            "tắt thở",
            "hết thở",
            "không còn thở",
            "không thấy thở",
            "không thở được",
            "thở không được",
        ),
    ),
    _rule(
        "unconscious",
        Urgency.P1,
        "Có người bất tỉnh, gọi không tỉnh",
        (
            "bất tỉnh",
            "ngất lịm",
            "ngất xỉu",
            "hôn mê",
            "mê man",
            "gọi không dậy",
            "lay không dậy",
            "gọi mãi không dậy",
            "lay mãi không tỉnh",
            "nằm bất động",
            "ngã gục",
        ),
        # unmarked "ngat" is also "ngắt" (switch off): "đã ngắt cầu dao"
        marked_only=(
            "không tỉnh",
            "chưa tỉnh",
            "lơ mơ",
            "ngất rồi",
            "ngất đi",
            "đã ngất",
            "bị ngất",
            "ngất",
        ),
        cancelled_by=("tỉnh lại rồi", "đã tỉnh lại", "đã tỉnh rồi"),
    ),
    _rule(
        "trapped_in_danger",
        Urgency.P1,
        "Có người mắc kẹt trong đám cháy, nước hoặc nhà sập",
        (
            "mắc kẹt",
            "bị kẹt",
            "kẹt trong",
            "kẹt lại",
            "kẹt dưới",
            "kẹt trên",
            "không thoát ra được",
            "không ra được",
            "chưa ra được",
            "không thoát được",
            "bị vùi",
            "vùi lấp",
            "bị đè",
            "không xuống được",
        ),
        requires=DANGER_CONTEXT,
    ),
    _rule(
        "trapped",
        Urgency.P2,
        "Có người bị kẹt, cần cứu hộ",
        ("mắc kẹt", "bị kẹt", "kẹt trong", "kẹt lại", "không ra được", "không rút ra được"),
    ),
    _rule(
        "drowning",
        Urgency.P1,
        "Có người đuối nước / bị nước cuốn",
        (
            "đuối nước",
            "chết đuối",
            "cuốn trôi",
            "nước cuốn",
            "đang chìm",
            "bị chìm",
            "rơi xuống sông",
            "ngã xuống sông",
            "rơi xuống hồ(?! ga)",
            "ngã xuống kênh",
            "rơi xuống kênh",
            "ngã xuống hồ(?! ga)",
            "rơi xuống giếng",
            "ngã xuống giếng",
            "vùng vẫy giữa dòng",
        ),
    ),
    _rule(
        "weapon",
        Urgency.P1,
        "Có hung khí (dao/súng), tấn công đang diễn ra",
        (
            rf"(?:có|cầm|vác|rút|mang|dùng|cầm theo|kề|giơ|bằng) {BLADE}",
            rf"(?:có|cầm|vác|rút|mang|dùng|chĩa|giơ|bằng) {GUN}",
            "nổ súng",
            "tiếng súng",
            rf"(?:cầm|vác|mang|dùng|giơ|bằng) {BLUNT}",
            r"bị đâm(?! (?:xe|vào|phải|sầm|trúng xe))",
            "đâm chém",
            "bị chém",
            "đuổi chém",
            "chém nhau",
            "chém người",
            "đòi chém",
            r"(?:dao|mã tấu|kiếm) còn cắm",
            "bị bắn",
            "bắn chết",
            "bắn người",
        ),
        # unmarked "ban" is also "bạn" and "dam" also "Đầm": only with marks
        marked_only=(rf"đâm {PERSON}", rf"chém {PERSON}", rf"bắn {PERSON}"),
    ),
    _rule(
        "people_inside_fire",
        Urgency.P1,
        "Đám cháy còn người bên trong",
        (
            r"còn (?:\w+ ){0,3}(?:ở )?(?:trong|bên trong|trên lầu|trên tầng)",
            "người bên trong",
            "còn người",
            "kêu cứu",
            "chưa thoát ra",
            "chưa ra được",
            "không thoát ra được",
            "không ra được",
            "mắc kẹt",
            "bị kẹt",
            "kẹt trong",
        ),
        requires=FIRE_CONTEXT,
        cancelled_by=(
            "ra ngoài hết",
            "ra hết rồi",
            "thoát ra hết",
            "không còn ai",
            "không có ai trong",
            "không có ai bên trong",
            "không ai bị kẹt",
            "không ai ở trong",
            "không ai còn bên trong",
            "chạy ra được hết",
            "xuống hết rồi",
            "đã được đưa ra",
        ),
    ),
    _rule(
        "fire_burning",
        Urgency.P2,
        "Đám cháy đang diễn ra",
        (
            r"đang cháy(?! (?:hàng|túi|vé|nắng|máy|da))",
            "bốc cháy",
            "cháy to",
            "cháy lớn",
            "cháy nhà",
            "lửa bốc",
            "lửa bùng",
            "lửa đang lan",
            "lửa to",
            "cháy ngùn ngụt",
            "khói đen",
            "nổ bình gas",
            "cháy chung cư",
            "cháy xưởng",
            "cháy rừng",
            "nhà cháy",
            rf"bị cháy{_NOT_FIGURATIVE_FIRE}",
            # "quán tôi cháy rồi": the shop is burning ("cháy hàng rồi" = sold out, no match)
            "cháy rồi",
            "hỏa hoạn",
        ),
        cancelled_by=("dập tắt rồi", "tắt rồi", "dập xong rồi", "đã tắt"),
    ),
    _rule(
        "suicide_attempt",
        Urgency.P1,
        "Người có ý định tự tử / sắp nhảy",
        (
            "định nhảy",
            "sắp nhảy",
            "dọa nhảy",
            "muốn nhảy",
            "định tự tử",
            "muốn tự tử",
            "đòi tự tử",
            "uống thuốc tự tử",
            "uống thuốc ngủ tự tử",
            "đang tự tử",
            "cắt tay tự tử",
            "rạch tay",
            "treo cổ",
            "đứng trên cầu",
            "trèo qua lan can cầu",
            r"(?:vừa|đã) tự tử",
            "tự sát",
        ),
        marked_only=("tự vẫn",),
    ),
    _rule(
        "suicide_threat",
        Urgency.P2,
        "Người nói muốn chết / dọa tự tử",
        ("không muốn sống", "dọa tự tử", "muốn chết", "nhắn tin từ biệt"),
    ),
    _rule(
        "seizure",
        Urgency.P1,
        "Người đang co giật",
        ("co giật", "lên cơn động kinh", "sùi bọt mép", "động kinh"),
    ),
    _rule(
        "abduction",
        Urgency.P1,
        "Có người bị bắt cóc",
        (r"bắt cóc(?! (?:online|trực tuyến|qua mạng))", "bị bắt đi", "lôi lên xe", "bắt lên xe"),
        cancelled_by=("lừa bắt cóc", "bắt cóc online", "bắt cóc trực tuyến"),
    ),
    _rule(
        "breathing_difficulty",
        Urgency.P2,
        "Người khó thở",
        (
            "khó thở",
            "thở dốc",
            "thở không nổi",
            "ngạt thở",
            "ngạt khói",
            "tím tái",
            "lên cơn hen",
            "thở khò khè",
        ),
    ),
    _rule(
        "heavy_bleeding",
        Urgency.P1,
        "Người chảy máu nhiều",
        (
            "chảy máu nhiều",
            "mất nhiều máu",
            "máu chảy nhiều",
            "máu chảy không ngừng",
            "chảy máu không cầm được",
            "máu ra nhiều",
            "máu me khắp nơi",
            "đầy máu",
            "máu chảy lênh láng",
        ),
    ),
    _rule(
        "childbirth",
        Urgency.P2,
        "Sản phụ sắp sinh / vỡ ối",
        ("vỡ ối", "sắp sinh", "đang sinh", "đau đẻ", "đẻ rơi"),
        marked_only=("chuyển dạ",),
    ),  # unmarked "chuyen da" is also "chuyến ... dạ"
    _rule(
        "stroke",
        Urgency.P1,
        "Dấu hiệu đột quỵ",
        ("đột quỵ", "méo miệng", "liệt nửa người", "nửa người không cử động"),
    ),
    _rule("chest_pain", Urgency.P2, "Đau ngực", ("đau ngực", "đau thắt ngực", "nhồi máu cơ tim")),
    _rule(
        "electrocution",
        Urgency.P1,
        "Có người bị điện giật",
        ("bị điện giật", "điện giật người", "dính vào dây điện", "vẫn dính vào dây"),
    ),
    _rule(
        "gas_leak",
        Urgency.P2,
        "Rò rỉ khí gas / hóa chất",
        (
            "rò rỉ khí gas",
            "rò gas",
            "mùi gas",
            "xì gas",
            "bị xì",
            "rò rỉ hóa chất",
            "hóa chất rò rỉ",
            "hóa chất chảy ra",
        ),
    ),
    _rule(
        "violence_in_progress",
        Urgency.P2,
        "Bạo lực đang diễn ra",
        (
            r"đang (?:bị )?đánh(?! (?:răng|bài|cờ|máy|chữ|giày|bóng|cầu|golf|thuế|vần))",
            "đánh hội đồng",
            "hỗn chiến",
            "bóp cổ",
            "đuổi đánh",
            "đánh đập",
            "đánh nhau",
            "xô xát",
            "đập phá",
        ),
        cancelled_by=("hôm qua", "tuần trước", "tháng trước", "hôm trước", "tối qua", "hôm kia"),
    ),
    _rule(
        "death_reported",
        Urgency.P2,
        "Có người chết / tử vong",
        (
            "tử vong",
            "thiệt mạng",
            "thi thể",
            "xác chết",
            "chết tại chỗ",
            "có người chết",
            "đã chết",
            "chết cháy",
            "đâm chết",
            "cán chết",
            "đánh chết",
            "chém chết",
            "giết chết",
            "sát hại",
        ),
        # Not "chết rồi" (an exclamation: "oh no"), "chết người" ("nóng chết người"), "bị chết"
        # ("bị chết máy": the engine stalled) or "chết cười"/"chết mất": figurative.
    ),
    _rule(
        "death_threat",
        Urgency.P2,
        "Có người dọa giết",
        ("dọa giết", "đòi giết", "sẽ giết", "giết cả nhà"),
    ),
    _rule(
        "missing_near_water",
        Urgency.P1,
        "Người mất tích gần sông, hồ, kênh",
        ("đi lạc", "bị lạc", "lạc mất", "mất tích", "tìm không thấy"),
        requires=_context(
            (
                "gần bờ sông",
                "gần sông",
                "gần hồ",
                "gần kênh",
                "gần biển",
                "gần ao",
                "gần suối",
                "gần bờ hồ",
                "gần bờ kênh",
            )
        ),
    ),
    _rule(
        "fall_into_pit",
        Urgency.P1,
        "Người rơi xuống hố sâu / giếng",
        (
            r"(?:ngã|rơi|té|lọt) xuống (?:hố|giếng|hầm)(?: khoan)? sâu",
            r"(?:ngã|rơi|té|lọt) xuống giếng(?! cạn)",
        ),
    ),
    _rule(
        "child_missing",
        Urgency.P2,
        "Trẻ em hoặc người già lẫn bị lạc",
        ("đi lạc", "bị lạc", "lạc mất", "không về nhà", "mất tích"),
        requires=_context(
            (
                "thằng bé",
                "con bé",
                "đứa nhỏ",
                "bị lẫn",
                "mất trí nhớ",
                "tuổi",
                "thằng nhỏ",
                "con nhỏ",
                "cháu",
                "bé",
            ),
            ("con",),
        ),
    ),
)


def _negated(text: str, start: int) -> bool:
    """True when a negator sits right before the trigger ("không có dao")."""
    window = lower_same_length(text[max(0, start - 24) : start])
    if _NEGATION_MARKED.search(window):
        return True
    return fold(window) == window and _NEGATION_FOLDED.search(window) is not None


def _first_live_match(rule: FlagRule, text: str) -> str | None:
    live = []
    patterns = [rule.triggers] + ([rule.marked_only] if rule.marked_only else [])
    for pattern in patterns:
        live += [
            m for m in pattern.finditer(text) if not (rule.negatable and _negated(text, m.start))
        ]
    if not live:
        return None
    live.sort(key=lambda m: m.start)
    if rule.cancelled_by is not None:
        cancel = rule.cancelled_by.search(text)
        # "đã ra hết rồi ... nhưng còn bà tôi trong nhà": a trigger after the cancel still counts
        if cancel is not None:
            live = [m for m in live if m.start >= cancel.end]
            if not live:
                return None
    return live[0].text


def find_red_flags(text: str) -> tuple[RedFlag, ...]:
    """Every red flag in the transcript so far, most urgent first; one entry per flag name."""
    if not text or not text.strip():
        return ()
    flags: list[RedFlag] = []
    for rule in RULES:
        if rule.requires is not None and not rule.requires.search(text):
            continue
        matched = _first_live_match(rule, text)
        if matched is None:
            continue
        if rule.name == "trapped" and any(f.name == "trapped_in_danger" for f in flags):
            continue
        flags.append(RedFlag(rule.name, matched, rule.min_urgency, rule.reason))
    flags.sort(key=lambda flag: flag.min_urgency.rank)
    return tuple(flags)


def apply_red_flags(urgency: Urgency, flags: tuple[RedFlag, ...] | list[RedFlag]) -> Urgency:
    """The model's urgency raised to the strictest flag; never lowered."""
    for flag in flags:
        urgency = urgency.raised_to(flag.min_urgency)
    return urgency


def strictest(flags: tuple[RedFlag, ...]) -> Urgency | None:
    """The most urgent minimum among the flags, or None when no flag fired."""
    return min((flag.min_urgency for flag in flags), key=lambda u: u.rank, default=None)
