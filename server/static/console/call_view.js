// The open call: live transcript, classification, extracted fields, recording, actions, audit.
// Renders with textContent only; every action goes through api.act and shows its refusal.

import * as api from "./api.js";
import { clock, el, elapsed, percent } from "./dom.js";
import {
  ACTION_NAMES, END_REASON_NAMES, RED_FLAG_NAMES, SOURCE_NAMES, SPEAKER_NAMES, STATUS_NAMES,
  TYPE_NAMES, UNIT_STATUS_NAMES, URGENCY_NAMES, typeName, urgencyTitle,
} from "./labels.js";
import { Transcript, highlightTerms, markTerms } from "./transcript.js";
import { VoiceBar } from "./voice_bar.js";

const URGENCY_ORDER = ["P1", "P2", "P3", "P4"];

/** True when going from `current` to `wanted` lowers a P1 or P2 call (needs a confirmation). */
export function isGuardedDowngrade(current, wanted) {
  if (!current || !wanted) return false;
  return (current === "P1" || current === "P2") && URGENCY_ORDER.indexOf(wanted) > URGENCY_ORDER.indexOf(current);
}

export function refusalText(action, error) {
  if (error.status === 409 && action === "claim") return "Đã có điều phối viên khác nhận";
  if (error.status === 409) return "Không thực hiện được: cuộc gọi đã đổi trạng thái hoặc do người khác giữ";
  if (error.status === 403) return "Tài khoản của bạn không có quyền làm việc này";
  if (error.status === 404) return "Không tìm thấy cuộc gọi này";
  if (error.status === 422) return "Thiếu thông tin: hãy chọn giá trị mới và ghi lý do";
  if (error.status === 401) return "Phiên đăng nhập đã hết, hãy đăng nhập lại";
  return `Lỗi máy chủ (${error.status || "mạng"}), hãy thử lại`;
}

export class CallPanel {
  constructor(root, { me, onUnauthorized, voice, units, onClaimed }) {
    this.root = root;
    this.me = me;
    this.onUnauthorized = onUnauthorized;
    this.voice = voice;
    this.units = units; // () -> Map unit_id -> unit, as last sent by the server
    this.onClaimed = onClaimed || (() => {});
    this.voiceBar = new VoiceBar(voice, {
      me,
      onTalk: (call) => voice.connect(call.call_id, "talk"),
      onListen: (call) => voice.connect(call.call_id, "listen"),
    });
    this.callId = null;
    this.summary = null;
    this.modelLabels = null;
    this.transcript = new Transcript();
    this.audit = [];
    this.notice = null;
    this.pending = [];
    this.loading = false;
    this.recordingUrl = null;
    this.form = null; // "override" | "close" | "dispatch" | null
  }

  get isOpen() { return this.callId !== null; }

  async open(callId, summary) {
    this.closePanel();
    this.callId = callId;
    this.summary = summary || null;
    this.loading = true;
    this.render();
    try {
      const detail = await api.callDetail(callId);
      if (this.callId !== callId) return;
      // A live call_updated may have landed while loading: it is newer than the fetch.
      if (!this.summary || this.summary === summary) this.summary = detail.call;
      for (const segment of detail.segments) this.transcript.add(segment);
      const last = detail.classifications[detail.classifications.length - 1];
      this.modelLabels = last ? { urgency: last.urgency, incident_type: last.incident_type } : null;
      this.audit = detail.audit;
    } catch (error) {
      if (this.callId !== callId) return;
      if (error.status === 401) { this.onUnauthorized(); return; }
      this.notice = { kind: "error", text: refusalText("read", error) };
    }
    this.loading = false;
    for (const segment of this.pending.splice(0)) this.transcript.add(segment);
    this.render();
  }

  /** After a reconnect: fetch what the open call got while the link was down. */
  async resync() {
    const callId = this.callId;
    if (!callId || this.loading) return;
    try {
      const detail = await api.callDetail(callId);
      if (this.callId !== callId) return;
      let changed = false;
      for (const segment of detail.segments) changed = this.transcript.add(segment) || changed;
      for (const entry of detail.audit) {
        if (!this.audit.some((known) => known.id === entry.id)) { this.audit.push(entry); changed = true; }
      }
      if (changed) this.render();
    } catch (error) {
      if (error.status === 401) this.onUnauthorized();
    }
  }

