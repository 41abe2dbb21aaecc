// Delivery state of one end-to-end encrypted chat, for one side (docs/protocol.md
// "Delivery, acknowledgement and resume").
//
// Outgoing: every inner message is sealed by the chat cipher (which numbers it) and kept in
// `outbox` until the server says `delivered`. After a reconnect the server's `resumed.lastSeq`
// tells which of them it already holds; the rest are sent again. One the server refuses goes again
// on the same socket after a pause, with every later one (`refused`); one the peer's full buffer
// refused waits longer each time, and goes as soon as a `delivered` shows the peer reading again.
// Incoming: only the next sequence number is opened; the cumulative `ack` goes out for every
// accepted envelope. A duplicate (seq already seen, e.g. re-sent after a resume) is dropped
// silently. A gap or a cipher that refuses the sequence asks the owner to resynchronise; an
// envelope that fails authentication is reported so the page can warn — never shown.
//
// The link never inspects plaintext beyond handing it back, and never touches the DOM.

/** The pause before a refused envelope goes again: long enough for a busy server to recover. */
export const RESEND_AFTER_MS = 2000;
/**
 * The longest pause between re-sends the peer's full buffer keeps refusing (`buffer_full`): the
 * peer is away, and a `delivered` tells when it reads again, so asking often only costs data.
 */
export const BUFFER_FULL_MAX_MS = 30000;
/** Refusals a re-send can overcome: the server was busy, or the peer behind. */
const PASSING = new Set(['unavailable', 'internal', 'buffer_full']);

export class ChatLink {
  /**
   * @param {object} o
   * @param {string} o.chatId
   * @param {{seal(inner: object): Promise<{seq: number, ct: string}>,
   *          open(seq: number, ct: string): Promise<object>, destroy(): void}} o.cipher
   * @param {(frame: object) => boolean} o.send  sends a frame if connected; false otherwise
   */
  constructor({ chatId, cipher, send }) {
    this.chatId = chatId;
    this.cipher = cipher;
    this.sendFrame = send;
    this.outbox = [];          // [{seq, ct}] sealed, not yet delivered, ascending seq
    this.lastReceived = 0;     // highest inbound seq accepted and acknowledged
    this.lastDelivered = 0;    // highest outbound seq the peer has acknowledged
    this.online = true;        // false between a drop and the server's `resumed`
    this.sealing = Promise.resolve();
    this.resendFrom = null;    // lowest seq waiting to go again, while a re-send is scheduled
    this.onlyOutOfSequence = false; // every refusal behind that re-send was bad_sequence
    this.outOfStep = 0;        // such re-sends since the last `delivered`
    this.fullPause = RESEND_AFTER_MS; // next pause after buffer_full; doubles, reset by `delivered`
    this.waitingForRoom = false; // the scheduled re-send waits for the peer's buffer
    this.resendTurn = 0;       // which scheduled re-send is current; an earlier timer does nothing
  }

  /**
   * Seals `inner` and sends it when online (otherwise it waits in the outbox for the resume).
   * Seals are chained so envelopes leave in sequence order even if the cipher is slow.
   * @returns {Promise<number>} the envelope's seq
   */
  sendInner(inner) {
    const result = this.sealing.then(async () => {
      if (!this.cipher) throw new Error('chat closed');
      const { seq, ct } = await this.cipher.seal(inner);
      this.outbox.push({ seq, ct });
      if (this.online) this.sendFrame({ type: 'msg', chatId: this.chatId, seq, ct });
      return seq;
    });
    this.sealing = result.catch(() => {});
    return result;
  }

  /**
   * Handles an inbound `msg` frame. Callers must process frames one at a time (await each),
   * because the cipher accepts only the next sequence number.
   * @returns {Promise<{kind: 'inner', inner: object, seq: number}
   *                  |{kind: 'duplicate'}|{kind: 'resync'}|{kind: 'tampered', reason: string}>}
   */
  async receive(frame) {
    if (!this.cipher) return { kind: 'duplicate' };
    const seq = frame.seq;
    if (!Number.isSafeInteger(seq) || seq < 1 || typeof frame.ct !== 'string') {
      return { kind: 'tampered', reason: 'bad_frame' };
    }
    if (seq <= this.lastReceived) {
      // Already shown. Acknowledge again in case our earlier ack was lost with the old socket.
      this.sendFrame({ type: 'ack', chatId: this.chatId, seq: this.lastReceived });
      return { kind: 'duplicate' };
    }
    if (seq !== this.lastReceived + 1) return { kind: 'resync' };
    let inner;
    try {
      inner = await this.cipher.open(seq, frame.ct);
    } catch (err) {
      if (err && err.reason === 'bad_sequence') return { kind: 'resync' };
      return { kind: 'tampered', reason: (err && err.reason) || 'bad_tag' };
    }
    this.lastReceived = seq;
    this.sendFrame({ type: 'ack', chatId: this.chatId, seq });
    return { kind: 'inner', inner, seq };
  }

