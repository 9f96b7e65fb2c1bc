/**
 * presence (PROTOCOL.md: Presence; Decisions on details: Sessions, Presence; protocol-notes.md:
 * Presence): members enter, update and leave; the tabs of one user are one member; a dropped
 * member stays for the grace and a session resumed within it shows no leave and no join; changes
 * are coalesced; above the list limit, frames carry the count and the first members only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sleep, type Frame } from '../helpers/raw-client.js';
import { assertErr } from '../helpers/frames.js';
import { withRelay, type Joined } from '../helpers/fresh-relay.js';
import type { Role } from '../../src/protocol/index.js';

const GRACE_MS = 600;
const INTERVAL_MS = 200;
const LIST_LIMIT = 5;
/**
 * Coalescing bounds are "at most duration / interval + 1"; a relay's timers may fire a few ms
 * early (the event loop's cached clock), so the duration gets this much benefit of the doubt.
 */
const TIMER_SLACK_MS = 20;

const userIds = (members: Joined[]) => members.map((m) => m.welcome.user.id);
const isPresence = (ch: string) => (f: Frame) => f.t === 'presence' && f.ch === ch;
/** The ids a frame lists under `field` (`join` and `update` hold members, `leave` ids). */
const idsIn = (f: Frame, field: 'join' | 'leave' | 'update' | 'members'): string[] =>
  (f[field] ?? []).map((m: Frame | string) => (typeof m === 'string' ? m : m.id));

/** A relay with a short grace and interval, and a helper that makes a fresh room per test. */
function presenceRelay(extraArgs: string[] = []) {
  const ctx = withRelay({
    memory: true,
    args: [
      '--presence-grace-ms',
      String(GRACE_MS),
      '--presence-interval-ms',
      String(INTERVAL_MS),
      ...extraArgs,
    ],
  });
  let n = 0;

  async function room() {
    const roomId = ++n;
    const ch = `presence-${roomId}/presence`;
    const token = (user: string, role: Role = 'audience') =>
      ctx.relay.token({ sub: `${user}-${roomId}`, name: user, role });
    const join = (user: string, role: Role = 'audience', extra: object = {}): Promise<Joined> =>
      ctx.clients.join({ token: token(user, role), ...extra });
    /** Subscribed before anyone entered: sees every change frame. */
    const watcher = await join('watcher');
    await watcher.sub(ch);
    await watcher.next(isPresence(ch));
    /** The frame in which `who` shows up under `field` (consumed). */
    const seen = (who: Joined, field: 'join' | 'leave' | 'update') =>
      watcher.next((f) => isPresence(ch)(f) && idsIn(f, field).includes(who.welcome.user.id));
    let syncs = 0;
    let syncer: Joined | undefined;
    /**
     * A barrier: every change made before it is in a frame the watcher has received once the
     * syncer's own change arrives (changes go out in order, coalesced, never held back).
     */
    const sync = async () => {
      const k = ++syncs;
      syncer ??= await join('syncer');
      await syncer.presence(ch, k === 1 ? 'enter' : 'update', { sync: k });
      await watcher.next(
        (f) =>
          isPresence(ch)(f) &&
          [...(f.join ?? []), ...(f.update ?? []), ...(f.members ?? [])].some(
            (m: Frame) => m.id === syncer!.welcome.user.id && m.data.sync === k,
          ),
      );
    };
    return { ch, join, watcher, seen, sync, token };
  }

  return { ctx, room };
}