  closePanel() {
    if (this.recordingUrl) URL.revokeObjectURL(this.recordingUrl);
    Object.assign(this, {
      callId: null, summary: null, modelLabels: null, transcript: new Transcript(), audit: [],
      notice: null, pending: [], loading: false, recordingUrl: null, form: null,
      formNode: null, audioNode: null, confirmDowngrade: false,
    });
    this.root.replaceChildren(el("p", { class: "muted placeholder" }, "Chọn một cuộc gọi trong hàng đợi để xem chi tiết."));
  }

  // ---- live events for the open call
  onCall(call) {
    if (call.call_id !== this.callId) return;
    this.summary = call;
    this.render();
  }

  onSegment(callId, segment) {
    if (callId !== this.callId) return;
    if (this.loading) { this.pending.push(segment); return; }
    if (this.transcript.add(segment)) this.renderTranscript();
  }

  onUnits() {
    if (this.callId && this.summary?.units?.length) this.render();
  }

  onVoice(voiceState) {
    if (this.callId) this.voiceBar.update(voiceState);
  }

  onAudit(entry) {
    if (entry.call_id !== this.callId) return;
    if (this.audit.some((known) => known.id === entry.id)) return;
    this.audit.push(entry);
    this.render();
  }

  // ---- actions
  async perform(action, body) {
    const callId = this.callId;
    try {
      const result = await api.act(callId, action, body);
      if (this.callId !== callId) return;
      this.summary = result.call;
      this.form = null;
      this.formNode = null;
      this.confirmDowngrade = false;
      this.notice = { kind: "ok", text: `Đã ${ACTION_NAMES[action] || action}` };
      if (action === "claim") this.onClaimed(result.call);
    } catch (error) {
      if (error.status === 401) { this.onUnauthorized(); return; }
      if (this.callId !== callId) return;
      this.notice = { kind: "error", text: refusalText(action, error) };
    }
    this.render();
  }

  async loadRecording(speaker = "caller") {
    const callId = this.callId;
    try {
      const blob = await api.recordingBlob(callId, speaker);
      this.recordingSpeaker = speaker;
      if (this.callId !== callId) return;
      if (this.recordingUrl) URL.revokeObjectURL(this.recordingUrl);
      this.recordingUrl = URL.createObjectURL(blob);
    } catch (error) {
      if (this.callId !== callId) return;
      this.notice = { kind: "error", text: error.status === 404 ? "Chưa có bản ghi âm cho cuộc gọi này" : refusalText("recording", error) };
    }
    this.render();
  }

  // ---- drawing
  render() {
    if (!this.callId) return;
    const call = this.summary;
    if (!call) {
      this.root.replaceChildren(el("p", { class: "muted" }, "Đang tải cuộc gọi..."));
      return;
    }
    const urgency = call.urgency || "none";
    const abandoned = call.end_reason === "abandoned";
    this.voiceBar.show(call);
    this.root.replaceChildren(el("div", { class: "call-view", dataset: { callId: call.call_id, endReason: call.end_reason || "" } },
      el(
        "header",
        { class: `call-header urgency-${urgency}` },
        el("span", { class: `urgency-chip urgency-${urgency}`, title: urgencyTitle(call.urgency) }, call.urgency || "…"),
        el("h2", {}, el("span", { title: "Loại sự việc" }, typeName(call.incident_type))),
        el("span", { class: "call-id", title: "Mã cuộc gọi" }, `Mã: ${call.call_id}`),
        el("span", { class: "status", title: "Trạng thái xử lý" }, abandoned ? "Đã gác máy, chưa ai nhận" : STATUS_NAMES[call.status] || call.status),
        call.flagged_for_pickup ? el("span", { class: "badge badge-pickup", title: "Tổng đài tự động đề nghị điều phối viên nhận ngay" }, "CẦN NHẬN NGAY") : null,
        call.live
          ? el("span", { class: "badge badge-live", title: "Người gọi vẫn đang trên máy" }, "● Đang nói")
          : el("span", { class: abandoned ? "badge badge-abandoned" : "badge", title: END_REASON_NAMES[call.end_reason] || "Cuộc gọi đã kết thúc" }, abandoned ? "Người gọi đã gác máy" : "Đã ngắt máy"),
      ),
      this.notice ? el("p", { class: `notice notice-${this.notice.kind}`, role: "alert" }, this.notice.text) : null,
      abandoned ? this.callBackView(call) : null,
      this.voiceBar.node,
      this.actionBar(call),
      this.formView(call),
      el(
        "div",
        { class: "call-body" },
        el(
          "section",
          { class: "transcript-box" },
          el("h3", {}, call.status === "bot" ? "Hội thoại với tổng đài tự động" : "Lời thoại trực tiếp"),
          el("ol", { class: "transcript", "aria-live": "polite" }),
        ),
        el(
          "aside",
          { class: "facts" },
          this.classificationView(call),
          this.fieldsView(call),
          this.unitsView(call),
          this.recordingView(),
          this.auditView(),
        ),
      ),
    ));
    this.renderTranscript();
  }

