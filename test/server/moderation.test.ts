/**
 * Chat moderation (issue 14, items 1, 2, 7, 8): timeouts with a length and a reason, hidden
 * users, the audience's chat delay and the moderation log, against real relay processes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { assertAck, assertErr } from '../helpers/frames.js';
import { freshRelays, withRelay } from '../helpers/fresh-relay.js';
import { withCluster } from '../helpers/cluster.js';

const isEv = (ch: string) => (f: Frame) => f.t === 'ev' && f.ch === ch;

/** Sends until the relay acks (a timeout ending); fails after `tries`. */
async function sendWhenFree(client: RawClient, ch: string, text: string, tries = 40) {
  for (let i = 0; i < tries; i++) {
    const answer = await client.op(ch, 'send', { text });
    if (answer.t === 'ack') return answer;
    assertErr(answer, 'forbidden');
    await sleep(100);
  }
  throw new Error('still refused');
}

/** Every way to restrict `userId`: a ban without and with an end, a timeout, a hide. */
const ACTIONS = (userId: string) =>
  [
    ['ban', { userId }],
    ['ban', { userId, minutes: 5 }],
    ['timeout', { userId, seconds: 60, reason: 'spam' }],
    ['hide', { userId }],
  ] as const;

/** Asserts every restriction of `userId` by `actor` is `forbidden` for `reason`. */
async function assertRefused(actor: RawClient, ch: string, userId: string, reason: string) {
  for (const [type, data] of ACTIONS(userId)) {
    const answer = await actor.op(ch, type, data);
    assertErr(answer, 'forbidden');
    assert.equal(answer.details.field, 'userId', type);
    assert.equal(answer.details.reason, reason, `${type}: ${JSON.stringify(answer)}`);
  }
}

