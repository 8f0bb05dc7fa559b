"""The safety layer's vocabulary: word classes and, per red-flag concept, the frames that say it.

Data only (read by classifiers/red_flags.py). Every phrase is written with its marks; frames
also match text without marks and with recognition errors (classifiers/concept_match.py).
"""

from __future__ import annotations

# fmt: off

# --- word classes -------------------------------------------------------------------------------

NEGATORS = (
    "không", "hổng", "hông", "chẳng", "chả", "chưa", "ko", "k", "không hề", "chưa hề", "đâu có",
    "không có", "chưa có", "không phải", "chẳng có", "hổng có", "không bị", "chưa bị", "không ai",
    "chẳng ai", "hổng ai", "không còn ai", "không thấy", "đừng", "không hề có", "chưa thấy",
    "làm gì có", "không còn",
    # what the caller only feared or thought: "tôi tưởng bà xỉu", "sợ nó nhảy"
    "tưởng", "tưởng là", "cứ tưởng", "tưởng đâu", "sợ", "lo", "lo là", "nếu", "lỡ", "nhỡ",
    "phòng khi", "suýt", "suýt nữa", "xém", "xém chút", "hỏi",
)
# Negators whose bare form is no other common word: the only ones used on text without marks
# ("dung" is "dừng" as often as "đừng", "chua" is "chùa", "tuong" is "tường").
NEGATORS_BARE = (
    "khong", "ko", "k", "chang", "khong he", "khong co", "khong phai", "khong thay", "khong bi",
    "khong con", "khong ai", "chang ai", "khong con ai", "chua he", "chua bi", "chua thay", "neu",
    "tuong la", "cu tuong", "suyt", "suyt nua", "xem chut", "lam gi co", "dau co",
)
# "không" and friends, plus "hết"/"ngừng"-type verbs, inside a frame (not as a denial of it).
NOT = ("không", "hổng", "hông", "chẳng", "chả", "ko", "k", "hỏng", "khôn", "khổng")
NOT_ANY = NOT + ("không còn", "hổng còn", "chẳng còn", "không có", "hết", "mất")
STILL_NOT = NOT + tuple(
    f"{a} {b}"
    for a in (
        "mãi", "hoài", "cũng", "vẫn", "thế nào cũng", "kiểu gì cũng", "răng cũng", "sao cũng",
        "mấy cũng", "gì cũng", "hoài mà", "mãi mà", "mà",
    )
    for b in NOT
)
SEE = ("thấy", "nghe", "nghe thấy", "cảm thấy", "bắt được", "sờ thấy")

PERSON = (
    "người", "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cậu", "mợ", "dì", "o", "ôn",
    "mệ", "mạ", "má", "mẹ", "ba", "bố", "tía", "cha", "con", "cháu", "thằng", "đứa", "bé", "nó",
    "hắn", "ổng", "bả", "cổ", "ảnh", "chồng", "vợ", "bạn", "cụ", "khách", "công nhân", "thợ",
    "học sinh", "bệnh nhân", "tài xế", "nạn nhân", "cả nhà", "mọi người", "gia đình", "ai",
    "mấy người", "nhiều người", "hai người", "ba người", "tụi nhỏ",
)
CHILD = (
    "đứa bé", "em bé", "cháu bé", "thằng bé", "con bé", "thằng cu", "cu", "con nhỏ", "thằng nhỏ",
    "đứa nhỏ", "đứa trẻ", "trẻ con", "trẻ em", "bé", "bé trai", "bé gái", "con tôi", "con tui",
    "con em", "con mình", "cháu tôi", "cháu tui", "bé nhà", "nhóc", "thằng nhóc", "con gái tôi",
    "con trai tôi", "đứa con", "hai đứa nhỏ", "mấy đứa nhỏ",
)
SMALL_AGE = tuple(
    f"{n} tuổi"
    for n in (
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "1", "2", "3", "4", "5", "6", "7", "mấy",
        "mười tám tháng", "hai mươi tháng",
    )
) + ("tháng tuổi", "chưa biết bơi", "mới biết đi", "đang tập đi")

