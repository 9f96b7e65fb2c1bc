/**
 * Who may call the relay's HTTP API for a room: the site's backend with the server key
 * (`Authorization: Bearer <HUBBUB_API_KEY>`, compared in constant time), or a host or moderator
 * with a token for the room (the host console). Never a token in a URL: the header only.
 *
 * Small on purpose: the server API (issue 15, item 1) brings its own and may replace this one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isStaff } from '../src/protocol/index.js';
import { AuthError, mayEnter, verifyToken } from './auth.js';

export type ApiAccess =
  { ok: true; by: 'key' | 'token' } | { ok: false; status: 401 | 403; error: string };

export interface ApiKeys {
  /** The server key (`HUBBUB_API_KEY`); without one, only host tokens are taken. */
  apiKey?: string;
  /** The relay's token secret. */
  secret: string;
}

/** Equal strings, in a time that tells nothing of where they differ (hashes of equal length). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function authorizeRoom(request: IncomingMessage, room: string, keys: ApiKeys): ApiAccess {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header);
  if (!match) return { ok: false, status: 401, error: 'Authorization: Bearer KEY or TOKEN' };
  const credential = match[1];
  if (keys.apiKey && sameSecret(credential, keys.apiKey)) return { ok: true, by: 'key' };
  try {
    const identity = verifyToken(keys.secret, credential);
    if (!isStaff(identity.user)) return { ok: false, status: 403, error: 'hosts only' };
    if (!mayEnter(identity, room)) return { ok: false, status: 403, error: 'not your room' };
    return { ok: true, by: 'token' };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, status: 401, error: 'unauthorized' };
    throw error;
  }
}
