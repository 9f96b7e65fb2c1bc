/**
 * A fault stays where it happened (issue 9, item 1): an exception in a writer action, a failed
 * commit or a feature's timer never ends the process nor stops what comes after it. These run the
 * relay's own Writer and Channels in this process (a fault that escaped would fail this test file
 * with an uncaught exception), on the memory engine; the only stand-in is a feature whose timer
 * throws, the fault under test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Channels } from '../../server/channels/registry.js';
import { Writer } from '../../server/channels/writer.js';
import { MemoryEngine } from '../../server/engines/memory.js';
import type { WriteBatch } from '../../server/engines/engine.js';
import type { FeatureModule } from '../../server/features/feature.js';
import { DEFAULT_CONFIG } from '../../server/limits.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store whose next commit fails, as a full disk would. */
class FailingOnce extends MemoryEngine {
  fail = true;
  override commit(batch: WriteBatch): void {
    if (this.fail) {
      this.fail = false;
      throw new Error('disk full');
    }
    super.commit(batch);
  }
}

describe('faults stay where they happen', () => {
  test('an action that throws does not stop the actions after it', async () => {
    const writer = new Writer(new MemoryEngine(), () => assert.fail('not fatal'));
    const ran: number[] = [];
    writer.after(() => ran.push(1));
    writer.after(() => {
      throw new Error('a broken socket');
    });
    writer.after(() => ran.push(3));
    await writer.flush();
    assert.deepEqual(ran, [1, 3]);
  });

  test('a failed commit is fatal once, acknowledges nothing, and never rejects the flush chain', async () => {
    const fatal: unknown[] = [];
    const writer = new Writer(new FailingOnce(), (error) => fatal.push(error));
    const acked: string[] = [];
    writer.record('r/chat', 'k', 1);
    writer.after(() => acked.push('first'));
    await writer.flush();
    writer.record('r/chat', 'k', 2);
    writer.after(() => acked.push('after the failure'));
    await writer.flush();
    assert.equal(fatal.length, 1);
    assert.deepEqual(acked, [], 'nothing acknowledged once the store failed');
  });

  test("a feature's timer that throws is logged, and the process goes on", async () => {
    let fired = 0;
    const throwing: FeatureModule = {
      name: 'chat',
      signals: [],
      open: (handle) => {
        handle.later(() => {
          fired++;
          throw new Error('a bug in a feature');
        }, 5);
        handle.later(() => fired++, 10);
        return { op: () => ({}), snapshot: () => ({}) };
      },
    };
    const engine = new MemoryEngine();
    const writer = new Writer(engine, () => assert.fail('not fatal'));
    const channels = new Channels(
      engine,
      writer,
      { ...DEFAULT_CONFIG, secret: 's' },
      new Map([['chat', throwing]]),
    );
    await channels.get(channels.parse('r/chat'));
    await sleep(50);
    assert.equal(fired, 2, 'both timers ran; the throw went no further');
  });
});
