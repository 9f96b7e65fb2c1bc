import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OpError } from '../../connection/index.js';
import type { Poll, PollKind } from '../../features/poll.js';
import { isStaff } from '../../protocol/index.js';
import {
  LivePollCloseEvent,
  LivePollCreateEvent,
  LivePollModerateEvent,
  LivePollOpenEvent,
} from './live-poll-editor.events.js';
import { renderPollList, type AnswerAction, type PollAction } from './live-poll-editor.parts.js';
import { defaultPollEditorStrings, type PollEditorStrings } from './live-poll-editor.strings.js';
import { livePollEditorStyles } from './live-poll-editor.styles.js';
import {
  validatePollForm,
  type FieldError,
  type PollForm,
  type PollFormErrors,
} from '../internal/poll-form.js';
import { localeOf } from '../internal/poll-format.js';
import { POLL_LIMITS, codePoints } from '../../protocol/index.js';
import { PollElement } from '../internal/poll-element.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';

/** Defaults of `<live-poll-editor>`, in one place. */
export const LIVE_POLL_EDITOR_DEFAULTS = {
  /** Option inputs of a new poll. */
  initialOptions: 2,
  /** The options a rating poll starts with: its scale labels. */
  ratingScale: ['1', '2', '3', '4', '5'],
  /** The kinds offered, in the order of the select. */
  kinds: ['single', 'multi', 'rating', 'wordcloud', 'opentext', 'ranking'] as readonly PollKind[],
  /** Most words of a word cloud's live results listed per poll. */
  wordsShown: 5,
};

const KIND_LIST = LIVE_POLL_EDITOR_DEFAULTS.kinds;

function blankForm(): PollForm {
  return {
    question: '',
    kind: KIND_LIST[0],
    options: Array.from({ length: LIVE_POLL_EDITOR_DEFAULTS.initialOptions }, () => ''),
    hideResults: false,
    blockedTerms: '',
    maxAnswers: POLL_LIMITS.opentextAnswersDefault,
    review: false,
  };
}

/**
 * Poll controls for hosts and moderators: a form to create a poll (question, kind, options or a
 * rating scale, hidden results, blocked terms of a word cloud or open text, answers per person
 * of open text, review of a word cloud or open text) checked against the relay's limits, and the
 * room's polls with their status, live counts and Open / Close buttons; an open-text poll lists
 * its answers with Hide buttons, and a poll under review says how many of its entries wait in
 * the review queue (`<live-review-queue>`, where staff approve or reject them). Other viewers
 * see a short note (the relay would refuse them anyway).
 *
 * Put it inside a `<live-room>`, or give it `server`, `room` and a host's `token` itself.
 *
 * @tag live-poll-editor
 * @summary Create, open and close polls, with live counts.
 *
 * @fires live-poll-create - {@link LivePollCreateEvent} A host creates a poll. Cancelable.
 * @fires live-poll-open - {@link LivePollOpenEvent} A host opens (or reopens) a poll. Cancelable.
 * @fires live-poll-close - {@link LivePollCloseEvent} A host closes a poll. Cancelable.
 * @fires live-poll-moderate - {@link LivePollModerateEvent} A host hides an open-text answer.
 *   Cancelable.
 *
 * @csspart loading - The "Loading polls…" state.
 * @csspart refused - Why the relay refused the polls or dropped it (e.g. a token that does not
 *   grant the room), in place of the editor.
 * @csspart hosts-only - The note shown to viewers who are not hosts.
 * @csspart banner - The offline banner.
 * @csspart form - The form that creates a poll.
 * @csspart question-input - The question's text area.
 * @csspart counter - A length counter.
 * @csspart kind - The kind select.
 * @csspart options - The options (or scale labels) with their buttons.
 * @csspart option-input - One option's input.
 * @csspart remove-option - One option's remove button.
 * @csspart add-option - The "Add option" button.
 * @csspart blocked-terms - The word cloud's blocked terms text area.
 * @csspart hide-results - The "hide results" checkbox.
 * @csspart max-answers - Open text: the "answers per person" input.
 * @csspart review - Word cloud and open text: the "review answers" checkbox.
 * @csspart queue - A reviewed poll's note: how many of its entries wait in the review queue.
 * @csspart hide - A shown answer's Hide button.
 * @csspart error - A validation message, or why the relay refused.
 * @csspart create - The "Create poll" button.
 * @csspart list - The room's polls, newest first.
 * @csspart empty - The "No polls yet" note.
 * @csspart item - One poll of the list.
 * @csspart badge - A poll's status badge.
 * @csspart poll-question - A poll's question in the list.
 * @csspart results - A poll's live results; `result`, `option`, `result-text`, `bar` within.
 * @csspart total - A poll's number of voters.
 * @csspart open - A poll's Open / Reopen button.
 * @csspart close - A poll's Close button.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text, bars.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Poll cards, bar tracks.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Create and Open buttons, the open badge.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Validation messages and errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 * @cssprop [--hubbub-poll-bar-height=0.6em] - Height of a result bar.
 * @cssprop [--hubbub-poll-bar-color=var(--hubbub-color-muted)] - Result bars.
 */
