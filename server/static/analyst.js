// Analysts' console: search past calls, open one (timeline, transcript, labels, audit, audio),
// export the selection. Plain JS, no build step; talks only to /api/login and /api/analyst/*.
"use strict";

const TOKEN_KEY = "hotline.analyst.token";
const TYPE_NAMES = {
  fire: "Cháy nổ", rescue: "Cứu nạn", hazard: "Sự cố nguy hiểm",
  traffic_accident: "Tai nạn giao thông", violent_crime: "Tội phạm bạo lực",
  property_crime: "Tội phạm tài sản", domestic_violence: "Bạo lực gia đình",
  public_order: "Gây rối trật tự", medical: "Cấp cứu y tế", self_harm: "Tự hại",
  missing_person: "Người mất tích", non_emergency: "Không khẩn cấp",
};
const STATUS_NAMES = {
  bot: "Tổng đài tự động", waiting: "Đang chờ", claimed: "Đang xử lý",
  dispatched: "Đã điều lực lượng", closed: "Đã kết thúc",
};
const ACTION_NAMES = {
  claim: "Nhận cuộc gọi", release: "Trả cuộc gọi", override: "Sửa nhãn",
  dispatch: "Điều lực lượng", close: "Kết thúc", login: "Đăng nhập",
};

const $ = (selector) => document.querySelector(selector);
let token = sessionStorage.getItem(TOKEN_KEY);
let selectedId = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

function typeName(type) { return TYPE_NAMES[type] || type || "—"; }
const pad = (n) => String(n).padStart(2, "0");
// Vietnamese order, whatever the browser's locale: dd/mm/yyyy hh:mm:ss.
function when(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "dd/mm/yyyy" or "dd/mm/yyyy hh:mm" (local time) -> Date; null when empty; throws if wrong. */
function parseDay(text, endOfDay) {
  const value = (text || "").trim();
  if (!value) return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value);
  if (!match) throw new Error(`Ngày "${value}" phải viết dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm`);
  const [, day, month, year, hour, minute] = match.map((part) => (part === undefined ? undefined : Number(part)));
  const hasTime = hour !== undefined;
  const date = new Date(year, month - 1, day, hasTime ? hour : endOfDay ? 23 : 0, hasTime ? minute : endOfDay ? 59 : 0, endOfDay && !hasTime ? 59 : 0);
  if (date.getDate() !== day || date.getMonth() !== month - 1) throw new Error(`Không có ngày ${value}`);
  return date;
}
function seconds(value) { return typeof value === "number" ? `${value.toFixed(1)} s` : ""; }

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { ...(options.headers || {}), Authorization: `Bearer ${token}` },
  });
  if (response.status === 401) { showLogin("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại."); throw new Error("401"); }
  if (response.status === 403) { showLogin("Tài khoản này không có quyền phân tích."); throw new Error("403"); }
  if (!response.ok) throw new Error(`Lỗi máy chủ (${response.status})`);
  return response;
}

function showLogin(message = "") {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $("#app-view").hidden = true;
  $("#login-view").hidden = false;
  $("#login-error").textContent = message;
}

async function login(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch("/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
  });
  if (!response.ok) { $("#login-error").textContent = "Sai tên đăng nhập hoặc mật khẩu."; return; }
  const body = await response.json();
  if (body.role !== "analyst" && body.role !== "supervisor") {
    $("#login-error").textContent = "Tài khoản này không có quyền phân tích.";
    return;
  }
  token = body.token;
  sessionStorage.setItem(TOKEN_KEY, token);
  start(body.username);
}

function filterQuery() {
  const form = new FormData($("#filters"));
  const params = new URLSearchParams();
  for (const name of ["type", "urgency", "q"]) {
    const value = (form.get(name) || "").trim();
    if (value) params.set(name, value);
  }
  for (const name of ["from", "to"]) {
    const date = parseDay(form.get(name), name === "to");
    if (date) params.set(name, date.toISOString());
  }
  return params.toString();
}

async function search(event) {
  if (event) event.preventDefault();
  const response = await api(`/api/analyst/calls?${filterQuery()}`);
  const body = await response.json();
  const rows = $("#calls tbody");
  rows.replaceChildren();
  for (const call of body.calls) {
    const row = el("tr", { dataset: { callId: call.call_id } },
      el("td", {}, when(call.started_at)),
      el("td", {}, call.call_id),
      el("td", {}, call.trunk || ""),
      el("td", {}, typeName(call.incident_type)),
      el("td", { class: call.urgency || "" }, call.urgency || "—"),
      el("td", {}, call.location || ""),
      el("td", {}, STATUS_NAMES[call.status] || call.status || ""));
    if (call.call_id === selectedId) row.classList.add("selected");
    row.addEventListener("click", () => openCall(call.call_id));
    rows.append(row);
  }
  $("#result-count").textContent = `${body.calls.length} cuộc gọi` +
    (body.truncated ? " (chỉ hiện một phần, hãy thu hẹp bộ lọc)" : "");
}

