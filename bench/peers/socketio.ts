/**
 * Peer 2: Socket.IO 4 with connection state recovery, WebSocket transport only. Every `m` a
 * socket emits is broadcast to all (`io.emit`, which is what recovery replays).
 *
 * `socketio.ts PORT [REDIS_URL]`: with a Redis URL, one node of a Socket.IO cluster on
 * `@socket.io/redis-streams-adapter` (broadcasts and recovery sessions go through Redis), as the
 * peer of the relay's cluster scenarios. A `sub` with room names joins them and acknowledges
 * (the join surge's counterpart of the relay's `sub`s). SIGTERM closes the server gracefully
 * (sockets disconnected with "server shutting down", which recovery covers) before exiting.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const redisUrl = process.argv[3];
const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
  ...(redisUrl ? { adapter: createAdapter(new Redis(redisUrl)) } : {}),
});

io.on('connection', (socket) => {
  socket.on('m', (text: string) => io.emit('m', text));
  socket.on('sub', (rooms: string[], ack?: (answer: string) => void) => {
    void socket.join(rooms);
    ack?.('ok');
  });
});

process.on('SIGTERM', () => {
  io.close(() => setTimeout(() => process.exit(0), 200));
});

// The same listen backlog as the relay's, so a reconnect storm meets the same kernel queue.
http.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const address = http.address();
  console.log(`listening on port ${typeof address === 'string' ? address : address!.port}`);
});
