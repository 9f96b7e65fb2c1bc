/**
 * The host's list of the room's polls: status badge, kind, question, live counts (hidden ones
 * included) and the Open / Close buttons; for open text, the answers with Hide buttons and the
 * review queue with Approve / Reject. Pure templates of a view object; user text stays text.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Poll, PollTally, ReviewQueue } from '../../features/poll.js';
import type { PollKindViews } from '../internal/poll-element.js';
import type { PollEditorStrings } from './live-poll-editor.strings.js';
import { renderChart, resultRows, tallyOf } from '../internal/poll-charts.js';
import { formatCount } from '../internal/poll-format.js';

export type PollAction = 'open' | 'close';
/** What a host may do to an open-text answer. */
export type AnswerAction = 'hide' | 'approve' | 'reject';

export interface PollListView {
  t: PollEditorStrings;
  polls: Poll[];
  hostTallies: Record<string, PollTally>;
  /** Review queues per open-text poll id. */
  review: Record<string, ReviewQueue>;
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
      ? html`${renderQueue(poll, view)}
        ${views.renderOpenText(tally, {
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
    <p part="poll-question" class="poll-question" id=${questionId}>${poll.question}</p>
    ${results}
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

/** An open-text poll's answers awaiting review, oldest first, each with Approve and Reject. */
function renderQueue(poll: Poll, view: PollListView) {
  if (!poll.review) return nothing;
  const { t, locale } = view;
  const queue = view.review[poll.id] ?? { pending: [], pendingCount: 0 };
  return html`<section part="queue" class="queue" aria-label=${t.reviewQueue}>
    <p class="heading">
      ${t.reviewQueue} · ${t.waiting(formatCount(queue.pendingCount, locale), queue.pendingCount)}
    </p>
    ${
      queue.pending.length
        ? html`<ul class="results answers">
            ${repeat(
              queue.pending,
              (answer) => answer.id,
              (answer) =>
                html`<li part="pending" class="answer-item" data-answer-id=${answer.id}>
                  <span part="option" class="option">${answer.text}</span>
                  <span class="numbers">${answer.user.name}</span>
                  <button
                    type="button"
                    part="approve"
                    class="primary"
                    aria-label=${t.approveAnswer(answer.text, answer.user.name)}
                    @click=${() => view.moderate('approve', poll, answer.id)}
                  >
                    ${t.approve}
                  </button>
                  <button
                    type="button"
                    part="reject"
                    aria-label=${t.rejectAnswer(answer.text, answer.user.name)}
                    @click=${() => view.moderate('reject', poll, answer.id)}
                  >
                    ${t.reject}
                  </button>
                </li>`,
            )}
          </ul>`
        : html`<p class="note">${t.nothingWaiting}</p>`
    }
  </section>`;
}
