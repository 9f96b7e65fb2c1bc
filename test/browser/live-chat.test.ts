/**
 * `<live-chat>` in a real browser against a real relay (started by web-test-runner.config.mjs).
 * Several users on one page need several connections: getConnection shares one per URL, so each
 * user gets its own URL to the same relay (`?as=NAME` is ignored by the relay).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { getConnection, releaseConnection, type LiveChat, type LiveRoom } from '../../src/index.js';
import {
  census,
  fill,
  input,
  loaded,
  messageElement,
  messageTexts,
  openSockets,
  relayInfo,
  sendButton,
  sendWithKeyboard,
  shadow,
  textOf,
  typeInto,
  uniqueRoom,
  waitForMessage,
  waitForText,
  pageRelay,
} from './chat-helpers.js';

const { relay, as } = pageRelay();

/** A URL of the main relay for one user of the test. */

describe('<live-chat>', () => {
  describe('sending', () => {
    it('sends with Enter and shows the message in a second chat that shares the socket', async () => {
      const room = uniqueRoom();
      const url = as('ana');
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-room server=${url} room=${room} token=${relay.tokens.ana}>
            <live-chat id="inside"></live-chat>
          </live-room>
          <live-chat id="outside" server=${url} room=${room}></live-chat>
        </div>`,
      );
      const inside = page.querySelector<LiveChat>('#inside')!;
      const outside = page.querySelector<LiveChat>('#outside')!;
      await loaded(inside, outside);
      expect(textOf(inside)).to.include('No messages yet. Say hi!');

      const sent = oneEvent(inside, 'live-message-send');
      await sendWithKeyboard(inside, 'Hello from the keyboard');
      expect((await sent).detail).to.deep.equal({
        text: 'Hello from the keyboard',
        replyTo: undefined,
      });
      expect(input(inside).value).to.equal('');

      await waitForMessage(outside, 'Hello from the keyboard');
      await waitForMessage(inside, 'Hello from the keyboard');
      expect(openSockets(url)).to.have.length(1);
      expect(census.sockets.filter((socket) => socket.url === new URL(url).href)).to.have.length(1);
      const log = shadow(outside).querySelector('[part~="log"]')!;
      expect(log.getAttribute('role')).to.equal('log');
      expect(log.getAttribute('aria-live')).to.equal('polite');
    });

    it('inserts a newline with Shift+Enter instead of sending', async () => {
      const chat = await fixture<LiveChat>(
        html`<live-chat
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
        ></live-chat>`,
      );
      await loaded(chat);
      await typeInto(chat, 'line one');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await typeInto(chat, 'line two');
      expect(input(chat).value).to.equal('line one\nline two');
      await sendKeys({ press: 'Enter' });
      await waitForMessage(chat, 'line one\nline two');
    });

    it('shows user text literally, never as HTML', async () => {
      const chat = await fixture<LiveChat>(
        html`<live-chat
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
        ></live-chat>`,
      );
      await loaded(chat);
      const evil = '<img src=x onerror="window.hubbubXss = 1"><b>bold</b>';
      await fill(chat, evil);
      await sendKeys({ press: 'Enter' });
      await waitForMessage(chat, evil);
      expect(shadow(chat).querySelector('img, b')).to.equal(null);
      expect((window as { hubbubXss?: number }).hubbubXss).to.equal(undefined);
    });

    it('counts code points and refuses text over 500', async () => {
      const chat = await fixture<LiveChat>(
        html`<live-chat
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
        ></live-chat>`,
      );
      await loaded(chat);
      const counter = shadow(chat).querySelector('[part~="counter"]')!;
      expect(counter.textContent).to.equal('0 / 500');
      await fill(chat, 'héllo 👋'); // 8 UTF-16 units, 7 code points
      expect(counter.textContent).to.equal('7 / 500');
      expect(sendButton(chat).disabled).to.equal(false);

      await fill(chat, '😀'.repeat(501));
      expect(counter.textContent).to.equal('501 / 500');
      expect(counter.classList.contains('over')).to.equal(true);
      expect(input(chat).getAttribute('aria-invalid')).to.equal('true');
      expect(sendButton(chat).disabled).to.equal(true);
      input(chat).focus();
      await sendKeys({ press: 'Enter' });
      expect(chat.store!.$pending.get()).to.have.length(0);

      await fill(chat, '😀'.repeat(500));
      expect(sendButton(chat).disabled).to.equal(false);
      sendButton(chat).click();
      await waitForMessage(chat, '😀'.repeat(500));
    });

    it('does not send when the live-message-send event is cancelled', async () => {
      const chat = await fixture<LiveChat>(
        html`<live-chat
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
        ></live-chat>`,
      );
      await loaded(chat);
      chat.addEventListener('live-message-send', (event) => event.preventDefault(), { once: true });
      await sendWithKeyboard(chat, 'kept back');
      expect(chat.store!.$pending.get()).to.have.length(0);
      expect(input(chat).value).to.equal('kept back');
    });
  });

  describe('replies', () => {
    it('replies with a chip and shows a quote of the parent', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="ana"
            server=${as('ana')}
            room=${room}
            token=${relay.tokens.ana}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const ana = page.querySelector<LiveChat>('#ana')!;
      const bo = page.querySelector<LiveChat>('#bo')!;
      await loaded(ana, bo);
      await sendWithKeyboard(ana, 'Where are the slides?');
      await waitForMessage(bo, 'Where are the slides?');

      messageElement(bo, 'Where are the slides?')!
        .querySelector<HTMLButtonElement>('[data-action="reply"]')!
        .click();
      await bo.updateComplete;
      const chip = shadow(bo).querySelector('[part~="reply-chip"]')!;
      expect(chip.textContent).to.include('Replying to Ana');
      expect(shadow(bo).activeElement).to.equal(input(bo));

      await sendWithKeyboard(bo, 'In the description');
      await waitForMessage(ana, 'In the description');
      const reply = messageElement(ana, 'In the description')!;
      expect(reply.querySelector('[part~="quote"]')!.textContent).to.include(
        'Where are the slides?',
      );
      expect(shadow(bo).querySelector('[part~="reply-chip"]')).to.equal(null);

      // Cancel: the chip goes and the next message is not a reply.
      messageElement(bo, 'Where are the slides?')!
        .querySelector<HTMLButtonElement>('[data-action="reply"]')!
        .click();
      await bo.updateComplete;
      shadow(bo).querySelector<HTMLButtonElement>('[part~="reply-chip"] button')!.click();
      await bo.updateComplete;
      expect(shadow(bo).querySelector('[part~="reply-chip"]')).to.equal(null);
    });
  });

  describe('typing', () => {
    it('tells the other users who is typing', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="ana"
            server=${as('ana')}
            room=${room}
            token=${relay.tokens.ana}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
          <live-chat id="cy" server=${as('cy')} room=${room} token=${relay.tokens.cy}></live-chat>
        </div>`,
      );
      const [ana, bo, cy] = ['ana', 'bo', 'cy'].map((id) =>
        page.querySelector<LiveChat>(`#${id}`)!,
      );
      await loaded(ana, bo, cy);
      await typeInto(ana, 'I am wri');
      await waitForText(bo, 'Ana is typing…');
      await typeInto(cy, 'me t');
      await waitForText(bo, 'Ana and Cy are typing…');
      expect(textOf(ana)).not.to.include('Ana is typing');
      expect(textOf(ana)).to.include('Cy is typing…');
    });
  });

  describe('moderation', () => {
    it('lets a host delete any message, and the author their own', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-room server=${as('host')} room=${room} token=${relay.tokens.host}>
            <live-chat id="host"></live-chat>
          </live-room>
          <live-room server=${as('ana')} room=${room} token=${relay.tokens.ana}>
            <live-chat id="ana"></live-chat>
          </live-room>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const ana = page.querySelector<LiveChat>('#ana')!;
      await loaded(host, ana);
      await sendWithKeyboard(host, 'Welcome, everyone');
      await sendWithKeyboard(ana, 'Buy cheap watches');
      await waitForMessage(host, 'Buy cheap watches');
      await waitForMessage(ana, 'Welcome, everyone');

      // Ana may delete her own message only; the host sees every moderation button.
      expect(
        messageElement(ana, 'Buy cheap watches')!.querySelector('[data-action="delete"]'),
      ).not.to.equal(null);
      expect(
        messageElement(ana, 'Welcome, everyone')!.querySelector('[data-action="delete"]'),
      ).to.equal(null);
      expect(
        messageElement(ana, 'Welcome, everyone')!.querySelector('[data-action="pin"]'),
      ).to.equal(null);
      const spam = messageElement(host, 'Buy cheap watches')!;
      for (const action of ['delete', 'pin', 'timeout', 'ban']) {
        expect(spam.querySelector(`[data-action="${action}"]`), action).not.to.equal(null);
      }
      expect(shadow(host).querySelector('[part~="slow-mode"]')).not.to.equal(null);
      expect(shadow(ana).querySelector('[part~="slow-mode"]')).to.equal(null);

      const deleted = oneEvent(host, 'live-message-delete');
      spam.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
      expect((await deleted).detail.id).to.equal(spam.dataset.id);
      await waitUntil(
        () => !messageTexts(host).includes('Buy cheap watches'),
        'not deleted for the host',
      );
      await waitUntil(
        () => !messageTexts(ana).includes('Buy cheap watches'),
        'not deleted for Ana',
      );
      expect(messageTexts(ana)).to.deep.equal(['Welcome, everyone']);
    });

    it('pins a message for everyone, and unpins it', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const bo = page.querySelector<LiveChat>('#bo')!;
      await loaded(host, bo);
      await sendWithKeyboard(host, 'Slides: example.com/slides');
      await waitForMessage(host, 'Slides: example.com/slides');
      const pinned = oneEvent(host, 'live-message-pin');
      messageElement(host, 'Slides: example.com/slides')!
        .querySelector<HTMLButtonElement>('[data-action="pin"]')!
        .click();
      expect((await pinned).detail.id).to.be.a('string');
      await waitUntil(() =>
        shadow(bo).querySelector('[part~="pinned"]')?.textContent?.includes('example.com/slides'),
      );
      expect(shadow(bo).querySelector('[part~="pinned"] button')).to.equal(null);

      shadow(host).querySelector<HTMLButtonElement>('[part~="pinned"] button')!.click();
      await waitUntil(() => shadow(bo).querySelector('[part~="pinned"]') === null, 'still pinned');
    });

    it('times a user out: their input is disabled with the reason', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const bo = page.querySelector<LiveChat>('#bo')!;
      await loaded(host, bo);
      await sendWithKeyboard(bo, 'spam spam spam');
      await waitForMessage(host, 'spam spam spam');
      const banned = oneEvent(host, 'live-user-ban');
      messageElement(host, 'spam spam spam')!
        .querySelector<HTMLButtonElement>('[data-action="timeout"]')!
        .click();
      expect((await banned).detail).to.deep.equal({ userId: 'user-bo', minutes: 10, banned: true });

      await waitForText(bo, 'You have been timed out for 10 more minutes.');
      expect(input(bo).disabled).to.equal(true);
      expect(sendButton(bo).disabled).to.equal(true);
      await waitUntil(() =>
        messageElement(host, 'spam spam spam')?.querySelector('[data-action="unban"]'),
      );

      messageElement(host, 'spam spam spam')!
        .querySelector<HTMLButtonElement>('[data-action="unban"]')!
        .click();
      await waitUntil(() => !input(bo).disabled, 'still banned after unban');
    });

    it('turns slow mode on: the send button counts down', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const bo = page.querySelector<LiveChat>('#bo')!;
      await loaded(host, bo);
      const select = shadow(host).querySelector<HTMLSelectElement>('[part~="slow-mode"]')!;
      select.value = '30';
      select.dispatchEvent(new Event('change'));
      await waitForText(bo, 'Slow mode: one message every 30 s.');

      await sendWithKeyboard(bo, 'first');
      await waitForMessage(bo, 'first');
      await waitUntil(
        () => /^Wait (29|30) s$/.test(sendButton(bo).textContent!.trim()),
        'no countdown',
      );
      expect(sendButton(bo).disabled).to.equal(true);
      // Hosts are not slowed down.
      await sendWithKeyboard(host, 'host one');
      await sendWithKeyboard(host, 'host two');
      await waitForMessage(bo, 'host two');
    });

    it("goes back to the room's slow mode when the relay refuses a change", async () => {
      const room = uniqueRoom();
      const host = await fixture<LiveChat>(
        html`<live-chat server=${as('host')} room=${room} token=${relay.tokens.host}></live-chat>`,
      );
      await loaded(host);
      const select = shadow(host).querySelector<HTMLSelectElement>('[part~="slow-mode"]')!;
      select.value = '10';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => host.store!.$settings.get().slowModeSeconds === 10, 'not set');
      // A value no choice offers, past the relay's limit: refused with `invalid`.
      select.add(new Option('a day', '86400'));
      select.value = '86400';
      select.dispatchEvent(new Event('change'));
      await waitUntil(
        () => shadow(host).querySelector('.notice.error[role="alert"]'),
        'the refusal was not shown',
      );
      await waitUntil(
        () => select.value === '10',
        `the select shows ${select.value}, not the room's 10`,
      );
      expect(host.store!.$settings.get().slowModeSeconds).to.equal(10);
    });
  });

  describe('failures', () => {
    it('shows a refused send with its reason, and dismisses it', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
          ></live-chat>
          <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const bo = page.querySelector<LiveChat>('#bo')!;
      await loaded(host, bo);
      await sendWithKeyboard(host, 'soon gone');
      await waitForMessage(bo, 'soon gone');
      messageElement(bo, 'soon gone')!
        .querySelector<HTMLButtonElement>('[data-action="reply"]')!
        .click();
      await host.store!.remove(messageElement(host, 'soon gone')!.dataset.id!);
      await waitUntil(() => !messageTexts(bo).includes('soon gone'));

      await sendWithKeyboard(bo, 'a reply to nothing');
      await waitForText(bo, 'Not sent:');
      const failed = shadow(bo).querySelector('[part~="message"].failed')!;
      expect(failed.textContent).to.include('a reply to nothing');
      expect(failed.querySelector('[data-action="retry"]')).not.to.equal(null);
      failed.querySelector<HTMLButtonElement>('[data-action="dismiss"]')!.click();
      await waitUntil(() => shadow(bo).querySelector('[part~="message"].failed') === null);
    });
  });

  describe('scrolling', () => {
    it('keeps at most max-rendered messages and offers "jump to latest" when scrolled up', async () => {
      const room = uniqueRoom();
      const url = as('host');
      const connection = getConnection(url, { token: relay.tokens.host });
      const sendMany = async (from: number, count: number) => {
        for (let i = from; i < from + count; i++)
          await connection.op(`${room}/chat`, 'send', { text: `message ${i}` });
      };
      await sendMany(0, 30);
      const chat = await fixture<LiveChat>(
        html`<live-chat
          style="--hubbub-chat-height: 240px"
          server=${url}
          room=${room}
          max-rendered="20"
        ></live-chat>`,
      );
      await loaded(chat);
      await waitUntil(() => messageTexts(chat).includes('message 29'));
      expect(messageTexts(chat)).to.have.length(20);
      expect(messageTexts(chat)[0]).to.equal('message 10');
      const log = shadow(chat).querySelector<HTMLElement>('[part~="log"]')!;
      await waitUntil(
        () => log.scrollHeight - log.scrollTop - log.clientHeight < 2,
        'not at the bottom',
      );

      // At the bottom, new messages scroll in by themselves.
      await sendMany(30, 1);
      await waitForMessage(chat, 'message 30');
      await chat.updateComplete;
      expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
      expect(shadow(chat).querySelector('[part~="jump"]')).to.equal(null);

      // Scrolled up, they do not: a button offers to jump.
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await sendMany(31, 1);
      await waitForMessage(chat, 'message 31');
      await chat.updateComplete;
      expect(log.scrollTop).to.equal(0);
      const jump = shadow(chat).querySelector<HTMLButtonElement>('[part~="jump"]')!;
      expect(jump.textContent!.trim()).to.equal('Jump to latest');
      jump.click();
      await chat.updateComplete;
      expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
      expect(shadow(chat).querySelector('[part~="jump"]')).to.equal(null);
    });
  });

  describe('connection', () => {
    it('shows reconnecting and offline banners, queues sends, and delivers them when back', async () => {
      const room = uniqueRoom();
      const url = as('ana', relay.flakyUrl);
      getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
      const chat = await fixture<LiveChat>(
        html`<live-chat server=${url} room=${room}></live-chat>`,
      );
      await loaded(chat);
      await sendWithKeyboard(chat, 'before the drop');
      await waitForMessage(chat, 'before the drop');

      await executeServerCommand('relay-stop');
      await waitForText(chat, 'Reconnecting…');
      expect(input(chat).disabled).to.equal(false);
      await sendWithKeyboard(chat, 'sent while away');
      await waitForText(chat, 'sending…');

      // The browser says the network is gone: the banner says offline.
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        window.dispatchEvent(new Event('offline'));
        await waitForText(chat, 'You are offline.');
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }

      await executeServerCommand('relay-start');
      window.dispatchEvent(new Event('online'));
      // The in-memory relay starts a new epoch: the chat resets to what it has now.
      await waitForMessage(chat, 'sent while away');
      await waitUntil(
        () => shadow(chat).querySelector('[part~="banner"]') === null,
        'banner stayed',
      );
      expect(chat.store!.$pending.get()).to.have.length(0);
    });
  });

  describe('refused', () => {
    it('says why when the room becomes signed-in only, and shows the chat again once signed in', async () => {
      const room = uniqueRoom();
      const hostUrl = as('host');
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-chat
            id="host"
            server=${hostUrl}
            room=${room}
            token=${relay.tokens.host}
          ></live-chat>
          <live-room server=${as('guest')} room=${room} anon-name="Gus">
            <live-chat id="guest"></live-chat>
          </live-room>
        </div>`,
      );
      const host = page.querySelector<LiveChat>('#host')!;
      const guest = page.querySelector<LiveChat>('#guest')!;
      const guestRoom = page.querySelector<LiveRoom>('live-room')!;
      await loaded(host, guest);
      await sendWithKeyboard(host, 'welcome all');
      await waitForMessage(guest, 'welcome all');

      const hostConnection = getConnection(hostUrl);
      try {
        await hostConnection.op(`${room}/chat`, 'settings', { signedInOnly: true });
      } finally {
        releaseConnection(hostConnection);
      }
      await waitForText(guest, 'This room is for signed-in users only');
      const refused = shadow(guest).querySelector('[part~="refused"]')!;
      expect(refused.getAttribute('role')).to.equal('alert');
      expect(messageTexts(guest)).to.deep.equal([]);
      expect(input(guest).disabled).to.equal(true);
      expect(textOf(guest)).not.to.include('Loading');

      // A newcomer without a token is told the same instead of loading forever.
      const newcomer = await fixture<LiveChat>(
        html`<live-chat server=${as('newcomer')} room=${room}></live-chat>`,
      );
      await waitForText(newcomer, 'This room is for signed-in users only');

      guestRoom.token = relay.tokens.cy;
      await waitForMessage(guest, 'welcome all');
      expect(shadow(guest).querySelector('[part~="refused"]')).to.equal(null);
      expect(input(guest).disabled).to.equal(false);
    });
  });

  describe('several relays', () => {
    it('takes a list in any order on one socket, and skips a relay that is down', async () => {
      const room = uniqueRoom();
      const user = `multi-${room}`;
      const down = `${relay.flakyUrl}?as=${user}`;
      const up = `${relay.url}?as=${user}`;
      await executeServerCommand('relay-stop');
      try {
        const page = await fixture<HTMLElement>(
          html`<div>
            <live-chat
              id="one"
              server="${down} ${up}"
              room=${room}
              token=${relay.tokens.ana}
            ></live-chat>
            <live-chat
              id="two"
              server="  ${up}
  ${down} "
              room=${room}
            ></live-chat>
          </div>`,
        );
        const one = page.querySelector<LiveChat>('#one')!;
        const two = page.querySelector<LiveChat>('#two')!;
        await loaded(one, two);
        expect(openSockets(up)).to.have.length(1);
        expect(openSockets(down)).to.have.length(0);
        await sendWithKeyboard(one, 'from the list');
        await waitForMessage(two, 'from the list');
      } finally {
        await executeServerCommand('relay-start');
      }
    });
  });

  describe('<live-room>', () => {
    it('re-authenticates the shared connection when its token changes', async () => {
      const url = as('ana');
      const room = await fixture<LiveRoom>(
        html`<live-room server=${url} room=${uniqueRoom()} token=${relay.tokens.ana}>
          <live-chat></live-chat>
        </live-room>`,
      );
      const chat = room.querySelector('live-chat')!;
      await loaded(chat);
      const { tokens } = await relayInfo(); // freshly signed: a different token for the same user
      room.token = tokens.ana;
      await room.updateComplete;
      await waitUntil(() =>
        census.sent.some(
          (entry) => entry.url === new URL(url).href && (entry.frame as { t: string }).t === 'auth',
        ),
      );
      expect(room.connection!.$error.get()).to.equal(null);
    });

    it('lets an anonymous viewer chat under their anon-name, then sign in', async () => {
      const room = await fixture<LiveRoom>(
        html`<live-room server=${as('guest')} room=${uniqueRoom()} anon-name="Guest 42">
          <live-chat></live-chat>
        </live-room>`,
      );
      const chat = room.querySelector('live-chat')!;
      await loaded(chat);
      await sendWithKeyboard(chat, 'hello as a guest');
      await waitForMessage(chat, 'hello as a guest');
      const mine = messageElement(chat, 'hello as a guest')!;
      expect(mine.querySelector('[part~="author"]')!.textContent).to.equal('Guest 42');
      expect(room.connection!.$user.get()!.id).to.match(/^anon-/);
      expect(shadow(chat).querySelector('[part~="slow-mode"]')).to.equal(null);

      // Signing in (a host, here) switches the shared connection to the new identity.
      room.token = relay.tokens.host;
      await waitUntil(
        () => shadow(chat).querySelector('[part~="slow-mode"]') !== null,
        'no host view',
      );
      expect(room.connection!.$user.get()!.id).to.equal('host-1');
    });

    it('lets strings be replaced', async () => {
      const chat = await fixture<LiveChat>(
        html`<live-chat
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
          .strings=${{ send: 'Senden', empty: 'Noch keine Nachrichten.' }}
        ></live-chat>`,
      );
      await loaded(chat);
      expect(sendButton(chat).textContent!.trim()).to.equal('Senden');
      expect(textOf(chat)).to.include('Noch keine Nachrichten.');
    });
  });

  describe('keyboard', () => {
    it('reaches the message buttons with Tab from the message and shows them on focus', async () => {
      const room = uniqueRoom();
      const chat = await fixture<LiveChat>(
        html`<live-chat server=${as('host')} room=${room} token=${relay.tokens.host}></live-chat>`,
      );
      await loaded(chat);
      await sendWithKeyboard(chat, 'focus me');
      await waitForMessage(chat, 'focus me');
      const log = shadow(chat).querySelector<HTMLElement>('[part~="log"]')!;
      log.focus();
      await sendKeys({ press: 'Tab' });
      expect(shadow(chat).activeElement).to.equal(messageElement(chat, 'focus me'));
      await sendKeys({ press: 'Tab' });
      const focused = shadow(chat).activeElement as HTMLElement;
      expect(focused.dataset.action).to.equal('reply');
      const actions = focused.closest<HTMLElement>('[part~="actions"]')!;
      expect(getComputedStyle(actions).opacity).to.equal('1');
      expect(getComputedStyle(focused).outlineStyle).to.equal('solid');
    });
  });
});
