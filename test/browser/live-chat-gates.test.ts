/**
 * The chat's gates and the shield in a real browser against a real relay (issue 14, items 4
 * and 5): what a viewer is told when a gate refuses their message, and the host console's Shield
 * toggle raising and lifting the preset.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineElements, type LiveChat, type LiveHostConsole } from '../../src/index.js';
import {
  loaded,
  messageTexts,
  pageRelay,
  roomWithChats,
  sendWithKeyboard,
  setChatSettings,
  shadow,
  textOf,
  uniqueRoom,
  waitForMessage,
  waitForText,
} from './chat-helpers.js';
import { part, rootOf } from './room-helpers.js';

defineElements();

const { relay, as } = pageRelay();

const WAIT = { timeout: 10_000 };

/** Sets the room's chat settings as its host, over a connection of its own. */
const settings = (room: string, data: Record<string, unknown>) =>
  setChatSettings(as('host'), relay.tokens.host, room, data);

/** A signed-in viewer's chat in a fresh room, loaded. */
async function viewerChat(room: string) {
  const chat = await fixture<LiveChat>(
    html`<live-chat server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-chat>`,
  );
  await loaded(chat);
  return chat;
}

const gateNotes = (chat: LiveChat) =>
  [...shadow(chat).querySelectorAll('[part~="gate"]')].map((p) => p.textContent!.trim());

describe('<live-chat> gated', () => {
  it('emote-only mode: a note above the composer, and a message of words refused in words', async () => {
    const room = uniqueRoom();
    const chat = await viewerChat(room);
    await settings(room, { emoteOnly: true });
    await waitUntil(() => gateNotes(chat).includes('Emote-only mode'), 'no emote-only note', WAIT);
    await sendWithKeyboard(chat, 'hello');
    await waitForText(chat, 'Emote-only mode', 'the refusal never showed');
    await waitUntil(
      () => shadow(chat).querySelector('.failed')?.textContent?.includes('Emote-only mode'),
      'the failed message does not say why',
      WAIT,
    );
    await sendWithKeyboard(chat, '🔥🔥');
    await waitForMessage(chat, '🔥🔥');
  });

  it('links for staff only: "Links are not allowed"', async () => {
    const room = uniqueRoom();
    const chat = await viewerChat(room);
    await settings(room, { links: 'staff' });
    await waitUntil(() => gateNotes(chat).includes('Links are not allowed'), 'no note', WAIT);
    await sendWithKeyboard(chat, 'free stuff at spam.com');
    await waitUntil(
      () => shadow(chat).querySelector('.failed')?.textContent?.includes('Links are not allowed'),
      'the failed message does not say why',
      WAIT,
    );
    expect(messageTexts(chat)).to.deep.equal([]);
  });

  it('first-time chatters: "You can chat in M:SS", counting down', async () => {
    const room = uniqueRoom();
    await settings(room, { firstChatDelaySeconds: 240 });
    const chat = await viewerChat(room);
    await sendWithKeyboard(chat, 'first!');
    const countdown = () =>
      /You can chat in (\d):(\d\d)/.exec(shadow(chat).querySelector('.failed')?.textContent ?? '');
    await waitUntil(() => countdown(), 'no countdown', WAIT);
    const [, m, s] = countdown()!;
    const first = Number(m) * 60 + Number(s);
    expect(first).to.be.within(230, 240);
    await waitUntil(
      () => {
        const now = countdown();
        return now && Number(now[1]) * 60 + Number(now[2]) < first;
      },
      'the countdown does not move',
      WAIT,
    );
  });

  it('minimum account age: a token without the created claim is told its account is too new', async () => {
    const room = uniqueRoom();
    const chat = await viewerChat(room);
    await settings(room, { minAccountAgeMinutes: 60 });
    await sendWithKeyboard(chat, 'hi');
    await waitForText(chat, 'Your account is too new');
  });
});