UNCONSCIOUS_FIGURATIVE = (
    "gọi điện", "gọi 113", "gọi 114", "gọi 115", "gọi lại", "gọi cho", "gọi số", "nhắn tin",
    "ngất ngây", "xỉu up xỉu down", "muốn xỉu", "suýt xỉu", "cười ngất", "ngủ say", "say ngủ",
    "giả vờ", "bất động sản", "đói", "mệt xỉu", "xỉu tới nơi", "chút xíu", "xíu", "tí xíu",
    "nắng quá", "nhúc nhích được", "cử động được", "đứng dậy", "dậy được", "đứng lên", "chịu dậy",
    "đứng dậy được", "cổ tay", "chân", "tay", "điện thoại", "số điện thoại",
)
SCAM = (
    "giả giọng", "chuyển tiền", "chuyển khoản", "lừa đảo", "tụi lừa", "gọi điện nói",
    "có người gọi", "điện thoại của", "nghe điện thoại", "đòi chuyển", "lừa", "giả danh", "xưng là",
)
WATER = (
    "nước", "sông", "suối", "kênh", "kinh", "rạch", "mương", "ao", "hồ", "hồ bơi", "bể bơi",
    "hồ nước", "biển", "giếng", "đầm", "lũ", "dòng nước", "dòng sông", "dòng chảy", "bể nước",
    "thác", "đập", "cống", "ao cá", "lòng sông", "xoáy", "sóng",
)
DEEP_WATER = (
    "nước", "sông", "suối", "kênh", "kinh", "rạch", "ao", "hồ", "hồ bơi", "bể bơi", "hồ nước",
    "biển", "đầm", "lũ", "dòng nước", "dòng sông", "dòng chảy", "bể nước", "thác", "ao cá",
    "lòng sông", "xoáy", "sông sâu", "ao sâu", "hồ sâu", "nước sâu", "chỗ sâu",
)
WATER_CONTEXT = WATER + (
    "đuối", "chết đuối", "bơi", "tắm", "câu cá", "ghe", "xuồng", "thuyền", "đò", "phà", "áo phao",
    "bè", "tàu cá", "triều", "lội", "chìm",
)
HIGH_PLACE = (
    "sân thượng", "tầng thượng", "lan can", "ban công", "mép", "thành cầu", "trên cầu", "lên cầu",
    "giữa cầu", "lan can cầu", "nóc nhà", "mái nhà", "nóc", "cửa sổ", "cột điện", "cần cẩu",
    "giàn giáo", "vách đá", "vực", "ghềnh", "ngọn cây", "tầng cao", "đỉnh tòa nhà", "nóc tòa nhà",
    "mép tường", "thành lan can",
)
SUICIDE_MEANS = (
    "thuốc ngủ", "vỉ thuốc", "lọ thuốc", "chai thuốc", "hộp thuốc", "cả lọ", "cả vỉ", "thuốc chuột",
    "thuốc sâu", "thuốc trừ sâu", "thuốc diệt cỏ", "thuốc cỏ", "dây thừng", "sợi dây", "xà nhà",
    "giây thừng", "sợi giây", "sà nhà", "dao", "lưỡi lam", "dao lam", "dây điện", "đường ray",
    "đường tàu", "bếp than", "đốt than", "khí gas", "can xăng", "axit", "a xít", "=súng", "nhảy",
    "treo cổ", "cắt tay", "rạch tay", "uống thuốc", "thuốc",
) + HIGH_PLACE
WEAPONS = (
    "dao", "con dao", "dao thái", "dao phay", "dao bầu", "dao găm", "dao nhọn", "dao chặt",
    "dao rựa", "dao mổ", "mã tấu", "=kiếm", "rựa", "cây rựa", "cái rựa", "liềm", "lưỡi liềm", "búa",
    "cái búa", "rìu", "cây rìu", "cái rìu", "=súng", "khẩu súng", "súng săn", "súng ngắn",
    "súng hoa cải", "súng tự chế", "gậy sắt", "tuýp sắt", "ống tuýp", "thanh sắt", "cây sắt",
    "xà beng", "cây xà beng", "cục gạch", "viên gạch", "chai bia", "chai bể", "cái chai bể",
    "cái chai vỡ", "chai vỡ", "vỏ chai", "cổ chai", "mảnh chai", "miểng chai", "axit", "a xít",
    "acid", "vật sắc nhọn", "vật nhọn", "đồ nhọn", "sắc nhọn", "nhọn hoắt", "cái kéo", "cây kéo",
    "côn nhị khúc", "ba toa", "dùi cui", "gậy gộc", "cây gậy", "đòn gánh", "cái cuốc", "cái xẻng",
    "lưỡi lê", "mũi giáo", "cây đao", "đao", "kíp nổ", "mìn", "lựu đạn", "bom", "can xăng",
    "thanh sắc", "tuýp sắc", "cây sắc", "chai thủy tinh", "gạch đá", "dao tự chế", "tuốc nơ vít",
    "cây tre vót nhọn", "rựa bén", "mã tấu dài",
)
BLADES_GUNS = tuple(
    w
    for w in WEAPONS
    if set(w.split())
    & {
        "dao", "tấu", "=kiếm", "rựa", "súng", "rìu", "mác", "liềm", "giáo", "đao", "axit", "xít",
        "acid", "lựu", "mìn", "bom", "nhọn", "lê",
    }
)
BLUNT = tuple(w for w in WEAPONS if w not in BLADES_GUNS)
WIELD = (
    "cầm", "vác", "rút", "mang", "dùng", "kề", "dí", "chĩa", "giơ", "múa", "vung", "lăm lăm",
    "cầm theo", "thủ", "lận", "xách", "cằm", "lôi", "cầm cây", "cầm cái", "cầm con", "cầm khẩu",
    "nắm", "quơ", "huơ", "khua", "vớ", "giắt", "đập", "ném", "phang", "chém bằng", "đâm bằng",
    "rượt bằng", "tạt", "tạc", "hắt",
)
FIRE_WORDS = (
    "=cháy", "đang cháy", "bốc cháy", "bốc lửa", "=lửa", "=khói", "hỏa hoạn", "cháy to", "cháy lớn",
    "cháy nhà", "cháy dữ", "lửa cháy", "ngọn lửa", "khói đen", "khói mù", "=khét", "=nổ", "phát nổ",
    "chập điện cháy", "lửa bùng", "đám cháy", "=chái",
    "cháy xưởng", "cháy kho", "cháy chung cư", "cháy phòng", "cháy quán", "cháy xe", "cháy chợ",
    "cháy rừng", "bị cháy", "cháy rồi", "xưởng cháy", "kho cháy", "bốc khói", "khói bốc",
)
DANGER_WORDS = FIRE_WORDS + (
    "nước lên", "nước dâng", "nước ngập", "=lũ", "lũ quét", "=ngập", "nước đang lên",
    "nước vẫn lên",
    "nước chảy xiết", "=sập", "đổ sập", "bị sập", "sạt lở", "=sạt", "lở đất", "đất đá", "bị vùi",
    "bị đè", "=lật", "bị lật", "lật ngửa", "trong xe", "trong ô tô", "xe lật", "lật xe", "xe bẹp",
    "móp méo", "trong chiếc ô tô", "trong chiếc xe", "cửa méo", "trong ca bin", "xe bị móp",
    "=giếng", "=hố", "hố sâu", "=cống", "=hầm", "=chìm", "gas", "khí độc", "=bẹp", "=móp", "=cabin",
    "ca bin", "đổ nát", "trần nhà", "bê tông", "tủ đông", "tủ lạnh", "cốp xe", "thùng kín",
    "bồn nước", "bể nước", "nước triều", "sập nhà", "nhà sập", "cháy nhà", "nhà cháy", "lật úp",
)

