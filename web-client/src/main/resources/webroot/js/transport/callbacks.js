// Callbacks and tickets over HTTP (docs/protocol.md "Callbacks and tickets"). The visitor's page
// sends only ciphertext, its windows and the lookup value derived from its code — never the code,
// and never in a URL.
import { getJson, postJson } from './http.js';

export const teamKeys = () => getJson('/api/team/keys');
export const requestCallback = (body) => postJson('/api/callbacks', body);
export const takeTicket = (body) => postJson('/api/tickets', body);
export const codeStatus = (lookup) => postJson('/api/code/status', { lookup });
export const cancelByCode = (lookup) => postJson('/api/code/cancel', { lookup });
export const withdraw = ({ id, lookup }) => postJson('/api/code/withdraw', { id, lookup });

export const listCallbacks = (deviceId) => getJson(`/api/console/callbacks?deviceId=${encodeURIComponent(deviceId)}`);
export const callbackAction = (id, action) => postJson(`/api/console/callbacks/${encodeURIComponent(id)}/${action}`, {});
export const sendReply = (id, box) => postJson(`/api/console/items/${encodeURIComponent(id)}/reply`, box);
