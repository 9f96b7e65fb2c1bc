import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OpError } from '../../connection/index.js';
import type { QuizPhase, QuizQuestionView } from '../../features/quiz.js';
import { LiveAnswerEvent } from './live-quiz.events.js';
import { defaultQuizStrings, type QuizStrings } from './live-quiz.strings.js';
import { liveQuizStyles } from './live-quiz.styles.js';
import { outcomeText, renderPodium, renderQuestion, type QuestionView } from './live-quiz.parts.js';
import { formatNumber, langOf, secondsOf } from '../internal/quiz-format.js';
import { QuizElement } from '../internal/quiz-element.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';

/** Defaults of `<live-quiz>`, in one place. */
export const LIVE_QUIZ_DEFAULTS = {
  /** Accessible mode announces the time left once, when it falls to this. */
  warnAtMs: 10_000,
  /** Normal mode turns the countdown urgent (colour, bold) below this. */
  urgentMs: 5_000,
  /** Number keys that pick an option: "1" is the first, "0" the tenth. */
  choiceKeys: '1234567890',
} as const;

/**
 * A live quiz for one player: waits for the host, shows each question with a countdown on the
 * relay's clock (after a "Get ready…" lead-in), big answer buttons (Tab or the arrow keys, and
 * the number keys 1 to 9 and 0), "Locked in" once answered, the reveal with the right answer,
 * your own and the points won, your score and rank, and a podium at the end. Put it inside a
 * `<live-room>`, or give it `server` and `room` itself.
 *
 * Each question, the results and the end are announced once through a polite live region.
 * Accessible mode (the `accessible` attribute, or the host's relay setting, which also doubles
 * every time limit) drops the speed emphasis and also announces a time warning. Answering
 * pauses while offline; an answer sent just before a drop is re-sent when the connection is
 * back. User text is rendered as text, never as HTML.
 *
 * @tag live-quiz
 * @summary Live quiz: questions with a synced countdown, answers, reveals, score and podium.
 *
 * @fires live-answer - {@link LiveAnswerEvent} The player answers. Cancelable.
 *
 * @csspart loading - The "Loading quiz…" state.
 * @csspart refused - Why the relay refused the quiz or dropped it (e.g. a room for signed-in users
 *   only), in place of the quiz.
 * @csspart quiz - The quiz's box (every state but loading).
 * @csspart banner - Why answering is paused (offline, reconnecting, disconnected).
 * @csspart waiting - "The quiz starts soon".
 * @csspart progress - "Question 2 of 10".
 * @csspart points - The question's points.
 * @csspart question - The question's text.
 * @csspart lead-in - "Get ready…" before answers open.
 * @csspart timer - The countdown (`role="timer"`): `timer-bar` and `seconds` within.
 * @csspart timer-bar - The countdown's shrinking bar.
 * @csspart seconds - The seconds left, as text.
 * @csspart hint - "Answer fast…" or, in accessible mode, "Take your time."
 * @csspart options - The answer buttons' group.
 * @csspart option - One answer button; also `mine`, `correct` and `wrong` after the fact.
 * @csspart letter - An option's letter (A, B, …).
 * @csspart option-text - An option's text.
 * @csspart mark - "Your answer" / "Correct answer" on an option.
 * @csspart count - How many picked an option, after the reveal.
 * @csspart locked-in - "Locked in: B" and what happens next.
 * @csspart outcome - "Correct! +850" or "Wrong. The answer was …".
 * @csspart points-won - The points won at a reveal.
 * @csspart error - Why an answer was refused.
 * @csspart standing - "You: 2,300 pts · #4".
 * @csspart streak - "3 in a row", within the standing, from two correct answers in a row.
 * @csspart final - The end screen's heading.
 * @csspart podium - The top three (`step`, `podium-name`, `podium-score`, `podium-rank` within).
 * @csspart step - One place on the podium; also `you` for the viewer's.
 * @csspart empty - "No scores yet" at the end of a quiz nobody played.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Answer buttons, the countdown's track, podium.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The countdown, my answer, the podium's winner.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-success=#1e7a3c] - The correct answer, points won.
 * @cssprop [--hubbub-color-danger=#b3261e] - A wrong answer, an urgent countdown, errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 * @cssprop [--hubbub-quiz-option-height=3.5rem] - Least height of an answer button.
 */
