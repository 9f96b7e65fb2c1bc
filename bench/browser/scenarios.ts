/**
 * The browser scenarios: one widget in a page, fed by a real relay (a child process, rate limits
 * off) from Node, optionally on a CPU slowed down by the DevTools protocol
 * (`Emulation.setCPUThrottlingRate`), while a key is pressed in the page every 250 ms.
 *
 * - `chat`: `<live-chat>`, a steady stream of messages (test/helpers/chat-burst.ts).
 * - `typing`: `<live-chat>` with no traffic at all: what a key costs on its own.
 * - `qa`: `<live-qa sort="time">` over 1,000 questions, votes flowing from 40 voters and a new
 *   question twice a second (the newest question is first: its lag is the screen's lag).
 * - `presence`: `<presence-bar>` while 10,000 viewers enter the room, each on a socket of its
 *   own (the bench's lean client, over eight source addresses).
 */
import { LOCAL_ADDRESSES } from '../lib/pool.js';
import { RelayConn } from '../lib/clients.js';
import { publishBurst } from '../../test/helpers/chat-burst.js';
import { startRelay, type RelayProcess } from '../../test/helpers/relay.js';
import { figures, lagsToScreen, openPage, sleep, until, type BenchPage } from './page.js';

export interface Run {
  /** The build whose `hubbub.js` the page loads. */
  dist: string;
  /** CPU slow-down (1: none). */
  throttle: number;
  /** Most time to wait, after the last publish, for the screen to show it. */
  catchUpMs: number;
  /** Where to write a V8 CPU profile of the page while the probe runs (none: no profile). */
  profile?: string;
  /** Where to write a DevTools timeline trace of the page while the probe runs (none: none). */
  trace?: string;
}

const TYPE_EVERY_MS = 250;
const RELAY_ARGS = ['--rate-limits', 'off', '--max-connections-per-ip', '0'];

/** `(root) => number` bodies that say how far the screen is. */
const READ = {
  newestMessage: `const log = root.querySelector('[part~="log"]');
    for (let el = log && log.lastElementChild; el; el = el.previousElementSibling) {
      const m = /^burst (\\d+)$/.exec(el.querySelector('[part~="text"]')?.textContent ?? '');
      if (m) return Number(m[1]);
    }
    return 0;`,
  // Sorted by time, the newest question is the list's first (the page asks none itself).
  newestQuestion: `const el = root.querySelector('[part~="list"] [part~="question"] [part~="text"]');
    const m = /^probe (\\d+)$/.exec(el?.textContent ?? '');
    return m ? Number(m[1]) : 0;`,
  viewers: `const label = root.querySelector('[part~="count"] .visually-hidden');
    return label ? Number(label.textContent.replace(/\\D/g, '')) : 0;`,
};

/** Opens the page, waits for the widget's store, slows the CPU, starts the probe. */
async function prepare(run: Run, body: string, tag: string, read: string): Promise<BenchPage> {
  const page = await openPage(run.dist, body);
  await page.tab.waitForFunction(
    (name) => {
      const element = document.querySelector(name) as
        (HTMLElement & { store?: { $loaded: { get(): boolean } } }) | null;
      return element?.store?.$loaded.get() === true;
    },
    tag,
    { timeout: 30_000 },
  );
  if (run.throttle > 1)
    await page.cdp.send('Emulation.setCPUThrottlingRate', { rate: run.throttle });
  if (run.profile) await page.profile(run.profile);
  if (run.trace) await page.trace(run.trace);
  await page.watch(tag, read);
  return page;
}

/** The newest value the screen showed. */
async function onScreen(page: BenchPage): Promise<number> {
  return page.tab.evaluate(
    () =>
      (window as unknown as { probe: { screen: [number, number][] } }).probe.screen.at(-1)?.[1] ??
      0,
  );
}

const room = () => `bench-${Date.now().toString(36)}`;

async function withRelay<T>(work: (relay: RelayProcess) => Promise<T>): Promise<T> {
  const relay = await startRelay({ memory: true, args: RELAY_ARGS });
  try {
    return await work(relay);
  } finally {
    await relay.dispose();
  }
}

export function chat(run: Run, stream: { perSecond: number; seconds: number }) {
  return withRelay(async (relay) => {
    const id = room();
    const page = await prepare(
      run,
      `<live-room server="${relay.url}" room="${id}" anon-name="Viewer"><live-chat></live-chat></live-room>`,
      'live-chat',
      READ.newestMessage,
    );
    try {
      const typist = await page.typeInto('live-chat textarea', TYPE_EVERY_MS);
      const burst = await publishBurst({
        url: relay.url,
        token: relay.token({ sub: 'bench-host', name: 'Bench', role: 'host' }),
        channel: `${id}/chat`,
        ...stream,
      });
      const total = burst.texts.length;
      await until(async () => (await onScreen(page)) >= total, run.catchUpMs);
      const endAt = Date.now();
      const keys = await typist.stop();
      const probe = await page.collect();
      return {
        ...figures(probe, keys),
        lag: lagsToScreen(burst.sentAt, probe.screen, endAt),
        pageErrors: page.errors.length,
      };
    } finally {
      await page.close();
    }
  });
}

