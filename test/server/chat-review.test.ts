/**
 * Hold for review and reports (issue 14, items 3 and 6), against a real relay process: each hold
 * rule, what the author, the audience and staff see, approve at the head and reject out of
 * sight, the queue's bounds, reports counted once per viewer and rate-limited, every decision in
 * the moderation log; across a reconnect, a restart and two relays on one Redis.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REVIEW_LIMITS } from '../../src/protocol/index.js';
import type { Frame, RawClient } from '../helpers/raw-client.js';
import { assertAck, assertErr, isEv, isMe } from '../helpers/frames.js';
import { withCluster } from '../helpers/cluster.js';
import { freshRelays, withRelay } from '../helpers/fresh-relay.js';

/** The frame of `ch` at `seq` that `client` receives. */
const atSeq = (client: RawClient, ch: string, seq: number) =>
  client.next((f) => f.t === 'ev' && f.ch === ch && f.seq === seq);

describe('hold for review', () => {
  const { room: newRoom } = withRelay();

  async function room(settings?: Record<string, unknown>) {
    const r = newRoom('review', 'chat');
    const host = await r.member('host', 'host');
    const watcher = await r.member('watcher');
    const author = await r.member('author');
    if (settings) assertAck(await host.op(r.ch, 'settings', settings));
    return { ...r, host, watcher, author };
  }

  test('hold all: the author is told held and sees it, the audience gets withheld, staff see why', async () => {
    const { ch, host, watcher, author } = await room({ hold: ['all'] });
    const sent = assertAck(await author.op(ch, 'send', { text: 'hello' }));
    assert.equal(sent.data.status, 'held');
    const own = await atSeq(author, ch, sent.seq);
    assert.equal(own.type, 'message');
    assert.equal(own.data.held, true);
    assert.equal('heldFor' in own.data, false);
    assert.equal('visibleTo' in own.data, false);
    assert.equal((await atSeq(watcher, ch, sent.seq)).type, 'withheld');
    const staff = await atSeq(host, ch, sent.seq);
    assert.equal(staff.data.heldFor, 'all');
    const item = await host.next((f) => isMe(ch)(f) && 'review' in f.data);
    assert.equal(item.data.review.id, sent.data.id);
    assert.equal(item.data.review.held, 'all');
    assert.equal(item.data.review.text, 'hello');
    assert.deepEqual(
      (await host.sub(ch)).snapshot.review.map((i: Frame) => i.id),
      [sent.data.id],
    );
    assert.equal('review' in (await watcher.sub(ch)).snapshot, false);
    // The author's own snapshot keeps it, marked; the audience's has nothing.
    assert.equal((await author.sub(ch)).snapshot.messages[0].held, true);
    // Staff are never held.
    const hostSent = assertAck(await host.op(ch, 'send', { text: 'from the host' }));
    assert.equal(hostSent.data.status, undefined);
  });

  test('approve: the message reaches the audience at the head, once; the log says who', async () => {
    const { ch, host, watcher, author } = await room({ hold: ['all'] });
    const sent = assertAck(await author.op(ch, 'send', { text: 'let me in' }));
    assertAck(await host.op(ch, 'approve', { id: sent.data.id }));
    const released = await watcher.next(isEv(ch, 'message'));
    assert.equal(released.data.id, sent.data.id);
    assert.ok(released.seq > sent.seq);
    assert.equal('held' in released.data, false);
    const authorSees = await author.next((f) => isEv(ch, 'message')(f) && f.seq > sent.seq);
    assert.equal(authorSees.data.held, undefined);
    await host.next((f) => isMe(ch)(f) && f.data.reviewed?.decision === 'approve');
    assert.deepEqual((await host.sub(ch)).snapshot.review, []);
    // Decided once: a second approve finds nothing.
    assertErr(await host.op(ch, 'approve', { id: sent.data.id }), 'not_found');
    const log = assertAck(await host.op(ch, 'log', {}));
    const entry = log.data.entries[0];
    assert.equal(entry.action, 'approve');
    assert.equal(entry.messageId, sent.data.id);
    assert.equal(entry.target.name, 'author');
    // A fresh viewer gets it in the snapshot once.
    const late = (await watcher.sub(ch)).snapshot.messages.filter(
      (m: Frame) => m.id === sent.data.id,
    );
    assert.equal(late.length, 1);
  });

  test('reject: the message leaves the author\u2019s view and never reaches the audience', async () => {
    const { ch, host, watcher, author } = await room({ hold: ['all'] });
    const sent = assertAck(await author.op(ch, 'send', { text: 'nope' }));
    assertAck(await host.op(ch, 'reject', { id: sent.data.id }));
    const gone = await author.next(isEv(ch, 'deleted'));
    assert.deepEqual(gone.data, { id: sent.data.id, rejected: true });
    assert.equal((await atSeq(watcher, ch, gone.seq)).type, 'withheld');
    assert.equal(watcher.events(ch, 'message').length, 0);
    assert.deepEqual((await author.sub(ch)).snapshot.messages, []);
    const log = assertAck(await host.op(ch, 'log', {}));
    assert.equal(log.data.entries[0].action, 'reject');
  });

  test('first-time chatters are held until one of their messages reached the room', async () => {
    const { ch, host, author, member } = await room({ hold: ['firstTime'] });
    const first = assertAck(await author.op(ch, 'send', { text: 'hi all' }));
    assert.equal(first.data.status, 'held');
    const again = assertAck(await author.op(ch, 'send', { text: 'anyone?' }));
    assert.equal(again.data.status, 'held');
    assertAck(await host.op(ch, 'approve', { id: first.data.id }));
    const now = assertAck(await author.op(ch, 'send', { text: 'thanks' }));
    assert.equal(now.data.status, undefined);
    // Someone who chatted before the rule was set is no first-timer.
    const regular = await member('regular');
    assertAck(await host.op(ch, 'settings', { hold: [] }));
    assertAck(await regular.op(ch, 'send', { text: 'before' }));
    assertAck(await host.op(ch, 'settings', { hold: ['firstTime'] }));
    assert.equal(assertAck(await regular.op(ch, 'send', { text: 'after' })).data.status, undefined);
  });

  test('links are held by the rule and by the links gate set to held; other text passes', async () => {
    const { ch, host, author } = await room({ hold: ['links'] });
    assert.equal(
      assertAck(await author.op(ch, 'send', { text: 'see spam.com' })).data.status,
      'held',
    );
    assert.equal(assertAck(await author.op(ch, 'send', { text: 'plain' })).data.status, undefined);
    assertAck(await host.op(ch, 'settings', { hold: [], links: 'held' }));
    const held = assertAck(await author.op(ch, 'send', { text: 'www.x.example' }));
    assert.equal(held.data.status, 'held');
    const staff = await atSeq(host, ch, held.seq);
    assert.equal(staff.data.heldFor, 'links');
  });

  test('review terms hold a message that contains one; the list is for staff only', async () => {
    const { ch, host, watcher, author } = await room({
      hold: ['terms'],
      reviewTerms: ['giveaway'],
    });
    const me = await host.next((f) => isMe(ch)(f) && 'reviewTerms' in f.data);
    assert.deepEqual(me.data.reviewTerms, ['giveaway']);
    assert.equal(
      assertAck(await author.op(ch, 'send', { text: 'free GIVEAWAY now' })).data.status,
      'held',
    );
    assert.equal(assertAck(await author.op(ch, 'send', { text: 'nice' })).data.status, undefined);
    assert.deepEqual((await host.sub(ch)).snapshot.reviewTerms, ['giveaway']);
    assert.equal('reviewTerms' in (await watcher.sub(ch)).snapshot, false);
    const tooMany = Array.from({ length: 201 }, (_, i) => `t${i}`);
    assertErr(await host.op(ch, 'settings', { reviewTerms: tooMany }), 'invalid');
  });

  test('a shield preset holds first-time chatters and links, and lifting it holds nothing', async () => {
    const { ch, host, author } = await room();
    assertAck(await host.op(ch, 'shieldPreset', { hold: ['firstTime'], links: 'held' }));
    assertAck(await host.op(ch, 'shield', { on: true }));
    assert.equal(assertAck(await author.op(ch, 'send', { text: 'hey' })).data.status, 'held');
    assertAck(await host.op(ch, 'shield', { on: false }));
    assert.deepEqual((await host.sub(ch)).snapshot.settings, { slowModeSeconds: 0 });
    assert.equal(assertAck(await author.op(ch, 'send', { text: 'hey' })).data.status, undefined);
  });

  test('bounded: a user has at most five held at once; only staff decide; decisions fit the item', async () => {
    const { ch, host, watcher, author } = await room({ hold: ['all'] });
    const ids: string[] = [];
    for (let i = 0; i < REVIEW_LIMITS.heldPerUser; i++) {
      ids.push(assertAck(await author.op(ch, 'send', { text: `m${i}` })).data.id);
    }
    const over = assertErr(await author.op(ch, 'send', { text: 'one more' }), 'rate_limited');
    assert.ok(over.retryAfterMs > 0);
    assertErr(await watcher.op(ch, 'approve', { id: ids[0] }), 'forbidden');
    assertErr(await author.op(ch, 'reject', { id: ids[0] }), 'forbidden');
    assertErr(await host.op(ch, 'dismiss', { id: ids[0] }), 'conflict');
    assertErr(await host.op(ch, 'approve', { id: 'nothing' }), 'not_found');
    assertErr(await host.op(ch, 'approve', {}), 'invalid');
    // The author deleting their own held message takes it out of the queue.
    assertAck(await author.op(ch, 'delete', { id: ids[0] }));
    await host.next((f) => isMe(ch)(f) && f.data.reviewed?.id === ids[0]);
    assertAck(await author.op(ch, 'send', { text: 'room again' }));
  });
});

