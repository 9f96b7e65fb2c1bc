/**
 * Values for the relay fuzzer's frames: awkward strings (surrogates, NUL, bidi, lengths at each
 * limit), any JSON with prototype names as keys, deep nesting, and helpers that mix a good value
 * with a wrong one now and then.
 */
import * as fc from 'fast-check';
import { Deep, Ref, type RefKind } from './placeholders.js';

export const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
] as const;

/** Strings that broke something somewhere once: surrogates, NUL, bidi, joiners, look-alikes. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  'a\uD83D',
  '\uDE00b',
  '\u202E',
  '\u2066rtl\u2069',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u00AD',
  'e\u0301',
  '\u0301',
  '\u3164',
  '👨‍👩‍👧‍👦',
  '🇫🇷',
  '\u2028',
  '\u0085',
  '\t\n',
  'ＳＰＡＭ',
  'ѕрам',
  '<b>x</b>',
  '\\',
  '"',
  '%s',
  '${x}',
  'null',
  ...PROTO_NAMES,
];

const edge = fc.constantFrom(...EDGE_STRINGS);

/** Strings at, just under and just over a length limit, in characters of 1, 2 and 3 units. */
const atLimit = fc
  .tuple(
    fc.constantFrom(40, 64, 100, 200, 300, 500, 1024),
    fc.constantFrom(-1, 0, 1),
    fc.constantFrom('a', '😀', 'é', 'e\u0301', '\u200B'),
  )
  .map(([n, d, c]) => c.repeat(n + d));

export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: edge },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(edge, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: atLimit },
);

/** An object whose keys are all own properties, `__proto__` too, so they reach the wire. */
export function own(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const key = fc.oneof(fc.constantFrom(...PROTO_NAMES, 'text', 'id', 't', 'data'), text);

/** Any JSON value, with awkward numbers, strings and keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, 1.5, -1, 2 ** 53, 1e308, Number.MIN_VALUE),
    fc.integer(),
    text,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie('json')), { maxLength: 3 }).map(own),
  ),
})).json;

/** Nesting around the relay's limit of 32 levels, and far past it. */
const deep = fc
  .tuple(fc.constantFrom(29, 30, 31, 32, 33, 200, 5_000), fc.boolean())
  .map(([depth, arrays]) => new Deep(depth, arrays));

export const junk = fc.oneof({ weight: 4, arbitrary: anyJson }, { weight: 1, arbitrary: deep });

/** Mostly `good`, sometimes something of the wrong type or shape. */
export const or = <T>(good: fc.Arbitrary<T>, weight = 24) =>
  fc.oneof({ weight, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk });

export const optional = <T>(value: fc.Arbitrary<T>) =>
  fc.option(value, { nil: undefined, freq: 2 });

export const ref = (kind: RefKind) => fc.nat(7).map((n) => new Ref(kind, n));

/** Text a widget would send: words, now and then any text at all. */
export const prose = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z]{3,8}( [a-z]{3,8}){0,3}$/) },
  { weight: 1, arbitrary: text },
);

/** An optional field: mostly left out. */
export const rarely = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
