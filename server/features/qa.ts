/**
 * qa (`ROOM/qa`): the audience asks (optionally anonymously) and upvotes; hosts answer, hide and
 * pin ("answering now"), and may hold new questions for approval. Vote counts go out coalesced
 * like poll tallies. A pending question is never in history: hosts see the queue as `me`, the
 * asker sees their own question as `me`, and approval publishes it.
 */
import { newId } from '../ids.js';
import {
  QA_LIMITS,
  isStaff,
  type QaEvents,
  type QaMe,
  type QaOps,
  type QaQuestion,
  type QaStatus,
  type User,
} from '../../src/protocol/index.js';
import { OpError, invalid } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { dispatch, recordsUnder, type OpHandlers } from './feature.js';
import { Throttle } from './throttle.js';
import { id, nameNotBlocked, notBlocked, requireHost, text } from './validate.js';

/**
 * The record of questions whose vote count changed since their last `votes` event: written with
 * the vote that dirties one (so in the commit of its ack), deleted with the events that send them.
 */
const DIRTY_VOTES_KEY = 'dirtyVotes';

interface StoredQuestion {
  id: string;
  text: string;
  /** The asker, kept even for anonymous questions (to tell them it is theirs), never sent then. */
  user: User;
  anonymous: boolean;
  status: QaStatus;
  ts: number;
  /** Order of asking: questions of one millisecond keep it across a restart. */
  n: number;
  /** Hidden while pending (turned down): its asker keeps seeing it as "not approved". */
  turnedDown?: true;
}

interface Question {
  stored: StoredQuestion;
  voters: Set<string>;
}

/** Whether only its asker sees the question: it waits for approval, or was turned down. */
const isOwn = (stored: StoredQuestion) => stored.status === 'pending' || stored.turnedDown === true;

/** Questions in the order they were asked. */
const byAsking = (a: StoredQuestion, b: StoredQuestion) => a.ts - b.ts || a.n - b.n;

class QaChannel implements FeatureChannel {
  /** In the order asked: the first ones are the oldest. */
  #questions = new Map<string, Question>();
  /** The pending ones, in the order asked, so the queue needs no scan of every question. */
  #pending = new Map<string, Question>();
  #pinned: Question | null = null;
  /** Each voter's questions, so `meFor` needs no scan of every question. */
  #votesOf = new Map<string, Set<string>>();
  /**
   * Each asker's questions that only they see (pending or turned down), in the order asked, so
   * `meFor` gives them back after a reload or a drop without a scan of every question.
   */
  #ownOf = new Map<string, Set<string>>();
  /** The next question's `n`. */
  #asked = 0;
  #moderation = false;
  #dirtyVotes = new Set<string>();
  #lastVotes = new Map<string, number>();
  #votes: Throttle;

