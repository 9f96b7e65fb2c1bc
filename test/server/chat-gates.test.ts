/**
 * Chat gates and the shield (issue 14, items 4 and 5): who may send and what, enforced by the
 * relay, each refusal `err forbidden` with `details.gate`; one host action that raises a preset
 * and one that lifts it. Against real relay processes (SQLite, and Redis for the cluster).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { assertAck, assertErr, isEv } from '../helpers/frames.js';
import { freshRelays, withRelay } from '../helpers/fresh-relay.js';
import { withCluster } from '../helpers/cluster.js';

const anon = () => ({ anon: { key: randomBytes(16).toString('hex'), name: 'guest' } });

/** The `details.gate` of a refused send. */
function gateOf(frame: Frame): string {
  assertErr(frame, 'forbidden');
  return (frame.details as { gate: string }).gate;
}

const send = (client: RawClient, ch: string, text: string) => client.op(ch, 'send', { text });

/** Seconds since the epoch, `minutes` ago: the `created` claim of an account that old. */
const createdAgo = (minutes: number) => Math.floor(Date.now() / 1000) - minutes * 60;

describe('chat gates', () => {
  const { clients, room: newRoom } = withRelay();

  async function room() {
    const r = newRoom('gate', 'chat');
    const host = await r.join('host', 'host');
    await host.sub(r.ch);
    const set = async (data: Record<string, unknown>) =>
      assertAck(await host.op(r.ch, 'settings', data));
    return { ...r, host, set };
  }

  describe('settings', () => {
    test('each gate is a setting everyone sees in ev settings; off removes it', async () => {
      const { ch, host, set, member } = await room();
      const watcher = await member('watcher');
      await set({
        minAccountAgeMinutes: 60,
        firstChatDelaySeconds: 240,
        emoteOnly: true,
        links: 'staff',
      });
      const ev = await watcher.next(isEv(ch, 'settings'));
      assert.deepEqual(ev.data, {
        slowModeSeconds: 0,
        minAccountAgeMinutes: 60,
        firstChatDelaySeconds: 240,
        emoteOnly: true,
        links: 'staff',
      });
      await set({
        minAccountAgeMinutes: 0,
        firstChatDelaySeconds: 0,
        emoteOnly: false,
        links: 'all',
      });
      assert.deepEqual((await watcher.next(isEv(ch, 'settings'))).data, { slowModeSeconds: 0 });
      assert.deepEqual((await host.sub(ch)).snapshot.settings, { slowModeSeconds: 0 });
    });

    test('out-of-range or mistyped gates are invalid (links held and hold rules are checked too)', async () => {
      const { ch, host } = await room();
      for (const data of [
        { minAccountAgeMinutes: -1 },
        { minAccountAgeMinutes: 525_601 },
        { firstChatDelaySeconds: 3_601 },
        { firstChatDelaySeconds: 1.5 },
        { emoteOnly: 'yes' },
        { links: 'some' },
        { hold: 'all' },
        { hold: ['sometimes'] },
      ]) {
        assertErr(await host.op(ch, 'settings', data), 'invalid', JSON.stringify(data));
      }
      // Since the review queue (chat-review.test.ts), links may be held.
      assertAck(await host.op(ch, 'settings', { links: 'held' }));
    });

    test('only hosts and moderators change gates', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      assertErr(await ann.op(ch, 'settings', { emoteOnly: true }), 'forbidden');
      assertErr(await ann.op(ch, 'shield', { on: true }), 'forbidden');
      assertErr(await ann.op(ch, 'shieldPreset', { emoteOnly: true }), 'forbidden');
    });
  });

  describe('minimum account age (token claim created)', () => {
    test('a younger account is refused with the time left; an old enough one and staff pass', async () => {
      const { ch, join, set } = await room();
      await set({ minAccountAgeMinutes: 60 });
      const young = await join('young', 'audience', { created: createdAgo(10) });
      const refused = await send(young, ch, 'hello');
      assert.equal(gateOf(refused), 'accountAge');
      const left = refused.retryAfterMs as number;
      assert.ok(left > 49 * 60_000 && left <= 50 * 60_000, `${left}`);
      const old = await join('old', 'audience', { created: createdAgo(61) });
      assertAck(await send(old, ch, 'hello'));
      const mod = await join('mod', 'moderator', { created: createdAgo(1) });
      assertAck(await send(mod, ch, 'hello'));
    });

    test('a token without the claim and an anonymous user have no age and are refused', async () => {
      const { ch, join, set } = await room();
      await set({ minAccountAgeMinutes: 1 });
      assert.equal(gateOf(await send(await join('ageless'), ch, 'hi')), 'accountAge');
      const guest = await clients.join(anon());
      assert.equal(gateOf(await send(guest, ch, 'hi')), 'accountAge');
    });

    test('signed-in only: an anonymous send is refused with the gate named, like the others', async () => {
      const { ch, set } = await room();
      const guest = await clients.join(anon());
      await set({ signedInOnly: true });
      assert.equal(gateOf(await send(guest, ch, 'hi')), 'signedIn');
    });

    test('the claim never reaches other users: not in the message, not in welcome', async () => {
      const { ch, join, member } = await room();
      const watcher = await member('watcher');
      const dated = await join('dated', 'audience', { created: createdAgo(5) });
      assert.equal('accountCreatedAt' in dated.welcome.user, false);
      assertAck(await send(dated, ch, 'hi'));
      const ev = await watcher.next(isEv(ch, 'message'));
      assert.deepEqual(ev.data.user, dated.welcome.user);
    });
  });

  describe('first-time chatter delay', () => {
    test('a user first seen in the room waits, across a reconnect; one seen long enough ago does not', async () => {
      const { ch, join, set } = await room();
      const regular = await join('regular');
      await regular.sub(ch);
      await sleep(1_100);
      await set({ firstChatDelaySeconds: 1 });
      assertAck(await send(regular, ch, 'I was here before'));

      const newcomer = await join('newcomer');
      await newcomer.sub(ch);
      const refused = await send(newcomer, ch, 'first!');
      assert.equal(gateOf(refused), 'firstChat');
      assert.ok(
        refused.retryAfterMs > 0 && refused.retryAfterMs <= 1_000,
        `${refused.retryAfterMs}`,
      );
      // A new socket for the same user is no fresh start, and does not push the time back.
      newcomer.close();
      const again = await join('newcomer');
      await again.sub(ch);
      const still = await send(again, ch, 'first?');
      assert.equal(gateOf(still), 'firstChat');
      assert.ok(still.retryAfterMs <= refused.retryAfterMs, `${still.retryAfterMs}`);
      await sleep(still.retryAfterMs + 50);
      assertAck(await send(again, ch, 'now'));
    });

    test('a user never subscribed to the chat has not been seen, and waits', async () => {
      const { ch, join, set } = await room();
      await set({ firstChatDelaySeconds: 60 });
      const refused = await send(await join('drive-by'), ch, 'spam');
      assert.equal(gateOf(refused), 'firstChat');
      assert.equal(refused.retryAfterMs, 60_000);
    });

    test('every fresh anonymous identity is a first-time chatter (a new key is a new user)', async () => {
      const { ch, set } = await room();
      await set({ firstChatDelaySeconds: 30 });
      for (let i = 0; i < 3; i++) {
        const guest = await clients.join(anon());
        await guest.sub(ch);
        assert.equal(gateOf(await send(guest, ch, `raid ${i}`)), 'firstChat');
      }
    });
  });

  describe('emote-only mode', () => {
    test('the audience may send only emoji; staff anything', async () => {
      const { ch, join, set, host } = await room();
      await set({ emoteOnly: true });
      const ann = await join('ann');
      for (const text of ['🔥', '🔥 🔥', '👍🏽❤️', '🇫🇷', '👨‍👩‍👧', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) {
        assertAck(await send(ann, ch, text), text);
      }
      for (const text of ['hi 🔥', 'hello', '123', ':)', '🔥x']) {
        assert.equal(gateOf(await send(ann, ch, text)), 'emoteOnly', text);
      }
      assertAck(await send(host, ch, 'words are fine for hosts'));
    });
  });

  describe('links for staff only', () => {
    test('a link from the audience is refused, text that only looks dotted is not; staff may link', async () => {
      const { ch, join, set, host } = await room();
      await set({ links: 'staff' });
      const ann = await join('ann');
      for (const text of [
        'see https://evil.example/x',
        'go to www.spam',
        'free at spam.com',
        'bit.ly/abc',
        'SPAM.COM!',
        'spam｡com',
        'ftp://files',
      ]) {
        assert.equal(gateOf(await send(ann, ch, text)), 'links', text);
      }
      for (const text of ['e.g. this', 'pi is 3.14', 'end of sentence.Next one', 'ok...sure']) {
        assertAck(await send(ann, ch, text), text);
      }
      assertAck(await send(host, ch, 'schedule at https://example.com/schedule'));
    });
  });
});

