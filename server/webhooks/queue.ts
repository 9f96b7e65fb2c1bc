/**
 * The durable queue of webhook deliveries: a table beside the relay's history (the SQLite store's
 * own file; with Redis, a file of this relay's data folder; with the memory store, memory). A
 * delivery is written in the turn its event is committed and deleted once the receiver said 2xx
 * or it grew too old, so a restart resumes every delivery still owed, with the same id.
 */
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY, endpoint TEXT NOT NULL, body TEXT NOT NULL,
  created INTEGER NOT NULL, due INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (due);
CREATE INDEX IF NOT EXISTS webhook_deliveries_endpoint_due ON webhook_deliveries (endpoint, due);
CREATE TABLE IF NOT EXISTS webhook_rooms (room TEXT PRIMARY KEY, occupied INTEGER NOT NULL)
  WITHOUT ROWID;
`;

export interface Delivery {
  id: string;
  endpoint: string;
  body: string;
  created: number;
  due: number;
  attempts: number;
}

export class DeliveryQueue {
  #db: Database.Database;
  #statements;
  #insert;
  /** Rows in the table, kept here so the bound and the gauge cost no query. */
  depth: number;

  /** `file`: a SQLite file (WAL), or `:memory:`. */
  constructor(file: string) {
    const db = new Database(file);
    if (file !== ':memory:') {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.exec(SCHEMA);
    this.#db = db;
    const s = {
      add: db.prepare(
        'INSERT OR IGNORE INTO webhook_deliveries (id, endpoint, body, created, due) VALUES (?, ?, ?, ?, ?)',
      ),
      dueFor: db.prepare(
        'SELECT id, endpoint, body, created, due, attempts FROM webhook_deliveries WHERE endpoint = ? AND due <= ? ORDER BY due LIMIT ?',
      ),
      nextFor: db.prepare('SELECT min(due) FROM webhook_deliveries WHERE endpoint = ?').pluck(),
      forget: db.prepare(
        'DELETE FROM webhook_deliveries WHERE endpoint NOT IN (SELECT value FROM json_each(?))',
      ),
      done: db.prepare('DELETE FROM webhook_deliveries WHERE id = ?'),
      retry: db.prepare(
        'UPDATE webhook_deliveries SET due = ?, attempts = attempts + 1 WHERE id = ?',
      ),
      lease: db.prepare('UPDATE webhook_deliveries SET due = ? WHERE id = ?'),
      count: db.prepare('SELECT count(*) FROM webhook_deliveries').pluck(),
      byEndpoint: db.prepare(
        'SELECT endpoint, count(*) AS waiting FROM webhook_deliveries GROUP BY endpoint',
      ),
      occupied: db.prepare('SELECT occupied FROM webhook_rooms WHERE room = ?').pluck(),
      setOccupied: db.prepare(
        'INSERT INTO webhook_rooms (room, occupied) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET occupied = excluded.occupied',
      ),
      vacate: db.prepare('DELETE FROM webhook_rooms WHERE room = ?'),
    };
    this.#statements = s;
    this.#insert = db.transaction(
      (rows: Omit<Delivery, 'attempts'>[], rooms: [string, boolean][]) => {
        let added = 0;
        for (const row of rows) {
          added += s.add.run(row.id, row.endpoint, row.body, row.created, row.due).changes;
        }
        for (const [room, occupied] of rooms) {
          if (occupied) s.setOccupied.run(room, 1);
          else s.vacate.run(room);
        }
        return added;
      },
    );
    this.depth = s.count.get() as number;
  }

  /** Adds deliveries and room occupancy changes in one transaction. */
  add(rows: Omit<Delivery, 'attempts'>[], rooms: [string, boolean][] = []): void {
    this.depth += this.#insert(rows, rooms) as number;
  }

  /** One endpoint's deliveries due at `now`, oldest due first, at most `limit`. */
  dueFor(endpoint: string, now: number, limit: number): Delivery[] {
    return this.#statements.dueFor.all(endpoint, now, limit) as Delivery[];
  }

  /** When the endpoint's next delivery is due (ms), or null when none waits for it. */
  nextDueFor(endpoint: string): number | null {
    return (this.#statements.nextFor.get(endpoint) as number | null) ?? null;
  }

  /** Drops the deliveries of endpoints no longer configured; returns how many. */
  forgetOthers(endpoints: readonly string[]): number {
    const dropped = this.#statements.forget.run(JSON.stringify(endpoints)).changes;
    this.depth -= dropped;
    return dropped;
  }

  done(id: string): void {
    this.depth -= this.#statements.done.run(id).changes;
  }

  retryAt(id: string, due: number): void {
    this.#statements.retry.run(due, id);
  }

  /** Keeps a delivery from being picked again while its attempt runs (or a crash ends it). */
  lease(id: string, until: number): void {
    this.#statements.lease.run(until, id);
  }

  /** Deliveries waiting per endpoint name (one grouped read, for the operator's status page). */
  depthByEndpoint(): Map<string, number> {
    const rows = this.#statements.byEndpoint.all() as { endpoint: string; waiting: number }[];
    return new Map(rows.map((row) => [row.endpoint, row.waiting]));
  }

  /** Whether the room had members as far as the webhooks last said. */
  occupied(room: string): boolean {
    return this.#statements.occupied.get(room) === 1;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