  renderTranscript() {
    const list = this.root.querySelector("ol.transcript");
    if (!list) return;
    const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
    const terms = this.summary ? highlightTerms(this.summary) : [];
    const lines = this.transcript.lines().map((segment) => {
      const speaker = segment.speaker || "caller";
      const parts = segment.kind === "final" && speaker === "caller" ? markTerms(segment.text, terms) : [{ text: segment.text, marked: false }];
      return el(
        "li",
        { class: `line speaker-${speaker} ${segment.kind}` },
        el("span", { class: "speaker" }, SPEAKER_NAMES[speaker] || speaker),
        el("span", { class: "at" }, formatSeconds(segment.start)),
        el("span", { class: "text" }, parts.map((part) => (part.marked ? el("mark", { class: "red-flag" }, part.text) : part.text))),
      );
    });
    if (!lines.length) lines.push(el("li", { class: "muted" }, this.loading ? "Đang tải..." : "Chưa có lời thoại."));
    list.replaceChildren(...lines);
    if (stick) list.scrollTop = list.scrollHeight;
  }

  canAct(call) {
    return !call.claimed_by || call.claimed_by === this.me.username || this.me.role === "supervisor";
  }

  actionBar(call) {
    const buttons = [];
    const mine = call.claimed_by === this.me.username;
    if (call.status === "closed") {
      return el("div", { class: "actions" }, el("span", { class: "muted" }, "Cuộc gọi đã đóng."));
    }
    if (!call.claimed_by && (call.status === "waiting" || call.status === "bot")) {
      const label = call.status === "bot" ? "Tiếp nhận từ tổng đài tự động" : call.live ? "Nhận cuộc gọi" : "Nhận xử lý";
      buttons.push(button(label, "claim", "primary", () => this.perform("claim"), "C"));
    }
    if (call.claimed_by && !mine) {
      buttons.push(el("span", { class: "held-by" }, `Đang do ${call.claimed_by} xử lý`));
    }
    if (this.canAct(call)) {
      buttons.push(button("Sửa phân loại", "override", "", () => this.toggleForm("override"), "O"));
    }
    if (call.claimed_by && this.canAct(call)) {
      buttons.push(button("Điều phối", "dispatch", "", () => this.toggleForm("dispatch"), "D"));
      buttons.push(button("Trả cuộc gọi", "release", "", () => this.perform("release")));
    }
    if ((mine || this.me.role === "supervisor") && call.status !== "closed") {
      buttons.push(button("Đóng", "close", "danger", () => this.toggleForm("close")));
    }
    return el("div", { class: "actions" }, buttons);
  }

  toggleForm(name) {
    this.form = this.form === name ? null : name;
    this.formNode = null;
    this.notice = null;
    this.confirmDowngrade = false;
    this.render();
    this.formNode?.querySelector("select, input")?.focus();
  }

  // ---- keyboard shortcuts (the page maps keys to these)
  claim() {
    const call = this.summary;
    if (call && !call.claimed_by && (call.status === "waiting" || call.status === "bot")) this.perform("claim");
  }

