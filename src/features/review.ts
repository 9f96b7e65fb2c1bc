/**
 * The room's review queue as staff see it: the chat's held and reported messages, Q&A's
 * questions awaiting approval, and word-cloud entries and open-text poll answers under review
 * (one queue on the poll channel), as one list of
 * `ReviewItem`s, oldest first, with one way to decide each. Each feature keeps its own queue on
 * its own channel (docs/protocol-notes.md, "Hold for review and reports"); this store only puts
 * them side by side and sends each decision to the feature it belongs to.
 *
 * The chat's queue is read here, by a listener of its own on `ROOM/chat`, not by the chat store:
 * only staff need it, and the chat store is in every viewer's page.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { ChannelListener } from '../connection/types.js';
import type {
  AckFrame,
  ChatEvents,
  ChatHoldRule,
  ChatMe,
  ChatOps,
  ChatSnapshot,
  QaQuestion,
  ReviewDecision,
  ReviewItem,
} from '../protocol/index.js';
import { opsOf } from './ops.js';
import { createPollStore, type PollStore } from './poll.js';
import { createQaStore, type QaStore } from './qa.js';

/** Why a Q&A question is in the queue: the room moderates questions. */
export const QA_HELD = 'moderation';

export interface ReviewStore {
  /** Every item of the room's queues, oldest first (empty for anyone but staff). */
  $items: ReadableAtom<ReviewItem[]>;
  /** The terms that hold a chat message for review (with the `terms` rule). */
  $reviewTerms: ReadableAtom<string[]>;
  /** Every queue has arrived. */
  $loaded: ReadableAtom<boolean>;
  /** The chat's refusal, else Q&A's, else the polls'; null while all are served. */
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
  /** Which audience chat messages are held for review (an empty list: none). */
  setHoldRules(rules: ChatHoldRule[]): Promise<AckFrame>;
  /** Replaces the terms that hold a chat message for review. */
  setReviewTerms(terms: string[]): Promise<AckFrame>;
  destroy(): void;
}

/** The Q&A and poll stores a review store reads, opened by it unless given. */
export interface ReviewSources {
  qa?: QaStore;
  poll?: PollStore;
}

export function createReviewStore(
  connection: Connection,
  room: string,
  sources: ReviewSources = {},
): ReviewStore {
  const chatChannel = `${room}/chat`;
  const $chatItems = atom<ReviewItem[]>([]);
  const $reviewTerms = atom<string[]>([]);
  const $chatLoaded = atom(false);
  const $chatRefused = atom<OpError | null>(null);
  const listener: ChannelListener<ChatEvents, ChatMe> = {
    error: (error) => $chatRefused.set(error),
    reset(snapshot) {
      const state = snapshot as Partial<ChatSnapshot>;
      $chatRefused.set(null);
      $chatItems.set(state.review ?? []);
      $reviewTerms.set(state.reviewTerms ?? []);
      $chatLoaded.set(true);
    },
    me(data) {
      if ('review' in data) {
        const item = data.review;
        const list = $chatItems.get();
        const at = list.findIndex((known) => known.id === item.id);
        $chatItems.set(
          at < 0 ? [...list, item] : list.map((known, i) => (i === at ? item : known)),
        );
      } else if ('reviewed' in data) {
        $chatItems.set($chatItems.get().filter((item) => item.id !== data.reviewed.id));
      } else if ('reviewTerms' in data) {
        $reviewTerms.set(data.reviewTerms);
      }
    },
  };
  const release = connection.channel(chatChannel, listener);
  const chat = opsOf<ChatOps>(connection, chatChannel);
  const qa = sources.qa ?? createQaStore(connection, room);
  const poll = sources.poll ?? createPollStore(connection, room);

  const $items = computed([$chatItems, qa.$queue, poll.$review], (held, queue, entries) =>
    [...held, ...(queue?.questions ?? []).map(qaItem), ...entries].sort((a, b) => a.at - b.at),
  );
  const $loaded = computed([$chatLoaded, qa.$loaded, poll.$loaded], (a, b, c) => a && b && c);
  const $refused = computed([$chatRefused, qa.$refused, poll.$refused], (a, b, c) => a ?? b ?? c);

  return {
    $items,
    $reviewTerms,
    $loaded,
    $refused,
    decide(item, decision) {
      if (item.feature === 'qa') {
        return decision === 'approve' ? qa.approve(item.id) : qa.hide(item.id);
      }
      if (item.feature === 'poll') {
        return decision === 'approve' ? poll.approve(item.id) : poll.reject(item.id);
      }
      return chat(decision, { id: item.id });
    },
    remove(item) {
      if (item.feature === 'qa') return qa.hide(item.id);
      return item.feature === 'poll' ? poll.reject(item.id) : chat('delete', { id: item.id });
    },
    timeout: (item, seconds) => chat('timeout', { userId: item.user.id, seconds }),
    setHoldRules: (rules) => chat('settings', { hold: rules }),
    setReviewTerms: (terms) => chat('settings', { reviewTerms: terms }),
    destroy() {
      release();
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
