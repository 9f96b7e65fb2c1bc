/**
 * Relays for tests: one of its own for each test that stops or restarts it (`freshRelays`), or
 * one for a whole describe block (`blockRelay`); each disposed with its clients at the end.
 */
import { after, afterEach, before } from 'node:test';
import { ClientPool } from './raw-client.js';
import { startRelay, type RelayOptions, type RelayProcess } from './relay.js';

type Role = 'host' | 'moderator' | 'audience';

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
    const join = (user: string, role: Role = 'audience') =>
      clients.join({ token: relay.token({ sub: user, name: user, role }) });
    return { relay, clients, join };
  };
}

/** One relay for the describe block it is called in; `join` signs a user in on it. */
export function blockRelay(options?: RelayOptions) {
  const block = {} as { relay: RelayProcess; clients: ClientPool };
  before(async () => {
    block.relay = await startRelay(options);
    block.clients = new ClientPool(() => block.relay.url);
  });
  after(async () => {
    block.clients.closeAll();
    await block.relay.dispose();
  });
  return {
    get relay() {
      return block.relay;
    },
    join: (user: string, role: Role = 'audience') =>
      block.clients.join({ token: block.relay.token({ sub: user, name: user, role }) }),
  };
}