  openForm(name) {
    const call = this.summary;
    if (!call || call.status === "closed" || !this.canAct(call)) return;
    if (name === "dispatch" && !call.claimed_by) return;
    if (this.form !== name) this.toggleForm(name);
  }

  closeForm() {
    if (this.form) this.toggleForm(this.form);
  }

  formView(call) {
    // Reuse the form node: live updates redraw the panel and must not wipe what is being typed.
    if (!this.form) return null;
    if (!this.formNode || this.formNode.dataset.form !== this.form) this.formNode = this.buildForm(call);
    return this.formNode;
  }

  buildForm(call) {
    if (this.form === "override") {
      const typeSelect = el("select", { name: "incident_type", "aria-label": "Loại sự việc" },
        el("option", { value: "" }, "(giữ nguyên loại)"),
        Object.entries(TYPE_NAMES).map(([name, label]) => el("option", { value: name, selected: name === call.incident_type }, label)));
      const urgencySelect = el("select", { name: "urgency", "aria-label": "Mức khẩn cấp" },
        el("option", { value: "" }, "(giữ nguyên mức)"),
        Object.entries(URGENCY_NAMES).map(([name, label]) => el("option", { value: name, selected: name === call.urgency }, label)));
      const reason = el("input", { name: "reason", required: true, maxlength: "500", placeholder: "Lý do (bắt buộc)" });
      const confirm = el("div", { class: "confirm-downgrade", role: "alert", hidden: true });
      const form = el("form", {
        class: "action-form", "data-form": "override",
        onsubmit: (event) => {
          event.preventDefault();
          // Send only what changes, so the audit log says what the dispatcher decided.
          const current = this.summary || call;
          const body = { reason: reason.value.trim() };
          if (typeSelect.value && typeSelect.value !== current.incident_type) body.incident_type = typeSelect.value;
          if (urgencySelect.value && urgencySelect.value !== current.urgency) body.urgency = urgencySelect.value;
          if (!body.incident_type && !body.urgency) {
            this.notice = { kind: "error", text: "Hãy chọn loại sự việc hoặc mức khẩn cấp mới" };
            this.render();
            return;
          }
          if (isGuardedDowngrade(current.urgency, body.urgency)) {
            if (body.reason.length < 5) {
              this.notice = { kind: "error", text: `Hạ mức ${current.urgency} cần ghi rõ lý do` };
              this.render();
              reason.focus();
              return;
            }
            if (!this.confirmDowngrade) {
              // First press: say what this does and wait for a second, deliberate one.
              this.confirmDowngrade = true;
              confirm.hidden = false;
              confirm.replaceChildren(
                el("strong", {}, `Hạ mức ${current.urgency} → ${body.urgency}?`),
                ` Cuộc gọi sẽ xuống dưới trong hàng đợi. Lý do: “${body.reason}”. `,
                el("button", { type: "submit", class: "danger", dataset: { action: "confirm-downgrade" } }, "Xác nhận hạ mức"),
                el("button", { type: "button", onclick: () => { this.confirmDowngrade = false; confirm.hidden = true; } }, "Không hạ"),
              );
              confirm.querySelector("button").focus();
              return;
            }
            body.confirm_downgrade = true;
          }
          this.perform("override", body);
        },
      },
      el("label", {}, "Loại sự việc", typeSelect),
      el("label", {}, "Mức khẩn cấp", urgencySelect),
      el("label", { class: "grow" }, "Lý do", reason),
      el("button", { type: "submit", class: "primary" }, "Lưu phân loại"),
      confirm);
      // A changed choice needs its own confirmation.
      for (const field of [typeSelect, urgencySelect]) {
        field.addEventListener("change", () => { this.confirmDowngrade = false; confirm.hidden = true; });
      }
      return form;
    }
    if (this.form === "dispatch") {
      const units = [...this.units().values()];
      // The call's own service first (a 115 call lists ambulances first), then the others.
      units.sort((a, b) => (a.trunk !== call.trunk) - (b.trunk !== call.trunk) || a.unit_id.localeCompare(b.unit_id));
      const boxes = units.map((unit) => {
        const free = unit.status === "available";
        return el("label", { class: `unit-choice unit-${unit.status}`, title: free ? "Sẵn sàng điều đi" : `${UNIT_STATUS_NAMES[unit.status]} (cuộc gọi ${unit.call_id || "—"})` },
          el("input", { type: "checkbox", name: "unit", value: unit.unit_id, disabled: !free }),
          el("span", { class: "unit-id" }, unit.unit_id), ` ${unit.name} · `,
          el("span", { class: "unit-status" }, UNIT_STATUS_NAMES[unit.status] || unit.status));
      });
      const note = el("input", { name: "note", maxlength: "200", placeholder: "Ghi chú cho lực lượng (không bắt buộc)" });
      return el("form", {
        class: "action-form dispatch-form", "data-form": "dispatch",
        onsubmit: (event) => {
          event.preventDefault();
          const chosen = [...event.currentTarget.querySelectorAll("input[name=unit]:checked")].map((box) => box.value);
          if (!chosen.length) {
            this.notice = { kind: "error", text: "Hãy chọn ít nhất một lực lượng đang sẵn sàng" };
            this.render();
            return;
          }
          const body = { units: chosen };
          if (note.value.trim()) body.note = note.value.trim();
          this.perform("dispatch", body);
        },
      },
      el("fieldset", { class: "units-pick" }, el("legend", {}, "Lực lượng điều đi"), boxes.length ? boxes : el("p", { class: "muted" }, "Chưa có danh sách lực lượng.")),
      el("label", { class: "grow" }, "Ghi chú", note),
      el("button", { type: "submit", class: "primary" }, "Xác nhận điều phối"));
    }
    if (this.form === "close") {
      const reason = el("input", { name: "reason", required: true, maxlength: "500", placeholder: "Lý do đóng (bắt buộc)" });
      return el("form", {
        class: "action-form", "data-form": "close",
        onsubmit: (event) => { event.preventDefault(); this.perform("close", { reason: reason.value.trim() }); },
      }, el("label", { class: "grow" }, "Lý do", reason),
      el("button", { type: "submit", class: "danger" }, "Xác nhận đóng"));
    }
    return null;
  }

