/**
 * `<presence-bar>` in a real browser against a real relay (started by web-test-runner.config.mjs).
 * Each user gets its own relay URL (`?as=NAME`, ignored by the relay), hence its own connection.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements, type LiveChat, type PresenceBar } from '../../src/index.js';
import { getConnection, releaseConnection } from '../../src/connection/index.js';
import { relayInfo, typeInto, uniqueRoom, type RelayInfo } from './chat-helpers.js';
import {
  formatCount,
  hueOf,
  initialsOf,
  pictureOf,
  renderMember,
} from '../../src/elements/presence-bar/presence-bar.parts.js';
import { defaultPresenceStrings } from '../../src/elements/presence-bar/presence-bar.strings.js';
import type { PresenceMember } from '../../src/protocol/index.js';
import { part, parts, rootOf, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

let relay: RelayInfo;
before(async () => {
  defineElements();
  relay = await relayInfo();
});

/** A URL of the main relay for one user of the test. */
const as = (user: string) => `${relay.url}?as=${user}-${uniqueRoom()}`;

const avatarNames = (bar: PresenceBar) =>
  parts(bar, 'avatar').map((avatar) => avatar.getAttribute('aria-label') ?? avatar.title);

describe('<presence-bar>', () => {
  describe('texts', () => {
    it('makes initials, a stable colour per user, and compact counts for big rooms', () => {
      expect(initialsOf('Ana Lúcia Souza')).to.equal('AL');
      expect(initialsOf('Hana (host)')).to.equal('H');
      expect(initialsOf('élodie')).to.equal('É');
      expect(initialsOf('🦊')).to.equal('🦊');
      expect(hueOf('user-ana')).to.equal(hueOf('user-ana'));
      expect(hueOf('user-ana')).not.to.equal(hueOf('user-bo'));
      expect(formatCount(12_345, false)).to.equal('12,345');
      expect(formatCount(12_345, true)).to.equal('12.3K');
    });

    it('shows a member’s own name, never one from its data, and only https pictures', () => {
      const mallory: PresenceMember = {
        id: 'user-mallory',
        name: 'Mallory',
        role: 'audience',
        data: { name: 'Hana (host)', avatar: 'http://tracker.example/pixel.png' },
      };
      const list = document.createElement('ul');
      render(renderMember(mallory, defaultPresenceStrings, undefined, new Set(), true), list);
      expect(list.querySelector('[part~="name"]')!.textContent).to.equal('Mallory');
      expect(list.querySelector('[part~="avatar"]')!.getAttribute('title')).to.equal('Mallory');
      expect(list.querySelector('img')).to.equal(null);

      const listed = 'https://cdn.example/mallory.png';
      const signed = 'https://site.example/mallory.png';
      expect(pictureOf({ ...mallory, data: { avatar: listed } })).to.equal(listed);
      expect(pictureOf({ ...mallory, avatar: signed, data: { avatar: listed } })).to.equal(signed);
      expect(pictureOf({ ...mallory, data: { avatar: 'javascript:alert(1)' } })).to.equal(
        undefined,
      );
    });
  });

  describe('members', () => {
    it('enters when connected, shows both users, and leaves when removed', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
          </presence-bar>
          <presence-bar id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}>
          </presence-bar>
        </div>`,
      );
      const ana = page.querySelector<PresenceBar>('#ana')!;
      const bo = page.querySelector<PresenceBar>('#bo')!;
      await widgetsLoaded(ana, bo);
      await waitForTextIn(ana, '2 people watching');
      await waitForTextIn(bo, '2 people watching');
      expect(part(ana, 'count')!.textContent).to.include('2 watching');
      await waitUntil(() => avatarNames(ana).length === 2, 'avatars did not update');
      expect(avatarNames(ana).sort()).to.deep.equal(['Ana', 'Bo']);
      expect(part(ana, 'initials')!.textContent).to.match(/^[AB]$/);

      bo.remove();
      await waitForTextIn(ana, '1 person watching');
      expect(part(ana, 'count')!.textContent).to.include('1 watching');
      expect(avatarNames(ana)).to.deep.equal(['Ana']);
    });

    it('only watches with no-enter, and shows the empty state', async () => {
      const room = uniqueRoom();
      const host = await fixture<PresenceBar>(
        html`<presence-bar
          server=${as('host')}
          room=${room}
          token=${relay.tokens.host}
          no-enter
        ></presence-bar>`,
      );
      await widgetsLoaded(host);
      expect(textIn(host)).to.include('Nobody here yet');
      expect(part(host, 'toggle')).to.equal(null);

      const ana = await fixture<PresenceBar>(
        html`<presence-bar
          server=${as('ana')}
          room=${room}
          token=${relay.tokens.ana}
          status="Lisbon"
        ></presence-bar>`,
      );
      await widgetsLoaded(ana);
      await waitUntil(() => avatarNames(host).join() === 'Ana', 'Ana never showed');
      expect(textIn(host)).to.include('1 person watching');
      expect(ana.store!.$members.get()[0].data).to.deep.equal({ status: 'Lisbon' });
    });

    it('shows the relay’s name even when a page sends another one in presence data', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
          </presence-bar>
          <presence-bar id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo} no-enter>
          </presence-bar>
        </div>`,
      );
      const ana = page.querySelector<PresenceBar>('#ana')!;
      const bo = page.querySelector<PresenceBar>('#bo')!;
      await widgetsLoaded(ana, bo);
      await waitUntil(() => avatarNames(bo).join() === 'Ana');
      await ana.store!.update({ name: 'Hana (host)', status: 'On stage' });
      await waitUntil(
        () => bo.store!.$members.get()[0]?.data.status === 'On stage',
        'the update never came',
      );
      expect(bo.store!.$members.get()[0].data).to.deep.equal({ status: 'On stage' });
      expect(avatarNames(bo)).to.deep.equal(['Ana']);
    });
  });

  describe('leaving the page', () => {
    /** Ana entered and Bo watching her (Bo does not enter), each on their own connection. */
    async function anaWatchedByBo() {
      const room = uniqueRoom();
      const anaUrl = as('ana');
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar id="ana" server=${anaUrl} room=${room} token=${relay.tokens.ana}>
          </presence-bar>
          <presence-bar id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo} no-enter>
          </presence-bar>
        </div>`,
      );
      const bo = page.querySelector<PresenceBar>('#bo')!;
      await widgetsLoaded(page.querySelector<PresenceBar>('#ana')!, bo);
      await waitUntil(() => avatarNames(bo).join() === 'Ana', 'Ana never showed');
      return { anaUrl, bo };
    }

    it('leaves at once on pagehide, and enters again when the page is restored', async () => {
      const { bo } = await anaWatchedByBo();
      const hiddenAt = performance.now();
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      await waitUntil(() => avatarNames(bo).length === 0, 'Ana stayed', { timeout: 5_000 });
      // The relay's grace is 15 s; a leave shows within its presence interval (250 ms).
      expect(performance.now() - hiddenAt).to.be.below(3_000);

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await waitUntil(() => avatarNames(bo).join() === 'Ana', 'Ana never came back', {
        timeout: 5_000,
      });
    });

    it('keeps a member whose socket went without pagehide for the grace', async () => {
      const { anaUrl, bo } = await anaWatchedByBo();
      // Ana's socket goes without a leave, and her connection never comes back.
      const connection = getConnection(anaUrl);
      releaseConnection(connection);
      connection.close();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(avatarNames(bo)).to.deep.equal(['Ana']);
    });
  });

  describe('signing in and out', () => {
    it('shows the viewer once, under their new name, as soon as they sign in or out', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar id="viewer" server=${as('viewer')} room=${room} anon-name="Zed">
          </presence-bar>
          <presence-bar
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
            no-enter
          >
          </presence-bar>
        </div>`,
      );
      const viewer = page.querySelector<PresenceBar>('#viewer')!;
      const host = page.querySelector<PresenceBar>('#host')!;
      await widgetsLoaded(viewer, host);
      await waitUntil(() => avatarNames(host).join() === 'Zed', 'Zed never showed');

      // Another identity on the same page is not a dropped connection: no grace (15 s) for the
      // old one, or the room would count this viewer twice.
      viewer.setAttribute('token', relay.tokens.ana);
      await waitUntil(
        () => avatarNames(host).join() === 'Ana',
        'the viewer showed twice or not at all',
        {
          timeout: 5_000,
        },
      );
      viewer.removeAttribute('token');
      await waitUntil(
        () => avatarNames(host).join() === 'Zed',
        'the viewer showed twice or not at all',
        {
          timeout: 5_000,
        },
      );
      expect(textIn(host)).to.include('1 person watching');
    });

    it('shows an anonymous viewer under the new anon-name, and their next message carries it', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-room server=${as('renamer')} room=${room} anon-name="Zed">
            <presence-bar id="viewer"></presence-bar>
            <live-chat id="chat"></live-chat>
          </live-room>
          <presence-bar
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
            no-enter
          >
          </presence-bar>
        </div>`,
      );
      await expectRenamed(page, () =>
        page.querySelector('live-room')!.setAttribute('anon-name', 'Yael'),
      );
    });

    it("renames a widget's own anonymous viewer when its anon-name changes, as under <live-room>", async () => {
      const room = uniqueRoom();
      const url = as('own-renamer');
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar id="viewer" server=${url} room=${room} anon-name="Zed"></presence-bar>
          <live-chat id="chat" server=${url} room=${room}></live-chat>
          <presence-bar
            id="host"
            server=${as('host')}
            room=${room}
            token=${relay.tokens.host}
            no-enter
          >
          </presence-bar>
        </div>`,
      );
      await expectRenamed(page, (viewer) => viewer.setAttribute('anon-name', 'Yael'));
    });
  });

  describe('typing', () => {
    it('tells who is typing in the room’s <live-chat>', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <presence-bar server=${as('ana')} room=${room} token=${relay.tokens.ana}></presence-bar>
          <live-chat server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
        </div>`,
      );
      const bar = page.querySelector('presence-bar')!;
      const chat = page.querySelector<LiveChat>('live-chat')!;
      await widgetsLoaded(bar, chat);
      expect(part(bar, 'typing')!.textContent).to.equal('');
      await typeInto(chat, 'Hello every');
      await waitUntil(
        () => part(bar, 'typing')!.textContent === 'Bo is typing…',
        'typing never showed',
      );
      expect(part(bar, 'typing')!.getAttribute('aria-live')).to.equal('polite');
    });
  });

  describe('member list', () => {
    it('opens with the keyboard, moves with arrows, and closes with Escape', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <button id="before">before</button>
          <presence-bar id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
          </presence-bar>
          <presence-bar
            id="bo"
            server=${as('bo')}
            room=${room}
            token=${relay.tokens.bo}
            status="Taking notes"
          ></presence-bar>
        </div>`,
      );
      const ana = page.querySelector<PresenceBar>('#ana')!;
      await widgetsLoaded(ana, page.querySelector<PresenceBar>('#bo')!);
      await waitForTextIn(ana, '2 people watching');
      const toggle = part<HTMLButtonElement>(ana, 'toggle')!;
      expect(toggle.textContent!.trim()).to.equal('Show everyone');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');

      page.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(rootOf(ana).activeElement).to.equal(toggle);
      await sendKeys({ press: 'Enter' });
      await ana.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const items = parts(ana, 'member');
      expect(items.map((item) => item.querySelector('[part~="name"]')!.textContent)).to.deep.equal([
        'Ana',
        'Bo',
      ]);
      expect(rootOf(ana).activeElement).to.equal(items[0]);
      expect(items[0].textContent).to.include('(you)');

      await sendKeys({ press: 'ArrowDown' });
      expect(rootOf(ana).activeElement).to.equal(items[1]);
      expect(items[1].textContent).to.include('Taking notes');
      expect(items[1].tabIndex).to.equal(0);
      expect(items[0].tabIndex).to.equal(-1);

      await sendKeys({ press: 'Escape' });
      await ana.updateComplete;
      expect(part(ana, 'panel')).to.equal(null);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(rootOf(ana).activeElement).to.equal(toggle);

      // Tabbing out of an open list closes it.
      await sendKeys({ press: 'Enter' });
      await ana.updateComplete;
      expect(rootOf(ana).activeElement).to.equal(parts(ana, 'member')[0]);
      await sendKeys({ press: 'Tab' });
      await ana.updateComplete;
      expect(part(ana, 'panel')).to.equal(null);
    });
  });
});