export class LiveQuiz extends QuizElement {
  static override styles = liveQuizStyles;

  /** Accessible mode for this viewer, whatever the relay's setting: no speed emphasis, announcements. */
  @property({ type: Boolean }) accessible = false;

  /** Replaces some or all of the English texts, e.g. `{ waiting: 'Gleich geht es los' }`. */
  @property({ attribute: false }) strings: Partial<QuizStrings> = {};
  #locale = new LocaleController<QuizStrings>(this, 'live-quiz');

  @state() private error = '';
  @state() private announcement = '';
  /** The question whose answer is on its way, if any. */
  @state() private sendingIndex: number | null = null;

  #text: QuizStrings = defaultQuizStrings;
  /** `phase:index` at the last update: a change is a moment to announce. */
  #moment = '';
  /** The question whose time warning was announced. */
  #warned = -1;
  #wasLoaded = false;
  #hadFocus = false;

  protected override get withCountdown(): boolean {
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#text = this.#locale.texts(defaultQuizStrings, this.strings);
    this.#hadFocus = this.shadowRoot?.activeElement != null;
    this.#follow();
  }

  protected override updated(): void {
    // The element that had the focus left with the state (the question ended): keep the place,
    // on the end screen's heading (the podium follows it) or else on the quiz's box.
    if (this.#hadFocus && !this.shadowRoot?.activeElement) {
      const place =
        this.renderRoot.querySelector<HTMLElement>('[part~="final"]') ??
        this.renderRoot.querySelector<HTMLElement>('[part~="quiz"]');
      place?.focus();
    }
  }

  protected override render() {
    return html`${this.#renderBody()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }

  #renderBody() {
    const t = this.#text;
    const store = this.store;
    const notReady = renderNotReady(store, t);
    // A drop shows (and, for the page's first widget, is said) while still loading too.
    if (notReady || !store) return html`${this.#renderBanner()}${notReady}`;
    const phase = store.$phase.get();
    const question = store.$question.get();
    // An answer sent before a reload and refused after it (too late) says so, as one from here.
    const restored = store.$restoredError.get();
    const error = this.error || (restored ? this.#errorText(restored) : '');
    return html`<div
      part="quiz"
      class="quiz phase-${phase} ${this.#isAccessible() ? 'accessible' : ''}"
      tabindex="-1"
      @keydown=${this.#onKeydown}
    >
      ${this.#renderBanner()}
      ${
        phase === 'ended'
          ? this.#renderEnd()
          : question && phase !== 'idle'
            ? renderQuestion(this.#questionView(question))
            : this.#renderWaiting()
      }
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
      ${phase === 'ended' ? nothing : this.#renderStanding()}
    </div>`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderBanner() {
    const { offline, reconnecting, unreachable, disconnected } = this.#text;
    return this.renderBanner({ offline, reconnecting, unreachable, closed: disconnected });
  }

  #renderWaiting() {
    const t = this.#text;
    const count = this.store?.$count.get() ?? 0;
    return html`<div part="waiting" class="state waiting">
      <p class="big">${t.waiting}</p>
      ${count > 0 ? html`<p>${t.questionCount(formatNumber(count, langOf(this)), count)}</p>` : nothing}
    </div>`;
  }

  #renderStanding() {
    const text = this.#standingText();
    if (!text) return nothing;
    // The relay's count: it survives a reload or a drop like the score (a `me` after `sub`).
    const streak = this.store!.$me.get().streak;
    return html`<p part="standing" class="standing">
      ${text}${
        streak >= 2
          ? html` <span part="streak" class="streak"
              >${this.#text.streak(formatNumber(streak, langOf(this)), streak)}</span
            >`
          : nothing
      }
    </p>`;
  }

  #renderEnd() {
    const t = this.#text;
    const board = this.store?.$leaderboard.get();
    const me = this.connection?.$user.get()?.id;
    return html`<h2 part="final" class="final" tabindex="-1">${t.finalResults}</h2>
      ${renderPodium(t, board?.top ?? [], me, langOf(this))}
      <p part="standing" class="standing">${this.#standingText() || t.notPlayed}</p>`;
  }

  #questionView(question: QuizQuestionView): QuestionView {
    const store = this.store!;
    const phase = store.$phase.get();
    const result = store.$result.get();
    const myAnswer = store.$myAnswer.get();
    const remainingMs = this.remainingMs;
    const leadInMs = phase === 'question' ? (question.startsAt ?? 0) - this.serverNow() : 0;
    const open = phase === 'question' && leadInMs <= 0 && remainingMs > 0;
    return {
      t: this.#text,
      question,
      result: result?.index === question.index ? result : null,
      myAnswer,
      me: store.$me.get(),
      locked: !open || myAnswer !== null || this.paused,
      accessible: this.#isAccessible(),
      remainingMs,
      leadInMs,
      urgentMs: LIVE_QUIZ_DEFAULTS.urgentMs,
      sending: this.sendingIndex === question.index,
      paused: this.paused,
      locale: langOf(this),
      answer: (choice) => this.#answer(question, choice),
    };
  }