# Said after a danger: the person is safe now. Every life-threat concept goes silent after it.
SAFE_NOW = (
    "giờ đỡ rồi", "giờ ổn rồi", "đã đỡ", "đỡ rồi", "ổn rồi",
    "vẫn khỏe", "còn khỏe", "vẫn còn khỏe", "còn tỉnh", "nói chuyện bình thường", "máu cầm rồi",
    "máu cầm được", "đã cầm máu", "băng lại rồi", "đã băng", "vết nông", "hổng sâu", "vẫn ổn",
    "đã ổn", "không sao rồi", "không sao cả", "không bị sao", "vẫn tỉnh", "vẫn tỉnh táo",
    "còn tỉnh táo", "vẫn thở bình thường", "thở bình thường", "không ai bị thương", "không ai sao",
    "không ai bị gì", "ai cũng an toàn", "đã an toàn", "đều an toàn", "giờ ổn rồi",
    "đã qua cơn nguy", "xuất viện", "đã được cứu", "được cứu rồi",
)
BLEEDING = (
    "chảy máu nhiều", "máu chảy nhiều", "chảy nhiều máu", "máu ra nhiều", "máu chảy quá trời",
    "chảy máu quá trời", "chảy máu dữ", "máu chảy dữ", "bể đầu", "vỡ đầu", "rách đầu",
    "chảy máu đầu", "máu me",
)
# Said before a danger in the same sentence: it happened before ("hôm qua tôi bị dí dao").
PAST = (
    "hôm qua", "tối qua", "đêm qua", "chiều qua", "sáng qua", "tuần trước", "tháng trước",
    "năm ngoái", "hôm trước", "hôm kia", "mấy hôm trước", "mấy ngày trước", "tuần rồi", "bữa trước",
    "bữa hổm", "hồi hôm", "hồi tuần", "năm trước", "trình báo", "báo lại", "hồi sáng", "lúc sáng",
    "sáng nay", "nếu", "hễ", "lỡ mà", "dọa là", "dọa sẽ",
)
# ... unless the caller says the danger is back now ("hôm qua nó dọa, giờ nó cầm dao").
NOW = (
    "giờ", "bây giờ", "bây chừ", "chừ", "đang", "lúc này", "vừa", "mới", "lại", "ngay", "hiện giờ",
    "tối nay", "vừa mới", "còn đang", "nữa",
)

# --- per concept --------------------------------------------------------------------------------
# Each frame is a tuple of slots; a slot is (phrases, gap before it). The first slot has gap 0.

NOT_BREATHING = (
    (
        (
            NOT_ANY
            + (
                "ngừng", "ngưng", "tắt", "hết", "không còn", "ngưng", "không thấy", "hổng thấy",
                "chẳng thấy", "chả thấy", "không nghe", "không có",
            ),
            0,
        ),
        (("thở", "hơi thở", "thở nữa", "thở gì"), 1),
    ),
    ((("thở",), 0), (("không được", "hổng được", "không nổi nữa"), 0)),
    (
        (NOT + ("chẳng", "không còn"), 0),
        (SEE + ("có",), 1),
        (("hơi", "hơi ra", "hơi thở", "hơi thở ra"), 1),
    ),
    (
        (("ngực", "lồng ngực", "bụng", "ngực cũng", "bụng cũng"), 0),
        (NOT + ("không còn", "hết"), 2),
        (("phập phồng", "lên xuống", "nhấp nhô", "cử động", "động đậy"), 1),
    ),
    (
        (("tim",), 0),
        (
            (
                "ngừng đập", "không đập", "hết đập", "ngưng đập", "như ngừng", "ngừng",
                "không còn đập", "hổng đập",
            ),
            1,
        ),
    ),
    (
        (
            (
                "không nghe", "không thấy", "chẳng nghe", "hổng nghe", "không bắt được",
                "không sờ thấy",
            ),
            0,
        ),
        (("tim đập", "tiếng tim", "nhịp tim", "mạch", "tim", "hơi thở"), 2),
    ),
    (
        (
            (
                "mất mạch", "không có mạch", "ngừng tim", "ngưng tim", "tắt thở", "ngừng thở",
                "ngưng thở", "hết thở", "tắt hơi", "hết hơi thở", "thở hắt ra rồi im",
            ),
            0,
        ),
    ),
)
NOT_BREATHING_FIGURATIVE = (
    "khó thở", "không khó thở", "khó", "nóng", "ngột ngạt", "nợ", "áp lực", "deadline", "cười",
    "tức", "bực", "buồn", "mệt", "stress", "công việc", "bài tập", "chật", "đông", "khói xe", "bụi",
    "oi bức", "nắng",
)
NOT_BREATHING_OVER = (
    "thở lại", "thở lại rồi", "thở được rồi", "đã thở", "thở đều", "tỉnh lại", "mở mắt", "nói được",
    "khóc được rồi", "ho ra được", "đã ổn",
)

