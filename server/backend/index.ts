/**
 * `hubbub-relay/client`: what the site's backend needs beside the relay, without loading the
 * relay itself: sign viewers' tokens, call the relay's HTTP API, verify webhook deliveries.
 *
 * ```js
 * import { createApiClient, signToken, verifyWebhook } from 'hubbub-relay/client';
 * const hubbub = createApiClient({ url: 'https://relay.example', key: process.env.HUBBUB_API_KEY });
 * await hubbub.sendMessage('stream-42', 'Thanks for the donation, Ada!', { sender: 'Donations' });
 * ```
 */
export { signToken, type TokenClaims } from '../auth.js';
export {
  createApiClient,
  HubbubApiError,
  type ApiClient,
  type ApiClientOptions,
  type ChannelState,
  type HistoryEvent,
  type HistoryPage,
  type OpOptions,
  type OpResult,
  type QuizPlayers,
} from './api-client.js';
export {
  verifyWebhook,
  webhookSignature,
  WebhookError,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
  type VerifiedWebhook,
  type WebhookBody,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventType,
  type WebhookPoll,
} from './webhooks.js';
