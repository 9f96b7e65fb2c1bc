/**
 * The two published packages as a user gets them (`npm run test:packages`, after
 * `npm run build:packages`): `npm pack` of `hubbub` and `hubbub-relay`, the tarballs' contents,
 * then both unpacked into a consumer project's `node_modules` (in `.pack-test/`, inside the
 * repository, so that their dependencies resolve to the repository's own `node_modules` with no
 * registry): every kit entry imported in plain Node without a DOM, a TypeScript app type-checked
 * against the packed types (React 19 JSX, Vue `GlobalComponents`, `bundler`, `node16` and
 * `node10` resolution), and the compiled relay started from its tarball.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Packages the relay needs that an app must never install with the kit. */
const SERVER_PACKAGES = [
  'better-sqlite3',
  'ws',
  'tsx',
  'ioredis',
  'pino',
  'prom-client',
  'esbuild',
];

interface Packed {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

let work: string;
let consumer: string;
const packed = new Map<string, Packed>();

/** A package as installed in the consumer project. */
const installed = (name: string) => join(consumer, 'node_modules', name);
const manifestOf = (name: string) =>
  JSON.parse(readFileSync(join(installed(name), 'package.json'), 'utf8'));

before(async () => {
  for (const dist of ['packages/hubbub/dist', 'packages/hubbub-relay/dist']) {
    assert.ok(existsSync(join(root, dist)), `${dist} is missing: run \`npm run build:packages\``);
  }
  mkdirSync(join(root, '.pack-test'), { recursive: true });
  work = mkdtempSync(join(root, '.pack-test', 'run-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', work, '-w', 'hubbub', '-w', 'hubbub-relay'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  for (const entry of JSON.parse(stdout) as Packed[]) packed.set(entry.name, entry);

  consumer = join(work, 'app');
  cpSync(join(root, 'test', 'packages', 'consumer'), consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const { name, filename } of packed.values()) {
    mkdirSync(installed(name), { recursive: true });
    await run('tar', ['-xzf', join(work, filename), '--strip-components=1', '-C', installed(name)]);
  }
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('the kit ships its build, types, manifest and LICENSE, and no sources, maps or tests', () => {
    const files = packed.get('hubbub')!.files.map((file) => file.path);
    for (const file of [
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'custom-elements.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/core.js',
      'dist/define/live-chat.js',
      'dist/embed.d.ts',
      'dist/cdn/hubbub.js',
      'dist/types/react.d.ts',
      'dist/types/vue.d.ts',
    ]) {
      assert.ok(files.includes(file), `${file} is in the kit`);
    }
    const stray = files.filter((file) =>
      /(^src\/|^server\/|^test\/|\.map$|\.vite\/|\.ts$(?<!\.d\.ts)|^stories\/|tsconfig)/.test(file),
    );
    assert.deepEqual(stray, []);
  });

  test('the kit depends on Lit, nanostores and tslib only: no server package, no install script', () => {
    const manifest = manifestOf('hubbub');
    // tslib: the one copy of TypeScript's decorator helper that every element module imports.
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), [
      '@lit/context',
      'lit',
      'nanostores',
      'tslib',
    ]);
    for (const field of ['optionalDependencies', 'peerDependencies', 'bin']) {
      assert.equal(manifest[field], undefined, `no ${field}`);
    }
    const scripts = Object.keys(manifest.scripts ?? {});
    assert.deepEqual(
      scripts.filter((name) => /install|prepare/.test(name)),
      [],
    );
    assert.ok(manifest.sideEffects.length > 0, 'sideEffects names the defining modules');
    assert.equal(manifest.customElements, 'custom-elements.json');
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      const { types, default: main } = target as { types?: string; default?: string };
      assert.ok(main, `${entry} has a default condition`);
      assert.ok(types, `${entry} has types`);
      for (const file of [types, main]) {
        assert.ok(existsSync(join(installed('hubbub'), file)), `${entry}: ${file} is packed`);
      }
    }
  });

  test('the relay ships compiled JavaScript, its bin and LICENSE, without tsx', () => {
    const files = packed.get('hubbub-relay')!.files.map((file) => file.path);
    for (const file of [
      'LICENSE',
      'bin/hubbub-relay.js',
      'dist/server/cli.js',
      'dist/server/index.js',
      'dist/server/index.d.ts',
      'dist/server/backend/index.js',
      'dist/server/backend/index.d.ts',
      'dist/src/protocol/index.js',
    ]) {
      assert.ok(files.includes(file), `${file} is in the relay`);
    }
    assert.deepEqual(
      files.filter((file) => /\.ts$(?<!\.d\.ts)|\.map$|^test\//.test(file)),
      [],
    );
    const manifest = manifestOf('hubbub-relay');
    assert.equal(manifest.dependencies.tsx, undefined);
    assert.doesNotMatch(
      readFileSync(join(installed('hubbub-relay'), 'bin/hubbub-relay.js'), 'utf8'),
      /tsx/,
    );
    const { dependencies } = manifestOf('hubbub');
    assert.deepEqual(
      SERVER_PACKAGES.filter((name) => name in dependencies),
      [],
    );
  });

  test('the manifest names the published files and where each element is defined', () => {
    const manifest = JSON.parse(
      readFileSync(join(installed('hubbub'), 'custom-elements.json'), 'utf8'),
    );
    const paths = manifest.modules.map((module: { path: string }) => module.path);
    assert.deepEqual(
      paths.filter((path: string) => !existsSync(join(installed('hubbub'), path))),
      [],
    );
    const defined = manifest.modules.flatMap(
      (module: { exports?: { kind: string; name: string }[] }) =>
        (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
    );
    assert.ok(defined.some((entry: { name: string }) => entry.name === 'live-chat'));
  });
});

/** Runs an ES module in the consumer project, in plain Node (no DOM), and returns its stdout. */
async function nodeModule(source: string, conditions: string[] = []) {
  const { stdout } = await run(
    process.execPath,
    [...conditions.map((name) => `--conditions=${name}`), '--input-type=module', '-e', source],
    { cwd: consumer },
  );
  return stdout.trim();
}

describe('without a DOM', () => {
  test('every export of the kit imports in plain Node and does nothing harmful', async () => {
    const { exports } = manifestOf('hubbub');
    const entries = Object.keys(exports)
      .filter((entry) => !entry.endsWith('.json'))
      .map((entry) => `hubbub${entry.slice(1)}`);
    const out = await nodeModule(`
      const names = ${JSON.stringify(entries)};
      for (const name of names) await import(name);
      const embed = await import('hubbub/embed');
      await embed.ready;
      console.log(typeof document, names.length);
    `);
    assert.equal(out, `undefined ${entries.length}`);
  });

  test('every export also imports under the browser condition (a test runner), leaving no DOM globals', async () => {
    // Lit's browser build reads HTMLElement and document as it loads; the kit lends it stand-ins
    // for that moment only.
    const { exports } = manifestOf('hubbub');
    const entries = Object.keys(exports)
      .filter((entry) => !entry.endsWith('.json'))
      .map((entry) => `hubbub${entry.slice(1)}`);
    const out = await nodeModule(
      `
      const names = ${JSON.stringify(entries)};
      const loaded = [];
      for (const name of names) loaded.push(await import(name));
      const [main] = loaded;
      const core = await import('hubbub/core');
      const embed = await import('hubbub/embed');
      await embed.ready;
      const globals = [typeof HTMLElement, typeof document, typeof customElements];
      console.log(typeof main.LiveChat, typeof core.createChatStore, typeof embed.load, ...globals);
    `,
      ['browser'],
    );
    assert.equal(out, 'function function function undefined undefined undefined');
  });

  test('hubbub/core defines no element and opens no socket', async () => {
    const out = await nodeModule(`
      const core = await import('hubbub/core');
      const defined = globalThis.customElements?.get('live-chat');
      console.log(typeof core.getConnection, typeof core.createChatStore, String(defined));
    `);
    assert.equal(out, 'function function undefined');
  });
});

describe('types', () => {
  test('a React 19 app type-checks against the packed types (JSX, events, Vue components)', async () => {
    await run(bin('tsc'), ['-p', join(consumer, 'tsconfig.json')], { cwd: consumer });
  });

  test('every entry resolves with its types under node16 resolution', async () => {
    await run(bin('tsc'), ['-p', join(consumer, 'tsconfig.node16.json')], { cwd: consumer });
  });

  test('every entry resolves with its types under node10 resolution (`moduleResolution: node`)', async () => {
    // Node10 reads no `exports`: without `typesVersions` every subpath (`hubbub/core`,
    // `hubbub/live-chat.js`) failed with TS2307 in an app still on `"moduleResolution": "node"`.
    const entries = Object.keys(manifestOf('hubbub').exports).filter(
      (entry) => !entry.endsWith('.json'),
    );
    assert.ok(entries.includes('./live-chat.js'));
    const source = entries
      .map((entry, i) => `export * as entry${i} from '${entry.replace(/^\./, 'hubbub')}';`)
      .join('\n');
    writeFileSync(join(consumer, 'node10.ts'), `${source}\n`);
    await run(bin('tsc'), ['-p', join(consumer, 'tsconfig.node10.json')], { cwd: consumer }).catch(
      (error: { stdout: string }) => assert.fail(error.stdout),
    );
  });
});

describe('the packed relay', () => {
  const relayBin = () => join(installed('hubbub-relay'), 'bin', 'hubbub-relay.js');

  test('--version prints the package version', async () => {
    const { stdout } = await run(process.execPath, [relayBin(), '--version'], { cwd: consumer });
    assert.equal(stdout.trim(), manifestOf('hubbub-relay').version);
  });

  test('starts on plain node, serves /healthz, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [relayBin(), '--memory', '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: consumer,
        env: { ...process.env, HUBBUB_SECRET: 'pack-test-secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) =>
          reject(new Error(`the relay exited (${code}) before listening`)),
        );
      });
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  test('createRelay and signToken work from the package, for a backend', async () => {
    const out = await nodeModule(`
      import { createRelay, signToken, verifyToken } from 'hubbub-relay';
      const relay = await createRelay({ secret: 's3cret', memory: true, port: 0, host: '127.0.0.1' });
      try {
        const token = signToken('s3cret', { sub: 'u1', name: 'Ann', role: 'host', rooms: ['r1'] });
        const identity = verifyToken('s3cret', token);
        const health = await fetch(relay.url + '/healthz');
        console.log(health.status, identity.user.id, identity.rooms.join(), relay.wsUrl.endsWith('/live'));
      } finally {
        await relay.close();
      }
    `);
    assert.equal(out, '200 u1 r1 true');
  });

  test('hubbub-relay/client calls the API and verifies webhooks, from the package', async () => {
    const out = await nodeModule(`
      import { createRelay } from 'hubbub-relay';
      import { createApiClient, signToken, verifyWebhook, webhookSignature } from 'hubbub-relay/client';
      const key = 'package-api-key-0123456789';
      const relay = await createRelay({ secret: 's3cret', apiKey: key, memory: true, port: 0, host: '127.0.0.1' });
      try {
        const hubbub = createApiClient({ url: relay.url, key });
        const sent = await hubbub.sendMessage('r1', 'hello', { sender: 'Bot' });
        const body = JSON.stringify({ type: 'message' });
        const t = Math.floor(Date.now() / 1000);
        const hook = verifyWebhook('whsec', { 'hubbub-signature': webhookSignature('whsec', t, body), 'hubbub-delivery': 'd1' }, body);
        console.log(sent.seq, typeof signToken, hook.delivery);
      } finally {
        await relay.close();
      }
    `);
    assert.equal(out, '1 function d1');
  });

  test('a delivery the packed relay sends verifies with the packed verifyWebhook, typed', async () => {
    const out = await nodeModule(`
      import { createServer } from 'node:http';
      import { createRelay } from 'hubbub-relay';
      import { createApiClient, verifyWebhook, WebhookError } from 'hubbub-relay/client';
      const secret = 'whsec-package-0123456789';
      const key = 'package-api-key-0123456789';
      let resolveGot;
      const got = new Promise((resolve) => (resolveGot = resolve));
      const receiver = createServer(async (request, response) => {
        const chunks = [];
        for await (const chunk of request) chunks.push(chunk);
        response.writeHead(204).end();
        resolveGot({ headers: request.headers, body: Buffer.concat(chunks) });
      });
      await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = 'http://127.0.0.1:' + receiver.address().port + '/hooks';
      const relay = await createRelay({
        secret: 's3cret', apiKey: key, memory: true, port: 0, host: '127.0.0.1',
        webhooks: {
          endpoints: [{ url, secret, events: ['message'] }],
          timeoutMs: 5000, maxAgeMs: 60000, retryBaseMs: 100, retryMaxMs: 400,
          maxQueued: 100, concurrency: 2,
        },
      });
      try {
        await createApiClient({ url: relay.url, key }).sendMessage('r1', 'from the package', { sender: 'Bot' });
        const { headers, body } = await got;
        const { payload } = verifyWebhook(secret, headers, body);
        let wrong = 'accepted';
        try { verifyWebhook('another-secret-0123456', headers, body); } catch (error) { wrong = error instanceof WebhookError ? 'refused' : String(error); }
        if (payload.type === 'message') console.log(payload.type, payload.data.text, wrong);
      } finally {
        await relay.close();
        receiver.close();
      }
    `);
    assert.equal(out, 'message from the package refused');
  });
});