describe('presence', () => {
  const { room } = presenceRelay();

  describe('sub', () => {
    test('answers ok {id, ch, count} without epoch, then a presence frame with members', async () => {
      const { ch, join } = await room();
      const ann = await join('ann');
      const bob = await join('bob', 'host');
      await ann.presence(ch, 'enter', { status: 'speaking' });
      await bob.presence(ch, 'enter');

      const late = await join('late');
      const ok = await late.sub(ch);
      assert.equal(ok.t, 'ok');
      assert.equal(ok.ch, ch);
      assert.equal(ok.count, 2);
      assert.equal('epoch' in ok, false, `presence is not history: ${JSON.stringify(ok)}`);
      const at = late.frames.indexOf(ok);
      await late.until(() => late.frames.length > at + 1);
      const first = late.frames[at + 1];
      assert.equal(first.t, 'presence');
      assert.equal(first.ch, ch);
      assert.equal(first.count, 2);
      // Hosts and moderators are listed first (protocol-notes, Presence).
      assert.deepEqual(first.members, [
        { ...bob.welcome.user, data: {} },
        { ...ann.welcome.user, data: { status: 'speaking' } },
      ]);
      assert.equal(first.join, undefined);
    });

    test('on an empty room: count 0 and an empty members list', async () => {
      const { ch, join } = await room();
      const late = await join('late');
      const ok = await late.sub(ch);
      assert.equal(ok.count, 0);
      const first = await late.next(isPresence(ch));
      assert.equal(first.count, 0);
      assert.deepEqual(first.members, []);
    });
  });

  describe('enter, update, leave', () => {
    test('enter answers ok {id, ch, count}; subscribers get join with the member and its data', async () => {
      const { ch, join, watcher, seen } = await room();
      const ann = await join('ann');
      const ok = await ann.presence(ch, 'enter', { status: 'here', seat: 'B12' });
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      assert.equal(ok.ch, ch);
      assert.equal(ok.count, 1);
      const frame = await seen(ann, 'join');
      assert.equal(frame.count, 1);
      assert.deepEqual(frame.join, [
        { ...ann.welcome.user, data: { status: 'here', seat: 'B12' } },
      ]);
      assert.equal(frame.leave, undefined);
      assert.equal(watcher.frames.filter(isPresence(ch)).length, 2);
    });

    test('enter without data enters with {}', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      await ann.presence(ch, 'enter');
      assert.deepEqual((await seen(ann, 'join')).join, [{ ...ann.welcome.user, data: {} }]);
    });

    test('update replaces the data: subscribers get update, late subscribers see the new data', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      await ann.presence(ch, 'enter', { status: 'here' });
      await seen(ann, 'join');
      const ok = await ann.presence(ch, 'update', { status: 'away' });
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      assert.equal(ok.count, 1);
      const frame = await seen(ann, 'update');
      assert.deepEqual(frame.update, [{ ...ann.welcome.user, data: { status: 'away' } }]);
      assert.equal(frame.count, 1);
      const late = await join('late');
      await late.sub(ch);
      assert.deepEqual((await late.next(isPresence(ch))).members, [
        { ...ann.welcome.user, data: { status: 'away' } },
      ]);
    });

    test('leave: subscribers get leave with the user id and the count drops', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      const bob = await join('bob');
      await ann.presence(ch, 'enter');
      await bob.presence(ch, 'enter');
      await seen(bob, 'join');
      const ok = await ann.presence(ch, 'leave');
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      assert.equal(ok.count, 1);
      const frame = await seen(ann, 'leave');
      assert.deepEqual(frame.leave, [ann.welcome.user.id]);
      assert.equal(frame.count, 1);
      const late = await join('late');
      assert.equal((await late.sub(ch)).count, 1);
      assert.deepEqual(idsIn(await late.next(isPresence(ch)), 'members'), [bob.welcome.user.id]);
    });

    test('leave of the last connection is a leave at once; only a drop waits for the grace', async () => {
      const { ch, join, watcher, seen } = await room();
      const ann = await join('ann');
      const bob = await join('bob');
      await ann.presence(ch, 'enter');
      await bob.presence(ch, 'enter');
      await seen(bob, 'join');
      await ann.presence(ch, 'leave');
      bob.terminate();
      const annLeft = await seen(ann, 'leave');
      const bobLeft = await seen(bob, 'leave');
      const frames = watcher.frames;
      assert.ok(
        frames.indexOf(annLeft) < frames.indexOf(bobLeft),
        `the explicit leave comes in an earlier frame than the drop's: ${JSON.stringify(frames.filter(isPresence(ch)))}`,
      );
    });

    test('update before enter gets invalid and makes no member', async () => {
      const { ch, join, sync, watcher } = await room();
      const ann = await join('ann');
      const answer = await ann.presence(ch, 'update', { status: 'here' });
      assertErr(answer, 'invalid');
      await sync();
      const annId = ann.welcome.user.id;
      assert.ok(!watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'join').includes(annId)));
      const late = await join('late');
      await late.sub(ch);
      assert.ok(!idsIn(await late.next(isPresence(ch)), 'members').includes(annId));
    });

    test('update on a connection that did not enter gets invalid, even if another tab did', async () => {
      const { ch, join } = await room();
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      await tab1.presence(ch, 'enter');
      const answer = await tab2.presence(ch, 'update', { status: 'x' });
      assertErr(answer, 'invalid');
    });

    test('data over 1 KiB gets too_large; enter makes no member and update keeps the old data', async () => {
      const { ch, join, sync, watcher } = await room();
      const ann = await join('ann');
      // {"s":"…"} is 8 bytes plus the string.
      const tooBig = { s: 'x'.repeat(1017) };
      assert.equal(Buffer.byteLength(JSON.stringify(tooBig)), 1025);
      const refused = await ann.presence(ch, 'enter', tooBig);
      assert.equal(refused.t, 'err', JSON.stringify(refused).slice(0, 200));
      assert.equal(refused.code, 'too_large');
      await sync();
      const annId = ann.welcome.user.id;
      assert.ok(!watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'join').includes(annId)));

      await ann.presence(ch, 'enter', { status: 'here' });
      const update = await ann.presence(ch, 'update', { s: 'é'.repeat(510) }); // 1 028 bytes
      assert.equal(update.code, 'too_large');
      const late = await join('late');
      await late.sub(ch);
      const members = (await late.next(isPresence(ch))).members as Frame[];
      assert.deepEqual(members.find((m) => m.id === annId)?.data, { status: 'here' });
    });

    test('data of exactly 1 KiB is accepted', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      const data = { s: 'x'.repeat(1016) };
      assert.equal(Buffer.byteLength(JSON.stringify(data)), 1024);
      const ok = await ann.presence(ch, 'enter', data);
      assert.equal(ok.t, 'ok', JSON.stringify(ok).slice(0, 200));
      assert.deepEqual((await seen(ann, 'join')).join[0].data, data);
    });
  });

  describe('a member back at another place in the list', () => {
    test('leave and enter again within one interval: a leave, then a join at the end', async () => {
      const { ch, join, seen, sync } = await room();
      const ann = await join('ann');
      const bob = await join('bob');
      await ann.presence(ch, 'enter');
      await bob.presence(ch, 'enter');
      await seen(bob, 'join');
      await sync();
      // Within one interval: ann leaves and comes back, now after bob in the relay's list.
      await ann.presence(ch, 'leave');
      await ann.presence(ch, 'enter');
      const left = await seen(ann, 'leave');
      assert.equal(idsIn(left, 'join').includes(ann.welcome.user.id), false);
      await seen(ann, 'join');
      const late = await join('late');
      await late.sub(ch);
      const first = await late.next(isPresence(ch));
      const ids = idsIn(first, 'members');
      assert.equal(ids.at(-1), ann.welcome.user.id, `ann is last now: ${ids}`);
      assert.ok(ids.indexOf(bob.welcome.user.id) < ids.indexOf(ann.welcome.user.id));
    });

    test('a refreshed token that makes a member a host moves it to the front on its next enter', async () => {
      const { ch, join, seen, sync, token } = await room();
      const bob = await join('bob');
      const ann = await join('ann');
      await bob.presence(ch, 'enter');
      await ann.presence(ch, 'enter');
      await seen(ann, 'join');
      await sync();
      const ok = await ann.request({ t: 'auth', token: token('ann', 'moderator') });
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      await ann.presence(ch, 'enter');
      await seen(ann, 'leave');
      const joined = await seen(ann, 'join');
      assert.equal(joined.join.find((m: Frame) => m.id === ann.welcome.user.id).role, 'moderator');
      const late = await join('late');
      await late.sub(ch);
      const first = await late.next(isPresence(ch));
      assert.deepEqual(idsIn(first, 'members').slice(0, 2), userIds([ann, bob]));
    });
  });

  describe('several connections of one user', () => {
    test('are one member: one join, count 1, listed once', async () => {
      const { ch, join, watcher, seen, sync } = await room();
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      assert.equal((await tab1.presence(ch, 'enter')).count, 1);
      assert.equal((await tab2.presence(ch, 'enter')).count, 1);
      await seen(tab1, 'join');
      await sync();
      const annId = tab1.welcome.user.id;
      const joins = watcher.frames.filter(isPresence(ch)).flatMap((f) => idsIn(f, 'join'));
      assert.deepEqual(
        joins.filter((id) => id === annId),
        [annId],
      );
      const late = await join('late');
      assert.equal((await late.sub(ch)).count, 2); // ann and the syncer
      const members = idsIn(await late.next(isPresence(ch)), 'members');
      assert.deepEqual(
        members.filter((id) => id === annId),
        [annId],
      );
    });

    test('leave on one of them keeps the member; leave on the last one is the leave', async () => {
      const { ch, join, watcher, seen, sync } = await room();
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      await tab1.presence(ch, 'enter');
      await tab2.presence(ch, 'enter');
      await seen(tab1, 'join');
      const ok = await tab1.presence(ch, 'leave');
      assert.equal(ok.t, 'ok');
      assert.equal(ok.count, 1);
      await sync();
      const annId = tab1.welcome.user.id;
      assert.ok(
        !watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'leave').includes(annId)),
        `no leave while a tab stays: ${JSON.stringify(watcher.frames.filter(isPresence(ch)))}`,
      );
      const last = await tab2.presence(ch, 'leave');
      assert.equal(last.count, 1); // the syncer
      assert.deepEqual((await seen(tab1, 'leave')).leave, [annId]);
    });

    test('a dropped tab keeps the member while another tab stays, past the grace', async () => {
      const { ch, join, watcher, seen, sync } = await room();
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      await tab1.presence(ch, 'enter');
      await tab2.presence(ch, 'enter');
      await seen(tab1, 'join');
      tab1.terminate();
      await sleep(GRACE_MS + 300);
      await sync();
      const annId = tab2.welcome.user.id;
      assert.ok(
        !watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'leave').includes(annId)),
      );
      assert.equal((await tab2.presence(ch, 'update', { still: 'here' })).t, 'ok');
    });
  });

  describe('grace and resumed sessions', () => {
    test('a dropped member stays for presenceGraceMs, listed to late subscribers, then leaves', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      await ann.presence(ch, 'enter', { status: 'here' });
      await seen(ann, 'join');
      const droppedAt = Date.now();
      ann.terminate();
      await sleep(GRACE_MS / 2);
      const late = await join('late');
      assert.equal((await late.sub(ch)).count, 1);
      assert.deepEqual((await late.next(isPresence(ch))).members, [
        { ...ann.welcome.user, data: { status: 'here' } },
      ]);
      const left = await seen(ann, 'leave');
      const elapsed = Date.now() - droppedAt;
      // The grace starts when the relay sees the socket gone, after the drop: never earlier.
      assert.ok(elapsed >= GRACE_MS - 50, `left ${elapsed} ms after the drop`);
      assert.equal(left.count, 0);
      const lateLeave = await late.next(
        (f) => isPresence(ch)(f) && idsIn(f, 'leave').includes(ann.welcome.user.id),
      );
      assert.equal(lateLeave.count, 0);
    });

    test('a reconnect within the grace with the previous session: same session, no leave, no join', async () => {
      const { ch, join, watcher, seen, sync } = await room();
      const ann = await join('ann');
      await ann.presence(ch, 'enter', { status: 'here' });
      await seen(ann, 'join');
      ann.terminate();
      await sleep(GRACE_MS / 4);
      const again = await join('ann', 'audience', { session: ann.welcome.session });
      assert.equal(again.welcome.session, ann.welcome.session);
      await sleep(GRACE_MS + 300);
      await sync();
      const annId = ann.welcome.user.id;
      const frames = watcher.frames.filter(isPresence(ch));
      assert.deepEqual(
        frames
          .flatMap((f) => [...idsIn(f, 'join'), ...idsIn(f, 'leave')])
          .filter((id) => id === annId),
        [annId],
        `one join, no leave: ${JSON.stringify(frames)}`,
      );
      // The new socket stands in for the old one: it may update without entering again...
      const update = await again.presence(ch, 'update', { status: 'back' });
      assert.equal(update.t, 'ok', JSON.stringify(update));
      assert.equal(update.count, 2); // ann and the syncer
      const late = await join('late');
      await late.sub(ch);
      const members = (await late.next(isPresence(ch))).members as Frame[];
      assert.deepEqual(members.find((m) => m.id === annId)?.data, { status: 'back' });
      // ...and when it drops in turn, the member leaves after the grace.
      again.terminate();
      assert.deepEqual((await seen(ann, 'leave')).leave, [annId]);
    });

    test('no reconnect within the grace: a leave, and a later hello with that session gets a new one', async () => {
      const { ch, join, seen } = await room();
      const ann = await join('ann');
      await ann.presence(ch, 'enter');
      await seen(ann, 'join');
      ann.terminate();
      await seen(ann, 'leave');
      await sleep(50);
      const again = await join('ann', 'audience', { session: ann.welcome.session });
      assert.notEqual(again.welcome.session, ann.welcome.session);
      const late = await join('late');
      assert.equal((await late.sub(ch)).count, 0);
    });

    test("another user's session is not resumed", async () => {
      const { join } = await room();
      const ann = await join('ann');
      const eve = await join('eve', 'audience', { session: ann.welcome.session });
      assert.notEqual(eve.welcome.session, ann.welcome.session);
    });
  });

  describe('coalescing', () => {
    // Updates here come faster than the per-user presence limit allows: that limit is tested
    // apart, in abuse tests; this block is about what the relay sends, so it runs without it.
    const unlimited = presenceRelay(['--rate-limits', 'off']);
    test('N users entering within one interval make one frame with N joins', async () => {
      const { ch, join, watcher, seen } = await unlimited.room();
      const N = 10;
      const users = await Promise.all(Array.from({ length: N }, (_, i) => join(`user${i}`)));
      const primer = await join('primer');
      await primer.presence(ch, 'enter');
      // Just after a frame went out: the next one waits for the interval, and all N fit in it.
      const primerFrame = await seen(primer, 'join');
      await Promise.all(users.map((u) => u.presence(ch, 'enter')));
      const ids = users.map((u) => u.welcome.user.id);
      await watcher.until(() =>
        ids.every((id) =>
          watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'join').includes(id)),
        ),
      );
      const later = watcher.frames
        .slice(watcher.frames.indexOf(primerFrame) + 1)
        .filter(isPresence(ch));
      assert.equal(later.length, 1, `one frame: ${JSON.stringify(later)}`);
      assert.deepEqual([...idsIn(later[0], 'join')].sort(), [...ids].sort());
      assert.equal(later[0].count, N + 1);
    });

    test('a watcher gets at most duration / presenceIntervalMs + 1 change frames', async () => {
      const { ch, join, watcher } = await unlimited.room();
      const members = await Promise.all(['a', 'b', 'c', 'd'].map((u) => join(u)));
      await Promise.all(members.map((m) => m.presence(ch, 'enter')));
      const ids = members.map((m) => m.welcome.user.id);
      await watcher.until(() =>
        ids.every((id) =>
          watcher.frames.some((f) => isPresence(ch)(f) && idsIn(f, 'join').includes(id)),
        ),
      );
      const mark = watcher.frames.length;
      const last = new Map<string, number>();
      const answers: Promise<Frame>[] = [];
      const startedAt = Date.now();
      for (let k = 1; Date.now() - startedAt < 1_200; k++) {
        const member = members[k % members.length];
        answers.push(member.presence(ch, 'update', { n: k }));
        last.set(member.welcome.user.id, k);
        await sleep(20);
      }
      assert.ok((await Promise.all(answers)).every((a) => a.t === 'ok'));
      // Done when the watcher has every member's last data.
      await watcher.until(() =>
        [...last].every(([id, k]) =>
          watcher.frames
            .slice(mark)
            .some(
              (f) =>
                isPresence(ch)(f) &&
                (f.update ?? []).some((m: Frame) => m.id === id && m.data.n === k),
            ),
        ),
      );
      const duration = Date.now() - startedAt;
      const frames = watcher.frames.slice(mark).filter(isPresence(ch));
      const bound = (duration + TIMER_SLACK_MS) / INTERVAL_MS + 1;
      console.log(
        `# presence coalescing: ${answers.length} updates in ${duration} ms -> ${frames.length} frames (bound ${bound.toFixed(1)})`,
      );
      assert.ok(frames.length <= bound, `${frames.length} frames in ${duration} ms`);
      assert.ok(frames.length < answers.length);
    });
  });
});

