/**
 * The relay's command line (PROTOCOL.md, Decisions on details: welcome.limits): every setting has
 * a kebab-case flag and a HUBBUB_ variable, the flag wins, and welcome.limits shows the result.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ClientPool } from '../helpers/raw-client.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every limit a client or a test may need, with a value other than its default. */
const LIMITS: Record<string, number> = {
  maxFrameBytes: 4_096,
  historyLimit: 500,
  historyTtlMs: 3_600_000,
  replayLimit: 50,
  presenceGraceMs: 5_000,
  presenceIntervalMs: 100,
  presenceListLimit: 20,
  tallyIntervalMs: 150,
  quizGraceMs: 400,
  heartbeatMs: 10_000,
  maxBufferedBytes: 262_144,
};

const kebab = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const envName = (name: string) => `HUBBUB_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Runs the relay's CLI to its end. */
function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'server', 'cli.ts'), ...args],
      {
        cwd: root,
        env: { ...process.env, HUBBUB_SECRET: 'cli-test-secret', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('cli', { concurrency: true }, () => {
  /** A relay configured only through HUBBUB_ variables, one only through flags. */
  const env = Object.fromEntries([
    ...Object.entries(LIMITS).map(([name, value]) => [envName(name), String(value)]),
    ['HUBBUB_RATE_LIMITS', 'off'],
  ]);
  const args = Object.entries(LIMITS).flatMap(([name, value]) => [kebab(name), String(value)]);
  let byEnv: RelayProcess;
  let byFlags: RelayProcess;
  const clients: ClientPool[] = [];

  before(async () => {
    [byEnv, byFlags] = await Promise.all([
      startRelay({ memory: true, env }),
      // The variable says otherwise: the flag must win.
      startRelay({ memory: true, args, env: { HUBBUB_HISTORY_LIMIT: '999' } }),
    ]);
  });
  after(async () => {
    for (const pool of clients) pool.closeAll();
    await Promise.all([byEnv?.dispose(), byFlags?.dispose()]);
  });

  async function joinAs(relay: RelayProcess, sub: string) {
    const pool = new ClientPool(() => relay.url);
    clients.push(pool);
    return pool.join({ token: relay.token({ sub }) });
  }

  test('--help lists every limit flag and environment variable, and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const name of Object.keys(LIMITS)) {
      assert.ok(stdout.includes(kebab(name)), `${kebab(name)} listed`);
      assert.ok(stdout.includes(envName(name)), `${envName(name)} listed`);
    }
    for (const word of [
      '--rate-limits',
      'HUBBUB_RATE_LIMITS',
      '--max-connections-per-ip',
      'HUBBUB_MAX_CONNECTIONS_PER_IP',
      'HUBBUB_SECRET',
    ]) {
      assert.ok(stdout.includes(word), `${word} listed`);
    }
  });

  test('--help keeps each option line in three columns: flag, variable, meaning', async () => {
    const { stdout } = await runCli(['--help']);
    const lines = stdout.split('\n').filter((line) => /^\s+--/.test(line));
    assert.ok(lines.length > 20, 'the options are listed');
    for (const line of lines) {
      // Long flags (--max-subscriptions-per-connection) must not run into their variable.
      assert.match(line, /^\s+--[a-z-]+\s+HUBBUB_[A-Z_]+\s+\S/, line);
    }
  });

  test('an unknown flag exits with code 2 and names it', async () => {
    const { code, stderr } = await runCli(['--no-such-flag', '1']);
    assert.equal(code, 2);
    assert.match(stderr, /--no-such-flag/);
  });

  test('an --allowed-origins entry that is no origin exits with code 2 and names it', async () => {
    // A value no page's Origin can ever equal would refuse every page, silently.
    for (const value of ['site.example', 'https://site.example/live', '*']) {
      const { code, stderr } = await runCli(['--memory', '--allowed-origins', value]);
      assert.equal(code, 2, value);
      assert.match(stderr, /--allowed-origins/, value);
    }
  });

  test('a flag with a value that is not a number exits with code 2', async () => {
    const { code, stderr } = await runCli(['--history-limit', 'lots']);
    assert.equal(code, 2);
    assert.match(stderr, /--history-limit/);
  });

  test('every limit variable (HUBBUB_HISTORY_LIMIT, ...) is reflected in welcome', async () => {
    const { welcome } = await joinAs(byEnv, 'env');
    for (const [name, value] of Object.entries(LIMITS)) {
      assert.equal(welcome.limits[name], value, envName(name));
    }
    assert.equal(welcome.heartbeatMs, LIMITS.heartbeatMs);
  });

  test('every limit flag (--history-limit, ...) is reflected in welcome', async () => {
    const { welcome } = await joinAs(byFlags, 'flags');
    for (const [name, value] of Object.entries(LIMITS)) {
      assert.equal(welcome.limits[name], value, kebab(name));
    }
    assert.equal(welcome.heartbeatMs, LIMITS.heartbeatMs);
  });

  test('a flag wins over its variable', async () => {
    const { welcome } = await joinAs(byFlags, 'wins');
    assert.equal(welcome.limits.historyLimit, LIMITS.historyLimit);
  });

  test('HUBBUB_RATE_LIMITS=off turns the rate limits off', async () => {
    const client = await joinAs(byEnv, 'unlimited');
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => client.op('env-off/chat', 'send', { text: `${i}` })),
    );
    assert.deepEqual(
      answers.filter((a) => a.t !== 'ack'),
      [],
    );
  });
});

describe('cli: Redis by its documented variable', () => {
  let redis: RedisServer;
  let relay: RelayProcess | undefined;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await relay?.dispose();
    await redis.dispose();
  });

  test('HUBBUB_REDIS_URL joins the relay to the Redis, as --redis does', async () => {
    relay = await startRelay({ env: { HUBBUB_REDIS_URL: redis.url } });
    const health = (await (await fetch(`${relay.httpUrl}/healthz`)).json()) as {
      engine: string;
    };
    assert.equal(health.engine, 'redis');
  });

  test('--help names HUBBUB_REDIS_URL', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--redis\s+HUBBUB_REDIS_URL\s/);
  });
});
