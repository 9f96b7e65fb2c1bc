/**
 * Notices from a socket's relay to a room's owner that the socket is gone, kept until the owner
 * answers. The owner starts the member's grace on such a notice and on nothing else, so a notice
 * lost (Redis away as the socket closed, the owner not known then, the room moving to another
 * relay, a message published while the owner was not listening) left the member present on the
 * owner until this relay stopped: a ghost in every viewer's list. A notice is sent at once and
 * again at every beat until answered; sending it twice is harmless (the owner forgets a
 * connection once). Nothing of this is on an op's path: one notice per socket that closes while
 * present in a room owned elsewhere.
 */
import { BoundedMap } from '../bounded.js';
import { fault } from '../log.js';
import type { ConnRef } from './remote.js';

/**
 * Most notices kept unanswered (Redis away for long while sockets close): past it the oldest
 * are dropped, whose members then stay until their owner stops or the room moves.
 */
export const GONE_NOTICES_MAX = 100_000;

interface Notice {
  room: string;
  conn: ConnRef;
}

export class GoneNotices {
  /** Unanswered notices, by room and connection key. */
  readonly #waiting = new BoundedMap<string, Notice>(GONE_NOTICES_MAX, () =>
    // Once a minute at most: an outage long enough to reach the bound drops many.
    fault('gone notice', new Error('too many unanswered: the oldest dropped')),
  );
  /** Notices sent and not yet answered or refused: not sent again meanwhile. */
  readonly #sending = new Set<string>();

  constructor(
    /** Asks the room's owner; resolves once it answered, rejects when it could not be reached. */
    private ask: (room: string, conn: ConnRef) => Promise<unknown>,
  ) {}

  /** The socket `conn` is gone: its room's owner is told, until it answers. */
  add(room: string, conn: ConnRef): void {
    const key = `${room}\u0000${conn.key}`;
    this.#waiting.set(key, { room, conn });
    this.#send(key);
  }

  /** Sends again every notice not answered (at every beat, and when Redis is back). */
  retry(): void {
    for (const key of this.#waiting.keys()) if (!this.#sending.has(key)) this.#send(key);
  }

  /** Rooms with a notice waiting: this relay keeps following them. */
  rooms(): Set<string> {
    return new Set([...this.#waiting.values()].map((notice) => notice.room));
  }

  get size(): number {
    return this.#waiting.size;
  }

  #send(key: string): void {
    const notice = this.#waiting.get(key)!;
    this.#sending.add(key);
    this.ask(notice.room, notice.conn)
      .then(
        () => this.#waiting.delete(key),
        () => {},
      )
      .finally(() => this.#sending.delete(key));
  }
}
