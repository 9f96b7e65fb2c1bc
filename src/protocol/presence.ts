/**
 * presence (`ROOM/presence`): the contract of PROTOCOL.md, "Presence". No ops and no events:
 * `presence` frames (frames.ts) enter, update and leave, and carry the members.
 */
import type { PresenceMember } from './frames.js';

/** The relay's limits on presence. */
export const PRESENCE_LIMITS = {
  /** A member's `data`, in bytes of its JSON. */
  dataMaxBytes: 1_024,
} as const;

/** Presence keeps no history: no op is valid on its channel. */
export type PresenceOps = Record<never, never>;
/** Presence keeps no history: it sends no `ev`. */
export type PresenceEvents = Record<never, never>;

/** The snapshot a relay keeps for presence (not sent as `ok.snapshot`: see `presence` frames). */
export interface PresenceSnapshot {
  count: number;
  members: PresenceMember[];
}
