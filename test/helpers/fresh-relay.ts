/**
 * Relays for tests: one for a whole describe block (`withRelay`), or one of its own for each test
 * that stops or restarts it (`freshRelays`); each disposed with its clients at the end.
 */
import { after, afterEach, before } from 'node:test';
import type { Role } from '../../src/protocol/index.js';
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
