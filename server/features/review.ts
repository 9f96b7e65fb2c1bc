/**
 * A review queue: what a feature holds back from the audience (a chat message, a word-cloud
 * entry, an open-text answer) and what viewers report, for staff to decide. One per
 * channel, kept with the channel's records (`review:ID`), so it survives a restart and is
 * decided by the channel's one owner in a cluster.
 *
 * A feature plugs in with three calls: it constructs the queue with a `decide` callback (told
 * each decision, it makes the item public or drops it), calls `hold` where it would otherwise
 * publish, and spreads `ops()` (`approve`, `reject`, `dismiss`) into its op handlers. Staff
 * receive the queue in their snapshot (`items()`) and every change as `me {review}` /
 * `me {reviewed}` (docs/protocol-notes.md, "The review queue").
 */
import {
  REPORT_REASONS,
  REVIEW_LIMITS,
  codePoints,
  type ReportReason,
  type ReviewDecision,
  type ReviewItem,
  type ReviewMe,
  type User,
} from '../../src/protocol/index.js';
import { BoundedMap } from '../bounded.js';
import { OpError, invalid } from '../errors.js';
import type { StoredState } from './feature.js';
import { id, requireHost, text } from './validate.js';

/** What the queue needs of its channel. */
export interface ReviewHandle {
  now(): number;
  put(key: string, value: unknown): void;
  sendMeToHosts(data: ReviewMe): void;
}

export interface ReviewQueueOptions {
  feature: ReviewItem['feature'];
  /**
   * Told each decision before the item leaves the queue: the feature makes the item public
   * (`approve`), drops it (`reject`) or leaves it be (`dismiss`). Throwing an OpError refuses
   * the decision and keeps the item.
   */
  decide(item: ReviewItem, decision: ReviewDecision, by: User): void;
}

/** What a hold names: the item's id in the feature, its text and author, and why. */
export type HoldRequest = Pick<ReviewItem, 'id' | 'text' | 'user' | 'held' | 'context'>;

interface Stored {
  item: ReviewItem;
  reporters?: string[];
}

const KEY = 'review:';

export class ReviewQueue {
  /** id → item, oldest first. */
  #items = new Map<string, Stored>();
  /** reporter → the times of their recent reports. Not persisted: a restart forgives. */
  #recentReports = new BoundedMap<string, number[]>(10_000);

  constructor(
    private handle: ReviewHandle,
    stored: StoredState,
    private options: ReviewQueueOptions,
  ) {
    const found: Stored[] = [];
    for (const [key, value] of stored.records) if (key.startsWith(KEY)) found.push(value as Stored);
    found.sort((a, b) => a.item.at - b.item.at);
    for (const entry of found) this.#items.set(entry.item.id, entry);
  }