describe('moderation', () => {
  const { room: newRoom } = withRelay();

  async function room() {
    const { ch, join, member } = newRoom('mod', 'chat');
    const host = await member('host', 'host');
    const watcher = await member('watcher');
    return { ch, join, member, host, watcher };
  }

  describe('timeout', () => {
    test('refuses the user for its length, tells them the reason beside the end, and is staff-only', async () => {
      const { ch, host, member } = await room();
      const troll = await member('troll');
      const userId = troll.welcome.user.id;
      assertErr(await troll.op(ch, 'timeout', { userId, seconds: 60 }), 'forbidden');
      const ack = await host.op(ch, 'timeout', { userId, seconds: 600, reason: ' spam ' });
      assertAck(ack);
      const me = await troll.next((f) => f.t === 'me' && f.ch === ch && 'banned' in f.data);
      assert.deepEqual(me.data, { banned: true, until: ack.data.until, reason: 'spam' });
      assertErr(await troll.op(ch, 'send', { text: 'still here' }), 'forbidden');
      // A new connection hears the reason again right after its snapshot.
      const again = await member('troll');
      assert.equal(
        (await again.next((f) => f.t === 'me' && 'banned' in f.data)).data.reason,
        'spam',
      );
      // Staff see it with the ban; the public event carries no reason.
      const ban = (await host.next((f) => f.t === 'ev' && f.type === 'banned')).data;
      assert.deepEqual(ban, { userId, banned: true, until: ack.data.until });
      const staff = await member('mod2', 'moderator');
      assert.equal(staff.ok.snapshot.bans[0].reason, 'spam');
    });

    test('bounds the length (1 s to 14 days) and the reason (text, at most 200)', async () => {
      const { ch, host } = await room();
      const userId = 'someone';
      for (const seconds of [0, 1_209_601, 1.5, '60', undefined]) {
        assertErr(await host.op(ch, 'timeout', { userId, seconds }), 'invalid');
      }
      assertErr(
        await host.op(ch, 'timeout', { userId, seconds: 10, reason: 'x'.repeat(201) }),
        'invalid',
      );
      assertErr(await host.op(ch, 'timeout', { userId, seconds: 10, reason: 42 }), 'invalid');
      assertAck(
        await host.op(ch, 'timeout', { userId, seconds: 1_209_600, reason: 'x'.repeat(200) }),
      );
      assertAck(await host.op(ch, 'timeout', { userId, seconds: 1, reason: '<b>not html</b>' }));
    });

    test('ends on its own: the user chats again on the same connection', async () => {
      const { ch, host, member } = await room();
      const troll = await member('troll');
      assertAck(await host.op(ch, 'timeout', { userId: troll.welcome.user.id, seconds: 1 }));
      assertErr(await troll.op(ch, 'send', { text: 'now?' }), 'forbidden');
      assertAck(await sendWhenFree(troll, ch, 'back again'));
    });
  });

  describe('who may act on whom', () => {
    test('a moderator may not ban, time out or hide a host or another moderator', async () => {
      const { ch, host, member } = await room();
      const mod = await member('mod', 'moderator');
      const otherMod = await member('other-mod', 'moderator');
      await assertRefused(mod, ch, host.welcome.user.id, 'outranked');
      await assertRefused(mod, ch, otherMod.welcome.user.id, 'outranked');
      // Nothing happened: the host and the other moderator still chat, and no one was told.
      assertAck(await host.op(ch, 'send', { text: 'still the host' }));
      assertAck(await otherMod.op(ch, 'send', { text: 'still a moderator' }));
    });

    test('a host may not act on another host; nobody on themselves', async () => {
      const { ch, host, member } = await room();
      const coHost = await member('co-host', 'host');
      const mod = await member('mod', 'moderator');
      await assertRefused(coHost, ch, host.welcome.user.id, 'outranked');
      await assertRefused(host, ch, host.welcome.user.id, 'self');
      await assertRefused(mod, ch, mod.welcome.user.id, 'self');
    });

    test('a moderator may not delete a host’s or another moderator’s message; a host may', async () => {
      const { ch, host, member } = await room();
      const mod = await member('mod', 'moderator');
      const otherMod = await member('other-mod', 'moderator');
      const ann = await member('ann');
      const byHost = await host.op(ch, 'send', { text: 'from the host' });
      const byMod = await otherMod.op(ch, 'send', { text: 'from a moderator' });
      const byAnn = await ann.op(ch, 'send', { text: 'from the audience' });
      for (const sent of [byHost, byMod]) {
        const answer = await mod.op(ch, 'delete', { id: sent.data.id });
        assertErr(answer, 'forbidden');
        assert.equal(answer.details.reason, 'outranked');
      }
      assertAck(await mod.op(ch, 'delete', { id: byAnn.data.id }));
      assertAck(await host.op(ch, 'delete', { id: byMod.data.id }));
    });

    test('a host may ban a moderator, and the ban holds', async () => {
      const { ch, host, member } = await room();
      const mod = await member('mod', 'moderator');
      const troll = await member('troll');
      assertAck(await host.op(ch, 'ban', { userId: mod.welcome.user.id }));
      assertErr(await mod.op(ch, 'send', { text: 'let me in' }), 'forbidden');
      assertErr(await mod.op(ch, 'ban', { userId: troll.welcome.user.id }), 'forbidden');
      assertAck(await host.op(ch, 'unban', { userId: mod.welcome.user.id }));
      assertAck(await mod.op(ch, 'send', { text: 'back' }));
    });

    test('a host is known while connected to the room, and remembered after they left', async () => {
      const { ch, join, member } = await room();
      const mod = await member('mod', 'moderator');
      // Signed in with a token that grants the room, subscribed to nothing yet.
      const quiet = await join('quiet-host', 'host');
      await assertRefused(mod, ch, quiet.welcome.user.id, 'outranked');
      // A host who chatted and left is still a host to the room.
      const gone = await join('gone-host', 'host');
      assertAck(await gone.op(ch, 'send', { text: 'bye' }));
      gone.close();
      await gone.waitClose();
      await assertRefused(mod, ch, gone.welcome.user.id, 'outranked');
      // A user the relay has never seen in the room: the moderator's ban goes through.
      assertAck(await mod.op(ch, 'ban', { userId: `never-seen-in-${ch}` }));
    });

    test('a host token that becomes an audience token may be banned', async () => {
      const { ch, join, member } = await room();
      const mod = await member('mod', 'moderator');
      const former = await join('former-host', 'host');
      assertAck(await former.op(ch, 'send', { text: 'hosting today' }));
      former.close();
      await former.waitClose();
      const now = await join('former-host');
      await now.sub(ch);
      assertAck(await mod.op(ch, 'ban', { userId: now.welcome.user.id }));
    });
  });

  describe('hide (shadow)', () => {
    test('the audience gets a withheld event at the seq; the author their message; staff a marker', async () => {
      const { ch, host, watcher, member } = await room();
      const shadow = await member('shadow');
      const userId = shadow.welcome.user.id;
      assertErr(await watcher.op(ch, 'hide', { userId }), 'forbidden');
      assertAck(await host.op(ch, 'hide', { userId }));
      const ack = await shadow.op(ch, 'send', { text: 'can anyone see me' });
      assertAck(ack);
      const seen = await watcher.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assert.deepEqual({ type: seen.type, data: seen.data }, { type: 'withheld', data: {} });
      const own = await shadow.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assert.deepEqual(own.data, {
        id: ack.data.id,
        text: 'can anyone see me',
        user: shadow.welcome.user,
      });
      const staff = await host.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assert.equal(staff.data.hidden, true);
      assert.equal(staff.data.text, 'can anyone see me');
      // Snapshots: none for the audience, the author's own without markers, staff's with.
      const late = await member('late');
      assert.deepEqual(late.ok.snapshot.messages, []);
      const rejoined = await member('shadow');
      assert.deepEqual(
        rejoined.ok.snapshot.messages.map((m: Frame) => Object.keys(m).sort()),
        [['id', 'seq', 'text', 'ts', 'user']],
      );
      const mod = await member('mod', 'moderator');
      assert.equal(mod.ok.snapshot.messages[0].hidden, true);
      assert.deepEqual(mod.ok.snapshot.hiddenUsers, [userId]);
    });

    test('a replay after reconnect withholds it too; a delete of it is withheld; unhide lets the next through', async () => {
      const { ch, host, watcher, member, join } = await room();
      const shadow = await member('shadow');
      const userId = shadow.welcome.user.id;
      watcher.terminate();
      assertAck(await host.op(ch, 'hide', { userId }));
      const hidden = await shadow.op(ch, 'send', { text: 'secret' });
      assertAck(await shadow.op(ch, 'delete', { id: hidden.data.id }));
      assertAck(await host.op(ch, 'unhide', { userId }));
      const shown = await shadow.op(ch, 'send', { text: 'visible again' });
      const back = await join('watcher');
      const ok = await back.sub(ch, { epoch: watcher.ok.epoch, seq: watcher.ok.seq });
      assert.equal(ok.replay, 3);
      const replayed = await back.collect(isEv(ch), 3);
      assert.deepEqual(
        replayed.map((f) => [f.seq, f.type]),
        [
          [hidden.seq, 'withheld'],
          [hidden.seq + 1, 'withheld'],
          [shown.seq, 'message'],
        ],
      );
      assert.ok(!JSON.stringify(replayed).includes('secret'));
      assert.equal(replayed[2].data.text, 'visible again');
    });
    test('a hidden user typing is heard by staff only', async () => {
      const { ch, host, watcher, member } = await room();
      const shadow = await member('shadow');
      assertAck(await host.op(ch, 'hide', { userId: shadow.welcome.user.id }));
      shadow.send({ t: 'signal', ch, type: 'typing', data: {} });
      const heard = await host.next((f) => f.t === 'signal' && f.ch === ch);
      assert.equal(heard.from.id, shadow.welcome.user.id);
      // A later signal of someone else reaches the watcher; the hidden one never did.
      const ann = await member('ann');
      ann.send({ t: 'signal', ch, type: 'typing', data: {} });
      const next = await watcher.next((f) => f.t === 'signal' && f.ch === ch);
      assert.equal(next.from.id, ann.welcome.user.id);
      assert.ok(
        !watcher.frames.some((f) => f.t === 'signal' && f.from.id === shadow.welcome.user.id),
      );
    });
  });

  describe('chat delay', () => {
    test('staff and the author see a message at once, the audience after the delay', async () => {
      const { ch, host, watcher, member } = await room();
      assertErr(await host.op(ch, 'settings', { chatDelaySeconds: 11 }), 'invalid');
      assertErr(await watcher.op(ch, 'settings', { chatDelaySeconds: 1 }), 'forbidden');
      assertAck(await host.op(ch, 'settings', { chatDelaySeconds: 1 }));
      const ann = await member('ann');
      const ack = await ann.op(ch, 'send', { text: 'delayed hello' });
      assertAck(ack);
      const staff = await host.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assert.equal(staff.data.text, 'delayed hello');
      assert.equal(typeof staff.data.delayedUntil, 'number');
      const own = await ann.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assert.equal(own.data.text, 'delayed hello');
      assert.equal((await watcher.next((f) => isEv(ch)(f) && f.seq === ack.seq)).type, 'withheld');
      const released = await watcher.next((f) => isEv(ch)(f) && f.type === 'message');
      assert.equal(released.seq, ack.seq + 1);
      assert.deepEqual(released.data, {
        id: ack.data.id,
        text: 'delayed hello',
        user: ann.welcome.user,
      });
      // Staff messages are not delayed.
      const fromHost = await host.op(ch, 'send', { text: 'host now' });
      assert.equal(
        (await watcher.next((f) => isEv(ch)(f) && f.seq === fromHost.seq)).type,
        'message',
      );
    });

    test('a message deleted during the delay never reaches the audience', async () => {
      const { ch, host, watcher, member } = await room();
      assertAck(await host.op(ch, 'settings', { chatDelaySeconds: 1 }));
      const spammer = await member('spammer');
      const ack = await spammer.op(ch, 'send', { text: 'buy cheap coins' });
      const held = await host.next((f) => isEv(ch)(f) && f.seq === ack.seq);
      assertAck(await host.op(ch, 'delete', { id: held.data.id }));
      // Something after the delay, to know the release would have come by now.
      await sleep(1_300);
      const after = await host.op(ch, 'send', { text: 'later' });
      await watcher.next((f) => isEv(ch)(f) && f.seq === after.seq);
      const seen = watcher.events(ch);
      assert.ok(!JSON.stringify(seen).includes('buy cheap coins'));
      assert.deepEqual(
        seen.map((f) => f.type),
        ['settings', 'withheld', 'withheld', 'message'],
      );
    });
  });

  describe('moderation log', () => {
    test('records who did what to whom, newest first, paged, for staff only', async () => {
      const { ch, host, watcher, member } = await room();
      const troll = await member('troll');
      const userId = troll.welcome.user.id;
      const msg = await troll.op(ch, 'send', { text: 'bad words' });
      assertAck(await host.op(ch, 'pin', { id: msg.data.id }));
      assertAck(await host.op(ch, 'delete', { id: msg.data.id }));
      assertAck(await host.op(ch, 'timeout', { userId, seconds: 600, reason: 'rude' }));
      assertAck(await host.op(ch, 'hide', { userId }));
      assertAck(await host.op(ch, 'unhide', { userId }));
      assertAck(await host.op(ch, 'ban', { userId }));
      assertAck(await host.op(ch, 'unban', { userId }));
      assertAck(await host.op(ch, 'settings', { slowModeSeconds: 5, blockedTerms: ['spam'] }));
      assertErr(await watcher.op(ch, 'log', {}), 'forbidden');
      assertErr(await host.op(ch, 'log', { limit: 101 }), 'invalid');
      const page = await host.op(ch, 'log', { limit: 5 });
      assertAck(page);
      assert.deepEqual(
        page.data.entries.map((e: Frame) => e.action),
        ['settings', 'unban', 'ban', 'unhide', 'hide'],
      );
      assert.equal(page.data.more, true);
      const rest = await host.op(ch, 'log', { before: page.data.entries[4].n, limit: 5 });
      assert.deepEqual(
        rest.data.entries.map((e: Frame) => e.action),
        ['timeout', 'delete', 'pin'],
      );
      assert.equal(rest.data.more, false);
      const timeout = rest.data.entries[0];
      assert.deepEqual(timeout.by, { id: host.welcome.user.id, name: 'host' });
      assert.deepEqual(timeout.target, { id: userId, name: 'troll' });
      assert.equal(timeout.seconds, 600);
      assert.equal(timeout.reason, 'rude');
      assert.equal(typeof timeout.at, 'number');
      assert.equal(rest.data.entries[1].messageId, msg.data.id);
      assert.deepEqual(page.data.entries[0].settings, { slowModeSeconds: 5, blockedTerms: 1 });
      // Staff hear each new entry; the audience never does.
      assert.ok(host.frames.some((f) => f.t === 'me' && f.data.log?.action === 'unban'));
      assert.ok(!watcher.frames.some((f) => f.t === 'me' && 'log' in f.data));
    });
  });
});

