/**
 * Where a socket's frames for one room go: to this relay's `Rooms` when it decides for the room
 * (`LocalPort`), or to the relay of the cluster that does (`RemotePort`, in `cluster/`). Either
 * way the socket is answered in the order of its frames, and its subscriptions are served from
 * a channel on this relay.
 */
import type {
  OpFrame,
  PresenceFrame,
  RelayFrame,
  SignalFrame,
  SubFrame,
} from '../src/protocol/index.js';
import type { Identity } from './auth.js';
import type { ChannelName } from './channels/registry.js';
import type { Client } from './client.js';
import type { Channel, SubDecision } from './channels/channel.js';
import type { OpError } from './errors.js';
import type { ReadPage } from './features/feature.js';
import type { Conn } from './rooms.js';
import type { Metrics } from './metrics.js';
import type { Rooms } from './rooms.js';
import type { Sessions } from './sessions.js';

/**
 * Whoever sends `sub` and `op` frames to a port: a socket (`Client`), or a request of the HTTP
 * API standing in for one (`api/caller.ts`), so both take exactly the same path.
 */
export interface Caller extends Conn {
  readonly identity: Identity | null;
  /** Channels it is subscribed to, on this relay. */
  readonly subscriptions: Map<string, Channel>;
  /** Every channel it touched, for the per-connection cap. */
  readonly touched: Set<string>;
  /** Sends one frame (an answer) to it. */
  send(frame: RelayFrame): void;
  /** Takes a token of its op limit; a refusal when there is none. */
  takeOp(id?: string | number): OpError | null;
}

export interface Port {
  /** Answers a `sub` and serves the channel to the caller; rejects with an OpError if refused. */
  subscribe(client: Caller, target: ChannelName, frame: SubFrame): Promise<void>;
  /** Processes an op; the caller is answered once it is committed. */
  op(client: Caller, target: ChannelName, frame: OpFrame): Promise<void>;
  /** Handles a `presence` frame and answers it. */
  presence(client: Client, target: ChannelName, frame: PresenceFrame): Promise<void>;
  signal(client: Client, target: ChannelName, frame: SignalFrame): void;
  /** Enters presence again for a resumed session (no answer). */
  reenter(
    client: Client,
    target: ChannelName,
    data: Record<string, unknown> | undefined,
  ): Promise<void>;
  /** The client leaves presence in the room (its token no longer grants it). */
  leave(client: Client, room: string): void;
  /**
   * The client's socket is gone: its presence in `room` starts its grace. The room is named
   * because the caller clears `client.presence` before an owner elsewhere is reached.
   */
  gone(client: Client, room: string): void;
  /** Why the room refuses the client a `sub` now, if it does. */
  entryRefusal(client: Client, room: string): Promise<string | null>;
  /**
   * A feature's staff read beyond its snapshot (the quiz's `players`, for the HTTP API), made
   * where the room is decided; undefined for a read the feature does not have.
   */
  read(client: Caller, target: ChannelName, name: string, page: ReadPage): Promise<unknown>;
}

/** The rooms this relay decides for. */
export class LocalPort implements Port {
  constructor(
    private rooms: Rooms,
    private sessions: Sessions,
    private metrics: Metrics,
  ) {}

  async subscribe(client: Caller, target: ChannelName, frame: SubFrame): Promise<void> {
    const { channel, decision } = await this.rooms.subscribe(
      client.user,
      target,
      frame.id,
      frame.from,
    );
    if (!client.open) return;
    this.metrics.resumes.inc({ kind: subKind(decision) });
    channel.attach(client, frame.id, decision);
    client.subscriptions.set(target.name, channel);
  }

  op(client: Caller, target: ChannelName, frame: OpFrame): Promise<void> {
    return this.rooms.op(
      client,
      target,
      frame,
      (answer) => client.send(answer),
      () => client.takeOp(frame.id),
    );
  }

  async presence(client: Client, target: ChannelName, frame: PresenceFrame): Promise<void> {
    const ok = await this.rooms.presence(client, target, frame);
    client.entered(target.name, frame.action !== 'leave', frame.data, this.sessions);
    client.send(ok);
  }

  signal(client: Client, target: ChannelName, frame: SignalFrame): void {
    this.rooms.signal(client, target, frame);
  }

  reenter(
    client: Client,
    target: ChannelName,
    data: Record<string, unknown> | undefined,
  ): Promise<void> {
    return this.rooms.reenter(client, target, data);
  }

  leave(client: Client, room: string): void {
    for (const ch of this.rooms.leave(client, room)) {
      client.entered(ch, false, undefined, this.sessions);
    }
  }

  gone(client: Client): void {
    this.rooms.gone(client);
  }

  async entryRefusal(client: Client, room: string): Promise<string | null> {
    return this.rooms.entryRefusalNow(client.user, room);
  }

  read(client: Caller, target: ChannelName, name: string, page: ReadPage): Promise<unknown> {
    return this.rooms.read(client.user, target, name, page);
  }
}

/** How a `sub` was answered, as the metrics count it. */
export function subKind(decision: SubDecision): 'replay' | 'reset' | 'list' {
  return decision.kind === 'frames' ? 'list' : decision.kind;
}
