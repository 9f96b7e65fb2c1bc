/**
 * Loads every story of the built Storybook (storybook-static/) in Chromium and fails on a page
 * error, a console error, a story that threw, or a widget that did not render. The "Live relay"
 * story runs against a real relay started here. Run `npm run build-storybook` first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../browser/chromium.mjs';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { STORY_CHECKS } from './checks/index.js';

const staticDir = join(import.meta.dirname, '..', '..', 'storybook-static');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

interface Entry {
  id: string;
  type: string;
  title: string;
  name: string;
  tags?: string[];
}

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname));
    // Chromium asks for it by itself; a 404 would be a console error.
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    let file = join(dir, path);
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('storybook smoke', () => {
  let server: Server;
  let browser: Browser;
  let relay: RelayProcess;
  let base: string;
  const entries: Entry[] = existsSync(join(staticDir, 'index.json'))
    ? Object.values(
        (
          JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')) as {
            entries: Record<string, Entry>;
          }
        ).entries,
      ).filter((entry) => entry.type === 'story')
    : [];

  before(async () => {
    assert.ok(entries.length > 0, 'no stories: run `npm run build-storybook` first');
    [server, relay, browser] = await Promise.all([
      serve(staticDir),
      startRelay({ memory: true }),
      chromium.launch({ executablePath: chromiumPath, args: chromiumFlags }),
    ]);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await browser?.close();
    await relay?.dispose();
    server?.close();
  });

  it('finds stories for live-chat', () => {
    assert.ok(entries.some((entry) => entry.id.startsWith('widgets-live-chat--')));
  });

  for (const entry of entries) {
    it(`renders ${entry.title} / ${entry.name}`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      try {
        const url = `${base}/iframe.html?id=${entry.id}&viewMode=story&relay=${encodeURIComponent(relay.url)}`;
        await page.goto(url);
        await page.waitForFunction(renderDone, undefined, { timeout: 15_000 });
        const phase = await page.evaluate(renderPhase);
        assert.ok(['completed', 'finished'].includes(phase ?? ''), `story ended in phase ${phase}`);
        assert.equal(
          await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay')),
          false,
        );
        await assertWidgetsRendered(page);
        const [component, slug] = entry.id.split('--');
        const checks = STORY_CHECKS[component];
        if (checks?.stories[slug]) await waitForCheck(page, checks.tag, checks.stories[slug]);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

/** Where Storybook's preview is with the current story (`completed` once play has run). */
function renderPhase(): string | undefined {
  const preview = Reflect.get(window, '__STORYBOOK_PREVIEW__') as
    { currentRender?: { phase?: string } } | undefined;
  return preview?.currentRender?.phase;
}

/** True once the story has rendered and played, or failed. Runs in the page: self-contained. */
function renderDone(): boolean {
  const preview = Reflect.get(window, '__STORYBOOK_PREVIEW__') as
    { currentRender?: { phase?: string } } | undefined;
  const phase = preview?.currentRender?.phase ?? '';
  return ['completed', 'finished', 'errored', 'aborted'].includes(phase);
}

/** Every Hubbub element in the story is defined and rendered something into its shadow root. */
async function assertWidgetsRendered(page: Page): Promise<void> {
  const report = await page.evaluate(() =>
    [...document.querySelectorAll('#storybook-root *')]
      .filter((element) => /^(live-|presence-bar$)/.test(element.localName))
      .map((element) => ({
        tag: element.localName,
        defined: customElements.get(element.localName) !== undefined,
        rendered: (element.shadowRoot?.childElementCount ?? 0) > 0,
      })),
  );
  assert.ok(report.length > 0, 'the story shows no Hubbub element');
  for (const widget of report) {
    assert.ok(widget.defined, `<${widget.tag}> is not defined`);
    assert.ok(widget.rendered, `<${widget.tag}> rendered nothing`);
  }
}

/** Waits until `check` holds in the story's `tag` element (`root`: its shadow root; `text`). */
async function waitForCheck(page: Page, tag: string, check: string): Promise<void> {
  const source = `(() => {
    const widget = document.querySelector('#storybook-root ${tag}');
    const root = widget && widget.shadowRoot;
    if (!root) return false;
    const text = root.textContent.replace(/\\s+/g, ' ');
    return Boolean(${check});
  })()`;
  try {
    await page.waitForFunction(source, undefined, { timeout: 8_000 });
  } catch {
    const text = await page.evaluate(
      (selector) => document.querySelector(selector)?.shadowRoot?.textContent?.replace(/\s+/g, ' '),
      `#storybook-root ${tag}`,
    );
    assert.fail(`story check failed: ${check}\nwidget text: ${text}`);
  }
}
