/**
 * The relay's `Dockerfile` as an operator uses it: built, started, probed and stopped with the
 * Docker engine. Issue 13 asks for this test "where Docker exists": on a machine with only the
 * Docker client (this project's CI machines have no engine) the tests report themselves skipped
 * with the reason `docker info` gave, and the README's "Run the relay" section documents the
 * same commands by hand.
 *
 * What it proves: the image builds from a clean checkout; node is PID 1 and the relay runs as a
 * non-root user; `/healthz` and `/readyz` answer through the published port; the HEALTHCHECK
 * turns the container healthy; `docker stop` (SIGTERM) ends it with exit code 0, not the 137 of a
 * kill after the grace period; the SQLite store is written to the `/data` volume and outlives the container.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

const exec = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Why these tests cannot run here, or `false` when a Docker engine answers. */
async function engineMissing(): Promise<string | false> {
  try {
    await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 });
    return false;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const why = (stderr || message).trim().split('\n')[0]!.slice(0, 200);
    return `no Docker engine on this machine (docker info: ${why})`;
  }
}

const skip = await engineMissing();
const tag = `hubbub-relay-test:${randomBytes(4).toString('hex')}`;
const volume = `hubbub-test-data-${randomBytes(4).toString('hex')}`;
let container = '';

const docker = async (args: string[], timeout = 60_000) =>
  (await exec('docker', args, { timeout, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('the Docker image', { skip }, () => {
  let base = '';

  before(async () => {
    await docker(['build', '-t', tag, root], 20 * 60_000);
    container = await docker([
      'run',
      '--detach',
      '--publish',
      '127.0.0.1::8080',
      '--volume',
      `${volume}:/data`,
      '--env',
      'HUBBUB_SECRET=docker-test-secret',
      tag,
    ]);
    const port = await docker(['port', container, '8080/tcp']);
    base = `http://${port.split('\n')[0]}`;
  });

  after(async () => {
    if (container) await docker(['rm', '--force', container]).catch(() => {});
    await docker(['volume', 'rm', '--force', volume]).catch(() => {});
    await docker(['image', 'rm', '--force', tag]).catch(() => {});
  });

  test('serves /healthz and /readyz through the published port', async () => {
    const health = await until('/healthz', async () => {
      const response = await fetch(`${base}/healthz`);
      return response.ok ? response : undefined;
    });
    assert.equal(health.status, 200);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
  });

  test('runs node as PID 1, as a non-root user', async () => {
    const cmdline = await docker(['exec', container, 'cat', '/proc/1/cmdline']);
    assert.match(cmdline.split('\0')[0]!, /(^|\/)node$/);
    assert.notEqual(await docker(['exec', container, 'id', '-u']), '0');
  });

  test('the HEALTHCHECK reports the container healthy', async () => {
    const status = await until(
      'a healthy container',
      async () => {
        const state = await docker(['inspect', '--format', '{{.State.Health.Status}}', container]);
        return state === 'healthy' ? state : undefined;
      },
      90_000,
    );
    assert.equal(status, 'healthy');
  });

  test('docker stop ends the relay with exit code 0, and its store stays in the volume', async () => {
    await docker(['stop', '--time', '20', container], 40_000);
    // A relay that ignored SIGTERM would be killed after the grace period: exit code 137.
    const code = await docker(['inspect', '--format', '{{.State.ExitCode}}', container]);
    assert.equal(code, '0', 'SIGTERM reached node and the relay exited cleanly');
    const files = await docker([
      'run',
      '--rm',
      '--volume',
      `${volume}:/data`,
      '--entrypoint',
      'ls',
      tag,
      '/data',
    ]);
    assert.match(files, /\.(db|sqlite)/, 'the SQLite store is in the /data volume');
  });
});