describe('<live-host-console> Shield', () => {
  it('one toggle in the header, on every tab, raises the preset and lifts it again', async () => {
    const { staff: hostView, chats } = await roomWithChats<LiveHostConsole>(
      relay,
      as,
      'live-host-console',
      ['ana'],
    );
    const chat = chats.ana;
    const shieldButton = () => {
      const holder = part(hostView, 'shield');
      return holder ? rootOf(holder).querySelector<HTMLButtonElement>('[part~="shield"]') : null;
    };
    await waitUntil(() => shieldButton(), 'no Shield toggle in the console header', WAIT);
    // The Polls tab is open: the toggle is visible all the same.
    const header = part(hostView, 'header')!;
    expect(header.contains(part(hostView, 'shield'))).to.equal(true);
    expect(shieldButton()!.getAttribute('aria-pressed')).to.equal('false');
    expect(shieldButton()!.textContent).to.match(/Shield:\s*off/);
    const hint = rootOf(part(hostView, 'shield')!).querySelector('#shield-hint')!.textContent!;
    expect(hint).to.include('signed-in only');
    expect(hint).to.include('no links from viewers');

    shieldButton()!.focus();
    shieldButton()!.click();
    await waitUntil(
      () => shieldButton()?.getAttribute('aria-pressed') === 'true',
      'the toggle does not show the shield up',
      WAIT,
    );
    await waitUntil(() => gateNotes(chat).includes('Links are not allowed'), 'no links note', WAIT);
    await sendWithKeyboard(chat, 'hello');
    await waitUntil(
      () =>
        /You can chat in \d:\d\d/.test(shadow(chat).querySelector('.failed')?.textContent ?? ''),
      'the viewer, first seen just now, is not told to wait',
      WAIT,
    );
    expect(textOf(chat)).to.include('Slow mode: one message every 10 s.');

    shieldButton()!.click();
    await waitUntil(
      () => shieldButton()?.getAttribute('aria-pressed') === 'false',
      'the toggle does not show the shield lifted',
      WAIT,
    );
    await waitUntil(() => gateNotes(chat).length === 0, 'the gates stay after lifting', WAIT);
    await sendWithKeyboard(chat, 'back to normal');
    await waitForMessage(chat, 'back to normal');
  });

  it('the Chat tab sets gates an audience chat feels, and edits what the shield applies', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-host-console
          server=${as('host')}
          room=${room}
          token=${relay.tokens.host}
          active-tab="chat"
        ></live-host-console>
        <live-chat server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-chat>
      </div>`,
    );
    const hostView = page.querySelector<LiveHostConsole>('live-host-console')!;
    const chat = page.querySelector<LiveChat>('live-chat')!;
    await loaded(chat);
    const moderation = () => rootOf(hostView).querySelector('[part="chat-moderation"]');
    const field = (selector: string) =>
      moderation()?.shadowRoot?.querySelector<HTMLInputElement>(selector) ?? null;
    await waitUntil(() => field('[data-gate="emoteOnly"]'), 'no gate fields', WAIT);
    // The tab's own moderation has no second Shield toggle.
    expect(moderation()!.shadowRoot!.querySelector('[part~="shield"]')).to.equal(null);

    field('[part~="gates"] [data-gate="emoteOnly"]')!.click();
    await waitUntil(() => gateNotes(chat).includes('Emote-only mode'), 'no emote-only note', WAIT);

    const presetSignedIn = () => field('[part~="shield-preset"] [data-gate="signedInOnly"]');
    await waitUntil(
      () => presetSignedIn()?.checked,
      'the preset does not show signed-in only',
      WAIT,
    );
    presetSignedIn()!.click();
    const hint = () =>
      rootOf(part(hostView, 'shield')!).querySelector('#shield-hint')?.textContent ?? '';
    await waitUntil(
      () => hint().includes('no links from viewers') && !hint().includes('signed-in only'),
      'the header does not show the edited preset',
      WAIT,
    );
  });
});
