/**
 * A Bloom filter over string keys: `mightHave` is false only for a key never added, so a store
 * can skip a lookup that would find nothing. Every new op asks the store whether its (user, mid)
 * was seen before; almost always it was not, and this answers that without a query.
 */
const PROBES = 6;

export class KeyFilter {
  #bits: Uint32Array;
  #mask: number;
  /** Keys added since the filter was last cleared. */
  size = 0;

  /** `log2Bits`: 2^log2Bits bits; 2^23 (1 MiB) keeps false positives near 2 % at a million keys. */
  constructor(readonly log2Bits = 23) {
    this.#bits = new Uint32Array(2 ** (log2Bits - 5));
    this.#mask = 2 ** log2Bits - 1;
  }

  /** How many keys it holds before false positives pass about 2 %. */
  get capacity(): number {
    return 2 ** this.log2Bits / 8;
  }

  add(key: string): void {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) & this.#mask;
      this.#bits[bit >>> 5] |= 1 << (bit & 31);
    }
    this.size++;
  }

  mightHave(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) & this.#mask;
      if ((this.#bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes of the key's UTF-16 code units (double hashing). */
function hashes(key: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  // An odd step visits distinct bits for every probe.
  return [h1 >>> 0, (h2 | 1) >>> 0];
}
