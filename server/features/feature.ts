/**
 * The contract between the relay core and a feature. The core knows no feature: it routes ops
 * of `ROOM/FEATURE` to the feature's channel object, persists what it writes, sequences what it
 * emits and answers the client.
 *
 * A feature module is typed by its wire contract (`src/protocol/FEATURE.ts`): its op handlers
 * are keyed by the op map, and its channel handle emits only the events of the event map, with
 * their payloads, and sends only its `me` type.
 */
import type {
  EventType,
  FeatureName,
  OkFrame,
  OpType,
  PresenceAction,
  Role,
  User,
} from '../../src/protocol/index.js';
import { invalid } from '../errors.js';
import type { Audience, Subscriber } from '../channels/channel.js';
import type { RelayConfig, RateLimitSettings } from '../limits.js';
import type { StoredEvent } from '../engines/engine.js';

/** What a feature's channel may do to the world. Everything it writes commits before it is seen. */
export interface ChannelHandle<Events = Record<string, unknown>, Me = unknown> {
  /** `ROOM/FEATURE` */
  readonly name: string;
  readonly room: string;
  readonly config: RelayConfig;
  now(): number;
  /** The seq of the channel's newest event. */
  head(): number;
  /** Appends an event to the channel's history; returns its seq. */
  emit<K extends EventType<Events>>(type: K, data: Events[K]): number;
  /** Persists one state record (`undefined` deletes it). */
  put(key: string, value: unknown): void;
  /** Sends `me` to every connection of this user subscribed to the channel. */
  sendMe(userId: string, data: Me): void;
  /** Sends `me` to every host and moderator subscribed to the channel. */
  sendMeToHosts(data: Me): void;
  /**
   * Sends a frame that is not an event (e.g. `presence`, written by `wire.ts`) to the channel's
   * subscribers (`all`, the default), to `hosts` (and moderators) only, to all but one user, or
   * to one user.
   */
  broadcast(json: string, to?: Audience): void;
  /** Runs `action` once everything written so far is committed, in order with all answers. */
  defer(action: () => void): void;
  /**
   * Runs `action` after `ms` (an unref'd timer): an exception in it is logged once and goes no
   * further, so no feature's timer can end the process.
   */
  later(action: () => void, ms: number): NodeJS.Timeout;
  /**
   * The room's rules changed (`refuse`/`refuseEntry` answer differently now): once committed,
   * subscribers the room refuses entry are dropped and members it refuses leave presence.
   */
  recheckRoom(): void;
  /** The keyed hash of the address an anonymous user was last seen from, if known. */
  lastAddressOf(userId: string): string | undefined;
  /**
   * The role `userId` holds in this room on a connection this relay serves now (undefined when
   * none): what moderation knows of a target beyond what the channel remembers.
   */
  liveRole(userId: string): Role | undefined;
  /**
   * Whether `text` contains one of the room's blocked terms, as its guard channels (chat) say;
   * false for a guard that is not loaded (ops and presence frames load them first).
   */
  blocked(text: string): boolean;
}

export interface StoredState {
  records: Map<string, unknown>;
  history: StoredEvent[];
}

/**
 * The records whose key starts with `prefix` (`poll:`, `q:`, `m:`), in the feature's own order:
 * the store gives them back in key order.
 */
export function recordsUnder<T>(
  stored: StoredState,
  prefix: string,
  order: (a: T, b: T) => number,
): T[] {
  const found: T[] = [];
  for (const [key, value] of stored.records) if (key.startsWith(prefix)) found.push(value as T);
  return found.sort(order);
}

