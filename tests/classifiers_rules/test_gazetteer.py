"""Gazetteer tests on real data: the committed unit tables, the demo calls' addresses (as
written, without marks, lowercase, misheard), Whisper's transcripts of spoken calls, and text
with no address.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers.gazetteer import THRESHOLD, AddressMatch, Gazetteer, load_gazetteer, match_address
from classifiers.gazetteer_tables import DATA_DIR, Place, Unit
from classifiers.text_norm import strip_diacritics

REPO = Path(__file__).resolve().parents[2]
SAMPLES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((REPO / "samples").glob("*.json"))
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def names(match: AddressMatch) -> dict[str, str | None]:
    return {
        "street": match.street.name if match.street else None,
        "landmark": match.landmark.full_name if match.landmark else None,
        "ward": match.ward.full_name if match.ward else None,
        "district": match.district.full_name if match.district else None,
        "province": match.current_province.name if match.current_province else None,
    }


# ---------------------------------------------------------------- the tables


def test_tables_hold_both_eras(gazetteer: Gazetteer) -> None:
    units = [i for i in gazetteer.tables.items.values() if isinstance(i, Unit)]
    count = {(u.level, u.era): 0 for u in units}
    for u in units:
        count[(u.level, u.era)] += 1
    assert count[("province", "2025")] == 34
    assert count[("province", "legacy")] == 63
    assert count[("district", "legacy")] == 696
    assert count[("ward", "2025")] == 3321
    assert count[("ward", "legacy")] == 10035


def test_every_old_unit_maps_to_existing_2025_units(gazetteer: Gazetteer) -> None:
    items = gazetteer.tables.items
    for unit in items.values():
        if isinstance(unit, Unit) and unit.era == "legacy":
            assert unit.successors, unit
            for successor in unit.successors:
                assert items[successor].era == "2025"  # type: ignore[union-attr]


def test_hand_kept_tables_name_real_units_and_say_where_each_row_came_from(
    gazetteer: Gazetteer,
) -> None:
    places = [i for i in gazetteer.tables.items.values() if isinstance(i, Place)]
    assert len([p for p in places if p.level == "street"]) >= 200
    assert len([p for p in places if p.level == "landmark"]) >= 60
    for place in places:
        assert place.source == "curated" or place.source.removeprefix("samples:") in SAMPLES
        for district in place.districts:
            assert gazetteer.tables.new_province(gazetteer.tables.items[district]) == place.province
    cities = {p.province for p in places}
    assert {"vn34-p01", "vn34-p79", "vn34-p48"} <= cities  # Hà Nội, TP.HCM, Đà Nẵng


def test_the_data_stays_small() -> None:
    size = sum(path.stat().st_size for path in DATA_DIR.iterdir() if path.is_file())
    assert size < 5_000_000


# ---------------------------------------------------------------- the demo calls

# What each demo call's address must match (fields not listed are not checked).
EXPECTED: dict[str, dict[str, str]] = {
    "domestic_p1_child_unconscious": {"street": "Hải Phòng", "province": "Đà Nẵng"},
    "domestic_p1_husband_knife": {"street": "Tôn Thất Tùng", "district": "Quận Đống Đa"},
    "domestic_p2_neighbor_child": {"street": "Văn Chương", "province": "Hà Nội"},
    "domestic_p2_son_beats_mother": {"ward": "Xã Tân Nhựt", "district": "Huyện Bình Chánh"},
    "fire_p1_address_late": {"street": "Lê Văn Sỹ", "district": "Quận 3"},
    "fire_p1_gas_explosion": {"street": "Phan Xích Long", "district": "Quận Phú Nhuận"},
    "fire_p2_car_on_fire": {"landmark": "cầu Rồng", "province": "Đà Nẵng"},
    "fire_p2_everyone_out": {"ward": "Xã Kim Chung", "district": "Huyện Đông Anh"},
    "hazard_p2_chemical_spill": {
        "landmark": "khu công nghiệp Sóng Thần",
        "province": "Hồ Chí Minh",
    },
    "hazard_p2_flood_elderly": {"ward": "Phường Hòa Minh", "district": "Quận Liên Chiểu"},
    "hazard_p2_gas_leak": {"landmark": "khu tập thể Thành Công", "district": "Quận Ba Đình"},
    "hazard_p3_bee_nest": {"landmark": "trường tiểu học Kim Liên", "district": "Quận Đống Đa"},
    "medical_p1_calm_father_fall": {"street": "Khâm Thiên", "district": "Quận Đống Đa"},
    "medical_p1_child_seizure": {"street": "Lê Lợi", "district": "Thành phố Quy Nhơn"},
    "medical_p1_stroke": {"street": "Hùng Vương", "province": "Huế"},
    "medical_p2_mushroom_poisoning": {"district": "Huyện Mèo Vạc"},
    "missing_p2_child_park": {"landmark": "công viên Thống Nhất", "province": "Hà Nội"},
    "missing_p2_grandma_dementia": {"landmark": "chợ Bà Chiểu", "district": "Quận Bình Thạnh"},
    "property_p2_break_in_now": {"street": "Cao Thắng", "district": "Quận 3"},
    "property_p2_smashing_cars": {"landmark": "chợ Cồn", "province": "Đà Nẵng"},
    "property_p3_burglary_found": {"street": "Nguyễn Chí Thanh", "district": "Quận Đống Đa"},
    "public_order_p3_karaoke": {"street": "Bùi Đình Túy", "district": "Quận Bình Thạnh"},
    "public_order_p3_loud_argument": {"street": "Ông Ích Khiêm", "province": "Đà Nẵng"},
    "public_order_p3_panicked_noise": {"ward": "Phường Mỹ Đình 2", "district": "Quận Nam Từ Liêm"},
    "rescue_p1_child_in_well": {"ward": "Xã Yên Sở", "district": "Huyện Hoài Đức"},
    "rescue_p1_house_collapse": {"street": "Hàng Bè", "district": "Quận Hoàn Kiếm"},
    "rescue_p2_elevator": {"street": "Lê Thánh Tôn", "district": "Quận 1"},
    "rescue_p2_man_on_pole": {"landmark": "ngã ba Mai Dịch", "district": "Quận Cầu Giấy"},
    "self_harm_p1_bridge": {"landmark": "cầu Nhật Tân", "province": "Hà Nội"},
    "self_harm_p1_caller_rooftop": {"landmark": "tòa nhà Bitexco", "district": "Quận 1"},
    "self_harm_p2_message": {"street": "Nguyễn Du", "district": "Thành phố Đà Lạt"},
    "self_harm_p2_son_threatens": {"street": "Đội Cấn", "district": "Quận Ba Đình"},
    "short_medical_p1_not_breathing": {"street": "Huế", "province": "Hà Nội"},
    "short_property_p3_stolen_motorbike": {"landmark": "chợ Bến Thành", "district": "Quận 1"},
    "short_violent_p1_knife_market": {"landmark": "chợ Đồng Xuân", "district": "Quận Hoàn Kiếm"},
    "traffic_p1_truck_unconscious": {"landmark": "cầu Bình Điền", "province": "Hồ Chí Minh"},
    "traffic_p2_bus_overturned": {"landmark": "đèo Hải Vân", "province": "Đà Nẵng"},
    "traffic_p2_injured_bikers": {"street": "Chùa Bộc", "district": "Quận Đống Đa"},
    "traffic_p3_minor_scrape": {"street": "Láng", "district": "Quận Đống Đa"},
    "violent_p1_abduction": {"landmark": "cầu Chương Dương", "province": "Hà Nội"},
    "violent_p1_gun_threat": {"street": "Kim Mã", "district": "Quận Ba Đình"},
    "violent_p3_snatch_earlier": {"street": "Điện Biên Phủ", "province": "Hồ Chí Minh"},
}
# Said in the call, but the street is in several cities and nothing else names the city.
CITY_NOT_SAID = {
    "hazard_p1_live_wire": "Nguyễn Văn Linh",
    "hazard_p3_fallen_tree": "Trần Phú",
    "medical_p2_chest_pain": "Lý Thường Kiệt",
    "property_p3_shop_theft_callback": "Trần Hưng Đạo",
    "short_fire_p1_trapped": "Nguyễn Trãi",
    "traffic_p3_panicked_dent": "Võ Văn Kiệt",
}
# Places the tables do not hold (a restaurant, a school, a dormitory): no match, nothing made up.
NOT_IN_TABLES = {
    "fire_p1_calm_smoke_upstairs",
    "public_order_p2_drunk_smashing",
    "self_harm_p1_pills",
    "violent_p2_fight",
}


def test_every_demo_address_is_accounted_for() -> None:
    located = {sid for sid, call in SAMPLES.items() if call["location"]}
    ambiguous_or_other = {
        "medical_p2_labour",
        "rescue_p1_child_drowning",
        "missing_p2_child_after_school",
        "violent_p1_stabbing",
        "public_order_p2_street_racing",
    }
    assert located == set(EXPECTED) | set(CITY_NOT_SAID) | NOT_IN_TABLES | ambiguous_or_other


@pytest.mark.parametrize("sample_id", sorted(EXPECTED))
def test_demo_address_matches_its_place(gazetteer: Gazetteer, sample_id: str) -> None:
    call = SAMPLES[sample_id]
    text = call["reference_transcript"]
    match = gazetteer.match(text)
    assert match is not None
    assert text[match.start : match.end] == match.heard
    # the match lies on the address the script gives
    location_start = text.find(call["location"])
    assert match.start < location_start + len(call["location"]) and match.end > location_start
    found = names(match)
    for field, value in EXPECTED[sample_id].items():
        assert found[field] == value, (field, match.normalised)


@pytest.mark.parametrize("sample_id", sorted(EXPECTED))
def test_demo_address_matches_without_marks_and_lowercase(
    gazetteer: Gazetteer, sample_id: str
) -> None:
    call = SAMPLES[sample_id]
    expected = gazetteer.match(call["reference_transcript"])
    assert expected is not None
    for text in (strip_diacritics(call["location"]), call["location"].lower()):
        match = gazetteer.match(text)
        assert match is not None, text
        assert names(match)["province"] == names(expected)["province"], text
        for field in ("street", "ward", "district", "landmark"):
            if EXPECTED[sample_id].get(field):
                assert names(match)[field] == names(expected)[field], (text, field)


@pytest.mark.parametrize("sample_id", sorted(CITY_NOT_SAID))
def test_a_street_in_several_cities_keeps_its_name_but_no_city(
    gazetteer: Gazetteer, sample_id: str
) -> None:
    match = gazetteer.match(SAMPLES[sample_id]["reference_transcript"])
    assert match is not None
    assert CITY_NOT_SAID[sample_id] in match.normalised
    assert match.current_province is None and match.street is None
    assert match.confidence < 0.7


def test_the_call_centre_province_settles_the_city(gazetteer: Gazetteer) -> None:
    text = SAMPLES["property_p3_shop_theft_callback"]["reference_transcript"]
    match = gazetteer.match(text, province_hint="Hồ Chí Minh")
    assert match is not None and match.street is not None
    assert match.street.province == "vn34-p79" and match.house_number == "Số 9"
    # a hint never adds a place that was not said
    assert gazetteer.match("con tôi bị sốt cao", province_hint="Hồ Chí Minh") is None


@pytest.mark.parametrize("sample_id", sorted(NOT_IN_TABLES))
def test_places_not_in_the_tables_are_not_made_up(gazetteer: Gazetteer, sample_id: str) -> None:
    assert gazetteer.match(SAMPLES[sample_id]["reference_transcript"]) is None


# ---------------------------------------------------------------- misheard, abbreviated, spoken


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wrong tones and one-letter errors of a recogniser
        ("số 27 hẻm 102 đường lê văn sĩ quận 3", {"street": "Lê Văn Sỹ", "district": "Quận 3"}),
        ("lê văn xỹ quận 3", {"street": "Lê Văn Sỹ", "district": "Quận 3"}),
        ("ngõ 8 tôn thất tung đống đa", {"street": "Tôn Thất Tùng", "district": "Quận Đống Đa"}),
        ("cháy ở số 20 phó huế", {"street": "Huế", "province": "Hà Nội"}),
        ("phường hoà minh quận liên chiễu", {"ward": "Phường Hòa Minh", "province": "Đà Nẵng"}),
        ("đối diện bệnh viên chờ rẫy", {"landmark": "bệnh viện Chợ Rẫy", "district": "Quận 5"}),
        # glued and split words
        ("hẻm 51 caothắng quận 3", {"street": "Cao Thắng", "district": "Quận 3"}),
        # abbreviations
        ("27 hẻm 102 Lê Văn Sỹ, Q.3, TP.HCM", {"street": "Lê Văn Sỹ", "district": "Quận 3"}),
        ("45/12 Lê Văn Sỹ, P.12, Q3", {"ward": "Phường 12", "district": "Quận 3"}),
        ("phường Nhiêu Lộc, TP HCM", {"ward": "Phường Nhiêu Lộc", "province": "Hồ Chí Minh"}),
        ("kiet 45 hai phong", {"street": "Hải Phòng", "province": "Đà Nẵng"}),
        # spoken numbers
        (
            "số hai mươi bảy hẻm một trăm lẻ hai đường lê văn sỹ quận ba",
            {"street": "Lê Văn Sỹ", "district": "Quận 3"},
        ),
        ("phường mười hai quận ba", {"ward": "Phường 12", "district": "Quận 3"}),
        # old names still said after the reform, new names, and both
        ("ở quận 9 cũ", {"district": "Thành phố Thủ Đức"}),
        ("phường Sài Gòn, thành phố Hồ Chí Minh", {"ward": "Phường Sài Gòn"}),
        ("xã Tân Nhựt huyện Bình Chánh", {"ward": "Xã Tân Nhựt", "district": "Huyện Bình Chánh"}),
    ],
)
def test_misheard_abbreviated_and_spoken_forms(
    gazetteer: Gazetteer, text: str, expected: dict[str, str]
) -> None:
    match = gazetteer.match(text)
    assert match is not None, text
    found = names(match)
    for field, value in expected.items():
        assert found[field] == value, (field, match.normalised)


@pytest.mark.parametrize(
    ("text", "district", "province"),
    [
        ("số 198 phố Hàng Bông, quận Ba Đình", "Quận Ba Đình", "Hà Nội"),  # not "quận 3"
        ("quận hai bà trưng hà nội", "Quận Hai Bà Trưng", "Hà Nội"),  # not "quận 2"
        ("số 5 đường Trần Phú, quận Hà Đông", "Quận Hà Đông", "Hà Nội"),
    ],
)
def test_a_district_name_that_starts_with_a_number_word(
    gazetteer: Gazetteer, text: str, district: str, province: str
) -> None:
    match = gazetteer.match(text)
    assert match is not None
    assert names(match)["district"] == district and names(match)["province"] == province


@pytest.mark.parametrize(
    ("text", "street_heard", "province"),
    [
        ("Tôi ở 9 Lê Thánh Tôn, Nha Trang, có người ngất", "Lê Thánh Tôn", "Khánh Hòa"),
        ("hẻm 120 Trần Hưng Đạo, Mỹ Tho", "Trần Hưng Đạo", "Đồng Tháp"),
        ("nhà thuốc ở 88 Lê Lợi, Thanh Hóa", "Lê Lợi", "Thanh Hóa"),
        ("số 9 Đinh Tiên Hoàng, Ninh Bình", "Đinh Tiên Hoàng", "Ninh Bình"),
    ],
)
def test_the_city_said_wins_over_a_street_of_that_name_elsewhere(
    gazetteer: Gazetteer, text: str, street_heard: str, province: str
) -> None:
    """The street tables cover three cities; a street of the same name elsewhere stays as heard."""
    match = gazetteer.match(text)
    assert match is not None
    assert match.street is None and match.street_heard == street_heard
    assert names(match)["province"] == province
    assert street_heard not in match.normalised  # only what the tables hold is normalised


def test_spoken_house_and_alley_numbers(gazetteer: Gazetteer) -> None:
    match = gazetteer.match("số hai mươi bảy hẻm một trăm lẻ hai đường Lê Văn Sỹ quận 3")
    assert match is not None
    assert match.house_number == "Số 27" and match.alleys == ("Hẻm 102",)
    match = gazetteer.match("nhà tôi ở số tám ngõ bốn lăm Nguyễn Trãi", province_hint="Hà Nội")
    assert match is not None
    assert match.house_number == "Số 8" and match.alleys == ("Ngõ 45",)


@pytest.mark.parametrize(
    ("text", "alley"),
    [
        ("kiệt 20 Ông Ích Khiêm", "Kiệt 20"),  # Central
        ("hẻm 12 Bùi Đình Túy", "Hẻm 12"),  # Southern
        ("ngõ 6 Đội Cấn", "Ngõ 6"),  # Northern
    ],
)
def test_dialect_words_for_an_alley(gazetteer: Gazetteer, text: str, alley: str) -> None:
    match = gazetteer.match(text)
    assert match is not None and match.alleys == (alley,) and match.street is not None


def test_old_ward_gives_its_2025_ward(gazetteer: Gazetteer) -> None:
    match = gazetteer.match("phường 12 quận 3 thành phố Hồ Chí Minh")
    assert match is not None and match.ward is not None and match.ward.era == "legacy"
    assert [w.full_name for w in match.current_wards] == ["Phường Nhiêu Lộc"]
    assert match.normalised == "Phường 12, Quận 3, Thành phố Hồ Chí Minh"
    assert match.normalised_2025 == "Phường Nhiêu Lộc, Thành phố Hồ Chí Minh"
    payload = match.to_json()
    assert payload["ward"] == {"id": match.ward.id, "name": "Phường 12", "era": "legacy"}
    assert 0.0 <= payload["confidence"] <= 1.0  # type: ignore[operator]


# ---------------------------------------------------------------- recognised speech

CORPUS = REPO / "classifiers" / "corpus" / "data" / "test.jsonl"


def test_whisper_transcripts_match_the_spoken_place_or_nothing(gazetteer: Gazetteer) -> None:
    """Our Whisper's transcripts of espeak-spoken calls: a match agrees with the clean script."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    # each recognised row names the clean row it was spoken from: "<id>-asr-<digest>"
    clean = {r["id"]: r for r in rows if r["variant"] == "clean" and r["location"]}
    heard = [r for r in rows if r["variant"] == "asr"]
    assert len(heard) > 300
    matched = 0
    for row in heard:
        match = gazetteer.match(row["text"])
        if match is None:
            continue
        matched += 1
        assert match.heard in row["text"]
        source = clean.get(str(row["id"]).rsplit("-asr-", 1)[0])
        assert source is not None, (row["text"], match.normalised)
        said = gazetteer.match(source["location"])
        assert said is not None, source["location"]
        # a garbled district name can still be a real one ("huyện tù kì" -> Tứ Kỳ): such a
        # match must at least be shown as unsure
        if match.current_province != said.current_province:
            assert match.confidence < 0.8, (row["text"], source["location"], match.confidence)
    assert matched < len(heard) // 10  # most addresses do not survive this recogniser


