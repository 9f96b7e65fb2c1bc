/**
 * The HTTP API on two relays sharing a real `redis-server`: an op sent to a relay that does not
 * decide for the room takes the socket's path to the one that does, and an `Idempotency-Key`
 * retried on the other relay is still one effect with the same answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCluster } from '../helpers/cluster.js';
import { isEv } from '../helpers/frames.js';
import { newMid } from '../helpers/raw-client.js';

const KEY = 'cluster-api-key-0123456789';

async function post(base: string, path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(base: string, path: string) {
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${KEY}` } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

describe('api in a cluster', () => {
  const { ctx, join, room } = withCluster(2, ['--api-key', KEY]);

  test('an op on either relay is processed once, reaches subscribers, and reads back on both', async () => {
    const roomId = room();
    const ch = `${roomId}/chat`;
    const reader = await join(0, 'reader');
    await reader.sub(ch);
    const [a, b] = ctx.relays.map((relay) => relay.httpUrl);
    const headers = { 'idempotency-key': `once-${newMid()}` };
    const path = `/api/v1/rooms/${roomId}/chat/messages`;
    const first = await post(b, path, { text: 'from relay b' }, headers);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await post(a, path, { text: 'from relay b' }, headers);
    assert.deepEqual(again, first);
    const marker = await post(a, path, { text: 'marker' }, {});
    await reader.next((f) => isEv(ch, 'message')(f) && f.seq === marker.body.seq);
    assert.deepEqual(
      reader.events(ch, 'message').map((f) => f.data.text),
      ['from relay b', 'marker'],
    );
    for (const base of [a, b]) {
      const state = await get(base, `/api/v1/rooms/${roomId}/channels/chat`);
      assert.equal(state.status, 200);
      assert.deepEqual(
        state.body.state.messages.map((m: { text: string }) => m.text),
        ['from relay b', 'marker'],
      );
      const history = await get(base, `/api/v1/rooms/${roomId}/channels/chat/history?after=0`);
      assert.deepEqual(
        history.body.events.map((e: { seq: number }) => e.seq),
        [1, 2],
      );
    }
  });

  test('the quiz’s players are read on either relay, the one that decides for the room or not', async () => {
    const roomId = room();
    const ch = `${roomId}/quiz`;
    // Players on both relays; the room's owner is whichever relay took it first.
    const players = [await join(0, 'player-a'), await join(1, 'player-b')];
    for (const player of players) await player.sub(ch);
    const [a, b] = ctx.relays.map((relay) => relay.httpUrl);
    const questions = [{ text: '2 + 2?', options: ['3', '4'], correct: 1, timeLimitMs: 30_000 }];
    assert.equal(
      (await post(b, `/api/v1/rooms/${roomId}/quiz/load`, { questions }, {})).status,
      200,
    );
    assert.equal((await post(a, `/api/v1/rooms/${roomId}/quiz/next`, {}, {})).status, 200);
    for (const [i, player] of players.entries()) {
      await player.next(isEv(ch, 'question'));
      assert.equal((await player.op(ch, 'answer', { index: 0, choice: i === 0 ? 1 : 0 })).t, 'ack');
    }
    assert.equal((await post(b, `/api/v1/rooms/${roomId}/quiz/reveal`, {}, {})).status, 200);
    const answers = [];
    for (const base of [a, b]) {
      const read = await get(base, `/api/v1/rooms/${roomId}/quiz/players?limit=10`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      answers.push(read.body);
    }
    assert.deepEqual(answers[1], answers[0], 'the same answer from both relays');
    assert.equal(answers[0].total, 2);
    const [first, second] = answers[0].players;
    assert.equal(first.userId, 'player-a');
    assert.ok(first.score > 0);
    assert.equal(first.rank, 1);
    assert.equal(second.userId, 'player-b');
    assert.equal(second.score, 0);
    const page = await get(b, `/api/v1/rooms/${roomId}/quiz/players?offset=1&limit=1`);
    assert.deepEqual(
      page.body.players.map((p: { userId: string }) => p.userId),
      ['player-b'],
    );
  });
});
