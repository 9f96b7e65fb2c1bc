/**
 * A request's body, read with a bound: the HTTP API's ops and the demo's `/dev/token` take a small
 * JSON body, and neither may let a client hold the relay's memory or a connection with a large,
 * endless or stalled one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FRAME_MAX_DEPTH, depth } from './frames.js';

export const BODY_DEFAULTS = {
  /**
   * Longest time from the first byte read to the last. A body still coming after it (stalled,
   * or too large and still being drained) gets no more time: its connection is closed.
   */
  timeoutMs: 10_000,
};

/** Why a body was not taken; each is one HTTP answer. */
export type BodyFault = 'too_large' | 'timeout' | 'aborted' | 'not_json' | 'type';

const STATUS: Record<BodyFault, number> = {
  too_large: 413,
  timeout: 408,
  // Nobody reads the answer of an aborted request; 400 for the record.
  aborted: 400,
  not_json: 400,
  type: 400,
};

export class BodyError extends Error {
  constructor(
    readonly fault: BodyFault,
    message: string,
  ) {
    super(message);
  }

  /** The HTTP status that answers it. */
  get status(): number {
    return STATUS[this.fault];
  }
}

export interface BodyOptions {
  /** Most bytes taken; a larger body (declared or sent) is `too_large`. */
  maxBytes: number;
  timeoutMs?: number;
  /**
   * Deepest nesting of arrays and objects taken (`readJsonBody`, a frame's 32 levels unless
   * set); deeper is `too_large`, before parsing.
   */
  maxDepth?: number;
}

/**
 * The body as UTF-8 text. A body over `maxBytes` is refused as soon as it is known to be (by its
 * `content-length`, or once that many bytes came) and the rest is drained unread, so the client,
 * still sending, gets the 413 rather than a reset. A body that does not end in time is refused
 * and its connection closed once answered (the answer's `connection: close`), so no client keeps
 * a request open by sending a byte now and then.
 */
export function readBody(
  request: IncomingMessage,
  response: ServerResponse,
  { maxBytes, timeoutMs = BODY_DEFAULTS.timeoutMs }: BodyOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let chunks: Buffer[] = [];
    let settled = false;
    const fail = (error: BodyError) => {
      if (settled) return;
      settled = true;
      chunks = [];
      reject(error);
    };
    const tooLarge = () => new BodyError('too_large', `the body may be at most ${maxBytes} bytes`);
    const timer = setTimeout(() => {
      if (settled) return void request.destroy();
      if (!response.headersSent) response.setHeader('connection', 'close');
      fail(new BodyError('timeout', 'the body did not arrive in time'));
    }, timeoutMs);
    timer.unref();
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) fail(tooLarge());
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge());
      else chunks.push(chunk);
    });
    request.on('end', () => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // A client gone mid-body: `error` (ECONNRESET) then `close`, or `close` alone.
    request.on('error', () => fail(new BodyError('aborted', 'the request was aborted')));
    request.on('close', () => {
      clearTimeout(timer);
      fail(new BodyError('aborted', 'the request was aborted'));
    });
  });
}

/**
 * The body as JSON, read by `readBody`; undefined when it is empty. A `content-type` other than
 * `application/json` is refused before anything is read (a missing one is taken as JSON).
 */
export async function readJsonBody(
  request: IncomingMessage,
  response: ServerResponse,
  options: BodyOptions,
): Promise<unknown> {
  const type = request.headers['content-type'];
  if (type !== undefined && !/^application\/json\b/i.test(type)) {
    request.resume();
    throw new BodyError('type', 'the body must be application/json');
  }
  const text = await readBody(request, response, options);
  if (text.trim() === '') return undefined;
  // Bounded as a frame is: a body nested thousands deep parses, then overflows the stack of
  // whatever walks it (JSON.stringify of an op's data).
  const maxDepth = options.maxDepth ?? FRAME_MAX_DEPTH;
  if (depth(text) > maxDepth) {
    throw new BodyError('too_large', `the body may nest at most ${maxDepth} levels deep`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError('not_json', 'the body is not JSON');
  }
}
