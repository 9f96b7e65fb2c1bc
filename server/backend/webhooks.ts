/**
 * Webhook signatures, both sides: the relay signs each delivery with `webhookSignature`, and the
 * site's backend checks it with `verifyWebhook` before trusting a byte of the body.
 *
 * `Hubbub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (several `v1` while
 * a secret is being rotated), `Hubbub-Delivery: <id>` (the same on every retry of a delivery:
 * de-duplicate on it). The timestamp is signed, so an old delivery cannot be replayed later
 * than the tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookBody, WebhookEventType } from '../webhooks/events.js';

export type {
  WebhookBody,
  WebhookEventData,
  WebhookEventType,
  WebhookPoll,
} from '../webhooks/events.js';

/**
 * A delivery's body, by its `type`: `switch (event.type)` narrows `event.data` to that type's
 * (`case 'poll.closed'`: `event.data.poll.counts`). One member per type of `events.ts`, which the
 * relay's translator writes, so the two cannot drift.
 */
export type WebhookEvent = { [K in WebhookEventType]: WebhookBody<K> }[WebhookEventType];

export const SIGNATURE_HEADER = 'hubbub-signature';
export const DELIVERY_HEADER = 'hubbub-delivery';

export const WEBHOOK_DEFAULTS = {
  /** How far a delivery's timestamp may be from the receiver's clock (seconds). */
  toleranceSeconds: 300,
  /** Longest header value read. */
  headerMax: 1024,
};

/** The `Hubbub-Signature` value for a body sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export class WebhookError extends Error {}

export interface VerifiedWebhook<T = WebhookEvent> {
  /** `Hubbub-Delivery`: one per delivery, the same on its retries. */
  delivery: string;
  /** When the relay signed it (unix seconds). */
  timestamp: number;
  /** The body, parsed. */
  payload: T;
}

type HeaderBag =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/**
 * Checks a delivery: `body` exactly as received (a string or the raw Buffer, before any JSON
 * parsing), `headers` as Node (`request.headers`) or fetch (`Headers`) give them. Returns the
 * delivery id, timestamp and parsed payload (a `WebhookEvent`: narrow it by `payload.type`);
 * throws `WebhookError` if the signature is missing, wrong or outside the tolerance. The payload
 * is typed, not checked: a body signed with the secret is the relay's.
 */
export function verifyWebhook<T = WebhookEvent>(
  secret: string,
  headers: HeaderBag,
  body: string | Buffer,
  options: { toleranceSeconds?: number; now?: number } = {},
): VerifiedWebhook<T> {
  const tolerance = options.toleranceSeconds ?? WEBHOOK_DEFAULTS.toleranceSeconds;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const signature = header(headers, SIGNATURE_HEADER);
  const delivery = header(headers, DELIVERY_HEADER);
  if (!signature) throw new WebhookError('no Hubbub-Signature header');
  if (!delivery) throw new WebhookError('no Hubbub-Delivery header');
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of signature.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) {
    throw new WebhookError('Hubbub-Signature must be t=<unix>,v1=<hex>');
  }
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookError('the delivery’s timestamp is outside the tolerance');
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  // Every candidate is compared, matching or not, so the time taken says nothing.
  let valid = false;
  for (const candidate of candidates) {
    if (timingSafeEqual(Buffer.from(candidate, 'hex'), expected)) valid = true;
  }
  if (!valid) throw new WebhookError('the signature does not match');
  let payload: T;
  try {
    payload = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as T;
  } catch {
    throw new WebhookError('the body is not JSON');
  }
  return { delivery, timestamp, payload };
}

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * One header's value: fetch's `Headers` match names in any case already; a plain object (Node's
 * `request.headers` is lower case, other frameworks and hand-made objects keep the documented
 * `Hubbub-Signature`) is searched in any case too, as HTTP names are case-insensitive.
 */
function header(headers: HeaderBag, name: string): string | undefined {
  let raw: string | string[] | null | undefined;
  if (typeof headers.get === 'function') {
    raw = (headers as { get(name: string): string | null }).get(name);
  } else {
    const record = headers as Record<string, string | string[] | undefined>;
    raw = Object.hasOwn(record, name)
      ? record[name]
      : Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  }
  const value = Array.isArray(raw) ? raw[0] : (raw ?? undefined);
  if (value === undefined || value.length > WEBHOOK_DEFAULTS.headerMax) return undefined;
  return value;
}
