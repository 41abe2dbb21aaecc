// The visitor's side of /ws/visitor (docs/protocol.md "Visitor endpoint").
//
// State machine: idle → joining → queued → offered → chatting → ended (→ idle on a new chat).
// A counsellor handing the chat to a colleague ends it with `by: "transferred"`: chatting → handover
// → offered (the colleague's new offer, verified as the first) → chatting, in the same conversation.
// Everything lives in memory only: the resume token, the chat link and its keys vanish with the tab.
//
// Crypto stays out: verifying an offer is delegated to `verifyOffer` (supplied by the page, which
// calls the crypto module); this class only sends what it returns. Inbound frames are handled one
// at a time, in order, so a message is never opened before the handshake it depends on, and an
// `ended` is never processed before the encrypted end marker that precedes it.

import { Connection, socketUrl } from './connection.js';
import { ChatLink } from './chat-link.js';
import { Emitter } from './emitter.js';

/** The protocol's limit on typing signals: at most one every 3 s while the visitor types. */
export const TYPING_INTERVAL_MS = 3000;

export class VisitorTransport extends Emitter {
  /**
   * @param {object} o
   * @param {(offer: object) => Promise<{enc: string, cipher: object, info?: object}|{reject: string}>} o.verifyOffer
   * @param {string} [o.url]  defaults to this page's origin
   * @param {object} [o.connectionOptions]  WebSocket, random, setTimer, clearTimer (tests)
   * @param {() => number} [o.now]
   */
  constructor({ verifyOffer, url, connectionOptions = {}, now = () => Date.now() }) {
    super();
    this.verifyOffer = verifyOffer;
    this.now = now;
    this.state = 'idle';
    this.resumeToken = null;
    this.chatId = null;
    this.link = null;
    this.sawEndMarker = false;
    this.lastTypingSent = -Infinity;
    this.inbox = Promise.resolve();
    this.setTimer = connectionOptions.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.connection = new Connection({
      url: url ?? socketUrl(globalThis.location, '/ws/visitor'),
      onFrame: (frame) => {
        this.inbox = this.inbox.then(() => this._handle(frame)).catch((err) => console.error(err));
      },
      onOpen: () => this.emit('connection', { state: 'connecting' }),
      onClose: (info) => this._onClose(info),
      ...connectionOptions,
    });
  }

  start() {
    this.connection.start();
  }

  /** Waits until every inbound frame received so far has been handled (tests). */
  settled() {
    return this.inbox;
  }

  /** @param {string} [ticket] the lookup value of a place held while closed: queued from when it was taken */
  join(preference, language, ticket) {
    if (this.state !== 'idle' && this.state !== 'ended') return false;
    if (!this.connection.send({ type: 'join', preference, language, ...(ticket ? { ticket } : {}) })) return false;
    this._reset();
    this.state = 'joining';
    return true;
  }

  leave() {
    if (this.state === 'joining' || this.state === 'queued' || this.state === 'offered') {
      this.connection.send({ type: 'leave' });
    }
  }

  /** Seals and sends a text message; resolves to its seq (for delivery ticks). */
  sendText(text) {
    if (this.state !== 'chatting' || !this.link) return Promise.reject(new Error('not chatting'));
    return this.link.sendInner({ t: 'text', text });
  }

  /** Call on every keystroke; sends at most one `typing` per TYPING_INTERVAL_MS. */
  typing() {
    if (this.state !== 'chatting') return;
    const t = this.now();
    if (t - this.lastTypingSent < TYPING_INTERVAL_MS) return;
    if (this.connection.send({ type: 'typing', chatId: this.chatId })) this.lastTypingSent = t;
  }

  /** Ends the chat properly: the encrypted end marker first, then the `end` frame. */
  async end() {
    if (this.state === 'handover' || this.state === 'offered') {
      // Between two counsellors (handed over, the colleague's offer not yet answered) there are no
      // keys to seal an end marker with: ending the offer, or leaving before it came, ends the chat
      // on the server, and the visitor is not queued again.
      this.connection.send(this.state === 'offered' ? { type: 'end', chatId: this.chatId } : { type: 'leave' });
      this._finish('visitor');
      return;
    }
    if (this.state !== 'chatting' || !this.link) return;
    const chatId = this.chatId;
    try {
      await this.link.sendInner({ t: 'end' });
    } catch {
      // the end frame below still closes the chat on the server
    }
    this.connection.send({ type: 'end', chatId });
    this._finish('visitor');
  }

