/**
 * The HTTP API (`/api/v1`, issue 15 item 1) against a real relay process on SQLite: the server
 * key and host tokens, every kind of call, `Idempotency-Key` (one effect, the same answer),
 * validation, ops reaching socket subscribers in order, history paged, and the OpenAPI document
 * covering every route.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { POLL_KINDS } from '../../src/protocol/index.js';
import { apiRouter } from '../../server/api/index.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { isEv } from '../helpers/frames.js';
import { newMid, type Frame } from '../helpers/raw-client.js';

const KEY = 'test-api-key-0123456789';

/** A JSON answer, loosely typed: tests assert on the fields they care about. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = { [field: string]: any };

interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

/** Calls the API of `base` with the server key (or `auth`: another credential, or none). */
async function call(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    raw?: string;
    auth?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth === undefined ? KEY : options.auth;
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

/** JSON text of arrays nested `n` deep. */
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('api', () => {
  const { relay, room } = withRelay({ env: { HUBBUB_API_KEY: KEY } });
  const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
    call(relay.httpUrl, method, path, options);

  describe('auth', () => {
    test('no Authorization, a wrong key, an audience token and an expired token are refused', async () => {
      const { roomId } = room('auth', 'chat');
      const path = `/api/v1/rooms/${roomId}/channels/chat`;
      const none = await api('GET', path, { auth: null });
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, 'unauthorized');
      const wrong = await api('GET', path, { auth: `${KEY}x` });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'unauthorized');
      const audience = await api('GET', path, {
        auth: relay.token({ sub: 'viewer', role: 'audience' }),
      });
      assert.equal(audience.status, 403);
      assert.equal(audience.body.error.code, 'forbidden');
      const expired = await api('GET', path, {
        auth: relay.token({
          sub: 'old-host',
          role: 'host',
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
      });
      assert.equal(expired.status, 401);
      assert.match(expired.body.error.message, /expired/);
      const ok = await api('GET', path);
      assert.equal(ok.status, 200);
    });

    test('the Bearer scheme is matched in any case (RFC 9110), the credential exactly', async () => {
      const { roomId } = room('scheme', 'chat');
      const path = `/api/v1/rooms/${roomId}/channels/chat`;
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
        const response = await fetch(relay.httpUrl + path, {
          headers: { authorization: `${scheme} ${KEY}` },
        });
        assert.equal(response.status, 200, scheme);
        await response.body?.cancel();
      }
      const wrongCase = await fetch(relay.httpUrl + path, {
        headers: { authorization: `Bearer ${KEY.toUpperCase()}` },
      });
      assert.equal(wrongCase.status, 401);
      await wrongCase.body?.cancel();
    });

    test('a host token acts as its host, in the rooms it grants only', async () => {
      const { roomId, member } = room('host-token', 'chat');
      const viewer = await member('viewer');
      const token = relay.token({ sub: 'token-host', name: 'Hana', role: 'host', rooms: [roomId] });
      const sent = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        auth: token,
        body: { text: 'from the host', sender: 'ignored with a token' },
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const ev = await viewer.next(isEv(`${roomId}/chat`, 'message'));
      assert.deepEqual(ev.data.user, { id: 'token-host', name: 'Hana', role: 'host' });
      const elsewhere = await api('POST', `/api/v1/rooms/other-${roomId}/chat/messages`, {
        auth: token,
        body: { text: 'not here' },
      });
      assert.equal(elsewhere.status, 403);
      assert.equal(elsewhere.body.error.code, 'forbidden');
    });
  });

  describe('publish and ops', () => {
    test('a system message reaches every subscriber, from the named system sender', async () => {
      const { roomId, ch, member } = room('publish', 'chat');
      const viewer = await member('viewer');
      const sent = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        body: { text: 'Thanks for the donation, Ada!', sender: 'Donations' },
      });
      assert.equal(sent.status, 200);
      assert.equal(typeof sent.body.mid, 'string');
      const ev = await viewer.next(isEv(ch, 'message'));
      assert.equal(ev.seq, sent.body.seq);
      assert.equal(ev.data.id, sent.body.data.id);
      assert.equal(ev.data.text, 'Thanks for the donation, Ada!');
      assert.deepEqual(ev.data.user, { id: 'hubbub-system', name: 'Donations', role: 'host' });
    });

    test('the system sender cannot be banned, timed out or hidden: forbidden, reserved_user', async () => {
      const { roomId, ch, member } = room('system-ban', 'chat');
      const host = await member('host', 'host');
      const target = { userId: 'hubbub-system' };
      for (const [type, data] of [
        ['ban', target],
        ['ban', { ...target, minutes: 5 }],
        ['timeout', { ...target, seconds: 60, reason: 'spam' }],
        ['hide', target],
      ] as const) {
        const answer = await host.op(ch, type, data);
        assert.equal(answer.t, 'err', type);
        assert.equal(answer.code, 'forbidden', type);
        assert.deepEqual(answer.details, { field: 'userId', reason: 'reserved_user' }, type);
      }
      // Nor through the API with a host's token; lifting one (a no-op here) is still allowed.
      const token = relay.token({ sub: 'api-host', role: 'host', rooms: [roomId] });
      const viaApi = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        auth: token,
        body: { feature: 'chat', op: 'timeout', data: { ...target, seconds: 60 } },
      });
      assert.equal(viaApi.status, 403);
      assert.equal(viaApi.body.error.details.reason, 'reserved_user');
      assert.equal((await host.op(ch, 'unban', target)).t, 'ack');
      assert.equal((await host.op(ch, 'unhide', target)).t, 'ack');
      // The backend still speaks in the room.
      const sent = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        body: { text: 'still here' },
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    });

    test('a moderator’s token may not ban a host through the API either', async () => {
      const { roomId, member } = room('api-outranked', 'chat');
      const host = await member('host', 'host');
      const token = relay.token({ sub: 'api-mod', role: 'moderator', rooms: [roomId] });
      const refused = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        auth: token,
        body: { feature: 'chat', op: 'ban', data: { userId: host.welcome.user.id } },
      });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details.reason, 'outranked');
    });

    test('the same Idempotency-Key twice (and at once) is one message and the same answer', async () => {
      const { roomId, ch, member } = room('idem', 'chat');
      const viewer = await member('viewer');
      const path = `/api/v1/rooms/${roomId}/chat/messages`;
      const headers = { 'idempotency-key': `donation-${newMid()}` };
      const first = await api('POST', path, { body: { text: 'once' }, headers });
      const again = await api('POST', path, { body: { text: 'once' }, headers });
      assert.equal(first.status, 200);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      const twin = { 'idempotency-key': `twin-${newMid()}` };
      const [a, b] = await Promise.all([
        api('POST', path, { body: { text: 'twice at once' }, headers: twin }),
        api('POST', path, { body: { text: 'twice at once' }, headers: twin }),
      ]);
      assert.deepEqual(a.body, b.body);
      const marker = await api('POST', path, { body: { text: 'marker' } });
      await viewer.next((f) => isEv(ch, 'message')(f) && f.seq === marker.body.seq);
      const texts = viewer.events(ch, 'message').map((f) => f.data.text);
      assert.deepEqual(texts, ['once', 'twice at once', 'marker']);
      // A refusal is answered the same on a retry too.
      const bad = { 'idempotency-key': `bad-${newMid()}` };
      const refused = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'chat', op: 'delete', data: { id: 'no-such-message' } },
        headers: bad,
      });
      const refusedAgain = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'chat', op: 'delete', data: { id: 'no-such-message' } },
        headers: bad,
      });
      assert.equal(refused.status, 404);
      assert.deepEqual(refusedAgain.body, refused.body);
    });

    test('API ops reach socket subscribers in order, interleaved with sockets’ ops', async () => {
      const { roomId, ch, member, join } = room('order', 'chat');
      const first = await member('first');
      const second = await member('second');
      const writer = await join('writer');
      const seqs: number[] = [];
      for (let i = 0; i < 10; i++) {
        const sent = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
          body: { text: `api ${i}` },
        });
        seqs.push(sent.body.seq);
        const ack = await writer.op(ch, 'send', { text: `socket ${i}` });
        seqs.push(ack.seq);
      }
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => seqs[0] + i),
        'one order: contiguous seqs',
      );
      for (const viewer of [first, second]) {
        const evs = await viewer.collect(isEv(ch, 'message'), 20);
        assert.deepEqual(
          evs.map((f: Frame) => f.seq),
          seqs,
        );
        assert.deepEqual(
          evs.map((f: Frame) => f.data.text),
          seqs.map((_, i) => (i % 2 === 0 ? `api ${i / 2}` : `socket ${(i - 1) / 2}`)),
        );
      }
    });

    test('polls: create, open, close through the API; votes from sockets; results read back', async () => {
      const { roomId, ch, member } = room('poll-api', 'poll');
      const voter = await member('voter');
      const created = await api('POST', `/api/v1/rooms/${roomId}/polls`, {
        body: { question: 'Best season?', options: ['Spring', 'Autumn'], kind: 'single' },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const { pollId } = created.body.data;
      const opened = await api('POST', `/api/v1/rooms/${roomId}/polls/${pollId}/open`);
      assert.equal(opened.status, 200);
      const vote = await voter.op(ch, 'vote', { pollId, choice: 1 });
      assert.equal(vote.t, 'ack');
      const closed = await api('POST', `/api/v1/rooms/${roomId}/polls/${pollId}/close`);
      assert.equal(closed.status, 200);
      await voter.next((f) => isEv(ch, 'status')(f) && f.data.status === 'closed');
      const read = await api('GET', `/api/v1/rooms/${roomId}/channels/poll`);
      assert.equal(read.status, 200);
      const poll = read.body.state.polls.find((p: { id: string }) => p.id === pollId);
      assert.equal(poll.status, 'closed');
      assert.deepEqual(poll.counts, [0, 1]);
      assert.equal(poll.total, 1);
      const again = await api('POST', `/api/v1/rooms/${roomId}/polls/${pollId}/reopen`);
      assert.equal(again.status, 404);
    });

    test('quiz: load, next, reveal, end through the API; leaderboard and every player read back', async () => {
      const { roomId, ch, member } = room('quiz-api', 'quiz');
      const player = await member('player');
      const loaded = await api('POST', `/api/v1/rooms/${roomId}/quiz/load`, {
        body: {
          questions: [{ text: '2 + 2?', options: ['3', '4'], correct: 1, timeLimitMs: 30_000 }],
        },
      });
      assert.equal(loaded.status, 200, JSON.stringify(loaded.body));
      assert.deepEqual(loaded.body.data, { count: 1 });
      assert.equal((await api('POST', `/api/v1/rooms/${roomId}/quiz/next`)).status, 200);
      await player.next(isEv(ch, 'question'));
      assert.equal((await player.op(ch, 'answer', { index: 0, choice: 1 })).t, 'ack');
      assert.equal((await api('POST', `/api/v1/rooms/${roomId}/quiz/reveal`)).status, 200);
      assert.equal((await api('POST', `/api/v1/rooms/${roomId}/quiz/end`)).status, 200);
      await player.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final === true);
      const state = await api('GET', `/api/v1/rooms/${roomId}/channels/quiz`);
      assert.equal(state.body.state.leaderboard.players, 1);
      assert.equal(state.body.state.leaderboard.top[0].userId, player.welcome.user.id);
      const players = await api('GET', `/api/v1/rooms/${roomId}/quiz/players?limit=10`);
      assert.equal(players.status, 200);
      assert.equal(players.body.total, 1);
      assert.equal(players.body.players[0].userId, player.welcome.user.id);
      assert.ok(players.body.players[0].score > 0);
      assert.equal(players.body.players[0].rank, 1);
    });

    test('moderation and settings: ban, chat settings, Q&A answer, through the generic route', async () => {
      const { roomId, ch, member } = room('mod-api', 'chat');
      const viewer = await member('viewer');
      const settings = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'chat', op: 'settings', data: { slowModeSeconds: 5 } },
      });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
      const chat = await api('GET', `/api/v1/rooms/${roomId}/channels/chat`);
      assert.equal(chat.body.state.settings.slowModeSeconds, 5);
      const banned = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'chat', op: 'ban', data: { userId: viewer.welcome.user.id } },
      });
      assert.equal(banned.status, 200, JSON.stringify(banned.body));
      const refused = await viewer.op(ch, 'send', { text: 'hello?' });
      assert.equal(refused.code, 'forbidden');

      const qa = `${roomId}/qa`;
      const asker = await member('asker');
      const asked = await asker.op(qa, 'ask', { text: 'When is the next stream?' });
      assert.equal(asked.t, 'ack');
      const { id } = asked.data;
      if (asked.data.status === 'pending') {
        await api('POST', `/api/v1/rooms/${roomId}/ops`, {
          body: { feature: 'qa', op: 'approve', data: { id } },
        });
      }
      const answered = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'qa', op: 'answer', data: { id } },
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      const list = await api('GET', `/api/v1/rooms/${roomId}/channels/qa`);
      const question = list.body.state.questions.find((q: { id: string }) => q.id === id);
      assert.equal(question.status, 'answered');
    });

    test('the per-user chat limit applies to API sends as to a host’s socket: 429 and Retry-After', async () => {
      const { roomId } = room('limits', 'chat');
      // A host of its own: the limit is per user, and other tests' system sender keeps its budget.
      const auth = relay.token({ sub: `limited-${newMid()}`, role: 'host' });
      let limited: Answer | undefined;
      let sent = 0;
      // A host may send 100 per 30 s (20 × 5); 200 cannot all pass however slow the machine.
      for (let i = 0; i < 200 && !limited; i++) {
        const answer = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
          auth,
          body: { text: `n${i}` },
        });
        if (answer.status === 429) limited = answer;
        else sent++;
      }
      assert.ok(limited, 'rate limited before 200');
      assert.ok(sent >= 100, `${sent} sent first`);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(limited.body.error.retryAfterMs > 0);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    });

    test('presence counts', async () => {
      const { roomId, join } = room('presence-api', 'presence');
      const viewer = await join('viewer');
      await viewer.presence(`${roomId}/presence`, 'enter', {});
      const read = await api('GET', `/api/v1/rooms/${roomId}/channels/presence`);
      assert.equal(read.status, 200);
      assert.equal(read.body.count, 1);
      assert.equal(read.body.members[0].id, viewer.welcome.user.id);
    });
  });

  describe('history', () => {
    test('pages from a seq, in order, to the head', async () => {
      const { roomId } = room('history', 'chat');
      const sent: number[] = [];
      for (let i = 0; i < 25; i++) {
        const answer = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
          body: { text: `message ${i}` },
        });
        sent.push(answer.body.seq);
      }
      const read: Frame[] = [];
      let after = 0;
      let pages = 0;
      for (;;) {
        const page = await api(
          'GET',
          `/api/v1/rooms/${roomId}/channels/chat/history?after=${after}&limit=10`,
        );
        assert.equal(page.status, 200);
        assert.ok(page.body.events.length <= 10);
        assert.equal(page.body.head, 25);
        read.push(...page.body.events);
        pages++;
        if (page.body.next === null) break;
        after = page.body.next;
      }
      assert.equal(pages, 3);
      assert.deepEqual(
        read.map((e) => e.seq),
        sent,
      );
      assert.deepEqual(
        read.map((e) => e.data.text),
        sent.map((_, i) => `message ${i}`),
      );
      const tail = await api('GET', `/api/v1/rooms/${roomId}/channels/chat/history?after=20`);
      assert.deepEqual(
        tail.body.events.map((e: Frame) => e.seq),
        [21, 22, 23, 24, 25],
      );
      const tooMany = await api('GET', `/api/v1/rooms/${roomId}/channels/chat/history?limit=501`);
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.error.details.field, 'limit');
      const presence = await api('GET', `/api/v1/rooms/${roomId}/channels/presence/history`);
      assert.equal(presence.status, 400);
    });
  });

  describe('validation', () => {
    test('bad input is refused with the protocol’s codes, never echoed', async () => {
      const { roomId } = room('invalid', 'chat');
      const ops = `/api/v1/rooms/${roomId}/ops`;
      const unknownOp = await api('POST', ops, { body: { feature: 'chat', op: 'explode' } });
      assert.equal(unknownOp.status, 400);
      assert.equal(unknownOp.body.error.code, 'invalid');
      assert.equal(unknownOp.body.error.details.field, 'type');
      const noFeature = await api('POST', ops, { body: { op: 'send' } });
      assert.equal(noFeature.status, 400);
      const unknownFeature = await api('POST', ops, { body: { feature: 'karaoke', op: 'sing' } });
      assert.equal(unknownFeature.status, 404);
      assert.equal(unknownFeature.body.error.code, 'not_found');
      const badRoom = await api('POST', `/api/v1/rooms/no%20spaces/ops`, {
        body: { feature: 'chat', op: 'send', data: { text: 'x' } },
      });
      assert.equal(badRoom.status, 400);
      const notJson = await api('POST', ops, { raw: '{"feature":' });
      assert.equal(notJson.status, 400);
      const long = 'x'.repeat(5_000);
      const tooLong = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        body: { text: long },
      });
      assert.equal(tooLong.status, 400);
      assert.ok(!JSON.stringify(tooLong.body).includes('x'.repeat(100)), 'input not echoed');
      const huge = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        body: { text: 'y'.repeat(20_000) },
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'too_large');
      const badKey = await api('POST', `/api/v1/rooms/${roomId}/chat/messages`, {
        body: { text: 'hi' },
        headers: { 'idempotency-key': 'k'.repeat(65) },
      });
      assert.equal(badKey.status, 400);
      assert.equal(badKey.body.error.details.field, 'Idempotency-Key');
      const method = await api('DELETE', ops);
      assert.equal(method.status, 405);
      const nowhere = await api('GET', '/api/v1/nothing/here');
      assert.equal(nowhere.status, 404);
      assert.equal(nowhere.body.error.code, 'not_found');
    });

    test('a body nested deeper than a frame may nest is too_large, like the frame, and nothing is logged', async () => {
      const { roomId } = room('deep', 'chat');
      const logged = relay.output().length;
      for (const levels of [33, 7_000]) {
        for (const [path, raw] of [
          [
            `/api/v1/rooms/${roomId}/ops`,
            `{"feature":"chat","op":"send","data":{"text":"x","d":${deep(levels)}}}`,
          ],
          [`/api/v1/rooms/${roomId}/chat/messages`, `{"text":"x","d":${deep(levels)}}`],
        ]) {
          const answer = await api('POST', path, { raw });
          assert.equal(answer.status, 413, `${path}, ${levels} levels`);
          assert.equal(answer.body.error.code, 'too_large');
        }
      }
      const fine = await api('POST', `/api/v1/rooms/${roomId}/ops`, {
        body: { feature: 'chat', op: 'send', data: { text: 'shallow' } },
      });
      assert.equal(fine.status, 200);
      assert.doesNotMatch(relay.output().slice(logged), /RangeError|"level":50/);
    });
  });

  describe('room ids', () => {
    test('a room id the protocol does not allow is refused by its own name, on every route', async () => {
      for (const [method, path] of [
        ['POST', '/api/v1/rooms/no%20spaces/ops'],
        ['POST', '/api/v1/rooms/a%2Fb/chat/messages'],
        ['GET', `/api/v1/rooms/${'r'.repeat(65)}/channels/chat`],
        ['GET', '/api/v1/rooms/caf%C3%A9/channels/chat/history'],
        ['GET', '/api/v1/rooms/caf%C3%A9/quiz/players'],
        ['GET', '/api/v1/rooms/caf%C3%A9/export'],
      ]) {
        const answer = await api(method, path, {
          body: method === 'POST' ? { feature: 'chat', op: 'send', text: 'x' } : undefined,
        });
        assert.equal(answer.status, 400, path);
        assert.equal(answer.body.error.code, 'invalid', path);
        assert.equal(answer.body.error.details.field, 'room', path);
      }
    });
  });

  describe('unknown names', () => {
    test('an unknown feature or op is refused without echoing its name, from the API or a socket', async () => {
      const { roomId, ch, member } = room('names', 'chat');
      const ops = `/api/v1/rooms/${roomId}/ops`;
      const feature = await api('POST', ops, { body: { feature: 'zzmarkerfeature', op: 'send' } });
      assert.equal(feature.status, 404);
      assert.equal(feature.body.error.code, 'not_found');
      assert.equal(feature.body.error.details.field, 'feature');
      const op = await api('POST', ops, { body: { feature: 'chat', op: 'zzMarkerOp' } });
      assert.equal(op.status, 400);
      assert.equal(op.body.error.details.field, 'type');
      for (const answer of [feature, op]) {
        assert.ok(!JSON.stringify(answer.body).includes('zzmarker'), JSON.stringify(answer.body));
        assert.ok(!JSON.stringify(answer.body).includes('zzMarker'), JSON.stringify(answer.body));
      }
      const host = await member('host', 'host');
      const fromSocket = await host.op(ch, 'zzMarkerOp', {});
      assert.equal(fromSocket.code, 'invalid');
      assert.ok(!JSON.stringify(fromSocket).includes('zzMarkerOp'.slice(2)), fromSocket.message);
      const sub = await host.sub(`${roomId}/zzmarkerfeature`);
      assert.equal(sub.code, 'not_found');
      assert.ok(!sub.message.includes('zzmarker'), sub.message);
    });
  });

  describe('OpenAPI', () => {
    test('/api/openapi.json is OpenAPI 3.1 and documents every route with its parameters', async () => {
      const response = await fetch(`${relay.httpUrl}/api/openapi.json`);
      assert.equal(response.status, 200);
      const doc = (await response.json()) as Json;
      assert.equal(doc.openapi, '3.1.0');
      const routes = apiRouter().routes;
      assert.ok(routes.length >= 8);
      for (const route of routes) {
        const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
        assert.ok(operation, `${route.method} ${route.path} is documented`);
        assert.ok(operation.summary, `${route.path} has a summary`);
        assert.ok(operation.responses['200'], `${route.path} documents its answer`);
        const declared = operation.parameters
          .filter((p: { in?: string }) => p.in === 'path')
          .map((p: { name: string }) => p.name)
          .sort();
        const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        assert.deepEqual(declared, inPath, `${route.path} declares its path parameters`);
      }
      // Every status a route can answer is documented: 408 where a body is read, 500 anywhere.
      for (const route of routes) {
        const operation = doc.paths[route.path][route.method.toLowerCase()];
        assert.ok(operation.responses['500'], `${route.path} documents 500`);
        if (route.body) assert.ok(operation.responses['408'], `${route.path} documents 408`);
      }
      // The generic route names the review ops too (chat's queue, polls under review).
      const generic = doc.paths['/api/v1/rooms/{room}/ops'].post.description as string;
      for (const op of ['approve', 'reject', 'dismiss', 'report', 'unpin']) {
        assert.match(generic, new RegExp(`chat: [^;]*\\b${op}\\b`), `chat ${op}`);
      }
      assert.match(generic, /poll: [^;]*\breject\b/);
      // A document to read: another method is 405, as on every known path.
      const posted = await fetch(`${relay.httpUrl}/api/openapi.json`, { method: 'POST' });
      assert.equal(posted.status, 405);
      await posted.body?.cancel();
      // The polls route documents every kind the relay takes, and what each kind needs.
      const polls =
        doc.paths['/api/v1/rooms/{room}/polls'].post.requestBody.content['application/json'].schema;
      assert.deepEqual(polls.properties.kind.enum, [...POLL_KINDS]);
      assert.ok(!polls.required.includes('options'), 'a word cloud or open text has no options');
      for (const field of ['hideResults', 'signedInOnly', 'review', 'maxAnswers']) {
        assert.ok(polls.properties[field], `${field} is documented`);
      }
      // Paging limits start at 1, as documented: 0 is refused, not read as 1.
      const { roomId } = room('openapi-limits', 'chat');
      for (const path of [
        `/api/v1/rooms/${roomId}/channels/chat/history?limit=0`,
        `/api/v1/rooms/${roomId}/quiz/players?limit=0`,
      ]) {
        const answer = await api('GET', path);
        assert.equal(answer.status, 400, path);
        assert.equal(answer.body.error.details.field, 'limit');
      }
      // Every $ref points at a component that exists.
      for (const match of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)) {
        assert.ok(doc.components[match[1]]?.[match[2]], `${match[0]} resolves`);
      }
    });
  });
});

describe('api without a server key', () => {
  const { relay } = withRelay({ memory: true });

  test('host tokens are taken; any other credential is 401 saying how to set a key', async () => {
    const keyLike = await call(relay.httpUrl, 'GET', '/api/v1/rooms/r/channels/chat');
    assert.equal(keyLike.status, 401);
    assert.equal(keyLike.body.error.code, 'unauthorized');
    assert.match(keyLike.body.error.message, /HUBBUB_API_KEY/);
    const none = await call(relay.httpUrl, 'GET', '/api/v1/rooms/r/channels/chat', { auth: null });
    assert.equal(none.status, 401);
    const token = relay.token({ sub: 'host', role: 'host' });
    const withToken = await call(relay.httpUrl, 'GET', '/api/v1/rooms/r/channels/chat', {
      auth: token,
    });
    assert.equal(withToken.status, 200);
    assert.equal(withToken.body.ch, 'r/chat');
    const audience = relay.token({ sub: 'viewer', role: 'audience' });
    const refused = await call(relay.httpUrl, 'GET', '/api/v1/rooms/r/channels/chat', {
      auth: audience,
    });
    assert.equal(refused.status, 403);
  });
});
