/**
 * The poll store (`ROOM/poll`): the room's polls with their tallies, my votes, and the live
 * tallies hosts see of polls whose results are hidden, fed by the shared Connection. The relay
 * counts; the store only mirrors it, except that my vote shows at once and is undone if refused.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import { createMid } from '../connection/ids.js';
import type { ChannelListener } from '../connection/types.js';
import { onRestored, opsOf, settled } from './ops.js';
import type {
  AckFrame,
  PollAcks,
  PollEvents,
  PollMe,
  PollOps,
  PollSnapshot,
  Poll,
  PollAnswer,
  PollTally,
  PollInput,
  MyOpenTextAnswer,
  ReviewItem,
} from '../protocol/index.js';

export type {
  Poll,
  PollAnswer,
  PollCounts,
  PollInput,
  PollKind,
  PollStatus,
  PollTally,
  MyOpenTextAnswer,
  OpenTextEntry,
  OpenTextStatus,
} from '../protocol/index.js';

/** A live view of one room's polls plus the ops a user may send to it. */
export interface PollStore {
  /** `${room}/poll` */
  readonly channel: string;
  /** Every poll, in order of creation, drafts included (hosts see them come, views skip them). */
  $polls: ReadableAtom<Poll[]>;
  /** The poll to show: the newest open one, else the newest closed one, else null. */
  $active: ReadableAtom<Poll | null>;
  /** My answer per poll id; a vote shows here at once and is undone if the relay refuses it. */
  $myVotes: ReadableAtom<Record<string, PollAnswer>>;
  /** My open-text answers per poll id, with where each stands (pending, shown, …). */
  $myAnswers: ReadableAtom<Record<string, MyOpenTextAnswer[]>>;
  /** Hosts and moderators: live results per poll id of polls whose results are hidden. */
  $hostTallies: ReadableAtom<Record<string, PollTally>>;
  /**
   * Hosts and moderators: the poll channel's review queue, oldest first: word-cloud entries
   * and open-text answers of polls created with `review`.
   */
  $review: ReadableAtom<ReviewItem[]>;
  /** True after the first snapshot. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /** Votes, replacing my earlier answer to that poll; rejects with `closed` if it is not open. */
  vote(pollId: string, answer: PollAnswer): Promise<AckFrame>;
  /** Open text: adds an answer (up to the poll's `maxAnswers`); it shows in `$myAnswers`. */
  answer(pollId: string, text: string): Promise<AckFrame>;
  /** Host: hides an open-text answer and every identical one. */
  hide(pollId: string, answerId: string): Promise<AckFrame>;
  /** Host: creates a draft poll; resolves with its id. */
  create(input: PollInput): Promise<string>;
  /** Host: opens a draft or closed poll to votes. */
  open(pollId: string): Promise<AckFrame>;
  /** Host: a held item of `$review` reaches the audience (an entry counts, an answer shows). */
  approve(itemId: string): Promise<AckFrame>;
  /** Host: a held item of `$review` never reaches the audience; it leaves its author's view. */
  reject(itemId: string): Promise<AckFrame>;
  /** Host: closes a poll; its final results go to everyone. */
  close(pollId: string): Promise<AckFrame>;
  /** Releases the channel. */
  destroy(): void;
}

/** My vote between sending it and the relay's answer. */
interface PendingVote {
  mid: string;
  answer: PollAnswer;
  /** The relay has sent a `me` for this poll since: it holds the confirmed answer. */
  confirmed: boolean;
}

/**
 * The closed poll whose status changed last (by `statusSeq`); among polls without one (from a
 * relay before it), the newest created.
 */
function closedLast(polls: readonly Poll[]): Poll | undefined {
  let found: Poll | undefined;
  for (const poll of polls) {
    if (poll.status === 'closed' && (poll.statusSeq ?? 0) >= (found?.statusSeq ?? 0)) found = poll;
  }
  return found;
}

