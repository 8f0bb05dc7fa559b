// Draws the ranked live queue: one row per open call, most urgent first.
// Reads state only; the rows carry call ids and the page decides what a click does.

import { el, elapsed } from "./dom.js";
import { END_REASON_NAMES, STATUS_NAMES, typeName, urgencyTitle } from "./labels.js";

/** Open calls in queue order: by rank, unranked (closed) calls left out. */
export function queueOrder(calls) {
  return [...calls.values()]
    .filter((call) => call.status !== "closed")
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.call_id.localeCompare(b.call_id));
}

/** Draws the calls that pass `matches`; returns [shown, open] counts. */
export function renderQueue(container, calls, partials, { selectedId, onOpen, matches = () => true }) {
  const ordered = queueOrder(calls);
  const shown = ordered.filter(matches);
  const rows = shown.map((call) => queueRow(call, partials.get(call.call_id), call.call_id === selectedId, onOpen));
  container.replaceChildren(...rows);
  if (!rows.length) {
    const text = ordered.length ? "Không có cuộc gọi nào khớp bộ lọc." : "Chưa có cuộc gọi nào đang chờ.";
    container.append(el("li", { class: "queue-empty" }, text));
  }
  return [shown.length, ordered.length];
}

function queueRow(call, partial, selected, onOpen) {
  const urgency = call.urgency || "none";
  const abandoned = call.end_reason === "abandoned";
  const classes = ["queue-row", `urgency-${urgency}`];
  if (selected) classes.push("selected");
  if (call.flagged_for_pickup) classes.push("flagged");
  if (call.claimed_by) classes.push("claimed");
  if (abandoned) classes.push("abandoned");
  const badges = [];
  if (call.flagged_for_pickup) {
    badges.push(el("span", { class: "badge badge-pickup", title: "Tổng đài tự động đề nghị điều phối viên nhận ngay" }, "CẦN NHẬN NGAY"));
  }
  if (call.status === "bot") {
    badges.push(el("span", { class: "badge badge-bot", title: "Tổng đài tự động đang trả lời người gọi" }, "Tổng đài tự động"));
  }
  if (abandoned) {
    badges.push(el("span", { class: "badge badge-abandoned", title: END_REASON_NAMES.abandoned }, "Đã gác máy · cần gọi lại"));
  }
  if (call.claimed_by) {
    badges.push(el("span", { class: "badge badge-claimed", title: `Điều phối viên ${call.claimed_by} đang giữ cuộc gọi` }, `Đang xử lý: ${call.claimed_by}`));
  } else if (call.status === "dispatched") {
    badges.push(el("span", { class: "badge" }, STATUS_NAMES.dispatched));
  }
  if (call.units?.length) badges.push(el("span", { class: "badge badge-units", title: "Lực lượng đã điều" }, `Lực lượng: ${call.units.join(", ")}`));
  if (call.live) badges.push(el("span", { class: "badge badge-live", title: "Người gọi vẫn đang trên máy" }, "● Đang nói"));
  if (call.override) badges.push(el("span", { class: "badge badge-override", title: `Phân loại do ${call.override.by} sửa tay` }, "Đã sửa tay"));
  const callers = call.incident_caller_count || 1;
  const tail = call.transcript_tail || "";
  return el(
    "li",
    {
      class: classes.join(" "),
      dataset: { callId: call.call_id, urgency },
      tabindex: "0",
      role: "button",
      "aria-label": `Cuộc gọi ${call.call_id}`,
      onclick: () => onOpen(call.call_id),
      onkeydown: (event) => { if (event.key === "Enter") onOpen(call.call_id); },
    },
    el("span", { class: "rank" }, call.rank ?? "–"),
    el("span", { class: `urgency-chip urgency-${urgency}`, title: urgencyTitle(call.urgency) }, call.urgency || "…"),
    el(
      "div",
      { class: "row-main" },
      el(
        "div",
        { class: "row-head" },
        el("span", { class: "type", title: "Loại sự việc" }, call.incident_type ? typeName(call.incident_type) : "Đang phân loại"),
        el("span", { class: "location", title: "Địa điểm" }, call.location || "Chưa rõ địa điểm"),
        ...badges,
      ),
      el(
        "div",
        { class: "tail", title: "Lời người gọi gần nhất" },
        tail ? el("span", { class: "tail-final" }, tail) : null,
        partial ? el("span", { class: "tail-partial" }, ` ${partial.text}`) : null,
        !tail && !partial ? el("span", { class: "muted" }, "(chưa có lời thoại)") : null,
      ),
    ),
    el(
      "div",
      { class: "row-side" },
      waitCell(call),
      el("span", { class: callers > 1 ? "callers many" : "callers", title: callers > 1 ? "Số người gọi báo cùng một vụ việc" : "Chưa thấy cuộc gọi khác cùng vụ" }, `${callers} người gọi`),
    ),
  );
}

// The clock of a call that ended stops at its end: a 16 s call never shows 21 minutes.
function waitCell(call) {
  if (!call.live && call.ended_at) {
    const took = elapsed(call.started_at, Date.parse(call.ended_at));
    const text = call.end_reason === "abandoned" ? `gác máy sau ${took}` : `dài ${took}`;
    return el("span", { class: "wait stopped", dataset: { stopped: "1" }, title: "Thời gian cuộc gọi, đã dừng khi người gọi gác máy" }, text);
  }
  return el("span", { class: "wait", dataset: { since: call.started_at || "" }, title: "Thời gian từ khi cuộc gọi đến" }, elapsed(call.started_at));
}

/** Advances every "waiting time" cell without redrawing the rows. */
export function tickWaits(root) {
  const now = Date.now();
  for (const cell of root.querySelectorAll(".wait[data-since]")) {
    if (cell.dataset.since) cell.textContent = elapsed(cell.dataset.since, now);
  }
}
