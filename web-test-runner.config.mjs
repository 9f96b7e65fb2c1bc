/**
 * Browser tests: headless Debian Chromium against REAL relays started by the plugin below.
 * `npm run test:browser` (no build needed: esbuild compiles the TypeScript on the fly).
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { chromiumFlags, chromiumPath } from './test/browser/chromium.mjs';
import { mediaFeaturesPlugin } from './test/browser/media-features.mjs';

/**
 * Starts two in-memory relays for the whole run and tells the test pages about them at
 * `/__relay.json`: `main` for most tests, and `flaky`, which tests may stop and start again
 * (`executeServerCommand('relay-stop' | 'relay-start')`), or freeze and thaw
 * (`'relay-pause' | 'relay-resume'`: SIGSTOP, SIGCONT), without disturbing the others.
 * A third one without rate limits, `burst`, starts on the first `burst-relay` command; the
 * `chat-burst` command publishes a steady stream of chat messages to it from here.
 */
function relayPlugin() {
  /** @type {Record<'main' | 'flaky', import('./test/helpers/relay.ts').RelayProcess>} */
  const relays = {};
  /** @type {Promise<import('./test/helpers/relay.ts').RelayProcess> | undefined} */
  let burstRelay;
  let issued = 0;
  const startBurstRelay = () => {
    burstRelay ??= tsImport('./test/helpers/relay.ts', import.meta.url).then(({ startRelay }) =>
      startRelay({ memory: true, args: ['--rate-limits', 'off'] }),
    );
    return burstRelay;
  };
  /**
   * A relay of its own for the tab-sharing tests (`tabs-relay`), whose open sockets
   * `tabs-relay-connections` counts from its /metrics, and to which `tabs-chat-stream` publishes.
   * @type {Promise<import('./test/helpers/relay.ts').RelayProcess> | undefined}
   */
  let tabsRelay;
  const startTabsRelay = () => {
    tabsRelay ??= tsImport('./test/helpers/relay.ts', import.meta.url).then(({ startRelay }) =>
      startRelay({ memory: true, args: ['--rate-limits', 'off'] }),
    );
    return tabsRelay;
  };
  return {
    name: 'hubbub-relay',
    async serverStart() {
      const { startRelay } = await tsImport('./test/helpers/relay.ts', import.meta.url);
      [relays.main, relays.flaky] = await Promise.all([
        startRelay({ memory: true }),
        startRelay({ memory: true }),
      ]);
    },
    async serverStop() {
      relays.flaky?.process.kill('SIGCONT'); // a test that failed while it was paused
      const all = [
        ...Object.values(relays),
        ...(burstRelay ? [await burstRelay] : []),
        ...(tabsRelay ? [await tabsRelay] : []),
      ];
      await Promise.all(all.map((relay) => relay.dispose()));
    },
    serve(context) {
      if (context.path !== '/__relay.json') return undefined;
      const { main, flaky } = relays;
      // A distinct `exp` on every request makes every token new, for the token-change tests.
      const exp = Math.floor(Date.now() / 1000) + 3600 + (issued++ % 600);
      const person = (sub, name, role = 'audience') => main.token({ sub, name, role, exp });
      return {
        type: 'json',
        body: JSON.stringify({
          url: main.url,
          port: main.port,
          flakyUrl: flaky.url,
          tokens: {
            host: person('host-1', 'Hana', 'host'),
            ana: person('user-ana', 'Ana'),
            bo: person('user-bo', 'Bo'),
            cy: person('user-cy', 'Cy'),
            // Signed, but for one room only: every test room is one it does not grant.
            dee: main.token({ sub: 'user-dee', name: 'Dee', rooms: ['elsewhere'], exp }),
            // A moderator of that one room: staff, yet refused every test room.
            moe: main.token({
              sub: 'mod-moe',
              name: 'Moe',
              role: 'moderator',
              rooms: ['elsewhere'],
              exp,
            }),
          },
        }),
      };
    },
    async executeCommand({ command, payload }) {
      if (command === 'relay-stop') {
        await relays.flaky.stop();
        return true;
      }
      if (command === 'relay-start') {
        await relays.flaky.restart();
        return true;
      }
      // A relay that goes silent without closing anything: its sockets look open, nobody answers.
      if (command === 'relay-pause') return relays.flaky.process.kill('SIGSTOP');
      if (command === 'relay-resume') return relays.flaky.process.kill('SIGCONT');
      if (command === 'burst-relay') {
        const relay = await startBurstRelay();
        const exp = Math.floor(Date.now() / 1000) + 3600;
        return { url: relay.url, token: relay.token({ sub: 'user-ana', name: 'Ana', exp }) };
      }
      if (command === 'chat-burst') {
        const relay = await startBurstRelay();
        const { publishBurst } = await tsImport('./test/helpers/chat-burst.ts', import.meta.url);
        const { room, perSecond, seconds } = payload;
        const token = relay.token({ sub: 'host-1', name: 'Hana', role: 'host' });
        return publishBurst({ url: relay.url, token, channel: `${room}/chat`, perSecond, seconds });
      }
      if (command === 'tabs-relay') {
        const relay = await startTabsRelay();
        const exp = Math.floor(Date.now() / 1000) + 3600;
        const person = (sub, name) => relay.token({ sub, name, role: 'audience', exp });
        return {
          url: relay.url,
          tokens: { ana: person('user-ana', 'Ana'), bo: person('user-bo', 'Bo') },
        };
      }
      if (command === 'cdn-down') {
        for (const tag of payload.down ?? []) cdnDown.add(tag);
        for (const tag of payload.up ?? []) cdnDown.delete(tag);
        return cdnFailed;
      }
      if (command === 'tab-link') {
        tabLinkDown = payload.down;
        return true;
      }
      if (command === 'tabs-relay-connections') {
        const relay = await startTabsRelay();
        const text = await (await fetch(`${relay.httpUrl}/metrics`)).text();
        return Number(/^hubbub_connections (\d+)/m.exec(text)?.[1]);
      }
      if (command === 'tabs-chat-stream') {
        const relay = await startTabsRelay();
        const { publishBurst } = await tsImport('./test/helpers/chat-burst.ts', import.meta.url);
        const { room, perSecond, seconds, prefix } = payload;
        const token = relay.token({ sub: 'host-1', name: 'Hana', role: 'host' });
        return publishBurst({
          url: relay.url,
          token,
          channel: `${room}/chat`,
          perSecond,
          seconds,
          prefix,
        });
      }
      return undefined;
    },
  };
}

