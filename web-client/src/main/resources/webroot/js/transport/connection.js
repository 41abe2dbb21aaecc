// One WebSocket to the chat server that comes back by itself.
//
// Frames are JSON objects (docs/protocol.md "Framing"). After a drop the connection is re-opened
// with exponential backoff and full jitter, so that a node restart does not make every visitor
// and counsellor reconnect in the same millisecond. What to say on a new connection (resume) is
// the owner's business: it learns about it from `onOpen(reconnected)`.
//
// No DOM and no crypto here: the class runs unchanged under Node with a fake WebSocket.

/** Close codes after which trying again would only repeat the problem (protocol.md "Close codes"). */
const FINAL_CLOSE_CODES = new Set([
  1003, // we sent a binary frame: a bug, retrying loops
  1008, // policy: the server asked us to stop
  1009, // frame too large: same
  4000, // replaced: another tab/connection took over this visitor or counsellor
  4001, // the counsellor session ended; the console must log in again
]);

/** Our own close code for "drop this socket and resume on a new one"; 4000–4999 is the application range. */
export const RESYNC_CLOSE_CODE = 4100;

/**
 * The server's close for a socket that never sent a frame (limits.silent-socket-seconds): someone
 * has had the page open a long while without starting a chat. Not a failure, so the socket is
 * reopened at once, and pages need not show it as a lost connection.
 */
export const SILENT_CLOSE_CODE = 4002;

/**
 * The server's close when its node is draining before a restart (protocol.md "Close codes"): the
 * load balancer already sends new sockets elsewhere, so the page reconnects at once and resumes
 * there. A jitter of up to MOVE_JITTER_MS spreads a node's visitors and counsellors so they do not
 * all arrive at the other node in the same millisecond.
 */
export const MOVE_CLOSE_CODE = 4003;
const MOVE_JITTER_MS = 1000;

/** Closes after which a new socket follows at once and nothing is wrong: pages need not say "offline". */
export function isQuietClose(code) {
  return code === SILENT_CLOSE_CODE || code === MOVE_CLOSE_CODE;
}

/** Builds ws(s)://host/path from a location-like object, so the page never hard-codes an origin. */
export function socketUrl(location, path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): uniformly random in [min, cap'] where cap'
 * doubles per attempt up to `maxMs` ("full jitter"). The floor keeps a hot loop impossible even
 * when the random source returns 0.
 */
export function backoffDelay(attempt, random = Math.random, baseMs = 500, maxMs = 15000, minMs = 250) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.max(minMs, Math.floor(random() * ceiling));
}

export class Connection {
  /**
   * @param {object} o
   * @param {string} o.url
   * @param {(frame: object) => void} o.onFrame   every parsed frame, in arrival order
   * @param {(reconnected: boolean) => void} [o.onOpen]
   * @param {(info: {code: number, final: boolean, retryInMs: number|null}) => void} [o.onClose]
   * @param {typeof WebSocket} [o.WebSocket]       injected in tests
   * @param {() => number} [o.random]
   * @param {(fn: Function, ms: number) => any} [o.setTimer]
   * @param {(id: any) => void} [o.clearTimer]
   * @param {{socket: WebSocket, received: MessageEvent[]}|null} [o.early]  a socket to the same URL the
   *        page opened before this connection existed, and the message events it has had: used as the
   *        first socket if it is not closed, so the page need not wait for a handshake of its own
   */
  constructor({ url, onFrame, onOpen = () => {}, onClose = () => {},
    WebSocket: WS = globalThis.WebSocket, random = Math.random,
    setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (id) => clearTimeout(id), early = null }) {
    Object.assign(this, { url, onFrame, onOpen, onClose, WS, random, setTimer, clearTimer, early });
    this.socket = null;
    this.attempt = 0;
    this.opened = false;   // has any socket of this Connection ever opened?
    this.stopped = true;
    this.timer = null;
  }

  /** Opens the first socket. */
  start() {
    this.stopped = false;
    this._open();
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  /** Sends one frame; returns false (and sends nothing) while there is no open socket. */
  send(frame) {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** The server has greeted us: the connection is healthy, so the next drop starts backoff afresh. */
  markHealthy() {
    this.attempt = 0;
  }

  /** Drops the current socket and opens a new one at once (used to resynchronise after a gap). */
  reconnectNow() {
    if (this.stopped) return;
    this._clearTimer();
    const old = this.socket;
    this.socket = null;
    if (old) this._detach(old, RESYNC_CLOSE_CODE);
    this.onClose({ code: RESYNC_CLOSE_CODE, final: false, retryInMs: 0 });
    this._open();
  }

  /** Closes for good: no reconnect. */
  stop(code = 1000) {
    this.stopped = true;
    this._clearTimer();
    const old = this.socket;
    this.socket = null;
    if (old) this._detach(old, code);
  }

  _open() {
    const early = this.early;
    this.early = null;
    let ws = early && early.socket.readyState <= 1 ? early.socket : null;
    if (early && !ws) this._detach(early.socket, 1000);
    try {
      ws ??= new this.WS(this.url);
    } catch {
      this._scheduleReconnect(1006);
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      if (this.socket !== ws) return;
      const reconnected = this.opened;
      this.opened = true;
      this.onOpen(reconnected);
    };
    ws.onmessage = (event) => {
      if (this.socket !== ws || typeof event.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // the server only sends JSON; anything else is noise we must not act on
      }
      if (frame && typeof frame === 'object' && typeof frame.type === 'string') this.onFrame(frame);
    };
    ws.onerror = () => {}; // a close event always follows; handle it there
    ws.onclose = (event) => {
      if (this.socket !== ws) return;
      this.socket = null;
      this._scheduleReconnect(event.code);
    };
    // An early socket that is already open has had its open event, and perhaps the welcome:
    // replayed here in their order, before anything newer can arrive (events are separate tasks).
    if (early && ws === early.socket && ws.readyState === 1) {
      ws.onopen();
      for (const event of early.received) ws.onmessage(event);
    }
  }

  _scheduleReconnect(code) {
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.stopped = true;
      this.onClose({ code, final: true, retryInMs: null });
      return;
    }
    let delay;
    if (code === SILENT_CLOSE_CODE) delay = 0;
    else if (code === MOVE_CLOSE_CODE) delay = Math.floor(this.random() * MOVE_JITTER_MS);
    else delay = backoffDelay(this.attempt++, this.random);
    this.onClose({ code, final: false, retryInMs: delay });
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this._open();
    }, delay);
  }

  _detach(ws, code) {
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.onerror = () => {};
    try {
      ws.close(code);
    } catch {
      // already closing
    }
  }

  _clearTimer() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
