// Alerts for what must not be missed: a new P1 call and an escalation. A short tone (Web Audio,
// no sound file) and a flashing tab title until the dispatcher reacts; the tone can be muted.
// Never blocks the page; `state` is what the page shows (and what tests read).

const MUTED_KEY = "hotline.console.alertsMuted";
const FLASH_MS = 700;
const FLASH_FOR_MS = 60_000; // a title that flashes for a minute has been seen or never will
const SAME_ALERT_MS = 5_000; // call_updated(P1) and escalated(P1) of one change: one alert

const TONES = {
  p1: [[880, 0.0], [880, 0.25], [880, 0.5]],
  escalation: [[660, 0.0], [990, 0.22]],
};

export class Alerts {
  constructor({ onChange, baseTitle = document.title } = {}) {
    this.onChange = onChange || (() => {});
    this.baseTitle = baseTitle;
    this.knownP1 = new Set();
    this.context = null;
    this.flashTimer = null;
    this.flashUntil = 0;
    this.state = {
      muted: localStorage.getItem(MUTED_KEY) === "1",
      count: 0, sounds: 0, flashing: false, last: null, history: [],
    };
    // Browsers start audio only after a gesture: the first click or key unlocks it.
    const unlock = () => this.audio();
    document.addEventListener("pointerdown", unlock, { capture: true });
    document.addEventListener("keydown", unlock, { capture: true });
  }

  /** A fresh snapshot: P1 calls already in it were on screen; only later ones alert. */
  snapshot(calls, first) {
    for (const call of calls) {
      if (call.urgency !== "P1") continue;
      if (!first && !this.knownP1.has(call.call_id)) this.raise("p1", call, `P1 mới: ${describe(call)}`);
      this.knownP1.add(call.call_id);
    }
  }

  call(call) {
    if (call.urgency !== "P1" || call.status === "closed" || this.knownP1.has(call.call_id)) return;
    this.knownP1.add(call.call_id);
    this.raise("p1", call, `P1 mới: ${describe(call)}`);
  }

  escalated(message, call) {
    if (message.to === "P1") this.knownP1.add(message.call_id);
    const last = this.state.last;
    const text = `Nâng mức ${message.from || "?"} → ${message.to}: ${describe(call || { call_id: message.call_id })}`;
    if (last && last.callId === message.call_id && Date.now() - last.at < SAME_ALERT_MS) {
      Object.assign(last, { kind: "escalation", text });
      this.changed();
      return;
    }
    this.raise("escalation", call || { call_id: message.call_id }, text);
  }

  setMuted(muted) {
    this.state.muted = muted;
    localStorage.setItem(MUTED_KEY, muted ? "1" : "0");
    this.changed();
  }

  /** The dispatcher saw it: the title stops flashing. */
  acknowledge() {
    this.stopFlashing();
    this.changed();
  }

  // ---- internals
  raise(kind, call, text) {
    const alert = { kind, callId: call.call_id, text, at: Date.now() };
    this.state.count += 1;
    this.state.last = alert;
    this.state.history = [...this.state.history.slice(-19), alert];
    if (!this.state.muted) this.tone(kind);
    this.flash(text);
    this.changed();
  }

  audio() {
    if (!this.context) {
      try { this.context = new AudioContext(); } catch { return null; }
    }
    if (this.context.state === "suspended") this.context.resume().catch(() => {});
    return this.context;
  }

  tone(kind) {
    const context = this.audio();
    if (!context) return;
    const start = context.currentTime + 0.02;
    for (const [frequency, offset] of TONES[kind] || TONES.p1) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
    this.state.sounds += 1;
  }

  flash(text) {
    this.flashUntil = Date.now() + FLASH_FOR_MS;
    this.flashText = `⚠ ${text}`;
    this.state.flashing = true;
    if (this.flashTimer) return;
    let on = false;
    this.flashTimer = setInterval(() => {
      if (Date.now() > this.flashUntil) { this.stopFlashing(); this.changed(); return; }
      on = !on;
      document.title = on ? this.flashText : this.baseTitle;
    }, FLASH_MS);
    document.title = this.flashText;
  }

  stopFlashing() {
    clearInterval(this.flashTimer);
    this.flashTimer = null;
    this.state.flashing = false;
    document.title = this.baseTitle;
  }

  changed() { this.onChange(this.state); }
}

function describe(call) {
  const where = call.location ? `, ${call.location}` : "";
  return `${call.call_id}${where}`;
}
