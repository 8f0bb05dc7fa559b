// Dispatchers' console: login, the live ranked queue from /ws/console, the open call, its voice.
// Plain ES modules, no build step; all state comes from the server's snapshot and events.

import { Alerts } from "./console/alerts.js";
import * as api from "./console/api.js";
import { CallPanel } from "./console/call_view.js";
import { CLOSE_FORBIDDEN, ConsoleConnection } from "./console/connection.js";
import { el } from "./console/dom.js";
import { FilterBar, NO_FILTER, isFiltering, matchesFilter } from "./console/filters.js";
import { ACTION_NAMES, typeName } from "./console/labels.js";
import { queueOrder, renderQueue, tickWaits } from "./console/queue_view.js";
import { helpOverlay, installShortcuts } from "./console/shortcuts.js";
import { VoiceLink } from "./console/voice.js";

const $ = (selector) => document.querySelector(selector);

const state = {
  calls: new Map(), // call_id -> CallSummary, as last sent by the server
  partials: new Map(), // call_id -> the caller's current partial segment (queue tail)
  units: new Map(), // unit_id -> unit, as last sent by the server
  filter: { ...NO_FILTER },
  selectedId: null,
  connection: null,
  panel: null,
  snapshots: 0,
  drawPending: false,
};

const alerts = new Alerts({ onChange: drawAlerts });
const voice = new VoiceLink({ onChange: voiceChanged });
const filters = new FilterBar($("#queue-filters"), (filter) => { state.filter = filter; draw(); });
const help = helpOverlay(() => toggleHelp(false));
document.body.append(help);
// For people and tests alike: what the page itself believes (read-only use, please).
window.hotlineConsole = { state, alerts, voice, filters };

// ---------------------------------------------------------------- login
function showLogin(message = "") {
  state.connection?.stop();
  state.connection = null;
  voice.disconnect();
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
  state.snapshots = 0;
  state.panel = new CallPanel($("#call-panel"), {
    me,
    voice,
    units: () => state.units,
    onUnauthorized: () => { api.session.clear(); showLogin("Phiên đăng nhập đã hết, hãy đăng nhập lại."); },
    // Taking a live call connects the voice at once: the caller hears a person, not silence.
    onClaimed: (call) => { if (call.live) voice.connect(call.call_id, "talk"); },
  });
  state.panel.closePanel();
  state.selectedId = null;
  state.connection = new ConsoleConnection(() => api.session.token, {
    onMessage: receive,
    onState: connectionState,
  });
  state.connection.start();
  drawAlerts(alerts.state);
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
      state.units = new Map((message.units || []).map((unit) => [unit.unit_id, unit]));
      state.partials.clear();
      alerts.snapshot(message.queue, state.snapshots === 0);
      state.snapshots += 1;
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
      alerts.call(call);
      state.panel.onCall(call);
      // The voice ends with the call, the claim or the line: the server hangs up, say so here.
      if (voice.state.callId === call.call_id && voice.active) {
        const lostClaim = voice.state.mode === "talk" && call.claimed_by !== api.session.user?.username;
        if (!call.live || call.status === "closed" || lostClaim) voice.disconnect();
      }
      break;
    }
    case "unit_updated": {
      state.units.set(message.unit.unit_id, message.unit);
      state.panel.onUnits();
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
      alerts.escalated(message, call);
      toast(`Cuộc gọi ${typeName(call?.incident_type)} nâng mức ${message.from || "?"} → ${message.to}`, "warn");
      break;
    }
    case "audit": {
      const entry = message.entry;
      const me = api.session.user;
      if (entry.call_id && entry.username !== me?.username && !entry.action.startsWith("voice_")) {
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

function visibleCalls() {
  return queueOrder(state.calls).filter((call) => matchesFilter(call, state.filter));
}

// One redraw per animation frame, however many events arrive in between.
function draw() {
  if (state.drawPending) return;
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    filters.knowTrunks([...state.calls.values()].map((call) => call.trunk));
    const [shown, total] = renderQueue($("#queue"), state.calls, state.partials, {
      selectedId: state.selectedId,
      onOpen: openCall,
      matches: (call) => matchesFilter(call, state.filter),
    });
    $("#queue-count").textContent = isFiltering(state.filter) ? `${shown}/${total} cuộc gọi` : `${total} cuộc gọi`;
    const flagged = [...state.calls.values()].filter((call) => call.flagged_for_pickup).length;
    $("#pickup-alert").hidden = flagged === 0;
    $("#pickup-alert").textContent = flagged ? `${flagged} cuộc gọi cần nhận ngay` : "";
  });
}

