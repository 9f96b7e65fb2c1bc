/**
 * The chat store between two real connections (a host and an anonymous viewer) on a real relay.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { Connection } from '../../src/connection/connection.js';
import { OpError } from '../../src/connection/errors.js';
import { createChatStore, type ChatStore } from '../../src/features/chat.js';
import { storeRelay } from './store-relay.js';
import { sleep, until } from './wait.js';

const { relay, cleanup } = storeRelay({ memory: true });
let roomCount = 0;

function open(token?: string, anonName?: string, items = new Map<string, string>()): Connection {
  const connection = new Connection({
    url: relay.url,
    token,
    anonName,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
  });
  cleanup(() => connection.close());
  return connection;
}

/** A fresh room with a host store and a viewer store, both loaded. */
async function room() {
  const name = `room${++roomCount}`;
  const hostConn = open(relay.token({ sub: `host${roomCount}`, name: 'Hana', role: 'host' }));
  /** The viewer's localStorage: another connection with it is the same anonymous user. */
  const viewerStorage = new Map<string, string>();
  const viewerConn = open(undefined, 'Vic', viewerStorage);
  const host = createChatStore(hostConn, name);
  const viewer = createChatStore(viewerConn, name);
  cleanup(
    () => host.destroy(),
    () => viewer.destroy(),
  );
  await until(host.$loaded, Boolean);
  await until(viewer.$loaded, Boolean);
  return { host, viewer, hostConn, viewerConn, viewerStorage };
}

const texts = (store: ChatStore) => store.$messages.get().map((message) => message.text);

