// The console's canned texts for one chat: choosing one and pressing "Insert text" puts it into the
// message box at the cursor, for the counsellor to adapt. It is never sent by itself.

import { t } from '../i18n/index.js';
import { h } from './dom.js';

let counter = 0;

export class CannedPicker {
  /**
   * @param {object} o
   * @param {() => Array<{id: string, title: string, text: string, language: string}>} o.canned
   * @param {HTMLTextAreaElement} o.textarea the chat's message box
   */
  constructor({ canned, textarea }) {
    const id = `canned-${++counter}`;
    Object.assign(this, { canned, textarea });
    this.select = h('select', { id });
    this.label = h('label', { for: id });
    this.button = h('button', { type: 'button', class: 'secondary', onclick: () => this._insert() });
    this.root = h('div', { class: 'chat-tool' }, this.label, this.select, this.button);
    this.render();
  }

  render() {
    const chosen = this.select.value;
    this.label.textContent = t('ct.canned');
    this.button.textContent = t('ct.insert');
    this.select.replaceChildren(h('option', { value: '' }, t('ct.cannedNone')),
      ...this.canned().map((c) => h('option', { value: c.id }, `${c.title} (${c.language})`)));
    this.select.value = this.canned().some((c) => c.id === chosen) ? chosen : '';
  }

  _insert() {
    const entry = this.canned().find((c) => c.id === this.select.value);
    if (!entry || this.textarea.disabled) return;
    const { selectionStart: start, selectionEnd: end } = this.textarea;
    this.textarea.setRangeText(entry.text, start ?? this.textarea.value.length, end ?? this.textarea.value.length, 'end');
    this.select.value = '';
    this.textarea.focus();
    this.textarea.dispatchEvent(new Event('input')); // the peer sees "writing", as when typed
  }
}
