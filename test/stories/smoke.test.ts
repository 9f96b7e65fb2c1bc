/**
 * Loads every story of the built Storybook (storybook-static/) in Chromium and fails on a page
 * error, a console error, a story that threw, or a widget that did not render. The "Live relay"
 * story runs against a real relay started here. Run `npm run build-storybook` first.
 *
 * Then axe-core checks each story in light, dark and right-to-left, and the demo pages (served by
 * that relay from demo/ and dist/: run `npm run build` first) in light and dark: any violation
 * not listed in a11y-known.ts fails. `HUBBUB_A11Y_WRITE=1` writes bench/results/a11y.md.
 * Each story must also reflow at 320 CSS px: no horizontal scroll, no element wider (reflow.ts).
 * The stories share one page, switched as Storybook's sidebar does (see `showStory`).
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
import { A11Y_KNOWN } from './a11y-known.js';
import { A11yReport, MODES, runAxe, setGlobals, type Mode, type Violation } from './a11y.js';
import { REFLOW_WIDTH, reflowProblems } from './reflow.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const staticDir = join(repoRoot, 'storybook-static');
const known = new Set(A11Y_KNOWN.map(({ story, rule }) => `${story} ${rule}`));
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
  const report = new A11yReport();
  /** Pages axe has run on, so the known list is checked only against what this run saw. */
  const audited = new Set<string>();
  let axeMs = 0;
  let reflowMs = 0;
  let reflowed = 0;
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
      // --demo: the relay also serves the demo pages, for their axe checks.
      startRelay({ memory: true, args: ['--demo'] }),
      chromium.launch({ executablePath: chromiumPath, args: chromiumFlags }),
    ]);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await storyPage?.close();
    console.log(`${report.summary()}; ${(axeMs / 1000).toFixed(1)} s in axe and theme switches`);
    const reflow = `reflow at ${REFLOW_WIDTH} px: ${reflowed} stories checked, ${(reflowMs / 1000).toFixed(1)} s`;
    console.log(reflow);
    console.log(
      `needs review, by rule: ${JSON.stringify(Object.fromEntries(report.incompleteByRule()))}`,
    );
    if (process.env['HUBBUB_A11Y_WRITE']) {
      report.write(join(repoRoot, 'bench', 'results', 'a11y.md'), known, axeMs / 1000, [reflow]);
    }
    await browser?.close();
    await relay?.dispose();
    server?.close();
  });

  it('finds stories for live-chat', () => {
    assert.ok(entries.some((entry) => entry.id.startsWith('widgets-live-chat--')));
  });

  /**
   * One page for all the stories: Storybook switches story in the page (as its sidebar does),
   * far faster than loading the preview again, and axe is injected once. A story that fails
   * takes its page with it, so the next story starts on a fresh one.
   */
  let storyPage: Page | undefined;
  let problems: string[] = [];

  async function showStory(id: string): Promise<Page> {
    if (!storyPage) {
      const page = await browser.newPage();
      storyPage = page;
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      await page.goto(
        `${base}/iframe.html?id=${id}&viewMode=story&relay=${encodeURIComponent(relay.url)}`,
      );
    } else {
      await storyPage.evaluate((storyId) => {
        const channel = Reflect.get(window, '__STORYBOOK_ADDONS_CHANNEL__') as {
          emit(event: string, payload: unknown): void;
        };
        channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
      }, id);
    }
    await storyPage.waitForFunction(renderDone, id, { timeout: 15_000 });
    return storyPage;
  }

  for (const entry of entries) {
    it(`renders ${entry.title} / ${entry.name}`, async () => {
      problems = [];
      try {
        const page = await showStory(entry.id);
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
        const started = performance.now();
        const found: [string, Violation[]][] = [];
        for (const mode of Object.keys(MODES) as Mode[]) {
          if (mode !== 'light') await setGlobals(page, MODES[mode].globals);
          const outcome = await runAxe(page, MODES[mode].rules);
          report.add(entry.id, mode, outcome);
          found.push([mode, outcome.violations]);
        }
        // Back to light and left to right for the next story.
        await setGlobals(page, MODES.light.globals);
        audited.add(entry.id);
        axeMs += performance.now() - started;
        assertNoNewViolations(entry.id, found);
        const reflowStarted = performance.now();
        const tooWide = await reflowProblems(page);
        reflowMs += performance.now() - reflowStarted;
        reflowed++;
        assert.deepEqual(tooWide, [], `${entry.id} does not reflow at ${REFLOW_WIDTH} px`);
        assert.deepEqual(problems, []);
      } catch (error) {
        await storyPage?.close();
        storyPage = undefined;
        throw error;
      }
    });
  }

  for (const demo of ['index.html', 'host.html']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`demo ${demo} has no axe violations in ${colorScheme}`, async () => {
        assert.ok(existsSync(join(repoRoot, 'dist', 'hubbub.js')), 'run `npm run build` first');
        const page = await browser.newPage({ colorScheme });
        try {
          await page.goto(`${relay.httpUrl}/${demo}?room=a11y-${colorScheme}`);
          await page.waitForFunction(demoReady, undefined, { timeout: 15_000 });
          const started = performance.now();
          const outcome = await runAxe(page);
          axeMs += performance.now() - started;
          const id = `demo-${demo.replace('.html', '')}`;
          report.add(id, colorScheme, outcome);
          audited.add(id);
          assertNoNewViolations(id, [[colorScheme, outcome.violations]]);
        } finally {
          await page.close();
        }
      });
    }
  }

  // Runs last (node:test keeps the order): a known pair that no longer fails must go.
  it('lists only violations that still happen in a11y-known.ts', () => {
    const seen = report.pairs();
    const stale = A11Y_KNOWN.filter(
      ({ story, rule }) => audited.has(story) && !seen.has(`${story} ${rule}`),
    );
    assert.deepEqual(stale, [], 'fixed: remove these from test/stories/a11y-known.ts');
  });
});

