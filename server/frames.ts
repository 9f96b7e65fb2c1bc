/**
 * Validation of every frame a client sends, per "Frame handling" in PROTOCOL.md: no coercion,
 * `bad_frame` for what is not a frame at all, `invalid` with details for a known frame with a
 * missing or wrongly typed field.
 */
import type { ClientFrame } from '../src/protocol.js';

export type Parsed =
  | { ok: true; frame: ClientFrame }
  | {
      ok: false;
      code: 'bad_frame' | 'invalid';
      message: string;
      /** The frame's type, when it is a known one with a bad field. */
      t?: ClientFrame['t'];
      id?: string | number;
      details?: unknown;
    };

type Check = (value: unknown) => boolean;
interface Field {
  check: Check;
  expected: string;
  optional?: boolean;
}

const isString: Check = (v) => typeof v === 'string';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId: Check = (v) =>
  (typeof v === 'string' && v.length <= 64) || (typeof v === 'number' && Number.isFinite(v));
const isMid: Check = (v) => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const isPosition: Check = (v) =>
  isObject(v) &&
  typeof (v as { epoch: unknown }).epoch === 'string' &&
  Number.isSafeInteger((v as { seq: unknown }).seq) &&
  (v as { seq: number }).seq >= 0;
const isAction: Check = (v) => v === 'enter' || v === 'update' || v === 'leave';
const isAnon: Check = (v) =>
  isObject(v) &&
  typeof (v as { key: unknown }).key === 'string' &&
  ['string', 'undefined'].includes(typeof (v as { name: unknown }).name);

const id: Field = { check: isId, expected: 'string of at most 64 characters, or number' };
const ch: Field = { check: isString, expected: 'string' };

const SCHEMAS: Record<ClientFrame['t'], Record<string, Field>> = {
  hello: {
    v: { check: (v) => typeof v === 'number', expected: 'number' },
    token: { check: isString, expected: 'string', optional: true },
    anon: { check: isAnon, expected: '{key: string, name?: string}', optional: true },
    session: { check: isString, expected: 'string', optional: true },
    client: { check: isString, expected: 'string', optional: true },
  },
  auth: { id, token: { check: isString, expected: 'string' } },
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
    type: { check: isString, expected: 'string' },
    data: { check: isObject, expected: 'object' },
  },
  signal: {
    ch,
    type: { check: isString, expected: 'string' },
    data: { check: () => true, expected: 'any', optional: true },
  },
  presence: {
    id,
    ch,
    action: { check: isAction, expected: "'enter', 'update' or 'leave'" },
    data: { check: isObject, expected: 'object', optional: true },
  },
  pong: {},
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
