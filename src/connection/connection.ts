/**
 * One WebSocket to a relay of the list, multiplexing every channel of every widget on the page:
 * hello/welcome, resume with `from`, gap detection, the outbox, heartbeat, backoff, moves between
 * relays, token refresh.
 */
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import {
  CloseCode,
  DEFAULT_LIMITS,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  type AckFrame,
  type ClientFrame,
  type ErrFrame,
  type HelloFrame,
  type Limits,
  type OkFrame,
  type PresenceAction,
  type RelayFrame,
  type User,
  type WelcomeFrame,
} from '../protocol/index.js';
import { loadAnonKey } from './anon-key.js';
import { Backoff } from './backoff.js';
import { ChannelState } from './channel.js';
import { OpError, isFinalError, localError } from './errors.js';
import { createMid } from './ids.js';
import { isOffline, watchNetwork } from './network.js';
import { Outbox, opFrame, type OutboxEntry } from './outbox.js';
import { PresenceBook, type PresenceRequest } from './presence.js';
import { PROBE_DEFAULTS } from './probe-defaults.js';
import type { DurableOutbox, StoredOp } from './durable-outbox.js';
import type { Prober } from './probe.js';
import type { TokenRefresher } from './refresh.js';
import { RelayRound, relayUrls } from './relays.js';
import { tokenSubject } from './token.js';
import { decodeRelayFrames, overBytes } from './wire-text.js';
import type { ChannelListener, ConnectionOptions, ConnectionStatus, PendingOp } from './types.js';
import { UnloadGuard } from './unload-guard.js';

/** Defaults of every timing the connection uses. */
export const CONNECTION_DEFAULTS = {
  minBackoffMs: 500,
  maxBackoffMs: 15_000,
  connectTimeoutMs: 10_000,
  /** A socket that stayed welcomed this long resets the backoff when it drops. */
  stableAfterMs: 5_000,
  /** The socket counts as dead after this many heartbeats without a frame (PROTOCOL.md: 2). */
  deadAfterHeartbeats: 2,
  /**
   * A move to the next relay of the list goes "at once": after a random pause up to this long,
   * so that the thousands of clients one relay drops do not reach the next in the same instant.
   */
  moveJitterMs: 50,
  /**
   * A relay going away (close 1001 or 1012 of a welcomed socket) is left at once, after a random
   * pause up to this long, without growing the backoff: it is back (or another relay serves us)
   * within a moment, and its thousands of clients should not return in one instant.
   */
  restartJitterMs: 500,
  client: 'hubbub-js/1',
} as const;

const OPEN = 1;

/**
 * A close code of a relay going away (shutting down, restarting): the connection comes back at
 * once, to the next relay of its list if there is one, without backoff.
 */
function isRestart(code: number): boolean {
  return code === CloseCode.goingAway || code === CloseCode.restart;
}

type Answer = OkFrame | AckFrame | ErrFrame;
type AnswerHandler = (answer: Answer) => void;

type Socket = InstanceType<typeof globalThis.WebSocket>;

/** The parts no widget waits for (./deferred.ts), loaded in a chunk of their own. */
type Deferred = typeof import('./deferred.js');

/**
 * The page's connection to a relay. Widgets share it through `getConnection()`.
 * The socket opens lazily on the first `channel()`, `op()` or `presence()`.
 *
 * With several relay URLs (one service: PROTOCOL.md, "Many relays") it starts on a random one and
 * moves to the next on a failed connect, a close 1001, 1012 or 1013, or a dead heartbeat: at
 * once until every relay of the list has been tried, then with the backoff (see RelayRound).
 */
export class Connection {
  /**
   * The relay list as one string: its URLs (`ws(s)://HOST:PORT/live`) sorted, each once,
   * separated by one space. With one relay, its URL.
   */
  readonly url: string;
  /** The relay URLs, sorted, each once. */
  readonly urls: readonly string[];
  /** The relay URL the socket is on, or the one it tries next. */
  readonly $relay: ReadableAtom<string>;
  /** Where the socket is in its life; see ConnectionStatus. */
  readonly $status: ReadableAtom<ConnectionStatus>;
  /** Who the relay says we are (from `welcome`); null before the first welcome. */
  readonly $user: ReadableAtom<User | null>;
  /** The last connection-level error (`unauthorized`, a ban), cleared by the next welcome. */
  readonly $error: ReadableAtom<ErrFrame | null>;
  /**
   * Ops an earlier page of this relay list and user left unanswered (a reload while offline),
   * loaded from durable storage and sent again with their `mid`s; each leaves the list once the
   * relay answers it. Stores show theirs as pending (the chat its sends).
   */
  readonly $restored: ReadableAtom<readonly PendingOp[]>;

