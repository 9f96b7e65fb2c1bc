import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OpError } from '../../connection/index.js';
import { parseQuizFile, QUIZ_LIMITS, type QuizQuestion } from '../../features/quiz.js';
import { isStaff } from '../../protocol/index.js';
import { renderBoard } from '../internal/leaderboard.js';
import {
  LiveQuizEndEvent,
  LiveQuizLoadEvent,
  LiveQuizNextEvent,
  LiveQuizRevealEvent,
} from './live-quiz-host.events.js';
import {
  blankForm,
  checkForm,
  formOf,
  renderDrafts,
  renderEditor,
  type QuestionForm,
  type QuestionFormErrors,
} from './live-quiz-host.parts.js';
import { defaultQuizHostStrings, type QuizHostStrings } from './live-quiz-host.strings.js';
import { liveQuizHostStyles } from './live-quiz-host.styles.js';
import { formatNumber, langOf, secondsOf } from '../internal/quiz-format.js';
import { QuizElement } from '../internal/quiz-element.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';
import { keepFocus } from '../internal/focus-keeper.js';

/** Defaults of `<live-quiz-host>`, in one place. */
export const LIVE_QUIZ_HOST_DEFAULTS = {
  /** Lead-in before each question's answers open, in seconds (the relay allows up to 5). */
  leadInSeconds: 0,
  /** Players shown in the host's leaderboard. */
  boardLimit: 10,
} as const;

const MS_PER_SECOND = 1000;
const LEAD_IN_MAX_SECONDS = QUIZ_LIMITS.leadInMs / MS_PER_SECOND;
const NO_ERRORS: QuestionFormErrors = { options: [] };

