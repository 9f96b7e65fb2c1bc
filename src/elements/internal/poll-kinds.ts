/**
 * What few poll pages need, in a chunk of its own (PollElement's `kindViews()`): the results of
 * the two poll kinds that are not counts per option, a ranking (bars of Borda points, best first,
 * each with its average position as text) and open text (the answers newest first and the most
 * frequent, each with how many gave it); the pie chart (`chart="pie"`); and the editor's fields
 * of those kinds. Shared by `<live-poll>` and `<live-poll-editor>`; pure templates, user text
 * only through text bindings.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { OpenTextEntry, Poll, PollAnswer, PollTally } from '../../features/poll.js';
import {
  POLL_CHART_DEFAULTS,
  renderBar,
  renderMine,
  resultText,
  type ChartView,
  type ResultRow,
} from './poll-charts.js';
import { formatCount } from './poll-format.js';
import type { FieldError, PollForm, PollFormErrors } from './poll-form.js';
import { POLL_LIMITS } from '../../protocol/index.js';

/** One option of a ranking's results. */
export interface RankRow {
  label: string;
  index: number;
  points: number;
  /** Average position from 1 (the favourite of everyone) to the number of options. */
  position: number;
  /** Points as a share of the most an option can get (first for everyone), 0 to 100. */
  percent: number;
  /** Where the viewer put it (from 1), if they voted. */
  myPosition?: number;
}

/**
 * A ranking's rows, best first. With every option ranked, average position and Borda points
 * order the same way: position = options − points / voters.
 */
export function rankRows(poll: Poll, tally: PollTally, mine?: PollAnswer): RankRow[] {
  const n = poll.options.length;
  const points = Array.isArray(tally.counts) ? tally.counts : [];
  const most = tally.total * (n - 1);
  const ranking = mine && 'ranking' in mine ? mine.ranking : undefined;
  const rows = poll.options.map((label, index) => {
    const p = points[index] ?? 0;
    const row: RankRow = {
      label,
      index,
      points: p,
      position: tally.total > 0 ? n - p / tally.total : 0,
      percent: most > 0 ? Math.round((p * 100) / most) : 0,
    };
    const at = ranking?.indexOf(index) ?? -1;
    if (at >= 0) row.myPosition = at + 1;
    return row;
  });
  // Equal points keep the options' order.
  return rows.sort((a, b) => b.points - a.points || a.index - b.index);
}

/** Average positions with one decimal, in the page's language. */
function formatPosition(value: number, locale: string | undefined): string {
  try {
    return value.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  } catch {
    return value.toFixed(1);
  }
}

export function renderRanking(rows: RankRow[], total: number, view: ChartView): TemplateResult {
  const { t, locale } = view;
  if (total === 0) return html`<p part="results" class="results note">${t.noVotes}</p>`;
  return html`<ol part="results bars ranking" class="results bars" aria-label=${t.results}>
    ${rows.map(
      (row) =>
        html`<li part="result" class="result ${row.myPosition ? 'ranked' : ''}">
          <span class="line">
            <span dir="auto" part="option" class="option">${row.label}</span>
            ${
              row.myPosition
                ? html`<span part="mine" class="mine">${t.mine}: ${row.myPosition}</span>`
                : nothing
            }
            <span part="result-text" class="numbers"
              >${t.rankResult(
                formatPosition(row.position, locale),
                formatCount(row.points, locale),
                row.points,
              )}</span
            >
          </span>
          ${renderBar(row.percent)}
        </li>`,
    )}
  </ol>`;
}

/** What an open-text results list needs beyond the entries. */
export interface AnswerListView extends ChartView {
  /** Staff: a Hide button on each answer. */
  hide?: (entry: OpenTextEntry) => void;
  /** Accessible name of a Hide button for `text`. */
  hideLabel?: (text: string) => string;
  hideText?: string;
}

/** The most frequent answers (from `counts`) and the newest (from `answers`). */
export function renderOpenText(tally: PollTally, view: AnswerListView): TemplateResult {
  const { t } = view;
  const entries = tally.answers ?? [];
  if (!entries.length) return html`<p part="results" class="results note">${t.noAnswers}</p>`;
  const counts = Array.isArray(tally.counts) ? {} : tally.counts;
  const top = Object.entries(counts).filter(([, count]) => count > 1);
  return html`${
      top.length
        ? html`<section class="answers-block">
            <p class="heading" aria-hidden="true">${t.topAnswers}</p>
            <ol part="results top-answers" class="results answers" aria-label=${t.topAnswers}>
              ${top.map(([text, count]) => renderEntry(text, count, view))}
            </ol>
          </section>`
        : nothing
    }
    <section class="answers-block">
      <p class="heading" aria-hidden="true">${t.newestAnswers}</p>
      <ul part="results answers" class="results answers" aria-label=${t.newestAnswers}>
        ${entries.map((entry) => renderEntry(entry.text, entry.count, view, entry))}
      </ul>
    </section>`;
}

