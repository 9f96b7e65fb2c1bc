/**
 * The presence store (`ROOM/presence`): who is here, how many, and who is typing in the room's
 * chat, fed by the shared Connection. The relay keeps the list; the store only mirrors it.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { ChannelListener } from '../connection/types.js';
import {
  isStaff,
  type ChatEvents,
  type OkFrame,
  type PresenceMember,
  type PresenceOutFrame,
  type User,
} from '../protocol/index.js';
import { createTypingTracker } from './typing.js';

/** Defaults of the presence store, in one place. */
export const PRESENCE_DEFAULTS = {
  /** Follow the room's chat for `$typing`. */
  typing: true,
} as const;

export interface PresenceStoreOptions {
  /**
   * Follow `ROOM/chat` for `$typing` (default true). The chat sub is shared with a `<live-chat>`
   * on the same connection; without one it costs the chat snapshot, so pass false when the view
   * shows no typing.
   */
  typing?: boolean;
}

/** A live view of one room's presence plus my own membership. */
export interface PresenceStore {
  /** `${room}/presence` */
  readonly channel: string;
  /**
   * Members in the relay's order: hosts and moderators first, then the longest present. Above
   * the relay's `presenceListLimit` this is the first members only; `$count` has them all.
   */
  $members: ReadableAtom<PresenceMember[]>;
  /** How many members the room has (one per user, whatever their tabs). */
  $count: ReadableAtom<number>;
  /** True after the first member list. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /** Other users typing in the room's chat now; an entry expires 4 s after its last signal. */
  $typing: ReadableAtom<User[]>;
  /**
   * Makes me a member, with `data` (`name`, `avatar`, `status`; at most 1 KiB). The connection
   * keeps me entered across reconnects by itself.
   */
  enter(data?: Record<string, unknown>): Promise<OkFrame>;
  /** Replaces my member data; needs `enter` first (else `invalid`). */
  update(data: Record<string, unknown>): Promise<OkFrame>;
  /** Leaves at once (a dropped socket leaves only after the relay's grace). */
  leave(): Promise<OkFrame>;
  /** Leaves if this store entered, releases the channels and stops timers. */
  destroy(): void;
}

/** Creates a presence store for `room` on a shared connection. */
export function createPresenceStore(
  connection: Connection,
  room: string,
  options: PresenceStoreOptions = {},
): PresenceStore {
  const channel = `${room}/presence`;
  const $members = atom<PresenceMember[]>([]);
  const $count = atom(0);
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  const typists = createTypingTracker();
  let entered = false;

  const listener: ChannelListener = {
    error: (error) => $refused.set(error),
    presence(frame: PresenceOutFrame) {
      let members = frame.members ?? $members.get();
      if (frame.leave) {
        const gone = new Set(frame.leave);
        members = members.filter((member) => !gone.has(member.id));
      }
      for (const member of [...(frame.join ?? []), ...(frame.update ?? [])]) {
        members = put(members, member);
      }
      $members.set(members);
      $count.set(frame.count);
      if (frame.members) {
        $loaded.set(true);
        $refused.set(null);
      }
    },
  };
  const releases = [connection.channel(channel, listener)];

  if (options.typing ?? PRESENCE_DEFAULTS.typing) {
    const chatListener: ChannelListener<ChatEvents> = {
      signal: (frame) => typists.signal(frame, connection.$user.get()?.id),
      event(ev) {
        if (ev.type === 'message') typists.stop(ev.data.user.id);
      },
    };
    releases.push(connection.channel(`${room}/chat`, chatListener));
  }

  return {
    channel,
    $members,
    $count,
    $loaded,
    $refused,
    $typing: typists.$typing,

    enter(data) {
      entered = true;
      return connection.presence(channel, 'enter', data);
    },
    update: (data) => connection.presence(channel, 'update', data),
    leave() {
      entered = false;
      return connection.presence(channel, 'leave');
    },

    destroy() {
      // The relay counts connections, not stores: this also ends the membership of any other
      // store on this connection that entered the same room.
      if (entered && !connection.disposed) {
        connection.presence(channel, 'leave').catch(() => {});
      }
      entered = false;
      for (const release of releases) release();
      typists.destroy();
    },
  };
}

/**
 * Puts a member in the list: in place if there (a `join` may repeat a member the first list had),
 * else where the relay would list a newcomer: after the last host or moderator for staff, last
 * for everyone else.
 */
function put(members: PresenceMember[], member: PresenceMember): PresenceMember[] {
  const index = members.findIndex((other) => other.id === member.id);
  if (index >= 0) return members.map((other, i) => (i === index ? member : other));
  const staffEnd = isStaff(member) ? members.findIndex((other) => !isStaff(other)) : -1;
  if (staffEnd < 0) return [...members, member];
  return [...members.slice(0, staffEnd), member, ...members.slice(staffEnd)];
}
