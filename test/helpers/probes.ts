/**
 * What abuse tests read off a running relay process: its memory, its health, the size of its
 * store, and how long a bystander waits for an answer while something else goes on.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RawClient } from './raw-client.js';
import type { RelayProcess } from './relay.js';

/** The relay process's resident memory, in MB (from /proc). */
export function rssMb(relay: RelayProcess): number {
  const status = readFileSync(`/proc/${relay.process.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Whether the relay process is still running. */
export function alive(relay: RelayProcess): boolean {
  return relay.process.exitCode === null && relay.process.signalCode === null;
}

export interface Health {
  status: number;
  ok: boolean;
  connections: number;
  channels: number;
}

export async function health(relay: RelayProcess): Promise<Health> {
  const response = await fetch(`${relay.httpUrl}/healthz`);
  return { status: response.status, ...((await response.json()) as Omit<Health, 'status'>) };
}

/** Bytes of the SQLite store (the file and its WAL). */
export function storeBytes(relay: RelayProcess): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(join(relay.dataDir!, `hubbub.sqlite${suffix}`)).size;
    } catch {
      // no WAL yet
    }
  }
  return total;
}

/**
 * A bystander's round trips while `during` runs: the longest tells how long the relay's event
 * loop stood still. The probe is a `sub` without `ch`: answered at once with `invalid`, and no
 * rate limit counts it.
 */
export async function longestRoundTrip(
  bystander: RawClient,
  during: Promise<unknown>,
): Promise<{ longestMs: number; count: number }> {
  const state = { done: false };
  void during.finally(() => (state.done = true));
  let longestMs = 0;
  let count = 0;
  while (!state.done) {
    const started = performance.now();
    const answer = await bystander.request({ t: 'sub' }, 30_000);
    if (answer.code !== 'invalid') throw new Error(`bystander got ${JSON.stringify(answer)}`);
    longestMs = Math.max(longestMs, performance.now() - started);
    count++;
  }
  return { longestMs, count };
}

/** Waits until `check` holds, polling every 50 ms. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
