/**
 * The script-tag entry (`dist/hubbub.js`, built by `npm run build`) in a page of its own: it
 * defines the elements the page has, from their chunks, and those added later; loading it twice,
 * or beside the app build, is harmless, and a widget of the app build still finds the
 * `<live-room>` of the script tag.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LiveChat } from '../../src/index.js';
import {
  loaded,
  messageElement,
  messageTexts,
  relayInfo,
  uniqueRoom,
  waitForMessage,
} from './chat-helpers.js';

interface Entry {
  load(tags: Iterable<string>): Promise<void>;
  ready: Promise<void>;
}
type Kit = typeof import('../../src/index.js');
const importEntry = (url: string) => import(/* @vite-ignore */ url) as Promise<Entry>;

const defined = (tag: string) => customElements.get(tag) !== undefined;

/** The staff parts of `<live-chat>` (live-chat.staff.ts) this page downloaded. */
const staffChunks = () =>
  performance
    .getEntriesByType('resource')
    .filter(({ name }) => /\/chunks\/live-chat\.staff-[\w-]+\.js$/.test(name));

describe('dist/hubbub.js', () => {
  let entry: Entry;
  let page: HTMLElement;
  let room: string;

  before(async () => {
    const response = await fetch('/dist/hubbub.js', { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/hubbub.js is missing: run `npm run build` first');
    const relay = await relayInfo();
    room = uniqueRoom();
    // The markup is there before the script runs, as on a page with the script tag in <head>.
    // (Not a fixture: those are removed after every test.)
    page = document.createElement('div');
    page.innerHTML = '<live-room><live-chat></live-chat></live-room>';
    const liveRoom = page.querySelector('live-room')!;
    liveRoom.setAttribute('server', `${relay.url}?as=bundle-${room}`);
    liveRoom.setAttribute('room', room);
    // Set before the element is defined: Lit takes the property over when it upgrades.
    (liveRoom as { token?: string }).token = relay.tokens.ana;
    document.body.append(page);
    expect(defined('live-chat')).to.equal(false);
    entry = await importEntry('/dist/hubbub.js');
    await entry.ready;
  });

  after(() => page.remove());

  it('defines the elements in the page, and only those', () => {
    expect(defined('live-room')).to.equal(true);
    expect(defined('live-chat')).to.equal(true);
    expect(defined('live-quiz')).to.equal(false);
    expect(defined('live-host-console')).to.equal(false);
  });

  it('connects the chat to its room', async () => {
    const chat = page.querySelector('live-chat')!;
    await loaded(chat);
    expect(chat.store!.channel).to.equal(`${room}/chat`);
    await chat.store!.send('from the script tag');
    await waitForMessage(chat, 'from the script tag');
  });

  it('gives a viewer’s chat no staff parts; a host’s loads them and moderates', async () => {
    const chat = page.querySelector('live-chat')!;
    await loaded(chat);
    await chat.store!.send('moderate me');
    await waitForMessage(chat, 'moderate me');
    expect(staffChunks()).to.have.length(0);
    const viewerActions = messageElement(chat, 'moderate me')!.querySelectorAll('[data-action]');
    expect([...viewerActions].map((button) => button.getAttribute('data-action'))).to.deep.equal([
      'reply',
      'delete',
    ]);

    const relay = await relayInfo();
    const hostRoom = document.createElement('live-room');
    hostRoom.setAttribute('server', `${relay.url}?as=bundle-host-${room}`);
    hostRoom.setAttribute('room', room);
    (hostRoom as { token?: string }).token = relay.tokens.host;
    const host = hostRoom.appendChild(document.createElement('live-chat'));
    page.append(hostRoom);
    try {
      await waitUntil(
        () => messageElement(host, 'moderate me')?.querySelector('[data-action="ban"]'),
        'the host never got the moderation buttons',
        { timeout: 10_000 },
      );
      expect(staffChunks()).to.have.length(1);
      expect(host.shadowRoot!.querySelector('[part~="slow-mode"]')).not.to.equal(null);
      messageElement(host, 'moderate me')!
        .querySelector<HTMLButtonElement>('[data-action="pin"]')!
        .click();
      await waitUntil(() => chat.store!.$pinned.get()?.text === 'moderate me', 'never pinned');
    } finally {
      hostRoom.remove();
    }
  });

  it('defines a tag added later, also deep in added markup', async () => {
    const later = document.createElement('section');
    later.innerHTML = '<div><p><live-leaderboard></live-leaderboard></p></div>';
    page.append(later);
    await waitUntil(() => defined('live-leaderboard'), '<live-leaderboard> was never defined');
    page.append(document.createElement('live-qa'));
    await waitUntil(() => defined('live-qa'), '<live-qa> was never defined');
  });

  it('defines the widgets the host console renders in its shadow root', async () => {
    expect(defined('live-chat-moderation')).to.equal(false);
    page.querySelector('live-room')!.append(document.createElement('live-host-console'));
    const panels = ['presence-bar', 'live-poll-editor', 'live-quiz-host', 'live-chat-moderation'];
    await waitUntil(() => panels.every(defined), 'the console’s widgets were never defined');
  });

  it('loads tags named by load(), for shadow roots the observer cannot see', async () => {
    expect(defined('live-poll')).to.equal(false);
    await entry.load(['live-poll']);
    expect(defined('live-poll')).to.equal(true);
    let error: unknown;
    await entry.load(['live-nothing']).catch((caught) => (error = caught));
    expect(String(error)).to.contain('<live-nothing>');
  });

  it('is harmless loaded twice', async () => {
    const chatClass = customElements.get('live-chat');
    const second = await importEntry('/dist/hubbub.js?copy=2');
    await second.ready;
    await second.load(['live-chat', 'live-quiz']);
    expect(customElements.get('live-chat')).to.equal(chatClass);
    expect(defined('live-quiz')).to.equal(true);
  });

  it('is harmless beside the app build, whose widgets find the script tag’s room', async () => {
    const roomClass = customElements.get('live-room');
    // The sources stand in for dist/index.js: a second copy of every class, defining nothing new.
    const app: Kit = await import('../../src/index.js');
    expect(customElements.get('live-room')).to.equal(roomClass);
    expect(app.LiveRoom).not.to.equal(roomClass);
    customElements.define('app-chat', app.LiveChat);
    const copy = document.createElement('app-chat') as LiveChat;
    page.querySelector('live-room')!.append(copy);
    const chat = page.querySelector('live-chat')!;
    await loaded(copy);
    expect(copy.store!.channel).to.equal(`${room}/chat`);
    await copy.store!.send('from the app build');
    await waitForMessage(chat, 'from the app build');
    expect(messageTexts(copy)).to.include('from the app build');
  });
});
