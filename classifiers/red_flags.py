"""The transparent safety layer: red-flag concepts that force a minimum urgency.

A flag can only raise urgency, never lower it. Each concept fires on its paraphrases, dialect
words, text without marks and typical recognition errors, and stays silent when the fact is
denied ("không ai bị kẹt"), figurative ("chết đuối trong deadline") or over ("đã tỉnh lại").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from classifiers import red_flag_lexicon as lex
from classifiers.concept_match import (
    Frame,
    FrameMatch,
    Phrase,
    Slot,
    Tokens,
    repair,
    tokenize,
)
from classifiers.labels import Urgency
from classifiers.messages import RedFlag
from classifiers.text_norm import fold

Frames = tuple[tuple[tuple[tuple[str, ...], int], ...], ...]
# Tokens between a negator and the words it denies: "không có ai bị kẹt", "chưa thấy ông ngất".
_NEGATION_FILLERS = frozenset(
    fold(word)
    for word in "có ai bị thấy người còn phải hề được là đang ông bà anh chị em nó con cháu "
    "ý định muốn hề hề gì cả".split()
)
_NEAR = 3  # tokens either side of a trigger where a figurative phrase voids it


def _frames(spec: Frames) -> tuple[Frame, ...]:
    return tuple(
        Frame(tuple(Slot(tuple(Phrase.parse(p) for p in phrases), gap) for phrases, gap in f))
        for f in spec
    )


def _phrases(*groups: Sequence[str]) -> tuple[Frame, ...]:
    """Single-slot frames: any of the phrases."""
    return _frames((((tuple(p for group in groups for p in group), 0),),))


@dataclass(frozen=True, slots=True)
class Concept:
    """One red flag: the frames that say it and when it must stay silent."""

    name: str
    min_urgency: Urgency
    reason: str
    frames: tuple[Frame, ...]
    requires: tuple[Frame, ...] = ()  # context that must appear somewhere in the call
    unless: tuple[Frame, ...] = ()  # anywhere in the call: the concept is something else
    # said earlier in the same sentence, the trigger is not about a person ("con mèo ... kẹt")
    other_subject: tuple[Frame, ...] = ()
    figurative: tuple[Frame, ...] = ()  # near a trigger: it is not meant literally
    over: tuple[Frame, ...] = ()  # said after the last trigger: the danger has ended
    negatable: bool = True

    def vocabulary(self) -> set[tuple[str, str]]:
        """(folded, marked) of every word the concept's frames use."""
        words: set[tuple[str, str]] = set()
        for group in (self.frames, self.requires, self.over):
            for f in group:
                for s in f.slots:
                    for phrase in s.phrases:
                        words.update((w.folded, w.marked) for w in phrase.words)
        return words


def _any(frames: tuple[Frame, ...], tokens: Tokens) -> list[FrameMatch]:
    return [m for f in frames for m in f.find(tokens)]


def _negated(tokens: Tokens, head: int) -> bool:
    """A negator right before the deciding words, allowing two filler tokens between."""
    items = tokens.items
    for gap in range(0, 3):
        end = head - gap
        if end <= 0:
            break
        between = items[end:head]
        if any(t.folded not in _NEGATION_FILLERS for t in between):
            break
        for negator in _NEGATORS_BARE if tokens.unmarked else _NEGATORS:
            size = len(negator.words)
            start = end - size
            if start >= 0 and negator.match_at(tokens, start) == end:
                if items[start].sentence == items[head].sentence:
                    return True
    return False


_NEGATORS = tuple(Phrase.parse(p) for p in lex.NEGATORS)
_NEGATORS_BARE = tuple(Phrase.parse(p) for p in lex.NEGATORS_BARE)


def _said_before(tokens: Tokens, match: FrameMatch, before: list[FrameMatch]) -> bool:
    sentence = tokens.items[match.first].sentence
    return any(b.last < match.first and tokens.items[b.first].sentence == sentence for b in before)


def _in_the_past(
    tokens: Tokens, match: FrameMatch, past: list[FrameMatch], now: list[FrameMatch]
) -> bool:
    """A past-time phrase earlier in the same sentence, with no "now" phrase after it."""
    sentence = tokens.items[match.first].sentence
    for before in past:
        if before.last >= match.first or tokens.items[before.first].sentence != sentence:
            continue
        if not any(before.last < n.first <= match.first for n in now):
            return True
    return False


