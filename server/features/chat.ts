/**
 * chat (`ROOM/chat`): messages, deletes, one pinned message, bans and slow mode.
 *
 * Messages are the channel's history itself: the state keeps an index of the messages still in
 * history (to check `replyTo`, `delete` and `pin`) and derives the snapshot's last 100 from it.
 * Pinned, settings and bans are records.
 */
import { randomBytes } from 'node:crypto';
import {
  isStaff,
  CHAT_LIMITS,
  CHAT_SNAPSHOT_MESSAGES,
  CHAT_TEXT_MAX,
  type ChatEvents,
  type ChatMe,
  type ChatOps,
  type ChatMessage,
  type ChatPinned,
  type ChatSettings,
  type ChatShieldPreset,
  type User,
} from '../../src/protocol/index.js';
import { isAnonymous } from '../auth.js';
import { OpError, invalid } from '../errors.js';
import { containsBlocked, matchKey, matchKeys } from '../text.js';
import { checkGates, defaultShieldPreset, gatesOf, parseGates, withGates } from './chat-gates.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { dispatch, type OpHandlers } from './feature.js';
import {
  id,
  nameNotBlocked,
  notBlocked,
  optionalId,
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
  /**
   * userId → when the user was first seen in the room (their first `sub` of its chat), for the
   * first-time chatter delay. Kept with the channel, so a reconnect or a restart is no new start.
   */
  #firstSeen = new Map<string, number>();
  /** What raising the shield applies, and (while it is up) the gates it replaced. */
  #shieldPreset: ChatShieldPreset = defaultShieldPreset();
  #beforeShield: ChatShieldPreset | null = null;

  constructor(
    private handle: ChannelHandle<ChatEvents, ChatMe>,
    stored: StoredState,
  ) {
    for (const ev of stored.history) this.#apply(ev.type, ev.data, ev.seq, ev.ts);
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
      if (key.startsWith('ban:')) this.#bans.set(key.slice(4), value as number | null);
      if (key.startsWith('banaddr:')) {
        this.#addressBans.set(key.slice(8), value as { userId: string; until: number | null });
      }
    }
  }

  readonly #ops: OpHandlers<ChatOps> = {
    send: (user, data) => this.#send(user, data),
    delete: (user, data) => this.#delete(user, data),
    pin: (user, data) => this.#pin(user, data),
    unpin: (user) => this.#unpin(user),
    ban: (user, data) => this.#ban(user, data),
    unban: (user, data) => this.#unban(user, data),
    settings: (user, data) => this.#changeSettings(user, data),
    shield: (user, data) => this.#shield(user, data),
    shieldPreset: (user, data) => this.#changeShieldPreset(user, data),
  };

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    return dispatch('chat', this.#ops, user, type, data);
  }

  /** Hosts see bans and blocked terms; everyone else the same messages, pin and settings. */
  snapshotKey(user: User): string | null {
    return isStaff(user) ? null : 'audience';
  }

  snapshot(user: User) {
    const messages: ChatMessage[] = [];
    for (let i = this.#log.length - 1; i >= 0 && messages.length < CHAT_SNAPSHOT_MESSAGES; i--) {
      const entry = this.#log[i];
      if (!this.#inHistory(entry)) break;
      if (!entry.deleted) messages.push(entry.message);
    }
    messages.reverse();
    const snapshot: Record<string, unknown> = {
      messages,
      pinned: this.#pinned,
      settings: this.#settings,
    };
    if (isStaff(user)) {
      snapshot.bans = [...this.#activeBans()].map(([userId, until]) => ({
        userId,
        banned: true,
        until,
      }));
      snapshot.blockedTerms = this.#blockedTerms;
      snapshot.shieldPreset = this.#shieldPreset;
    }
    return snapshot;
  }

  meFor(user: User): unknown[] {
    this.#see(user);
    const until = this.#banUntil(user.id);
    return until === undefined ? [] : [{ banned: true, until }];
  }

  refuse(user: User, address: string): string | null {
    if (isStaff(user)) return null;
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
    return this.#settings.signedInOnly && isAnonymous(user)
      ? 'this room is for signed-in users only'
      : null;
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
    const message: ChatMessage = { id: randomBytes(9).toString('base64url'), text: body, user };
    if (replyTo !== undefined) message.replyTo = replyTo;
    const seq = this.handle.emit('message', message);
    this.#apply('message', message, seq, now);
    this.#lastSend.set(user.id, now);
    return { id: message.id };
  }

  #delete(user: User, data: Record<string, unknown>) {
    const messageId = id(data, 'id');
    const entry = this.#live(messageId);
    if (!entry) throw new OpError('not_found', 'no such message');
    if (entry.message.user.id !== user.id && !isStaff(user)) {
      throw new OpError('forbidden', 'only the author or a host may delete a message');
    }
    const seq = this.handle.emit('deleted', { id: messageId });
    this.#apply('deleted', { id: messageId }, seq, this.handle.now());
    if (this.#pinned.id === messageId) this.#setPinned({ id: null });
    return {};
  }

  #pin(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const messageId = id(data, 'id');
    const entry = this.#live(messageId);
    if (!entry) throw new OpError('not_found', 'no such message');
    this.#setPinned({ id: messageId, message: entry.message });
    return {};
  }

  #unpin(user: User) {
    requireHost(user);
    if (this.#pinned.id !== null) this.#setPinned({ id: null });
    return {};
  }

  #ban(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const userId = id(data, 'userId');
    const minutes = optionalInteger(data, 'minutes', 1, CHAT_LIMITS.banMinutesMax);
    const until = minutes === undefined ? null : this.handle.now() + minutes * 60_000;
    this.#bans.set(userId, until);
    this.handle.put(`ban:${userId}`, until);
    const address = userId.startsWith('anon-') ? this.handle.lastAddressOf(userId) : undefined;
    if (address) {
      this.#addressBans.set(address, { userId, until });
      this.handle.put(`banaddr:${address}`, { userId, until });
    }
    this.handle.emit('banned', { userId, banned: true, until });
    this.handle.recheckRoom();
    return {};
  }

  #unban(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const userId = id(data, 'userId');
    this.#bans.delete(userId);
    this.handle.put(`ban:${userId}`, undefined);
    for (const [address, ban] of this.#addressBans) {
      if (ban.userId !== userId) continue;
      this.#addressBans.delete(address);
      this.handle.put(`banaddr:${address}`, undefined);
    }
    this.handle.emit('banned', { userId, banned: false, until: null });
    return {};
  }

  /**
   * `slowModeSeconds` and `signedInOnly` for everyone to see; `blockedTerms` for hosts' eyes
   * only.
   */
  #changeSettings(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const gates = parseGates(data);
    if (Object.keys(gates).length === 0 && data.blockedTerms === undefined) {
      throw invalid('settings needs slowModeSeconds, a gate or blockedTerms', {
        field: 'slowModeSeconds',
      });
    }
    const blockedTerms = data.blockedTerms === undefined ? undefined : parseBlockedTerms(data);
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
      this.handle.put('beforeShield', this.#beforeShield);
      this.#setSettings({ ...withGates(this.#settings, this.#shieldPreset), shield: true });
    } else {
      const restored = withGates(this.#settings, this.#beforeShield ?? {});
      delete restored.shield;
      this.#beforeShield = null;
      this.handle.put('beforeShield', undefined);
      this.#setSettings(restored);
    }
    return {};
  }

  /** Replaces what raising the shield applies (a shield already up keeps what it applied). */
  #changeShieldPreset(user: User, data: Record<string, unknown>) {
    requireHost(user);
    this.#shieldPreset = parseGates(data);
    this.handle.put('shieldPreset', this.#shieldPreset);
    this.handle.sendMeToHosts({ shieldPreset: this.#shieldPreset });
    return {};
  }

  /**
   * Notes when a user is first seen in the room, for the first-time chatter delay. Bounded: past
   * `FIRST_SEEN_MAX` users, the longest known is forgotten (and would wait again, once).
   */
  #see(user: User) {
    if (isStaff(user) || this.#firstSeen.has(user.id)) return;
    if (this.#firstSeen.size >= FIRST_SEEN_MAX) {
      const oldest = this.#firstSeen.keys().next().value!;
      this.#firstSeen.delete(oldest);
      this.handle.put(`seen:${oldest}`, undefined);
    }
    const now = this.handle.now();
    this.#firstSeen.set(user.id, now);
    this.handle.put(`seen:${user.id}`, now);
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

/** Users whose first sight the chat remembers (a record each). */
const FIRST_SEEN_MAX = 100_000;

function parseBlockedTerms(data: Record<string, unknown>): string[] {
  const terms = data.blockedTerms;
  if (
    !Array.isArray(terms) ||
    terms.length > CHAT_LIMITS.blockedTermsMax ||
    !terms.every(
      (t) =>
        typeof t === 'string' && t.trim().length >= 1 && t.length <= CHAT_LIMITS.blockedTermMax,
    )
  ) {
    throw invalid(
      `blockedTerms must be at most ${CHAT_LIMITS.blockedTermsMax} strings of 1 to ${CHAT_LIMITS.blockedTermMax} characters`,
      {
        field: 'blockedTerms',
      },
    );
  }
  // Kept as typed; two terms that match the same texts ("Spam", "ＳＰＡＭ") are one.
  const byKey = new Map<string, string>();
  for (const term of terms as string[]) {
    const key = matchKey(term);
    if (!key) {
      const message = `blocked term ${JSON.stringify(term)} has nothing visible`;
      throw invalid(message, { field: 'blockedTerms' });
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
