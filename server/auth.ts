/**
 * Who is on the other end of a socket: HS256 JWTs signed by the embedding site's backend, or
 * anonymous audience members identified by a keyed hash of a secret the page keeps.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type HelloFrame, type Role, type User } from '../src/protocol/index.js';
import { tokenAvatar } from './avatars.js';
import type { RelayConfig } from './limits.js';
import { isReservedUserId } from './reserved.js';
import { cleanName } from './text.js';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  rooms: string[];
  /** Expiry, in seconds since the epoch. */
  exp: number;
  avatar?: string;
  /** When the user's account on the site was made, in seconds since the epoch (gates). */
  created?: number;
}

export interface Identity {
  user: User;
  /** Room ids the user may enter, or `['*']`. */
  rooms: string[];
  /** When the identity stops being valid (ms), or null for anonymous users. */
  expiresAt: number | null;
}

export class AuthError extends Error {}

/** Clock skew tolerated on `exp`, per PROTOCOL.md. */
const EXP_LEEWAY_MS = 30_000;
const ANON_PREFIX = 'anon-';

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

function hmac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Signs claims as an HS256 JWT. Used by tests, benchmarks and the demo's dev tokens. */
export function signToken(
  secret: string,
  claims: Partial<TokenClaims> & { sub: string },
  ttlSeconds = 3600,
): string {
  const body = { exp: Math.floor(Date.now() / 1000) + ttlSeconds, ...claims };
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify(body));
  return `${head}.${payload}.${b64url(hmac(secret, `${head}.${payload}`))}`;
}

function parseJson(part: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new AuthError('malformed token');
}

/** Verifies a token and returns the identity it grants. Throws AuthError with a reason. */
export function verifyToken(secret: string, token: string, now = Date.now()): Identity {
  if (typeof token !== 'string' || token.length > 8192) throw new AuthError('malformed token');
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthError('malformed token');
  const [head, payload, signature] = parts;
  const header = parseJson(head);
  if (header.alg !== 'HS256') throw new AuthError('token algorithm must be HS256');
  // Compared as text, not decoded: Node's base64url decoder skips characters it does not know and
  // ignores a last character's spare bits, so `SIG!!` or `SIG=` would verify as `SIG`.
  const expected = Buffer.from(hmac(secret, `${head}.${payload}`).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AuthError('bad token signature');
  }
  const claims = parseJson(payload);
  const { sub, name, role, rooms, exp, avatar, created } = claims;
  if (typeof sub !== 'string' || sub.length < 1 || sub.length > 128) {
    throw new AuthError('token has no valid sub');
  }
  if (sub.startsWith(ANON_PREFIX)) throw new AuthError('token sub may not start with anon-');
  // The relay's own senders are exempt from moderation: no signed-in person may be one of them.
  if (isReservedUserId(sub)) throw new AuthError('token sub is reserved for the relay');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw new AuthError('token has an unknown role');
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new AuthError('token has no exp');
  const expiresAt = exp * 1000;
  if (expiresAt + EXP_LEEWAY_MS <= now) throw new AuthError('token expired');
  if (!Array.isArray(rooms) || !rooms.every((r) => typeof r === 'string')) {
    throw new AuthError('token has no rooms');
  }
  const user: User = { id: sub, name: cleanName(name, cleanName(sub, sub)), role: role as Role };
  const picture = tokenAvatar(avatar);
  if (picture !== undefined) user.avatar = picture;
  if (typeof created === 'number' && Number.isFinite(created)) {
    withAccountCreatedAt(user, created * 1000);
  }
  return { user, rooms: rooms as string[], expiresAt: expiresAt + EXP_LEEWAY_MS };
}

/**
 * The public id of an anonymous user: `anon-` + a keyed hash of their secret key, so an id seen
 * in presence can never be used to act as that user.
 */
export function anonymousIdentity(
  secret: string,
  key: unknown,
  name: unknown,
  rooms: string[] = ['*'],
): Identity {
  if (typeof key !== 'string' || key.length < 16 || key.length > 256) {
    throw new AuthError('anon.key must be a string of 16 to 256 characters');
  }
  const id = ANON_PREFIX + hmac(secret, `anon:${key}`).toString('base64url').slice(0, 22);
  const user: User = { id, name: cleanName(name, 'Guest'), role: 'audience' };
  return { user, rooms, expiresAt: null };
}

/**
 * Whether the identity's rooms grant `room`. An entry is a room id, `*` (every room), or a
 * pattern where `*` stands for any run of characters (`class-*`).
 */
export function mayEnter(identity: Identity, room: string): boolean {
  return identity.rooms.some((entry) => roomMatches(entry, room));
}

export function roomMatches(entry: string, room: string): boolean {
  if (entry === '*' || entry === room) return true;
  if (!entry.includes('*')) return false;
  const parts = entry.split('*');
  if (!room.startsWith(parts[0]) || !room.endsWith(parts.at(-1)!)) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = room.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return at <= room.length - parts.at(-1)!.length;
}

/**
 * Where a user's account age travels inside the relay: a property that `JSON.stringify` skips, so
 * the site's account dates never reach other users in messages, presence or `welcome`.
 */
const CREATED = 'accountCreatedAt';

/** Marks `user` with its account's creation time (ms), from the token's `created` claim. */
export function withAccountCreatedAt<T extends User>(user: T, ms: number | undefined): T {
  if (ms !== undefined && Number.isFinite(ms)) {
    Object.defineProperty(user, CREATED, { value: ms, enumerable: false, configurable: true });
  }
  return user;
}

/** When the user's account was made (ms), if their token said. */
export function accountCreatedAt(user: User): number | undefined {
  const value = (user as unknown as Record<string, unknown>)[CREATED];
  return typeof value === 'number' ? value : undefined;
}

/** Anonymous users' ids are derived from their key: `anon-…`; a token's `sub` never is. */
export function isAnonymous(user: User): boolean {
  return user.id.startsWith(ANON_PREFIX);
}

/** Who a `hello` says the user is: its token's, else (where allowed) an anonymous identity. */
export function identify(
  config: Pick<RelayConfig, 'secret' | 'anonymous' | 'anonymousRooms'>,
  hello: Pick<HelloFrame, 'token' | 'anon'>,
): Identity {
  if (hello.token !== undefined) return verifyToken(config.secret, hello.token);
  if (hello.anon && config.anonymous) {
    return anonymousIdentity(config.secret, hello.anon.key, hello.anon.name, config.anonymousRooms);
  }
  throw new AuthError(config.anonymous ? 'a token or anon is required' : 'a token is required');
}
