/**
 * The room's review queue as staff see it: the chat's held and reported messages and Q&A's
 * questions awaiting approval, as one list of `ReviewItem`s, oldest first, with one way to
 * decide each. Each feature keeps its own queue on its own channel (docs/protocol-notes.md,
 * "Hold for review and reports"); this store only puts them side by side and sends each
 * decision to the feature it belongs to.
 */
import { computed, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { AckFrame, QaQuestion, ReviewDecision, ReviewItem } from '../protocol/index.js';
import { createChatStore, type ChatStore } from './chat.js';
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
}

export function createReviewStore(
  connection: Connection,
  room: string,
  sources: ReviewSources = {},
): ReviewStore {
  const chat = sources.chat ?? createChatStore(connection, room);
  const qa = sources.qa ?? createQaStore(connection, room);
  const $items = computed([chat.$review, qa.$queue], (held, queue) =>
    [...held, ...(queue?.questions ?? []).map(qaItem)].sort((a, b) => a.at - b.at),
  );
  const $loaded = computed([chat.$loaded, qa.$loaded], (a, b) => a && b);
  const $refused = computed([chat.$refused, qa.$refused], (a, b) => a ?? b);

  return {
    $items,
    $loaded,
    $refused,
    decide(item, decision) {
      if (item.feature === 'qa') {
        return decision === 'approve' ? qa.approve(item.id) : qa.hide(item.id);
      }
      if (decision === 'approve') return chat.approve(item.id);
      return decision === 'reject' ? chat.reject(item.id) : chat.dismiss(item.id);
    },
    remove: (item) => (item.feature === 'qa' ? qa.hide(item.id) : chat.remove(item.id)),
    timeout: (item, seconds) => chat.timeout(item.user.id, seconds),
    destroy() {
      if (!sources.chat) chat.destroy();
      if (!sources.qa) qa.destroy();
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
