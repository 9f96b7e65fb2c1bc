/**
 * The chat store's side of moderation (issue 14) between real connections on a real relay: a
 * timeout's reason, messages held by the chat delay and released once, the hidden users and the
 * moderation log for staff; and which moderation buttons a staff member is offered.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { staffActions } from '../../src/elements/live-chat/live-chat.staff.js';
import type { MessageView } from '../../src/elements/live-chat/live-chat.parts.js';
import { defaultChatStrings as EN } from '../../src/elements/live-chat/live-chat.strings.js';
import { createChatStore } from '../../src/features/chat.js';
import type { ChatMessage, User } from '../../src/protocol/index.js';
import { storeRelay } from './store-relay.js';
import { until } from './wait.js';

const { relay, cleanup, open: openOn } = storeRelay({ memory: true });
let roomCount = 0;

/** A connection with `token`, closed after the test. */
const open = (token: string) => openOn({ token }).connection;

async function room() {
  const name = `mod${++roomCount}`;
  const host = createChatStore(
    open(relay.token({ sub: `host${roomCount}`, name: 'Hana', role: 'host' })),
    name,
  );
  const vicId = `vic${roomCount}`;
  const viewer = createChatStore(open(relay.token({ sub: vicId, name: 'Vic' })), name);
  const other = createChatStore(open(relay.token({ sub: `olu${roomCount}`, name: 'Olu' })), name);
  cleanup(
    () => host.destroy(),
    () => viewer.destroy(),
    () => other.destroy(),
  );
  for (const store of [host, viewer, other]) await until(store.$loaded, Boolean);
  return { host, viewer, other, vicId };
}

describe('chat store: moderation', () => {
  it('holds a timeout with its reason, even after the public banned event', async () => {
    const { host, viewer, vicId } = await room();
    await host.timeout(vicId, 600, 'no links please');
    await until(viewer.$banned, (banned) => banned?.reason === 'no links please');
    // The `banned` event (no reason) and the `me` (with it) may come in either order.
    await until(host.$bans, (bans) => bans.some((ban) => ban.userId === vicId));
    assert.equal(viewer.$banned.get()?.reason, 'no links please');
    assert.equal(typeof viewer.$banned.get()?.until, 'number');
  });

  it('keeps one copy of a delayed message for staff and the author; the others get it once released', async () => {
    const { host, viewer, other } = await room();
    await host.setChatDelay(1);
    await until(viewer.$settings, (settings) => settings.chatDelaySeconds === 1);
    await viewer.send('wait for it');
    await until(host.$messages, (list) => list.some((m) => m.text === 'wait for it'));
    assert.equal(typeof host.$messages.get()[0].delayedUntil, 'number');
    await until(other.$messages, (list) => list.some((m) => m.text === 'wait for it'));
    // Released: the staff copy loses its marker and is still one message.
    await until(host.$messages, (list) => list[0].delayedUntil === undefined);
    assert.deepEqual(
      [host, viewer, other].map((store) => store.$messages.get().map((m) => m.text)),
      [['wait for it'], ['wait for it'], ['wait for it']],
    );
  });

  it('gives staff the hidden users and the log, newest first, paged', async () => {
    const { host, viewer, vicId } = await room();
    await host.hide(vicId);
    await until(host.$hiddenUsers, (users) => users.includes(vicId));
    assert.deepEqual(viewer.$hiddenUsers.get(), []);
    await host.unhide(vicId);
    await host.setSlowMode(5);
    await host.loadLog();
    await until(host.$modLog, (log) => log.entries.length === 3);
    assert.deepEqual(
      host.$modLog.get().entries.map((entry) => entry.action),
      ['settings', 'unhide', 'hide'],
    );
    assert.equal(host.$modLog.get().more, false);
    await assert.rejects(viewer.loadLog(), /only hosts and moderators/);
  });
});

/** What the staff parts read of the element, as `me` sees the chat. */
const view = (me: User) =>
  ({
    t: EN,
    me,
    staff: true,
    canWrite: true,
    bannedIds: new Set<string>(),
  }) as unknown as MessageView;
/** A message written by `user`. */
const message = (user: User) => ({ id: `m-${user.id}`, text: 'hi', user }) as ChatMessage;

describe('staff buttons on a message', () => {
  const host: User = { id: 'h', name: 'Host', role: 'host' };
  const mod: User = { id: 'm', name: 'Mod', role: 'moderator' };
  const otherMod: User = { id: 'm2', name: 'Other', role: 'moderator' };
  const ann: User = { id: 'a', name: 'Ann', role: 'audience' };
  const offered = (me: User, author: User) =>
    staffActions(message(author), view(me)).map(([action]) => action);

  it('a moderator gets no Delete on a host’s or another moderator’s message (the relay refuses it)', () => {
    assert.ok(!offered(mod, host).includes('delete'));
    assert.ok(!offered(mod, otherMod).includes('delete'));
    assert.ok(offered(mod, ann).includes('delete'));
    assert.ok(offered(mod, mod).includes('delete'), 'their own');
    assert.ok(offered(host, otherMod).includes('delete'), 'a host deletes any');
    assert.ok(offered(host, host).includes('delete'));
  });
});
