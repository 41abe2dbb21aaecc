// The small JSON HTTP API of docs/protocol.md "HTTP API". Same origin only; the console's session
// cookie travels by the browser's default (`credentials: 'same-origin'`), the visitor has none.
// Every request carries `X-Lytt-Request: 1`: the server refuses a POST without it, which another
// site's form cannot add (cross-site request forgery).

/**
 * @returns {Promise<{status: number, body: any}>} body is the parsed JSON or null; network failure
 *          resolves to status 0 so callers have one shape to handle.
 */
export async function requestJson(method, path, body, fetchImpl = globalThis.fetch) {
  const init = {
    method,
    headers: { accept: 'application/json', 'x-lytt-request': '1' },
    cache: 'no-store',
    credentials: 'same-origin',
  };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetchImpl(path, init);
  } catch {
    return { status: 0, body: null };
  }
  let parsed = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  return { status: response.status, body: parsed };
}

export const getJson = (path, fetchImpl) => requestJson('GET', path, undefined, fetchImpl);
export const postJson = (path, body, fetchImpl) => requestJson('POST', path, body ?? {}, fetchImpl);
