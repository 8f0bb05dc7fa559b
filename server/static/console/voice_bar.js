// The voice controls of the open call: connect (talk or listen), mute, hang up, two level
// meters. One persistent node updated in place, so 4 level updates a second redraw nothing else.

import { el } from "./dom.js";

export class VoiceBar {
  constructor(voice, { me, onTalk, onListen }) {
    this.voice = voice;
    this.me = me;
    this.onTalk = onTalk;
    this.onListen = onListen;
    this.call = null;
    this.status = el("span", { class: "voice-status", role: "status" });
    this.micMeter = meter("Micro của bạn");
    this.inMeter = meter("Âm thanh cuộc gọi");
    this.buttons = el("span", { class: "voice-buttons" });
    this.error = el("span", { class: "voice-error", role: "alert" });
    this.node = el("section", { class: "voice-bar", "aria-label": "Thoại với người gọi", dataset: { voice: "idle" } },
      el("span", { class: "voice-title" }, "Thoại"), this.status, this.buttons,
      el("span", { class: "meters" }, this.micMeter.node, this.inMeter.node), this.error);
  }

  show(call) {
    this.call = call;
    this.update(this.voice.state);
  }

  update(state) {
    const call = this.call;
    if (!call) return;
    const here = state.callId === call.call_id;
    const status = here ? state.status : "idle";
    this.node.dataset.voice = status;
    this.node.dataset.live = call.live ? "yes" : "no";
    this.node.dataset.mode = here && state.mode ? state.mode : "";
    const mine = call.claimed_by === this.me.username;
    const supervisor = this.me.role === "supervisor";
    let text;
    const buttons = [];
    if (here && (status === "live" || status === "connecting")) {
      if (status === "connecting") text = "Đang nối thoại...";
      else if (state.mode === "talk") text = state.muted ? "● Đang nối thoại (micro đang tắt)" : "● Đang nói chuyện với người gọi";
      else text = "● Đang nghe (chỉ nghe, người gọi không nghe thấy bạn)";
      if (state.mode === "talk") {
        buttons.push(button(state.muted ? "Bật micro" : "Tắt micro", "mute", state.muted ? "primary" : "", () => this.voice.setMuted(!state.muted)));
      }
      buttons.push(button("Ngắt thoại", "hangup", "danger", () => this.voice.disconnect()));
    } else if (!call.live) {
      text = "Người gọi đã gác máy: không còn thoại";
    } else {
      text = mine ? "Chưa nối thoại" : supervisor ? "Có thể nghe cuộc gọi này" : "Nhận cuộc gọi để nói chuyện với người gọi";
      if (mine) buttons.push(button("Nói chuyện với người gọi", "talk", "primary", () => this.onTalk(call)));
      if (supervisor && !mine) buttons.push(button("Nghe (giám sát)", "listen", "", () => this.onListen(call)));
    }
    this.status.textContent = text;
    this.buttons.replaceChildren(...buttons);
    const live = here && status === "live";
    this.micMeter.set(live && state.mode === "talk" ? state.micLevel : 0, live && state.mode === "talk");
    this.inMeter.set(live ? state.inLevel : 0, live);
    this.error.textContent = here && state.error ? state.error : "";
  }
}

function meter(label) {
  const bar = el("span", { class: "meter-bar" });
  const node = el("span", { class: "meter", title: label, role: "meter", "aria-label": label, "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "0" },
    el("span", { class: "meter-label" }, label), el("span", { class: "meter-track" }, bar));
  return {
    node,
    set(level, enabled) {
      // Speech levels are small numbers: a square root makes quiet talk visible.
      const percent = Math.min(100, Math.round(Math.sqrt(Math.max(0, level)) * 140));
      bar.style.width = `${percent}%`;
      node.setAttribute("aria-valuenow", String(percent));
      node.classList.toggle("off", !enabled);
    },
  };
}

function button(label, action, kind, onClick) {
  return el("button", { type: "button", class: kind, dataset: { voiceAction: action }, onclick: onClick }, label);
}
