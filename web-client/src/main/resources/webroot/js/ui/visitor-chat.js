// What the visitor page needs only from the moment the visitor joins the queue: the two optional
// questions, the conversation, a hand-over to a colleague and referral cards. The first screen
// does without them, so they load after it is usable (ui/visitor.js) instead of with it, through
// importChecked and with the integrity the server lists for them in the page.

export { ChatView } from './chat-view.js';
export { setupHandover } from './handover.js';
export { setupQuestions } from './visitor-questions.js';
export { cardElement } from './referral-card.js';
