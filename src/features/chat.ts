/**
 * The chat store (`ROOM/chat`): messages, pinned message, settings, typing, my pending sends and
 * moderation state, fed by the shared Connection. The relay decides; the store only mirrors it.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import { OpError } from '../connection/errors.js';
import { createMid } from '../connection/ids.js';
import type { ChannelListener, PendingOp } from '../connection/types.js';
import { opsOf } from './ops.js';
import {
  isStaff,
  type AckFrame,
  type ChatBanned,
  type ChatEvents,
  type ChatLogEntry,
  type ChatGate,
  type ChatMe,
  type ChatOps,
  type ChatMessage,
  type ChatPinned,
  type ChatSettings,
  type ChatShieldPreset,
  type ChatSnapshot,
  type ErrorCode,
  type ReportReason,
  type SignalOutFrame,
  type User,
} from '../protocol/index.js';
import type { StaffContext, StaffOp } from './chat.staff.js';
import { TYPING_EXPIRES_MS, createTypingTracker } from './typing.js';

/** Defaults of the chat store, in one place. */
export const CHAT_DEFAULTS = {
  /** Messages kept in `$messages`; the oldest are dropped beyond it. */
  maxMessages: 500,
  /** A typing user stays in `$typing` this long after their last `typing` signal. */
  typingExpiresMs: TYPING_EXPIRES_MS,
  /** `typing()` sends at most one signal this often (the relay drops extra ones anyway). */
  typingThrottleMs: 2_000,
} as const;

/** One of my sends that the relay has not acknowledged, or that it refused. */
export interface PendingMessage {
  /** The op's idempotency key; also a stable key for rendering. */
  mid?: string;
  text: string;
  replyTo?: string;
  status: 'sending' | 'failed';
  /** Why it failed, in the relay's words. */
  error?: string;
  /** The error code when it failed (`invalid`, `rate_limited`, `forbidden`, …). */
  code?: ErrorCode;
  /** The room's gate that refused it (`details.gate` of a `forbidden`), if one did. */
  gate?: ChatGate;
  /** Client-clock ms from which the gate would let it through, where waiting helps. */
  retryAt?: number;
}

export interface ChatStoreOptions {
  /** Messages kept in `$messages` (default 500). */
  maxMessages?: number;
}

/** A live view of one room's chat plus the ops a user may send to it. */
export interface ChatStore {
  /** `${room}/chat` */
  readonly channel: string;
  /** Messages, oldest first, at most `maxMessages`. */
  $messages: ReadableAtom<ChatMessage[]>;
  $pinned: ReadableAtom<ChatMessage | null>;
  $settings: ReadableAtom<ChatSettings>;
  /** Other users typing now; an entry expires 4 s after its last `typing` signal. */
  $typing: ReadableAtom<User[]>;
  /** My sends not yet acknowledged, and failed ones until `discard()`. */
  $pending: ReadableAtom<PendingMessage[]>;
  /** True after the first snapshot. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /**
   * Am I banned or timed out? `until` is relay time in ms, null for a ban without end; `reason`
   * is what the host gave with a timeout.
   */
  $banned: ReadableAtom<{ until: number | null; reason?: string } | null>;
  /** Client-clock ms until which slow mode would refuse my next send; 0 when free. */
  $slowModeUntil: ReadableAtom<number>;
  /** Current bans, for hosts (the relay shows them to hosts only). */
  $bans: ReadableAtom<ChatBanned[]>;
  /** For hosts and moderators: terms a message may not contain (empty for everyone else). */
  $blockedTerms: ReadableAtom<string[]>;
  /** For hosts and moderators: users whose messages only they and staff see. */
  $hiddenUsers: ReadableAtom<string[]>;
  /**
   * For hosts and moderators: the moderation log as loaded, newest first (`loadLog` pages it;
   * new entries arrive by themselves), and whether older entries remain on the relay.
   */
  $modLog: ReadableAtom<{ entries: ChatLogEntry[]; more: boolean; loaded: boolean }>;
  /** For hosts and moderators: what raising the shield applies (null for everyone else). */
  $shieldPreset: ReadableAtom<ChatShieldPreset | null>;
  /** Messages I reported (ids), so the widget says so instead of offering it again. */
  $reported: ReadableAtom<string[]>;
  /** Sends a message; it shows in `$pending` until acknowledged, then arrives as an event. */
  send(text: string, replyTo?: string): Promise<AckFrame>;
  /** Deletes a message (the author, or a host): op `delete`. */
  remove(id: string): Promise<AckFrame>;
  pin(id: string): Promise<AckFrame>;
  unpin(): Promise<AckFrame>;
  /** Bans a user from the room, for `minutes` or until `unban`. */
  ban(userId: string, minutes?: number): Promise<AckFrame>;
  unban(userId: string): Promise<AckFrame>;
  /** Times a user out for `seconds` (1 s to 14 days), with a reason shown to them. */
  timeout(userId: string, seconds: number, reason?: string): Promise<AckFrame>;
  /** Hides a user (shadow): their messages reach only them and staff. */
  hide(userId: string): Promise<AckFrame>;
  unhide(userId: string): Promise<AckFrame>;
  /** Host: seconds the audience's messages wait before the rest of the audience sees them. */
  setChatDelay(seconds: number): Promise<AckFrame>;
  /** Loads the newest page of the moderation log, or (`older`) the page after those loaded. */
  loadLog(older?: boolean): Promise<void>;
  /** Host: seconds a user must wait between messages (0 = off): op `settings`. */
  setSlowMode(seconds: number): Promise<AckFrame>;
  /** Hosts: replaces the blocked terms (case does not matter). */
  setBlockedTerms(terms: string[]): Promise<AckFrame>;
  /** Hosts: sets some of the room's gates (zero, false or `'all'` turns one off). */
  setGates(gates: ChatShieldPreset): Promise<AckFrame>;
  /** Hosts: raises the shield (the preset at once) or lifts it (the settings before it back). */
  setShield(on: boolean): Promise<AckFrame>;
  /** Hosts: replaces what raising the shield applies. */
  setShieldPreset(preset: ChatShieldPreset): Promise<AckFrame>;
  /** Reports someone else's message to staff, once, with a reason and an optional note. */
  report(id: string, reason: ReportReason, note?: string): Promise<AckFrame>;
  /** Tells the others I am typing; throttled to one signal per 2 s. */
  typing(): void;
  /** Forgets a failed send. */
  discard(mid: string): void;
  /** Releases the channel and stops timers. */
  destroy(): void;
}