function labelsTable(call) {
  const fields = [
    ["Loại sự việc", typeName(call.incident_type)],
    ["Mức khẩn", call.urgency || "—"],
    ["Địa điểm", call.location || "—"],
    ["Số người gặp nguy hiểm", call.people_at_risk ?? "—"],
    ["Có vũ khí", call.weapon === true ? "Có" : call.weapon === false ? "Không" : "—"],
    ["Số gọi lại", call.callback_number || "—"],
    ["Lý do", (call.reasons || []).join("; ") || "—"],
    ["Sửa nhãn bởi điều phối viên", call.override ? `${call.override.urgency || ""} ${typeName(call.override.incident_type)} (${call.override.by}: ${call.override.reason})` : "—"],
  ];
  return el("table", { id: "labels" }, el("tbody", {},
    ...fields.map(([name, value]) => el("tr", {}, el("th", {}, name), el("td", {}, String(value))))));
}

function timelineTable(detail) {
  const events = [];
  for (const segment of detail.segments) {
    if (segment.kind !== "final") continue;
    events.push({ at: segment.end, what: segment.speaker === "bot" ? "Tổng đài tự động" : "Người gọi", text: segment.text });
  }
  for (const item of detail.classifications) {
    const c = item.classification || item;
    events.push({ at: item.call_time, what: "Phân loại", text: `${typeName(c.incident_type)} / ${c.urgency}` });
  }
  events.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  return el("table", { id: "timeline" },
    el("thead", {}, el("tr", {}, el("th", {}, "Thời điểm"), el("th", {}, "Sự kiện"), el("th", {}, "Nội dung"))),
    el("tbody", {}, ...events.map((e) => el("tr", {}, el("td", {}, seconds(e.at)), el("td", {}, e.what), el("td", {}, e.text)))));
}

function auditTable(entries) {
  return el("table", { id: "audit" },
    el("thead", {}, el("tr", {}, el("th", {}, "Lúc"), el("th", {}, "Người thao tác"), el("th", {}, "Thao tác"), el("th", {}, "Chi tiết"))),
    el("tbody", {}, ...entries.map((entry) => el("tr", {},
      el("td", {}, when(entry.at)), el("td", {}, entry.username),
      el("td", {}, ACTION_NAMES[entry.action] || entry.action),
      el("td", {}, JSON.stringify(entry.details || {}))))));
}

async function openCall(callId) {
  selectedId = callId;
  for (const row of document.querySelectorAll("#calls tbody tr")) {
    row.classList.toggle("selected", row.dataset.callId === callId);
  }
  const detail = await (await api(`/api/analyst/calls/${encodeURIComponent(callId)}`)).json();
  const call = detail.call;
  const transcript = detail.segments.filter((s) => s.kind === "final" && s.speaker !== "bot")
    .map((s) => s.text).join(" ");
  const audio = el("div", { id: "audio" });
  const section = $("#detail");
  section.replaceChildren(
    el("h2", {}, `Cuộc gọi ${call.call_id}`),
    el("p", { class: "muted" }, `Bắt đầu ${when(call.started_at)} · kết thúc ${when(call.ended_at)} · đầu số ${call.trunk || ""} · ${STATUS_NAMES[call.status] || call.status}`),
    el("h3", {}, "Nhãn"), labelsTable(call),
    el("h3", {}, "Lời người gọi"), el("p", { id: "transcript" }, transcript || "(không có lời nói)"),
    el("h3", {}, "Ghi âm"), audio,
    el("h3", {}, "Diễn biến"), timelineTable(detail),
    el("h3", {}, "Nhật ký thao tác"), auditTable(detail.audit));
  if (detail.has_recording) {
    // <audio src> cannot send the Authorization header: fetch the file and play it locally.
    const blob = await (await api(`/api/analyst/calls/${encodeURIComponent(callId)}/recording`)).blob();
    audio.append(el("audio", { controls: "", src: URL.createObjectURL(blob) }));
  } else {
    audio.append(el("span", { class: "muted" }, "Không có ghi âm."));
  }
}

async function exportSelection(format) {
  const response = await api(`/api/analyst/export.${format}?${filterQuery()}`);
  const blob = await response.blob();
  const link = el("a", { href: URL.createObjectURL(blob), download: `cuoc-goi.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
}

function start(username) {
  $("#login-view").hidden = true;
  $("#app-view").hidden = false;
  $("#who").textContent = username ? `Xin chào, ${username}` : "";
  search().catch((error) => { $("#result-count").textContent = error.message; });
}

function init() {
  const select = $("#type-select");
  for (const [value, name] of Object.entries(TYPE_NAMES)) select.append(el("option", { value }, name));
  $("#login-form").addEventListener("submit", (event) => login(event).catch((e) => { $("#login-error").textContent = e.message; }));
  $("#filters").addEventListener("submit", (event) => search(event).catch((e) => { $("#result-count").textContent = e.message; }));
  $("#export-csv").addEventListener("click", () => exportSelection("csv"));
  $("#export-json").addEventListener("click", () => exportSelection("json"));
  $("#logout").addEventListener("click", () => {
    fetch("/api/logout", { method: "POST", headers: { Authorization: `Bearer ${token}` } }).finally(() => showLogin());
  });
  if (token) start(""); else showLogin();
}

init();
