// A referral card on screen (the visitor's page and the console) and the console's picker that
// sends one. The card arrives as a checked inner message (crypto/card.js); it is still drawn from
// text nodes only, and its web address becomes a link only when it is https.

import { isHttpsAddress } from '../crypto/card.js';
import { t } from '../i18n/index.js';
import { h } from './dom.js';

/**
 * @param {{name: string, offers: string, contact: string, web: string}} card
 * @returns {HTMLElement}
 */
export function cardElement(card) {
  const link = card.web && isHttpsAddress(card.web)
    ? h('p', { class: 'card-web' }, h('a', { href: card.web, rel: 'noopener noreferrer', target: '_blank' }, card.web))
    : null;
  return h('article', { class: 'referral-card', 'aria-label': t('card.label', { name: card.name }) },
    h('h4', { text: card.name }),
    card.offers ? h('p', { class: 'card-offers', text: card.offers }) : null,
    card.contact ? h('p', { class: 'card-contact', text: card.contact }) : null,
    link);
}

let counter = 0;

/** The console's "Referral card" choice and "Send card" button for one chat. */
export class ReferralPicker {
  /**
   * @param {object} o
   * @param {() => Array<{id: string, name: string, offers: string, contact: string, web: string}>} o.referrals
   * @param {(card: object) => Promise<number>} o.send seals and sends the card
   * @param {import('./chat-view.js').ChatView} o.view where the sent card is shown
   */
  constructor({ referrals, send, view }) {
    const id = `referral-${++counter}`;
    Object.assign(this, { referrals, send, view });
    this.select = h('select', { id });
    this.label = h('label', { for: id });
    this.button = h('button', { type: 'button', class: 'secondary', onclick: () => this._send() });
    this.root = h('div', { class: 'chat-tool' }, this.label, this.select, this.button);
    this.render();
  }

  render() {
    const chosen = this.select.value;
    this.label.textContent = t('ct.referral');
    this.button.textContent = t('ct.sendCard');
    this.select.replaceChildren(h('option', { value: '' }, t('ct.referralNone')),
      ...this.referrals().map((r) => h('option', { value: r.id }, r.name)));
    this.select.value = this.referrals().some((r) => r.id === chosen) ? chosen : '';
  }

  async _send() {
    const entry = this.referrals().find((r) => r.id === this.select.value);
    if (!entry) return;
    const card = { name: entry.name, offers: entry.offers, contact: entry.contact, web: entry.web };
    try {
      await this.send(card);
      this.view.addItem(cardElement(card), true);
      this.select.value = '';
    } catch {
      this.view.addNotice('ct.cardFailed', {}, 'warn');
    }
  }
}