  classificationView(call) {
    const confidence = call.confidence || {};
    const flags = call.red_flags || [];
    const override = call.override || {};
    const model = this.modelLabels || {};
    // The model's confidence belongs to the model's label: a dispatcher's choice has none.
    const typeText = override.incident_type
      ? `${typeName(call.incident_type)} (sửa tay)`
      : `${call.incident_type ? typeName(call.incident_type) : "Đang phân loại"} (tin cậy ${percent(confidence.incident_type)})`;
    const urgencyText = override.urgency
      ? `${URGENCY_NAMES[call.urgency] || call.urgency} (sửa tay)`
      : `${URGENCY_NAMES[call.urgency] || "Chưa rõ"} (tin cậy ${percent(confidence.urgency)})`;
    const modelSaid = [];
    if (override.incident_type && model.incident_type) modelSaid.push(`${typeName(model.incident_type)} (tin cậy ${percent(confidence.incident_type)})`);
    if (override.urgency && model.urgency) modelSaid.push(`${model.urgency} (tin cậy ${percent(confidence.urgency)})`);
    return el(
      "section",
      { class: "classification" },
      el("h3", {}, "Phân loại"),
      el("dl", {},
        el("dt", {}, "Loại sự việc"),
        el("dd", { class: "label-type" }, typeText),
        el("dt", {}, "Mức khẩn cấp"),
        el("dd", { class: "label-urgency", title: urgencyTitle(call.urgency) }, urgencyText),
      ),
      call.override
        ? el("p", { class: "override-note" },
          `Sửa tay bởi ${call.override.by} lúc ${clock(call.override.at)}: ${call.override.reason}`,
          modelSaid.length ? el("span", { class: "model-said" }, ` Mô hình đề xuất: ${modelSaid.join(", ")}.`) : "")
        : null,
      flags.length
        ? el("div", { class: "flags" }, flags.map((name) => el("span", { class: "badge badge-flag", title: "Dấu hiệu nguy hiểm do bộ quy tắc an toàn phát hiện" }, `⚑ ${RED_FLAG_NAMES[name] || name}`)))
        : null,
      el("h4", {}, "Lý do"),
      el("ul", { class: "reasons" }, (call.reasons || []).map((reason) => el("li", {}, reason))),
    );
  }