describe('shield', () => {
  const { clients, room: newRoom } = withRelay();

  async function room() {
    const r = newRoom('shield', 'chat');
    const host = await r.join('host', 'host');
    await host.sub(r.ch);
    return { ...r, host };
  }

  test('raising it applies the default preset at once; lifting it restores the settings before', async () => {
    const { ch, host, member, join } = await room();
    const watcher = await member('watcher');
    assertAck(await host.op(ch, 'settings', { slowModeSeconds: 3, emoteOnly: true }));
    await watcher.next(isEv(ch, 'settings'));
    const guest = await clients.join(anon());
    await guest.sub(ch);

    assertAck(await host.op(ch, 'shield', { on: true }));
    const raised = await watcher.next(isEv(ch, 'settings'));
    assert.deepEqual(raised.data, {
      slowModeSeconds: 10,
      emoteOnly: true,
      signedInOnly: true,
      firstChatDelaySeconds: 300,
      links: 'staff',
      shield: true,
    });
    // Anonymous users are dropped from the room and refused; a newcomer with a token waits.
    const dropped = await guest.next((f) => f.t === 'err' && f.ch === ch);
    assert.equal(dropped.code, 'forbidden');
    assertErr(await send(guest, ch, '🔥'), 'forbidden');
    const newcomer = await join('newcomer');
    await newcomer.sub(ch);
    assert.equal(gateOf(await send(newcomer, ch, '🔥')), 'firstChat');
    // Raising it again changes nothing.
    assertAck(await host.op(ch, 'shield', { on: true }));

    assertAck(await host.op(ch, 'shield', { on: false }));
    const lifted = await watcher.next(isEv(ch, 'settings'));
    assert.deepEqual(lifted.data, { slowModeSeconds: 3, emoteOnly: true });
    assertAck(await send(newcomer, ch, '🔥'));
    assert.equal((await clients.join(anon()).then((g) => g.sub(ch))).t, 'ok');
  });

  test('the preset is editable, shown to staff only, and kept across a restart with the settings it replaced', async () => {
    const { ch, host, member } = await room();
    const watcher = await member('watcher');
    assert.deepEqual((await host.sub(ch)).snapshot.shieldPreset, {
      signedInOnly: true,
      firstChatDelaySeconds: 300,
      slowModeSeconds: 10,
      links: 'staff',
    });
    assert.equal('shieldPreset' in (await watcher.sub(ch)).snapshot, false);
    assertAck(await host.op(ch, 'shieldPreset', { emoteOnly: true, slowModeSeconds: 30 }));
    const me = await host.next((f) => f.t === 'me' && f.ch === ch && 'shieldPreset' in f.data);
    assert.deepEqual(me.data, { shieldPreset: { emoteOnly: true, slowModeSeconds: 30 } });
    assertErr(await host.op(ch, 'shieldPreset', { links: 'never' }), 'invalid');
    assertAck(await host.op(ch, 'shield', { on: true }));
    assert.deepEqual((await watcher.next(isEv(ch, 'settings'))).data, {
      slowModeSeconds: 30,
      emoteOnly: true,
      shield: true,
    });
  });
});

