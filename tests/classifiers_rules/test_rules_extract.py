"""Unit tests for the field extractor: addresses, landmarks, people, weapons, phone digits."""

from __future__ import annotations

import pytest

from classifiers.extract import extract_fields
from classifiers.messages import ExtractedFields
from classifiers.text_norm import strip_diacritics

MUST_SHOW = "alo cứu với nhà tôi ở số 5 ngõ 12 Láng Hạ đang cháy, con tôi còn trong phòng"


def test_must_show_location() -> None:
    fields = extract_fields(MUST_SHOW)
    assert fields.location is not None
    assert "ngõ 12 Láng Hạ" in fields.location
    assert fields.location in MUST_SHOW
    assert "đang" not in fields.location


def test_must_show_location_without_diacritics() -> None:
    plain = strip_diacritics(MUST_SHOW)
    fields = extract_fields(plain)
    assert fields.location is not None and "ngo 12 Lang Ha" in fields.location


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "bố tôi ngất ở số 12 phố Hàng Bạc, quận Hoàn Kiếm, nhanh lên",
            "số 12 phố Hàng Bạc, quận Hoàn Kiếm",
        ),
        ("có đánh nhau gần chợ Bến Thành, đông lắm", "gần chợ Bến Thành"),
        ("tai nạn ở ngã tư Hàng Xanh, có người bị thương", "ngã tư Hàng Xanh"),
        ("cháy ở đối diện trường tiểu học Kim Đồng", "đối diện trường tiểu học Kim Đồng"),
        ("có người đứng trên cầu Long Biên định nhảy", "cầu Long Biên"),
        ("thang máy chung cư Linh Đàm bị kẹt", "chung cư Linh Đàm"),
        ("nhà tui ở hẻm 42 Nguyễn Trãi, quận 5 nha", "hẻm 42 Nguyễn Trãi, quận 5"),
        ("ở 45/12 Lê Văn Sỹ có trộm", "45/12 Lê Văn Sỹ"),
        ("nhà em ở thôn 3 xã Tân Lập, huyện Đan Phượng ạ", "thôn 3 xã Tân Lập, huyện Đan Phượng"),
        ("ấp Bình Thạnh xã Tân Phú có người đuối nước", "ấp Bình Thạnh xã Tân Phú"),
        ("kiệt 45 Hoàng Diệu, quận Hải Châu có cháy", "kiệt 45 Hoàng Diệu, quận Hải Châu"),
        ("lật xe ở quốc lộ 1A đoạn qua huyện Phú Xuyên", "quốc lộ 1A đoạn qua huyện Phú Xuyên"),
        ("tôi ở số 8 ngách 20/3 ngõ 40 Đội Cấn", "số 8 ngách 20/3 ngõ 40 Đội Cấn"),
        ("nha toi o so 5 ngo 12 lang ha dang chay", "so 5 ngo 12 lang ha"),
    ],
)
def test_addresses_and_landmarks_are_copied_from_the_text(text: str, location: str) -> None:
    assert extract_fields(text).location == location


@pytest.mark.parametrize(
    "text",
    [
        "bố em ngã, gọi không trả lời, không thở",
        "số máy của tôi là 0912 345 678",
        "hàng xóm hát karaoke to quá",
        "cho tôi hỏi thủ tục",
        "cầu thang toàn khói",
        "quan nhau on ao qua",
    ],
)
def test_no_location_when_none_is_said(text: str) -> None:
    assert extract_fields(text).location is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("có hai người bị kẹt", 2),
        ("ba đứa nhỏ còn trong nhà", 3),
        ("một cháu bé rơi xuống giếng", 1),
        ("cả nhà năm người mắc kẹt trên mái", 5),
        ("có 12 người bị thương", 12),
        ("mười lăm công nhân còn trong xưởng", 15),
        ("co ba nguoi bi thuong", 3),
        ("Tám người bị thương nặng", 8),
    ],
)
def test_people_counts_from_digits_and_number_words(text: str, count: int) -> None:
    assert extract_fields(text).people_at_risk == count


@pytest.mark.parametrize(
    "text",
    [
        "ở quận Hai Bà Trưng có cháy",
        "kiệt 8 Nguyễn Tri Phương, quận Hải Châu, có cháy",
        "năm ngoái tôi bị trộm",
        "cháu sốt bốn mươi độ",
    ],
)
def test_no_people_count_from_names_or_other_numbers(text: str) -> None:
    assert extract_fields(text).people_at_risk is None


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("có thằng cầm dao đang đuổi chém người", True),
        ("bọn nó cầm mã tấu", True),
        ("có người cầm súng bắn", True),
        ("thằng đòi nợ cầm tuýp sắt đứng trước cửa", True),
        ("không có dao, đánh tay không", None),
        ("bà tôi bị dao cắt vào tay lúc nấu ăn", None),
        ("dạo này tay tôi sưng", None),
        ("tay sung to lam", None),
    ],
)
def test_weapon_only_when_said_present(text: str, weapon: bool | None) -> None:
    assert extract_fields(text).weapon is weapon


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("số máy của tôi là 0912 345 678", "0912345678"),
        ("gọi lại số 0912.345.678 nhé", "0912345678"),
        ("số tôi là không chín tám bảy sáu năm bốn ba hai một", "0987654321"),
        ("số em là không chín một hai, ba bốn năm sáu bảy tám", "0912345678"),
        ("số tui là không chín tư ba, hai một bẩy tám chín không", "0943217890"),
        ("so toi la khong chin mot hai ba bon nam sau bay tam", "0912345678"),
        ("số tui là hông chín tám, bảy sáu năm, bốn ba hai một nha", "0987654321"),
        ("số của tôi +84 912 345 678", "0912345678"),
        ("số bàn 024 3825 1234", "02438251234"),
    ],
)
def test_callback_number_from_digits_and_spoken_digits(text: str, number: str) -> None:
    assert extract_fields(text).callback_number == number


@pytest.mark.parametrize(
    "text",
    ["tôi gọi 113 mãi không được", "gọi 114 đi", "alo 115 phải không", "nhà số 472, ngõ 12"],
)
def test_emergency_numbers_and_addresses_are_not_callback_numbers(text: str) -> None:
    assert extract_fields(text).callback_number is None


def test_empty_text_gives_empty_fields() -> None:
    assert extract_fields("") == ExtractedFields()
    assert extract_fields("   ") == ExtractedFields()