UNRESPONSIVE = (
    (
        (
            (
                "bất tỉnh", "ngất xỉu", "ngất lịm", "hôn mê", "mê man", "lịm đi", "lịm người",
                "=bất động", "nằm bất động", "=ngất đi", "=ngất rồi", "=bị ngất", "=đã ngất",
                "=xỉu",
                "xỉu rồi", "bị xỉu", "ngã gục", "gục xuống", "gục mặt", "nằm gục", "co quắp rồi im",
                "không biết gì nữa", "không còn biết gì", "mê đi", "=đơ ra",
                "nằm đơ", "nằm im re", "nằm sóng soài", "mềm nhũn", "mền nhũn", "người mềm",
                "tay buông thõng", "buông thõng", "=lả đi", "=người lả", "=lịm", "=ngất",
                "trợn mắt",
                "trợn trắng", "không phản ứng", "không còn phản ứng", "hổng phản ứng",
                "chẳng phản ứng",
            ),
            0,
        ),
    ),
    (
        (
            (
                "gọi", "lay", "kêu", "vỗ", "véo", "hỏi", "lắc", "đánh thức", "gọi tên", "vỗ má",
                "tát", "kêu tên", "lay gọi", "gọi mãi", "kêu mãi", "lay mãi", "gọi hoài",
                "kêu hoài",
            ),
            0,
        ),
        (
            STILL_NOT
            + ("mà không", "mãi không", "hoài hổng", "không thấy", "chẳng thấy", "cũng chẳng"),
            3,
        ),
        (
            (
                "dậy", "tỉnh", "thưa", "trả lời", "đáp", "phản ứng", "biết gì", "mở mắt",
                "nhúc nhích", "động đậy", "cựa", "cựa quậy", "lên tiếng", "=ừ", "nhúc nhít",
                "hé mắt", "cử động",
            ),
            2,
        ),
    ),
    (
        (("nằm im", "nằm yên", "nằm bất động", "nằm sõng soài", "nằm dài", "nằm", "đang mắc"), 0),
        (
            (
                "không nhúc nhích", "không động đậy", "không cựa", "hổng nhúc nhích",
                "chẳng nhúc nhích", "không cử động", "bất động", "không biết gì", "không nói gì",
                "hổng động đậy", "không nhúc nhít", "im lìm", "không trả lời", "không thưa",
                "không đáp", "không dậy", "hổng dậy", "không dậy nữa", "hổng trả lời", "im luôn",
                "không tỉnh",
            ),
            4,
        ),
    ),
    (
        ((PERSON + ("nó",)), 0),
        (
            (
                "không nhúc nhích", "không động đậy", "hổng nhúc nhích", "chẳng nhúc nhích",
                "không cử động", "im luôn rồi", "im bặt", "lịm dần", "yếu dần", "không còn cựa",
            ),
            4,
        ),
    ),
    ((("mắt nhắm nghiền", "mắt nhắm rịt", "mắt trợn ngược"), 0),),
)
UNRESPONSIVE_OVER = (
    "tỉnh lại", "đã tỉnh", "tỉnh rồi", "mở mắt rồi", "ngồi dậy", "nói chuyện được", "trả lời được",
    "đã hồi tỉnh", "dậy rồi",
)

TRAPPED = (
    (
        (
            (
                "mắc kẹt", "bị kẹt", "kẹt trong", "kẹt lại", "kẹt dưới", "kẹt trên", "bị kẹp",
                "kẹp trong", "kẹp dưới", "bị đè", "đè lên người", "bị vùi", "vùi lấp", "bị chôn",
                "bị lấp", "lấp ngang", "lấp tới", "không ra được", "không thoát ra được",
                "không thoát được", "chưa ra được", "chưa thoát ra", "không có đường ra",
                "hổng có đường ra", "hết đường ra", "không rút ra được", "không kéo ra được",
                "không kéo ra nổi", "không ra nổi", "hổng ra được", "chưa thoát được",
                "không leo lên được", "không trèo lên được", "không xuống được", "chưa xuống được",
                "hổng xuống được", "không mở ra được", "cửa không mở", "không mở được cửa",
                "không lên được", "bị nhốt", "không rút chân ra", "không rút ra", "còn ở trong nớ",
                "còn ở trỏng", "kẹt chân", "kẹt tay", "mở không ra", "mở hổng ra", "bị cô lập",
                "cô lập",
            ),
            0,
        ),
    ),
    ((("=vùi", "=đè", "=lấp", "=chôn", "đè bẹp", "vùi lấp", "đè trúng"), 0), (PERSON, 1)),
)
TRAPPED_FIGURATIVE = (
    "kẹt xe", "kẹt đường", "kẹt tiền", "kẹt lịch", "kẹt việc", "kẹt hợp đồng", "đống nợ", "mớ nợ",
    "nợ nần", "hợp đồng", "công việc", "vòng luẩn quẩn", "mớ bòng bong", "kẹt giấy", "kẹt thẻ",
    "kẹt máy", "cây atm", "máy in", "kẹt số", "kẹt tay lái",
)
TRAPPED_OVER = (
    "đã ra được", "ra được rồi", "đã được cứu", "cứu ra rồi", "kéo ra được rồi", "đã thoát ra",
    "thoát ra được rồi", "ra hết rồi", "không ai bị kẹt", "đưa ra được", "đã mở được",
    "mở được cửa rồi",
)