describe('moderation across a restart', () => {
  const start = freshRelays();

  test('the log, a timeout with its reason, hidden users and held messages survive a restart', async () => {
    const { relay, join } = await start();
    const ch = 'kept/chat';
    let host = await join('host', 'host');
    const ann = await join('ann');
    assertAck(await host.op(ch, 'timeout', { userId: 'troll', seconds: 3_600, reason: 'flood' }));
    assertAck(await host.op(ch, 'hide', { userId: 'shadow' }));
    assertAck(await host.op(ch, 'settings', { chatDelaySeconds: 3 }));
    const held = await ann.op(ch, 'send', { text: 'held over a restart' });
    assertAck(held);
    await relay.restart();
    host = await join('host', 'host');
    const ok = await host.sub(ch);
    assert.deepEqual(ok.snapshot.hiddenUsers, ['shadow']);
    assert.equal(ok.snapshot.bans[0].reason, 'flood');
    const log = await host.op(ch, 'log', {});
    assert.deepEqual(
      log.data.entries.map((e: Frame) => e.action),
      ['settings', 'hide', 'timeout'],
    );
    const troll = await join('troll');
    assertErr(await troll.op(ch, 'send', { text: 'after restart' }), 'forbidden');
    // The held message is released by the restarted relay.
    const watcher = await join('watcher');
    const seen = await watcher.sub(ch);
    const released =
      seen.snapshot.messages[0] ??
      (await watcher.next((f) => f.t === 'ev' && f.type === 'message')).data;
    assert.equal(released.text, 'held over a restart');
    assert.equal(released.seq ?? held.seq + 1, held.seq + 1);
  });

  test('a host who only subscribed before a restart is still a host to moderation after it', async () => {
    const { relay, join } = await start();
    const ch = 'ranks/chat';
    const host = await join('host', 'host');
    await host.sub(ch);
    host.close();
    await host.waitClose();
    await relay.restart();
    const mod = await join('mod', 'moderator');
    await assertRefused(mod, ch, host.welcome.user.id, 'outranked');
  });
});

