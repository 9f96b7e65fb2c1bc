/**
 * The script-tag entry when an element's chunk fails to download (a CDN hiccup, the server of the
 * files restarting): the loader asks for it again, with backoff, and the element is defined and
 * renders without a reload, while the page's other elements go on. If it gives up, the element
 * fires `live-error`, the console says it once, and a later `load()` asks again. The files come
 * from `/cdn/dist/` (see web-test-runner.config.mjs), which fails the chunks of the tags it is told
 * are down.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { relayInfo, uniqueRoom } from './chat-helpers.js';

interface Entry {
  load(tags: Iterable<string>): Promise<void>;
  ready: Promise<void>;
}
const importEntry = () =>
  import(/* @vite-ignore */ '/cdn/dist/hubbub.js' as string) as Promise<Entry>;

const defined = (tag: string) => customElements.get(tag) !== undefined;
/** Takes chunks down or up; resolves to how many chunk requests the CDN failed so far. */
const cdn = (change: { down?: string[]; up?: string[] }) =>
  executeServerCommand<number, typeof change>('cdn-down', change);

describe('dist/hubbub.js when a chunk fails to download', () => {
  let page: HTMLElement;

  before(async () => {
    const response = await fetch('/cdn/dist/hubbub.js', { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/hubbub.js is missing: run `npm run build` first');
    const relay = await relayInfo();
    const room = uniqueRoom();
    page = document.createElement('div');
    page.innerHTML = '<live-room><live-reactions></live-reactions></live-room>';
    const liveRoom = page.querySelector('live-room')!;
    liveRoom.setAttribute('server', `${relay.url}?as=embed-retry-${room}`);
    liveRoom.setAttribute('room', room);
    (liveRoom as { token?: string }).token = relay.tokens.ana;
    document.body.append(page);
  });

  after(async () => {
    page.remove();
    await cdn({ up: ['live-reactions', 'live-leaderboard'] });
  });

  it('defines and renders the element once its chunk comes back, without a reload', async () => {
    const before = await cdn({ down: ['live-reactions'] });
    const entry = await importEntry();
    await waitUntil(async () => (await cdn({})) > before, 'the chunk was never asked for');
    // The page's other elements do not wait for it.
    await waitUntil(() => defined('live-room'), '<live-room> was never defined');
    expect(defined('live-reactions')).to.equal(false);

    await cdn({ up: ['live-reactions'] });
    await entry.ready;
    expect(defined('live-reactions')).to.equal(true);
    const reactions = page.querySelector('live-reactions')!;
    await waitUntil(
      () => reactions.shadowRoot?.querySelector('button'),
      'the reactions never rendered their buttons',
    );
  });

  it('fires live-error on the element and logs once when it gives up; load() asks again', async function () {
    (this as { timeout(ms: number): void }).timeout(60_000); // about 15 s of backoff before it gives up
    await cdn({ down: ['live-leaderboard'] });
    const logged: unknown[][] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const board = document.createElement('live-leaderboard');
      const errored = new Promise<Event>((resolve) =>
        board.addEventListener('live-error', resolve, { once: true }),
      );
      page.querySelector('live-room')!.append(board);
      const event = (await errored) as Event & { detail: { code: string; message: string } };
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.detail.code).to.equal('internal');
      expect(event.detail.message).to.contain('<live-leaderboard>');
      expect(logged).to.have.length(1);
      expect(String(logged[0][0])).to.contain('<live-leaderboard>');
      expect(defined('live-leaderboard')).to.equal(false);
    } finally {
      console.error = log;
    }

    await cdn({ up: ['live-leaderboard'] });
    const entry = await importEntry();
    await entry.load(['live-leaderboard']);
    expect(defined('live-leaderboard')).to.equal(true);
  });
});
