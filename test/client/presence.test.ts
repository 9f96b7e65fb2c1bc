/**
 * The presence store against a real relay: members (one per user whatever their tabs), leave,
 * drops with the grace, resumed sessions, big rooms, and who is typing in the room's chat.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import type { PresenceMember } from '../../src/protocol/index.js';
import { createChatStore } from '../../src/features/chat.js';
import { createPresenceStore, type PresenceStore } from '../../src/features/presence.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { storeRelay } from './store-relay.js';
import { record, sleep, until, waitFor } from './wait.js';

const GRACE_MS = 600;
const INTERVAL_MS = 50;

const { relay, cleanup, open } = storeRelay({
  memory: true,
  args: ['--presence-interval-ms', String(INTERVAL_MS), '--presence-grace-ms', String(GRACE_MS)],
});
let roomCount = 0;

function store(connection: Connection, name = `room${roomCount}`, typing = true): PresenceStore {
  const presence = createPresenceStore(connection, name, { typing });
  cleanup(() => presence.destroy());
  return presence;
}

/** A fresh room watched by a host's store. */
async function room() {
  const name = `room${++roomCount}`;
  const host = open({
    token: relay.token({ sub: `host${roomCount}`, name: 'Hana', role: 'host' }),
  });
  const watcher = store(host.connection, name);
  await until(watcher.$loaded, Boolean);
  return { name, host, watcher };
}

const ids = (members: PresenceMember[]) => members.map((member) => member.id);
const userId = (connection: Connection) => connection.$user.get()!.id;
const has = (id: string) => (members: PresenceMember[]) => ids(members).includes(id);
const lacks = (id: string) => (members: PresenceMember[]) => !ids(members).includes(id);

