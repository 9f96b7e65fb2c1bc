/**
 * The Q&A store (`ROOM/qa`): the room's questions with their votes and statuses, my votes, my
 * questions awaiting approval, and (for hosts) the moderation queue, fed by the shared
 * Connection. The relay decides; the store only mirrors it, except that my votes show at once
 * and are undone if refused.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { ChannelListener } from '../connection/types.js';
import { onRestored, opsOf, settled } from './ops.js';
import {
  STAFF_ROLES,
  isStaff,
  type AckFrame,
  type QaAcks,
  type QaEvents,
  type QaMe,
  type QaOps,
  type QaQuestion,
  type QaQueue,
  type QaSettings,
  type QaSnapshot,
  type QaStatus,
} from '../protocol/index.js';

export type { QaQuestion, QaQueue, QaSettings, QaStatus } from '../protocol/index.js';

/** `votes`: most votes first, then the oldest. `time`: the newest first. */
export type QaOrder = 'votes' | 'time';

/** A live view of one room's Q&A plus the ops a user may send to it. */
export interface QaStore {
  /** `${room}/qa` */
  readonly channel: string;
  /** Published questions, oldest first; hidden ones for hosts and moderators only. */
  $questions: ReadableAtom<QaQuestion[]>;
  /** The question being answered now, or null. */
  $pinned: ReadableAtom<QaQuestion | null>;
  /** Answered questions, oldest first. */
  $answered: ReadableAtom<QaQuestion[]>;
  /** Ids of the questions I upvoted: shown at once, undone if the relay refuses. */
  $myVotes: ReadableAtom<ReadonlySet<string>>;
  /** My questions awaiting approval, oldest first. */
  $mine: ReadableAtom<QaQuestion[]>;
  /**
   * My questions asked before a reload that the relay has not answered yet (the connection sends
   * them again), oldest first; each leaves once answered, for the list or `$mine`.
   */
  $asking: ReadableAtom<QaAsking[]>;
  /** Hosts and moderators: the moderation queue; null for everyone else. */
  $queue: ReadableAtom<QaQueue | null>;
  $settings: ReadableAtom<QaSettings>;
  /** True after the first snapshot. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /** Asks a question; resolves with its id and status (`pending` when moderated). */
  ask(text: string, options?: { anonymous?: boolean }): Promise<{ id: string; status: QaStatus }>;
  /** Adds my vote (one per user; repeating changes nothing). */
  upvote(id: string): Promise<AckFrame>;
  /** Takes my vote back. */
  unvote(id: string): Promise<AckFrame>;
  /** Host: marks a question answered. */
  answer(id: string): Promise<AckFrame>;
  /** Host: hides a question from the audience. */
  hide(id: string): Promise<AckFrame>;
  /** Host: pins a question as "answering now"; the one pinned before goes back to the list. */
  pin(id: string): Promise<AckFrame>;
  /** Host: publishes a pending question. */
  approve(id: string): Promise<AckFrame>;
  /** Host: moderation on or off (questions already pending stay pending). */
  setModeration(moderation: boolean): Promise<AckFrame>;
  /** Releases the channel. */
  destroy(): void;
}

/** Defaults of the Q&A store, in one place. */
export const QA_DEFAULTS = {
  settings: { moderation: false } as Readonly<QaSettings>,
  /** Roles that see hidden questions and the queue. */
  staff: STAFF_ROLES,
} as const;

/** A question of mine on its way to the relay. */
export interface QaAsking {
  /** The op's `mid`. */
  mid: string;
  text: string;
  anonymous: boolean;
}

/** My vote between sending it and the relay's answer. */
interface PendingVote {
  voted: boolean;
  /** The relay has sent a `me` for this question since: it holds the confirmed vote. */
  confirmed: boolean;
}

