// An in-memory stand-in for the chat server's relay, speaking the subset of docs/protocol.md the
// transport needs (welcome, join/joined, hello/duty/accept/accepted, offer, handshake, msg with
// per-direction sequence checks, ack/delivered, held envelopes, resume/resumed, end/ended, and a
// hand-over to a colleague played by the same console: transfer/handover/take), and a
// fake WebSocket class connected to it. It lets the transport's reconnect and resume logic run
// under Node with the real crypto module, with drops and gaps injected at will.
// It is a test double of the *server*, not of crypto: every envelope is really sealed and opened.

export class FakeRelay {
  constructor() {
    this.sockets = new Set();
    this.visitors = new Map(); // token → {socket, state, chatId, preference, language}
    this.counsellor = null;    // {socket, deviceId, duty}
    this.chats = new Map();    // chatId → {token, held: {1: [], 2: []}, last: {1: 0, 2: 0}, ...}
    this.certificate = null;   // the counsellor's certificate, set by the test
    this.log = [];             // every frame in both directions: [dir, endpoint, frame]
    this.tokenCounter = 0;
    this.refusals = [];        // [{endpoint, code, stored}] for the next `msg` frames
    this.status = { open: true, nextOpening: null, queueLength: 0, estimatedWaitSeconds: 600 };
    const relay = this;
    this.WebSocket = class FakeSocket {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.endpoint = url.endsWith('/ws/console') ? 'console' : 'visitor';
        relay.sockets.add(this);
        setTimeout(() => {
          if (this.readyState !== 0) return;
          this.readyState = 1;
          this.onopen?.({});
          relay._send(this, relay._welcome(this));
        }, 1);
      }

      send(data) {
        if (this.readyState !== 1) throw new Error('not open');
        const frame = JSON.parse(data);
        relay.log.push(['in', this.endpoint, frame]);
        queueMicrotask(() => relay._receive(this, frame));
      }

      close(code = 1000) {
        if (this.readyState >= 2) return;
        this.readyState = 3;
        relay._closed(this);
        setTimeout(() => this.onclose?.({ code }), 0);
      }
    };
  }

  /** Simulates a network drop (1006: no close frame), or the server closing with `code`. */
  drop(endpoint, code = 1006) {
    for (const s of [...this.sockets]) {
      if (s.endpoint === endpoint && s.readyState === 1) {
        s.readyState = 3;
        this._closed(s);
        setTimeout(() => s.onclose?.({ code }), 0);
      }
    }
  }

  /** While true, frames to `endpoint` are lost (they stay held, as on the real server). */
  blackhole(endpoint, on) {
    this.holes = { ...(this.holes ?? {}), [endpoint]: on };
  }

  _welcome(socket) {
    if (socket.endpoint === 'visitor') {
      return { type: 'welcome', v: 1, status: { ...this.status, queueLength: this.visitors.size } };
    }
    const chats = [...this.chats.entries()].filter(([, c]) => !c.ended)
      .map(([chatId, c]) => ({ chatId, state: c.state, peer: 'visitor', lastSeq: c.last[1], ...(c.enc ? { enc: c.enc } : {}) }));
    return { type: 'welcome', v: 1, counsellor: { username: 'demo', displayName: 'Demo', gender: 'woman', languages: ['nb', 'en'] },
      duty: { on: this.counsellor?.duty ?? false, capacity: 2 }, chats };
  }

  _send(socket, frame) {
    if (!socket || socket.readyState !== 1) return;
    if (this.holes?.[socket.endpoint]) return;
    this.log.push(['out', socket.endpoint, frame]);
    setTimeout(() => socket.readyState === 1 && socket.onmessage?.({ data: JSON.stringify(frame) }), 0);
  }

  _closed(socket) {
    this.sockets.delete(socket);
  }

  _visitorOf(socket) {
    for (const [token, v] of this.visitors) if (v.socket === socket) return [token, v];
    return [null, null];
  }

  _peerSocket(chat, dir) {
    // dir = direction of the envelope; the receiver of dir 1 is the counsellor
    return dir === 1 ? this.counsellor?.socket : this.visitors.get(chat.token)?.socket;
  }

  _receive(socket, f) {
    const err = (code, extra = {}) => this._send(socket, { type: 'error', code, message: code, ref: f.type, ...extra });
    if (socket.endpoint === 'visitor') {
      const [token, v] = this._visitorOf(socket);
      switch (f.type) {
        case 'join': {
          const t = `tok${++this.tokenCounter}xxxxxxxxxxxxxxx`;
          this.visitors.set(t, { socket, state: 'queued', preference: f.preference, language: f.language });
          this._send(socket, { type: 'joined', resumeToken: t, position: 1, estimatedWaitSeconds: 600 });
          return this._broadcastQueue();
        }
        case 'leave':
          this.visitors.delete(token);
          this._send(socket, { type: 'left' });
          return this._broadcastQueue();
        case 'resume': {
          const rv = this.visitors.get(f.token);
          if (!rv) return err('not_found');
          rv.socket = socket;
          if (rv.state === 'chatting') {
            const chat = this.chats.get(rv.chatId);
            this._send(socket, { type: 'resumed', state: 'chatting', chatId: rv.chatId, lastSeq: chat.last[1], position: null, estimatedWaitSeconds: null });
            for (const e of chat.held[2]) if (e.seq > f.lastSeq) this._send(socket, { type: 'msg', chatId: rv.chatId, ...e });
            return undefined;
          }
          this._send(socket, { type: 'resumed', state: rv.state, chatId: rv.chatId ?? null, lastSeq: 0, position: 1, estimatedWaitSeconds: 600 });
          if (rv.state === 'offered') this._send(socket, this.chats.get(rv.chatId).offer);
          return undefined;
        }
        case 'handshake': {
          const chat = this.chats.get(f.chatId);
          if (!chat || chat.token !== token) return err('not_found');
          chat.state = 'chatting';
          chat.enc = f.enc;
          v.state = 'chatting';
          return this._send(this.counsellor.socket, { type: 'handshake', chatId: f.chatId, enc: f.enc });
        }
        case 'reject': {
          const chat = this.chats.get(f.chatId);
          this.rejected = f.reason;
          chat.ended = true;
          this.visitors.delete(token);
          return this._send(this.counsellor.socket, { type: 'ended', chatId: f.chatId, by: 'visitor' });
        }
        default:
          return this._chatFrame(socket, f, 1, err);
      }
    }
    switch (f.type) {
      case 'hello':
        this.counsellor = { ...(this.counsellor ?? {}), socket, deviceId: f.deviceId };
        return undefined;
      case 'duty':
        this.counsellor.duty = f.on;
        this._send(socket, { type: 'duty', on: f.on, capacity: f.capacity });
        return this._send(socket, { type: 'queue', now: Date.now(), entries: this._queue() });
      case 'accept': {
        const entry = [...this.visitors.entries()].find(([, v]) => v.state === 'queued');
        if (!entry) return err('no_match');
        const [token, v] = entry;
        v.state = 'offered';
        v.chatId = f.chatId;
        const offer = { type: 'offer', chatId: f.chatId, chatPub: f.chatPub, chatKeySig: f.chatKeySig, certificate: this.certificate };
        this.chats.set(f.chatId, { token, state: 'offered', offer, held: { 1: [], 2: [] }, last: { 1: 0, 2: 0 } });
        this._send(socket, { type: 'accepted', chatId: f.chatId, visitor: { preference: v.preference, language: v.language, joinedAt: Date.now() } });
        this._broadcastQueue();
        return this._send(v.socket, offer);
      }
      case 'transfer': {
        // The colleague is this same console: enough to run both ends of a hand-over.
        const chat = this.chats.get(f.chatId);
        if (!chat || chat.ended || chat.state !== 'chatting') return err('wrong_state', { chatId: f.chatId });
        chat.transferTo = f.to;
        this._send(socket, { type: 'transferring', chatId: f.chatId, to: f.to, displayName: 'Ola' });
        return this._send(socket, { type: 'handover', transferId: f.chatId, from: 'Kari', visitor: { preference: 'none', language: 'nb', joinedAt: Date.now() } });
      }
      case 'take': {
        const old = this.chats.get(f.transferId);
        if (!old || old.ended || !old.transferTo) return err('wrong_state', { chatId: f.chatId });
        old.ended = true;
        const v = this.visitors.get(old.token);
        v.state = 'offered';
        v.chatId = f.chatId;
        const offer = { type: 'offer', chatId: f.chatId, chatPub: f.chatPub, chatKeySig: f.chatKeySig, certificate: this.certificate };
        this.chats.set(f.chatId, { token: old.token, state: 'offered', offer, held: { 1: [], 2: [] }, last: { 1: 0, 2: 0 } });
        this._send(socket, { type: 'ended', chatId: f.transferId, by: 'transferred', to: 'Ola' });
        this._send(v.socket, { type: 'ended', chatId: f.transferId, by: 'transferred' });
        this._send(v.socket, offer);
        return this._send(socket, { type: 'accepted', chatId: f.chatId, visitor: { preference: 'none', language: 'nb', joinedAt: Date.now() }, transferred: true });
      }
      case 'resume': {
        const chat = this.chats.get(f.chatId);
        if (!chat || chat.ended) return err('not_found', { chatId: f.chatId });
        this._send(socket, { type: 'resumed', chatId: f.chatId, lastSeq: chat.last[2] });
        for (const e of chat.held[1]) if (e.seq > f.lastSeq) this._send(socket, { type: 'msg', chatId: f.chatId, ...e });
        return undefined;
      }
      default:
        return this._chatFrame(socket, f, 2, err);
    }
  }

  _broadcastQueue() {
    if (this.counsellor?.duty) this._send(this.counsellor.socket, { type: 'queue', now: Date.now(), entries: this._queue() });
  }

  _queue() {
    return [...this.visitors.values()].filter((v) => v.state === 'queued')
      .map((v, i) => ({ id: `q${i}`, joinedAt: Date.now() - 5000, preference: v.preference, language: v.language }));
  }

  /** msg / ack / typing / end from the side whose envelopes go in direction `dir`. */
  _chatFrame(socket, f, dir, err) {
    const chat = this.chats.get(f.chatId);
    if (!chat || chat.ended) return err('not_found', { chatId: f.chatId });
    const other = dir === 1 ? 2 : 1;
    switch (f.type) {
      case 'msg': {
        const refusal = this.refusals.findIndex((r) => r.endpoint === socket.endpoint);
        if (refusal >= 0) {
          const { code, stored } = this.refusals.splice(refusal, 1)[0];
          if (stored && f.seq === chat.last[dir] + 1) {
            chat.last[dir] = f.seq;
            chat.held[dir].push({ seq: f.seq, ct: f.ct });
          }
          return err(code, { chatId: f.chatId, seq: f.seq });
        }
        // A re-send of one already held: relayed again, as the server does (the receiver drops a
        // seq it has opened).
        if (f.seq <= chat.last[dir]) return this._send(this._peerSocket(chat, dir), { type: 'msg', chatId: f.chatId, seq: f.seq, ct: f.ct });
        if (f.seq !== chat.last[dir] + 1) return err('bad_sequence', { chatId: f.chatId, seq: f.seq });
        chat.last[dir] = f.seq;
        chat.held[dir].push({ seq: f.seq, ct: f.ct });
        return this._send(this._peerSocket(chat, dir), { type: 'msg', chatId: f.chatId, seq: f.seq, ct: f.ct });
      }
      case 'ack':
        // the acknowledging side receives direction `other`
        chat.held[other] = chat.held[other].filter((e) => e.seq > f.seq);
        return this._send(this._peerSocket(chat, dir), { type: 'delivered', chatId: f.chatId, seq: f.seq });
      case 'typing':
        return this._send(this._peerSocket(chat, dir), { type: 'typing', chatId: f.chatId });
      case 'end':
        chat.ended = true;
        this._send(socket, { type: 'ended', chatId: f.chatId, by: dir === 1 ? 'visitor' : 'counsellor' });
        return this._send(this._peerSocket(chat, dir), { type: 'ended', chatId: f.chatId, by: dir === 1 ? 'visitor' : 'counsellor' });
      default:
        return err('unknown_type');
    }
  }

  /**
   * The next `msg` from `endpoint` is refused with `code`. With `stored`, it is kept all the same
   * and not relayed, as when the store took it but its answer timed out.
   */
  refuseNext(endpoint, code = 'unavailable', { stored = false } = {}) {
    this.refusals.push({ endpoint, code, stored });
  }

  /** Sends a frame straight to the visitor or console socket (to inject gaps or tampering). */
  inject(endpoint, frame) {
    for (const s of this.sockets) if (s.endpoint === endpoint && s.readyState === 1) this._send(s, frame);
  }
}
