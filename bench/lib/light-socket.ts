/**
 * A lean WebSocket client for the load generator (RFC 6455, text frames only), so that the
 * clients cost the shared cores as little as possible. It reads with `onread` into one reused
 * buffer (no stream machinery, no allocation per read) and masks with a zero key (valid, and
 * the XOR is then a copy). Used for the relay and the raw `ws` peer alike; Socket.IO keeps its
 * own client.
 */
import { connect, type Socket } from 'node:net';

const READ_BUFFER_BYTES = 256 * 1024;
/** The handshake key only proves the server speaks WebSocket; a bench client can reuse RFC 6455's. */
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

export class LightSocket {
  onMessage: (text: string) => void = () => {};
  onClose: () => void = () => {};
  #socket: Socket | null = null;
  /** Bytes received and not yet parsed (a partial header or frame). */
  #pending: Buffer | null = null;
  #fragments: Buffer[] = [];
  #closed = false;

  constructor(
    private url: string,
    private protocol?: string,
    private localAddress?: string,
  ) {}

  open(): Promise<void> {
    const { hostname, port, pathname } = new URL(this.url);
    return new Promise((resolve, reject) => {
      let handshaking = true;
      const socket = connect({
        host: hostname,
        port: Number(port),
        localAddress: this.localAddress,
        noDelay: true,
        onread: {
          buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
          // The buffer passed above comes back, refilled: a Buffer.
          callback: (size, buffer) => {
            let chunk = (buffer as Buffer).subarray(0, size);
            if (this.#pending) chunk = Buffer.concat([this.#pending, chunk]);
            this.#pending = null;
            if (handshaking) {
              const end = chunk.indexOf('\r\n\r\n');
              if (end < 0) {
                this.#pending = Buffer.from(chunk);
                return true;
              }
              if (!chunk.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) {
                reject(new Error(`upgrade refused: ${chunk.toString('latin1', 0, end)}`));
                socket.destroy();
                return false;
              }
              handshaking = false;
              resolve();
              chunk = chunk.subarray(end + 4);
            }
            this.#parse(chunk);
            return true;
          },
        },
      });
      this.#socket = socket;
      socket.on('connect', () => {
        socket.write(
          `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
            `Connection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n` +
            (this.protocol ? `Sec-WebSocket-Protocol: ${this.protocol}\r\n` : '') +
            '\r\n',
        );
      });
      socket.on('error', (error) => {
        if (handshaking) reject(error);
      });
      socket.on('close', () => {
        if (handshaking) reject(new Error('closed during the handshake'));
        if (!this.#closed) {
          this.#closed = true;
          this.onClose();
        }
      });
    });
  }

  /** Parses every whole frame of `chunk`; keeps (copies) a trailing partial one. */
  #parse(chunk: Buffer): void {
    let at = 0;
    while (chunk.length - at >= 2) {
      const first = chunk[at];
      const second = chunk[at + 1];
      let length = second & 0x7f;
      let header = 2;
      if (length === 126) {
        if (chunk.length - at < 4) break;
        length = chunk.readUInt16BE(at + 2);
        header = 4;
      } else if (length === 127) {
        if (chunk.length - at < 10) break;
        length = Number(chunk.readBigUInt64BE(at + 2));
        header = 10;
      }
      if (second & 0x80) throw new Error('a server frame must not be masked');
      if (chunk.length - at < header + length) break;
      const payload = chunk.subarray(at + header, at + header + length);
      at += header + length;
      this.#frame(first & 0x80, first & 0x0f, payload);
    }
    if (at < chunk.length) this.#pending = Buffer.from(chunk.subarray(at));
  }

  #frame(fin: number, opcode: number, payload: Buffer): void {
    if (opcode === 0x1 || opcode === 0x0) {
      if (!fin) {
        this.#fragments.push(Buffer.from(payload));
        return;
      }
      if (this.#fragments.length > 0) {
        this.#fragments.push(payload);
        payload = Buffer.concat(this.#fragments);
        this.#fragments = [];
      }
      this.onMessage(payload.toString('utf8'));
    } else if (opcode === 0x8) {
      this.#write(0x88, Buffer.alloc(0));
      this.#socket?.end();
    } else if (opcode === 0x9) {
      this.#write(0x8a, Buffer.from(payload));
    }
  }

  /** The TCP connection ended (or never opened). */
  get closed(): boolean {
    return this.#closed;
  }

  send(text: string): void {
    if (this.#closed) return;
    this.#write(0x81, Buffer.from(text));
  }

  /** One masked frame; the key is zero, so the payload goes as it is. */
  #write(firstByte: number, payload: Buffer): void {
    const length = payload.length;
    const header = length < 126 ? 6 : length < 65_536 ? 8 : 14;
    const frame = Buffer.alloc(header + length);
    frame[0] = firstByte;
    if (length < 126) {
      frame[1] = 0x80 | length;
    } else if (length < 65_536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    payload.copy(frame, header);
    this.#socket?.write(frame);
  }

  /** Cuts the connection without a close handshake, as a network failure would. */
  terminate(): void {
    this.#socket?.destroy();
  }
}
