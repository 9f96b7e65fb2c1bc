/**
 * presence (`ROOM/presence`): who is here. Not history: `sub` answers `ok {count}` and a
 * `presence` frame with the members; later frames carry coalesced changes.
 *
 * A member is a user: several connections of one user are one member, and a member whose last
 * connection drops stays for `presenceGraceMs`, so a quick reconnect shows no leave and no join.
 * Above `presenceListLimit` members, frames carry the count and the first members only (hosts
 * first, then the longest present), and only when that list changed.
 *
 * A member's name is the relay's (from the token or the anonymous hello), never one from `data`,
 * and `data.avatar` stays only when it comes from an origin the operator listed: every viewer's
 * browser loads it. The room's blocked terms keep audience members with such a name out, and
 * such text out of their data.
 */
import {
  PRESENCE_LIMITS,
  isStaff,
  type OkFrame,
  type PresenceAction,
  type PresenceEvents,
  type PresenceOps,
  type PresenceMember,
  type PresenceOutFrame,
  type User,
} from '../../src/protocol/index.js';
import { listedAvatar } from '../avatars.js';
import type { Subscriber } from '../channels/channel.js';
import { OpError } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { recordsUnder } from './feature.js';
import { Throttle } from './throttle.js';
import { nameNotBlocked, notBlocked, userText } from './validate.js';
import * as wire from '../wire.js';
import type { Json } from '../wire.js';

interface Member {
  user: User;
  data: Record<string, unknown>;
  connections: Set<Subscriber>;
  graceTimer: NodeJS.Timeout | null;
  /** When the member joined (its place in the list). */
  since: number;
}

/** A member as stored (`m:USER`), so a restarted relay, or the next owner of the room in a
 * cluster, knows who was here: each comes back in their grace. */
interface StoredMember {
  user: User;
  data: Record<string, unknown>;
  since: number;
}

class PresenceChannel implements FeatureChannel {
  /** Hosts and the rest apart, each in order of arrival: the list order without sorting. */
  #hosts = new Map<string, Member>();
  #audience = new Map<string, Member>();
  /** Members whose join, leave or update is not yet sent. */
  #touched = new Set<string>();
  /** Members removed since the last frame (a member may have come back since). */
  #left = new Set<string>();
  /** Members the subscribers know of (while the room is under the list limit). */
  #announced = new Set<string>();
  #lastList = '';
  /** The member list as sent to a new subscriber, kept until the next change (a join surge
   * sends the same list thousands of times). */
  #listJson: Json<PresenceMember[]> | null = null;
  #lastCount = 0;
  #changes: Throttle;

