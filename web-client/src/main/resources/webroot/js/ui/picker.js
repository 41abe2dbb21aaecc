// One labelled choice with an action button ("Canned text" + "Insert text", "Referral card" +
// "Send card"): the console's chat tools share it. Entries are {id, …}; the first option is "none".

import { h } from './dom.js';

let counter = 0;

export class Picker {
  /** @param {() => void} act what the button does with the chosen entry */
  constructor(act) {
    const id = `picker-${++counter}`;
    this.select = h('select', { id });
    this.label = h('label', { for: id });
    this.button = h('button', { type: 'button', class: 'secondary', onclick: act });
    this.root = h('div', { class: 'chat-tool' }, this.label, this.select, this.button);
  }

  /** Redraws the texts and options; what was chosen stays chosen while it is still offered. */
  fill({ label, button, none }, entries, optionText) {
    // Untouched when nothing changed: the console redraws often, and an open choice must stay open.
    const drawn = JSON.stringify([label, button, none, entries.map((e) => [e.id, optionText(e)])]);
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    const chosen = this.select.value;
    this.label.textContent = label;
    this.button.textContent = button;
    this.select.replaceChildren(h('option', { value: '' }, none),
      ...entries.map((e) => h('option', { value: e.id }, optionText(e))));
    this.select.value = entries.some((e) => e.id === chosen) ? chosen : '';
  }

  /** The chosen entry of `entries`, or undefined; the choice is cleared for the next use. */
  take(entries) {
    const entry = entries.find((e) => e.id === this.select.value);
    if (entry) this.select.value = '';
    return entry;
  }
}
