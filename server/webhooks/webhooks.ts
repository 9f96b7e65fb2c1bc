/**
 * Signed webhooks to the site's backend. The relay's writer tells `Webhooks` what each commit made
 * durable; the events an endpoint subscribed to are written to the durable queue in that turn,
 * and sent from it: POST JSON, signed (`../backend/webhooks.ts`, the one implementation the site's
 * backend verifies with), one attempt at a time per delivery with a
 * timeout, retried with exponential backoff and jitter until `maxAgeMs`. Nothing here waits on a
 * receiver in the relay's path: a slow or dead one costs a row in the queue and a timer.
 */
import { randomUUID } from 'node:crypto';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Committed } from '../channels/writer.js';
import { fault, guard, log } from '../log.js';
import { endpointName, wants, type WebhookEndpoint, type WebhookSettings } from './config.js';
import type { WebhookBody } from './events.js';
import { DeliveryQueue, type Delivery } from './queue.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, webhookSignature } from '../backend/webhooks.js';
import { presenceRooms, translate, type Lookup } from './translate.js';

/** The longest the pump sleeps: a delivery made due by another process is seen this late. */
const IDLE_POLL_MS = 1_000;

/** Failed attempts kept per endpoint for the operator's status (`GET /api/v1/webhooks`). */
const FAILURES_KEPT = 5;

export interface WebhookFailure {
  /** When the attempt ended, ms since the epoch. */
  at: number;
  /** The receiver's HTTP status; 0 for no answer (refused, timed out). */
  status: number;
  delivery: string;
}

/** An endpoint as the operator sees it: never its secret, nor its URL's query. */
export interface WebhookEndpointStatus {
  name: string;
  url: string;
  events: WebhookEndpoint['events'];
  /** Deliveries waiting for it in the durable queue. */
  queued: number;
  /** Its last failed attempts, newest first (since this relay started). */
  lastFailures: WebhookFailure[];
}

/** What webhooks read of the relay. */
export interface WebhookRelay extends Lookup {
  /** The members of a room's loaded presence channel (this relay decides it), else undefined. */
  presenceCount(room: string): number | undefined;
}

export class Webhooks {
  readonly queue: DeliveryQueue;
  #endpoints: Map<string, WebhookEndpoint>;
  #inFlight = new Map<string, AbortController>();
  /** Attempts in flight per endpoint name: each gets at most its share of `concurrency`. */
  #busy = new Map<string, number>();
  /** Which endpoint the pump serves first next time, so none is always last. */
  #turn = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #deliveries: Counter<'endpoint' | 'result'>;
  #lastFailure: Gauge<'endpoint'>;
  #lastStatus: Gauge<'endpoint'>;
  #failures = new Map<string, WebhookFailure[]>();