  constructor(
    private handle: ChannelHandle<PresenceEvents, never>,
    stored: StoredState,
  ) {
    this.#changes = new Throttle(handle, handle.config.presenceIntervalMs, () => this.#flush());
    const members = recordsUnder<StoredMember>(stored, 'm:', (a, b) => a.since - b.since);
    for (const { user, data, since } of members) {
      const member: Member = { user, data, connections: new Set(), graceTimer: null, since };
      (isStaff(user) ? this.#hosts : this.#audience).set(user.id, member);
      // Their sockets were elsewhere (a relay restarted or gone): they have their grace to come
      // back, as if each had dropped now.
      this.#startGrace(member);
      this.#announced.add(user.id);
    }
    this.#lastCount = this.count;
  }

  get count(): number {
    return this.#hosts.size + this.#audience.size;
  }

  op(): unknown {
    throw new OpError('invalid', 'presence takes presence frames, not ops');
  }

  snapshot() {
    return { count: this.count, members: this.#list() };
  }

  answerSub(_user: User, id: string | number): string[] {
    const { name: ch } = this.handle;
    const members = (this.#listJson ??= wire.json(this.#list()));
    return [
      wire.okCount({ id, ch, count: this.count }),
      wire.presence({ ch, count: this.count }, members),
    ];
  }

  presence(
    subscriber: Subscriber,
    action: PresenceAction,
    given: Record<string, unknown> | undefined,
  ): Pick<OkFrame, 'count'> {
    if (
      given !== undefined &&
      Buffer.byteLength(JSON.stringify(given)) > PRESENCE_LIMITS.dataMaxBytes
    ) {
      throw new OpError(
        'too_large',
        `presence data is limited to ${PRESENCE_LIMITS.dataMaxBytes} bytes`,
      );
    }
    const data = given === undefined ? undefined : this.#kept(given);
    const user = subscriber.user;
    const member = this.#member(user.id);
    if (action === 'enter') {
      this.#screen(user, member, data);
      if (member && isStaff(member.user) === isStaff(user)) {
        member.connections.add(subscriber);
        this.#cancelGrace(member);
        const renamed = JSON.stringify(member.user) !== JSON.stringify(user);
        member.user = user;
        if (data !== undefined) this.#update(member, data);
        if (renamed) this.#touch(user.id);
      } else {
        // New, or a refreshed token moved the user between hosts and audience: a new place in
        // the list, so clients hear a leave and then a join.
        if (member) this.#remove(user.id);
        const fresh: Member = {
          user,
          data: data ?? member?.data ?? {},
          connections: new Set([...(member?.connections ?? []), subscriber]),
          graceTimer: null,
          since: Date.now(),
        };
        (isStaff(user) ? this.#hosts : this.#audience).set(user.id, fresh);
        this.#touch(user.id);
      }
    } else if (action === 'update') {
      if (!member?.connections.has(subscriber)) {
        throw new OpError('invalid', 'enter before update', { details: { field: 'action' } });
      }
      this.#screen(user, member, data ?? {});
      this.#update(member, data ?? {});
    } else if (member?.connections.delete(subscriber) && member.connections.size === 0) {
      // An explicit leave of the last connection is a leave now; only drops get the grace.
      this.#remove(user.id);
    }
    return { count: this.count };
  }

  disconnect(subscriber: Subscriber): void {
    const member = this.#member(subscriber.user.id);
    if (!member?.connections.delete(subscriber) || member.connections.size > 0) return;
    this.#startGrace(member);
  }

  #startGrace(member: Member) {
    this.#cancelGrace(member);
    member.graceTimer = this.handle.later(() => {
      member.graceTimer = null;
      if (member.connections.size === 0) this.#remove(member.user.id);
    }, this.handle.config.presenceGraceMs);
  }

  /** Members (present or in their grace) and changes not yet sent keep the channel loaded. */
  busy(): boolean {
    return this.count > 0 || this.#changes.waiting;
  }

  close(): void {
    this.#changes.cancel();
    for (const member of [...this.#hosts.values(), ...this.#audience.values()]) {
      this.#cancelGrace(member);
    }
  }

  /**
   * What the relay keeps of a member's data: no `name`, an `avatar` from a listed origin only,
   * and each string of the first level (a `status` is shown beside the name) cleaned as a
   * one-line text (`cleanText`); a lone surrogate there is `invalid`.
   */
  #kept(data: Record<string, unknown>): Record<string, unknown> {
    const { name: _name, avatar, ...rest } = data;
    // fromEntries defines each key as data, `__proto__` included.
    const kept = Object.fromEntries(
      Object.entries(rest).map(([key, value]) => {
        if (typeof value !== 'string') return [key, value];
        // A key is the sender's text: named only when it is a plain, short name.
        return [key, userText(value, PLAIN_KEY.test(key) ? `data.${key}` : 'data', true)];
      }),
    );
    const picture = listedAvatar(avatar, this.handle.config.avatarOrigins);
    return picture === undefined ? kept : { ...kept, avatar: picture };
  }

  /**
   * Refuses an audience member who would show a blocked term: in a name new to the list, or in
   * data that changed. Checking only what changes lets a resumed session re-enter as it was.
   */
  #screen(user: User, member: Member | undefined, data: Record<string, unknown> | undefined) {
    if (member?.user.name !== user.name) nameNotBlocked(this.handle, user);
    if (data === undefined || JSON.stringify(data) === JSON.stringify(member?.data)) return;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const plain = PLAIN_KEY.test(key);
      notBlocked(this.handle, user, plain ? `data.${key}` : 'data', value, plain ? key : 'data');
    }
  }

  #member(userId: string): Member | undefined {
    return this.#hosts.get(userId) ?? this.#audience.get(userId);
  }

