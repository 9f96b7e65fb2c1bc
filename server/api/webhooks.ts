/**
 * The webhooks area, for the operator: `GET /api/v1/webhooks` lists the configured endpoints with
 * what waits for each in the durable queue and its last failed attempts, the same facts `/metrics`
 * counts, readable without a metrics stack. The server key only: endpoints are the service's, not
 * a room's, so a host token gets 403.
 */
import type { Webhooks } from '../webhooks/webhooks.js';
import { type Route, type Schema } from './router.js';

/** What the route reads of the relay's webhooks (none when none are configured). */
export type WebhookStatusSource = Pick<Webhooks, 'status'>;

const failure: Schema = {
  type: 'object',
  properties: {
    at: { type: 'integer', description: 'When the attempt ended, ms since the epoch.' },
    status: { type: 'integer', description: 'The receiver’s HTTP status; 0: no answer.' },
    delivery: { type: 'string', description: 'The `Hubbub-Delivery` id of the attempt.' },
  },
};

export const webhookRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/webhooks',
    tag: 'webhooks',
    summary: 'The webhook endpoints, their queued deliveries and last failures (server key only)',
    description:
      'Never an endpoint’s secret, nor its URL’s query. `lastFailures` are the last 5 failed attempts since this relay started, newest first. In a cluster, each relay answers for the deliveries it queued (the rooms it decides). Without webhooks configured: `{configured: false, endpoints: []}`.',
    keyOnly: true,
    response: {
      type: 'object',
      properties: {
        configured: { type: 'boolean' },
        queued: { type: 'integer', description: 'Deliveries waiting on this relay.' },
        maxQueued: { type: 'integer' },
        endpoints: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              url: { type: 'string' },
              events: { type: 'array', items: { type: 'string' } },
              queued: { type: 'integer' },
              lastFailures: { type: 'array', items: failure },
            },
          },
        },
      },
    },
    handle: async (request) => {
      const webhooks = request.services.webhooks;
      if (!webhooks) return { configured: false, queued: 0, maxQueued: 0, endpoints: [] };
      return { configured: true, ...webhooks.status() };
    },
  },
];