# ---------------------------------------------------------------- no address, nothing invented

NO_ADDRESS = [
    "alo cứu với nhà tôi cháy rồi",
    "tôi thành công rồi, cảm ơn anh",
    "chúng tôi sống hòa bình với hàng xóm",
    "hai người bị thương ở đầu, chảy máu nhiều",
    "con tôi đi học về muộn, gọi không nghe máy",
    "anh ơi nhanh lên, nhà tôi ở gần đây thôi",
    "thang máy bị kẹt ở tầng mười hai",
    "đường về nhà xa lắm, tôi không đi được",
    "quán bảy giờ mới mở cửa",
    "số tôi là không chín một hai ba bốn năm sáu bảy tám",
    "cho tôi hỏi thủ tục làm căn cước",
    "bà tôi bị ngã ở nhà tắm, không dậy được",
    # what a weak recogniser made of spoken addresses: nothing here is a place
    "phố tồm tấm cai",
    "Nha Cham Nhi Argan",
    "Nha Cham Nhi Argan, Nha Cham Nhi Argan",
    "là kịt sao mươi buông buông thẳng",
    "quận bà quận bà",
    "tỉnh, ở một",
]


@pytest.mark.parametrize("text", NO_ADDRESS)
def test_text_without_an_address_gives_none(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.match(text) is None
    assert gazetteer.match(strip_diacritics(text)) is None


# Utterances of the demo calls that do name a real place, though not the incident's address.
PLACES_IN_PASSING = {"Sài Gòn", "bệnh viện Chợ Rẫy", "bến xe Mỹ Đình", "Đông Anh"}


def test_demo_utterances_without_a_place_give_none(gazetteer: Gazetteer) -> None:
    checked = 0
    for call in SAMPLES.values():
        for utterance in call["utterances"]:
            text = utterance["text"]
            if call["location"] and call["location"] in text:
                continue
            match = gazetteer.match(text)
            if match is not None:
                assert match.heard in PLACES_IN_PASSING, (call["id"], text, match.normalised)
            checked += 1
    assert checked > 200


WORDS = st.sampled_from(
    [
        "alo",
        "cứu",
        "cháy",
        "số",
        "ngõ",
        "hẻm",
        "kiệt",
        "đường",
        "phố",
        "quận",
        "phường",
        "xã",
        "huyện",
        "tỉnh",
        "thành",
        "phố",
        "12",
        "3",
        "45/12",
        "mười",
        "hai",
        "ba",
        "bà",
        "Lê",
        "Văn",
        "Sỹ",
        "Hải",
        "Phòng",
        "Tân",
        "Phú",
        "Bình",
        "Hòa",
        "Minh",
        "nhà",
        "tôi",
        "ở",
        "gần",
        "chợ",
        "cầu",
        ",",
        ".",
        "Q.3",
        "TP",
        "HCM",
        "Đà",
        "Nẵng",
        "không",
        "thở",
        "ơi",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_a_match_is_always_heard_words_and_table_places(text: str) -> None:
    match = match_address(text)
    if match is None:
        return
    assert text[match.start : match.end] == match.heard
    assert THRESHOLD <= match.confidence <= 1.0
    tables = load_gazetteer().tables
    for part in match.parts:
        assert text[part.start : part.end] == part.heard
        assert part.verified == bool(part.unit_ids)
        for unit_id in part.unit_ids:
            assert unit_id in tables.items
    for unit_id in match.unit_ids:
        assert unit_id in tables.items
