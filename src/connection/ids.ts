/** Random identifiers: op `mid`s and the anonymous key. */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Length of an op's `mid`: 16 base64url characters, 96 random bits. */
export const MID_LENGTH = 16;

/** A string of `length` random base64url characters from the platform's CSPRNG. */
export function randomId(length: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  // 256 is a multiple of 64, so masking keeps every character equally likely.
  for (const byte of bytes) id += BASE64URL[byte & 63];
  return id;
}

/** A new op idempotency key (`mid`), made once per op and reused on every retry. */
export function createMid(): string {
  return randomId(MID_LENGTH);
}