function drawAlerts(alertState) {
  const button = $("#alerts-mute");
  button.textContent = alertState.muted ? "♪ Cảnh báo: tắt tiếng" : "♪ Cảnh báo: có tiếng";
  button.setAttribute("aria-pressed", String(alertState.muted));
  button.title = alertState.muted ? "Bật lại tiếng cảnh báo P1 (phím A)" : "Tắt tiếng cảnh báo P1 (phím A)";
  const banner = $("#alert-banner");
  const last = alertState.last;
  banner.hidden = !(last && alertState.flashing);
  if (last) {
    banner.dataset.kind = last.kind;
    banner.dataset.callId = last.callId;
    $("#alert-text").textContent = last.text;
  }
}

function voiceChanged(voiceState) {
  state.panel?.onVoice(voiceState);
  const badge = $("#voice-badge");
  const on = voiceState.status === "live" || voiceState.status === "connecting";
  badge.hidden = !on;
  if (on) {
    const what = voiceState.mode === "talk" ? (voiceState.muted ? "Micro tắt" : "Đang thoại") : "Đang nghe";
    badge.textContent = `☎ ${what}: ${voiceState.callId}`;
  }
}

function toast(text, kind) {
  const item = el("li", { class: `toast toast-${kind}` }, text);
  $("#toasts").append(item);
  setTimeout(() => item.remove(), 6000);
}

function toggleHelp(show = help.hidden) {
  help.hidden = !show;
  if (show) help.querySelector("button").focus();
}

// ---------------------------------------------------------------- alerts, keys, voice badge
$("#alerts-mute").addEventListener("click", () => alerts.setMuted(!alerts.state.muted));
$("#alert-open").addEventListener("click", () => {
  const last = alerts.state.last;
  alerts.acknowledge();
  if (last) openCall(last.callId);
});
$("#alert-dismiss").addEventListener("click", () => alerts.acknowledge());
$("#help-button").addEventListener("click", () => toggleHelp(true));
$("#voice-badge").addEventListener("click", () => { if (voice.state.callId) openCall(voice.state.callId); });

function step(offset) {
  const calls = visibleCalls();
  if (!calls.length) return;
  const at = calls.findIndex((call) => call.call_id === state.selectedId);
  const next = at === -1 ? 0 : Math.min(calls.length - 1, Math.max(0, at + offset));
  openCall(calls[next].call_id);
  document.querySelector(`.queue-row[data-call-id="${CSS.escape(calls[next].call_id)}"]`)?.scrollIntoView({ block: "nearest" });
}

installShortcuts({
  next: () => {
    // The most urgent call nobody holds yet: live callers come before call-backs (server rank).
    const call = visibleCalls().find((c) => !c.claimed_by && (c.status === "waiting" || c.status === "bot"));
    if (call) openCall(call.call_id);
    alerts.acknowledge();
  },
  down: () => step(1),
  up: () => step(-1),
  claim: () => state.panel?.claim(),
  dispatch: () => state.panel?.openForm("dispatch"),
  override: () => state.panel?.openForm("override"),
  mute: () => { if (voice.state.mode === "talk" && voice.active) voice.setMuted(!voice.state.muted); },
  alerts: () => alerts.setMuted(!alerts.state.muted),
  search: () => filters.focusSearch(),
  help: () => toggleHelp(),
  escape: () => { if (!help.hidden) toggleHelp(false); else state.panel?.closeForm(); alerts.acknowledge(); },
});

setInterval(() => tickWaits($("#queue")), 1000);

if (api.session.token && api.session.user) startConsole();
else showLogin();
