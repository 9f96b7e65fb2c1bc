/**
 * The leader tab's side of a shared socket: one real WebSocket to the relay, and the sockets of
 * every tab (this one included) multiplexed onto it. To each tab's Connection the hub looks like
 * a relay: it answers `hello` with the relay's `welcome`, forwards requests under ids of its own
 * and routes each answer back to the socket that asked; channel traffic goes to every socket
 * subscribed to the channel. Each tab keeps its own channel positions and outbox, so a socket
 * closed by the hub (the relay dropped, the leader left) resumes like any socket: `sub` with
 * `from`, unacked ops with the same `mid`s.
 */
import {
  CloseCode,
  DEFAULT_LIMITS,
  SUBPROTOCOL,
  type ClientFrame,
  type HelloFrame,
  type Limits,
  type RelayFrame,
  type WelcomeFrame,
} from '../../protocol/index.js';
import { PROBE_DEFAULTS } from '../probe-defaults.js';
import { decodeRelayFrames, overBytes } from '../wire-text.js';
import { BUS_LIMITS } from './bus-protocol.js';
import { helloIdentity } from './names.js';

export interface HubOutput {
  /** One text (a frame, or a batch of frames) for the sockets `to`, in order. */
  deliver(to: string[], text: string): void;
  /** The hub closed socket `sock`, as the relay would have closed it. */
  end(sock: string, code: number, reason: string): void;
}

/** Close codes the hub gives sockets for reasons of its own. */
export const HUB_CLOSE = {
  /** The leader tab is going: come back at once (to the next leader). */
  leaderGone: CloseCode.goingAway,
  /** Too many sockets on this leader, or another user: try again later. */
  refused: CloseCode.tryAgainLater,
  /** A frame over the relay's `maxFrameBytes`: the relay would close with 1009 too. */
  tooBig: CloseCode.tooBig,
} as const;

/** A real socket not welcomed within this time is given up (as a Connection gives up its own). */
export const HUB_CONNECT_TIMEOUT_MS = 10_000;

/** Marks the session the hub tells a tab; see #greet. */
const SESSION_MARK = '~';
const OPEN = 1;

interface Port {
  readonly id: string;
  hello: HelloFrame;
  welcomed: boolean;
  /** Channels this socket subscribed to. */
  readonly subs: Set<string>;
  /** Presence channels this socket entered. */
  readonly entered: Set<string>;
  /** Requests forwarded and not answered yet. */
  pending: number;
  /** When the hub last delivered to it. */
  lastSentAt: number;
}

interface Request {
  readonly port: Port;
  readonly id: number | string;
  readonly t: string;
}

type Socket = InstanceType<typeof globalThis.WebSocket>;

export class Hub {
  readonly #identity: string;
  readonly #output: HubOutput;
  readonly #WebSocket: typeof globalThis.WebSocket;
  readonly #ports = new Map<string, Port>();
  readonly #requests = new Map<number, Request>();
  #socket: Socket | null = null;
  #welcome: WelcomeFrame | null = null;
  #limits: Limits = DEFAULT_LIMITS;
  /** The relay's session: sent back in the next `hello` to keep presence across a drop. */
  #session: string | undefined;
  #clockOffsetMs = 0;
  #helloAt = 0;
  #lastReceivedAt = 0;
  #nextId = 1;
  #serial = 0;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  /** Armed by a tab's probe: the relay socket is dead if nothing arrives before it fires. */
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(identity: string, output: HubOutput, WebSocketClass = globalThis.WebSocket) {
    this.#identity = identity;
    this.#output = output;
    this.#WebSocket = WebSocketClass;
  }

  /** Sockets attached. */
  get size(): number {
    return this.#ports.size;
  }

