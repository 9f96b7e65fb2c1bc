/**
 * Every frame the relay sends, written here and nowhere else, each helper typed by the frame it
 * writes (`src/protocol/frames.ts`). The frames sent to many (events, `me`, presence, the `ok` of
 * a join surge) are written as text around parts serialised once (`Json`), so a payload is
 * stringified once however many sockets get it; the rest go through `encode`.
 */
import type {
  AckFrame,
  ErrFrame,
  EvFrame,
  MeFrame,
  OkFrame,
  PingFrame,
  PresenceOutFrame,
  ProbeAnswerFrame,
  RelayFrame,
  SignalOutFrame,
} from '../src/protocol/index.js';
import type { OpOutcome } from './engines/engine.js';
import type { OpError } from './errors.js';

/** JSON text of a `T`: a part serialised once, spliced into frames as it is. */
export type Json<T> = string & { readonly __json?: T };

/** Serialises a part once. */
export function json<T>(value: T): Json<T> {
  return JSON.stringify(value) as Json<T>;
}

/** Any frame, serialised as it is. */
export function encode(frame: RelayFrame): string {
  return JSON.stringify(frame);
}

export const PING: string = encode({ t: 'ping' } satisfies PingFrame);

/** The answer to a client's probe `ping {id}`. */
export function probeAnswer(id: string | number): string {
  return encode({ t: 'pong', id } satisfies ProbeAnswerFrame);
}

/** `ok` to a `sub` of a channel with history: `replay` events follow. */
export function okReplay(frame: Required<Pick<OkFrame, 'id' | 'ch' | 'epoch' | 'seq' | 'replay'>>) {
  return `${okHead(frame)},"replay":${frame.replay}}`;
}

/** `ok` to a `sub` of a channel with history: the state as of `seq`. */
export function okReset(
  frame: Required<Pick<OkFrame, 'id' | 'ch' | 'epoch' | 'seq'>>,
  snapshot: Json<unknown>,
): string {
  return `${okHead(frame)},"reset":true,"snapshot":${snapshot}}`;
}

function okHead({ id, ch, epoch, seq }: Required<Pick<OkFrame, 'id' | 'ch' | 'epoch' | 'seq'>>) {
  return `{"t":"ok","id":${JSON.stringify(id)},"ch":${JSON.stringify(ch)},"epoch":${JSON.stringify(epoch)},"seq":${seq}`;
}

/** `ok` to a `sub` of a channel without history (presence). */
export function okCount(frame: Required<Pick<OkFrame, 'id' | 'ch' | 'count'>>): string {
  return `{"t":"ok","id":${JSON.stringify(frame.id)},"ch":${JSON.stringify(frame.ch)},"count":${frame.count}}`;
}

/** One event of a channel's history. */
export function ev<D>(frame: Omit<EvFrame<D>, 't' | 'from'>): string {
  return `{"t":"ev","ch":${JSON.stringify(frame.ch)},"seq":${frame.seq},"type":${JSON.stringify(frame.type)},"data":${JSON.stringify(frame.data)},"ts":${frame.ts}}`;
}

/** State for one user (or the hosts) alone. */
export function me<D>(ch: MeFrame['ch'], data: D): string {
  return `{"t":"me","ch":${JSON.stringify(ch)},"data":${JSON.stringify(data)}}`;
}

/** Presence: the count, and the member list (serialised once) or the changes, if any. */
export function presence(
  frame: Omit<PresenceOutFrame, 't' | 'members'>,
  members?: Json<PresenceOutFrame['members']>,
): string {
  if (members === undefined) return encode({ t: 'presence', ...frame });
  return `{"t":"presence","ch":${JSON.stringify(frame.ch)},"count":${frame.count},"members":${members}}`;
}

/** A signal passed on: its data as the sender sent it (serialised once, to measure it). */
export function signal(frame: Omit<SignalOutFrame, 't' | 'data'>, data: Json<unknown>): string {
  return `{"t":"signal","ch":${JSON.stringify(frame.ch)},"type":${JSON.stringify(frame.type)},"data":${data},"from":${JSON.stringify(frame.from)}}`;
}

/** What may go wrong with a store that recovers (Redis): the client retries after this. */
export const RETRY_AFTER_MS = 1_000;

/** The answer to an op whose commit failed on a store that recovers: try again. */
export function retryFrame(id: string | number, mid?: string) {
  return {
    t: 'err',
    id,
    ...(mid === undefined ? {} : { mid }),
    code: 'internal',
    message: 'the store is briefly unavailable; retry',
    retryAfterMs: RETRY_AFTER_MS,
  } satisfies ErrFrame;
}

/** The `err` answer to an op refused with `error`. */
export function opErr(id: string | number, mid: string, error: OpError): ErrFrame {
  return { t: 'err', id, mid, code: error.code, message: error.message, ...error.extra };
}

/** The answer to an op, from its outcome. */
export function answerFrame(
  id: string | number,
  mid: string,
  outcome: OpOutcome,
): AckFrame | ErrFrame {
  if (outcome.t === 'ack') {
    return {
      t: 'ack',
      id,
      mid,
      ...(outcome.seq === undefined ? {} : { seq: outcome.seq }),
      ...(outcome.data === undefined ? {} : { data: outcome.data }),
    };
  }
  return {
    t: 'err',
    id,
    mid,
    code: outcome.code,
    message: outcome.message,
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
    ...('retryAfterMs' in outcome ? { retryAfterMs: outcome.retryAfterMs as number } : {}),
  };
}