DROWNING = (
    (
        (
            (
                "đuối nước", "chết đuối", "sặc nước", "đang chìm", "bị chìm", "chìm xuống",
                "chìm nghỉm", "chìm mất", "chìm rồi", "không ngoi lên", "hổng ngoi lên",
                "chưa ngoi lên", "không thấy ngoi lên", "hổng thấy ngoi lên", "ngoi lên hụp xuống",
                "chới với", "nước cuốn", "cuốn trôi", "bị cuốn đi", "bị nước cuốn", "vùng vẫy",
                "hụp", "nổi lềnh bềnh", "úp mặt", "nằm úp mặt", "lũ cuốn", "sóng cuốn",
                "cuốn xuống nước", "bị sóng cuốn", "sóng đánh trùm", "dòng chảy xa bờ",
                "bị kéo ra xa", "trôi ra xa", "không bơi vào được", "vẫy tay cầu cứu",
                "nước ngập đầu", "bơi ra xa không thấy", "không thấy quay lại", "đuối sức",
            ),
            0,
        ),
    ),
    (
        (
            (
                "rơi", "ngã", "té", "lọt", "trượt", "trượt chân", "nhảy", "rớt", "lao", "lật",
                "chìm", "lội", "bơi",
            ),
            0,
        ),
        (("xuống", "xuống dưới", "vô", "vào", "ra"), 1),
        (DEEP_WATER, 1),
    ),
    (
        (("nước", "lũ", "nước lũ"), 0),
        (
            (
                "ngập tới", "lên tới", "dâng tới", "dâng lên tới", "tới", "ngập", "ngập đến",
                "lên đến", "lên quá", "ngập quá", "lên",
            ),
            2,
        ),
        (
            (
                "mái", "nóc", "cổ", "nóc nhà", "trần", "mái tôn", "cổ rồi", "gác", "nóc tủ",
                "cửa sổ",
            ),
            2,
        ),
    ),
    (
        (("=lật", "=chìm", "=đắm", "bị lật", "bị chìm", "lật úp", "=rơi", "=lao"), 0),
        (
            (
                "chưa thấy đâu", "chưa thấy", "không thấy đâu", "mất tích", "chưa tìm thấy",
                "vẫn đang ở trên xe", "còn ở trên xe", "còn trong xe", "dưới nước", "hổng thấy đâu",
                "chưa vớt được",
            ),
            12,
        ),
    ),
)
# Water rising around people: only where the call speaks of a flood.
FLOOD_REFUGE = (
    (
        (("ngồi", "đứng", "leo", "trèo", "chạy", "bám", "ôm", "kẹt", "trú"), 0),
        (("trên", "lên"), 1),
        (("mái", "nóc", "nóc nhà", "mái nhà", "cây", "ngọn cây", "gác", "cột điện", "mái tôn"), 1),
    ),
)
ANIMALS = (
    "con chó", "con mèo", "con bò", "con heo", "con lợn", "con gà", "con trâu", "con dê", "con vịt",
    "con ngựa", "chó", "mèo", "chó con", "mèo con", "bò", "trâu", "heo",
)
DROWNING_FIGURATIVE = (
    "ao cạn", "mương cạn", "kênh cạn", "hồ cạn", "cạn nước",
    "giếng cạn", "không có nước", "ruộng khô", "cuốn tay", "trục máy", "cuốn vào máy", "bài tập",
    "deadline", "công việc", "đống nợ", "nợ nần", "đống việc", "buồn", "tình yêu", "thông tin",
    "giấy tờ", "ngập đầu", "hồ sơ", "bấm nhầm", "học", "chết đuối trong",
)
DROWNING_OVER = (
    "đã cứu lên", "cứu lên rồi", "vớt lên rồi", "đã được cứu", "đã lên bờ", "lên bờ rồi",
    "đưa vào bờ", "bơi vào bờ", "vào bờ rồi", "kéo lên được", "nước rút rồi", "nước rút",
    "đã sơ tán", "đã ra khỏi nước", "đã kéo được", "kéo được", "đã đưa lên", "được vớt lên",
    "vớt lên", "đã vớt", "được cứu lên", "cứu lên được", "kéo lên bờ", "đưa lên bờ",
)

INSIDE_FIRE = (
    (
        (("còn", "vẫn còn", "kẹt", "mắc kẹt", "bị kẹt", "nằm liệt", "ngủ"), 0),
        (PERSON + CHILD + ("khách", "công nhân", "ai đó"), 3),
        (
            (
                "trong", "bên trong", "ở trong", "ở trỏng", "trỏng", "trong đó", "trong nhà",
                "trong phòng", "trên lầu", "trên tầng", "ở trên", "trên gác", "trong nớ", "ở trển",
                "phòng trong", "trong xe", "trong ki ốt", "trong xưởng", "trong kho", "trên đó",
                "ở trên đó", "nằm trên đó", "trong buồng", "nằm trong",
            ),
            3,
        ),
    ),
    (
        (PERSON + CHILD + ("khách", "công nhân"), 0),
        (("còn", "vẫn còn", "đang", "còn đang", "còn kẹt", "vẫn"), 2),
        (
            (
                "trong", "bên trong", "ở trong", "ở trỏng", "trỏng", "trong đó", "trên lầu",
                "trên tầng", "trên gác", "trong nớ", "ở trển", "trong phòng", "kẹt", "mắc kẹt",
            ),
            3,
        ),
    ),
    (
        (
            (
                "còn người", "người bên trong", "kêu cứu", "tiếng kêu cứu", "chưa thoát ra",
                "chưa ra được", "không thoát ra được", "không ra được", "chưa ai đưa ra",
                "chưa xuống được", "không xuống được", "chưa ai ra", "chưa ra", "hổng vô được",
                "không vào cứu được", "chưa thoát được", "còn kẹt", "bị liệt nằm", "không cõng nổi",
                "không đi được", "nằm liệt",
            ),
            0,
        ),
    ),
    (
        (("tiếng", "nghe tiếng", "có tiếng"), 0),
        (("trẻ con", "em bé", "người", "con nít", "đứa nhỏ", "bé", "ai"), 1),
        (("khóc", "kêu", "la", "hét", "gọi", "đập cửa", "ho"), 2),
    ),
)
INSIDE_FIRE_OVER = (
    "ra ngoài hết", "ra hết rồi", "thoát ra hết", "không còn ai", "không có ai trong",
    "không có ai bên trong", "không ai bị kẹt", "không ai ở trong", "không ai còn bên trong",
    "chạy ra được hết", "xuống hết rồi", "đã được đưa ra", "đưa ra hết", "đã ra ngoài",
    "ra được hết", "sơ tán hết", "không còn người",
)

