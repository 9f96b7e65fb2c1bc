/**
 * `<live-chat>` by keyboard alone (issue 16, items 1 and 5), in a real browser against a real
 * relay: the log is one Tab stop however many messages it holds, the arrow keys, Home, End,
 * Page Up and Page Down move between messages (each an `article` named "author, time: text"),
 * Enter or Tab reach a message's actions and Escape comes back, and the focus survives new
 * messages, deletes and bans without ever falling to `<body>`.
 */
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { getConnection, type Connection, type LiveChat } from '../../src/index.js';
import {
  input,
  loaded,
  messageElement,
  messageTexts,
  pageRelay,
  shadow,
  uniqueRoom,
  waitForMessage,
  waitForText,
} from './chat-helpers.js';

const { relay, as } = pageRelay();

/** The element with the focus, inside shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The text of the message row with the focus. */
function focusedText(): string | undefined {
  const row = focused()?.closest('[data-row]');
  return row?.querySelector('[part~="text"]')?.textContent ?? undefined;
}

async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

/** Every element Tab stops on from `start` until the chat's input. */
async function tabStops(start: HTMLElement, chat: LiveChat): Promise<Element[]> {
  start.focus();
  const stops: Element[] = [];
  for (let i = 0; i < 30; i++) {
    await sendKeys({ press: 'Tab' });
    const at = focused();
    if (at === input(chat)) return stops;
    stops.push(at!);
  }
  throw new Error(`Tab never reached the input: ${stops.map((stop) => stop.localName)}`);
}

/** Sends `texts` as `connection`'s user, one after the other. */
async function say(connection: Connection, room: string, ...texts: string[]): Promise<void> {
  for (const text of texts) await connection.op(`${room}/chat`, 'send', { text });
}

const fromBottom = (element: HTMLElement) =>
  element.scrollHeight - element.scrollTop - element.clientHeight;

/**
 * A `<live-chat skip-after>` in a new room of the burst relay (no rate limits, where
 * `chat-burst` publishes), after a "before" button.
 */
async function burstChat(skipAfter: number) {
  const burst = await executeServerCommand<{ url: string; token: string }, undefined>(
    'burst-relay',
  );
  const room = uniqueRoom();
  const page = await fixture<HTMLElement>(
    html`<div>
      <button id="before">before</button>
      <live-room server=${burst!.url} room=${room} token=${burst!.token}>
        <live-chat skip-after=${skipAfter}></live-chat>
      </live-room>
    </div>`,
  );
  return { room, page, chat: page.querySelector<LiveChat>('live-chat')! };
}

