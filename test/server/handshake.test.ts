/**
 * The handshake: `hello` → `welcome`, token and anonymous auth, token expiry and refresh, room
 * scope, and session resume (PROTOCOL.md: Auth; Decisions on details: Frame handling, Sessions).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { signToken } from '../../server/auth.js';
import { ClientPool, sleep } from '../helpers/raw-client.js';
import { TEST_SECRET } from '../helpers/relay.js';
import { withRelay } from '../helpers/fresh-relay.js';

const LIMIT_NAMES = [
  'maxFrameBytes',
  'historyLimit',
  'historyTtlMs',
  'replayLimit',
  'presenceGraceMs',
  'presenceIntervalMs',
  'presenceListLimit',
  'tallyIntervalMs',
  'quizGraceMs',
];

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT with any header, signed with HMAC `hash` (or unsigned for `none`). */
function craftToken(header: object, claims: object, hash: 'sha256' | 'sha512' | null): string {
  const head = b64url(header);
  const body = b64url(claims);
  const signature = hash
    ? createHmac(hash, TEST_SECRET).update(`${head}.${body}`).digest('base64url')
    : '';
  return `${head}.${body}.${signature}`;
}

const validClaims = () => ({
  sub: 'ada',
  name: 'Ada',
  role: 'audience',
  rooms: ['*'],
  exp: nowSeconds() + 3600,
});

/** An anonymous page's secret key. */
const key = (n: number) => `page-secret-key-${n}-0123456789`;

