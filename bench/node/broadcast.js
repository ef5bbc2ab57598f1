'use strict';
// Reference fan-out of the Switchboard benchmark (bench/run.sh): every chat message a client sends to
// /events ({"source","content"}) is numbered, encoded once and sent as text to every connected client,
// like Switchboard's bus. Usage: node bench/node/broadcast.js [port]   (listens on 127.0.0.1 only)
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || process.env.PORT || 18082);
const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/events', perMessageDeflate: false });
let offset = 0;

function error(socket, code, message) {
  socket.send(JSON.stringify({ type: 'ErrorEvent', code, message }));
}

server.on('connection', (socket) => {
  socket.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      error(socket, 'invalid_json', 'Invalid JSON');
      return;
    }
    if (message === null || typeof message.content !== 'string' || message.content === '') {
      error(socket, 'invalid_request', "Field 'content' must be a non-empty string");
      return;
    }
    const event = Buffer.from(JSON.stringify({
      type: 'InboundEvent',
      source: `platform-ws:${message.source || 'anonymous'}`,
      content: message.content,
      timestamp: Date.now() / 1000,
      offset: offset++,
    }));
    for (const client of server.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(event, { binary: false });
      }
    }
  });
});

server.on('listening', () => console.log(`broadcast reference listening on ws://127.0.0.1:${port}/events`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
