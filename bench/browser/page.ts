/**
 * What every browser scenario shares: a page that loads `hubbub.js` from a build (this one's
 * `dist/`, or the build of an earlier commit) like any embedding site, in Debian's headless
 * Chromium driven over the DevTools protocol, with a probe installed before any script runs.
 *
 * The probe records animation frames, long tasks, the Event Timing entries of key presses (key
 * down to the next paint), and when each watched value first reached the screen: the widget's
 * shadow root is observed and, at the frame after a change, `read()` says how far the screen is
 * (the number of the newest message shown, the count of viewers shown).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../test/browser/chromium.mjs';

/** What the page collects. */
export interface PageProbe {
  running: boolean;
  frames: number[];
  longTasks: number[];
  /** Key presses: the longest Event Timing duration of each interaction. */
  keys: Record<string, number>;
  /** [epoch ms of the frame after a change, what `read()` said then], in order. */
  screen: [number, number][];
  watch(tag: string, read: string): void;
}

type ProbeWindow = Window & { probe: PageProbe };

/** What a trace records: what the Performance panel of DevTools records. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'latencyInfo',
  'loading',
].join(',');

/** Runs in the page before any script. */
function installProbe() {
  const probe: PageProbe = {
    running: false,
    frames: [],
    longTasks: [],
    keys: {},
    screen: [],
    watch(tag: string, readSource: string) {
      const host = document.querySelector(tag)!;
      // The reader comes as source: it is a page function, and the bench passes it as text.
      const read = new Function('root', readSource) as (root: ShadowRoot) => number;
      let scheduled = false;
      let last = -1;
      const look = () => {
        scheduled = false;
        const value = read(host.shadowRoot!);
        if (value !== last) probe.screen.push([Date.now(), (last = value)]);
      };
      new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        // The frame after the change: what the viewer sees from then on.
        requestAnimationFrame(look);
      }).observe(host.shadowRoot!, { childList: true, subtree: true, characterData: true });
      look();
      probe.running = true;
      let previous = performance.now();
      const frame = (time: number) => {
        if (!probe.running) return;
        probe.frames.push(time - previous);
        previous = time;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame((time) => {
        previous = time;
        requestAnimationFrame(frame);
      });
    },
  };
  new PerformanceObserver((list) => {
    if (!probe.running) return;
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEventTiming & {
      interactionId?: number;
    })[]) {
      if (!probe.running || !entry.interactionId || !entry.name.startsWith('key')) continue;
      const id = String(entry.interactionId);
      probe.keys[id] = Math.max(probe.keys[id] ?? 0, entry.duration);
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  (window as unknown as ProbeWindow).probe = probe;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** Serves the page at `/` and the build under `/dist/`, as an embedding site would. */
function servePage(dist: string, page: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname));
    if (path === '/')
      return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end(page);
    const file = join(dist, path.replace(/^\/dist\//, ''));
    if (!path.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Time the page's main thread spent (ms, wall clock, so the CPU throttle counts in it). */
interface MainThread {
  /**
   * CPU time of the page's renderer processes (`SystemInfo.getProcessInfo`): unlike the times
   * below, it does not grow while other processes hold the cores.
   */
  rendererCpuMs: number;
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

/** The renderer's own counters (DevTools protocol `Performance.getMetrics`), in ms. */
async function mainThread(cdp: CDPSession, browserCdp: CDPSession): Promise<MainThread> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; cpuTime: number }[];
  };
  const rendererCpuMs = processInfo
    .filter((process) => process.type === 'renderer')
    .reduce((sum, process) => sum + process.cpuTime * 1000, 0);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) =>
    (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return {
    taskMs: value('TaskDuration'),
    scriptMs: value('ScriptDuration'),
    styleMs: value('RecalcStyleDuration'),
    layoutMs: value('LayoutDuration'),
    rendererCpuMs,
  };
}

export interface BenchPage {
  tab: Page;
  cdp: CDPSession;
  errors: string[];
  /** Starts the probe on `tag`'s shadow root; `read` is the body of `(root) => number`. */
  watch(tag: string, read: string): Promise<void>;
  /**
   * Focuses `selector` (it pierces shadow roots), then presses a key every `everyMs` until
   * stopped; `stop()` says how many.
   */
  typeInto(selector: string, everyMs: number): Promise<{ stop(): Promise<number> }>;
  /** Records a V8 CPU profile of the page until `collect()`, written to `file`. */
  profile(file: string): Promise<void>;
  /**
   * Records a DevTools timeline trace (the Performance panel's: tasks, style, layout, paint,
   * Event Timing) until `collect()`, written to `file`.
   */
  trace(file: string): Promise<void>;
  /** Stops the probe (and the profile) and returns what it saw. */
  collect(): Promise<Omit<PageProbe, 'watch' | 'running'> & { busy: MainThread }>;
  close(): Promise<void>;
}

/** Opens `body` (inside a page that loads `dist/hubbub.js`) in a fresh headless Chromium. */
export async function openPage(dist: string, body: string): Promise<BenchPage> {
  if (!existsSync(join(dist, 'hubbub.js'))) throw new Error(`${dist}/hubbub.js is missing`);
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>bench</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/dist/hubbub.js"></script>
  </head>
  <body>
    ${body}
  </body>
</html>`;
  const server = await servePage(dist, html);
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
  });
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // tsx compiles this file with esbuild's keepNames, which wraps named functions inside the page
  // functions in `__name(...)`: the page needs that name too.
  await tab.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await tab.addInitScript(installProbe);
  await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const cdp = await tab.context().newCDPSession(tab);
  const browserCdp = await browser.newBrowserCDPSession();
  let profileFile: string | undefined;
  let traceFile: string | undefined;
  const traceEvents: unknown[] = [];
  let busyBefore: MainThread;
  return {
    tab,
    cdp,
    errors,
    async watch(tag, read) {
      await cdp.send('Performance.enable');
      busyBefore = await mainThread(cdp, browserCdp);
      await tab.evaluate(
        ([t, r]) => (window as unknown as ProbeWindow).probe.watch(t, r),
        [tag, read],
      );
    },
    async typeInto(selector, everyMs) {
      const state = { running: true };
      let typed = 0;
      await tab.locator(selector).focus();
      const done = (async () => {
        while (state.running) {
          await tab.keyboard.press(typed % 20 === 19 ? 'Space' : 'KeyA');
          typed++;
          await new Promise((resolve) => setTimeout(resolve, everyMs));
        }
      })();
      // A failure shows when stopped; until then it must not go unhandled.
      done.catch(() => {});
      return {
        async stop() {
          state.running = false;
          await done;
          return typed;
        },
      };
    },
    async profile(file) {
      profileFile = file;
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    },
    async trace(file) {
      traceFile = file;
      cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
      await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES });
    },
    async collect() {
      if (traceFile) {
        const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
        await cdp.send('Tracing.end');
        await complete;
        mkdirSync(dirname(traceFile), { recursive: true });
        writeFileSync(traceFile, JSON.stringify({ traceEvents }));
      }
      if (profileFile) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync(dirname(profileFile), { recursive: true });
        writeFileSync(profileFile, JSON.stringify(profile));
      }
      const seen = await tab.evaluate(() => {
        const { frames, longTasks, keys, screen } = (window as unknown as ProbeWindow).probe;
        (window as unknown as ProbeWindow).probe.running = false;
        return { frames, longTasks, keys, screen };
      });
      const busyAfter = await mainThread(cdp, browserCdp);
      const busy = {} as MainThread;
      for (const name of Object.keys(busyAfter) as (keyof MainThread)[]) {
        busy[name] = round(busyAfter[name] - busyBefore[name]);
      }
      return { ...seen, busy };
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/**
 * For each value published (`publishedAt[i]` when value `i + 1` was published, epoch ms), how
 * long until the screen showed it or a newer one. One never shown by `endAt` (the end of the
 * wait) counts as `endAt` minus its publish time, and in `neverShown`: a lower bound.
 */
export function lagsToScreen(publishedAt: number[], screen: [number, number][], endAt: number) {
  const lags: number[] = [];
  let neverShown = 0;
  let at = 0;
  for (let i = 0; i < publishedAt.length; i++) {
    while (at < screen.length && screen[at][1] < i + 1) at++;
    if (at < screen.length) lags.push(Math.max(0, screen[at][0] - publishedAt[i]));
    else {
      neverShown++;
      lags.push(Math.max(0, endAt - publishedAt[i]));
    }
  }
  return {
    published: lags.length,
    neverShown,
    p50Ms: Math.round(percentile(lags, 50)),
    p95Ms: Math.round(percentile(lags, 95)),
    maxMs: Math.round(Math.max(0, ...lags)),
  };
}

/** The figures every scenario reports, from what the probe saw. */
export function figures(probe: Awaited<ReturnType<BenchPage['collect']>>, keysTyped: number) {
  const lat = Object.values(probe.keys);
  // Event Timing reports interactions of 16 ms or more only: the others took less.
  const keys = [...lat, ...Array.from({ length: Math.max(0, keysTyped - lat.length) }, () => 16)];
  return {
    /** The main thread's busy time while the probe ran. */
    busy: probe.busy,
    frames: {
      count: probe.frames.length,
      p50Ms: round(percentile(probe.frames, 50)),
      p99Ms: round(percentile(probe.frames, 99)),
      maxMs: round(Math.max(0, ...probe.frames)),
    },
    longTasks: {
      count: probe.longTasks.length,
      over100Ms: probe.longTasks.filter((ms) => ms > 100).length,
      maxMs: round(Math.max(0, ...probe.longTasks)),
      totalMs: round(probe.longTasks.reduce((sum, ms) => sum + ms, 0)),
    },
    input: {
      keys: keysTyped,
      reported: lat.length,
      p50Ms: round(percentile(keys, 50)),
      p95Ms: round(percentile(keys, 95)),
      maxMs: round(Math.max(0, ...keys)),
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polled every 100 ms) or `ms` passed; says whether it held. */
export async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}