describe('<live-chat> by keyboard', () => {
  it('moves through the log with the arrows, opens a message’s actions, replies and jumps to latest', async () => {
    const room = uniqueRoom();
    const host = getConnection(as('host'), { token: relay.tokens.host });
    const texts = Array.from({ length: 12 }, (_, i) => `message ${i + 1}`);
    await say(host, room, ...texts);
    const page = await fixture<HTMLElement>(
      html`<div>
        <button id="before">before</button>
        <live-chat
          style="--hubbub-chat-height: 260px"
          server=${as('ana')}
          room=${room}
          token=${relay.tokens.ana}
        ></live-chat>
      </div>`,
    );
    const chat = page.querySelector<LiveChat>('live-chat')!;
    await loaded(chat);
    await waitForMessage(chat, 'message 12');
    const log = shadow(chat).querySelector<HTMLElement>('[part~="log"]')!;
    expect(log.getAttribute('role')).to.equal('log');

    // Tab lands on the newest message: an article named by its author, time and text.
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab');
    const newest = focused() as HTMLElement;
    expect(newest).to.equal(messageElement(chat, 'message 12'));
    expect(newest.localName).to.equal('article');
    expect(newest.getAttribute('aria-label')).to.match(/^Hana \(Host\), .+: message 12$/);

    await press('ArrowUp');
    expect(focusedText()).to.equal('message 11');
    await press('Home');
    expect(focusedText()).to.equal('message 1');
    await press('End');
    expect(focusedText()).to.equal('message 12');
    await press('PageUp');
    expect(focusedText()).to.equal('message 2');
    await press('PageDown');
    expect(focusedText()).to.equal('message 12');
    await press('ArrowUp', 'ArrowUp');
    expect(focusedText()).to.equal('message 10');

    // Enter or Tab opens the message's actions; Escape comes back to the message.
    const row = messageElement(chat, 'message 10')!;
    await press('Enter');
    expect((focused() as HTMLElement).dataset.action).to.equal('reply');
    expect(getComputedStyle(row.querySelector('[part~="actions"]')!).opacity).to.equal('1');
    await press('Escape');
    expect(focused()).to.equal(row);
    await press('Tab');
    expect((focused() as HTMLElement).dataset.action).to.equal('reply');
    await press('Tab');
    expect((focused() as HTMLElement).dataset.action).to.equal('report');
    await press('Escape');
    expect(focused()).to.equal(row);

    // Reply: the composer takes the keyboard; the reply is named as one.
    await press('Enter', 'Enter');
    expect(focused()).to.equal(input(chat));
    await waitForText(chat, 'Replying to Hana');
    await sendKeys({ type: 'thanks' });
    await press('Enter');
    await waitForMessage(chat, 'thanks');
    expect(messageElement(chat, 'thanks')!.getAttribute('aria-label')).to.match(
      /^Ana, reply to Hana, .+: thanks$/,
    );

    // Back in the log, on the message replied to; up to the top, where new messages do not follow.
    await sendKeys({ down: 'Shift' });
    await press('Tab');
    await sendKeys({ up: 'Shift' });
    expect(focused()).to.equal(row);
    await press('Home');
    await nextFrame();
    await nextFrame();
    await say(host, room, 'message 13');
    await waitForMessage(chat, 'message 13');
    await waitUntil(() => shadow(chat).querySelector('[part~="jump"]'), 'no jump');

    // "Jump to latest" comes right after the message's actions.
    await press('Tab', 'Tab', 'Tab');
    expect(focused()).to.equal(shadow(chat).querySelector('[part~="jump"]'));
    await press('Enter');
    await chat.updateComplete;
    expect(focusedText()).to.equal('message 13');
    expect(shadow(chat).querySelector('[part~="jump"]')).to.equal(null);
    await waitUntil(() => fromBottom(log) < 2, 'not at the bottom');

    // End jumps to latest too.
    await press('Home');
    await nextFrame();
    await nextFrame();
    await say(host, room, 'message 14');
    await waitForMessage(chat, 'message 14');
    await waitUntil(() => shadow(chat).querySelector('[part~="jump"]'), 'no jump');
    await press('End');
    await chat.updateComplete;
    expect(focusedText()).to.equal('message 14');
    expect(shadow(chat).querySelector('[part~="jump"]')).to.equal(null);
    await waitUntil(() => fromBottom(log) < 2, 'not at the bottom');
  });

  it('is one Tab stop with 1 message and with 200', async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    const { room, page, chat } = await burstChat(0);
    const before = page.querySelector<HTMLButtonElement>('#before')!;
    await loaded(chat);
    const publish = (perSecond: number, seconds: number) =>
      executeServerCommand('chat-burst', { room, perSecond, seconds });

    await publish(10, 0.1);
    await waitUntil(() => messageTexts(chat).length === 1, 'no message');
    // The message, then its own actions (reply, report), then out of the log.
    const one = await tabStops(before, chat);
    expect(one[0]!.localName).to.equal('article');
    expect(one.slice(1)).to.deep.equal([...one[0]!.querySelectorAll('button')]);
    expect(one).to.have.length(3);

    await publish(400, 0.5);
    await waitUntil(() => messageTexts(chat).length === 200, 'not 200 messages', {
      timeout: 10_000,
    });
    await chat.updateComplete;
    const many = await tabStops(before, chat);
    // The Tab stop followed the newest message; the 199 others add none.
    expect(many[0]).to.equal(shadow(chat).querySelectorAll('article[data-row]')[199]);
    expect(many).to.have.length(one.length);
  });

  it('reaches the skipped row’s Show button, and keeps the keyboard in the log when it goes', async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    const { room, page, chat } = await burstChat(5);
    await loaded(chat);
    // A burst while the page is busy, as a slow device: what arrives within one frame is skipped.
    // On a loaded machine the relay may deliver it late, after the page is free: then again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const known = chat.store!.$messages.get().length;
      const sending = executeServerCommand<{ texts: string[] }, object>('chat-burst', {
        room,
        perSecond: 1000,
        seconds: 0.04,
      });
      await waitUntil(() => chat.store!.$messages.get().length > known, 'the burst never began', {
        timeout: 5_000,
      });
      const until = performance.now() + 800;
      while (performance.now() < until) {
        // Spinning on purpose.
      }
      const { texts } = (await sending)!;
      const all = known + texts.length;
      await waitUntil(() => chat.store!.$messages.get().length >= all, 'not all came');
      await chat.updateComplete;
      await nextFrame();
      if (shadow(chat).querySelector('[part~="skipped"]')) break;
    }
    expect(shadow(chat).querySelector('[part~="skipped"]'), 'nothing skipped').not.to.equal(null);

    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab', 'Home');
    for (let i = 0; i < 150 && !focused()?.matches('[part~="skipped"]'); i++)
      await press('ArrowDown');
    const skipped = focused()!;
    expect(skipped.matches('[part~="skipped"]')).to.equal(true);
    await press('Enter');
    expect(focused()).to.equal(skipped.querySelector('[part~="show-skipped"]'));
    await press('Enter');
    await waitUntil(() => !skipped.isConnected, 'still skipped');
    await chat.updateComplete;
    expect(focused()?.closest('[part~="log"]')).to.equal(
      shadow(chat).querySelector('[part~="log"]'),
    );
  });

  it('keeps the focused message through new messages, and moves on when it is deleted', async () => {
    const room = uniqueRoom();
    const host = getConnection(as('host'), { token: relay.tokens.host });
    await say(host, room, 'one', 'two', 'three', 'four', 'five');
    const page = await fixture<HTMLElement>(
      html`<div>
        <button id="before">before</button>
        <live-chat server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-chat>
      </div>`,
    );
    const chat = page.querySelector<LiveChat>('live-chat')!;
    await loaded(chat);
    await waitForMessage(chat, 'five');
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab', 'ArrowUp', 'ArrowUp');
    const three = messageElement(chat, 'three')!;
    expect(focused()).to.equal(three);

    await say(host, room, 'six', 'seven');
    await waitForMessage(chat, 'seven');
    await chat.updateComplete;
    expect(focused()).to.equal(three);

    const id = chat.store!.$messages.get().find((message) => message.text === 'three')!.id;
    await host.op(`${room}/chat`, 'delete', { id });
    await waitUntil(() => !messageTexts(chat).includes('three'), 'not deleted');
    await chat.updateComplete;
    expect(focusedText()).to.equal('four');
    expect(focused()).to.equal(messageElement(chat, 'four'));
    // Still one Tab stop: the next Tab leaves the log (through the message's own actions).
    expect(shadow(chat).querySelectorAll('[data-row][tabindex="0"]')).to.have.length(1);
  });

  it('moves a moderator on to the next message after Delete or Ban, never to <body>', async () => {
    const room = uniqueRoom();
    for (const user of ['ana', 'bo', 'cy'] as const) {
      const connection = getConnection(as(user), { token: relay.tokens[user] });
      await say(connection, room, `from ${user}`);
    }
    const page = await fixture<HTMLElement>(
      html`<div>
        <button id="before">before</button>
        <live-chat server=${as('host')} room=${room} token=${relay.tokens.host}></live-chat>
      </div>`,
    );
    const chat = page.querySelector<LiveChat>('live-chat')!;
    await loaded(chat);
    await waitForMessage(chat, 'from cy');
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab', 'ArrowUp');
    expect(focusedText()).to.equal('from bo');

    // Delete: reply, then delete.
    await press('Enter', 'Tab');
    expect((focused() as HTMLElement).dataset.action).to.equal('delete');
    await press('Enter');
    expect(focusedText()).to.equal('from cy');
    await waitUntil(() => !messageTexts(chat).includes('from bo'), 'not deleted');
    await chat.updateComplete;
    expect(focused()).to.equal(messageElement(chat, 'from cy'));

    // Ban: reply, delete, pin, timeout, ban. The last message: the keyboard goes to the one before.
    await press('Enter', 'Tab', 'Tab', 'Tab', 'Tab');
    expect((focused() as HTMLElement).dataset.action).to.equal('ban');
    await press('Enter');
    expect(focused()).to.equal(messageElement(chat, 'from ana'));
    await waitUntil(
      () => messageElement(chat, 'from cy')!.querySelector('[data-action="unban"]'),
      'not banned',
    );
    await chat.updateComplete;
    expect(focused()).to.equal(messageElement(chat, 'from ana'));
    expect(document.activeElement).to.equal(chat);

    // Pin it (the button stays, as Unpin), then Unpin from the pinned bar, which goes with the pin.
    await press('Enter', 'Tab', 'Tab');
    expect((focused() as HTMLElement).dataset.action).to.equal('pin');
    await press('Enter');
    await waitUntil(() => shadow(chat).querySelector('[part~="pinned"]'), 'not pinned');
    await sendKeys({ down: 'Shift' });
    await press('Tab', 'Tab', 'Tab', 'Tab');
    await sendKeys({ up: 'Shift' });
    expect(focused()?.closest('[part~="pinned"]') ?? null).not.to.equal(null);
    await press('Enter');
    await waitUntil(() => !shadow(chat).querySelector('[part~="pinned"]'), 'not unpinned');
    await chat.updateComplete;
    expect(focused()).to.equal(messageElement(chat, 'from ana'));
  });
});