function renderEntry(text: string, count: number, view: AnswerListView, entry?: OpenTextEntry) {
  const { t, locale, hide } = view;
  const times = t.answerCount(formatCount(count, locale), count);
  return html`<li part="result" class="answer-item">
    <span part="option" class="option">${text}</span>
    ${times ? html`<span part="result-text" class="numbers">${times}</span>` : nothing}
    ${
      hide && entry
        ? html`<button
            type="button"
            part="hide"
            class="link"
            aria-label=${view.hideLabel?.(text) ?? ''}
            @click=${() => hide(entry)}
          >
            ${view.hideText}
          </button>`
        : nothing
    }
  </li>`;
}

/** What the poll editor's open-text and review fields need (they load with this chunk). */
export interface KindFieldsView {
  t: {
    maxAnswers: string;
    maxAnswersRange: (max: number) => string;
    review: string;
    reviewHint: string;
  };
  form: PollForm;
  shown: PollFormErrors;
  edit(change: Partial<PollForm>): void;
  error(id: string, error: FieldError | undefined, required: string, other: string): unknown;
}

/** The editor's fields of an open-text poll (answers per viewer) and of review (with a cloud). */
export function renderKindFields({ t, form, shown, edit, error }: KindFieldsView) {
  const max = POLL_LIMITS.opentextAnswersMax;
  return html`${
    form.kind === 'opentext'
      ? html`<div class="field">
          <label for="max-answers">${t.maxAnswers}</label>
          <input
            id="max-answers"
            part="max-answers"
            type="number"
            min="1"
            max=${max}
            aria-invalid=${shown.maxAnswers ? 'true' : 'false'}
            aria-describedby="max-answers-error"
            .value=${String(form.maxAnswers)}
            @input=${(event: InputEvent) =>
              edit({ maxAnswers: Number((event.target as HTMLInputElement).value) })}
          />
          ${error('max-answers-error', shown.maxAnswers, '', t.maxAnswersRange(max))}
        </div>`
      : nothing
  }
  ${
    form.kind === 'opentext' || form.kind === 'wordcloud'
      ? html`<label class="check">
            <input
              type="checkbox"
              part="review"
              aria-describedby="review-hint"
              .checked=${form.review}
              @change=${(event: Event) => edit({ review: (event.target as HTMLInputElement).checked })}
            />
            ${t.review}
          </label>
          <p id="review-hint" class="note">${t.reviewHint}</p>`
      : nothing
  }`;
}

/** A pie of the first options (one colour each) with a legend of their results as text. */
export function renderPie(allRows: ResultRow[], view: ChartView) {
  const rows = allRows.slice(0, POLL_CHART_DEFAULTS.palette);
  const r = POLL_CHART_DEFAULTS.pieRadius;
  const sum = rows.reduce((total, row) => total + row.count, 0);
  const summary = rows.map((row) => `${row.label}: ${resultText(row, view)}`).join('; ');
  let start = 0;
  const slices = rows.map((row, index) => {
    const share = sum > 0 ? row.count / sum : 0;
    const from = start;
    start += share;
    if (share === 0) return nothing;
    // One color per option (rows stop at the palette's size).
    const fill = `fill: var(--_c${index})`;
    if (share >= 1) return svg`<circle class="slice" style=${fill} r=${r}></circle>`;
    return svg`<path class="slice" style=${fill} d=${arc(from, start, r)}></path>`;
  });
  return html`<div part="pie" class="pie">
    <svg
      part="pie-chart"
      role="img"
      aria-labelledby="pie-title"
      viewBox="${-r} ${-r} ${2 * r} ${2 * r}"
    >
      <title id="pie-title">${view.t.pie}: ${sum > 0 ? summary : view.t.noVotes}</title>
      ${sum > 0 ? slices : svg`<circle class="slice none" r=${r}></circle>`}
    </svg>
    <ul part="results legend" class="results legend" aria-label=${view.t.results}>
      ${rows.map(
        (row, index) =>
          html`<li part="result" class="result ${row.mine ? 'chosen' : ''}">
            <span class="swatch" style="background: var(--_c${index})" aria-hidden="true"></span>
            <span dir="auto" part="option" class="option">${row.label}</span
            >${renderMine(row, view)}
            <span part="result-text" class="numbers">${resultText(row, view)}</span>
          </li>`,
      )}
    </ul>
  </div>`;
}

/** An SVG path for the slice between two fractions of a turn, clockwise from 12 o'clock. */
function arc(from: number, to: number, r: number): string {
  const point = (turn: number) =>
    `${r * Math.sin(2 * Math.PI * turn)} ${-r * Math.cos(2 * Math.PI * turn)}`;
  const large = to - from > 0.5 ? 1 : 0;
  return `M0 0L${point(from)}A${r} ${r} 0 ${large} 1 ${point(to)}Z`;
}
