/**
 * The wire contract between the browser kit and the relay (PROTOCOL.md, version 1).
 *
 * Types only, plus the few constants both sides must agree on. The relay imports this file too,
 * so it must stay free of DOM and Node APIs.
 */

export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL = 'hubbub.v1';

export const FEATURES = ['chat', 'poll', 'quiz', 'qa', 'reactions', 'presence'] as const;
export type FeatureName = (typeof FEATURES)[number];

export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const CHANNEL_PATTERN = /^([A-Za-z0-9_-]{1,64})\/([a-z]{1,32})$/;

export type Role = 'host' | 'moderator' | 'audience';
export const ROLES: readonly Role[] = ['host', 'moderator', 'audience'];

export interface User {
  id: string;
  name: string;
  role: Role;
  avatar?: string;
}

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
export type ClientFrame =
  | HelloFrame
  | AuthFrame
  | SubFrame
  | UnsubFrame
  | OpFrame
  | SignalFrame
  | PresenceFrame
  | PongFrame;

// ---------------------------------------------------------------- relay → client

export interface WelcomeFrame {
  t: 'welcome';
  session: string;
  user: User;
  heartbeatMs: number;
  serverTime: number;
  limits: Limits;
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
}
export interface EvFrame<D = unknown> {
  t: 'ev';
  ch: string;
  seq: number;
  type: string;
  data: D;
  ts: number;
  from?: User;
}
export interface AckFrame {
  t: 'ack';
  id: string | number;
  mid: string;
  seq?: number;
  data?: unknown;
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
export interface MeFrame {
  t: 'me';
  ch: string;
  data: unknown;
}
export interface PingFrame {
  t: 'ping';
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
  | PingFrame;

// ---------------------------------------------------------------- chat

export interface ChatMessage {
  id: string;
  text: string;
  user: User;
  replyTo?: string;
  /** Set in snapshots and filled in by clients from the `ev`. */
  seq?: number;
  ts?: number;
}
export interface ChatSettings {
  slowModeSeconds: number;
  /** The whole room (every channel of it) is for users with a token only. */
  signedInOnly?: boolean;
}
export interface ChatPinned {
  id: string | null;
  message?: ChatMessage;
}
export interface ChatBanned {
  userId: string;
  banned: boolean;
  until: number | null;
}
export interface ChatSnapshot {
  messages: ChatMessage[];
  pinned: ChatPinned;
  settings: ChatSettings;
}

export const CHAT_TEXT_MAX = 500;
export const CHAT_SNAPSHOT_MESSAGES = 100;