  /** The queue, oldest first, as staff see it. */
  items(): ReviewItem[] {
    return [...this.#items.values()].map((entry) => entry.item);
  }

  get(itemId: string): ReviewItem | undefined {
    return this.#items.get(itemId)?.item;
  }

  /**
   * Refuses (`rate_limited`) a hold the queue has no room for: the queue is full, or the user
   * has `heldPerUser` items waiting. Call before the feature writes anything for the hold.
   */
  checkRoom(userId: string): void {
    if (this.#items.size >= REVIEW_LIMITS.queueMax) {
      throw new OpError('rate_limited', 'the review queue is full; try again later', {
        retryAfterMs: 30_000,
      });
    }
    let held = 0;
    for (const { item } of this.#items.values()) if (item.held && item.user.id === userId) held++;
    if (held >= REVIEW_LIMITS.heldPerUser) {
      throw new OpError('rate_limited', 'you have too many messages waiting for review', {
        retryAfterMs: 30_000,
      });
    }
  }

  /** Holds an item for staff (after `checkRoom`); staff are told at once. */
  hold(request: HoldRequest): ReviewItem {
    const item: ReviewItem = {
      ...request,
      text: cut(request.text),
      feature: this.options.feature,
      at: this.handle.now(),
    };
    this.#write({ item });
    return item;
  }

  /**
   * Counts `reporter`'s report on `target` (once per reporter and item); a viewer's reports
   * beyond `reportsPerWindow` a minute are `rate_limited`. Returns the item's report count.
   */
  report(reporter: User, target: HoldRequest, data: Record<string, unknown>): number {
    const reason = data.reason as ReportReason;
    if (!REPORT_REASONS.includes(reason)) {
      throw invalid(`reason must be one of ${REPORT_REASONS.join(', ')}`, { field: 'reason' });
    }
    const note =
      data.note === undefined || data.note === ''
        ? ''
        : text(data, 'note', 0, REVIEW_LIMITS.reportNoteMax);
    const existing = this.#items.get(target.id);
    if (existing?.reporters?.includes(reporter.id)) return existing.item.reports?.count ?? 0;
    this.#limitReports(reporter.id);
    if (!existing) this.checkRoom('');
    const entry: Stored = existing
      ? { item: { ...existing.item }, reporters: [...(existing.reporters ?? [])] }
      : { item: this.#newItem(target), reporters: [] };
    const reports = entry.item.reports ?? { count: 0, reasons: {} };
    if (entry.reporters!.length >= REVIEW_LIMITS.reportersMax) return reports.count;
    entry.reporters!.push(reporter.id);
    const next = {
      count: reports.count + 1,
      reasons: { ...reports.reasons, [reason]: (reports.reasons[reason] ?? 0) + 1 },
    } as ReviewItem['reports'] & object;
    const notes = note ? [...(reports.notes ?? []), note] : reports.notes;
    if (notes) next.notes = notes.slice(-REVIEW_LIMITS.reportNotesKept);
    entry.item.reports = next;
    this.#write(entry);
    return next.count;
  }

  /**
   * Staff's decision on an item: `approve` and `reject` are for held items, `dismiss` for
   * reports. The feature acts first; then the item leaves the queue and staff are told.
   */
  decide(by: User, itemId: string, decision: ReviewDecision): ReviewItem {
    requireHost(by);
    const entry = this.#items.get(itemId);
    if (!entry) throw new OpError('not_found', 'nothing waits for review under this id');
    if (decision === 'dismiss' ? entry.item.held !== undefined : entry.item.held === undefined) {
      throw new OpError(
        'conflict',
        decision === 'dismiss'
          ? 'a held item is approved or rejected'
          : 'only a held item is approved or rejected; dismiss the reports',
      );
    }
    this.options.decide(entry.item, decision, by);
    this.drop(itemId, decision, by);
    return entry.item;
  }

  /** Takes an item out of the queue without asking the feature (its message was deleted). */
  drop(itemId: string, decision: ReviewDecision, by: Pick<User, 'id'>): void {
    if (!this.#items.delete(itemId)) return;
    this.handle.put(KEY + itemId, undefined);
    this.handle.sendMeToHosts({ reviewed: { id: itemId, decision, by: by.id } });
  }

  /** `approve`, `reject` and `dismiss {id}`, for the feature's op handlers. */
  ops() {
    const handler = (decision: ReviewDecision) => (user: User, data: Record<string, unknown>) => {
      this.decide(user, id(data, 'id'), decision);
      return {};
    };
    return { approve: handler('approve'), reject: handler('reject'), dismiss: handler('dismiss') };
  }

  #newItem(target: HoldRequest): ReviewItem {
    const item: ReviewItem = {
      ...target,
      text: cut(target.text),
      feature: this.options.feature,
      at: this.handle.now(),
    };
    delete item.held;
    return item;
  }

  #write(entry: Stored) {
    this.#items.set(entry.item.id, entry);
    this.handle.put(KEY + entry.item.id, entry);
    this.handle.sendMeToHosts({ review: entry.item });
  }

  #limitReports(reporterId: string) {
    const now = this.handle.now();
    const since = now - REVIEW_LIMITS.reportWindowMs;
    const recent = (this.#recentReports.get(reporterId) ?? []).filter((at) => at > since);
    if (recent.length >= REVIEW_LIMITS.reportsPerWindow) {
      throw new OpError('rate_limited', 'too many reports; try again in a minute', {
        retryAfterMs: recent[0] - since,
      });
    }
    recent.push(now);
    this.#recentReports.set(reporterId, recent);
  }
}

/** An item's text, at most `textMax` code points. */
function cut(value: string): string {
  return codePoints(value) <= REVIEW_LIMITS.textMax
    ? value
    : [...value].slice(0, REVIEW_LIMITS.textMax).join('');
}
