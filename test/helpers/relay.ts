/**
 * Starts a real relay process (server/cli.ts through tsx) on a free loopback port, for tests.
 * Nothing here mocks the relay: tests talk to it over real sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signToken, type TokenClaims } from '../../server/auth.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RelayOptions {
  /** Use the in-memory engine instead of a SQLite file. */
  memory?: boolean;
  /** Data folder for the SQLite engine; a fresh temporary one by default. */
  dataDir?: string;
  /** Extra CLI flags, e.g. ['--heartbeat-ms', '200']. */
  args?: string[];
  env?: Record<string, string>;
  /** Flags for node itself, e.g. ['--cpu-prof'] (benchmarks). */
  nodeArgs?: string[];
  /** Port to listen on; 0 (a free one) by default. */
  port?: number;
  /** Leave out `--host 127.0.0.1`, so the relay chooses where to listen by its own rules. */
  omitHost?: boolean;
}

export interface RelayProcess {
  /** `ws://127.0.0.1:PORT/live` */
  url: string;
  /** `http://127.0.0.1:PORT` */
  httpUrl: string;
  port: number;
  secret: string;
  dataDir: string | undefined;
  process: ChildProcess;
  /** Everything the relay printed, for debugging. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (or null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the relay again on the same port and data folder. */
  restart(): Promise<void>;
  /** A JWT for this relay's secret. */
  token(claims: Partial<TokenClaims> & { sub: string }): string;
  /** Stops the relay (if running) and removes its temporary data folder. */
  dispose(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-0123456789abcdef';

export async function startRelay(options: RelayOptions = {}): Promise<RelayProcess> {
  const ownDataDir = !options.memory && !options.dataDir;
  const dataDir = options.memory
    ? undefined
    : (options.dataDir ?? mkdtempSync(join(tmpdir(), 'hubbub-test-')));
  let port = options.port ?? 0;
  let child!: ChildProcess;
  let log = '';

  async function launch(): Promise<void> {
    const args = [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      join(root, 'server', 'cli.ts'),
      ...(options.omitHost ? [] : ['--host', '127.0.0.1']),
      '--port',
      String(port),
      ...(dataDir ? ['--data', dataDir] : ['--memory']),
      ...(options.args ?? []),
    ];
    child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, HUBBUB_SECRET: TEST_SECRET, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay did not start:\n${log}`)), 15_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`relay exited with ${code} before listening:\n${log}`));
      });
    });
  }

  function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve(child.exitCode);
    }
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }

  await launch();
  const relay: RelayProcess = {
    get url() {
      return `ws://127.0.0.1:${port}/live`;
    },
    get httpUrl() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get process() {
      return child;
    },
    secret: TEST_SECRET,
    dataDir,
    output: () => log,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    token: (claims) =>
      signToken(TEST_SECRET, { name: claims.sub, role: 'audience', rooms: ['*'], ...claims }),
    async dispose() {
      await stop('SIGKILL');
      if (ownDataDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return relay;
}
