/**
 * `<live-chat>` from the script-tag build under a burst: 1,000 messages a second for 5 s,
 * published from Node over a raw WebSocket to a real relay (a child process, rate limits off),
 * shown by headless Chromium in a page that loads `dist/hubbub.js` like any embedding site.
 *
 *   npm run build && node --import tsx bench/browser/chat-burst.ts [--rate 1000] [--seconds 5]
 *
 * Measured in the page: the most message nodes in the log at once, the nodes of the chat's
 * shadow root before and after, long tasks, rAF frame times, JS heap (after a GC) before and
 * after, and how long after the last publish the last message is in the DOM and painted.
 * Writes bench/results/chat-burst.json and appends a section to bench/results/chat-burst.md.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../test/browser/chromium.mjs';
import { publishBurst } from '../../test/helpers/chat-burst.js';
import { startRelay } from '../../test/helpers/relay.js';

const repo = join(import.meta.dirname, '..', '..');
const dist = join(repo, 'dist');
const results = join(repo, 'bench', 'results');

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
  },
});
/** The burst, and how long to wait for the page to catch up. */
const BURST = {
  perSecond: Number(flags.rate),
  seconds: Number(flags.seconds),
  catchUpTimeoutMs: 60_000,
  /** Quiet time after the last message before the "after" figures are taken. */
  settleMs: 1_000,
};

/** What the page collects; installed before hubbub.js runs. */
interface PageProbe {
  running: boolean;
  frames: number[];
  longTasks: { start: number; duration: number }[];
  /** Most message nodes in the log at once (every mutation replayed in order). */
  mostMessages: number;
  messagesAdded: number;
  /** Epoch ms each message was first in the DOM, by text. */
  insertedAt: Record<string, number>;
  /** Epoch ms of the first frame after `lastText` was in the DOM. */
  lastFrameAt?: number;
  lastText?: string;
  watch(lastText: string): void;
}

/** Where the probe lives in the page. */
type ProbeWindow = Window & { probe: PageProbe };

