/**
 * The signature of a delivery, as Stripe's and Stream's: `Hubbub-Signature: t=<unix s>,v1=<hex>`
 * where `v1` is HMAC-SHA256 of `${t}.${body}` with the endpoint's secret. The timestamp is inside
 * the signed text, so a receiver that refuses old timestamps refuses replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Hubbub-Signature';
export const DELIVERY_HEADER = 'Hubbub-Delivery';

export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Whether `header` signs `body` with `secret` within `toleranceS` of `now` (ms). For the relay's
 * own tests; backends use the helper of the relay package, which does the same.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now = Date.now(),
  toleranceS = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceS) return false;
  const expected = signature(secret, body, t).split('v1=')[1];
  return (
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'))
  );
}
