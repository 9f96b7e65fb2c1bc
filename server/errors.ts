import type { ErrorCode } from '../src/protocol/index.js';

/** A refusal the client is told about: becomes an `err` frame. Never carries a stack. */
export class OpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { details?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

export const invalid = (message: string, details?: unknown) =>
  new OpError('invalid', message, details === undefined ? {} : { details });
