/**
 * Sessions: a user's connections under one id that outlives a dropped socket for the presence
 * grace, so a quick reconnect is the same session (and, with presence, no leave and no join).
 */
import { randomUUID } from 'node:crypto';

type Memberships = Map<string, Record<string, unknown> | undefined>;

const NONE: Memberships = new Map();

/** A session as the relays of a cluster share it: its user and presence memberships. */
export interface SharedSession {
  userId: string;
  memberships: [string, unknown][];
}

/** Where sessions are shared between the relays of a cluster (Redis), so one resumes anywhere. */
export interface SessionStore {
  load(id: string): Promise<SharedSession | null>;
  save(id: string, value: SharedSession, ttlMs: number): void;
}

/** How long a shared session with open connections is kept without news of it. */
const SHARED_TTL_MS = 60 * 60 * 1000;

interface Session {
  userId: string;
  /** Open connections in this session. */
  connections: number;
  /** Presence channels entered, with the member data: kept across a resume. Made on the first. */
  memberships: Memberships | null;
  /** When an empty session is forgotten (ms); null while it has connections. */
  expiresAt: number | null;
}

export class Sessions {
  #sessions = new Map<string, Session>();
  /** Set in a cluster: sessions made on other relays resume here too. */
  store: SessionStore | null = null;

  constructor(private graceMs: number) {}

  /**
   * Makes a session of another relay known here before `join`, if the shared store has it for
   * this user and it is still within its grace.
   */
  async recall(id: string, userId: string): Promise<void> {
    if (!this.store || this.#sessions.has(id)) return;
    const shared = await this.store.load(id);
    if (!shared || shared.userId !== userId || this.#sessions.has(id)) return;
    this.#sessions.set(id, {
      userId,
      connections: 0,
      expiresAt: Date.now() + this.graceMs,
      memberships: new Map(shared.memberships.map(([ch, data]) => [ch, memberData(data)])),
    });
  }

  /**
   * Joins `requested` if it is this user's and still alive, else a new session. Returns its id
   * and, for a resumed session, the presence memberships it keeps.
   */
  join(
    requested: string | undefined,
    userId: string,
    now = Date.now(),
  ): { id: string; memberships: ReadonlyMap<string, Record<string, unknown> | undefined> } {
    const existing = requested === undefined ? undefined : this.#sessions.get(requested);
    if (
      requested !== undefined &&
      existing?.userId === userId &&
      (existing.expiresAt === null || existing.expiresAt > now)
    ) {
      existing.connections++;
      existing.expiresAt = null;
      return { id: requested, memberships: existing.memberships ?? NONE };
    }
    // randomUUID draws from a buffered pool: no system call per connection in a reconnect storm.
    const id = randomUUID();
    // Shared once it holds something to keep (a presence membership) or its socket goes: a join
    // surge of thousands of viewers costs no write to the shared store.
    this.#sessions.set(id, { userId, connections: 1, expiresAt: null, memberships: null });
    return { id, memberships: NONE };
  }

  /** Records a presence `enter`/`update` (with data) or `leave` (undefined) of the session. */
  membership(id: string, ch: string, entered: boolean, data?: Record<string, unknown>): void {
    const session = this.#sessions.get(id);
    if (!session) return;
    if (entered) {
      const memberships = (session.memberships ??= new Map());
      memberships.set(ch, data ?? memberships.get(ch));
    } else {
      session.memberships?.delete(ch);
    }
    this.#share(id, session, SHARED_TTL_MS);
  }

  /** The data a session entered a presence channel with, if it did. */
  membershipOf(id: string, ch: string): Record<string, unknown> | undefined {
    return this.#sessions.get(id)?.memberships?.get(ch);
  }

  /** One connection of the session is gone (each joined connection leaves once). */
  leave(id: string, now = Date.now()): void {
    const session = this.#sessions.get(id);
    if (!session) return;
    session.connections--;
    if (session.connections === 0) {
      session.expiresAt = now + this.graceMs;
      this.#share(id, session, this.graceMs);
    }
  }

  /** The sessions to look at in a sweep. */
  entries(): IterableIterator<[string, Session]> {
    return this.#sessions.entries();
  }

  /** Forgets the session if its grace is over. */
  expire(id: string, session: Session, now = Date.now()): void {
    if (session.expiresAt !== null && session.expiresAt <= now) this.#sessions.delete(id);
  }

  /**
   * Shares every session as it will be once this relay's sockets are gone (it is stopping): each
   * for the grace, or what is left of it, so a client that comes back to the restarted relay
   * resumes it.
   */
  shareAll(now = Date.now()): void {
    for (const [id, session] of this.#sessions) {
      const ttlMs = session.expiresAt === null ? this.graceMs : session.expiresAt - now;
      if (ttlMs > 0) this.#share(id, session, ttlMs);
    }
  }

  #share(id: string, session: Session, ttlMs: number): void {
    this.store?.save(
      id,
      { userId: session.userId, memberships: [...(session.memberships ?? NONE)] },
      ttlMs,
    );
  }

  get size(): number {
    return this.#sessions.size;
  }
}

/**
 * A membership's data as stored (JSON): "no data" comes back as null, which presence would take
 * for data; anything but an object is none.
 */
function memberData(data: unknown): Record<string, unknown> | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}
