/**
 * The outbox kept where a reload cannot lose it (issue 12, item 2): every op is written to
 * IndexedDB when it is created and deleted when the relay answers it (`ack`, or an `err` with a
 * final code). The next page of the same relay list and user loads what is left and sends it
 * again with the same `mid`s; the relay's de-duplication makes that harmless.
 *
 * Where there is no IndexedDB (Node, some private modes) or it fails, ops are kept in memory
 * for the page's life, and the ops written there are "at risk": the page warns before unloading
 * while any is pending (see UnloadGuard).
 */

/** An op as stored. */
export interface StoredOp {
  mid: string;
  ch: string;
  type: string;
  data: unknown;
  /** Client time it was created (ms); ops older than the relay's history window are dropped. */
  createdAt: number;
}

/** Bounds of the stored outbox of one relay list and user, in one place. */
export const DURABLE_OUTBOX_DEFAULTS = {
  /** Ops stored at most; ops beyond are kept in memory only (and at risk). */
  maxEntries: 100,
  /** JSON characters of stored op data at most (each op is at most maxFrameBytes anyway). */
  maxBytes: 256 * 1024,
  dbName: 'hubbub-outbox',
  storeName: 'ops',
} as const;

export interface Row extends StoredOp {
  /** Relay list and user: the stored outbox this op belongs to. */
  scope: string;
  bytes: number;
}

/** Where stored ops live: IndexedDB (./indexed-db.ts), or memory. */
export interface Backend {
  /** Stores the op unless its outbox is full; resolves false when it was not stored. */
  put(row: Row): Promise<boolean>;
  delete(scope: string, mid: string): Promise<void>;
  load(scope: string): Promise<Row[]>;
}

export interface DurableOutboxOptions {
  /** IndexedDB to use; the global one by default, null for memory only. */
  indexedDB?: IDBFactory | null;
  /** Called when whether some pending op is only in memory changes. */
  atRisk?: (atRisk: boolean) => void;
}

/** The stored outbox of one relay list; each user of it has their own scope inside. */
export class DurableOutbox {
  readonly #relays: string;
  readonly #backend: Promise<Backend>;
  readonly #atRisk: (atRisk: boolean) => void;
  /** Pending ops that could not be stored durably (by scope + mid). */
  readonly #unsafe = new Set<string>();
  #writes: Promise<unknown> = Promise.resolve();

  constructor(relays: string, options: DurableOutboxOptions = {}) {
    this.#relays = relays;
    this.#atRisk = options.atRisk ?? (() => {});
    const factory =
      options.indexedDB === undefined
        ? (globalThis as { indexedDB?: IDBFactory }).indexedDB
        : options.indexedDB;
    // IndexedDB's code comes in its own chunk: no widget needs it to render.
    this.#backend = factory
      ? import('./indexed-db.js').then(
          (module) => module.indexedDbBackend(factory),
          (): Backend => memoryBackend(false),
        )
      : Promise.resolve(memoryBackend(false));
  }

  /** Writes a new op of `owner` (see OutboxEntry.owner); never throws. */
  save(owner: string, op: StoredOp): void {
    const scope = this.#scope(owner);
    let bytes = 0;
    try {
      bytes = JSON.stringify(op.data)?.length ?? 0;
    } catch {
      bytes = Infinity;
    }
    this.#write(async (backend) => {
      const stored = await backend.put({ ...op, scope, bytes });
      if (!stored) this.#mark(`${scope}\n${op.mid}`, true);
    }, `${scope}\n${op.mid}`);
  }

  /** The relay answered the op: it leaves the stored outbox. */
  forget(owner: string, mid: string): void {
    const scope = this.#scope(owner);
    this.#mark(`${scope}\n${mid}`, false);
    this.#write((backend) => backend.delete(scope, mid));
  }

  /**
   * The ops `owner` left pending on an earlier page, oldest first; those created more than
   * `maxAgeMs` ago are deleted instead (the relay no longer remembers their `mid`s, so a resend
   * could do them twice).
   */
  async restore(owner: string, maxAgeMs: number): Promise<StoredOp[]> {
    const scope = this.#scope(owner);
    let rows: Row[];
    try {
      rows = await (await this.#backend).load(scope);
    } catch {
      return [];
    }
    const oldest = Date.now() - maxAgeMs;
    const kept: StoredOp[] = [];
    for (const row of rows) {
      if (!isStoredOp(row)) continue;
      if (row.createdAt < oldest) this.#write((backend) => backend.delete(scope, row.mid));
      else
        kept.push({
          mid: row.mid,
          ch: row.ch,
          type: row.type,
          data: row.data,
          createdAt: row.createdAt,
        });
    }
    return kept.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Resolves once every write asked for so far is done (for tests and benchmarks). */
  flushed(): Promise<void> {
    return this.#writes.then(() => {});
  }

  #scope(owner: string): string {
    return `${this.#relays}\n${owner}`;
  }

  /** Chains writes in order; a write that fails leaves its op at risk, and nothing escapes. */
  #write(write: (backend: Backend) => Promise<unknown>, risked?: string): void {
    this.#writes = this.#writes
      .then(() => this.#backend)
      .then(write)
      .catch(() => {
        if (risked) this.#mark(risked, true);
      });
  }

  #mark(key: string, unsafe: boolean): void {
    const before = this.#unsafe.size > 0;
    if (unsafe) this.#unsafe.add(key);
    else this.#unsafe.delete(key);
    const after = this.#unsafe.size > 0;
    if (before !== after) this.#atRisk(after);
  }
}

function isStoredOp(row: unknown): row is Row {
  const op = row as Partial<Row> | null;
  return (
    typeof op === 'object' &&
    op !== null &&
    typeof op.mid === 'string' &&
    op.mid.length >= 1 &&
    op.mid.length <= 64 &&
    typeof op.ch === 'string' &&
    typeof op.type === 'string' &&
    typeof op.createdAt === 'number'
  );
}

// ------------------------------------------------------------------ memory

/**
 * Kept on `globalThis` under a registered symbol, like the connection registry: a connection
 * closed and made again on the same page (the last widget left, then a new one came) finds its
 * pending ops. Nothing here survives a reload, so every op written here is at risk.
 */
const MEMORY = Symbol.for('hubbub.outbox.v1');
const memory = ((globalThis as Record<symbol, unknown>)[MEMORY] ??= new Map()) as Map<
  string,
  Map<string, Row>
>;

export function memoryBackend(durable: boolean): Backend {
  return {
    async put(row) {
      const scope = memory.get(row.scope) ?? new Map<string, Row>();
      memory.set(row.scope, scope);
      if (scope.size < DURABLE_OUTBOX_DEFAULTS.maxEntries) scope.set(row.mid, row);
      return durable;
    },
    async delete(scope, mid) {
      memory.get(scope)?.delete(mid);
    },
    async load(scope) {
      return [...(memory.get(scope)?.values() ?? [])];
    },
  };
}
