/**
 * fast-check arbitraries for the relay fuzzer: scenarios of several clients sending frames,
 * well-formed ones of every type and feature mixed with malformed ones. Ids and names
 * the relay hands out are placeholders (`./placeholders.ts`), resolved when a frame is sent.
 */
import * as fc from 'fast-check';
import { FEATURES, OPS_OF, strangeOps } from './ops.js';
import { AnonKey, Ch, Id, Mid, Subbed, Token, type TokenSpec } from './placeholders.js';
import { PROTO_NAMES, junk, optional, or, own, ref, text } from './values.js';

/** At most this many clients per scenario (besides the bystander). */
export const MAX_SLOTS = 6;
/** Rooms 0 and 1 are the run's own; room 2 is shared by every run, so state piles up there. */
export const ROOMS_PER_RUN = 3;

export type Identity = { token: TokenSpec } | { anon: number; name?: string };

export type Hello =
  | { identity: Identity; session: 'none' | 'own' | 'other' | 'junk' }
  /** A first frame that is no good hello: the relay answers it and (mostly) closes. */
  | { bad: unknown };

export type Step =
  | { do: 'send'; slot: number; frame: unknown }
  /** A frame padded to `maxFrameBytes + delta` UTF-8 bytes, in a top-level field or its text. */
  | {
      do: 'sized';
      slot: number;
      frame: Record<string, unknown>;
      delta: number;
      where: 'top' | 'text';
    }
  | { do: 'text'; slot: number; text: string }
  /** Bytes as a binary message, or as a text message that is not UTF-8. */
  | { do: 'bytes'; slot: number; bytes: Uint8Array; binary: boolean }
  | { do: 'close'; slot: number; how: 'close' | 'terminate' }
  | { do: 'connect'; slot: number; hello: Hello }
  | { do: 'wait'; ms: number };

export interface Slot {
  who: Identity;
  /** Channels it subscribes to once welcomed, as a page's widgets would. */
  subs: unknown[];
}

export interface Scenario {
  slots: Slot[];
  steps: Step[];
}

// ------------------------------------------------------------------ frame fields

const BAD_CHANNELS = [
  `${'r'.repeat(64)}/chat`,
  `${'r'.repeat(65)}/chat`,
  `r/${'a'.repeat(32)}`,
  `r/${'a'.repeat(33)}`,
  'r/constructor',
  'r/__proto__',
  'r/toString',
  'r/hasOwnProperty',
  'r/prototype',
  '__proto__/chat',
  'constructor/poll',
  'toString/qa',
  'r/Chat',
  'r/chat/',
  '/chat',
  'r/',
  'chat',
  '',
  'r/chat\n',
  'r y/chat',
  'ｒ/chat',
  'r/chat\u0000',
  '\uD800/chat',
  'c'.repeat(128),
  'c'.repeat(129),
];

/** Most traffic goes to the run's first room, so clients meet on its channels. */
const room = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.constant(2) },
);

/** Features weighted by how much there is to find in each. */
const FEATURE_WEIGHTS: Record<(typeof FEATURES)[number], number> = {
  chat: 4,
  poll: 3,
  qa: 3,
  quiz: 2,
  reactions: 2,
  presence: 1,
};

const anyFeature = (features: readonly string[]) =>
  fc.oneof(
    ...features.map((f) => ({
      weight: FEATURE_WEIGHTS[f as (typeof FEATURES)[number]] ?? 1,
      arbitrary: fc.constant(f),
    })),
  );

/** A channel of the run's rooms, mostly of `features`; now and then a malformed one. */
const channel = (features: readonly string[] = FEATURES) =>
  fc
    .oneof(
      { weight: 40, arbitrary: fc.tuple(room, anyFeature(features)) },
      { weight: 2, arbitrary: fc.tuple(room, anyFeature(FEATURES)) },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_CHANNELS) },
      { weight: 1, arbitrary: junk },
    )
    .map((value) =>
      Array.isArray(value) && value.length === 2 && typeof value[1] === 'string'
        ? new Ch(value[0] as number, value[1])
        : value,
    );

const requestId = fc.oneof(
  { weight: 20, arbitrary: fc.constant(new Id('fresh')) },
  { weight: 3, arbitrary: fc.constant(new Id('number')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, true, {}, [], 'x'.repeat(65), Number.NaN),
  },
);
const opId = fc.oneof(
  { weight: 6, arbitrary: requestId },
  { weight: 1, arbitrary: fc.nat(5).map((n) => new Id('reuse', n)) },
);

const mid = fc.oneof(
  { weight: 30, arbitrary: fc.nat(7).map((n) => new Mid(n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('', 'm'.repeat(64), 'm'.repeat(65), 7, null, '\uD800'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_NAMES) },
);

const ROLES = ['host', 'moderator', 'audience'] as const;

export const tokenSpec: fc.Arbitrary<TokenSpec> = fc.record(
  {
    user: fc.nat(3),
    role: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...ROLES) }, fc.constant('admin')),
    rooms: fc.constantFrom('all', 'all', 'first', 'pattern', 'none'),
    name: text,
    expired: fc.constant(true),
    signature: fc.constantFrom('bad', 'alg-none'),
  },
  { requiredKeys: ['user', 'role', 'rooms'] },
);

