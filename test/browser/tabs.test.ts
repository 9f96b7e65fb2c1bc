/**
 * One socket per browser, not per tab (issue 12, item 3). Each "tab" is a same-origin iframe
 * running the kit (tab-frame.ts); removing the iframe ends its document, as closing a tab does.
 * The relay is a real process of its own (`tabs-relay`), whose open sockets are counted from
 * its /metrics.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Connection } from '../../src/connection/index.js';
import { uniqueRoom } from './chat-helpers.js';
import type { tab as TabApi } from './tab-frame.js';

interface TabsRelay {
  url: string;
  tokens: { ana: string; bo: string };
}

interface Tab {
  frame: HTMLIFrameElement;
  api: typeof TabApi;
}

const frames: HTMLIFrameElement[] = [];

async function openTab(): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.srcdoc = '<script type="module" src="/test/browser/tab-frame.ts"></script>';
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as (Window & { tab?: typeof TabApi }) | null;
  await waitUntil(() => win()?.tab, 'the tab loads the kit', { timeout: 10_000 });
  return { frame, api: win()!.tab! };
}

function closeTab(tab: Tab): void {
  tab.frame.remove();
}

const connections = () => executeServerCommand<number, undefined>('tabs-relay-connections');
const realSockets = (tabs: Tab[]) =>
  tabs.flatMap((tab) => tab.api.sockets).filter((socket) => socket.readyState === WebSocket.OPEN);
const isOpen = (connection: Connection) => connection.$status.get() === 'open';

describe('tabs share one socket', () => {
  let relay: TabsRelay;
  /** A relay URL of its own per test: its own lock and channel, whatever the tests before left. */
  const urlFor = () => `${relay.url}?tabs=${uniqueRoom()}`;

  before(async () => {
    relay = (await executeServerCommand<TabsRelay, undefined>('tabs-relay'))!;
  });

  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await waitUntil(async () => (await connections()) === 0, 'every socket closed', {
      timeout: 10_000,
    });
  });

  it('four tabs of one user open one socket to the relay', async () => {
    const url = urlFor();
    const room = uniqueRoom();
    const tabs: Tab[] = [];
    const logs: ReturnType<typeof TabApi.chat>[] = [];
    for (let i = 0; i < 4; i++) {
      const tab = await openTab();
      const connection = tab.api.connect(url, relay.tokens.ana);
      logs.push(tab.api.chat(connection, `${room}/chat`));
      tabs.push(tab);
    }
    await waitUntil(() => logs.every((log) => log.resets === 1), 'every tab joined the chat');
    expect(await connections()).to.equal(1);
    expect(realSockets(tabs)).to.have.length(1);
    expect(tabs.flatMap((tab) => tab.api.sockets)).to.have.length(1);
  });

  it('an op from a follower tab is delivered to every tab and acked', async () => {
    const url = urlFor();
    const room = uniqueRoom();
    const tabs = [await openTab(), await openTab(), await openTab()];
    const conns = tabs.map((tab) => tab.api.connect(url, relay.tokens.ana));
    const logs = tabs.map((tab, i) => tab.api.chat(conns[i], `${room}/chat`));
    await waitUntil(() => logs.every((log) => log.resets === 1), 'every tab joined the chat');
    // The first tab leads (it asked for the lock first); the last one follows.
    expect(tabs[2].api.sockets).to.have.length(0);

    const ack = await conns[2].op(`${room}/chat`, 'send', { text: 'from a follower' });
    expect(ack.t).to.equal('ack');
    await waitUntil(() => logs.every((log) => log.texts.includes('from a follower')));
    for (const log of logs) expect(log.texts).to.deep.equal(['from a follower']);
  });

  it('closing the leader tab under traffic loses and doubles nothing', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const url = urlFor();
    const room = uniqueRoom();
    const tabs: Tab[] = [];
    const conns: Connection[] = [];
    for (let i = 0; i < 4; i++) {
      tabs.push(await openTab());
      conns.push(tabs[i].api.connect(url, relay.tokens.ana));
    }
    const logs = tabs.map((tab, i) => tab.api.chat(conns[i], `${room}/chat`));
    await waitUntil(() => logs.every((log) => log.resets === 1), 'every tab joined the chat');
    // The leader holds the one socket: whichever tab got the lock first (each loads the sharing
    // code on its own, so the first tab opened need not be the first to ask).
    expect(realSockets(tabs)).to.have.length(1);
    const leader = tabs.findIndex((tab) => tab.api.sockets.length === 1);
    const others = tabs.map((_, i) => i).filter((i) => i !== leader);

    const stream = executeServerCommand<{ texts: string[] }, object>('tabs-chat-stream', {
      room,
      perSecond: 25,
      seconds: 3,
      prefix: 'stream',
    });
    await waitUntil(() => logs[others[0]!].texts.length >= 10, 'the stream is flowing', {
      timeout: 10_000,
    });
    // An op from a follower, in flight as the leader goes: it may reach the relay through the
    // old leader (whose ack is lost with it) and is sent again through the new one.
    const pending = conns[others.at(-1)!]!.op(`${room}/chat`, 'send', {
      text: 'sent during the hand-over',
    });
    closeTab(tabs[leader]!);

    const sent = (await stream)!.texts;
    const ack = await pending;
    expect(ack.t).to.equal('ack');
    const expected = [...sent, 'sent during the hand-over'];
    const survivors = others.map((i) => logs[i]!);
    await waitUntil(
      () => survivors.every((log) => log.texts.length >= expected.length),
      'every remaining tab caught up',
      { timeout: 20_000 },
    );
    for (const log of survivors) {
      // Nothing lost, nothing twice, in the relay's order; resumed with `from`, never reset.
      expect(log.resets).to.equal(1);
      expect([...log.texts].sort()).to.deep.equal([...expected].sort());
      expect(log.texts.filter((text) => text.startsWith('stream '))).to.deep.equal(sent);
      log.seqs.forEach((seq, i) => i > 0 && expect(seq).to.equal(log.seqs[i - 1] + 1));
    }
    // A follower took the lead: it holds the one socket now.
    await waitUntil(
      () => realSockets(others.map((i) => tabs[i]!)).length === 1,
      'a follower leads',
    );
    expect(await connections()).to.equal(1);
  });

  it('presence counts the user once, and a closing tab does not make them leave', async function () {
    (this as { timeout(ms: number): void }).timeout(40_000);
    const url = urlFor();
    const room = uniqueRoom();
    const ch = `${room}/presence`;
    const tabs = [await openTab(), await openTab(), await openTab()];
    const conns = tabs.map((tab) => tab.api.connect(url, relay.tokens.ana));
    for (const connection of conns) await connection.presence(ch, 'enter', { status: 'here' });

    const watcherTab = await openTab();
    const watcher = watcherTab.api.connect(url, relay.tokens.bo);
    const seen = watcherTab.api.presence(watcher, ch);
    const lastCount = () => seen.frames.at(-1)?.count;
    const anaLeft = () => seen.frames.some((frame) => frame.leave?.includes('user-ana'));
    const updatedTo = (status: string) =>
      seen.frames.some((frame) => frame.update?.some((member) => member.data.status === status));
    await waitUntil(() => lastCount() === 1, 'the watcher sees Ana once');
    expect(await connections()).to.equal(2); // Ana's three tabs, and Bo's
    expect(seen.frames[0].members?.map((member) => member.id)).to.deep.equal(['user-ana']);

    closeTab(tabs[0]); // the leader of Ana's tabs
    await waitUntil(() => realSockets(tabs.slice(1)).length === 1, 'a follower leads');
    await waitUntil(() => conns.slice(1).every(isOpen), 'the other tabs are back');
    // A round trip through the new leader, after which any leave would have been sent.
    await conns[1].presence(ch, 'update', { status: 'still here' });
    await waitUntil(() => updatedTo('still here'));
    closeTab(tabs[1]);
    await conns[2].presence(ch, 'update', { status: 'last tab' });
    await waitUntil(() => updatedTo('last tab'));
    expect(anaLeft()).to.equal(false);
    expect(lastCount()).to.equal(1);

    closeTab(tabs[2]); // the last tab: Ana leaves at once (pagehide), without the grace
    await waitUntil(() => lastCount() === 0, 'Ana left with her last tab', { timeout: 10_000 });
  });
});