/** Creates a Q&A store for `room` on a shared connection. */
export function createQaStore(connection: Connection, room: string): QaStore {
  const channel = `${room}/qa`;
  /** Every published question this store knows, hidden ones included, oldest first. */
  const $all = atom<QaQuestion[]>([]);
  const $myVotes = atom<ReadonlySet<string>>(new Set());
  const $mine = atom<QaQuestion[]>([]);
  const $asking = atom<QaAsking[]>([]);
  const $queue = atom<QaQueue | null>(null);
  const $settings = atom<QaSettings>(QA_DEFAULTS.settings);
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  const $questions = computed([$all, connection.$user], (all, user) =>
    isStaff(user) ? all : all.filter((question) => question.status !== 'hidden'),
  );
  const $pinned = computed($questions, (list) => list.find((q) => q.status === 'pinned') ?? null);
  const $answered = computed($questions, (list) => list.filter((q) => q.status === 'answered'));

  /** Votes the relay confirmed (`me`), and mine still in flight, which show over them. */
  let confirmed = new Set<string>();
  const pending = new Map<string, PendingVote>();

  function publishVotes(): void {
    const votes = new Set(confirmed);
    for (const [id, vote] of pending) {
      if (vote.voted) votes.add(id);
      else votes.delete(id);
    }
    const before = $myVotes.get();
    if (votes.size !== before.size || [...votes].some((id) => !before.has(id))) $myVotes.set(votes);
  }

  function confirm(id: string, voted: boolean): void {
    if (voted) confirmed.add(id);
    else confirmed.delete(id);
  }

  function update(id: string, change: Partial<QaQuestion>): void {
    $all.set(
      $all.get().map((question) => (question.id === id ? { ...question, ...change } : question)),
    );
  }

  const listener: ChannelListener<QaEvents, QaMe> = {
    error: (error) => $refused.set(error),
    reset(snapshot) {
      $refused.set(null);
      const state = snapshot as QaSnapshot;
      // An audience snapshot holds my own pending questions too.
      $all.set(state.questions.filter((question) => question.status !== 'pending'));
      $mine.set(state.questions.filter((question) => question.status === 'pending'));
      $settings.set(state.settings);
      $queue.set(state.queue ?? null);
      // The relay sends `me {voted}` right after, when I voted.
      confirmed = new Set();
      publishVotes();
      $loaded.set(true);
    },

    event(ev) {
      switch (ev.type) {
        case 'question': {
          const question = ev.data;
          $all.set(insertByTime($all.get(), question));
          $mine.set($mine.get().filter((mine) => mine.id !== question.id));
          break;
        }
        case 'status': {
          const { id, status, question } = ev.data;
          // A question hidden before I joined is not in my list: the event brings it whole.
          if (question && !$all.get().some((known) => known.id === id)) {
            $all.set(insertByTime($all.get(), question));
          } else {
            update(id, { status });
          }
          break;
        }
        case 'votes': {
          const { id, votes } = ev.data;
          update(id, { votes });
          break;
        }
        case 'settings':
          $settings.set(ev.data);
          break;
      }
    },

    me(data) {
      const me = data;
      if (me.voted) confirmed = new Set(me.voted);
      if (me.vote) {
        confirm(me.vote.id, me.vote.voted);
        const vote = pending.get(me.vote.id);
        if (vote) vote.confirmed = true;
      }
      if (me.voted || me.vote) publishVotes();
      if (me.pending) $mine.set(insertByTime($mine.get(), me.pending));
      if (me.queue) $queue.set(me.queue);
    },
  };
  const release = connection.channel(channel, listener);

  const op = opsOf<QaOps, QaAcks>(connection, channel);

  const stopAdopting = onRestored(connection, channel, 'ask', ({ mid, data, promise }) => {
    const { text, anonymous } = data as QaOps['ask'];
    $asking.set([...$asking.get(), { mid, text, anonymous: !!anonymous }]);
    const gone = () => $asking.set($asking.get().filter((ask) => ask.mid !== mid));
    promise.then(gone, gone);
  });

  function sendVote(id: string, voted: boolean): Promise<AckFrame> {
    const mine: PendingVote = { voted, confirmed: false };
    pending.set(id, mine);
    publishVotes();
    const settle = (accepted: boolean) => {
      if (pending.get(id) !== mine) return; // a later vote of mine shows now
      pending.delete(id);
      // A vote that changed nothing gets no `me`: the ack alone confirms it.
      if (accepted && !mine.confirmed) confirm(id, voted);
      publishVotes();
    };
    const type = voted ? 'upvote' : 'unvote';
    return settled(op(type, { id }), settle);
  }

  return {
    channel,
    $questions,
    $pinned,
    $answered,
    $myVotes,
    $mine,
    $asking,
    $queue,
    $settings,
    $loaded,
    $refused,

    async ask(text, options = {}) {
      const data =
        options.anonymous === undefined ? { text } : { text, anonymous: options.anonymous };
      const ack = await op('ask', data);
      return ack.data!;
    },
    upvote: (id) => sendVote(id, true),
    unvote: (id) => sendVote(id, false),
    answer: (id) => op('answer', { id }),
    hide: (id) => op('hide', { id }),
    pin: (id) => op('pin', { id }),
    approve: (id) => op('approve', { id }),
    setModeration: (moderation) => op('settings', { moderation }),

    destroy() {
      stopAdopting();
      release();
    },
  };
}

/**
 * The questions in a view's order, as a new array. `votes`: most votes first, then the oldest
 * first. `time`: the newest first. Where pinned or answered questions go is the view's choice.
 */
export function sortQuestions(questions: readonly QaQuestion[], order: QaOrder): QaQuestion[] {
  const byTime = (a: QaQuestion, b: QaQuestion) => a.ts - b.ts || compare(a.id, b.id);
  return [...questions].sort(
    order === 'votes' ? (a, b) => b.votes - a.votes || byTime(a, b) : (a, b) => byTime(b, a),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds or replaces a question, keeping time order (an approved one may be older than others). */
function insertByTime(list: QaQuestion[], question: QaQuestion): QaQuestion[] {
  const others = list.filter((other) => other.id !== question.id);
  const at = others.findIndex((other) => other.ts > question.ts);
  return at < 0 ? [...others, question] : [...others.slice(0, at), question, ...others.slice(at)];
}
