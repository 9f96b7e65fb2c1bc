/**
 * chat (`ROOM/chat`): messages, deletes, one pinned message, bans and timeouts, hidden users,
 * slow mode, the audience's chat delay and the moderation log.
 *
 * Messages are the channel's history itself: the state keeps an index of the messages still in
 * history (to check `replyTo`, `delete` and `pin`) and derives the snapshot's last 100 from it.
 * Pinned, settings, bans, hidden users, held messages and the log are records.
 *
 * A hidden user's message, and an audience message held by the chat delay, is an event with
 * `visibleTo` (its author): the channel sends it whole to staff, to the author without the
 * staff's markers, and as `withheld` to everyone else. A held message is emitted again, for all,
 * when the delay ends, unless it was deleted meanwhile.
 *
 * A message held for review (the room's hold rules) is such an event too, marked `held`, and an
 * item of the channel's review queue: approved, it is emitted again for all at the head;
 * rejected, it is deleted out of the audience's sight. Reports on messages join the same queue.
 */
import { newId } from '../ids.js';
import {
  isStaff,
  CHAT_LIMITS,
  CHAT_SNAPSHOT_MESSAGES,
  CHAT_TEXT_MAX,
  type ChatEvents,
  type ChatHoldRule,
  type ChatLogEntry,
  type ChatModAction,
  type ChatMe,
  type ChatOps,
  type ChatMessage,
  type ChatPinned,
  type ChatSettings,
  type ChatShieldPreset,
  type ReviewDecision,
  type ReviewItem,
  type Role,
  type User,
} from '../../src/protocol/index.js';
import { isAnonymous } from '../auth.js';
import { BoundedMap, BoundedSet } from '../bounded.js';
import { isReservedUserId } from '../reserved.js';
import { roleRank } from '../roles.js';
import { OpError, invalid } from '../errors.js';
import { containsBlocked, matchKey, matchKeys } from '../text.js';
import {
  checkGates,
  defaultShieldPreset,
  gatesOf,
  hasLink,
  parseGates,
  withGates,
} from './chat-gates.js';
import { ReviewQueue } from './review.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { SIGNED_IN_ONLY, dispatch, type OpHandlers } from './feature.js';
import {
  id,
  nameNotBlocked,
  notBlocked,
  optionalId,
  integer,
  optionalInteger,
  requireHost,
  text,
} from './validate.js';

interface Entry {
  message: ChatMessage;
  deleted: boolean;
}

