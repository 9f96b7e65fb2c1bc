/**
 * The chat store's moderation ops (delete, pin, bans, timeouts, hiding, the room's settings, the
 * shield, the moderation log) and reporting, in a chunk of their own that the store imports on
 * the first call of one of them (see `STAFF_OPS` in ./chat.ts).
 *
 * Why lazy: every one of them is async and answered by the relay, most are for hosts and
 * moderators only, and a viewer reports a message rarely; an app or a page with a chat pays for
 * them on first use (one small request), not in the code it loads at once. What the store mirrors
 * from the relay (bans, blocked terms, hidden users, new log entries) stays in ./chat.ts: it
 * arrives as events and `me` frames whether or not an op was ever called.
 */
import type { WritableAtom } from 'nanostores';
import type { AckFrame, ChatLogEntry, ChatLogPage, ChatOps } from '../protocol/index.js';
import type { ChatStore } from './chat.js';
import type { SendOp } from './ops.js';

/** What the ops need from their store. */
export interface StaffContext {
  op: SendOp<ChatOps, Record<never, never>>;
  $modLog: WritableAtom<{ entries: ChatLogEntry[]; more: boolean; loaded: boolean }>;
  $reported: WritableAtom<string[]>;
}

type StaffOps = {
  [K in StaffOp]: (
    context: StaffContext,
    ...args: Parameters<ChatStore[K]>
  ) => ReturnType<ChatStore[K]>;
};

/** The store methods whose code is here (their names are listed again in ./chat.ts). */
export type StaffOp =
  | 'remove'
  | 'pin'
  | 'unpin'
  | 'ban'
  | 'unban'
  | 'timeout'
  | 'hide'
  | 'unhide'
  | 'setChatDelay'
  | 'loadLog'
  | 'setSlowMode'
  | 'setBlockedTerms'
  | 'setGates'
  | 'setShield'
  | 'setShieldPreset'
  | 'report';

export const staffOps: StaffOps = {
  remove: ({ op }, id) => op('delete', { id }),
  pin: ({ op }, id) => op('pin', { id }),
  unpin: ({ op }) => op('unpin', {}),
  ban: ({ op }, userId, minutes) =>
    op('ban', minutes === undefined ? { userId } : { userId, minutes }),
  unban: ({ op }, userId) => op('unban', { userId }),
  timeout: ({ op }, userId, seconds, reason) =>
    op('timeout', reason ? { userId, seconds, reason } : { userId, seconds }),
  hide: ({ op }, userId) => op('hide', { userId }),
  unhide: ({ op }, userId) => op('unhide', { userId }),
  setChatDelay: ({ op }, seconds) => op('settings', { chatDelaySeconds: seconds }),

  async loadLog({ op, $modLog }, older = false) {
    const known = $modLog.get();
    const before = older ? known.entries.at(-1)?.n : undefined;
    const ack = await op('log', before === undefined ? {} : { before });
    const page = ack.data as ChatLogPage;
    const current = $modLog.get();
    // Entries that arrived as `me` meanwhile are kept; the page fills in below them.
    const seen = new Set(current.entries.map((entry) => entry.n));
    const base = older
      ? current.entries
      : current.entries.filter((e) => e.n > (page.entries[0]?.n ?? 0));
    const entries = [...base, ...page.entries.filter((entry) => !older || !seen.has(entry.n))];
    $modLog.set({ entries, more: page.more, loaded: true });
  },
  setSlowMode: ({ op }, seconds) => op('settings', { slowModeSeconds: seconds }),
  setBlockedTerms: ({ op }, terms) => op('settings', { blockedTerms: terms }),
  setGates: ({ op }, gates) => op('settings', gates),
  setShield: ({ op }, on) => op('shield', { on }),
  setShieldPreset: ({ op }, preset) => op('shieldPreset', preset),
  async report({ op, $reported }, id, reason, note): Promise<AckFrame> {
    const ack = await op('report', note ? { id, reason, note } : { id, reason });
    if (!$reported.get().includes(id)) $reported.set([...$reported.get(), id]);
    return ack;
  },
};