/**
 * The tab bus's chunk fails to load while set (`tab-link` command, `{ down: true | false }`): a
 * page whose chunk cannot load (a redeploy removed it) must still connect.
 */
let tabLinkDown = false;

/**
 * `/cdn/dist/…` serves `dist/` like a CDN whose answers for some elements' chunks fail with a 503
 * while their tags are in this set (`cdn-down` command, `{ down: [tags], up: [tags] }`, which
 * answers how many requests were failed so far). A path of its own: the chunks' answers under
 * `/dist/` are cached for a year, and a chunk another test file loaded would come from that cache
 * without asking.
 */
const cdnDown = new Set();
let cdnFailed = 0;

/** The chunk file names of the script-tag build: `<tag>-<hash>.js`. */
const chunkOf = (tag) => new RegExp(`/chunks/${tag}-[\\w-]{8}\\.js$`);

export default {
  files: ['test/browser/**/*.test.ts'],
  middleware: [
    (context, next) => {
      const cdn = /^\/cdn(\/dist\/.*)$/.exec(context.path);
      if (!cdn) return next();
      if ([...cdnDown].some((tag) => chunkOf(tag).test(cdn[1]))) {
        cdnFailed++;
        context.status = 503;
        context.set('cache-control', 'no-store');
        context.body = 'the CDN is down';
        return undefined;
      }
      context.url = cdn[1] + context.search;
      return next();
    },
    (context, next) => {
      if (!tabLinkDown || !/\/connection\/tabs\/tab-link\.[jt]s$/.test(context.path)) return next();
      // A network error, not a 503: this server marks every file's answer cacheable for a year,
      // and the browser would keep failing the chunk for the test files after.
      context.respond = false;
      context.req.socket.destroy();
      return undefined;
    },
  ],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 180_000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumFlags },
    }),
  ],
  plugins: [
    relayPlugin(),
    mediaFeaturesPlugin(),
    esbuildPlugin({
      ts: true,
      js: true,
      target: 'es2022',
      tsconfig: 'tsconfig.json',
      define: { 'process.env.NODE_ENV': '"development"' },
    }),
  ],
};
