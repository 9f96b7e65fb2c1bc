/**
 * The page of one "tab" in the tab-sharing tests (tabs.test.ts loads it in same-origin iframes:
 * Web Locks and BroadcastChannel are per origin, and removing an iframe ends its document).
 * It counts the real WebSockets it makes and gives the test a connection and recorders.
 */
import { getConnection } from '../../src/connection/index.js';
import type { Connection } from '../../src/connection/index.js';
import type { PresenceOutFrame } from '../../src/protocol/index.js';

/** What one tab saw of a chat channel. */
export interface ChatLog {
  /** Message texts: the last snapshot's, then every `message` event, in order. */
  texts: string[];
  /** Seqs of every event applied since the last reset. */
  seqs: number[];
  resets: number;
}

/** Every presence frame one tab got. */
export interface PresenceLog {
  frames: PresenceOutFrame[];
}

const sockets: WebSocket[] = [];
const Native = window.WebSocket;
window.WebSocket = class CountedWebSocket extends Native {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
  }
};

export const tab = {
  /** Real WebSockets this tab opened. */
  sockets,
  connect(url: string, token?: string): Connection {
    return getConnection(url, { token });
  },
  chat(connection: Connection, ch: string): ChatLog {
    const log: ChatLog = { texts: [], seqs: [], resets: 0 };
    connection.channel(ch, {
      reset(snapshot) {
        log.resets++;
        log.seqs = [];
        log.texts = (snapshot as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
      },
      event(ev) {
        log.seqs.push(ev.seq);
        if (ev.type === 'message') log.texts.push((ev.data as { text: string }).text);
      },
    });
    return log;
  },
  presence(connection: Connection, ch: string): PresenceLog {
    const log: PresenceLog = { frames: [] };
    connection.channel(ch, { presence: (frame) => log.frames.push(frame) });
    return log;
  },
};

(window as unknown as { tab: typeof tab }).tab = tab;
