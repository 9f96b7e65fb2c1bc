/**
 * Every piece of text `<live-review-queue>` shows. Replace some or all of them through the
 * element's `strings` property to translate the panel.
 */
import type { ReportReason, ReviewDecision, ReviewItem } from '../../protocol/index.js';
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings, StateStrings } from '../internal/strings.js';

export interface ReviewQueueStrings extends ConnectionStrings, StateStrings {
  title: string;
  empty: string;
  /** Shown instead of the panel to viewers who are not hosts or moderators. */
  hostsOnly: string;
  /** The count, announced politely whenever it changes. */
  count: (count: number) => string;
  /** How the keys work, under the list. */
  keys: string;
  /** The item's feature; a poll's item is named by its poll's kind when the relay gives it. */
  feature: Record<ReviewItem['feature'], string>;
  pollKind: Record<'wordcloud' | 'opentext', string>;
  /** Why an item is held (a chat rule, or Q&A moderation). */
  held: (rule: string) => string;
  /** A reported item: how many viewers, for which reasons. */
  reports: (count: number, reasons: string) => string;
  reasons: Record<ReportReason, string>;
  approve: string;
  reject: string;
  dismiss: string;
  remove: string;
  timeout: string;
  /** Announced once a decision is sent. */
  decided: Record<ReviewDecision | 'remove' | 'timeout', string>;
  /** Accessible name of an item's actions. */
  actionsFor: (name: string) => string;
}

export const defaultReviewQueueStrings: ReviewQueueStrings = {
  title: 'Review',
  loading: 'Loading the review queue…',
  refused: refusedText,
  empty: 'Nothing waits for review.',
  hostsOnly: 'The review queue is for hosts and moderators.',
  count: (count) =>
    count === 0 ? 'Nothing to review' : `${count} item${count === 1 ? '' : 's'} to review`,
  keys: '↑ ↓ move · A approve · R reject · Enter more actions',
  feature: { chat: 'Chat', qa: 'Q&A', poll: 'Poll' },
  pollKind: { wordcloud: 'Word cloud', opentext: 'Open text' },
  held: (rule) =>
    ({
      all: 'Held: every message is reviewed',
      firstTime: 'Held: first-time chatter',
      links: 'Held: contains a link',
      terms: 'Held: matches a review term',
      moderation: 'Awaiting approval',
      review: 'Awaiting approval',
    })[rule] ?? `Held: ${rule}`,
  reports: (count, reasons) => `Reported by ${count} viewer${count === 1 ? '' : 's'}: ${reasons}`,
  reasons: {
    spam: 'spam',
    harassment: 'harassment',
    hate: 'hate',
    sexual: 'sexual',
    other: 'other',
  },
  approve: 'Approve',
  reject: 'Reject',
  dismiss: 'Keep (dismiss reports)',
  remove: 'Delete message',
  timeout: 'Time out 10 min',
  decided: {
    approve: 'Approved.',
    reject: 'Rejected.',
    dismiss: 'Reports dismissed.',
    remove: 'Message deleted.',
    timeout: 'Author timed out.',
  },
  actionsFor: (name) => `Actions for ${name}`,
  offline: 'You are offline. Decisions will be sent when the connection is back.',
  reconnecting: 'Connection lost. Reconnecting…',
  closed: 'Disconnected from the room.',
};