class ChatChannel implements FeatureChannel {
  /** Messages still in history, oldest first, and the same entries by id. */
  #log: Entry[] = [];
  #byId = new Map<string, Entry>();
  #pinned: ChatPinned = { id: null };
  #settings: ChatSettings = { slowModeSeconds: 0 };
  /** userId → until (ms) or null for a ban without end. */
  #bans = new Map<string, number | null>();
  /**
   * Bans of anonymous users also cover the address they were last seen from (its keyed hash),
   * for as long: a fresh anonymous key is free, a new address is not. address → ban.
   */
  #addressBans = new Map<string, { userId: string; until: number | null }>();
  /** Terms the room's audience may not write (hosts' list), as typed, and their match keys. */
  #blockedTerms: string[] = [];
  #blockedKeys: string[] = [];
  /** userId → time of their last send, for slow mode. Not persisted: a restart forgives. */
  #lastSend = new Map<string, number>();
  /** userId → the reason of their timeout, while it lasts. */
  #banReasons = new Map<string, string>();
  /** Users whose messages reach only them and staff (shadow). */
  #hiddenUsers = new Set<string>();
  /** Authors of messages that reach only them and staff: their snapshot is their own. */
  #restrictedAuthors = new Set<string>();
  /** Messages held by the chat delay → the timer that releases them. */
  #held = new Map<string, NodeJS.Timeout>();
  /** The moderation log, oldest first, at most `logKept`. */
  #modLog: ChatLogEntry[] = [];
  /**
   * userId → when the user was first seen in the room (their first `sub` of its chat), for the
   * first-time chatter delay. Kept with the channel, so a reconnect or a restart is no new start.
   */
  #firstSeen = new BoundedMap<string, number>(FIRST_SEEN_MAX, (oldest) =>
    this.handle.put(`seen:${oldest}`, undefined),
  );
  /** What raising the shield applies, and (while it is up) the gates it replaced. */
  #shieldPreset: ChatShieldPreset = defaultShieldPreset();
  #beforeShield: ChatShieldPreset | null = null;
  /** Terms that hold an audience message for review (hosts' list), and their match keys. */
  #reviewTerms: string[] = [];
  #reviewKeys: string[] = [];
  /**
   * Users with a message that reached the room: no longer first-time chatters. Kept with the
   * channel (`chatted:ID`), bounded like first sightings.
   */
  #chatted = new BoundedSet<string>(FIRST_SEEN_MAX, (oldest) =>
    this.handle.put(`chatted:${oldest}`, undefined),
  );
  /** Held messages and reported ones, for staff to decide. */
  #review: ReviewQueue;
  /**
   * Hosts and moderators as last seen in the room (a `sub`, op, presence frame or signal on any
   * of its channels), kept (`role:ID`) so a host who left, or who is on another relay of a
   * cluster, is still one to moderation; a user last seen as audience is not here.
   */
  #staffRoles = new BoundedMap<string, Role>(STAFF_REMEMBERED_MAX, (oldest) =>
    this.handle.put(`role:${oldest}`, undefined),
  );

  constructor(
    private handle: ChannelHandle<ChatEvents, ChatMe>,
    stored: StoredState,
  ) {
    for (const ev of stored.history) this.#apply(ev.type, ev.data, ev.seq, ev.ts);
    this.#review = new ReviewQueue(handle, stored, {
      feature: 'chat',
      decide: (item, decision) => this.#decide(item, decision),
    });
    this.#setReviewTerms((stored.records.get('reviewTerms') as string[] | undefined) ?? []);
    const pinned = stored.records.get('pinned') as ChatPinned | undefined;
    if (pinned) this.#pinned = pinned;
    const settings = stored.records.get('settings') as ChatSettings | undefined;
    if (settings) this.#settings = settings;
    this.#setBlockedTerms((stored.records.get('blockedTerms') as string[] | undefined) ?? []);
    const preset = stored.records.get('shieldPreset') as ChatShieldPreset | undefined;
    if (preset) this.#shieldPreset = preset;
    this.#beforeShield =
      (stored.records.get('beforeShield') as ChatShieldPreset | undefined) ?? null;
    for (const [key, value] of stored.records) {
      if (key.startsWith('seen:')) this.#firstSeen.set(key.slice(5), value as number);
      if (key.startsWith('chatted:')) this.#chatted.add(key.slice(8));
      if (key.startsWith('ban:')) this.#bans.set(key.slice(4), value as number | null);
      if (key.startsWith('banaddr:')) {
        this.#addressBans.set(key.slice(8), value as { userId: string; until: number | null });
      }
      if (key.startsWith('banwhy:')) this.#banReasons.set(key.slice(7), value as string);
      if (key.startsWith('hidden:')) this.#hiddenUsers.add(key.slice(7));
      if (key.startsWith('modlog:')) this.#modLog.push(value as ChatLogEntry);
      if (key.startsWith('held:')) this.#hold(key.slice(5), value as number);
      if (key.startsWith('role:')) this.#staffRoles.set(key.slice(5), value as Role);
    }
    this.#modLog.sort((a, b) => a.n - b.n);
  }

  readonly #ops: OpHandlers<ChatOps> = {
    send: (user, data) => this.#send(user, data),
    delete: (user, data) => this.#delete(user, data),
    pin: (user, data) => this.#pin(user, data),
    unpin: (user) => this.#unpin(user),
    ban: (user, data) => this.#ban(user, data),
    unban: (user, data) => this.#unban(user, data),
    settings: (user, data) => this.#changeSettings(user, data),
    timeout: (user, data) => this.#timeout(user, data),
    hide: (user, data) => this.#hide(user, data, true),
    unhide: (user, data) => this.#hide(user, data, false),
    log: (user, data) => this.#logPage(user, data),
    shield: (user, data) => this.#shield(user, data),
    shieldPreset: (user, data) => this.#changeShieldPreset(user, data),
    ...this.#reviewOps(),
    report: (user, data) => this.#report(user, data),
  };

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    const result = dispatch('chat', this.#ops, user, type, data);
    this.#seeRole(user);
    return result;
  }

  /**
   * Hosts see bans and blocked terms; everyone else the same messages, pin and settings, but for
   * authors of messages only they (and staff) see.
   */
  snapshotKey(user: User): string | null {
    return isStaff(user) || this.#restrictedAuthors.has(user.id) ? null : 'audience';
  }

  snapshot(user: User) {
    const messages: ChatMessage[] = [];
    for (let i = this.#log.length - 1; i >= 0 && messages.length < CHAT_SNAPSHOT_MESSAGES; i--) {
      const entry = this.#log[i];
      if (!this.#inHistory(entry)) break;
      if (!entry.deleted) {
        const message = this.#messageFor(entry.message, user);
        if (message) messages.push(message);
      }
    }
    messages.reverse();
    const snapshot: Record<string, unknown> = {
      messages,
      pinned: this.#pinned,
      settings: this.#settings,
    };
    if (isStaff(user)) {
      snapshot.bans = [...this.#activeBans()].map(([userId, until]) => {
        const reason = this.#banReasons.get(userId);
        return reason === undefined
          ? { userId, banned: true, until }
          : { userId, banned: true, until, reason };
      });
      snapshot.blockedTerms = this.#blockedTerms;
      snapshot.hiddenUsers = [...this.#hiddenUsers];
      snapshot.shieldPreset = this.#shieldPreset;
      snapshot.reviewTerms = this.#reviewTerms;
      snapshot.review = this.#review.items();
    }
    return snapshot;
  }

  meFor(user: User): unknown[] {
    this.#see(user);
    this.#seeRole(user);
    const until = this.#banUntil(user.id);
    if (until === undefined) return [];
    const reason = this.#banReasons.get(user.id);
    return [reason === undefined ? { banned: true, until } : { banned: true, until, reason }];
  }

  busy(): boolean {
    return this.#held.size > 0;
  }

  close(): void {
    for (const timer of this.#held.values()) clearTimeout(timer);
    this.#held.clear();
  }

  refuse(user: User, address: string): string | null {
    // A host's ban of a moderator holds; nobody restricts a host (see #restrictable).
    if (user.role === 'host') return null;
    let until = this.#banUntil(user.id);
    if (until === undefined && isAnonymous(user)) {
      const ban = this.#addressBans.get(address);
      if (ban && (ban.until === null || ban.until > this.handle.now())) until = ban.until;
    }
    if (until === undefined) return null;
    return until === null
      ? 'you are banned from this room'
      : `you are banned from this room until ${new Date(until).toISOString()}`;
  }

  refuseEntry(user: User): string | null {
    return this.#settings.signedInOnly && isAnonymous(user) ? SIGNED_IN_ONLY : null;
  }

  seen(user: User): void {
    this.#seeRole(user);
  }

  heardByStaffOnly(user: User): boolean {
    return this.#hiddenUsers.has(user.id);
  }

  screen(written: string): boolean {
    return containsBlocked(written, this.#blockedKeys);
  }

  #send(user: User, data: Record<string, unknown>) {
    const body = text(data, 'text', 1, CHAT_TEXT_MAX);
    nameNotBlocked(this.handle, user);
    notBlocked(this.handle, user, 'text', body, 'message');
    const replyTo = optionalId(data, 'replyTo');
    if (replyTo !== undefined && !this.#live(replyTo)) {
      throw new OpError('not_found', 'the message replied to is no longer in history', {
        details: { field: 'replyTo' },
      });
    }
    const now = this.handle.now();
    checkGates(this.#settings, user, body, now, this.#firstSeen.get(user.id));
    const slowMs = this.#settings.slowModeSeconds * 1000;
    if (slowMs > 0 && !isStaff(user)) {
      const last = this.#lastSend.get(user.id);
      if (last !== undefined && now - last < slowMs) {
        const retryAfterMs = slowMs - (now - last);
        throw new OpError('rate_limited', 'slow mode is on', { retryAfterMs });
      }
    }
    const message: ChatMessage = { id: newId(9), text: body, user };
    if (replyTo !== undefined) message.replyTo = replyTo;
    const delayMs = (this.#settings.chatDelaySeconds ?? 0) * 1000;
    const holdRule = this.#hiddenUsers.has(user.id) ? undefined : this.#holdRule(user, body);
    if (holdRule !== undefined) this.#review.checkRoom(user.id);
    if (this.#hiddenUsers.has(user.id)) {
      message.visibleTo = user.id;
      message.hidden = true;
    } else if (holdRule !== undefined) {
      message.visibleTo = user.id;
      message.held = true;
      message.heldFor = holdRule;
    } else if (delayMs > 0 && !isStaff(user)) {
      message.visibleTo = user.id;
      message.delayedUntil = now + delayMs;
    }
    const seq = this.handle.emit('message', message);
    this.#apply('message', message, seq, now);
    this.#lastSend.set(user.id, now);
    if (message.delayedUntil !== undefined) {
      this.handle.put(`held:${message.id}`, message.delayedUntil);
      this.#hold(message.id, message.delayedUntil);
    }
    if (holdRule !== undefined) {
      this.#review.hold({
        id: message.id,
        text: body,
        user: { id: user.id, name: user.name },
        held: holdRule,
      });
      return { id: message.id, status: 'held' };
    }
    if (!message.hidden) this.#markChatted(user);
    return { id: message.id };
  }

  #delete(user: User, data: Record<string, unknown>) {
    const messageId = id(data, 'id');
    const entry = this.#live(messageId);
    if (!entry) throw new OpError('not_found', 'no such message');
    if (entry.message.user.id !== user.id && !isStaff(user)) {
      throw new OpError('forbidden', 'only the author or a host may delete a message');
    }
    const author = entry.message.user;
    if (author.id !== user.id && user.role === 'moderator' && isStaff(author)) {
      throw new OpError('forbidden', 'only a host can delete a message of a host or moderator', {
        details: { field: 'id', reason: 'outranked', role: author.role },
      });
    }
    // A message the audience never received is deleted out of their sight too.
    const visibleTo = entry.message.visibleTo;
    const deleted = visibleTo === undefined ? { id: messageId } : { id: messageId, visibleTo };
    const seq = this.handle.emit('deleted', deleted);
    this.#apply('deleted', deleted, seq, this.handle.now());
    this.#unhold(messageId);
    this.#review.drop(messageId, entry.message.held ? 'reject' : 'dismiss', user);
    if (this.#pinned.id === messageId) this.#setPinned({ id: null });
    if (entry.message.user.id !== user.id) {
      this.#record(user, 'delete', { target: entry.message.user, messageId });
    }
    return {};
  }

  #pin(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const messageId = id(data, 'id');
    const entry = this.#live(messageId);
    if (!entry) throw new OpError('not_found', 'no such message');
    // Only a message everyone received may be pinned for everyone.
    if (entry.message.visibleTo !== undefined) {
      throw new OpError('conflict', 'the message has not reached the audience');
    }
    this.#setPinned({ id: messageId, message: entry.message });
    this.#record(user, 'pin', { target: entry.message.user, messageId });
    return {};
  }

  #unpin(user: User) {
    requireHost(user);
    if (this.#pinned.id === null) return {};
    const messageId = this.#pinned.id;
    this.#setPinned({ id: null });
    this.#record(user, 'unpin', { messageId });
    return {};
  }

  #ban(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const userId = this.#restrictable(user, data);
    const minutes = optionalInteger(data, 'minutes', 1, CHAT_LIMITS.banMinutesMax);
    const until = minutes === undefined ? null : this.handle.now() + minutes * 60_000;
    this.#restrict(userId, until, undefined);
    const entry: Partial<ChatLogEntry> = { target: this.#userRef(userId) };
    if (minutes !== undefined) entry.seconds = minutes * 60;
    this.#record(user, 'ban', entry);
    return {};
  }

  /** A timeout: a ban of `seconds`, with the reason the user is shown beside the time left. */
  #timeout(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const userId = this.#restrictable(user, data);
    const seconds = integer(
      data,
      'seconds',
      CHAT_LIMITS.timeoutSecondsMin,
      CHAT_LIMITS.timeoutSecondsMax,
    );
    const reason =
      data.reason === undefined || data.reason === ''
        ? undefined
        : text(data, 'reason', 0, CHAT_LIMITS.reasonMax) || undefined;
    const until = this.handle.now() + seconds * 1000;
    this.#restrict(userId, until, reason);
    this.handle.sendMe(
      userId,
      reason === undefined ? { banned: true, until } : { banned: true, until, reason },
    );
    const entry: Partial<ChatLogEntry> = { target: this.#userRef(userId), seconds };
    if (reason !== undefined) entry.reason = reason;
    this.#record(user, 'timeout', entry);
    return { until };
  }

  /** Bans `userId` until `until` (null: until `unban`), with or without a reason. */
  #restrict(userId: string, until: number | null, reason: string | undefined) {
    this.#roomForBan(userId);
    this.#bans.set(userId, until);
    if (reason === undefined) {
      if (this.#banReasons.delete(userId)) this.handle.put(`banwhy:${userId}`, undefined);
    } else {
      this.#banReasons.set(userId, reason);
      this.handle.put(`banwhy:${userId}`, reason);
    }
    this.handle.put(`ban:${userId}`, until);
    const address = userId.startsWith('anon-') ? this.handle.lastAddressOf(userId) : undefined;
    if (address) {
      this.#addressBans.set(address, { userId, until });
      this.handle.put(`banaddr:${address}`, { userId, until });
    }
    this.handle.emit('banned', { userId, banned: true, until });
    this.handle.recheckRoom();
  }

  /**
   * Refuses a ban of one more user while `BANS_MAX` are in force, after forgetting the ended
   * ones: without a bound, a script with a moderator's token grew the room's records, memory and
   * every staff snapshot without end.
   */
  #roomForBan(userId: string): void {
    if (this.#bans.has(userId) || this.#bans.size < BANS_MAX) return;
    this.#forgetEndedBans();
    if (this.#bans.size < BANS_MAX) return;
    throw new OpError('conflict', `at most ${BANS_MAX} users may be banned in a room at once`, {
      details: { field: 'userId', limit: BANS_MAX },
    });
  }

  /** Forgets bans and timeouts that have ended (they refuse nothing), with their records. */
  #forgetEndedBans(): void {
    const now = this.handle.now();
    const ended = (until: number | null) => until !== null && until <= now;
    for (const [userId, until] of this.#bans) {
      if (!ended(until)) continue;
      this.#bans.delete(userId);
      this.handle.put(`ban:${userId}`, undefined);
      if (this.#banReasons.delete(userId)) this.handle.put(`banwhy:${userId}`, undefined);
    }
    for (const [address, ban] of this.#addressBans) {
      if (!ended(ban.until)) continue;
      this.#addressBans.delete(address);
      this.handle.put(`banaddr:${address}`, undefined);
    }
  }

  #unban(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const userId = id(data, 'userId');
    this.#bans.delete(userId);
    this.handle.put(`ban:${userId}`, undefined);
    if (this.#banReasons.delete(userId)) this.handle.put(`banwhy:${userId}`, undefined);
    for (const [address, ban] of this.#addressBans) {
      if (ban.userId !== userId) continue;
      this.#addressBans.delete(address);
      this.handle.put(`banaddr:${address}`, undefined);
    }
    this.handle.emit('banned', { userId, banned: false, until: null });
    this.#record(user, 'unban', { target: this.#userRef(userId) });
    return {};
  }

  /**
   * Hides (shadows) a user, or stops: from now on their messages reach only them and staff.
   * Messages sent while hidden stay hidden after `unhide`. The user is never told.
   */
  #hide(user: User, data: Record<string, unknown>, hide: boolean) {
    requireHost(user);
    // Lifting is always allowed: it clears what was recorded before the relay refused it.
    const userId = hide ? this.#restrictable(user, data) : id(data, 'userId');
    if (hide === this.#hiddenUsers.has(userId)) return {};
    if (hide && this.#hiddenUsers.size >= HIDDEN_USERS_MAX) {
      throw new OpError('conflict', `at most ${HIDDEN_USERS_MAX} users may be hidden in a room`, {
        details: { field: 'userId', limit: HIDDEN_USERS_MAX },
      });
    }
    if (hide) this.#hiddenUsers.add(userId);
    else this.#hiddenUsers.delete(userId);
    this.handle.put(`hidden:${userId}`, hide ? true : undefined);
    this.handle.sendMeToHosts({ hiddenUsers: [...this.#hiddenUsers] });
    this.#record(user, hide ? 'hide' : 'unhide', { target: this.#userRef(userId) });
    return {};
  }

  /** A page of the moderation log, newest first, for hosts and moderators. */
  #logPage(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const before = optionalInteger(data, 'before', 1, Number.MAX_SAFE_INTEGER);
    const limit = optionalInteger(data, 'limit', 1, CHAT_LIMITS.logPageMax) ?? 50;
    const entries: ChatLogEntry[] = [];
    const below = before ?? Number.POSITIVE_INFINITY;
    let i = this.#modLog.length - 1;
    while (i >= 0 && this.#modLog[i].n >= below) i--;
    for (; i >= 0 && entries.length < limit; i--) entries.push(this.#modLog[i]);
    return { entries, more: i >= 0 };
  }

  /** Writes one line of the moderation log (kept with the room's records) and tells staff. */
  #record(by: User, action: ChatModAction, extra: Partial<ChatLogEntry>) {
    const n = (this.#modLog.at(-1)?.n ?? 0) + 1;
    const entry: ChatLogEntry = {
      n,
      at: this.handle.now(),
      by: { id: by.id, name: by.name },
      action,
      ...extra,
    };
    this.#modLog.push(entry);
    this.handle.put(logKey(n), entry);
    while (this.#modLog.length > CHAT_LIMITS.logKept) {
      this.handle.put(logKey(this.#modLog.shift()!.n), undefined);
    }
    this.handle.sendMeToHosts({ log: entry });
  }

  /** A user acted on, named as their newest message in history names them, if any. */
  #userRef(userId: string): { id: string; name?: string } {
    for (let i = this.#log.length - 1, seen = 0; i >= 0 && seen < 1000; i--, seen++) {
      const author = this.#log[i].message.user;
      if (author.id === userId) return { id: userId, name: author.name };
    }
    return { id: userId };
  }

  /** Releases a held message to the audience at `until` (relay ms); at once if already past. */
  #hold(messageId: string, until: number) {
    clearTimeout(this.#held.get(messageId));
    const wait = Math.max(0, until - Date.now());
    this.#held.set(
      messageId,
      this.handle.later(() => this.#release(messageId), wait),
    );
  }

  #unhold(messageId: string) {
    const timer = this.#held.get(messageId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#held.delete(messageId);
    this.handle.put(`held:${messageId}`, undefined);
  }

  /** The delay is over: the message, unless deleted meanwhile, is emitted again for everyone. */
  #release(messageId: string) {
    this.#unhold(messageId);
    const entry = this.#byId.get(messageId);
    if (!entry || entry.deleted || entry.message.delayedUntil === undefined) return;
    const message = withoutMarkers(entry.message);
    delete message.seq;
    delete message.ts;
    const seq = this.handle.emit('message', message);
    this.#apply('message', message, seq, this.handle.now());
  }

  /** What `user` may see of a message: all (staff), without staff's markers (author), or none. */
  #messageFor(message: ChatMessage, user: User): ChatMessage | null {
    if (message.visibleTo === undefined || isStaff(user)) return message;
    if (message.visibleTo !== user.id) return null;
    const own = withoutMarkers(message);
    if (message.held) own.held = true;
    return own;
  }

  /**
   * The gates, slow mode and the chat delay for everyone to see; `blockedTerms` for hosts' eyes
   * only. Every change is a line of the moderation log.
   */
  #changeSettings(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const gates = parseGates(data);
    if (
      Object.keys(gates).length === 0 &&
      data.blockedTerms === undefined &&
      data.reviewTerms === undefined
    ) {
      throw invalid(
        'settings needs slowModeSeconds, a gate, chatDelaySeconds, blockedTerms or reviewTerms',
        { field: 'slowModeSeconds' },
      );
    }
    const blockedTerms =
      data.blockedTerms === undefined ? undefined : parseTerms(data, 'blockedTerms');
    const reviewTerms =
      data.reviewTerms === undefined ? undefined : parseTerms(data, 'reviewTerms');
    const changed: Record<string, unknown> = { ...gates };
    if (blockedTerms !== undefined) changed.blockedTerms = blockedTerms.length;
    if (reviewTerms !== undefined) changed.reviewTerms = reviewTerms.length;
    this.#record(user, 'settings', { settings: changed });
    if (reviewTerms !== undefined) {
      this.#setReviewTerms(reviewTerms);
      this.handle.put('reviewTerms', reviewTerms);
      this.handle.sendMeToHosts({ reviewTerms });
    }
    if (blockedTerms !== undefined) {
      this.#setBlockedTerms(blockedTerms);
      this.handle.put('blockedTerms', blockedTerms);
      this.handle.sendMeToHosts({ blockedTerms });
    }
    if (Object.keys(gates).length === 0) return {};
    this.#setSettings(withGates(this.#settings, gates));
    return {};
  }

  #setSettings(settings: ChatSettings) {
    const closing = settings.signedInOnly && !this.#settings.signedInOnly;
    this.#settings = settings;
    this.handle.put('settings', this.#settings);
    this.handle.emit('settings', this.#settings);
    // Anonymous users already in the room leave it, on every channel.
    if (closing) this.handle.recheckRoom();
  }

  /**
   * Raises the shield (the preset's gates at once, the ones it replaces kept) or lifts it (those
   * restored). Raising it again while up, or lifting it while down, changes nothing.
   */
  #shield(user: User, data: Record<string, unknown>) {
    requireHost(user);
    if (typeof data.on !== 'boolean') throw invalid('on must be a boolean', { field: 'on' });
    if (data.on === (this.#settings.shield === true)) return {};
    if (data.on) {
      this.#beforeShield = gatesOf(this.#settings);
      // A preset that holds messages is undone by holding none, if none were held before.
      if (this.#shieldPreset.hold !== undefined) this.#beforeShield.hold ??= [];
      this.handle.put('beforeShield', this.#beforeShield);
      this.#record(user, 'shield', { on: true, settings: { ...this.#shieldPreset } });
      this.#setSettings({ ...withGates(this.#settings, this.#shieldPreset), shield: true });
    } else {
      const before = this.#beforeShield ?? {};
      const restored = withGates(this.#settings, before);
      delete restored.shield;
      this.#beforeShield = null;
      this.handle.put('beforeShield', undefined);
      this.#record(user, 'shield', { on: false, settings: { ...before } });
      this.#setSettings(restored);
    }
    return {};
  }

  /** Replaces what raising the shield applies (a shield already up keeps what it applied). */
  #changeShieldPreset(user: User, data: Record<string, unknown>) {
    requireHost(user);
    this.#shieldPreset = parseGates(data);
    this.#record(user, 'shieldPreset', { settings: { ...this.#shieldPreset } });
    this.handle.put('shieldPreset', this.#shieldPreset);
    this.handle.sendMeToHosts({ shieldPreset: this.#shieldPreset });
    return {};
  }

  /** Notes the role a user was last seen with in the room: kept for hosts and moderators only. */
  #seeRole(user: User) {
    if (isStaff(user)) {
      if (this.#staffRoles.get(user.id) === user.role) return;
      this.#staffRoles.set(user.id, user.role);
      this.handle.put(`role:${user.id}`, user.role);
    } else if (this.#staffRoles.delete(user.id)) {
      this.handle.put(`role:${user.id}`, undefined);
    }
  }

  /**
   * The role a user holds in the room as far as the relay knows: on a connection it serves now,
   * else as last seen in this chat, else as the author of their newest message in history;
   * undefined when unknown.
   */
  #knownRole(userId: string): Role | undefined {
    const live = this.handle.liveRole(userId);
    if (live !== undefined) return live;
    const remembered = this.#staffRoles.get(userId);
    if (remembered !== undefined) return remembered;
    for (let i = this.#log.length - 1, seen = 0; i >= 0 && seen < 1000; i--, seen++) {
      const author = this.#log[i].message.user;
      if (author.id === userId) return author.role;
    }
    return undefined;
  }

  /**
   * The `userId` a ban, timeout or hide by `actor` acts on: not one of the relay's own senders,
   * not the actor, and not a user known to hold a role at or above the actor's (a moderator
   * restricts the audience; a host, moderators too). A user whose role is unknown may be.
   */
  #restrictable(actor: User, data: Record<string, unknown>): string {
    const userId = restrictable(data);
    if (userId === actor.id) {
      throw new OpError('forbidden', 'hosts and moderators cannot restrict themselves', {
        details: { field: 'userId', reason: 'self' },
      });
    }
    const role = this.#knownRole(userId);
    if (role !== undefined && roleRank(role) >= roleRank(actor.role)) {
      throw new OpError(
        'forbidden',
        role === 'host'
          ? 'a host cannot be banned, timed out or hidden'
          : 'only a host can ban, time out or hide a moderator',
        { details: { field: 'userId', reason: 'outranked', role } },
      );
    }
    return userId;
  }

  /**
   * Notes when a user is first seen in the room, for the first-time chatter delay. Bounded: past
   * `FIRST_SEEN_MAX` users, the longest known is forgotten (and would wait again, once).
   */
  #see(user: User) {
    if (isStaff(user) || this.#firstSeen.has(user.id)) return;
    const now = this.handle.now();
    this.#firstSeen.set(user.id, now);
    this.handle.put(`seen:${user.id}`, now);
  }

  /**
   * The first hold rule `body` from `user` meets, if any: staff are never held. `links: 'held'`
   * (a gate, or the shield's) holds links as the `links` rule does.
   */
  #holdRule(user: User, body: string): ChatHoldRule | undefined {
    if (isStaff(user)) return undefined;
    const rules = this.#settings.hold ?? [];
    if (rules.includes('all')) return 'all';
    if (rules.includes('firstTime') && !this.#chatted.has(user.id)) return 'firstTime';
    if ((rules.includes('links') || this.#settings.links === 'held') && hasLink(body)) {
      return 'links';
    }
    if (rules.includes('terms') && containsBlocked(body, this.#reviewKeys)) return 'terms';
    return undefined;
  }

  /**
   * `approve`, `reject` and `dismiss`, each a line of the moderation log. (Called while the
   * fields are set up, before the queue exists: the handlers find it when they run.)
   */
  #reviewOps() {
    const logged = (decision: ReviewDecision) => (user: User, data: Record<string, unknown>) => {
      const item = this.#review.decide(user, id(data, 'id'), decision);
      this.#record(user, decision, { target: item.user, messageId: item.id });
      return {};
    };
    return { approve: logged('approve'), reject: logged('reject'), dismiss: logged('dismiss') };
  }

  /**
   * What a decision does to the message: approved, it is emitted again for everyone at the head
   * (a new seq, so resume stays exactly-once) and its author is no first-time chatter any more;
   * rejected, it is deleted out of the audience's sight. A dismissed report changes nothing.
   */
  #decide(item: ReviewItem, decision: ReviewDecision) {
    if (decision === 'dismiss') return;
    const entry = this.#live(item.id);
    if (!entry) return;
    if (decision === 'approve') {
      const message = withoutMarkers(entry.message);
      delete message.seq;
      delete message.ts;
      const seq = this.handle.emit('message', message);
      this.#apply('message', message, seq, this.handle.now());
      this.#markChatted(message.user);
      return;
    }
    const deleted = { id: item.id, visibleTo: item.user.id, rejected: true } as const;
    const seq = this.handle.emit('deleted', deleted);
    this.#apply('deleted', deleted, seq, this.handle.now());
  }

  /** A viewer's report on someone else's message that they can see: one per viewer. */
  #report(user: User, data: Record<string, unknown>) {
    const messageId = id(data, 'id');
    const entry = this.#live(messageId);
    if (!entry || !this.#messageFor(entry.message, user)) {
      throw new OpError('not_found', 'no such message');
    }
    const author = entry.message.user;
    if (author.id === user.id) throw invalid('you cannot report your own message', { field: 'id' });
    const count = this.#review.report(
      user,
      { id: messageId, text: entry.message.text, user: { id: author.id, name: author.name } },
      data,
    );
    return { reported: true, count };
  }

  /** The user has a message in the room: no longer a first-time chatter. Bounded. */
  #markChatted(user: User) {
    if (isStaff(user) || this.#chatted.has(user.id)) return;
    this.#chatted.add(user.id);
    this.handle.put(`chatted:${user.id}`, true);
  }

  #setReviewTerms(terms: string[]) {
    this.#reviewTerms = terms;
    this.#reviewKeys = matchKeys(terms);
  }

  #setBlockedTerms(terms: string[]) {
    this.#blockedTerms = terms;
    this.#blockedKeys = matchKeys(terms);
  }

  #setPinned(pinned: ChatPinned) {
    this.#pinned = pinned;
    this.handle.put('pinned', pinned);
    this.handle.emit('pinned', pinned);
  }

  /** Keeps the index in step with the history: the same fold at load and after each op. */
  #apply(type: string, data: unknown, seq: number, ts: number) {
    if (type === 'message') {
      const message = { ...(data as ChatMessage), seq, ts };
      const released = this.#byId.get(message.id);
      if (released) {
        // A held message released to the audience: the same message, now for everyone.
        released.message = message;
        return;
      }
      if (message.visibleTo !== undefined) this.#restrictedAuthors.add(message.visibleTo);
      const entry = { message, deleted: false };
      this.#log.push(entry);
      this.#byId.set(message.id, entry);
      this.#trim();
    } else if (type === 'deleted') {
      const entry = this.#byId.get((data as { id: string }).id);
      if (entry) entry.deleted = true;
    }
  }

  /** Forgets messages long gone from history; whether one is still in it is #inHistory. */
  #trim() {
    const limit = this.handle.config.historyLimit;
    if (this.#log.length <= limit + Math.ceil(limit / 10)) return;
    for (const entry of this.#log.splice(0, this.#log.length - limit)) {
      this.#byId.delete(entry.message.id);
    }
  }

  #live(messageId: string): Entry | undefined {
    const entry = this.#byId.get(messageId);
    return entry && !entry.deleted && this.#inHistory(entry) ? entry : undefined;
  }

  /** Whether the message is still in history, by count and by age. */
  #inHistory(entry: Entry): boolean {
    const { historyLimit, historyTtlMs } = this.handle.config;
    if (entry.message.seq! <= this.handle.head() - historyLimit) return false;
    return (entry.message.ts ?? 0) >= this.handle.now() - historyTtlMs;
  }

  /** undefined when not banned; null for a ban without end. */
  #banUntil(userId: string): number | null | undefined {
    if (!this.#bans.has(userId)) return undefined;
    const until = this.#bans.get(userId)!;
    if (until !== null && until <= this.handle.now()) return undefined;
    return until;
  }

  *#activeBans(): Iterable<[string, number | null]> {
    for (const userId of this.#bans.keys()) {
      const until = this.#banUntil(userId);
      if (until !== undefined) yield [userId, until];
    }
  }
}

