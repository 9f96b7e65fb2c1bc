/**
 * The demo's host console (demo/host.html) against a real relay in demo mode, in Chromium: its
 * dev token is asked for again, with backoff, until the relay gives one, and the page says what
 * it waits for meanwhile in a live region. Run `npm run build` first (the page loads dist/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../browser/chromium.mjs';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

/** How long the page may take to say or do something (no timing is asserted). */
const PATIENCE = { timeout: 20_000 };

/** The status line's text, whitespace collapsed. */
async function statusText(page: Page): Promise<string> {
  return (await page.locator('#status').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/**
 * In the page: whether every custom element, in shadow roots too, is defined. A string: tsx's
 * transform would give a function a helper the page does not have.
 */
const EVERY_WIDGET_DEFINED = `(() => {
  const pending = (root) =>
    root.querySelector(':not(:defined)') !== null ||
    [...root.querySelectorAll('*')].some((el) => el.shadowRoot && pending(el.shadowRoot));
  return customElements.get('live-host-console') !== undefined && !pending(document);
})()`;

describe('demo host console', () => {
  let relay: RelayProcess;
  let browser: Browser;

  before(async () => {
    [relay, browser] = await Promise.all([
      startRelay({ memory: true, args: ['--demo'] }),
      chromium.launch({ executablePath: chromiumPath, args: chromiumFlags }),
    ]);
  });

  after(async () => {
    await Promise.all([browser?.close(), relay?.dispose()]);
  });

  it('asks for its dev token again until the relay is back, saying so, then signs in', async () => {
    const page = await browser.newPage();
    // The first token request is held until the relay is gone, so that it fails as a request to
    // a relay that is down fails; the ones after it go to the network as they are.
    let held!: (route: Route) => void;
    const firstRequest = new Promise<Route>((resolve) => (held = resolve));
    await page.route('**/dev/token', (route) => held(route), { times: 1 });
    await page.goto(`${relay.httpUrl}/host.html`);
    const request = await firstRequest;
    // The relay serves the page's widgets too: they are in before it goes (a page opened while
    // it is down has no page at all; what this tests is a relay restarting under an open page).
    await page.waitForFunction(EVERY_WIDGET_DEFINED, undefined, PATIENCE);
    await relay.stop();
    await request.continue();

    const status = page.locator('#status');
    assert.equal(await status.getAttribute('role'), 'status');
    await page.waitForFunction(
      () => /Retrying…/.test(document.getElementById('status')?.textContent ?? ''),
      undefined,
      PATIENCE,
    );
    assert.match(
      await statusText(page),
      /^Can't get a host token yet: the relay does not answer\./,
    );

    await relay.restart();
    await page.waitForFunction(
      () => document.getElementById('status')?.textContent === 'Signed in as Host',
      undefined,
      PATIENCE,
    );
    // The console is live: its room's connection is welcomed as the host.
    await page.waitForFunction(
      () => {
        const room = document.querySelector('live-room') as
          (Element & { connection?: { $user: { get(): { role: string } | null } } }) | null;
        return room?.connection?.$user.get()?.role === 'host';
      },
      undefined,
      PATIENCE,
    );
    await page.close();
  });
});
