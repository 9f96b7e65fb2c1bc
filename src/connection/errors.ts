import type { ErrFrame, ErrorCode } from '../protocol/index.js';
import { FINAL_ERROR_CODES } from '../protocol/index.js';

/**
 * The relay refused a request (`op`, `presence`, `sub`) with an `err` frame.
 * `code` is one of PROTOCOL.md's error codes.
 */
export class OpError extends Error {
  /** PROTOCOL.md error code, e.g. `invalid`, `forbidden`, `rate_limited`. */
  readonly code: ErrorCode;
  /** For `rate_limited`: how long to wait before trying again. */
  readonly retryAfterMs?: number;
  /** For `invalid`: which field was wrong, as the relay reported it. */
  readonly details?: unknown;
  /** The `err` frame as received. */
  readonly frame: ErrFrame;

  constructor(frame: ErrFrame) {
    super(frame.message || frame.code);
    this.name = 'OpError';
    this.code = frame.code;
    this.frame = frame;
    if (frame.retryAfterMs !== undefined) this.retryAfterMs = frame.retryAfterMs;
    if (frame.details !== undefined) this.details = frame.details;
  }
}

/** True when an op that got this code must leave the outbox instead of being retried. */
export function isFinalError(code: ErrorCode): boolean {
  return FINAL_ERROR_CODES.includes(code);
}

/** An `err` frame made on the client, for failures that never reached the relay. */
export function localError(code: ErrorCode, message: string): ErrFrame {
  return { t: 'err', code, message };
}