/** A copy of a message without the staff's markers (`visibleTo`, `hidden`, `delayedUntil`). */
function withoutMarkers(message: ChatMessage): ChatMessage {
  const copy = { ...message };
  delete copy.visibleTo;
  delete copy.hidden;
  delete copy.delayedUntil;
  delete copy.held;
  delete copy.heldFor;
  return copy;
}

/**
 * The `userId` a ban, timeout or hide acts on: never one of the relay's own senders (the system
 * sender of server-key calls), whose ban would silence the site's backend in the room.
 */
function restrictable(data: Record<string, unknown>): string {
  const userId = id(data, 'userId');
  if (isReservedUserId(userId)) {
    throw new OpError(
      'forbidden',
      'this user id is the relay’s own sender and cannot be restricted',
      {
        details: { field: 'userId', reason: 'reserved_user' },
      },
    );
  }
  return userId;
}

function logKey(n: number): string {
  return `modlog:${String(n).padStart(12, '0')}`;
}

/** Users whose first sight the chat remembers (a record each). */
const FIRST_SEEN_MAX = 100_000;
/** Hosts and moderators the chat remembers by role (a record each). */
const STAFF_REMEMBERED_MAX = 10_000;
/**
 * Users banned or timed out in one room at once (a record each, all in staff's snapshot); ended
 * timeouts make room. Beyond it `ban` and `timeout` of one more user are `conflict`.
 */
