// Quick exit: one click on the always-visible button, or Escape twice within a second, and the
// page is gone. `location.replace` swaps this page's history entry for the exit page, so the back
// button cannot return here; everything the tab held (keys, socket, session storage) is dropped
// first. The page never pushes history entries of its own (no pushState, no #fragment links).

import { metaContent } from './dom.js';

/** Where to go when the server did not configure a quick-exit page: a neutral everyday site. */
export const DEFAULT_EXIT_URL = 'https://www.yr.no/';
/** Two Escape presses closer than this count as "leave now". */
export const DOUBLE_ESCAPE_MS = 1000;

/**
 * Only an absolute http(s) URL or a blank page is followed: a misconfigured or injected value
 * cannot run script. The server's configuration accepts the same set.
 */
export function exitUrl(configured) {
  if (configured === 'about:blank') return configured;
  try {
    const url = new URL(configured ?? '');
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // fall through
  }
  return DEFAULT_EXIT_URL;
}

/**
 * @param {HTMLButtonElement} button
 * @param {() => void} dropEverything  drops keys and closes the socket, synchronously
 */
export function setupQuickExit(button, dropEverything) {
  const target = exitUrl(metaContent('lytt-quick-exit'));
  let lastEscape = -Infinity;
  let leaving = false;
  const leave = () => {
    if (leaving) return;
    leaving = true;
    try {
      dropEverything();
    } catch {
      // leaving matters more than tidying up
    }
    try {
      sessionStorage.clear();
    } catch {
      // storage may be disabled; we never write to it anyway
    }
    document.title = '';
    document.body.replaceChildren(); // nothing of the chat left for a screenshot or cache
    location.replace(target);
  };
  button.addEventListener('click', leave);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const now = event.timeStamp;
    if (now - lastEscape <= DOUBLE_ESCAPE_MS) leave();
    else lastEscape = now;
  });
  return leave;
}