describe('shield and gates across a restart', () => {
  const start = freshRelays();

  test('a raised shield, its preset, the settings it replaced and first sightings survive a restart', async () => {
    const { relay, clients: pool, join } = await start();
    const ch = 'restart/chat';
    const host = await join('host', 'host');
    assertAck(await host.op(ch, 'settings', { slowModeSeconds: 4 }));
    assertAck(await host.op(ch, 'shieldPreset', { firstChatDelaySeconds: 60, links: 'staff' }));
    const seen = await join('seen');
    await seen.sub(ch);
    assertAck(await host.op(ch, 'shield', { on: true }));
    const before = await send(seen, ch, 'hi');
    assert.equal(gateOf(before), 'firstChat');

    pool.closeAll();
    await relay.restart();
    const host2 = await join('host', 'host');
    const ok = await host2.sub(ch);
    assert.deepEqual(ok.snapshot.settings, {
      slowModeSeconds: 4,
      firstChatDelaySeconds: 60,
      links: 'staff',
      shield: true,
    });
    assert.deepEqual(ok.snapshot.shieldPreset, { firstChatDelaySeconds: 60, links: 'staff' });
    const seen2 = await join('seen');
    await seen2.sub(ch);
    const after = await send(seen2, ch, 'hi again');
    assert.equal(gateOf(after), 'firstChat');
    assert.ok(
      after.retryAfterMs < before.retryAfterMs,
      `${after.retryAfterMs} < ${before.retryAfterMs}`,
    );
    assert.equal(gateOf(await send(seen2, ch, 'www.spam')), 'firstChat');
    assertAck(await host2.op(ch, 'shield', { on: false }));
    assert.deepEqual((await host2.sub(ch)).snapshot.settings, { slowModeSeconds: 4 });
  });
});

