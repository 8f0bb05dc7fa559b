"""Situation templates: per (type, urgency) the facts a caller reports, in several wordings.

Templates only, after ../shared/labels.md (tie-breaks included); never decides labels at run time.

Slots: {at} the place said inline (" ở <location>" or nothing), {toi} the caller's "I", {bo}/{me}
father/mother, {child}/{elder}/{adult}/{victim} people, {veh} a vehicle, {weapon} a weapon,
{np} a stated people count ("hai người"), {a} a polite particle, {quick} "hurry".
Every core of a situation carries the facts that decide its labels, so a call cut after its first
core sentence still has the right label; a weapon situation names {weapon} in every core.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.labels import IncidentType as T
from classifiers.labels import Urgency as U


@dataclass(frozen=True, slots=True)
class Situation:
    incident_type: T
    urgency: U
    cores: tuple[str, ...]
    extras: tuple[str, ...] = ()  # optional detail sentences that never change the labels
    people_lines: tuple[str, ...] = ()  # sentences stating the count with {np}
    people_nouns: tuple[str, ...] = ("người",)
    people_range: tuple[int, int] = (1, 4)
    weapon: bool = False
    weapons: tuple[str, ...] = ()  # weapon words that fit the cores; empty = any
    place: str = "home"  # 'home', 'street', 'road', 'water' or 'none'


BLADES = ("dao", "con dao", "dao phay", "dao bầu", "mã tấu", "kiếm", "dao găm")


def S(incident_type: T, urgency: U, *cores: str, **options: object) -> Situation:
    return Situation(incident_type, urgency, tuple(cores), **options)  # type: ignore[arg-type]


FIRE = (
    S(
        T.FIRE,
        U.P1,
        "nhà {toi}{at} đang cháy, {child} còn trong phòng",
        "cháy nhà rồi, cháy to lắm, {child} còn ở trong phòng chưa ra được",
        "nhà {toi} cháy rồi, {child} còn kẹt trong phòng",
        extras=("khói đen mù mịt", "lửa bốc lên tới mái rồi", "{toi} không vào được"),
        people_lines=("trong nhà còn {np}",),
        people_nouns=("đứa nhỏ", "cháu", "người"),
    ),
    S(
        T.FIRE,
        U.P1,
        "cháy rồi, {elder} còn kẹt trên tầng hai không ra được",
        "nhà {toi}{at} bốc cháy, {elder} bị mắc kẹt trên tầng hai",
        "lửa cháy to lắm, {elder} còn ở trên lầu không xuống được",
        extras=("cầu thang toàn khói", "{toi} gọi mà không nghe trả lời", "lửa lan nhanh lắm"),
        people_lines=("trên đó có {np}",),
    ),
    S(
        T.FIRE,
        U.P1,
        "căn hộ bên cạnh{at} bốc cháy, còn người mắc kẹt trong đó",
        "chung cư{at} đang cháy, có người mắc kẹt ở tầng trên",
        "cháy chung cư, khói lên tới tầng tám, nhà {toi} không thoát ra được",
        extras=("cửa thoát hiểm đầy khói", "mọi người đang la hét", "{toi} đang ở ban công"),
        people_lines=("có {np} mắc kẹt", "nhà {toi} có {np} chưa ra được"),
        people_range=(2, 6),
    ),
    S(
        T.FIRE,
        U.P1,
        "xưởng may{at} đang cháy, công nhân còn mắc kẹt bên trong",
        "cháy xưởng rồi, nhiều công nhân còn kẹt trong xưởng",
        "xưởng{at} cháy lớn lắm, còn người trong xưởng chưa thoát ra",
        people_lines=("chắc còn {np} bên trong",),
        people_nouns=("người", "công nhân"),
        people_range=(3, 10),
        place="street",
    ),
    S(
        T.FIRE,
        U.P1,
        "nhà hàng xóm{at} cháy, nghe tiếng trẻ con kêu cứu ở trong",
        "nhà bên cạnh đang cháy, còn người trong nhà kêu cứu",
        "cháy nhà hàng xóm, có đứa nhỏ còn trong nhà kêu cứu",
        extras=("{toi} là hàng xóm", "cửa khóa trong, không phá được"),
    ),
    S(
        T.FIRE,
        U.P1,
        "tai nạn{at}, ô tô đâm vào cột điện rồi bốc cháy, tài xế còn kẹt trong xe",
        "xe ô tô bốc cháy sau khi tông vào dải phân cách, người lái còn mắc kẹt trong xe",
        "có xe tông nhau rồi cháy{at}, người trong xe chưa ra được",
        extras=("lửa to lắm, không ai dám lại gần", "mọi người đang cố phá cửa kính"),
        place="road",
    ),
    S(
        T.FIRE,
        U.P1,
        "phòng trọ{at} bị cháy, bạn {toi} còn ở trong phòng",
        "dãy trọ đang cháy, còn người trong phòng chưa ra",
        "cháy phòng trọ rồi, bạn {toi} còn kẹt bên trong",
        extras=("khói nhiều lắm", "cửa sắt bị khóa"),
    ),
    S(
        T.FIRE,
        U.P2,
        "nhà {toi}{at} bị cháy, mọi người ra ngoài hết rồi nhưng lửa đang lan",
        "cháy nhà, cả nhà chạy ra được hết rồi, lửa đang lan sang nhà bên",
        "nhà {toi} đang cháy, không còn ai bên trong, mà lửa to quá",
        extras=("khói đen bốc cao", "{toi} đã ngắt cầu dao rồi"),
    ),
    S(
        T.FIRE,
        U.P2,
        "có đám cháy lớn ở bãi xe{at}, khói bốc cao lắm, không có ai trong đó",
        "bãi giữ xe{at} đang cháy, mấy chục chiếc xe máy cháy rồi, người ra hết rồi",
        "cháy bãi xe, lửa to lắm, bảo vệ chạy ra ngoài được rồi",
        place="street",
    ),
    S(
        T.FIRE,
        U.P2,
        "cửa hàng tạp hóa{at} đang cháy, cả nhà chạy ra được rồi",
        "cháy tiệm tạp hóa, lửa bùng lên to lắm, mọi người đã ra ngoài hết",
        extras=("mùi khét lắm", "sợ lan sang nhà bên"),
    ),
    S(
        T.FIRE,
        U.P2,
        "{veh} đang chạy thì bốc cháy{at}, người trên xe xuống hết rồi",
        "có chiếc {veh} bốc cháy giữa đường, tài xế thoát ra được rồi",
        "xe đang cháy ngùn ngụt{at}, không ai ở trong xe",
        place="road",
    ),
    S(
        T.FIRE,
        U.P2,
        "ô tô tông nhau rồi một xe bốc cháy{at}, mọi người kéo được tài xế ra rồi",
        "tai nạn hai xe rồi cháy, người đã được đưa ra khỏi xe, lửa vẫn đang cháy to",
        place="road",
    ),
    S(
        T.FIRE,
        U.P2,
        "chập điện cháy công tơ{at}, lửa đang lan lên mái tôn",
        "đường dây điện trước nhà {toi} chập cháy, lửa đang cháy lên mái",
        extras=("nhà {toi} ra ngoài hết rồi",),
    ),
    S(
        T.FIRE,
        U.P2,
        "nổ bình gas ở quán ăn{at}, đang cháy, khách chạy ra hết rồi",
        "quán ăn vừa nổ bình gas, lửa bùng lên, không ai còn bên trong",
        extras=("tiếng nổ to lắm",),
        place="street",
    ),
    S(
        T.FIRE,
        U.P2,
        "cháy rừng ở đồi thông{at}, lửa lan nhanh lắm",
        "đồi keo sau nhà {toi} đang cháy, lửa lan về phía xóm",
        place="home",
    ),
    S(
        T.FIRE,
        U.P2,
        "kho hàng{at} đang cháy, khói đen mù mịt, công nhân đã ra hết",
        "cháy nhà kho, lửa to, không ai bị kẹt",
        place="street",
    ),
    S(
        T.FIRE,
        U.P3,
        "hồi nãy bếp nhà {toi} bị cháy chảo dầu, {toi} dập tắt rồi, không ai sao",
        "lúc nãy nhà {toi} có cháy nhỏ ở bếp, dập xong rồi, chỉ báo để các anh kiểm tra",
        extras=("giờ chỉ còn mùi khét",),
    ),
    S(
        T.FIRE,
        U.P3,
        "đám cháy rác{at} tối qua tắt rồi, còn bốc khói nhẹ, không ai bị sao",
        "đống rác{at} cháy hồi tối, giờ lửa tắt rồi, chỉ còn ít khói",
        place="street",
    ),
    S(
        T.FIRE,
        U.P3,
        "cái quạt điện nhà {toi} bị chập cháy khét, {toi} rút điện rồi, lửa tắt rồi",
        "ổ điện nhà {toi} vừa xẹt lửa cháy đen, giờ tắt rồi, muốn nhờ kiểm tra",
    ),
    S(
        T.FIRE,
        U.P3,
        "sáng nay có cháy đống rơm sau nhà{at}, người nhà dập xong rồi",
        "cháy rơm ngoài ruộng, dập tắt rồi, báo để các anh biết",
    ),
)

RESCUE = (
    S(
        T.RESCUE,
        U.P1,
        "có người bị đuối nước{at}, đang chìm rồi",
        "có người chết đuối{at}, đang vùng vẫy giữa dòng",
        "{victim} bị đuối nước, trôi ra xa rồi",
        extras=("không ai biết bơi", "nước chảy xiết lắm", "mọi người đang ném phao"),
        people_lines=("có {np} dưới nước",),
        place="water",
    ),
    S(
        T.RESCUE,
        U.P1,
        "có đứa bé rơi xuống sông{at}, bị nước cuốn trôi rồi",
        "{child} bị cuốn trôi khi tắm sông{at}",
        "{child} ngã xuống kênh, nước cuốn đi mất rồi",
        place="water",
    ),
    S(
        T.RESCUE,
        U.P1,
        "nhà sập{at}, {elder} bị vùi bên dưới",
        "nhà {toi} bị sập, {elder} bị đè dưới đống gạch",
        "sập nhà rồi, {elder} còn mắc kẹt dưới đống đổ nát",
        extras=("nghe tiếng kêu yếu lắm", "hàng xóm đang bới gạch"),
        people_lines=("có {np} bị vùi",),
    ),
    S(
        T.RESCUE,
        U.P1,
        "sạt lở đất vùi lấp nhà {toi}{at}, còn người bên trong",
        "đất đá sạt xuống vùi mất nhà hàng xóm, người trong nhà bị vùi lấp",
        people_lines=("còn {np} bị vùi lấp", "cả nhà {np} ở bên trong"),
        people_range=(2, 5),
    ),
    S(
        T.RESCUE,
        U.P1,
        "{child} rơi xuống giếng{at}, giếng sâu lắm",
        "{child} bị rơi xuống giếng khoan, nghe còn khóc ở dưới",
        "{child} ngã xuống hố sâu ở công trình, không lên được",
        extras=("nghe tiếng khóc yếu dần",),
    ),
    S(
        T.RESCUE,
        U.P1,
        "nước lũ lên nhanh quá, cả nhà {toi} mắc kẹt trên mái nhà{at}",
        "lũ về, nhà {toi} bị nước vây, mắc kẹt trên mái rồi",
        "nước ngập tới mái, {toi} với {elder} mắc kẹt không ra được",
        people_lines=("nhà {toi} có {np}", "có {np} đang ở trên mái"),
        people_range=(2, 6),
    ),
    S(
        T.RESCUE,
        U.P1,
        "có công nhân bị đè dưới giàn giáo sập{at}, đang kêu cứu",
        "giàn giáo công trình{at} đổ, có người bị kẹt bên dưới",
        people_lines=("có {np} bị đè",),
        people_nouns=("người", "công nhân"),
        place="street",
    ),
    S(
        T.RESCUE,
        U.P2,
        "thang máy chung cư bị kẹt, có người kẹt bên trong hơn nửa tiếng rồi",
        "thang máy{at} dừng giữa hai tầng, người bên trong không ra được",
        "{toi} đang bị kẹt trong thang máy{at}, bấm chuông không ai trả lời",
        people_lines=("bên trong có {np}",),
        people_range=(1, 6),
        place="street",
    ),
    S(
        T.RESCUE,
        U.P2,
        "có ông say rượu trèo lên nóc nhà{at}, không xuống được",
        "một anh trèo lên cây cao{at} hái quả rồi không xuống được, đang kêu",
        extras=("sợ ngã lắm",),
    ),
    S(
        T.RESCUE,
        U.P2,
        "{child} bị kẹt chân vào lan can, không rút ra được",
        "{child} thò đầu vào song sắt rồi bị kẹt, khóc quá trời",
        extras=("{toi} thử bôi xà phòng rồi không được",),
    ),
    S(
        T.RESCUE,
        U.P2,
        "ông cụ bị ngã xuống mương{at}, không tự lên được",
        "{elder} trượt chân xuống ao cạn, không leo lên được",
        extras=("người vẫn tỉnh, đang kêu",),
    ),
    S(
        T.RESCUE,
        U.P2,
        "ngập sâu quá, nước lên tới ngực, {elder} không đi lại được, cần người đến đưa ra",
        "nhà {toi}{at} ngập nước sâu, {elder} yếu không tự đi được, nhờ đến đưa ra",
    ),
    S(
        T.RESCUE,
        U.P3,
        "con mèo nhà {toi} trèo lên cây cao{at} ba ngày rồi không xuống được",
        "con mèo trèo lên mái tôn không xuống được, nhờ các anh đến giúp",
    ),
    S(
        T.RESCUE,
        U.P3,
        "con chó nhà {toi} rơi xuống hố ga{at}, nhờ các anh đến kéo lên",
        "con chó nhà {toi} sa xuống cái hố cạn, người không sao, nhờ đến giúp",
    ),
    S(
        T.RESCUE,
        U.P3,
        "{toi} bị khóa cửa ở ngoài, chìa khóa trong nhà, trong nhà không có ai",
        "cửa nhà {toi} hỏng khóa không mở được, trong nhà không ai, nhờ hỗ trợ",
    ),
    S(
        T.RESCUE,
        U.P3,
        "xe máy {toi} bị rơi xuống mương{at}, người không sao, nhờ kéo xe lên",
        "chiếc xe tải sa lầy bên đường, tài xế không sao, cần cứu hộ kéo ra",
        place="road",
    ),
)

HAZARD = (
    S(
        T.HAZARD,
        U.P1,
        "dây điện đứt rơi xuống đường{at}, có người đang bị điện giật nằm đó",
        "có người bị điện giật do dây điện đứt{at}, vẫn dính vào dây",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P1,
        "rò rỉ khí gas nặng lắm trong chung cư{at}, mấy người ngất rồi",
        "mùi gas nồng nặc, nhà bên cạnh có người bất tỉnh",
        people_lines=("có {np} ngất",),
        people_range=(2, 4),
    ),
    S(
        T.HAZARD,
        U.P1,
        "xe bồn chở hóa chất lật{at}, hóa chất chảy ra, người dân khó thở, có người ngất",
        "hóa chất rò rỉ ở nhà máy{at}, công nhân khó thở, mấy người bất tỉnh",
        place="road",
    ),
    S(
        T.HAZARD,
        U.P2,
        "nhà {toi}{at} ngửi thấy mùi gas nồng nặc, không biết rò ở đâu",
        "mùi gas nồng lắm trong bếp, {toi} sợ nổ",
        "bình gas nhà {toi} bị xì, nghe tiếng xì xì, khóa van không được",
        extras=("{toi} đã mở hết cửa", "mọi người ra ngoài rồi"),
    ),
    S(
        T.HAZARD,
        U.P2,
        "dây điện bị đứt rơi xuống đường{at}, đang tóe lửa, chưa ai bị sao",
        "cột điện{at} gãy, dây điện rơi xuống lòng đường, đang xẹt điện",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P2,
        "cây to bị đổ{at} đè lên dây điện, dây đang xẹt lửa",
        "bão làm cây đổ vào đường dây điện{at}, tia lửa bắn ra",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P2,
        "có con rắn hổ mang bò vào nhà {toi}{at}, đang nằm dưới gầm giường",
        "một con rắn to lắm đang ở trong bếp nhà {toi}, {toi} sợ quá",
    ),
    S(
        T.HAZARD,
        U.P2,
        "tổ ong vò vẽ to lắm trên cây trước cổng trường{at}, mấy đứa nhỏ suýt bị đốt",
        "có tổ ong bò vẽ to bằng cái thúng ở mái nhà {toi}, ong bay đầy sân",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P2,
        "nước ngập sâu{at}, nước chảy xiết, xe cộ chết máy hết",
        "đường{at} ngập sâu quá đầu gối, có hố sụt mà không thấy",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P2,
        "mùi hóa chất lạ bốc ra từ xưởng{at}, cay mắt lắm",
        "có thùng hóa chất đổ ra đường{at}, bốc mùi hắc",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P3,
        "cây đổ chắn ngang đường{at} từ đêm qua, không ai bị sao, nhờ các anh dọn",
        "có cành cây to gãy nằm giữa đường, không ai bị thương",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P3,
        "nắp cống{at} bị mất, sợ người đi đường sụp xuống",
        "hố ga{at} mất nắp mấy hôm rồi, chưa ai bị sao",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P3,
        "cột đèn{at} bị nghiêng, chưa đổ, báo để các anh kiểm tra",
        "cái biển quảng cáo{at} bị lung lay, sợ gió to nó rơi",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P3,
        "đường{at} bị ngập nhẹ sau mưa, cống tắc, nhờ xử lý",
        "cống thoát nước{at} bị tắc, nước tràn lên vỉa hè",
        place="street",
    ),
    S(
        T.HAZARD,
        U.P3,
        "có tổ ong nhỏ trên ban công nhà {toi}, muốn nhờ đến gỡ",
        "nhà {toi} có tổ ong nhỏ dưới mái hiên, chưa ai bị đốt",
    ),
)

TRAFFIC = (
    S(
        T.TRAFFIC_ACCIDENT,
        U.P1,
        "tai nạn{at}, {veh} đâm vào xe máy, người đi xe máy nằm bất động, không thở",
        "có vụ tai nạn giao thông, người bị tông nằm im, không thấy thở nữa",
        extras=("máu chảy ra đường", "mọi người đứng xem đông lắm"),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P1,
        "có vụ tai nạn giao thông{at}, {veh} lật, người bị kẹt trong xe, máu chảy nhiều lắm",
        "{veh} lật ngửa{at}, tài xế mắc kẹt trong ca bin",
        people_lines=("có {np} bị kẹt",),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P1,
        "xe máy tông vào {veh}{at}, một thanh niên bị thương ở đầu, bất tỉnh rồi",
        "tai nạn xe máy, cậu thanh niên bất tỉnh, gọi không tỉnh",
        extras=("mũ bảo hiểm văng ra xa",),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P1,
        "{veh} tông liên hoàn{at}, nhiều người nằm trên đường, có người bất tỉnh",
        "tai nạn liên hoàn mấy xe, có người không tỉnh, máu chảy nhiều",
        people_lines=("{np} bị thương nặng",),
        people_range=(3, 8),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P2,
        "có tai nạn{at}, {veh} va chạm với xe máy, người bị thương ở chân",
        "{veh} đâm vào xe máy, người bị thương đang ngồi bên đường",
        people_lines=("{np} bị thương",),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P2,
        "{toi} bị xe tông{at}, gãy chân rồi, không đứng dậy được",
        "{victim} bị xe máy đâm, chân gãy, đau lắm",
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P2,
        "xe máy ngã{at}, {victim} bị trầy xước với đau tay lắm, chắc gãy tay",
        "{victim} đi xe máy bị ngã do ổ gà, tay sưng to, vẫn tỉnh",
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P2,
        "{veh} lật ngang đường{at}, tài xế bị thương, đang ngồi bên đường",
        "{veh} lật, phụ xe bị thương ở đầu nhưng vẫn tỉnh",
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P2,
        "va chạm giữa hai xe máy{at}, một chị bị thương ở đầu nhưng vẫn tỉnh",
        "hai xe máy đâm nhau, có người bị thương, đang chảy máu ở tay",
        people_lines=("có {np} bị thương",),
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P3,
        "xe {toi} bị va quẹt{at}, không ai bị thương, bên kia không chịu đền",
        "xe {toi} quẹt nhẹ với {veh}, người không sao, chỉ trầy xe",
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P3,
        "hai ô tô va chạm nhẹ{at}, không ai bị sao, cần cảnh sát đến lập biên bản",
        "xe {toi} bị {veh} tông nhẹ từ phía sau, không ai bị thương",
        place="road",
    ),
    S(
        T.TRAFFIC_ACCIDENT,
        U.P3,
        "hồi chiều {toi} bị một xe máy tông vào đuôi xe rồi bỏ chạy, người không sao",
        "xe {toi} đỗ{at} bị xe tải quệt gãy gương rồi bỏ đi, không ai bị thương",
        place="road",
    ),
)

VIOLENT = (
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "có thằng cầm {weapon} đang đuổi chém người{at}",
        "có người cầm {weapon} đuổi chém mọi người ngoài chợ",
        "một thanh niên vác {weapon} chém người{at}, mọi người bỏ chạy",
        weapon=True,
        weapons=BLADES,
        extras=("máu me khắp nơi",),
        people_lines=("đã có {np} bị chém",),
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "hai nhóm thanh niên cầm {weapon} đánh nhau{at}, có người bị đâm chảy máu nhiều lắm",
        "đang có hỗn chiến{at}, bọn nó cầm {weapon}, có người bị thương nặng",
        weapon=True,
        people_lines=("có {np} nằm dưới đất",),
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "{adult} bị đâm bằng {weapon}{at}, máu chảy nhiều lắm, thằng kia chạy rồi",
        "có người bị kẻ lạ dùng {weapon} đâm vào bụng, chảy máu nhiều lắm",
        "{adult} bị đâm, {weapon} còn cắm trên người, máu chảy nhiều",
        weapon=True,
        weapons=BLADES,
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "có kẻ cầm {weapon} xông vào cửa hàng{at} đòi tiền, đang khống chế nhân viên",
        "cướp cầm {weapon} đang ở trong tiệm vàng{at}, khống chế mọi người",
        weapon=True,
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "{child} bị bắt cóc, có người lôi cháu lên xe ô tô chạy rồi",
        "có người lạ bắt cóc {child}{at}, bế lên xe máy chạy mất",
        "{child} vừa bị bắt cóc trước cổng trường{at}",
        extras=("xe màu trắng", "đi về hướng cầu"),
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "có người cầm {weapon} dọa giết cả nhà {toi}{at}, đang đứng trước cửa",
        "thằng đòi nợ cầm {weapon} đứng trước nhà {toi} dọa giết",
        weapon=True,
    ),
    S(
        T.VIOLENT_CRIME,
        U.P1,
        "có người nổ súng{at}, nghe mấy tiếng súng liền",
        "có kẻ cầm súng bắn người{at}, có người bị bắn nằm đó",
        weapon=True,
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P2,
        "đang có đánh nhau{at}, năm sáu thanh niên đánh một người, không thấy có dao",
        "có một đám đang đánh hội đồng một cậu thanh niên{at}",
        extras=("cậu kia bị chảy máu mặt",),
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P2,
        "{toi} vừa bị cướp giật túi xách{at}, hai thằng đi xe máy, {toi} bị ngã trầy tay",
        "vừa có vụ cướp giật điện thoại{at}, người bị giật bị ngã xe, bị thương nhẹ",
        extras=("chúng nó chạy về hướng chợ",),
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P2,
        "có người bị đánh chảy máu đầu{at}, bọn kia vẫn còn đứng đó",
        "mấy thằng say đánh nhau trong quán nhậu{at}, đập chai, có người bị thương",
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P2,
        "có người nhắn tin dọa giết {toi}, nói biết nhà {toi}{at}",
        "{toi} bị mấy người đòi nợ dọa giết, chúng nó cứ gọi điện đe dọa",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P2,
        "cướp vừa vào tiệm vàng{at} cướp xong chạy rồi, không ai bị thương",
        "tiệm điện thoại{at} vừa bị cướp, bọn nó chạy mất rồi",
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P3,
        "hôm qua {toi} bị cướp điện thoại{at}, giờ muốn trình báo",
        "tối hôm kia {toi} bị giật dây chuyền, không bị thương, giờ mới báo",
        place="street",
    ),
    S(
        T.VIOLENT_CRIME,
        U.P3,
        "tuần trước {toi} bị mấy người đánh, giờ đã khỏi, muốn hỏi làm đơn",
        "hồi tháng trước {adult} bị đánh, giờ muốn làm đơn tố cáo",
    ),
)

PROPERTY = (
    S(
        T.PROPERTY_CRIME,
        U.P2,
        "có trộm đang cạy cửa nhà hàng xóm{at}, nhà đó đi vắng",
        "{toi} thấy có người lạ đang cạy khóa nhà bên cạnh, chủ nhà đi vắng",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P2,
        "{toi} thấy một thằng đang bẻ khóa xe máy{at}",
        "có người đang trộm xe máy trước cửa hàng{at}",
        place="street",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P2,
        "có người lạ trèo vào kho{at}, đang khuân đồ ra",
        "trộm đang ở trong xưởng{at}, bảo vệ thấy bóng người đang lấy đồ",
        place="street",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P2,
        "có kẻ đang đập phá ô tô đỗ ngoài đường{at}",
        "có mấy thằng đang đập kính xe ô tô{at} để lấy đồ",
        place="street",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P2,
        "{child} bị lừa bắt cóc online, người ta đang bắt chuyển tiền",
        "có người gọi nói {child} bị bắt cóc online, bắt gia đình chuyển tiền ngay",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "sáng nay dậy thì thấy mất xe máy{at}, khóa cổng bị cắt",
        "đêm qua nhà {toi} bị mất trộm xe máy, giờ mới phát hiện",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "nhà {toi}{at} bị trộm đột nhập lúc đi vắng, mất tivi với ít tiền",
        "đi chơi về thấy nhà bị đột nhập, mất hết vàng",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "{toi} bị lừa chuyển khoản hai chục triệu, người ta giả danh công an gọi điện",
        "{bo} {toi} bị lừa đảo qua điện thoại, mất hết tiền tiết kiệm",
        place="none",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "ai đó phá camera với vẽ bậy lên tường nhà {toi}{at} đêm qua",
        "có người đập vỡ kính cửa hàng {toi} từ đêm qua, không lấy gì",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "{toi} bị móc túi trên xe buýt, mất ví với giấy tờ",
        "{toi} bị mất điện thoại ở quán cà phê{at}, chắc bị lấy trộm",
        place="street",
    ),
    S(
        T.PROPERTY_CRIME,
        U.P3,
        "đêm qua nhà {toi}{at} bị trộm mất mấy con gà",
        "nhà {toi} bị mất trộm máy bơm nước ngoài vườn",
    ),
)

DOMESTIC = (
    S(
        T.DOMESTIC_VIOLENCE,
        U.P1,
        "chồng {toi} say rượu cầm {weapon} dọa giết {toi}{at}, {toi} đang trốn trong nhà tắm",
        "chồng {toi} đang cầm {weapon} đòi giết {toi}, {toi} trốn trong phòng",
        weapon=True,
        extras=("{toi} sợ lắm", "anh ta đang đập cửa"),
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P1,
        "{bo} {toi} đang cầm {weapon} đuổi đánh {me} {toi}",
        "ông ấy cầm {weapon} đòi chém {me} {toi}, {me} {toi} chạy ra ngõ",
        weapon=True,
        weapons=BLADES,
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P1,
        "nhà hàng xóm{at} đánh con dã man, thằng bé bất tỉnh rồi",
        "người bố đánh con ngất lịm đi, giờ thằng bé không tỉnh",
        extras=("{toi} là hàng xóm",),
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P1,
        "chồng đang bóp cổ vợ ở nhà bên cạnh{at}, chị ấy không thở được nữa",
        "anh ta bóp cổ chị ấy, chị ấy tím tái, không thở được",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P2,
        "chồng {toi} đang đánh {toi}, {toi} phải chạy sang nhà hàng xóm{at}",
        "{toi} đang bị chồng đánh, anh ta vẫn đuổi theo",
        extras=("mặt {toi} sưng hết rồi",),
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P2,
        "nhà bên cạnh{at} người bố đang đánh con, nghe tiếng khóc thét từ nãy",
        "hàng xóm đang bạo hành đứa nhỏ, đánh nó liên tục",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P2,
        "con trai say rượu về đánh {bo} {me}, đang đập phá đồ trong nhà{at}",
        "thằng em {toi} đang đánh {me} {toi}, đập hết đồ đạc",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P2,
        "{toi} bị chồng đánh chảy máu mũi, anh ta vẫn đang la hét ngoài cửa",
        "vợ đang bị chồng đánh ở nhà bên{at}, tiếng la hét ầm ĩ",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P3,
        "tối qua chồng đánh {toi} bầm tím mặt, giờ anh ta đi làm rồi, {toi} muốn hỏi cách làm đơn",
        "{toi} hay bị chồng đánh, hôm nay anh ta không ở nhà, muốn được hướng dẫn",
        place="none",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P3,
        "{toi} nghi đứa cháu hàng xóm bị bố mẹ bạo hành, người nó toàn vết bầm",
        "đứa nhỏ nhà bên{at} hay bị đánh, hôm nay thấy trên tay nó có vết bầm",
    ),
    S(
        T.DOMESTIC_VIOLENCE,
        U.P3,
        "con dâu nhà hàng xóm bị nhà chồng đánh đập từ tuần trước, giờ đã về nhà ngoại",
        "{me} {toi} bị con trai đánh hồi tuần trước, giờ muốn trình báo",
    ),
)

PUBLIC_ORDER = (
    S(
        T.PUBLIC_ORDER,
        U.P2,
        "có một đám thanh niên tụ tập đua xe{at}, rú ga ầm ầm, lạng lách",
        "đang có đua xe trái phép{at}, mấy chục xe chạy bạt mạng",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P2,
        "có ông say rượu đang quậy phá{at}, đập bàn ghế quán, chửi bới mọi người",
        "một người say xỉn đang gây rối{at}, ném đồ vào khách",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P2,
        "hai nhóm đang cãi nhau to ngoài đường{at}, xô xát, sắp đánh nhau",
        "đang có xô xát giữa hai bên{at}, chửi nhau to lắm",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P2,
        "một nhóm người tụ tập đông{at}, chặn đường không cho xe qua",
        "có đám đông đang gây rối trước cổng công ty{at}, ném đá vào cổng",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P3,
        "nhà bên cạnh{at} hát karaoke ồn quá, mười hai giờ đêm rồi chưa tắt",
        "hàng xóm hát karaoke to quá, cả xóm không ngủ được",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P3,
        "quán nhậu{at} ồn ào tới khuya ngày nào cũng vậy",
        "quán bar{at} mở nhạc to tới hai giờ sáng",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P3,
        "mấy thanh niên ngồi hút chích ở gầm cầu{at}",
        "có người tụ tập chơi bài ăn tiền ở quán nước{at}",
        place="street",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P3,
        "hàng xóm cãi nhau to tiếng từ chiều, không đánh nhau",
        "nhà bên cạnh chửi nhau ầm ĩ cả buổi, không có ai bị gì",
    ),
    S(
        T.PUBLIC_ORDER,
        U.P3,
        "xe bán hàng rong mở loa to quá{at}, giờ nghỉ trưa",
        "có người đốt pháo nổ liên tục{at} giữa đêm",
        place="street",
    ),
)

MEDICAL = (
    S(
        T.MEDICAL,
        U.P1,
        "{bo} {toi} ngã, gọi không trả lời, không thở",
        "{bo} {toi} ngã trong nhà, gọi không dậy, không thấy thở",
        "{bo} {toi} vừa ngã xuống, giờ không thở nữa",
        extras=("môi tím tái rồi", "{toi} đang lay mà không được"),
    ),
    S(
        T.MEDICAL,
        U.P1,
        "{elder} tự nhiên ngã ra bất tỉnh{at}, gọi mãi không dậy",
        "{elder} bất tỉnh rồi, lay mãi không tỉnh",
        "{elder} ngất lịm, gọi không trả lời",
        extras=("{toi} sợ quá",),
    ),
    S(
        T.MEDICAL,
        U.P1,
        "{child} bị co giật, sùi bọt mép, mắt trợn ngược",
        "{child} đang lên cơn co giật, người cứng đờ",
        extras=("cháu sốt từ tối qua",),
    ),
    S(
        T.MEDICAL,
        U.P1,
        "{victim} đau ngực dữ dội rồi ngất lịm{at}",
        "{victim} kêu đau ngực rồi bất tỉnh",
    ),
    S(
        T.MEDICAL,
        U.P1,
        "{elder} bị méo miệng, nói không được, tay chân yếu một bên, chắc đột quỵ",
        "{elder} đột quỵ rồi, nửa người không cử động được",
    ),
    S(
        T.MEDICAL,
        U.P1,
        "{child} bị hóc, mặt tím tái, không thở được",
        "{child} hóc hạt nhãn, không thở được nữa",
    ),
    S(
        T.MEDICAL,
        U.P1,
        "có người ngã ra đường{at}, ngừng thở rồi",
        "một bác đang đi thì ngã gục{at}, ngừng thở",
        extras=("có người đang ép tim",),
        place="street",
    ),
    S(
        T.MEDICAL,
        U.P2,
        "{elder} đau ngực, khó thở từ sáng",
        "{elder} khó thở quá, thở dốc, môi hơi tím",
    ),
    S(
        T.MEDICAL,
        U.P2,
        "vợ {toi} vỡ ối rồi, sắp sinh",
        "vợ {toi} chuyển dạ, đau đẻ lắm rồi, cần xe đưa đi viện",
    ),
    S(
        T.MEDICAL,
        U.P2,
        "{elder} ngã trong nhà tắm, đau hông không đứng dậy được",
        "{elder} bị ngã cầu thang, chắc gãy chân, vẫn tỉnh",
        extras=("{toi} không dám di chuyển", "bà vẫn nói chuyện được"),
    ),
    S(
        T.MEDICAL,
        U.P2,
        "{child} sốt cao bốn mươi độ, li bì",
        "{child} sốt cao không hạ, nôn liên tục",
    ),
    S(
        T.MEDICAL,
        U.P2,
        "cả nhà {toi} bị ngộ độc thực phẩm, nôn ói liên tục",
        "ăn nấm xong cả nhà bị ngộ độc, đau bụng nôn nhiều",
        people_lines=("có {np} bị", "cả nhà {np} đều bị"),
        people_range=(2, 6),
    ),
    S(
        T.MEDICAL,
        U.P2,
        "{adult} bị chó cắn chảy máu ở chân",
        "{adult} bị dao cắt vào tay lúc nấu ăn, chảy máu, đang băng lại",
    ),
    S(
        T.MEDICAL,
        U.P3,
        "{elder} bị cảm sốt nhẹ mấy hôm nay, muốn xin xe đưa đi khám",
        "{elder} yếu, cần xe đưa đi khám định kỳ",
    ),
    S(
        T.MEDICAL,
        U.P3,
        "{toi} bị trẹo chân lúc chạy bộ, hơi sưng, đi lại được",
        "{child} bị trầy đầu gối, chảy ít máu, {toi} băng rồi",
    ),
    S(
        T.MEDICAL,
        U.P3,
        "{child} bị ong đốt một cái ở tay, hơi sưng, không khó thở",
        "{child} bị muỗi đốt sưng to, không sốt",
    ),
)

SELF_HARM = (
    S(
        T.SELF_HARM,
        U.P1,
        "có một cô gái đang đứng trên cầu định nhảy xuống",
        "có người trèo qua lan can cầu, định nhảy",
        "một thanh niên đứng trên cầu, dọa nhảy xuống sông",
        place="water",
    ),
    S(
        T.SELF_HARM,
        U.P1,
        "{adult} vừa uống thuốc tự tử, cả vỉ thuốc ngủ",
        "{adult} uống thuốc ngủ tự tử, giờ lơ mơ",
    ),
    S(
        T.SELF_HARM,
        U.P1,
        "{child} nhắn tin muốn tự tử, giờ đang ở trên sân thượng chung cư{at}",
        "{child} đứng trên sân thượng{at}, định nhảy xuống",
    ),
    S(
        T.SELF_HARM,
        U.P1,
        "anh {toi} nhốt mình trong phòng, cầm {weapon} dọa tự tử",
        "{adult} cầm {weapon} đòi tự tử, không cho ai lại gần",
        weapon=True,
        weapons=BLADES,
    ),
    S(
        T.SELF_HARM,
        U.P1,
        "{adult} rạch tay tự tử trong nhà tắm",
        "{adult} cắt tay tự tử, máu chảy nhiều lắm",
    ),
    S(
        T.SELF_HARM,
        U.P2,
        "{adult} trầm cảm nặng, tối nay nhắn là không muốn sống nữa rồi tắt máy",
        "bạn {toi} nhắn tin từ biệt, nói không muốn sống nữa, giờ không liên lạc được",
        place="none",
    ),
    S(
        T.SELF_HARM,
        U.P2,
        "bạn {toi} cãi nhau với gia đình, dọa tự tử rồi bỏ đi",
        "{adult} dọa tự tử rồi bỏ nhà đi, không biết đi đâu",
        place="none",
    ),
    S(
        T.SELF_HARM,
        U.P3,
        "em gái {toi} hôm trước từng nghĩ quẩn, giờ ổn rồi, muốn hỏi chỗ tư vấn tâm lý",
        "{adult} tuần trước có lúc nghĩ quẩn, giờ đỡ rồi, gia đình muốn tìm chỗ hỗ trợ",
        place="none",
    ),
)

MISSING = (
    S(
        T.MISSING_PERSON,
        U.P1,
        "{child} mới ba tuổi đi lạc gần bờ sông{at}, nửa tiếng rồi không thấy",
        "đứa nhỏ ba tuổi nhà {toi} mất tích gần hồ{at}, tìm không thấy",
        place="water",
    ),
    S(
        T.MISSING_PERSON,
        U.P2,
        "{child} đi học không về, từ chiều tới giờ gọi điện không ai nghe",
        "{child} tan học mà không về nhà, giờ tối rồi chưa thấy",
    ),
    S(
        T.MISSING_PERSON,
        U.P2,
        "{elder} bị lẫn, đi lạc từ sáng{at}, cả nhà tìm khắp nơi không thấy",
        "{elder} bị mất trí nhớ, đi ra khỏi nhà từ trưa chưa về",
    ),
    S(
        T.MISSING_PERSON,
        U.P2,
        "{child} bị lạc ở hội chợ{at} hơn một tiếng rồi",
        "{toi} bị lạc mất {child} ở công viên{at}, tìm mãi không thấy",
        place="street",
    ),
    S(
        T.MISSING_PERSON,
        U.P2,
        "con gái {toi} mười bốn tuổi bỏ nhà đi từ tối qua, không liên lạc được",
        "{child} bỏ nhà đi từ hôm qua, điện thoại tắt máy",
    ),
    S(
        T.MISSING_PERSON,
        U.P3,
        "{adult} đi làm từ hôm qua chưa về, không liên lạc được, chưa thấy gì lạ",
        "{adult} đi đâu từ hôm qua không báo, chắc đi nhậu, mà giờ chưa về",
        place="none",
    ),
    S(
        T.MISSING_PERSON,
        U.P3,
        "{toi} mất liên lạc với anh trai ở Sài Gòn mấy ngày nay, muốn nhờ tìm",
        "{toi} không liên lạc được với chị gái đi làm xa cả tuần nay",
        place="none",
    ),
    S(
        T.MISSING_PERSON,
        U.P3,
        "người giúp việc nhà {toi} bỏ đi từ hôm kia, không mang theo gì",
        "anh công nhân ở trọ nhà {toi} bỏ đi mấy ngày rồi không về",
    ),
)


def _non_emergencies(*core_groups: tuple[str, ...]) -> tuple[Situation, ...]:
    """P4 calls said without a place, one situation per group of wordings."""
    return tuple(S(T.NON_EMERGENCY, U.P4, *cores, place="none") for cores in core_groups)


NON_EMERGENCY = _non_emergencies(
    (
        "cho {toi} hỏi thủ tục làm căn cước cho con ở đâu {a}",
        "{toi} muốn hỏi làm căn cước cho con thì lên đâu {a}",
    ),
    (
        "{toi} muốn hỏi số điện thoại đội phòng cháy để xin kiểm tra nghiệm thu",
        "cho {toi} xin số của phòng cảnh sát phòng cháy để hỏi thủ tục",
    ),
    ("xin lỗi, {toi} gọi nhầm số {a}", "ơ, nhầm máy rồi, {toi} xin lỗi"),
    (
        "ơ, nhầm máy rồi, {toi} định gọi cho cửa hàng điện máy",
        "{toi} định gọi tổng đài điện lực mà bấm nhầm",
    ),
    (
        "quán {toi} hôm nay bán cháy hàng luôn, mai nhập thêm nha chị",
        "chị ơi hàng hôm nay cháy hàng rồi, mai giao thêm cho em",
        "quán bán cháy hàng rồi, mai chị lấy thêm hai thùng nha",
    ),
    (
        "tháng này {toi} cháy túi rồi, cho {toi} khất tiền nhà vài hôm",
        "dạo này cháy túi quá, tuần sau {toi} trả nha",
    ),
    (
        "hôm qua xem hài chết cười luôn, mày xem chưa",
        "clip đó chết cười thật, tối nay rảnh không",
    ),
    (
        "{toi} đau đầu vì con quá, nó lười học, muốn hỏi có chỗ nào tư vấn không",
        "con {toi} nghiện điện thoại, {toi} đau đầu vì con lắm, hỏi chút thôi",
    ),
    (
        "{toi} gọi để cảm ơn các anh hôm qua đến kịp",
        "cảm ơn các anh hôm trước đã giúp gia đình {toi}",
    ),
    ("...", "alo... alo...", "alo"),
    ("hahaha, công an đấy à, đoán xem tao là ai", "hí hí, chú công an ơi, chú đang làm gì đấy"),
    ("thử máy thôi, xin lỗi nhé", "{toi} thử xem số này gọi được không"),
    (
        "cho hỏi đường tới bệnh viện Bạch Mai đi thế nào",
        "bệnh viện Chợ Rẫy đi đường nào cho gần {a}",
    ),
    (
        "{toi} muốn khiếu nại xe cứu thương hôm trước đến chậm",
        "{toi} muốn phản ánh thái độ nhân viên tổng đài hôm trước",
    ),
    (
        "cho {toi} hỏi đăng ký tạm trú cho người thuê nhà làm thế nào",
        "{toi} muốn hỏi thủ tục khai báo tạm trú",
    ),
    ("bé nhà em bấm nhầm số, em xin lỗi anh", "con {toi} nghịch điện thoại bấm nhầm {a}"),
    (
        "bao giờ thì có kết quả vụ {toi} trình báo tuần trước",
        "{toi} hỏi tiến độ cái đơn {toi} nộp tháng trước",
    ),
    (
        "giá xe cứu thương bao nhiêu tiền một chuyến",
        "gọi xe cứu thương chở về quê thì tính tiền thế nào",
    ),
    (
        "{toi} muốn hỏi chỗ học phòng cháy chữa cháy cho nhân viên",
        "công ty {toi} muốn tổ chức tập huấn phòng cháy",
    ),
    ("cháy vé xem bóng đá rồi, buồn quá", "vé concert cháy sạch rồi mày ơi"),
    (
        "{toi} chết cười với thằng bạn, nó bảo gọi thử số này xem có ai nghe không",
        "tụi em gọi chơi thôi, xin lỗi nha",
    ),
    ("bên mình có nhận giữ đồ thất lạc không", "{toi} nhặt được cái ví, muốn nộp ở đâu"),
    (
        "{toi} muốn hỏi mùa này có được đốt rơm không",
        "cho hỏi có quy định giờ hát karaoke không",
    ),
    ("trận bóng hôm qua hay quá, đội nhà thắng đậm", "{toi} gọi hỏi tỉ số trận tối qua"),
    ("dạ không có gì đâu, {toi} bấm nhầm", "không có chuyện gì, {toi} tắt máy đây"),
    ("ờ... ờ...", "...alo...", "dạ..."),
)

SITUATIONS: tuple[Situation, ...] = (
    FIRE
    + RESCUE
    + HAZARD
    + TRAFFIC
    + VIOLENT
    + PROPERTY
    + DOMESTIC
    + PUBLIC_ORDER
    + MEDICAL
    + SELF_HARM
    + MISSING
    + NON_EMERGENCY
)

# Supplement (generated after SITUATIONS with its own random stream, so the rows above and their
# speech-recognised copies stay as they are): figurative "cháy"/"chết" next to literal shop fires,
# so a model has to read "cháy hàng" (sold out) apart from "quán cháy rồi" (the shop is burning).
FIGURATIVE = _non_emergencies(
    (
        "quán bán cháy hàng rồi",
        "quán {toi} cháy hàng rồi {a}",
        "tiệm {toi} bán cháy hàng, hết sạch rồi",
        "hôm nay quán cháy hàng sớm, {toi} đóng cửa rồi",
    ),
    (
        "bánh mì cháy hàng rồi anh ơi, mai ghé sớm nha",
        "sạp {toi} cháy hàng từ sáng, không còn gì bán",
        "hàng về bao nhiêu cũng cháy hàng hết, {toi} hỏi chỗ nhập thêm",
    ),
    (
        "mấy hôm nay quán cháy hàng liên tục, {toi} muốn hỏi thủ tục mở thêm cửa hàng",
        "{toi} bán online cháy hàng quá, hỏi chỗ đăng ký hộ kinh doanh",
    ),
    (
        "đợt khuyến mãi cháy hàng luôn, cảm ơn mọi người ủng hộ",
        "vé cháy hàng sau năm phút, {toi} không mua được",
    ),
    (
        "tối qua đi xem nhạc cháy hết mình luôn",
        "đội nhà đá cháy quá, {toi} gọi hỏi tỉ số thôi",
    ),
    (
        "chết cười với con {toi}, nó bấm số linh tinh {a}",
        "xem phim hài chết cười, xin lỗi {toi} bấm nhầm",
    ),
    (
        "{toi} đói chết mất, quán đóng cửa hết rồi, hỏi chỗ nào còn bán",
        "nóng chết đi được, cho hỏi bao giờ có điện lại",
    ),
    (
        "tháng này cháy túi rồi, {toi} hỏi thủ tục vay vốn thôi",
        "cháy túi vì mua sắm, {toi} gọi nhầm số ngân hàng",
    ),
)

SHOP_FIRES = (
    S(
        T.FIRE,
        U.P2,
        "quán {toi}{at} cháy rồi, mọi người chạy ra hết rồi",
        "tiệm {toi} bốc cháy, khói nhiều lắm, không ai ở trong",
        "quán bên cạnh cháy rồi, lửa đang lan sang nhà {toi}",
        "sạp hàng ngoài chợ{at} đang cháy, lửa to lắm",
        extras=("khói đen bốc lên", "{toi} đã ngắt cầu dao"),
    ),
    S(
        T.FIRE,
        U.P2,
        "quán cà phê{at} cháy rồi, khách ra hết rồi",
        "quán {toi} cháy rồi, cháy to lắm",
        "tiệm {toi} cháy rồi anh ơi, lửa lớn lắm",
        "cửa hàng {toi} cháy rồi, cháy rồi",
        "quán ăn đầu ngõ cháy rồi, lửa bốc lên cao",
        "cửa hàng quần áo{at} bốc cháy, không ai bên trong",
        "quán tôi cháy rồi, cháy rồi, mọi người ra ngoài được rồi",
        extras=("khói đen bốc lên", "mùi khét lắm"),
    ),
    S(
        T.FIRE,
        U.P1,
        "quán {toi}{at} cháy rồi, {adult} còn kẹt trong kho",
        "tiệm bốc cháy, {elder} còn ở trên gác không xuống được",
        "quán karaoke{at} cháy rồi, nhiều người còn kẹt trên lầu",
        "quán karaoke cháy to lắm, khách còn mắc kẹt trong phòng hát",
        extras=("cửa cuốn bị kẹt", "lửa lan nhanh lắm"),
        people_lines=("trong đó còn {np}",),
    ),
)