  readonly #status = atom<ConnectionStatus>('idle');
  readonly #user = atom<User | null>(null);
  readonly #error = atom<ErrFrame | null>(null);
  readonly #relay: WritableAtom<string>;
  readonly #relays: RelayRound;
  readonly #options: ConnectionOptions;
  readonly #backoff: Backoff;
  readonly #channels = new Map<string, ChannelState>();
  readonly #outbox = new Outbox();
  /**
   * The parts no widget waits for (./deferred.ts): loading from construction on, null if their
   * chunk could not load (a deploy replaced it, the network went).
   */
  readonly #deferred: Promise<Deferred | null>;
  /**
   * The stored outbox, from the deferred chunk. Without it (the chunk could not load), every
   * pending op is at risk, as with no IndexedDB: the page warns before unloading (#storeFailed).
   */
  readonly #durable: Promise<DurableOutbox | null>;
  readonly #unloadGuard = new UnloadGuard();
  readonly #restored = atom<readonly PendingOp[]>([]);
  /** The owner whose stored ops this page loaded (see #restoreOutbox). */
  #restoredFor: string | undefined;
  #restoring: Promise<void> = Promise.resolve();
  readonly #answers = new Map<number | string, AnswerHandler>();
  readonly #presence = new PresenceBook();
  /**
   * Asks the page for fresh tokens; only a connection given `refreshToken` has one. Its code is in
   * the deferred chunk: if that cannot load, a token that expires is refused as without
   * `refreshToken`.
   */
  readonly #refresher: Promise<TokenRefresher | null>;

  #token: string | undefined;
  #socket: Socket | null = null;
  #welcomed = false;
  #disposed = false;
  #session: string | undefined;
  #limits: Limits = DEFAULT_LIMITS;
  #clockOffsetMs = 0;
  #nextId = 1;
  #helloAt = 0;
  #welcomedAt = 0;
  #lastReceivedAt = 0;
  /** The last `err` without id on the current socket: explains the close that follows. */
  #socketError: ErrFrame | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  /** The client's own heartbeat, on a relay that answers probes (see Prober). */
  #prober: Prober | null = null;
  /** The network or the page changed before the prober was loaded: probe once it is. */
  #probeWanted = false;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #unwatchNetwork: (() => void) | null = null;
  #unwatchPage: (() => void) | null = null;
  /** The socket was opened once: page events matter (attached when the deferred chunk is here). */
  #watchingPage = false;
  /** Sub ids sent by the last welcome and not yet answered: the resume is done when empty. */
  #resumeSubs = new Set<number>();
  /** Come-backs after 1001/1012 since the last stable socket; see #comeBack. */
  #comeBacks = 0;
  /**
   * Our presence channels were left while the membership is kept (the page went, the user
   * changed) or the name changed: enter them again with the next welcome, resumed or not, or
   * when the page comes back.
   */
  #enterAgainDue = false;
  /** The relay refused our token and the page gave no new one: wait for setToken(). */
  #authRefused = false;

