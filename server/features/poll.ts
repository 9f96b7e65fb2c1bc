/**
 * poll (`ROOM/poll`): hosts create, open and close polls; a vote SETS the voter's answer. The
 * relay keeps the tallies and sends them as `tally` events throttled to `tallyIntervalMs`, only
 * when they changed: ten thousand votes in a second are five events per poll, not ten thousand.
 *
 * Polls with `hideResults` show their tallies to hosts only (as `me`) until they close.
 *
 * Open-text polls keep their answers in `poll-opentext.ts`; ranking polls count Borda points.
 * Polls created with `review` hold the audience's word-cloud entries and open-text answers in
 * the channel's one review queue (`review.ts`) until staff decide them.
 *
 * A tally owed to the history is not lost to a crash or a stop: the ids of the polls whose
 * `tally` event is owed are stored with the vote that owes it and deleted with the event.
 */
import { newId } from '../ids.js';
import {
  POLL_KINDS,
  POLL_LIMITS,
  isStaff,
  type Poll,
  type PollEvents,
  type PollKind,
  type PollMe,
  type PollOps,
  type PollStatus,
  type ReviewDecision,
  type ReviewItem,
  type User,
} from '../../src/protocol/index.js';
import { isAnonymous } from '../auth.js';
import { OpError, invalid } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { dispatch, recordsUnder, type OpHandlers } from './feature.js';
import { Throttle } from './throttle.js';
import { containsBlocked, matchKeys } from '../text.js';
import {
  id,
  integer,
  notBlocked,
  optionalBoolean,
  optionalInteger,
  requireHost,
  text,
} from './validate.js';
import { normaliseWords } from './words.js';
import { OpenTextAnswers, type StoredAnswer } from './poll-opentext.js';
import { ReviewQueue } from './review.js';

/**
 * The record of polls whose `tally` event is owed: written with the vote that first owes one (so
 * in the commit of its ack), deleted with the events that pay them. Hidden tallies are not in it:
 * they are `me` frames, never history, and every host's `sub` gets them anew (`meFor`).
 */
const OWED_TALLIES_KEY = 'owedTallies';

/** A poll as stored: the wire's `Poll` without its results, with its blocked terms. */
interface PollDef extends Omit<Poll, 'counts' | 'total' | 'answers'> {
  blockedTerms: string[];
  /** Open text: the keys of the answers a host hid. */
  hiddenKeys?: string[];
  /** Creation order: records come back from the store in key order. */
  order: number;
}

type Vote =
  | { choice: number }
  | { choices: number[] }
  | { text: string; words: string[] }
  | { ranking: number[] };

interface PollState {
  def: PollDef;
  votes: Map<string, Vote>;
  /** Per option, or per normalised word for a word cloud. */
  counts: number[] | Map<string, number>;
  /** The last tally sent, serialised, so an unchanged one is not sent again. */
  lastTally: string;
  /** The match keys of the poll's own blocked terms, computed once. */
  blockedKeys: string[];
  /** Open text: the answers (the votes map stays empty), and the keys hidden (shared with it). */
  opentext?: OpenTextAnswers;
  hiddenKeys: Set<string>;
}

class PollChannel implements FeatureChannel {
  #polls = new Map<string, PollState>();
  /** Word-cloud entries and open-text answers held for review (polls created with `review`). */
  #review: ReviewQueue;
  /** Polls whose counts changed since their last tally (hidden ones included). */
  #dirty = new Set<string>();
  #tallies: Throttle;

