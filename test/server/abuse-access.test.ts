/**
 * Hardening, viewers and access (issue 9, items 6 to 11, 14 and 15): healthy viewers are never
 * cut, and identity, rooms, bans, addresses and origins hold against a hostile client. Every test
 * runs a real relay process.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { ROOM_NOT_GRANTED, SUBPROTOCOL } from '../../src/protocol/index.js';
import { RawClient, sleep, type Frame } from '../helpers/raw-client.js';
import { eventually, health } from '../helpers/probes.js';
import { startRelay } from '../helpers/relay.js';
import { withRelay } from '../helpers/fresh-relay.js';

const anonKey = () => randomBytes(16).toString('base64url');
const anon = (name = 'Guest') => ({ anon: { key: anonKey(), name } });

function useRelay(args: string[] = []) {
  const ctx = withRelay({ args }, { keepClients: true });
  return {
    ctx,
    user(sub: string, role = 'audience', rooms = ['*']) {
      return ctx.clients.join({
        token: ctx.relay.token({ sub, name: sub, role: role as never, rooms }),
      });
    },
  };
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** Opens a WebSocket with the given headers; resolves with the HTTP status of a refusal, or 101. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, SUBPROTOCOL, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('a passive viewer in a busy room (item 6)', () => {
  const { ctx, user } = useRelay(['--heartbeat-ms', '2000']);

  test('a subscriber that only answers pings stays connected while messages flow', async () => {
    const ch = 'busy/chat';
    const writer = await user('busy-host', 'host');
    const viewer = await user('passive');
    await viewer.sub(ch);
    const startedAt = Date.now();
    let sent = 0;
    while (Date.now() - startedAt < 10_000) {
      assert.equal((await writer.op(ch, 'send', { text: `m${++sent}` })).t, 'ack');
      await sleep(300);
    }
    assert.ok(viewer.open, `the viewer was cut: ${JSON.stringify(viewer.closeInfo)}`);
    assert.equal(viewer.closeInfo, null);
    await viewer.collect((f) => f.t === 'ev' && f.ch === ch, sent);
    assert.ok(
      viewer.frames.some((f) => f.t === 'ping'),
      'pinged though the room was busy',
    );
    void ctx;
  });

  test('a subscriber that answers nothing is still dropped', async () => {
    const viewer = await ctx.clients.join(anon(), { autoPong: false });
    await viewer.sub('busy2/chat');
    const { code } = await viewer.waitClose(10_000);
    assert.equal(code, 1006);
  });
});

describe('rooms for anonymous users (item 7)', () => {
  const { ctx, user } = useRelay(['--anonymous-rooms', 'lobby,demo-*']);

  test('--anonymous-rooms: anonymous users enter only the rooms listed', async () => {
    const guest = await ctx.clients.join(anon());
    assert.equal((await guest.sub('lobby/chat')).t, 'ok');
    assert.equal((await guest.sub('demo-42/chat')).t, 'ok');
    const vip = await guest.sub('vip/chat');
    assert.equal(vip.code, 'forbidden');
    assert.equal((await guest.op('vip/chat', 'send', { text: 'hi' })).code, 'forbidden');
    assert.equal((await guest.presence('vip/presence', 'enter')).code, 'forbidden');
    const member = await user('member', 'audience', ['vip']);
    assert.equal((await member.sub('vip/chat')).t, 'ok');
  });
});

describe('a room for signed-in users only (item 7)', () => {
  const { ctx, user } = useRelay();

  test('a host setting drops anonymous users from every channel of the room and refuses them after', async () => {
    const host = await user('host-1', 'host');
    const member = await user('member-1');
    const guest = await ctx.clients.join(anon());
    for (const ch of ['town/chat', 'town/poll', 'town/presence']) {
      await guest.sub(ch);
      await member.sub(ch);
    }
    await guest.presence('town/presence', 'enter');
    await member.next(
      (f) =>
        f.t === 'presence' && (f.join ?? []).some((m: Frame) => m.id === guest.welcome.user.id),
    );
    assert.equal((await host.op('town/chat', 'settings', { signedInOnly: true })).t, 'ack');
    const dropped = await guest.collect((f) => f.t === 'err' && f.ch !== undefined, 3);
    assert.deepEqual(dropped.map((f) => f.ch).sort(), ['town/chat', 'town/poll', 'town/presence']);
    assert.ok(dropped.every((f) => f.code === 'forbidden' && f.id === undefined));
    assert.equal((await guest.sub('town/chat')).code, 'forbidden');
    assert.equal((await guest.op('town/chat', 'send', { text: 'hi' })).code, 'forbidden');
    assert.equal((await guest.presence('town/presence', 'enter')).code, 'forbidden');
    // The member stays, and no longer sees the guest present.
    await member.next(
      (f) =>
        f.t === 'presence' &&
        f.ch === 'town/presence' &&
        (f.leave ?? []).includes(guest.welcome.user.id),
    );
    assert.equal((await member.op('town/chat', 'send', { text: 'still here' })).t, 'ack');
    await host.op('town/chat', 'settings', { signedInOnly: false });
    assert.equal((await guest.sub('town/chat')).t, 'ok');
  });

  test('polls and quizzes may be for signed-in users only', async () => {
    const host = await user('host-2', 'host');
    const member = await user('member-2');
    const guest = await ctx.clients.join(anon());
    const created = await host.op('p2/poll', 'create', {
      question: 'Which?',
      options: ['a', 'b'],
      kind: 'single',
      signedInOnly: true,
    });
    const pollId = created.data.pollId;
    await host.op('p2/poll', 'open', { pollId });
    assert.equal((await guest.op('p2/poll', 'vote', { pollId, choice: 0 })).code, 'forbidden');
    assert.equal((await member.op('p2/poll', 'vote', { pollId, choice: 0 })).t, 'ack');
    await host.op('p2/quiz', 'load', {
      signedInOnly: true,
      questions: [{ text: 'Q?', options: ['x', 'y'], correct: 0, timeLimitMs: 10_000 }],
    });
    await host.op('p2/quiz', 'next', {});
    assert.equal((await guest.op('p2/quiz', 'answer', { index: 0, choice: 0 })).code, 'forbidden');
    assert.equal((await member.op('p2/quiz', 'answer', { index: 0, choice: 0 })).t, 'ack');
  });
});

describe('free identities (item 8)', () => {
  const { ctx, user } = useRelay();

  test('500 fresh anonymous keys from one address: most are refused, so they cannot vote 500 times', async () => {
    const host = await user('vote-host', 'host');
    const { data } = await host.op('free/poll', 'create', {
      question: 'Which?',
      options: ['a', 'b'],
      kind: 'single',
    });
    await host.op('free/poll', 'open', { pollId: data.pollId });
    const startedAt = Date.now();
    const votes = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const client = await ctx.clients.connect();
        const answer = await client.hello(anon());
        if (answer.t !== 'welcome') {
          // Refused as a new identity (4429), or as one socket too many from here (1008).
          assert.ok(['rate_limited', 'forbidden'].includes(answer.code), answer.code);
          assert.ok([4429, 1008].includes((await client.waitClose()).code));
          return false;
        }
        return (
          (await client.op('free/poll', 'vote', { pollId: data.pollId, choice: 0 })).t === 'ack'
        );
      }),
    );
    const counted = votes.filter(Boolean).length;
    // 60 at once, and the allowance refills evenly over a minute while the test runs.
    const refilled = Math.ceil((Date.now() - startedAt) / 1_000);
    assert.ok(counted <= 60 + refilled, `${counted} of 500 fresh identities voted`);
    // A known identity comes back at once.
    ctx.clients.closeAll();
  });

  test('a ban of an anonymous user covers the address they were seen from', async () => {
    const host = await user('ban-host', 'host');
    const ch = 'banned/chat';
    // Earlier tests used up this address's new identities: wait for two to refill.
    await sleep(2_100);
    const spammer = await ctx.clients.join(anon('Spammer'));
    assert.equal((await spammer.op(ch, 'send', { text: 'spam' })).t, 'ack');
    await host.op(ch, 'ban', { userId: spammer.welcome.user.id, minutes: 10 });
    spammer.close();
    const again = await ctx.clients.join(anon('Spammer again'));
    assert.notEqual(again.welcome.user.id, spammer.welcome.user.id);
    const refused = await again.op(ch, 'send', { text: 'spam again' });
    assert.equal(refused.code, 'forbidden');
    // Signed-in users of the same address are not anonymous: the address ban leaves them be.
    const member = await user('same-address');
    assert.equal((await member.op(ch, 'send', { text: 'hello' })).t, 'ack');
    // Lifting the ban lifts it for the address too.
    await host.op(ch, 'unban', { userId: spammer.welcome.user.id });
    assert.equal((await again.op(ch, 'send', { text: 'sorry' })).t, 'ack');
  });

  test('--max-connections-per-ip has a safe default', async () => {
    await eventually(
      async () => (await health(ctx.relay)).connections < 10,
      'sockets closed',
      30_000,
    );
    const sockets: RawClient[] = [];
    for (let i = 0; i < 200; i++) sockets.push(await ctx.clients.connect());
    const over = await ctx.clients.connect();
    assert.equal((await over.waitClose()).code, 1008);
    for (const socket of sockets) socket.terminate();
  });
});

describe('behind a proxy (item 8: --trust-proxy)', () => {
  const { ctx } = useRelay(['--trust-proxy', '1', '--max-connections-per-ip', '1']);

  test('the client address comes from X-Forwarded-For, as the proxy added it', async () => {
    const url = ctx.relay.url;
    // Two clients behind the proxy: each is counted on its own address.
    const a = new WebSocket(url, SUBPROTOCOL, { headers: { 'x-forwarded-for': '203.0.113.1' } });
    const b = new WebSocket(url, SUBPROTOCOL, { headers: { 'x-forwarded-for': '203.0.113.2' } });
    // What a client writes itself (the left entries) is not trusted: this is 203.0.113.1 again.
    const c = new WebSocket(url, SUBPROTOCOL, {
      headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' },
    });
    const [codeC] = await Promise.all([closeCode(c), sleep(500)]);
    assert.equal(codeC, 1008);
    assert.equal(a.readyState, WebSocket.OPEN);
    assert.equal(b.readyState, WebSocket.OPEN);
    a.terminate();
    b.terminate();
  });

  test('an IPv6 /64 is one address, and an IPv4-mapped address is its IPv4 one', async () => {
    // One subscriber is given a whole /64: a fresh address in it must not be a fresh allowance.
    const open = (forwarded: string) =>
      new WebSocket(ctx.relay.url, SUBPROTOCOL, { headers: { 'x-forwarded-for': forwarded } });
    const first = [open('2001:db8:1:2::a'), open('2001:db8:1:3::a'), open('203.0.113.9')];
    await Promise.all(first.map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const again = [
      open('2001:db8:1:2:ffff:1:2:3'),
      open('2001:DB8:1:2::b'),
      open('::ffff:203.0.113.9'),
    ];
    const codes = await Promise.all(again.map(closeCode));
    assert.deepEqual(codes, [1008, 1008, 1008]);
    for (const ws of first) {
      assert.equal(ws.readyState, WebSocket.OPEN);
      ws.terminate();
    }
  });
});

describe('sockets that never say hello (item 9)', () => {
  const { ctx } = useRelay(['--hello-timeout-ms', '1000', '--heartbeat-ms', '500']);

  test('a socket sending only pongs is closed once helloTimeoutMs is over', async () => {
    const client = await ctx.clients.connect();
    const timer = setInterval(() => client.open && client.send({ t: 'pong' }), 100);
    try {
      const { code } = await client.waitClose(5_000);
      assert.equal(code, 4400);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('auth with fewer rooms (item 10)', () => {
  const { ctx, user } = useRelay();

  test('channels of rooms the new token does not grant are dropped, each told, and presence left', async () => {
    const relay = ctx.relay;
    const client = await user('mover', 'host', ['a', 'b']);
    const watcher = await user('watcher', 'audience', ['b']);
    await client.sub('a/chat');
    await client.sub('b/chat');
    await watcher.sub('b/presence');
    await client.presence('b/presence', 'enter');
    await watcher.next(
      (f) => f.t === 'presence' && (f.join ?? []).some((m: Frame) => m.id === 'mover'),
    );
    const token = relay.token({ sub: 'mover', name: 'mover', role: 'audience', rooms: ['a'] });
    const ok = await client.request({ t: 'auth', token });
    assert.equal(ok.t, 'ok');
    const dropped = await client.next((f) => f.t === 'err' && f.ch === 'b/chat');
    assert.equal(dropped.code, 'forbidden');
    await watcher.next((f) => f.t === 'presence' && (f.leave ?? []).includes('mover'));
    const writer = await user('writer-ab', 'audience', ['a', 'b']);
    await writer.op('b/chat', 'send', { text: 'not for mover' });
    await writer.op('a/chat', 'send', { text: 'for mover' });
    await client.next((f) => f.t === 'ev' && f.data?.text === 'for mover');
    assert.ok(!client.frames.some((f) => f.t === 'ev' && f.data?.text === 'not for mover'));
    // The role went from host to audience: its op limits are the audience's now.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => client.op('a/chat', 'delete', { id: `x${i}` })),
    );
    assert.ok(
      answers.some((a) => a.code === 'rate_limited'),
      'audience op limit applies',
    );
  });

  test('a room the token does not grant is refused with details.reason room_not_granted', async () => {
    const relay = ctx.relay;
    const client = await user('reasoned', 'audience', ['e', 'f']);
    const refused = await client.sub('backstage/chat');
    assert.equal(refused.code, 'forbidden');
    assert.deepEqual(refused.details, { reason: ROOM_NOT_GRANTED });
    const op = await client.op('backstage/chat', 'send', { text: 'hi' });
    assert.deepEqual([op.code, op.details], ['forbidden', { reason: ROOM_NOT_GRANTED }]);
    // A room dropped by an auth with fewer rooms says the same on its `err {ch}`.
    assert.equal((await client.sub('f/chat')).t, 'ok');
    const token = relay.token({ sub: 'reasoned', name: 'reasoned', rooms: ['e'] });
    assert.equal((await client.request({ t: 'auth', token })).t, 'ok');
    const dropped = await client.next((f) => f.t === 'err' && f.ch === 'f/chat');
    assert.deepEqual([dropped.code, dropped.details], ['forbidden', { reason: ROOM_NOT_GRANTED }]);
  });

  test('a sub sent right before the auth is dropped too: no event of the room after the ok', async () => {
    // The sub's subscription used to be made after the auth had dropped what it no longer grants.
    const relay = ctx.relay;
    const client = await user('racer', 'audience', ['c', 'd']);
    const token = relay.token({ sub: 'racer', name: 'racer', rooms: ['d'] });
    client.sendBurst([
      { t: 'sub', id: 'sub-c', ch: 'c/chat' },
      { t: 'auth', id: 'auth-d', token },
    ]);
    assert.equal((await client.next((f) => f.id === 'auth-d')).t, 'ok');
    const writer = await user('writer-cd', 'audience', ['c', 'd']);
    await writer.op('c/chat', 'send', { text: 'not for racer' });
    // A later answer on the same socket proves the event would have arrived by now.
    assert.equal((await client.sub('d/chat')).t, 'ok');
    assert.deepEqual(client.events('c/chat'), []);
    const dropped = await client.next((f) => f.t === 'err' && f.ch === 'c/chat');
    assert.equal(dropped.code, 'forbidden');
  });
});

describe('presence is limited and guarded (item 11)', () => {
  const { user } = useRelay();

  test('fast presence updates are rate limited', async () => {
    const member = await user('fidget');
    await member.presence('pr/presence', 'enter', { status: 'here' });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        member.presence('pr/presence', 'update', { status: `s${i}` }),
      ),
    );
    const limited = answers.filter((a) => a.code === 'rate_limited');
    assert.ok(limited.length >= 15, `${limited.length} of 30 limited`);
    assert.ok(limited.every((a) => a.retryAfterMs > 0));
  });

  test('a banned user cannot enter presence, and leaves it when banned', async () => {
    const host = await user('pr-host', 'host');
    const troll = await user('troll');
    const watcher = await user('pr-watcher');
    await watcher.sub('pb/presence');
    await troll.presence('pb/presence', 'enter');
    await watcher.next(
      (f) => f.t === 'presence' && (f.join ?? []).some((m: Frame) => m.id === 'troll'),
    );
    await host.op('pb/chat', 'ban', { userId: 'troll' });
    await watcher.next((f) => f.t === 'presence' && (f.leave ?? []).includes('troll'));
    assert.equal((await troll.presence('pb/presence', 'enter')).code, 'forbidden');
  });
});

describe('origins (item 14)', () => {
  const { ctx } = useRelay(['--allowed-origins', 'https://site.example']);

  test('--allowed-origins: other origins are refused on the upgrade', async () => {
    const url = ctx.relay.url;
    assert.equal(await upgradeStatus(url, { origin: 'https://site.example' }), 101);
    assert.equal(await upgradeStatus(url, { origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(url, {}), 403);
  });

  test('without --allowed-origins the relay warns at start', async () => {
    const relay = await startRelay({ memory: true });
    try {
      assert.match(relay.output(), /--allowed-origins is not set/);
    } finally {
      await relay.dispose();
    }
  });
});

describe('origins written as an operator copies them', () => {
  // From the address bar: a trailing slash, capitals, the scheme's own port.
  const { ctx } = useRelay(['--allowed-origins', 'https://Site.Example/, https://app.example:443']);

  test('--allowed-origins takes an origin with a slash, capitals or its default port', async () => {
    const url = ctx.relay.url;
    assert.equal(await upgradeStatus(url, { origin: 'https://site.example' }), 101);
    assert.equal(await upgradeStatus(url, { origin: 'https://app.example' }), 101);
    assert.equal(await upgradeStatus(url, { origin: 'https://evil.example' }), 403);
  });
});

describe('demo mode (item 15)', () => {
  // Without --host: the helper passes --host 127.0.0.1, so start the CLI's own way here.
  const { relay } = withRelay({ memory: true, args: ['--demo'], omitHost: true });

  test('--demo binds 127.0.0.1 and prints the address it bound', async () => {
    assert.match(relay.output(), /listening on http:\/\/127\.0\.0\.1:\d+/);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const status = await upgradeStatus(`ws://${outside.address}:${relay.port}/live`, {});
      assert.equal(status, 0, `reachable on ${outside.address}`);
    }
  });

  test('/dev/token chooses the sub: a caller cannot name a real user', async () => {
    const response = await fetch(`${relay.httpUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alice', role: 'host', sub: 'alice-real-id' }),
    });
    const { token } = (await response.json()) as { token: string };
    const client = await RawClient.join(relay.url, { token });
    try {
      assert.notEqual(client.welcome.user.id, 'alice-real-id');
      assert.match(client.welcome.user.id, /^dev-/);
    } finally {
      client.terminate();
    }
  });
});
