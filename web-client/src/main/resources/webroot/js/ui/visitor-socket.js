// The visitor page's WebSocket, opened the moment this module runs. The page loads it as an
// `async` module script of its own, fetched with the page's other modules but run as soon as it
// has arrived, so the socket's handshake and the server's welcome travel while the rest of the page
// is still loading instead of after it: on a slow mobile network that is one round trip less
// before the start button can be pressed. The page takes the socket over (`takeEarlySocket`) with
// whatever the server said meanwhile; until then nothing is sent on it.
//
// A browser that turns out too old for the chat (crypto/support.js) has opened a socket it closes
// again at once: the server sees a connection that said nothing, as from any closed tab.
//
// It imports nothing (the address is built here as transport/connection.js's socketUrl does), so
// that it runs as soon as its own few bytes are in, not when a larger module it needed is.

let early = null;

if (globalThis.WebSocket && globalThis.location) {
  try {
    const { protocol, host } = globalThis.location;
    const socket = new WebSocket(`${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws/visitor`);
    const received = [];
    socket.onmessage = (event) => received.push(event);
    early = { socket, received };
  } catch {
    // the page opens its own when it starts
  }
}

/**
 * The socket opened at load and the list of message events it has received, once; null afterwards
 * or if none could be opened. Events go on into that list until the taker sets its own handler.
 */
export function takeEarlySocket() {
  const taken = early;
  early = null;
  return taken;
}
