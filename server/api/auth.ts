/**
 * Who calls the HTTP API: the site's backend with the server key, or a host or moderator with
 * the same JWT the widgets use. The key is never compared as a string: both sides are hashed
 * first, so the comparison takes the same time whatever the key's length or how much matches.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isStaff, type User } from '../../src/protocol/index.js';
import { AuthError, verifyToken, type Identity } from '../auth.js';
import { SYSTEM_USER_ID } from '../reserved.js';
import { ApiError } from './router.js';

/** A server key shorter than this is refused at start: it could be guessed. */
export const API_KEY_MIN_LENGTH = 16;

/** The identity of calls made with the server key, whatever sender name they give. */
export { SYSTEM_USER_ID };
export const SYSTEM_NAME = 'System';

export interface ApiIdentity extends Identity {
  /** `key`: the server key (a system sender); `token`: a host's or moderator's token. */
  kind: 'key' | 'token';
  /** What the per-caller API limits are keyed by. */
  principal: string;
}

export class ApiAuth {
  /** Null on a relay without a server key: then only host and moderator tokens are taken. */
  readonly #keyHash: Buffer | null;

  constructor(
    key: string | null,
    private secret: string,
  ) {
    this.#keyHash = key ? hash(key) : null;
  }

  /**
   * The caller named by an `Authorization: Bearer …` header. Throws `unauthorized` (401) for no
   * or a bad credential, `forbidden` (403) for a valid audience token. Without a server key
   * configured, every credential is read as a token (a host must be able to export its room from
   * the console of a relay that has no key).
   */
  identify(header: string | undefined): ApiIdentity {
    // The scheme is case-insensitive (RFC 9110, 11.1); the credential is compared exactly.
    const match = /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(header?.trim() ?? '');
    if (!match) {
      throw new ApiError('unauthorized', 'send Authorization: Bearer <server key or host token>');
    }
    const credential = match[1];
    if (this.#keyHash && timingSafeEqual(hash(credential), this.#keyHash)) {
      return {
        kind: 'key',
        principal: 'key',
        user: systemUser(SYSTEM_NAME),
        rooms: ['*'],
        expiresAt: null,
      };
    }
    let identity: Identity;
    try {
      identity = verifyToken(this.secret, credential);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      // Not echoed: the message of a bad token says what was wrong with it, never its content.
      throw new ApiError(
        'unauthorized',
        this.#keyHash
          ? `not the server key, nor a valid token: ${error.message}`
          : `not a valid token (this relay has no server key: start it with HUBBUB_API_KEY): ${error.message}`,
      );
    }
    if (!isStaff(identity.user)) {
      throw new ApiError('forbidden', 'the API takes the server key or a host or moderator token');
    }
    return { ...identity, kind: 'token', principal: `token:${identity.user.id}` };
  }
}

/** The system sender: one user id for every call with the server key, the name it gives. */
export function systemUser(name: string): User {
  return { id: SYSTEM_USER_ID, name, role: 'host' };
}

function hash(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
