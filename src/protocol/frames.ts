/**
 * The envelopes of the wire contract (PROTOCOL.md, version 1): every frame a client or the relay
 * sends, whatever the feature. Each feature's payloads are in its own file beside this one.
 *
 * Types only, plus the few constants both sides must agree on. The relay imports this folder
 * too, so it must stay free of DOM and Node APIs.
 */
import type { User } from './users.js';

export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL = 'hubbub.v1';

export const FEATURES = ['chat', 'poll', 'quiz', 'qa', 'reactions', 'presence'] as const;
export type FeatureName = (typeof FEATURES)[number];

export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const CHANNEL_PATTERN = /^([A-Za-z0-9_-]{1,64})\/([a-z]{1,32})$/;

/** Every setting a client or a test may need; sent in `welcome.limits`. */
export interface Limits {
  maxFrameBytes: number;
  maxBufferedBytes: number;
  historyLimit: number;
  historyTtlMs: number;
  replayLimit: number;
  presenceGraceMs: number;
  presenceIntervalMs: number;
  presenceListLimit: number;
  tallyIntervalMs: number;
  quizGraceMs: number;
  heartbeatMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 16_384,
  maxBufferedBytes: 1_048_576,
  historyLimit: 10_000,
  historyTtlMs: 24 * 60 * 60 * 1000,
  replayLimit: 1_000,
  presenceGraceMs: 15_000,
  presenceIntervalMs: 250,
  presenceListLimit: 100,
  tallyIntervalMs: 200,
  quizGraceMs: 250,
  heartbeatMs: 25_000,
};

export type ErrorCode =
  | 'bad_frame'
  | 'unsupported_version'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'rate_limited'
  | 'too_large'
  | 'conflict'
  | 'too_late'
  | 'closed'
  | 'internal';

/**
 * `details.reason` of a `forbidden` that refuses a room the identity may not enter (the token's
 * `rooms` claim, or anonymity, does not grant it): on the answer to a `sub`, `op`, `presence` or
 * `signal`, and on the `err {ch}` that drops a channel after an `auth` with fewer rooms. Clients
 * tell the viewer by this, not by the message's words.
 */
export const ROOM_NOT_GRANTED = 'room_not_granted';

/** `details.reason` of a refusal, if the relay gave one. */
export function refusalReason(details: unknown): string | undefined {
  const reason = (details as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** Error codes after which a client drops the op from its outbox instead of retrying it. */
export const FINAL_ERROR_CODES: readonly ErrorCode[] = [
  'bad_frame',
  'invalid',
  'forbidden',
  'not_found',
  'conflict',
  'too_late',
  'closed',
  'too_large',
  'rate_limited',
  'unauthorized',
];

export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  restart: 1012,
  tryAgainLater: 1013,
  badFrame: 4400,
  unauthorized: 4401,
  slowConsumer: 4008,
  rateLimited: 4429,
} as const;

export interface Position {
  epoch: string;
  seq: number;
}

// ---------------------------------------------------------------- client → relay

export interface HelloFrame {
  t: 'hello';
  v: number;
  token?: string;
  anon?: { key: string; name?: string };
  session?: string;
  client?: string;
}
export interface AuthFrame {
  t: 'auth';
  id: string | number;
  token: string;
}
export interface SubFrame {
  t: 'sub';
  id: string | number;
  ch: string;
  from?: Position;
}
export interface UnsubFrame {
  t: 'unsub';
  id: string | number;
  ch: string;
}
export interface OpFrame {
  t: 'op';
  id: string | number;
  ch: string;
  mid: string;
  type: string;
  data: unknown;
}
export interface SignalFrame {
  t: 'signal';
  ch: string;
  type: string;
  data?: unknown;
}
export type PresenceAction = 'enter' | 'update' | 'leave';
export interface PresenceFrame {
  t: 'presence';
  id: string | number;
  ch: string;
  action: PresenceAction;
  data?: Record<string, unknown>;
}
export interface PongFrame {
  t: 'pong';
}
/**
 * A client's probe (docs/protocol-notes.md, "Probe"): is this socket alive now? A relay whose
 * `welcome` says `probe: true` answers at once with `pong` carrying the same `id`.
 */
export interface ProbeFrame {
  t: 'ping';
  id: string | number;
}
export type ClientFrame =
  | HelloFrame
  | AuthFrame
  | SubFrame
  | UnsubFrame
  | OpFrame
  | SignalFrame
  | PresenceFrame
  | PongFrame
  | ProbeFrame;

// ---------------------------------------------------------------- relay → client

export interface WelcomeFrame {
  t: 'welcome';
  session: string;
  user: User;
  heartbeatMs: number;
  serverTime: number;
  limits: Limits;
  /** The relay answers a client's `ping {id}` probe with `pong {id}` (an extra field). */
  probe?: true;
}
export interface OkFrame {
  t: 'ok';
  id: string | number;
  ch?: string;
  epoch?: string;
  seq?: number;
  replay?: number;
  reset?: true;
  snapshot?: unknown;
  count?: number;
  /** The answer to `auth`: the user as the new token names them. */
  user?: User;
}
export interface EvFrame<D = unknown, T extends string = string> {
  t: 'ev';
  ch: string;
  seq: number;
  type: T;
  data: D;
  ts: number;
  from?: User;
}
export interface AckFrame<D = unknown> {
  t: 'ack';
  id: string | number;
  mid: string;
  seq?: number;
  data?: D;
}
export interface ErrFrame {
  t: 'err';
  id?: string | number;
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
  details?: unknown;
  mid?: string;
  ch?: string;
}
export interface SignalOutFrame {
  t: 'signal';
  ch: string;
  type: string;
  data: unknown;
  from: User;
}
export interface PresenceMember extends User {
  data: Record<string, unknown>;
}
export interface PresenceOutFrame {
  t: 'presence';
  ch: string;
  count: number;
  members?: PresenceMember[];
  join?: PresenceMember[];
  leave?: string[];
  update?: PresenceMember[];
}
export interface MeFrame<D = unknown> {
  t: 'me';
  ch: string;
  data: D;
}
export interface PingFrame {
  t: 'ping';
}
/** The relay's answer to a client's probe (ProbeFrame), with the probe's `id`. */
export interface ProbeAnswerFrame {
  t: 'pong';
  id: string | number;
}
export type RelayFrame =
  | WelcomeFrame
  | OkFrame
  | EvFrame
  | AckFrame
  | ErrFrame
  | SignalOutFrame
  | PresenceOutFrame
  | MeFrame
  | PingFrame
  | ProbeAnswerFrame;
