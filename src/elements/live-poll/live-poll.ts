import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OpError } from '../../connection/index.js';
import type { Poll, PollKind } from '../../features/poll.js';
import { isStaff } from '../../protocol/index.js';
import { LiveVoteEvent } from './live-poll.events.js';
import { defaultPollStrings, type PollStrings } from './live-poll.strings.js';
import { livePollStyles } from './live-poll.styles.js';
import {
  answerOf,
  answerText,
  draftOf,
  renderMyAnswers,
  renderVoteForm,
  type VoteDraft,
} from './live-poll.parts.js';
import { POLL_LIMITS } from '../../protocol/index.js';
import {
  POLL_CHARTS,
  renderChart,
  resultRows,
  tallyOf,
  type PollChart,
} from '../internal/poll-charts.js';
import { formatCount, localeOf } from '../internal/poll-format.js';
import { PollElement } from '../internal/poll-element.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';

/** Defaults of `<live-poll>`, in one place. */
export const LIVE_POLL_DEFAULTS = {
  /** The chart of a poll when the `chart` attribute does not name one. */
  chartFor: {
    single: 'bar',
    multi: 'bar',
    rating: 'bar',
    wordcloud: 'cloud',
    // Open text and ranking have their own lists (poll-kinds.ts); `chart` does not apply.
    opentext: 'bar',
    ranking: 'bar',
  } as Record<PollKind, PollChart>,
  /** Connection states in which voting is paused (a vote could not be confirmed). */
  pausedWhen: ['offline', 'reconnecting', 'closed'] as readonly string[],
};

/**
 * A live poll: the room's active poll (or the one named by `poll-id`), its voting form and its
 * live results as bars, a pie or a word cloud, every number also written as text. Put it inside
 * a `<live-room>`, or give it `server` and `room` itself.
 *
 * Open-text polls take a few short answers per viewer and list the answers, newest first and
 * most frequent; the viewer sees theirs with where each stands (awaiting review, hidden).
 * Ranking polls are ordered by dragging, by the keyboard (Space picks an option up, the arrows
 * move it, Space drops it, Escape cancels; each step is announced) or by up and down buttons,
 * and show each option's average position.
 *
 * The audience sees results once they voted, or once the poll closed (set
 * `show-results-before-vote` to show them at once); hosts and moderators always see them, even
 * those of polls whose results are hidden from the audience until they close. A vote may be
 * changed while the poll is open. User text is rendered as text, never as HTML.
 *
 * @tag live-poll
 * @summary Live poll with voting, live results and a word cloud.
 *
 * @fires live-vote - {@link LiveVoteEvent} The viewer votes or changes their vote. Cancelable.
 *
 * @csspart loading - The "Loading poll…" state.
 * @csspart refused - Why the relay refused the poll channel or dropped it (e.g. a room for signed-in users
 *   only), in place of the poll.
 * @csspart empty - The "No poll right now" state.
 * @csspart poll - The poll (a region named by its question).
 * @csspart status - The "Live poll" / "Poll closed" badge.
 * @csspart question - The question.
 * @csspart banner - Why voting is paused (offline, reconnecting, disconnected).
 * @csspart vote-form - The voting form.
 * @csspart choices - The options of a single- or multiple-choice poll.
 * @csspart choice - One option with its radio button or checkbox.
 * @csspart scale - The rating scale (`role="radiogroup"`).
 * @csspart scale-option - One step of the rating scale.
 * @csspart text-input - The word-cloud or open-text input.
 * @csspart ranking - A ranking's sortable list of options.
 * @csspart rank-item - One option of the ranking.
 * @csspart grab - An option's handle: drag it, or pick it up with Space.
 * @csspart move-up - An option's "move up" button.
 * @csspart move-down - An option's "move down" button.
 * @csspart my-answers - My open-text answers and how many I gave.
 * @csspart my-answer - One of my open-text answers.
 * @csspart answer-status - Where one of my answers stands (awaiting review, hidden).
 * @csspart counter - The word-cloud input's length counter.
 * @csspart vote - The Vote / Update vote button.
 * @csspart cancel - The button that stops changing a vote.
 * @csspart answer - "Your answer: …" after voting.
 * @csspart change - The button that changes the vote.
 * @csspart error - Why a vote was refused.
 * @csspart note - The notes about hidden results.
 * @csspart results - The results list (also `bars`, `legend`, `cloud`, `ranking`, `answers` or
 *   `top-answers`).
 * @csspart result - One option's (or word's) result.
 * @csspart option - An option's label, or a word.
 * @csspart result-text - A result's numbers, e.g. "42% · 1,234 votes".
 * @csspart mine - The "Your answer" mark on a result.
 * @csspart bar - A result's bar.
 * @csspart pie - The pie chart with its legend.
 * @csspart pie-chart - The pie's SVG.
 * @csspart word - A word of the word cloud.
 * @csspart total - The number of voters.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text, bars of options not chosen.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Bar tracks, empty pie.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Vote button, my answer's bar, badges, words.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 * @cssprop [--hubbub-poll-bar-height=0.6em] - Height of a result bar.
 * @cssprop [--hubbub-poll-bar-color=var(--hubbub-color-muted)] - Bars of options not chosen.
 * @cssprop [--hubbub-poll-pie-size=9rem] - Diameter of the pie.
 * @cssprop [--hubbub-chart-1=#2a5bd7] - First pie slice color; `--hubbub-chart-2` to `-10` follow.
 */
