/**
 * Sessions: a user's connections under one id that outlives a dropped socket for the presence
 * grace, so a quick reconnect is the same session (and, with presence, no leave and no join).
 */
import { randomBytes } from 'node:crypto';

interface Session {
  userId: string;
  clients: Set<object>;
  /** Presence channels entered, with the member data: kept across a resume. */
  memberships: Map<string, Record<string, unknown> | undefined>;
  /** When an empty session is forgotten (ms); null while it has connections. */
  expiresAt: number | null;
}

export class Sessions {
  #sessions = new Map<string, Session>();

  constructor(private graceMs: number) {}

  /**
   * Joins `requested` if it is this user's and still alive, else a new session. Returns its id
   * and, for a resumed session, the presence memberships it keeps.
   */
  join(
    requested: string | undefined,
    userId: string,
    client: object,
    now = Date.now(),
  ): { id: string; memberships: Map<string, Record<string, unknown> | undefined> } {
    const existing = requested === undefined ? undefined : this.#sessions.get(requested);
    if (
      requested !== undefined &&
      existing?.userId === userId &&
      (existing.expiresAt === null || existing.expiresAt > now)
    ) {
      existing.clients.add(client);
      existing.expiresAt = null;
      return { id: requested, memberships: existing.memberships };
    }
    const id = randomBytes(12).toString('base64url');
    const memberships = new Map();
    this.#sessions.set(id, { userId, clients: new Set([client]), expiresAt: null, memberships });
    return { id, memberships: new Map() };
  }

  /** Records a presence `enter`/`update` (with data) or `leave` (undefined) of the session. */
  membership(id: string, ch: string, entered: boolean, data?: Record<string, unknown>): void {
    const memberships = this.#sessions.get(id)?.memberships;
    if (!memberships) return;
    if (entered) memberships.set(ch, data ?? memberships.get(ch));
    else memberships.delete(ch);
  }

  leave(id: string, client: object, now = Date.now()): void {
    const session = this.#sessions.get(id);
    if (!session) return;
    session.clients.delete(client);
    if (session.clients.size === 0) session.expiresAt = now + this.graceMs;
  }

  sweep(now = Date.now()): void {
    for (const [id, session] of this.#sessions) {
      if (session.expiresAt !== null && session.expiresAt <= now) this.#sessions.delete(id);
    }
  }

  get size(): number {
    return this.#sessions.size;
  }
}
