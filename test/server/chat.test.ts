/**
 * chat (PROTOCOL.md: Features; Decisions on details: Text, Chat): messages, replies, deletes,
 * pins, bans, slow mode, the snapshot and the typing signal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, test } from 'node:test';
import { ClientPool, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { assertAck, assertErr } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { scenario } from '../helpers/scenario.js';
import type { Role } from '../../src/protocol/index.js';

/** Sends a chat message; it must be acked. */
const send = async (client: RawClient, ch: string, data: Record<string, unknown>) => {
  const answer = await client.op(ch, 'send', data);
  assertAck(answer);
  return answer;
};

describe('chat', () => {
  const { relay, clients, room: newRoom } = withRelay();

  /** A fresh room per test, and users that exist only in it. */
  async function room() {
    const { roomId: name, ch, join, member } = newRoom('chat');
    const watcher = await member('watcher');
    return { name, ch, join, watcher };
  }

  /** A room where a host banned `troll`, who sent one message before. */
  async function banned() {
    const r = await room();
    const host = await r.join('host', 'host');
    const troll = await r.join('troll');
    await troll.sub(r.ch);
    const earlier = await send(troll, r.ch, { text: 'before the ban' });
    const ack = await host.op(r.ch, 'ban', { userId: troll.welcome.user.id });
    assertAck(ack);
    return { ...r, host, troll, earlier };
  }

  describe('send', () => {
    test('is acked with seq and id, and every subscriber gets ev message {id, text, user}', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const ack = await ann.op(ch, 'send', { text: 'hello room' });
      assertAck(ack);
      assert.equal(ack.seq, 1);
      assert.equal(typeof ack.data.id, 'string');
      const ev = await watcher.next((f) => f.t === 'ev' && f.ch === ch);
      assert.equal(ev.type, 'message');
      assert.equal(ev.seq, ack.seq);
      assert.equal(typeof ev.ts, 'number');
      assert.deepEqual(ev.data, { id: ack.data.id, text: 'hello room', user: ann.welcome.user });
    });

    test('trims the text and stores the trimmed text', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      await send(ann, ch, { text: '  \n spaced out \t ' });
      const ev = await watcher.next((f) => f.t === 'ev');
      assert.equal(ev.data.text, 'spaced out');
      const late = await join('late');
      assert.equal((await late.sub(ch)).snapshot.messages[0].text, 'spaced out');
    });

    test('stores HTML verbatim, as plain text', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const html = '<b>bold</b> <script>alert("x")</script> &amp; <img src=x onerror=alert(1)>';
      await send(ann, ch, { text: html });
      assert.equal((await watcher.next((f) => f.t === 'ev')).data.text, html);
      const late = await join('late');
      assert.equal((await late.sub(ch)).snapshot.messages[0].text, html);
    });

    const refused: [string, unknown][] = [
      ['empty text', ''],
      ['text of only spaces', '   \n\t '],
      ['501 characters', 'a'.repeat(501)],
      ['501 emoji (code points, not UTF-16 units)', '🔥'.repeat(501)],
      ['a number', 42],
      ['missing text', undefined],
    ];
    for (const [what, text] of refused) {
      test(`${what} gets invalid with details and makes no event`, async () => {
        const { ch, join, watcher } = await room();
        const ann = await join('ann');
        const answer = await ann.op(ch, 'send', text === undefined ? {} : { text });
        assertErr(answer, 'invalid');
        assert.equal(answer.details.field, 'text');
        await send(ann, ch, { text: 'sync' });
        await watcher.next((f) => f.t === 'ev' && f.data.text === 'sync');
        assert.deepEqual(
          watcher.events(ch).map((ev) => ev.data.text),
          ['sync'],
        );
      });
    }

    for (const [what, text] of [
      ['500 characters', 'a'.repeat(500)],
      ['500 emoji (1 000 UTF-16 units)', '🔥'.repeat(500)],
      ['500 characters once trimmed', `  ${'b'.repeat(500)}  `],
      ['1 character', 'x'],
    ]) {
      test(`${what} is accepted`, async () => {
        const { ch, join, watcher } = await room();
        const ann = await join('ann');
        await send(ann, ch, { text });
        assert.equal((await watcher.next((f) => f.t === 'ev')).data.text, text.trim());
      });
    }

    test('replyTo a message in history is kept', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const first = await send(ann, ch, { text: 'question' });
      await send(ann, ch, { text: 'answer', replyTo: first.data.id });
      const [, reply] = await watcher.collect((f) => f.t === 'ev', 2);
      assert.equal(reply.data.replyTo, first.data.id);
    });

    test('replyTo an unknown message gets not_found', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      const answer = await ann.op(ch, 'send', { text: 'reply', replyTo: 'no-such-message' });
      assertErr(answer, 'not_found');
    });

    test('an unknown op type gets invalid', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      const answer = await ann.op(ch, 'shout', { text: 'hi' });
      assertErr(answer, 'invalid');
      assert.ok(answer.details);
    });
  });

  describe('delete', () => {
    test('by the author: ev deleted {id}, and the message leaves the snapshot', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const sent = await send(ann, ch, { text: 'oops' });
      const ack = await ann.op(ch, 'delete', { id: sent.data.id });
      assertAck(ack);
      const ev = await watcher.next((f) => f.t === 'ev' && f.type === 'deleted');
      assert.deepEqual(ev.data, { id: sent.data.id });
      assert.equal(ev.seq, 2);
      const late = await join('late');
      assert.deepEqual((await late.sub(ch)).snapshot.messages, []);
    });

    test('by another audience member gets forbidden', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const bob = await join('bob');
      const sent = await send(ann, ch, { text: 'mine' });
      const answer = await bob.op(ch, 'delete', { id: sent.data.id });
      assertErr(answer, 'forbidden');
      await send(ann, ch, { text: 'sync' });
      await watcher.next((f) => f.t === 'ev' && f.data.text === 'sync');
      assert.equal(watcher.events(ch, 'deleted').length, 0);
    });

    for (const role of ['host', 'moderator'] as const) {
      test(`by a ${role} is allowed`, async () => {
        const { ch, join, watcher } = await room();
        const ann = await join('ann');
        const mod = await join(role, role);
        const sent = await send(ann, ch, { text: 'spam' });
        assertAck(await mod.op(ch, 'delete', { id: sent.data.id }));
        const ev = await watcher.next((f) => f.t === 'ev' && f.type === 'deleted');
        assert.equal(ev.data.id, sent.data.id);
      });
    }

    test('of an unknown message gets not_found', async () => {
      const { ch, join } = await room();
      const host = await join('host', 'host');
      assertErr(await host.op(ch, 'delete', { id: 'nope' }), 'not_found');
    });
  });

  describe('host ops', () => {
    const hostOps: [string, (target: { id: string; user: string }) => Record<string, unknown>][] = [
      ['pin', (t) => ({ id: t.id })],
      ['unpin', () => ({})],
      ['ban', (t) => ({ userId: t.user })],
      ['unban', (t) => ({ userId: t.user })],
      ['settings', () => ({ slowModeSeconds: 5 })],
    ];
    for (const [type, data] of hostOps) {
      test(`${type} by an audience member gets forbidden and makes no event`, async () => {
        const { ch, join, watcher } = await room();
        const ann = await join('ann');
        const bob = await join('bob');
        const sent = await send(ann, ch, { text: 'target' });
        const answer = await bob.op(
          ch,
          type,
          data({ id: sent.data.id, user: ann.welcome.user.id }),
        );
        assertErr(answer, 'forbidden');
        await send(ann, ch, { text: 'sync' });
        await watcher.next((f) => f.t === 'ev' && f.data.text === 'sync');
        assert.deepEqual(
          watcher.events(ch).map((ev) => ev.type),
          ['message', 'message'],
        );
      });
    }
  });

  describe('pin', () => {
    describe('by a host, then unpin', () => {
      const played = scenario(async () => {
        const { ch, join, watcher } = await room();
        const ann = await join('ann');
        const host = await join('host', 'host');
        const sent = await send(ann, ch, { text: 'pin me' });
        const pinAck = await host.op(ch, 'pin', { id: sent.data.id });
        const pinned = await watcher.next((f) => f.t === 'ev' && f.type === 'pinned');
        const unpinAck = await host.op(ch, 'unpin', {});
        const unpinned = await watcher.next((f) => f.t === 'ev' && f.type === 'pinned');
        return {
          id: sent.data.id as string,
          pin: { pinAck, pinned },
          unpin: { unpinAck, unpinned },
        };
      });

      test('pin: ev pinned {id, message}', () => {
        const { id, pin } = played();
        assertAck(pin.pinAck);
        assert.equal(pin.pinned.data.id, id);
        assert.equal(pin.pinned.data.message.id, id);
        assert.equal(pin.pinned.data.message.text, 'pin me');
      });

      test('unpin: ev pinned {id: null}', () => {
        const { unpin } = played();
        assertAck(unpin.unpinAck);
        assert.deepEqual(unpin.unpinned.data, { id: null });
      });
    });

    test('one message is pinned at most: pinning another replaces it', async () => {
      const { ch, join } = await room();
      const mod = await join('mod', 'moderator');
      const one = await send(mod, ch, { text: 'one' });
      const two = await send(mod, ch, { text: 'two' });
      await mod.op(ch, 'pin', { id: one.data.id });
      await mod.op(ch, 'pin', { id: two.data.id });
      const late = await join('late');
      const { snapshot } = await late.sub(ch);
      assert.equal(snapshot.pinned.id, two.data.id);
      assert.equal(snapshot.pinned.message.text, 'two');
    });

    test('of an unknown message gets not_found', async () => {
      const { ch, join } = await room();
      const host = await join('host', 'host');
      assertErr(await host.op(ch, 'pin', { id: 'nope' }), 'not_found');
    });
  });

  describe('ban', () => {
    test('emits ev banned {userId, banned: true, until: null}', async () => {
      const { watcher, troll } = await banned();
      const ev = await watcher.next((f) => f.t === 'ev' && f.type === 'banned');
      assert.deepEqual(ev.data, { userId: troll.welcome.user.id, banned: true, until: null });
    });

    test('every op of the banned user in the room gets forbidden', async () => {
      const { ch, troll, earlier } = await banned();
      assertErr(await troll.op(ch, 'send', { text: 'let me talk' }), 'forbidden');
      assertErr(await troll.op(ch, 'delete', { id: earlier.data.id }), 'forbidden');
      const again = await clients.join({ token: relay.token({ sub: troll.welcome.user.id }) });
      assertErr(await again.op(ch, 'send', { text: 'new tab' }), 'forbidden');
    });

    test('the ban covers every channel of the room, not only chat', async () => {
      const { name, troll } = await banned();
      const react = await troll.op(`${name}/reactions`, 'react', { emoji: '👍' });
      assertErr(react, 'forbidden');
      const vote = await troll.op(`${name}/poll`, 'vote', { pollId: 'any', choice: 0 });
      assertErr(vote, 'forbidden');
    });

    test('a banned user may still act in other rooms', async () => {
      const { name, troll } = await banned();
      assertAck(await troll.op(`${name}-elsewhere/chat`, 'send', { text: 'hi' }));
    });

    test('a banned user still receives events', async () => {
      const { ch, host, troll } = await banned();
      await send(host, ch, { text: 'for everyone' });
      const ev = await troll.next((f) => f.t === 'ev' && f.data.text === 'for everyone');
      assert.equal(ev.type, 'message');
      const tab = await clients.join({ token: relay.token({ sub: troll.welcome.user.id }) });
      const ok = await tab.sub(ch);
      assert.equal(ok.t, 'ok', 'a banned user may still subscribe');
    });

    test('unban: ev banned {banned: false}, and the user may send again', async () => {
      const { ch, host, troll, watcher } = await banned();
      assertAck(await host.op(ch, 'unban', { userId: troll.welcome.user.id }));
      const evs = await watcher.collect((f) => f.t === 'ev' && f.type === 'banned', 2);
      assert.deepEqual(evs[1].data, { userId: troll.welcome.user.id, banned: false, until: null });
      assertAck(await troll.op(ch, 'send', { text: 'I am back' }));
    });

    test('with minutes carries until = now + minutes', async () => {
      const { ch, join, watcher } = await room();
      const host = await join('host', 'host');
      const troll = await join('troll');
      const sent = Date.now();
      await host.op(ch, 'ban', { userId: troll.welcome.user.id, minutes: 10 });
      const ev = await watcher.next((f) => f.t === 'ev' && f.type === 'banned');
      assert.equal(ev.data.banned, true);
      assert.ok(
        Math.abs(ev.data.until - (sent + 10 * 60_000)) < 5_000,
        `until ${ev.data.until} is about 10 minutes from now`,
      );
      assertErr(await troll.op(ch, 'send', { text: 'still banned' }), 'forbidden');
    });
  });

  describe('slow mode', () => {
    test('settings {slowModeSeconds} emits ev settings', async () => {
      const { ch, join, watcher } = await room();
      const host = await join('host', 'host');
      assertAck(await host.op(ch, 'settings', { slowModeSeconds: 30 }));
      const ev = await watcher.next((f) => f.t === 'ev' && f.type === 'settings');
      assert.deepEqual(ev.data, { slowModeSeconds: 30 });
    });

    test('an audience send sooner than slowModeSeconds gets rate_limited with retryAfterMs', async () => {
      const { ch, join } = await room();
      const host = await join('host', 'host');
      const ann = await join('ann');
      await host.op(ch, 'settings', { slowModeSeconds: 1 });
      await send(ann, ch, { text: 'first' });
      const refused = await ann.op(ch, 'send', { text: 'second' });
      assertErr(refused, 'rate_limited');
      assert.ok(
        refused.retryAfterMs > 0 && refused.retryAfterMs <= 1_000,
        `${refused.retryAfterMs}`,
      );
      await sleep(refused.retryAfterMs + 50);
      assertAck(await ann.op(ch, 'send', { text: 'second, later' }));
    });

    for (const role of ['host', 'moderator'] as const) {
      test(`a ${role} is exempt`, async () => {
        const { ch, join } = await room();
        const staff = await join(role, role);
        await staff.op(ch, 'settings', { slowModeSeconds: 60 });
        await send(staff, ch, { text: 'one' });
        await send(staff, ch, { text: 'two' });
      });
    }
  });

  describe('blocked terms', () => {
    const played = scenario(async () => {
      const { ch, join, watcher } = await room();
      const host = await join('host', 'host');
      await host.sub(ch);
      const set = await host.op(ch, 'settings', { blockedTerms: ['Spoiler', ' crypto '] });
      const me = await host.next((f) => f.t === 'me' && f.ch === ch && 'blockedTerms' in f.data);

      const ann = await join('ann');
      const refused = await ann.op(ch, 'send', { text: 'Free CRYPTO here' });
      const ordinary = await ann.op(ch, 'send', { text: 'an ordinary message' });
      const fromHost = await host.op(ch, 'send', { text: 'hosts may say spoiler' });

      const audienceSnapshot = (await (await join('late')).sub(ch)).snapshot;
      const hostSnapshot = (await (await join('host2', 'host')).sub(ch)).snapshot;
      const watcherGotList = watcher.frames.some(
        (f) => f.t === 'me' || JSON.stringify(f).includes('crypto"]'),
      );
      return {
        set,
        me,
        watcherGotList,
        sends: { refused, ordinary, fromHost },
        snapshots: { audience: audienceSnapshot, host: hostSnapshot },
      };
    });

    test('hosts set the list and get it in me, trimmed, as typed', () => {
      const { set, me } = played();
      assertAck(set);
      assert.deepEqual(me.data.blockedTerms, ['Spoiler', 'crypto'], 'trimmed, as typed');
    });

    test('an audience message containing a blocked term, in any case, gets invalid with reason blocked', () => {
      const { refused } = played().sends;
      assertErr(refused, 'invalid');
      assert.equal(refused.details.reason, 'blocked');
    });

    test('an audience message without a blocked term is accepted, and hosts may say one', () => {
      const { ordinary, fromHost } = played().sends;
      assertAck(ordinary);
      assertAck(fromHost);
    });

    test('a host’s snapshot holds the list', () => {
      assert.deepEqual(played().snapshots.host.blockedTerms, ['Spoiler', 'crypto']);
    });

    test('the audience never gets the list, in its snapshot nor in any frame', () => {
      const { snapshots, watcherGotList } = played();
      assert.equal('blockedTerms' in snapshots.audience, false);
      assert.equal(watcherGotList, false, 'the audience never gets the list');
    });

    test('audience settings {blockedTerms} gets forbidden', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      assertErr(await ann.op(ch, 'settings', { blockedTerms: ['x'] }), 'forbidden');
    });

    test('a malformed list, or settings without a field, gets invalid', async () => {
      const { ch, join } = await room();
      const host = await join('host', 'host');
      for (const blockedTerms of ['spoiler', [''], [42], Array(201).fill('x')]) {
        const answer = await host.op(ch, 'settings', { blockedTerms });
        assertErr(answer, 'invalid', JSON.stringify(blockedTerms).slice(0, 40));
      }
      assertErr(await host.op(ch, 'settings', {}), 'invalid');
    });
  });

  describe('snapshot', () => {
    test('holds the last 100 messages oldest first, each with its seq, and pinned and settings', async () => {
      const { ch, join } = await room();
      // Hosts may send 100 per 30 s each; two of them send 110 messages.
      const hosts = [await join('host-a', 'host'), await join('host-b', 'host')];
      const acks: Frame[] = [];
      for (let i = 1; i <= 110; i++) {
        acks.push(await send(hosts[i <= 60 ? 0 : 1], ch, { text: `message ${i}` }));
      }
      await hosts[0].op(ch, 'pin', { id: acks[104].data.id });
      await hosts[0].op(ch, 'settings', { slowModeSeconds: 3 });
      const late = await join('late');
      const ok = await late.sub(ch);
      assert.equal(ok.seq, 112);
      const { messages, pinned, settings } = ok.snapshot;
      assert.equal(messages.length, 100);
      assert.deepEqual(
        messages.map((m: Frame) => m.seq),
        Array.from({ length: 100 }, (_, i) => i + 11),
      );
      assert.deepEqual(
        messages.map((m: Frame) => [m.id, m.text]),
        acks.slice(10).map((ack, i) => [ack.data.id, `message ${i + 11}`]),
      );
      assert.deepEqual(messages[0].user, hosts[0].welcome.user);
      assert.equal(pinned.id, acks[104].data.id);
      assert.equal(pinned.message.text, 'message 105');
      assert.deepEqual(settings, { slowModeSeconds: 3 });
    });

    test('of a new room is empty, unpinned, without slow mode', async () => {
      const { name, join } = await room();
      const late = await join('late');
      const ok = await late.sub(`${name}-empty/chat`);
      assert.deepEqual(ok.snapshot, {
        messages: [],
        pinned: { id: null },
        settings: { slowModeSeconds: 0 },
      });
    });
  });

  describe('typing', () => {
    test('reaches the other subscribers, not the sender', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      await ann.sub(ch);
      ann.send({ t: 'signal', ch, type: 'typing', data: { typing: true } });
      const signal = await watcher.next((f) => f.t === 'signal');
      assert.equal(signal.type, 'typing');
      assert.deepEqual(signal.from, ann.welcome.user);
      await send(ann, ch, { text: 'sync' });
      await ann.next((f) => f.t === 'ev' && f.data.text === 'sync');
      assert.equal(ann.frames.filter((f) => f.t === 'signal').length, 0);
    });

    test('a signal type chat does not know gets invalid', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      ann.send({ t: 'signal', ch, type: 'shouting', data: {} });
      assertErr(await ann.next((f) => f.t === 'err'), 'invalid');
    });

    test('a refused signal that carries an id is answered with it', async () => {
      const { ch, name, join } = await room();
      const ann = await join('ann', 'audience', { rooms: [name] });
      const refusals: [object, string][] = [
        [{ ch, type: 'shouting', data: {} }, 'invalid'],
        [{ ch: 'not a channel', type: 'typing', data: {} }, 'invalid'],
        [{ ch: `${name}-elsewhere/chat`, type: 'typing', data: {} }, 'forbidden'],
        [{ ch, type: 'typing', data: 'x'.repeat(300) }, 'too_large'],
      ];
      for (const [i, [frame, code]] of refusals.entries()) {
        ann.send({ t: 'signal', id: `s${i}`, ...frame });
        assertErr(await ann.next((f) => f.t === 'err'), code as 'invalid', `refusal ${i}`);
      }
      const errs = ann.frames.filter((f) => f.t === 'err');
      assert.deepEqual(
        errs.map((err) => err.id),
        refusals.map((_, i) => `s${i}`),
      );
    });
  });
});

