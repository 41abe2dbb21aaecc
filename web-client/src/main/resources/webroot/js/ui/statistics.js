// The administration page's "Statistics": anonymous counters for a chosen period, grouped as the
// yearly report reads them, each group as a chart (uPlot, loaded by the page as a classic script)
// with the same numbers in a table beside it, since a canvas says nothing to a screen reader.
// Counts of one to four arrive from the server already as "<5"; this page never sees them exactly.

import { language, onLanguageChange, registerStrings, t } from '../i18n/index.js';
import statisticsNb from '../i18n/statistics-nb.js';
import statisticsEn from '../i18n/statistics-en.js';
import { getJson } from '../transport/http.js';
import { $, h, turns } from './dom.js';

registerStrings({ nb: statisticsNb, en: statisticsEn });

export const SUPPRESSED = '<5';
const PALETTE = ['#1f5f8b', '#b5651d', '#2e7d32', '#6a3d9a', '#c2185b', '#00838f', '#5d4037', '#827717'];
const MARK = '#b00020';

/** A cell as a number to plot: "<5" sits at 0 and gets its own marker, see {@link chartData}. */
function plotted(value) {
  return typeof value === 'number' ? value : 0;
}

/**
 * One group's chart data: x is the period's index, one series per key, and a last series that is
 * 0 where any key of the group was suppressed (null elsewhere), drawn as a marked point so "<5"
 * never looks like a plain zero.
 */
export function chartData(report, group) {
  const x = report.periods.map((_, i) => i);
  const series = group.keys.map((k) => report.periods.map((p) => plotted(p.counts[k])));
  const marks = report.periods.map((p) => (group.keys.some((k) => p.counts[k] === SUPPRESSED) ? 0 : null));
  return [x, ...series, marks];
}

function listEntry(list, id) {
  return (list ?? []).find((e) => e.id === id);
}

function minutes(band) {
  const over = /^(\d+)m\+$/.exec(band);
  if (over) return t('st.minutesOver', { from: over[1] });
  const range = /^(\d+)-(\d+)m$/.exec(band);
  return range ? t('st.minutes', { from: range[1], to: range[2] }) : band;
}

/**
 * A counter's label: fixed texts from the dictionaries, bands of minutes, and ids from the
 * administrators' lists (`lists` may be empty: then the id itself is shown).
 */
export function keyLabel(key, lists = {}, lang = language()) {
  const fixed = t(`st.key.${key}`);
  if (fixed !== `st.key.${key}`) return fixed;
  const band = /^(?:wait|duration)\.(.+)$/.exec(key);
  if (band) return minutes(band[1]);
  const listed = /^(?:wrapup\.(category|source|referral)|visitor\.(source))\.(.+)$/.exec(key);
  if (!listed) return key;
  const kind = listed[1] ?? listed[2];
  const id = listed[3];
  const entry = listEntry({ category: lists.categories, source: lists.sources, referral: lists.referrals }[kind], id);
  if (!entry) return id;
  const label = entry[lang] ?? entry.name ?? entry.nb ?? id;
  return entry.retired ? t('st.retired', { label }) : label;
}

function groupLabel(id) {
  const text = t(`st.group.${id}`);
  return text === `st.group.${id}` ? id : text;
}

function cellText(value) {
  return value === undefined || value === null ? '0' : String(value);
}

export function setupStatistics() {
  const state = { report: null, lists: {}, charts: [], started: false };
  const reports = turns();

  function query() {
    const params = new URLSearchParams({ from: $('#stats-from').value, to: $('#stats-to').value, by: $('#stats-by').value });
    return params.toString();
  }

  function table(group, labels) {
    const { periods } = state.report;
    return h('table', { class: 'queue-table stats-table' },
      h('caption', {}, t('st.table', { group: groupLabel(group.id) })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('st.period')),
        ...group.keys.map((k) => h('th', { scope: 'col' }, labels[k])))),
      h('tbody', {}, ...periods.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.period),
        ...group.keys.map((k) => h('td', { class: p.counts[k] === SUPPRESSED ? 'suppressed' : null }, cellText(p.counts[k])))))));
  }

  function chart(group, labels, target) {
    const UPlot = globalThis.uPlot;
    if (!UPlot) return;
    const { periods } = state.report;
    const names = periods.map((p) => p.period);
    const shown = (si) => (u, v, s, i) => (i === null || i === undefined ? '' : cellText(periods[i]?.counts[group.keys[si]]));
    const opts = {
      width: Math.max(280, Math.min(900, target.clientWidth || 640)),
      height: 220,
      scales: { x: { time: false } },
      axes: [{ values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? names[v] ?? '' : '')) }, {}],
      series: [
        { label: t('st.period'), value: (u, v) => (v === null || v === undefined ? '' : names[v] ?? '') },
        ...group.keys.map((k, i) => ({ label: labels[k], stroke: PALETTE[i % PALETTE.length], width: 2, value: shown(i) })),
        { label: t('st.suppressedMark'), stroke: MARK, paths: () => null, points: { show: true, size: 9, stroke: MARK, fill: MARK }, value: (u, v) => (v === null || v === undefined ? '' : SUPPRESSED) },
      ],
    };
    state.charts.push(new UPlot(opts, chartData(state.report, group), target));
  }

  function render() {
    for (const c of state.charts) c.destroy();
    state.charts = [];
    const root = $('#stats-groups');
    if (!state.report) {
      root.replaceChildren();
      return;
    }
    const groups = state.report.groups.filter((g) => g.keys.length > 0);
    const sections = groups.map((group) => {
      const labels = Object.fromEntries(group.keys.map((k) => [k, keyLabel(k, state.lists)]));
      const plot = h('div', { class: 'stats-chart', role: 'img', 'aria-label': t('st.chart', { group: groupLabel(group.id) }) });
      const section = h('div', { class: 'stats-group', 'data-group': group.id },
        h('h3', {}, groupLabel(group.id)), plot, table(group, labels));
      return { section, plot, group, labels };
    });
    root.replaceChildren(...sections.map((s) => s.section));
    if (state.report.periods.length === 0 || groups.length === 0) root.append(h('p', { class: 'hint' }, t('st.none')));
    for (const s of sections) chart(s.group, s.labels, s.plot);
  }

  async function load(event) {
    event?.preventDefault();
    $('#stats-note').textContent = t('st.loading');
    const turn = reports.take();
    const [report, lists] = await Promise.all([getJson(`/api/admin/statistics?${query()}`), getJson('/api/admin/lists')]);
    // Filters changed again while this report was made: the report for the newer ones is drawn.
    if (!reports.mayDraw(turn)) return;
    // The lists come with wrap-up categories and sources; until they exist, ids are shown as they are.
    state.lists = lists.status === 200 && lists.body ? lists.body : {};
    if (report.status !== 200) {
      state.report = null;
      $('#stats-note').textContent = t('st.failed', { message: report.body?.message ?? report.status });
    } else {
      state.report = report.body;
      $('#stats-note').textContent = '';
    }
    render();
  }

  /** A plain navigation to the CSV: the session cookie goes along, and the server names the file. */
  function exportCsv() {
    const link = h('a', { href: `/api/admin/statistics.csv?${query()}`, download: '', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
  }

  return {
    start() {
      if (state.started) return;
      state.started = true;
      const today = new Date();
      const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      $('#stats-from').value = `${today.getFullYear()}-01-01`;
      $('#stats-to').value = iso(today);
      $('#stats-form').addEventListener('submit', load);
      $('#stats-export').addEventListener('click', exportCsv);
      onLanguageChange(render);
      load();
    },
  };
}
