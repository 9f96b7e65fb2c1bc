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

  it('gives one connection to the same relay list in any order or spacing', async () => {
    const a = getConnection('ws://a.test/live ws://b.test/live');
    const b = getConnection('  ws://b.test/live\n   ws://a.test/live ws://b.test/live ');
    const one = getConnection('ws://a.test/live');
    assert.equal(a, b);
    assert.notEqual(a, one);
    assert.equal(a.url, 'ws://a.test/live ws://b.test/live');
    assert.deepEqual(a.urls, ['ws://a.test/live', 'ws://b.test/live']);
    for (const connection of [a, b, one]) releaseConnection(connection);
    await sleep(RELEASE_GRACE_MS + 50);
    assert.equal(a.$status.get(), 'closed', 'both references given back');
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