  /**
   * The server refused one of our envelopes (`error` with `ref: "msg"`; docs/protocol.md). It goes
   * again on this socket after a pause, from the `seq` the server names, with every later one not
   * yet delivered; after `bad_sequence` (an earlier one is missing) every one not yet delivered
   * goes. Refusals during the pause join that one re-send. Out of sequence alone twice over, with
   * nothing delivered between, the server and this page disagree about what it holds, which only a
   * resume tells: the third time `resync` is called instead. (A busy server's `unavailable` with
   * the `bad_sequence` of the envelopes behind it is not a disagreement and never leads there.)
   * Any other refusal (the chat is not open, or not here) cannot pass by re-sending: after the
   * pause `resync` is called, and the resume tells where the chat stands. After `buffer_full` (the
   * peer is away and holds too many unread) the pause doubles with each refused re-send, up to
   * `BUFFER_FULL_MAX_MS`, and the first `delivered` ends it at once.
   * @param {{code: string, seq?: number}} frame
   * @param {(fn: () => void, ms: number) => void} setTimer
   * @param {() => void} resync  reconnects and resumes
   */
  refused(frame, setTimer, resync) {
    const outOfSequence = frame.code === 'bad_sequence';
    if (!outOfSequence && !PASSING.has(frame.code)) {
      setTimer(() => { if (this.cipher) resync(); }, RESEND_AFTER_MS);
      return;
    }
    const full = frame.code === 'buffer_full';
    const from = !outOfSequence && Number.isSafeInteger(frame.seq) ? frame.seq : 1;
    if (this.resendFrom !== null) {
      this.resendFrom = Math.min(this.resendFrom, from);
      this.onlyOutOfSequence = this.onlyOutOfSequence && outOfSequence;
      return;
    }
    this.resendFrom = from;
    this.onlyOutOfSequence = outOfSequence;
    this.waitingForRoom = full;
    const pause = full ? this.fullPause : RESEND_AFTER_MS;
    if (full) this.fullPause = Math.min(this.fullPause * 2, BUFFER_FULL_MAX_MS);
    const turn = ++this.resendTurn;
    setTimer(() => { if (turn === this.resendTurn) this.resend(resync); }, pause);
  }

  /** Sends the scheduled re-send now (the pause is over, or the peer's buffer has room). */
  resend(resync) {
    const start = this.resendFrom;
    const disagree = this.onlyOutOfSequence;
    this.resendFrom = null;
    this.waitingForRoom = false;
    this.resendTurn++;
    if (!this.online || !this.cipher) return; // a resume re-sends what the server lacks
    if (disagree && ++this.outOfStep > 2) {
      this.outOfStep = 0;
      resync();
      return;
    }
    for (const { seq, ct } of this.outbox) {
      if (seq >= start) this.sendFrame({ type: 'msg', chatId: this.chatId, seq, ct });
    }
  }

  /** `delivered`: the peer acknowledged everything up to `seq`. */
  delivered(seq) {
    if (!Number.isSafeInteger(seq) || seq <= this.lastDelivered) return;
    this.lastDelivered = seq;
    this.outOfStep = 0;
    this.fullPause = RESEND_AFTER_MS;
    this.outbox = this.outbox.filter((e) => e.seq > seq);
    // The peer read, so its buffer has room: what it refused goes now, not after the back-off.
    if (this.waitingForRoom) this.resend(() => {});
  }

  /** The socket dropped: hold new envelopes until `resumed`. */
  offline() {
    this.online = false;
  }

  /**
   * `resumed`: the server holds our envelopes up to `serverLastSeq`. Re-send the rest in order and
   * repeat our cumulative ack (the old socket may have died before it went out).
   */
  resumed(serverLastSeq) {
    this.online = true;
    const held = Number.isSafeInteger(serverLastSeq) ? serverLastSeq : 0;
    for (const { seq, ct } of this.outbox) {
      if (seq > held) this.sendFrame({ type: 'msg', chatId: this.chatId, seq, ct });
    }
    if (this.lastReceived > 0) this.sendFrame({ type: 'ack', chatId: this.chatId, seq: this.lastReceived });
  }

  /** Drops the keys and everything held: nothing of this chat stays in memory. */
  destroy() {
    if (this.cipher) {
      try {
        this.cipher.destroy();
      } catch {
        // destroying is best effort; the reference is dropped either way
      }
    }
    this.cipher = null;
    this.outbox = [];
  }
}
