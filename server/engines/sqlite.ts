/**
 * The embedded default: one SQLite file (WAL) under the data folder. History, feature records
 * and op outcomes survive a restart, and so does the epoch, so clients resume across it.
 *
 * better-sqlite3 is synchronous; each commit is one transaction. With WAL and
 * `synchronous=NORMAL` a committed transaction survives the process being killed (not a power
 * cut, which would need `FULL` at a large cost per commit).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type {
  ChannelRecord,
  Engine,
  OpOutcome,
  StoredEvent,
  TrimRule,
  WriteBatch,
} from './engine.js';
import { KeyFilter } from './key-filter.js';
import { guard } from '../log.js';
import type { SessionStore, SharedSession } from '../sessions.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS channels (ch TEXT PRIMARY KEY, head INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  ch TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, json TEXT NOT NULL,
  expires INTEGER NOT NULL,
  PRIMARY KEY (ch, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
  ch TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (ch, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outcomes (
  user TEXT NOT NULL, mid TEXT NOT NULL, ts INTEGER NOT NULL, outcome TEXT NOT NULL,
  PRIMARY KEY (user, mid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outcomes_ts ON outcomes (ts);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires);
`;

/** Made after the migration below, which may add the column it indexes. */
const EXPIRY_INDEX = `CREATE INDEX IF NOT EXISTS events_expires ON events (expires);`;

/** Rows one sweep statement deletes: small enough that a statement takes a millisecond or two. */
const SWEEP_ROWS = 500;
/** Files written before events had an expiry keep their events for the default history TTL. */
const LEGACY_TTL_MS = 24 * 60 * 60 * 1000;

function outcomeKey(userId: string, mid: string): string {
  return `${userId}\u0000${mid}`;
}

export class SqliteEngine implements Engine {
  readonly name = 'sqlite';
  readonly file: string;
  readonly epoch: string;
  #db: Database.Database;
  #statements;
  #commitTx;
  #known: KeyFilter;
  /** Session writes of this turn of the event loop, written together in one transaction. */
  #pendingSessions = new Map<string, { json: string; expires: number }>();
  #saveSessionsTx;