/** `<live-chat>` with no traffic, only the viewer typing: the floor of the input latency. */
export function typing(run: Run, load: { seconds: number }) {
  return withRelay(async (relay) => {
    const page = await prepare(
      run,
      `<live-room server="${relay.url}" room="${room()}" anon-name="Viewer"><live-chat></live-chat></live-room>`,
      'live-chat',
      READ.newestMessage,
    );
    try {
      const typist = await page.typeInto('live-chat textarea', TYPE_EVERY_MS);
      await sleep(load.seconds * 1000);
      const keys = await typist.stop();
      const probe = await page.collect();
      return {
        ...figures(probe, keys),
        lag: lagsToScreen([], probe.screen, Date.now()),
        pageErrors: page.errors.length,
      };
    } finally {
      await page.close();
    }
  });
}

export function qa(
  run: Run,
  load: { questions: number; votesPerSecond: number; asksPerSecond: number; seconds: number },
) {
  return withRelay(async (relay) => {
    const id = room();
    const ch = `${id}/qa`;
    const host = new RelayConn({
      url: relay.url,
      token: relay.token({ sub: 'bench-host', name: 'Bench', role: 'host' }),
    });
    await host.open();
    const asked = await Promise.all(
      Array.from({ length: load.questions }, (_, i) =>
        host.op(ch, 'ask', { text: `question ${i + 1}` }),
      ),
    );
    const ids = asked.map((ack) => (ack.data as { id: string }).id);
    const voters = Array.from(
      { length: 40 },
      (_, i) =>
        new RelayConn({
          url: relay.url,
          token: relay.token({ sub: `voter-${i}`, name: `Voter ${i}` }),
        }),
    );
    await Promise.all(voters.map((voter) => voter.open()));
    const page = await prepare(
      run,
      `<live-room server="${relay.url}" room="${id}" anon-name="Viewer"><live-qa sort="time"></live-qa></live-room>`,
      'live-qa',
      READ.newestQuestion,
    );
    try {
      const typist = await page.typeInto('live-qa textarea', TYPE_EVERY_MS);
      const askedAt: number[] = [];
      const start = Date.now();
      let votes = 0;
      while (Date.now() - start < load.seconds * 1000) {
        const elapsed = (Date.now() - start) / 1000;
        for (; votes < elapsed * load.votesPerSecond; votes++) {
          const voter = voters[votes % voters.length];
          // Each voter walks the questions in its own order: never the same vote twice.
          const question = ids[(Math.floor(votes / voters.length) * 7 + votes) % ids.length];
          void voter.op(ch, 'upvote', { id: question });
        }
        while (askedAt.length < elapsed * load.asksPerSecond) {
          askedAt.push(Date.now());
          void host.op(ch, 'ask', { text: `probe ${askedAt.length}` });
        }
        await sleep(10);
      }
      await until(async () => (await onScreen(page)) >= askedAt.length, run.catchUpMs);
      const endAt = Date.now();
      const keys = await typist.stop();
      const probe = await page.collect();
      return {
        ...figures(probe, keys),
        votes,
        lag: lagsToScreen(askedAt, probe.screen, endAt),
        pageErrors: page.errors.length,
      };
    } finally {
      await page.close();
      for (const conn of [host, ...voters]) conn.close();
    }
  });
}

export function presence(run: Run, load: { viewers: number; perSecond: number }) {
  return withRelay(async (relay) => {
    const id = room();
    const ch = `${id}/presence`;
    const page = await prepare(
      run,
      `<live-room server="${relay.url}" room="${id}" anon-name="Viewer"><presence-bar></presence-bar></live-room>
      <input id="probe-input" aria-label="probe" />`,
      'presence-bar',
      READ.viewers,
    );
    const viewers: RelayConn[] = [];
    try {
      // The page's own viewer is in the room before the others come.
      await until(async () => (await onScreen(page)) >= 1, 10_000);
      const typist = await page.typeInto('#probe-input', TYPE_EVERY_MS);
      const enteredAt: number[] = [];
      const start = Date.now();
      const joins: Promise<void>[] = [];
      for (let i = 0; i < load.viewers; i++) {
        const due = start + (i * 1000) / load.perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        const token = relay.token({ sub: `viewer-${i}`, name: `Viewer ${i}` });
        const localAddress = LOCAL_ADDRESSES[i % LOCAL_ADDRESSES.length];
        // A handshake the busy machine drops is tried again, as the kit would, on a new socket.
        const join = async (attempt: number): Promise<void> => {
          const viewer = new RelayConn({ url: relay.url, token, localAddress });
          viewers.push(viewer);
          try {
            await viewer.open();
            const answer = await viewer.request({ t: 'presence', ch, action: 'enter', data: {} });
            if (answer.t !== 'ok') throw new Error(`enter: ${JSON.stringify(answer)}`);
            enteredAt.push(Date.now());
          } catch (error) {
            viewer.close();
            if (attempt >= 3) throw error;
            await sleep(500);
            return join(attempt + 1);
          }
        };
        joins.push(join(1));
      }
      await Promise.all(joins);
      // The screen counts the page's viewer too: the k-th entry is on screen at k + 1.
      await until(async () => (await onScreen(page)) >= load.viewers + 1, run.catchUpMs);
      const endAt = Date.now();
      const keys = await typist.stop();
      const probe = await page.collect();
      const screen = probe.screen.map(([at, count]): [number, number] => [at, count - 1]);
      return {
        ...figures(probe, keys),
        lag: lagsToScreen(enteredAt, screen, endAt),
        pageErrors: page.errors.length,
      };
    } finally {
      await page.close();
      for (const viewer of viewers) viewer.close();
    }
  });
}
