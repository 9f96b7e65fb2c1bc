/**
 * Where an export reads a room from: what the store keeps, never the relay's memory. With SQLite
 * (the embedded default) that is a read-only connection of the export's own, iterated in batches
 * (`better-sqlite3`'s `iterate()`), so a day of a busy room is never all in memory: WAL lets the
 * relay go on writing while the export reads one consistent snapshot. Other stores (Redis,
 * memory) are read through the engine, a page of history at a time.
 */
import Database from 'better-sqlite3';
import type { Engine, StoredEvent } from '../engines/engine.js';
import { SqliteEngine } from '../engines/sqlite.js';

/** Rows read per batch: a few hundred KB at most. */
export const EXPORT_BATCH = 500;

export interface EventRow {
  seq: number;
  ts: number;
  /** The `ev` frame as sent. */
  json: string;
}

export interface TimeRange {
  /** ms since the epoch, inclusive; 0 and `Infinity` when open. */
  from: number;
  to: number;
}

export interface ExportSource {
  /** Events of `ch` within `range` (relay time), oldest first; only those of `type` if given. */
  events(ch: string, range: TimeRange, type?: string): AsyncIterable<EventRow[]>;
  /**
   * Records of `ch` whose key starts with `prefix`, in the order of the JSON fields `order`
   * (each record's own), then by key.
   */
  records(ch: string, prefix: string, order?: string[]): AsyncIterable<[string, unknown][]>;
  record(ch: string, key: string): Promise<unknown>;
  close(): void;
}

export function exportSource(engine: Engine): ExportSource {
  return engine instanceof SqliteEngine ? new SqliteSource(engine.file) : new EngineSource(engine);
}

/** The first key after every key that starts with `prefix`. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export class SqliteSource implements ExportSource {
  #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true });
  }

  async *events(ch: string, range: TimeRange, type?: string): AsyncIterable<EventRow[]> {
    const to = Number.isFinite(range.to) ? range.to : Number.MAX_SAFE_INTEGER;
    const statement = this.#db.prepare(
      `SELECT seq, ts, json FROM events WHERE ch = ? AND ts >= ? AND ts <= ?
       ${type ? 'AND instr(json, ?) > 0' : ''} ORDER BY seq`,
    );
    const args = [ch, range.from, to, ...(type ? [`"type":${JSON.stringify(type)}`] : [])];
    yield* batches(statement.iterate(...args) as IterableIterator<EventRow>);
  }

  async *records(ch: string, prefix: string, order: string[] = []) {
    const by = [...order.map((field) => `json_extract(value, '$.${field}')`), 'key'].join(', ');
    const statement = this.#db.prepare(
      `SELECT key, value FROM records WHERE ch = ? AND key >= ? AND key < ? ORDER BY ${by}`,
    );
    const rows = statement.raw().iterate(ch, prefix, prefixEnd(prefix)) as IterableIterator<
      [string, string]
    >;
    for (const batch of batches(rows)) {
      yield batch.map(([key, value]) => [key, JSON.parse(value)] as [string, unknown]);
    }
  }

  async record(ch: string, key: string): Promise<unknown> {
    const value = this.#db
      .prepare('SELECT value FROM records WHERE ch = ? AND key = ?')
      .pluck()
      .get(ch, key) as string | undefined;
    return value === undefined ? undefined : JSON.parse(value);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

const toRow = ({ seq, ts, json }: StoredEvent): EventRow => ({ seq, ts, json });
const field = (value: unknown, name: string) =>
  (value as Record<string, number | string> | null)?.[name] ?? 0;

function* batches<T>(rows: IterableIterator<T>): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === EXPORT_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Any other store, through the engine: history a page of seqs at a time where the engine reads
 * ranges (Redis), else as `loadChannel` gives it; records as `loadChannel` gives them.
 */
export class EngineSource implements ExportSource {
  constructor(private engine: Engine) {}

  #load(ch: string) {
    return this.engine.loadChannel(ch, { keep: Number.MAX_SAFE_INTEGER, olderThan: 0 });
  }

  async *events(ch: string, range: TimeRange, type?: string): AsyncIterable<EventRow[]> {
    const keep = (event: StoredEvent) =>
      event.ts >= range.from && event.ts <= range.to && (!type || event.type === type);
    if (this.engine.history && this.engine.head) {
      const head = await this.engine.head(ch);
      for (let from = 1; from <= head; from += EXPORT_BATCH) {
        const page = await this.engine.history(ch, from, Math.min(head, from + EXPORT_BATCH - 1));
        const kept = page.filter(keep).map(toRow);
        if (kept.length > 0) yield kept;
      }
      return;
    }
    const { history } = await this.#load(ch);
    for (let i = 0; i < history.length; i += EXPORT_BATCH) {
      const kept = history
        .slice(i, i + EXPORT_BATCH)
        .filter(keep)
        .map(toRow);
      if (kept.length > 0) yield kept;
    }
  }

  async *records(ch: string, prefix: string, order: string[] = []) {
    const { records } = await this.#load(ch);
    const rows = [...records].filter(([key]) => key.startsWith(prefix));
    rows.sort(([ka, a], [kb, b]) => {
      for (const name of order) {
        const x = field(a, name);
        const y = field(b, name);
        if (x !== y) return x < y ? -1 : 1;
      }
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    for (let i = 0; i < rows.length; i += EXPORT_BATCH) yield rows.slice(i, i + EXPORT_BATCH);
  }

  async record(ch: string, key: string): Promise<unknown> {
    return (await this.#load(ch)).records.get(key);
  }

  close(): void {}
}
