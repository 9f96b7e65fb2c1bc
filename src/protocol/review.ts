/**
 * The review queue's items (issue 14, "hold for review" and "reports"): what staff see of
 * anything a feature held back from the audience or a viewer reported, whichever feature it
 * comes from. Each feature keeps its own queue on its own channel (`chat`, `qa`, `poll`) and
 * sends it to staff as `me {review}` and `me {reviewed}`; the host console lists them as one.
 * docs/protocol-notes.md, "The review queue".
 */

/** What staff decide about an item: let it through, keep it out, or (a report) leave it be. */
export type ReviewDecision = 'approve' | 'reject' | 'dismiss';
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['approve', 'reject', 'dismiss'];

/** Why a viewer reports a message: a fixed set, so a raid cannot write to staff through it. */
export type ReportReason = 'spam' | 'harassment' | 'hate' | 'sexual' | 'other';
export const REPORT_REASONS: readonly ReportReason[] = [
  'spam',
  'harassment',
  'hate',
  'sexual',
  'other',
];

/** The bounds of every queue (per channel of a room), of what is held and of reports. */
export const REVIEW_LIMITS = {
  /** Items one queue keeps; a hold beyond it is refused (`rate_limited`). */
  queueMax: 500,
  /** Items one user may have held at once; a hold beyond it is refused (`rate_limited`). */
  heldPerUser: 5,
  /** The text an item shows staff (code points; longer text is cut). */
  textMax: 500,
  /** Reports one viewer may make per window. */
  reportsPerWindow: 10,
  reportWindowMs: 60_000,
  /** A report's optional note (code points, after trimming). */
  reportNoteMax: 200,
  /** The newest notes kept per reported message. */
  reportNotesKept: 5,
  /** Reporters remembered per message (one report each); beyond it, reports are not counted. */
  reportersMax: 1_000,
  /** Terms that hold a message for review, and each one's length (as blocked terms). */
  reviewTermsMax: 200,
  reviewTermMax: 40,
} as const;

/** The reports on one item: how many viewers, how many per reason, the newest notes. */
export interface ReviewReports {
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  notes?: string[];
}

/** One item of a review queue, as staff see it. */
export interface ReviewItem {
  /** The item's id within its feature's channel (for chat, the message id). */
  id: string;
  /** The channel's feature: which store's ops decide it. */
  feature: 'chat' | 'qa' | 'poll';
  /** When it was held or first reported (relay ms). */
  at: number;
  text: string;
  user: { id: string; name: string };
  /** Held back from the audience, and why (a chat rule: `all`, `firstTime`, `links`, `terms`). */
  held?: string;
  reports?: ReviewReports;
  /** What the feature needs to show it (a poll's id and question). */
  context?: Record<string, string>;
}

/** `me` about the queue, to staff only: an item added or changed, or one decided and gone. */
export type ReviewMe =
  { review: ReviewItem } | { reviewed: { id: string; decision: ReviewDecision; by: string } };
