// Vietnamese names for the label contract (shared/labels.md) and console vocabulary.
// Display only: the machine names stay the source of truth (in data attributes); every word a
// dispatcher reads, tooltips included, is Vietnamese.

export const TYPE_NAMES = Object.freeze({
  fire: "Cháy nổ",
  rescue: "Cứu nạn, cứu hộ",
  hazard: "Sự cố nguy hiểm",
  traffic_accident: "Tai nạn giao thông",
  violent_crime: "Tội phạm bạo lực",
  property_crime: "Tội phạm tài sản",
  domestic_violence: "Bạo lực gia đình",
  public_order: "Gây rối trật tự",
  medical: "Cấp cứu y tế",
  self_harm: "Tự tử, tự hại",
  missing_person: "Mất tích, đi lạc",
  non_emergency: "Không khẩn cấp",
});

export const URGENCY_NAMES = Object.freeze({
  P1: "P1 · Nguy hiểm tính mạng",
  P2: "P2 · Nghiêm trọng",
  P3: "P3 · Không còn nguy hiểm",
  P4: "P4 · Không khẩn cấp",
});

export const STATUS_NAMES = Object.freeze({
  bot: "Tổng đài tự động đang nghe",
  waiting: "Đang chờ",
  claimed: "Đang xử lý",
  dispatched: "Đã điều lực lượng",
  closed: "Đã đóng",
});

export const ACTION_NAMES = Object.freeze({
  claim: "nhận cuộc gọi",
  release: "trả cuộc gọi",
  override: "sửa phân loại",
  dispatch: "điều lực lượng",
  close: "đóng cuộc gọi",
  login: "đăng nhập",
  logout: "đăng xuất",
  voice_talk: "nối thoại với người gọi",
  voice_listen: "nghe cuộc gọi",
  unit_status: "cập nhật trạng thái lực lượng",
  call_back: "gọi lại người gọi",
  export: "xuất dữ liệu",
  create_user: "tạo tài khoản",
});

// Why a call ended (CallSummary.end_reason).
export const END_REASON_NAMES = Object.freeze({
  abandoned: "Người gọi gác máy khi chưa có ai nhận",
  stop: "Kết thúc bình thường",
  disconnected: "Mất kết nối đường dây",
  idle_timeout: "Đường dây im lặng quá lâu",
  error: "Lỗi hệ thống",
  server_shutdown: "Máy chủ dừng",
  server_restart: "Máy chủ khởi động lại",
  no_audio: "Không nhận được âm thanh",
});

export const UNIT_STATUS_NAMES = Object.freeze({
  available: "Sẵn sàng",
  en_route: "Đang đến",
  on_scene: "Đã tới hiện trường",
});

export const UNIT_KIND_NAMES = Object.freeze({
  ambulance: "Xe cứu thương",
  fire_engine: "Xe chữa cháy",
  rescue: "Cứu nạn cứu hộ",
  police: "Cảnh sát",
});

export const SOURCE_NAMES = Object.freeze({
  ws: "tổng đài điện thoại",
  twilio: "Twilio",
  webrtc: "trình duyệt (WebRTC)",
});

/** Tooltip of an urgency chip: "Mức khẩn cấp P1: nguy hiểm tính mạng". */
export function urgencyTitle(urgency) {
  if (!urgency) return "Chưa phân loại mức khẩn cấp";
  const name = URGENCY_NAMES[urgency] || urgency;
  return `Mức khẩn cấp ${name.replace(" · ", ": ").replace(/: (.)/, (_, c) => `: ${c.toLowerCase()}`)}`;
}

export const SPEAKER_NAMES = Object.freeze({
  caller: "Người gọi",
  bot: "Tổng đài tự động",
  dispatcher: "Điều phối viên",
});

export function typeName(type) {
  return TYPE_NAMES[type] || type || "Chưa rõ";
}

// Short names of the safety layer's red flags (classifiers/red_flags.py); unknown names show as is.
export const RED_FLAG_NAMES = Object.freeze({
  not_breathing: "Ngừng thở",
  unconscious: "Bất tỉnh",
  trapped_in_danger: "Mắc kẹt nguy hiểm",
  trapped: "Bị kẹt",
  drowning: "Đuối nước",
  weapon: "Có hung khí",
  people_inside_fire: "Còn người trong đám cháy",
  fire_burning: "Đang cháy",
  suicide_attempt: "Sắp tự tử",
  suicide_threat: "Dọa tự tử",
  seizure: "Co giật",
  abduction: "Bắt cóc",
  breathing_difficulty: "Khó thở",
  heavy_bleeding: "Chảy máu nhiều",
  childbirth: "Sắp sinh",
  stroke: "Đột quỵ",
  electrocution: "Điện giật",
  gas_leak: "Rò rỉ gas, hóa chất",
  violence_in_progress: "Bạo lực đang diễn ra",
  death_threat: "Dọa giết",
  missing_near_water: "Mất tích gần nước",
  fall_into_pit: "Rơi xuống hố, giếng",
  child_missing: "Trẻ em, người già đi lạc",
});
