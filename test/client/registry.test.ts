import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  getConnection,
  releaseConnection,
  RELEASE_GRACE_MS,
} from '../../src/connection/registry.js';
import { sleep } from './wait.js';

describe('getConnection', () => {
  it('gives every widget of the page the same connection for one relay URL', () => {
    const a = getConnection('ws://one.test/live');
    const b = getConnection('ws://one.test/live', { anonName: 'ignored' });
    const c = getConnection('ws://two.test/live');
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.equal(a.$status.get(), 'idle', 'no socket until a channel or op needs it');
    for (const connection of [a, b, c]) releaseConnection(connection);
  });

  it('closes the connection a grace period after the last release', async () => {
    const a = getConnection('ws://grace.test/live');
    const b = getConnection('ws://grace.test/live');
    releaseConnection(a);
    releaseConnection(b);
    // A widget moved in the DOM releases and takes it again at once: same connection.
    const moved = getConnection('ws://grace.test/live');
    assert.equal(moved, a);
    releaseConnection(moved);
    await sleep(RELEASE_GRACE_MS + 50);
    assert.equal(a.$status.get(), 'closed');
    const fresh = getConnection('ws://grace.test/live');
    assert.notEqual(fresh, a);
    releaseConnection(fresh);
    await sleep(RELEASE_GRACE_MS + 50);
  });
});