  /** `filterLog2Bits`: starting size of the de-duplication filter (tests make it small). */
  constructor(dataDir: string, options: { filterLog2Bits?: number } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'hubbub.sqlite');
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    const columns = db.prepare('PRAGMA table_info(events)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'expires')) {
      db.exec(`ALTER TABLE events ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;
        UPDATE events SET expires = ts + ${LEGACY_TTL_MS};`);
    }
    db.exec(EXPIRY_INDEX);
    this.#db = db;
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as
      { value: string } | undefined;
    if (row) {
      this.epoch = row.value;
    } else {
      this.epoch = randomBytes(6).toString('base64url');
      db.prepare(`INSERT INTO meta (key, value) VALUES ('epoch', ?)`).run(this.epoch);
    }
    const s = {
      head: db.prepare('SELECT head FROM channels WHERE ch = ?').pluck(),
      setHead: db.prepare(
        'INSERT INTO channels (ch, head) VALUES (?, ?) ON CONFLICT (ch) DO UPDATE SET head = excluded.head',
      ),
      history: db.prepare(
        'SELECT seq, ts, json FROM events WHERE ch = ? AND ts >= ? ORDER BY seq DESC LIMIT ?',
      ),
      range: db.prepare(
        'SELECT seq, ts, json FROM events WHERE ch = ? AND seq >= ? AND seq <= ? ORDER BY seq',
      ),
      records: db.prepare('SELECT key, value FROM records WHERE ch = ?'),
      insertEvent: db.prepare(
        'INSERT INTO events (ch, seq, ts, json, expires) VALUES (?, ?, ?, ?, ?)',
      ),
      putRecord: db.prepare(
        'INSERT INTO records (ch, key, value) VALUES (?, ?, ?) ON CONFLICT (ch, key) DO UPDATE SET value = excluded.value',
      ),
      deleteRecord: db.prepare('DELETE FROM records WHERE ch = ? AND key = ?'),
      putOutcome: db.prepare(
        'INSERT OR IGNORE INTO outcomes (user, mid, ts, outcome) VALUES (?, ?, ?, ?)',
      ),
      outcome: db.prepare('SELECT outcome FROM outcomes WHERE user = ? AND mid = ?').pluck(),
      trimCount: db.prepare('DELETE FROM events WHERE ch = ? AND seq <= ?'),
      expireEvents: db.prepare(
        `DELETE FROM events WHERE (ch, seq) IN
          (SELECT ch, seq FROM events WHERE expires < ? ORDER BY expires LIMIT ${SWEEP_ROWS})`,
      ),
      forgetOutcomes: db.prepare(
        `DELETE FROM outcomes WHERE (user, mid) IN
          (SELECT user, mid FROM outcomes WHERE ts < ? ORDER BY ts LIMIT ${SWEEP_ROWS})`,
      ),
      outcomeKeys: db.prepare('SELECT user, mid FROM outcomes').raw(),
      session: db.prepare('SELECT value FROM sessions WHERE id = ? AND expires > ?').pluck(),
      putSession: db.prepare(
        'INSERT INTO sessions (id, value, expires) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      ),
      expireSessions: db.prepare(
        `DELETE FROM sessions WHERE id IN
          (SELECT id FROM sessions WHERE expires < ? ORDER BY expires LIMIT ${SWEEP_ROWS})`,
      ),
    };
    this.#statements = s;
    this.#commitTx = db.transaction((batch: WriteBatch) => {
      const heads = new Map<string, number>();
      for (const { ch, event, expiresAt } of batch.events) {
        s.insertEvent.run(ch, event.seq, event.ts, event.json, expiresAt);
        heads.set(ch, event.seq);
      }
      for (const [ch, head] of heads) s.setHead.run(ch, head);
      for (const { ch, upTo } of batch.trims) s.trimCount.run(ch, upTo);
      for (const { ch, key, value } of batch.records) {
        if (value === undefined) s.deleteRecord.run(ch, key);
        else s.putRecord.run(ch, key, JSON.stringify(value));
      }
      for (const { userId, mid, outcome, ts } of batch.outcomes) {
        s.putOutcome.run(userId, mid, ts, JSON.stringify(outcome));
      }
    });
    this.#saveSessionsTx = db.transaction(
      (sessions: Map<string, { json: string; expires: number }>) => {
        for (const [id, { json, expires }] of sessions) s.putSession.run(id, json, expires);
      },
    );
    this.#known = this.#loadKnown(options.filterLog2Bits);
  }

  /**
   * Sessions outlive a restart like the presence members they hold: a client that resumes its
   * session within the grace is the same session, and its members never leave. A lost write
   * costs only a new session (the client then enters presence again), so sessions are written
   * outside the commits, a turn of the event loop at a time.
   */
  readonly sessions: SessionStore = {
    load: async (id: string): Promise<SharedSession | null> => {
      const pending = this.#pendingSessions.get(id);
      const json = pending
        ? pending.expires > Date.now()
          ? pending.json
          : undefined
        : (this.#statements.session.get(id, Date.now()) as string | undefined);
      return json === undefined ? null : (JSON.parse(json) as SharedSession);
    },
    save: (id: string, value: SharedSession, ttlMs: number): void => {
      if (!this.#db.open) return;
      if (this.#pendingSessions.size === 0) {
        // A failed write (a full disk) costs those sessions only, never the process.
        setImmediate(() => guard('session save', () => this.#flushSessions()));
      }
      this.#pendingSessions.set(id, { json: JSON.stringify(value), expires: Date.now() + ttlMs });
    },
  };

  #flushSessions(): void {
    if (this.#pendingSessions.size === 0 || !this.#db.open) return;
    const pending = this.#pendingSessions;
    this.#pendingSessions = new Map();
    this.#saveSessionsTx(pending);
  }

  /**
   * A filter of every (user, mid) in the store, rebuilt from the table: at start, and when more
   * keys went in than it holds well (expired ones are then gone from the table); twice as large
   * when the live keys alone fill it.
   */
  #loadKnown(log2Bits = 23): KeyFilter {
    const rows = this.#statements.outcomeKeys.all() as [string, string][];
    let filter = new KeyFilter(log2Bits);
    while (rows.length > filter.capacity / 2) filter = new KeyFilter(filter.log2Bits + 1);
    for (const [user, mid] of rows) filter.add(outcomeKey(user, mid));
    return filter;
  }

  async loadChannel(ch: string, rule: TrimRule): Promise<ChannelRecord> {
    const s = this.#statements;
    const head = (s.head.get(ch) as number | undefined) ?? 0;
    const rows = s.history.all(ch, rule.olderThan, rule.keep) as {
      seq: number;
      ts: number;
      json: string;
    }[];
    const history: StoredEvent[] = rows.reverse().map(({ seq, ts, json }) => {
      const frame = JSON.parse(json) as { type: string; data: unknown };
      return { seq, ts, json, type: frame.type, data: frame.data };
    });
    const records = new Map<string, unknown>();
    for (const { key, value } of s.records.all(ch) as { key: string; value: string }[]) {
      records.set(key, JSON.parse(value));
    }
    return { epoch: this.epoch, head, records, history };
  }

  async history(ch: string, from: number, to: number): Promise<StoredEvent[]> {
    const rows = this.#statements.range.all(ch, from, to) as {
      seq: number;
      ts: number;
      json: string;
    }[];
    return rows.map(({ seq, ts, json }) => {
      const frame = JSON.parse(json) as { type: string; data: unknown };
      return { seq, ts, json, type: frame.type, data: frame.data };
    });
  }

  commit(batch: WriteBatch): void {
    this.#commitTx(batch);
    for (const { userId, mid } of batch.outcomes) this.#known.add(outcomeKey(userId, mid));
    if (this.#known.size > this.#known.capacity)
      this.#known = this.#loadKnown(this.#known.log2Bits);
  }

  async outcome(userId: string, mid: string): Promise<OpOutcome | undefined> {
    // Almost every op is new: the filter says so without a query.
    if (!this.#known.mightHave(outcomeKey(userId, mid))) return undefined;
    const json = this.#statements.outcome.get(userId, mid) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as OpOutcome);
  }

  async sweep(now: number, outcomesBefore: number, budgetMs: number): Promise<boolean> {
    const s = this.#statements;
    const deadline = performance.now() + budgetMs;
    for (const [statement, cutoff] of [
      [s.expireEvents, now],
      [s.forgetOutcomes, outcomesBefore],
      [s.expireSessions, now],
    ] as const) {
      while (statement.run(cutoff).changes === SWEEP_ROWS) {
        if (performance.now() > deadline) return true;
      }
    }
    return false;
  }

  async close(failed = false): Promise<void> {
    if (!this.#db.open) return;
    if (!failed) {
      guard('session save', () => this.#flushSessions());
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    }
    this.#db.close();
  }
}
