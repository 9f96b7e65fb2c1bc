/**
 * The room's review queue as staff see it: the chat's held and reported messages, Q&A's
 * questions awaiting approval and word-cloud entries under review, as one list of `ReviewItem`s, oldest first, with one way to
 * decide each. Each feature keeps its own queue on its own channel (docs/protocol-notes.md,
 * "Hold for review and reports"); this store only puts them side by side and sends each
 * decision to the feature it belongs to.
 */
import { computed, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { AckFrame, QaQuestion, ReviewDecision, ReviewItem } from '../protocol/index.js';
import { createChatStore, type ChatStore } from './chat.js';
import { createPollStore, type PollStore } from './poll.js';
import { createQaStore, type QaStore } from './qa.js';

/** Why a Q&A question is in the queue: the room moderates questions. */
export const QA_HELD = 'moderation';

export interface ReviewStore {
  /** Every item of the room's queues, oldest first (empty for anyone but staff). */
  $items: ReadableAtom<ReviewItem[]>;
  /** Both queues have arrived. */
  $loaded: ReadableAtom<boolean>;
  /** The chat's refusal, else Q&A's, else null. */
  $refused: ReadableAtom<OpError | null>;
  /**
   * Decides an item: approve or reject a held one, dismiss a report. (A Q&A question rejected is
   * hidden: its asker sees it turned down.)
   */
  decide(item: ReviewItem, decision: ReviewDecision): Promise<AckFrame>;
  /** Acting on a report: deletes the message. */
  remove(item: ReviewItem): Promise<AckFrame>;
  /** Acting on a report: times its author out for `seconds`. */
  timeout(item: ReviewItem, seconds: number): Promise<AckFrame>;
  destroy(): void;
}

/** The stores a review store reads, opened by it unless given (the console shares them). */
export interface ReviewSources {
  chat?: ChatStore;
  qa?: QaStore;
  poll?: PollStore;
}

export function createReviewStore(
  connection: Connection,
  room: string,
  sources: ReviewSources = {},
): ReviewStore {
  const chat = sources.chat ?? createChatStore(connection, room);
  const qa = sources.qa ?? createQaStore(connection, room);
  const poll = sources.poll ?? createPollStore(connection, room);
  const $items = computed([chat.$review, qa.$queue, poll.$review], (held, queue, entries) =>
    [...held, ...(queue?.questions ?? []).map(qaItem), ...entries].sort((a, b) => a.at - b.at),
  );
  const $loaded = computed([chat.$loaded, qa.$loaded, poll.$loaded], (a, b, c) => a && b && c);
  const $refused = computed([chat.$refused, qa.$refused, poll.$refused], (a, b, c) => a ?? b ?? c);

  return {
    $items,
    $loaded,
    $refused,
    decide(item, decision) {
      if (item.feature === 'qa') {
        return decision === 'approve' ? qa.approve(item.id) : qa.hide(item.id);
      }
      if (item.feature === 'poll') {
        return decision === 'approve' ? poll.approve(item.id) : poll.reject(item.id);
      }
      if (decision === 'approve') return chat.approve(item.id);
      return decision === 'reject' ? chat.reject(item.id) : chat.dismiss(item.id);
    },
    remove(item) {
      if (item.feature === 'qa') return qa.hide(item.id);
      return item.feature === 'poll' ? poll.reject(item.id) : chat.remove(item.id);
    },
    timeout: (item, seconds) => chat.timeout(item.user.id, seconds),
    destroy() {
      if (!sources.chat) chat.destroy();
      if (!sources.qa) qa.destroy();
      if (!sources.poll) poll.destroy();
    },
  };
}

/** A question awaiting approval, as a queue item. */
function qaItem(question: QaQuestion): ReviewItem {
  return {
    id: question.id,
    feature: 'qa',
    at: question.ts,
    text: question.text,
    user: { id: question.user?.id ?? '', name: question.user?.name ?? '' },
    held: QA_HELD,
  };
}
