// The visitor's two optional questions: "How did you find us?" while queued, "Was this helpful?"
// after the chat. One tap answers; not tapping is skipping, so there is no "skip" to press and no
// reminder. Each answer is one frame on the visitor socket (docs/protocol.md "source", "helpful")
// that only adds to an anonymous counter; each is asked once per page.

import { language, registerStrings, t } from '../i18n/index.js';
import listsNb from '../i18n/lists-nb.js';
import listsEn from '../i18n/lists-en.js';
import { getJson } from '../transport/http.js';
import { h } from './dom.js';

registerStrings({ nb: listsNb, en: listsEn });

const HELPFUL = ['yes', 'partly', 'no'];

/**
 * @param {object} o
 * @param {(frame: object) => boolean} o.send sends a frame on the visitor socket
 * @param {HTMLElement} o.sourceMount where the first question goes (in the queue panel)
 * @param {HTMLElement} o.helpfulMount where the second goes (in the ended panel)
 * @returns {{queued(): void, ended(): void, render(): void}}
 */
export function setupQuestions({ send, sourceMount, helpfulMount }) {
  const state = {
    source: { asked: false, answered: false, loading: false, choices: [] },
    helpful: { asked: false, answered: false, choices: HELPFUL.map((id) => ({ id })) },
  };

  function question(name, mount, headingKey, noteKey, labelOf) {
    const q = state[name];
    mount.hidden = !q.asked;
    // Drawn again only when something changed: the page re-renders on every queue update, and a
    // visitor tabbing through the choices must not lose their place.
    const drawn = `${q.asked}/${q.answered}/${language()}`;
    if (!q.asked || q.drawn === drawn) return;
    q.drawn = drawn;
    const headingId = `${mount.id}-heading`;
    const body = q.answered
      ? [h('p', { role: 'status' }, t('q.thanks'))]
      : [h('p', { class: 'hint' }, t(noteKey)),
        h('div', { class: 'choices' }, ...q.choices.map((c) => h('button', {
          type: 'button', class: 'secondary', onclick: () => answer(name, c.id),
        }, labelOf(c))))];
    mount.replaceChildren(h('div', { class: 'question', role: 'group', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, t(headingKey)), ...body));
  }

  function render() {
    const label = (entry) => entry[language()] || entry.nb || entry.id;
    question('source', sourceMount, 'q.source', 'q.sourceNote', label);
    question('helpful', helpfulMount, 'q.helpful', 'q.helpfulNote', (c) => t(`q.${c.id}`));
  }

  function answer(name, id) {
    const q = state[name];
    if (q.answered) return;
    const frame = name === 'source' ? { type: 'source', id } : { type: 'helpful', answer: id };
    if (!send(frame)) return; // offline: the buttons stay for another tap
    q.answered = true;
    render();
  }

  return {
    async queued() {
      const q = state.source;
      if (q.asked || q.loading) return;
      q.loading = true;
      const { status, body } = await getJson('/api/sources');
      q.loading = false;
      if (status !== 200 || !Array.isArray(body?.sources) || body.sources.length === 0) return;
      q.choices = body.sources;
      q.asked = true;
      render();
    },
    ended() {
      state.helpful.asked = true;
      render();
    },
    render,
  };
}
