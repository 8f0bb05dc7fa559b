"""Word pools of the corpus: places, people, vehicles, weapons, numbers and regional vocabulary.

Plain data and samplers driven by a caller-supplied random.Random; never uses global randomness.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

NUMBER_WORDS: dict[int, str] = {
    1: "một",
    2: "hai",
    3: "ba",
    4: "bốn",
    5: "năm",
    6: "sáu",
    7: "bảy",
    8: "tám",
    9: "chín",
    10: "mười",
}

# How callers read phone digits one by one; Southern callers often say "tư" for 4 and "bẩy" for 7.
DIGIT_WORDS_NORTH: dict[str, tuple[str, ...]] = {
    "0": ("không",),
    "1": ("một",),
    "2": ("hai",),
    "3": ("ba",),
    "4": ("bốn",),
    "5": ("năm",),
    "6": ("sáu",),
    "7": ("bảy", "bẩy"),
    "8": ("tám",),
    "9": ("chín",),
}
DIGIT_WORDS_SOUTH: dict[str, tuple[str, ...]] = {
    **DIGIT_WORDS_NORTH,
    "4": ("bốn", "tư"),
    "7": ("bảy",),
    "0": ("không",),
}

MOBILE_PREFIXES = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "088",
    "089",
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
    "056",
    "058",
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """Regional words a caller keeps for the whole call."""

    name: str
    father: str
    mother: str
    alley: str
    polite: str
    quick: str
    here: str
    yes: str
    grandma: str
    grandpa: str
    child_word: str


NORTH = Dialect("north", "bố", "mẹ", "ngõ", "ạ", "nhanh lên", "đây", "vâng", "bà", "ông", "con bé")
SOUTH = Dialect(
    "south", "ba", "má", "hẻm", "nha", "lẹ lên", "nè", "dạ", "bà ngoại", "ông ngoại", "con nhỏ"
)
CENTRAL = Dialect("central", "bố", "mạ", "kiệt", "ạ", "nhanh lên", "ni", "dạ", "mệ", "ôn", "con bé")

HANOI_STREETS = (
    "Láng Hạ",
    "Kim Mã",
    "Giảng Võ",
    "Xuân Thủy",
    "Nguyễn Trãi",
    "Trường Chinh",
    "Giải Phóng",
    "Minh Khai",
    "Tôn Đức Thắng",
    "Hàng Bạc",
    "Hàng Bông",
    "Đội Cấn",
    "Hoàng Hoa Thám",
    "Lạc Long Quân",
    "Tây Sơn",
    "Chùa Bộc",
    "Thái Hà",
    "Phạm Văn Đồng",
    "Nguyễn Văn Cừ",
    "Ngọc Lâm",
    "Lĩnh Nam",
    "Tam Trinh",
    "Kim Ngưu",
    "Khâm Thiên",
    "Bạch Mai",
    "Định Công",
    "Nguyễn Khang",
    "Cầu Giấy",
    "Hồ Tùng Mậu",
    "Quan Hoa",
    "Vĩnh Hưng",
    "Thụy Khuê",
    "Âu Cơ",
    "Lê Trọng Tấn",
)
HANOI_DISTRICTS = (
    "quận Ba Đình",
    "quận Hoàn Kiếm",
    "quận Đống Đa",
    "quận Cầu Giấy",
    "quận Thanh Xuân",
    "quận Hai Bà Trưng",
    "quận Hoàng Mai",
    "quận Long Biên",
    "quận Tây Hồ",
    "quận Hà Đông",
    "quận Nam Từ Liêm",
    "huyện Gia Lâm",
    "huyện Đông Anh",
    "huyện Thanh Trì",
)
HANOI_WARDS = (
    "phường Láng Hạ",
    "phường Kim Liên",
    "phường Dịch Vọng",
    "phường Khương Trung",
    "phường Bạch Đằng",
    "phường Quan Hoa",
    "phường Ngọc Khánh",
    "phường Thịnh Liệt",
)
SAIGON_STREETS = (
    "Nguyễn Trãi",
    "Lê Văn Sỹ",
    "Cách Mạng Tháng Tám",
    "Điện Biên Phủ",
    "Lý Thường Kiệt",
    "Phan Xích Long",
    "Xô Viết Nghệ Tĩnh",
    "Quang Trung",
    "Lê Văn Việt",
    "Kha Vạn Cân",
    "Âu Cơ",
    "Nguyễn Thị Minh Khai",
    "Trần Hưng Đạo",
    "Huỳnh Tấn Phát",
    "Phạm Văn Chiêu",
    "Bùi Viện",
    "Nguyễn Oanh",
    "Phan Văn Trị",
    "Tô Ký",
    "Lũy Bán Bích",
    "Bình Thới",
    "Hậu Giang",
    "Bà Hom",
    "Tỉnh Lộ 10",
)
SAIGON_DISTRICTS = (
    "quận 1",
    "quận 3",
    "quận 5",
    "quận 8",
    "quận 10",
    "quận 12",
    "quận Bình Thạnh",
    "quận Gò Vấp",
    "quận Tân Bình",
    "quận Tân Phú",
    "quận Bình Tân",
    "huyện Bình Chánh",
    "huyện Hóc Môn",
    "huyện Củ Chi",
    "thành phố Thủ Đức",
    "huyện Nhà Bè",
)
SAIGON_WARDS = (
    "phường 4",
    "phường 7",
    "phường 12",
    "phường Bến Nghé",
    "phường Tân Định",
    "phường Hiệp Phú",
    "phường Linh Trung",
    "phường 25",
)
DANANG_STREETS = (
    "Hoàng Diệu",
    "Ông Ích Khiêm",
    "Trưng Nữ Vương",
    "Núi Thành",
    "Lê Duẩn",
    "Tôn Đức Thắng",
    "Điện Biên Phủ",
    "Nguyễn Tri Phương",
)
DANANG_DISTRICTS = (
    "quận Hải Châu",
    "quận Thanh Khê",
    "quận Sơn Trà",
    "quận Liên Chiểu",
    "quận Cẩm Lệ",
)
RURAL = (
    "thôn 3 xã Tân Lập, huyện Đan Phượng",
    "thôn Đông xã Vân Hà, huyện Đông Anh",
    "xóm 5 xã Nghi Phong, huyện Nghi Lộc",
    "thôn Phú Mỹ xã Hòa Phong",
    "ấp 2 xã Tân Thạnh Đông, huyện Củ Chi",
    "ấp Bình Thạnh xã Tân Phú, huyện Châu Thành",
    "ấp Mỹ Hòa xã Xuân Thới Đông, huyện Hóc Môn",
    "xóm Chùa xã Phú Cường, huyện Sóc Sơn",
    "thôn Hạ xã Yên Viên",
    "bản Lác xã Chiềng Châu, huyện Mai Châu",
    "ấp 4 xã Phước Kiển",
)
LANDMARKS_NORTH = (
    "gần chợ Đồng Xuân",
    "gần chợ Long Biên",
    "gần chợ Hôm",
    "gần chợ Mơ",
    "đối diện trường tiểu học Kim Đồng",
    "đối diện bệnh viện Bạch Mai",
    "đối diện trường THPT Chu Văn An",
    "ngã tư Sở",
    "ngã tư Vọng",
    "ngã tư Kim Liên",
    "ngã sáu Ô Chợ Dừa",
    "cầu Long Biên",
    "cầu Chương Dương",
    "chân cầu Thăng Long",
    "chung cư HH4 Linh Đàm",
    "chung cư Linh Đàm",
    "tòa CT2 chung cư Văn Quán",
    "công viên Thống Nhất",
    "bến xe Giáp Bát",
    "cổng Đại học Bách Khoa",
    "gần hồ Hoàn Kiếm",
    "gần siêu thị BigC Thăng Long",
    "cạnh cây xăng Kim Liên",
    "đầu cầu Vĩnh Tuy",
)
LANDMARKS_SOUTH = (
    "gần chợ Bến Thành",
    "gần chợ Bà Chiểu",
    "gần chợ Bình Tây",
    "đối diện trường Lê Quý Đôn",
    "đối diện bệnh viện Chợ Rẫy",
    "đối diện siêu thị Coopmart Cống Quỳnh",
    "ngã tư Hàng Xanh",
    "ngã tư Bảy Hiền",
    "ngã tư Ga",
    "ngã sáu Phù Đổng",
    "ngã ba Cây Gõ",
    "cầu Sài Gòn",
    "cầu Kênh Tẻ",
    "chân cầu Chữ Y",
    "cầu Bình Triệu",
    "chung cư Nguyễn Kim",
    "chung cư Bàu Cát",
    "bến xe Miền Đông",
    "công viên Tao Đàn",
    "gần vòng xoay Dân Chủ",
    "cạnh cây xăng Ngã Tư Ga",
    "gần nhà thờ Tân Định",
)
LANDMARKS_CENTRAL = (
    "gần chợ Hàn",
    "cầu Rồng",
    "đối diện bệnh viện Đà Nẵng",
    "ngã ba Huế",
    "chân cầu Sông Hàn",
    "gần chợ Cồn",
)
HIGHWAYS = (
    "quốc lộ 1A đoạn qua huyện Phú Xuyên",
    "km 15 quốc lộ 5",
    "cao tốc Pháp Vân",
    "quốc lộ 13 đoạn qua Bình Dương",
    "đường Võ Văn Kiệt đoạn gần cầu Ông Lãnh",
    "đại lộ Thăng Long đoạn qua Hoài Đức",
    "quốc lộ 51 gần ngã ba Vũng Tàu",
    "đèo Hải Vân",
    "quốc lộ 32 đoạn qua Sơn Tây",
)
WATER_PLACES = (
    "bờ sông Hồng đoạn Long Biên",
    "hồ Tây đoạn đường Thanh Niên",
    "kênh Nhiêu Lộc đoạn quận 3",
    "sông Sài Gòn gần bến Bạch Đằng",
    "bãi biển Mỹ Khê",
    "hồ Linh Đàm",
    "sông Hàn gần cầu Rồng",
    "hồ Yên Sở",
    "bãi tắm Bãi Sau Vũng Tàu",
    "con kênh ở ấp 3 xã Tân Nhựt",
)

VEHICLES = (
    "xe máy",
    "ô tô",
    "xe tải",
    "xe khách",
    "xe ba gác",
    "xe container",
    "taxi",
    "xe buýt",
    "xe đạp điện",
    "xe bồn",
)
WEAPONS = (
    "dao",
    "con dao",
    "dao phay",
    "dao bầu",
    "mã tấu",
    "súng",
    "khẩu súng",
    "kiếm",
    "dao găm",
    "búa",
    "gậy sắt",
    "tuýp sắt",
)
# weapons whose name a rule or a model can learn as "weapon present"
GUNS = ("súng", "khẩu súng", "súng hoa cải")


def street_address(rng: random.Random, dialect: Dialect) -> str:
    """A house address as a caller says it; always copied verbatim into the text."""
    forms: tuple[str, ...]
    if dialect.name == "south":
        street, district = rng.choice(SAIGON_STREETS), rng.choice(SAIGON_DISTRICTS)
        forms = (
            f"số {rng.randint(2, 480)} {street}, {district}",
            f"hẻm {rng.randint(2, 380)} {street}, {district}",
            f"{rng.randint(2, 120)}/{rng.randint(1, 40)} {street}",
            f"số {rng.randint(2, 99)} hẻm {rng.randint(10, 300)} {street}",
            f"số {rng.randint(2, 300)} đường {street}, {rng.choice(SAIGON_WARDS)}, {district}",
            f"hẻm {rng.randint(2, 200)} đường {street}",
        )
    elif dialect.name == "central":
        street, district = rng.choice(DANANG_STREETS), rng.choice(DANANG_DISTRICTS)
        forms = (
            f"kiệt {rng.randint(2, 200)} {street}, {district}",
            f"số {rng.randint(2, 300)} {street}, {district}",
            f"kiệt {rng.randint(2, 99)} {street}",
        )
    else:
        street, district = rng.choice(HANOI_STREETS), rng.choice(HANOI_DISTRICTS)
        forms = (
            f"số {rng.randint(2, 120)} ngõ {rng.randint(2, 300)} {street}",
            f"số {rng.randint(2, 120)} ngõ {rng.randint(2, 300)} {street}, {district}",
            f"ngõ {rng.randint(2, 300)} {street}",
            f"số {rng.randint(2, 200)} phố {street}, {district}",
            f"ngách {rng.randint(2, 60)}/{rng.randint(2, 40)} ngõ {rng.randint(2, 200)} {street}",
            f"số {rng.randint(2, 200)} đường {street}, {rng.choice(HANOI_WARDS)}",
            f"số {rng.randint(2, 200)} {street}",
        )
    return rng.choice(forms)


def any_place(rng: random.Random, dialect: Dialect, *, kind: str = "home") -> str:
    """A place of the kind a scenario needs: 'home', 'street', 'road' or 'water'."""
    if kind == "water":
        return rng.choice(WATER_PLACES)
    if kind == "road" and rng.random() < 0.45:
        return rng.choice(HIGHWAYS)
    landmarks = {"south": LANDMARKS_SOUTH, "central": LANDMARKS_CENTRAL}.get(
        dialect.name, LANDMARKS_NORTH
    )
    roll = rng.random()
    if kind == "home":
        if roll < 0.12:
            return rng.choice(RURAL)
        if roll < 0.25:
            return rng.choice(landmarks)
        return street_address(rng, dialect)
    if roll < 0.5:
        return rng.choice(landmarks)
    return street_address(rng, dialect)


def phone_number(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(7))


def spoken_phone(rng: random.Random, digits: str, dialect: Dialect) -> str:
    """The number as a caller reads it: digit groups or one word per digit."""
    roll = rng.random()
    if roll < 0.35:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if roll < 0.5:
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    if roll < 0.6:
        return digits
    table = DIGIT_WORDS_SOUTH if dialect.name == "south" else DIGIT_WORDS_NORTH
    words = [rng.choice(table[d]) for d in digits]
    if rng.random() < 0.5:  # a pause after the prefix, the way people read numbers
        return " ".join(words[:4]) + ", " + " ".join(words[4:])
    return " ".join(words)


def count_phrase(rng: random.Random, count: int, noun: str = "người") -> str:
    """'hai người', '3 người', 'ba đứa nhỏ' ...: the people-at-risk count as said."""
    if count > 10 or rng.random() < 0.2:
        return f"{count} {noun}"
    return f"{NUMBER_WORDS[count]} {noun}"