  constructor(
    private handle: ChannelHandle<PollEvents, PollMe>,
    stored: StoredState,
  ) {
    this.#tallies = new Throttle(handle, handle.config.tallyIntervalMs, () => this.#flush());
    this.#review = new ReviewQueue(handle, stored, {
      feature: 'poll',
      decide: (item, decision) => this.#decide(item, decision),
    });
    const defs = recordsUnder<PollDef>(stored, 'poll:', (a, b) => a.order - b.order);
    for (const def of defs) this.#add(def);
    for (const [key, value] of stored.records) {
      if (!key.startsWith('vote:')) continue;
      // vote:POLL:USER; poll ids have no colon, user ids may.
      const split = key.indexOf(':', 5);
      const pollId = key.slice(5, split);
      const userId = key.slice(split + 1);
      const poll = this.#polls.get(pollId);
      if (poll) this.#count(poll, userId, value as Vote);
    }
    for (const [key, value] of stored.records) {
      if (!key.startsWith('answers:')) continue;
      const split = key.indexOf(':', 8);
      const poll = this.#polls.get(key.slice(8, split));
      poll?.opentext?.load(key.slice(split + 1), value as StoredAnswer[]);
    }
    for (const poll of this.#polls.values()) poll.lastTally = JSON.stringify(this.#tally(poll));
    // Tallies acked before a crash but never sent: not known as sent, so they go out.
    for (const pollId of (stored.records.get(OWED_TALLIES_KEY) as string[] | undefined) ?? []) {
      const poll = this.#polls.get(pollId);
      if (!poll || !this.#owesEvents(poll)) continue;
      poll.lastTally = '';
      this.#dirty.add(pollId);
    }
    if (this.#dirty.size > 0) this.#tallies.schedule();
  }

  readonly #ops: OpHandlers<PollOps> = {
    vote: (user, data) => this.#vote(user, data),
    create: (user, data) => this.#create(user, data),
    open: (user, data) => this.#setStatus(user, data, 'open'),
    close: (user, data) => this.#setStatus(user, data, 'closed'),
    answer: (user, data) => this.#answer(user, data),
    hide: (user, data) => this.#hide(user, data),
    approve: (user, data) => this.#review.ops().approve(user, data),
    reject: (user, data) => this.#review.ops().reject(user, data),
    dismiss: (user, data) => this.#review.ops().dismiss(user, data),
  };

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    return dispatch('poll', this.#ops, user, type, data);
  }

  snapshot(user: User) {
    const polls = [...this.#polls.values()].map((poll) => this.#public(poll, isStaff(user)));
    return isStaff(user) ? { polls, review: this.#review.items() } : { polls };
  }

  meFor(user: User): unknown[] {
    const mine: unknown[] = [];
    for (const poll of this.#polls.values()) {
      const vote = poll.votes.get(user.id);
      if (vote) mine.push(meOf(poll.def.id, vote));
      const answers = poll.opentext?.mine(user.id);
      if (answers) mine.push({ pollId: poll.def.id, answers });
      // A host who resumed with a replay would otherwise keep stale hidden tallies.
      if (isStaff(user) && poll.def.hideResults && poll.def.status !== 'closed') {
        mine.push(this.#tally(poll));
      }
    }
    return mine;
  }

  /** True while a tally waits for its timer. */
  busy(): boolean {
    return this.#dirty.size > 0 || this.#tallies.waiting;
  }

  /** A stop sends the waiting tallies at once; the writer commits them before the relay exits. */
  close(): void {
    this.#tallies.cancel();
    if (this.#dirty.size > 0) this.#tallies.run();
  }

  #create(user: User, data: Record<string, unknown>) {
    requireHost(user);
    if (this.#polls.size >= POLL_LIMITS.polls) {
      throw new OpError('conflict', `a room holds at most ${POLL_LIMITS.polls} polls`);
    }
    const question = text(data, 'question', 1, POLL_LIMITS.questionMax);
    const kind = data.kind;
    if (!POLL_KINDS.includes(kind as PollKind)) {
      throw invalid(`kind must be one of ${POLL_KINDS.join(', ')}`, { field: 'kind' });
    }
    const options =
      kind === 'wordcloud' || kind === 'opentext'
        ? optionalEmptyOptions(data, kind)
        : parseOptions(data, kind === 'ranking' ? POLL_LIMITS.rankingOptionsMin : undefined);
    const def: PollDef = {
      id: newId(6),
      question,
      options,
      kind: kind as PollKind,
      status: 'draft',
      hideResults: optionalBoolean(data, 'hideResults'),
      ...(optionalBoolean(data, 'signedInOnly') ? { signedInOnly: true } : {}),
      ...(optionalBoolean(data, 'review') ? { review: true } : {}),
      blockedTerms: parseBlockedTerms(data),
      order: this.#polls.size,
    };
    if (kind === 'opentext') {
      def.maxAnswers =
        optionalInteger(data, 'maxAnswers', 1, POLL_LIMITS.opentextAnswersMax) ??
        POLL_LIMITS.opentextAnswersDefault;
      def.review = optionalBoolean(data, 'review');
    } else if (data.maxAnswers !== undefined) {
      throw invalid('maxAnswers is for open-text polls only', { field: 'maxAnswers' });
    }
    if (data.review !== undefined && kind !== 'opentext' && kind !== 'wordcloud') {
      throw invalid('review is for word clouds and open-text polls only', { field: 'review' });
    }
    const poll = this.#add(def);
    this.handle.put(`poll:${def.id}`, def);
    this.handle.emit('poll', { poll: this.#public(poll, false) });
    return { pollId: def.id };
  }

  #setStatus(user: User, data: Record<string, unknown>, status: PollStatus) {
    requireHost(user);
    const poll = this.#get(data);
    if (poll.def.status === status) return {};
    // Re-opening a closed poll is allowed: hosts do close one by mistake.
    poll.def.status = status;
    // Its seq orders the polls' status changes, for snapshots as for live clients (who read it
    // from the event's own seq), so a widget shows the poll opened last, not the newest one.
    poll.def.statusSeq = this.handle.emit('status', { pollId: poll.def.id, status });
    this.handle.put(`poll:${poll.def.id}`, poll.def);
    if (status === 'closed') {
      // Pending votes are in: the final tally goes out with the close, hidden or not.
      if (this.#dirty.delete(poll.def.id) && this.#owesEvents(poll)) this.#storeOwed();
      this.#sendTally(poll, true);
    }
    return {};
  }

  /** The checks every vote and answer passes: the poll is open, and open to this user. */
  #votable(user: User, data: Record<string, unknown>): PollState {
    const poll = this.#get(data);
    if (poll.def.status !== 'open') throw new OpError('closed', 'this poll is not open');
    if (poll.def.signedInOnly && isAnonymous(user)) {
      throw new OpError('forbidden', 'this poll is for signed-in users only');
    }
    return poll;
  }

  #vote(user: User, data: Record<string, unknown>) {
    const poll = this.#votable(user, data);
    if (poll.opentext) {
      throw invalid('an open-text poll takes answers (op answer), not votes', { field: 'type' });
    }
    const vote = this.#parseVote(poll, data);
    if ('text' in vote) notBlocked(this.handle, user, 'text', vote.text, 'answer');
    if (poll.def.review && 'text' in vote && !isStaff(user)) return this.#hold(poll, user, vote);
    this.#count(poll, user.id, vote);
    this.handle.put(`vote:${poll.def.id}:${user.id}`, vote);
    this.handle.sendMe(user.id, meOf(poll.def.id, vote));
    this.#touch(poll);
    return undefined;
  }

  /**
   * A word-cloud entry of a poll under review waits for staff; the voter's earlier entry (if
   * any) counts until then. Entering again replaces the one waiting.
   */
  #hold(poll: PollState, user: User, vote: { text: string }) {
    const itemId = `${poll.def.id}:${user.id}`;
    if (!this.#review.get(itemId)) this.#review.checkRoom(user.id);
    this.#review.hold({
      id: itemId,
      text: vote.text,
      user: { id: user.id, name: user.name },
      held: 'review',
      context: { pollId: poll.def.id, question: poll.def.question, kind: 'wordcloud' },
    });
    this.handle.sendMe(user.id, { pollId: poll.def.id, text: vote.text, held: true });
    return { status: 'held' };
  }

  /**
   * The review queue's decision on a held item. Approved, a word-cloud entry counts as the
   * voter's answer and an open-text answer is shown. Rejected, either disappears for its author,
   * who is told: the voter's `me` goes back to the entry that counts (none: `{pollId}`), the
   * answer leaves the author's list.
   */
  #decide(item: ReviewItem, decision: ReviewDecision) {
    const poll = this.#polls.get(item.context?.pollId ?? '');
    if (!poll || decision === 'dismiss') return;
    if (poll.opentext) return this.#decideAnswer(poll, item, decision);
    if (decision === 'reject') {
      const counted = poll.votes.get(item.user.id);
      this.handle.sendMe(
        item.user.id,
        counted ? meOf(poll.def.id, counted) : { pollId: poll.def.id },
      );
      return;
    }
    const words = normaliseWords(item.text, poll.blockedKeys);
    if (words.length === 0) return;
    const vote = { text: item.text, words };
    this.#count(poll, item.user.id, vote);
    this.handle.put(`vote:${poll.def.id}:${item.user.id}`, vote);
    this.handle.sendMe(item.user.id, meOf(poll.def.id, vote));
    this.#touch(poll);
  }

  #parseVote({ def, blockedKeys }: PollState, data: Record<string, unknown>): Vote {
    const last = def.options.length - 1;
    switch (def.kind) {
      case 'single':
      case 'rating':
        return { choice: integer(data, 'choice', 0, last) };
      case 'multi': {
        const choices = data.choices;
        const valid =
          Array.isArray(choices) &&
          choices.length >= 1 &&
          choices.every((c) => Number.isInteger(c) && c >= 0 && c <= last) &&
          new Set(choices).size === choices.length;
        if (!valid) {
          throw invalid(`choices must be distinct option indices from 0 to ${last}`, {
            field: 'choices',
          });
        }
        return { choices: [...(choices as number[])].sort((a, b) => a - b) };
      }
      case 'ranking':
        return { ranking: parseRanking(data, def.options.length) };
      case 'opentext':
        throw invalid('an open-text poll takes answers', { field: 'type' });
      case 'wordcloud': {
        const answer = text(data, 'text', 1, POLL_LIMITS.wordcloudTextMax, { oneLine: true });
        const words = normaliseWords(answer, blockedKeys);
        if (words.length === 0) {
          throw invalid('no word of 3 letters or more left after filtering', { field: 'text' });
        }
        return { text: answer, words };
      }
    }
  }

  #answer(user: User, data: Record<string, unknown>) {
    const poll = this.#votable(user, data);
    const answers = poll.opentext;
    if (!answers) throw invalid('only open-text polls take answers', { field: 'pollId' });
    const answer = text(data, 'text', 1, POLL_LIMITS.opentextTextMax);
    notBlocked(this.handle, user, 'text', answer, 'answer');
    if (containsBlocked(answer, poll.blockedKeys)) {
      throw invalid('the answer contains a blocked term', { field: 'text', reason: 'blocked' });
    }
    const { def } = poll;
    const review = def.review === true && !isStaff(user);
    if (review) this.#review.checkRoom(user.id);
    const added = answers.add(user, answer, def.maxAnswers!, review, this.handle.now());
    this.handle.put(`answers:${def.id}:${user.id}`, added.answers);
    if (review) {
      this.#review.hold({
        id: added.answer.id,
        text: answer,
        user: { id: user.id, name: user.name },
        held: 'review',
        context: {
          pollId: def.id,
          question: def.question,
          kind: 'opentext',
          answerId: added.answer.id,
        },
      });
    }
    this.handle.sendMe(user.id, { pollId: def.id, answers: answers.mine(user.id)! });
    if (!review) this.#touch(poll);
    return { answerId: added.answer.id, status: added.answer.status };
  }

  #decideAnswer(poll: PollState, item: ReviewItem, decision: 'approve' | 'reject') {
    const answers = poll.opentext!;
    const answerId = item.context?.answerId ?? '';
    if (!answers.has(answerId)) return;
    const decided = answers.decide(answerId, decision === 'approve' ? 'shown' : 'rejected');
    const key = `answers:${poll.def.id}:${decided.userId}`;
    this.handle.put(key, decided.answers.length > 0 ? decided.answers : undefined);
    this.handle.sendMe(decided.userId, {
      pollId: poll.def.id,
      answers: answers.mine(decided.userId) ?? [],
    });
    if (decision === 'approve') this.#touch(poll);
  }

  #hide(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const poll = this.#get(data);
    const answers = poll.opentext;
    if (!answers) throw invalid('only open-text polls have answers', { field: 'pollId' });
    const { key, authors } = answers.hide(id(data, 'answerId'));
    const hidden = poll.def.hiddenKeys ?? [];
    if (hidden.includes(key)) return {};
    poll.def.hiddenKeys = [...hidden, key];
    poll.hiddenKeys.add(key);
    this.handle.put(`poll:${poll.def.id}`, poll.def);
    for (const author of authors) {
      this.handle.sendMe(author, { pollId: poll.def.id, answers: answers.mine(author)! });
    }
    this.#touch(poll);
    return {};
  }

  /** Replaces the user's vote in the counts. */
  #count(poll: PollState, userId: string, vote: Vote) {
    const previous = poll.votes.get(userId);
    if (previous) apply(poll.counts, previous, -1);
    apply(poll.counts, vote, +1);
    poll.votes.set(userId, vote);
  }

  /** Throttled, not debounced: the first change goes out within one interval. */
  #touch(poll: PollState) {
    if (!this.#dirty.has(poll.def.id)) {
      this.#dirty.add(poll.def.id);
      if (this.#owesEvents(poll)) this.#storeOwed();
    }
    this.#tallies.schedule();
  }

  /** The events and the owed record's deletion share one commit: each tally is owed once. */
  #flush() {
    let owed = false;
    for (const pollId of this.#dirty) {
      const poll = this.#polls.get(pollId);
      if (!poll) continue;
      owed ||= this.#owesEvents(poll);
      this.#sendTally(poll, false);
    }
    this.#dirty.clear();
    if (owed) this.handle.put(OWED_TALLIES_KEY, undefined);
  }

  /** Stores the polls whose tally event is owed (a fresh array: what this commit writes). */
  #storeOwed() {
    const owed = [...this.#dirty].filter((pollId) => this.#owesEvents(this.#polls.get(pollId)!));
    this.handle.put(OWED_TALLIES_KEY, owed.length > 0 ? owed : undefined);
  }

  /**
   * Whether a vote makes the poll owe a `tally` event: a hidden poll's tallies are `me` frames to
   * hosts until its close, which sends the final tally at once.
   */
  #owesEvents(poll: PollState): boolean {
    return !poll.def.hideResults;
  }

  #sendTally(poll: PollState, final: boolean) {
    const tally = this.#tally(poll);
    const json = JSON.stringify(tally);
    if (json === poll.lastTally && !(final && poll.def.hideResults)) return;
    poll.lastTally = json;
    if (poll.def.hideResults && !final) {
      this.handle.sendMeToHosts(tally);
    } else {
      this.handle.emit('tally', tally);
    }
  }

  #tally(poll: PollState) {
    if (poll.opentext) return { pollId: poll.def.id, ...poll.opentext.results() };
    return { pollId: poll.def.id, counts: countsOf(poll.counts), total: poll.votes.size };
  }

  #public(poll: PollState, host: boolean) {
    const hidden = poll.def.hideResults && poll.def.status !== 'closed' && !host;
    const { blockedTerms: _, order: __, hiddenKeys: ___, ...def } = poll.def;
    const { pollId: ____, ...tally } = this.#tally(poll);
    if (!hidden) return { ...def, ...tally };
    return { ...def, counts: null, total: null, ...(poll.opentext ? { answers: null } : {}) };
  }

  #add(def: PollDef): PollState {
    const counts = def.kind === 'wordcloud' ? new Map<string, number>() : def.options.map(() => 0);
    const hiddenKeys = new Set(def.hiddenKeys);
    const poll: PollState = {
      def,
      votes: new Map(),
      counts,
      lastTally: '',
      blockedKeys: matchKeys(def.blockedTerms),
      hiddenKeys,
      ...(def.kind === 'opentext' ? { opentext: new OpenTextAnswers(hiddenKeys) } : {}),
    };
    this.#polls.set(def.id, poll);
    return poll;
  }

  #get(data: Record<string, unknown>): PollState {
    const poll = this.#polls.get(id(data, 'pollId'));
    if (!poll) throw new OpError('not_found', 'no such poll');
    return poll;
  }
}