describe('handshake', () => {
  const { relay, clients } = withRelay();

  /** A socket whose first frame, not a hello, got err bad_frame and close 4400. */
  async function refusedFirst(frame: object) {
    const client = await clients.connect();
    client.send(frame);
    const err = await client.next((f) => f.t === 'err');
    assert.equal(err.code, 'bad_frame');
    assert.equal((await client.waitClose()).code, 4400);
    return client;
  }

  describe('hello', () => {
    test('is answered with welcome: session, user, heartbeatMs, serverTime and limits', async () => {
      const client = await clients.connect();
      const sentAt = Date.now();
      const welcome = await client.hello({
        token: relay.token({
          sub: 'ada',
          name: 'Ada Lovelace',
          role: 'host',
          avatar: 'https://example.com/a.png',
        }),
        client: 'raw-test',
      });
      assert.equal(welcome.t, 'welcome');
      assert.equal(typeof welcome.session, 'string');
      assert.ok(welcome.session.length > 0);
      assert.deepEqual(welcome.user, {
        id: 'ada',
        name: 'Ada Lovelace',
        role: 'host',
        avatar: 'https://example.com/a.png',
      });
      assert.equal(welcome.heartbeatMs, 25_000);
      assert.equal(typeof welcome.serverTime, 'number');
      // The relay runs on this machine: its clock is ours, give or take scheduling.
      assert.ok(Math.abs(welcome.serverTime - sentAt) < 5_000, `serverTime ${welcome.serverTime}`);
      for (const name of LIMIT_NAMES) {
        assert.equal(typeof welcome.limits[name], 'number', `limits.${name}`);
      }
      assert.equal(welcome.limits.maxFrameBytes, 16_384);
      assert.equal(welcome.limits.historyLimit, 10_000);
      assert.equal(welcome.limits.historyTtlMs, 24 * 60 * 60 * 1000);
      assert.equal(welcome.limits.replayLimit, 1_000);
      assert.equal(welcome.limits.presenceGraceMs, 15_000);
      assert.equal(welcome.limits.presenceIntervalMs, 250);
      assert.equal(welcome.limits.presenceListLimit, 100);
      assert.equal(welcome.limits.tallyIntervalMs, 200);
    });

    test('a first frame other than hello gets err bad_frame and close 4400', async () => {
      const client = await refusedFirst({ t: 'sub', id: 's1', ch: 'lobby/chat' });
      assert.equal(client.frames.filter((f) => f.t === 'ok').length, 0);
    });

    test('a first frame that is an incomplete op gets err bad_frame and close 4400', async () => {
      await refusedFirst({ t: 'op', id: 'o1', ch: 'lobby/chat' });
    });

    test('a first frame that is a pong gets err bad_frame and close 4400', async () => {
      await refusedFirst({ t: 'pong' });
    });

    test('a first frame that is a ping gets err bad_frame and close 4400', async () => {
      const client = await refusedFirst({ t: 'ping', id: 'p1' });
      assert.equal(client.frames.filter((f) => f.t === 'pong').length, 0);
    });

    test('a first frame that is binary gets err bad_frame and close 4400', async () => {
      const client = await clients.connect();
      client.sendBinary(Buffer.from(JSON.stringify({ t: 'hello', v: 1 })));
      assert.equal((await client.next((f) => f.t === 'err')).code, 'bad_frame');
      assert.equal((await client.waitClose()).code, 4400);
    });

    test('a first frame that is not JSON gets err bad_frame and close 4400', async () => {
      const client = await clients.connect();
      client.sendText('hello?');
      assert.equal((await client.next((f) => f.t === 'err')).code, 'bad_frame');
      assert.equal((await client.waitClose()).code, 4400);
    });

    test('an unsupported version gets err unsupported_version and close 4400', async () => {
      const client = await clients.connect();
      const answer = await client.hello({ v: 2, token: relay.token({ sub: 'ada' }) });
      assert.equal(answer.t, 'err');
      assert.equal(answer.code, 'unsupported_version');
      assert.equal((await client.waitClose()).code, 4400);
    });

    test('a hello with neither token nor anon gets err unauthorized and close 4401', async () => {
      const client = await clients.connect();
      const answer = await client.hello({});
      assert.equal(answer.code, 'unauthorized');
      assert.equal((await client.waitClose()).code, 4401);
    });
  });

  describe('tokens', () => {
    test('a valid HS256 token makes the user of its claims', async () => {
      const client = await clients.join({
        token: craftToken({ alg: 'HS256', typ: 'JWT' }, validClaims(), 'sha256'),
      });
      assert.deepEqual(client.welcome.user, { id: 'ada', name: 'Ada', role: 'audience' });
    });

    const refused: [string, () => string][] = [
      [
        'a bad signature',
        () => {
          const token = relay.token({ sub: 'ada' });
          const [head, body] = token.split('.');
          const forged = createHmac('sha256', 'not-the-secret').update(`${head}.${body}`);
          return `${head}.${body}.${forged.digest('base64url')}`;
        },
      ],
      ['alg none', () => craftToken({ alg: 'none', typ: 'JWT' }, validClaims(), null)],
      [
        'alg none with the HS256 signature',
        () => {
          const [, body, signature] = relay.token({ sub: 'ada' }).split('.');
          return `${b64url({ alg: 'none', typ: 'JWT' })}.${body}.${signature}`;
        },
      ],
      ['alg HS512', () => craftToken({ alg: 'HS512', typ: 'JWT' }, validClaims(), 'sha512')],
      [
        'an unknown role',
        () => craftToken({ alg: 'HS256' }, { ...validClaims(), role: 'admin' }, 'sha256'),
      ],
      [
        'an expired token (past the 30 s leeway)',
        () =>
          signToken(TEST_SECRET, { sub: 'ada', name: 'Ada', role: 'audience', rooms: ['*'] }, -60),
      ],
      ['a token that is not a JWT', () => 'not.a.jwt'],
    ];
    for (const [what, make] of refused) {
      test(`${what} gets err unauthorized and close 4401`, async () => {
        const client = await clients.connect();
        const answer = await client.hello({ token: make() });
        assert.equal(answer.t, 'err');
        assert.equal(answer.code, 'unauthorized');
        assert.equal((await client.waitClose()).code, 4401);
        assert.equal(client.frames.filter((f) => f.t === 'welcome').length, 0);
      });
    }

    test('a token expired by less than the 30 s leeway is still accepted', async () => {
      const token = signToken(
        TEST_SECRET,
        { sub: 'ada', name: 'Ada', role: 'audience', rooms: ['*'] },
        -10,
      );
      const client = await clients.join({ token });
      assert.equal(client.welcome.user.id, 'ada');
    });

    // These wait for a token to expire (1 to 2 s): they wait side by side, each with its own clients.
    describe('expiry', { concurrency: true }, () => {
      test('a token expiring while connected gets err unauthorized and close 4401', async (t) => {
        const own = new ClientPool(() => relay.url);
        t.after(() => own.closeAll());
        // exp + 30 s leeway lands 1 to 2 s from now.
        const token = signToken(TEST_SECRET, {
          sub: 'ada',
          name: 'Ada',
          role: 'audience',
          rooms: ['*'],
          exp: nowSeconds() - 28,
        });
        const client = await own.join({ token });
        const err = await client.next((f) => f.t === 'err', 6_000);
        assert.equal(err.code, 'unauthorized');
        assert.equal((await client.waitClose()).code, 4401);
      });

      test('an auth refresh before expiry keeps the socket open past the old expiry', async (t) => {
        const own = new ClientPool(() => relay.url);
        t.after(() => own.closeAll());
        const exp = nowSeconds() - 28;
        const claims = { sub: 'ada', name: 'Ada', role: 'audience' as const, rooms: ['*'] };
        const client = await own.join({ token: signToken(TEST_SECRET, { ...claims, exp }) });
        const ok = await client.request({ t: 'auth', token: signToken(TEST_SECRET, claims, 3600) });
        assert.equal(ok.t, 'ok');
        // Wait until well past the old token's expiry (exp + leeway).
        await sleep(Math.max(0, (exp + 30) * 1000 - Date.now()) + 500);
        assert.ok(client.open, 'socket still open');
        assert.equal(client.frames.filter((f) => f.t === 'err').length, 0);
        const sub = await client.sub('refresh-room/chat');
        assert.equal(sub.t, 'ok');
      });
    });

    test('an auth refresh for another user gets forbidden', async () => {
      const client = await clients.join({ token: relay.token({ sub: 'ada' }) });
      const answer = await client.request({
        t: 'auth',
        token: relay.token({ sub: 'mallory', role: 'host' }),
      });
      assert.equal(answer.t, 'err');
      assert.equal(answer.code, 'forbidden');
      // Still Ada, still an audience member: a host op stays forbidden.
      const op = await client.op('refresh-other/chat', 'settings', { slowModeSeconds: 5 });
      assert.equal(op.code, 'forbidden');
    });

    test('an auth refresh with a bad token gets unauthorized', async () => {
      const client = await clients.join({ token: relay.token({ sub: 'ada' }) });
      const answer = await client.request({
        t: 'auth',
        token: craftToken({ alg: 'none' }, validClaims(), null),
      });
      assert.equal(answer.t, 'err');
      assert.equal(answer.code, 'unauthorized');
    });

    test("a room outside the token's rooms is forbidden, on sub, op and signal", async () => {
      const client = await clients.join({ token: relay.token({ sub: 'ada', rooms: ['allowed'] }) });
      assert.equal((await client.sub('allowed/chat')).t, 'ok');
      const sub = await client.sub('elsewhere/chat');
      assert.equal(sub.t, 'err');
      assert.equal(sub.code, 'forbidden');
      const op = await client.op('elsewhere/chat', 'send', { text: 'hi' });
      assert.equal(op.t, 'err');
      assert.equal(op.code, 'forbidden');
      client.send({ t: 'signal', ch: 'elsewhere/chat', type: 'typing', data: {} });
      assert.equal(
        (await client.next((f) => f.t === 'err' && f.id === undefined)).code,
        'forbidden',
      );
      assert.equal((await client.op('allowed/chat', 'send', { text: 'hi' })).t, 'ack');
    });
  });

  describe('anonymous users', () => {
    test('get an anon- id and the audience role', async () => {
      const client = await clients.join({ anon: { key: key(1), name: 'Guest Ann' } });
      assert.match(client.welcome.user.id, /^anon-/);
      assert.equal(client.welcome.user.role, 'audience');
      assert.equal(client.welcome.user.name, 'Guest Ann');
    });

    test('the same key gives the same id', async () => {
      const first = await clients.join({ anon: { key: key(2), name: 'A' } });
      const second = await clients.join({ anon: { key: key(2), name: 'B' } });
      assert.equal(first.welcome.user.id, second.welcome.user.id);
    });

    test('a different key gives a different id', async () => {
      const first = await clients.join({ anon: { key: key(3) } });
      const second = await clients.join({ anon: { key: key(4) } });
      assert.notEqual(first.welcome.user.id, second.welcome.user.id);
    });

    test('the public id used as a key does not act as that user', async () => {
      const victim = await clients.join({ anon: { key: key(5) } });
      const impostor = await clients.join({ anon: { key: victim.welcome.user.id } });
      assert.notEqual(impostor.welcome.user.id, victim.welcome.user.id);
    });

    test('a token whose sub starts with anon- is refused', async () => {
      const anon = await clients.join({ anon: { key: key(6) } });
      const client = await clients.connect();
      const answer = await client.hello({ token: relay.token({ sub: anon.welcome.user.id }) });
      assert.equal(answer.code, 'unauthorized');
      assert.equal((await client.waitClose()).code, 4401);
    });

    test("a token whose sub is one of the relay's own senders is refused", async () => {
      for (const sub of ['hubbub-system', 'hubbub-webhooks']) {
        const client = await clients.connect();
        const answer = await client.hello({ token: relay.token({ sub, role: 'host' }) });
        assert.equal(answer.code, 'unauthorized');
        assert.match(answer.message, /reserved/);
        assert.equal((await client.waitClose()).code, 4401);
      }
    });
  });

  describe('sessions', () => {
    test('a hello with the previous session within the grace gets the same session', async () => {
      const token = relay.token({ sub: 'sam' });
      const first = await clients.join({ token });
      first.close();
      await first.waitClose();
      const second = await clients.join({ token, session: first.welcome.session });
      assert.equal(second.welcome.session, first.welcome.session);
    });

    test('a second connection may join a session that is still open', async () => {
      const token = relay.token({ sub: 'sue' });
      const first = await clients.join({ token });
      const second = await clients.join({ token, session: first.welcome.session });
      assert.equal(second.welcome.session, first.welcome.session);
    });

    test("another user's session id gets a new session", async () => {
      const owner = await clients.join({ token: relay.token({ sub: 'owner' }) });
      owner.close();
      await owner.waitClose();
      const other = await clients.join({
        token: relay.token({ sub: 'thief' }),
        session: owner.welcome.session,
      });
      assert.notEqual(other.welcome.session, owner.welcome.session);
    });

    test('an unknown session id gets a new session', async () => {
      const client = await clients.join({
        token: relay.token({ sub: 'sid' }),
        session: 'no-such-session',
      });
      assert.notEqual(client.welcome.session, 'no-such-session');
    });
  });
});

describe('a relay with --presence-grace-ms 200 and --anonymous off', () => {
  const { relay, clients } = withRelay({
    memory: true,
    args: ['--presence-grace-ms', '200', '--anonymous', 'off'],
  });

  test('a hello with a session whose grace has passed gets a new session', async () => {
    const token = relay.token({ sub: 'late' });
    const first = await clients.join({ token });
    assert.equal(first.welcome.limits.presenceGraceMs, 200);
    first.close();
    await first.waitClose();
    await sleep(600);
    const second = await clients.join({ token, session: first.welcome.session });
    assert.notEqual(second.welcome.session, first.welcome.session);
  });

  test('refuses an anonymous hello with err unauthorized and close 4401', async () => {
    const client = await clients.connect();
    const answer = await client.hello({ anon: { key: 'anonymous-off-key-0123456789' } });
    assert.equal(answer.code, 'unauthorized');
    assert.equal((await client.waitClose()).code, 4401);
  });
});