describe('chat store', () => {
  it('starts empty and loaded after the snapshot', async () => {
    const { viewer } = await room();
    assert.equal(viewer.channel, `room${roomCount}/chat`);
    assert.deepEqual(viewer.$messages.get(), []);
    assert.equal(viewer.$pinned.get(), null);
    assert.deepEqual(viewer.$settings.get(), { slowModeSeconds: 0 });
  });

  it('sends and receives messages, with the pending send shown until acked', async () => {
    const { host, viewer, viewerConn } = await room();
    const sent = viewer.send('  hello everyone  ');
    assert.deepEqual(
      viewer.$pending.get().map(({ text, status }) => ({ text, status })),
      [{ text: '  hello everyone  ', status: 'sending' }],
    );
    await sent;
    assert.deepEqual(viewer.$pending.get(), []);
    await until(host.$messages, (messages) => messages.length === 1);
    const [message] = host.$messages.get();
    assert.equal(message.text, 'hello everyone');
    assert.equal(message.user.id, viewerConn.$user.get()!.id);
    assert.equal(message.user.name, 'Vic');
    assert.equal(message.seq, 1);
    assert.equal(typeof message.ts, 'number');
    await until(viewer.$messages, (messages) => messages.length === 1);

    await host.send('welcome!', message.id);
    await until(viewer.$messages, (messages) => messages.length === 2);
    assert.equal(viewer.$messages.get()[1].replyTo, message.id);
  });

  it('gets history in the snapshot when joining late', async () => {
    const { host } = await room();
    await host.send('first');
    await host.send('second');
    const late = createChatStore(open(), `room${roomCount}`);
    cleanup(() => late.destroy());
    await until(late.$loaded, Boolean);
    assert.deepEqual(texts(late), ['first', 'second']);
  });

  it('marks a refused send as failed and keeps it until discarded', async () => {
    const { viewer } = await room();
    await assert.rejects(
      viewer.send('   '),
      (error: unknown) => error instanceof OpError && error.code === 'invalid',
    );
    const [failed] = viewer.$pending.get();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.code, 'invalid');
    assert.ok(failed.error);
    await assert.rejects(viewer.send('x'.repeat(501)), OpError);
    assert.equal(viewer.$pending.get().length, 2);
    viewer.discard(failed.mid!);
    assert.equal(viewer.$pending.get().length, 1);
  });

  it('deletes a message for everyone (author or host)', async () => {
    const { host, viewer } = await room();
    const mine = await viewer.send('oops');
    await host.send('keep me');
    await until(host.$messages, (messages) => messages.length === 2);
    const id = (mine.data as { id: string }).id;
    await viewer.remove(id);
    await until(host.$messages, (messages) => messages.length === 1);
    await until(viewer.$messages, (messages) => messages.length === 1);
    assert.deepEqual(texts(viewer), ['keep me']);
    const hostMessage = host.$messages.get()[0];
    await assert.rejects(
      viewer.remove(hostMessage.id),
      (error: unknown) => error instanceof OpError && error.code === 'forbidden',
    );
    await host.remove(hostMessage.id);
    await until(viewer.$messages, (messages) => messages.length === 0);
  });

  it('pins and unpins a message (host only)', async () => {
    const { host, viewer } = await room();
    await viewer.send('pin me');
    await until(host.$messages, (messages) => messages.length === 1);
    const id = host.$messages.get()[0].id;
    await assert.rejects(
      viewer.pin(id),
      (error: unknown) => error instanceof OpError && error.code === 'forbidden',
    );
    await host.pin(id);
    await until(viewer.$pinned, (pinned) => pinned?.id === id);
    assert.equal(viewer.$pinned.get()!.text, 'pin me');
    await host.unpin();
    await until(viewer.$pinned, (pinned) => pinned === null);
  });

  it('shows who is typing, throttled, and forgets them 4 s after', async () => {
    const { host, viewer, viewerConn } = await room();
    viewer.typing();
    viewer.typing(); // throttled: one signal per 2 s
    const [typist] = await until(host.$typing, (typing) => typing.length === 1);
    assert.equal(typist.id, viewerConn.$user.get()!.id);
    assert.deepEqual(viewer.$typing.get(), [], 'never my own typing');
    const seenAt = Date.now();
    await until(host.$typing, (typing) => typing.length === 0, 6_000);
    const gone = Date.now() - seenAt;
    assert.ok(gone > 3_500 && gone < 4_800, `typing expired after ${gone} ms`);
  });

  it('stops showing a user as typing when their message arrives', async () => {
    const { host, viewer } = await room();
    viewer.typing();
    await until(host.$typing, (typing) => typing.length === 1);
    await viewer.send('done typing');
    await until(host.$typing, (typing) => typing.length === 0, 1_000);
  });

  it('counts down slow mode after a send, and refuses sends within it', async () => {
    const { host, viewer } = await room();
    await host.setSlowMode(2);
    await until(viewer.$settings, (settings) => settings.slowModeSeconds === 2);
    assert.equal(viewer.$slowModeUntil.get(), 0);
    await viewer.send('one');
    const until1 = viewer.$slowModeUntil.get();
    assert.ok(
      Math.abs(until1 - (Date.now() + 2_000)) < 300,
      `slow mode until ${until1 - Date.now()} ms from now`,
    );

    await assert.rejects(
      viewer.send('two'),
      (error: unknown) => error instanceof OpError && error.code === 'rate_limited',
    );
    assert.equal(viewer.$pending.get().at(-1)!.code, 'rate_limited');
    assert.ok(viewer.$slowModeUntil.get() > Date.now());

    await host.send('hosts are exempt');
    await host.send('twice');
    assert.equal(host.$slowModeUntil.get(), 0);

    await until(viewer.$slowModeUntil, (value) => value === 0, 3_000);
    await viewer.send('three');
    await host.setSlowMode(0);
    await until(viewer.$slowModeUntil, (value) => value === 0, 1_000);
  });

  it('keeps the blocked terms for hosts only and refuses messages with them', async () => {
    const { host, viewer } = await room();
    await host.setBlockedTerms(['Spoiler']);
    await until(host.$blockedTerms, (terms) => terms.length === 1);
    assert.deepEqual(host.$blockedTerms.get(), ['Spoiler']);
    assert.deepEqual(viewer.$blockedTerms.get(), []);
    await assert.rejects(
      viewer.send('a SPOILER!'),
      (error: unknown) => error instanceof OpError && error.code === 'invalid',
    );
    await viewer.send('no secrets here');
  });

  it('bans and unbans a user: the banned user reads but cannot write', async () => {
    const { host, viewer, viewerConn, viewerStorage } = await room();
    const userId = viewerConn.$user.get()!.id;
    await host.ban(userId, 5);
    const banned = await until(viewer.$banned, (value) => value !== null);
    assert.ok(banned!.until! > Date.now() + 4 * 60_000);
    assert.deepEqual(
      host.$bans.get().map((ban) => ban.userId),
      [userId],
    );
    await assert.rejects(
      viewer.send('let me talk'),
      (error: unknown) => error instanceof OpError && error.code === 'forbidden',
    );
    await host.send('you can still read');
    await until(viewer.$messages, (messages) =>
      messages.some((message) => message.text === 'you can still read'),
    );

    // The same user on a new connection (another tab) learns it from `me`.
    const again = createChatStore(open(undefined, 'Vic', viewerStorage), `room${roomCount}`);
    cleanup(() => again.destroy());
    await until(again.$banned, (value) => value !== null);

    await host.unban(userId);
    await until(viewer.$banned, (value) => value === null);
    assert.deepEqual(host.$bans.get(), []);
    await viewer.send('thanks');
  });

  it('shows current bans to a host who joins later', async () => {
    const { host, viewerConn } = await room();
    const userId = viewerConn.$user.get()!.id;
    await host.ban(userId);
    const other = createChatStore(
      open(relay.token({ sub: 'mod', role: 'moderator' })),
      `room${roomCount}`,
    );
    cleanup(() => other.destroy());
    await until(other.$loaded, Boolean);
    assert.deepEqual(other.$bans.get(), [{ userId, banned: true, until: null }]);
  });

  it('keeps at most maxMessages', async () => {
    const { host } = await room();
    const small = createChatStore(open(), `room${roomCount}`, { maxMessages: 3 });
    cleanup(() => small.destroy());
    await until(small.$loaded, Boolean);
    for (const text of ['a', 'b', 'c', 'd', 'e']) await host.send(text);
    await until(small.$messages, (messages) => messages.at(-1)?.text === 'e');
    assert.deepEqual(texts(small), ['c', 'd', 'e']);
  });

  it('releases the channel on destroy', async () => {
    const { host, viewer } = await room();
    viewer.destroy();
    await host.send('after destroy');
    await sleep(200);
    assert.deepEqual(viewer.$messages.get(), []);
  });
});