/**
 * The store's methods whose code is in ./chat.staff.ts, imported on the first call: moderation
 * (for hosts and moderators only) and reporting, all async and answered by the relay, so an app
 * or page with a chat does not load them until someone uses one. Listed as an object so that
 * the compiler checks the list against `StaffOp`, both ways.
 */
const STAFF_OPS = Object.keys({
  remove: 1,
  pin: 1,
  unpin: 1,
  ban: 1,
  unban: 1,
  timeout: 1,
  hide: 1,
  unhide: 1,
  setChatDelay: 1,
  loadLog: 1,
  setSlowMode: 1,
  setBlockedTerms: 1,
  setGates: 1,
  setShield: 1,
  setShieldPreset: 1,
  report: 1,
} satisfies Record<StaffOp, 1>) as StaffOp[];

type StaffMethod = (context: StaffContext, ...args: unknown[]) => Promise<unknown>;

/** A ban as `$banned` holds it: the reason only when there is one. */
function withReason(until: number | null, reason: string | undefined) {
  return reason === undefined ? { until } : { until, reason };
}

/** Creates a chat store for `room` on a shared connection. */
export function createChatStore(
  connection: Connection,
  room: string,
  options: ChatStoreOptions = {},
): ChatStore {
  const channel = `${room}/chat`;
  const maxMessages = options.maxMessages ?? CHAT_DEFAULTS.maxMessages;

  const $messages = atom<ChatMessage[]>([]);
  const $pinned = atom<ChatMessage | null>(null);
  const $settings = atom<ChatSettings>({ slowModeSeconds: 0 });
  const typists = createTypingTracker(CHAT_DEFAULTS.typingExpiresMs);
  const $pending = atom<PendingMessage[]>([]);
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  const $banned = atom<{ until: number | null; reason?: string } | null>(null);
  const $slowModeUntil = atom(0);
  const $bans = atom<ChatBanned[]>([]);
  const $blockedTerms = atom<string[]>([]);
  const $hiddenUsers = atom<string[]>([]);
  const $modLog = atom<{ entries: ChatLogEntry[]; more: boolean; loaded: boolean }>({
    entries: [],
    more: false,
    loaded: false,
  });
  const $shieldPreset = atom<ChatShieldPreset | null>(null);
  const $reported = atom<string[]>([]);

  let slowModeTimer: ReturnType<typeof setTimeout> | undefined;
  let banTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTypingSentAt = -Infinity;
  /** Client time of my last acknowledged send, for the slow-mode countdown. */
  let lastSentAt = -Infinity;

  const me = () => connection.$user.get();

  function cap(messages: ChatMessage[]): ChatMessage[] {
    return messages.length > maxMessages ? messages.slice(messages.length - maxMessages) : messages;
  }

  function findMessage(id: string | null | undefined): ChatMessage | null {
    if (!id) return null;
    return $messages.get().find((message) => message.id === id) ?? null;
  }

  function applyPinned(pinned: ChatPinned | undefined): void {
    $pinned.set(pinned?.id ? (pinned.message ?? findMessage(pinned.id)) : null);
  }

  function setBanned(value: { until: number | null; reason?: string } | null): void {
    clearTimeout(banTimer);
    $banned.set(value);
    if (value?.until != null) {
      // `until` is relay time; a ban ends without an event, so end it here.
      const leftMs = value.until - connection.serverNow();
      if (leftMs <= 0) $banned.set(null);
      else banTimer = setTimeout(() => $banned.set(null), Math.min(leftMs, 2_147_483_647));
    }
  }

  function applyBan(ban: ChatBanned): void {
    const others = $bans.get().filter((entry) => entry.userId !== ban.userId);
    $bans.set(ban.banned ? [...others, ban] : others);
    if (ban.userId !== me()?.id) return;
    // The public event has no reason: the one `me` gave for this same timeout stays.
    const current = $banned.get();
    const reason = current?.until === ban.until ? current.reason : undefined;
    setBanned(ban.banned ? withReason(ban.until, reason) : null);
  }

  function updateSlowMode(): void {
    clearTimeout(slowModeTimer);
    const seconds = $settings.get().slowModeSeconds;
    const until = seconds > 0 && !isStaff(me()) ? lastSentAt + seconds * 1000 : 0;
    holdSlowModeUntil(until);
  }

  function holdSlowModeUntil(until: number): void {
    clearTimeout(slowModeTimer);
    const leftMs = until - Date.now();
    if (leftMs <= 0) {
      $slowModeUntil.set(0);
      return;
    }
    $slowModeUntil.set(until);
    slowModeTimer = setTimeout(() => $slowModeUntil.set(0), leftMs);
  }

  const listener: ChannelListener<ChatEvents, ChatMe> = {
    error: (error) => $refused.set(error),
    reset(snapshot) {
      $refused.set(null);
      const state = snapshot as Partial<ChatSnapshot> & {
        bans?: ChatBanned[];
        blockedTerms?: string[];
      };
      $blockedTerms.set(state.blockedTerms ?? []);
      $hiddenUsers.set(state.hiddenUsers ?? []);
      $shieldPreset.set(state.shieldPreset ?? null);
      $messages.set(cap(state.messages ?? []));
      applyPinned(state.pinned);
      $settings.set(state.settings ?? { slowModeSeconds: 0 });
      if (state.bans) $bans.set(state.bans.filter((ban) => ban.banned));
      // A ban may have ended unseen; if it holds, the `me` frame after the snapshot says so.
      const myBan = state.bans?.find((ban) => ban.userId === me()?.id);
      setBanned(myBan ? withReason(myBan.until, myBan.reason) : null);
      updateSlowMode();
      $loaded.set(true);
    },

    event(ev) {
      switch (ev.type) {
        case 'message': {
          const message = { ...ev.data, seq: ev.seq, ts: ev.ts };
          const list = $messages.get();
          const held = list.findIndex((known) => known.id === message.id);
          // A message released by the chat delay that staff and its author hold already: it
          // stays where it is, without the staff's marker.
          if (held >= 0) {
            $messages.set(
              list.map((known, i) => (i === held ? { ...message, seq: known.seq } : known)),
            );
            break;
          }
          $messages.set(cap([...list, message]));
          typists.stop(message.user.id);
          break;
        }
        case 'deleted': {
          const { id } = ev.data;
          $messages.set($messages.get().filter((message) => message.id !== id));
          break;
        }
        case 'pinned':
          applyPinned(ev.data);
          break;
        case 'banned':
          applyBan(ev.data);
          break;
        case 'settings':
          $settings.set(ev.data);
          updateSlowMode();
          break;
      }
    },

    me(data) {
      if (!data || typeof data !== 'object') return;
      if ('blockedTerms' in data) $blockedTerms.set(data.blockedTerms);
      if ('shieldPreset' in data) $shieldPreset.set(data.shieldPreset);
      if ('banned' in data) {
        const { banned, until, reason } = data;
        setBanned(banned ? withReason(until ?? null, reason) : null);
      }
      if ('hiddenUsers' in data) $hiddenUsers.set(data.hiddenUsers);
      if ('log' in data) {
        const log = $modLog.get();
        if (!log.entries.some((entry) => entry.n === data.log.n)) {
          $modLog.set({ ...log, entries: [data.log, ...log.entries] });
        }
      }
    },

    signal(frame: SignalOutFrame) {
      typists.signal(frame, me()?.id);
    },
  };

  const release = connection.channel(channel, listener);

  function updatePending(mid: string, change: Partial<PendingMessage> | null): void {
    const list = $pending.get();
    $pending.set(
      change === null
        ? list.filter((entry) => entry.mid !== mid)
        : list.map((entry) => (entry.mid === mid ? { ...entry, ...change } : entry)),
    );
  }

  const op = opsOf<ChatOps>(connection, channel);

  /** Follows a send until the relay answers: gone from `$pending` on ack, marked on failure. */
  function track(mid: string, sent: Promise<AckFrame>): Promise<AckFrame> {
    return sent.then(
      (ack) => {
        updatePending(mid, null);
        lastSentAt = Date.now();
        updateSlowMode();
        return ack;
      },
      (error: unknown) => {
        const failure = error instanceof OpError ? error : undefined;
        const message = error instanceof Error ? error.message : String(error);
        const change: Partial<PendingMessage> = { status: 'failed', error: message };
        if (failure) change.code = failure.code;
        const gate = gateOf(failure);
        if (gate) change.gate = gate;
        if (gate && failure?.retryAfterMs) change.retryAt = Date.now() + failure.retryAfterMs;
        updatePending(mid, change);
        if (failure?.code === 'rate_limited' && failure.retryAfterMs) {
          holdSlowModeUntil(Date.now() + failure.retryAfterMs);
        }
        throw error;
      },
    );
  }

  /** A send made before a reload and sent again by the connection: pending, as it was. */
  function adopt(restored: PendingOp): void {
    if (restored.ch !== channel || restored.type !== 'send') return;
    if ($pending.get().some((entry) => entry.mid === restored.mid)) return;
    const { text, replyTo } = (restored.data ?? {}) as { text?: unknown; replyTo?: unknown };
    if (typeof text !== 'string') return;
    const entry: PendingMessage = { mid: restored.mid, text, status: 'sending' };
    if (typeof replyTo === 'string') entry.replyTo = replyTo;
    $pending.set([...$pending.get(), entry]);
    track(restored.mid, restored.promise).catch(() => {});
  }

  const stopAdopting = connection.$restored.subscribe((restored) => {
    for (const pending of restored) adopt(pending);
  });

  const context: StaffContext = { op, $modLog, $reported };
  // Loaded on each call: the module system keeps it once it came, and a failed load (a deploy
  // replaced the chunk, the network went) fails that one call, not every later one.
  const staff = Object.fromEntries(
    STAFF_OPS.map((name) => [
      name,
      async (...args: unknown[]) => {
        // Apart from the call: Vite's app build would wrap it in its preload helper, which
        // reports any failure (a refused op too) as a failed chunk load (`vite:preloadError`).
        const chunk = await import('./chat.staff.js');
        return (chunk.staffOps[name] as StaffMethod)(context, ...args);
      },
    ]),
  ) as Pick<ChatStore, StaffOp>;

  return {
    channel,
    $messages,
    $pinned,
    $settings,
    $typing: typists.$typing,
    $pending,
    $loaded,
    $refused,
    $banned,
    $slowModeUntil,
    $bans,
    $blockedTerms,
    $hiddenUsers,
    $modLog,
    $shieldPreset,
    $reported,

    send(text, replyTo) {
      const mid = createMid();
      const entry: PendingMessage = { mid, text, status: 'sending' };
      if (replyTo !== undefined) entry.replyTo = replyTo;
      $pending.set([...$pending.get(), entry]);
      const data = replyTo === undefined ? { text } : { text, replyTo };
      return track(mid, op('send', data, { mid }));
    },
    ...staff,

    typing() {
      const now = Date.now();
      if (now - lastTypingSentAt < CHAT_DEFAULTS.typingThrottleMs) return;
      lastTypingSentAt = now;
      connection.signal(channel, 'typing');
    },

    discard(mid) {
      updatePending(mid, null);
    },

    destroy() {
      release();
      stopAdopting();
      typists.destroy();
      clearTimeout(slowModeTimer);
      clearTimeout(banTimer);
    },
  };
}

const GATES: readonly ChatGate[] = ['signedIn', 'accountAge', 'firstChat', 'emoteOnly', 'links'];

/** The gate a `forbidden` names in `details.gate`, if it is one this client knows. */
function gateOf(failure: OpError | undefined): ChatGate | undefined {
  if (failure?.code !== 'forbidden') return undefined;
  const gate = (failure.details as { gate?: unknown } | undefined)?.gate;
  return GATES.find((known) => known === gate);
}
