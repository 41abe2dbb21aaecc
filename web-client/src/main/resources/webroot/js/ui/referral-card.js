// A referral card on screen (the visitor's page and the console) and the console's picker that
// sends one. The card arrives as a checked inner message (crypto/card.js); it is still drawn from
// text nodes only, and its web address becomes a link only when it is https.

import { isHttpsAddress } from '../crypto/card.js';
import { t } from '../i18n/index.js';
import { h } from './dom.js';
import { Picker } from './picker.js';

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

/** The console's "Referral card" choice and "Send card" button for one chat. */
export class ReferralPicker {
  /**
   * @param {object} o
   * @param {() => Array<{id: string, name: string, offers: string, contact: string, web: string}>} o.referrals
   * @param {(card: object) => Promise<number>} o.send seals and sends the card
   * @param {import('./chat-view.js').ChatView} o.view where the sent card is shown
   */
  constructor({ referrals, send, view }) {
    Object.assign(this, { referrals, send, view });
    this.picker = new Picker(() => this._send());
    this.root = this.picker.root;
    this.render();
  }

  render() {
    this.picker.fill({ label: t('ct.referral'), button: t('ct.sendCard'), none: t('ct.referralNone') }, this.referrals(),
      (r) => r.name);
  }

  async _send() {
    const entry = this.picker.take(this.referrals());
    if (!entry) return;
    const card = { name: entry.name, offers: entry.offers, contact: entry.contact, web: entry.web };
    try {
      await this.send(card);
      this.view.addItem(cardElement(card), true);
    } catch {
      this.view.addNotice('ct.cardFailed', {}, 'warn');
    }
  }
}
