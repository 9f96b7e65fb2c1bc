/**
 * The stores' side of hold for review and reports (issue 14, items 3 and 6) between real
 * connections on a real relay: the author's held copy (chat store), the queue for staff and its
 * decisions (review store), reports counted and dismissed.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createChatStore } from '../../src/features/chat.js';
import { createReviewStore } from '../../src/features/review.js';
import type { Role } from '../../src/protocol/index.js';
import { storeRelay } from './store-relay.js';
import { until } from './wait.js';

const { relay, cleanup, open: openOn } = storeRelay({ memory: true });
let roomCount = 0;

/** A connection with `token`, closed after the test. */
const open = (token: string) => openOn({ token }).connection;

async function room() {
  const name = `rev${++roomCount}`;
  const store = (sub: string, userName: string, role: Role = 'audience') =>
    createChatStore(open(relay.token({ sub: `${sub}${roomCount}`, name: userName, role })), name);
  const hostConnection = open(relay.token({ sub: `host${roomCount}`, name: 'Hana', role: 'host' }));
  const host = createReviewStore(hostConnection, name);
  const viewer = store('vic', 'Vic');
  const other = store('olu', 'Olu');
  cleanup(
    () => host.destroy(),
    () => viewer.destroy(),
    () => other.destroy(),
  );
  for (const s of [host, viewer, other]) await until(s.$loaded, Boolean);
  // A viewer's review store hears nothing of the queue.
  const peek = createReviewStore(open(relay.token({ sub: `peek${roomCount}`, name: 'P' })), name);
  cleanup(() => peek.destroy());
  await until(peek.$loaded, Boolean);
  return { host, viewer, other, peek };
}

describe('chat store: review', () => {
  it('shows the author their held message, staff the queue, and the audience it once approved', async () => {
    const { host, viewer, other, peek } = await room();
    await host.setHoldRules(['all']);
    await until(viewer.$settings, (settings) => settings.hold?.includes('all') === true);
    const ack = await viewer.send('please approve');
    assert.equal((ack.data as { status?: string }).status, 'held');
    await until(viewer.$messages, (list) => list[0]?.held === true);
    const [item] = await until(host.$items, (items) => items.length === 1);
    assert.equal(item.held, 'all');
    assert.equal(item.text, 'please approve');
    assert.deepEqual(peek.$items.get(), []);
    assert.deepEqual(other.$messages.get(), []);
    await host.decide(item, 'approve');
    await until(other.$messages, (list) => list.length === 1);
    await until(viewer.$messages, (list) => list.length === 1 && list[0].held === undefined);
    await until(host.$items, (items) => items.length === 0);
  });

  it('takes a rejected message out of its author\u2019s view', async () => {
    const { host, viewer } = await room();
    await host.setHoldRules(['all']);
    await until(viewer.$settings, (settings) => settings.hold !== undefined);
    await viewer.send('no chance');
    const [item] = await until(host.$items, (items) => items.length === 1);
    await until(viewer.$messages, (list) => list.length === 1);
    await host.decide(item, 'reject');
    await until(viewer.$messages, (list) => list.length === 0);
    await until(host.$items, (items) => items.length === 0);
  });

  it('counts a report once, remembers it for the reporter, and lets staff dismiss it', async () => {
    const { host, viewer, other } = await room();
    await viewer.send('report me');
    const [message] = await until(other.$messages, (list) => list.length === 1);
    await other.report(message.id, 'spam', 'looks like a bot');
    await other.report(message.id, 'spam');
    assert.deepEqual(other.$reported.get(), [message.id]);
    const [item] = await until(host.$items, (items) => items[0]?.reports?.count === 1);
    assert.deepEqual(item.reports, { count: 1, reasons: { spam: 1 }, notes: ['looks like a bot'] });
    await host.decide(item, 'dismiss');
    await until(host.$items, (items) => items.length === 0);
    assert.equal(other.$messages.get().length, 1);
  });
});
