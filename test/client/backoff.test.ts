import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Backoff } from '../../src/connection/backoff.js';
import { createMid, MID_LENGTH } from '../../src/connection/ids.js';
import { ANON_KEY_ITEM, loadAnonKey } from '../../src/connection/anon-key.js';
import { tokenExpiresAt } from '../../src/connection/token.js';
import { signToken } from '../../server/auth.js';

describe('Backoff', () => {
  it('grows the ceiling exponentially up to the cap (full jitter)', () => {
    const backoff = new Backoff({ minMs: 500, maxMs: 15_000, random: () => 0.999999 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('draws each delay from [0, ceiling]', () => {
    const backoff = new Backoff({ minMs: 500, maxMs: 15_000, random: () => 0 });
    assert.equal(backoff.next(), 0);
    const real = new Backoff({ minMs: 500, maxMs: 15_000 });
    for (let i = 0; i < 100; i++) {
      const delay = real.next();
      assert.ok(delay >= 0 && delay <= 15_000);
    }
  });

  it('resets to the shortest delays', () => {
    const backoff = new Backoff({ minMs: 100, maxMs: 1000, random: () => 0.999999 });
    backoff.next();
    backoff.next();
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('waits at least half the cap after a rate-limit close, then stays at the cap', () => {
    const backoff = new Backoff({ minMs: 500, maxMs: 15_000, random: () => 0 });
    assert.equal(backoff.penalty(), 7_500);
    const high = new Backoff({ minMs: 500, maxMs: 15_000, random: () => 0.999999 });
    high.penalty();
    assert.equal(high.next(), 15_000);
  });
});

describe('ids', () => {
  it('makes 16-character base64url mids that do not repeat', () => {
    const mids = new Set(Array.from({ length: 1000 }, createMid));
    assert.equal(mids.size, 1000);
    for (const mid of mids) assert.match(mid, new RegExp(`^[A-Za-z0-9_-]{${MID_LENGTH}}$`));
  });
});

describe('anonymous key', () => {
  it('is 32 base64url characters, made once and kept in storage', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    const key = loadAnonKey(storage);
    assert.match(key, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(items.get(ANON_KEY_ITEM), key);
    assert.equal(loadAnonKey(storage), key);
  });

  it('still works when storage throws', () => {
    const storage = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    assert.match(loadAnonKey(storage), /^[A-Za-z0-9_-]{32}$/);
  });
});

describe('tokenExpiresAt', () => {
  it('reads exp (seconds) from a JWT as ms', () => {
    const token = signToken('secret', { sub: 'u1' }, 120);
    const expiresAt = tokenExpiresAt(token)!;
    assert.ok(Math.abs(expiresAt - (Date.now() + 120_000)) < 2_000);
  });

  it('gives undefined for tokens it cannot read', () => {
    assert.equal(tokenExpiresAt('nope'), undefined);
    assert.equal(tokenExpiresAt('a.!!!.c'), undefined);
  });
});