  constructor(options: ConnectionOptions) {
    this.#relays = new RelayRound(relayUrls(options.url));
    this.urls = this.#relays.urls;
    this.url = this.urls.join(' ');
    this.#relay = atom(this.#relays.current);
    this.$relay = this.#relay;
    this.#options = options;
    // No token, an empty one or a removed attribute's `null`: anonymous.
    this.#token = options.token || undefined;
    this.#backoff = new Backoff({
      minMs: options.minBackoffMs ?? CONNECTION_DEFAULTS.minBackoffMs,
      maxMs: options.maxBackoffMs ?? CONNECTION_DEFAULTS.maxBackoffMs,
    });
    this.#deferred = import('./deferred.js').catch(nothing);
    const source = options.refreshToken;
    this.#refresher = this.#deferred.then((deferred) =>
      deferred && source ? new deferred.TokenRefresher(source) : null,
    );
    this.$status = this.#status;
    this.$user = this.#user;
    this.$error = this.#error;
    this.$restored = this.#restored;
    this.#durable = this.#deferred.then(
      (deferred) =>
        deferred &&
        new deferred.DurableOutbox(this.url, {
          indexedDB: options.indexedDB,
          atRisk: (atRisk) => this.#unloadGuard.set(atRisk),
        }),
    );
  }

  /** Settings from `welcome.limits`; DEFAULT_LIMITS before the first welcome. */
  get limits(): Limits {
    return this.#limits;
  }

  /** The relay's session id from the last welcome, sent back in `hello` to resume presence. */
  get session(): string | undefined {
    return this.#session;
  }

  /** True after `close()`: this connection never opens again. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Relay time now (ms): `Date.now()` corrected by the offset estimated at the last welcome. */
  serverNow(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  /**
   * Listens to a channel. The first listener sends `sub`; later ones share it (see ChannelState
   * for how they catch up). Returns the release function; the last release sends `unsub`.
   */
  channel<Events = Record<string, unknown>, Me = unknown>(
    ch: string,
    typed: ChannelListener<Events, Me>,
  ): () => void {
    // The relay holds the contract: what arrives on `ch` is of its feature's types.
    const listener = typed as ChannelListener;
    if (this.#disposed) return () => {};
    let state = this.#channels.get(ch);
    if (!state) {
      state = new ChannelState(ch);
      this.#channels.set(ch, state);
      state.listeners.add(listener);
      if (this.#welcomed) this.#subscribe(state);
      else this.#ensureSocket();
    } else if (!state.listeners.has(listener)) {
      state.listeners.add(listener);
      // A sub without position in flight will reset every listener, this one included.
      const firstJoinPending = state.subId !== null && state.position === null;
      if (state.refused) state.tellRefused(listener);
      else if (!firstJoinPending && !state.catchUp(listener)) {
        // No cache to catch up from: join afresh, so that every listener gets a reset.
        state.position = null;
        if (this.#welcomed) this.#subscribe(state);
      }
    }
    const joined = state;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      joined.listeners.delete(listener);
      if (joined.listeners.size > 0 || this.#channels.get(ch) !== joined) return;
      this.#channels.delete(ch);
      if (this.#welcomed) this.#send({ t: 'unsub', id: this.#nextId++, ch });
    };
  }

  /**
   * Sends an op. It goes to the outbox with a `mid` (given, or made now) and is re-sent with that
   * `mid` after every reconnect until the relay answers. Resolves with the `ack`; rejects with
   * OpError on an `err` whose code is final. Passing the `mid` of an op still in the outbox
   * returns that op's promise.
   */
  op(ch: string, type: string, data: unknown, options: { mid?: string } = {}): Promise<AckFrame> {
    const mid = options.mid ?? createMid();
    const existing = this.#outbox.get(mid);
    if (existing) return existing.promise;
    if (this.#disposed)
      return Promise.reject(new OpError(localError('closed', 'connection closed')));
    const owner = this.#owner();
    const entry = this.#outbox.add(mid, ch, type, data, { owner });
    if (this.#tooLarge(opFrame(entry, this.#nextId))) {
      entry.reject(new OpError(localError('too_large', 'op is larger than maxFrameBytes')));
      return entry.promise;
    }
    this.#store(owner, { mid, ch, type, data, createdAt: entry.createdAt });
    if (this.#welcomed) this.#sendOp(entry);
    else this.#ensureSocket();
    return entry.promise;
  }

  /**
   * Resolves once the ops an earlier page left are loaded (see `$restored`) and every op made so
   * far is in durable storage (or found not to fit, or storage unavailable: then the page warns
   * before unloading while one is pending).
   */
  async stored(): Promise<void> {
    await this.#restoring;
    await (await this.#durable)?.flushed();
  }

  /** Sends an ephemeral signal (e.g. `typing`); dropped silently when not open. */
  signal(ch: string, type: string, data?: unknown): void {
    if (!this.#welcomed) return;
    const frame: ClientFrame =
      data === undefined ? { t: 'signal', ch, type } : { t: 'signal', ch, type, data };
    if (!this.#tooLarge(frame)) this.#send(frame);
  }

  /**
   * Enters, updates or leaves presence on `ROOM/presence`. Sent once open; re-sent after a
   * reconnect if unanswered. After a reconnect that got a new session, the connection enters
   * again with the latest data by itself.
   */
  presence(ch: string, action: PresenceAction, data?: Record<string, unknown>): Promise<OkFrame> {
    if (this.#disposed)
      return Promise.reject(new OpError(localError('closed', 'connection closed')));
    const request = this.#presence.request(ch, action, data);
    if (this.#welcomed) this.#sendPresence(request);
    else this.#ensureSocket();
    return request.promise;
  }

  /**
   * Replaces the token. A token for the same user is sent as `auth` on the open socket; another
   * user (or anonymous, with `undefined`, `null` or `''`) needs a new socket, since the relay
   * keeps one identity per socket. After a refused token, a new one makes the connection try
   * again.
   */
  setToken(given: string | undefined): void {
    const token = given || undefined; // a removed `token` attribute's `null`: signed out
    if (token === this.#token || this.#disposed) return;
    this.#token = token;
    this.#scheduleRefresh();
    if (this.#restoredFor !== undefined) this.#restoreOutbox();
    const sameUser = token !== undefined && tokenSubject(token) === this.#user.get()?.id;
    if (this.#welcomed && sameUser) {
      const id = this.#nextId++;
      // Channels refused so far may be granted now. Those this token drops are told before its ok.
      const refused = [...this.#channels.values()].filter((state) => state.refused);
      this.#answers.set(id, (answer) => {
        if (answer.t === 'ok') {
          // The refreshed token may carry a new role or name.
          const user = (answer as { user?: User }).user;
          if (user) this.#user.set(user);
          for (const state of refused) {
            const current = this.#channels.get(state.ch) === state;
            if (current && state.refused && state.subId === null) this.#subscribe(state);
          }
          return;
        }
        if (answer.t !== 'err') return;
        this.#error.set(answer);
        if (answer.code === 'forbidden') this.#restartSocket(); // the relay judged it another user
      });
      this.#send({ t: 'auth', id, token });
    } else if (this.#socket) {
      // Open as someone else, or hello already on its way with the old identity. The old one
      // leaves presence now: a change of user is no drop, and the grace would count us twice.
      this.#leavePresence(); // and enters again as the new one with the next welcome
      this.#restartSocket();
    } else if (this.#authRefused) {
      this.#authRefused = false;
      this.#ensureSocket();
    }
  }

  /**
   * Renames the anonymous viewer (`anon-name` changed): the relay names a user at `hello` only,
   * so the connection opens a new socket under `name` (in the options it was made with), which
   * resumes the session and enters its presence channels again: others see the member's name
   * change (an `update`, no leave or join), and later messages carry it. The relay judges the
   * name as at any `hello`. Signed in, the token names the user: the socket is left alone, and
   * `name` waits for the next anonymous `hello` (after a sign-out).
   */
  setAnonName(name: string | undefined): void {
    this.#options.anonName = name;
    if (this.#token) return;
    // Enter again with the next welcome (a resumed session would not), under the new name.
    this.#enterAgainDue = true;
    this.#restartSocket();
  }

  /** Closes the socket for good: status `closed`, no reconnect, pending ops reject. */
  close(): void {
    if (this.#disposed) return;
    const socket = this.#socket;
    this.#detach();
    socket?.close(CloseCode.normal);
    this.#shutDown(localError('closed', 'connection closed'));
  }

  // ------------------------------------------------------------------ socket life

  #ensureSocket(): void {
    if (this.#socket || this.#disposed || this.#authRefused || this.#retryTimer !== undefined)
      return;
    if (this.#status.get() === 'offline') return;
    this.#open();
  }

  #open(): void {
    this.#retryTimer = undefined;
    if (this.#socket || this.#disposed) return;
    const WebSocketClass = this.#options.WebSocket ?? globalThis.WebSocket;
    if (!WebSocketClass) throw new Error('hubbub: no WebSocket available; pass options.WebSocket');
    this.#unwatchNetwork ??= watchNetwork({ online: this.#onOnline, offline: this.#onOffline });
    this.#watchPage();
    this.#restoreOutbox();
    const previous = this.#status.get();
    if (previous === 'idle' || previous === 'closed') this.#status.set('connecting');
    this.#socketError = null;
    const socket = new WebSocketClass(this.#relays.current, SUBPROTOCOL);
    this.#socket = socket;
    // Handlers stay attached for the socket's life; each ignores a socket that is no longer ours.
    socket.addEventListener('open', () => {
      if (socket === this.#socket) this.#sendHello();
    });
    socket.addEventListener('message', (event: MessageEvent) => this.#receive(socket, event.data));
    socket.addEventListener('close', (event: CloseEvent) =>
      this.#onClose(socket, event.code, event.reason),
    );
    // A close event always follows an error; and Node's `ws` throws on an unheard 'error'.
    socket.addEventListener('error', ignore);
    this.#connectTimer = setTimeout(
      () => this.#abandon(socket),
      this.#options.connectTimeoutMs ?? CONNECTION_DEFAULTS.connectTimeoutMs,
    );
  }

  #sendHello(): void {
    const hello: HelloFrame = {
      t: 'hello',
      v: PROTOCOL_VERSION,
      client: this.#options.client ?? CONNECTION_DEFAULTS.client,
    };
    if (this.#token) hello.token = this.#token;
    else hello.anon = { key: loadAnonKey(this.#options.storage), name: this.#options.anonName };
    if (this.#session) hello.session = this.#session;
    this.#helloAt = Date.now();
    this.#send(hello);
  }

  #onWelcome(welcome: WelcomeFrame): void {
    const now = Date.now();
    clearTimeout(this.#connectTimer);
    const resumed = this.#session !== undefined && welcome.session === this.#session;
    this.#session = welcome.session;
    this.#welcomed = true;
    this.#welcomedAt = now;
    this.#relays.welcomed();
    this.#limits = { ...DEFAULT_LIMITS, ...welcome.limits, heartbeatMs: welcome.heartbeatMs };
    // The relay stamped serverTime about half a round trip before we got it.
    this.#clockOffsetMs = welcome.serverTime + (now - this.#helloAt) / 2 - now;
    this.#user.set(welcome.user);
    this.#error.set(null);
    this.#startWatchdog();
    if (welcome.probe === true) this.#startProbe();
    this.#scheduleRefresh();
    this.#status.set('open');

    this.#resumeSubs = new Set();
    for (const state of this.#channels.values()) this.#resumeSubs.add(this.#subscribe(state));
    if (this.#resumeSubs.size === 0) this.#resumeDone();
    if (!resumed || this.#enterAgainDue) this.#enterAgain();
    for (const request of this.#presence.waiting()) this.#sendPresence(request);
    for (const entry of this.#outbox.values()) this.#sendOp(entry);
  }

  /** The relay welcomed us and answered every re-sub: it works, so the backoff starts over. */
  #resumeDone(): void {
    this.#backoff.reset();
  }

  /** Enters again every presence channel we are in (a new session, or back from `pagehide`). */
  #enterAgain(): void {
    this.#enterAgainDue = false;
    for (const [ch, data] of this.#presence.reentries()) {
      this.#send({ t: 'presence', id: this.#nextId++, ch, action: 'enter', data });
    }
  }

  #onClose(socket: Socket, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    const welcomed = this.#welcomed;
    const socketError = this.#socketError;
    this.#noteStability();
    this.#detach();
    if (this.#disposed) return;

    if (code === CloseCode.policy) {
      const error = socketError ?? localError('forbidden', reason || 'closed by relay policy');
      this.#error.set(error);
      this.#shutDown(error);
      return;
    }
    if (code === CloseCode.unauthorized) {
      const rejected = this.#token;
      this.#error.set(socketError ?? localError('unauthorized', reason || 'unauthorized'));
      this.#status.set('reconnecting');
      void this.#refresh().then(() => {
        if (this.#disposed || this.#socket) return;
        if (this.#token !== rejected) this.#scheduleReconnect(0);
        else {
          this.#authRefused = true;
          this.#status.set('closed');
        }
      });
      return;
    }
    if (code === CloseCode.rateLimited) this.#scheduleReconnect(this.#backoff.penalty());
    else if (welcomed && isRestart(code) && this.#mayComeBack()) this.#comeBack();
    // A close before welcome is a failed connect: this relay is down, full or refusing.
    else if (!welcomed || code === CloseCode.tryAgainLater) this.#moveOn();
    else this.#scheduleReconnect(this.#backoff.next());
  }

  /**
   * Before dropping a socket: one that stayed welcomed long enough resets the backoff and lets
   * the next moves between relays go at once again.
   */
  #noteStability(): void {
    if (!this.#welcomed || Date.now() - this.#welcomedAt < CONNECTION_DEFAULTS.stableAfterMs)
      return;
    this.#backoff.reset();
    this.#relays.stable();
    this.#comeBacks = 0;
  }

  /**
   * Leaves the current relay for the next of the list: at once while this round has relays not
   * yet tried, else after the backoff. With one relay, always after the backoff.
   */
  #moveOn(): void {
    const move = this.#relays.next();
    this.#relay.set(this.#relays.current);
    this.#scheduleReconnect(
      move === 'now'
        ? Math.round(Math.random() * CONNECTION_DEFAULTS.moveJitterMs)
        : this.#backoff.next(),
    );
  }

  /**
   * A relay that welcomes and then says "going away" again and again is not restarting, it is
   * broken: as for moves between relays, at most (number of URLs − 1, at least 1) come-backs in a
   * row go at once until a socket stays welcomed for `stableAfterMs`; then the backoff applies.
   */
  #mayComeBack(): boolean {
    return this.#comeBacks < Math.max(1, this.urls.length - 1);
  }

  /**
   * The relay is going away (1001, 1012): reconnect after a short jitter, to the next relay of the
   * list if there are several, and leave the backoff as it is. If the relay is not back yet, that
   * attempt fails like any connect and backs off from there.
   */
  #comeBack(): void {
    this.#comeBacks++;
    if (this.urls.length > 1) {
      this.#relays.next();
      this.#relay.set(this.#relays.current);
    }
    this.#scheduleReconnect(Math.round(Math.random() * CONNECTION_DEFAULTS.restartJitterMs));
  }

  /** The end: no socket ever again; every waiting request fails with `error`. */
  #shutDown(error: ErrFrame): void {
    this.#disposed = true;
    this.#stopTimers();
    this.#unwatchNetwork?.();
    this.#unwatchNetwork = null;
    this.#unwatchPage?.();
    this.#unwatchPage = null;
    // Closed by the page (or banned): its pending ops end here, stored copies too.
    for (const entry of this.#outbox.values()) this.#forget(entry);
    this.#outbox.rejectAll(new OpError(error));
    this.#presence.clear(error);
    this.#channels.clear();
    this.#status.set('closed');
  }

  #scheduleReconnect(delayMs: number): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (isOffline()) {
      this.#status.set('offline');
      return;
    }
    this.#status.set('reconnecting');
    this.#retryTimer = setTimeout(() => this.#open(), delayMs);
  }

  /**
   * Gives up on a socket that went silent (a dead heartbeat) or was never welcomed in time: no
   * close handshake, and the next relay of the list.
   */
  #abandon(socket: Socket): void {
    if (socket !== this.#socket) return;
    this.#noteStability();
    this.#detach();
    const maybeNode = socket as Socket & { terminate?: () => void };
    if (typeof maybeNode.terminate === 'function') maybeNode.terminate();
    else socket.close();
    if (!this.#disposed) this.#moveOn();
  }

  /** Drops the current socket and opens a new one at once (e.g. to change identity). */
  #restartSocket(): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#detach();
    socket.close(CloseCode.normal);
    if (this.#status.get() === 'open') this.#status.set('reconnecting');
    this.#open();
  }

  #detach(): void {
    this.#socket = null;
    this.#welcomed = false;
    this.#answers.clear();
    this.#outbox.unsent();
    for (const state of this.#channels.values()) state.subId = null;
    clearTimeout(this.#connectTimer);
    clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    this.#prober?.stop();
    this.#prober = null;
  }

  #stopTimers(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#connectTimer);
    clearInterval(this.#watchdog);
    void this.#refresher.then((refresher) => refresher?.stop());
    this.#retryTimer = this.#watchdog = undefined;
  }

  #startWatchdog(): void {
    clearInterval(this.#watchdog);
    const heartbeatMs = this.#limits.heartbeatMs;
    const deadAfterMs = heartbeatMs * CONNECTION_DEFAULTS.deadAfterHeartbeats;
    this.#lastReceivedAt = Date.now();
    const socket = this.#socket;
    // Checking a timestamp on an interval keeps the per-frame cost to one Date.now().
    this.#watchdog = setInterval(
      () => {
        if (Date.now() - this.#lastReceivedAt > deadAfterMs && socket) this.#abandon(socket);
      },
      Math.max(50, heartbeatMs / 4),
    );
  }

  /**
   * Probes now: the network or the page changed. Before the prober's code (the deferred chunk)
   * has arrived, the probe is sent as soon as it has.
   */
  #probeNow(): void {
    if (this.#prober) this.#prober.probe();
    else this.#probeWanted = true;
  }

  /**
   * Probes the welcomed socket; it is abandoned (the next relay of a list) if it stays silent.
   * The prober's code is in the deferred chunk: no widget waits for it to render, and if it cannot
   * load, the relay's heartbeat still finds a dead socket (later).
   */
  #startProbe(): void {
    const socket = this.#socket;
    if (!socket) return;
    void this.#deferred.then((deferred) => {
      if (!deferred || socket !== this.#socket || !this.#welcomed || this.#prober) return;
      this.#prober = new deferred.Prober({
        // The default named here too puts the probe's defaults in the eager chunk: shared by the
        // deferred chunk and the tab bus's, they were otherwise a chunk of 86 bytes of their own
        // (one more request, and a preload list in an app's code).
        idleMs: this.#options.probeIdleMs ?? PROBE_DEFAULTS.idleMs,
        timeoutMs: this.#options.probeTimeoutMs,
        send: (frame) => {
          if (socket === this.#socket) this.#send(frame);
        },
        dead: () => this.#abandon(socket),
      });
      if (this.#probeWanted) this.#prober.probe();
      this.#probeWanted = false;
    });
  }

  // ------------------------------------------------------------------ frames in

  #receive(socket: Socket, raw: unknown): void {
    if (socket !== this.#socket) return;
    const now = (this.#lastReceivedAt = Date.now());
    this.#prober?.received(now);
    // The browser said offline, yet the socket still speaks: it is open.
    if (this.#welcomed && this.#status.get() === 'offline') this.#status.set('open');
    for (const frame of decodeRelayFrames(raw)) {
      if (socket !== this.#socket) return; // a frame of the batch dropped the socket
      this.#handle(frame);
    }
  }

  #handle(frame: RelayFrame): void {
    switch (frame?.t) {
      case 'ev': {
        const state = this.#channels.get(frame.ch);
        if (state && state.onEv(frame) === 'gap' && state.subId === null) this.#subscribe(state);
        return;
      }
      case 'ping':
        this.#send({ t: 'pong' });
        return;
      case 'pong':
        return; // the answer to our probe: receiving it was the point
      case 'ok':
      case 'ack':
        this.#answer(frame.id, frame);
        return;
      case 'err':
        if (frame.id !== undefined) this.#answer(frame.id, frame);
        else if (frame.ch !== undefined) {
          // The relay dropped this channel (a token without its room, a room now closed to us).
          // It stays refused until a sub is answered ok: after a new token, or on a new socket.
          const state = this.#channels.get(frame.ch);
          if (state) {
            state.subId = null;
            state.refuse(new OpError(frame));
          }
        } else {
          this.#socketError = frame;
          this.#error.set(frame);
        }
        return;
      case 'signal':
        this.#channels.get(frame.ch)?.onSignal(frame);
        return;
      case 'presence':
        this.#channels.get(frame.ch)?.onPresence(frame);
        return;
      case 'me':
        this.#channels.get(frame.ch)?.onMe(frame.data);
        return;
      case 'welcome':
        this.#onWelcome(frame);
        return;
    }
  }

  #answer(id: number | string, frame: Answer): void {
    const handler = this.#answers.get(id);
    if (!handler) return;
    this.#answers.delete(id);
    handler(frame);
  }

  // ------------------------------------------------------------------ frames out

  #send(frame: ClientFrame): void {
    const socket = this.#socket;
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(frame));
  }

  #tooLarge(frame: ClientFrame): boolean {
    return overBytes(JSON.stringify(frame), this.#limits.maxFrameBytes);
  }

  /** Sends `sub` (with `from` when we have a position); returns its request id. */
  #subscribe(state: ChannelState): number {
    const id = this.#nextId++;
    state.subId = id;
    this.#answers.set(id, (answer) => {
      const final = answer.t !== 'err' || isFinalError(answer.code);
      if (final && this.#resumeSubs.delete(id) && this.#resumeSubs.size === 0) this.#resumeDone();
      if (this.#channels.get(state.ch) !== state || state.subId !== id) return;
      state.subId = null;
      if (answer.t === 'ok') {
        if (!state.onOk(answer)) this.#subscribe(state);
      } else if (answer.t === 'err' && isFinalError(answer.code)) {
        state.refuse(new OpError(answer));
      } else if (answer.t === 'err') {
        // `internal`: the relay's store is briefly away; the channel stays loading meanwhile.
        this.#retryLater(answer.retryAfterMs, () => {
          const ours = this.#channels.get(state.ch) === state;
          if (ours && state.subId === null) this.#subscribe(state);
        });
      }
    });
    this.#send(
      state.position
        ? { t: 'sub', id, ch: state.ch, from: state.position }
        : { t: 'sub', id, ch: state.ch },
    );
    return id;
  }

  #sendOp(entry: OutboxEntry): void {
    const id = this.#nextId++;
    entry.requestId = id;
    this.#answers.set(id, (answer) => {
      if (answer.t === 'ack') {
        this.#forget(entry);
        entry.resolve(answer);
      } else if (answer.t === 'err') {
        if (isFinalError(answer.code)) {
          this.#forget(entry);
          entry.reject(new OpError(answer));
        } else this.#retryOp(entry, answer.retryAfterMs);
      }
    });
    this.#send(opFrame(entry, id));
  }

  /** A non-final `err` (e.g. `internal`): the op stays and is sent again after a pause. */
  #retryOp(entry: OutboxEntry, retryAfterMs: number | undefined): void {
    entry.requestId = null;
    this.#retryLater(retryAfterMs, () => {
      if (entry.requestId === null && this.#outbox.get(entry.mid) === entry) this.#sendOp(entry);
    });
  }

  /**
   * After a non-final `err` (`internal`: the relay's store is briefly away), runs `retry` once
   * `retryAfterMs` has passed, if the socket that answered is still ours: after a reconnect, the
   * welcome has sent every request again already.
   */
  #retryLater(retryAfterMs: number | undefined, retry: () => void): void {
    const socket = this.#socket;
    const delayMs = retryAfterMs ?? this.#options.minBackoffMs ?? CONNECTION_DEFAULTS.minBackoffMs;
    setTimeout(() => {
      if (socket === this.#socket && this.#welcomed) retry();
    }, delayMs);
  }

  #sendPresence(request: PresenceRequest): void {
    const id = this.#nextId++;
    this.#answers.set(id, (answer) => {
      if (answer.t === 'ack') return;
      if (answer.t === 'err' && !isFinalError(answer.code)) {
        this.#retryLater(answer.retryAfterMs, () => {
          if (this.#presence.isWaiting(request)) this.#sendPresence(request);
        });
      } else this.#presence.answered(request, answer);
    });
    const { ch, action, data } = request;
    this.#send(
      data === undefined
        ? { t: 'presence', id, ch, action }
        : { t: 'presence', id, ch, action, data },
    );
  }

  // ------------------------------------------------------------------ durable outbox

  /** Who ops made now belong to: the token's subject, or the anonymous key. */
  #owner(): string {
    const token = this.#token;
    return token === undefined
      ? `anon:${loadAnonKey(this.#options.storage)}`
      : `user:${tokenSubject(token) ?? ''}`;
  }

  /**
   * Loads the ops the current owner left pending on an earlier page and sends them again, with
   * their `mid`s, once welcomed. Loaded at the first connect, before any `welcome`, so that a
   * reload while offline shows them pending at once; and again for a new owner after
   * `setToken()`. Ops loaded for another owner leave this page's outbox (they stay stored for
   * that owner): they are never sent as someone else.
   */
  #restoreOutbox(): void {
    const owner = this.#owner();
    if (this.#restoredFor === owner || this.#disposed) return;
    this.#restoredFor = owner;
    const maxAgeMs = this.#limits.historyTtlMs;
    this.#restoring = this.#deferred.then(async (deferred) => {
      // Restored ops exist only once the deferred chunk is here, and none is sent before the
      // next welcome (a later task): dropping another owner's from there is in time.
      deferred?.dropStoredOpsOfOthers(this.#outbox, this.#restoredFor);
      const ops = (await (await this.#durable)?.restore(owner, maxAgeMs)) ?? [];
      if (!deferred || this.#disposed || this.#restoredFor !== owner) return;
      const added = deferred.adoptStoredOps(ops, owner, {
        outbox: this.#outbox,
        $restored: this.#restored,
        fits: (entry) => !this.#tooLarge(opFrame(entry, this.#nextId)),
        forget: (entry) => this.#forget(entry),
      });
      if (this.#welcomed) for (const entry of added) this.#sendOp(entry);
    }, ignore);
  }

  /** Writes a new op to the stored outbox. */
  #store(owner: string, op: StoredOp): void {
    void this.#durable.then((durable) => (durable ? durable.save(owner, op) : this.#storeFailed()));
  }

  /** Deletes an answered (or abandoned) op from the stored outbox. */
  #forget(entry: OutboxEntry): void {
    void this.#durable.then((durable) =>
      durable ? durable.forget(entry.owner, entry.mid) : this.#storeFailed(),
    );
  }

  /** Without the stored outbox, the page warns before unloading while any op is pending. */
  #storeFailed(): void {
    this.#unloadGuard.set(this.#outbox.size > 0);
  }

  // ------------------------------------------------------------------ token refresh

  #scheduleRefresh(): void {
    if (this.#disposed) return;
    void this.#refresher.then((refresher) => {
      if (!this.#disposed) refresher?.schedule(this.#token, () => void this.#refresh());
    });
  }

  /** Asks the page for a new token and uses it; resolves once done (or nothing came). */
  async #refresh(): Promise<void> {
    const token = await (await this.#refresher)?.fetch(this.#token);
    if (token) this.setToken(token);
  }

  // ------------------------------------------------------------------ network events

  /**
   * The browser has a network again. A socket we still hold may have died meanwhile: probe it now
   * (its answer sets `open` again). Without a socket, connect at once.
   */
  readonly #onOnline = (): void => {
    if (this.#disposed) return;
    if (this.#socket) {
      this.#probeNow();
      return;
    }
    if (this.#status.get() !== 'offline') return;
    this.#backoff.reset();
    this.#status.set('reconnecting');
    this.#open();
  };

  // ------------------------------------------------------------------ page life

  /**
   * Listens to the page's life once the socket has opened, from the deferred chunk: a page that
   * goes before it arrives leaves its presence by the relay's grace instead.
   */
  #watchPage(): void {
    if (this.#watchingPage) return;
    this.#watchingPage = true;
    void this.#deferred.then((deferred) => {
      if (!deferred || this.#disposed) return;
      this.#unwatchPage = deferred.watchPage({
        hide: this.#leavePresence,
        restore: this.#onPageRestore,
      });
    });
  }

  /**
   * Leaves every presence channel now, best-effort, so others see us go at once (the relay's
   * grace is for drops only): when the page goes (closed, navigated away, or into the
   * back/forward cache), and when the user changes. The membership is kept, to enter again if
   * the page comes back, or as the new user with the next welcome.
   */
  readonly #leavePresence = (): void => {
    if (!this.#welcomed) return;
    const channels = this.#presence.entered();
    for (const ch of channels) {
      this.#send({ t: 'presence', id: this.#nextId++, ch, action: 'leave' });
    }
    if (channels.length > 0) this.#enterAgainDue = true;
  };

  /** Back from the back/forward cache: enter again now, or with the next welcome. */
  readonly #onPageRestore = (): void => {
    if (this.#enterAgainDue && this.#welcomed && !this.#disposed) this.#enterAgain();
  };

  /**
   * The browser says the network is gone: say so at once, even while the socket looks open (a
   * short Wi-Fi drop leaves it so). The socket may survive: a probe asks, any frame that arrives
   * sets `open` again, silence drops it.
   */
  readonly #onOffline = (): void => {
    if (this.#disposed) return;
    const status = this.#status.get();
    if (this.#socket) {
      if (status === 'open' || status === 'connecting' || status === 'reconnecting') {
        this.#status.set('offline');
      }
      this.#probeNow();
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (status === 'reconnecting') this.#status.set('offline');
  };
}

function ignore(): void {}

function nothing(): null {
  return null;
}
