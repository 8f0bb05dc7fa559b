// Builds DOM nodes from data with textContent only.
// Never parses HTML: caller speech and every server string reach the page as text.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** "m:ss" (or "h:mm:ss") between an ISO time and now. */
export function elapsed(isoStart, now = Date.now()) {
  if (!isoStart) return "—";
  const seconds = Math.max(0, Math.floor((now - Date.parse(isoStart)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString("vi-VN") : "—";
}

export function percent(value) {
  return typeof value === "number" ? `${Math.round(value * 100)}%` : "—";
}
