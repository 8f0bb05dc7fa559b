"""The scripted sample calls: what each caller says, line by line, and the labels it must get.

Data only (the project's own writing); samples/generate.py turns it into audio and sidecars.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScriptedCall:
    """One caller's lines (each spoken by one espeak-ng call) and the reference labels.

    `location` and `decisive` must appear verbatim in one line; `trunk` defaults to the
    number the incident type's service answers (labels.md), which a misdial or prank sets.
    """

    id: str
    incident_type: str
    urgency: str
    lines: tuple[str, ...]
    decisive: str | None
    location: str | None = None
    people_at_risk: int | None = None
    weapon: bool | None = None
    callback_number: str | None = None
    voice: str = "vi"
    speed: int = 165
    pitch: int = 50
    snr_db: float | None = None
    noise: str | None = None  # "hiss" (line), "pink" (room), "street" (traffic rumble)
    trunk: str | None = None
    short: bool = False
    notes: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


N, C, S = "vi", "vi-vn-x-central", "vi-vn-x-south"  # Northern, Central, Southern voices

# Kept compact (several fields per line) so a call reads as one block, like a script page.
# fmt: off
CALLS: tuple[ScriptedCall, ...] = (
    # ---------------------------------------------------------------- short calls (4-7 s)
    ScriptedCall(
        "short_fire_p1_trapped", "fire", "P1",
        ("Cháy nhà số 8 ngõ 45 Nguyễn Trãi!", "Bà tôi còn kẹt trên tầng hai!"),
        decisive="Bà tôi còn kẹt trên tầng hai",
        location="số 8 ngõ 45 Nguyễn Trãi", people_at_risk=1,
        voice=N, speed=167, pitch=60, snr_db=23, noise="street", short=True,
        notes="Short P1 fire with an address and one person trapped; used by integration tests.",
    ),
    ScriptedCall(
        "short_medical_p1_not_breathing", "medical", "P1",
        ("Alo, cấp cứu ạ!", "Chồng tôi ngất, không thở nữa.", "Nhà số 20 phố Huế."),
        decisive="không thở nữa",
        location="số 20 phố Huế", people_at_risk=1,
        voice=N + "+f3", speed=164, pitch=65, snr_db=25, noise="pink", short=True,
        notes="Short P1 medical: collapse and not breathing, address last.",
    ),
    ScriptedCall(
        "short_property_p3_stolen_motorbike", "property_crime", "P3",
        ("Dạ em bị mất trộm xe máy", "ở trước chợ Bến Thành, hồi sáng."),
        decisive="bị mất trộm xe máy",
        location="trước chợ Bến Thành",
        voice=S, speed=158, pitch=45, short=True,
        notes="Short P3 property crime, discovered afterwards, nobody in danger.",
    ),
    ScriptedCall(
        "short_violent_p1_knife_market", "violent_crime", "P1",
        ("Alo alo!", "Có thằng cầm dao đang chém người", "ở chợ Đồng Xuân, nhanh lên!"),
        decisive="cầm dao đang chém người",
        location="chợ Đồng Xuân", weapon=True,
        voice=N, speed=170, pitch=70, snr_db=18, noise="street", short=True,
        notes="Short P1 armed attack in progress.",
    ),
    # ---------------------------------------------------------------- fire
    ScriptedCall(
        "fire_p1_address_late", "fire", "P1",
        (
            "Alo alo, cứu với, cháy rồi!",
            "Khói đen nhiều lắm, cháy to lắm anh ơi.",
            "Có hai đứa nhỏ còn ở trong nhà, không ra được.",
            "Ờ, địa chỉ là số 27 hẻm 102 đường Lê Văn Sỹ, quận 3.",
        ),
        decisive="Có hai đứa nhỏ còn ở trong nhà, không ra được",
        location="số 27 hẻm 102 đường Lê Văn Sỹ, quận 3", people_at_risk=2,
        voice=S + "+f2", speed=167, pitch=70, snr_db=15, noise="street",
        notes="Panicked caller, address given last; children trapped.",
    ),
    ScriptedCall(
        "fire_p2_everyone_out", "fire", "P2",
        (
            "Alo, tôi báo cháy ạ.",
            "Cái kho phía sau nhà tôi đang cháy, lửa bốc lên cao.",
            "Mọi người ra ngoài hết rồi, không ai ở trong.",
            "Nhà tôi ở thôn Đông, xã Kim Chung, huyện Đông Anh.",
        ),
        decisive="Mọi người ra ngoài hết rồi, không ai ở trong",
        location="thôn Đông, xã Kim Chung, huyện Đông Anh", people_at_risk=0,
        voice=N, speed=152, pitch=45, snr_db=23, noise="pink",
        notes="Calm caller, fire still burning but everyone out.",
    ),
    ScriptedCall(
        "fire_p1_gas_explosion", "fire", "P1",
        (
            "Dạ alo, nổ bình gas ở quán cơm đầu hẻm!",
            "Lửa cháy lan qua nhà bên rồi.",
            "Có một người bị bỏng nằm trong bếp, không ai vô được.",
            "Quán cơm Tấm Bụi, đường Phan Xích Long, Phú Nhuận.",
        ),
        decisive="Có một người bị bỏng nằm trong bếp, không ai vô được",
        location="Quán cơm Tấm Bụi, đường Phan Xích Long, Phú Nhuận", people_at_risk=1,
        voice=S, speed=164, pitch=55, snr_db=13, noise="street",
        notes="Gas explosion and fire, one injured person inside; noisy.",
    ),
    ScriptedCall(
        "fire_p2_car_on_fire", "fire", "P2",
        (
            "A lô, trên cầu Rồng có cái ô tô",
            "vừa đâm vào dải phân cách rồi bốc cháy.",
            "Tài xế ra được rồi, đứng bên đường.",
            "Lửa đang cháy to, xe cộ ùn lại hết.",
        ),
        decisive="vừa đâm vào dải phân cách rồi bốc cháy",
        location="trên cầu Rồng", people_at_risk=0,
        voice=C, speed=158, pitch=50, snr_db=18, noise="street",
        notes="Crash with the car burning: fire, not traffic_accident (labels.md rule).",
    ),
    ScriptedCall(
        "fire_p3_already_out", "fire", "P3",
        (
            "Dạ chào anh, em gọi báo là",
            "hồi tối ổ điện nhà em bị chập, cháy xém cái rèm.",
            "Nhà em dập tắt rồi, không ai bị sao hết.",
            "Em chỉ muốn hỏi có cần ai tới kiểm tra không ạ.",
        ),
        decisive="Nhà em dập tắt rồi, không ai bị sao hết",
        voice=N + "+f2", speed=155, pitch=55,
        notes="Scary words (chập, cháy) but the fire is out and no one is at risk.",
    ),
    ScriptedCall(
        "fire_p1_calm_smoke_upstairs", "fire", "P1",
        (
            "Vâng, tôi ở chung cư Hoàng Anh, tòa B, tầng mười hai.",
            "Khói tràn vào hành lang, cầu thang bộ đầy khói.",
            "Nhà tôi có bốn người, không xuống được.",
            "Số tôi là 0903 456 789.",
        ),
        decisive="Nhà tôi có bốn người, không xuống được",
        location="chung cư Hoàng Anh, tòa B, tầng mười hai", people_at_risk=4,
        callback_number="0903456789",
        voice=N, speed=149, pitch=42, snr_db=25, noise="hiss",
        notes="Calm voice, critical news: family trapped by smoke; gives a callback number.",
    ),
    # ---------------------------------------------------------------- rescue
    ScriptedCall(
        "rescue_p1_child_drowning", "rescue", "P1",
        (
            "Cứu với, cứu với!",
            "Thằng nhỏ nhà bên té xuống mương, chìm rồi!",
            "Nó mới sáu tuổi, không biết bơi.",
            "Ấp Hai, xã Tân Phú, mau lên mấy anh ơi!",
        ),
        decisive="té xuống mương, chìm rồi",
        location="Ấp Hai, xã Tân Phú", people_at_risk=1,
        voice=S + "+f3", speed=170, pitch=75, snr_db=13, noise="street",
        notes="Southern vocabulary (thằng nhỏ, té, mương, mấy anh); third-party reporter.",
    ),
    ScriptedCall(
        "rescue_p1_house_collapse", "rescue", "P1",
        (
            "Alo, sập nhà rồi anh ơi!",
            "Cái nhà cũ ở số 5 Hàng Bè đổ sập,",
            "có hai người thợ bị vùi dưới đống gạch,",
            "còn nghe tiếng kêu.",
            "Mọi người đang bới nhưng gạch nặng quá.",
        ),
        decisive="có hai người thợ bị vùi dưới đống gạch",
        location="số 5 Hàng Bè", people_at_risk=2,
        voice=N, speed=161, pitch=60, snr_db=18, noise="street",
        notes="Collapse with people buried alive.",
    ),
    ScriptedCall(
        "rescue_p2_elevator", "rescue", "P2",
        (
            "Dạ, em đang bị kẹt trong thang máy,",
            "tòa nhà Vincom, số 72 Lê Thánh Tôn.",
            "Trong này có ba người, ai cũng ổn,",
            "nhưng kẹt hơn hai mươi phút rồi, bấm chuông không ai nghe.",
        ),
        decisive="kẹt hơn hai mươi phút rồi",
        location="tòa nhà Vincom, số 72 Lê Thánh Tôn", people_at_risk=3,
        voice=S, speed=155, pitch=50, snr_db=23, noise="hiss",
        notes="Trapped but safe: P2.",
    ),
    ScriptedCall(
        "rescue_p1_child_in_well", "rescue", "P1",
        (
            "Alo, con bé nhà tôi rơi xuống giếng rồi!",
            "Giếng sâu lắm, nghe nó khóc ở dưới.",
            "Ờ, nhà tôi ở xóm Bãi, xã Yên Sở, Hoài Đức.",
        ),
        decisive="rơi xuống giếng rồi",
        location="xóm Bãi, xã Yên Sở, Hoài Đức", people_at_risk=1,
        voice=N + "+f4", speed=161, pitch=70, snr_db=23, noise="pink",
        notes="Child fell down a well.",
    ),
    ScriptedCall(
        "rescue_p2_man_on_pole", "rescue", "P2",
        (
            "Anh ơi, có ông say rượu trèo lên cột điện",
            "ở ngã ba Mai Dịch rồi không xuống được.",
            "Ổng ôm cột, la lối, chưa té.",
            "Người ta đứng coi đông lắm.",
        ),
        decisive="trèo lên cột điện",
        location="ngã ba Mai Dịch", people_at_risk=1,
        voice=S, speed=158, pitch=45,
        notes="Person stuck up high, not falling yet: rescue P2 (not public_order).",
    ),
    # ---------------------------------------------------------------- hazard
    ScriptedCall(
        "hazard_p2_gas_leak", "hazard", "P2",
        (
            "Alo, ờ, cho tôi báo,",
            "trong khu tập thể tôi có mùi gas nồng lắm,",
            "hình như rò rỉ ở tầng ba, chưa cháy gì.",
            "Khu tập thể Thành Công, nhà C5.",
        ),
        decisive="có mùi gas nồng lắm",
        location="Khu tập thể Thành Công, nhà C5",
        voice=N, speed=152, pitch=45, snr_db=25, noise="pink",
        notes="Gas smelled, nothing burning: hazard P2.",
    ),
    ScriptedCall(
        "hazard_p1_live_wire", "hazard", "P1",
        (
            "Dây điện đứt rơi xuống đường rồi anh ơi!",
            "Có một chú bị điện giật, nằm im, không cử động.",
            "Ở đường Nguyễn Văn Linh, gần cây xăng.",
            "Mọi người đừng ai lại gần, điện còn chạy đó!",
        ),
        decisive="bị điện giật, nằm im, không cử động",
        location="đường Nguyễn Văn Linh, gần cây xăng", people_at_risk=1,
        voice=C, speed=164, pitch=60, snr_db=15, noise="street",
        notes="Live wire with an unconscious victim: hazard P1.",
    ),
    ScriptedCall(
        "hazard_p3_fallen_tree", "hazard", "P3",
        (
            "Dạ chào chị, em báo là",
            "cây phượng to ở đường Trần Phú bị đổ, chắn ngang đường.",
            "Không ai bị sao hết, mà xe không đi được.",
        ),
        decisive="Không ai bị sao hết",
        location="đường Trần Phú",
        voice=C + "+f2", speed=152, pitch=55, snr_db=23, noise="street",
        notes="Tree down across the road, nobody hurt.",
    ),
    ScriptedCall(
        "hazard_p2_chemical_spill", "hazard", "P2",
        (
            "Alo, xe bồn chở hóa chất bị đổ",
            "ở khu công nghiệp Sóng Thần,",
            "nước gì chảy lênh láng, mùi hắc lắm,",
            "công nhân mấy người bị chóng mặt.",
        ),
        decisive="xe bồn chở hóa chất bị đổ",
        location="khu công nghiệp Sóng Thần",
        voice=S, speed=155, pitch=40, snr_db=18, noise="hiss",
        notes="Chemical spill with people feeling ill.",
    ),
    ScriptedCall(
        "hazard_p3_bee_nest", "hazard", "P3",
        (
            "Alo, dạ tôi là bảo vệ trường tiểu học Kim Liên.",
            "Trên cây bàng trước cổng có tổ ong to lắm,",
            "chưa đốt ai, nhưng sợ tụi nhỏ đi học.",
            "Các anh xem lúc nào rảnh qua xử lý giúp.",
        ),
        decisive="chưa đốt ai",
        location="trường tiểu học Kim Liên",
        voice=N, speed=149, pitch=40,
        notes="Big wasp nest, no one stung yet.",
    ),
    ScriptedCall(
        "hazard_p2_flood_elderly", "hazard", "P2",
        (
            "Dạ alo, nước ngập sâu quá,",
            "vô tới ngang bụng rồi,",
            "nhà tôi có ông già đi không được.",
            "Tổ 4, phường Hòa Minh, Liên Chiểu.",
        ),
        decisive="nước ngập sâu quá",
        location="Tổ 4, phường Hòa Minh, Liên Chiểu", people_at_risk=1,
        voice=C, speed=155, pitch=45, snr_db=13, noise="pink",
        notes="Deep flooding with an elderly man who cannot walk.",
    ),
    # ---------------------------------------------------------------- traffic_accident
    ScriptedCall(
        "traffic_p2_injured_bikers", "traffic_accident", "P2",
        (
            "Alo, tai nạn giao thông ở ngã tư Chùa Bộc Tây Sơn.",
            "Hai xe máy đâm nhau,",
            "hai người bị thương, chảy máu đầu, nhưng vẫn tỉnh.",
            "Ờ, xe cộ đang ùn lại, anh cho xe cứu thương tới luôn nhé.",
        ),
        decisive="hai người bị thương, chảy máu đầu, nhưng vẫn tỉnh",
        location="ngã tư Chùa Bộc Tây Sơn", people_at_risk=2,
        voice=N, speed=158, pitch=50, snr_db=15, noise="street",
        notes="Injured but conscious: P2.",
    ),
    ScriptedCall(
        "traffic_p1_truck_unconscious", "traffic_accident", "P1",
        (
            "Alo alo, xe tải tông xe máy!",
            "Chị kia nằm dưới đường, bất tỉnh rồi,",
            "máu ra nhiều lắm, không cử động gì hết.",
            "Quốc lộ 1A, đoạn qua cầu Bình Điền.",
        ),
        decisive="bất tỉnh rồi",
        location="Quốc lộ 1A, đoạn qua cầu Bình Điền", people_at_risk=1,
        voice=S, speed=167, pitch=65, snr_db=8, noise="street",
        notes="Hard: unconscious crash victim under loud road noise (8 dB SNR).",
    ),
    ScriptedCall(
        "traffic_p3_minor_scrape", "traffic_accident", "P3",
        (
            "Dạ, em vừa bị một ô tô quẹt vào xe máy",
            "ở đường Láng, đoạn gần cầu Giấy.",
            "Em không bị sao, chỉ trầy cái xe,",
            "mà bên kia không chịu đền.",
        ),
        decisive="Em không bị sao, chỉ trầy cái xe",
        location="đường Láng, đoạn gần cầu Giấy", people_at_risk=0,
        voice=N + "+f3", speed=155, pitch=55, snr_db=23, noise="street",
        notes="Minor crash, no injuries, dispute over damages.",
    ),
    ScriptedCall(
        "traffic_p2_bus_overturned", "traffic_accident", "P2",
        (
            "Alo, xe khách bị lật ở đèo Hải Vân,",
            "đoạn gần đỉnh đèo.",
            "Có chừng năm, sáu người bị thương,",
            "mọi người ra khỏi xe được rồi.",
        ),
        decisive="Có chừng năm, sáu người bị thương",
        location="đèo Hải Vân", people_at_risk=6,
        voice=C, speed=155, pitch=50, snr_db=18, noise="hiss",
        notes="Overturned coach, several injured, all out of the vehicle.",
    ),
    ScriptedCall(
        "traffic_p3_panicked_dent", "traffic_accident", "P3",
        (
            "Trời ơi trời ơi, tai nạn, tai nạn!",
            "Ờ, xe tôi bị xe sau tông vào đuôi,",
            "móp hết cái cốp, trời ơi.",
            "Ai cũng không sao hết, ở đường Võ Văn Kiệt.",
        ),
        decisive="Ai cũng không sao hết",
        location="đường Võ Văn Kiệt", people_at_risk=0,
        voice=S + "+f2", speed=170, pitch=75, snr_db=23, noise="street",
        notes="Panicked caller with minor news: rear-end dent, no one hurt.",
    ),
    # ---------------------------------------------------------------- violent_crime
    ScriptedCall(
        "violent_p1_stabbing", "violent_crime", "P1",
        (
            "Alo công an hả, có đâm chém ở quán nhậu!",
            "Một người bị đâm vô bụng, máu ra nhiều lắm,",
            "thằng kia còn cầm dao đứng đó.",
            "Quán nhậu Ba Khía, đường số 7, Bình Tân.",
        ),
        decisive="thằng kia còn cầm dao đứng đó",
        location="Quán nhậu Ba Khía, đường số 7, Bình Tân", people_at_risk=1, weapon=True,
        voice=S, speed=167, pitch=60, snr_db=13, noise="pink",
        notes="Stabbing with the attacker still armed on scene.",
    ),
    ScriptedCall(
        "violent_p2_fight", "violent_crime", "P2",
        (
            "Alo, ở cổng trường Trần Phú",
            "có một đám thanh niên đang đánh nhau,",
            "có đứa bị đánh chảy máu mũi.",
            "Tôi không thấy dao gậy gì.",
            "Ờ, mà chúng nó vẫn đang đuổi nhau ra ngoài đường.",
        ),
        decisive="đang đánh nhau",
        location="cổng trường Trần Phú", weapon=False,
        voice=N, speed=158, pitch=45, snr_db=18, noise="street",
        notes="Fight in progress with minor injuries, no weapon.",
    ),
    ScriptedCall(
        "violent_p1_abduction", "violent_crime", "P1",
        (
            "Alo! Có người bắt cóc trẻ con!",
            "Hai thằng vừa lôi một bé gái lên xe bảy chỗ màu trắng,",
            "chạy về hướng cầu Chương Dương,",
            "biển số ba mươi A gì đó.",
        ),
        decisive="bắt cóc trẻ con",
        location="cầu Chương Dương", people_at_risk=1,
        voice=N + "+f2", speed=167, pitch=70, snr_db=18, noise="street",
        notes="Abduction in progress.",
    ),
    ScriptedCall(
        "violent_p3_snatch_earlier", "violent_crime", "P3",
        (
            "Dạ, chiều nay em bị cướp giật điện thoại",
            "ở đường Điện Biên Phủ, gần Hàng Xanh.",
            "Em không bị thương,",
            "giờ em muốn trình báo để làm đơn ạ.",
        ),
        decisive="Em không bị thương",
        location="đường Điện Biên Phủ, gần Hàng Xanh", people_at_risk=0,
        voice=S + "+f3", speed=152, pitch=55,
        notes="Robbery already over, no injury: P3.",
    ),
    ScriptedCall(
        "violent_p1_gun_threat", "violent_crime", "P1",
        (
            "Alo, cứu tôi với,",
            "có người cầm súng đứng trước nhà tôi, đòi giết cả nhà.",
            "Tôi đang trốn trong phòng.",
            "Số 14 ngõ 3 Kim Mã.",
        ),
        decisive="cầm súng đứng trước nhà tôi, đòi giết cả nhà",
        location="Số 14 ngõ 3 Kim Mã", weapon=True,
        voice=N, speed=161, pitch=40, snr_db=25, noise="hiss",
        notes="Armed threat in progress; caller whispering-calm in tone.",
    ),
    # ---------------------------------------------------------------- property_crime
    ScriptedCall(
        "property_p3_burglary_found", "property_crime", "P3",
        (
            "Alo, chào anh.",
            "Cả nhà tôi đi du lịch về thì thấy cửa bị cạy,",
            "mất cái ti vi với ít tiền mặt.",
            "Nhà số 36 đường Nguyễn Chí Thanh, Đống Đa.",
        ),
        decisive="thấy cửa bị cạy",
        location="số 36 đường Nguyễn Chí Thanh, Đống Đa",
        voice=N, speed=152, pitch=40, snr_db=25, noise="pink",
        notes="Burglary discovered afterwards.",
    ),
    ScriptedCall(
        "property_p2_break_in_now", "property_crime", "P2",
        (
            "Alo, em nói nhỏ nha,",
            "có hai người đang cạy cửa nhà hàng xóm em,",
            "nhà đó đi vắng hết.",
            "Hẻm 51 Cao Thắng, quận 3.",
        ),
        decisive="đang cạy cửa nhà hàng xóm em",
        location="Hẻm 51 Cao Thắng, quận 3",
        voice=S + "+f2", speed=152, pitch=50, snr_db=23, noise="hiss",
        notes="Break-in in progress, empty house: P2.",
    ),
    ScriptedCall(
        "property_p3_phone_scam", "property_crime", "P3",
        (
            "Dạ, tôi bị lừa đảo ạ.",
            "Có người gọi xưng là công an,",
            "bảo tôi chuyển năm mươi triệu vào tài khoản,",
            "tôi chuyển rồi mới biết là lừa.",
        ),
        decisive="tôi bị lừa đảo",
        voice=N + "+f4", speed=146, pitch=55,
        notes="Phone scam, money already gone; no location.",
    ),
    ScriptedCall(
        "property_p2_smashing_cars", "property_crime", "P2",
        (
            "A lô, mấy thằng nhóc đang lấy gạch",
            "đập kính mấy cái ô tô đậu ở bãi xe chợ Cồn.",
            "Không có ai trong xe, tụi nó vẫn đang đập.",
            "Chừng bốn, năm đứa, mặc áo đen.",
        ),
        decisive="vẫn đang đập",
        location="bãi xe chợ Cồn", people_at_risk=0,
        voice=C, speed=161, pitch=55, snr_db=15, noise="street",
        notes="Vandalism still in progress, no one threatened.",
    ),
    ScriptedCall(
        "property_p3_shop_theft_callback", "property_crime", "P3",
        (
            "Dạ em là chủ tiệm điện thoại,",
            "sáng nay mở cửa thì thấy bị trộm mất mười cái điện thoại.",
            "Tiệm ở số 9 Trần Hưng Đạo.",
            "Có gì anh gọi lại số 0988 123 456.",
        ),
        decisive="bị trộm mất mười cái điện thoại",
        location="số 9 Trần Hưng Đạo", callback_number="0988123456",
        voice=S, speed=158, pitch=45, snr_db=23, noise="pink",
        notes="Theft discovered in the morning; callback number at the end.",
    ),
    # ---------------------------------------------------------------- domestic_violence
    ScriptedCall(
        "domestic_p1_husband_knife", "domestic_violence", "P1",
        (
            "Alo, cứu em với,",
            "chồng em say rượu, đang cầm dao đòi giết em,",
            "em với con trốn trong nhà tắm.",
            "Nhà em ở ngõ 8 Tôn Thất Tùng.",
        ),
        decisive="đang cầm dao đòi giết em",
        location="ngõ 8 Tôn Thất Tùng", people_at_risk=2, weapon=True,
        voice=N + "+f3", speed=164, pitch=70, snr_db=23, noise="pink",
        notes="Husband armed and threatening in progress.",
    ),
    ScriptedCall(
        "domestic_p2_neighbor_child", "domestic_violence", "P2",
        (
            "Alo, tôi là hàng xóm.",
            "Nhà bên cạnh, ông bố đang đánh thằng con,",
            "nghe nó khóc thét từ nãy tới giờ.",
            "Số 11 ngõ Văn Chương.",
        ),
        decisive="ông bố đang đánh thằng con",
        location="Số 11 ngõ Văn Chương", people_at_risk=1,
        voice=N, speed=155, pitch=42, snr_db=25, noise="hiss",
        notes="Third-party report of a child being beaten now.",
    ),
    ScriptedCall(
        "domestic_p2_son_beats_mother", "domestic_violence", "P2",
        (
            "Dạ alo, thằng con trai bà Sáu nhậu xỉn",
            "về đánh má nó nữa rồi,",
            "bả bị chảy máu tay, đang la quá trời.",
            "Ấp Bình Lợi, xã Tân Nhựt.",
        ),
        decisive="về đánh má nó nữa rồi",
        location="Ấp Bình Lợi, xã Tân Nhựt", people_at_risk=1,
        voice=S, speed=158, pitch=50, snr_db=18, noise="pink",
        notes="Southern vocabulary (nhậu xỉn, má, bả, quá trời); elder abuse.",
    ),
    ScriptedCall(
        "domestic_p3_report_last_night", "domestic_violence", "P3",
        (
            "Dạ, em muốn trình báo,",
            "tối qua chồng em đánh em, bầm hết tay.",
            "Giờ anh ấy đi làm rồi, em đang ở nhà mẹ đẻ.",
            "Em cần làm thủ tục gì ạ?",
        ),
        decisive="Giờ anh ấy đi làm rồi, em đang ở nhà mẹ đẻ",
        voice=N + "+f2", speed=149, pitch=50,
        notes="Past violence, caller safe now.",
    ),
    ScriptedCall(
        "domestic_p1_child_unconscious", "domestic_violence", "P1",
        (
            "Alo, chồng tôi đánh con gái,",
            "con bé ngất rồi, gọi không tỉnh.",
            "Mô răng cũng được, tới nhanh giùm.",
            "Kiệt 45 Hải Phòng.",
        ),
        decisive="con bé ngất rồi, gọi không tỉnh",
        location="Kiệt 45 Hải Phòng", people_at_risk=1,
        voice=C + "+f3", speed=161, pitch=60, snr_db=21, noise="pink",
        notes="Central vocabulary (kiệt, mô răng); beaten child unconscious.",
    ),
    # ---------------------------------------------------------------- public_order
    ScriptedCall(
        "public_order_p3_karaoke", "public_order", "P3",
        (
            "Dạ alo, nhà kế bên hát karaoke từ chiều tới giờ,",
            "mười hai giờ đêm rồi mà mở lớn quá trời,",
            "con nhỏ tui không ngủ được.",
            "Hẻm 12 Bùi Đình Túy.",
        ),
        decisive="hát karaoke",
        location="Hẻm 12 Bùi Đình Túy",
        voice=S + "+f4", speed=155, pitch=50,
        notes="Noise complaint, Southern vocabulary.",
    ),
    ScriptedCall(
        "public_order_p2_street_racing", "public_order", "P2",
        (
            "Alo, có cả trăm đứa tụ tập đua xe",
            "trên đường Phạm Văn Đồng,",
            "rú ga, bốc đầu, chạy ngược chiều,",
            "nguy hiểm lắm.",
            "Đoạn gần bến xe Mỹ Đình, anh cho người ra ngay nhé.",
        ),
        decisive="tụ tập đua xe",
        location="đường Phạm Văn Đồng",
        voice=N, speed=161, pitch=50, snr_db=14, noise="street",
        notes="Street racing in progress, loud background.",
    ),
    ScriptedCall(
        "public_order_p2_drunk_smashing", "public_order", "P2",
        (
            "Alo, ở quán bia Hải Xồm",
            "có mấy ông say rượu đang đập phá bàn ghế,",
            "chửi bới khách, chưa đánh ai.",
            "Chủ quán sợ quá, nhờ tôi gọi giùm.",
        ),
        decisive="say rượu đang đập phá bàn ghế",
        location="quán bia Hải Xồm",
        voice=N + "+f2", speed=158, pitch=55, snr_db=15, noise="pink",
        notes="Drunk men wrecking a bar, no one hurt yet.",
    ),
    ScriptedCall(
        "public_order_p3_loud_argument", "public_order", "P3",
        (
            "Dạ, ngoài đầu kiệt có hai người cãi nhau to quá,",
            "chửi nhau từ nãy tới chừ, chưa đánh nhau.",
            "Kiệt 20 Ông Ích Khiêm.",
            "Mấy anh tới nhắc giùm một tiếng.",
        ),
        decisive="chưa đánh nhau",
        location="Kiệt 20 Ông Ích Khiêm",
        voice=C, speed=152, pitch=40,
        notes="Shouting match only.",
    ),
    ScriptedCall(
        "public_order_p3_panicked_noise", "public_order", "P3",
        (
            "Trời ơi cứu tôi với, tôi chịu hết nổi rồi!",
            "Ờ, nhà đối diện mở nhạc sàn ầm ầm",
            "từ tối tới giờ.",
            "Chung cư Mỹ Đình 2, tòa A.",
        ),
        decisive="mở nhạc sàn ầm ầm",
        location="Chung cư Mỹ Đình 2, tòa A",
        voice=N + "+f3", speed=167, pitch=70,
        notes="Panicked opening (cứu tôi với) for a noise complaint.",
    ),
    # ---------------------------------------------------------------- medical
    ScriptedCall(
        "medical_p1_calm_father_fall", "medical", "P1",
        (
            "Alo, dạ, em gọi cấp cứu.",
            "Bố em ngã trong nhà tắm,",
            "gọi không trả lời, không thở.",
            "Nhà em số 3 ngõ 12 Khâm Thiên.",
        ),
        decisive="gọi không trả lời, không thở",
        location="số 3 ngõ 12 Khâm Thiên", people_at_risk=1,
        voice=N, speed=146, pitch=45, snr_db=25, noise="hiss",
        notes="Calm caller, critical news: not breathing.",
    ),
    ScriptedCall(
        "medical_p1_stroke", "medical", "P1",
        (
            "Dạ alo, ông nội em tự nhiên méo miệng,",
            "nói không ra tiếng, tay phải không nhấc lên được.",
            "Chắc bị đột quỵ rồi.",
            "Số 88 đường Hùng Vương, thành phố Huế.",
        ),
        decisive="Chắc bị đột quỵ rồi",
        location="Số 88 đường Hùng Vương, thành phố Huế", people_at_risk=1,
        voice=C + "+f2", speed=158, pitch=55, snr_db=23, noise="pink",
        notes="Stroke signs: time-critical, P1.",
    ),
    ScriptedCall(
        "medical_p2_chest_pain", "medical", "P2",
        (
            "Alo, tôi bị đau ngực quá,",
            "đau lan ra tay trái, vã mồ hôi.",
            "Tôi vẫn tỉnh, ở một mình.",
            "Số 60 Lý Thường Kiệt.",
        ),
        decisive="đau ngực",
        location="Số 60 Lý Thường Kiệt", people_at_risk=1,
        voice=N, speed=146, pitch=40, snr_db=23, noise="hiss",
        notes="Caller is the patient, conscious.",
    ),
    ScriptedCall(
        "medical_p2_labour", "medical", "P2",
        (
            "Dạ, vợ em sắp sinh, vỡ ối rồi,",
            "đau bụng dữ lắm.",
            "Nhà em ở ấp Mỹ Hòa, xã Mỹ Xuyên.",
            "Số em 0356 789 012.",
        ),
        decisive="vợ em sắp sinh, vỡ ối rồi",
        location="ấp Mỹ Hòa, xã Mỹ Xuyên", people_at_risk=1, callback_number="0356789012",
        voice=S, speed=158, pitch=50, snr_db=18, noise="street",
        notes="Labour with waters broken; callback number.",
    ),
    ScriptedCall(
        "medical_p3_panicked_small_cut", "medical", "P3",
        (
            "Trời ơi máu, máu nhiều quá!",
            "Con tôi bị dao cắt vào ngón tay.",
            "À, giờ cầm máu được rồi, vết nhỏ thôi.",
            "Có cần đi khâu không bác sĩ?",
        ),
        decisive="giờ cầm máu được rồi, vết nhỏ thôi",
        people_at_risk=1,
        voice=N + "+f4", speed=167, pitch=75, snr_db=23, noise="pink",
        notes="Panicked opening, minor injury; a knife is mentioned but it is not a weapon.",
    ),
    ScriptedCall(
        "medical_p1_child_seizure", "medical", "P1",
        (
            "Alo, con tôi co giật,",
            "mắt trợn ngược, môi tím tái rồi!",
            "Bé mới hai tuổi.",
            "Số 17 đường Lê Lợi, Quy Nhơn.",
        ),
        decisive="môi tím tái rồi",
        location="Số 17 đường Lê Lợi, Quy Nhơn", people_at_risk=1,
        voice=C, speed=164, pitch=65, snr_db=15, noise="pink",
        notes="Seizure with cyanosis.",
    ),
    ScriptedCall(
        "medical_p2_mushroom_poisoning", "medical", "P2",
        (
            "Alo, cả nhà tôi ăn nấm hái trên rừng,",
            "giờ ba người nôn ói, đau bụng quá.",
            "Bản Pả Vi, Mèo Vạc.",
            "Ờ, mọi người vẫn tỉnh, nói chuyện được.",
        ),
        decisive="ba người nôn ói",
        location="Bản Pả Vi, Mèo Vạc", people_at_risk=3,
        voice=N, speed=152, pitch=45, snr_db=13, noise="hiss",
        notes="Food poisoning, three people, conscious.",
    ),
    # ---------------------------------------------------------------- self_harm
    ScriptedCall(
        "self_harm_p1_bridge", "self_harm", "P1",
        (
            "Alo, có cô gái đứng ngoài lan can cầu Nhật Tân,",
            "định nhảy xuống sông,",
            "tôi đang đứng cách cô ấy mấy mét.",
            "Đoạn giữa cầu, phía Đông Anh. Nhanh lên anh ơi.",
        ),
        decisive="định nhảy xuống sông",
        location="cầu Nhật Tân", people_at_risk=1,
        voice=N, speed=155, pitch=45, snr_db=8, noise="street",
        notes="Hard: third-party, someone about to jump, heavy traffic noise (8 dB SNR).",
    ),
    ScriptedCall(
        "self_harm_p1_pills", "self_harm", "P1",
        (
            "Dạ alo, bạn cùng phòng em uống cả vỉ thuốc ngủ,",
            "bạn để lại thư, giờ lơ mơ, gọi không trả lời.",
            "Ký túc xá khu B, phòng 305.",
        ),
        decisive="uống cả vỉ thuốc ngủ",
        location="Ký túc xá khu B, phòng 305", people_at_risk=1,
        voice=S + "+f2", speed=161, pitch=60, snr_db=23, noise="pink",
        notes="Overdose with a note, drowsy.",
    ),
    ScriptedCall(
        "self_harm_p2_message", "self_harm", "P2",
        (
            "Dạ, bạn em vừa nhắn tin là không muốn sống nữa,",
            "nói lời từ biệt với mọi người.",
            "Em gọi không được.",
            "Nhà bạn ở số 21 Nguyễn Du, Đà Lạt.",
        ),
        decisive="không muốn sống nữa",
        location="số 21 Nguyễn Du, Đà Lạt", people_at_risk=1,
        voice=C, speed=155, pitch=50,
        notes="Suicidal message, whereabouts unclear.",
    ),
    ScriptedCall(
        "self_harm_p1_caller_rooftop", "self_harm", "P1",
        (
            "Alo.",
            "Tôi đang đứng trên sân thượng tòa nhà Bitexco.",
            "Tôi mệt quá rồi, tôi định nhảy xuống.",
            "Tôi chỉ muốn có ai đó biết thôi.",
        ),
        decisive="tôi định nhảy xuống",
        location="sân thượng tòa nhà Bitexco", people_at_risk=1,
        voice=S, speed=140, pitch=40, snr_db=18, noise="street",
        notes="Calm, slow caller about to jump: the words matter, not the tone.",
    ),
    ScriptedCall(
        "self_harm_p2_son_threatens", "self_harm", "P2",
        (
            "Chị ơi, con trai tôi dọa tự tử,",
            "nó khóa cửa phòng, không cho ai vào,",
            "nói chuyện qua cửa vẫn còn trả lời.",
            "Số 9 ngõ 6 Đội Cấn.",
        ),
        decisive="dọa tự tử",
        location="Số 9 ngõ 6 Đội Cấn", people_at_risk=1,
        voice=N + "+f2", speed=152, pitch=55, snr_db=23, noise="hiss",
        notes="Threat of suicide, still talking through the door.",
    ),
    # ---------------------------------------------------------------- missing_person
    ScriptedCall(
        "missing_p2_child_park", "missing_person", "P2",
        (
            "Alo, con tôi bị lạc ở công viên Thống Nhất,",
            "hai tiếng rồi chưa tìm thấy.",
            "Cháu trai năm tuổi, mặc áo đỏ.",
            "Ờ, lúc nãy cháu chơi ở gần hồ, giờ không thấy đâu.",
        ),
        decisive="hai tiếng rồi chưa tìm thấy",
        location="công viên Thống Nhất", people_at_risk=1,
        voice=N + "+f3", speed=161, pitch=65, snr_db=15, noise="pink",
        notes="Child lost for hours.",
    ),
    ScriptedCall(
        "missing_p3_brother_since_yesterday", "missing_person", "P3",
        (
            "Dạ chào anh, em trai tôi ba mươi tuổi,",
            "đi chơi với bạn từ hôm qua chưa về,",
            "không có gì bất thường,",
            "tôi muốn báo mất tích.",
        ),
        decisive="không có gì bất thường",
        voice=N, speed=149, pitch=40,
        notes="Adult missing since yesterday, no danger signs.",
    ),
    ScriptedCall(
        "missing_p2_grandma_dementia", "missing_person", "P2",
        (
            "Alo, bà nội tui bị lẫn,",
            "đi lạc từ sáng tới giờ chưa về.",
            "Bả tám mươi tuổi, mặc áo bà ba tím.",
            "Nhà ở chợ Bà Chiểu.",
        ),
        decisive="đi lạc từ sáng tới giờ chưa về",
        location="chợ Bà Chiểu", people_at_risk=1,
        voice=S + "+f3", speed=155, pitch=55, snr_db=18, noise="street",
        notes="Elderly person with dementia wandered off.",
    ),
    ScriptedCall(
        "missing_p2_child_after_school", "missing_person", "P2",
        (
            "Dạ, con em học lớp ba,",
            "tan học từ bốn giờ chiều mà giờ chưa về,",
            "cô giáo nói cháu ra cổng rồi.",
            "Trường tiểu học Lê Văn Tám, Đà Nẵng.",
            "Số em 0905 111 222.",
        ),
        decisive="tan học từ bốn giờ chiều mà giờ chưa về",
        location="Trường tiểu học Lê Văn Tám, Đà Nẵng", people_at_risk=1,
        callback_number="0905111222",
        voice=C + "+f2", speed=161, pitch=60, snr_db=23, noise="hiss",
        notes="Child not home hours after school; callback number.",
    ),
    ScriptedCall(
        "missing_p3_no_contact_mother", "missing_person", "P3",
        (
            "Alo, em ở Sài Gòn,",
            "từ sáng em gọi mẹ em ở quê không liên lạc được,",
            "chắc điện thoại hết pin,",
            "nhưng em lo quá, anh kiểm tra giúp em được không.",
        ),
        decisive="không liên lạc được",
        voice=S, speed=158, pitch=45, snr_db=25, noise="hiss",
        notes="Cannot reach a relative; no danger signs.",
    ),
    # ---------------------------------------------------------------- non_emergency (P4)
    ScriptedCall(
        "non_emergency_silence", "non_emergency", "P4",
        (),
        decisive=None,
        noise="hiss", trunk="113",
        notes="Silence only (line hiss): the recogniser must emit nothing.",
    ),
    ScriptedCall(
        "non_emergency_misdial", "non_emergency", "P4",
        (
            "Alo, tiệm bánh mì Hòa Mã phải không?",
            "Cho tui đặt hai chục ổ.",
            "Ủa, công an hả? Chết, tui gọi lộn số, xin lỗi nha.",
        ),
        decisive="tui gọi lộn số",
        trunk="113",
        voice=S + "+f4", speed=158, pitch=55, snr_db=25, noise="pink",
        notes="Misdial; 'chết' used as an exclamation.",
    ),
    ScriptedCall(
        "non_emergency_prank_fire", "non_emergency", "P4",
        (
            "Alo, cháy nhà, cháy nhà!",
            "Hí hí, đùa đấy, chú ơi.",
            "Tụi cháu trêu thôi.",
            "Không có cháy gì đâu ạ, chú đừng giận nha.",
            "Thôi cháu cúp máy đây.",
        ),
        decisive="đùa đấy",
        trunk="114",
        voice=N + "+f5", speed=170, pitch=90,
        notes="Prank by children: scary opening, retracted.",
    ),
    ScriptedCall(
        "non_emergency_sold_out", "non_emergency", "P4",
        (
            "Dạ em bán bánh mì ở chợ,",
            "hôm nay bán cháy hàng,",
            "em muốn hỏi tối mai có được bày hàng trên vỉa hè không ạ.",
        ),
        decisive="em muốn hỏi",
        trunk="113",
        voice=N + "+f2", speed=155, pitch=55, snr_db=23, noise="street",
        notes="Figurative 'bán cháy hàng' (sold out): a question, not a fire.",
    ),
    ScriptedCall(
        "non_emergency_thanks", "non_emergency", "P4",
        (
            "Alo, em gọi để cảm ơn mấy anh hôm qua",
            "đã giúp em đẩy xe lúc ngập.",
            "Mấy anh vui tính, cả nhà em chết cười.",
            "Chúc mấy anh trực đêm vui vẻ nha.",
        ),
        decisive="em gọi để cảm ơn",
        trunk="114",
        voice=S, speed=155, pitch=50,
        notes="Thanks call with figurative 'chết cười'.",
    ),
    ScriptedCall(
        "non_emergency_procedure_question", "non_emergency", "P4",
        (
            "Dạ cho tôi hỏi,",
            "mất căn cước thì làm lại ở đâu ạ?",
            "Tôi lo chết đi được, tuần sau phải đi công tác.",
            "Vâng, cảm ơn anh nhiều.",
        ),
        decisive="mất căn cước thì làm lại ở đâu",
        trunk="113",
        voice=N, speed=152, pitch=45, snr_db=25, noise="hiss",
        notes="Procedure question; 'mất' and 'chết' as figures of speech.",
    ),
    ScriptedCall(
        "non_emergency_complaint", "non_emergency", "P4",
        (
            "Alo, tôi muốn khiếu nại,",
            "hôm kia tôi gọi báo cây đổ mà tới chiều mới có người tới.",
            "Giờ thì xong rồi, tôi chỉ góp ý thôi.",
        ),
        decisive="tôi muốn khiếu nại",
        trunk="114",
        voice=C, speed=155, pitch=40,
        notes="Complaint about an old call.",
    ),
    ScriptedCall(
        "non_emergency_child_plays", "non_emergency", "P4",
        (
            "A lô, con chào cô.",
            "Con là Bin, con bốn tuổi.",
            "Mẹ con đang nấu cơm. Con chào cô nha.",
            "Ơ, mẹ ơi, có cô nói chuyện nè.",
        ),
        decisive="Con là Bin, con bốn tuổi",
        trunk="115",
        voice=N + "+f5", speed=152, pitch=95, snr_db=23, noise="pink",
        notes="Child playing with the phone.",
    ),
    ScriptedCall(
        "non_emergency_pharmacy_question", "non_emergency", "P4",
        (
            "Alo, cho tôi hỏi,",
            "nhà thuốc nào gần bệnh viện Chợ Rẫy mở cửa buổi tối?",
            "Không có ai bệnh nặng đâu, tôi hỏi thôi.",
            "Dạ dạ, cảm ơn chị nha.",
        ),
        decisive="Không có ai bệnh nặng đâu, tôi hỏi thôi",
        trunk="115",
        voice=S + "+f2", speed=158, pitch=50, snr_db=18, noise="hiss",
        notes="Information question on 115, mentions a hospital.",
    ),
)
# fmt: on