  fieldsView(call) {
    const weapon = call.weapon === true ? "Có" : call.weapon === false ? "Không" : "Chưa rõ";
    return el(
      "section",
      { class: "fields" },
      el("h3", {}, "Thông tin trích xuất"),
      el("dl", {},
        el("dt", {}, "Địa điểm"), this.locationView(call),
        el("dt", {}, "Số người gặp nguy"), el("dd", {}, call.people_at_risk ?? "Chưa rõ"),
        el("dt", {}, "Hung khí"), el("dd", {}, weapon),
        el("dt", {}, "Số gọi lại"), el("dd", { class: "field-callback", title: "Số người gọi đọc trong cuộc gọi" }, call.callback_number || "Người gọi chưa đọc số"),
        el("dt", {}, "Số máy gọi đến"), el("dd", { class: "field-caller-id", title: "Số hiển thị của máy gọi đến (caller ID), không phải số người gọi đọc" }, call.caller_number || "Ẩn số"),
        el("dt", {}, "Số người gọi cùng vụ"), el("dd", {}, call.incident_caller_count || 1),
        el("dt", {}, "Đầu số"), el("dd", {}, `${call.trunk || "—"} · qua ${SOURCE_NAMES[call.source] || call.source || "—"}`),
        el("dt", {}, "Bắt đầu"), el("dd", {}, clock(call.started_at)),
        call.ended_at ? [el("dt", {}, "Kết thúc"), el("dd", { class: "field-ended" }, `${clock(call.ended_at)} (${END_REASON_NAMES[call.end_reason] || call.end_reason || "—"})`)] : null,
      ),
    );
  }

  locationView(call) {
    // The words heard, and the gazetteer's match with its confidence; an unmatched fragment is
    // shown as unverified words, never as an address.
    const address = call.address;
    if (address) {
      const sure = Math.round((address.confidence || 0) * 100);
      return el("dd", { class: "field-location" },
        el("div", { class: "address-normalised", title: `Khớp danh mục địa giới hành chính (tin cậy ${sure}%)` },
          `${address.normalised} (tin cậy ${sure}%)`),
        address.normalised_2025 && address.normalised_2025 !== address.normalised
          ? el("div", { class: "address-2025", title: "Tên đơn vị hành chính sau sắp xếp 2025" }, `Sau sáp nhập: ${address.normalised_2025}`)
          : null,
        el("div", { class: "address-heard" }, `Nghe được: “${address.heard}”`));
    }
    if (call.location) {
      return el("dd", { class: "field-location unverified", title: "Không khớp địa chỉ thật nào trong danh mục" },
        `Chưa xác minh: “${call.location}”`);
    }
    return el("dd", { class: "field-location" }, "Chưa rõ");
  }

  unitsView(call) {
    const roster = this.units();
    const sent = (call.units || []).map((id) => roster.get(id) || { unit_id: id, name: "", status: "en_route" });
    if (!sent.length) return null;
    const mayReport = this.canAct(call) && call.status !== "closed";
    return el("section", { class: "units" },
      el("h3", {}, "Lực lượng đã điều"),
      el("ul", { class: "unit-list" }, sent.map((unit) => el("li", { dataset: { unitId: unit.unit_id, status: unit.status } },
        el("span", { class: "unit-id" }, unit.unit_id), ` ${unit.name} · `,
        el("span", { class: `unit-status unit-${unit.status}` }, UNIT_STATUS_NAMES[unit.status] || unit.status),
        mayReport && unit.status === "en_route" ? button("Đã tới hiện trường", "unit-on-scene", "", () => this.reportUnit(unit.unit_id, "on_scene")) : null,
        mayReport ? button("Xong, sẵn sàng", "unit-available", "", () => this.reportUnit(unit.unit_id, "available")) : null))),
    );
  }

