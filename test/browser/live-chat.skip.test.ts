/**
 * `<live-chat>` on a page too busy to keep up: it skips to live (the newest messages, "N earlier
 * messages skipped" and a button that shows them), and it keeps the viewer's place: stuck to the
 * bottom when they are at the bottom, still when they scrolled up. Messages come from Node (the
 * `chat-burst` command of web-test-runner.config.mjs) through a real relay without rate limits.
 */
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { LIVE_CHAT_DEFAULTS, type LiveChat } from '../../src/index.js';
import { loaded, messageTexts, shadow, uniqueRoom } from './chat-helpers.js';

interface Burst {
  texts: string[];
}

async function burstChat(attributes: { skipAfter?: number } = {}): Promise<[LiveChat, string]> {
  const relay = await executeServerCommand<{ url: string; token: string }, undefined>(
    'burst-relay',
  );
  const room = uniqueRoom();
  const chat = await fixture<LiveChat>(
    html`<live-room server=${relay!.url} room=${room} token=${relay!.token}>
      <live-chat skip-after=${attributes.skipAfter ?? LIVE_CHAT_DEFAULTS.skipAfter}></live-chat>
    </live-room>`,
  ).then((element) => element.querySelector('live-chat')!);
  await loaded(chat);
  return [chat, room];
}

function publish(room: string, perSecond: number, seconds: number) {
  return executeServerCommand<Burst, { room: string; perSecond: number; seconds: number }>(
    'chat-burst',
    { room, perSecond, seconds },
  ).then((burst) => burst!.texts);
}

/** Until the chat's store holds `text` and the frame after it is rendered. */
async function rendered(chat: LiveChat, text: string): Promise<void> {
  await waitUntil(() => chat.store!.$messages.get().at(-1)?.text === text, `"${text}" never came`, {
    timeout: 15_000,
  });
  await chat.updateComplete;
  await nextFrame();
}

/** Keeps the page's main thread busy, as a slow device is: events queue up meanwhile. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spinning on purpose.
  }
}

const log = (chat: LiveChat) => shadow(chat).querySelector<HTMLElement>('[part~="log"]')!;
const skippedRows = (chat: LiveChat) => [
  ...shadow(chat).querySelectorAll<HTMLElement>('[part~="skipped"]'),
];
const fromBottom = (element: HTMLElement) =>
  element.scrollHeight - element.scrollTop - element.clientHeight;

describe('<live-chat> skips to live', () => {
  it('shows the newest messages and "N earlier messages skipped" after a backlog, and Show brings them back in order', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [chat, room] = await burstChat({ skipAfter: 5 });
    const sending = publish(room, 1_000, 0.3);
    // The first message is here: hold the page while the rest arrive, as a slow device would.
    await waitUntil(() => chat.store!.$messages.get().length > 0, 'the burst never began', {
      timeout: 10_000,
    });
    busy(1_000);
    const sent = await sending;
    await rendered(chat, sent.at(-1)!);

    const rows = skippedRows(chat);
    expect(rows.length, 'skipped rows').to.be.at.least(1);
    const shown = messageTexts(chat);
    expect(shown.at(-1)).to.equal(sent.at(-1));
    // After the last skipped row: the newest messages, in the order sent, none missing.
    const children = [...log(chat).children];
    const afterLast = children
      .slice(children.indexOf(rows.at(-1)!) + 1)
      .filter((element) => element.matches('[part~="message"]:not([data-pending])'))
      .map((element) => element.querySelector('[part~="text"]')!.textContent);
    expect(afterLast).to.deep.equal(sent.slice(-afterLast.length));
    // Each row says how many it holds back; with the messages shown, that is every message.
    const hidden = rows.map((row) =>
      Number(/(\d+) earlier messages? skipped/.exec(row.textContent!)![1]),
    );
    expect(hidden.reduce((sum, n) => sum + n, 0) + shown.length).to.equal(sent.length);

    // Show, until nothing is skipped: every message, in the order sent.
    for (let presses = 0; skippedRows(chat).length > 0; presses++) {
      expect(presses, 'presses of Show').to.be.below(20);
      skippedRows(chat).at(-1)!.querySelector<HTMLButtonElement>('[part~="show-skipped"]')!.click();
      await chat.updateComplete;
    }
    expect(messageTexts(chat)).to.deep.equal(sent);
  });

  it('never skips with skip-after="0"', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [chat, room] = await burstChat({ skipAfter: 0 });
    const sending = publish(room, 1_000, 0.3);
    await waitUntil(() => chat.store!.$messages.get().length > 0, 'the burst never began', {
      timeout: 10_000,
    });
    busy(1_000);
    const sent = await sending;
    await rendered(chat, sent.at(-1)!);
    expect(skippedRows(chat)).to.have.length(0);
    expect(messageTexts(chat)).to.deep.equal(sent.slice(-chat.maxRendered));
  });
});

describe("<live-chat> keeps the viewer's place", () => {
  it('stays at the bottom through a burst when the viewer is at the bottom', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [chat, room] = await burstChat();
    const first = await publish(room, 200, 0.4);
    await rendered(chat, first.at(-1)!);
    expect(fromBottom(log(chat)), 'at the bottom after the history').to.be.below(2);
    expect(log(chat).scrollHeight).to.be.above(log(chat).clientHeight);

    const second = await publish(room, 500, 0.4);
    await rendered(chat, second.at(-1)!);
    expect(fromBottom(log(chat)), 'still at the bottom').to.be.below(2);
    expect(shadow(chat).querySelector('[part~="jump"]')).to.equal(null);
  });

  it('does not move what the viewer reads when they scrolled up, and offers to jump to the latest', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const [chat, room] = await burstChat();
    const first = await publish(room, 200, 0.4);
    await rendered(chat, first.at(-1)!);
    const scroller = log(chat);
    scroller.scrollTop = Math.floor((scroller.scrollHeight - scroller.clientHeight) / 2);
    await waitUntil(() => fromBottom(scroller) > 100, 'the log did not scroll up');
    await nextFrame();
    await nextFrame();
    const top = scroller.getBoundingClientRect().top;
    const reading = [...scroller.querySelectorAll<HTMLElement>('[part~="message"]')].find(
      (element) => element.getBoundingClientRect().top >= top,
    )!;
    const before = reading.getBoundingClientRect().top;

    const second = await publish(room, 500, 0.4);
    await rendered(chat, second.at(-1)!);
    expect(reading.isConnected, 'the message read is still there').to.equal(true);
    expect(Math.abs(reading.getBoundingClientRect().top - before), 'moved by px').to.be.below(2);
    expect(shadow(chat).querySelector('[part~="jump"]')).not.to.equal(null);
  });
});