WEAPON_THREAT = (
    ((WIELD, 0), (BLADES_GUNS, 3)),
    ((("có", "có cả", "có mang", "mang theo"), 0), (BLADES_GUNS, 2)),
    (
        (
            (
                "nổ súng", "tiếng súng", "bị bắn", "bắn chết", "bắn người", "đâm chém",
                "bị chém", "đuổi chém", "chém nhau", "chém người", "đòi chém", "rượt chém",
                "dọa chém", "dọa đâm", "đòi đâm", "đâm người", "bị đâm", "đâm chết",
                "đâm liên tiếp", "tạt axit", "tạt a xít", "tạc a xít", "tạt acid", "hắt axit",
                "đòi bắn", "dọa bắn", "chém chết", "bị đâm chém", "cầm súng", "có súng", "rút súng",
                "chĩa súng", "dí súng", "bắn súng", "giơ súng", "nó có súng", "mang súng",
                "khẩu súng", "súng ngắn", "súng săn", "súng hoa cải",
            ),
            0,
        ),
    ),
    (
        (BLADES_GUNS, 0),
        (
            (
                "còn cắm", "cắm vào", "kề cổ", "kề vào cổ", "dí vào", "chĩa vào", "trong tay",
                "trên tay", "lăm lăm",
            ),
            2,
        ),
    ),
)
SHOT = ((("=bắn", "bắn thẳng", "bắn trúng"), 0), ((*PERSON, "vào người", "vào đầu",
"vào chân"), 1)),
# A stab or slash described by where it hit ("đâm vào bụng"); body words only with their marks
# ("cổ" bare is "có", "mặt" is "mất").
STAB = (
    *SHOT,
    (
        (("đâm", "chém", "rạch", "cứa", "xiên"), 0),
        (
            (
                "vào bụng", "vào ngực", "vào cổ", "vào lưng", "vào đùi", "vào mặt", "vào đầu",
                "vào tay", "=bụng", "=ngực", "=cổ", "=lưng", "=đùi", "=mặt", "=đầu", "=tay",
                "liên tiếp", "nhiều nhát", "mấy nhát", "một nhát", "túi bụi", "trọng thương",
            ),
            1,
        ),
    ),
)
STAB_FIGURATIVE = (
    "xe máy", "xe tải", "ô tô", "xe khách", "xe con", "xe đạp", "container", "xe buýt", "hai xe",
    "xe đâm", "đâm nhau", "va chạm", "tông", "đâm xe", "đâm vào xe", "cột điện", "gốc cây",
    "đâm chồi", "đâm đầu", "chém gió", "chém giá", "chém đẹp", "chặt chém",
)
BLUNT_ATTACK = (((WIELD, 0), (BLUNT, 3)),)
WEAPON_FIGURATIVE = (
    "tự", "tự lấy", "tự cứa", "tự rạch", "dao lam", "món", "nấu", "chặt thịt", "gọt", "thái rau",
    "cắt bánh", "nấu ăn", "đài nấu ăn", "chém gió", "chém giá", "bị chém giá", "đâm đầu", "đâm ra",
    "bắn tin", "bắn pháo hoa", "pháo hoa", "bắn bi", "súng nước", "đồ chơi", "phim", "game",
    "bắn cung", "hỏi mua", "mài dao", "rèn", "đâm xe", "đâm vào", "xe đâm", "đâm phải", "đâm sầm",
    "đâm trúng", "đâm thẳng", "tông", "bị đâm xe", "cây đâm chồi", "đâm chồi", "đâm bông",
    "bắn tung", "chém bóng", "tia nước bắn", "nước bắn", "chém đẹp", "chém khách", "chặt chém",
    "chém quá", "cá", "thịt", "rau", "gà", "heo", "xương", "củi", "trái cây", "hoa quả", "bánh",
    "cắt tóc", "tỉa", "xe đâm", "ô tô đâm", "xe tải đâm",
)
WEAPON_OVER = (
    "bị bắt rồi", "bị dân vây bắt", "trói lại rồi", "lấy được dao", "tước được", "tước dao",
    "lấy dao rồi", "dao cũng lấy rồi", "đã bỏ đi", "bỏ đi rồi", "đã bị khống chế", "khống chế được",
    "công an bắt rồi", "đã vứt dao", "vứt dao rồi", "đã đi rồi", "đi rồi", "chạy rồi", "bỏ chạy",
    "chạy mất", "chạy xe đi rồi", "chạy ra phía", "tẩu thoát", "bỏ đi",
)

