/**
 * What an operator relies on beyond the protocol: `--version`, a `--config` file under the flags
 * and variables, and JSON log lines (pino, stderr) saying why a connection or a token was refused.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ClientPool, RawClient } from '../helpers/raw-client.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** Runs the CLI to its end; a non-zero exit is returned, not thrown. */
async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'server', 'cli.ts'), ...args],
      { cwd: root, env: { ...process.env, HUBBUB_SECRET: 'operator-test-secret' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** The relay's JSON log lines so far. */
function logLines(relay: RelayProcess): Record<string, unknown>[] {
  return relay
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

async function waitForLog(relay: RelayProcess, msg: string) {
  for (let i = 0; i < 200; i++) {
    const line = logLines(relay).find((entry) => entry.msg === msg);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`no log line "${msg}" in:\n${relay.output()}`);
}

describe('operator', { concurrency: true }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hubbub-operator-'));
  const configFile = join(dir, 'relay.json');
  let relay: RelayProcess;
  const pool = new ClientPool(() => relay.url);

  before(async () => {
    writeFileSync(
      configFile,
      JSON.stringify({ historyLimit: 321, 'replay-limit': 77, rateLimits: false, anonymous: true }),
    );
    // The file says 77, the variable 66 and the flag 55 for the replay limit: the flag wins.
    relay = await startRelay({
      memory: true,
      args: ['--config', configFile, '--replay-limit', '55'],
      env: { HUBBUB_REPLAY_LIMIT: '66', HUBBUB_HISTORY_LIMIT: '' },
    });
  });
  after(async () => {
    pool.closeAll();
    await relay?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('--version prints the version of the package', async () => {
    const { code, stdout } = await cli(['--version']);
    assert.equal(code, 0);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(stdout.trim(), version);
  });

  test('--config sets what flags and variables leave unset', async () => {
    const { welcome } = await pool.join({ token: relay.token({ sub: 'configured' }) });
    const limits = welcome.limits as Record<string, number>;
    assert.equal(limits.historyLimit, 321);
    assert.equal(limits.replayLimit, 55);
  });

  test('--config refuses an unknown setting and the secret, with exit code 2', async () => {
    for (const [body, words] of [
      [{ historyLimt: 1 }, /unknown setting historyLimt/],
      [{ secret: 'x' }, /HUBBUB_SECRET only/],
    ] as const) {
      const file = join(dir, `bad-${Object.keys(body)[0]}.json`);
      writeFileSync(file, JSON.stringify(body));
      const { code, stderr } = await cli(['--config', file, '--memory']);
      assert.equal(code, 2);
      assert.match(stderr, words);
    }
  });

  test('/readyz is 200 while the relay takes sockets, 503 once it is full', async () => {
    const small = await startRelay({ memory: true, args: ['--max-connections', '1'] });
    const clients = new ClientPool(() => small.url);
    try {
      assert.equal((await fetch(`${small.httpUrl}/readyz`)).status, 200);
      await clients.join({ token: small.token({ sub: 'first' }) });
      const answer = await fetch(`${small.httpUrl}/readyz`);
      assert.equal(answer.status, 503);
      assert.deepEqual(await answer.json(), { ready: false, full: true, connections: 1 });
      assert.equal((await fetch(`${small.httpUrl}/healthz`)).status, 200);
    } finally {
      clients.closeAll();
      await small.dispose();
    }
  });

  test('a bad token is refused and logged with its reason', async () => {
    const client = await RawClient.connect(relay.url);
    try {
      const answer = await client.hello({ token: 'not.a-valid.token' });
      assert.equal(answer.code, 'unauthorized');
      const line = await waitForLog(relay, 'refused: bad token');
      assert.equal(line.level, 40);
      assert.equal(typeof line.reason, 'string');
    } finally {
      client.terminate();
    }
  });

  test('a token that does not grant the room is refused and logged with the room', async () => {
    const client = await pool.join({
      token: relay.token({ sub: 'elsewhere', rooms: ['granted'] }),
    });
    const answer = await client.sub('not-granted/chat');
    assert.equal(answer.code, 'forbidden');
    const line = await waitForLog(relay, 'refused: room not granted');
    assert.equal(line.room, 'not-granted');
    assert.equal(line.user, 'elsewhere');
  });
});