/** Identities a relay must welcome: signed-in users of every role, and anonymous keys. */
export const identity: fc.Arbitrary<Identity> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          user: fc.nat(3),
          role: fc.constantFrom('host', 'host', 'moderator', 'audience', 'audience'),
          rooms: fc.constantFrom('all', 'all', 'all', 'all', 'first', 'pattern'),
          name: text,
        },
        { requiredKeys: ['user', 'role', 'rooms'] },
      )
      .map((token): Identity => ({ token })),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      // A hello's anon.name is at most 256 UTF-16 units; a longer one is a bad hello.
      { anon: fc.nat(2), name: text.filter((name) => name.length <= 256) },
      { requiredKeys: ['anon'] },
    ),
  },
);

const opFrame = fc
  .oneof(
    ...FEATURES.map((feature) => ({
      weight: 2 * FEATURE_WEIGHTS[feature],
      arbitrary: fc.tuple(channel([feature]), opId, mid, OPS_OF[feature]),
    })),
    { weight: 1, arbitrary: fc.tuple(channel(), opId, mid, strangeOps) },
  )
  .map(([ch, id, m, { type, data }]) => ({ t: 'op', id, ch, mid: m, type, data }));

const position = fc.record({
  epoch: or(fc.oneof({ weight: 4, arbitrary: ref('epoch') }, text)),
  seq: or(fc.constantFrom(0, 1, 2, 3, 5, 10, 1_000, 2 ** 53 - 1, -1, 1.5)),
});

/** Mostly a channel this socket subscribed, to unsub or re-sub it (perhaps at once). */
const subscribed = fc.tuple(fc.nat(7), channel()).map(([n, fallback]) => new Subbed(n, fallback));

const subFrame = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: channel() }, { weight: 1, arbitrary: subscribed }),
    requestId,
    optional(or(position)),
  )
  .map(([ch, id, from]) => ({ t: 'sub', id, ch, ...(from === undefined ? {} : { from }) }));

const unsubFrame = fc
  .tuple(
    fc.oneof({ weight: 1, arbitrary: channel() }, { weight: 3, arbitrary: subscribed }),
    requestId,
  )
  .map(([ch, id]) => ({ t: 'unsub', id, ch }));

const presenceData = fc.record(
  {
    status: or(text),
    name: or(text),
    avatar: or(fc.constantFrom('https://example.com/a.png', 'javascript:alert(1)', 'http://x/')),
    big: fc.constantFrom('x'.repeat(900), 'x'.repeat(1_100)),
  },
  { requiredKeys: [] },
);

const presenceFrame = fc
  .tuple(
    channel(['presence']),
    requestId,
    or(fc.constantFrom('enter', 'enter', 'update', 'leave')),
    optional(or(presenceData)),
  )
  .map(([ch, id, action, data]) => ({
    t: 'presence',
    id,
    ch,
    action,
    ...(data === undefined ? {} : { data }),
  }));

const signalFrame = fc
  .tuple(
    channel(['chat']),
    or(fc.constantFrom('typing', 'typing', 'other', ...PROTO_NAMES)),
    optional(fc.oneof(junk, fc.constantFrom('x'.repeat(250), 'x'.repeat(260)))),
  )
  .map(([ch, type, data]) => ({ t: 'signal', ch, type, ...(data === undefined ? {} : { data }) }));

const authFrame = fc
  .tuple(requestId, or(tokenSpec.map((spec) => new Token(spec))))
  .map(([id, token]) => ({ t: 'auth', id, token }));

const helloAgain = fc
  .tuple(identity, fc.constantFrom(1, 2))
  .map(([who, v]) => ({ t: 'hello', v, ...helloFields(who) }));

const wellFormed = fc.oneof(
  { weight: 20, arbitrary: opFrame },
  { weight: 4, arbitrary: subFrame },
  { weight: 2, arbitrary: unsubFrame },
  { weight: 2, arbitrary: presenceFrame },
  { weight: 2, arbitrary: signalFrame },
  { weight: 1, arbitrary: authFrame },
  { weight: 1, arbitrary: fc.constant({ t: 'pong' }) },
  { weight: 1, arbitrary: helloAgain },
);

/** One change to a frame: a field dropped, given a wrong value, `t` spoiled, a key added. */
type Mutation =
  | { drop: number }
  | { set: number; value: unknown }
  | { t: unknown }
  | { add: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ drop: fc.nat() }),
  fc.record({ set: fc.nat(), value: junk }),
  fc.record({
    t: fc.constantFrom<unknown>(
      ['op'],
      'OP',
      'ping',
      'welcome',
      'ev',
      null,
      1,
      undefined,
      ...PROTO_NAMES,
    ),
  }),
  fc.record({ add: fc.constantFrom(...PROTO_NAMES, 'extra'), value: junk }),
);

