// The "Opening hours" section of /admin: the regular week, dated exceptions, the holidays switch,
// the manual override with what visitors see right now, and a 14-day preview that says why each
// day is as it is. The server (GET/PUT /api/admin/hours, POST /api/admin/hours/override) checks
// everything with the parsers that read the configuration; this page only gathers and shows.
// Edits stay a draft until saved, while the override takes effect with one click.

import { formatDay, formatWhen, language, registerStrings, t } from '../i18n/index.js';
import hoursNb from '../i18n/hours-nb.js';
import hoursEn from '../i18n/hours-en.js';
import { getJson, postJson, requestJson } from '../transport/http.js';
import { h, keepingFocus, turns } from './dom.js';

registerStrings({ nb: hoursNb, en: hoursEn });

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const OVERRIDES = ['schedule', 'open', 'closed'];
/** How often the "visitors see now" line and the preview are fetched again: hours change on the minute. */
const REFRESH_MS = 30000;
/** A new period starts as the model service's evening. */
const NEW_PERIOD = { from: '17:00', to: '22:00' };

// A time input cannot show 24:00, so an end of midnight is 00:00 there (the hint says so).
const endForInput = (time) => (time === '24:00' ? '00:00' : time);
const endForServer = (time) => (time === '00:00' ? '24:00' : time);

function draftFrom(view) {
  return {
    weekly: Object.fromEntries(DAYS.map((d) => [d, (view.weekly[d] ?? []).map((p) => ({ ...p }))])),
    exceptions: view.exceptions.map((e) => ({ date: e.date, closed: e.open.length === 0, open: e.open.map((p) => ({ ...p })) })),
    holidays: view.holidays,
  };
}

/** The week, exceptions and holidays; the override is set only by its own buttons, never by a save. */
function settingsFrom(draft) {
  const periods = (list) => list.map((p) => ({ from: p.from, to: endForServer(p.to) }));
  return {
    weekly: Object.fromEntries(DAYS.map((d) => [d, periods(draft.weekly[d])])),
    exceptions: draft.exceptions.map((e) => ({ date: e.date, open: e.closed ? [] : periods(e.open) })),
    holidays: draft.holidays,
  };
}

function nowText(view) {
  if (view.override === 'open') return t('h.nowOpenByHand');
  if (view.override === 'closed') return t('h.nowClosedByHand');
  if (view.openNow) return t('h.nowOpenSchedule');
  return view.nextOpening
    ? t('h.nowClosedSchedule', { when: formatWhen(view.nextOpening, view.zone) })
    : t('h.nowClosedNoOpening');
}

function reasonText(day) {
  const name = day.holiday?.[language()] ?? day.holiday?.nb ?? '';
  if (day.reason === 'holiday') return t('h.reason.holiday', { name });
  if (day.reason === 'exception') return day.holiday ? t('h.reason.exceptionHoliday', { name }) : t('h.reason.exception');
  return day.holiday ? t('h.reason.weeklyHoliday', { name }) : t('h.reason.weekly');
}

const periodsText = (open) => (open.length ? open.map((p) => `${p.from}–${p.to}`).join(', ') : t('h.closed'));

/**
 * @param root an empty element inside the section; the section's heading is the page's
 * @param onUnauthorized called when the session has ended
 */