/** Fails on a violation not in a11y-known.ts, naming the rule and the nodes. */
function assertNoNewViolations(page: string, byMode: [string, Violation[]][]): void {
  const fresh = byMode.flatMap(([mode, violations]) =>
    violations
      .filter((v) => !known.has(`${page} ${v.rule}`))
      .map((v) => `${mode}: ${v.rule} (${v.impact}) ${v.help}: ${v.targets.join(' ')}`),
  );
  assert.deepEqual(fresh, [], `axe violations in ${page}`);
}

/** The demo page's widgets are defined, rendered and connected. Runs in the page. */
function demoReady(): boolean {
  const widgets = [...document.querySelectorAll('*')].filter((element) =>
    /^(live-(?!room)|presence-bar$)/.test(element.localName),
  );
  return (
    widgets.length > 0 &&
    widgets.every((element) => (element.shadowRoot?.childElementCount ?? 0) > 0) &&
    !widgets.some((element) => /Connecting|Loading/i.test(element.shadowRoot?.textContent ?? ''))
  );
}

/** Where Storybook's preview is with the current story (`completed` once play has run). */
function renderPhase(): string | undefined {
  const preview = Reflect.get(window, '__STORYBOOK_PREVIEW__') as
    { currentRender?: { phase?: string } } | undefined;
  return preview?.currentRender?.phase;
}

/** True once story `id` has rendered and played, or failed. Runs in the page: self-contained. */
function renderDone(id: string): boolean {
  const preview = Reflect.get(window, '__STORYBOOK_PREVIEW__') as
    { currentRender?: { id?: string; phase?: string } } | undefined;
  const render = preview?.currentRender;
  return (
    render?.id === id &&
    ['completed', 'finished', 'errored', 'aborted'].includes(render.phase ?? '')
  );
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
