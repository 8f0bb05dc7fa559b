"""Unit tests for the safety layer: every flag fires with and without marks, with its reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifiers.labels import URGENCIES, Urgency
from classifiers.messages import RedFlag
from classifiers.red_flags import RULES, apply_red_flags, find_red_flags, strictest
from classifiers.text_norm import strip_diacritics

FIRING = {
    "not_breathing": "bố em ngã, gọi không trả lời, không thở",
    "unconscious": "bà tôi tự nhiên ngã ra bất tỉnh rồi",
    "trapped_in_danger": "nhà sập rồi, ông tôi bị vùi bên dưới",
    "trapped": "thang máy dừng, có người mắc kẹt bên trong",
    "drowning": "có người bị đuối nước ở hồ Tây",
    "weapon": "có thằng cầm dao đang đuổi chém người",
    "people_inside_fire": "alo cứu với nhà tôi đang cháy, con tôi còn trong phòng",
    "fire_burning": "nhà tôi đang cháy, mọi người ra ngoài hết rồi",
    "suicide_attempt": "có cô gái đứng trên cầu định nhảy xuống",
    "suicide_threat": "bạn tôi nhắn không muốn sống nữa",
    "seizure": "con tôi đang co giật, sùi bọt mép",
    "abduction": "con tôi bị bắt cóc trước cổng trường",
    "breathing_difficulty": "ông tôi khó thở từ sáng",
    "heavy_bleeding": "anh ấy bị thương, máu chảy không cầm được",
    "bleeding": "anh ấy bị thương, chảy máu nhiều lắm",
    "weapon_blunt": "hai nhóm đánh nhau, có thằng cầm tuýp sắt",
    "child_in_danger": "đứa bé hai tuổi đang bò ra mép hồ bơi",
    "life_threat_attack": "chồng tôi đang bóp cổ tôi",
    "heart_attack": "bố tôi đau thắt ngực, vã mồ hôi",
    "severe_breathing": "mẹ tôi lên cơn hen, khó thở, môi tím tái",
    "childbirth": "vợ tôi vỡ ối rồi, sắp sinh",
    "stroke": "bà tôi méo miệng, chắc đột quỵ",
    "chest_pain": "bố tôi kêu đau ngực",
    "electrocution": "có người bị điện giật ở cột điện",
    "gas_leak": "nhà tôi có mùi gas nồng nặc",
    "violence_in_progress": "chồng tôi đang đánh tôi",
    "death_threat": "có người nhắn tin dọa giết tôi",
    "death_reported": "phát hiện thi thể một người đàn ông dưới cống",
    "child_missing": "con tôi năm tuổi đi lạc ở hội chợ",
    "missing_near_water": "con tôi ba tuổi đi lạc gần bờ sông, tìm không thấy",
    "fall_into_pit": "thằng bé ngã xuống hố sâu ở công trình",
}


def names(text: str) -> set[str]:
    return {flag.name for flag in find_red_flags(text)}


def test_every_rule_has_a_firing_example() -> None:
    assert {rule.name for rule in RULES} == set(FIRING)


@pytest.mark.parametrize("name", sorted(FIRING))
def test_flag_fires_with_diacritics_and_a_vietnamese_reason(name: str) -> None:
    flags = {flag.name: flag for flag in find_red_flags(FIRING[name])}
    assert name in flags
    flag = flags[name]
    assert flag.reason and flag.reason != flag.name
    assert flag.matched and flag.matched.lower() in FIRING[name].lower()


@pytest.mark.parametrize("name", sorted(FIRING))
def test_flag_fires_without_diacritics(name: str) -> None:
    plain = strip_diacritics(FIRING[name])
    assert name in names(plain), plain


@pytest.mark.parametrize(
    ("text", "silenced"),
    [
        ("không có dao, bọn nó đánh tay không", "weapon"),
        ("khong co dao, tay khong", "weapon"),
        ("nhà tôi bị cháy nhưng mọi người đã ra ngoài hết rồi", "people_inside_fire"),
        ("nha toi dang chay, khong con ai ben trong", "people_inside_fire"),
        ("cháy kho hàng, không ai bị kẹt", "trapped_in_danger"),
        ("cháu bị ong đốt, hơi sưng, không khó thở", "breathing_difficulty"),
        ("bà ngất một lúc nhưng tỉnh lại rồi", "unconscious"),
        ("hàng xóm cãi nhau to tiếng, không đánh nhau", "violence_in_progress"),
        ("con tôi bị lừa bắt cóc online, người ta đòi chuyển tiền", "abduction"),
        ("xe máy đâm vào ô tô, người bị thương ở chân", "weapon"),
        ("hai xe máy đâm nhau ở ngã tư", "weapon"),
        ("em đã ngắt cầu dao rồi", "unconscious"),
        ("da em goi de bao la em da ngat cau dao", "unconscious"),
        ("anh ơi em cần tư vấn tâm lý", "suicide_attempt"),
        ("cái vé xe chuyến... dạ", "childbirth"),
        ("con chó rơi xuống hố ga, người không sao", "fall_into_pit"),
        ("con tôi đi lạc ở công viên", "missing_near_water"),
    ],
)
def test_negated_or_unrelated_words_do_not_fire(text: str, silenced: str) -> None:
    assert silenced not in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "quán bán cháy hàng rồi",
        "quan ban chay hang roi",
        "tháng này cháy túi rồi",
        "xem phim hài chết cười luôn",
        "tôi đau đầu vì con quá",
        "cho hỏi thủ tục làm căn cước",
        "vé concert cháy sạch rồi",
        "nó chém gió suốt",
        "...",
        "",
    ],
)
def test_figurative_and_harmless_calls_raise_no_flag(text: str) -> None:
    assert find_red_flags(text) == ()


@pytest.mark.parametrize(
    "text", ["quán tôi cháy rồi", "quan toi chay roi", "tiệm vàng cháy rồi anh ơi"]
)
def test_a_shop_that_caught_fire_is_a_fire_in_progress(text: str) -> None:
    assert "fire_burning" in names(text)
    assert "fire_burning" not in names(text + ", dập tắt rồi")


@pytest.mark.parametrize(
    "text",
    [
        "tai nạn, anh ấy chết tại chỗ rồi",
        "phát hiện thi thể dưới kênh",
        "lùi ô tô đâm chết một cô gái",
        "co nguoi chet o bo song",
        "nó đánh chết bạn cùng lớp",
    ],
)
def test_a_reported_death_is_at_least_p2(text: str) -> None:
    assert "death_reported" in names(text)
    assert strictest(find_red_flags(text)).rank <= Urgency.P2.rank


@pytest.mark.parametrize(
    "text",
    [
        "chết rồi, tôi bấm nhầm số",
        "nóng chết người, bao giờ có điện",
        "xe tôi bị chết máy giữa đường",
        "đói chết mất",
        "may quá không có ai tử vong",
    ],
)
def test_figurative_or_negated_deaths_raise_no_death_flag(text: str) -> None:
    assert "death_reported" not in names(text)


def test_flags_come_most_urgent_first() -> None:
    flags = find_red_flags("nhà cháy, con tôi còn kẹt trong phòng, nó khó thở")
    ranks = [flag.min_urgency.rank for flag in flags]
    assert ranks == sorted(ranks)
    assert strictest(flags) == Urgency.P1


def test_apply_raises_to_the_strictest_flag() -> None:
    flags = find_red_flags("bố em ngã, gọi không trả lời, không thở")
    assert apply_red_flags(Urgency.P3, flags) == Urgency.P1
    assert apply_red_flags(Urgency.P4, ()) == Urgency.P4


flag_strategy = st.builds(
    RedFlag,
    name=st.sampled_from(sorted(FIRING)),
    matched=st.text(max_size=10),
    min_urgency=st.sampled_from(URGENCIES),
    reason=st.just("lý do"),
)


@given(st.sampled_from(URGENCIES), st.lists(flag_strategy, max_size=5))
def test_apply_never_lowers_urgency(urgency: Urgency, flags: list[RedFlag]) -> None:
    result = apply_red_flags(urgency, flags)
    assert result.rank <= urgency.rank
    assert all(result.rank <= flag.min_urgency.rank for flag in flags)
    if flags:
        assert result.rank == min([urgency.rank] + [f.min_urgency.rank for f in flags])