# Intent to die: the explicit acts fire alone; a wish to die fires with means or height.
SUICIDE_ACTS = (
    (
        (
            (
                "đang tự tử", "vừa tự tử", "đã tự tử", "tự tử bằng", "quyên sinh", "treo cổ",
                "thắt cổ", "nhảy cầu", "nhảy lầu", "nhảy xuống sông", "nhảy xuống cầu",
                "nhảy xuống từ", "nhảy từ tầng", "định nhảy xuống", "nhảy sông", "định nhảy",
                "sắp nhảy", "dọa nhảy", "muốn nhảy", "đòi nhảy", "sẽ nhảy", "nhảy cho rồi",
                "tau nhảy", "tao nhảy", "cắt tay", "rạch tay", "cắt cổ tay", "cứa tay",
                "uống thuốc ngủ", "uống thuốc chuột", "uống thuốc sâu", "uống thuốc trừ sâu",
                "uống thuốc diệt cỏ", "uống thuốc cỏ", "uống cả lọ", "uống cả vỉ", "uống hết vỉ",
                "uống hết lọ", "nuốt cả lọ", "uống nhiều thuốc", "uống một nắm thuốc", "lao đầu",
                "đâm đầu xuống", "lao xuống",
            ),
            0,
        ),
    ),
    (
        (("trèo", "leo", "vượt", "bước", "đứng", "ngồi", "đu"), 0),
        (("qua", "ra ngoài", "ra", "lên", "trên", "ngoài", "bên ngoài", "vắt vẻo trên"), 1),
        (
            (
                "lan can cầu", "thành cầu", "mép cầu", "lan can tầng", "mép sân thượng", "mép mái",
                "cột điện cao thế", "nóc tòa nhà", "mép vực", "lan can",
            ),
            1,
        ),
    ),
    (
        (
            (
                "nhảy đây", "nhảy nha", "nhảy luôn", "nhảy bây giờ", "nhảy xuống đây",
                "nhảy cho xong",
            ),
            0,
        ),
    ),
    (
        (("leo", "trèo", "đứng", "ngồi", "bò ra", "ra"), 0),
        (("lên", "trên", "ngoài", "ra"), 1),
        (HIGH_PLACE, 1),
        (("nói", "đòi", "dọa", "định", "sẽ", "muốn", "khóc", "bảo", "la"), 6),
        (("nhảy", "chết", "không muốn sống", "sống làm gì", "sống chi", "từ biệt", "xuống"), 3),
    ),
)
SUICIDE_WISH = (
    (
        (
            (
                "muốn chết", "không muốn sống", "hổng muốn sống", "chẳng muốn sống", "chán sống",
                "sống chi nữa", "sống làm gì", "sống làm chi", "chết cho xong", "chết quách",
                "chết đi cho rồi", "đi theo ông", "đi theo bà", "đi theo anh", "đi theo chồng",
                "đi theo vợ", "đi theo ba", "đi theo mẹ", "đi theo con", "từ biệt", "chào lần cuối",
                "lần cuối", "giã biệt", "viết thư để lại", "thư tuyệt mệnh", "để lại thư",
                "nhắn tin từ biệt", "dặn dò", "kết thúc tất cả", "không muốn sống nữa",
                "muốn biến mất", "dọa tự tử", "đòi chết", "muốn tự tử", "định tự tử",
                "tìm đến cái chết", "nghĩ quẩn", "tự tử", "tự sát", "=tự vẫn", "sẽ tự tử",
                "đòi tự tử", "không chịu nổi nữa", "không chịu được nữa", "không sống nổi",
                "xin lỗi mọi người", "xin lỗi cả nhà", "xin lỗi mẹ", "xin lỗi ba", "xin lỗi bố",
                "tha lỗi cho con", "vĩnh biệt",
            ),
            0,
        ),
    ),
)
SUICIDE_FIGURATIVE = (
    "nếu", "hễ", "vì thi", "học", "học bài", "chỉ là mệt", "mệt thôi", "than", "cười", "đói",
    "nóng", "mệt", "tức", "ghen", "giá", "muốn chết vì", "xấu hổ", "chết mất thôi", "dễ thương",
    "nhớ", "ngại", "sợ chết", "ai mà", "game", "phim", "truyện",
)
SUICIDE_OVER = (
    "đã được kéo vào", "kéo vào được", "được kéo vào", "kéo xuống được", "đã được đưa xuống",
    "đưa xuống được rồi", "đã tháo dây", "tháo dây xuống", "giờ đang ngồi với", "đã ổn",
    "giờ ngủ rồi", "đã bình tĩnh", "đã thôi", "không có ý định", "đã vào trong", "đã được cấp cứu",
    "cấp cứu kịp", "xuất viện", "đã qua cơn nguy kịch", "đang giữ", "giữ chặt", "đang được giữ",
    "giữ lại được", "cất hết thuốc", "giấu hết",
)

CHILD_DANGER = (
    (
        (
            (
                "mép", "thành", "sát mép", "bờ", "ngoài lan can", "lan can", "bò ra mép", "cạnh",
                "trên thành", "thành giếng", "mép giếng", "mép hồ", "mép ao", "mép sông", "mép bể",
                "bờ ao", "bờ sông", "bờ kênh", "cửa sổ", "ngoài ban công",
            ),
            0,
        ),
        (
            (
                "bể bơi", "hồ bơi", "hồ", "giếng", "sông", "ao", "kênh", "ban công", "tầng", "lầu",
                "cửa sổ", "suối", "biển", "mương", "rạch", "bể nước", "lan can", "sân thượng",
            ),
            2,
        ),
    ),
    (
        (("khóa", "nhốt", "bỏ quên", "khóa kín", "bị khóa", "ngủ", "ngủ li bì", "ngồi", "kẹt"), 0),
        (
            (
                "trong xe", "trong ô tô", "trong xe hơi", "trong cốp", "trong xe khóa kín",
                "ghế sau", "trong xe ô tô",
            ),
            3,
        ),
    ),
    (
        (("trong xe", "trong ô tô", "ghế sau"), 0),
        (
            (
                "khóa", "khóa hết", "khóa kín", "đóng kín", "cửa khóa", "không mở được", "đỏ gay",
                "đập tay", "đập kính", "khóc ngất", "ngủ li bì", "nắng",
            ),
            4,
        ),
    ),
    (
        (
            (
                "hóc", "mắc nghẹn", "nghẹn", "nuốt", "nuốt phải", "hóc hạt", "hóc xương", "sặc",
                "nuốt cái", "nuốt viên",
            ),
            0,
        ),
        (
            (
                "ho không ra", "ho hổng ra", "không khóc được", "không thở được", "tím", "tím tái",
                "tím ngắt", "tái xanh", "khò khè", "không ra", "chưa ra", "thở không được",
                "trợn mắt", "mặt tái", "không kêu được", "ngạt",
            ),
            6,
        ),
    ),
    (
        (
            (
                "đi về phía", "chạy ra", "đứng trên", "chơi trên", "ngồi trên", "bò ra",
                "chạy về phía",
            ),
            0,
        ),
        (("đường ray", "đường tàu", "đường sắt", "quốc lộ", "giữa đường"), 2),
    ),
    (
        (
            (
                "một mình", "một mìn", "không có người lớn", "không thấy người lớn",
                "không ai trông", "bố mẹ đi vắng", "ba mạ đi vắng", "đi làm đồng hết",
            ),
            0,
        ),
        (
            (
                "mép", "thành", "bờ", "lan can", "giếng", "sông", "ao", "hồ", "ban công",
                "đường ray", "giữa đường", "ngoài đường", "cửa sổ",
            ),
            6,
        ),
    ),
    (
        (("leo", "trèo", "bò", "đứng", "ngồi"), 0),
        (("ra ngoài", "ra", "lên", "trên"), 1),
        (("lan can", "ban công", "cửa sổ", "mép", "thành giếng", "sân thượng", "mái", "thành"), 2),
    ),
    (
        (("bế", "ôm", "lôi", "kéo", "bắt", "dắt", "dụ", "nhét", "tống", "khiêng", "ẵm"), 0),
        (CHILD + ("nó",), 3),
        (
            (
                "lên xe", "vào xe", "lên ô tô", "lên xe máy", "đi mất", "chạy", "chở đi", "vô xe",
                "dzô xe",
            ),
            4,
        ),
    ),
)