/** One channel of a feature: its state in memory, authoritative while loaded. */
export interface FeatureChannel {
  /** Applies an op; returns the ack's `data`. Throws OpError to refuse; must not change state then. */
  op(user: User, type: string, data: Record<string, unknown>): unknown;
  /** The state a subscriber starts from (`ok.snapshot`), as of the channel's head. */
  snapshot(user: User): unknown;
  /**
   * Users with the same key get the same snapshot at the same head, so it is serialised once
   * (a join surge); null for a user whose snapshot is their own. Only for a feature whose every
   * change to the snapshot's state is an event.
   */
  snapshotKey?(user: User): string | null;
  /** `me` payloads for this user, sent right after `ok`. */
  meFor?(user: User): unknown[];
  /**
   * Room-wide refusal of a user's ops, signals and presence (a chat ban, of the user or, for
   * anonymous users, of the address they come from: `address` is its keyed hash); null lets
   * them through. Only features with `guardsRoom` are asked.
   */
  refuse?(user: User, address: string): string | null;
  /**
   * Room-wide refusal of everything, `sub` included (a room for signed-in users only: then
   * `SIGNED_IN_ONLY`, which an op's refusal names as the gate `signedIn`).
   */
  refuseEntry?(user: User): string | null;
  /**
   * Whether the room lets only hosts and moderators hear this user's signals (a guard's: a
   * hidden user's typing would give them away).
   */
  heardByStaffOnly?(user: User): boolean;
  /**
   * A guard notes the role `user` came to the room with (any channel's sub, op, presence or
   * signal): on a cluster the room's owner sees every relay's users only this way, so a
   * moderator cannot restrict a host or moderator connected to another relay.
   */
  seen?(user: User): void;
  /** Whether `text` contains one of this channel's room-wide blocked terms (a guard's). */
  screen?(text: string): boolean;
  /** Answers `sub` itself, for a feature without history (presence): `ok` and first frames. */
  answerSub?(user: User, id: string | number): string[];
  /** Handles a `presence` frame; returns the extra fields of its `ok`. */
  presence?(
    subscriber: Subscriber,
    action: PresenceAction,
    data: Record<string, unknown> | undefined,
  ): Pick<OkFrame, 'count'>;
  /** The subscriber's socket is gone (not an `unsub`). */
  disconnect?(subscriber: Subscriber): void;
  /**
   * A staff read beyond the snapshot, by name (the quiz's `players`), for the HTTP API: a page
   * of `limit` items from `offset`. Undefined for a name the feature does not know.
   */
  read?(user: User, name: string, page: ReadPage): unknown;
  /**
   * True while the channel has work pending in memory (a throttled tally, a burst, a running
   * question, present members), so it must stay loaded; an idle channel is unloaded.
   */
  busy?(): boolean;
  /** Stops timers. */
  close?(): void;
}

/** One op's handler: `data` is as the client sent it, every field still to be checked. */
export type OpHandler<Data> = (user: User, data: Unchecked<Data>) => unknown;

/** A handler per op of an op map: an op missing, or one the contract does not name, is a type error. */
export type OpHandlers<Ops> = { readonly [K in OpType<Ops>]: OpHandler<Ops[K]> };

/** An op's `data` as received: the contract's fields, each of unknown type until checked. */
export type Unchecked<Data> = Partial<Record<Data extends unknown ? keyof Data : never, unknown>>;

/**
 * Runs the handler of op `type`; an op the feature does not know is `invalid`. Returns the ack's
 * `data`.
 */
export function dispatch<Ops>(
  feature: FeatureName,
  handlers: OpHandlers<Ops>,
  user: User,
  type: string,
  data: Record<string, unknown>,
): unknown {
  if (!Object.hasOwn(handlers, type)) {
    throw invalid(`no such ${feature} op`, { field: 'type' });
  }
  const handler = handlers[type as OpType<Ops>] as OpHandler<unknown>;
  return handler(user, data);
}

export interface FeatureModule<
  Ops = Record<string, unknown>,
  Events = Record<string, unknown>,
  Me = unknown,
> {
  readonly name: FeatureName;
  /** Signal types subscribers may send on this channel. */
  readonly signals: readonly string[];
  /** Ops limited per user beyond the per-connection limit. */
  readonly userRateLimits?: Readonly<Partial<Record<OpType<Ops>, keyof RateLimitSettings>>>;
  /** Whether the core must load this feature's channel to check `refuse` for every op of a room. */
  readonly guardsRoom?: boolean;
  /** How long history is kept, if not `historyTtlMs`. */
  historyTtlMs?(config: RelayConfig): number;
  open(handle: ChannelHandle<Events, Me>, stored: StoredState): FeatureChannel;
}

/** A page of a feature's read: `limit` items from `offset`. */
export interface ReadPage {
  offset: number;
  limit: number;
}

/**
 * The refusal of a room for signed-in users only. An op it refuses gets `details.gate:
 * 'signedIn'`, as a send the chat's gates refuse names its gate (docs/protocol-notes.md, "Chat
 * gates and the shield").
 */
export const SIGNED_IN_ONLY = 'this room is for signed-in users only';