describe('gates across relays (Redis)', () => {
  const { ctx, join } = withCluster(2);

  test('a shield raised on one relay refuses on the other; the account-age claim travels to the deciding relay', async () => {
    const room = `gates-${Date.now().toString(36)}`;
    const ch = `${room}/chat`;
    const host = await join(0, 'host', 'host');
    await host.sub(ch);
    assertAck(await host.op(ch, 'settings', { minAccountAgeMinutes: 60 }));
    const relay = ctx.relays[1];
    const dated = (minutes: number, sub: string) =>
      ctx.pool.join(
        { token: relay.token({ sub, name: sub, role: 'audience', created: createdAgo(minutes) }) },
        { url: relay.url },
      );
    const young = await dated(5, 'young');
    assert.equal(gateOf(await send(young, ch, 'hi')), 'accountAge');
    const old = await dated(120, 'old');
    await old.sub(ch);
    assertAck(await send(old, ch, 'hi'));

    assertAck(await host.op(ch, 'shield', { on: true }));
    await old.next(isEv(ch, 'settings'));
    const guest = await ctx.pool.join(anon(), { url: relay.url });
    assertErr(await guest.sub(ch), 'forbidden');
    const newcomer = await dated(120, 'newcomer');
    await newcomer.sub(ch);
    assert.equal(gateOf(await send(newcomer, ch, 'hi')), 'firstChat');
    assertAck(await host.op(ch, 'shield', { on: false }));
    assert.deepEqual((await old.next(isEv(ch, 'settings'))).data, {
      slowModeSeconds: 0,
      minAccountAgeMinutes: 60,
    });
  });
});
