/**
 * An HTTP request written byte by byte on a plain socket, for what `fetch` will not do: a body
 * sent in pieces with pauses between them, or cut off halfway.
 */
import { connect } from 'node:net';

export interface RawHttpAnswer {
  /** The status, or 0 when the connection ended without an answer. */
  status: number;
  /** The answer's text, head and body as received. */
  text: string;
}

export interface RawHttpRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written one after the other, `pauseMs` apart. */
  pieces: string[];
  pauseMs?: number;
  /** The `content-length` declared: the pieces' length by default. */
  declared?: number;
  /** Sends the pieces as chunks (`transfer-encoding: chunked`), with no length declared. */
  chunked?: boolean;
  /** Closes the socket after the last piece instead of waiting for the answer. */
  abort?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the request to `base` (`http://host:port`) and resolves once the socket closes. */
export async function rawHttp(base: string, request: RawHttpRequest): Promise<RawHttpAnswer> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const length = request.declared ?? Buffer.byteLength(request.pieces.join(''));
  const headers = {
    host: hostname,
    connection: 'close',
    ...(request.chunked
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(length) }),
    ...request.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`${request.method ?? 'POST'} ${request.path} HTTP/1.1\r\n${head}\r\n`);
  for (const [i, piece] of request.pieces.entries()) {
    if (i > 0 && request.pauseMs) await sleep(request.pauseMs);
    if (socket.destroyed) break;
    socket.write(
      request.chunked ? `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n` : piece,
    );
  }
  if (request.chunked && !request.abort && !socket.destroyed) socket.write('0\r\n\r\n');
  if (request.abort) socket.destroy();
  await closed;
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return { status: status ? Number(status[1]) : 0, text };
}