  constructor(
    readonly settings: WebhookSettings,
    queueFile: string,
    private relay: WebhookRelay,
    registry: Registry,
  ) {
    this.queue = new DeliveryQueue(queueFile);
    this.#endpoints = new Map(settings.endpoints.map((e) => [endpointName(e), e]));
    const queue = this.queue;
    this.#deliveries = new Counter({
      name: 'hubbub_webhook_deliveries_total',
      help: 'Webhook attempts by endpoint and result: ok, failed (retried), expired (given up), dropped (queue full or endpoint gone)',
      labelNames: ['endpoint', 'result'] as const,
      registers: [registry],
    });
    registry.registerMetric(
      new Gauge({
        name: 'hubbub_webhook_queue_depth',
        help: 'Webhook deliveries waiting (durable), over every endpoint',
        registers: [],
        collect() {
          this.set(queue.depth);
        },
      }),
    );
    this.#lastFailure = new Gauge({
      name: 'hubbub_webhook_last_failure_timestamp_seconds',
      help: "When an endpoint's last attempt failed (unix seconds)",
      labelNames: ['endpoint'] as const,
      registers: [registry],
    });
    this.#lastStatus = new Gauge({
      name: 'hubbub_webhook_last_failure_status',
      help: "The HTTP status of an endpoint's last failed attempt (0: no answer, timeout)",
      labelNames: ['endpoint'] as const,
      registers: [registry],
    });
    // Deliveries of an endpoint taken out of the config since the last start: none is sent.
    const forgotten = this.queue.forgetOthers([...this.#endpoints.keys()]);
    if (forgotten > 0) this.#deliveries.inc({ endpoint: 'removed', result: 'dropped' }, forgotten);
    // Deliveries owed from before a restart go out now.
    this.#wake(0);
  }

  /** The writer's observer: what a commit made durable, translated and queued in this turn. */
  committed(committed: Committed): void {
    if (this.#closed) return;
    const rows: Omit<Delivery, 'attempts'>[] = [];
    const now = Date.now();
    const enqueue = (body: WebhookBody) => {
      const json = JSON.stringify(body);
      for (const [name, endpoint] of this.#endpoints) {
        if (!wants(endpoint, body.type)) continue;
        if (this.queue.depth + rows.length >= this.settings.maxQueued) {
          this.#deliveries.inc({ endpoint: name, result: 'dropped' });
          continue;
        }
        rows.push({ id: randomUUID(), endpoint: name, body: json, created: now, due: now });
      }
    };
    for (const event of translate(committed, this.relay)) {
      enqueue({ id: `evt_${randomUUID()}`, ...event } as WebhookBody);
    }
    const rooms: [string, boolean][] = [];
    for (const room of presenceRooms(committed)) {
      const count = this.relay.presenceCount(room);
      if (count === undefined) continue;
      const occupied = count > 0;
      if (occupied === this.queue.occupied(room)) continue;
      rooms.push([room, occupied]);
      enqueue(
        (occupied
          ? { id: `evt_${randomUUID()}`, type: 'room.first_viewer', room, at: now, data: { count } }
          : {
              id: `evt_${randomUUID()}`,
              type: 'room.empty',
              room,
              at: now,
              data: { count: 0 },
            }) as WebhookBody,
      );
    }
    if (rows.length === 0 && rooms.length === 0) return;
    this.queue.add(rows, rooms);
    if (rows.length > 0) this.#wake(0);
  }

  /** Each endpoint with what waits for it and how it last failed. */
  status(): { queued: number; maxQueued: number; endpoints: WebhookEndpointStatus[] } {
    const waiting = this.queue.depthByEndpoint();
    const endpoints = [...this.#endpoints].map(([name, endpoint]) => {
      const url = new URL(endpoint.url);
      return {
        name,
        url: `${url.origin}${url.pathname}`,
        events: endpoint.events,
        queued: waiting.get(name) ?? 0,
        lastFailures: [...(this.#failures.get(name) ?? [])],
      };
    });
    return { queued: this.queue.depth, maxQueued: this.settings.maxQueued, endpoints };
  }

  /**
   * Stops sending; attempts in flight are cut and stay queued (their receiver dedups by id), due
   * at once: their lease guards against a crash mid-attempt, and this is no crash, so the next
   * start sends them without waiting it out.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const now = Date.now();
    for (const [id, controller] of this.#inFlight) {
      controller.abort();
      guard('webhooks', () => this.queue.lease(id, now));
    }
    this.queue.close();
  }

  #wake(ms: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => guard('webhooks', () => this.#pump()), ms);
    this.#timer.unref();
  }

  /**
   * Starts the attempts that are due, at most `concurrency` in flight, and at most an equal share
   * of them per endpoint, so an endpoint that hangs (each attempt holding its slot until the
   * timeout) cannot take every slot and hold up the others. An endpoint at its share, or with
   * every slot taken, is woken by the end of one of its attempts.
   */
  #pump(): void {
    this.#timer = null;
    if (this.#closed) return;
    const now = Date.now();
    const names = [...this.#endpoints.keys()];
    const share = Math.max(1, Math.floor(this.settings.concurrency / names.length));
    const first = this.#turn++ % names.length;
    let next: number | null = null;
    for (let i = 0; i < names.length; i++) {
      const name = names[(first + i) % names.length];
      const free = Math.min(
        this.settings.concurrency - this.#inFlight.size,
        share - (this.#busy.get(name) ?? 0),
      );
      if (free <= 0) continue;
      const due = this.queue.dueFor(name, now, free);
      for (const delivery of due) {
        // Leased until the attempt is over: a crash mid-attempt sends it again after the lease.
        this.queue.lease(delivery.id, now + this.settings.timeoutMs + 1_000);
        void this.#attempt(delivery).catch((error: unknown) => fault('webhook', error));
      }
      if (due.length === free) continue;
      const later = this.queue.nextDueFor(name);
      if (later !== null && (next === null || later < next)) next = later;
    }
    if (next !== null) this.#wake(Math.min(IDLE_POLL_MS, Math.max(0, next - Date.now())));
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const endpoint = this.#endpoints.get(delivery.endpoint);
    if (!endpoint) {
      // The operator removed it from the config since.
      this.queue.done(delivery.id);
      this.#deliveries.inc({ endpoint: 'removed', result: 'dropped' });
      return;
    }
    const controller = new AbortController();
    this.#inFlight.set(delivery.id, controller);
    this.#busy.set(delivery.endpoint, (this.#busy.get(delivery.endpoint) ?? 0) + 1);
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    let status = 0;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        body: delivery.body,
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hubbub-relay-webhooks',
          [SIGNATURE_HEADER]: webhookSignature(
            endpoint.secret,
            Math.floor(Date.now() / 1000),
            delivery.body,
          ),
          [DELIVERY_HEADER]: delivery.id,
        },
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch {
      status = 0;
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(delivery.id);
      this.#busy.set(delivery.endpoint, (this.#busy.get(delivery.endpoint) ?? 1) - 1);
    }
    if (this.#closed) return;
    this.#settle(delivery, delivery.endpoint, status);
    this.#wake(0);
  }

  #settle(delivery: Delivery, name: string, status: number): void {
    if (status >= 200 && status < 300) {
      this.queue.done(delivery.id);
      this.#deliveries.inc({ endpoint: name, result: 'ok' });
      return;
    }
    const now = Date.now();
    this.#lastFailure.set({ endpoint: name }, Math.floor(now / 1000));
    this.#lastStatus.set({ endpoint: name }, status);
    const failures = this.#failures.get(name) ?? [];
    failures.unshift({ at: now, status, delivery: delivery.id });
    this.#failures.set(name, failures.slice(0, FAILURES_KEPT));
    if (now - delivery.created >= this.settings.maxAgeMs) {
      this.queue.done(delivery.id);
      this.#deliveries.inc({ endpoint: name, result: 'expired' });
      log.warn({ endpoint: name, delivery: delivery.id, status }, 'webhook given up');
      return;
    }
    this.#deliveries.inc({ endpoint: name, result: 'failed' });
    const { retryBaseMs, retryMaxMs } = this.settings;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(delivery.attempts, 30));
    // Equal jitter: at least half the backoff, so retries of many deliveries spread out.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.queue.retryAt(delivery.id, now + Math.round(delay));
    log.debug({ endpoint: name, delivery: delivery.id, status }, 'webhook failed, retrying');
  }
}