  /** Attaches a tab's socket; `helloText` is the first frame it sent (its `hello`). */
  attach(sock: string, url: string, helloText: string): void {
    let hello: HelloFrame;
    try {
      hello = JSON.parse(helloText) as HelloFrame;
    } catch {
      return this.#output.end(sock, HUB_CLOSE.refused, 'bad hello');
    }
    if (helloIdentity(helloText) !== this.#identity) {
      return this.#output.end(sock, HUB_CLOSE.refused, 'another user');
    }
    if (this.#ports.has(sock) || this.#ports.size >= BUS_LIMITS.maxSockets) {
      return this.#output.end(sock, HUB_CLOSE.refused, 'too many tabs');
    }
    const port: Port = {
      id: sock,
      hello,
      welcomed: false,
      subs: new Set(),
      entered: new Set(),
      pending: 0,
      lastSentAt: 0,
    };
    this.#ports.set(sock, port);
    if (this.#welcome) this.#greet(port);
    else if (!this.#socket) this.#open(url, hello);
  }

  /** A frame (text) from a tab's socket. */
  receive(sock: string, text: string): void {
    const port = this.#ports.get(sock);
    if (!port?.welcomed) return; // a connection says nothing before its welcome
    if (overBytes(text, this.#limits.maxFrameBytes)) {
      this.detach(sock);
      return this.#output.end(sock, HUB_CLOSE.tooBig, 'frame too big');
    }
    let frame: ClientFrame;
    try {
      frame = JSON.parse(text) as ClientFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.t !== 'string') return;
    switch (frame.t) {
      case 'pong':
        return; // the hub answers the relay's pings itself
      case 'signal':
        return this.#send(text);
      case 'sub':
        if (typeof frame.ch === 'string') port.subs.add(frame.ch);
        return this.#forward(port, frame);
      case 'unsub':
        if (typeof frame.ch !== 'string') return;
        port.subs.delete(frame.ch);
        // Another tab still listens: the relay keeps sending, this tab just stops hearing.
        if (this.#anyOther(port, (other) => other.subs.has(frame.ch))) {
          return this.#to(port, { t: 'ok', id: frame.id });
        }
        return this.#forward(port, frame);
      case 'presence':
        if (typeof frame.ch !== 'string') return;
        if (frame.action !== 'leave') {
          // The tab thinks it is in, but nobody entered on this socket yet (its enter went to the
          // last one): an update would be refused, an enter keeps the member as it is.
          if (frame.action === 'update' && !this.#anyOther(null, (p) => p.entered.has(frame.ch))) {
            frame.action = 'enter';
          }
          port.entered.add(frame.ch);
        } else {
          port.entered.delete(frame.ch);
          // The user stays while another tab is in: only the last tab's leave reaches the relay.
          if (this.#anyOther(port, (other) => other.entered.has(frame.ch))) {
            return this.#to(port, { t: 'ok', id: frame.id, ch: frame.ch });
          }
        }
        return this.#forward(port, frame);
      case 'op':
      case 'auth':
      // A tab's probe goes to the relay, so its pong says the whole way is alive, not just the bus.
      case 'ping':
        this.#watchProbe();
        return this.#forward(port, frame);
      default:
        return this.#to(port, { t: 'err', code: 'bad_frame', message: 'unknown frame type' });
    }
  }

  /** A tab's socket is gone: what only it used is given back to the relay. */
  detach(sock: string): void {
    const port = this.#ports.get(sock);
    if (!port) return;
    this.#ports.delete(sock);
    for (const [id, request] of this.#requests)
      if (request.port === port) this.#requests.delete(id);
    if (this.#ports.size === 0) {
      // Nobody left: close the socket; the relay keeps our presence for its grace.
      this.#closeSocket();
      return;
    }
    for (const ch of port.subs) {
      if (!this.#anyOther(port, (other) => other.subs.has(ch))) {
        this.#send(JSON.stringify({ t: 'unsub', id: this.#nextId++, ch }));
      }
    }
    for (const ch of port.entered) {
      if (!this.#anyOther(port, (other) => other.entered.has(ch))) {
        this.#send(JSON.stringify({ t: 'presence', id: this.#nextId++, ch, action: 'leave' }));
      }
    }
  }

  /** The leader is going: every socket is closed with `code`, and the real one too. */
  close(code: number, reason: string): void {
    this.#closeSocket();
    this.#endAll(code, reason);
  }

  // ------------------------------------------------------------------ the real socket

  #open(url: string, hello: HelloFrame): void {
    const socket = new this.#WebSocket(url, SUBPROTOCOL);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.#socket) return;
      const session = this.#session ?? relaySession(hello.session);
      const first: HelloFrame = { ...hello };
      if (session) first.session = session;
      else delete first.session;
      this.#helloAt = Date.now();
      socket.send(JSON.stringify(first));
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (socket === this.#socket) this.#onMessage(event.data);
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      if (socket !== this.#socket) return;
      this.#reset();
      this.#endAll(event.code, event.reason);
    });
    socket.addEventListener('error', () => {});
    this.#connectTimer = setTimeout(() => {
      if (socket !== this.#socket || this.#welcome) return;
      this.#closeSocket();
      this.#endAll(CloseCode.tryAgainLater, 'no welcome in time');
    }, HUB_CONNECT_TIMEOUT_MS);
  }

  #closeSocket(): void {
    const socket = this.#socket;
    this.#reset();
    // A page may close with 1000 only (or 3000-4999); the relay treats it as a drop either way,
    // so our presence keeps its grace while the next leader resumes the session.
    socket?.close(CloseCode.normal);
  }

  #reset(): void {
    this.#socket = null;
    this.#welcome = null;
    this.#requests.clear();
    clearTimeout(this.#connectTimer);
    clearInterval(this.#watchdog);
    clearTimeout(this.#probeTimer);
    this.#watchdog = this.#probeTimer = undefined;
  }

  /** Closes every socket as the relay closed ours; their connections come back by themselves. */
  #endAll(code: number, reason: string): void {
    const ports = [...this.#ports.keys()];
    this.#ports.clear();
    for (const sock of ports) this.#output.end(sock, code, reason);
  }

  #send(text: string): void {
    const socket = this.#socket;
    if (socket && socket.readyState === OPEN) socket.send(text);
  }

  /** Forwards a request under an id of the hub's; its answer goes back to `port` alone. */
  #forward(port: Port, frame: ClientFrame & { id: number | string }): void {
    if (typeof frame.id !== 'number' && typeof frame.id !== 'string') {
      return this.#to(port, { t: 'err', code: 'invalid', message: 'id is required' });
    }
    if (port.pending >= BUS_LIMITS.maxPendingPerSocket) {
      // Not final: the connection sends it again after the pause.
      return this.#to(port, {
        t: 'err',
        id: frame.id,
        code: 'internal',
        message: 'too many requests waiting in the tab bus',
        retryAfterMs: 1000,
      });
    }
    const id = this.#nextId++;
    port.pending++;
    this.#requests.set(id, { port, id: frame.id, t: frame.t });
    this.#send(JSON.stringify({ ...frame, id }));
  }

  // ------------------------------------------------------------------ frames in

  #onMessage(raw: unknown): void {
    this.#lastReceivedAt = Date.now();
    const frames = decodeRelayFrames(raw);
    const out = new Map<Port, unknown[]>();
    const push = (port: Port, frame: unknown) => {
      if (!port.welcomed) return;
      const list = out.get(port);
      if (list) list.push(frame);
      else out.set(port, [frame]);
    };
    for (const frame of frames) {
      if (typeof frame !== 'object' || frame === null) continue;
      if (frame.t === 'welcome') {
        this.#onWelcome(frame);
        continue;
      }
      this.#route(frame, push);
    }
    this.#flush(out);
  }

  #route(frame: RelayFrame, push: (port: Port, frame: unknown) => void): void {
    switch (frame.t) {
      case 'ping':
        this.#send('{"t":"pong"}');
        for (const port of this.#ports.values()) push(port, frame);
        return;
      case 'ok':
      case 'ack':
      case 'pong':
      case 'err': {
        if (frame.id === undefined) {
          // An error about a channel, or about the socket.
          const ch = frame.t === 'err' ? frame.ch : undefined;
          for (const port of this.#ports.values())
            if (ch === undefined || port.subs.has(ch)) push(port, frame);
          return;
        }
        const request = typeof frame.id === 'number' ? this.#requests.get(frame.id) : undefined;
        if (!request) return; // the hub's own unsub or leave, or a socket gone since
        this.#requests.delete(frame.id as number);
        request.port.pending--;
        const user = (frame as { user?: WelcomeFrame['user'] }).user;
        if (request.t === 'auth' && frame.t === 'ok' && user && this.#welcome) {
          this.#welcome = { ...this.#welcome, user };
        }
        push(request.port, { ...frame, id: request.id });
        return;
      }
      default: {
        // ev, signal, presence, me: to every socket on the channel. A socket that already has an
        // `ev` drops it by its seq (PROTOCOL.md guarantee 6), so a replay asked by one tab is
        // harmless to the others.
        const ch = (frame as { ch?: unknown }).ch;
        for (const port of this.#ports.values())
          if (typeof ch !== 'string' || port.subs.has(ch)) push(port, frame);
      }
    }
  }

  /**
   * Sends each socket its frames, one text per socket; sockets that get the same frames share
   * one delivery (one bus message for every follower). A socket that got nothing for half a
   * heartbeat gets a `ping`, so its connection's watchdog sees the relay alive while the
   * traffic is for other tabs' channels.
   */
  #flush(out: Map<Port, unknown[]>): void {
    const now = Date.now();
    const quietMs = this.#limits.heartbeatMs / 2;
    for (const port of this.#ports.values()) {
      if (port.welcomed && !out.has(port) && now - port.lastSentAt > quietMs) {
        out.set(port, [{ t: 'ping' }]);
      }
    }
    const groups = new Map<string, string[]>();
    for (const [port, frames] of out) {
      port.lastSentAt = now;
      const text = JSON.stringify(frames.length === 1 ? frames[0] : frames);
      const group = groups.get(text);
      if (group) group.push(port.id);
      else groups.set(text, [port.id]);
    }
    for (const [text, to] of groups) this.#output.deliver(to, text);
  }

  #onWelcome(welcome: WelcomeFrame): void {
    const now = Date.now();
    this.#welcome = welcome;
    this.#session = welcome.session;
    this.#limits = { ...DEFAULT_LIMITS, ...welcome.limits, heartbeatMs: welcome.heartbeatMs };
    this.#clockOffsetMs = welcome.serverTime + (now - this.#helloAt) / 2 - now;
    this.#startWatchdog();
    for (const port of this.#ports.values()) if (!port.welcomed) this.#greet(port);
  }

  /**
   * Welcomes a tab's socket with the relay's welcome. Its session is the relay's with a mark
   * that is new on every welcome, so the tab's connection always enters its presence channels
   * again: the hub learns where each tab is, and the relay sees a member it already has (no
   * leave, no join).
   */
  #greet(port: Port): void {
    const welcome = this.#welcome;
    if (!welcome) return;
    port.welcomed = true;
    port.lastSentAt = Date.now();
    const frame: WelcomeFrame = {
      ...welcome,
      session: `${welcome.session}${SESSION_MARK}${++this.#serial}`,
      serverTime: Date.now() + this.#clockOffsetMs,
    };
    this.#output.deliver([port.id], JSON.stringify(frame));
  }

  /** An answer made by the hub itself, for one socket. */
  #to(port: Port, frame: Record<string, unknown>): void {
    port.lastSentAt = Date.now();
    this.#output.deliver([port.id], JSON.stringify(frame));
  }

  #anyOther(port: Port | null, test: (other: Port) => boolean): boolean {
    for (const other of this.#ports.values()) if (other !== port && test(other)) return true;
    return false;
  }

  /**
   * A tab probed (PROBE_DEFAULTS): if the relay socket stays silent as long as the tab waits for
   * its answer, the socket is dead for every tab, so it is dropped here at once; otherwise the
   * tab would come back to a hub still holding the dead socket.
   */
  #watchProbe(): void {
    if (this.#probeTimer !== undefined) return;
    const sentAt = Date.now();
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = undefined;
      if (this.#lastReceivedAt >= sentAt || !this.#socket) return;
      this.#closeSocket();
      this.#endAll(CloseCode.tryAgainLater, 'probe unanswered');
    }, PROBE_DEFAULTS.timeoutMs);
  }

  /** A relay that went silent for two heartbeats is gone: every tab moves on, as one would alone. */
  #startWatchdog(): void {
    clearInterval(this.#watchdog);
    const heartbeatMs = this.#limits.heartbeatMs;
    this.#lastReceivedAt = Date.now();
    this.#watchdog = setInterval(
      () => {
        if (Date.now() - this.#lastReceivedAt <= 2 * heartbeatMs) return;
        this.#closeSocket();
        this.#endAll(CloseCode.tryAgainLater, 'heartbeat lost');
      },
      Math.max(50, heartbeatMs / 4),
    );
  }
}

/** The relay's own session from one the hub gave a tab (see #greet). */
export function relaySession(session: string | undefined): string | undefined {
  if (!session) return undefined;
  const mark = session.lastIndexOf(SESSION_MARK);
  return mark < 0 ? session : session.slice(0, mark);
}