describe('reports', () => {
  const { room: newRoom } = withRelay();

  async function room() {
    const r = newRoom('reports', 'chat');
    const host = await r.member('host', 'host');
    const author = await r.member('author');
    const viewer = await r.member('viewer');
    return { ...r, host, author, viewer };
  }

  test('a report reaches staff with its reason, counted once per viewer; dismiss clears it', async () => {
    const { ch, host, author, viewer, member } = await room();
    const sent = assertAck(await author.op(ch, 'send', { text: 'rude words' }));
    const first = assertAck(
      await viewer.op(ch, 'report', { id: sent.data.id, reason: 'harassment', note: 'again' }),
    );
    assert.deepEqual(first.data, { reported: true, count: 1 });
    const again = assertAck(await viewer.op(ch, 'report', { id: sent.data.id, reason: 'spam' }));
    assert.equal(again.data.count, 1);
    const other = await member('other');
    assertAck(await other.op(ch, 'report', { id: sent.data.id, reason: 'harassment' }));
    const items = (await host.sub(ch)).snapshot.review;
    assert.equal(items.length, 1);
    assert.equal(items[0].held, undefined);
    assert.deepEqual(items[0].reports, {
      count: 2,
      reasons: { harassment: 2 },
      notes: ['again'],
    });
    assert.equal(items[0].user.name, 'author');
    await host.next((f) => isMe(ch)(f) && f.data.review?.reports?.count === 2);
    assertErr(await host.op(ch, 'approve', { id: sent.data.id }), 'conflict');
    assertAck(await host.op(ch, 'dismiss', { id: sent.data.id }));
    assert.deepEqual((await host.sub(ch)).snapshot.review, []);
    const log = assertAck(await host.op(ch, 'log', {}));
    assert.equal(log.data.entries[0].action, 'dismiss');
    // The message stays.
    assert.equal((await viewer.sub(ch)).snapshot.messages.length, 1);
  });

  test('acting on a report: deleting the message takes it out of the queue', async () => {
    const { ch, host, author, viewer } = await room();
    const sent = assertAck(await author.op(ch, 'send', { text: 'buy followers' }));
    assertAck(await viewer.op(ch, 'report', { id: sent.data.id, reason: 'spam' }));
    assertAck(await host.op(ch, 'delete', { id: sent.data.id }));
    await host.next((f) => isMe(ch)(f) && f.data.reviewed?.id === sent.data.id);
    assert.deepEqual((await host.sub(ch)).snapshot.review, []);
  });

  test('bad reports are refused: own message, unknown reason, long note, unseen message', async () => {
    const { ch, host, author, viewer } = await room();
    const sent = assertAck(await author.op(ch, 'send', { text: 'x' }));
    assertErr(await author.op(ch, 'report', { id: sent.data.id, reason: 'spam' }), 'invalid');
    assertErr(await viewer.op(ch, 'report', { id: sent.data.id, reason: 'boring' }), 'invalid');
    const note = 'n'.repeat(REVIEW_LIMITS.reportNoteMax + 1);
    assertErr(await viewer.op(ch, 'report', { id: sent.data.id, reason: 'spam', note }), 'invalid');
    assertErr(await viewer.op(ch, 'report', { id: 'gone', reason: 'spam' }), 'not_found');
    assertAck(await host.op(ch, 'settings', { hold: ['all'] }));
    const held = assertAck(await author.op(ch, 'send', { text: 'held' }));
    assertErr(await viewer.op(ch, 'report', { id: held.data.id, reason: 'spam' }), 'not_found');
  });

  test('a viewer makes at most ten reports a minute', async () => {
    const { ch, host, viewer } = await room();
    const ids: string[] = [];
    for (let i = 0; i <= REVIEW_LIMITS.reportsPerWindow; i++) {
      ids.push(assertAck(await host.op(ch, 'send', { text: `m${i}` })).data.id);
    }
    for (const messageId of ids.slice(0, REVIEW_LIMITS.reportsPerWindow)) {
      assertAck(await viewer.op(ch, 'report', { id: messageId, reason: 'spam' }));
    }
    const over = assertErr(
      await viewer.op(ch, 'report', { id: ids.at(-1), reason: 'spam' }),
      'rate_limited',
    );
    assert.ok(over.retryAfterMs > 0);
  });
});