export class LivePollEditor extends PollElement {
  static override styles = livePollEditorStyles;

  /** Replaces some or all of the English texts, e.g. `{ create: 'Umfrage erstellen' }`. */
  @property({ attribute: false }) strings: Partial<PollEditorStrings> = {};
  #locale = new LocaleController<PollEditorStrings>(this, 'poll-charts', 'live-poll-editor');

  @state() private form: PollForm = blankForm();
  /** Validation messages show after the first attempt to create, then follow the typing. */
  @state() private showErrors = false;
  @state() private busy = false;
  @state() private formError = '';
  @state() private listError = '';
  @state() private announcement = '';

  #text: PollEditorStrings = defaultPollEditorStrings;
  /** A selector to focus after the next render. */
  #focusNext?: string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#text = this.#locale.texts(defaultPollEditorStrings, this.strings);
  }

  protected override updated(): void {
    const selector = this.#focusNext;
    this.#focusNext = undefined;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected override render() {
    const t = this.#text;
    const store = this.store;
    const user = this.connection?.$user.get();
    const banner = this.renderBanner({
      offline: t.offline,
      reconnecting: t.offline,
      unreachable: t.unreachable,
    });
    const notReady = renderNotReady(store, t, !!user);
    // A drop shows (and, for the page's first widget, is said) while still loading too.
    if (notReady || !store || !user) return html`${banner}${notReady}`;
    if (!isStaff(user)) return html`<p part="hosts-only" class="state">${t.hostsOnly}</p>`;
    const list = renderPollList({
      t,
      polls: store.$polls.get(),
      hostTallies: store.$hostTallies.get(),
      review: store.$review.get(),
      kindViews: () => this.kindViews(),
      moderate: (action, poll, answerId) => this.#moderate(action, poll, answerId),
      locale: localeOf(this),
      wordsShown: LIVE_POLL_EDITOR_DEFAULTS.wordsShown,
      act: (action, poll) => this.#act(action, poll),
    });
    return html`
      ${banner} ${this.#renderForm()}
      ${this.listError ? html`<p part="error" class="error" role="alert">${this.listError}</p>` : nothing}
      ${list}
    `;
  }

  // ------------------------------------------------------------------ the form

  #renderForm() {
    const t = this.#text;
    const form = this.form;
    const { errors } = validatePollForm(form);
    const shown: PollFormErrors = this.showErrors ? errors : { option: [] };
    const length = codePoints(form.question.trim());
    return html`<form
      part="form"
      class="form"
      aria-label=${t.newPoll}
      novalidate
      @submit=${this.#onSubmit}
    >
      <div class="field">
        <label for="question">${t.question}</label>
        <textarea
          id="question"
          part="question-input"
          rows="2"
          aria-invalid=${shown.question ? 'true' : 'false'}
          aria-describedby="question-error question-counter"
          .value=${form.question}
          @input=${(event: InputEvent) =>
            this.#edit({ question: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
        <div class="row">
          ${this.#renderError('question-error', shown.question, t.questionRequired, t.questionTooLong(POLL_LIMITS.questionMax))}
          <span
            part="counter"
            id="question-counter"
            class="counter ${length > POLL_LIMITS.questionMax ? 'over' : ''}"
            >${t.counter(length, POLL_LIMITS.questionMax)}</span
          >
        </div>
      </div>
      <div class="field">
        <label for="kind">${t.kind}</label>
        <select id="kind" part="kind" @change=${this.#onKindChange}>
          ${KIND_LIST.map(
            (kind) =>
              html`<option value=${kind} ?selected=${kind === form.kind}>${t.kinds[kind]}</option>`,
          )}
        </select>
      </div>
      ${
        form.kind === 'wordcloud' || form.kind === 'opentext'
          ? this.#renderBlockedTerms(shown)
          : this.#renderOptions(shown)
      }
      ${// In the kinds' chunk, asked for with the form (most polls are of the other kinds).
      this.kindViews()?.renderKindFields({
        t,
        form,
        shown,
        edit: (change) => this.#edit(change),
        error: (...args) => this.#renderError(...args),
      })}
      <label class="check">
        <input
          type="checkbox"
          part="hide-results"
          .checked=${form.hideResults}
          @change=${(event: Event) =>
            this.#edit({ hideResults: (event.target as HTMLInputElement).checked })}
        />
        ${t.hideResults}
      </label>
      ${this.formError ? html`<p part="error" class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="row end">
        <button part="create" class="primary" type="submit">${t.create}</button>
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </form>`;
  }

  #renderOptions(shown: PollFormErrors) {
    const t = this.#text;
    const options = this.form.options;
    const max = POLL_LIMITS.optionsMax;
    return html`<fieldset part="options" class="options">
      <legend>${this.form.kind === 'rating' ? t.scale : t.options}</legend>
      <ol>
        ${options.map(
          (value, index) =>
            html`<li>
              <div class="row">
                <input
                  type="text"
                  part="option-input"
                  aria-label=${t.option(index + 1)}
                  aria-invalid=${shown.option[index] ? 'true' : 'false'}
                  aria-describedby="option-error-${index}"
                  .value=${value}
                  @input=${(event: InputEvent) =>
                    this.#setOption(index, (event.target as HTMLInputElement).value)}
                />
                <button
                  type="button"
                  part="remove-option"
                  aria-label=${t.removeOption(index + 1)}
                  title=${t.removeOption(index + 1)}
                  ?disabled=${options.length <= POLL_LIMITS.optionsMin}
                  @click=${() => this.#removeOption(index)}
                >
                  ✕
                </button>
              </div>
              ${this.#renderError(`option-error-${index}`, shown.option[index], t.optionRequired, t.optionTooLong(POLL_LIMITS.optionMax))}
            </li>`,
        )}
      </ol>
      ${
        shown.options
          ? html`<p part="error" class="error">
              ${
                shown.options === 'tooFew'
                  ? t.optionsTooFew(POLL_LIMITS.rankingOptionsMin)
                  : t.optionsTooMany(max)
              }
            </p>`
          : nothing
      }
      <button
        type="button"
        part="add-option"
        ?disabled=${options.length >= max}
        @click=${this.#addOption}
      >
        ${t.addOption}
      </button>
    </fieldset>`;
  }

  #renderBlockedTerms(shown: PollFormErrors) {
    const t = this.#text;
    return html`<div class="field">
      <label for="blocked">${t.blockedTerms}</label>
      <textarea
        id="blocked"
        part="blocked-terms"
        rows="3"
        aria-invalid=${shown.blockedTerms ? 'true' : 'false'}
        aria-describedby="blocked-hint blocked-error"
        .value=${this.form.blockedTerms}
        @input=${(event: InputEvent) =>
          this.#edit({ blockedTerms: (event.target as HTMLTextAreaElement).value })}
      ></textarea>
      <p id="blocked-hint" class="note">${t.blockedTermsHint}</p>
      ${this.#renderError('blocked-error', shown.blockedTerms, '', shown.blockedTerms === 'tooMany' ? t.blockedTermsTooMany(POLL_LIMITS.blockedTermsMax) : t.blockedTermTooLong(POLL_LIMITS.blockedTermMax))}
    </div>`;
  }

  /** A validation message under its field, always in the DOM so `aria-describedby` resolves. */
  #renderError(id: string, error: FieldError | undefined, required: string, other: string) {
    return html`<span part="error" id=${id} class="error grow"
      >${error ? (error === 'required' ? required : other) : ''}</span
    >`;
  }

  // ------------------------------------------------------------------ user actions

  #edit(change: Partial<PollForm>) {
    this.form = { ...this.form, ...change };
    this.announcement = '';
  }

  #setOption(index: number, value: string) {
    this.#edit({ options: this.form.options.map((option, i) => (i === index ? value : option)) });
  }

  #addOption() {
    if (this.form.options.length >= POLL_LIMITS.optionsMax) return;
    this.#edit({ options: [...this.form.options, ''] });
    this.#focusNext = `li:nth-child(${this.form.options.length}) [part~="option-input"]`;
  }

  #removeOption(index: number) {
    const options = this.form.options.filter((_, i) => i !== index);
    if (options.length < POLL_LIMITS.optionsMin) return;
    this.#edit({ options });
    const next = Math.min(index, options.length - 1) + 1;
    this.#focusNext = `li:nth-child(${next}) [part~="option-input"]`;
  }

  #onKindChange(event: Event) {
    const kind = (event.target as HTMLSelectElement).value as PollKind;
    const { ratingScale } = LIVE_POLL_EDITOR_DEFAULTS;
    const untouched = this.form.options.every((option) => !option.trim());
    const isScale = this.form.options.join('\n') === ratingScale.join('\n');
    let options = this.form.options;
    // Switching to a rating fills in the 1–5 scale; switching away drops it again.
    if (kind === 'rating' && untouched) options = [...ratingScale];
    else if (kind !== 'rating' && isScale) options = blankForm().options;
    this.#edit({ kind, options });
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const store = this.store;
    if (!store || this.busy) return;
    const { input } = validatePollForm(this.form);
    if (!input) {
      this.showErrors = true;
      this.#focusNext = '[aria-invalid="true"]';
      this.requestUpdate(); // the messages may be on screen already; the focus still moves
      return;
    }
    if (!this.dispatchEvent(new LivePollCreateEvent(input))) return;
    this.busy = true;
    this.formError = '';
    store.create(input).then(
      () => {
        this.busy = false;
        this.form = blankForm();
        this.showErrors = false;
        this.announcement = this.#text.created;
      },
      (error: OpError) => {
        this.busy = false;
        this.formError = this.#text.failed(error.message);
      },
    );
  }

  #act(action: PollAction, poll: Poll) {
    const store = this.store;
    if (!store) return;
    const detail = { pollId: poll.id };
    const event =
      action === 'open' ? new LivePollOpenEvent(detail) : new LivePollCloseEvent(detail);
    if (!this.dispatchEvent(event)) return;
    this.listError = '';
    const request = action === 'open' ? store.open(poll.id) : store.close(poll.id);
    request.catch((error: OpError) => (this.listError = this.#text.failed(error.message)));
  }

  #moderate(action: AnswerAction, poll: Poll, answerId: string) {
    const store = this.store;
    if (!store) return;
    const event = new LivePollModerateEvent({ pollId: poll.id, answerId, action });
    if (!this.dispatchEvent(event)) return;
    this.listError = '';
    store
      .hide(poll.id, answerId)
      .catch((error: OpError) => (this.listError = this.#text.failed(error.message)));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-poll-editor': LivePollEditor;
  }
}