describe('presence store', () => {
  it('starts loaded with an empty room', async () => {
    const { watcher } = await room();
    assert.equal(watcher.channel, `room${roomCount}/presence`);
    assert.deepEqual(watcher.$members.get(), []);
    assert.equal(watcher.$count.get(), 0);
  });

  it('lists members who enter: hosts first, then the longest present', async () => {
    const { host, watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    const bob = open({ anonName: 'Bob' });
    await store(ann.connection).enter({ status: 'watching' });
    await store(bob.connection).enter();
    await until(watcher.$count, (count) => count === 2);
    await watcher.enter({ status: 'hosting' });
    const members = await until(watcher.$members, (list) => list.length === 3);
    assert.deepEqual(ids(members), [
      userId(host.connection),
      userId(ann.connection),
      userId(bob.connection),
    ]);
    assert.equal(watcher.$count.get(), 3);
    assert.deepEqual(
      members.map(({ name, role, data }) => ({ name, role, data })),
      [
        { name: 'Hana', role: 'host', data: { status: 'hosting' } },
        { name: 'Ann', role: 'audience', data: { status: 'watching' } },
        { name: 'Bob', role: 'audience', data: {} },
      ],
    );

    // A late subscriber gets the same list in one piece.
    const late = store(open().connection);
    await until(late.$loaded, Boolean);
    assert.deepEqual(late.$members.get(), members);
    assert.equal(late.$count.get(), 3);
  });

  it('counts two tabs of one user as one member; leaving one tab keeps it', async () => {
    const { watcher } = await room();
    const storage = new Map<string, string>();
    const tab1 = open({ anonName: 'Ann', storage });
    const tab2 = open({ anonName: 'Ann', storage });
    const first = store(tab1.connection);
    const second = store(tab2.connection);
    await first.enter({ tab: 1 });
    await second.enter({ tab: 2 });
    const id = userId(tab1.connection);
    assert.equal(userId(tab2.connection), id);
    await until(watcher.$members, (list) => list[0]?.data.tab === 2);
    assert.equal(watcher.$count.get(), 1);
    assert.deepEqual(ids(watcher.$members.get()), [id]);

    await first.leave();
    await sleep(INTERVAL_MS * 4);
    assert.deepEqual(ids(watcher.$members.get()), [id], 'the other tab keeps the member');

    const leftAt = Date.now();
    await second.leave();
    await until(watcher.$members, lacks(id));
    assert.ok(Date.now() - leftAt < GRACE_MS, 'a leave is at once, without the grace');
    assert.equal(watcher.$count.get(), 0);
  });

  it('updates my data in place', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    const bob = open({ anonName: 'Bob' });
    const mine = store(ann.connection);
    await mine.enter({ status: 'watching' });
    await store(bob.connection).enter();
    await until(watcher.$count, (count) => count === 2);
    await mine.update({ status: 'away' });
    const members = await until(watcher.$members, (list) => list[0]?.data.status === 'away');
    assert.deepEqual(ids(members), [userId(ann.connection), userId(bob.connection)]);
    await until(mine.$members, (list) => list[0]?.data.status === 'away');
  });

  it('refuses update before enter, and data over 1 KiB', async () => {
    const { watcher } = await room();
    await assert.rejects(watcher.update({ status: 'x' }), { code: 'invalid' });
    await assert.rejects(watcher.enter({ bio: 'x'.repeat(1100) }), { code: 'too_large' });
  });

  it('keeps a dropped member for the grace, then removes it', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    await store(ann.connection).enter();
    const id = userId(ann.connection);
    await until(watcher.$members, has(id));

    ann.sockets.blocked = true; // it cannot come back
    const droppedAt = Date.now();
    ann.sockets.sockets.at(-1)!.terminate();
    await sleep(GRACE_MS / 2);
    assert.ok(has(id)(watcher.$members.get()), 'still there within the grace');
    await until(watcher.$members, lacks(id), GRACE_MS * 4);
    const gone = Date.now() - droppedAt;
    assert.ok(gone >= GRACE_MS - 50, `left after ${gone} ms`);
    assert.equal(watcher.$count.get(), 0);
  });

  it('shows no leave and no join when a dropped socket resumes its session', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    const mine = store(ann.connection);
    await mine.enter({ status: 'watching' });
    const id = userId(ann.connection);
    await until(watcher.$members, has(id));
    const session = ann.connection.session;
    const seen = record(watcher.$members);

    const statuses = record(ann.connection.$status);
    ann.sockets.sockets.at(-1)!.terminate();
    await waitFor(() => statuses.includes('reconnecting') && statuses.at(-1) === 'open');
    assert.equal(ann.connection.session, session, 'same session');
    await sleep(GRACE_MS * 2);
    assert.ok(seen.every(has(id)), 'never left');
    assert.equal(ann.sockets.framesSent('presence').length, 1, 'no second enter');

    // The resumed socket stands for the member: leaving from it leaves.
    await mine.leave();
    await until(watcher.$members, lacks(id));
  });

  it('enters again by itself after a drop longer than the grace', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    await store(ann.connection).enter({ status: 'watching' });
    const id = userId(ann.connection);
    await until(watcher.$members, has(id));

    ann.sockets.blocked = true;
    ann.sockets.sockets.at(-1)!.terminate();
    await until(watcher.$members, lacks(id), GRACE_MS * 4);
    ann.sockets.blocked = false;
    const [member] = await until(watcher.$members, has(id), 5_000);
    assert.deepEqual(member.data, { status: 'watching' });
    assert.equal(watcher.$count.get(), 1);
    assert.equal(ann.sockets.framesSent('presence').length, 2, 'the connection entered again');
  });

  it('leaves on destroy', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    const mine = createPresenceStore(ann.connection, `room${roomCount}`);
    await mine.enter();
    const id = userId(ann.connection);
    await until(watcher.$members, has(id));
    mine.destroy();
    await until(watcher.$members, lacks(id), GRACE_MS / 2);
  });

  it('lists a moderator who arrives later before the audience', async () => {
    const { watcher } = await room();
    const ann = open({ anonName: 'Ann' });
    await store(ann.connection).enter();
    await until(watcher.$count, (count) => count === 1);
    const mod = open({ token: relay.token({ sub: `mod${roomCount}`, role: 'moderator' }) });
    await store(mod.connection).enter();
    const members = await until(watcher.$members, (list) => list.length === 2);
    assert.deepEqual(ids(members), [userId(mod.connection), userId(ann.connection)]);
  });
});

