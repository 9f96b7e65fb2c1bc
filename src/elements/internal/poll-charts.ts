/**
 * Poll results as bars, a pie (SVG, drawn here) or a word cloud, each with its numbers as text:
 * every chart carries a list whose items read like "Blue: 42% · 1,234 votes", so results never
 * live in shapes alone. Pure functions of their inputs; user text only goes through text bindings.
 */
import { html, nothing } from 'lit';
import { percentages, type Poll, type PollAnswer, type PollTally } from '../../features/poll.js';
import { formatCount, formatPercent } from './poll-format.js';
import type { PollResultStrings } from './poll-charts.strings.js';

/** `bar` (options with bars), `pie` (an SVG pie and its legend) or `cloud` (words sized by count). */
export type PollChart = 'bar' | 'pie' | 'cloud';
export const POLL_CHARTS: readonly PollChart[] = ['bar', 'pie', 'cloud'];

/** How the charts are drawn. */
export const POLL_CHART_DEFAULTS = {
  /** Slice colors (`--hubbub-chart-1` …); a pie shows at most this many slices. */
  palette: 10,
  /** Word cloud: font size of the least and the most frequent word, in em. */
  cloudMinEm: 0.9,
  cloudMaxEm: 2.4,
  /** Pie radius in SVG units (the view box is twice that wide). */
  pieRadius: 50,
};

/** One line of results. */
export interface ResultRow {
  label: string;
  count: number;
  /** Whole percent of the voters. */
  percent: number;
  /** The viewer chose this option. */
  mine: boolean;
}

/** What the charts need besides the rows. */
export interface ChartView {
  t: PollResultStrings;
  locale: string | undefined;
}

/** The rows of a poll's tally: options in their order, or a word cloud's words by frequency. */
export function resultRows(poll: Poll, tally: PollTally, mine?: PollAnswer): ResultRow[] {
  const { counts, total } = tally;
  const entries: [string, number][] = Array.isArray(counts)
    ? poll.options.map((label, index) => [label, counts[index] ?? 0])
    : Object.entries(counts);
  const shares = percentages(
    entries.map(([, count]) => count),
    total,
  );
  const chosen = new Set<number>(
    mine && 'choice' in mine ? [mine.choice] : mine && 'choices' in mine ? mine.choices : [],
  );
  return entries.map(([label, count], index) => ({
    label,
    count,
    percent: shares[index],
    mine: Array.isArray(counts) && chosen.has(index),
  }));
}

/**
 * The tally to show of `poll`: while its results are hidden, the hosts' one from
 * `hostTallies` (the audience has none); else the public one. Zeros until counts arrive.
 */
export function tallyOf(poll: Poll, hostTallies: Record<string, PollTally> = {}): PollTally {
  const hidden = poll.hideResults && poll.status !== 'closed';
  const visible =
    poll.counts && poll.total !== null
      ? {
          counts: poll.counts,
          total: poll.total,
          ...(poll.answers ? { answers: poll.answers } : {}),
        }
      : undefined;
  return (
    (hidden ? hostTallies[poll.id] : visible) ?? {
      counts:
        poll.kind === 'wordcloud' || poll.kind === 'opentext' ? {} : poll.options.map(() => 0),
      total: 0,
    }
  );
}

/** The chart of `kind` for `rows` (the pie is in poll-kinds.ts, a chunk few pages need). */
export function renderChart(kind: Exclude<PollChart, 'pie'>, rows: ResultRow[], view: ChartView) {
  return kind === 'cloud' ? renderCloud(rows, view) : renderBars(rows, view);
}

/** One result's numbers as text: `42% · 1,234 votes`. */
export const resultText = (row: ResultRow, { t, locale }: ChartView) =>
  t.result(formatPercent(row.percent, locale), formatCount(row.count, locale), row.count);

export function renderMine(row: ResultRow, { t }: ChartView) {
  return row.mine ? html`<span part="mine" class="mine">✓ ${t.mine}</span>` : nothing;
}

/** A result's bar: a track filled to `percent`, hidden from screen readers (the text says it). */
export function renderBar(percent: number) {
  return html`<span part="bar" class="bar" aria-hidden="true"
    ><span class="fill" style="width: ${percent}%"></span
  ></span>`;
}

function renderBars(rows: ResultRow[], view: ChartView) {
  return html`<ol part="results bars" class="results bars" aria-label=${view.t.results}>
    ${rows.map(
      (row) =>
        html`<li part="result" class="result ${row.mine ? 'chosen' : ''}">
          <span class="line">
            <span dir="auto" part="option" class="option">${row.label}</span
            >${renderMine(row, view)}
            <span part="result-text" class="numbers">${resultText(row, view)}</span>
          </span>
          ${renderBar(row.percent)}
        </li>`,
    )}
  </ol>`;
}

function renderCloud(rows: ResultRow[], view: ChartView) {
  const { cloudMinEm, cloudMaxEm } = POLL_CHART_DEFAULTS;
  const counts = rows.map((row) => row.count);
  const least = Math.min(...counts);
  const spread = Math.max(...counts) - least;
  const size = (count: number) =>
    spread > 0
      ? cloudMinEm + ((cloudMaxEm - cloudMinEm) * (count - least)) / spread
      : (cloudMinEm + cloudMaxEm) / 2;
  if (!rows.length)
    return html`<p part="results cloud" class="results cloud">${view.t.noVotes}</p>`;
  return html`<ul part="results cloud" class="results cloud" aria-label=${view.t.results}>
    ${rows.map(
      (row) =>
        html`<li
          part="result word"
          class="word ${row.mine ? 'chosen' : ''}"
          title=${resultText(row, view)}
          style="font-size: ${size(row.count)}em"
        >
          <span dir="auto" part="option" class="option">${row.label}</span
          ><span class="visually-hidden">: ${resultText(row, view)}</span>
        </li>`,
    )}
  </ul>`;
}