function mutate(frame: Record<string, unknown>, change: Mutation): Record<string, unknown> {
  const fields = Object.keys(frame).filter((k) => k !== 't');
  const entries = Object.entries(frame);
  if ('drop' in change) {
    const gone = fields[change.drop % Math.max(1, fields.length)];
    return own(entries.filter(([k]) => k !== gone));
  }
  if ('set' in change) {
    const field = fields[change.set % Math.max(1, fields.length)] ?? 'id';
    return own([...entries.filter(([k]) => k !== field), [field, change.value]]);
  }
  if ('t' in change) return own([...entries.filter(([k]) => k !== 't'), ['t', change.t]]);
  return own([...entries, [change.add, change.value]]);
}

const mutated = fc
  .tuple(wellFormed, mutation)
  .map(([frame, change]) => mutate(frame as Record<string, unknown>, change));

export const frame = fc.oneof(
  { weight: 6, arbitrary: wellFormed as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: mutated },
);

// ------------------------------------------------------------------ what is not a frame

const RAW_TEXTS = [
  '',
  'not json',
  '{',
  '[]',
  '[{"t":"pong"}]',
  'null',
  '42',
  '"op"',
  '{}',
  '{"t":null}',
  '{"t":["op"]}',
  '{"t":"OP"}',
  '{"t":"__proto__"}',
  '{"t":"constructor"}',
  '{"t":"toString"}',
  '{"t":"hasOwnProperty"}',
  '{"__proto__":{"t":"op"}}',
  '{"t":"sub","t":"op"}',
  '{"t":"sub","id":"dup","ch":"a/chat","ch":"b/chat"}',
  '\uFEFF{"t":"pong"}',
  ' {"t":"pong"} ',
  '{"t":"pong"} trailing',
  '{"t":"op","id":"nan","ch":"a/chat","mid":"m","type":"send","data":{"text":NaN}}',
  `{"t":"op","id":"esc","ch":"a/chat","mid":"m-esc","type":"send","data":{"text":"\\ud800\\u0000\\u202e"}}`,
  `{"t":"signal","ch":"a/chat","type":"typing","data":${'['.repeat(40)}${']'.repeat(40)}}`,
];

const rawText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...RAW_TEXTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
);

const NOT_UTF8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];

const bytes = fc.oneof(
  fc.record({ binary: fc.constant(true), bytes: fc.uint8Array({ maxLength: 24 }) }),
  fc.record({
    binary: fc.constant(true),
    bytes: fc.constant(new TextEncoder().encode('{"t":"pong"}')),
  }),
  fc.record({
    binary: fc.constant(false),
    bytes: fc.constantFrom(...NOT_UTF8).map((b) => Uint8Array.from(b)),
  }),
);

// ------------------------------------------------------------------ hellos and steps

export function helloFields(who: Identity): Record<string, unknown> {
  if ('token' in who) return { token: new Token(who.token) };
  return {
    anon: { key: new AnonKey(who.anon), ...(who.name === undefined ? {} : { name: who.name }) },
  };
}

const badHello = fc.oneof(
  fc.constantFrom<unknown>(
    { t: 'hello', v: 2, anon: { key: new AnonKey(0) } },
    { t: 'hello', v: '1', anon: { key: new AnonKey(0) } },
    { t: 'hello', v: 1 },
    { t: 'hello', v: 1, anon: { key: 'short' } },
    { t: 'hello', v: 1, anon: { key: 'k'.repeat(257) } },
    { t: 'hello', v: 1, token: 'a.b.c' },
    { t: 'hello', v: 1, token: '' },
    { t: 'pong' },
    'not json',
    '[{"t":"hello","v":1}]',
  ),
  tokenSpec.map((spec) => ({ t: 'hello', v: 1, token: new Token(spec) })),
  subFrame,
);

const hello: fc.Arbitrary<Hello> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      identity,
      session: fc.constantFrom('none', 'own', 'own', 'other', 'junk'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ bad: badHello }) },
);

const slot = fc.nat(MAX_SLOTS - 1);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ do: fc.constant('send'), slot, frame }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('sized'),
      slot,
      frame: fc.oneof(opFrame, subFrame, presenceFrame),
      delta: fc.constantFrom(-1, 0, 1, -200),
      where: fc.constantFrom('top', 'text'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('text'), slot, text: rawText }) },
  { weight: 1, arbitrary: fc.tuple(slot, bytes).map(([s, b]) => ({ do: 'bytes', slot: s, ...b })) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('close'),
      slot,
      how: fc.constantFrom('close', 'terminate'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('connect'), slot, hello }) },
  {
    weight: 5,
    arbitrary: fc.record({ do: fc.constant('wait'), ms: fc.constantFrom(0, 1, 5, 20, 60) }),
  },
) as fc.Arbitrary<Step>;

/** A scenario: who the clients are, then what they do, interleaved. */
export function scenario(maxSteps: number): fc.Arbitrary<Scenario> {
  return fc.record({
    slots: fc.array(fc.record({ who: identity, subs: fc.array(channel(), { maxLength: 3 }) }), {
      minLength: 3,
      maxLength: MAX_SLOTS,
    }),
    steps: fc.array(step, { minLength: Math.min(20, maxSteps), maxLength: maxSteps, size: 'max' }),
  });
}