export class LivePoll extends PollElement {
  static override styles = livePollStyles;

  /** Shows this poll instead of the room's active one (the newest open, else newest closed). */
  @property({ attribute: 'poll-id' }) pollId?: string;

  /** `bar`, `pie` or `cloud`; by default word clouds show as `cloud`, other polls as `bar`. */
  @property() chart?: PollChart;

  /** Shows the audience the results before they vote (by default: after voting, or at close). */
  @property({ type: Boolean, attribute: 'show-results-before-vote' })
  showResultsBeforeVote = false;

  /** Replaces some or all of the English texts, e.g. `{ vote: 'Abstimmen' }`. */
  @property({ attribute: false }) strings: Partial<PollStrings> = {};
  #locale = new LocaleController<PollStrings>(this, 'poll-charts', 'live-poll');

  @state() private draft: VoteDraft = draftOf();
  @state() private changing = false;
  @state() private error = '';
  @state() private announcement = '';

  #text: PollStrings = defaultPollStrings;
  /** The poll the draft, `changing` and `error` belong to, and its status when last shown. */
  #shownId?: string;
  #shownStatus?: string;
  /** The store had loaded at the previous update. */
  #wasLoaded = false;
  /** What to focus after the next render, so keyboard users never lose their place. */
  #focusNext?: 'change' | 'form';
  /** An element of the form to focus after the next render (a ranking's moved option). */
  #focusSelector?: string;
  /** The focus was in this widget before the update (it may leave with what it was on). */
  #hadFocus = false;

  /** The poll on screen, if any (drafts are never shown). */
  get poll(): Poll | undefined {
    const store = this.store;
    const poll = this.pollId
      ? store?.$polls.get().find((candidate) => candidate.id === this.pollId)
      : store?.$active.get();
    return poll && poll.status !== 'draft' ? poll : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#text = this.#locale.texts(defaultPollStrings, this.strings);
    const poll = this.poll;
    // Screen readers hear of a poll that opens or closes while the page is read, not at load.
    const live = this.#wasLoaded;
    if (poll?.id !== this.#shownId) {
      this.#shownId = poll?.id;
      this.draft = draftOf();
      this.changing = false;
      this.error = '';
      this.announcement = live && poll ? this.#text.newPoll(poll.question) : '';
    } else if (live && poll && poll.status !== this.#shownStatus) {
      this.announcement = poll.status === 'closed' ? this.#text.closed : this.#text.live;
    }
    this.#shownStatus = poll?.status;
    this.#wasLoaded = this.store?.$loaded.get() === true;
    this.#hadFocus = this.shadowRoot?.activeElement != null;
  }

  protected override updated(): void {
    this.#moveFocus();
    // What had the focus left with the state (the poll closed under "Change", or was replaced)
    // or turned disabled (voting paused; the browser drops it on the next frame): the question
    // keeps the keyboard user's place, with the results right after it.
    const active = this.shadowRoot?.activeElement;
    const lost = active ? active.matches(':disabled') : this.#mayMoveFocus();
    if (this.#hadFocus && lost) {
      this.renderRoot.querySelector<HTMLElement>('[part~="question"]')?.focus();
    }
  }

  /** Focuses what a vote, a change or a ranking's move asked for. */
  #moveFocus(): void {
    const wanted = this.#focusSelector;
    this.#focusSelector = undefined;
    if (wanted && this.#mayMoveFocus()) {
      this.renderRoot.querySelector<HTMLElement>(wanted)?.focus();
    }
    const target = this.#focusNext;
    this.#focusNext = undefined;
    if (!target || !this.#mayMoveFocus()) return;
    // The first of these that exists: the chosen option, the scale's focus stop, any input.
    const selectors =
      target === 'change' ? ['[part~="change"]'] : ['input:checked', '[tabindex="0"]', 'input'];
    const form = this.renderRoot.querySelector(target === 'change' ? '.answer' : '.vote');
    for (const selector of selectors) {
      const element = form?.querySelector<HTMLElement>(selector);
      if (element) return element.focus();
    }
  }

