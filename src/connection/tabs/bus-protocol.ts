/**
 * The messages tabs of one origin exchange on their BroadcastChannel to share one socket
 * (docs/tabs.md). Another tab is same-origin but may run another version of the kit, so every
 * message carries BUS_VERSION and is checked field by field before use: anything else is ignored.
 */

/** Bumped on any change of the messages below; names of channels and locks carry it too. */
export const BUS_VERSION = 1;

/** Prefix of every BroadcastChannel and Web Lock name the kit uses. */
export const BUS_PREFIX = `hubbub.tabs.v${BUS_VERSION}`;

/** Bounds of everything on the bus. */
export const BUS_LIMITS = {
  /** Sockets (of all tabs) one leader serves; beyond, a tab keeps a socket of its own. */
  maxSockets: 64,
  /** Longest tab or socket id. */
  maxIdLength: 64,
  /** Longest relay URL. */
  maxUrlLength: 2048,
  /**
   * Longest `data` (UTF-16 units). Frames to the relay are held to its `maxFrameBytes` by the
   * leader; frames from it arrive in batches of at most 64 KiB of JSON, and one message carries
   * one batch, so this is a generous ceiling, not the working size.
   */
  maxDataLength: 1 << 20,
  /** Longest close reason (the WebSocket limit: 123 bytes). */
  maxReasonLength: 123,
  /** Requests of one socket the leader forwards before the relay has answered them. */
  maxPendingPerSocket: 1024,
} as const;

/** A follower asks the leader to attach a socket; `hello` is its `hello` frame, as text. */
export interface OpenMessage {
  v: typeof BUS_VERSION;
  k: 'open';
  from: string;
  sock: string;
  url: string;
  hello: string;
}
/** A frame (text) from a follower's socket, for the relay. */
export interface SendMessage {
  v: typeof BUS_VERSION;
  k: 'send';
  from: string;
  sock: string;
  data: string;
}
/** A follower closed one socket. */
export interface CloseMessage {
  v: typeof BUS_VERSION;
  k: 'close';
  from: string;
  sock: string;
}
/** A follower tab is going (pagehide): every socket of it is closed. */
export interface GoneMessage {
  v: typeof BUS_VERSION;
  k: 'gone';
  from: string;
}
/** A tab took the lead (it holds the lock): followers attach to it. */
export interface LeaderMessage {
  v: typeof BUS_VERSION;
  k: 'leader';
  from: string;
}
/** The leader is going (pagehide): its sockets are closed; the next leader announces itself. */
export interface ByeMessage {
  v: typeof BUS_VERSION;
  k: 'bye';
  from: string;
}
/** Frames (one text, a frame or a batch) from the relay for the sockets `to`. */
export interface FramesMessage {
  v: typeof BUS_VERSION;
  k: 'frames';
  from: string;
  to: string[];
  data: string;
}
/** The leader closed one follower socket, as the relay would close it. */
export interface ClosedMessage {
  v: typeof BUS_VERSION;
  k: 'closed';
  from: string;
  sock: string;
  code: number;
  reason: string;
}

export type BusMessage =
  | OpenMessage
  | SendMessage
  | CloseMessage
  | GoneMessage
  | LeaderMessage
  | ByeMessage
  | FramesMessage
  | ClosedMessage;

/** Distributes Omit over the union, so a message can be written without `v`. */
type Unversioned<T> = T extends unknown ? Omit<T, 'v'> : never;
export type BusMessageBody = Unversioned<BusMessage>;

/** Stamps the version on a message. */
export function busMessage(body: BusMessageBody): BusMessage {
  return { v: BUS_VERSION, ...body } as BusMessage;
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= BUS_LIMITS.maxIdLength;
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * The message, if `raw` is a well-formed message of this version; null for anything else (another
 * version, a stray post on the channel, a field of the wrong type or size).
 */
export function parseBusMessage(raw: unknown): BusMessage | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const m = raw as Record<string, unknown>;
  if (m.v !== BUS_VERSION || !isId(m.from)) return null;
  switch (m.k) {
    case 'open':
      return isId(m.sock) &&
        isText(m.url, BUS_LIMITS.maxUrlLength) &&
        isText(m.hello, BUS_LIMITS.maxDataLength)
        ? (m as unknown as OpenMessage)
        : null;
    case 'send':
      return isId(m.sock) && isText(m.data, BUS_LIMITS.maxDataLength)
        ? (m as unknown as SendMessage)
        : null;
    case 'close':
      return isId(m.sock) ? (m as unknown as CloseMessage) : null;
    case 'gone':
    case 'leader':
    case 'bye':
      return m as unknown as GoneMessage | LeaderMessage | ByeMessage;
    case 'frames':
      return Array.isArray(m.to) &&
        m.to.length <= BUS_LIMITS.maxSockets &&
        m.to.every(isId) &&
        isText(m.data, BUS_LIMITS.maxDataLength)
        ? (m as unknown as FramesMessage)
        : null;
    case 'closed':
      return isId(m.sock) &&
        Number.isInteger(m.code) &&
        (m.code as number) >= 1000 &&
        (m.code as number) <= 4999 &&
        isText(m.reason, BUS_LIMITS.maxReasonLength)
        ? (m as unknown as ClosedMessage)
        : null;
    default:
      return null;
  }
}
