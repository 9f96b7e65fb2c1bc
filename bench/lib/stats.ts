/**
 * Latency histograms that merge across processes: 10 µs buckets up to 10 s, counted sparsely so
 * they travel over IPC as small objects.
 */
const BUCKET_US = 10;
const MAX_US = 10_000_000;

export type Histogram = Record<number, number>;

export class Recorder {
  #counts = new Map<number, number>();
  count = 0;

  add(us: number): void {
    const bucket = Math.min(Math.max(0, Math.floor(us / BUCKET_US)), MAX_US / BUCKET_US);
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + 1);
    this.count++;
  }

  toJSON(): Histogram {
    return Object.fromEntries(this.#counts);
  }
}

export interface Summary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Merges histograms and reads percentiles off the result (in ms, to 0.01). */
export function summarise(histograms: Histogram[]): Summary {
  const merged = new Map<number, number>();
  for (const histogram of histograms) {
    for (const [bucket, n] of Object.entries(histogram)) {
      merged.set(Number(bucket), (merged.get(Number(bucket)) ?? 0) + n);
    }
  }
  const buckets = [...merged.keys()].sort((a, b) => a - b);
  const count = buckets.reduce((sum, b) => sum + merged.get(b)!, 0);
  const at = (q: number): number => {
    if (count === 0) return NaN;
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (const bucket of buckets) {
      seen += merged.get(bucket)!;
      if (seen >= rank) return round(((bucket + 1) * BUCKET_US) / 1000);
    }
    return NaN;
  };
  return { count, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
