// Small DOM helpers shared by the visitor page and the console. Text only ever enters the page
// through textContent (never innerHTML), so nothing a peer writes can become markup.

import { LANGUAGES, language, onLanguageChange, setLanguage, t } from '../i18n/index.js';

/** h('p', {class: 'x', hidden: true}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Fills static texts: `data-i18n="key"` sets textContent, `data-i18n-attr="aria-label:key;title:key"`
 * sets attributes. Re-run after a language switch.
 */
export function applyTranslations(root = document) {
  // data-i18n-params carries numbers the server decides (how long requests are kept, say).
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n, el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : {});
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

/**
 * Wires the nb/en buttons inside `container` ([data-lang] buttons) and keeps <html lang>, the
 * title and every translated node in step. `rerender` redraws dynamic texts.
 */
export function setupLanguageSwitch(container, titleKey, rerender) {
  const buttons = [...container.querySelectorAll('button[data-lang]')];
  const sync = () => {
    document.documentElement.lang = language();
    document.title = t(titleKey);
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
    applyTranslations();
    rerender();
  };
  for (const b of buttons) {
    if (LANGUAGES.includes(b.dataset.lang)) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  }
  onLanguageChange(sync);
  sync();
}

/** Reads a meta tag the server fills; an unreplaced "{{PLACEHOLDER}}" counts as absent. */
export function metaContent(name) {
  const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  return value && !value.startsWith('{{') ? value : null;
}

/** Enter sends, Shift+Enter makes a new line (and never while an IME is composing). */
export function enterToSend(textarea, send) {
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}
