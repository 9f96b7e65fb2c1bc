/**
 * `node:crypto` as the relay's rooms use it in the page (Storybook only): random ids. The relay's
 * signing (tokens, anonymous ids) is never called there; it throws if it were.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomBytes(size: number) {
  const bytes = crypto.getRandomValues(new Uint8Array(size));
  // Enough for `randomBytes(n).toString('base64url')`: one character per byte.
  return { toString: () => [...bytes].map((byte) => alphabet[byte % 64]).join('') };
}

export const randomUUID = () => crypto.randomUUID();

function notInPage(): never {
  throw new Error('the in-page relay signs nothing');
}
export const createHmac = notInPage;
export const timingSafeEqual = notInPage;
