/**
 * `<live-chat>` while the viewer types on a device too slow for the room: a key press renders
 * the composer at the next frame, but not the messages that arrived before the pacer lets them
 * in (a frame of theirs would delay the key); they follow at their own pace.
 *
 * The slow device is one frame made slow on purpose: the frame that shows a message "slow" is
 * held for a while (a busy loop when the message's row goes in), so the pacer, which paces the
 * relay's renders by what a frame costs, keeps the next ones back for a few times as long.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getConnection, type LiveChat } from '../../src/index.js';
import {
  input,
  loaded,
  messageTexts,
  pageRelay,
  shadow,
  uniqueRoom,
  waitForMessage,
} from './chat-helpers.js';

const { relay, as } = pageRelay();

/** How long the slow frame is held: the relay's next render waits a few times as long. */
const SLOW_FRAME_MS = 1_500;

/** Holds the frame in which a message `text` goes into the log, once. */
function slowFrameFor(chat: LiveChat, text: string): MutationObserver {
  const observer = new MutationObserver(() => {
    if (!messageTexts(chat).includes(text)) return;
    observer.disconnect();
    const end = performance.now() + SLOW_FRAME_MS;
    while (performance.now() < end);
  });
  observer.observe(shadow(chat), { childList: true, subtree: true });
  return observer;
}

describe('<live-chat> while the viewer types', () => {
  it('renders a key in the composer without the messages not due yet, which follow', async () => {
    const room = uniqueRoom();
    const host = getConnection(as('host'), { token: relay.tokens.host });
    const say = (text: string) => host.op(`${room}/chat`, 'send', { text });
    const chat = await fixture<LiveChat>(
      html`<live-chat server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-chat>`,
    );
    await loaded(chat);
    input(chat).focus();

    slowFrameFor(chat, 'slow');
    await say('slow');
    await waitForMessage(chat, 'slow');
    // In the store, waiting for the pacer.
    await say('meanwhile');
    await waitUntil(() => chat.store!.$messages.get().some(({ text }) => text === 'meanwhile'));
    expect(messageTexts(chat)).not.to.include('meanwhile');

    // Not `updateComplete`: that waits for the messages' render too.
    await sendKeys({ type: 'x' });
    const counter = shadow(chat).querySelector('[part~="counter"]')!;
    await waitUntil(() => (counter.textContent ?? '').startsWith('1 /'), 'the key never showed');
    expect(messageTexts(chat), 'the key rendered the messages too').not.to.include('meanwhile');

    await waitForMessage(chat, 'meanwhile');
    expect(input(chat).value).to.equal('x');
  });
});
