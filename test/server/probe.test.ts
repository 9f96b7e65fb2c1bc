/**
 * The client's probe (docs/protocol-notes.md, "Probe"): a welcomed client may ask whether its
 * socket is alive with `ping {id}`; the relay answers `pong {id}` at once, within the
 * connection's op limit.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withRelay } from '../helpers/fresh-relay.js';

describe('probe', () => {
  const { relay, clients } = withRelay();

  const join = () => clients.join({ token: relay.token({ sub: 'ada', name: 'Ada' }) });

  test('welcome says the relay answers probes', async () => {
    const client = await join();
    assert.equal(client.welcome.probe, true);
  });

  test('ping {id} is answered with pong carrying the same id', async () => {
    const client = await join();
    client.send({ t: 'ping', id: 'p1' });
    client.send({ t: 'ping', id: 7 });
    assert.deepEqual(await client.next((f) => f.t === 'pong' && f.id === 'p1'), {
      t: 'pong',
      id: 'p1',
    });
    assert.deepEqual(await client.next((f) => f.t === 'pong' && f.id === 7), { t: 'pong', id: 7 });
    assert.equal(client.frames.filter((f) => f.t === 'err').length, 0);
  });

  test('a ping without id gets err invalid and the socket stays open', async () => {
    const client = await join();
    client.send({ t: 'ping' });
    const err = await client.next((f) => f.t === 'err');
    assert.equal(err.code, 'invalid');
    assert.equal(err.details.field, 'id');
    assert.equal((await client.sub('probe-room/chat')).t, 'ok');
    assert.ok(client.open);
  });

  test('a ping before hello gets err bad_frame and close 4400', async () => {
    const client = await clients.connect();
    client.send({ t: 'ping', id: 1 });
    assert.equal((await client.next((f) => f.t === 'err')).code, 'bad_frame');
    assert.equal((await client.waitClose()).code, 4400);
  });

  test('probes take tokens of the connection op limit: beyond it, err rate_limited with the id', async () => {
    const client = await join();
    const burst = Array.from({ length: 80 }, (_, i) => ({ t: 'ping', id: i }));
    client.sendBurst(burst);
    // Every probe gets one answer: a pong, or a refusal with its id and retryAfterMs.
    const answers = await client.collect(
      (f) => (f.t === 'pong' || f.t === 'err') && typeof f.id === 'number',
      80,
    );
    const refused = answers.filter((f) => f.t === 'err');
    assert.ok(refused.length >= 20, `${refused.length} refused of 80 (limit 50 per second)`);
    for (const err of refused) {
      assert.equal(err.code, 'rate_limited');
      assert.ok(err.retryAfterMs > 0);
    }
    assert.ok(client.open);
  });

  test('a client that floods probes at ten times the limit is closed with 4429', async () => {
    const client = await join();
    client.sendBurst(Array.from({ length: 520 }, (_, i) => ({ t: 'ping', id: i })));
    assert.equal((await client.waitClose()).code, 4429);
  });
});