  constructor(
    private handle: ChannelHandle<QaEvents, QaMe>,
    stored: StoredState,
  ) {
    this.#votes = new Throttle(handle, handle.config.tallyIntervalMs, () => this.#flush());
    const settings = stored.records.get('settings') as { moderation: boolean } | undefined;
    this.#moderation = settings?.moderation ?? false;
    const questions = recordsUnder(stored, 'q:', byAsking);
    for (const record of questions) {
      const question: Question = { stored: record, voters: new Set() };
      this.#questions.set(record.id, question);
      if (record.status === 'pending') this.#pending.set(record.id, question);
      if (record.status === 'pinned') this.#pinned = question;
      if (isOwn(record)) this.#indexOwn(record);
      this.#asked = Math.max(this.#asked, record.n + 1);
    }
    for (const [key] of stored.records) {
      if (!key.startsWith('vote:')) continue;
      // vote:QUESTION:USER; question ids have no colon, user ids may.
      const split = key.indexOf(':', 5);
      const question = this.#questions.get(key.slice(5, split));
      // Votes of a question forgotten before they were deleted with it: delete them now.
      if (!question) this.handle.put(key, undefined);
      else this.#addVote(question, key.slice(split + 1));
    }
    for (const [qid, question] of this.#questions) this.#lastVotes.set(qid, question.voters.size);
    // Counts acked before a crash but never sent: not known as sent, so they go out.
    for (const qid of (stored.records.get(DIRTY_VOTES_KEY) as string[] | undefined) ?? []) {
      if (!this.#questions.has(qid)) continue;
      this.#lastVotes.delete(qid);
      this.#dirtyVotes.add(qid);
    }
    if (this.#dirtyVotes.size > 0) this.#votes.schedule();
    // A room stored before the limit covered visible questions may hold more.
    this.#forget();
  }

  readonly #ops: OpHandlers<QaOps> = {
    ask: (user, data) => this.#ask(user, data),
    upvote: (user, data) => this.#vote(user, data, true),
    unvote: (user, data) => this.#vote(user, data, false),
    answer: (user, data) => this.#setStatus(user, data, 'answered'),
    hide: (user, data) => this.#setStatus(user, data, 'hidden'),
    pin: (user, data) => this.#setStatus(user, data, 'pinned'),
    approve: (user, data) => this.#approve(user, data),
    settings: (user, data) => this.#settings(user, data),
  };

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    return dispatch('qa', this.#ops, user, type, data);
  }

  snapshot(user: User) {
    const host = isStaff(user);
    const questions = [];
    for (const { stored, voters } of this.#questions.values()) {
      const own = stored.user.id === user.id;
      if (stored.status === 'pending' || (stored.status === 'hidden' && !host)) {
        if (!(own && stored.status === 'pending')) continue;
      }
      questions.push({ ...this.#public(stored, own), votes: voters.size });
    }
    const snapshot: Record<string, unknown> = {
      questions,
      settings: { moderation: this.#moderation },
    };
    if (host) snapshot.queue = this.#queue();
    return snapshot;
  }

  /**
   * My votes, then each of my questions that only I see (pending or turned down), the newest
   * `QA_LIMITS.ownListed`: a snapshot has the pending ones, but a resume with a replay has no
   * snapshot, and no event tells of a turn-down.
   */
  meFor(user: User): unknown[] {
    const me: QaMe[] = [];
    const voted = this.#votesOf.get(user.id);
    if (voted) me.push({ voted: [...voted] });
    const own = [...(this.#ownOf.get(user.id) ?? [])].slice(-QA_LIMITS.ownListed);
    for (const qid of own) {
      const stored = this.#questions.get(qid)!.stored;
      me.push({ pending: { ...this.#public(stored, true), votes: 0 } });
    }
    return me;
  }

  /** True while vote counts wait to be sent. */
  busy(): boolean {
    return this.#dirtyVotes.size > 0;
  }

  /** A stop sends the waiting counts at once; the writer commits them before the relay exits. */
  close(): void {
    this.#votes.cancel();
    if (this.#dirtyVotes.size > 0) this.#votes.run();
  }

  #ask(user: User, data: Record<string, unknown>) {
    const body = text(data, 'text', 1, QA_LIMITS.textMax);
    if (data.anonymous !== undefined && typeof data.anonymous !== 'boolean') {
      throw invalid('anonymous must be a boolean', { field: 'anonymous' });
    }
    nameNotBlocked(this.handle, user);
    notBlocked(this.handle, user, 'text', body, 'question');
    const pending = this.#moderation && !isStaff(user);
    if (pending && this.#pending.size >= QA_LIMITS.pending) {
      // Refused rather than dropping the oldest: those askers were told their question waits.
      throw new OpError(
        'conflict',
        `the moderation queue is full (${QA_LIMITS.pending} questions wait for approval); ask again once the hosts have caught up`,
      );
    }
    const stored: StoredQuestion = {
      id: newId(6),
      text: body,
      user,
      anonymous: data.anonymous === true,
      status: pending ? 'pending' : 'visible',
      ts: this.handle.now(),
      n: this.#asked++,
    };
    const question: Question = { stored, voters: new Set() };
    this.#questions.set(stored.id, question);
    if (pending) {
      this.#pending.set(stored.id, question);
      this.#indexOwn(stored);
    }
    this.#lastVotes.set(stored.id, 0);
    this.#save(stored);
    this.#forget();
    if (pending) {
      this.handle.sendMe(user.id, { pending: { ...this.#public(stored, true), votes: 0 } });
      this.#sendQueue();
    } else {
      this.handle.emit('question', { ...this.#public(stored, false), votes: 0 });
    }
    return { id: stored.id, status: stored.status };
  }

  /** One vote per user: upvote and unvote SET it, so repeating either changes nothing. */
  #vote(user: User, data: Record<string, unknown>, up: boolean) {
    const question = this.#get(data);
    const { status } = question.stored;
    if (status === 'pending' || status === 'hidden') {
      throw new OpError('not_found', 'no such question');
    }
    const key = `vote:${question.stored.id}:${user.id}`;
    if (up && !question.voters.has(user.id)) {
      this.#addVote(question, user.id);
      this.handle.put(key, 1);
    } else if (!up && question.voters.has(user.id)) {
      this.#removeVote(question, user.id);
      this.handle.put(key, undefined);
    } else {
      return {};
    }
    this.handle.sendMe(user.id, { vote: { id: question.stored.id, voted: up } });
    this.#touch(question.stored.id);
    return {};
  }

  #setStatus(user: User, data: Record<string, unknown>, status: QaStatus) {
    requireHost(user);
    const question = this.#get(data);
    if (question.stored.status === status) return {};
    if (question.stored.status === 'pending') {
      if (status !== 'hidden') throw new OpError('conflict', 'approve the question first');
      // Turned down: it was never public, so only the queue and the asker hear of it.
      question.stored.status = 'hidden';
      question.stored.turnedDown = true;
      this.#pending.delete(question.stored.id);
      this.#save(question.stored);
      this.handle.sendMe(question.stored.user.id, {
        pending: { ...this.#public(question.stored, true), votes: 0 },
      });
      this.#sendQueue();
      return {};
    }
    // One question is answered at a time: the one pinned before goes back to the list.
    if (status === 'pinned' && this.#pinned) this.#changeStatus(this.#pinned, 'visible');
    this.#changeStatus(question, status);
    return {};
  }

  #approve(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const question = this.#get(data);
    if (question.stored.status !== 'pending') return {};
    question.stored.status = 'visible';
    this.#pending.delete(question.stored.id);
    this.#unindexOwn(question.stored);
    this.#save(question.stored);
    this.handle.emit('question', {
      ...this.#public(question.stored, false),
      votes: question.voters.size,
    });
    this.#sendQueue();
    return {};
  }

  #settings(user: User, data: Record<string, unknown>) {
    requireHost(user);
    if (typeof data.moderation !== 'boolean') {
      throw invalid('moderation must be a boolean', { field: 'moderation' });
    }
    this.#moderation = data.moderation;
    this.handle.put('settings', { moderation: this.#moderation });
    this.handle.emit('settings', { moderation: this.#moderation });
    return {};
  }

  /** The event carries the question too: someone who joined while it was hidden can show it. */
  #changeStatus(question: Question, status: QaStatus) {
    question.stored.status = status;
    if (question.stored.turnedDown) {
      // Published after all (answered or pinned from the hidden list): no longer only mine.
      delete question.stored.turnedDown;
      this.#unindexOwn(question.stored);
    }
    if (status === 'pinned') this.#pinned = question;
    else if (this.#pinned === question) this.#pinned = null;
    this.#save(question.stored);
    this.handle.emit('status', {
      id: question.stored.id,
      status,
      question: { ...this.#public(question.stored, false), votes: question.voters.size },
    });
  }

  /** Throttled, not debounced: the first change goes out within one interval. */
  #touch(qid: string) {
    if (!this.#dirtyVotes.has(qid)) {
      this.#dirtyVotes.add(qid);
      this.handle.put(DIRTY_VOTES_KEY, [...this.#dirtyVotes]);
    }
    this.#votes.schedule();
  }

  #flush() {
    for (const qid of this.#dirtyVotes) {
      const question = this.#questions.get(qid);
      if (!question || question.voters.size === this.#lastVotes.get(qid)) continue;
      this.#lastVotes.set(qid, question.voters.size);
      this.handle.emit('votes', { id: qid, votes: question.voters.size });
    }
    this.#dirtyVotes.clear();
    this.handle.put(DIRTY_VOTES_KEY, undefined);
  }

  #sendQueue() {
    this.handle.sendMeToHosts({ queue: this.#queue() });
  }

  #queue() {
    const questions = [];
    for (const question of this.#pending.values()) {
      if (questions.length === QA_LIMITS.queueList) break;
      questions.push({ ...this.#public(question.stored, false), votes: 0 });
    }
    return { count: this.#pending.size, questions };
  }

  /** The question as others see it: an anonymous one names its asker to the asker alone. */
  #public(stored: StoredQuestion, revealAsker: boolean): Omit<QaQuestion, 'votes'> {
    const question: Omit<QaQuestion, 'votes'> = {
      id: stored.id,
      text: stored.text,
      status: stored.status,
      ts: stored.ts,
      anonymous: stored.anonymous,
    };
    if (!stored.anonymous || revealAsker) question.user = stored.user;
    return question;
  }

  #save(stored: StoredQuestion) {
    this.handle.put(`q:${stored.id}`, stored);
  }

  #addVote(question: Question, userId: string) {
    question.voters.add(userId);
    const voted = this.#votesOf.get(userId);
    if (voted) voted.add(question.stored.id);
    else this.#votesOf.set(userId, new Set([question.stored.id]));
  }

  #removeVote(question: Question, userId: string) {
    question.voters.delete(userId);
    this.#unindexVote(question.stored.id, userId);
  }

  #indexOwn(stored: StoredQuestion) {
    const own = this.#ownOf.get(stored.user.id);
    if (own) own.add(stored.id);
    else this.#ownOf.set(stored.user.id, new Set([stored.id]));
  }

  #unindexOwn(stored: StoredQuestion) {
    const own = this.#ownOf.get(stored.user.id);
    own?.delete(stored.id);
    if (own?.size === 0) this.#ownOf.delete(stored.user.id);
  }

  #unindexVote(qid: string, userId: string) {
    const voted = this.#votesOf.get(userId);
    voted?.delete(qid);
    if (voted?.size === 0) this.#votesOf.delete(userId);
  }

  /**
   * Keeps the room's questions bounded: the oldest answered or hidden one goes first, then the
   * oldest visible one. It is one question per ask, found by a walk from the oldest that stops
   * at the first match.
   */
  #forget() {
    while (this.#questions.size > QA_LIMITS.questions) {
      const victim =
        this.#oldest((s) => s === 'answered' || s === 'hidden') ??
        this.#oldest((s) => s === 'visible');
      if (!victim) return;
      this.#drop(victim);
    }
  }

  #oldest(matches: (status: QaStatus) => boolean): Question | undefined {
    for (const question of this.#questions.values()) {
      if (matches(question.stored.status)) return question;
    }
    return undefined;
  }

  /** Forgets a question with its records: its own and every vote on it. */
  #drop(question: Question) {
    const qid = question.stored.id;
    this.#questions.delete(qid);
    this.#lastVotes.delete(qid);
    this.#dirtyVotes.delete(qid);
    this.#unindexOwn(question.stored);
    this.handle.put(`q:${qid}`, undefined);
    for (const userId of question.voters) {
      this.#unindexVote(qid, userId);
      this.handle.put(`vote:${qid}:${userId}`, undefined);
    }
  }

  #get(data: Record<string, unknown>): Question {
    const question = this.#questions.get(id(data, 'id'));
    if (!question) throw new OpError('not_found', 'no such question');
    return question;
  }
}

export const qa: FeatureModule<QaOps, QaEvents, QaMe> = {
  name: 'qa',
  signals: [],
  userRateLimits: { ask: 'chatSend' },
  open: (handle, stored) => new QaChannel(handle, stored),
};