describe('review across a reconnect and a restart', () => {
  const start = freshRelays();

  test('a held message and its reports survive a restart; the author resumes and sees the approval', async () => {
    const { relay, join } = await start();
    const ch = 'kept/chat';
    let host = await join('host', 'host');
    assertAck(await host.op(ch, 'settings', { hold: ['all'] }));
    let author = await join('author');
    const ok = await author.sub(ch);
    const held = assertAck(await author.op(ch, 'send', { text: 'held over a restart' }));
    const posted = assertAck(await host.op(ch, 'send', { text: 'reported' }));
    const viewer = await join('viewer');
    assertAck(await viewer.op(ch, 'report', { id: posted.data.id, reason: 'other' }));
    author.close();
    await relay.restart();
    host = await join('host', 'host');
    const review = (await host.sub(ch)).snapshot.review;
    assert.deepEqual(
      review.map((i: Frame) => [i.id, i.held, i.reports?.count]),
      [
        [held.data.id, 'all', undefined],
        [posted.data.id, undefined, 1],
      ],
    );
    assertAck(await host.op(ch, 'approve', { id: held.data.id }));
    // The author comes back with `from`: the replay holds the held message, then its release.
    author = await join('author');
    const resumed = await author.sub(ch, { epoch: ok.epoch, seq: ok.seq });
    assert.ok(resumed.replay >= 3);
    const mine = await author.collect(
      (f) => isEv(ch, 'message')(f) && f.data.id === held.data.id,
      2,
    );
    assert.equal(mine[0].data.held, true);
    assert.equal(mine[1].data.held, undefined);
    // Still held after the restart: the rule, and the first-time chatter record.
    assertAck(await host.op(ch, 'settings', { hold: ['firstTime'] }));
    assert.equal(
      assertAck(await author.op(ch, 'send', { text: 'known now' })).data.status,
      undefined,
    );
  });
});