  async reportUnit(unitId, status) {
    try {
      await api.setUnitStatus(unitId, status);
      this.notice = { kind: "ok", text: `${unitId}: ${UNIT_STATUS_NAMES[status]}` };
    } catch (error) {
      if (error.status === 401) { this.onUnauthorized(); return; }
      this.notice = { kind: "error", text: refusalText("unit", error) };
    }
    this.render();
  }

  callBackView(call) {
    const waited = elapsed(call.started_at, Date.parse(call.ended_at || new Date().toISOString()));
    const number = call.callback_number || call.caller_number;
    const line = SOURCE_NAMES[call.source] || call.source;
    return el("div", { class: "callback", role: "status" },
      el("strong", {}, `Người gọi đã gác máy sau ${waited}, trước khi có người nhận.`),
      " ",
      call.can_call_back
        ? button(`Gọi lại ${number}`, "call-back", "primary", () => this.perform("call_back"))
        : el("span", { class: "callback-manual", dataset: { callBack: "manual" } },
          number
            ? `Đường ${line} không tự gọi ra được: hãy gọi lại số ${number} bằng điện thoại bàn, rồi đóng cuộc gọi này.`
            : `Đường ${line} không tự gọi ra được và không có số để gọi lại.`),
    );
  }

  recordingView() {
    return el(
      "section",
      { class: "recording" },
      el("h3", {}, "Bản ghi âm"),
      this.audioView(),
      this.recordingUrl ? el("p", { class: "muted" }, this.recordingSpeaker === "dispatcher" ? "Giọng điều phối viên" : "Đường dây người gọi") : null,
      button(this.recordingUrl ? "Tải lại bản ghi" : "Nghe bản ghi", "recording", "", () => this.loadRecording()),
      // The dispatcher's own voice is recorded on its own file, on the call's timeline.
      this.transcript.finals.some((line) => line.speaker === "dispatcher")
        ? button("Nghe giọng điều phối viên", "recording-dispatcher", "", () => this.loadRecording("dispatcher"))
        : null,
    );
  }

  audioView() {
    // The same <audio> survives redraws so playback is not cut by live updates.
    if (!this.recordingUrl) return null;
    if (!this.audioNode || this.audioNode.dataset.url !== this.recordingUrl) {
      this.audioNode = el("audio", { controls: true, src: this.recordingUrl, preload: "metadata", dataset: { url: this.recordingUrl } });
    }
    return this.audioNode;
  }

  auditView() {
    return el(
      "section",
      { class: "audit" },
      el("h3", {}, "Nhật ký thao tác"),
      el("ol", {}, this.audit.length
        ? this.audit.map((entry) => el("li", {}, `${clock(entry.at)} · ${entry.username} ${ACTION_NAMES[entry.action] || entry.action}${auditDetail(entry)}`))
        : el("li", { class: "muted" }, "Chưa có thao tác nào.")),
    );
  }
}

function button(label, action, kind, onClick, key) {
  return el("button", {
    type: "button", class: kind, dataset: { action }, onclick: onClick,
    title: key ? `Phím tắt: ${key}` : null, "aria-keyshortcuts": key || null,
  }, label, key ? el("kbd", { class: "key-hint", "aria-hidden": "true" }, key) : null);
}

function auditDetail(entry) {
  const details = entry.details || {};
  const parts = [];
  if (details.urgency) parts.push(details.urgency);
  if (details.incident_type) parts.push(typeName(details.incident_type));
  if (details.from && details.urgency) parts.push(`hạ từ ${details.from}`);
  if (Array.isArray(details.units) && details.units.length) parts.push(details.units.join(", "));
  else if (typeof details.units === "string" && details.units) parts.push(details.units);
  if (details.unit_id) parts.push(`${details.unit_id}: ${UNIT_STATUS_NAMES[details.to] || details.to}`);
  if (details.note) parts.push(details.note);
  if (details.reason) parts.push(`“${details.reason}”`);
  return parts.length ? `: ${parts.join(", ")}` : "";
}

function formatSeconds(value) {
  if (typeof value !== "number") return "";
  const seconds = Math.max(0, Math.floor(value));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
