/**
 * The servers under test, each in its own process on a free loopback port, and what /proc says
 * of their CPU time and memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRelay, TEST_SECRET, type RelayProcess } from '../../test/helpers/relay.js';
import type { TargetKind } from './clients.js';

export const SECRET = TEST_SECRET;

export interface Target {
  kind: TargetKind;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const CLK_TCK = 100;

/** CPU time (user + system) of a process so far, in µs. */
export function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLK_TCK;
}

/** Resident set size of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

export const LABELS: Record<TargetKind, string> = {
  relay: 'Hubbub relay (SQLite)',
  ws: 'raw ws broadcast',
  socketio: 'Socket.IO 4 + recovery',
};

export async function startTarget(kind: TargetKind, relayArgs: string[] = []): Promise<Target> {
  if (kind === 'relay') {
    // `--profile DIR` (BENCH_PROFILE_DIR): the relay writes a V8 CPU profile there on exit.
    const profileDir = process.env.BENCH_PROFILE_DIR;
    const relay: RelayProcess = await startRelay({
      // The bench's clients come from a few loopback addresses: no per-address connection cap
      // (default 200) and no rate limits (which include the anonymous allowance per address).
      args: ['--rate-limits', 'off', '--max-connections-per-ip', '0', ...relayArgs],
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    return {
      kind,
      url: relay.url,
      pid: relay.process.pid!,
      async stop() {
        if (profileDir) await relay.stop('SIGTERM');
        await relay.dispose();
      },
    };
  }
  const peer = await startPeer(kind === 'ws' ? 'ws-broadcast' : 'socketio', []);
  return {
    kind,
    url: kind === 'ws' ? `ws://127.0.0.1:${peer.port}/` : `http://127.0.0.1:${peer.port}`,
    pid: peer.pid,
    stop: () => peer.kill('SIGKILL'),
  };
}

/** A peer server (bench/peers/NAME.ts) in its own process, on `port` (0: a free one). */
export interface PeerProcess {
  port: number;
  pid: number;
  /** Sends `signal` and resolves once the process exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startPeer(name: string, args: string[], port = 0): Promise<PeerProcess> {
  const file = fileURLToPath(new URL(`../peers/${name}.ts`, import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', file, String(port), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const bound = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on port (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`peer ${name} exited with ${code}`)));
  });
  return {
    port: bound,
    pid: child.pid!,
    kill: (signal) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
