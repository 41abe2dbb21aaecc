// The administration page's "Now": who is on duty and how busy, the queue, tickets and callbacks,
// fetched every ten seconds. Names of staff and counts only; the server has no content to give.

import { formatClock, formatElapsed, onLanguageChange, t } from '../i18n/index.js';
import { getJson } from '../transport/http.js';
import { $, h, turns } from './dom.js';

const REFRESH_MS = 10 * 1000;

export function setupOverview() {
  const state = { now: null, failed: false, timer: null };
  const looks = turns();

  function render() {
    const now = state.now;
    $('#now-updated').textContent = state.failed ? t('now.failed') : now ? t('now.updated', { time: formatClock(new Date(now.now)) }) : '';
    if (!now) return;
    $('#now-chats').textContent = String(now.chatsRunning);
    $('#now-queue').textContent = String(now.queue.length);
    $('#now-wait').textContent = now.queue.length ? formatElapsed(now.queue.longestWaitSeconds * 1000) : '–';
    $('#now-tickets').textContent = String(now.ticketsWaiting);
    $('#now-due').textContent = String(now.callbacks.due);
    $('#now-callbacks').textContent = String(now.callbacks.open);
    $('#now-none').hidden = now.counsellors.length > 0;
    $('#now-table').hidden = now.counsellors.length === 0;
    $('#now-rows').replaceChildren(...now.counsellors.map((c) => h('tr', {},
      h('td', {}, c.displayName), h('td', {}, t(`now.status.${c.status}`)), h('td', {}, `${c.chats} / ${c.capacity}`))));
  }

  async function refresh() {
    const turn = looks.take();
    const { status, body } = await getJson('/api/admin/overview');
    if (!looks.mayDraw(turn)) return;
    state.failed = status !== 200;
    if (status === 200) state.now = body;
    if (status === 401 || status === 403) stop();
    render();
  }

  function stop() {
    clearInterval(state.timer);
    state.timer = null;
  }

  onLanguageChange(render);
  return {
    start() {
      if (state.timer) return;
      refresh();
      state.timer = setInterval(refresh, REFRESH_MS);
    },
    stop,
  };
}