/** Runs in the page before any script: frames and long tasks from the moment `running` is set. */
function installProbe() {
  const MESSAGE = '[part~="message"]';
  const probe: PageProbe = {
    running: false,
    frames: [],
    longTasks: [],
    mostMessages: 0,
    messagesAdded: 0,
    insertedAt: {},
    watch(lastText: string) {
      const chat = document.querySelector('live-chat')!;
      const log = chat.shadowRoot!.querySelector('[part~="log"]')!;
      let now = log.querySelectorAll(MESSAGE).length;
      probe.mostMessages = now;
      probe.lastText = lastText;
      new MutationObserver((records) => {
        const at = Date.now();
        for (const record of records) {
          for (const node of record.removedNodes) {
            if (node instanceof Element && node.matches(MESSAGE)) now--;
          }
          for (const node of record.addedNodes) {
            if (!(node instanceof Element) || !node.matches(MESSAGE)) continue;
            now++;
            probe.messagesAdded++;
            probe.mostMessages = Math.max(probe.mostMessages, now);
            const text = node.querySelector('[part~="text"]')?.textContent ?? '';
            probe.insertedAt[text] ??= at;
            if (text === lastText) requestAnimationFrame(() => (probe.lastFrameAt = Date.now()));
          }
        }
      }).observe(log, { childList: true });
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
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask' });
  (window as unknown as ProbeWindow).probe = probe;
}

/** Nodes of the chat's shadow root: elements, and every node (text and Lit's comment markers). */
function countShadowNodes() {
  const root = document.querySelector('live-chat')!.shadowRoot!;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  let all = 0;
  while (walker.nextNode()) all++;
  return { elements: root.querySelectorAll('*').length, all };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** Serves the bench page at `/` and dist/ under `/dist/`, as an embedding site would. */
function servePage(page: string): Promise<Server> {
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

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main() {
  report(await measure());
}

/** Runs the burst once and returns every figure. */
async function measure() {
  if (!existsSync(join(dist, 'hubbub.js'))) {
    throw new Error('dist/hubbub.js is missing: run `npm run build` first');
  }
  const machine = {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGB: round(os.totalmem() / 1e9),
    loadAverageAtStart: os.loadavg().map((load) => round(load, 2)),
    node: process.version,
  };
  const relay = await startRelay({ memory: true, args: ['--rate-limits', 'off'] });
  const room = `bench-${Date.now().toString(36)}`;
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>chat burst</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/dist/hubbub.js"></script>
  </head>
  <body>
    <live-room server="${relay.url}" room="${room}" anon-name="Viewer">
      <live-chat></live-chat>
    </live-room>
  </body>
</html>`;
  const server = await servePage(html);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
  });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // tsx compiles this file with esbuild's keepNames, which wraps the named functions inside
    // the page functions below in `__name(...)`: the page needs that name too.
    await tab.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await tab.addInitScript(installProbe);
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => {
      const chat = document.querySelector('live-chat') as
        (HTMLElement & { store?: { $loaded: { get(): boolean } } }) | null;
      return chat?.store?.$loaded.get() === true;
    });
    const cdp = await tab.context().newCDPSession(tab);
    const heapAfterGc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    const total = BURST.perSecond * BURST.seconds;
    const lastText = `burst ${total}`;
    const heapBefore = await heapAfterGc();
    const nodesBefore = await tab.evaluate(countShadowNodes);
    await tab.evaluate((text) => (window as unknown as ProbeWindow).probe.watch(text), lastText);

    // The heap while the burst runs, sampled without forcing a GC.
    const heap = { peak: 0, sampling: true };
    const sampler = (async () => {
      while (heap.sampling) {
        heap.peak = Math.max(heap.peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    const burst = await publishBurst({
      url: relay.url,
      token: relay.token({ sub: 'bench-host', name: 'Bench', role: 'host' }),
      channel: `${room}/chat`,
      ...BURST,
    });
    await tab.waitForFunction(
      () => (window as unknown as ProbeWindow).probe.lastFrameAt !== undefined,
      undefined,
      { timeout: BURST.catchUpTimeoutMs },
    );
    await new Promise((resolve) => setTimeout(resolve, BURST.settleMs));
    heap.sampling = false;
    await sampler;
    const probe = await tab.evaluate(() => {
      const page = (window as unknown as ProbeWindow).probe;
      const { frames, longTasks, mostMessages, messagesAdded, insertedAt, lastFrameAt } = page;
      page.running = false;
      const chat = document.querySelector('live-chat')!;
      const shown = [...chat.shadowRoot!.querySelectorAll('[part~="message"] [part~="text"]')].map(
        (node) => node.textContent ?? '',
      );
      return {
        frames,
        longTasks,
        mostMessages,
        messagesAdded,
        insertedAt,
        lastFrameAt: lastFrameAt!,
        shown,
        cap: (chat as HTMLElement & { maxRendered: number }).maxRendered,
      };
    });
    const nodesAfter = await tab.evaluate(countShadowNodes);
    const heapAfter = await heapAfterGc();

    const frames = [...probe.frames].sort((a, b) => a - b);
    const latencies = burst.texts
      .map((text, i) => probe.insertedAt[text] - burst.sentAt[i])
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    const lastInsertedAt = probe.insertedAt[lastText];
    const expected = burst.texts.slice(-probe.cap);
    const result = {
      date: new Date().toISOString(),
      command: `node --import tsx bench/browser/chat-burst.ts --rate ${BURST.perSecond} --seconds ${BURST.seconds}`,
      machine: { ...machine, chromium: browser.version() },
      burst: {
        perSecond: BURST.perSecond,
        seconds: BURST.seconds,
        messages: total,
        publishedInMs: burst.lastSentAt - burst.firstSentAt,
        allAckedAfterMs: burst.lastAckAt - burst.firstSentAt,
      },
      dom: {
        cap: probe.cap,
        mostMessageNodes: probe.mostMessages,
        messageNodesAdded: probe.messagesAdded,
        messagesShownAtEnd: probe.shown.length,
        lastShownAreLastSentInOrder: JSON.stringify(probe.shown) === JSON.stringify(expected),
        shadowNodesBefore: nodesBefore,
        shadowNodesAfter: nodesAfter,
      },
      longTasks: {
        count: probe.longTasks.length,
        totalMs: round(probe.longTasks.reduce((sum, task) => sum + task.duration, 0)),
        maxMs: round(Math.max(0, ...probe.longTasks.map((task) => task.duration))),
      },
      frames: {
        count: frames.length,
        p50Ms: round(percentile(frames, 50)),
        p99Ms: round(percentile(frames, 99)),
        maxMs: round(frames.at(-1) ?? NaN),
      },
      heap: {
        beforeMB: round(heapBefore / 1e6, 2),
        peakDuringBurstMB: round(heap.peak / 1e6, 2),
        afterMB: round(heapAfter / 1e6, 2),
        note: 'used JS heap of the page (CDP Runtime.getHeapUsage); before and after follow a forced GC',
      },
      latency: {
        lastPublishToLastInDomMs: lastInsertedAt - burst.lastSentAt,
        lastPublishToNextFrameMs: probe.lastFrameAt - burst.lastSentAt,
        publishToDomP50Ms: percentile(latencies, 50),
        publishToDomP99Ms: percentile(latencies, 99),
        publishToDomMaxMs: latencies.at(-1) ?? NaN,
        measured: latencies.length,
      },
      pageErrors: errors,
    };
    return result;
  } finally {
    await browser.close();
    server.close();
    await relay.dispose();
  }
}

function report(result: Awaited<ReturnType<typeof measure>>) {
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'chat-burst.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { machine, burst, dom, longTasks, frames, heap, latency } = result;
  const md = join(results, 'chat-burst.md');
  if (!existsSync(md)) {
    writeFileSync(
      md,
      '# `<live-chat>` under a burst\n\nOne section per run of `npm run bench:browser` ' +
        '(bench/browser/chat-burst.ts), newest last.\n',
    );
  }
  const section = [
    '',
    `## ${result.date}`,
    '',
    `\`${result.command}\``,
    '',
    `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB, ${machine.os}; load average ` +
      `at start ${machine.loadAverageAtStart.join(' / ')}; Node ${machine.node}, Chromium ` +
      `${machine.chromium} headless. Relay, publisher and browser share the machine.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| messages published (${burst.perSecond}/s for ${burst.seconds} s) | ${burst.messages} in ${burst.publishedInMs} ms |`,
    `| most message nodes in the log at once (cap ${dom.cap}) | ${dom.mostMessageNodes} |`,
    `| message nodes added over the burst | ${dom.messageNodesAdded} |`,
    `| last ${dom.cap} shown = last ${dom.cap} sent, in order | ${dom.lastShownAreLastSentInOrder ? 'yes' : 'NO'} |`,
    `| shadow root nodes before → after (elements) | ${dom.shadowNodesBefore.elements} → ${dom.shadowNodesAfter.elements} |`,
    `| shadow root nodes before → after (all nodes) | ${dom.shadowNodesBefore.all} → ${dom.shadowNodesAfter.all} |`,
    `| long tasks: count, total, longest | ${longTasks.count}, ${longTasks.totalMs} ms, ${longTasks.maxMs} ms |`,
    `| frame time p50 / p99 / max (${frames.count} frames) | ${frames.p50Ms} / ${frames.p99Ms} / ${frames.maxMs} ms |`,
    `| JS heap before → peak → after | ${heap.beforeMB} → ${heap.peakDuringBurstMB} → ${heap.afterMB} MB |`,
    `| last publish → last message in the DOM | ${latency.lastPublishToLastInDomMs} ms |`,
    `| last publish → next frame after it | ${latency.lastPublishToNextFrameMs} ms |`,
    `| publish → in the DOM, p50 / p99 / max | ${latency.publishToDomP50Ms} / ${latency.publishToDomP99Ms} / ${latency.publishToDomMaxMs} ms |`,
    `| page errors | ${result.pageErrors.length} |`,
    '',
  ].join('\n');
  appendFileSync(md, section);
  console.log(section);
  console.log('wrote bench/results/chat-burst.json and appended to bench/results/chat-burst.md');
}

await main();