export function createHoursEditor(root, { onUnauthorized }) {
  const state = { view: null, draft: null, dirty: false, note: null, error: false, timer: null };
  // The 30 s refresh's answer may land after a click's: the click's is the newer.
  const views = turns();
  const nowLine = h('p', { id: 'hours-now', class: 'big', role: 'status' });
  const source = h('p', { class: 'hint' });
  const overrideGroup = h('div', { class: 'hours-actions' });
  const overrideBox = h('fieldset', {}, h('legend', { id: 'hours-override-legend' }), overrideGroup,
    h('p', { class: 'hint', id: 'hours-override-hint' }));
  const form = h('form', { id: 'hours-form', method: 'dialog', novalidate: true });
  const note = h('p', { id: 'hours-note', class: 'note', role: 'status' });
  const preview = h('div', { class: 'table-scroll' });
  root.replaceChildren(nowLine, overrideBox, source, form, note, preview);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });

  function changed(fn) {
    return (event) => {
      fn(event.target);
      state.dirty = true;
    };
  }

  /** Redraws the form and puts focus back where the keyboard was (ids are stable per row). */
  function redrawForm(focusId) {
    renderForm();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  function periodRows(list, label, idPrefix, addId) {
    return list.map((p, i) => {
      const n = i + 1;
      const removeText = () => t('h.removeInterval', { day: label, from: p.from, to: endForServer(p.to) });
      const remove = h('button', { type: 'button', class: 'secondary', onclick: () => {
        list.splice(i, 1);
        state.dirty = true;
        redrawForm(list.length ? `${idPrefix}-${Math.min(n, list.length)}-from` : addId);
      } }, removeText());
      // The remove button names the period, so it follows the times as they are typed.
      const edit = (field, toDraft) => changed((el) => {
        p[field] = toDraft(el.value);
        remove.textContent = removeText();
      });
      return h('div', { class: 'hours-row' },
        h('input', { type: 'time', id: `${idPrefix}-${n}-from`, value: p.from, 'aria-label': t('h.intervalFrom', { day: label, n }),
          oninput: edit('from', (v) => v) }),
        h('span', { 'aria-hidden': 'true' }, '–'),
        h('input', { type: 'time', id: `${idPrefix}-${n}-to`, value: endForInput(p.to), 'aria-label': t('h.intervalTo', { day: label, n }),
          oninput: edit('to', endForServer) }),
        remove);
    });
  }

  function addButton(list, label, idPrefix, id) {
    return h('button', { type: 'button', class: 'secondary', id, onclick: () => {
      list.push({ ...NEW_PERIOD });
      state.dirty = true;
      redrawForm(`${idPrefix}-${list.length}-from`);
    } }, t('h.addInterval', { day: label }));
  }

  function weekdayFieldset(day) {
    const label = t(`h.day.${day}`);
    const list = state.draft.weekly[day];
    const addId = `hours-${day}-add`;
    return h('fieldset', { class: 'hours-day' }, h('legend', {}, label),
      list.length ? null : h('p', { class: 'hint' }, t('h.closedDay')),
      ...periodRows(list, label, `hours-${day}`, addId),
      addButton(list, label, `hours-${day}`, addId));
  }

  function exceptionFieldset(e, i) {
    const n = i + 1;
    const label = e.date || t('h.exceptionLabel', { n });
    const prefix = `hours-x${n}`;
    return h('fieldset', { class: 'hours-day' }, h('legend', {}, label),
      h('div', { class: 'field' },
        h('label', { for: `${prefix}-date` }, t('h.exceptionDate')),
        h('input', { type: 'date', id: `${prefix}-date`, value: e.date, required: true,
          oninput: changed((el) => { e.date = el.value; }) })),
      h('label', { class: 'choice' }, h('input', { type: 'checkbox', id: `${prefix}-closed`, checked: e.closed,
        onchange: (event) => {
          e.closed = event.target.checked;
          if (!e.closed && e.open.length === 0) e.open.push({ ...NEW_PERIOD });
          state.dirty = true;
          redrawForm(`${prefix}-closed`);
        } }), ` ${t('h.exceptionClosed')}`),
      ...(e.closed ? [] : [...periodRows(e.open, label, prefix, `${prefix}-add`), addButton(e.open, label, prefix, `${prefix}-add`)]),
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        state.draft.exceptions.splice(i, 1);
        state.dirty = true;
        redrawForm('hours-add-exception');
      } }, t('h.removeException', { date: label })));
  }

  function renderForm() {
    const { draft } = state;
    const exceptions = draft.exceptions;
    form.replaceChildren(
      h('fieldset', {}, h('legend', {}, t('h.weekly')),
        h('p', { class: 'hint' }, t('h.midnightHint')),
        ...DAYS.map(weekdayFieldset)),
      h('fieldset', {}, h('legend', {}, t('h.exceptions')),
        exceptions.length ? null : h('p', { class: 'hint' }, t('h.noExceptions')),
        ...exceptions.map(exceptionFieldset),
        h('button', { type: 'button', class: 'secondary', id: 'hours-add-exception', onclick: () => {
          exceptions.push({ date: state.view.preview[1]?.date ?? '', closed: true, open: [] });
          state.dirty = true;
          redrawForm(`hours-x${exceptions.length}-date`);
        } }, t('h.addException'))),
      h('label', { class: 'choice' }, h('input', { type: 'checkbox', id: 'hours-holidays', checked: draft.holidays,
        onchange: changed((el) => { draft.holidays = el.checked; }) }), ` ${t('h.holidays')}`),
      h('button', { type: 'submit', class: 'primary' }, t('h.save')));
  }

  function renderView() {
    const { view } = state;
    nowLine.textContent = nowText(view);
    source.textContent = t(`h.source.${view.source}`);
    overrideBox.querySelector('legend').textContent = t('h.override');
    overrideBox.querySelector('#hours-override-hint').textContent = t('h.overrideHint');
    keepingFocus(overrideGroup, () => overrideGroup.replaceChildren(...OVERRIDES.map((o) => h('button', {
      type: 'button', id: `hours-override-${o}`, class: o === view.override ? 'primary' : 'secondary',
      'aria-pressed': String(o === view.override), 'aria-describedby': 'hours-override-hint', onclick: () => setOverride(o),
    }, t(`h.override.${o}`)))));
    note.textContent = state.note ?? '';
    note.classList.toggle('warn', state.error);
    preview.replaceChildren(h('table', { class: 'queue-table', id: 'hours-preview' },
      h('caption', {}, t('h.preview')),
      h('thead', {}, h('tr', {}, ...['date', 'open', 'why'].map((c) => h('th', { scope: 'col' }, t(`h.col.${c}`))))),
      h('tbody', {}, ...view.preview.map((day) => h('tr', { 'data-date': day.date },
        h('th', { scope: 'row' }, formatDay(day.date)),
        h('td', {}, periodsText(day.open)),
        h('td', {}, reasonText(day), day.override ? h('span', { class: 'warn' }, ` ${t(`h.overrideDay.${day.override}`)}`) : null))))));
  }

  function render() {
    if (!state.view) return;
    renderView();
    // A language switch redraws the form too; the draft itself is kept.
    renderForm();
  }

  /** Takes a fresh view from the server; the draft follows unless it has unsaved edits. */
  function accept(view, { keepDraft = state.dirty } = {}) {
    state.view = view;
    if (!keepDraft) {
      state.draft = draftFrom(view);
      state.dirty = false;
    }
  }

  function failed(status, body) {
    if (status === 401) return onUnauthorized();
    state.note = t('h.failed', { message: body?.message ?? '' });
    state.error = true;
    return renderView();
  }

  async function load() {
    const turn = views.take();
    const { status, body } = await getJson('/api/admin/hours');
    if (status !== 200) return failed(status, body);
    views.mayDraw(turn); // the page's first view is drawn whatever else is on its way
    accept(body);
    render();
    clearInterval(state.timer);
    state.timer = setInterval(refreshView, REFRESH_MS);
  }

  /** Only the "now" line and the preview: never redraws a form someone may be typing in. */
  async function refreshView() {
    const turn = views.take();
    const { status, body } = await getJson('/api/admin/hours');
    if (status === 200 && views.mayDraw(turn)) {
      state.view = body;
      renderView();
    }
  }

  async function setOverride(override) {
    const turn = views.take();
    const { status, body } = await postJson('/api/admin/hours/override', { override });
    if (status !== 200) return failed(status, body);
    if (!views.mayDraw(turn)) return;
    accept(body, { keepDraft: true });
    state.note = null;
    state.error = false;
    renderView();
  }

  async function save() {
    const turn = views.take();
    const { status, body } = await requestJson('PUT', '/api/admin/hours', settingsFrom(state.draft));
    if (status !== 200) return failed(status, body);
    if (!views.mayDraw(turn)) return;
    accept(body, { keepDraft: false });
    state.note = t('h.saved');
    state.error = false;
    render();
  }

  return { load, render };
}