describe('review across relays (Redis)', () => {
  const { join, room } = withCluster(2);

  test('a message held on relay B is listed and approved by a host on relay A', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'host', 'host');
    await host.sub(ch);
    assertAck(await host.op(ch, 'settings', { hold: ['links'] }));
    const watcher = await join(1, 'watcher');
    await watcher.sub(ch);
    const author = await join(1, 'author');
    const held = assertAck(await author.op(ch, 'send', { text: 'go to spam.com' }));
    assert.equal(held.data.status, 'held');
    assert.equal((await atSeq(watcher, ch, held.seq)).type, 'withheld');
    const item = await host.next((f) => isMe(ch)(f) && f.data.review?.id === held.data.id);
    assert.equal(item.data.review.held, 'links');
    assertAck(await host.op(ch, 'approve', { id: held.data.id }));
    const released = await watcher.next(isEv(ch, 'message'));
    assert.equal(released.data.id, held.data.id);
    const reporter = await join(1, 'reporter');
    assertAck(await reporter.op(ch, 'report', { id: held.data.id, reason: 'spam' }));
    await host.next((f) => isMe(ch)(f) && f.data.review?.reports?.count === 1);
  });
});

describe('word-cloud entries under review', () => {
  const { room: newRoom } = withRelay();

  test('an entry waits for staff, counts once approved, never when rejected; the voter is told held', async () => {
    const r = newRoom('cloud', 'poll');
    const host = await r.member('host', 'host');
    const ann = await r.member('ann');
    const bob = await r.member('bob');
    const created = assertAck(
      await host.op(r.ch, 'create', { question: 'One word?', kind: 'wordcloud', review: true }),
    );
    const pollId = created.data.pollId;
    assertAck(await host.op(r.ch, 'open', { pollId }));
    const held = assertAck(await ann.op(r.ch, 'vote', { pollId, text: 'sunshine' }));
    assert.equal(held.data.status, 'held');
    const me = await ann.next((f) => isMe(r.ch)(f) && f.data.pollId === pollId);
    assert.deepEqual(me.data, { pollId, text: 'sunshine', held: true });
    assertAck(await bob.op(r.ch, 'vote', { pollId, text: 'rubbish' }));
    const item = await host.next((f) => isMe(r.ch)(f) && f.data.review?.text === 'sunshine');
    assert.deepEqual(item.data.review.context, {
      pollId,
      question: 'One word?',
      kind: 'wordcloud',
    });
    assert.deepEqual(
      (await host.sub(r.ch)).snapshot.review.map((i: Frame) => i.text),
      ['sunshine', 'rubbish'],
    );
    assert.equal('review' in (await ann.sub(r.ch)).snapshot, false);
    assertErr(await ann.op(r.ch, 'approve', { id: item.data.review.id }), 'forbidden');
    assertAck(await host.op(r.ch, 'approve', { id: item.data.review.id }));
    const tally = await ann.next(isEv(r.ch, 'tally'));
    assert.deepEqual(tally.data.counts, { sunshine: 1 });
    assert.equal(tally.data.total, 1);
    assertAck(await host.op(r.ch, 'reject', { id: `${pollId}:${bob.welcome.user.id}` }));
    assert.deepEqual((await host.sub(r.ch)).snapshot.review, []);
    const snapshot = (await bob.sub(r.ch)).snapshot.polls[0];
    assert.deepEqual(snapshot.counts, { sunshine: 1 });
    // Staff are never held; a poll without review counts at once.
    assert.equal(
      assertAck(await host.op(r.ch, 'vote', { pollId, text: 'moonlight' })).data,
      undefined,
    );
  });

  test('a rejected entry disappears for its voter: me goes back to the entry that counts', async () => {
    const r = newRoom('cloud-reject', 'poll');
    const host = await r.member('host', 'host');
    const ann = await r.member('ann');
    const pollId = assertAck(
      await host.op(r.ch, 'create', { question: 'One word?', kind: 'wordcloud', review: true }),
    ).data.pollId;
    assertAck(await host.op(r.ch, 'open', { pollId }));
    const itemId = `${pollId}:${ann.welcome.user.id}`;
    assertAck(await ann.op(r.ch, 'vote', { pollId, text: 'sunshine' }));
    assertAck(await host.op(r.ch, 'reject', { id: itemId }));
    const none = await ann.next((f) => isMe(r.ch)(f) && f.data.pollId === pollId && !f.data.held);
    assert.deepEqual(none.data, { pollId });
    assertAck(await ann.op(r.ch, 'vote', { pollId, text: 'moonlight' }));
    assertAck(await host.op(r.ch, 'approve', { id: itemId }));
    assertAck(await ann.op(r.ch, 'vote', { pollId, text: 'rainbow' }));
    assertAck(await host.op(r.ch, 'reject', { id: itemId }));
    await ann.until(() =>
      ann.frames.some(
        (f) =>
          isMe(r.ch)(f) &&
          f.data.pollId === pollId &&
          f.data.text === 'moonlight' &&
          ann.frames.indexOf(f) > ann.frames.findIndex((g) => g.data?.text === 'rainbow'),
      ),
    );
  });
});
