/**
 * The leaderboard as a table (rank, player, points), shared by `<live-leaderboard>` and
 * `<live-quiz-host>`. A pure template of a view object; names stay text.
 */
import { css, html, nothing } from 'lit';
import type { QuizLeaderboard, QuizMe, QuizRanking } from '../../features/quiz.js';
import type { LeaderboardStrings } from './leaderboard.strings.js';
import { formatNumber } from './quiz-format.js';

/** What the table needs, computed once per render. */
export interface BoardView {
  t: LeaderboardStrings;
  board: QuizLeaderboard;
  /** Rows shown at most. */
  limit: number;
  /** The viewer's user id, to highlight their row. */
  meId?: string;
  /** The viewer's standing: a row under the table when they played but are not listed. */
  me?: QuizMe;
  /** The viewer's name for that row. */
  meName?: string;
  locale?: string;
}

export function renderBoard(view: BoardView) {
  const { t, board, locale } = view;
  const shown = board.top.slice(0, Math.max(0, view.limit));
  const listed = shown.some((row) => row.userId === view.meId);
  const me = view.me;
  const outside =
    !listed && me && me.rank !== null && view.meId
      ? { userId: view.meId, name: view.meName ?? '', score: me.score, rank: me.rank }
      : undefined;
  return html`<table part="table" class="board">
      <thead>
        <tr>
          <th scope="col" class="rank">${t.rank}</th>
          <th scope="col">${t.player}</th>
          <th scope="col" class="score">${t.points}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map((row, i) => renderRow(view, row, tiedAt(board.top, i)))}
        ${outside ? renderRow(view, outside, false, true) : nothing}
      </tbody>
    </table>
    <p part="players" class="players">
      ${t.players(formatNumber(board.players, locale), board.players)}
    </p>`;
}

function renderRow(view: BoardView, row: QuizRanking, tied: boolean, apart = false) {
  const { t, locale } = view;
  const mine = row.userId === view.meId;
  return html`<tr
    part="row${mine ? ' you' : ''}"
    class="${mine ? 'you' : ''} ${apart ? 'apart' : ''}"
  >
    <td part="rank" class="rank">
      ${formatNumber(row.rank, locale)}${tied ? html`<span class="visually-hidden"> ${t.tied}</span>` : nothing}
    </td>
    <td part="name" class="name">
      <bdi>${row.name}</bdi>${mine ? html` <span class="you-label">${t.you}</span>` : nothing}
    </td>
    <td part="score" class="score">${formatNumber(row.score, locale)}</td>
  </tr>`;
}

/** Whether the player at `i` shares their rank with a neighbour. */
function tiedAt(top: QuizRanking[], i: number): boolean {
  const rank = top[i].rank;
  return top[i - 1]?.rank === rank || top[i + 1]?.rank === rank;
}

export const boardStyles = css`
  .board {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .board th {
    font-size: 0.8em;
    font-weight: 600;
    text-align: start;
    color: var(--_muted);
    padding: 0.2em 0.5em;
    border-bottom: 1px solid var(--_border);
  }
  .board td {
    padding: 0.35em 0.5em;
    border-bottom: 1px solid var(--_surface);
  }
  .board .rank {
    width: 3.5em;
    font-weight: 600;
  }
  .board .score {
    text-align: end;
  }
  .board .name {
    overflow-wrap: anywhere;
  }
  .board tr.you td {
    background: var(--_surface);
    font-weight: 600;
  }
  .board tr.you td:first-child {
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .board tr.apart td {
    border-top: 2px dashed var(--_border);
  }
  .you-label {
    font-weight: normal;
    color: var(--_muted);
  }
  .players {
    margin: 0.4em 0 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
`;