  protected override render() {
    return html`${this.#renderPoll()}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  #renderPoll() {
    const t = this.#text;
    const store = this.store;
    const notReady = renderNotReady(store, t);
    // A drop shows (and, for the page's first widget, is said) while still loading too.
    if (notReady) return html`${this.#renderBanner()}${notReady}`;
    const poll = this.poll;
    if (!poll)
      return html`${this.#renderBanner()}
        <p part="empty" class="state">${t.empty}</p>`;
    // The question keeps its white space (pre-wrap), so none goes around it: Prettier would put
    // its binding on a line of its own, a blank line above and below it.
    // prettier-ignore
    return html`<section part="poll" class="poll" aria-labelledby="question">
      <span part="status" class="badge ${poll.status}">
        ${poll.status === 'open' ? t.live : t.closed}
      </span>
      <p dir="auto" part="question" id="question" class="question" tabindex="-1">${poll.question}</p>
      ${this.#renderBanner()} ${this.#renderVoting(poll)} ${this.#renderResults(poll)}
    </section>`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderBanner() {
    const { offline, reconnecting, unreachable, disconnected } = this.#text;
    return this.renderBanner({ offline, reconnecting, unreachable, closed: disconnected });
  }

  #renderVoting(poll: Poll) {
    const t = this.#text;
    const mine = this.store?.$myVotes.get()[poll.id];
    const open = poll.status === 'open';
    const error = this.error
      ? html`<p part="error" class="error" role="alert">${this.error}</p>`
      : nothing;
    if (poll.kind === 'opentext') return html`${this.#renderOpenText(poll)}${error}`;
    if (open && (!mine || this.changing)) {
      const form = renderVoteForm({
        t,
        poll,
        draft: this.draft,
        disabled: this.#paused(),
        changing: this.changing,
        edit: (change) => {
          const changes = typeof change === 'function' ? change(this.draft) : change;
          this.draft = { ...this.draft, ...changes };
        },
        submit: () => this.#vote(poll),
        cancel: () => this.#cancelChange(),
        announce: (text) => (this.announcement = text),
        focus: (selector) => this.#focusAfterRender(selector),
      });
      return html`${form}${error}`;
    }
    if (!mine) return error;
    return html`<p part="answer" class="answer">
        ${t.yourAnswer} <strong>${answerText(poll, mine)}</strong>
        ${
          open
            ? html`<span aria-hidden="true">·</span>
                <button
                  part="change"
                  type="button"
                  class="link"
                  ?disabled=${this.#paused()}
                  @click=${() => this.#startChange(poll)}
                >
                  ${t.change}
                </button>`
            : nothing
        }
      </p>
      ${error}`;
  }

  /** Open text: the form while answers are left, and my answers with where they stand. */
  #renderOpenText(poll: Poll) {
    const mine = this.store?.$myAnswers.get()[poll.id] ?? [];
    const max = poll.maxAnswers ?? POLL_LIMITS.opentextAnswersDefault;
    const form =
      poll.status === 'open' && mine.length < max
        ? renderVoteForm({
            t: this.#text,
            poll,
            draft: this.draft,
            disabled: this.#paused(),
            changing: false,
            edit: (change) => {
              const changes = typeof change === 'function' ? change(this.draft) : change;
              this.draft = { ...this.draft, ...changes };
            },
            submit: () => this.#answer(poll),
            cancel: () => {},
            announce: (text) => (this.announcement = text),
            focus: (selector) => this.#focusAfterRender(selector),
          })
        : nothing;
    return html`${form}${renderMyAnswers(this.#text, poll, mine)}`;
  }

  #renderResults(poll: Poll) {
    const t = this.#text;
    const store = this.store!;
    const staff = isStaff(this.connection?.$user.get());
    const mine = store.$myVotes.get()[poll.id];
    const voted = poll.kind === 'opentext' ? !!store.$myAnswers.get()[poll.id]?.length : !!mine;
    const hidden = poll.hideResults && poll.status !== 'closed';
    if (hidden && !staff) {
      return html`<p part="note" class="note">${t.hiddenUntilClose}</p>`;
    }
    if (!staff && poll.status === 'open' && !voted && !this.showResultsBeforeVote) {
      const note = poll.kind === 'opentext' ? t.answerToSee : t.voteToSee;
      return html`<p part="note" class="note">${note}</p>`;
    }
    const tally = tallyOf(poll, store.$hostTallies.get());
    const locale = localeOf(this);
    const kind = this.#chartFor(poll);
    const views =
      poll.kind === 'opentext' || poll.kind === 'ranking' || kind === 'pie'
        ? this.kindViews()
        : null;
    const chart =
      views === null && kind !== 'pie'
        ? renderChart(kind, resultRows(poll, tally, mine), { t, locale })
        : !views
          ? nothing
          : poll.kind === 'opentext'
            ? views.renderOpenText(tally, { t, locale })
            : poll.kind === 'ranking'
              ? views.renderRanking(views.rankRows(poll, tally, mine), tally.total, { t, locale })
              : views.renderPie(resultRows(poll, tally, mine), { t, locale });
    return html`<div class="results-area">
      ${hidden ? html`<p part="note" class="note">${t.hiddenFromAudience}</p>` : nothing} ${chart}
      <p part="total" class="total">${t.voters(formatCount(tally.total, locale), tally.total)}</p>
    </div>`;
  }

  // ------------------------------------------------------------------ user actions

  #vote(poll: Poll) {
    const store = this.store;
    const answer = answerOf(poll, this.draft);
    if (!store || !answer || poll.status !== 'open' || this.#paused()) return;
    if (!this.dispatchEvent(new LiveVoteEvent({ pollId: poll.id, answer }))) return;
    this.error = '';
    this.changing = false;
    this.announcement = `${this.#text.yourAnswer} ${answerText(poll, answer)}`;
    this.#focusNext = 'change';
    store.vote(poll.id, answer).catch((error: OpError) => {
      if (this.#shownId !== poll.id) return;
      // The store took the vote back: the form (or the earlier answer) is on screen again.
      this.error = this.#errorText(poll, error);
      this.announcement = '';
      this.#focusNext = 'form';
    });
  }

  #answer(poll: Poll) {
    const store = this.store;
    const answer = answerOf(poll, this.draft);
    if (!store || !answer || !('text' in answer) || poll.status !== 'open' || this.#paused()) {
      return;
    }
    if (!this.dispatchEvent(new LiveVoteEvent({ pollId: poll.id, answer }))) return;
    this.error = '';
    const sent = this.draft.text;
    this.draft = { ...this.draft, text: '' };
    store.answer(poll.id, answer.text).then(
      () => {
        if (this.#shownId === poll.id) this.announcement = this.#text.answerSent;
        this.#focusNext = 'form';
      },
      (error: OpError) => {
        if (this.#shownId !== poll.id) return;
        // Give the text back so nothing typed is lost.
        if (!this.draft.text) this.draft = { ...this.draft, text: sent };
        this.error = this.#text.voteFailed(error.message);
        this.#focusNext = 'form';
      },
    );
  }

  /** Focuses `selector` after the next render, which a move of focus alone must ask for. */
  #focusAfterRender(selector: string) {
    this.#focusSelector = selector;
    this.requestUpdate();
  }

  #startChange(poll: Poll) {
    this.draft = draftOf(this.store?.$myVotes.get()[poll.id]);
    this.changing = true;
    this.error = '';
    this.#focusNext = 'form';
  }

  #cancelChange() {
    this.changing = false;
    this.#focusNext = 'change';
  }

  // ------------------------------------------------------------------ state

  #paused(): boolean {
    const status = this.connection?.$status.get() ?? 'idle';
    return LIVE_POLL_DEFAULTS.pausedWhen.includes(status);
  }

  #chartFor(poll: Poll): PollChart {
    return this.chart && POLL_CHARTS.includes(this.chart)
      ? this.chart
      : LIVE_POLL_DEFAULTS.chartFor[poll.kind];
  }

  #errorText(poll: Poll, error: OpError): string {
    const t = this.#text;
    if (error.code === 'closed') return t.errorClosed;
    if (error.code === 'invalid' && poll.kind === 'wordcloud') return t.errorNoWords;
    return t.voteFailed(error.message);
  }

  /**
   * Focus moves only when it is in this widget or was lost (its element left the page). Asked
   * of the shadow root, not of the document: in an app's own shadow root, the document's
   * active element is the app.
   */
  #mayMoveFocus(): boolean {
    const active = document.activeElement;
    return !active || active === document.body || this.shadowRoot?.activeElement != null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-poll': LivePoll;
  }
}
