// Keeps one /ws/console socket alive: reconnects with backoff, resyncs from the snapshot
// that starts every connection, and drops the socket on a seq gap or a silent network.
// Never touches the DOM: it reports state through callbacks.

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8000;
const PING_EVERY_MS = 10000;
const SILENT_LIMIT_MS = 25000; // no message (not even a pong) for this long: the link is dead

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export class ConsoleConnection {
  /**
   * onMessage(message): every server message, in order, after a snapshot.
   * onState(state, detail): "connecting" | "open" | "lost" | "refused".
   */
  constructor(tokenSource, { onMessage, onState }) {
    this.tokenSource = tokenSource;
    this.onMessage = onMessage;
    this.onState = onState;
    this.socket = null;
    this.lastSeq = null;
    this.retryMs = FIRST_RETRY_MS;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    this.stopped = false;
    this.attempts = 0;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000, "logout");
    this.socket = null;
  }

  connect() {
    clearTimeout(this.retryTimer);
    const token = this.tokenSource();
    if (!token || this.stopped) return;
    this.attempts += 1;
    if (!this.everOpened) this.onState("connecting", { attempt: this.attempts });
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${location.host}/ws/console?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    this.lastSeq = null;
    socket.addEventListener("message", (event) => this.receive(socket, event));
    socket.addEventListener("close", (event) => this.closed(socket, event));
  }

  receive(socket, event) {
    if (socket !== this.socket) return;
    this.lastHeard = Date.now();
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    if (message.type === "snapshot") {
      this.lastSeq = message.seq;
      this.retryMs = FIRST_RETRY_MS;
      this.attempts = 0;
      this.everOpened = true;
      this.startPinging(socket);
      this.onState("open");
    } else if (typeof message.seq === "number") {
      if (this.lastSeq === null || message.seq !== this.lastSeq + 1) {
        // A gap means we missed an event: a fresh connection brings a fresh snapshot.
        socket.close(4000, "seq gap");
        return;
      }
      this.lastSeq = message.seq;
    }
    this.onMessage(message);
  }

  startPinging(socket) {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (socket !== this.socket) return;
      if (Date.now() - this.lastHeard > SILENT_LIMIT_MS) {
        socket.close(4000, "silent");
        this.closed(socket, { code: 4000 }); // a dead link may never fire "close" on its own
        return;
      }
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
    }, PING_EVERY_MS);
  }

  closed(socket, event) {
    if (socket !== this.socket) return;
    this.socket = null;
    clearInterval(this.pingTimer);
    if (this.stopped) return;
    if (event.code === CLOSE_UNAUTHENTICATED || event.code === CLOSE_FORBIDDEN) {
      this.onState("refused", { code: event.code });
      return;
    }
    this.onState("lost", { attempt: this.attempts });
    // Exponential backoff with jitter so many consoles do not reconnect in lockstep.
    const delay = this.retryMs * (0.75 + Math.random() * 0.5);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
