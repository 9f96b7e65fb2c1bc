/**
 * Peer 2: Socket.IO 4 with connection state recovery, WebSocket transport only. Every `m` a
 * socket emits is broadcast to all (`io.emit`, which is what recovery replays).
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
});

io.on('connection', (socket) => {
  socket.on('m', (text: string) => io.emit('m', text));
});

// The same listen backlog as the relay's, so a reconnect storm meets the same kernel queue.
http.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const address = http.address();
  console.log(`listening on port ${typeof address === 'string' ? address : address!.port}`);
});
