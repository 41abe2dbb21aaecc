import test from 'node:test';
import assert from 'node:assert/strict';

import { setLanguage } from '../../src/main/resources/webroot/js/i18n/index.js';
import { chartData, keyLabel } from '../../src/main/resources/webroot/js/ui/statistics.js';

const report = {
  periods: [
    { period: '2026-01', counts: { 'contacts.offered': 12, 'contacts.answered': '<5' } },
    { period: '2026-02', counts: { 'contacts.offered': 0, 'contacts.answered': 0 } },
  ],
};

test('"<5" is plotted at 0 with a marker where the group has one, never as a plain zero', () => {
  const group = { id: 'contacts', keys: ['contacts.offered', 'contacts.answered'] };
  assert.deepEqual(chartData(report, group), [[0, 1], [12, 0], [0, 0], [0, null]]);
});

test('labels: fixed texts, bands of minutes, list ids with the raw id when the lists are missing', async () => {
  assert.equal(keyLabel('contacts.offered', {}, 'nb'), 'Stilte seg i kø');
  assert.equal(keyLabel('wait.1-5m', {}, 'nb'), '1–5 min');
  assert.equal(keyLabel('duration.60m+', {}, 'nb'), 'over 60 min');
  assert.equal(keyLabel('wrapup.category.debt', {}, 'nb'), 'debt', 'no lists yet: the id itself');
  const lists = {
    categories: [{ id: 'debt', nb: 'Gjeld', en: 'Debt', retired: false }],
    sources: [{ id: 'search', nb: 'Søk', en: 'Search', retired: true }],
    referrals: [{ id: 'clinic', name: 'Sexologisk klinikk', retired: false }],
  };
  assert.equal(keyLabel('wrapup.category.debt', lists, 'nb'), 'Gjeld');
  assert.equal(keyLabel('wrapup.referral.clinic', lists, 'nb'), 'Sexologisk klinikk');
  assert.equal(keyLabel('wrapup.referral.none', lists, 'nb'), 'Ingen henvisning');
  assert.equal(keyLabel('visitor.source.search', lists, 'nb'), 'Søk (ikke i bruk)');
  await setLanguage('en');
  assert.equal(keyLabel('wrapup.category.debt', lists, 'en'), 'Debt');
  assert.equal(keyLabel('wrapup.plissit.limited-information', lists, 'en'), 'Limited Information');
  assert.equal(keyLabel('visitor.helpful.partly', lists, 'en'), 'Partly');
  assert.equal(keyLabel('something.new', lists, 'en'), 'something.new');
  await setLanguage('nb');
});

test('every statistics, overview and alert text exists in Bokmål and English', async () => {
  const load = async (name) => Object.keys((await import(`../../src/main/resources/webroot/js/i18n/${name}.js`)).default).sort();
  for (const area of ['statistics', 'alerts']) {
    assert.deepEqual(await load(`${area}-en`), await load(`${area}-nb`), area);
  }
});
