'use strict';
// The peer for Lytt's benchmarks (docs/benchmarks.md): the chat relay most teams would write with
// Socket.IO. Two sockets that connect with the same ?pair=N join room N; an "m" event from one is
// emitted to the rest of the room as it is. Nothing else: no crypto, no store, no sequence numbers,
// no acknowledgements, no resume, no limits. With REDIS_URL set, rooms span nodes through the
// official Redis adapter (classic pub/sub), so two nodes relay each other's pairs.
//
//   PORT=3000 [REDIS_URL=redis://127.0.0.1:6379] node --expose-gc relay.js
//
// GET /health answers while it runs; GET /stats runs a GC (with --expose-gc) and answers the heap
// and buffer sizes, which the load generator reads the way it reads a JVM's heap after GC.
const http = require('node:http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 3000);

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.end('{"status":"up"}');
  } else if (req.url === '/stats') {
    if (global.gc) {
      global.gc();
    }
    const m = process.memoryUsage();
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss }));
  } else {
    res.statusCode = 404;
    res.end();
  }
});

// WebSocket only, as the load generator connects: no long-polling upgrade dance to measure.
const io = new Server(server, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  const pair = String(socket.handshake.query.pair);
  socket.join(pair);
  socket.on('m', (payload) => socket.to(pair).emit('m', payload));
});

async function adapter() {
  if (!process.env.REDIS_URL) {
    return;
  }
  const { createClient } = require('redis');
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
}

adapter().then(() => server.listen(port, '127.0.0.1'), (err) => {
  console.error('Socket.IO relay could not start:', err.message);
  process.exit(1);
});

process.on('SIGTERM', () => io.close(() => process.exit(0)));
