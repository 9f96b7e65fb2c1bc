/**
 * `hubbub-relay/client` (issue 15 item 4): the typed API client against a real relay process, and
 * webhook signatures checked as a receiver would (right secret, tampered body, old timestamp,
 * rotated secrets, Node and fetch headers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createApiClient,
  HubbubApiError,
  verifyWebhook,
  webhookSignature,
  WebhookError,
} from '../../server/backend/index.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { isEv } from '../helpers/frames.js';

const KEY = 'client-api-key-0123456789';

describe('createApiClient', () => {
  const { relay, room } = withRelay({ env: { HUBBUB_API_KEY: KEY } });

  test('posts, runs a poll, reads state and every event, retries with the same key', async () => {
    const { roomId, ch, member } = room('client', 'chat');
    const viewer = await member('viewer');
    const hubbub = createApiClient({ url: relay.httpUrl, key: KEY });
    const sent = await hubbub.sendMessage(roomId, 'Welcome!', { sender: 'Bot' });
    assert.equal(typeof sent.data?.id, 'string');
    const ev = await viewer.next(isEv(ch, 'message'));
    assert.equal(ev.data.user.name, 'Bot');

    const again = await hubbub.sendMessage(roomId, 'Welcome!', { idempotencyKey: sent.mid });
    assert.deepEqual(again, sent, 'the same key: the first answer');

    const { data } = await hubbub.createPoll(roomId, {
      question: 'Ready?',
      options: ['Yes', 'No'],
      kind: 'single',
    });
    await hubbub.openPoll(roomId, data!.pollId);
    const polls = await hubbub.state<{ polls: { id: string; status: string }[] }>(roomId, 'poll');
    assert.equal(polls.state?.polls[0].status, 'open');

    for (let i = 0; i < 3; i++) await hubbub.sendMessage(roomId, `n${i}`);
    const texts: string[] = [];
    for await (const event of hubbub.events(roomId, 'chat')) {
      texts.push((event.data as { text: string }).text);
    }
    assert.deepEqual(texts, ['Welcome!', 'n0', 'n1', 'n2']);

    await assert.rejects(
      hubbub.op(roomId, 'chat', 'explode'),
      (error: unknown) =>
        error instanceof HubbubApiError && error.status === 400 && error.code === 'invalid',
    );
    const stranger = createApiClient({ url: relay.httpUrl, key: 'not-the-key-at-all' });
    await assert.rejects(
      stranger.state(roomId, 'chat'),
      (error: unknown) => error instanceof HubbubApiError && error.status === 401,
    );
  });
});

/** Delivery headers as Node gives them. */
const headers = (signature: string) => ({
  'hubbub-signature': signature,
  'hubbub-delivery': 'd-1',
});

/** Asserts that `fn` throws a WebhookError whose message matches. */
const refuses = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(
    fn,
    (error: unknown) => error instanceof WebhookError && pattern.test(error.message),
  );

describe('verifyWebhook', () => {
  const secret = 'whsec-0123456789';
  const body = JSON.stringify({ type: 'message', room: 'r', data: { text: 'hi' } });
  const now = Date.parse('2026-12-06T12:00:00Z');
  const t = Math.floor(now / 1000);

  test('accepts its signature, from Node or fetch headers, and parses the body', () => {
    const signature = webhookSignature(secret, t, body);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    const verified = verifyWebhook(secret, headers(signature), body, { now });
    assert.deepEqual(verified, { delivery: 'd-1', timestamp: t, payload: JSON.parse(body) });
    const fromFetch = verifyWebhook(
      secret,
      new Headers({ 'Hubbub-Signature': signature, 'Hubbub-Delivery': 'd-1' }),
      Buffer.from(body),
      { now },
    );
    assert.equal(fromFetch.delivery, 'd-1');
  });

  test('refuses another secret, a changed body, an old timestamp and a missing header', () => {
    const signature = webhookSignature(secret, t, body);
    refuses(() => verifyWebhook('other', headers(signature), body, { now }), /does not match/);
    refuses(() => verifyWebhook(secret, headers(signature), `${body} `, { now }), /does not match/);
    refuses(
      () => verifyWebhook(secret, headers(signature), body, { now: now + 301_000 }),
      /tolerance/,
    );
    refuses(() => verifyWebhook(secret, { 'hubbub-delivery': 'd-1' }, body, { now }), /Signature/);
    refuses(() => verifyWebhook(secret, headers(`t=${t}`), body, { now }), /t=<unix>,v1=<hex>/);
  });

  test('header names are matched in any case, in a plain object too (HTTP names are case-blind)', () => {
    const signature = webhookSignature(secret, t, body);
    // As many frameworks and hand-written receivers pass them: the documented spelling.
    const verified = verifyWebhook(
      secret,
      { 'Hubbub-Signature': signature, 'Hubbub-Delivery': 'd-1' },
      body,
      { now },
    );
    assert.equal(verified.delivery, 'd-1');
    const shouting = verifyWebhook(
      secret,
      { 'HUBBUB-SIGNATURE': signature, 'HUBBUB-DELIVERY': 'd-2' },
      body,
      { now },
    );
    assert.equal(shouting.delivery, 'd-2');
    refuses(
      () =>
        verifyWebhook(
          secret,
          { 'Hubbub-Signature': signature, 'Hubbub-Delivery': 'd-1' },
          `${body} `,
          {
            now,
          },
        ),
      /does not match/,
    );
  });

  test('any v1 that matches is enough (secrets being rotated)', () => {
    const old = webhookSignature('old-secret', t, body).split(',')[1];
    const current = webhookSignature(secret, t, body).split(',')[1];
    const verified = verifyWebhook(secret, headers(`t=${t},${old},${current}`), body, { now });
    assert.equal(verified.timestamp, t);
  });
});
