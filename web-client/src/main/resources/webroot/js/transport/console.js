// The counsellor's side of /ws/console (docs/protocol.md "Console endpoint").
//
// One connection carries several chats, told apart by chatId. Per chat the transport holds either
// a pending accept (our chat key is made, the visitor has not answered yet) or a ChatLink.
// On every `welcome` it names the device (`hello`) and then resumes each chat it still holds keys
// for. Chats the server lists that this page holds no keys for (the page was reloaded, keys live
// in memory only) are reported as orphans: they can never be read again.
//
// Crypto stays out: completing the handshake is delegated to `completeHandshake` (supplied by the
// page, which calls the chat key's accept). Inbound frames are handled one at a time, in order.

import { Connection, socketUrl } from './connection.js';
import { ChatLink } from './chat-link.js';
import { Emitter } from './emitter.js';
import { TYPING_INTERVAL_MS } from './visitor.js';

export class ConsoleTransport extends Emitter {
  /**
   * @param {object} o
   * @param {string} o.deviceId
   * @param {(chatId: string, enc: string) => Promise<object>} o.completeHandshake  resolves to a ChatCipher
   * @param {string} [o.url]
   * @param {object} [o.connectionOptions]
   * @param {() => number} [o.now]
   */
  constructor({ deviceId, completeHandshake, url, connectionOptions = {}, now = () => Date.now() }) {
    super();
    this.deviceId = deviceId;
    this.completeHandshake = completeHandshake;
    this.now = now;
    this.chats = new Map(); // chatId → {link: ChatLink|null, sawEndMarker, lastTypingSent}
    this.inbox = Promise.resolve();
    this.welcomed = false;
    this.setTimer = connectionOptions.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.connection = new Connection({
      url: url ?? socketUrl(globalThis.location, '/ws/console'),
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

  settled() {
    return this.inbox;
  }

  /** `status` is 'on' (new visitors), 'break' (no new visitors; chats go on) or 'off'. */
  setDuty(status, capacity) {
    return this.connection.send({ type: 'duty', status, capacity });
  }

  /** Sends `accept` with a chat key made by the page; the chat is pending until the visitor's handshake. */
  accept({ chatId, chatPub, chatKeySig }) {
    if (!this.connection.send({ type: 'accept', chatId, chatPub, chatKeySig })) return false;
    this.chats.set(chatId, { link: null, accepted: false, sawEndMarker: false, lastTypingSent: -Infinity });
    return true;
  }

  /**
   * Sends `take` for a visitor a colleague hands over (the `handover` frame), with a chat key made
   * by the page: a new chat, pending until the visitor's handshake, exactly as after `accept`.
   */
  take({ transferId, chatId, chatPub, chatKeySig }) {
    if (!this.connection.send({ type: 'take', transferId, chatId, chatPub, chatKeySig })) return false;
    this.chats.set(chatId, { link: null, accepted: false, taken: true, sawEndMarker: false, lastTypingSent: -Infinity });
    return true;
  }

  /** This console cannot take a handed-over visitor (no certified device): the chat stays where it is. */
  decline(transferId) {
    return this.connection.send({ type: 'decline', transferId });
  }

  /** Asks who `chatId` could be handed to; the answer comes as a `colleagues` event. */
  colleagues(chatId) {
    return this.connection.send({ type: 'colleagues', chatId });
  }

  /** Asks to hand `chatId` to colleague `username`; `transferring`, then `ended` or `transfer_failed`. */
  transfer(chatId, username) {
    return this.connection.send({ type: 'transfer', chatId, to: username });
  }

  sendText(chatId, text) {
    const chat = this.chats.get(chatId);
    if (!chat || !chat.link) return Promise.reject(new Error('no such chat'));
    return chat.link.sendInner({ t: 'text', text });
  }

  /** Seals a referral card ({name, offers, contact, web}) like a message; resolves to its seq. */
  sendCard(chatId, card) {
    const chat = this.chats.get(chatId);
    if (!chat || !chat.link) return Promise.reject(new Error('no such chat'));
    return chat.link.sendInner({ t: 'card', ...card });
  }

  typing(chatId) {
    const chat = this.chats.get(chatId);
    if (!chat || !chat.link) return;
    const t = this.now();
    if (t - chat.lastTypingSent < TYPING_INTERVAL_MS) return;
    if (this.connection.send({ type: 'typing', chatId })) chat.lastTypingSent = t;
  }

  /** Ends a chat: the encrypted end marker (when there is a link), then `end`, then the keys go. */
  async end(chatId) {
    const chat = this.chats.get(chatId);
    if (chat && chat.link) {
      try {
        await chat.link.sendInner({ t: 'end' });
      } catch {
        // the end frame still closes the chat
      }
    }
    this.connection.send({ type: 'end', chatId });
    if (chat) {
      this._forget(chatId);
      this.emit('ended', { chatId, by: 'counsellor', complete: true });
    }
  }

  /** Logout or session end: drop every key and close for good. */
  stop() {
    for (const chatId of [...this.chats.keys()]) this._forget(chatId);
    this.connection.stop(1000);
  }

  _forget(chatId) {
    const chat = this.chats.get(chatId);
    if (chat && chat.link) chat.link.destroy();
    this.chats.delete(chatId);
  }

  _onClose(info) {
    for (const chat of this.chats.values()) if (chat.link) chat.link.offline();
    this.emit('connection', { state: info.final ? 'closed' : 'offline', code: info.code, retryInMs: info.retryInMs });
  }

  async _handle(frame) {
    const chat = frame.chatId ? this.chats.get(frame.chatId) : undefined;
    switch (frame.type) {
      case 'welcome': return this._welcome(frame);
      case 'duty': return this.emit('duty', { status: frame.status ?? (frame.on ? 'on' : 'off'), capacity: frame.capacity });
      case 'queue': return this.emit('queue', { now: frame.now, entries: frame.entries ?? [], length: frame.length });
      case 'items': return this.emit('items', {});
      case 'accepted':
        if (!chat) return undefined;
        chat.accepted = true;
        return this.emit('accepted', { chatId: frame.chatId, visitor: frame.visitor ?? {}, transferred: frame.transferred === true });
      case 'colleagues':
      case 'transferring':
      case 'transfer_failed':
      case 'handover':
        return this.emit(frame.type, frame);
      case 'handshake': return this._handshake(frame, chat);
      case 'resumed':
        if (chat && chat.link) chat.link.resumed(frame.lastSeq);
        return undefined;
      case 'msg': return this._msg(frame, chat);
      case 'delivered':
        if (chat && chat.link) {
          chat.link.delivered(frame.seq);
          this.emit('delivered', { chatId: frame.chatId, seq: frame.seq });
        }
        return undefined;
      case 'typing':
        if (chat) this.emit('typing', { chatId: frame.chatId });
        return undefined;
      case 'peer':
        if (chat) this.emit('peer', { chatId: frame.chatId, state: frame.state });
        return undefined;
      case 'ended':
        if (chat) this._ended(frame.chatId, frame.by, frame.to);
        return undefined;
      case 'error': return this._error(frame);
      default: return undefined;
    }
  }

  _welcome(frame) {
    this.connection.markHealthy();
    const reconnected = this.welcomed;
    this.welcomed = true;
    this.connection.send({ type: 'hello', deviceId: this.deviceId });
    const listed = new Map((frame.chats ?? []).map((c) => [c.chatId, c]));
    for (const [chatId, chat] of this.chats) {
      const known = listed.get(chatId);
      if (known) {
        if (!chat.accepted) {
          // The accept went through; only its answer was lost with the old socket.
          chat.accepted = true;
          this.emit('accepted', { chatId, visitor: known.visitor ?? {} });
        }
        if (!chat.link && known.enc) {
          // The visitor's handshake came while we were away: complete it, then resume.
          this._handshake({ chatId, enc: known.enc }, chat).then(() => {
            if (this.chats.get(chatId)?.link) this.connection.send({ type: 'resume', chatId, lastSeq: 0 });
          });
        } else {
          this.connection.send({ type: 'resume', chatId, lastSeq: chat.link ? chat.link.lastReceived : 0 });
        }
      } else if (!chat.accepted) {
        // Our accept (or take) was lost with the old socket: nobody was handed to us.
        this._forget(chatId);
        this.emit(chat.taken ? 'takeFailed' : 'acceptFailed', { code: 'unavailable', chatId });
      } else if (reconnected) {
        // The chat ended on the server while we were away (the grace period ran out).
        this._ended(chatId, 'timeout');
      }
    }
    for (const [chatId, c] of listed) {
      if (!this.chats.has(chatId)) this.emit('orphan', { chatId, state: c.state });
    }
    this.emit('welcome', { counsellor: frame.counsellor, duty: frame.duty, maxCapacity: frame.maxCapacity, reconnected });
    this.emit('connection', { state: 'online' });
  }

  async _handshake(frame, chat) {
    if (!chat || chat.link) return;
    let cipher;
    try {
      cipher = await this.completeHandshake(frame.chatId, frame.enc);
    } catch (err) {
      this.emit('handshakeFailed', { chatId: frame.chatId, reason: (err && err.reason) || 'bad_key' });
      await this.end(frame.chatId);
      return;
    }
    if (!this.chats.has(frame.chatId)) {
      cipher.destroy(); // ended while we computed
      return;
    }
    chat.link = new ChatLink({ chatId: frame.chatId, cipher, send: (f) => this.connection.send(f) });
    this.emit('chat', { chatId: frame.chatId, safetyCode: cipher.safetyCode });
  }

  async _msg(frame, chat) {
    if (!chat || !chat.link) return;
    const result = await chat.link.receive(frame);
    if (result.kind === 'inner') {
      if (result.inner && result.inner.t === 'end') chat.sawEndMarker = true;
      else this.emit('message', { chatId: frame.chatId, inner: result.inner, seq: result.seq });
    } else if (result.kind === 'resync') {
      this.connection.reconnectNow();
    } else if (result.kind === 'tampered') {
      this.emit('tampered', { chatId: frame.chatId, reason: result.reason });
    }
  }

  /** `to`: the colleague's display name when the chat was handed over (`by` is 'transferred'). */
  _ended(chatId, by, to) {
    const chat = this.chats.get(chatId);
    // A hand-over waits until both sides have everything, so the first part is complete.
    const complete = by === 'counsellor' || by === 'transferred' || Boolean(chat && chat.sawEndMarker);
    this._forget(chatId);
    this.emit('ended', { chatId, by, complete, ...(to ? { to } : {}) });
  }

  _error(frame) {
    if (frame.ref === 'accept') {
      if (frame.chatId) this._forget(frame.chatId);
      else for (const [id, c] of this.chats) if (!c.accepted) this._forget(id); // the one still waiting for `accepted`
      this.emit('acceptFailed', { code: frame.code, chatId: frame.chatId });
      return;
    }
    if (frame.ref === 'take') {
      if (frame.chatId) this._forget(frame.chatId);
      this.emit('takeFailed', { code: frame.code, chatId: frame.chatId });
      return;
    }
    if (frame.ref === 'transfer' || frame.ref === 'colleagues') {
      this.emit('transferRefused', { code: frame.code, chatId: frame.chatId });
      return;
    }
    if (frame.ref === 'duty') {
      this.emit('dutyRefused', { code: frame.code });
      return;
    }
    if (frame.ref === 'resume' && (frame.code === 'not_found' || frame.code === 'messages_lost')
        && frame.chatId && this.chats.has(frame.chatId)) {
      this._ended(frame.chatId, 'timeout');
      return;
    }
    const notResumed = frame.ref === 'resume' && (frame.code === 'unavailable' || frame.code === 'internal');
    if (notResumed && frame.chatId && this.chats.has(frame.chatId)) {
      // The store did not answer: this chat's messages would not reach us, so try again shortly.
      this.setTimer(() => this.connection.reconnectNow(), 2000);
    }
    const link = frame.ref === 'msg' && frame.chatId && this.chats.has(frame.chatId) ? this.chats.get(frame.chatId).link : null;
    if (link) link.refused(frame, this.setTimer, () => this.connection.reconnectNow());
    this.emit('error', frame);
  }
}
