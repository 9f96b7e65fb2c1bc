/**
 * A relay of its own for each test that stops or restarts it, disposed (with its clients) when
 * the test ends, whether it passed or not.
 */
import { afterEach } from 'node:test';
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