describe('chat store in a room closed to anonymous users', () => {
  it('says why the relay dropped the chat, and loads again once signed in', async () => {
    const { host, hostConn, viewer, viewerConn } = await room();
    await host.send('before closing');
    await until(viewer.$messages, (messages) => messages.length === 1);
    assert.equal(viewer.$refused.get(), null);

    await hostConn.op(host.channel, 'settings', { signedInOnly: true });
    const refused = await until(viewer.$refused, Boolean);
    assert.equal(refused!.code, 'forbidden');
    assert.equal(refused!.message, 'this room is for signed-in users only');
    assert.equal(host.$refused.get(), null, 'hosts have tokens');

    viewerConn.setToken(relay.token({ sub: `vic${roomCount}`, name: 'Vic' }));
    await until(viewer.$refused, (error) => error === null);
    assert.equal(viewer.$loaded.get(), true);
    assert.deepEqual(texts(viewer), ['before closing']);
    await host.send('after signing in');
    await until(viewer.$messages, (messages) => messages.length === 2);
  });

  it('says why instead of loading for a newcomer', async () => {
    const { host, hostConn } = await room();
    await hostConn.op(host.channel, 'settings', { signedInOnly: true });
    const newcomer = createChatStore(open(undefined, 'Nia'), `room${roomCount}`);
    cleanup(() => newcomer.destroy());
    const refused = await until(newcomer.$refused, Boolean);
    assert.equal(refused!.message, 'this room is for signed-in users only');
    assert.equal(newcomer.$loaded.get(), false);
  });
});