/**
 * Quiz controls for hosts and moderators. Prepare questions from a JSON file (checked at once,
 * every problem listed with its question number) or in a small editor, load them (a new game),
 * turn accessible mode on or off, then run the quiz: Next (with an optional lead-in), Reveal and
 * End, with the phase, "Question N of M", the answered count, the time left, the open
 * question's answer and the leaderboard. Other viewers see a short note (the relay would refuse
 * them anyway). Put it inside a `<live-room>`, or give it `server`, `room` and a host's `token`.
 *
 * @tag live-quiz-host
 * @summary Load and run a quiz: file or editor, Next / Reveal / End, live leaderboard.
 *
 * @fires live-quiz-load - {@link LiveQuizLoadEvent} A host loads questions. Cancelable.
 * @fires live-quiz-next - {@link LiveQuizNextEvent} A host shows the next question. Cancelable.
 * @fires live-quiz-reveal - {@link LiveQuizRevealEvent} A host reveals the answer. Cancelable.
 * @fires live-quiz-end - {@link LiveQuizEndEvent} A host ends the quiz. Cancelable.
 *
 * @csspart loading - The "Loading quiz…" state.
 * @csspart refused - Why the relay refused the quiz or dropped it (e.g. a token that does not
 *   grant the room), in place of the controls.
 * @csspart hosts-only - The note shown to viewers who are not hosts.
 * @csspart banner - The offline banner.
 * @csspart run - The controls that run the quiz.
 * @csspart phase - The phase, in words.
 * @csspart progress - "Question 2 of 10" (or how many questions are loaded).
 * @csspart answered - How many answered.
 * @csspart time-left - The open question's time left.
 * @csspart current - The open question's text and answer.
 * @csspart accessible - The accessible-mode checkbox.
 * @csspart lead-in - The lead-in seconds input.
 * @csspart next - The Start / Next / Show final results button.
 * @csspart reveal - The Reveal button.
 * @csspart end - The End button.
 * @csspart error - Why the relay refused an op.
 * @csspart board - The leaderboard (`table`, `row`, `rank`, `name`, `score`, `players` within).
 * @csspart prepare - The part that prepares questions.
 * @csspart file - The file input.
 * @csspart file-note - What was read from the file.
 * @csspart file-errors - The file's problems, one per line.
 * @csspart drafts - The questions to load (`draft`, `edit-draft`, `remove-draft` within).
 * @csspart no-drafts - The note shown when there is none.
 * @csspart load - The Load quiz button.
 * @csspart clear - The button that empties the list of questions to load.
 * @csspart editor - The question form (`text-input`, `option-input`, `correct`, `remove-option`,
 *   `add-option`, `seconds-input`, `points-input`, `field-error`, `save-question`,
 *   `cancel-edit` within).
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Panels, the viewer's row.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Main buttons.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveQuizHost extends QuizElement {
  static override styles = liveQuizHostStyles;

  /** Replaces some or all of the English texts, e.g. `{ next: 'Nächste Frage' }`. */
  @property({ attribute: false }) strings: Partial<QuizHostStrings> = {};
  #locale = new LocaleController<QuizHostStrings>(this, 'leaderboard', 'live-quiz-host');

  @state() private drafts: QuizQuestion[] = [];
  @state() private form: QuestionForm = blankForm();
  @state() private editing: number | null = null;
  /** Form errors show after the first attempt to add, then follow the typing. */
  @state() private showErrors = false;
  @state() private fileNote = '';
  /** The file that could not be read, with every problem found in it. */
  @state() private fileProblems: { name: string; errors: string[] } | null = null;
  @state() private leadInSeconds: number = LIVE_QUIZ_HOST_DEFAULTS.leadInSeconds;
  @state() private busy = false;
  @state() private error = '';

  #text: QuizHostStrings = defaultQuizHostStrings;

  /**
   * A control that its own action takes away (Load quiz, Reveal, End, the last Next, Clear)
   * hands focus on: to the next step while the quiz runs, else to Load quiz or the leaderboard
   * heading, never to the page's `<body>`.
   */
  constructor() {
    super();
    keepFocus(this, (lost) => {
      const at = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
      const run = ['next', 'reveal', 'end'].map((name) => at(`[part~="${name}"]`));
      const prepare = lost.matches('[part~="clear"]') ? [at('[part~="file"]')] : [];
      return [...prepare, ...run, at('[part~="load"]'), at('#board-title')];
    });
  }

  protected override get withCountdown(): boolean {
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#text = this.#locale.texts(defaultQuizHostStrings, this.strings);
  }

  protected override render() {
    const t = this.#text;
    const user = this.connection?.$user.get();
    const banner = this.renderBanner({
      offline: t.offline,
      reconnecting: t.offline,
      unreachable: t.unreachable,
      closed: t.offline,
    });
    const notReady = renderNotReady(this.store, t, !!user);
    // A drop shows (and, for the page's first widget, is said) while still loading too.
    if (notReady || !user) return html`${banner}${notReady}`;
    if (!isStaff(user)) return html`<p part="hosts-only" class="state">${t.hostsOnly}</p>`;
    return html` ${banner} ${this.#renderRun()} ${this.#renderBoard()} ${this.#renderPrepare()} `;
  }

  // ------------------------------------------------------------------ running

  #renderRun() {
    const t = this.#text;
    const store = this.store!;
    const phase = store.$phase.get();
    const count = store.$count.get();
    const question = store.$question.get();
    const index = question?.index ?? -1;
    // While an op is in flight the buttons are aria-disabled, not disabled: focus stays on them.
    const disabled = this.paused;
    const busy = this.busy ? 'true' : nothing;
    const nextLabel = index < 0 ? t.start : index + 1 >= count ? t.finish : t.next;
    const answered = store.$answeredCount.get();
    return html`<section part="run" class="panel" aria-labelledby="run-title">
      <h2 id="run-title" class="title">${t.run}</h2>
      <p class="status" role="status">
        <span part="phase" class="phase ${phase}">${count > 0 ? t.phase[phase] : t.noQuiz}</span>
        <span part="progress">
          ${question ? t.progress(index + 1, count) : count > 0 ? t.loadedCount(count) : ''}
        </span>
      </p>
      ${question ? this.#renderCurrent(answered) : nothing}
      <div class="controls">
        <label class="check">
          <input
            type="checkbox"
            part="accessible"
            aria-describedby="accessible-hint"
            .checked=${store.$accessible.get()}
            aria-disabled=${busy}
            ?disabled=${disabled || phase === 'question'}
            @change=${this.#onAccessibleChange}
          />
          ${t.accessible}
        </label>
        <span id="accessible-hint" class="note">${t.accessibleHint}</span>
      </div>
      <div class="controls">
        <label class="lead-in">
          ${t.leadIn}
          <input
            type="number"
            part="lead-in"
            min="0"
            max=${LEAD_IN_MAX_SECONDS}
            step="1"
            .value=${String(this.leadInSeconds)}
            @input=${this.#onLeadInInput}
          />
        </label>
        <button
          type="button"
          part="next"
          aria-disabled=${busy}
          class="primary"
          ?disabled=${disabled || count === 0 || phase === 'ended'}
          @click=${this.#next}
        >
          ${nextLabel}
        </button>
        <button
          type="button"
          part="reveal"
          aria-disabled=${busy}
          ?disabled=${disabled || phase !== 'question'}
          @click=${this.#reveal}
        >
          ${t.reveal}
        </button>
        <button
          type="button"
          part="end"
          aria-disabled=${busy}
          ?disabled=${disabled || count === 0 || phase === 'ended'}
          @click=${this.#end}
        >
          ${t.end}
        </button>
      </div>
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }

  /** The open (or revealed) question: its text, its answer when known, answers and time. */
  #renderCurrent(answered: number) {
    const t = this.#text;
    const store = this.store!;
    const question = store.$question.get()!;
    const phase = store.$phase.get();
    const full = store.$questions.get()?.[question.index];
    const remaining = this.remainingMs;
    // Answers are counted by the relay at the reveal (or in a snapshot): 0 says nothing before.
    const showAnswered = phase === 'revealed' || answered > 0;
    return html`<div part="current" class="current">
      <p dir="auto" class="current-text">${question.text}</p>
      ${
        full
          ? html`<p class="note">
              ${t.answerIs(t.letter(full.correct), full.options[full.correct] ?? '')}
            </p>`
          : nothing
      }
      <p class="note">
        ${showAnswered ? html`<span part="answered">${t.answered(formatNumber(answered, langOf(this)), answered)}</span>` : nothing}
        ${phase === 'question' && remaining > 0 ? html`<span part="time-left">${t.secondsLeft(secondsOf(remaining))}</span>` : nothing}
      </p>
    </div>`;
  }

  #renderBoard() {
    const t = this.#text;
    const board = this.store!.$leaderboard.get();
    const final = board?.final === true;
    return html`<section part="board" class="panel" aria-labelledby="board-title">
      <h2 id="board-title" class="title" tabindex="-1">${final ? t.finalTitle : t.title}</h2>
      ${
        board && board.top.length > 0
          ? renderBoard({
              t,
              board,
              limit: LIVE_QUIZ_HOST_DEFAULTS.boardLimit,
              meId: this.connection?.$user.get()?.id,
              locale: langOf(this),
            })
          : html`<p class="note">${t.empty}</p>`
      }
    </section>`;
  }

  #onAccessibleChange(event: Event) {
    const input = event.target as HTMLInputElement;
    if (this.busy) {
      input.checked = !input.checked; // aria-disabled: the click changed it, the relay did not
      return;
    }
    const accessible = input.checked;
    this.#run(this.store?.setAccessible(accessible));
  }

  #onLeadInInput(event: InputEvent) {
    const seconds = Number((event.target as HTMLInputElement).value);
    this.leadInSeconds = Number.isFinite(seconds)
      ? Math.min(LEAD_IN_MAX_SECONDS, Math.max(0, Math.round(seconds)))
      : 0;
  }

  #next() {
    if (this.busy) return;
    const leadInMs = this.leadInSeconds * MS_PER_SECOND;
    if (!this.dispatchEvent(new LiveQuizNextEvent({ leadInMs }))) return;
    this.#run(this.store?.next(leadInMs > 0 ? { leadInMs } : {}));
  }

  #reveal() {
    if (this.busy) return;
    const index = this.store?.$question.get()?.index ?? -1;
    if (!this.dispatchEvent(new LiveQuizRevealEvent({ index }))) return;
    this.#run(this.store?.reveal());
  }

  #end() {
    if (this.busy) return;
    if (!this.dispatchEvent(new LiveQuizEndEvent())) return;
    this.#run(this.store?.end());
  }

  /** Sends one op at a time (a double click must not skip a question) and shows a refusal. */
  #run(request: Promise<unknown> | undefined): Promise<boolean> {
    if (!request) return Promise.resolve(false);
    this.error = '';
    this.busy = true;
    return request.then(
      () => {
        this.busy = false;
        return true;
      },
      (error: OpError) => {
        this.busy = false;
        const t = this.#text;
        this.error = error.code === 'too_large' ? t.tooLarge : t.failed(error.message);
        return false;
      },
    );
  }

  // ------------------------------------------------------------------ preparing

  #renderPrepare() {
    const t = this.#text;
    const drafts = this.drafts;
    const { errors } = checkForm(this.form);
    return html`<section part="prepare" class="panel" aria-labelledby="prepare-title">
      <h2 id="prepare-title" class="title">${t.prepare}</h2>
      <div class="field">
        <label for="file">${t.file}</label>
        <input
          id="file"
          part="file"
          type="file"
          accept=".json,application/json"
          aria-describedby="file-hint"
          @change=${this.#onFile}
        />
        <span id="file-hint" class="note">${t.fileHint}</span>
      </div>
      ${this.fileNote ? html`<p part="file-note" class="note" role="status">${this.fileNote}</p>` : nothing}
      ${
        this.fileProblems
          ? html`<div part="file-errors" class="file-errors" role="alert">
              <p>${t.fileErrors(this.fileProblems.name)}</p>
              <ul>
                ${this.fileProblems.errors.map((error) => html`<li>${error}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      ${renderDrafts({
        t,
        drafts,
        locale: langOf(this),
        edit: (i) => this.#editDraft(i),
        remove: (i) => this.#removeDraft(i),
      })}
      ${
        drafts.length
          ? html`<div class="controls">
              <button
                type="button"
                part="load"
                class="primary"
                aria-describedby="load-hint"
                aria-disabled=${this.busy ? 'true' : nothing}
                ?disabled=${this.paused || this.store!.$phase.get() === 'question'}
                @click=${this.#load}
              >
                ${t.loadQuiz(drafts.length)}
              </button>
              <button type="button" part="clear" @click=${this.#clear}>${t.clear}</button>
              <span id="load-hint" class="note">${t.loadHint}</span>
            </div>`
          : nothing
      }
      ${renderEditor({
        t,
        form: this.form,
        errors: this.showErrors ? errors : NO_ERRORS,
        editing: this.editing,
        edit: (change) => (this.form = { ...this.form, ...change }),
        submit: () => this.#saveQuestion(),
        cancel: () => this.#resetForm(),
      })}
    </section>`;
  }

  async #onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const t = this.#text;
    const parsed = parseQuizFile(await file.text());
    if (parsed.ok) {
      this.drafts = parsed.questions;
      this.fileProblems = null;
      this.fileNote = t.fileRead(parsed.questions.length, file.name);
      this.#resetForm();
    } else {
      this.fileNote = '';
      this.fileProblems = { name: file.name, errors: parsed.errors };
    }
    input.value = ''; // choosing the same file again reads it again
  }

  async #load() {
    const store = this.store;
    const questions = this.drafts;
    if (!store || questions.length === 0 || this.busy) return;
    const accessible = store.$accessible.get();
    if (!this.dispatchEvent(new LiveQuizLoadEvent({ questions, accessible }))) return;
    if (await this.#run(store.load(questions, { accessible }))) {
      this.drafts = [];
      this.fileNote = '';
    }
  }

  #clear() {
    this.drafts = [];
    this.fileNote = '';
    this.#resetForm();
  }

  #saveQuestion() {
    const { question } = checkForm(this.form);
    if (!question) {
      this.showErrors = true;
      this.updateComplete.then(() => {
        const root = this.renderRoot;
        const first =
          root.querySelector<HTMLElement>('[part~="editor"] [aria-invalid="true"]') ??
          root.querySelector<HTMLElement>('[part~="correct"]');
        first?.focus();
      });
      return;
    }
    const editing = this.editing;
    this.drafts =
      editing === null
        ? [...this.drafts, question]
        : this.drafts.map((draft, i) => (i === editing ? question : draft));
    this.#resetForm();
  }

  #editDraft(index: number) {
    this.form = formOf(this.drafts[index]);
    this.editing = index;
    this.showErrors = false;
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[part~="text-input"]')?.focus(),
    );
  }

  #removeDraft(index: number) {
    this.drafts = this.drafts.filter((_, i) => i !== index);
    if (this.editing === index) this.#resetForm();
    else if (this.editing !== null && this.editing > index) this.editing -= 1;
  }

  #resetForm() {
    this.form = blankForm();
    this.editing = null;
    this.showErrors = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-quiz-host': LiveQuizHost;
  }
}
