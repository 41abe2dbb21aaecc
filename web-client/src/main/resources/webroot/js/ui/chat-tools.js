// What the administrators' lists add to each console chat: canned texts and referral cards while
// it runs, the wrap-up once it has ended. The lists come from GET /api/console/lists (retired
// entries left out), fetched again whenever a chat starts, so a change at /admin reaches the next chat.

import { registerStrings } from '../i18n/index.js';
import listsNb from '../i18n/lists-nb.js';
import listsEn from '../i18n/lists-en.js';
import { getJson } from '../transport/http.js';
import { h } from './dom.js';
import { CannedPicker } from './canned.js';
import { ReferralPicker } from './referral-card.js';
import { WrapUpForm } from './wrap-up.js';

registerStrings({ nb: listsNb, en: listsEn });

/**
 * @param {{transport: () => import('../transport/console.js').ConsoleTransport}} o
 * @returns {{attach(chat): void, ended(chat, {wrapUp}): void, relabel(chat): void}} for console.js's
 *   chats; `ended` hides the tools and, unless `wrapUp` is false, shows the wrap-up
 *   ({chatId, view, panel, closeButton})
 */
export function setupChatTools({ transport }) {
  let lists = { canned: [], referrals: [], categories: [], sources: [] };
  const parts = new Map(); // chatId → {canned, referral, tools, wrapUp}

  async function refresh() {
    const { status, body } = await getJson('/api/console/lists');
    if (status === 200 && body) lists = body;
    for (const p of parts.values()) for (const part of [p.canned, p.referral, p.wrapUp]) part?.render();
  }

  return {
    attach(chat) {
      const canned = new CannedPicker({ canned: () => lists.canned ?? [], textarea: chat.view.textarea });
      const referral = new ReferralPicker({
        referrals: () => lists.referrals ?? [],
        send: (card) => transport().sendCard(chat.chatId, card),
        view: chat.view,
      });
      const tools = h('div', { class: 'chat-tools' }, canned.root, referral.root);
      chat.view.form.before(tools);
      parts.set(chat.chatId, { canned, referral, tools, wrapUp: null });
      refresh();
    },
    ended(chat, { wrapUp = true } = {}) {
      const p = parts.get(chat.chatId);
      if (!p) return;
      p.tools.hidden = true;
      if (!wrapUp || p.wrapUp) return;
      p.wrapUp = new WrapUpForm({ chatId: chat.chatId, lists: () => lists });
      chat.closeButton.before(p.wrapUp.root);
    },
    relabel(chat) {
      const p = parts.get(chat.chatId);
      if (p) for (const part of [p.canned, p.referral, p.wrapUp]) part?.render();
    },
  };
}
