/**
 * Relays for tests: one for a whole describe block (`withRelay`), or one of its own for each test
 * that stops or restarts it (`freshRelays`); each disposed with its clients at the end.
 */
import { after, afterEach, before } from 'node:test';
import type { Role } from '../../src/protocol.js';
import { health } from './probes.js';
import { ClientPool, type Frame, type RawClient } from './raw-client.js';
import { startRelay, type RelayOptions, type RelayProcess } from './relay.js';

/** A client that said hello and got its `welcome`. */
export type Joined = RawClient & { welcome: Frame };

/** Signs a user in on `relay` by name (as `sub` and `name`), with `role` and any other claims. */
function joiner(relay: RelayProcess, clients: ClientPool) {
  return (user: string, role: Role = 'audience', claims: Record<string, unknown> = {}) =>
    clients.join({ token: relay.token({ sub: user, name: user, role, ...claims }) });
}

export function freshRelays() {
  const current: { relay?: RelayProcess; clients?: ClientPool } = {};
  afterEach(async () => {
    current.clients?.closeAll();
    await current.relay?.dispose();
    current.relay = undefined;
    current.clients = undefined;
  });
  /** Starts this test's relay; `join` signs a user in on it (by name, as `sub` and `name`). */
  return async function start(options?: RelayOptions) {
    const relay = await startRelay(options);
    const clients = new ClientPool(() => relay.url);
    Object.assign(current, { relay, clients });
    return { relay, clients, join: joiner(relay, clients) };
  };
}

export interface WithRelayOptions {
  /** Keep the block's clients open from one test to the next (closed after the block). */
  keepClients?: boolean;
}

/**
 * One relay for the describe block it is called in, started before its first test and disposed
 * after its last; the clients a test opened are closed after it (unless `keepClients`).
 * `relay` stands for the running relay inside tests and hooks; `room` makes a fresh room whose
 * users exist only in it.
 */
export function withRelay(options?: RelayOptions, { keepClients = false }: WithRelayOptions = {}) {
  let current: RelayProcess | undefined;
  const relay = new Proxy({} as RelayProcess, {
    get(_, key) {
      if (!current) throw new Error('withRelay: the relay runs only inside tests and hooks');
      return Reflect.get(current, key) as unknown;
    },
  });
  const clients = new ClientPool(() => relay.url);
  let rooms = 0;
  before(async () => {
    current = await startRelay(options);
  });
  if (!keepClients) afterEach(() => clients.closeAll());
  after(async () => {
    clients.closeAll();
    await current?.dispose();
  });
  const join = joiner(relay, clients);
  /** A fresh room named `prefix-N`, its channel of `feature`, and `join` for users of it alone. */
  function room(prefix: string, feature = prefix) {
    const k = ++rooms;
    const roomId = `${prefix}-${k}`;
    const ch = `${roomId}/${feature}`;
    const joinRoom = (
      user: string,
      role: Role = 'audience',
      claims: Record<string, unknown> = {},
    ): Promise<Joined> => join(`${user}-${k}`, role, { name: user, ...claims });
    /** A user of the room subscribed to its channel, with the `ok` of its `sub`. */
    const member = async (user: string, role: Role = 'audience') => {
      const client = await joinRoom(user, role);
      const ok = await client.sub(ch);
      return Object.assign(client, { ok });
    };
    return { roomId, ch, join: joinRoom, member };
  }
  return { relay, clients, join, room };
}

/** How long the relays of `throttledRelays` hold a throttled event: well past a stop. */
export const THROTTLE_HOLD_MS = 1_000;

/**
 * A throttled event across a stop: a relay of its own per test whose throttle
 * (`--tally-interval-ms`) holds events for `THROTTLE_HOLD_MS`, with a watcher subscribed to `ch`.
 * `stopThenResume` stops it with `signal` at once, restarts it on the same data, and resumes a
 * reader from `first`, the last event the watcher got before the stop.
 */
export function throttledRelays(ch: string) {
  const start = freshRelays();
  return async function startThrottled() {
    const { relay, join } = await start({
      args: ['--tally-interval-ms', String(THROTTLE_HOLD_MS)],
    });
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    /** `eventsNow` counts the watcher's events of the kind held back, read as the stop begins. */
    async function stopThenResume(signal: NodeJS.Signals, eventsNow: () => number, first: Frame) {
      const stopped = relay.stop(signal);
      const eventsAtStop = eventsNow();
      const exitCode = await stopped;
      await relay.restart();
      const reader = await join('reader');
      const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: first.seq });
      return { exitCode, eventsAtStop, reader, resumed };
    }
    return { relay, join, watcher, ok, stopThenResume };
  };
}

/** How long a channel nobody uses stays loaded on the relays of `idleRelay`. */
export const IDLE_MS = 300;

/**
 * One relay for the describe block that unloads a channel idle for `IDLE_MS` (with `args`
 * besides); `loaded` says how many channels it holds now.
 */
export function idleRelay(args: string[]) {
  const fixture = withRelay({ args: ['--channel-idle-ms', String(IDLE_MS), ...args] });
  return { ...fixture, loaded: async () => (await health(fixture.relay)).channels };
}
