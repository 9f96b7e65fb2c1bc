/**
 * A message's actions never cover the message they act on (issue 16, item 2), against a real
 * relay: under the message the keyboard is on or a finger tapped. A mouse in a narrow chat gets
 * them under the message too, in a wide one over the top line's free end: headless Chromium has
 * no mouse hover (`hover: none`), so those two are not run here. Also: an English message in an
 * Arabic room keeps its own direction.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { defineElements, type LiveChat } from '../../src/index.js';
import {
  messageElement,
  pageRelay,
  roomWithChats,
  sendWithKeyboard,
  waitForMessage,
} from './chat-helpers.js';

defineElements();

const { relay, as } = pageRelay();

const TEXT =
  'Can you zoom in on the code? The font is hard to read on a phone, and the chat covers half ' +
  'of the stream when it is open.';

/** A host's chat, `width` px wide, with one message of Bo's; returns the host's chat. */
async function hostChat(width: number): Promise<LiveChat> {
  const { chats } = await roomWithChats(relay, as, null, ['host', 'bo'], { width });
  const { host, bo } = chats;
  await sendWithKeyboard(bo, TEXT);
  await waitForMessage(host, TEXT);
  // The staff parts (Delete, Pin, Time out, Ban) arrive in a chunk of their own.
  await waitUntil(
    () => messageElement(host, TEXT)?.querySelector('[data-action="ban"]'),
    'the host never got the staff actions',
  );
  return host;
}

const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function parts(chat: LiveChat) {
  const message = messageElement(chat, TEXT)!;
  return {
    message,
    text: message.querySelector<HTMLElement>('[part~="text"]')!.getBoundingClientRect(),
    actions: message.querySelector<HTMLElement>('[part~="actions"]')!,
  };
}

describe('<live-chat> message actions', () => {
  it('sit under the keyboard’s message, not over its text', async () => {
    const host = await hostChat(480);
    const { message } = parts(host);
    message.focus();
    await host.updateComplete;
    const { text, actions } = parts(host);
    expect(getComputedStyle(actions).opacity).to.equal('1');
    expect(overlap(actions.getBoundingClientRect(), text)).to.equal(false);
    expect(actions.getBoundingClientRect().top).to.be.at.least(text.bottom - 1);
  });

  // Headless Chromium is a touch screen (`hover: none`): a tap is a click that focuses.
  for (const width of [320, 720]) {
    it(`sit under the message a finger tapped, ${width} px wide`, async () => {
      const host = await hostChat(width);
      const { message } = parts(host);
      expect(getComputedStyle(parts(host).actions).opacity).to.equal('0');
      message.scrollIntoView({ block: 'center' });
      const box = message.querySelector('[part~="text"]')!.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.left + 4), Math.round(box.top + box.height / 2)],
      });
      await host.updateComplete;
      const { text, actions } = parts(host);
      expect(getComputedStyle(actions).opacity).to.equal('1');
      expect(overlap(actions.getBoundingClientRect(), text)).to.equal(false);
    });
  }

  it('an English message in an Arabic room runs left to right', async () => {
    const host = await hostChat(480);
    host.lang = 'ar';
    await waitUntil(() => getComputedStyle(host).direction === 'rtl', 'the chat is not rtl');
    const text = parts(host).message.querySelector<HTMLElement>('[part~="text"]')!;
    expect(getComputedStyle(text).direction).to.equal('ltr');
  });
});
