/**
 * A real `redis-server` and relays on it, for a describe block: started before its first test,
 * disposed after its last.
 */
import { after, before } from 'node:test';
import type { Role } from '../../src/protocol/index.js';
import type { Joined } from './fresh-relay.js';
import { ClientPool } from './raw-client.js';
import { startRedis, type RedisServer } from './redis.js';
import { startRelay, type RelayProcess } from './relay.js';

/** A Redis and `count` relays on it, for a describe block. */
export function withCluster(count: number, args: string[] = []) {
  const ctx = {} as { redis: RedisServer; relays: RelayProcess[]; pool: ClientPool; n: number };
  before(async () => {
    ctx.redis = await startRedis();
    ctx.relays = [];
    for (let i = 0; i < count; i++) {
      ctx.relays.push(await startRelay({ args: ['--redis', ctx.redis.url, ...args] }));
    }
    ctx.pool = new ClientPool(() => ctx.relays[0].url);
    ctx.n = 0;
  });
  after(async () => {
    ctx.pool.closeAll();
    for (const relay of ctx.relays) await relay.dispose();
    await ctx.redis.dispose();
  });
  return {
    ctx,
    /** A user joined to relay `i`. */
    join(i: number, sub: string, role: Role = 'audience'): Promise<Joined> {
      const relay = ctx.relays[i];
      return ctx.pool.join({ token: relay.token({ sub, name: sub, role }) }, { url: relay.url });
    },
    room(): string {
      return `c${++ctx.n}-${Date.now().toString(36)}`;
    },
  };
}