describe('presence above presenceListLimit', () => {
  const { room } = presenceRelay(['--presence-list-limit', String(LIST_LIMIT)]);

  /** Seven audience members in order, then a host and a moderator: nine, above the limit of five. */
  async function crowded() {
    const r = await room();
    const audience: Joined[] = [];
    for (let i = 1; i <= 7; i++) {
      const member = await r.join(`a${i}`);
      await member.presence(r.ch, 'enter');
      audience.push(member);
    }
    const host = await r.join('host', 'host');
    await host.presence(r.ch, 'enter');
    const moderator = await r.join('mod', 'moderator');
    await moderator.presence(r.ch, 'enter');
    const staff = [host, moderator];
    const first = [...staff, ...audience.slice(0, 3)].map((m) => m.welcome.user.id);
    await r.watcher.until(() =>
      r.watcher.frames.some(
        (f) =>
          isPresence(r.ch)(f) &&
          f.count === 9 &&
          JSON.stringify(idsIn(f, 'members')) === JSON.stringify(first),
      ),
    );
    return { ...r, audience, staff, first };
  }

  test('frames carry the count and the first members only: hosts first, then the longest present', async () => {
    const { ch, join, watcher, first } = await crowded();
    const late = await join('late');
    const ok = await late.sub(ch);
    assert.equal(ok.count, 9);
    const initial = await late.next(isPresence(ch));
    assert.equal(initial.count, 9);
    assert.deepEqual(idsIn(initial, 'members'), first);
    for (const frame of watcher.frames.filter(isPresence(ch))) {
      for (const field of ['members', 'join', 'update'] as const) {
        assert.ok((frame[field]?.length ?? 0) <= LIST_LIMIT, JSON.stringify(frame));
      }
      if (frame.count > LIST_LIMIT) {
        assert.equal(frame.join, undefined, JSON.stringify(frame));
        assert.equal(frame.leave, undefined, JSON.stringify(frame));
        assert.equal(frame.update, undefined, JSON.stringify(frame));
      }
    }
  });

  test('a change beyond the first members sends the count alone; one among them sends the new list', async () => {
    const { ch, watcher, audience, staff } = await crowded();
    const mark = watcher.frames.length;
    const [a1, a2, a3, a4, a5, a6, a7] = audience;
    const frameWithCount = async (count: number) => {
      const frame = await watcher.next((f) => isPresence(ch)(f) && f.count === count);
      assert.ok(watcher.frames.indexOf(frame) >= mark);
      return frame;
    };

    await a7.presence(ch, 'leave');
    const countOnly = await frameWithCount(8);
    assert.deepEqual(
      Object.keys(countOnly).sort(),
      ['ch', 'count', 't'],
      JSON.stringify(countOnly),
    );

    await a1.presence(ch, 'leave');
    const relisted = await frameWithCount(7);
    assert.deepEqual(idsIn(relisted, 'members'), userIds([...staff, a2, a3, a4]));
    assert.equal(relisted.leave, undefined);

    await a2.presence(ch, 'leave');
    await frameWithCount(6);
    // Back at the limit: the full list once, then changes again.
    await a3.presence(ch, 'leave');
    const atLimit = await frameWithCount(5);
    assert.deepEqual(idsIn(atLimit, 'members'), userIds([...staff, a4, a5, a6]));
    await a4.presence(ch, 'leave');
    const small = await frameWithCount(4);
    assert.deepEqual(small.leave, userIds([a4]));
  });

  test('a dropped member keeps its place while in grace, and a resumed one keeps it for good', async () => {
    const { ch, join, watcher, audience, first } = await crowded();
    const mark = watcher.frames.length;
    const a1 = audience[0];
    a1.terminate();
    await sleep(GRACE_MS / 3);
    const late = await join('late');
    await late.sub(ch);
    assert.deepEqual(idsIn(await late.next(isPresence(ch)), 'members'), first);
    await join('a1', 'audience', { session: a1.welcome.session });
    await sleep(GRACE_MS + 300);
    // A barrier: one more member makes one more frame; nothing about a1 came before it.
    const extra = await join('extra');
    await extra.presence(ch, 'enter');
    const barrier = await watcher.next((f) => isPresence(ch)(f) && f.count === 10);
    const between = watcher.frames
      .slice(mark, watcher.frames.indexOf(barrier) + 1)
      .filter(isPresence(ch));
    assert.ok(
      between.every((f) => f.members === undefined && f.count >= 9),
      `the first members never changed: ${JSON.stringify(between)}`,
    );
    const again = await join('late2');
    await again.sub(ch);
    assert.deepEqual(idsIn(await again.next(isPresence(ch)), 'members'), first);
  });
});