  // ------------------------------------------------------------------ user actions

  #onKeydown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const choice = LIVE_QUIZ_DEFAULTS.choiceKeys.indexOf(event.key);
    const question = this.store?.$question.get();
    if (choice < 0 || !question || choice >= question.options.length) return;
    event.preventDefault();
    this.#answer(question, choice);
  }

  #answer(question: QuizQuestionView, choice: number) {
    const store = this.store;
    if (!store || this.#questionView(question).locked) return;
    if (!this.dispatchEvent(new LiveAnswerEvent({ index: question.index, choice }))) return;
    const t = this.#text;
    this.error = '';
    this.sendingIndex = question.index;
    this.announcement = t.announceLocked(t.letter(choice), question.options[choice] ?? '');
    const settle = () => {
      if (this.sendingIndex === question.index) this.sendingIndex = null;
    };
    store.answer(choice).then(settle, (error: OpError) => {
      settle();
      if (store.$question.get()?.index !== question.index) return;
      // The store took the answer back: the alert says why, "Locked in" must not linger.
      this.announcement = '';
      this.error = this.#errorText(error);
    });
  }

  #errorText(error: OpError): string {
    const t = this.#text;
    if (error.code === 'too_late') return t.errorTooLate;
    if (error.code === 'conflict') return t.errorConflict;
    if (error.code === 'invalid') return t.errorNotOpen;
    return t.answerFailed(error.message);
  }

  // ------------------------------------------------------------------ state

  #isAccessible(): boolean {
    return this.accessible || this.store?.$accessible.get() === true;
  }

  #standingText(): string {
    const me = this.store?.$me.get();
    if (!me || me.rank === null) return '';
    return this.#text.standing(formatNumber(me.score, langOf(this)), me.rank);
  }

  /** Announces what changed since the last update: a question, a reveal, the end, time running out. */
  #follow() {
    const store = this.store;
    if (!store?.$loaded.get()) {
      this.#wasLoaded = false;
      return;
    }
    const phase = store.$phase.get();
    const question = store.$question.get();
    const moment = `${phase}:${question?.index ?? ''}`;
    // Screen readers hear of what happens while the page is read, not of the state at load.
    const live = this.#wasLoaded;
    this.#wasLoaded = true;
    if (moment !== this.#moment) {
      this.#moment = moment;
      this.error = '';
      const said = live ? this.#announcementFor(phase, question) : '';
      if (said) this.announcement = said;
    }
    const remaining = this.remainingMs;
    const { warnAtMs } = LIVE_QUIZ_DEFAULTS;
    if (
      this.#isAccessible() &&
      phase === 'question' &&
      question &&
      this.#warned !== question.index &&
      question.timeLimitMs > warnAtMs &&
      remaining > 0 &&
      remaining <= warnAtMs &&
      (question.startsAt ?? 0) <= this.serverNow() &&
      !store.$myAnswer.get()
    ) {
      this.#warned = question.index;
      this.announcement = this.#text.announceWarning(secondsOf(remaining));
    }
  }

  #announcementFor(phase: QuizPhase, question: QuizQuestionView | null): string {
    const t = this.#text;
    const standing = this.#standingText();
    if (phase === 'ended') return t.announceEnd(standing || t.notPlayed);
    if (!question) return '';
    if (phase === 'revealed') {
      return t.announceResult(outcomeText(this.#questionView(question)), standing);
    }
    // Everyone hears a question open (a screen reader user may not have turned accessible mode on).
    if (phase === 'question') {
      const progress = t.progress(question.index + 1, question.count);
      return t.announceQuestion(progress, question.text, question.options.length);
    }
    return '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-quiz': LiveQuiz;
  }
}
