// Keyboard shortcuts of the console and their help overlay ("?").
// Keys act only when no field has the focus; the page supplies what each key does.

import { el } from "./dom.js";

export const SHORTCUTS = Object.freeze([
  ["N", "next", "Mở cuộc gọi khẩn cấp nhất chưa có ai nhận"],
  ["J hoặc ↓", "down", "Cuộc gọi tiếp theo trong hàng đợi"],
  ["K hoặc ↑", "up", "Cuộc gọi phía trên trong hàng đợi"],
  ["C", "claim", "Nhận cuộc gọi đang mở (nối thoại ngay)"],
  ["D", "dispatch", "Điều lực lượng cho cuộc gọi đang mở"],
  ["O", "override", "Sửa phân loại (loại sự việc, mức khẩn cấp)"],
  ["M", "mute", "Tắt / bật micro khi đang nói chuyện"],
  ["A", "alerts", "Tắt / bật tiếng cảnh báo"],
  ["/", "search", "Tìm trong hàng đợi"],
  ["?", "help", "Hiện / ẩn bảng phím tắt"],
  ["Esc", "escape", "Đóng bảng phím tắt, biểu mẫu đang mở"],
]);

const KEYS = {
  n: "next", j: "down", arrowdown: "down", k: "up", arrowup: "up", c: "claim", d: "dispatch",
  o: "override", m: "mute", a: "alerts", "/": "search", "?": "help", escape: "escape",
};

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

/** `handlers[name]()` for each shortcut name; returns a function that removes the listener. */
export function installShortcuts(handlers) {
  const listener = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const name = KEYS[event.key.toLowerCase()];
    if (!name) return;
    if (typing(event.target)) {
      if (name === "escape") { event.target.blur(); handlers.escape?.(); }
      return;
    }
    const handler = handlers[name];
    if (!handler) return;
    event.preventDefault();
    handler();
  };
  document.addEventListener("keydown", listener);
  return () => document.removeEventListener("keydown", listener);
}

export function helpOverlay(onClose) {
  return el(
    "div",
    { id: "help-overlay", class: "overlay", role: "dialog", "aria-modal": "true", "aria-labelledby": "help-title", hidden: true,
      onclick: (event) => { if (event.target.id === "help-overlay") onClose(); } },
    el("div", { class: "overlay-box" },
      el("h2", { id: "help-title" }, "Phím tắt"),
      el("table", { class: "shortcuts" },
        el("tbody", {}, SHORTCUTS.map(([keys, name, text]) => el("tr", { dataset: { shortcut: name } },
          el("td", {}, keys.split(" hoặc ").map((key, index) => [index ? " hoặc " : "", el("kbd", {}, key)])),
          el("td", {}, text))))),
      el("p", { class: "muted" }, "Phím tắt không hoạt động khi đang gõ trong ô nhập liệu."),
      el("button", { type: "button", class: "primary", onclick: onClose }, "Đóng")),
  );
}
