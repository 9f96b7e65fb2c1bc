/**
 * Story helpers shared by the widgets' stories: a recorded connection per story, and a browser
 * that says it is offline.
 */
import { getConnection } from '../../src/connection/index.js';
import { recordedWebSocket, type Recording } from './recorded-socket.js';

/** Registers the recorded connection for `key` (once per page) and returns its URL. */
export function recorded(key: string, recording: Recording, minBackoffMs = 500): string {
  const url = `ws://recorded/${key}`;
  getConnection(url, {
    WebSocket: recordedWebSocket(recording),
    minBackoffMs,
    maxBackoffMs: Math.max(minBackoffMs, 5_000),
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

/** A story's `beforeEach`: `navigator.onLine` is false until the story is left. */
export function goOffline(): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
    if (descriptor) Object.defineProperty(Navigator.prototype, 'onLine', descriptor);
  };
}
