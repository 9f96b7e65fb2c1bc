/**
 * The texts of poll results (bars, pie, word cloud): `<live-poll>` and `<live-poll-editor>` both
 * show them, and both take them in their `strings`.
 */

/** Texts of the results (bars, pie, word cloud), shared by `<live-poll>` and `<live-poll-editor>`. */
export interface PollResultStrings {
  /** Accessible name of the results list. */
  results: string;
  /**
   * One option's result, e.g. `42% · 1,234 votes`: `percent` and `votes` are written in the
   * widget's language (`42 %` in German, `٤٢٪؜` in `ar-EG`).
   */
  result: (percent: string, votes: string, count: number) => string;
  /** Total voters, e.g. `1,234 voters`. */
  voters: (voters: string, count: number) => string;
  /** Marks the option the viewer chose. */
  mine: string;
  /** The pie chart's accessible name, followed by each option's result. */
  pie: string;
  /** A poll nobody voted in yet. */
  noVotes: string;
  /** A ranking's result line, e.g. `Average position 1.8 · 120 points`. */
  rankResult: (position: string, points: string, count: number) => string;
  /** An open-text answer given `count` times, e.g. `× 3` (nothing for 1). */
  answerCount: (count: string, value: number) => string;
  /** Headings of an open-text poll's results. */
  newestAnswers: string;
  topAnswers: string;
  /** An open-text poll nobody answered yet. */
  noAnswers: string;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const defaultPollResultStrings: PollResultStrings = {
  results: 'Results',
  result: (percent, votes, count) => `${percent} · ${votes} ${plural(count, 'vote', 'votes')}`,
  voters: (voters, count) => `${voters} ${plural(count, 'voter', 'voters')}`,
  mine: 'Your answer',
  pie: 'Results chart',
  noVotes: 'No votes yet',
  rankResult: (position, points, count) =>
    `Average position ${position} · ${points} ${plural(count, 'point', 'points')}`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: 'Newest answers',
  topAnswers: 'Top answers',
  noAnswers: 'No answers yet',
};
