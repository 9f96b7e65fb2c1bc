/**
 * A real HTTP receiver of webhooks on a free loopback port: every request is kept (headers, body,
 * the status it was answered), and `answer` decides the status of each, so a test makes a
 * receiver that fails first and then succeeds.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: {
    id: string;
    type: string;
    room: string;
    at: number;
    /** The event's data, read by each test as it knows it. */
    data: Record<string, any>; // oxlint-disable-line typescript/no-explicit-any
  };
  status: number;
  /** Receipt time (ms). */
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status for the next request; 200 by default; 0 leaves it unanswered (a hung receiver). */
  answer: (request: { delivery: string; body: string; attempt: number }) => number;
  /** Requests of one room, in arrival order. */
  of(room: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const attempts = new Map<string, number>();
  const received: Received[] = [];
  const receiver = {
    received,
    answer: () => 200,
    of: (room: string) => received.filter((r) => r.json.room === room),
  } as unknown as Receiver;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery = String(request.headers['hubbub-delivery']);
      const attempt = (attempts.get(delivery) ?? 0) + 1;
      attempts.set(delivery, attempt);
      const status = receiver.answer({ delivery, body, attempt });
      receiver.received.push({
        headers: request.headers,
        body,
        json: JSON.parse(body),
        status,
        at: Date.now(),
      });
      if (status !== 0) response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
