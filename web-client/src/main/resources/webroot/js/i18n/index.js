// All user-facing text goes through t(). Norwegian Bokmål is the default and loads with the page;
// English loads when first chosen (a smaller first load on a phone). The choice lives in memory
// only (no storage that could outlive the tab), so a reload returns to Norwegian. No DOM here: the
// UI applies texts (ui/dom.js), so this runs under Node too.

import nb from './nb.js';

export const LANGUAGES = ['nb', 'en'];
const DICTIONARIES = { nb: { ...nb }, en: null };
const LOADERS = { en: () => import('./en.js') };
const extra = { nb: {}, en: {} };   // page-specific strings (the console's), merged in on load

let current = 'nb';
const listeners = new Set();

export function language() {
  return current;
}

/** Adds page-specific strings, e.g. `registerStrings({nb: consoleNb, en: consoleEn})`. */
export function registerStrings(byLanguage) {
  for (const lang of LANGUAGES) {
    Object.assign(extra[lang], byLanguage[lang] ?? {});
    if (DICTIONARIES[lang]) Object.assign(DICTIONARIES[lang], byLanguage[lang] ?? {});
  }
}

/** Switches language, loading its dictionary first if needed; listeners run once it is ready. */
export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  if (!DICTIONARIES[lang]) DICTIONARIES[lang] = { ...(await LOADERS[lang]()).default, ...extra[lang] };
  current = lang;
  for (const fn of listeners) fn(lang);
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The text for `key` in the current language, with {name} placeholders filled from `params`.
 * A missing key falls back to Norwegian, then to the key itself (visible, so it gets fixed).
 */
export function t(key, params = {}) {
  const entry = DICTIONARIES[current][key] ?? DICTIONARIES.nb[key];
  if (entry === undefined) return key;
  if (typeof entry === 'function') return entry(params);
  return entry.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Intl wants "nb" for Bokmål; "no" is less well supported. */
const locale = () => (current === 'nb' ? 'nb-NO' : 'en-GB');

/**
 * An honest, rounded wait: "less than a minute", "about 10 minutes", "more than an hour".
 * Above ten minutes we round to five: the estimate is not precise, and should not look precise.
 * @param {number|null} seconds  null means nobody is on duty: no estimate exists.
 * @returns {string|null}
 */
export function formatWait(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return t('wait.underMinute');
  if (seconds > 3600) return t('wait.overHour');
  let minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes > 10) minutes = Math.round(minutes / 5) * 5;
  return t('wait.minutes', { n: minutes });
}

/** "tirsdag 24. november kl. 17:00" / "Tuesday 24 November at 17:00", in the service's time zone. */
export function formatWhen(iso, zone = 'Europe/Oslo') {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: zone,
  }).format(date);
}

/** A calendar date "2026-11-23" as "mandag 23. november"; noon UTC keeps it on the same day everywhere. */
export function formatDay(isoDate) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(date);
}

/** Elapsed time as m:ss, or h:mm:ss from an hour on (the console's waited time). */
export function formatElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The time of a chat message, "21:05". */
export function formatClock(date = new Date()) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(date);
}
