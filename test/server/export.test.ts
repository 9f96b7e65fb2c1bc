/**
 * Export (issue 15, item 3): a room's chat (deletions marked), polls with results, quiz results
 * per player and question, Q&A with votes and status, and the moderation log, as JSON and CSV,
 * read from the relay's store over HTTP and checked row by row against what the test sent. CSV is
 * RFC 4180 and safe in a spreadsheet; only the server key or a host of the room may export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvCell, csvRow } from '../../server/export/csv.js';
import { assertAck } from '../helpers/frames.js';
import { ClientPool, sleep, type RawClient } from '../helpers/raw-client.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const API_KEY = 'export-test-key-0123456789';
const ROOM = 'show-1';

/** RFC 4180, strictly: what a spreadsheet reads. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && cell === '') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          assert.ok(i < text.length, 'a quoted cell ends');
          cell += text[i++];
        }
      }
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      assert.ok(
        c !== '"' && c !== '\n' && c !== '\r',
        `a bare ${JSON.stringify(c)} only in quotes`,
      );
      cell += c;
      i++;
    }
  }
  assert.equal(cell + row.join(''), '', 'the last line ends with CRLF');
  return rows;
}

/** CSV rows as objects by the header's names. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) assert.equal(row.length, header.length, 'every row has every column');
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('csv', () => {
  test('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    assert.equal(
      csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', 1, true, null]),
      'a,"b,c","say ""hi""","two\nlines",1,true,\r\n',
    );
  });

  test('a text cell that would start a formula starts with a quote mark', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\r=1']) {
      assert.ok(csvCell(text).replace(/^"/, '').startsWith("'"), text);
    }
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell(-3), '-3', 'numbers are numbers');
    assert.equal(csvCell('a=b'), 'a=b');
  });
});

describe('export', () => {
  let relay: RelayProcess;
  let clients: ClientPool;
  let host: RawClient;
  let ada: RawClient;
  let bob: RawClient;
  const sent: { id: string; text: string; user: string }[] = [];
  let deletedId = '';
  let pollId = '';
  const questions: Record<string, string> = {};
  let secondMessageAt = 0;

  const get = (query: string, auth: string | null = `Bearer ${API_KEY}`, room = ROOM) =>
    fetch(`${relay.httpUrl}/api/v1/rooms/${room}/export?${query}`, {
      headers: auth ? { authorization: auth } : {},
    });
  const text = async (query: string) => {
    const response = await get(query);
    assert.equal(response.status, 200, await response.clone().text());
    return response.text();
  };

  before(async () => {
    relay = await startRelay({ env: { HUBBUB_API_KEY: API_KEY } });
    clients = new ClientPool(() => relay.url);
    const join = (sub: string, role: 'host' | 'audience' = 'audience') =>
      clients.join({ token: relay.token({ sub, name: sub, role, rooms: [ROOM] }) });
    host = await join('host', 'host');
    ada = await join('ada');
    bob = await join('bob');
    const chat = `${ROOM}/chat`;
    for (const [client, user, body] of [
      [ada, 'ada', 'hello, "world"'],
      [bob, 'bob', '=HYPERLINK("http://evil.example","click")'],
      [ada, 'ada', 'two\nlines'],
      [bob, 'bob', '-1+2'],
    ] as const) {
      const ack = assertAck(await client.op(chat, 'send', { text: body }));
      sent.push({ id: (ack.data as { id: string }).id, text: body, user });
      if (sent.length === 1) {
        // The next message is a later millisecond, whatever the clock's resolution.
        await sleep(5);
        secondMessageAt = Date.now();
      }
    }
    deletedId = sent[1].id;
    assertAck(await host.op(chat, 'delete', { id: deletedId }));
    assertAck(
      await host.op(chat, 'timeout', { userId: 'bob', seconds: 60, reason: 'spam, again' }),
    );

    const poll = `${ROOM}/poll`;
    const created = assertAck(
      await host.op(poll, 'create', {
        question: 'Tea or coffee?',
        options: ['tea', 'coffee'],
        kind: 'single',
      }),
    );
    pollId = (created.data as { pollId: string }).pollId;
    assertAck(await host.op(poll, 'open', { pollId }));
    assertAck(await ada.op(poll, 'vote', { pollId, choice: 1 }));
    assertAck(await host.op(poll, 'vote', { pollId, choice: 1 }));
    assertAck(await host.op(poll, 'close', { pollId }));

    const quiz = `${ROOM}/quiz`;
    assertAck(
      await host.op(quiz, 'load', {
        questions: [
          { text: '2+2?', options: ['3', '4'], correct: 1, timeLimitMs: 20_000 },
          {
            text: 'Capital of France?',
            options: ['Paris', 'Rome'],
            correct: 0,
            timeLimitMs: 20_000,
          },
        ],
      }),
    );
    assertAck(await host.op(quiz, 'next', {}));
    assertAck(await ada.op(quiz, 'answer', { index: 0, choice: 1 }));
    assertAck(await host.op(quiz, 'answer', { index: 0, choice: 0 }));
    assertAck(await host.op(quiz, 'next', {}));
    assertAck(await ada.op(quiz, 'answer', { index: 1, choice: 0 }));
    assertAck(await host.op(quiz, 'end', {}));

    const qa = `${ROOM}/qa`;
    for (const [client, body, anonymous] of [
      [ada, 'When is the break?', false],
      [host, '@everyone: is this recorded?', true],
    ] as const) {
      const ack = assertAck(await client.op(qa, 'ask', { text: body, anonymous }));
      questions[body] = (ack.data as { id: string }).id;
    }
    assertAck(await host.op(qa, 'upvote', { id: questions['When is the break?'] }));
    assertAck(await ada.op(qa, 'upvote', { id: questions['When is the break?'] }));
    assertAck(await host.op(qa, 'answer', { id: questions['When is the break?'] }));
  });
  after(async () => {
    clients.closeAll();
    await relay.dispose();
  });

  test('JSON: every kind, row by row', async () => {
    const response = await get('format=json');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    assert.match(
      response.headers.get('content-disposition')!,
      /attachment; filename="hubbub-show-1-export.json"/,
    );
    const body = (await response.json()) as Record<string, Record<string, unknown>[]> & {
      room: string;
    };
    assert.equal(body.room, ROOM);

    assert.deepEqual(
      body.chat.map((m) => [m.id, m.userId, m.text, m.deleted, m.visibility]),
      sent.map((m) => [m.id, m.user, m.text, m.id === deletedId, 'all']),
    );
    assert.ok(body.chat.every((m, i) => m.seq === i + 1));
    assert.equal(typeof body.chat[1].deletedAt, 'string', 'the deletion has its time');
    assert.equal(body.chat[0].deletedAt, null);

    assert.deepEqual(
      body.polls.map((p) => [p.pollId, p.question, p.kind, p.status, p.total, p.option, p.count]),
      [
        [pollId, 'Tea or coffee?', 'single', 'closed', 2, 'tea', 0],
        [pollId, 'Tea or coffee?', 'single', 'closed', 2, 'coffee', 2],
      ],
    );

    const quiz = body.quiz.map((r) => [r.index, r.userId, r.answer ?? null, r.correct]);
    assert.deepEqual(quiz, [
      [0, 'ada', '4', true],
      [0, 'host', '3', false],
      [1, 'ada', 'Paris', true],
      [1, 'host', null, false],
    ]);
    const ada0 = body.quiz[0];
    const ada1 = body.quiz[2];
    assert.ok((ada0.points as number) > 0 && (ada1.points as number) > 0);
    assert.equal(ada0.score, (ada0.points as number) + (ada1.points as number), 'points add up');
    assert.equal(ada0.rank, 1);
    assert.equal(body.quiz[1].points, 0);
    assert.equal(body.quiz[1].rank, 2);

    assert.deepEqual(
      body.qa.map((q) => [q.id, q.text, q.anonymous, q.userId, q.status, q.votes]),
      [
        [questions['When is the break?'], 'When is the break?', false, 'ada', 'answered', 2],
        [
          questions['@everyone: is this recorded?'],
          '@everyone: is this recorded?',
          true,
          null,
          'visible',
          0,
        ],
      ],
    );

    assert.deepEqual(
      body.modlog.map((e) => [e.action, e.byId, e.targetId, e.messageId, e.seconds, e.reason]),
      [
        ['delete', 'host', 'bob', deletedId, null, null],
        ['timeout', 'host', 'bob', null, 60, 'spam, again'],
      ],
    );
  });

  test('CSV: one kind per file, quoted, formulas defused', async () => {
    const response = await get('format=csv&kind=chat');
    assert.match(response.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
    const chat = records(await response.text());
    assert.deepEqual(
      chat.map((m) => [m.id, m.userId, m.text, m.deleted]),
      [
        [sent[0].id, 'ada', 'hello, "world"', 'false'],
        [sent[1].id, 'bob', `'=HYPERLINK("http://evil.example","click")`, 'true'],
        [sent[2].id, 'ada', 'two\nlines', 'false'],
        [sent[3].id, 'bob', `'-1+2`, 'false'],
      ],
    );
    const qa = records(await text('format=csv&kind=qa'));
    assert.deepEqual(
      qa.map((q) => [q.text, q.votes, q.status, q.userName]),
      [
        ['When is the break?', '2', 'answered', 'ada'],
        [`'@everyone: is this recorded?`, '0', 'visible', ''],
      ],
    );
    const polls = records(await text('format=csv&kind=polls'));
    assert.deepEqual(
      polls.map((p) => [p.option, p.count, p.total]),
      [
        ['tea', '0', '2'],
        ['coffee', '2', '2'],
      ],
    );
    const quiz = records(await text('format=csv&kind=quiz'));
    assert.equal(quiz.length, 4);
    assert.deepEqual(
      quiz.map((r) => r.question),
      ['2+2?', '2+2?', 'Capital of France?', 'Capital of France?'],
    );
    const modlog = records(await text('format=csv&kind=modlog'));
    assert.deepEqual(
      modlog.map((e) => [e.action, e.reason]),
      [
        ['delete', ''],
        ['timeout', 'spam, again'],
      ],
    );
  });

  test('a time range keeps the rows of its time only', async () => {
    const body = JSON.parse(await text(`format=json&kind=chat,qa&from=${secondMessageAt}`));
    assert.deepEqual(
      body.chat.map((m: { id: string }) => m.id),
      sent.slice(1).map((m) => m.id),
    );
    assert.equal(body.qa.length, 2);
    assert.equal(body.polls, undefined, 'only the kinds asked for');
    const none = JSON.parse(
      await text(`format=json&kind=chat&to=${new Date(secondMessageAt - 60_000).toISOString()}`),
    );
    assert.deepEqual(none.chat, []);
  });

  test('messages held for review are marked held, not as seen by all; a rejected one too', async () => {
    const room = 'held-1';
    const chat = `${room}/chat`;
    const join = (sub: string, role: 'host' | 'audience' = 'audience') =>
      clients.join({ token: relay.token({ sub, name: sub, role, rooms: [room] }) });
    const mod = await join('mod', 'host');
    const eve = await join('eve');
    assertAck(await mod.op(chat, 'settings', { hold: ['all'] }));
    const kept = (assertAck(await eve.op(chat, 'send', { text: 'kept' })).data as { id: string })
      .id;
    const dropped = (
      assertAck(await eve.op(chat, 'send', { text: 'dropped' })).data as { id: string }
    ).id;
    assertAck(await mod.op(chat, 'approve', { id: kept }));
    assertAck(await mod.op(chat, 'reject', { id: dropped }));
    const response = await get('format=json&kind=chat', `Bearer ${API_KEY}`, room);
    const rows = ((await response.json()) as { chat: Record<string, unknown>[] }).chat;
    // Held, then (approved) released to everyone as a new event; the rejected one only held.
    assert.deepEqual(
      rows.map((m) => [m.text, m.visibility, m.deleted]),
      [
        ['kept', 'held', false],
        ['dropped', 'held', true],
        ['kept', 'all', false],
      ],
    );
  });

  test('ranking and open-text polls are exported with their results, as the poll shows them', async () => {
    const room = 'kinds-1';
    const ch = `${room}/poll`;
    const join = (sub: string, role: 'host' | 'audience' = 'audience') =>
      clients.join({ token: relay.token({ sub, name: sub, role, rooms: [room] }) });
    const mod = await join('mod', 'host');
    const voters = [await join('v0'), await join('v1'), await join('v2')];
    const create = async (data: Record<string, unknown>) => {
      const { pollId: id } = assertAck(await mod.op(ch, 'create', data)).data as {
        pollId: string;
      };
      assertAck(await mod.op(ch, 'open', { pollId: id }));
      return id;
    };
    const ranked = await create({ question: 'Rank?', options: ['A', 'B', 'C'], kind: 'ranking' });
    assertAck(await voters[0].op(ch, 'vote', { pollId: ranked, ranking: [2, 0, 1] }));
    assertAck(await voters[1].op(ch, 'vote', { pollId: ranked, ranking: [2, 1, 0] }));
    const open = await create({ question: 'Say?', kind: 'opentext' });
    assertAck(await voters[0].op(ch, 'answer', { pollId: open, text: 'hello there' }));
    assertAck(await voters[1].op(ch, 'answer', { pollId: open, text: 'Hello there!' }));
    assertAck(await voters[2].op(ch, 'answer', { pollId: open, text: 'bye' }));
    const response = await get('format=json&kind=polls', `Bearer ${API_KEY}`, room);
    const rows = ((await response.json()) as { polls: Record<string, unknown>[] }).polls;
    assert.deepEqual(
      rows.map((r) => [r.kind, r.total, r.option, r.count]),
      [
        // Borda points: of three options, first 2, second 1, last 0.
        ['ranking', 2, 'A', 1],
        ['ranking', 2, 'B', 1],
        ['ranking', 2, 'C', 4],
        // One row per group of identical answers, the most given first.
        ['opentext', 3, 'hello there', 2],
        ['opentext', 3, 'bye', 1],
      ],
    );
  });

  test('only the server key or a host of the room may export', async () => {
    const token = (claims: Record<string, unknown>) =>
      `Bearer ${relay.token({ sub: 'someone', ...claims })}`;
    const cases: [string | null, number][] = [
      [null, 401],
      ['Bearer wrong-key', 401],
      [`Basic ${Buffer.from(`x:${API_KEY}`).toString('base64')}`, 401],
      [token({ role: 'audience', rooms: [ROOM] }), 403],
      [token({ role: 'host', rooms: ['another-room'] }), 403],
      [token({ role: 'host', rooms: [ROOM] }), 200],
      [token({ role: 'moderator', rooms: ['show-*'] }), 200],
      [`Bearer ${API_KEY}`, 200],
    ];
    for (const [auth, status] of cases) {
      const response = await get('format=json&kind=chat', auth);
      assert.equal(response.status, status, String(auth));
      await response.body?.cancel();
    }
  });

  test('a bad query is refused with the reason', async () => {
    for (const [query, field] of [
      ['format=xml', 'format'],
      ['kind=secrets', 'kind'],
      ['format=csv&kind=chat,qa', 'kind'],
      ['from=yesterday', 'from'],
      ['from=5&to=1', 'from'],
      ['kind=chat,chat', 'kind'],
    ]) {
      const response = await get(query);
      assert.equal(response.status, 400, query);
      const { error } = (await response.json()) as {
        error: { code: string; message: string; details: { field: string } };
      };
      assert.equal(error.code, 'invalid', query);
      assert.equal(typeof error.message, 'string');
      assert.equal(error.details.field, field, query);
    }
    const response = await get('format=json', `Bearer ${API_KEY}`, 'bad%20room');
    assert.equal(response.status, 400);
    await response.body?.cancel();
  });

  test('it is an API route: in the OpenAPI document with its query and media types', async () => {
    const doc = (await (await fetch(`${relay.httpUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const operation = doc.paths['/api/v1/rooms/{room}/export']?.get as {
      tags: string[];
      parameters: { name: string; in: string }[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    assert.ok(operation, 'documented');
    assert.deepEqual(operation.tags, ['export']);
    assert.deepEqual(
      operation.parameters.filter((p) => p.in === 'query').map((p) => p.name),
      ['format', 'kind', 'from', 'to'],
    );
    assert.deepEqual(Object.keys(operation.responses['200'].content ?? {}), [
      'application/json',
      'text/csv',
    ]);
    assert.ok(operation.responses['401'] && operation.responses['403']);
  });

  test('a page of an allowed origin may fetch it with its token (CORS, preflight)', async () => {
    const origin = 'https://site.example';
    const preflight = await fetch(`${relay.httpUrl}/api/v1/rooms/${ROOM}/export`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /\bauthorization\b/);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /\bGET\b/);
    const hostToken = relay.token({ sub: 'host', role: 'host', rooms: [ROOM] });
    const response = await fetch(`${relay.httpUrl}/api/v1/rooms/${ROOM}/export?kind=qa`, {
      headers: { origin, authorization: `Bearer ${hostToken}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    assert.match(response.headers.get('access-control-expose-headers')!, /\bcontent-disposition\b/);
    await response.body?.cancel();
  });
});

describe('export ids', () => {
  let relay: RelayProcess;
  before(async () => {
    relay = await startRelay({
      env: { HUBBUB_API_KEY: API_KEY },
      args: ['--rate-limits', 'off'],
    });
  });
  after(() => relay.dispose());

  test('a CSV row carries its message id as sent: no id the relay makes starts like a formula', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 300; i++) {
      const response = await fetch(`${relay.httpUrl}/api/v1/rooms/ids-1/chat/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `m${i}` }),
      });
      assert.equal(response.status, 200);
      sent.push(((await response.json()) as { data: { id: string } }).data.id);
    }
    // One id in 64 would start with `-` and be written `'-…` by the formula guard.
    assert.deepEqual(
      sent.filter((id) => id.startsWith('-')),
      [],
    );
    const response = await fetch(
      `${relay.httpUrl}/api/v1/rooms/ids-1/export?format=csv&kind=chat`,
      { headers: { authorization: `Bearer ${API_KEY}` } },
    );
    assert.deepEqual(
      records(await response.text()).map((row) => row.id),
      sent,
    );
  });
});

describe('export on a relay without a server key', () => {
  let relay: RelayProcess;
  const origin = 'https://site.example';
  before(async () => {
    relay = await startRelay({ args: ['--allowed-origins', origin] });
  });
  after(async () => {
    await relay?.dispose();
  });

  test('a host token still exports; anything else is 401; CORS only for allowed origins', async () => {
    const host = relay.token({ sub: 'host', role: 'host', rooms: [ROOM] });
    // The rest of the API takes the token as well: a message sent through it, then exported.
    const sent = await fetch(`${relay.httpUrl}/api/v1/rooms/${ROOM}/chat/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'kept without a key' }),
    });
    assert.equal(sent.status, 200, await sent.clone().text());
    await sent.body?.cancel();
    const url = `${relay.httpUrl}/api/v1/rooms/${ROOM}/export?kind=chat`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${host}`, origin } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    const body = (await response.json()) as { chat: { text: string }[] };
    assert.deepEqual(
      body.chat.map((m) => m.text),
      ['kept without a key'],
    );

    const keyless = await fetch(url, { headers: { authorization: `Bearer ${API_KEY}` } });
    assert.equal(keyless.status, 401, 'no server key is configured: a key-like credential fails');
    const { error } = (await keyless.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, /HUBBUB_API_KEY/);

    const other = await fetch(url, {
      headers: { authorization: `Bearer ${host}`, origin: 'https://evil.example' },
    });
    assert.equal(other.status, 200, 'CORS is the browser’s check: the answer has no grant');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    await other.body?.cancel();
  });
});

describe('export from a cluster', () => {
  let redis: RedisServer;
  let relay: RelayProcess;
  let clients: ClientPool;
  before(async () => {
    redis = await startRedis();
    relay = await startRelay({
      args: ['--redis', redis.url],
      env: { HUBBUB_API_KEY: API_KEY },
    });
    clients = new ClientPool(() => relay.url);
  });
  after(async () => {
    clients.closeAll();
    await relay?.dispose();
    await redis?.dispose();
  });

  test('reads what Redis keeps: history a page at a time, records of the room', async () => {
    const host = await clients.join({ token: relay.token({ sub: 'host', role: 'host' }) });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ack = assertAck(await host.op('redis-room/chat', 'send', { text: `m${i}` }));
      ids.push((ack.data as { id: string }).id);
    }
    assertAck(await host.op('redis-room/chat', 'delete', { id: ids[1] }));
    assertAck(await host.op('redis-room/qa', 'ask', { text: 'Kept in Redis?' }));
    const response = await fetch(`${relay.httpUrl}/api/v1/rooms/redis-room/export?kind=chat,qa`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, Record<string, unknown>[]>;
    assert.deepEqual(
      body.chat.map((m) => [m.id, m.text, m.deleted]),
      [
        [ids[0], 'm0', false],
        [ids[1], 'm1', true],
        [ids[2], 'm2', false],
      ],
    );
    assert.deepEqual(
      body.qa.map((q) => q.text),
      ['Kept in Redis?'],
    );
  });
});
