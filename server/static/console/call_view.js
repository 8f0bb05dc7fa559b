// The open call: live transcript, classification, extracted fields, recording, actions, audit.
// Renders with textContent only; every action goes through api.act and shows its refusal.

import * as api from "./api.js";
import { clock, el, percent } from "./dom.js";
import {
  ACTION_NAMES, RED_FLAG_NAMES, SPEAKER_NAMES, STATUS_NAMES, TYPE_NAMES, URGENCY_NAMES, typeName,
} from "./labels.js";
import { Transcript, highlightTerms, markTerms } from "./transcript.js";

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
  constructor(root, { me, onUnauthorized }) {
    this.root = root;
    this.me = me;
    this.onUnauthorized = onUnauthorized;
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
      formNode: null, audioNode: null,
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
      this.notice = { kind: "ok", text: `Đã ${ACTION_NAMES[action] || action}` };
    } catch (error) {
      if (error.status === 401) { this.onUnauthorized(); return; }
      if (this.callId !== callId) return;
      this.notice = { kind: "error", text: refusalText(action, error) };
    }
    this.render();
  }

  async loadRecording() {
    const callId = this.callId;
    try {
      const blob = await api.recordingBlob(callId);
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
    this.root.replaceChildren(el("div", { class: "call-view", dataset: { callId: call.call_id } },
      el(
        "header",
        { class: `call-header urgency-${urgency}` },
        el("span", { class: `urgency-chip urgency-${urgency}`, title: call.urgency ? `urgency: ${call.urgency}` : "" }, call.urgency || "…"),
        el("h2", {}, el("span", { title: call.incident_type || "" }, typeName(call.incident_type))),
        el("span", { class: "call-id" }, `Mã: ${call.call_id}`),
        el("span", { class: "status", title: `status: ${call.status}` }, STATUS_NAMES[call.status] || call.status),
        call.flagged_for_pickup ? el("span", { class: "badge badge-pickup" }, "CẦN NHẬN NGAY") : null,
        call.live ? el("span", { class: "badge badge-live" }, "● Đang nói") : el("span", { class: "badge" }, "Đã ngắt máy"),
      ),
      this.notice ? el("p", { class: `notice notice-${this.notice.kind}`, role: "alert" }, this.notice.text) : null,
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
      const label = call.status === "bot" ? "Tiếp nhận từ tổng đài tự động" : "Nhận cuộc gọi";
      buttons.push(button(label, "claim", "primary", () => this.perform("claim")));
    }
    if (call.claimed_by && !mine) {
      buttons.push(el("span", { class: "held-by" }, `Đang do ${call.claimed_by} xử lý`));
    }
    if (this.canAct(call)) {
      buttons.push(button("Sửa phân loại", "override", "", () => this.toggleForm("override")));
    }
    if (call.claimed_by && this.canAct(call)) {
      buttons.push(button("Điều phối", "dispatch", "", () => this.toggleForm("dispatch")));
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
    this.render();
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
        Object.entries(TYPE_NAMES).map(([name, label]) => el("option", { value: name, title: name, selected: name === call.incident_type }, label)));
      const urgencySelect = el("select", { name: "urgency", "aria-label": "Mức khẩn cấp" },
        el("option", { value: "" }, "(giữ nguyên mức)"),
        Object.entries(URGENCY_NAMES).map(([name, label]) => el("option", { value: name, selected: name === call.urgency }, label)));
      const reason = el("input", { name: "reason", required: true, maxlength: "500", placeholder: "Lý do (bắt buộc)" });
      return el("form", {
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
          this.perform("override", body);
        },
      },
      el("label", {}, "Loại sự việc", typeSelect),
      el("label", {}, "Mức khẩn cấp", urgencySelect),
      el("label", { class: "grow" }, "Lý do", reason),
      el("button", { type: "submit", class: "primary" }, "Lưu phân loại"));
    }
    if (this.form === "dispatch") {
      const units = el("input", { name: "units", maxlength: "200", placeholder: "Lực lượng, phương tiện (không bắt buộc)" });
      return el("form", {
        class: "action-form", "data-form": "dispatch",
        onsubmit: (event) => {
          event.preventDefault();
          this.perform("dispatch", units.value.trim() ? { units: units.value.trim() } : {});
        },
      }, el("label", { class: "grow" }, "Lực lượng điều đi", units),
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
    return el(
      "section",
      { class: "classification" },
      el("h3", {}, "Phân loại"),
      el("dl", {},
        el("dt", {}, "Loại sự việc"),
        el("dd", { title: call.incident_type || "" }, `${call.incident_type ? typeName(call.incident_type) : "Đang phân loại"} (tin cậy ${percent(confidence.incident_type)})`),
        el("dt", {}, "Mức khẩn cấp"),
        el("dd", { title: call.urgency || "" }, `${URGENCY_NAMES[call.urgency] || "Chưa rõ"} (tin cậy ${percent(confidence.urgency)})`),
      ),
      call.override
        ? el("p", { class: "override-note" },
          `Sửa tay bởi ${call.override.by} lúc ${clock(call.override.at)}: ${call.override.reason}`,
          this.modelLabels ? ` (mô hình: ${typeName(this.modelLabels.incident_type)}, ${this.modelLabels.urgency})` : "")
        : null,
      flags.length
        ? el("div", { class: "flags" }, flags.map((name) => el("span", { class: "badge badge-flag", title: name }, `⚑ ${RED_FLAG_NAMES[name] || name}`)))
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
        el("dt", {}, "Địa điểm"), el("dd", { class: "field-location" }, call.location || "Chưa rõ"),
        el("dt", {}, "Số người gặp nguy"), el("dd", {}, call.people_at_risk ?? "Chưa rõ"),
        el("dt", {}, "Hung khí"), el("dd", {}, weapon),
        el("dt", {}, "Số gọi lại"), el("dd", {}, call.callback_number || call.caller_number || "Chưa rõ"),
        el("dt", {}, "Số người gọi cùng vụ"), el("dd", {}, call.incident_caller_count || 1),
        el("dt", {}, "Đầu số / tổng đài"), el("dd", {}, `${call.caller_number || "ẩn số"} · ${call.trunk || "—"}`),
        el("dt", {}, "Bắt đầu"), el("dd", {}, clock(call.started_at)),
      ),
    );
  }

  recordingView() {
    return el(
      "section",
      { class: "recording" },
      el("h3", {}, "Bản ghi âm"),
      this.audioView(),
      button(this.recordingUrl ? "Tải lại bản ghi" : "Nghe bản ghi", "recording", "", () => this.loadRecording()),
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

function button(label, action, kind, onClick) {
  return el("button", { type: "button", class: kind, dataset: { action }, onclick: onClick }, label);
}

function auditDetail(entry) {
  const details = entry.details || {};
  const parts = [];
  if (details.urgency) parts.push(details.urgency);
  if (details.incident_type) parts.push(typeName(details.incident_type));
  if (details.units) parts.push(details.units);
  if (details.reason) parts.push(`“${details.reason}”`);
  return parts.length ? `: ${parts.join(", ")}` : "";
}

function formatSeconds(value) {
  if (typeof value !== "number") return "";
  const seconds = Math.max(0, Math.floor(value));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
