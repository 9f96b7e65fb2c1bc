/**
 * The pinned message against a real relay: a long one is clamped to 3 lines with a "Show all"
 * toggle that shows it whole (its text is on the page, not only in a tooltip); a short one has
 * no toggle.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { defineElements, type LiveChat } from '../../src/index.js';
import {
  messageElement,
  pageRelay,
  roomWithChats,
  sendWithKeyboard,
  shadow,
  waitForMessage,
} from './chat-helpers.js';
import { expectFocusOn, pressWithKeyboard } from './focus-helpers.js';

defineElements();

const { relay, as } = pageRelay();

const LONG =
  'Schedule for today: the keynote starts at 18:00, then the panel on live audiences, then ' +
  'questions from the chat (ask them in the Q&A tab, vote for the ones you like), and the ' +
  'raffle at the end for everyone who stayed until the very end of the stream tonight.';

/** A host pins `text`; returns the viewer's chat, 320 px wide, once it shows the pin. */
async function pinAs(text: string): Promise<LiveChat> {
  const { chats } = await roomWithChats(relay, as, null, ['host', 'bo'], { width: 320 });
  const { host, bo } = chats;
  await sendWithKeyboard(host, text);
  await waitForMessage(host, text);
  messageElement(host, text)!.querySelector<HTMLButtonElement>('[data-action="pin"]')!.click();
  await waitUntil(() => pinnedText(bo)?.textContent === text, 'the pin did not reach Bo');
  await bo.updateComplete;
  return bo;
}

const pinnedText = (chat: LiveChat) =>
  shadow(chat).querySelector<HTMLElement>('[part~="pinned"] [part~="text"]');
const toggle = (chat: LiveChat) =>
  shadow(chat).querySelector<HTMLButtonElement>('[part~="pinned-toggle"]');

describe('<live-chat> pinned message', () => {
  it('clamps a long one to 3 lines and shows it whole with "Show all"', async () => {
    const bo = await pinAs(LONG);
    const text = pinnedText(bo)!;
    expect(text.hasAttribute('title')).to.equal(false);
    expect(text.scrollHeight).to.be.greaterThan(text.clientHeight + 1);
    expect(toggle(bo)!.hidden).to.equal(false);
    expect(toggle(bo)!.textContent!.trim()).to.equal('Show all');
    expect(toggle(bo)!.getAttribute('aria-expanded')).to.equal('false');

    await pressWithKeyboard(toggle(bo)!);
    await waitUntil(() => toggle(bo)!.getAttribute('aria-expanded') === 'true', 'not expanded');
    expect(text.scrollHeight).to.be.at.most(text.clientHeight + 1);
    expect(toggle(bo)!.textContent!.trim()).to.equal('Show less');
    await expectFocusOn(() => toggle(bo), 'the toggle');

    await pressWithKeyboard(toggle(bo)!);
    await waitUntil(() => toggle(bo)!.getAttribute('aria-expanded') === 'false', 'not clamped');
    expect(text.scrollHeight).to.be.greaterThan(text.clientHeight + 1);
  });

  it('has no toggle for a short one', async () => {
    const bo = await pinAs('Slides: example.com/slides');
    expect(toggle(bo)).to.equal(null);
    const text = pinnedText(bo)!;
    expect(text.scrollHeight).to.be.at.most(text.clientHeight + 1);
  });
});
