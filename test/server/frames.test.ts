/**
 * Frame handling after `hello` (PROTOCOL.md, Decisions on details: Frame handling): what is not a
 * frame gets `bad_frame`, a known frame with a bad field gets `invalid` with `details`, neither
 * closes the socket; a frame over `maxFrameBytes` closes it with 1009; no error leaks a stack.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Frame, type RawClient } from '../helpers/raw-client.js';
import { withRelay } from '../helpers/fresh-relay.js';

/** Text that looks like a stack frame: "    at fn (/path/file.ts:12:3)", "node:internal/…". */
const STACK_TRACE = /\bat\s+(?:\S+\s+)?\(?(?:\/|file:|node:)|\.(?:ts|js|mjs|cjs):\d+|node:internal/;

/** A `sub` frame padded with an extra field to exactly `bytes` UTF-8 bytes, using `pad`. */
function subOfBytes(bytes: number, ch: string, pad = 'x'): string {
  const head = `{"t":"sub","id":"big","ch":"${ch}","pad":"`;
  const tail = '"}';
  const padBytes = Buffer.byteLength(pad);
  let room = bytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  let padding = pad.repeat(Math.floor(room / padBytes));
  room -= Buffer.byteLength(padding);
  padding += 'x'.repeat(room);
  const text = head + padding + tail;
  assert.equal(Buffer.byteLength(text), bytes);
  return text;
}

describe('frames', () => {
  const { relay, clients } = withRelay();
  let n = 0;
  const room = () => `frames-${++n}`;

  const join = (sub = 'fran') => clients.join({ token: relay.token({ sub }) });

  /** The socket still works: a `sub` is answered with `ok`. */
  async function assertStillWorks(client: RawClient): Promise<void> {
    assert.ok(client.open, 'socket is open');
    const ok = await client.sub(`${room()}/chat`);
    assert.equal(ok.t, 'ok');
  }

  describe('not a frame: err bad_frame, socket stays open', () => {
    const cases: [string, (client: RawClient) => void][] = [
      ['text that is not JSON', (c) => c.sendText('{"t":"sub",')],
      ['a JSON number', (c) => c.sendText('42')],
      ['a JSON string', (c) => c.sendText('"sub"')],
      ['JSON null', (c) => c.sendText('null')],
      [
        'a client-sent array (batch)',
        (c) => c.sendText('[{"t":"pong"},{"t":"sub","id":"a","ch":"x/chat"}]'),
      ],
      ['an object without t', (c) => c.send({ id: 'a', ch: 'x/chat' })],
      ['an unknown t', (c) => c.send({ t: 'subscribe', id: 'a', ch: 'x/chat' })],
      ['a relay-only t (welcome)', (c) => c.send({ t: 'welcome', session: 's' })],
      ['t as a number', (c) => c.send({ t: 1 })],
      [
        't as an array, ["op"] (no coercion)',
        (c) =>
          c.send({
            t: ['op'],
            id: 'a',
            ch: 'x/chat',
            mid: 'm1',
            type: 'send',
            data: { text: 'no' },
          }),
      ],
      ['a binary frame', (c) => c.sendBinary(Buffer.from('{"t":"sub","id":"a","ch":"x/chat"}'))],
    ];
    for (const [what, sendIt] of cases) {
      test(what, async () => {
        const client = await join();
        sendIt(client);
        const err = await client.next((f) => f.t === 'err');
        assert.equal(err.code, 'bad_frame');
        assert.equal(typeof err.message, 'string');
        await assertStillWorks(client);
        assert.equal(client.frames.filter((f) => f.t === 'ack').length, 0, 'nothing was processed');
      });
    }
  });

  describe('known frame with a missing or wrongly typed field: err invalid with details', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['sub without ch', { t: 'sub', id: 'q1' }, 'ch'],
      ['sub with a number ch', { t: 'sub', id: 'q2', ch: 7 }, 'ch'],
      [
        'sub with from.seq a string',
        { t: 'sub', id: 'q3', ch: 'a/chat', from: { epoch: 'e', seq: '3' } },
        'from',
      ],
      [
        'sub with from.seq negative',
        { t: 'sub', id: 'q4', ch: 'a/chat', from: { epoch: 'e', seq: -1 } },
        'from',
      ],
      ['unsub without ch', { t: 'unsub', id: 7 }, 'ch'],
      [
        'op without mid',
        { t: 'op', id: 'q5', ch: 'a/chat', type: 'send', data: { text: 'x' } },
        'mid',
      ],
      [
        'op with an empty mid',
        { t: 'op', id: 'q6', ch: 'a/chat', mid: '', type: 'send', data: {} },
        'mid',
      ],
      [
        'op with a 65-character mid',
        { t: 'op', id: 'q7', ch: 'a/chat', mid: 'm'.repeat(65), type: 'send', data: {} },
        'mid',
      ],
      [
        'op with a number mid',
        { t: 'op', id: 'q8', ch: 'a/chat', mid: 12, type: 'send', data: {} },
        'mid',
      ],
      [
        'op with data a string',
        { t: 'op', id: 'q9', ch: 'a/chat', mid: 'm', type: 'send', data: 'hi' },
        'data',
      ],
      [
        'op with data an array',
        { t: 'op', id: 'q10', ch: 'a/chat', mid: 'm', type: 'send', data: ['hi'] },
        'data',
      ],
      [
        'op with a number type',
        { t: 'op', id: 'q11', ch: 'a/chat', mid: 'm', type: 1, data: {} },
        'type',
      ],
      ['auth without token', { t: 'auth', id: 'q12' }, 'token'],
      [
        'presence with an unknown action',
        { t: 'presence', id: 'q13', ch: 'a/presence', action: 'dance' },
        'action',
      ],
    ];
    for (const [what, frame, field] of cases) {
      test(what, async () => {
        const client = await join();
        client.send(frame);
        const err = await client.next((f) => f.t === 'err');
        assert.equal(err.code, 'invalid');
        assert.equal(err.id, frame.id, 'id echoed');
        assert.ok(err.details && typeof err.details === 'object', 'details given');
        assert.equal(err.details.field, field);
        await assertStillWorks(client);
        assert.equal(client.frames.filter((f) => f.t === 'ack').length, 0, 'nothing was processed');
      });
    }
  });

  describe('maxFrameBytes', () => {
    test('a frame of exactly maxFrameBytes is accepted', async () => {
      const client = await join();
      const max = client.welcome.limits.maxFrameBytes;
      client.sendText(subOfBytes(max, `${room()}/chat`));
      const ok = await client.next((f) => f.id === 'big');
      assert.equal(ok.t, 'ok');
    });

    test('a frame one byte over maxFrameBytes closes the socket with 1009', async () => {
      const client = await join();
      client.sendText(subOfBytes(client.welcome.limits.maxFrameBytes + 1, `${room()}/chat`));
      assert.equal((await client.waitClose()).code, 1009);
      assert.equal(client.frames.filter((f) => f.id === 'big').length, 0);
    });

    test('counts UTF-8 bytes, not characters', async () => {
      const client = await join();
      const max = client.welcome.limits.maxFrameBytes;
      const text = subOfBytes(max + 1, `${room()}/chat`, 'é');
      assert.ok(text.length <= max, 'fewer characters than the limit');
      client.sendText(text);
      assert.equal((await client.waitClose()).code, 1009);
    });

    test('a frame over the limit leaves other clients untouched', async () => {
      const ch = `${room()}/chat`;
      const reader = await join('reader');
      await reader.sub(ch);
      const offender = await join('offender');
      offender.sendText(subOfBytes(offender.welcome.limits.maxFrameBytes * 2, ch));
      assert.equal((await offender.waitClose()).code, 1009);
      const writer = await join('writer');
      assert.equal((await writer.op(ch, 'send', { text: 'still here' })).t, 'ack');
      const ev = await reader.next((f) => f.t === 'ev');
      assert.equal(ev.data.text, 'still here');
      assert.ok(reader.open);
      assert.equal(reader.frames.filter((f) => f.t === 'err').length, 0);
    });
  });

  test('bad frames never touch another client', async () => {
    const ch = `${room()}/chat`;
    const reader = await join('calm');
    await reader.sub(ch);
    const framesBefore = reader.frames.length;
    const attacker = await join('noisy');
    await attacker.sub(ch);
    for (const text of ['nope', '[]', '{}', '{"t":"x"}', `{"t":"op","id":1,"ch":"${ch}"}`]) {
      attacker.sendText(text);
    }
    attacker.sendBinary(Buffer.from([0, 1, 2]));
    await attacker.collect((f) => f.t === 'err', 6);
    assert.equal((await attacker.op(ch, 'send', { text: 'after the noise' })).t, 'ack');
    await reader.next((f) => f.t === 'ev');
    assert.deepEqual(
      reader.frames.slice(framesBefore).map((f) => [f.t, f.data?.text]),
      [['ev', 'after the noise']],
    );
  });

  test('no error carries a stack trace', async () => {
    const client = await join('stack');
    const ch = `${room()}/chat`;
    const provocations: (Record<string, unknown> | string)[] = [
      'not json',
      '[1,2]',
      '{"t":null}',
      '{"t":"op"}',
      { t: 'sub', id: 1, ch: 'no-slash' },
      { t: 'sub', id: 2, ch: 'room/nofeature' },
      { t: 'sub', id: 3, ch: ch, from: { epoch: 5, seq: 'x' } },
      { t: 'op', id: 4, ch, mid: 'a', type: 'explode', data: {} },
      { t: 'op', id: 5, ch, mid: 'b', type: 'send', data: { text: '' } },
      { t: 'op', id: 6, ch, mid: 'c', type: 'send', data: { text: 5 } },
      { t: 'op', id: 7, ch, mid: 'd', type: 'send', data: { text: 'x', replyTo: { a: 1 } } },
      { t: 'op', id: 8, ch, mid: 'e', type: 'delete', data: { id: 'missing' } },
      { t: 'op', id: 9, ch, mid: 'f', type: 'ban', data: { userId: 'x' } },
      { t: 'op', id: 10, ch, mid: 'g', type: 'settings', data: { slowModeSeconds: -1 } },
      { t: 'auth', id: 11, token: 'a.b.c' },
      { t: 'auth', id: 12, token: '' },
      { t: 'signal', ch, type: 'typing', data: 'x'.repeat(300) },
      { t: 'signal', ch, type: 'shout', data: {} },
      { t: 'presence', id: 13, ch: 'a/presence', action: 'enter', data: 'x' },
      { t: 'hello', v: 1 },
    ];
    for (const frame of provocations) {
      if (typeof frame === 'string') client.sendText(frame);
      else client.send(frame);
    }
    const errors: Frame[] = await client.collect((f) => f.t === 'err', provocations.length - 1);
    for (const err of errors) {
      assert.ok(!STACK_TRACE.test(JSON.stringify(err)), `stack trace in ${JSON.stringify(err)}`);
      assert.equal(typeof err.message, 'string');
      assert.ok(err.message.length < 500, 'a message, not a dump');
    }
    // A client-visible error never takes the connection down.
    await assertStillWorks(client);
  });
});

