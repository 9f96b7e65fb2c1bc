/**
 * `<live-chat>` under a burst: 1,000 messages a second for 3 s, published from Node (the
 * `chat-burst` command of web-test-runner.config.mjs) to a real relay without rate limits. The
 * log never holds more messages than `max-rendered`, at any moment of the burst, and ends with
 * the newest ones in the order they were sent. That is with skipping to live turned off
 * (`skip-after="0"`); live-chat.skip.test.ts has the burst with skipping on.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { LIVE_CHAT_DEFAULTS, type LiveChat } from '../../src/index.js';
import { loaded, messageTexts, shadow, uniqueRoom } from './chat-helpers.js';

const BURST = { perSecond: 1_000, seconds: 3 };
const MESSAGE = '[part~="message"]';

interface Burst {
  texts: string[];
}

/** The most message nodes `log` held at once, every mutation replayed in order. */
function watchMessages(log: HTMLElement) {
  let now = log.querySelectorAll(MESSAGE).length;
  const watch = { most: now, added: 0 };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.removedNodes)
        if (node instanceof Element && node.matches(MESSAGE)) now--;
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || !node.matches(MESSAGE)) continue;
        now++;
        watch.added++;
        watch.most = Math.max(watch.most, now);
      }
    }
  });
  observer.observe(log, { childList: true });
  return { watch, stop: () => observer.disconnect() };
}

describe('<live-chat> under a burst of 1,000 messages a second', () => {
  it('never holds more than max-rendered messages and ends with the newest, in order', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    const relay = await executeServerCommand<{ url: string; token: string }, undefined>(
      'burst-relay',
    );
    const room = uniqueRoom();
    const chat = await fixture<LiveChat>(
      html`<live-room server=${relay!.url} room=${room} token=${relay!.token}>
        <live-chat skip-after="0"></live-chat>
      </live-room>`,
    ).then((element) => element.querySelector('live-chat')!);
    await loaded(chat);
    const cap = chat.maxRendered;
    expect(cap).to.equal(LIVE_CHAT_DEFAULTS.maxRendered);
    const log = shadow(chat).querySelector<HTMLElement>('[part~="log"]')!;
    const { watch, stop } = watchMessages(log);

    const burst = await executeServerCommand<Burst, typeof BURST & { room: string }>('chat-burst', {
      room,
      ...BURST,
    });
    const sent = burst!.texts;
    expect(sent).to.have.length(BURST.perSecond * BURST.seconds);
    const newest = sent.at(-1)!;
    await waitUntil(() => messageTexts(chat).at(-1) === newest, `"${newest}" never showed`, {
      timeout: 15_000,
    });
    await chat.updateComplete;
    stop();

    expect(watch.most, 'most message nodes at once').to.be.at.most(cap);
    expect(watch.added, 'message nodes added').to.be.at.least(cap);
    expect(messageTexts(chat)).to.deep.equal(sent.slice(-cap));
    const stored = chat.store!.$messages.get().map((message) => message.text);
    expect(stored).to.deep.equal(sent.slice(-stored.length));
    expect(
      log.scrollHeight - log.scrollTop - log.clientHeight,
      'scrolled to the newest',
    ).to.be.below(2);
  });
});
