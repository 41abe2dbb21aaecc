// One first load of the visitor page, measured from inside Chromium through the DevTools protocol:
// what crossed the wire, how many requests it took, to which origins, and when the page was
// usable. Shared by the weight guard (first-load.browser.mjs, bytes only: never a time) and the
// measurement script (ops/page-load.mjs, which adds throttling and repeats).
//
// Bytes are what Chromium's network stack reports as received: for each HTTP response the
// `encodedDataLength` of Network.loadingFinished (status line, headers and the compressed body, as
// on the wire), for the WebSocket its upgrade response (status line and headers) and every frame
// received until the page settled (payload plus the frame header). Requests sent are not counted:
// the target is about what a visitor downloads.

/** When the visitor can act: the start control is there, enabled, and the first screen is Norwegian. */
export const USABLE = {
  description: 'the "Start samtale" button is shown and enabled (the socket has said welcome and the line is open), '
    + 'the page is in Norwegian and its texts are filled in',
  check: () => {
    const start = document.querySelector('#start-button');
    const intro = document.querySelector('[data-i18n="v.intro3"]');
    return Boolean(start && !start.disabled && !start.closest('[hidden]')
      && document.documentElement.lang === 'nb' && start.textContent === 'Start samtale'
      && document.querySelector('#status-badge.is-open') && intro && intro.textContent !== '')
      && performance.now();
  },
};

const QUIET_MS = 1000;
const SETTLE_LIMIT_MS = 15000;

/** A WebSocket frame's header: 2 bytes, 4 from a 126-byte payload, 10 from 64 KiB (servers do not mask). */
const frameHeader = (length) => (length < 126 ? 2 : length < 65536 ? 4 : 10);

/**
 * Opens `url` in a fresh context of `browser` (empty cache, no cookies, new connections), throttled
 * as asked, waits until the page is usable and the network has been quiet for a second, and
 * returns what it measured. `usable` and `fcp` are milliseconds from navigation start.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {object} [o]
 * @param {{latency: number, downloadThroughput: number, uploadThroughput: number}|null} [o.network]
 *        Network.emulateNetworkConditions values (ms, bytes per second); null: unthrottled
 * @param {number} [o.cpuRate] Emulation.setCPUThrottlingRate (1: none)
 * @param {number} [o.timeout] ms to wait for the page to become usable
 * @param {boolean} [o.ignoreHTTPSErrors] for a throwaway certificate on loopback
 */
export async function firstLoad(browser, url, { network = null, cpuRate = 1, timeout = 60000, ignoreHTTPSErrors = false } = {}) {
  // The size of a phone (Lighthouse's mobile screen), as most visitors will be on one.
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true,
    locale: 'nb-NO', timezoneId: 'Europe/Oslo', ignoreHTTPSErrors,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const http = new Map();      // requestId → {url, bytes, done}
    const sockets = new Map();   // requestId → {url, bytes}
    let lastActivity = Date.now();
    const touch = () => { lastActivity = Date.now(); };
    let t0 = null; // the document request's timestamp (CDP seconds), for the waterfall
    const at = (timestamp) => Math.round((timestamp - (t0 ??= timestamp)) * 1000);
    cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
      if (!http.has(requestId)) http.set(requestId, { url: request.url, bytes: 0, done: false, start: at(timestamp) });
      touch();
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => {
      const r = http.get(requestId);
      if (r) Object.assign(r, { bytes: encodedDataLength, done: true, end: at(timestamp) });
      touch();
    });
    cdp.on('Network.loadingFailed', ({ requestId }) => {
      const r = http.get(requestId);
      if (r) r.done = true;
      touch();
    });
    cdp.on('Network.webSocketWillSendHandshakeRequest', ({ requestId, request, timestamp }) => {
      sockets.set(requestId, { url: sockets.get(requestId)?.url ?? request?.url, bytes: 0, start: at(timestamp) });
      touch();
    });
    cdp.on('Network.webSocketCreated', ({ requestId, url: wsUrl }) => {
      sockets.set(requestId, { ...sockets.get(requestId), url: wsUrl, bytes: sockets.get(requestId)?.bytes ?? 0 });
      touch();
    });
    cdp.on('Network.webSocketHandshakeResponseReceived', ({ requestId, response, timestamp }) => {
      const s = sockets.get(requestId);
      if (s) Object.assign(s, { bytes: s.bytes + upgradeBytes(response), open: at(timestamp) });
      touch();
    });
    cdp.on('Network.webSocketFrameReceived', ({ requestId, response, timestamp }) => {
      const s = sockets.get(requestId);
      const length = Buffer.byteLength(response.payloadData ?? '', response.opcode === 2 ? 'base64' : 'utf8');
      if (s) Object.assign(s, { bytes: s.bytes + length + frameHeader(length), end: s.end ?? at(timestamp) });
      touch();
    });
    await cdp.send('Network.enable');
    if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
    if (cpuRate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });

    await page.goto(url, { waitUntil: 'commit', timeout });
    const usable = await (await page.waitForFunction(USABLE.check, null, { timeout, polling: 'raf' })).jsonValue();
    const settleEnd = Date.now() + SETTLE_LIMIT_MS;
    while (Date.now() < settleEnd
      && ([...http.values()].some((r) => !r.done) || Date.now() - lastActivity < QUIET_MS)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const requests = [...http.values(), ...sockets.values()];
    return {
      usable: Math.round(usable),
      fcp: fcp === null ? null : Math.round(fcp),
      bytes: requests.reduce((sum, r) => sum + r.bytes, 0),
      httpBytes: [...http.values()].reduce((sum, r) => sum + r.bytes, 0),
      socketBytes: [...sockets.values()].reduce((sum, r) => sum + r.bytes, 0),
      requests: requests.length,
      unfinished: [...http.values()].filter((r) => !r.done).map((r) => r.url),
      origins: [...new Set(requests.map((r) => originOf(r.url)))],
      resources: requests.map(({ url: u, bytes, start, open, end }) => ({ url: u, bytes, start, open, end })),
    };
  } finally {
    await context.close();
  }
}

/** The upgrade response as it came: its raw text where Chromium has it, else rebuilt from the headers. */
function upgradeBytes(response) {
  if (response.headersText) return Buffer.byteLength(response.headersText);
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText}`,
    ...Object.entries(response.headers ?? {}).flatMap(([name, value]) => String(value).split('\n').map((v) => `${name}: ${v}`))];
  return Buffer.byteLength(`${lines.join('\r\n')}\r\n\r\n`);
}

/** http(s) and ws(s) of one host count as one origin: the socket belongs to the page's own server. */
function originOf(address) {
  const u = new URL(address);
  const scheme = u.protocol.replace(/^ws/, 'http');
  return `${scheme}//${u.host}`;
}
