/**
 * What else the machine is doing: the bench shares two cores with whatever else runs (another
 * developer's tests, a browser), and its figures mean little while something else is busy. It
 * reads /proc: the CPU time of every process outside the bench's own tree (this process and its
 * descendants: servers, Redis, workers), and the machine's busy share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sleep } from './clock.js';

const CLK_TCK = 100;

interface Proc {
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
  start: string;
}

function scan(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        start: fields[19],
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return procs;
}

function ours(procs: Map<number, Proc>): Set<number> {
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, proc] of procs) {
      if (!mine.has(pid) && mine.has(proc.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  return mine;
}

function idleAndTotal(): [number, number] {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  return [values[3] + (values[4] ?? 0), values.reduce((s, v) => s + v, 0)];
}

export interface MachineSample {
  /** CPU the processes outside the bench used, in % of one core (a lower bound: processes that
   * came and went in between are not counted). */
  othersCpuPercent: number;
  /** The whole machine's busy share, in % of all its cores. */
  busyPercent: number;
}

/** Starts watching; `stop()` says what the rest of the machine did meanwhile. */
export function watchMachine(): { stop(): MachineSample } {
  const before = scan();
  const [idle0, total0] = idleAndTotal();
  const t0 = performance.now();
  return {
    stop() {
      const after = scan();
      const [idle1, total1] = idleAndTotal();
      const mine = ours(after);
      let ticks = 0;
      for (const [pid, proc] of after) {
        if (mine.has(pid)) continue;
        const earlier = before.get(pid);
        ticks += earlier && earlier.start === proc.start ? proc.ticks - earlier.ticks : proc.ticks;
      }
      const seconds = (performance.now() - t0) / 1000;
      return {
        othersCpuPercent: Math.round(((ticks / CLK_TCK) * 100) / Math.max(0.001, seconds)),
        busyPercent: Math.round((1 - (idle1 - idle0) / Math.max(1, total1 - total0)) * 100),
      };
    },
  };
}

/**
 * Waits (at most `maxMs`) until the processes outside the bench use less than `thresholdPercent`
 * of one core over two seconds; says how long it waited and what it saw last.
 */
export async function waitForQuiet(
  thresholdPercent: number,
  maxMs: number,
): Promise<{ waitedS: number; othersCpuPercent: number }> {
  const started = performance.now();
  for (;;) {
    const watch = watchMachine();
    await sleep(2000);
    const { othersCpuPercent } = watch.stop();
    const waited = performance.now() - started;
    if (othersCpuPercent < thresholdPercent || waited >= maxMs) {
      return { waitedS: Math.round(waited / 1000), othersCpuPercent };
    }
    process.stdout.write(`(others use ${othersCpuPercent}% of a core; waiting) `);
  }
}