// The relay frames its batches itself, once per tick, and writes the same bytes to every
// subscriber: every length class of RFC 6455 (7-bit, 16-bit, 64-bit) and multi-byte text must
// arrive intact.
describe('relay → client messages', () => {
  const { relay, clients } = withRelay({ args: ['--rate-limits', 'off'] });

  test('short, medium and over-64 KiB batches of multi-byte text arrive as sent, to every subscriber', async () => {
    const ch = 'framing/chat';
    const author = await clients.join({ token: relay.token({ sub: 'ana' }) });
    const first = await author.sub(ch);
    // 150 messages of 480 two-byte characters: replayed at once they make one ~150 KB batch.
    const texts = Array.from({ length: 150 }, (_, i) => `${i} ${'é'.repeat(480)}`.slice(0, 480));
    for (const text of texts) assert.equal((await author.op(ch, 'send', { text })).t, 'ack');

    const readers = await Promise.all(
      ['bo', 'cy'].map((sub) => clients.join({ token: relay.token({ sub }) })),
    );
    for (const reader of readers) {
      const ok = await reader.sub(ch, { epoch: first.epoch, seq: 0 });
      assert.equal(ok.replay, 150);
      const events = await reader.collect((f) => f.t === 'ev', 150);
      assert.deepEqual(
        events.map((e) => e.data.text),
        texts,
      );
      const batch = reader.messages.find((m) => Buffer.byteLength(m) > 65_536);
      assert.ok(batch, 'the replay arrived as one message over 64 KiB');
    }
    // Medium (126 B – 64 KiB): one live event; short (< 126 B): the `ok` of an unsub.
    await author.op(ch, 'send', { text: 'ü'.repeat(300) });
    for (const reader of readers) {
      const live = await reader.next((f) => f.t === 'ev' && f.seq === 151);
      assert.equal(live.data.text, 'ü'.repeat(300));
    }
    const [bo] = readers;
    const ok = await bo.request({ t: 'unsub', ch: 'elsewhere/chat' });
    assert.equal(ok.t, 'ok');
    assert.ok(bo.messages.at(-1)!.length < 126, 'the ok came alone, in a short message');
  });
});
