/**
 * A WebSocket stand-in that plays back recorded relay frames, for stories: Storybook builds and
 * runs without a relay. It answers the client the way the relay did when the frames were
 * recorded (`welcome`, `ok` with the chat snapshot, then `ev`s), echoing request ids, and can
 * acknowledge ops with the events the relay would emit, hold them, or refuse them.
 *
 * Pass it to `getConnection(url, { WebSocket: recordedWebSocket(recording) })` before a widget
 * asks for that URL; give every story its own URL (`ws://recorded/<story>`).
 */
import {
  CHAT_SNAPSHOT_MESSAGES,
  DEFAULT_LIMITS,
  SUBPROTOCOL,
  type ChatSnapshot,
  type ClientFrame,
  type ErrFrame,
  type OpFrame,
  type RelayFrame,
  type User,
} from '../../src/protocol.js';

export interface Recording {
  /** Who the relay says we are. */
  user: User;
  /** The chat channel's state when we join. */
  snapshot: ChatSnapshot & { bans?: unknown[] };
  /** Frames (`ev` without `seq`/`ts`/`ch`, `me`, `signal`) sent right after the chat `ok`. */
  afterJoin?: RecordedFrame[];
  /** Frames sent again and again every `repeatMs` while the socket is open (e.g. typing). */
  repeat?: { everyMs: number; frames: () => RecordedFrame[] };
  /**
   * What the relay does with an op: `relay` applies it as the relay would (ack + `ev`), `hold`
   * never answers (the op stays "sending…"), or a function returning an `err` to refuse it.
   */
  ops?: 'relay' | 'hold' | ((op: OpFrame) => Omit<ErrFrame, 't' | 'id'> | 'relay' | 'hold');
  /** Never answer anything (the client stays "connecting"). */
  stall?: boolean;
  /** Drop the first socket this long after the join, and refuse every later one. */
  dropAfterMs?: number;
}

export type RecordedFrame =
  | { t: 'ev'; type: string; data: unknown; from?: User }
  | { t: 'me'; data: unknown }
  | { t: 'signal'; type: string; data?: unknown; from: User };

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const EPOCH = 'recorded';
/** Long enough that the client never sees a silent socket as dead in a story. */
const HEARTBEAT_MS = 3_600_000;

let ids = 0;
const messageId = () => `rec-${Date.now().toString(36)}-${(ids++).toString(36)}`;