  #cancelGrace(member: Member) {
    if (member.graceTimer) clearTimeout(member.graceTimer);
    member.graceTimer = null;
  }

  #update(member: Member, data: Record<string, unknown>) {
    // A resumed tab re-enters with the data it had: nothing to tell anyone.
    if (JSON.stringify(data) === JSON.stringify(member.data)) return;
    member.data = data;
    this.#touch(member.user.id);
  }

  #remove(userId: string) {
    const member = this.#member(userId);
    if (member) this.#cancelGrace(member);
    if (this.#hosts.delete(userId) || this.#audience.delete(userId)) {
      this.#left.add(userId);
      this.#touch(userId);
    }
  }

  /** Throttled, not debounced: the first change goes out within one interval. */
  #touch(userId: string) {
    this.#listJson = null;
    const member = this.#member(userId);
    this.handle.put(
      `m:${userId}`,
      member
        ? ({ user: member.user, data: member.data, since: member.since } satisfies StoredMember)
        : undefined,
    );
    this.#touched.add(userId);
    this.#changes.schedule();
  }

  #flush() {
    const touched = this.#touched;
    const left = this.#left;
    this.#touched = new Set();
    this.#left = new Set();
    const count = this.count;
    const limit = this.handle.config.presenceListLimit;
    const ch = this.handle.name;
    if (count > limit || this.#lastCount > limit) {
      // A big room: the count, and the first members when that list changed.
      const members = this.#list();
      const list = wire.json(members);
      this.#announced = count > limit ? new Set() : new Set(members.map((m) => m.id));
      if (list === this.#lastList && count === this.#lastCount) return;
      const changed = list !== this.#lastList;
      this.#lastList = list;
      this.#lastCount = count;
      this.handle.broadcast(wire.presence({ ch, count }, changed ? list : undefined));
      return;
    }
    const join: PresenceMember[] = [];
    const leave: string[] = [];
    const update: PresenceMember[] = [];
    const rejoined: string[] = [];
    for (const userId of touched) {
      const member = this.#member(userId);
      if (member && left.has(userId) && this.#announced.delete(userId)) {
        // Gone and back within one interval, now at another place in the list: the leave goes
        // now and the join with the next frame, so no client has to guess the order.
        leave.push(userId);
        rejoined.push(userId);
      } else if (member && !this.#announced.has(userId)) {
        join.push(toMember(member));
        this.#announced.add(userId);
      } else if (!member && this.#announced.delete(userId)) {
        leave.push(userId);
      } else if (member) {
        update.push(toMember(member));
      }
    }
    this.#lastList = '';
    for (const userId of rejoined) this.#touch(userId);
    if (join.length + leave.length + update.length === 0 && count === this.#lastCount) return;
    this.#lastCount = count;
    const frame: Omit<PresenceOutFrame, 't' | 'members'> = { ch, count };
    if (join.length) frame.join = join;
    if (leave.length) frame.leave = leave;
    if (update.length) frame.update = update;
    this.handle.broadcast(wire.presence(frame));
  }

  /** The first `presenceListLimit` members: hosts first, then the longest present. */
  #list(): PresenceMember[] {
    const limit = this.handle.config.presenceListLimit;
    const list: PresenceMember[] = [];
    for (const members of [this.#hosts, this.#audience]) {
      for (const member of members.values()) {
        if (list.length >= limit) return list;
        list.push(toMember(member));
      }
    }
    return list;
  }
}

function toMember({ user, data }: Member): PresenceMember {
  return { ...user, data };
}

/** A `data` key an error may name: a letter, then up to 31 letters, digits, `_` or `-`. */
const PLAIN_KEY = /^[A-Za-z][\w-]{0,31}$/;

export const presence: FeatureModule<PresenceOps, PresenceEvents, never> = {
  name: 'presence',
  signals: [],
  open: (handle, stored) => new PresenceChannel(handle, stored),
};