const BANS_MAX = 10_000;
/** Users hidden in one room at once: staff get the whole list with every change. */
const HIDDEN_USERS_MAX = 1_000;

/** A list of terms (`blockedTerms`, `reviewTerms`): bounded, each with something visible. */
function parseTerms(
  data: Record<string, unknown>,
  field: 'blockedTerms' | 'reviewTerms',
): string[] {
  const terms = data[field];
  if (
    !Array.isArray(terms) ||
    terms.length > CHAT_LIMITS.blockedTermsMax ||
    !terms.every(
      (t) =>
        typeof t === 'string' && t.trim().length >= 1 && t.length <= CHAT_LIMITS.blockedTermMax,
    )
  ) {
    throw invalid(
      `${field} must be at most ${CHAT_LIMITS.blockedTermsMax} strings of 1 to ${CHAT_LIMITS.blockedTermMax} characters`,
      { field },
    );
  }
  // Kept as typed; two terms that match the same texts ("Spam", "ＳＰＡＭ") are one.
  const byKey = new Map<string, string>();
  for (const [index, term] of (terms as string[]).entries()) {
    const key = matchKey(term);
    if (!key) {
      // The message names the term by place: an error never repeats what was sent.
      throw invalid(`${field}[${index}] has nothing visible`, { field, index });
    }
    if (!byKey.has(key)) byKey.set(key, term.trim());
  }
  return [...byKey.values()];
}

export const chat: FeatureModule<ChatOps, ChatEvents, ChatMe> = {
  name: 'chat',
  signals: ['typing'],
  userRateLimits: { send: 'chatSend' },
  guardsRoom: true,
  open: (handle, stored) => new ChatChannel(handle, stored),
};