HEAVY_BLEEDING = (
    (
        (("máu",), 0),
        (
            (
                "chảy", "ra", "phun", "tuôn", "trào", "túa", "chảy ra", "phụt", "xối", "tứa", "ộc",
                "rỉ", "thấm", "đổ",
            ),
            2,
        ),
        (
            (
                "ào ào", "lênh láng", "lên láng", "không ngừng", "không cầm", "nhiều quá",
                "quá nhiều", "thành vũng", "hổng cầm", "không cầm được", "hổng cầm được",
                "không dừng", "thành tia", "xối xả", "ướt đẫm", "ướt hết", "đầy", "như suối",
                "dữ lắm", "dữ quá", "liên tục", "không cằm", "mãi không", "vẫn thấm", "không ngớt",
                "thành vũng", "ra sàn", "ướt cả", "khắp",
            ),
            3,
        ),
    ),
    (
        (
            (
                "mất nhiều máu", "mất máu", "vũng máu", "bê bết máu", "đầy máu", "máu me đầy",
                "máu chảy lênh láng", "máu phun", "máu tuôn", "máu ra ào ào", "đứt động mạch",
                "đứt lìa", "cụt tay", "cụt chân", "thủng bụng", "lòi ruột", "phòi ruột",
                "cầm máu không được", "không cầm máu được", "máu không cầm",
                "băng mấy lớp vẫn thấm", "thấm ướt băng", "máu thấm", "ướt đẫm máu",
                "chảy máu không ngừng", "băng huyết", "ra huyết nhiều", "dập nát", "đứt mất ngón",
            ),
            0,
        ),
    ),
)
HEAVY_BLEEDING_OVER = (
    "đã cầm được máu", "cầm máu được rồi", "máu đã ngừng", "máu ngừng chảy", "hết chảy máu",
    "đã cầm máu",
)

ABDUCTION = (
    (
        (
            (
                "bắt cóc", "bắt cốc", "bị bắt đi", "bắt đi mất", "bắt mất", "bị bắt mang đi",
                "bắt con tôi", "bắt cháu tôi",
            ),
            0,
        ),
    ),
    (
        (
            (
                "lôi", "kéo", "túm", "ép", "nhét", "bế", "khiêng", "vác", "tống", "đẩy", "bắt",
                "xốc", "bịt miệng", "trói", "khiên", "ôm", "ẵm", "dụ", "ép buộc", "lôi xềnh xệch",
            ),
            0,
        ),
        (("lên", "vào", "vô", "dzô", "ra"), 5),
        (
            (
                "xe", "ô tô", "xe máy", "xe tải", "xe bảy chỗ", "xe bán tải", "cốp", "cốp xe",
                "xe hơi", "taxi", "xe van", "thùng xe", "xe con", "xe khách",
            ),
            2,
        ),
    ),
    (
        (("trói", "trói tay", "bịt mắt", "bịt miệng", "bịt mặt", "bịch mặt"), 0),
        (
            (
                "đưa", "lôi", "kéo", "khiêng", "khiên", "vác", "xốc", "bế", "mang", "chở", "đẩy",
                "bắt",
            ),
            5,
        ),
        (("đi", "lên", "vào", "ra khỏi", "khỏi"), 3),
    ),
    (
        (("chở đi mất", "chở đi", "chạy mất", "phóng đi", "chạy mất tiêu", "mang đi mất"), 0),
        (("kêu", "la", "khóc", "giãy", "vùng vẫy", "gào", "kêu cứu", "ngoái lại"), 6),
    ),
)
ABDUCTION_FORCE = (
    "la", "kêu cứu", "giãy", "giãy giụa", "khóc", "gào", "ép", "trói", "bịt", "lạ", "lạ mặt",
    "không quen", "người lạ", "mấy thằng", "tụi nó", "bọn", "côn đồ", "xăm trổ", "bắt cóc",
    "bắt cốc", "vùng vẫy", "kêu", "đòi tiền chuộc", "chồng cũ", "vợ cũ", "cưỡng ép", "bịt miệng",
    "nhét", "bịt mặt", "bịch mặt", "khống chế", "đánh ngất",
)
ABDUCTION_FIGURATIVE = (
    "trái tim", "online", "qua mạng", "trực tuyến", "lừa", "giả danh", "điện thoại báo",
    "gọi điện báo", "đòi chuyển tiền", "cấp cứu", "xe cấp cứu", "bệnh viện", "đưa đi viện",
    "đưa lên xe cấp cứu", "cho vui", "haha", "đùa",
)
ABDUCTION_OVER = (
    "đã thoát ra", "thoát ra được", "đã được thả", "được thả", "tìm thấy rồi", "đã về",
    "đã an toàn", "giờ đang ngồi", "đã chạy thoát",
)
# fmt: on
