// The dispatcher's voice on one call: WebRTC to the server (POST /api/calls/{id}/voice).
// "talk" sends the microphone and hears the caller; "listen" only hears. Never touches the DOM
// outside its own <audio> element: the page draws `state` through onChange.

import * as api from "./api.js";

const STATS_EVERY_MS = 250;
const ICE_WAIT_MS = 3000;

export class VoiceLink {
  constructor({ onChange }) {
    this.onChange = onChange;
    this.peer = null;
    this.microphone = null;
    this.audio = null;
    this.audioContext = null;
    this.micAnalyser = null;
    this.timer = null;
    this.state = idleState();
  }

  get active() { return this.state.status === "connecting" || this.state.status === "live"; }

  /** Connects to `callId`; mode "talk" (microphone) or "listen". Resolves once live. */
  async connect(callId, mode) {
    this.disconnect();
    this.state = { ...idleState(), status: "connecting", callId, mode };
    this.changed();
    const attempt = this.state;
    try {
      const peer = new RTCPeerConnection();
      this.peer = peer;
      if (mode === "talk") {
        this.microphone = await navigator.mediaDevices.getUserMedia({
          audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        });
        if (this.state !== attempt) { this.stopMicrophone(); return; }
        peer.addTransceiver(this.microphone.getAudioTracks()[0], { direction: "sendrecv" });
        this.watchMicrophone();
      } else {
        peer.addTransceiver("audio", { direction: "recvonly" });
      }
      peer.addEventListener("track", (event) => this.play(event.streams[0] || new MediaStream([event.track])));
      peer.addEventListener("connectionstatechange", () => {
        if (this.peer !== peer) return;
        if (peer.connectionState === "connected") { this.state.status = "live"; this.changed(); }
        if (["failed", "closed", "disconnected"].includes(peer.connectionState)) this.ended("Đường thoại đã ngắt");
      });
      await peer.setLocalDescription(await peer.createOffer());
      await gathered(peer);
      const answer = await api.voice(callId, { sdp: peer.localDescription.sdp, type: "offer", mode });
      if (this.peer !== peer) return;
      await peer.setRemoteDescription({ type: answer.type, sdp: answer.sdp });
      this.timer = setInterval(() => this.poll(), STATS_EVERY_MS);
    } catch (error) {
      if (this.state !== attempt) return;
      const text = microphoneRefusal(error) || voiceRefusal(error);
      this.disconnect();
      this.state = { ...idleState(), status: "error", callId, mode, error: text };
      this.changed();
    }
  }

  disconnect() {
    clearInterval(this.timer);
    this.timer = null;
    if (this.peer) this.peer.close();
    this.peer = null;
    this.stopMicrophone();
    if (this.audio) { this.audio.srcObject = null; this.audio.remove(); }
    this.audio = null;
    if (this.state.status !== "idle") {
      this.state = idleState();
      this.changed();
    }
  }

  setMuted(muted) {
    if (!this.microphone) return;
    for (const track of this.microphone.getAudioTracks()) track.enabled = !muted;
    this.state.muted = muted;
    this.changed();
  }

  // ---- internals
  ended(text) {
    const { callId, mode } = this.state;
    this.disconnect();
    this.state = { ...idleState(), status: "ended", callId, mode, error: text };
    this.changed();
  }

  stopMicrophone() {
    if (this.microphone) for (const track of this.microphone.getTracks()) track.stop();
    this.microphone = null;
    this.micAnalyser = null;
  }

  play(stream) {
    if (!this.audio) {
      this.audio = document.createElement("audio");
      this.audio.autoplay = true;
      this.audio.hidden = true;
      this.audio.dataset.voice = "call";
      document.body.append(this.audio);
    }
    this.audio.srcObject = stream;
    this.audio.play().catch(() => {
      this.state.error = "Trình duyệt chặn phát âm thanh: bấm vào trang để nghe";
      this.changed();
    });
  }

  watchMicrophone() {
    this.audioContext = this.audioContext || new AudioContext();
    this.audioContext.resume().catch(() => {});
    const source = this.audioContext.createMediaStreamSource(this.microphone);
    this.micAnalyser = this.audioContext.createAnalyser();
    this.micAnalyser.fftSize = 1024;
    source.connect(this.micAnalyser);
  }

  async poll() {
    const peer = this.peer;
    if (!peer) return;
    if (this.micAnalyser) {
      const samples = new Float32Array(this.micAnalyser.fftSize);
      this.micAnalyser.getFloatTimeDomainData(samples);
      this.state.micLevel = this.state.muted ? 0 : rms(samples);
    }
    const stats = await peer.getStats();
    if (this.peer !== peer) return;
    stats.forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "audio") {
        this.state.inLevel = report.audioLevel ?? 0;
        this.state.inEnergy = report.totalAudioEnergy ?? 0;
        this.state.samplesReceived = report.totalSamplesReceived ?? 0;
        this.state.packetsReceived = report.packetsReceived ?? 0;
      }
      if (report.type === "outbound-rtp" && report.kind === "audio") {
        this.state.packetsSent = report.packetsSent ?? 0;
      }
      if (report.type === "media-source" && report.kind === "audio") {
        this.state.micEnergy = report.totalAudioEnergy ?? 0;
      }
    });
    this.changed();
  }

  changed() { this.onChange(this.state); }
}

function idleState() {
  return {
    status: "idle", callId: null, mode: null, muted: false, error: "",
    micLevel: 0, micEnergy: 0, inLevel: 0, inEnergy: 0, samplesReceived: 0,
    packetsReceived: 0, packetsSent: 0,
  };
}

// aiortc takes no trickled candidates: send the offer once every candidate is in it.
function gathered(peer) {
  if (peer.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (peer.iceGatheringState === "complete") { clearTimeout(timer); resolve(); } };
    const timer = setTimeout(resolve, ICE_WAIT_MS);
    peer.addEventListener("icegatheringstatechange", done);
  });
}

function rms(samples) {
  let sum = 0;
  for (const value of samples) sum += value * value;
  return Math.sqrt(sum / samples.length);
}

function microphoneRefusal(error) {
  if (error?.name === "NotAllowedError") return "Chưa được phép dùng micro: hãy cho phép micro trong trình duyệt rồi thử lại";
  if (error?.name === "NotFoundError") return "Không tìm thấy micro trên máy này";
  if (error?.name === "NotReadableError") return "Micro đang bị ứng dụng khác dùng";
  return "";
}

function voiceRefusal(error) {
  if (error?.status === 409) return "Không nối được thoại: cuộc gọi đã kết thúc hoặc bạn chưa nhận cuộc gọi";
  if (error?.status === 403) return "Tài khoản của bạn không được nghe cuộc gọi này";
  if (error?.status) return `Không nối được thoại (lỗi ${error.status})`;
  return "Không nối được thoại, hãy thử lại";
}
