/**
 * A stand-in WebSocket for the host console and chat moderation stories: the recorded socket
 * (recorded-socket.ts), plus chat `settings` with `blockedTerms` answered as the relay does: the
 * cleaned list as `me` to the host, then `ack` (only `slowModeSeconds` makes a `settings` event).
 *
 * Built on top of recordedWebSocket rather than inside it, so that file stays as it is.
 */
import { getConnection } from '../../src/connection/index.js';
import type { ClientFrame, RelayFrame } from '../../src/protocol/index.js';
import { recordedWebSocket, type Recording } from './recorded-socket.js';

/** Registers a host room recording for `key` (once per page) and returns its URL. */
export function recordedHost(key: string, recording: Recording, minBackoffMs = 500): string {
  const url = `ws://recorded/host-${key}`;
  getConnection(url, {
    WebSocket: hostWebSocket(recording),
    minBackoffMs,
    maxBackoffMs: Math.max(minBackoffMs, 5_000),
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

function hostWebSocket(recording: Recording): typeof WebSocket {
  const Base = recordedWebSocket(recording);
  class HostSocket extends Base {
    override send(raw: string): void {
      const frame = JSON.parse(raw) as ClientFrame;
      const op =
        frame.t === 'op' && frame.ch.endsWith('/chat') && frame.type === 'settings'
          ? frame
          : undefined;
      const data = (op?.data ?? {}) as { blockedTerms?: string[]; slowModeSeconds?: number };
      const terms = data.blockedTerms;
      const rule = op && typeof recording.ops === 'function' ? recording.ops(op) : recording.ops;
      if (
        !op ||
        !terms ||
        (rule ?? 'relay') !== 'relay' ||
        recording.stall ||
        this.readyState !== this.OPEN
      ) {
        return super.send(raw);
      }
      const blockedTerms = [...new Set(terms.map((term) => term.trim().toLowerCase()))];
      this.#reply({ t: 'me', ch: op.ch, data: { blockedTerms } });
      const { slowModeSeconds } = data;
      if (slowModeSeconds !== undefined) {
        return super.send(JSON.stringify({ ...op, data: { slowModeSeconds } }));
      }
      this.#reply({ t: 'ack', id: op.id, mid: op.mid });
    }

    #reply(frame: RelayFrame) {
      const data = JSON.stringify(frame);
      setTimeout(() => {
        if (this.readyState !== this.OPEN) return;
        const event = new MessageEvent('message', { data });
        this.dispatchEvent(event);
        this.onmessage?.call(this, event);
      });
    }
  }
  return HostSocket;
}