/**
 * In `page`, `#viewer` (a presence bar entered as "Zed") and `#chat` share one socket, `#host`
 * watches: after `rename`, the host sees "Yael" as an update, never a leave and a join, and the
 * chat's next message carries the new name.
 */
async function expectRenamed(page: HTMLElement, rename: (viewer: PresenceBar) => void) {
  const viewer = page.querySelector<PresenceBar>('#viewer')!;
  const chat = page.querySelector<LiveChat>('#chat')!;
  const host = page.querySelector<PresenceBar>('#host')!;
  await widgetsLoaded(viewer, chat, host);
  await waitUntil(() => avatarNames(host).join() === 'Zed', 'Zed never showed');
  const updates: string[] = [];
  const watcher = host.store!.$members.listen((members) =>
    updates.push(members.map((member) => member.name).join()),
  );
  try {
    rename(viewer);
    await waitUntil(() => avatarNames(host).join() === 'Yael', 'the new name never showed', {
      timeout: 5_000,
    });
    // A rename, not a leave and a join: the room never saw the viewer gone.
    expect(updates).to.not.include('');
    expect(textIn(host)).to.include('1 person watching');
    // The chat on the same socket speaks under the new name too.
    await chat.store!.send('after the rename');
    const sent = chat.store!.$messages.get().find((m) => m.text === 'after the rename');
    expect(sent?.user.name).to.equal('Yael');
  } finally {
    watcher();
  }
}
