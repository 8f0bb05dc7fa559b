// Draws the ranked live queue: one row per open call, most urgent first.
// Reads state only; the rows carry call ids and the page decides what a click does.

import { el, elapsed } from "./dom.js";
import { STATUS_NAMES, typeName } from "./labels.js";

/** Open calls in queue order: by rank, unranked (closed) calls left out. */
export function queueOrder(calls) {
  return [...calls.values()]
    .filter((call) => call.status !== "closed")
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.call_id.localeCompare(b.call_id));
}

export function renderQueue(container, calls, partials, { selectedId, onOpen }) {
  const ordered = queueOrder(calls);
  const rows = ordered.map((call) => queueRow(call, partials.get(call.call_id), call.call_id === selectedId, onOpen));
  container.replaceChildren(...rows);
  if (!rows.length) {
    container.append(el("li", { class: "queue-empty" }, "Chưa có cuộc gọi nào đang chờ."));
  }
  return ordered.length;
}

function queueRow(call, partial, selected, onOpen) {
  const urgency = call.urgency || "none";
  const classes = ["queue-row", `urgency-${urgency}`];
  if (selected) classes.push("selected");
  if (call.flagged_for_pickup) classes.push("flagged");
  if (call.claimed_by) classes.push("claimed");
  const badges = [];
  if (call.flagged_for_pickup) {
    badges.push(el("span", { class: "badge badge-pickup", title: "flagged_for_pickup" }, "CẦN NHẬN NGAY"));
  }
  if (call.status === "bot") {
    badges.push(el("span", { class: "badge badge-bot", title: "status: bot" }, "Tổng đài tự động"));
  }
  if (call.claimed_by) {
    badges.push(el("span", { class: "badge badge-claimed", title: `claimed_by: ${call.claimed_by}` }, `Đang xử lý: ${call.claimed_by}`));
  } else if (call.status === "dispatched") {
    badges.push(el("span", { class: "badge" }, STATUS_NAMES.dispatched));
  }
  if (call.live) badges.push(el("span", { class: "badge badge-live", title: "live" }, "● Đang nói"));
  if (call.override) badges.push(el("span", { class: "badge badge-override", title: `override by ${call.override.by}` }, "Đã sửa tay"));
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
    el("span", { class: `urgency-chip urgency-${urgency}`, title: call.urgency ? `urgency: ${call.urgency}` : "chưa phân loại" }, call.urgency || "…"),
    el(
      "div",
      { class: "row-main" },
      el(
        "div",
        { class: "row-head" },
        el("span", { class: "type", title: call.incident_type || "" }, call.incident_type ? typeName(call.incident_type) : "Đang phân loại"),
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
      el("span", { class: "wait", dataset: { since: call.started_at || "" }, title: "Thời gian chờ" }, elapsed(call.started_at)),
      el("span", { class: callers > 1 ? "callers many" : "callers", title: `incident: ${call.incident_id || "—"}` }, `${callers} người gọi`),
    ),
  );
}

/** Advances every "waiting time" cell without redrawing the rows. */
export function tickWaits(root) {
  const now = Date.now();
  for (const cell of root.querySelectorAll(".wait[data-since]")) {
    if (cell.dataset.since) cell.textContent = elapsed(cell.dataset.since, now);
  }
}
