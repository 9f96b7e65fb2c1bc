/**
 * The operator's webhook settings: endpoints (from the config file's `webhooks`, or one from
 * `HUBBUB_WEBHOOK_URL` / `HUBBUB_WEBHOOK_SECRET` / `HUBBUB_WEBHOOK_EVENTS`) and how deliveries are
 * retried. Checked once at start: a typo fails the start, not the first delivery.
 */
import { WEBHOOK_EVENTS, type WebhookEventType } from './events.js';

export interface WebhookEndpoint {
  url: string;
  /** The event types sent there; `['*']` for all. */
  events: readonly (WebhookEventType | '*')[];
  /** The HMAC secret the receiver checks signatures with. */
  secret: string;
  /**
   * The endpoint's name in `/metrics` (default: the URL without its query): a label set bounded
   * by the config, never by traffic.
   */
  name?: string;
}

export interface WebhookSettings {
  endpoints: WebhookEndpoint[];
  /** Time one attempt may take, response included. */
  timeoutMs: number;
  /** A delivery still failing this long after its event is given up. */
  maxAgeMs: number;
  /** The first retry's delay; each next one doubles, up to `retryMaxMs`, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deliveries kept waiting at most; beyond, new ones are dropped (and counted). */
  maxQueued: number;
  /** Attempts in flight at once, over every endpoint. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: Omit<WebhookSettings, 'endpoints'> = {
  timeoutMs: 10_000,
  maxAgeMs: 24 * 60 * 60 * 1000,
  retryBaseMs: 1_000,
  retryMaxMs: 60 * 60 * 1000,
  maxQueued: 100_000,
  concurrency: 8,
};

/** Most endpoints one relay sends to: each is a label value in `/metrics`. */
export const MAX_ENDPOINTS = 20;

export class WebhookConfigError extends Error {}

/**
 * Reads `webhooks` as the config file gives it (a list of endpoints, or `{endpoints, timeoutMs,
 * maxAgeMs, ...}`) and the environment's single endpoint.
 */
export function parseWebhooks(raw: unknown, env: NodeJS.ProcessEnv = {}): WebhookSettings | null {
  const settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, endpoints: [] };
  if (raw !== undefined && raw !== null) {
    const given = Array.isArray(raw) ? { endpoints: raw } : raw;
    if (typeof given !== 'object') throw new WebhookConfigError('webhooks: a list or an object');
    for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
      if (key === 'endpoints') {
        if (!Array.isArray(value)) throw new WebhookConfigError('webhooks.endpoints: a list');
        settings.endpoints.push(...value.map((item, i) => parseEndpoint(item, `webhooks[${i}]`)));
      } else if (key in DEFAULT_WEBHOOK_SETTINGS) {
        if (!Number.isInteger(value) || (value as number) < 1) {
          throw new WebhookConfigError(`webhooks.${key}: a whole number >= 1`);
        }
        (settings as unknown as Record<string, number>)[key] = value as number;
      } else {
        throw new WebhookConfigError(`webhooks: unknown setting ${key}`);
      }
    }
  }
  if (env.HUBBUB_WEBHOOK_URL) {
    settings.endpoints.push(
      parseEndpoint(
        {
          url: env.HUBBUB_WEBHOOK_URL,
          secret: env.HUBBUB_WEBHOOK_SECRET,
          // Empty is unset, as for every variable of the relay: all events.
          events: env.HUBBUB_WEBHOOK_EVENTS?.trim()
            ? env.HUBBUB_WEBHOOK_EVENTS.split(/[\s,]+/).filter(Boolean)
            : ['*'],
        },
        'HUBBUB_WEBHOOK_URL',
      ),
    );
  }
  if (settings.endpoints.length > MAX_ENDPOINTS) {
    throw new WebhookConfigError(`webhooks: at most ${MAX_ENDPOINTS} endpoints`);
  }
  const names = new Set(settings.endpoints.map(endpointName));
  if (names.size < settings.endpoints.length) {
    throw new WebhookConfigError('webhooks: two endpoints with one URL (or name)');
  }
  return settings.endpoints.length > 0 ? settings : null;
}

function parseEndpoint(item: unknown, where: string): WebhookEndpoint {
  const { url, events, secret, name } = (item ?? {}) as Record<string, unknown>;
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new WebhookConfigError(`${where}.url: not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new WebhookConfigError(`${where}.url: http or https only`);
  }
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new WebhookConfigError(`${where}.secret: at least 16 characters`);
  }
  const list = events === undefined ? ['*'] : events;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((type) => type === '*' || WEBHOOK_EVENTS.includes(type as WebhookEventType))
  ) {
    throw new WebhookConfigError(`${where}.events: a list of ${WEBHOOK_EVENTS.join(', ')} or *`);
  }
  if (name !== undefined && (typeof name !== 'string' || !/^[\w.-]{1,40}$/.test(name))) {
    throw new WebhookConfigError(`${where}.name: 1 to 40 letters, digits, _ . -`);
  }
  return { url: parsed.href, events: list as WebhookEndpoint['events'], secret, name };
}

/** The endpoint's name in metrics and logs: its own, or its URL without query or credentials. */
export function endpointName(endpoint: WebhookEndpoint): string {
  if (endpoint.name) return endpoint.name;
  const url = new URL(endpoint.url);
  return `${url.origin}${url.pathname}`;
}

export function wants(endpoint: WebhookEndpoint, type: WebhookEventType): boolean {
  return endpoint.events.includes('*') || endpoint.events.includes(type);
}
