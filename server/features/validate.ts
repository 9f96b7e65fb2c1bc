/** Small validators for op payloads: each returns the clean value or throws `invalid`. */
import { codePoints, isStaff, type User } from '../../src/protocol/index.js';
import { OpError, invalid } from '../errors.js';
import { cleanText } from '../text.js';
import type { ChannelHandle } from './feature.js';

/**
 * A string field as users' text is kept (`cleanText`: line breaks as `\n`, no controls, no bidi
 * or other invisible formatting characters, trimmed; `oneLine` fields have spaces for tabs and
 * line breaks), of `min` to `max` code points counted after cleaning. A lone surrogate is
 * `invalid` (`reason: 'lone_surrogate'`); a text that draws nothing counts as empty. The errors
 * never repeat what was sent.
 */
export function text(
  data: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
  { oneLine = false }: { oneLine?: boolean } = {},
): string {
  const value = data[field];
  if (typeof value !== 'string') {
    throw invalid(`${field} must be a string`, { field, expected: 'string' });
  }
  const cleaned = userText(value, field, oneLine);
  const length = codePoints(cleaned);
  if (length < min || length > max) {
    throw invalid(`${field} must be ${min} to ${max} characters after trimming`, {
      field,
      min,
      max,
      length,
    });
  }
  return cleaned;
}

/**
 * `value` as users' text is kept (`cleanText`), or `invalid` naming `field` (never repeating the
 * text) when it holds a lone surrogate.
 */
export function userText(value: string, field: string, oneLine = false): string {
  const cleaned = cleanText(value, oneLine);
  if (cleaned === null) {
    throw invalid(`${field} holds a lone surrogate: it is not well-formed Unicode text`, {
      field,
      reason: 'lone_surrogate',
    });
  }
  return cleaned;
}

/** An identifier field: a non-empty string of at most 128 characters. */
export function id(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length < 1 || value.length > 128) {
    throw invalid(`${field} must be an id string`, { field, expected: 'string' });
  }
  return value;
}

/**
 * An identifier field that may be left out. Only a missing field is absent: `null` is a wrongly
 * typed value, `invalid` as in frames (PROTOCOL.md: no coercion), since a client that sends it
 * meant something, and guessing what could do what it never asked (a ban without end).
 */
export function optionalId(data: Record<string, unknown>, field: string): string | undefined {
  return data[field] === undefined ? undefined : id(data, field);
}

/** An integer field within bounds. */
export function integer(
  data: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${min} to ${max}`, {
      field,
      expected: 'integer',
      min,
      max,
    });
  }
  return value;
}

/** An integer field within bounds that may be left out; `null` is `invalid` (see `optionalId`). */
export function optionalInteger(
  data: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  return data[field] === undefined ? undefined : integer(data, field, min, max);
}

/**
 * A boolean flag that may be left out (`false` then). Anything else, `"true"`, `1` or `null`, is
 * `invalid`: read as `false`, a host's `hideResults: "true"` would show the results to everyone.
 */
export function optionalBoolean(data: Record<string, unknown>, field: string): boolean {
  const value = data[field];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw invalid(`${field} must be a boolean`, { field, expected: 'boolean' });
  }
  return value;
}

/**
 * Refuses what an audience member writes when `value` holds one of the room's blocked terms;
 * `what` names it in the message (`the message contains a blocked term`). Hosts are exempt.
 */
export function notBlocked(
  handle: Pick<ChannelHandle, 'blocked'>,
  user: User,
  field: string,
  value: string,
  what = field,
): void {
  if (isStaff(user) || !handle.blocked(value)) return;
  throw invalid(`the ${what} contains a blocked term`, { field, reason: 'blocked' });
}

/** Refuses an audience member whose name holds one of the room's blocked terms. */
export function nameNotBlocked(handle: Pick<ChannelHandle, 'blocked'>, user: User): void {
  notBlocked(handle, user, 'name', user.name, 'name you use');
}

/** Refuses an op PROTOCOL.md marks (host) to anyone but hosts and moderators. */
export function requireHost(user: User): void {
  if (!isStaff(user)) throw new OpError('forbidden', 'only hosts and moderators may do this');
}