/** Creates a poll store for `room` on a shared connection. */
export function createPollStore(connection: Connection, room: string): PollStore {
  const channel = `${room}/poll`;
  const $polls = atom<Poll[]>([]);
  const $myVotes = atom<Record<string, PollAnswer>>({});
  const $hostTallies = atom<Record<string, PollTally>>({});
  const $myAnswers = atom<Record<string, MyOpenTextAnswer[]>>({});
  const $review = atom<ReviewItem[]>([]);
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  const $active = computed($polls, (polls) => {
    // Several open: the newest created. None open: the one closed last, not the newest created,
    // which a host who prepared polls in advance may have run before the last one.
    const open = polls.findLast((poll) => poll.status === 'open');
    return open ?? closedLast(polls) ?? null;
  });

  /** Answers the relay confirmed (`me`), and mine still in flight, which show over them. */
  let confirmed: Record<string, PollAnswer> = {};
  const pending = new Map<string, PendingVote>();

  function publishVotes(): void {
    const votes = { ...confirmed };
    for (const [pollId, vote] of pending) votes[pollId] = vote.answer;
    $myVotes.set(votes);
  }

  function setHostTally(pollId: string, tally: PollTally): void {
    $hostTallies.set({ ...$hostTallies.get(), [pollId]: tally });
  }

  /** Hidden results live in `$hostTallies` (for hosts), never in `$polls`. */
  function visible(poll: Poll): Poll {
    if (!poll.hideResults || poll.status === 'closed') return poll;
    if (poll.counts !== null && poll.total !== null) {
      const { counts, total, answers } = poll;
      setHostTally(poll.id, { counts, total, ...(answers ? { answers } : {}) });
    }
    return { ...poll, counts: null, total: null, ...('answers' in poll ? { answers: null } : {}) };
  }

  function updatePoll(pollId: string, change: (poll: Poll) => Poll): void {
    $polls.set($polls.get().map((poll) => (poll.id === pollId ? change(poll) : poll)));
  }

  const listener: ChannelListener<PollEvents, PollMe> = {
    error: (error) => $refused.set(error),
    reset(snapshot) {
      $refused.set(null);
      const { polls = [], review = [] } = (snapshot ?? {}) as Partial<PollSnapshot> & {
        review?: ReviewItem[];
      };
      $review.set(review);
      $hostTallies.set({});
      $myAnswers.set({});
      $polls.set(polls.map(visible));
      // The relay sends a `me` for each of my votes right after.
      confirmed = {};
      publishVotes();
      $loaded.set(true);
    },

    event(ev) {
      switch (ev.type) {
        case 'poll': {
          const { poll } = ev.data;
          const others = $polls.get().filter((other) => other.id !== poll.id);
          $polls.set([...others, visible(poll)]);
          break;
        }
        case 'status': {
          const { pollId, status } = ev.data;
          updatePoll(pollId, (poll) => visible({ ...poll, status, statusSeq: ev.seq }));
          break;
        }
        case 'tally': {
          const { pollId, ...tally } = ev.data;
          updatePoll(pollId, (poll) => visible({ ...poll, ...tally }));
          if (pollId in $hostTallies.get()) setHostTally(pollId, tally);
          break;
        }
      }
    },

    // `me` carries my vote, my open-text answers or, for hosts, a hidden poll's tally or a
    // change to the review queue.
    me(data) {
      if (data && typeof data === 'object' && 'review' in data) {
        const item = data.review;
        $review.set([...$review.get().filter((known) => known.id !== item.id), item]);
        return;
      }
      if (data && typeof data === 'object' && 'reviewed' in data) {
        $review.set($review.get().filter((known) => known.id !== data.reviewed.id));
        return;
      }
      const { pollId, ...rest } = (data ?? {}) as { pollId?: unknown } & Record<string, unknown>;
      if (typeof pollId !== 'string') return;
      if (Array.isArray(rest.answers) && !('counts' in rest)) {
        $myAnswers.set({ ...$myAnswers.get(), [pollId]: rest.answers as MyOpenTextAnswer[] });
        return;
      }
      if ('counts' in rest) {
        setHostTally(pollId, rest as unknown as PollTally);
        return;
      }
      if (Object.keys(rest).length === 0) {
        // My held entry was rejected and no earlier one counts.
        const { [pollId]: _, ...others } = confirmed;
        confirmed = others;
      } else confirmed = { ...confirmed, [pollId]: rest as PollAnswer };
      const vote = pending.get(pollId);
      if (vote) vote.confirmed = true;
      publishVotes();
    },
  };
  const release = connection.channel(channel, listener);

  const op = opsOf<PollOps, PollAcks>(connection, channel);

  /** Shows my vote at once, until the relay answers `sent`: kept on ack, undone if refused. */
  function follow(pollId: string, mid: string, answer: PollAnswer, sent: Promise<AckFrame>) {
    const vote: PendingVote = { mid, answer, confirmed: false };
    pending.set(pollId, vote);
    publishVotes();
    const settle = (accepted: boolean) => {
      if (pending.get(pollId) !== vote) return; // a later vote of mine shows now
      pending.delete(pollId);
      // The `me` normally comes before the ack; without it, the ack alone confirms.
      if (accepted && !vote.confirmed) confirmed = { ...confirmed, [pollId]: answer };
      publishVotes();
    };
    return settled(sent, settle);
  }

  // A vote sent before a reload and not answered yet shows as it did: mine, until refused.
  const stopAdopting = onRestored(connection, channel, 'vote', ({ mid, data, promise }) => {
    const { pollId, ...answer } = data as { pollId: string } & PollAnswer;
    follow(pollId, mid, answer, promise).catch(() => {});
  });

  return {
    channel,
    $polls,
    $active,
    $myVotes,
    $hostTallies,
    $myAnswers,
    $review,
    $loaded,
    $refused,

    vote(pollId, answer) {
      const mid = createMid();
      return follow(pollId, mid, answer, op('vote', { pollId, ...answer }, { mid }));
    },
    answer: (pollId, text) => op('answer', { pollId, text }),
    hide: (pollId, answerId) => op('hide', { pollId, answerId }),
    async create(input) {
      const ack = await op('create', input);
      return ack.data!.pollId;
    },
    open: (pollId) => op('open', { pollId }),
    close: (pollId) => op('close', { pollId }),
    approve: (itemId) => op('approve', { id: itemId }),
    reject: (itemId) => op('reject', { id: itemId }),

    destroy() {
      stopAdopting();
      release();
    },
  };
}

/**
 * Whole percentages of `total` for each count, for views. When the counts add up to the total
 * (one answer per voter: `single`, `rating`) they are rounded by largest remainder, so they add
 * up to exactly 100 (ties go to the earlier option). Otherwise (`multi`, where a voter may pick
 * several) each is the share of voters who picked that option, rounded to the nearest. A count
 * under 0.5 % may show as 0. With no votes, every percentage is 0.
 */
export function percentages(counts: readonly number[], total: number): number[] {
  if (!(total > 0)) return counts.map(() => 0);
  const exact = counts.map((count) => (count * 100) / total);
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== total) return exact.map((value) => Math.round(value));
  const rounded = exact.map((value) => Math.floor(value));
  let left = 100 - rounded.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - rounded[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    rounded[index] += 1;
    left -= 1;
  }
  return rounded;
}
