// Dispatchers' console: login, the live ranked queue from /ws/console, the open call.
// Plain ES modules, no build step; all state comes from the server's snapshot and events.

import * as api from "./console/api.js";
import { CallPanel } from "./console/call_view.js";
import { CLOSE_FORBIDDEN, ConsoleConnection } from "./console/connection.js";
import { el } from "./console/dom.js";
import { ACTION_NAMES, typeName } from "./console/labels.js";
import { renderQueue, tickWaits } from "./console/queue_view.js";

const $ = (selector) => document.querySelector(selector);

const state = {
  calls: new Map(), // call_id -> CallSummary, as last sent by the server
  partials: new Map(), // call_id -> the caller's current partial segment (queue tail)
  selectedId: null,
  connection: null,
  panel: null,
  drawPending: false,
};

// ---------------------------------------------------------------- login
function showLogin(message = "") {
  state.connection?.stop();
  state.connection = null;
  $("#app-view").hidden = true;
  $("#login-view").hidden = false;
  $("#login-error").textContent = message;
  $("#login-form [name=username]").focus();
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const submit = form.querySelector("button[type=submit]");
  submit.disabled = true;
  $("#login-error").textContent = "";
  try {
    const result = await api.login(form.username.value.trim(), form.password.value);
    if (result.role === "analyst") {
      $("#login-error").textContent = "Tài khoản phân tích viên không dùng bảng điều phối.";
      return;
    }
    api.session.save(result.token, { username: result.username, role: result.role });
    form.password.value = "";
    startConsole();
  } catch (error) {
    $("#login-error").textContent = error.status === 401
      ? "Sai tên đăng nhập hoặc mật khẩu."
      : "Không kết nối được máy chủ, hãy thử lại.";
  } finally {
    submit.disabled = false;
  }
});

$("#logout").addEventListener("click", async () => {
  try { await api.logout(); } catch { /* the session is cleared locally either way */ }
  showLogin();
});

// ---------------------------------------------------------------- console
function startConsole() {
  const me = api.session.user;
  $("#login-view").hidden = true;
  $("#app-view").hidden = false;
  $("#who").textContent = `${me.username} (${me.role === "supervisor" ? "giám sát" : "điều phối viên"})`;
  state.calls.clear();
  state.partials.clear();
  state.panel = new CallPanel($("#call-panel"), {
    me,
    onUnauthorized: () => { api.session.clear(); showLogin("Phiên đăng nhập đã hết, hãy đăng nhập lại."); },
  });
  state.panel.closePanel();
  state.selectedId = null;
  state.connection = new ConsoleConnection(() => api.session.token, {
    onMessage: receive,
    onState: connectionState,
  });
  state.connection.start();
  draw();
}

function connectionState(status, detail = {}) {
  const banner = $("#connection-banner");
  document.body.dataset.connection = status;
  if (status === "open") {
    banner.hidden = true;
    banner.textContent = "";
  } else if (status === "connecting") {
    banner.hidden = false;
    banner.className = "banner info";
    banner.textContent = "Đang kết nối...";
  } else if (status === "lost") {
    banner.hidden = false;
    banner.className = "banner warn";
    banner.textContent = "Mất kết nối, đang kết nối lại...";
  } else if (status === "refused") {
    api.session.clear();
    showLogin(detail.code === CLOSE_FORBIDDEN
      ? "Tài khoản này không có quyền điều phối."
      : "Phiên đăng nhập đã hết, hãy đăng nhập lại.");
  }
}

function receive(message) {
  switch (message.type) {
    case "snapshot": {
      state.calls = new Map(message.queue.map((call) => [call.call_id, call]));
      state.partials.clear();
      const open = state.selectedId && state.calls.get(state.selectedId);
      if (open) state.panel.onCall(open);
      state.panel.resync();
      break;
    }
    case "call_updated": {
      const call = message.call;
      if (call.status === "closed") state.calls.delete(call.call_id);
      else state.calls.set(call.call_id, call);
      if (!call.live) state.partials.delete(call.call_id);
      state.panel.onCall(call);
      break;
    }
    case "transcript": {
      const { call_id: callId, segment } = message;
      if ((segment.speaker || "caller") === "caller") {
        if (segment.kind === "partial" && segment.text.trim()) state.partials.set(callId, segment);
        else state.partials.delete(callId);
      }
      state.panel.onSegment(callId, segment);
      break;
    }
    case "escalated": {
      const call = state.calls.get(message.call_id);
      toast(`Cuộc gọi ${typeName(call?.incident_type)} nâng mức ${message.from || "?"} → ${message.to}`, "warn");
      break;
    }
    case "audit": {
      const entry = message.entry;
      const me = api.session.user;
      if (entry.call_id && entry.username !== me?.username) {
        toast(`${entry.username} đã ${ACTION_NAMES[entry.action] || entry.action} (${entry.call_id})`, "info");
      }
      state.panel.onAudit(entry);
      break;
    }
    default:
      return; // pong and unknown types change nothing on screen
  }
  draw();
}

function openCall(callId) {
  state.selectedId = callId;
  state.panel.open(callId, state.calls.get(callId));
  draw();
}

// One redraw per animation frame, however many events arrive in between.
function draw() {
  if (state.drawPending) return;
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    const count = renderQueue($("#queue"), state.calls, state.partials, {
      selectedId: state.selectedId,
      onOpen: openCall,
    });
    $("#queue-count").textContent = `${count} cuộc gọi`;
    const flagged = [...state.calls.values()].filter((call) => call.flagged_for_pickup).length;
    $("#pickup-alert").hidden = flagged === 0;
    $("#pickup-alert").textContent = flagged ? `${flagged} cuộc gọi cần nhận ngay` : "";
  });
}

function toast(text, kind) {
  const item = el("li", { class: `toast toast-${kind}` }, text);
  $("#toasts").append(item);
  setTimeout(() => item.remove(), 6000);
}

setInterval(() => tickWaits($("#queue")), 1000);

if (api.session.token && api.session.user) startConsole();
else showLogin();
