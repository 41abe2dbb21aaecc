// The console's canned texts for one chat: choosing one and pressing "Insert text" puts it into the
// message box at the cursor, for the counsellor to adapt. It is never sent by itself.

import { t } from '../i18n/index.js';
import { Picker } from './picker.js';

export class CannedPicker {
  /**
   * @param {object} o
   * @param {() => Array<{id: string, title: string, text: string, language: string}>} o.canned
   * @param {HTMLTextAreaElement} o.textarea the chat's message box
   */
  constructor({ canned, textarea }) {
    Object.assign(this, { canned, textarea });
    this.picker = new Picker(() => this._insert());
    this.root = this.picker.root;
    this.render();
  }

  render() {
    this.picker.fill({ label: t('ct.canned'), button: t('ct.insert'), none: t('ct.cannedNone') }, this.canned(),
      (c) => `${c.title} (${c.language})`);
  }

  _insert() {
    if (this.textarea.disabled) return;
    const entry = this.picker.take(this.canned());
    if (!entry) return;
    const { selectionStart: start, selectionEnd: end } = this.textarea;
    this.textarea.setRangeText(entry.text, start ?? this.textarea.value.length, end ?? this.textarea.value.length, 'end');
    this.textarea.focus();
    this.textarea.dispatchEvent(new Event('input')); // the peer sees "writing", as when typed
  }
}
