/**
 * The tab bus's messages: another tab of the origin may run another version of the kit, or post
 * anything on the channel, so every message is checked before use (src/connection/tabs/).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BUS_LIMITS,
  BUS_VERSION,
  busMessage,
  parseBusMessage,
} from '../../src/connection/tabs/bus-protocol.js';
import { busNames, helloIdentity } from '../../src/connection/tabs/names.js';
import { relaySession } from '../../src/connection/tabs/hub.js';

const send = { k: 'send', from: 'tab-a', sock: 'tab-a.1', data: '{"t":"pong"}' } as const;

describe('parseBusMessage', () => {
  it('takes every message kind of this version', () => {
    const messages = [
      busMessage({ k: 'open', from: 'a', sock: 'a.1', url: 'ws://x/live', hello: '{}' }),
      busMessage(send),
      busMessage({ k: 'close', from: 'a', sock: 'a.1' }),
      busMessage({ k: 'gone', from: 'a' }),
      busMessage({ k: 'leader', from: 'a' }),
      busMessage({ k: 'bye', from: 'a' }),
      busMessage({ k: 'frames', from: 'a', to: ['b.1', 'c.2'], data: '[]' }),
      busMessage({ k: 'closed', from: 'a', sock: 'b.1', code: 1001, reason: 'leader gone' }),
    ];
    for (const message of messages) assert.deepEqual(parseBusMessage(message), message);
  });

  it('ignores another version, and what is not a message', () => {
    assert.equal(parseBusMessage({ ...busMessage(send), v: BUS_VERSION + 1 }), null);
    assert.equal(parseBusMessage({ ...send }), null);
    for (const raw of [
      null,
      'text',
      42,
      [busMessage(send)],
      { v: BUS_VERSION, k: 'what', from: 'a' },
    ])
      assert.equal(parseBusMessage(raw), null);
  });

  it('ignores fields of the wrong type or beyond their bounds', () => {
    const bad = [
      { ...send, from: '' },
      { ...send, from: 'x'.repeat(BUS_LIMITS.maxIdLength + 1) },
      { ...send, sock: 7 },
      { ...send, data: { t: 'pong' } },
      { ...send, data: 'x'.repeat(BUS_LIMITS.maxDataLength + 1) },
      {
        k: 'open',
        from: 'a',
        sock: 'a.1',
        url: 'x'.repeat(BUS_LIMITS.maxUrlLength + 1),
        hello: '',
      },
      { k: 'frames', from: 'a', to: 'b.1', data: '' },
      {
        k: 'frames',
        from: 'a',
        to: Array.from({ length: BUS_LIMITS.maxSockets + 1 }, (_, i) => `s${i}`),
        data: '',
      },
      { k: 'frames', from: 'a', to: [1], data: '' },
      { k: 'closed', from: 'a', sock: 'b.1', code: 99, reason: '' },
      { k: 'closed', from: 'a', sock: 'b.1', code: 1000.5, reason: '' },
      { k: 'closed', from: 'a', sock: 'b.1', code: 1000, reason: 'x'.repeat(200) },
    ];
    for (const body of bad)
      assert.equal(
        parseBusMessage({ v: BUS_VERSION, ...body }),
        null,
        JSON.stringify(body).slice(0, 80),
      );
  });
});

/** An unsigned JWT: the client reads claims, the relay verifies. */
const token = (sub: string, exp: number) =>
  `h.${Buffer.from(JSON.stringify({ sub, exp })).toString('base64url')}.s`;

describe('who shares a socket', () => {
  it('one user is one identity, whatever the token; anonymous users by their key', () => {
    const ana1 = helloIdentity(JSON.stringify({ t: 'hello', v: 1, token: token('ana', 1) }));
    const ana2 = helloIdentity(JSON.stringify({ t: 'hello', v: 1, token: token('ana', 2) }));
    const bo = helloIdentity(JSON.stringify({ t: 'hello', v: 1, token: token('bo', 1) }));
    const anon = helloIdentity(JSON.stringify({ t: 'hello', v: 1, anon: { key: 'k'.repeat(32) } }));
    assert.equal(ana1, ana2);
    assert.notEqual(ana1, bo);
    assert.equal(anon, `anon:${'k'.repeat(32)}`);
    assert.equal(helloIdentity('{"t":"sub"}'), undefined);
    assert.equal(helloIdentity('not json'), undefined);
  });

  it('names hide the anonymous key and differ by relay list and user', () => {
    const names = busNames('ws://a/live', 'anon:secret-key');
    assert.ok(!names.channel.includes('secret') && !names.lock.includes('secret'));
    assert.notEqual(busNames('ws://b/live', 'anon:secret-key').channel, names.channel);
    assert.notEqual(busNames('ws://a/live', 'anon:other-key').channel, names.channel);
    assert.equal(busNames('ws://a/live', 'anon:secret-key').lock, names.lock);
  });

  it('a tab resumes with the relay session it was given', () => {
    assert.equal(relaySession('abc~3'), 'abc');
    assert.equal(relaySession('abc'), 'abc');
    assert.equal(relaySession(undefined), undefined);
  });
});