  /**
   * Quick exit: no waiting for anything asynchronous. Tell the server we are gone (so nobody
   * waits for the grace period), drop the keys, close the socket.
   */
  abandon() {
    if (this.state === 'chatting' || this.state === 'offered') {
      this.connection.send({ type: 'end', chatId: this.chatId });
    } else if (this.state === 'queued' || this.state === 'joining' || this.state === 'handover') {
      this.connection.send({ type: 'leave' });
    }
    this._reset();
    this.state = 'ended';
    this.connection.stop(1000);
  }

  _reset() {
    if (this.link) this.link.destroy();
    this.link = null;
    this.chatId = null;
    this.resumeToken = null;
    this.sawEndMarker = false;
    this.lastTypingSent = -Infinity;
  }

  _finish(by) {
    const complete = by === 'visitor' || this.sawEndMarker;
    this._reset();
    this.state = 'ended';
    this.emit('ended', { by, complete });
  }

  /**
   * The counsellor handed the chat to a colleague: the old keys go, the resume token stays (the
   * server now holds the colleague's offer under it). Our envelopes the first counsellor never
   * acknowledged are reported, so the page can show them as not delivered.
   */
  _handedOver() {
    const undelivered = this.link ? this.link.outbox.map((e) => e.seq) : [];
    if (this.link) this.link.destroy();
    this.link = null;
    this.chatId = null;
    this.sawEndMarker = false;
    this.state = 'handover';
    this.emit('handover', { undelivered });
  }

  _onClose(info) {
    if (this.link) this.link.offline();
    this.emit('connection', { state: info.final ? 'closed' : 'offline', code: info.code, retryInMs: info.retryInMs });
  }

  async _handle(frame) {
    switch (frame.type) {
      case 'welcome': return this._welcome(frame);
      case 'status': return this.emit('status', frame.status);
      case 'joined':
        this.state = 'queued';
        this.resumeToken = frame.resumeToken;
        return this.emit('queue', { position: frame.position, estimatedWaitSeconds: frame.estimatedWaitSeconds });
      case 'queue':
        if (this.state !== 'queued' && this.state !== 'handover') return undefined;
        // A hand-over whose new offer went unanswered puts the visitor back at their old place.
        this.state = 'queued';
        return this.emit('queue', { position: frame.position, estimatedWaitSeconds: frame.estimatedWaitSeconds });
      case 'left':
        if (this.state === 'ended') return undefined; // the answer to leaving during a hand-over
        this._reset();
        this.state = 'idle';
        return this.emit('left', {});
      case 'offer': return this._offer(frame);
      case 'resumed': return this._resumed(frame);
      case 'msg': return this._msg(frame);
      case 'delivered':
        if (this.link && frame.chatId === this.chatId) {
          this.link.delivered(frame.seq);
          this.emit('delivered', { seq: frame.seq });
        }
        return undefined;
      case 'typing':
        if (this.state === 'chatting' && frame.chatId === this.chatId) this.emit('typing', {});
        return undefined;
      case 'peer':
        if (frame.chatId === this.chatId) this.emit('peer', { state: frame.state });
        return undefined;
      case 'ended':
        if (frame.chatId === this.chatId && this.state !== 'ended') {
          if (frame.by === 'transferred') this._handedOver();
          else this._finish(frame.by);
        }
        return undefined;
      case 'error': return this._error(frame);
      default: return undefined;
    }
  }

