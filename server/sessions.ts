/**
 * Sessions: a user's connections under one id that outlives a dropped socket for the presence
 * grace, so a quick reconnect is the same session (and, with presence, no leave and no join).
 */
import { randomBytes } from 'node:crypto';

interface Session {
  userId: string;
  clients: Set<object>;
  /** When an empty session is forgotten (ms); null while it has connections. */
  expiresAt: number | null;
}

export class Sessions {
  #sessions = new Map<string, Session>();

  constructor(private graceMs: number) {}

  /** Joins `requested` if it is this user's and still alive, else a new session; returns its id. */
  join(requested: string | undefined, userId: string, client: object, now = Date.now()): string {
    const existing = requested === undefined ? undefined : this.#sessions.get(requested);
    if (
      requested !== undefined &&
      existing?.userId === userId &&
      (existing.expiresAt === null || existing.expiresAt > now)
    ) {
      existing.clients.add(client);
      existing.expiresAt = null;
      return requested;
    }
    const id = randomBytes(12).toString('base64url');
    this.#sessions.set(id, { userId, clients: new Set([client]), expiresAt: null });
    return id;
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
