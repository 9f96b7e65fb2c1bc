/**
 * Placeholders in fuzz frames for what the relay hands out (message, poll and question ids,
 * epochs, user ids) and what a run names (its rooms, ids, mids, tokens): unknown when a scenario
 * is generated, they are resolved when the frame is sent, against what the run has seen so far
 * (see `./run.ts`). Each prints itself, so a counterexample reads as the frames that were sent.
 */
import * as fc from 'fast-check';

export type RefKind = 'message' | 'poll' | 'question' | 'user' | 'epoch';

/** The n-th (modulo) value of a kind the run has seen, or an id that names nothing. */
export class Ref {
  constructor(
    readonly kind: RefKind,
    readonly n: number,
  ) {}
  [fc.toStringMethod](): string {
    return `Ref(${this.kind},${this.n})`;
  }
}

/** `ROOM/FEATURE` of one of the run's rooms. */
export class Ch {
  constructor(
    readonly room: number,
    readonly feature: string,
  ) {}
  [fc.toStringMethod](): string {
    return `Ch(${this.room},${this.feature})`;
  }
}

/** A channel this socket sent a `sub` for (the n-th, modulo), else `fallback`. */
export class Subbed {
  constructor(
    readonly n: number,
    readonly fallback: unknown,
  ) {}
  [fc.toStringMethod](): string {
    return `Subbed(${this.n})`;
  }
}

/**
 * A request id: `fresh` (a string no frame of this socket used), `number` (likewise, as a
 * number) or `reuse` (the id of an earlier op of this socket: the relay must answer each).
 */
export class Id {
  constructor(
    readonly kind: 'fresh' | 'number' | 'reuse',
    readonly n = 0,
  ) {}
  [fc.toStringMethod](): string {
    return `Id(${this.kind}${this.kind === 'reuse' ? `,${this.n}` : ''})`;
  }
}

/** An idempotency key from a small pool of the run: mids repeat, with other payloads too. */
export class Mid {
  constructor(readonly n: number) {}
  [fc.toStringMethod](): string {
    return `Mid(${this.n})`;
  }
}

export interface TokenSpec {
  /** One of the run's few signed-in users. */
  user: number;
  role: string;
  rooms: 'all' | 'first' | 'pattern' | 'none';
  name?: string;
  expired?: boolean;
  signature?: 'bad' | 'alg-none';
}

/** The n-th of a few anonymous keys, the same in every run (new ones per address are limited). */
export class AnonKey {
  constructor(readonly n: number) {}
  [fc.toStringMethod](): string {
    return `AnonKey(${this.n})`;
  }
}

/** A JWT for one of the run's users, signed when sent. */
export class Token {
  constructor(readonly spec: TokenSpec) {}
  [fc.toStringMethod](): string {
    return `Token(${JSON.stringify(this.spec)})`;
  }
}

/**
 * Arrays or objects nested `depth` deep, written straight as JSON text when sent (`serialise`):
 * JSON.stringify, and fast-check's printer, would overflow their stack on the value itself.
 */
export class Deep {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}
  json(): string {
    return this.arrays
      ? `${'['.repeat(this.depth)}1${']'.repeat(this.depth)}`
      : `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
  [fc.toStringMethod](): string {
    return `Deep(${this.depth},${this.arrays ? 'arrays' : 'objects'})`;
  }
}

/** JSON text of a resolved frame, `Deep` values spliced in as text. */
export function serialise(value: unknown): string {
  const deep: Deep[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Deep ? `\u0000deep:${deep.push(v) - 1}` : v,
  );
  return deep.length === 0
    ? json
    : json.replace(/"\\u0000deep:(\d+)"/g, (_, i: string) => deep[Number(i)].json());
}
