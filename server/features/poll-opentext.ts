/**
 * The answers of one open-text poll: each viewer gives up to `maxAnswers` short answers; the
 * audience sees them grouped (identical answers after normalisation are one line with a count),
 * newest first, and the most frequent; a host may hide a group. With `review`, answers wait as
 * `pending`, seen only by staff and their author, until staff decide them in the poll channel's
 * review queue (`review.ts`), which calls `decide`.
 *
 * Pure state, no I/O: the poll channel persists what `add`, `decide` and `hide` change and
 * decides who hears of it.
 */
import { newId } from '../ids.js';
import {
  POLL_LIMITS,
  type MyOpenTextAnswer,
  type OpenTextEntry,
  type OpenTextStatus,
  type User,
} from '../../src/protocol/index.js';
import { OpError } from '../errors.js';
import { matchKey } from '../text.js';

/** One answer as stored (under `answers:POLL:USER`, a user's answers in the order given). */
export interface StoredAnswer {
  id: string;
  text: string;
  /** Normalised text: identical answers share it. */
  key: string;
  /** The author's name when they answered. */
  name: string;
  /** Relay time of the answer (ms). */
  at: number;
  /** `hidden` is not stored: it is derived from the poll's hidden keys. */
  status: Exclude<OpenTextStatus, 'hidden'>;
  /** When it became visible to the audience (a counter), for "newest first". */
  shownOrder?: number;
}

interface Group {
  key: string;
  /** The group's first shown answer. */
  id: string;
  text: string;
  count: number;
  /** `shownOrder` of its newest answer. */
  newest: number;
}

/**
 * The key identical answers share: the blocked-terms match key (case folded, look-alikes and
 * invisible characters gone) without punctuation, whitespace runs as one space. An answer of
 * punctuation only keeps it, so "?!" and "!?" stay two answers.
 */
export function answerKey(text: string): string {
  const key = matchKey(text);
  const bare = key
    .replace(/\p{P}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return bare || key;
}

const entryOf = ({ id, text, count }: Group): OpenTextEntry => ({ id, text, count });

export class OpenTextAnswers {
  #byUser = new Map<string, StoredAnswer[]>();
  #byId = new Map<string, { userId: string; answer: StoredAnswer }>();
  #groups = new Map<string, Group>();
  #shown = 0;

  constructor(private hiddenKeys: Set<string>) {}

  /** Restores a user's stored answers (at load). */
  load(userId: string, answers: StoredAnswer[]): void {
    this.#byUser.set(userId, answers);
    for (const answer of answers) {
      this.#byId.set(answer.id, { userId, answer });
      this.#shown = Math.max(this.#shown, answer.shownOrder ?? 0);
    }
    for (const answer of answers) this.#index(answer);
  }

  /**
   * Adds `user`'s answer (text already checked); refuses a user's answer beyond `max`, or one
   * identical to one they gave. Returns the user's answers to store.
   */
  add(user: User, text: string, max: number, review: boolean, now: number) {
    const mine = this.#byUser.get(user.id) ?? [];
    if (mine.length >= max) {
      throw new OpError('conflict', `at most ${max} answers per person in this poll`, {
        details: { max },
      });
    }
    const key = answerKey(text);
    if (mine.some((answer) => answer.key === key)) {
      throw new OpError('conflict', 'you already gave this answer', {
        details: { field: 'text', reason: 'duplicate' },
      });
    }
    const answer: StoredAnswer = {
      id: newId(6),
      text,
      key,
      name: user.name,
      at: now,
      status: review ? 'pending' : 'shown',
    };
    if (!review) answer.shownOrder = ++this.#shown;
    const answers = [...mine, answer];
    this.#byUser.set(user.id, answers);
    this.#byId.set(answer.id, { userId: user.id, answer });
    this.#index(answer);
    return { answer, answers };
  }

  /**
   * The review queue's decision on a pending answer: `shown` joins it to its group as the
   * newest; `rejected` drops it, so it leaves its author's list and gives their slot back (as a
   * rejected chat message disappears). Returns its author and their answers to store; an
   * answer no longer pending is a `conflict`.
   */
  decide(answerId: string, outcome: 'shown' | 'rejected') {
    const { userId, answer } = this.#find(answerId);
    if (answer.status !== 'pending') {
      throw new OpError('conflict', `this answer was already ${answer.status}`);
    }
    if (outcome === 'rejected') {
      this.#byId.delete(answerId);
      const answers = this.#byUser.get(userId)!.filter((other) => other.id !== answerId);
      this.#byUser.set(userId, answers);
      return { userId, answers };
    }
    answer.status = 'shown';
    answer.shownOrder = ++this.#shown;
    this.#group(answer);
    return { userId, answers: this.#byUser.get(userId)! };
  }

  /** The key to hide for `answerId`, and the authors whose answers it hides. */
  hide(answerId: string): { key: string; authors: string[] } {
    const { answer } = this.#find(answerId);
    const authors = new Set<string>();
    for (const [userId, answers] of this.#byUser) {
      if (answers.some((other) => other.key === answer.key)) authors.add(userId);
    }
    return { key: answer.key, authors: [...authors] };
  }

  /** Whether `answerId` names an answer of this poll. */
  has(answerId: string): boolean {
    return this.#byId.has(answerId);
  }

  /** A user's answers with where each stands, in the order given. */
  mine(userId: string): MyOpenTextAnswer[] | undefined {
    const answers = this.#byUser.get(userId);
    return answers?.map(({ id, text, status, key }) => ({
      id,
      text,
      status: status === 'shown' && this.hiddenKeys.has(key) ? 'hidden' : status,
    }));
  }

  /** What the audience sees: the listed groups newest first, the top ones, the voters. */
  results(): { counts: Record<string, number>; total: number; answers: OpenTextEntry[] } {
    const visible = [...this.#groups.values()].filter((group) => !this.hiddenKeys.has(group.key));
    const listed = [...visible]
      .sort((a, b) => b.newest - a.newest)
      .slice(0, POLL_LIMITS.opentextListed)
      .map(entryOf);
    const top = [...visible]
      .sort((a, b) => b.count - a.count || a.newest - b.newest)
      .slice(0, POLL_LIMITS.opentextTop);
    const counts: Record<string, number> = {};
    // Two groups may show the same first text only if normalisation differs; keep both counts.
    for (const group of top) counts[group.text] = (counts[group.text] ?? 0) + group.count;
    let total = 0;
    for (const answers of this.#byUser.values()) {
      if (answers.some((a) => a.status === 'shown' && !this.hiddenKeys.has(a.key))) total++;
    }
    return { counts, total, answers: listed };
  }

  #find(answerId: string) {
    const found = this.#byId.get(answerId);
    if (!found) throw new OpError('not_found', 'no such answer in this poll');
    return found;
  }

  #index(answer: StoredAnswer) {
    if (answer.status === 'shown') this.#group(answer);
  }

  #group(answer: StoredAnswer) {
    const order = answer.shownOrder ?? 0;
    const group = this.#groups.get(answer.key);
    if (!group) {
      this.#groups.set(answer.key, {
        key: answer.key,
        id: answer.id,
        text: answer.text,
        count: 1,
        newest: order,
      });
      return;
    }
    group.count++;
    group.newest = Math.max(group.newest, order);
    // Restored out of order: the group's face is its first shown answer.
    const first = this.#byId.get(group.id)?.answer.shownOrder ?? 0;
    if (order < first) Object.assign(group, { id: answer.id, text: answer.text });
  }
}