  _welcome(frame) {
    this.connection.markHealthy();
    if (frame.status) this.emit('status', frame.status);
    const resumable = this.resumeToken && ['queued', 'offered', 'chatting', 'handover'].includes(this.state);
    if (resumable) {
      this.connection.send({ type: 'resume', token: this.resumeToken, lastSeq: this.link ? this.link.lastReceived : 0 });
      this.emit('connection', { state: 'resuming' });
    } else {
      this.emit('connection', { state: 'online' });
      if (this.state === 'joining') {
        // The join was lost with the old socket (no token came back): let the visitor try again.
        this.state = 'idle';
        this.emit('joinFailed', { code: 'unavailable' });
      }
    }
  }

  async _offer(frame) {
    // Chatting and offered another chat: a hand-over whose offer overtook the old chat's `ended`
    // (they can come from different nodes when a resume crosses the hand-over).
    if (this.state === 'chatting' && frame.chatId !== this.chatId) this._handedOver();
    if (this.state !== 'queued' && this.state !== 'offered' && this.state !== 'handover') return;
    // An offer sent again after a resume replaces anything half-done for the previous one:
    // the server never saw our handshake, so no envelope of ours can exist there.
    if (this.link) this.link.destroy();
    this.link = null;
    this.state = 'offered';
    this.chatId = frame.chatId;
    this.emit('offer', { chatId: frame.chatId });
    let result;
    try {
      result = await this.verifyOffer(frame);
    } catch {
      result = { reject: 'bad_key' };
    }
    if (this.state !== 'offered' || this.chatId !== frame.chatId) {
      if (result.cipher) result.cipher.destroy();
      return; // ended or replaced while we verified
    }
    if (result.reject) {
      this.connection.send({ type: 'reject', chatId: frame.chatId, reason: result.reject });
      this._reset();
      this.state = 'ended';
      this.emit('rejected', { reason: result.reject });
      return;
    }
    this.link = new ChatLink({ chatId: frame.chatId, cipher: result.cipher, send: (f) => this.connection.send(f) });
    this.connection.send({ type: 'handshake', chatId: frame.chatId, enc: result.enc });
    this.state = 'chatting';
    this.emit('chat', { chatId: frame.chatId, ...(result.info ?? {}) });
  }

  _resumed(frame) {
    this.emit('connection', { state: 'online' });
    if (frame.state === 'queued') {
      this.state = 'queued';
      this.emit('queue', { position: frame.position, estimatedWaitSeconds: frame.estimatedWaitSeconds });
    } else if (frame.state === 'offered') {
      // Chatting before the drop and now offered another chat: the counsellor handed us over
      // while we were away, and the `ended` frame went with the old socket.
      if (this.state === 'chatting' && frame.chatId !== this.chatId) this._handedOver();
      // The offer follows; _offer starts over.
      if (this.link) this.link.destroy();
      this.link = null;
      this.state = 'queued';
    } else if (frame.state === 'chatting' && this.link && frame.chatId === this.chatId) {
      this.link.resumed(frame.lastSeq);
    }
  }

  async _msg(frame) {
    if (!this.link || frame.chatId !== this.chatId) return;
    const result = await this.link.receive(frame);
    if (result.kind === 'inner') {
      if (result.inner && result.inner.t === 'end') this.sawEndMarker = true;
      else this.emit('message', { inner: result.inner, seq: result.seq });
    } else if (result.kind === 'resync') {
      this.connection.reconnectNow(); // never shown: the resume fills the gap
    } else if (result.kind === 'tampered') {
      this.emit('tampered', { reason: result.reason });
    }
  }

  _error(frame) {
    if (frame.ref === 'resume' && (frame.code === 'not_found' || frame.code === 'messages_lost')) {
      this._reset();
      this.state = 'ended';
      this.emit('lost', {});
      return;
    }
    if (frame.ref === 'resume' && (frame.code === 'unavailable' || frame.code === 'internal')) {
      // Not resumed: the store did not answer. Messages would not reach us, so try again shortly.
      this.setTimer(() => this.connection.reconnectNow(), 2000);
    }
    if (frame.ref === 'join') {
      this.state = 'idle';
      this.emit('joinFailed', { code: frame.code });
      return;
    }
    if (frame.ref === 'msg' && this.link) {
      this.link.refused(frame, this.setTimer, () => this.connection.reconnectNow());
    }
    this.emit('error', frame);
  }
}
