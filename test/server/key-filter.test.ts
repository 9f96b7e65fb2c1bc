/**
 * The op de-duplication filter of the SQLite store: it may say "maybe" for a key never added,
 * never "no" for one that was, also across a restart and a rebuild.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { emptyBatch } from '../../server/engines/engine.js';
import { KeyFilter } from '../../server/engines/key-filter.js';
import { SqliteEngine } from '../../server/engines/sqlite.js';

describe('KeyFilter', () => {
  test('has every key added, and few it was not given', () => {
    const filter = new KeyFilter(20);
    const keys = Array.from({ length: 100_000 }, (_, i) => `user-${i % 997}\u0000mid-${i}`);
    for (const key of keys) filter.add(key);
    assert.ok(
      keys.every((key) => filter.mightHave(key)),
      'no false negative',
    );
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mightHave(`other-${i}\u0000x`)) falsePositives++;
    // 2^20 bits hold 2^17 keys at about 2 %; 100,000 keys stay below that.
    assert.ok(falsePositives < 3_000, `false positives: ${falsePositives}`);
  });
});

describe('SqliteEngine op outcomes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hubbub-outcomes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('finds what it stored, also after a restart, and nothing it did not', async () => {
    const first = new SqliteEngine(dir);
    const batch = emptyBatch();
    for (let i = 0; i < 1_000; i++) {
      batch.outcomes.push({
        userId: `u${i % 10}`,
        mid: `m${i}`,
        outcome: { t: 'ack', seq: i },
        ts: Date.now(),
        room: 'r',
      });
    }
    first.commit(batch);
    assert.deepEqual(await first.outcome('u3', 'm3'), { t: 'ack', seq: 3 });
    assert.equal(await first.outcome('u3', 'm4'), undefined, 'm4 belongs to u4');
    assert.equal(await first.outcome('u3', 'never'), undefined);
    await first.close();

    const second = new SqliteEngine(dir);
    for (let i = 0; i < 1_000; i++) {
      assert.deepEqual(await second.outcome(`u${i % 10}`, `m${i}`), { t: 'ack', seq: i });
    }
    await second.close();
  });

  test('a filter that fills up is rebuilt larger and still finds every outcome', async () => {
    // 2^10 bits hold 128 keys: committing 2,000 rebuilds it (and grows it) several times.
    const engine = new SqliteEngine(join(dir, 'small'), { filterLog2Bits: 10 });
    for (let round = 0; round < 20; round++) {
      const batch = emptyBatch();
      for (let i = 0; i < 100; i++) {
        const n = round * 100 + i;
        batch.outcomes.push({
          userId: 'u',
          mid: `m${n}`,
          outcome: { t: 'ack', seq: n },
          ts: Date.now(),
          room: 'r',
        });
      }
      engine.commit(batch);
    }
    for (let n = 0; n < 2_000; n++) {
      assert.deepEqual(await engine.outcome('u', `m${n}`), { t: 'ack', seq: n });
    }
    await engine.close();
  });
});