describe('moderation across relays', () => {
  const { join, room } = withCluster(2);

  test('a host subscribed on relay B cannot be banned by a moderator on relay A', async () => {
    const ch = `${room()}/chat`;
    const host = await join(1, 'host', 'host');
    await host.sub(ch);
    const mod = await join(0, 'mod', 'moderator');
    await mod.sub(ch);
    await assertRefused(mod, ch, 'host', 'outranked');
  });

  test('a timeout, a hide and the chat delay set on relay A hold for users on relay B', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'host', 'host');
    await host.sub(ch);
    const watcher = await join(1, 'watcher');
    await watcher.sub(ch);
    const troll = await join(1, 'troll');
    const shadow = await join(1, 'shadow');
    await shadow.sub(ch);
    assertAck(await host.op(ch, 'timeout', { userId: 'troll', seconds: 600, reason: 'raid' }));
    assertErr(await troll.op(ch, 'send', { text: 'from B' }), 'forbidden');
    assertAck(await host.op(ch, 'hide', { userId: 'shadow' }));
    const hidden = await shadow.op(ch, 'send', { text: 'only me' });
    assert.equal((await shadow.next((f) => isEv(ch)(f) && f.seq === hidden.seq)).type, 'message');
    assert.equal((await watcher.next((f) => isEv(ch)(f) && f.seq === hidden.seq)).type, 'withheld');
    assert.equal((await host.next((f) => isEv(ch)(f) && f.seq === hidden.seq)).data.hidden, true);
    assertAck(await host.op(ch, 'settings', { chatDelaySeconds: 1 }));
    const ann = await join(1, 'ann');
    const held = await ann.op(ch, 'send', { text: 'after a second' });
    assert.equal((await watcher.next((f) => isEv(ch)(f) && f.seq === held.seq)).type, 'withheld');
    const released = await watcher.next((f) => isEv(ch)(f) && f.type === 'message');
    assert.equal(released.data.id, held.data.id);
    const log = await host.op(ch, 'log', {});
    assert.deepEqual(
      log.data.entries.map((e: Frame) => e.action),
      ['settings', 'hide', 'timeout'],
    );
  });
});
