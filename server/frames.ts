/**
 * Validation of every frame a client sends, per "Frame handling" in PROTOCOL.md: no coercion,
 * `bad_frame` for what is not a frame at all, `invalid` with details for a known frame with a
 * missing or wrongly typed field.
 */
import type { ClientFrame } from '../src/protocol/index.js';

export type Parsed =
  | { ok: true; frame: ClientFrame }
  | {
      ok: false;
      code: 'bad_frame' | 'invalid' | 'too_large';
      message: string;
      /** The frame's type, when it is a known one with a bad field. */
      t?: ClientFrame['t'];
      id?: string | number;
      details?: unknown;
    };

/** Deepest nesting of arrays and objects a frame may have: no payload of the protocol needs more. */
export const FRAME_MAX_DEPTH = 32;

type Check = (value: unknown) => boolean;
interface Field {
  check: Check;
  expected: string;
  optional?: boolean;
}

/** A string of at most `max` UTF-16 code units: nothing a client sends is used unbounded. */
const shortString =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
/** Op and signal types: a name, so an error may mention it and a lookup cannot reach a prototype. */
const isTypeName: Check = (v) => typeof v === 'string' && /^[a-z][A-Za-z0-9_]{0,31}$/.test(v);
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId: Check = (v) =>
  (typeof v === 'string' && v.length <= 64) || (typeof v === 'number' && Number.isFinite(v));
/** A request id as frames carry it (a bounded string or a finite number), fit to echo back. */
export const isRequestId = (v: unknown): v is string | number => isId(v);
const isMid: Check = (v) => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isPosition: Check = (v) =>
  isObject(v) &&
  typeof (v as { epoch: unknown }).epoch === 'string' &&
  Number.isSafeInteger((v as { seq: unknown }).seq) &&
  (v as { seq: number }).seq >= 0;
const isAction: Check = (v) => v === 'enter' || v === 'update' || v === 'leave';
const isAnon: Check = (v) =>
  isObject(v) &&
  shortString(256)((v as { key: unknown }).key) &&
  ((v as { name: unknown }).name === undefined || shortString(256)((v as { name: unknown }).name));

const id: Field = { check: isId, expected: 'string of at most 64 characters, or number' };
const ch: Field = { check: shortString(128), expected: 'string of at most 128 characters' };
const typeName: Field = {
  check: isTypeName,
  expected: 'a name of 1 to 32 letters, digits or _, starting with a lower-case letter',
};

const SCHEMAS: Record<ClientFrame['t'], Record<string, Field>> = {
  hello: {
    v: { check: (v) => typeof v === 'number', expected: 'number' },
    token: {
      check: shortString(8192),
      expected: 'string of at most 8192 characters',
      optional: true,
    },
    anon: {
      check: isAnon,
      expected: '{key: string, name?: string} of at most 256 characters each',
      optional: true,
    },
    session: {
      check: shortString(64),
      expected: 'string of at most 64 characters',
      optional: true,
    },
    client: {
      check: shortString(128),
      expected: 'string of at most 128 characters',
      optional: true,
    },
  },
  auth: { id, token: { check: shortString(8192), expected: 'string of at most 8192 characters' } },
  sub: {
    id,
    ch,
    from: { check: isPosition, expected: '{epoch: string, seq: integer >= 0}', optional: true },
  },
  unsub: { id, ch },
  op: {
    id,
    ch,
    mid: { check: isMid, expected: 'string of 1 to 64 characters' },
    type: typeName,
    data: { check: isObject, expected: 'object' },
  },
  signal: {
    ch,
    type: typeName,
    data: { check: () => true, expected: 'any', optional: true },
  },
  presence: {
    id,
    ch,
    action: { check: isAction, expected: "'enter', 'update' or 'leave'" },
    data: { check: isObject, expected: 'object', optional: true },
  },
  pong: {},
  ping: { id },
};

/** Parses one text frame as received. */
export function parseFrame(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad_frame', message: 'frame is not JSON' };
  }
  if (Array.isArray(value)) {
    return { ok: false, code: 'bad_frame', message: 'clients may not batch frames' };
  }
  if (!isObject(value)) {
    return { ok: false, code: 'bad_frame', message: 'frame is not a JSON object' };
  }
  const frame = value as Record<string, unknown>;
  const t = frame.t;
  if (typeof t !== 'string' || !Object.hasOwn(SCHEMAS, t)) {
    return { ok: false, code: 'bad_frame', message: 'frame has a missing or unknown t' };
  }
  const frameId = isId(frame.id) ? (frame.id as string | number) : undefined;
  if (depth(text) > FRAME_MAX_DEPTH) {
    return {
      ok: false,
      code: 'too_large',
      message: `frames may nest at most ${FRAME_MAX_DEPTH} levels deep`,
      id: frameId,
    };
  }
  for (const [field, rule] of Object.entries(SCHEMAS[t as ClientFrame['t']])) {
    const present = frame[field] !== undefined;
    if (!present && rule.optional) continue;
    if (!present || !rule.check(frame[field])) {
      return {
        ok: false,
        code: 'invalid',
        t: t as ClientFrame['t'],
        message: `${t}.${field} ${present ? 'must be' : 'is missing; expected'} ${rule.expected}`,
        id: frameId,
        details: { field, expected: rule.expected },
      };
    }
  }
  return { ok: true, frame: frame as unknown as ClientFrame };
}

/** The deepest nesting of `[` and `{` in JSON text, outside strings; one pass, no recursion. */
export function depth(text: string): number {
  let level = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++level > deepest) deepest = level;
    } else if (c === 0x5d || c === 0x7d) {
      level--;
    }
  }
  return deepest;
}
