/**
 * Both ends of a socket whose room another relay decides for:
 * - `RemotePort` (on the socket's relay) forwards the socket's frames to the room's owner and
 *   serves the subscriptions from a replica of each channel;
 * - `RemoteConn` (on the owner) stands for that socket in the owner's `Rooms`.
 */
import type {
  AckFrame,
  ErrFrame,
  OkFrame,
  OpFrame,
  PresenceFrame,
  SignalFrame,
  SubFrame,
  User,
} from '../../src/protocol/index.js';
import { accountCreatedAt, withAccountCreatedAt } from '../auth.js';
import type { SubDecision } from '../channels/channel.js';
import type { ChannelName, Channels } from '../channels/registry.js';
import type { Client } from '../client.js';
import type { Engine } from '../engines/engine.js';
import type { ReadPage } from '../features/feature.js';
import { OpError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { subKind, type Caller, type Port } from '../ports.js';
import { SIGNAL_DATA_MAX_BYTES, type Conn } from '../rooms.js';
import { opErr, retryFrame } from '../wire.js';
import type { Sessions } from '../sessions.js';

/** A connection as it travels with a request: enough for the owner to act for it. */
export interface ConnRef {
  key: string;
  user: User;
  address: string;
  /** The user's account creation time (ms), which `user` carries out of JSON's sight. */
  created?: number;
}

/** What a relay asks of a room's owner. */
export type Query =
  | {
      t: 'sub';
      ch: string;
      id: string | number;
      from?: SubFrame['from'];
      /** Large pieces of earlier answers this relay holds for the channel (see `pieces.ts`). */
      have?: string[];
    }
  | { t: 'op'; ch: string; frame: OpFrame }
  | { t: 'pr'; ch: string; frame: PresenceFrame }
  | { t: 'sig'; ch: string; frame: SignalFrame }
  | { t: 're'; ch: string; data?: Record<string, unknown> }
  | { t: 'leave' }
  | { t: 'gone' }
  | { t: 'chk' }
  | { t: 'rd'; ch: string; name: string; page: ReadPage };

/** The owner's answer to a query that has one. */
export interface Answer {
  decision?: SubDecision;
  /** An op's answer, or a presence frame's `ok`. */
  frame?: AckFrame | ErrFrame | OkFrame;
  err?: { code: OpError['code']; message: string; extra: OpError['extra'] };
  reason?: string | null;
  /** A read's result (absent: the feature has no such read). */
  data?: unknown;
}

/** How a relay reaches the owner of a room (see `Cluster`). */
export interface OwnerLink {
  /** Sends a query and waits for its answer; rejects (retryable) when the owner is away. */
  ask(room: string, conn: ConnRef, query: Query): Promise<Answer>;
  /** Sends a query that has no answer. */
  tell(room: string, conn: ConnRef, query: Query): void;
  /**
   * Tells the owner the connection is gone, again until it answers: the member's grace starts
   * on the owner on this notice alone (see `gone.ts`).
   */
  gone(room: string, conn: ConnRef): void;
}

export function refOf(client: Pick<Client, 'key' | 'user' | 'address'>): ConnRef {
  const ref: ConnRef = { key: client.key, user: client.user, address: client.address };
  const created = accountCreatedAt(client.user);
  if (created !== undefined) ref.created = created;
  return ref;
}

export function errorOf(answer: Answer): OpError {
  const { code, message, extra } = answer.err!;
  return new OpError(code, message, extra);
}

/** Most subs of one socket asked ahead of their turn at once (a page's widgets joining). */
export const AHEAD_MAX = 8;

export class RemotePort implements Port {
  /** Sub answers asked for as their frames arrived (`ahead`), by frame. */
  readonly #ahead = new WeakMap<SubFrame, { user: User; answer: Promise<Answer> }>();
  /** How many of each socket's subs are asked ahead and have not had their turn. */
  readonly #aheadCount = new WeakMap<Client, number>();

  constructor(
    private link: OwnerLink,
    private channels: Channels,
    private engine: Engine,
    private sessions: Sessions,
    private metrics: Metrics,
    /**
     * Runs an action after the answers this relay decided before it (the writer's `after`): a
     * refusal made here waits for that, so an owner's answer sent at once would overtake it.
     */
    private inTurn: (action: () => void) => void,
  ) {}

  /** Sends `frame` to `client` in its turn among the answers this relay queued before it. */
  #answer(client: Caller, frame: Parameters<Caller['send']>[0]): void {
    this.inTurn(() => client.send(frame));
  }

  /**
   * Asks the owner about a sub as its frame arrives, so the subs a socket sends together (a
   * page's widgets joining) wait one round trip, not one each, and are answered in one write.
   * The frame's turn uses the answer unless the user changed meanwhile (a refreshed token may
   * change the role). At most `AHEAD_MAX` per socket, and no more than its sub tokens allow, so
   * a flood of subs costs the owner no more than the limit does. Returns what its turn calls
   * when done.
   */
  ahead(client: Client, target: ChannelName, frame: SubFrame): (() => void) | undefined {
    const count = this.#aheadCount.get(client) ?? 0;
    if (count >= AHEAD_MAX || !client.writable) return undefined;
    if (client.subLimiter && client.subLimiter.available() < count + 1) return undefined;
    this.#aheadCount.set(client, count + 1);
    const answer = this.#ask(client, target, frame);
    answer.catch(() => {});
    this.#ahead.set(frame, { user: client.user, answer });
    return () => {
      this.#ahead.delete(frame);
      this.#aheadCount.set(client, (this.#aheadCount.get(client) ?? 1) - 1);
    };
  }

  #ask(client: Caller, target: ChannelName, frame: SubFrame): Promise<Answer> {
    const query: Query = { t: 'sub', ch: target.name, id: frame.id };
    if (frame.from) query.from = frame.from;
    return this.link.ask(target.room, refOf(client), query);
  }

  async subscribe(client: Caller, target: ChannelName, frame: SubFrame): Promise<void> {
    const early = this.#ahead.get(frame);
    const answer = await (early && early.user === client.user
      ? early.answer
      : this.#ask(client, target, frame));
    if (answer.err) throw errorOf(answer);
    const decision = answer.decision!;
    const replica = await this.channels.replica(target);
    if (decision.kind === 'replay' && !replica.holds(decision.start)) {
      // The owner could replay from there; this replica has not got that far back: the store has.
      replica.backfill(await this.engine.history!(target.name, decision.start + 1, replica.head));
    }
    await new Promise<void>((resolve) =>
      this.inTurn(() => {
        try {
          if (!client.open) return;
          this.metrics.resumes.inc({ kind: subKind(decision) });
          replica.attach(client, frame.id, decision);
          client.subscriptions.set(target.name, replica);
        } finally {
          resolve();
        }
      }),
    );
  }

  async op(client: Caller, target: ChannelName, frame: OpFrame): Promise<void> {
    // The connection's own op limit is taken here, where the socket is.
    const limited = client.takeOp(frame.id);
    if (limited) return this.#answer(client, opErr(frame.id, frame.mid, limited));
    let answer: Answer;
    try {
      answer = await this.link.ask(target.room, refOf(client), { t: 'op', ch: target.name, frame });
    } catch {
      return this.#answer(client, retryFrame(frame.id, frame.mid));
    }
    this.#answer(client, answer.frame!);
  }

  async presence(client: Client, target: ChannelName, frame: PresenceFrame): Promise<void> {
    const answer = await this.link.ask(target.room, refOf(client), {
      t: 'pr',
      ch: target.name,
      frame,
    });
    if (answer.err) throw errorOf(answer);
    client.entered(target.name, frame.action !== 'leave', frame.data, this.sessions);
    this.#answer(client, answer.frame!);
  }

  signal(client: Client, target: ChannelName, frame: SignalFrame): void {
    // The size is checked here; the owner takes the user's signal limit and the room's rules.
    const size = JSON.stringify(frame.data ?? null);
    if (size.length > SIGNAL_DATA_MAX_BYTES || Buffer.byteLength(size) > SIGNAL_DATA_MAX_BYTES) {
      throw new OpError('too_large', `signal data is limited to ${SIGNAL_DATA_MAX_BYTES} bytes`);
    }
    this.link.tell(target.room, refOf(client), { t: 'sig', ch: target.name, frame });
  }

  async reenter(
    client: Client,
    target: ChannelName,
    data: Record<string, unknown> | undefined,
  ): Promise<void> {
    const query: Query = { t: 're', ch: target.name };
    if (data !== undefined) query.data = data;
    this.link.tell(target.room, refOf(client), query);
  }

  leave(client: Client, room: string): void {
    for (const ch of client.presence) {
      if (ch.startsWith(`${room}/`)) client.entered(ch, false, undefined, this.sessions);
    }
    this.link.tell(room, refOf(client), { t: 'leave' });
  }

  gone(client: Client, room: string): void {
    this.link.gone(room, refOf(client));
  }

  async entryRefusal(client: Client, room: string): Promise<string | null> {
    const answer = await this.link.ask(room, refOf(client), { t: 'chk' });
    return answer.reason ?? null;
  }

  async read(client: Caller, target: ChannelName, name: string, page: ReadPage): Promise<unknown> {
    const answer = await this.link.ask(target.room, refOf(client), {
      t: 'rd',
      ch: target.name,
      name,
      page: { offset: page.offset, limit: page.limit },
    });
    if (answer.err) throw errorOf(answer);
    return answer.data;
  }
}