def _live_matches(concept: Concept, tokens: Tokens) -> list[FrameMatch]:
    matches = _any(concept.frames, tokens)
    if concept.negatable:
        matches = [m for m in matches if not _negated(tokens, m.head)]
    if matches and concept.other_subject:
        subjects = _any(concept.other_subject, tokens)
        matches = [m for m in matches if not _said_before(tokens, m, subjects)]
    if matches and concept.name not in _TIMELESS:
        past, now = _any(_PAST, tokens), _any(_NOW, tokens)
        if past:
            matches = [m for m in matches if not _in_the_past(tokens, m, past, now)]
    if matches and concept.figurative:
        voids = _any(concept.figurative, tokens)
        matches = [
            m
            for m in matches
            if not any(v.first <= m.last + _NEAR and v.last >= m.first - _NEAR for v in voids)
        ]
    if matches and concept.over:
        ended = [m for m in _any(concept.over, tokens) if not _negated(tokens, m.head)]
        # Cancelled by an end said after it; "ra hết rồi ... nhưng còn bà tôi trong nhà": a
        # trigger after the end still counts, and "bất tỉnh rồi" does not end itself.
        matches = [m for m in matches if not any(o.first > m.last for o in ended)]
    return matches


def _concept(
    name: str,
    urgency: Urgency,
    reason: str,
    frames: tuple[Frame, ...],
    **options: tuple[Frame, ...] | bool,
) -> Concept:
    if name in _ABOUT_PEOPLE:
        options = {"other_subject": _ANIMALS, **options}
    concept = Concept(name, urgency, reason, frames, **options)  # type: ignore[arg-type]
    if name not in _TIMELESS:
        # "... nhưng giờ bé vẫn thở bình thường": a life threat is over once the caller says so.
        return replace(concept, over=concept.over + _SAFE_NOW)
    return concept


_SAFE_NOW = _phrases(lex.SAFE_NOW)
_ANIMALS = _phrases(lex.ANIMALS)
# Rescues that may be about an animal: "con mèo trèo lên cây không xuống được" is no person.
_ABOUT_PEOPLE = frozenset({"trapped", "trapped_in_danger", "drowning", "fall_into_pit"})
# A death found this morning still needs the police: neither "over" nor "in the past" silences it.
_TIMELESS = frozenset({"death_reported"})
_PAST = _phrases(lex.PAST)
_NOW = _phrases(lex.NOW)


