/**
 * `npm run cluster`: a local Redis (redis-server from PATH) and three relays on it, each serving
 * the demo pages, so a newcomer can watch the cluster work and kill a relay by hand. Data lives
 * under ./data/cluster; Ctrl-C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'data', 'cluster');
const REDIS_PORT = Number(process.env.HUBBUB_CLUSTER_REDIS_PORT ?? 6390);
const RELAY_PORTS = [8081, 8082, 8083];

if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.error(
    'npm run cluster needs redis-server on PATH (Debian: apt-get install redis-server)',
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
const secretFile = join(dir, 'secret');
if (!existsSync(secretFile)) {
  writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
}
const secret = readFileSync(secretFile, 'utf8').trim();

const children: ChildProcess[] = [];
function run(label: string, command: string, args: string[], env = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${label}] ${line}\n`)
      .join('');
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  children.push(child);
  return child;
}

// Redis keeps its data in an append-only file synced on every write: what a relay acknowledged
// survives Redis restarting too.
run('redis', 'redis-server', [
  '--port',
  String(REDIS_PORT),
  '--bind',
  '127.0.0.1',
  '--dir',
  dir,
  '--save',
  '',
  '--appendonly',
  'yes',
  '--appendfsync',
  'always',
]);
await new Promise((done) => setTimeout(done, 500));

const redisUrl = `redis://127.0.0.1:${REDIS_PORT}`;
const relays = RELAY_PORTS.map((port, i) =>
  run(
    `relay ${i + 1}`,
    process.execPath,
    [join(root, 'bin', 'hubbub-relay.js'), '--demo', '--port', String(port), '--redis', redisUrl],
    { HUBBUB_SECRET: secret },
  ),
);

setTimeout(() => {
  console.log(`
Hubbub cluster: Redis ${redisUrl} and three relays
${RELAY_PORTS.map((port, i) => `  relay ${i + 1}: http://127.0.0.1:${port}/  (pid ${relays[i].pid})`).join('\n')}
  host console:  http://127.0.0.1:${RELAY_PORTS[0]}/host.html
  status:        node bin/hubbub-relay.js status --redis ${redisUrl}

Open the stream page on any relay (it connects to all three), then kill one:
  kill -9 ${relays[0].pid}
and watch the page move to another relay with nothing lost. Ctrl-C stops everything.
`);
}, 1500);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  for (const child of children.reverse()) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
