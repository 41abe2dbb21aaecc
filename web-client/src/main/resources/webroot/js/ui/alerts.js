// The console's alerts (rules in alert-rules.js): a count in the document title, a short tone made
// with WebAudio (no sound file; mute remembered in this device's localStorage — the console runs
// on the counsellor's own device, unlike the visitor page, which stores nothing), and a desktop
// notification once the counsellor has allowed them. Notifications carry neutral text only, never
// a message: they show on a screen others may see.

import { onLanguageChange, registerStrings, t } from '../i18n/index.js';
import alertsNb from '../i18n/alerts-nb.js';
import alertsEn from '../i18n/alerts-en.js';
import { $ } from './dom.js';
import { AlertRules, titleWith } from './alert-rules.js';

registerStrings({ nb: alertsNb, en: alertsEn });

const MUTE_KEY = 'lytt.console.alert-sound';
const TICK_MS = 1000;

function tone(audio) {
  const ctx = audio.context;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  const at = ctx.currentTime;
  osc.type = 'sine';
  osc.frequency.setValueAtTime(880, at);
  osc.frequency.setValueAtTime(660, at + 0.15);
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + 0.4);
}

/** @param baseTitle the page's title key, e.g. 'c.title' */
export function setupAlerts(baseTitle) {
  const rules = new AlertRules();
  const audio = { context: null };
  let active = null;
  let muted = false;
  try {
    muted = localStorage.getItem(MUTE_KEY) === 'off';
  } catch {
    muted = false;
  }

  // Browsers start audio only after a gesture on the page; the first click or key unlocks it.
  const unlock = () => {
    if (!audio.context && globalThis.AudioContext) audio.context = new AudioContext();
    audio.context?.resume?.();
  };
  document.addEventListener('pointerdown', unlock, { passive: true });
  document.addEventListener('keydown', unlock, { passive: true });

  const inView = (chatId) => chatId === active && !document.hidden;

  function title() {
    document.title = titleWith(rules.count(), t(baseTitle));
  }

  function render() {
    const sound = $('#alert-sound');
    if (sound) sound.setAttribute('aria-pressed', String(!muted));
    const notify = $('#alert-notify');
    if (notify) notify.hidden = !('Notification' in globalThis) || Notification.permission !== 'default';
    title();
  }

  function alert(reason) {
    title();
    if (!reason) return;
    if (!muted && audio.context && audio.context.state === 'running') tone(audio);
    if (document.hidden && 'Notification' in globalThis && Notification.permission === 'granted') {
      try {
        // One tag: a new alert replaces the last instead of piling up.
        new Notification(t('al.notify.title'), { body: t(`al.notify.${reason}`), tag: 'lytt-alert' });
      } catch {
        // Some mobile browsers allow notifications only from a service worker; the tone and title remain.
      }
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && active) rules.read(active);
    title();
  });
  setInterval(() => alert(rules.tick()), TICK_MS);
  onLanguageChange(render);

  $('#alert-sound')?.addEventListener('click', () => {
    muted = !muted;
    try {
      localStorage.setItem(MUTE_KEY, muted ? 'off' : 'on');
    } catch {
      // A browser without storage still mutes for this page.
    }
    render();
  });
  $('#alert-notify')?.addEventListener('click', async () => {
    await Notification.requestPermission();
    render();
  });
  render();

  return {
    configure(reminderSeconds) {
      rules.setReminder(reminderSeconds * 1000);
    },
    queue(entries, onDuty, offset) {
      alert(rules.setQueue(entries, onDuty, offset));
    },
    duty(onDuty) {
      rules.setDuty(onDuty);
      title();
    },
    message(chatId) {
      alert(rules.message(chatId, inView(chatId)));
    },
    shown(chatId) {
      active = chatId;
      if (inView(chatId)) rules.read(chatId);
      title();
    },
    gone(chatId) {
      rules.read(chatId);
      title();
    },
    reset() {
      rules.reset();
      active = null;
      title();
    },
    render,
  };
}