describe('chat bans over time', () => {
  const clockOffset = pathToFileURL(
    joinPath(import.meta.dirname, '..', 'helpers', 'clock-offset.mjs'),
  );
  let dataDir: string;
  let relay: RelayProcess | undefined;
  let clients: ClientPool;

  before(() => {
    dataDir = mkdtempSync(joinPath(tmpdir(), 'hubbub-ban-'));
  });
  afterEach(async () => {
    clients?.closeAll();
    await relay?.dispose();
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(clockOffsetMs = 0) {
    await relay?.dispose();
    relay = await startRelay({
      dataDir,
      env: clockOffsetMs
        ? {
            NODE_OPTIONS: `--import=${clockOffset.href}`,
            HUBBUB_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs),
          }
        : {},
    });
    const r = relay;
    clients = new ClientPool(() => r.url);
    const join = (sub: string, role: Role = 'audience') =>
      clients.join({ token: r.token({ sub, role }) });
    return { host: await join('host', 'host'), troll: await join('troll') };
  }

  test('a ban survives a restart and ends after its minutes', async () => {
    const ch = 'timed-ban/chat';
    {
      const { host, troll } = await start();
      assertAck(await host.op(ch, 'ban', { userId: 'troll', minutes: 1 }));
      assertErr(await troll.op(ch, 'send', { text: 'now?' }), 'forbidden');
    }
    {
      const { troll } = await start();
      assertErr(await troll.op(ch, 'send', { text: 'after a restart?' }), 'forbidden');
    }
    {
      // The same data, on a relay whose clock is two minutes later.
      const { troll } = await start(120_000);
      assertAck(await troll.op(ch, 'send', { text: 'two minutes later' }));
    }
  });
});
