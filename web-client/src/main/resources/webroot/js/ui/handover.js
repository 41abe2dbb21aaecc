// A counsellor hands the visitor's chat to a colleague (docs/protocol.md, "Handing a chat to a
// colleague"), as the visitor page shows it: the same conversation goes on, with a divider naming
// the new counsellor (from their verified certificate), the note that they have not seen what was
// written before, and the new safety code. No keys here: the transport verifies the colleague's
// offer exactly as a first offer and makes a new handshake.

import { t } from '../i18n/index.js';

/**
 * @param {object} o
 * @param {import('../transport/visitor.js').VisitorTransport} o.transport
 * @param {() => import('./chat-view.js').ChatView|null} o.view   the conversation on screen
 * @param {() => string|null} o.counsellor                          the current counsellor's name
 * @param {() => string} o.peerName                                 the counsellor's name as shown from now on
 * @param {(info: {displayName: string, safetyCode: string}) => void} o.adopt  the page takes the colleague
 */
export function setupHandover({ transport, view, counsellor, peerName, adopt }) {
  let waiting = false;
  const stop = () => { waiting = false; };
  for (const type of ['rejected', 'queue', 'ended', 'lost']) transport.on(type, stop);

  transport.on('handover', () => {
    const chatView = view();
    if (!chatView) return;
    waiting = true;
    // The server waited until both sides had everything before handing over; what is still
    // unacknowledged here was sent after that and never reached anyone.
    chatView.markUndelivered();
    chatView.hideTyping();
    chatView.setReady(false);
    chatView.addNotice('handover.waiting');
  });

  return {
    /** An offer while handed over is the colleague's: it is verified without leaving the conversation. */
    offer() {
      return waiting;
    },

    /** The colleague's chat is ready. True when this was a hand-over (the page shows nothing else). */
    chat(info) {
      const chatView = view();
      if (!waiting || !chatView) return false;
      waiting = false;
      const before = counsellor();
      chatView.handOver(() => before || t('chat.counsellor'), peerName);
      adopt(info);
      chatView.addNotice('handover.now', {}, 'divider');
      chatView.addNotice('handover.notSeen');
      chatView.addNotice('handover.safety', { code: info.safetyCode });
      chatView.setReady(true);
      chatView.focus();
      return true;
    },
  };
}