function apply(counts: PollState['counts'], vote: Vote, delta: 1 | -1) {
  if (Array.isArray(counts)) {
    if ('choice' in vote) counts[vote.choice] += delta;
    else if ('choices' in vote) for (const c of vote.choices) counts[c] += delta;
    else if ('ranking' in vote) {
      // Borda: of n options, the first gets n - 1 points, the last none.
      const last = vote.ranking.length - 1;
      vote.ranking.forEach((option, position) => (counts[option] += delta * (last - position)));
    }
    return;
  }
  if (!('words' in vote)) return;
  for (const word of vote.words) {
    const n = (counts.get(word) ?? 0) + delta;
    if (n > 0) counts.set(word, n);
    else counts.delete(word);
  }
}

/** Option counts as they are; word counts as an object of the most frequent words. */
function countsOf(counts: PollState['counts']): number[] | Record<string, number> {
  if (Array.isArray(counts)) return [...counts];
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(top.slice(0, POLL_LIMITS.wordcloudTop));
}

function meOf(pollId: string, vote: Vote) {
  if ('text' in vote) return { pollId, text: vote.text };
  return { pollId, ...vote };
}

function parseOptions(data: Record<string, unknown>, min: number = POLL_LIMITS.optionsMin) {
  const options = data.options;
  if (!Array.isArray(options) || options.length < min || options.length > POLL_LIMITS.optionsMax) {
    throw invalid(`options must be ${min} to ${POLL_LIMITS.optionsMax} strings`, {
      field: 'options',
    });
  }
  return options.map((_, i) =>
    text(options as unknown as Record<string, unknown>, String(i), 1, POLL_LIMITS.optionMax, {
      oneLine: true,
    }),
  );
}

