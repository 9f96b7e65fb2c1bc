/**
 * A relay as the owner of rooms, for the sockets of other relays: it acts for each in its own
 * `Rooms` (a `RemoteConn` stands for the socket) and answers the relay that asked.
 */
import { OpError } from '../errors.js';
import { fault } from '../log.js';
import type { Relay } from '../relay.js';
import { opErr } from '../wire.js';
import { answerMessage, type Request } from './messages.js';
import type { PieceNames } from './pieces.js';
import { RemoteConn, type Answer, type ConnRef, type Query } from './remote.js';

export class OwnerDesk {
  /** Sockets of other relays this relay acts for, by `relay/key`. */
  readonly conns = new Map<string, RemoteConn>();

  constructor(
    private relay: Relay,
    /** Whether this relay owns the room now. */
    private owns: (room: string) => boolean,
    /** Sends a message to another relay (batched per tick). */
    private send: (relayId: string, message: string) => void,
    /** Large pieces of sub answers, named once per asking relay. */
    private names: PieceNames,
    /** The error that tells the client to try again shortly. */
    private unavailable: () => OpError,
    private retryAfterMs: number,
  ) {}

  /** Acts for another relay's socket in a room this relay owns, and answers. */
  async serve(request: Request, local?: (answer: Answer) => void): Promise<void> {
    const have = new Set(request.q.t === 'sub' ? (request.q.have ?? []) : []);
    const reply = (answer: Answer) => {
      if (local) return local(answer);
      if (request.rid === undefined) return;
      this.send(
        request.from,
        answerMessage(request.rid, answer, (piece) => this.names.encode(piece, have)),
      );
    };
    if (!local && !this.owns(request.room)) {
      // Not (or no longer) the owner: the asker looks again.
      return reply({ moved: true } as Answer);
    }
    const conn = this.#conn(request.from, request.conn, request.q.t);
    const { q } = request;
    const rooms = this.relay.rooms;
    try {
      switch (q.t) {
        case 'sub': {
          const target = this.relay.channels.parse(q.ch);
          const { decision } = await rooms.subscribe(conn.user, target, q.id, q.from);
          return reply({ decision });
        }
        case 'op':
          return await rooms.op(conn, this.relay.channels.parse(q.ch), q.frame, (frame) =>
            reply({ frame }),
          );
        case 'pr': {
          const frame = await rooms.presence(conn, this.relay.channels.parse(q.ch), q.frame);
          return reply({ frame });
        }
        case 'sig':
          return rooms.signal(conn, this.relay.channels.parse(q.ch), q.frame);
        case 're':
          return await rooms.reenter(conn, this.relay.channels.parse(q.ch), q.data);
        case 'leave':
          rooms.leave(conn, request.room);
          return;
        case 'gone':
          rooms.gone(conn);
          // Answered: the socket's relay sends the notice again until it is.
          return reply({});
        case 'chk':
          return reply({ reason: await rooms.entryRefusalNow(conn.user, request.room) });
        case 'rd': {
          const target = this.relay.channels.parse(q.ch);
          return reply({ data: await rooms.read(conn.user, target, q.name, q.page) });
        }
      }
    } catch (error) {
      if (error instanceof OpError) {
        if (q.t === 'op') {
          return reply({ frame: opErr(q.frame.id, q.frame.mid, error) });
        }
        return reply({ err: { code: error.code, message: error.message, extra: error.extra } });
      }
      // A stopping relay's store connection closes under the requests it still serves: the
      // asker retries on the room's next owner, as for any other unavailable answer.
      if (!this.relay.closing) fault('cluster request', error);
      const retry = this.unavailable();
      reply(
        q.t === 'op'
          ? {
              frame: {
                t: 'err',
                id: q.frame.id,
                mid: q.frame.mid,
                code: 'internal',
                message: retry.message,
                retryAfterMs: this.retryAfterMs,
              },
            }
          : { err: { code: retry.code, message: retry.message, extra: retry.extra } },
      );
    }
  }

  /**
   * The stand-in for another relay's socket: kept (the same object) from its first presence
   * frame until it is gone, since presence knows a member's connections by identity; made for
   * the one request otherwise.
   */
  #conn(relayId: string, ref: ConnRef, kind: Query['t']): RemoteConn {
    const key = `${relayId}/${ref.key}`;
    let conn = this.conns.get(key);
    if (conn) conn.update(ref);
    else {
      conn = new RemoteConn(relayId, ref, (to, message) => this.send(to, JSON.stringify(message)));
      if (kind === 'pr' || kind === 're') this.conns.set(key, conn);
    }
    if (kind === 'gone') this.conns.delete(key);
    return conn;
  }
}
