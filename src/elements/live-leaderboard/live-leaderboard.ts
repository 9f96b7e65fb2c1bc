import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { renderBoard } from '../internal/leaderboard.js';
import {
  defaultLiveLeaderboardStrings,
  type LiveLeaderboardStrings,
} from './live-leaderboard.strings.js';
import { liveLeaderboardStyles } from './live-leaderboard.styles.js';
import { langOf } from '../internal/quiz-format.js';
import { QuizElement } from '../internal/quiz-element.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';
import { countAttribute } from '../internal/count-attribute.js';

/** Defaults of `<live-leaderboard>`, in one place. */
export const LIVE_LEADERBOARD_DEFAULTS = {
  /** Players listed. The relay sends its top ten, so more than 10 shows at most 10. */
  limit: 10,
} as const;

/**
 * The quiz leaderboard of a room: the best players with their ranks (equal scores share a rank:
 * 1, 1, 3) and scores, how many played, the viewer's own row highlighted (or added under the
 * list when they are not in it), and a final state at the end of the quiz. It follows the relay:
 * standings change at each reveal. Put it inside a `<live-room>`, or give it `server` and `room`.
 *
 * Names are rendered as text, never as HTML.
 *
 * @tag live-leaderboard
 * @summary Quiz leaderboard with shared ranks, the viewer's row and a final state.
 *
 * @csspart loading - The "Loading leaderboard…" state.
 * @csspart refused - Why the relay refused the quiz or dropped it (e.g. a room for signed-in users
 *   only), in place of the board.
 * @csspart banner - The offline / reconnecting / disconnected note (the board may be out of date).
 * @csspart board - The leaderboard (a region named by its title); also `final` at the end.
 * @csspart title - "Leaderboard" / "Final leaderboard".
 * @csspart empty - The "No scores yet" state.
 * @csspart table - The table of players.
 * @csspart row - One player's row; also `you` for the viewer's.
 * @csspart rank - A rank cell.
 * @csspart name - A name cell.
 * @csspart score - A score cell.
 * @csspart players - How many played.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Headers, the players count.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - The viewer's row, row separators.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The mark on the viewer's row.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveLeaderboard extends QuizElement {
  static override styles = liveLeaderboardStyles;

  /** Most players listed (the relay sends at most ten). */
  @property({ converter: countAttribute(LIVE_LEADERBOARD_DEFAULTS.limit) })
  limit: number = LIVE_LEADERBOARD_DEFAULTS.limit;

  /** Replaces some or all of the English texts, e.g. `{ empty: 'Noch keine Punkte' }`. */
  @property({ attribute: false }) strings: Partial<LiveLeaderboardStrings> = {};
  #locale = new LocaleController<LiveLeaderboardStrings>(this, 'live-leaderboard');

  #text: LiveLeaderboardStrings = defaultLiveLeaderboardStrings;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#text = this.#locale.texts(defaultLiveLeaderboardStrings, this.strings);
  }

  protected override render() {
    const t = this.#text;
    const store = this.store;
    // The banner shows (and, for the page's first widget, says) a drop even before the board.
    const banner = this.renderBanner(t);
    const notReady = renderNotReady(store, t);
    if (notReady || !store) return html`${banner}${notReady}`;
    const board = store.$leaderboard.get();
    const final = board?.final === true;
    const user = this.connection?.$user.get();
    return html`<section
      part="board${final ? ' final' : ''}"
      class=${final ? 'final' : ''}
      aria-labelledby="title"
    >
      <h2 part="title" id="title" class="title">${final ? t.finalTitle : t.title}</h2>
      ${banner}
      ${
        board && board.top.length > 0
          ? renderBoard({
              t,
              board,
              limit: this.limit,
              meId: user?.id,
              me: store.$me.get(),
              meName: user?.name,
              locale: langOf(this),
            })
          : html`<p part="empty" class="state">${t.empty}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-leaderboard': LiveLeaderboard;
  }
}