P1, P2 = Urgency.P1, Urgency.P2
_ARMED_THREAT = "Có hung khí và lời dọa giết: đe dọa tính mạng"
FIRE_CONTEXT = _phrases(lex.FIRE_WORDS)
DANGER_CONTEXT = _phrases(lex.DANGER_WORDS)
FLOOD_CONTEXT = _phrases(("nước", "=lũ", "=ngập", "nước lên", "nước lũ", "=lụt", "=bão", "lũ lụt"))
CHILD_CONTEXT = _phrases(lex.CHILD, lex.SMALL_AGE)
SUICIDE_MEANS = _phrases(lex.SUICIDE_MEANS)
CONCEPTS: tuple[Concept, ...] = (
    _concept(
        "not_breathing",
        P1,
        "Có người không thở / ngừng thở",
        _frames(lex.NOT_BREATHING),
        figurative=_phrases(lex.NOT_BREATHING_FIGURATIVE),
        over=_phrases(lex.NOT_BREATHING_OVER),
    ),
    _concept(
        "unconscious",
        P1,
        "Có người bất tỉnh, gọi không tỉnh",
        _frames(lex.UNRESPONSIVE),
        figurative=_phrases(lex.UNCONSCIOUS_FIGURATIVE),
        over=_phrases(lex.UNRESPONSIVE_OVER),
    ),
    _concept(
        "trapped_in_danger",
        P1,
        "Có người mắc kẹt trong đám cháy, nước, nhà sập hoặc xe",
        _frames(lex.TRAPPED),
        requires=DANGER_CONTEXT,
        figurative=_phrases(lex.TRAPPED_FIGURATIVE, lex.ANIMALS),
        over=_phrases(lex.TRAPPED_OVER),
    ),
    _concept(
        "trapped",
        P2,
        "Có người bị kẹt, cần cứu hộ",
        _frames(lex.TRAPPED),
        figurative=_phrases(lex.TRAPPED_FIGURATIVE, lex.ANIMALS),
        over=_phrases(lex.TRAPPED_OVER),
    ),
    _concept(
        "drowning",
        P1,
        "Có người đuối nước / nước dâng quanh người",
        _frames(lex.DROWNING),
        requires=_phrases(lex.WATER_CONTEXT),
        figurative=_phrases(lex.DROWNING_FIGURATIVE, lex.ANIMALS, ("hồ ga", "hố ga")),
        over=_phrases(lex.DROWNING_OVER),
    ),
    _concept(
        "drowning",
        P1,
        "Có người đuối nước / nước dâng quanh người",
        _frames(lex.FLOOD_REFUGE),
        requires=FLOOD_CONTEXT,
        over=_phrases(lex.DROWNING_OVER),
    ),
    _concept(
        "people_inside_fire",
        P1,
        "Đám cháy còn người bên trong",
        _frames(lex.INSIDE_FIRE),
        requires=FIRE_CONTEXT,
        over=_phrases(lex.INSIDE_FIRE_OVER),
    ),
    _concept(
        "weapon",
        P1,
        "Có hung khí, đe dọa hoặc tấn công đang diễn ra",
        _frames(lex.WEAPON_THREAT),
        figurative=_phrases(lex.WEAPON_FIGURATIVE),
        over=_phrases(lex.WEAPON_OVER),
    ),
    _concept(
        "weapon",
        P1,
        "Có hung khí, đe dọa hoặc tấn công đang diễn ra",
        _frames(lex.STAB),
        figurative=_phrases(lex.STAB_FIGURATIVE),
        over=_phrases(lex.WEAPON_OVER),
    ),
    _concept(
        "weapon_blunt",
        P2,
        "Có hung khí (gậy, tuýp sắt, chai, gạch), đánh nhau đang diễn ra",
        _frames(lex.BLUNT_ATTACK),
        figurative=_phrases(lex.WEAPON_FIGURATIVE),
        over=_phrases(lex.WEAPON_OVER),
    ),
    _concept(
        "suicide_attempt",
        P1,
        "Người có ý định tự tử, có phương tiện hoặc ở trên cao",
        _frames(lex.SUICIDE_ACTS),
        figurative=_phrases(
            lex.SUICIDE_FIGURATIVE,
            ("nhảy dù", "nhảy múa", "nhảy dây", "nhảy việc", "nhảy nhót", "nhảy cao"),
        ),
        over=_phrases(lex.SUICIDE_OVER),
    ),
    _concept(
        "weapon_blunt",
        P2,
        "Có hung khí (gậy, tuýp sắt, chai, gạch), đánh nhau đang diễn ra",
        _frames(lex.BLUNT_ATTACK),
        figurative=_phrases(lex.WEAPON_FIGURATIVE),
        over=_phrases(lex.WEAPON_OVER),
    ),
    _concept(
        "suicide_attempt",
        P1,
        "Người có ý định tự tử, có phương tiện hoặc ở trên cao",
        _frames(lex.SUICIDE_WISH),
        requires=SUICIDE_MEANS,
        figurative=_phrases(lex.SUICIDE_FIGURATIVE),
        over=_phrases(lex.SUICIDE_OVER),
    ),
    _concept(
        "suicide_threat",
        P2,
        "Người nói muốn chết / dọa tự tử",
        _frames(lex.SUICIDE_WISH),
        figurative=_phrases(lex.SUICIDE_FIGURATIVE),
        over=_phrases(lex.SUICIDE_OVER),
    ),
    _concept(
        "child_in_danger",
        P1,
        "Trẻ nhỏ đang gặp nguy hiểm",
        _frames(lex.CHILD_DANGER),
        requires=CHILD_CONTEXT,
        over=_phrases(
            (
                "đã bế vào",
                "bế vào rồi",
                "đã mở được cửa",
                "đã đưa ra",
                "đã ra được",
                "đã lấy ra",
                "ho ra được rồi",
                "đã an toàn",
                "tìm thấy rồi",
                "mở cửa rồi",
                "đã mở cửa",
                "kéo vào trong",
                "kéo vào rồi",
                "đã được kéo vào",
                "bế ra rồi",
                "đứng trông",
                "có người trông",
                "có người lớn trông",
                "không bị sao",
                "đang được mẹ bế",
                "bình thường rồi",
            )
        ),
    ),
    _concept(
        "heavy_bleeding",
        P1,
        "Người chảy máu nhiều",
        _frames(lex.HEAVY_BLEEDING),
        figurative=_phrases(
            (
                "máu lửa",
                "máu mặt",
                "máu liều",
                "máu chiến",
                "máu mê",
                "hăng máu",
                "máu cam",
                "máu nóng",
                "nhóm máu",
                "xét nghiệm máu",
                "hiến máu",
                "làm thịt",
                "thịt heo",
                "mổ heo",
                "giết heo",
                "cắt tiết",
                "tiết canh",
                "heo",
                "gà",
                "vịt",
                "bò",
                "dê",
                "chó",
                "cá",
            )
        ),
        over=_phrases(lex.HEAVY_BLEEDING_OVER),
    ),
    _concept(
        "abduction",
        P1,
        "Có người đang bị bắt đi",
        _frames(lex.ABDUCTION),
        requires=_phrases(lex.ABDUCTION_FORCE),
        unless=_phrases(lex.SCAM),
        figurative=_phrases(lex.ABDUCTION_FIGURATIVE, lex.ANIMALS),
        over=_phrases(lex.ABDUCTION_OVER),
    ),
    _concept(
        "life_threat_attack",
        P1,
        "Có người bị bóp cổ, dìm nước hoặc dọa đốt",
        _phrases(
            (
                "bóp cổ",
                "siết cổ",
                "bóp cỗ",
                "thắt cổ",
                "dìm đầu",
                "dìm xuống nước",
                "tưới xăng",
                "đổ xăng",
                "tẩm xăng",
                "rưới xăng",
                "châm lửa đốt",
                "đòi đốt",
                "dọa đốt",
                "đốt chết",
                "thiêu sống",
                "đòi thiêu",
                "bịt mũi",
            )
        ),
        figurative=_phrases(("đổ xăng xe", "cây xăng", "đổ xăng cho", "bơm xăng")),
    ),
    _concept(
        "heart_attack",
        P1,
        "Đau ngực kèm vã mồ hôi / khó thở: nghi nhồi máu cơ tim",
        _phrases(
            (
                "đau ngực",
                "đau thắt ngực",
                "tức ngực",
                "nhồi máu cơ tim",
                "lên cơn đau tim",
                "đau tim",
                "ngực đau",
                "đau vùng ngực",
                "đau ngực trái",
            )
        ),
        requires=_phrases(
            (
                "vã mồ hôi",
                "mồ hôi ướt",
                "mồ hôi ra",
                "lan ra",
                "lan xuống",
                "cánh tay trái",
                "tái mét",
                "=ngất",
                "=xỉu",
                "nhồi máu",
                "vã mồ hôi lạnh",
            )
        ),
        figurative=_phrases(("đau tim vì", "muốn đau tim", "giá vàng", "đau tim quá")),
    ),
    _concept(
        "severe_breathing",
        P1,
        "Khó thở nặng, tím tái",
        _phrases(
            (
                "khó thở",
                "thở rít",
                "thở không nổi",
                "thở không được",
                "lên cơn hen",
                "thở khò khè",
                "hen",
                "ngạt thở",
                "khò khè",
            )
        ),
        requires=_phrases(
            (
                "tím tái",
                "môi tím",
                "tím ngắt",
                "tái xanh",
                "mặt tím",
                "tím hết",
                "không nói được",
                "lơ mơ",
                "hết thuốc",
                "bình xịt hết",
                "rắn cắn",
                "sưng họng",
                "sưng môi",
                "thở không ra hơi",
            )
        ),
    ),
    _concept(
        "bleeding",
        P2,
        "Người bị thương chảy máu nhiều",
        _phrases(lex.BLEEDING),
        figurative=_phrases(("máu cam", "chảy máu chân răng", "máu me gì đâu")),
    ),
    _concept(
        "seizure",
        P1,
        "Người đang co giật",
        _phrases(
            (
                "co giật",
                "lên cơn động kinh",
                "sùi bọt mép",
                "đang lên cơn",
                "giật liên hồi",
                "giật giật",
                "co quắp",
                "lên cơn giật",
                "giật tay chân",
                "bị kinh phong",
            )
        ),
        over=_phrases(("hết co giật", "đã hết giật", "ngừng giật", "hết giật", "hết cơn")),
    ),
    _concept(
        "stroke",
        P1,
        "Dấu hiệu đột quỵ",
        _phrases(
            (
                "đột quỵ",
                "tai biến",
                "méo miệng",
                "méo mồm",
                "liệt nửa người",
                "nửa người không cử động",
                "nói ngọng đột ngột",
                "yếu nửa người",
                "tê nửa người",
                "xệ miệng",
                "lệch miệng",
                "không nhấc được tay",
            )
        ),
    ),
    _concept(
        "electrocution",
        P1,
        "Có người bị điện giật",
        _phrases(
            (
                "bị điện giật",
                "điện giật người",
                "dính vào dây điện",
                "vẫn dính vào dây",
                "dính điện",
                "chạm vào dây điện",
                "bị giật điện",
                "điện giật",
                "giật điện",
                "dính dây điện",
                "bám vào dây điện",
                "chạm dây điện",
                "điện cao thế giật",
            )
        ),
        figurative=_phrases(("giật mình", "như điện giật", "điện thoại", "giật điện thoại")),
    ),
    _concept(
        "fall_into_pit",
        P1,
        "Người rơi xuống hố sâu / giếng",
        _frames(
            (
                (
                    (("ngã", "rơi", "té", "lọt", "rớt", "sụt", "trượt"), 0),
                    (("xuống",), 1),
                    (
                        (
                            "hố",
                            "giếng",
                            "hầm",
                            "hố sâu",
                            "hố khoan",
                            "giếng khoan",
                            "hố móng",
                            "hồ ga",
                            "hố ga",
                            "cống",
                            "vực",
                            "khe núi",
                            "hang",
                        ),
                        1,
                    ),
                ),
            )
        ),
        figurative=_phrases(("giếng cạn", "không có nước"), lex.ANIMALS),
    ),
    _concept(
        "missing_near_water",
        P1,
        "Người mất tích gần sông, hồ, kênh",
        _phrases(
            (
                "đi lạc",
                "bị lạc",
                "lạc mất",
                "mất tích",
                "tìm không thấy",
                "không thấy đâu",
                "hổng thấy đâu",
                "biến mất",
            )
        ),
        requires=_frames(
            (
                (
                    (("gần", "ra", "chơi ở", "chơi gần", "bờ", "mép", "đi ra", "chạy ra"), 0),
                    (lex.DEEP_WATER, 1),
                ),
            )
        ),
    ),
    _concept(
        "fire_burning",
        P2,
        "Đám cháy đang diễn ra",
        _phrases(
            (
                "đang cháy",
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
                "bị cháy",
                "cháy rồi",
                "hỏa hoạn",
                "bốc lửa",
                "cháy dữ",
                "lửa cháy",
                "lửa lớn",
                "cháy lan",
                "cháy bùng",
                "khói mù mịt",
                "khói cuồn cuộn",
                "khói bốc",
                "chái rồi",
                "đám cháy",
                "lửa đỏ",
            ),
        ),
        figurative=_phrases(
            (
                "cháy hàng",
                "cháy túi",
                "cháy vé",
                "cháy nắng",
                "cháy máy",
                "cháy da",
                "sạch vé",
                "cháy hết mình",
                "cháy phố",
                "cháy show",
                "cháy đơn",
                "cháy sân khấu",
                "cháy cạn",
                "cháy bỏng",
                "cháy lòng",
                "nắng cháy",
                "đốt vàng mã",
                "đốt rác",
                "đốt đồng",
            )
        ),
        over=_phrases(
            (
                "dập tắt rồi",
                "tắt rồi",
                "dập xong rồi",
                "đã tắt",
                "dập xong",
                "đã dập",
                "dập được rồi",
                "tắt hẳn",
            )
        ),
    ),
    _concept(
        "breathing_difficulty",
        P2,
        "Người khó thở",
        _phrases(
            (
                "khó thở",
                "thở dốc",
                "thở không nổi",
                "ngạt thở",
                "ngạt khói",
                "tím tái",
                "lên cơn hen",
                "thở khò khè",
                "khò khè",
                "thở gấp",
                "thở hổn hển",
                "hụt hơi",
                "thở rít",
                "tức ngực khó thở",
                "thở hắt",
                "thở phì phò",
                "ngộp thở",
            )
        ),
        figurative=_phrases(lex.NOT_BREATHING_FIGURATIVE[3:]),
    ),
    _concept(
        "childbirth",
        P2,
        "Sản phụ sắp sinh / vỡ ối",
        _phrases(
            (
                "vỡ ối",
                "sắp sinh",
                "đang sinh",
                "đau đẻ",
                "đẻ rơi",
                "=chuyển dạ",
                "sắp đẻ",
                "trở dạ",
                "đau bụng đẻ",
                "ra nước ối",
            )
        ),
    ),
    _concept(
        "chest_pain",
        P2,
        "Đau ngực",
        _phrases(
            (
                "đau ngực",
                "đau thắt ngực",
                "nhồi máu cơ tim",
                "tức ngực",
                "đau tim",
                "lên cơn đau tim",
                "ngực đau",
                "đau vùng ngực",
            )
        ),
        figurative=_phrases(("đau tim vì", "muốn đau tim", "hết hồn", "giá vàng", "đau tim quá")),
    ),
    _concept(
        "gas_leak",
        P2,
        "Rò rỉ khí gas / hóa chất",
        _phrases(
            (
                "rò rỉ khí gas",
                "rò gas",
                "mùi gas",
                "xì gas",
                "bị xì",
                "rò rỉ hóa chất",
                "hóa chất rò rỉ",
                "hóa chất chảy ra",
                "rò rỉ gas",
                "mùi khí gas",
                "hở gas",
                "khí độc",
                "mùi hóa chất",
                "xì khí",
                "bình gas xì",
                "mùi ga",
                "rò ga",
            )
        ),
    ),
    _concept(
        "violence_in_progress",
        P2,
        "Bạo lực đang diễn ra",
        _phrases(
            (
                "đang đánh",
                "đang bị đánh",
                "đánh hội đồng",
                "hỗn chiến",
                "bóp cổ",
                "đuổi đánh",
                "đánh đập",
                "đánh nhau",
                "xô xát",
                "đập phá",
                "đang đập",
                "đấm đá",
                "rượt đánh",
                "đang hành hung",
                "hành hung",
                "đánh tới tấp",
                "đánh túi bụi",
                "ẩu đả",
            )
        ),
        figurative=_phrases(
            (
                "đánh răng",
                "đánh bài",
                "đánh cờ",
                "đánh máy",
                "đánh chữ",
                "đánh giày",
                "đánh bóng",
                "đánh cầu",
                "đánh golf",
                "đánh thuế",
                "đánh vần",
                "đánh thức",
                "đánh giá",
                "đánh dấu",
                "đánh rơi",
                "đánh điện",
                "đánh con bài",
                "đánh đề",
                "đánh lô",
                "đánh trống",
            )
        ),
        over=_phrases(
            (
                "hôm qua",
                "tuần trước",
                "tháng trước",
                "hôm trước",
                "tối qua",
                "hôm kia",
                "đã dừng",
                "đã thôi",
                "đi rồi",
                "can ra rồi",
                "tan rồi",
                "giải tán rồi",
            )
        ),
    ),
    _concept(
        "death_reported",
        P2,
        "Có người chết / tử vong",
        _phrases(
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
                "chết rồi không",
                "xác người",
                "tắt thở rồi",
                "không qua khỏi",
                "chết queo",
                "cứng đờ",
                "lạnh ngắt",
                "người lạnh ngắt",
            )
        ),
    ),
    _concept(
        "death_threat",
        P2,
        "Có người dọa giết",
        _phrases(
            (
                "dọa giết",
                "đòi giết",
                "sẽ giết",
                "giết cả nhà",
                "giết hết",
                "dọa chém",
                "dọa đâm",
                "tao giết",
                "giết mày",
                "dọa đốt nhà",
                "đòi đốt nhà",
                "dọa thiêu",
                "đòi chém",
                "thề giết",
            )
        ),
        figurative=_phrases(
            (
                "giết thời gian",
                "giết tôi mất",
                "nó giết tôi mất",
                "giết chết tôi",
                "giết người ta mất",
            )
        ),
    ),
    _concept(
        "child_missing",
        P2,
        "Trẻ em hoặc người già lẫn bị lạc",
        _phrases(
            (
                "đi lạc",
                "không về",
                "mất liên lạc",
                "không liên lạc được",
                "bị lạc",
                "lạc mất",
                "không về nhà",
                "mất tích",
                "chưa về nhà",
                "không thấy đâu",
                "hổng thấy đâu",
                "tìm không thấy",
                "chưa về",
                "không thấy về",
                "biến mất",
            )
        ),
        requires=_phrases(
            (
                "thằng bé",
                "con bé",
                "đứa nhỏ",
                "bị lẫn",
                "mất trí nhớ",
                "lẫn",
                "lú lẫn",
                "đãng trí",
                "tuổi",
                "thằng nhỏ",
                "con nhỏ",
                "cháu",
                "bé",
                "=con",
                "học sinh",
                "trẻ",
                "ông cụ",
                "bà cụ",
                "alzheimer",
            )
        ),
    ),
)
# Kept for callers that list the flags by name (console labels, tests).
RULES = CONCEPTS


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Every folded word the concepts use: what a misheard token may be repaired to."""
    return frozenset(folded for c in CONCEPTS for folded, _ in c.vocabulary() if folded.isalpha())


@lru_cache(maxsize=256)
def find_red_flags(text: str) -> tuple[RedFlag, ...]:
    """Every red flag in the transcript so far, most urgent first; one entry per flag name."""
    if not text or not text.strip():
        return ()
    tokens = repair(tokenize(text), _vocabulary())
    if not tokens.items:
        return ()
    flags: dict[str, RedFlag] = {}
    for concept in CONCEPTS:
        if concept.name in flags:
            continue
        if concept.requires and not _any(concept.requires, tokens):
            continue
        if concept.unless and _any(concept.unless, tokens):
            continue
        matches = _live_matches(concept, tokens)
        if not matches:
            continue
        first = min(matches, key=lambda m: m.first)
        matched = tokens.span_text(first.first, first.last)
        flags[concept.name] = RedFlag(concept.name, matched, concept.min_urgency, concept.reason)
    if "trapped_in_danger" in flags:
        flags.pop("trapped", None)
    if "suicide_attempt" in flags:
        flags.pop("suicide_threat", None)
    if "heavy_bleeding" in flags:
        flags.pop("bleeding", None)
    if "weapon_blunt" in flags and ("death_threat" in flags or "life_threat_attack" in flags):
        # an iron bar and "tao giết mày": an armed threat to a life, whatever the weapon
        blunt = flags.pop("weapon_blunt")
        flags.setdefault("weapon", RedFlag("weapon", blunt.matched, P1, _ARMED_THREAT))
    if "weapon" in flags:
        flags.pop("weapon_blunt", None)
    return tuple(sorted(flags.values(), key=lambda flag: flag.min_urgency.rank))


def apply_red_flags(urgency: Urgency, flags: tuple[RedFlag, ...] | list[RedFlag]) -> Urgency:
    """The model's urgency raised to the strictest flag; never lowered."""
    for flag in flags:
        urgency = urgency.raised_to(flag.min_urgency)
    return urgency


def strictest(flags: tuple[RedFlag, ...]) -> Urgency | None:
    """The most urgent minimum among the flags, or None when no flag fired."""
    return min((flag.min_urgency for flag in flags), key=lambda u: u.rank, default=None)
