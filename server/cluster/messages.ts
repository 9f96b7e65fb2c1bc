/**
 * The messages one relay of a cluster sends another about a room: a request to the room's owner,
 * and the owner's answer.
 *
 * Messages between relays are JSON, but a sub's answer carries serialised frames (a snapshot, a
 * member list, `me` frames) that would otherwise be escaped into a JSON string and unescaped on
 * arrival, thousands of times in a join surge: they travel after the JSON, each after a U+0000
 * (which JSON text never holds raw), as they will be sent to the client.
 */
import type { SubDecision } from '../channels/channel.js';
import type { Answer, ConnRef, Query } from './remote.js';

/** A request from another relay to this one, as the room's owner. */
export interface Request {
  k: 'q';
  from: string;
  rid?: number;
  room: string;
  conn: ConnRef;
  q: Query;
}

const PIECE = '\u0000';

/** The owner's answer to request `rid`; `encode` names the pieces the asker holds. */
export function answerMessage(
  rid: number,
  answer: Answer,
  encode: (piece: string) => string,
): string {
  const decision = answer.decision;
  if (!decision) return JSON.stringify({ k: 'a', rid, a: answer });
  const pieces = (
    decision.kind === 'frames'
      ? decision.frames
      : decision.kind === 'reset'
        ? [decision.snapshot, ...decision.me]
        : decision.me
  ).map(encode);
  const head =
    decision.kind === 'reset'
      ? { kind: 'reset', seq: decision.seq }
      : decision.kind === 'replay'
        ? { kind: 'replay', start: decision.start }
        : { kind: 'frames' };
  return JSON.stringify({ k: 'a', rid, d: head, n: pieces.length }) + PIECE + pieces.join(PIECE);
}

/** Any message from another relay, an answer's pieces put back in place. */
export function parseMessage(raw: string): Record<string, unknown> {
  const cut = raw.indexOf(PIECE);
  if (cut < 0) return JSON.parse(raw);
  const message = JSON.parse(raw.slice(0, cut)) as Record<string, unknown> & {
    d: { kind: SubDecision['kind']; seq?: number; start?: number };
    n: number;
  };
  const pieces = message.n === 0 ? [] : raw.slice(cut + 1).split(PIECE);
  const { kind, seq, start } = message.d;
  const decision: SubDecision =
    kind === 'frames'
      ? { kind, frames: pieces }
      : kind === 'reset'
        ? { kind, seq: seq!, snapshot: pieces[0], me: pieces.slice(1) }
        : { kind, start: start!, me: pieces };
  return { k: message.k, rid: message.rid, a: { decision } };
}
