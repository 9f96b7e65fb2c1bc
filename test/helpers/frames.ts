/**
 * Assertions and matchers on the frames a relay sends (PROTOCOL.md: Relay → client), typed by the
 * protocol's own frame types.
 */
import assert from 'node:assert/strict';
import type { AckFrame, ErrFrame, ErrorCode } from '../../src/protocol/index.js';
import type { Frame } from './raw-client.js';

/** An `ack` as received: the protocol's fields typed, the feature's `data` loose. */
export type Ack = Frame & Pick<AckFrame, 't' | 'id' | 'mid'>;
/** An `err` as received: the protocol's fields typed, `details` loose. */
export type Err = Frame & Pick<ErrFrame, 't' | 'code' | 'message'>;

/** Asserts `frame` is an `ack` and returns it; `what` names the op in the message. */
export function assertAck(frame: Frame, what = ''): Ack {
  assert.equal(frame.t, 'ack', `${what} ${JSON.stringify(frame)}`);
  return frame as Ack;
}

/** Asserts `frame` is an `err` of `code` and returns it; `what` names the op in the message. */
export function assertErr(frame: Frame, code: ErrorCode, what = ''): Err {
  assert.equal(frame.t, 'err', `${what} ${JSON.stringify(frame)}`);
  assert.equal(frame.code, code, `${what} ${JSON.stringify(frame)}`);
  return frame as Err;
}

/** An `ev` of `type` on `ch`. */
export const isEv = (ch: string, type: string) => (f: Frame) =>
  f.t === 'ev' && f.ch === ch && f.type === type;

/** A `me` frame of `ch`. */
export const isMe = (ch: string) => (f: Frame) => f.t === 'me' && f.ch === ch;

/** An answer without its request id: what must be the same on every try of an op. */
export const outcome = ({ id: _id, ...rest }: Frame) => rest;
