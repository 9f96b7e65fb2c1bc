/**
 * `ws`'s WebSocket, instrumented for tests: records every frame the client sends and receives,
 * and can be held back (connect attempts go to a closed port) to order reconnects in a test.
 * The socket itself is real and talks to a real relay.
 */
import { WebSocket } from 'ws';
import type { ClientFrame, RelayFrame } from '../../src/protocol/index.js';

/** A port nothing listens on: connection refused at once. */
const REFUSED_URL = 'ws://127.0.0.1:1/live';

export interface RecordingSockets {
  /** Pass as `ConnectionOptions.WebSocket`. */
  WebSocket: typeof globalThis.WebSocket;
  /** Frames the client sent, over every socket, in order. */
  sent: ClientFrame[];
  /** Frames the client received (batches flattened), over every socket, in order. */
  received: RelayFrame[];
  /** Sockets made so far (refused ones included). */
  sockets: WebSocket[];
  /** When each of `sockets` was made (`Date.now()`). */
  madeAt: number[];
  /** The close code of each of `sockets`, once closed. */
  closeCodes: number[];
  /** While true, new sockets are refused, as if the relay were unreachable. */
  blocked: boolean;
  framesSent<T extends ClientFrame['t']>(t: T): Extract<ClientFrame, { t: T }>[];
  framesReceived<T extends RelayFrame['t']>(t: T): Extract<RelayFrame, { t: T }>[];
}

export function recordingSockets(): RecordingSockets {
  const recording: RecordingSockets = {
    WebSocket: undefined as unknown as typeof globalThis.WebSocket,
    sent: [],
    received: [],
    sockets: [],
    madeAt: [],
    closeCodes: [],
    blocked: false,
    framesSent: (t) => recording.sent.filter((frame) => frame.t === t) as never,
    framesReceived: (t) => recording.received.filter((frame) => frame.t === t) as never,
  };
  class RecordingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(recording.blocked ? REFUSED_URL : url, protocols);
      const index = recording.sockets.push(this) - 1;
      recording.madeAt.push(Date.now());
      this.on('close', (code) => (recording.closeCodes[index] = code));
      this.on('message', (data, isBinary) => {
        if (isBinary) return;
        const parsed = JSON.parse(String(data)) as RelayFrame | RelayFrame[];
        recording.received.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      });
      const send = this.send.bind(this) as (data: string) => void;
      this.send = ((data: string) => {
        recording.sent.push(JSON.parse(data) as ClientFrame);
        send(data);
      }) as WebSocket['send'];
    }
  }
  recording.WebSocket = RecordingWebSocket as unknown as typeof globalThis.WebSocket;
  return recording;
}
