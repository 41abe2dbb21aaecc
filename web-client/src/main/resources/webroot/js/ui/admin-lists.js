// The administrators' lists on /admin: canned texts, the referral directory, wrap-up categories
// and "how did you find us?" sources. Ids are the server's; entries are retired and restored,
// never deleted, because statistics count under their ids (docs/protocol.md "Lists and wrap-up").

import { language, registerStrings, t } from '../i18n/index.js';
import listsNb from '../i18n/lists-nb.js';
import listsEn from '../i18n/lists-en.js';
import { getJson, postJson } from '../transport/http.js';
import { h, onSubmit, pressOnce } from './dom.js';

registerStrings({ nb: listsNb, en: listsEn });

/** Each list's fields: [name, control, maxlength]; the limits are the server's (lists.ListKind). */
const KINDS = {
  canned: { fields: [['title', 'input', 120], ['text', 'textarea', 4000], ['language', 'select']], shown: ['title', 'language'] },
  referrals: { fields: [['name', 'input', 120], ['offers', 'textarea', 1000], ['contact', 'input', 200], ['web', 'url', 300]], shown: ['name', 'contact', 'web'] },
  categories: { fields: [['nb', 'input', 80], ['en', 'input', 80]], shown: ['nb', 'en'] },
  sources: { fields: [['nb', 'input', 80], ['en', 'input', 80]], shown: ['nb', 'en'] },
};

function nameOf(kind, entry) {
  if (kind === 'canned') return entry.title;
  if (kind === 'referrals') return entry.name;
  return entry[language()] || entry.nb;
}

function control([name, type, max], id) {
  if (type === 'select') {
    return h('select', { id, name }, h('option', { value: 'nb' }), h('option', { value: 'en' }));
  }
  if (type === 'textarea') return h('textarea', { id, name, maxlength: String(max), rows: name === 'text' ? '5' : '3' });
  return h('input', { id, name, type: type === 'url' ? 'url' : 'text', maxlength: String(max), autocomplete: 'off' });
}

/** One list: its table and the form that adds an entry or edits the chosen one. */
class ListSection {
  constructor(kind, changed) {
    Object.assign(this, { kind, changed, entries: [], editing: null, note: null });
    const spec = KINDS[kind];
    this.heading = h('h3', { id: `list-${kind}-heading` });
    this.head = h('tr');
    this.rows = h('tbody');
    this.empty = h('p', { class: 'hint' });
    this.formHeading = h('h4', { id: `list-${kind}-form-heading` });
    this.inputs = spec.fields.map((field) => {
      const input = control(field, `list-${kind}-${field[0]}`);
      return { field, input, label: h('label', { for: input.id }) };
    });
    this.submit = h('button', { type: 'submit', class: 'primary' });
    this.cancel = h('button', { type: 'button', class: 'secondary', onclick: () => this.edit(null) });
    this.status = h('p', { role: 'status' });
    this.form = h('form', { method: 'dialog', 'aria-labelledby': this.formHeading.id },
      this.formHeading, ...this.inputs.map((i) => h('div', { class: 'field' }, i.label, i.input)),
      this.submit, ' ', this.cancel, this.status);
    // A double click on "Add" would store the entry twice (the second with its own id).
    onSubmit(this.form, () => this.save());
    this.root = h('section', { class: 'list-admin', 'aria-labelledby': this.heading.id },
      this.heading, h('table', { class: 'queue-table' }, h('thead', {}, this.head), this.rows), this.empty, this.form);
  }

  edit(entry) {
    this.editing = entry;
    this.note = null;
    for (const { field, input } of this.inputs) input.value = entry ? entry[field[0]] ?? '' : (field[1] === 'select' ? language() : '');
    this.render();
    if (entry) this.inputs[0].input.focus();
  }

  async save() {
    const body = Object.fromEntries(this.inputs.map(({ field, input }) => [field[0], input.value]));
    const path = this.editing ? `/api/admin/lists/${this.kind}/${encodeURIComponent(this.editing.id)}/edit` : `/api/admin/lists/${this.kind}`;
    const { status, body: answer } = await postJson(path, body);
    if (status === 200 || status === 201) {
      this.edit(null);
      await this.changed();
    } else {
      this.note = t('l.failed', { message: answer?.message ?? t('error.unavailable') });
      this.render();
    }
  }

  async act(entry, action) {
    const { status, body } = await postJson(`/api/admin/lists/${this.kind}/${encodeURIComponent(entry.id)}/${action}`);
    this.note = status === 200 ? null : t('l.failed', { message: body?.message ?? t('error.unavailable') });
    await this.changed();
  }

  render() {
    const { shown } = KINDS[this.kind];
    this.heading.textContent = t(`l.${this.kind}`);
    this.head.replaceChildren(...shown.map((f) => h('th', { scope: 'col' }, t(`l.f.${f}`))),
      h('th', { scope: 'col' }, t('l.col.state')), h('th', { scope: 'col' }, t('l.col.actions')));
    this.rows.replaceChildren(...this.entries.map((e) => {
      const name = nameOf(this.kind, e);
      return h('tr', { class: e.retired ? 'is-retired' : null },
        ...shown.map((f) => h('td', {}, f === 'language' ? t(`l.lang.${e[f]}`) : e[f])),
        h('td', {}, t(e.retired ? 'l.retired' : 'l.active')),
        h('td', {},
          h('button', { type: 'button', class: 'secondary', onclick: () => this.edit(e) }, t('l.edit', { name })), ' ',
          h('button', { type: 'button', class: 'secondary', onclick: pressOnce(() => this.act(e, e.retired ? 'restore' : 'retire')) },
            t(e.retired ? 'l.restore' : 'l.retire', { name }))));
    }));
    this.empty.textContent = this.entries.length ? '' : t('l.none');
    this.formHeading.textContent = this.editing ? t('l.editing', { name: nameOf(this.kind, this.editing) }) : t(`l.new.${this.kind}`);
    for (const { field, input, label } of this.inputs) {
      label.textContent = t(`l.f.${field[0]}`);
      if (field[1] === 'select') for (const o of input.options) o.textContent = t(`l.lang.${o.value}`);
    }
    this.submit.textContent = this.editing ? t('l.saveEdit') : t(`l.add.${this.kind}`);
    this.cancel.textContent = t('l.cancel');
    this.cancel.hidden = !this.editing;
    this.status.textContent = this.note ?? '';
  }
}

/**
 * @param {HTMLElement} mount the lists' container on the administration page
 * @returns {{load(): Promise<void>, render(): void}}
 */
export function setupAdminLists(mount) {
  const sections = Object.keys(KINDS).map((kind) => new ListSection(kind, () => load()));
  mount.replaceChildren(...sections.map((s) => s.root));
  for (const s of sections) s.edit(null);

  async function load() {
    const { status, body } = await getJson('/api/admin/lists');
    if (status !== 200 || !body) return;
    for (const s of sections) s.entries = Array.isArray(body[s.kind]) ? body[s.kind] : [];
    render();
  }

  function render() {
    for (const s of sections) s.render();
  }

  return { load, render };
}