/** A WebSocket class bound to one recording; every socket it makes shares the channel state. */
export function recordedWebSocket(recording: Recording): typeof WebSocket {
  const state = { attempts: 0, seq: 0, messages: [...recording.snapshot.messages] };
  state.seq = Math.max(0, ...state.messages.map((message) => message.seq ?? 0));

  class RecordedWebSocket extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    readonly url: string;
    readonly protocol = SUBPROTOCOL;
    readonly extensions = '';
    readonly bufferedAmount = 0;
    binaryType: BinaryType = 'blob';
    readyState = CONNECTING;
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onclose: ((event: CloseEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    #timers: ReturnType<typeof setTimeout>[] = [];
    #chats = new Set<string>();

    constructor(url: string | URL) {
      super();
      this.url = String(url);
      const attempt = ++state.attempts;
      const refuse = recording.dropAfterMs !== undefined && attempt > 1;
      this.#later(0, () => {
        if (refuse) {
          this.#emit('error', new Event('error'));
          this.#finish(1006);
          return;
        }
        this.readyState = OPEN;
        this.#emit('open', new Event('open'));
      });
    }

    send(raw: string): void {
      if (this.readyState !== OPEN) throw new DOMException('not open', 'InvalidStateError');
      if (recording.stall) return;
      const frame = JSON.parse(raw) as ClientFrame;
      switch (frame.t) {
        case 'hello':
          return this.#reply({
            t: 'welcome',
            session: 'recorded-session',
            user: recording.user,
            heartbeatMs: HEARTBEAT_MS,
            serverTime: Date.now(),
            limits: { ...DEFAULT_LIMITS, heartbeatMs: HEARTBEAT_MS },
          });
        case 'sub':
          return this.#join(frame.id, frame.ch);
        case 'unsub':
          this.#chats.delete(frame.ch);
          return this.#reply({ t: 'ok', id: frame.id });
        case 'op':
          return this.#op(frame);
        case 'presence':
        case 'auth':
          return this.#reply({ t: 'ok', id: frame.id });
      }
    }

    close(code = 1000): void {
      if (this.readyState >= CLOSING) return;
      this.readyState = CLOSING;
      this.#later(0, () => this.#finish(code));
    }

    #join(id: string | number, ch: string) {
      if (!ch.endsWith('/chat')) {
        return this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq: 0, reset: true, snapshot: null });
      }
      this.#chats.add(ch);
      const snapshot = {
        ...recording.snapshot,
        messages: state.messages.slice(-CHAT_SNAPSHOT_MESSAGES),
      };
      this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq: state.seq, reset: true, snapshot });
      for (const frame of recording.afterJoin ?? []) this.#play(ch, frame);
      const repeat = recording.repeat;
      if (repeat) {
        const tick = () => {
          if (this.readyState !== OPEN) return;
          for (const frame of repeat.frames()) this.#play(ch, frame);
          this.#later(repeat.everyMs, tick);
        };
        tick();
      }
      if (recording.dropAfterMs !== undefined)
        this.#later(recording.dropAfterMs, () => this.#finish(1006));
    }

    #op(op: OpFrame) {
      const rule = recording.ops ?? 'relay';
      const outcome = typeof rule === 'function' ? rule(op) : rule;
      if (outcome === 'hold') return;
      if (outcome !== 'relay') return this.#reply({ t: 'err', id: op.id, ...outcome });
      const data = (op.data ?? {}) as Record<string, unknown>;
      const user = recording.user;
      let result: unknown = {};
      let seq: number | undefined;
      const emit = (type: string, payload: unknown) =>
        (seq = this.#ev(op.ch, { t: 'ev', type, data: payload, from: user }));
      switch (op.type) {
        case 'send': {
          const message = {
            id: messageId(),
            text: String(data.text).trim(),
            user,
            ...(data.replyTo ? { replyTo: data.replyTo } : {}),
          };
          emit('message', message);
          result = { id: message.id };
          break;
        }
        case 'delete':
          emit('deleted', { id: data.id });
          break;
        case 'pin': {
          const message = state.messages.find((candidate) => candidate.id === data.id);
          emit('pinned', { id: data.id, message });
          break;
        }
        case 'unpin':
          emit('pinned', { id: null });
          break;
        case 'ban':
        case 'unban': {
          const minutes = data.minutes as number | undefined;
          const banned = op.type === 'ban';
          emit('banned', {
            userId: data.userId,
            banned,
            until: banned && minutes ? Date.now() + minutes * 60_000 : null,
          });
          break;
        }
        case 'settings':
          emit('settings', { slowModeSeconds: data.slowModeSeconds });
          break;
      }
      this.#reply({ t: 'ack', id: op.id, mid: op.mid, ...(seq ? { seq } : {}), data: result });
    }

    /** Sends one recorded frame on channel `ch`, giving `ev`s the next seq. */
    #play(ch: string, frame: RecordedFrame) {
      if (frame.t === 'ev') this.#ev(ch, frame);
      else this.#reply({ ...frame, ch } as RelayFrame);
    }

    #ev(ch: string, frame: Extract<RecordedFrame, { t: 'ev' }>): number {
      const seq = ++state.seq;
      const ts = Date.now();
      if (frame.type === 'message')
        state.messages.push({ ...(frame.data as ChatSnapshot['messages'][number]), seq, ts });
      this.#reply({ ...frame, ch, seq, ts });
      return seq;
    }

    #reply(frame: RelayFrame) {
      const data = JSON.stringify(frame);
      this.#later(0, () => {
        if (this.readyState === OPEN) this.#emit('message', new MessageEvent('message', { data }));
      });
    }

    #finish(code: number) {
      if (this.readyState === CLOSED) return;
      this.readyState = CLOSED;
      for (const timer of this.#timers) clearTimeout(timer);
      this.#emit('close', new CloseEvent('close', { code, wasClean: code === 1000 }));
    }

    #later(ms: number, fn: () => void) {
      this.#timers.push(setTimeout(fn, ms));
    }

    #emit(type: 'open' | 'message' | 'close' | 'error', event: Event) {
      this.dispatchEvent(event);
      const handler = this[`on${type}`] as ((event: Event) => void) | null;
      handler?.call(this, event);
    }
  }

  return RecordedWebSocket as unknown as typeof WebSocket;
}
