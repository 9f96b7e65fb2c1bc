/**
 * The host's list of the room's polls: status badge, kind, question, live counts (hidden ones
 * included) and the Open / Close buttons. Pure templates of a view object; user text stays text.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Poll, PollTally } from '../../features/poll.js';
import type { PollEditorStrings } from './live-poll-editor.strings.js';
import { renderChart, resultRows, tallyOf } from '../internal/poll-charts.js';
import { formatCount } from '../internal/poll-format.js';

export type PollAction = 'open' | 'close';

export interface PollListView {
  t: PollEditorStrings;
  polls: Poll[];
  hostTallies: Record<string, PollTally>;
  locale: string | undefined;
  /** Most words of a word cloud listed per poll. */
  wordsShown: number;
  act(action: PollAction, poll: Poll): void;
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
    </div>
    <p part="poll-question" class="poll-question" id=${questionId}>${poll.question}</p>
    ${rows.length ? renderChart('bar', rows, { t, locale }) : nothing}
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