describe('typing', () => {
  it('shows who is typing in the room chat, until 4 s after or their message', async () => {
    const { name, watcher } = await room();
    const vic = open({ anonName: 'Vic' });
    const chat = createChatStore(vic.connection, name);
    cleanup(() => chat.destroy());
    await until(chat.$loaded, Boolean);

    chat.typing();
    const [typist] = await until(watcher.$typing, (typing) => typing.length === 1);
    assert.equal(typist.id, userId(vic.connection));
    assert.equal(typist.name, 'Vic');
    const seenAt = Date.now();
    await until(watcher.$typing, (typing) => typing.length === 0, 6_000);
    const gone = Date.now() - seenAt;
    assert.ok(gone > 3_500 && gone < 4_800, `typing expired after ${gone} ms`);

    await sleep(2_000); // the chat store sends one typing signal per 2 s
    chat.typing();
    await until(watcher.$typing, (typing) => typing.length === 1);
    await chat.send('done typing');
    await until(watcher.$typing, (typing) => typing.length === 0, 1_000);
  });

  it('shares the chat sub with a chat store on the same connection', async () => {
    const name = `room${++roomCount}`;
    const host = open({ token: relay.token({ sub: 'host-shared', role: 'host' }) });
    const chat = createChatStore(host.connection, name);
    cleanup(() => chat.destroy());
    const presence = store(host.connection, name);
    await until(chat.$loaded, Boolean);
    await until(presence.$loaded, Boolean);
    const subs = host.sockets.framesSent('sub').map((frame) => frame.ch);
    assert.deepEqual(subs.sort(), [`${name}/chat`, `${name}/presence`]);

    const vic = open({ anonName: 'Vic' });
    const other = createChatStore(vic.connection, name);
    cleanup(() => other.destroy());
    await until(other.$loaded, Boolean);
    other.typing();
    await until(presence.$typing, (typing) => typing.length === 1);
    assert.deepEqual(chat.$typing.get(), presence.$typing.get());

    presence.destroy();
    await sleep(100);
    assert.equal(host.sockets.framesSent('unsub').length, 1, 'only the presence channel');
    assert.equal(host.sockets.framesSent('unsub')[0].ch, `${name}/presence`);
  });

  it('does not follow the chat with typing: false', async () => {
    const name = `room${++roomCount}`;
    const viewer = open();
    const presence = store(viewer.connection, name, false);
    await until(presence.$loaded, Boolean);
    await sleep(100);
    assert.deepEqual(
      viewer.sockets.framesSent('sub').map((frame) => frame.ch),
      [`${name}/presence`],
    );
  });
});

describe('big rooms', () => {
  const { relay: big } = withRelay({
    memory: true,
    args: ['--presence-interval-ms', String(INTERVAL_MS), '--presence-list-limit', '2'],
  });

  it('holds the first members only and the full count', async () => {
    const name = `big${++roomCount}`;
    const watcher = store(open({ target: big }).connection, name);
    await until(watcher.$loaded, Boolean);
    const users = [open({ target: big }), open({ target: big }), open({ target: big })];
    const stores = users.map((user) => store(user.connection, name));
    for (const mine of stores) await mine.enter();
    const [first, second, third] = users.map((user) => userId(user.connection));
    await until(watcher.$count, (count) => count === 3);
    assert.deepEqual(ids(watcher.$members.get()), [first, second]);

    await stores[0].leave();
    await until(watcher.$count, (count) => count === 2);
    await until(watcher.$members, (list) => ids(list).join() === [second, third].join());
    await stores[1].leave();
    await until(watcher.$members, (list) => ids(list).join() === third);
    assert.equal(watcher.$count.get(), 1);
  });
});
