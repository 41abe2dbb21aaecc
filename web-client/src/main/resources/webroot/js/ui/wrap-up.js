// The anonymous wrap-up at the end of a chat, in the chat's panel: category, PLISSIT level,
// referral given and how the visitor found the service, chosen from lists and saved once with
// POST /api/console/wrapup. No free text anywhere: what the server keeps are counters.

import { language, t } from '../i18n/index.js';
import { postJson } from '../transport/http.js';
import { h } from './dom.js';

/** The PLISSIT model's four levels (fixed; docs/protocol.md "Wrap-up"). */
export const PLISSIT = ['permission', 'limited-information', 'specific-suggestions', 'intensive-therapy'];

let counter = 0;

export class WrapUpForm {
  /**
   * @param {object} o
   * @param {string} o.chatId
   * @param {() => {categories: Array, referrals: Array, sources: Array}} o.lists the console's choices
   */
  constructor({ chatId, lists }) {
    const id = `wrapup-${++counter}`;
    Object.assign(this, { chatId, lists, saved: false, note: null, drawn: {} });
    this.heading = h('h3', { id: `${id}-h` });
    this.intro = h('p', { class: 'hint' });
    this.fields = {};
    const rows = ['category', 'plissit', 'referral', 'source'].map((name) => {
      const select = h('select', { id: `${id}-${name}`, name, required: name === 'category' || name === 'plissit' });
      const label = h('label', { for: select.id });
      this.fields[name] = { select, label };
      return h('div', { class: 'field' }, label, select);
    });
    this.button = h('button', { type: 'submit', class: 'primary' });
    this.status = h('p', { role: 'status' });
    this.root = h('form', { class: 'wrap-up', method: 'dialog', 'aria-labelledby': this.heading.id },
      this.heading, this.intro, ...rows, this.button, this.status);
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      this._save();
    });
    this.render();
  }

  /** Labels and choices in the current language; what was chosen stays chosen. */
  render() {
    const { categories = [], referrals = [], sources = [] } = this.lists();
    const label = (entry) => entry[language()] || entry.nb || entry.en || entry.id;
    const choose = h('option', { value: '' }, t('w.choose'));
    this._fill('category', t('w.category'), [choose, ...categories.map((c) => h('option', { value: c.id }, label(c)))]);
    this._fill('plissit', t('w.plissit'), [choose.cloneNode(true),
      ...PLISSIT.map((p) => h('option', { value: p }, t(`w.p.${p}`)))]);
    this._fill('referral', t('w.referral'), [h('option', { value: 'none' }, t('w.none')),
      ...referrals.map((r) => h('option', { value: r.id }, r.name))]);
    this._fill('source', t('w.source'), [h('option', { value: 'unknown' }, t('w.unknown')),
      ...sources.map((s) => h('option', { value: s.id }, label(s)))]);
    this.heading.textContent = t('w.heading');
    this.intro.textContent = t('w.intro');
    this.button.textContent = t('w.save');
    this.status.textContent = this.saved ? t('w.saved') : this.note ? t(this.note.key, this.note.params) : '';
    for (const { select } of Object.values(this.fields)) select.disabled = this.saved;
    this.button.hidden = this.saved;
  }

  _fill(name, text, options) {
    const { select, label } = this.fields[name];
    // Untouched when nothing changed: the console redraws often, and an open choice must stay open.
    const drawn = JSON.stringify([text, options.map((o) => [o.value, o.textContent])]);
    if (drawn === this.drawn[name]) return;
    this.drawn[name] = drawn;
    const chosen = select.value;
    label.textContent = text;
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
  }

  async _save() {
    const value = (name) => this.fields[name].select.value;
    if (!value('category') || !value('plissit')) {
      this.note = { key: 'w.missing', params: {} };
      this.render();
      return;
    }
    this.button.disabled = true;
    const { status, body } = await postJson('/api/console/wrapup', {
      chatId: this.chatId, category: value('category'), plissit: value('plissit'),
      referral: value('referral'), source: value('source'),
    });
    this.button.disabled = false;
    // Saved before (another tab of the same console, say) is as good as saved now.
    this.saved = status === 204 || body?.code === 'wrong_state';
    // The server's message is English; the page says what each refusal means in its own language.
    const known = ['not_found', 'forbidden', 'wrong_state', 'bad_frame'].includes(body?.code);
    this.note = this.saved ? null : known ? { key: `w.failed.${body.code}`, params: {} }
      : { key: 'w.failed', params: { message: t('error.unavailable') } };
    this.render();
  }
}
