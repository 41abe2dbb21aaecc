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

/**
 * For answers that may arrive out of order (a timer's refresh and a click's): take a turn before
 * the request, and draw its answer only if no answer to a later request has been drawn. A later
 * request that failed and drew nothing does not keep an earlier good answer off the page.
 * `const turn = answers.take(); … if (!answers.mayDraw(turn)) return; draw(…)`
 */
export function turns() {
  let taken = 0;
  let drawn = 0;
  return {
    take: () => ++taken,
    /** True, and remembered, when nothing newer is on the page; call it only when about to draw. */
    mayDraw(turn) {
      if (turn < drawn) return false;
      drawn = turn;
      return true;
    },
  };
}

/**
 * Runs `request` with `button` disabled until it settles: a second press meanwhile sends nothing.
 * The button may have been drawn anew by then; the old one is simply let go.
 */
export async function whilePressed(button, request) {
  if (button.disabled) return undefined;
  button.disabled = true;
  try {
    return await request();
  } finally {
    button.disabled = false;
  }
}

/**
 * A click handler for a button whose press changes something on the server. Its request runs
 * once at a time, and the second click of a double click is ignored: the list drawn after the
 * first may have put "Enable" where "Disable" was.
 */
export function pressOnce(handler) {
  return (event) => {
    if (event.detail > 1) return undefined;
    return whilePressed(event.currentTarget, () => handler(event));
  };
}

/**
 * Handles a form's submits one at a time: its submit buttons stay disabled until `handler` has
 * settled, so a double click or a second Enter on a slow network sends nothing twice.
 */
export function onSubmit(form, handler) {
  let running = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    running = true;
    const buttons = [...form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]')];
    for (const b of buttons) b.disabled = true;
    try {
      await handler(event);
    } finally {
      running = false;
      for (const b of buttons) b.disabled = false;
    }
  });
}

/**
 * Runs `redraw` (which replaces elements inside `root`) and gives focus and caret back to the
 * element with the same id, so a keyboard or screen-reader user is not thrown to the page's top
 * and a reply being written keeps its caret.
 */
export function keepingFocus(root, redraw) {
  const el = document.activeElement;
  const inside = el && el.id && root.contains(el) ? el : null;
  const { selectionStart, selectionEnd } = inside && typeof inside.selectionStart === 'number' ? inside : {};
  redraw();
  if (!inside) return;
  const again = document.getElementById(inside.id);
  if (!again || again === inside) return;
  again.focus();
  if (typeof selectionStart === 'number' && typeof again.setSelectionRange === 'function') {
    again.setSelectionRange(selectionStart, selectionEnd);
  }
}
