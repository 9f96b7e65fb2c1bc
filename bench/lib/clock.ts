/**
 * Microseconds on the monotonic clock, comparable between processes of one machine.
 * `performance.now()` reads the same clock as `process.hrtime` (libuv's uv_hrtime), from this
 * process's start: one offset, taken once, makes it absolute without a BigInt per reading.
 */
const sample = (): number => Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;

const offsetUs = (() => {
  // The first readings are slow (lazy set-up); the median of later ones is steady to ~50 µs.
  for (let i = 0; i < 5; i++) sample();
  const samples = Array.from({ length: 9 }, sample).sort((a, b) => a - b);
  return samples[4];
})();

export function nowUs(): number {
  return offsetUs + performance.now() * 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
