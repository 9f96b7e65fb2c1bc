/**
 * The host's list of the room's polls: status badge, kind, question, live counts (hidden ones
 * included) and the Open / Close buttons; for open text, the answers with Hide buttons; for a
 * poll under review, how many of its entries wait in the review queue (decided in the console's
 * Review tab). Pure templates of a view object; user text stays text.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Poll, PollTally } from '../../features/poll.js';
import type { ReviewItem } from '../../protocol/index.js';
import type { PollKindViews } from '../internal/poll-element.js';
import type { PollEditorStrings } from './live-poll-editor.strings.js';
import { renderChart, resultRows, tallyOf } from '../internal/poll-charts.js';
import { formatCount } from '../internal/poll-format.js';

export type PollAction = 'open' | 'close';
/** What a host may do to an open-text answer here (review decisions are the queue's). */
export type AnswerAction = 'hide';

export interface PollListView {
  t: PollEditorStrings;
  polls: Poll[];
  hostTallies: Record<string, PollTally>;
  /** The poll channel's review queue (word-cloud entries and open-text answers). */
  review: ReviewItem[];
  locale: string | undefined;
  /** Most words of a word cloud listed per poll. */
  wordsShown: number;
  /** The open-text and ranking views, undefined while they load. */
  kindViews(): PollKindViews | undefined;
  act(action: PollAction, poll: Poll): void;
  moderate(action: AnswerAction, poll: Poll, answerId: string): void;
}

export function renderPollList(view: PollListView) {
  const { t, polls } = view;
  if (!polls.length) return html`<p part="empty" class="note">${t.noPolls}</p>`;
  // Newest first: the poll a host works on is usually the one just made.
  return html`<ol part="list" class="list" aria-label=${t.polls}>
    ${repeat(
      [...polls].reverse(),
      (poll) => poll.id,
      (poll) => renderItem(poll, view),
    )}
  </ol>`;
}

function renderItem(poll: Poll, view: PollListView) {
  const { t, locale } = view;
  const tally = tallyOf(poll, view.hostTallies);
  const rows = resultRows(poll, tally).slice(
    0,
    poll.kind === 'wordcloud' ? view.wordsShown : undefined,
  );
  const views = poll.kind === 'opentext' || poll.kind === 'ranking' ? view.kindViews() : null;
  const results = !views
    ? views === null && rows.length
      ? renderChart('bar', rows, { t, locale })
      : nothing
    : poll.kind === 'opentext'
      ? html`${views.renderOpenText(tally, {
          t,
          locale,
          hide: (entry) => view.moderate('hide', poll, entry.id),
          hideLabel: t.hideAnswer,
          hideText: t.hide,
        })}`
      : views.renderRanking(views.rankRows(poll, tally), tally.total, { t, locale });
  const [action, label]: [PollAction, string] =
    poll.status === 'open'
      ? ['close', t.close]
      : ['open', poll.status === 'closed' ? t.reopen : t.open];
  const questionId = `question-${poll.id}`;
  return html`<li part="item" class="item" data-poll-id=${poll.id}>
    <div class="meta">
      <span part="badge" class="badge ${poll.status}">${t.status[poll.status]}</span>
      <span>${t.kinds[poll.kind]}</span>
      ${poll.hideResults && poll.status !== 'closed' ? html`<span>· ${t.hidden}</span>` : nothing}
      ${poll.review ? html`<span>· ${t.reviewed}</span>` : nothing}
    </div>
    <p dir="auto" part="poll-question" class="poll-question" id=${questionId}>${poll.question}</p>
    ${renderReviewNote(poll, view)} ${results}
    <div class="row">
      <span part="total" class="note"
        >${t.voters(formatCount(tally.total, locale), tally.total)}</span
      >
      <button
        part=${action}
        type="button"
        class=${action === 'open' ? 'primary' : ''}
        data-action=${action}
        aria-describedby=${questionId}
        @click=${() => view.act(action, poll)}
      >
        ${label}
      </button>
    </div>
  </li>`;
}

/**
 * How many of a poll's entries wait for review. They are decided in the review queue with chat
 * and Q&A (`<live-review-queue>`, the console's Review tab), not here: one queue for staff.
 */
function renderReviewNote(poll: Poll, view: PollListView) {
  if (!poll.review) return nothing;
  const { t, locale } = view;
  const waiting = view.review.filter((item) => item.context?.pollId === poll.id).length;
  return html`<p part="queue" class="queue note">
    ${t.waiting(formatCount(waiting, locale), waiting)} · ${t.decideInReview}
  </p>`;
}
