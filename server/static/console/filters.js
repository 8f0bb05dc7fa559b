// The live queue's filters (urgency, type, status, trunk) and search box.
// Pure matching plus the toolbar's DOM; the page owns the filter state and redraws on change.

import { el } from "./dom.js";
import { STATUS_NAMES, TYPE_NAMES, URGENCY_NAMES, typeName } from "./labels.js";

export const NO_FILTER = Object.freeze({ urgency: "", type: "", status: "", trunk: "", text: "" });

// A hung-up call keeps status "waiting" on the server; the dispatcher filters it on its own.
export const FILTER_STATUSES = Object.freeze({
  waiting: STATUS_NAMES.waiting,
  bot: "Tổng đài tự động",
  claimed: STATUS_NAMES.claimed,
  dispatched: STATUS_NAMES.dispatched,
  abandoned: "Đã gác máy",
});

/** Lowercase without Vietnamese marks (đ -> d): "Khói" -> "khoi". */
export function fold(text) {
  return String(text || "").normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function hasMarks(text) {
  return fold(text) !== String(text).toLowerCase();
}

export function statusOf(call) {
  return call.end_reason === "abandoned" ? "abandoned" : call.status;
}

/** Whether `call` passes `filter`. A query without marks ("khoi") also finds "khói"; one typed
 * with marks matches them exactly, as the analysts' search does. */
export function matchesFilter(call, filter) {
  if (filter.urgency && (call.urgency || "") !== filter.urgency) return false;
  if (filter.type && call.incident_type !== filter.type) return false;
  if (filter.status && statusOf(call) !== filter.status) return false;
  if (filter.trunk && call.trunk !== filter.trunk) return false;
  const query = filter.text.trim();
  if (!query) return true;
  const haystack = [call.call_id, call.caller_number, call.callback_number, call.location,
    call.transcript_tail, typeName(call.incident_type), call.claimed_by].filter(Boolean).join(" ");
  if (hasMarks(query)) return haystack.toLowerCase().includes(query.toLowerCase());
  return fold(haystack).includes(fold(query));
}

export function isFiltering(filter) {
  return Object.values(filter).some((value) => String(value).trim() !== "");
}

/** The toolbar above the queue; `onChange(filter)` on every edit. Trunk choices follow the calls. */
export class FilterBar {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = onChange;
    this.filter = { ...NO_FILTER };
    this.search = el("input", {
      type: "search", name: "q", placeholder: "Tìm: địa điểm, lời người gọi, số máy… ( / )",
      "aria-label": "Tìm trong hàng đợi", autocomplete: "off",
      oninput: () => this.set("text", this.search.value),
    });
    this.selects = {
      urgency: this.select("urgency", "Mức khẩn cấp", "Mọi mức", Object.fromEntries(Object.keys(URGENCY_NAMES).map((u) => [u, u]))),
      type: this.select("type", "Loại sự việc", "Mọi loại", TYPE_NAMES),
      status: this.select("status", "Trạng thái", "Mọi trạng thái", FILTER_STATUSES),
      trunk: this.select("trunk", "Đầu số", "Mọi đầu số", {}),
    };
    this.clear = el("button", { type: "button", class: "link", hidden: true, onclick: () => this.reset() }, "Bỏ lọc");
    root.replaceChildren(this.search, ...Object.values(this.selects), this.clear);
  }

  select(name, label, all, options) {
    return el("select", {
      name, "aria-label": label, title: label,
      onchange: (event) => this.set(name, event.target.value),
    }, el("option", { value: "" }, all), Object.entries(options).map(([value, text]) => el("option", { value }, text)));
  }

  set(name, value) {
    this.filter = { ...this.filter, [name]: value };
    this.clear.hidden = !isFiltering(this.filter);
    this.onChange(this.filter);
  }

  reset() {
    this.filter = { ...NO_FILTER };
    this.search.value = "";
    for (const select of Object.values(this.selects)) select.value = "";
    this.clear.hidden = true;
    this.onChange(this.filter);
  }

  /** Keeps the trunk list to the trunks of the calls on screen (plus the chosen one). */
  knowTrunks(trunks) {
    const select = this.selects.trunk;
    const wanted = [...new Set([...trunks, this.filter.trunk].filter(Boolean))].sort();
    const have = [...select.options].slice(1).map((option) => option.value);
    if (wanted.join() === have.join()) return;
    select.replaceChildren(el("option", { value: "" }, "Mọi đầu số"), ...wanted.map((trunk) => el("option", { value: trunk }, trunk)));
    select.value = this.filter.trunk;
  }

  focusSearch() { this.search.focus(); this.search.select(); }
}
