/**
 * Peer 1: the smallest useful `ws` server, the broadcast example of ws's README. Every text a
 * socket sends goes to every open socket; nothing is kept, batched or checked.
 */
import { WebSocket, WebSocketServer } from 'ws';

// The same listen backlog as the relay's, so a reconnect storm meets the same kernel queue.
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2] ?? 0),
  backlog: 4096,
});

wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
});

wss.on('listening', () => {
  const address = wss.address();
  console.log(`listening on port ${typeof address === 'string' ? address : address!.port}`);
});
