/** One subscribed channel: its listeners, its position, and the cache for late listeners. */
import type {
  EvFrame,
  OkFrame,
  Position,
  PresenceOutFrame,
  SignalOutFrame,
} from '../protocol/index.js';
import type { OpError } from './errors.js';
import type { ChannelListener } from './types.js';

/** Most events kept after a snapshot for late listeners; beyond it, a late listener re-subs. */
export const CATCH_UP_EVENTS_MAX = 1_000;
/** Most `me` frames kept for late listeners. */
export const CATCH_UP_ME_MAX = 100;

/** What to do with an `ev`: it was applied, it was at or below the position, or it left a gap. */
export type EvOutcome = 'applied' | 'stale' | 'gap';

/**
 * Late listeners: the state keeps the latest reset snapshot plus every event applied since
 * (and the `me` frames), and replays them to a listener added after the reset, so a second
 * widget on a channel costs no round trip. When that cache has grown past
 * CATCH_UP_EVENTS_MAX it is dropped, and a late listener makes the connection re-`sub` without
 * `from`: every listener then gets a fresh `reset`, which a listener must handle anyway.
 * Channels without history (presence: `ok` carries no epoch) always re-`sub`.
 */
export class ChannelState {
  readonly ch: string;
  readonly listeners = new Set<ChannelListener>();
  /** Last applied event, or the reset point; null until the first reset. */
  position: Position | null = null;
  /** Request id of the `sub` in flight, or null. */
  subId: number | string | null = null;
  /**
   * Why the relay refused or dropped this channel (a final `err` answering `sub`, or an `err`
   * with this `ch` and no `id`); null once a `sub` is answered `ok`.
   */
  refused: OpError | null = null;
  #snapshot: { value: unknown; position: Position } | null = null;
  #events: EvFrame[] = [];
  #mes: unknown[] = [];

  constructor(ch: string) {
    this.ch = ch;
  }

  /**
   * Applies the `ok` answering this channel's `sub`. Returns false when the answer cannot be
   * used (a replay for a position we do not hold): the caller then joins afresh.
   */
  onOk(ok: OkFrame): boolean {
    this.refused = null;
    if (typeof ok.epoch !== 'string' || typeof ok.seq !== 'number') return true; // presence: no history
    if (ok.reset) {
      const position = { epoch: ok.epoch, seq: ok.seq };
      this.position = { ...position }; // advanced in place by onEv; the cached copy stays put
      this.#snapshot = { value: ok.snapshot, position };
      this.#events = [];
      this.#mes = [];
      for (const listener of this.listeners) call(() => listener.reset?.(ok.snapshot, position));
    } else if (!this.position || this.position.epoch !== ok.epoch) {
      this.position = null;
      return false;
    }
    return true;
  }

  /** Applies an `ev` if it is the next one (PROTOCOL.md guarantee 6). */
  onEv(ev: EvFrame): EvOutcome {
    const position = this.position;
    if (!position || ev.seq <= position.seq) return 'stale';
    if (ev.seq !== position.seq + 1) return 'gap';
    position.seq = ev.seq;
    if (this.#snapshot) {
      if (this.#events.length < CATCH_UP_EVENTS_MAX) this.#events.push(ev);
      else this.#dropCache();
    }
    for (const listener of this.listeners) call(() => listener.event?.(ev));
    return 'applied';
  }

  onMe(data: unknown): void {
    if (this.#snapshot) {
      this.#mes.push(data);
      if (this.#mes.length > CATCH_UP_ME_MAX) this.#mes.shift();
    }
    for (const listener of this.listeners) call(() => listener.me?.(data));
  }

  onSignal(frame: SignalOutFrame): void {
    for (const listener of this.listeners) call(() => listener.signal?.(frame));
  }

  onPresence(frame: PresenceOutFrame): void {
    for (const listener of this.listeners) call(() => listener.presence?.(frame));
  }

  /**
   * The relay refused the channel, or dropped it: every listener hears why. Whatever was cached
   * is no longer ours to show, so the next `sub` joins afresh (a reset for every listener).
   */
  refuse(error: OpError): void {
    this.refused = error;
    this.position = null;
    this.#dropCache();
    for (const listener of this.listeners) call(() => listener.error?.(error));
  }

  /** Tells a listener added to a refused channel why it gets nothing. */
  tellRefused(listener: ChannelListener): void {
    const error = this.refused;
    if (error) call(() => listener.error?.(error));
  }

  /**
   * Brings a late listener up to date from the cache. Returns false when the cache cannot
   * (nothing cached yet, or it overflowed); the caller then re-subscribes.
   */
  catchUp(listener: ChannelListener): boolean {
    const snapshot = this.#snapshot;
    if (!snapshot) return false;
    call(() => listener.reset?.(snapshot.value, snapshot.position));
    for (const ev of this.#events) call(() => listener.event?.(ev));
    for (const data of this.#mes) call(() => listener.me?.(data));
    return true;
  }

  #dropCache(): void {
    this.#snapshot = null;
    this.#events = [];
    this.#mes = [];
  }
}

/** Runs a listener so that one widget's exception never stops delivery to the others. */
function call(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