/** A socket of another relay, as the room's owner acts for it. */
export class RemoteConn implements Conn {
  readonly key: string;
  readonly open = true;
  readonly writable = true;
  user: User;
  address: string;

  constructor(
    readonly relayId: string,
    readonly ref: ConnRef,
    private notify: (relayId: string, message: Record<string, unknown>) => void,
  ) {
    this.key = `${relayId}/${ref.key}`;
    this.user = withAccountCreatedAt(ref.user, ref.created);
    this.address = ref.address;
  }

  /** The socket's identity as its relay sent it last (a refreshed token may rename it). */
  update(ref: ConnRef): void {
    this.user = withAccountCreatedAt(ref.user, ref.created);
    this.address = ref.address;
  }

  enqueue(): void {
    // Nothing is sent to a remote connection through the owner's channels: its own relay
    // serves its subscriptions from replicas.
  }

  whenWritable(callback: () => void): void {
    callback();
  }

  lagged(): void {}

  close(code: number, reason: string): void {
    this.notify(this.relayId, { k: 'close', conn: this.ref.key, code, reason });
  }

  /** Presence the owner ended for this connection (a ban): its relay forgets it too. */
  left(channels: string[]): void {
    this.notify(this.relayId, { k: 'left', conn: this.ref.key, chs: channels });
  }
}
