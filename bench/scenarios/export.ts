/**
 * Export (issue 15): a room of `messages` chat messages (one in `deleteEvery` deleted) is written
 * to a SQLite store, a real relay is started on it, and the room is exported over HTTP as JSON
 * and CSV, read as fast as possible, then by a slow reader. The relay's resident memory is
 * sampled meanwhile: streamed with backpressure, its growth stays far below the export's size.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyBatch } from '../../server/engines/engine.js';
import { SqliteEngine } from '../../server/engines/sqlite.js';
import * as wire from '../../server/wire.js';
import { startRelay } from '../../test/helpers/relay.js';
import { sleep } from '../lib/clock.js';

const API_KEY = 'bench-export-key-0123456789';
const ROOM = 'busy-day';

export interface ExportParams {
  messages: number;
  deleteEvery: number;
  /** The slow reader's pace, in MB/s. */
  slowMBps: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A day of chat, written straight to the store the relay will open. */
function seed(dataDir: string, { messages, deleteEvery }: ExportParams): void {
  const engine = new SqliteEngine(dataDir);
  const ch = `${ROOM}/chat`;
  const start = Date.now() - 60 * 60 * 1000;
  let seq = 0;
  let batch = emptyBatch();
  const push = (type: string, data: unknown, ts: number) => {
    seq++;
    const json = wire.ev({ ch, seq, type, data, ts });
    batch.events.push({ ch, event: { seq, type, data, ts, json }, expiresAt: ts + 86_400_000 });
    if (batch.events.length === 5_000) {
      engine.commit(batch);
      batch = emptyBatch();
    }
  };
  for (let i = 0; i < messages; i++) {
    const ts = start + Math.floor((i * 3_600_000) / messages);
    const id = `m${i.toString(36).padStart(8, '0')}`;
    const user = { id: `viewer-${i % 5000}`, name: `Viewer ${i % 5000}`, role: 'audience' };
    const text = `message ${i}: ${'lorem ipsum, "dolor" sit amet '.repeat(1 + (i % 4))}`.trim();
    push('message', { id, text, user }, ts);
    if (i % deleteEvery === 0) push('deleted', { id }, ts);
  }
  if (batch.events.length > 0) engine.commit(batch);
  void engine.close();
}

interface Reading {
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

async function read(url: string, pid: number, paceMBps: number | null): Promise<Reading> {
  const rssBeforeMb = rssMb(pid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 20);
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const byte of value) if (byte === 10) lines++;
    if (paceMBps) await sleep((value.length / (paceMBps * 1_000_000)) * 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
  return { rows: lines, bytes, seconds, rssBeforeMb, rssPeakMb };
}

export async function exportBench(params: ExportParams): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hubbub-bench-export-'));
  try {
    const seeding = performance.now();
    seed(dataDir, params);
    const seedS = (performance.now() - seeding) / 1000;
    const relay = await startRelay({ dataDir, env: { HUBBUB_API_KEY: API_KEY } });
    try {
      const pid = relay.process.pid!;
      const base = `${relay.httpUrl}/api/v1/rooms/${ROOM}/export?kind=chat`;
      // A first small export warms the code paths, so the figures are the export's own.
      await read(`${base}&format=json&to=${Date.now() - 3_500_000}`, pid, null);
      const result: Record<string, unknown> = { seedS: round(seedS) };
      for (const [name, url, pace] of [
        ['json', `${base}&format=json`, null],
        ['csv', `${base}&format=csv`, null],
        ['jsonSlow', `${base}&format=json`, params.slowMBps],
      ] as const) {
        const r = await read(url, pid, pace);
        result[name] = {
          // JSON: a line per row plus the opening and closing lines; CSV: one header line.
          rows: name === 'csv' ? r.rows - 1 : r.rows - 2,
          mb: round(r.bytes / 1e6),
          seconds: round(r.seconds),
          rowsPerS: Math.round(params.messages / r.seconds),
          rssBeforeMb: round(r.rssBeforeMb),
          rssPeakMb: round(r.rssPeakMb),
          rssGrowthMb: round(r.rssPeakMb - r.rssBeforeMb),
        };
      }
      return result;
    } finally {
      await relay.dispose();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