function optionalEmptyOptions(data: Record<string, unknown>, kind: string): string[] {
  if (data.options === undefined || (Array.isArray(data.options) && data.options.length === 0)) {
    return [];
  }
  const what = kind === 'wordcloud' ? 'a word cloud' : 'an open-text poll';
  throw invalid(`${what} has no options`, { field: 'options' });
}

/** A ranking: every option index exactly once, the favourite first. */
function parseRanking(data: Record<string, unknown>, count: number): number[] {
  const ranking = data.ranking;
  const valid =
    Array.isArray(ranking) &&
    ranking.length === count &&
    ranking.every((c) => Number.isInteger(c) && c >= 0 && c < count) &&
    new Set(ranking).size === count;
  if (!valid) {
    throw invalid(`ranking must list every option index from 0 to ${count - 1} once`, {
      field: 'ranking',
    });
  }
  return [...(ranking as number[])];
}

function parseBlockedTerms(data: Record<string, unknown>): string[] {
  const terms = data.blockedTerms;
  if (terms === undefined) return [];
  if (
    !Array.isArray(terms) ||
    terms.length > POLL_LIMITS.blockedTermsMax ||
    !terms.every((t) => typeof t === 'string' && t.length <= POLL_LIMITS.blockedTermMax)
  ) {
    throw invalid(`blockedTerms must be at most ${POLL_LIMITS.blockedTermsMax} strings`, {
      field: 'blockedTerms',
    });
  }
  return terms.map((t) => t.trim()).filter(Boolean);
}

export const poll: FeatureModule<PollOps, PollEvents, PollMe> = {
  name: 'poll',
  signals: [],
  // Open-text answers are text anyone reads: limited per user like chat messages.
  userRateLimits: { answer: 'chatSend' },
  open: (handle, stored) => new PollChannel(handle, stored),
};
