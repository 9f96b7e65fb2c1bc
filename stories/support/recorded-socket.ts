/**
 * A WebSocket stand-in that plays back recorded relay frames, for stories: Storybook builds and
 * runs without a relay. It answers the client the way the relay did when the frames were
 * recorded (`welcome`, `ok` with the chat snapshot, then `ev`s), echoing request ids, and can
 * acknowledge ops with the events the relay would emit, hold them, or refuse them. Other channels
 * (presence, reactions) answer as the relay does too, from `channels` when the recording has them.
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
  type PresenceOutFrame,
  type RelayFrame,
  type User,
} from '../../src/protocol/index.js';

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
  /**
   * Channels other than chat, by feature (`presence`, `reactions`): what the relay sends when a
   * widget joins them. Without an entry, presence joins empty and others with a null snapshot.
   */
  channels?: Record<string, RecordedChannel>;
}

/** What the relay sends on one channel other than chat. */
export interface RecordedChannel {
  /** `ok.snapshot` of a channel with history, e.g. `{emojis}` for reactions (not presence). */
  snapshot?: unknown;
  /** Frames sent right after the `ok` (presence: the first `presence` frame with `members`). */
  afterJoin?: RecordedFrame[];
  /** Frames sent again and again every `everyMs` while the socket is open. */
  repeat?: { everyMs: number; frames: () => RecordedFrame[] };
}

export type RecordedFrame =
  | { t: 'ev'; type: string; data: unknown; from?: User }
  | { t: 'me'; data: unknown }
  | { t: 'signal'; type: string; data?: unknown; from: User }
  | Omit<PresenceOutFrame, 'ch'>;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const EPOCH = 'recorded';
/** Long enough that the client never sees a silent socket as dead in a story. */
const HEARTBEAT_MS = 3_600_000;
/** The relay sends the reactions of each 250 ms as one burst. */
const BURST_MS = 250;

let ids = 0;
const messageId = () => `rec-${Date.now().toString(36)}-${(ids++).toString(36)}`;

/** A WebSocket class bound to one recording; every socket it makes shares the channel state. */
export function recordedWebSocket(recording: Recording): typeof WebSocket {
  const state = {
    attempts: 0,
    seq: 0,
    messages: [...recording.snapshot.messages],
    /** Positions of the channels other than chat (chat's is `seq`). */
    seqs: new Map<string, number>(),
  };
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
    #dropScheduled = false;
    /** Reactions of the current 250 ms, per channel, and whether their burst is scheduled. */
    #reactions = new Map<string, Record<string, number>>();

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
      if (recording.dropAfterMs !== undefined && !this.#dropScheduled) {
        this.#dropScheduled = true;
        this.#later(recording.dropAfterMs, () => this.#finish(1006));
      }
      if (!ch.endsWith('/chat')) return this.#joinOther(id, ch);
      this.#chats.add(ch);
      const snapshot = {
        ...recording.snapshot,
        messages: state.messages.slice(-CHAT_SNAPSHOT_MESSAGES),
      };
      this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq: state.seq, reset: true, snapshot });
      this.#playAll(ch, recording.afterJoin, recording.repeat);
    }

    /** Presence answers `ok {count}` and a member list (no history); others a snapshot. */
    #joinOther(id: string | number, ch: string) {
      const feature = ch.slice(ch.lastIndexOf('/') + 1);
      const channel = recording.channels?.[feature];
      if (feature === 'presence') {
        this.#reply({ t: 'ok', id, ch, count: 0 });
        if (!channel) this.#reply({ t: 'presence', ch, count: 0, members: [] });
      } else {
        const seq = state.seqs.get(ch) ?? 0;
        const snapshot = channel?.snapshot ?? null;
        this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq, reset: true, snapshot });
      }
      this.#playAll(ch, channel?.afterJoin, channel?.repeat);
    }

    #playAll(ch: string, afterJoin?: RecordedFrame[], repeat?: RecordedChannel['repeat']) {
      for (const frame of afterJoin ?? []) this.#play(ch, frame);
      if (repeat) {
        const tick = () => {
          if (this.readyState !== OPEN) return;
          for (const frame of repeat.frames()) this.#play(ch, frame);
          this.#later(repeat.everyMs, tick);
        };
        tick();
      }
    }

    #op(op: OpFrame) {
      const rule = recording.ops ?? 'relay';
      const outcome = typeof rule === 'function' ? rule(op) : rule;
      if (outcome === 'hold') return;
      if (outcome !== 'relay') return this.#reply({ t: 'err', id: op.id, ...outcome });
      if (op.ch.endsWith('/reactions')) return this.#reactionsOp(op);
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

    /** `react` is counted into the next burst and acknowledged at once; `settings` is applied. */
    #reactionsOp(op: OpFrame) {
      const data = (op.data ?? {}) as { emoji?: string; emojis?: string[] };
      if (op.type === 'settings') {
        const seq = this.#ev(op.ch, {
          t: 'ev',
          type: 'settings',
          data: { emojis: data.emojis },
          from: recording.user,
        });
        return this.#reply({ t: 'ack', id: op.id, mid: op.mid, seq });
      }
      const counts = this.#reactions.get(op.ch) ?? {};
      if (!this.#reactions.has(op.ch)) {
        this.#reactions.set(op.ch, counts);
        this.#later(BURST_MS, () => {
          this.#reactions.delete(op.ch);
          this.#ev(op.ch, { t: 'ev', type: 'burst', data: { counts } });
        });
      }
      counts[String(data.emoji)] = (counts[String(data.emoji)] ?? 0) + 1;
      this.#reply({ t: 'ack', id: op.id, mid: op.mid });
    }

    /** Sends one recorded frame on channel `ch`, giving `ev`s the next seq. */
    #play(ch: string, frame: RecordedFrame) {
      if (frame.t === 'ev') this.#ev(ch, frame);
      else this.#reply({ ...frame, ch } as RelayFrame);
    }

    #ev(ch: string, frame: Extract<RecordedFrame, { t: 'ev' }>): number {
      let seq: number;
      if (ch.endsWith('/chat')) seq = ++state.seq;
      else state.seqs.set(ch, (seq = (state.seqs.get(ch) ?? 0) + 1));
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
