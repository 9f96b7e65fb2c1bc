import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { OpError } from '../../connection/index.js';
import {
  createQaStore,
  sortQuestions,
  type QaOrder,
  type QaQuestion,
  type QaStore,
} from '../../features/qa.js';
import { QA_LIMITS, codePoints, isStaff } from '../../protocol/index.js';
import {
  LiveQaSortEvent,
  LiveQuestionAskEvent,
  LiveQuestionModerateEvent,
  LiveQuestionVoteEvent,
  type QaModerateAction,
} from './live-qa.events.js';
import {
  renderModeration,
  renderQuestion,
  renderQuestionOnce,
  renderSending,
  type QuestionView,
  type SendingQuestion,
} from './live-qa.parts.js';
import { defaultQaStrings, type QaStrings } from './live-qa.strings.js';
import { liveQaStyles } from './live-qa.styles.js';
import { PacedFeatureElement } from '../internal/paced-element.js';
import type { RoomContext } from '../internal/room-context.js';
import { renderRefused } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';
import { countAttribute } from '../internal/count-attribute.js';

/** Defaults of `<live-qa>`, in one place. */
export const LIVE_QA_DEFAULTS = {
  /** Longest question in code points: the relay's limit. */
  maxLength: QA_LIMITS.textMax,
  /** How often "3 min ago" is brought up to date. */
  clockTickMs: 30_000,
  /** How often the "try again in N s" countdown is brought up to date. */
  countdownTickMs: 1_000,
  /** The wait shown when the relay refuses a question for asking too fast without a time. */
  retryFallbackMs: 5_000,
  /** The order of the list when the `sort` attribute does not name one. */
  sort: 'votes' as QaOrder,
  /**
   * Open questions rendered at first; "Show more" renders this many more at a press. A room
   * with 1,000 questions then styles, lays out and goes through 50 rows a frame, not 1,000.
   */
  listPage: 50,
};

const MS_PER_SECOND = 1_000;
/** Questions of the main list; pinned and answered ones have their own sections. */
const isOpen = (question: QaQuestion) =>
  question.status === 'visible' || question.status === 'hidden';

/**
 * Live Q&A for one room: the audience asks (optionally anonymously) and upvotes; the question
 * being answered is shown on top and answered ones are kept in a section that opens. Hosts and
 * moderators pin, mark answered and hide questions, and may hold new questions for approval.
 * Put it inside a `<live-room>`, or give it `server` and `room` itself.
 *
 * User text is rendered as text, never as HTML.
 *
 * The list renders at most once per animation frame, however many votes and questions arrive:
 * sorted once per frame, and only the questions that changed are rendered again. Only the first
 * `list-page` open questions (default 50) are rendered, above a "Show more" button: a vote on a
 * question further down costs nothing on screen.
 *
 * @tag live-qa
 * @summary Audience questions with upvotes, "answering now", and moderation for hosts.
 *
 * @fires live-question-ask - {@link LiveQuestionAskEvent} The viewer asks a question. Cancelable.
 * @fires live-question-vote - {@link LiveQuestionVoteEvent} The viewer upvotes or takes the vote back. Cancelable.
 * @fires live-question-moderate - {@link LiveQuestionModerateEvent} A host pins, answers, hides, approves or rejects. Cancelable.
 * @fires live-qa-sort - {@link LiveQaSortEvent} The viewer switches between "Top" and "Recent". Cancelable.
 *
 * @csspart banner - The offline / reconnecting / disconnected banner.
 * @csspart composer - The ask form.
 * @csspart input - The text area.
 * @csspart anonymous - The "Ask anonymously" checkbox.
 * @csspart counter - The length counter.
 * @csspart ask - The Ask button.
 * @csspart error - Why a question, vote or host action was refused.
 * @csspart moderation - Hosts: the moderation section.
 * @csspart hold - Hosts: the "Hold questions for approval" switch.
 * @csspart queue-count - Hosts: how many questions wait for approval.
 * @csspart queue - Hosts: the questions waiting for approval.
 * @csspart loading - The "Loading questions…" state.
 * @csspart refused - Why the relay refused the Q&A or dropped it (e.g. a room for signed-in users
 *   only), in place of the questions and the form.
 * @csspart empty - The "No questions yet" state.
 * @csspart now - The "Answering now" section.
 * @csspart sort - The Top / Recent buttons.
 * @csspart list - The list of open questions.
 * @csspart show-more - The button below the first `list-page` open questions (default 50) that
 *   shows more of them.
 * @csspart answered - The collapsible "Answered" section.
 * @csspart question - One question (also the viewer's own sending or waiting ones).
 * @csspart upvote - A question's upvote toggle.
 * @csspart votes - A question's vote count.
 * @csspart text - A question's text.
 * @csspart asker - The asker's name, or "Anonymous".
 * @csspart badge - "sending…", "Awaiting approval", "Not approved", "Hidden".
 * @csspart actions - Hosts: a question's buttons.
 *
 * @cssprop [--hubbub-qa-list-height=24rem] - Most height of the list before it scrolls.
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text (askers, times, states).
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - "Answering now", hovered questions, badges.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Ask button, my upvotes, the pinned question's edge.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Errors, destructive actions.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveQa extends PacedFeatureElement<QaStore> {
  static override styles = liveQaStyles;

  /** Order of the list: `votes` ("Top", most votes first) or `time` ("Recent", newest first). */
  @property({ reflect: true }) sort: QaOrder = LIVE_QA_DEFAULTS.sort;

  /**
   * Open questions rendered before a "Show more" button, which renders this many more at a
   * press (the viewer's own ones are always shown).
   */
  @property({ attribute: 'list-page', converter: countAttribute(LIVE_QA_DEFAULTS.listPage) })
  listPage: number = LIVE_QA_DEFAULTS.listPage;

  /** Replaces some or all of the English texts, e.g. `{ ask: 'Fragen' }`. */
  @property({ attribute: false }) strings: Partial<QaStrings> = {};
  #locale = new LocaleController<QaStrings>(this, 'live-qa');

  @state() private draft = '';
  @state() private anonymous = false;
  @state() private sending: SendingQuestion[] = [];
  @state() private error = '';
  /** `Date.now()` before which asking again would be refused as too fast. */
  @state() private retryUntil = 0;
  @state() private announcement = '';
  /** Pages of open questions the viewer asked to see beyond the first. */
  @state() private morePages = 0;

  #text: QaStrings = defaultQaStrings;
  #asks = 0;
  #asked = new Set<string>();
  #timer?: ReturnType<typeof setTimeout>;
  #sorted?: { questions: QaQuestion[]; order: QaOrder; open: QaQuestion[] };
  /**
   * The button that had the focus before an update (`id` and `action`), to keep it on reorder,
   * with its question's list and place there, for when the question leaves that list.
   */
  #focused?: { id: string; action: string; list: Element | null; index: number; queue: boolean };
  /** The viewer typed since the last render. */
  #typed = false;
  /** Renders of the questions (their `guard` key): not one per key. */
  #questionRenders = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultQaStrings, this.strings);
    if (this.retryUntil && this.#retrySeconds() === 0) {
      // The wait is over: the refusal no longer holds.
      this.retryUntil = 0;
      this.error = '';
    }
    super.willUpdate(changed);
    const typedOnly =
      this.#typed && changed.size === 1 && (changed as Map<PropertyKey, unknown>).has('draft');
    this.#typed = false;
    // The viewer only typed: the questions stay as they were (not gone through, not restyled),
    // and the relay's changes follow in a render of their own.
    if (!typedOnly) this.#questionRenders++;
    const active = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const row = active?.closest<HTMLElement>('[data-id]');
    const id = row?.dataset.id;
    const list = row?.parentElement ?? null;
    this.#focused =
      id && active?.dataset.action
        ? {
            id,
            action: active.dataset.action,
            list,
            index: this.#rowsOf(list).indexOf(row!),
            queue: !!list?.closest('[part~="moderation"]'),
          }
        : undefined;
  }

  protected override updated(): void {
    this.#keepFocus();
    this.#scheduleTick();
  }

  protected override render() {
    const store = this.store;
    const t = this.#text;
    const refused = store?.$refused.get();
    if (refused) return renderRefused(t.refused(refused.message, refused.code, refused.details));
    return html`${this.#renderBanner()} ${this.#renderComposer()}
      ${
        store?.$loaded.get()
          ? guard([this.#questionRenders], () => this.#renderQuestions(store))
          : html`<p part="loading" class="state" role="status" aria-busy="true">${t.loading}</p>`
      }
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderBanner() {
    return this.renderBanner(this.#text, { reason: true });
  }

  #renderComposer() {
    const t = this.#text;
    const max = LIVE_QA_DEFAULTS.maxLength;
    const over = codePoints(this.draft.trim()) > max;
    const wait = this.#retrySeconds();
    const canAsk = !!this.store && !over && wait === 0 && this.draft.trim().length > 0;
    return html`<form part="composer" class="composer" @submit=${this.#onSubmit}>
      <textarea
        part="input"
        rows="2"
        aria-label=${t.inputLabel}
        aria-describedby="counter"
        aria-invalid=${over ? 'true' : 'false'}
        placeholder=${t.placeholder}
        .value=${this.draft}
        ?disabled=${!this.store}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <div class="row">
        <label class="check grow">
          <input
            part="anonymous"
            type="checkbox"
            .checked=${this.anonymous}
            @change=${(event: Event) =>
              (this.anonymous = (event.target as HTMLInputElement).checked)}
          />
          ${t.askAnonymously}
        </label>
        <span part="counter" id="counter" class="counter ${over ? 'over' : ''}"
          >${t.counter(codePoints(this.draft), max)}</span
        >
        <button part="ask" class="ask" type="submit" ?disabled=${!canAsk}>${t.ask}</button>
      </div>
      ${over ? html`<p class="note error">${t.tooLong(max)}</p>` : nothing}
      ${
        this.error
          ? html`<p part="error" class="note error" role="alert">${this.#errorText(wait)}</p>`
          : nothing
      }
    </form>`;
  }

  /** A rate-limit countdown is for the eyes; screen readers hear the refusal once. */
  #errorText(wait: number) {
    if (!wait) return this.error;
    return html`<span aria-hidden="true">${this.#text.rateLimited(wait)}</span
      ><span class="visually-hidden">${this.error}</span>`;
  }

  /**
   * The open questions in the list's order, sorted again only when the questions or the order
   * changed: a key press in the composer does not sort 1,000 questions.
   */
  #openSorted(questions: QaQuestion[]): QaQuestion[] {
    const order = this.#order();
    const last = this.#sorted;
    if (last?.questions === questions && last.order === order) return last.open;
    const open = sortQuestions(questions.filter(isOpen), order);
    this.#sorted = { questions, order, open };
    return open;
  }

  #renderQuestions(store: QaStore) {
    const t = this.#text;
    const view = this.#view();
    const questions = store.$questions.get();
    const pinned = store.$pinned.get();
    const answered = store.$answered.get();
    const mine = store.$mine.get();
    // Asked before a reload and sent again: "sending…" as before it.
    const sending = [
      ...store.$asking.get().map(({ mid, ...ask }) => ({ key: mid, ...ask })),
      ...this.sending,
    ];
    const open = this.#openSorted(questions);
    const listed = sending.length + mine.length + open.length;
    const page = Math.max(1, this.listPage);
    const rendered = open.length > page ? open.slice(0, page * (1 + this.morePages)) : open;
    const notShown = open.length - rendered.length;
    return html`
      ${
        view.staff
          ? renderModeration(store.$settings.get(), store.$queue.get(), view, (on) =>
              this.#run(store.setModeration(on)),
            )
          : nothing
      }
      ${
        pinned
          ? html`<section part="now" class="now" aria-labelledby="now-label">
              <h2 id="now-label" class="label">${t.answeringNow}</h2>
              <ul class="list">
                ${renderQuestion(pinned, view, 'list')}
              </ul>
            </section>`
          : nothing
      }
      ${this.#renderSort()}
      ${questions.length || listed ? nothing : html`<p part="empty" class="state">${t.empty}</p>`}
      ${
        listed
          ? html`<ul part="list" class="list scroll" aria-label=${t.list}>
              ${repeat(
                sending,
                (entry) => entry.key,
                (entry) => renderSending(entry, view),
              )}
              ${repeat(
                mine,
                (question) => question.id,
                (question) => renderQuestion(question, view, 'mine'),
              )}
              ${repeat(
                rendered,
                (question) => question.id,
                (question) => renderQuestionOnce(question, view, 'list'),
              )}
              ${
                notShown > 0
                  ? html`<li class="more">
                      <button part="show-more" type="button" @click=${this.#showMore}>
                        ${t.showMore(Math.min(page, notShown), notShown)}
                      </button>
                    </li>`
                  : nothing
              }
            </ul>`
          : nothing
      }
      ${
        answered.length
          ? html`<details part="answered" class="answered">
              <summary>${t.answered(answered.length)}</summary>
              <ul class="list">
                ${repeat(
                  answered,
                  (question) => question.id,
                  (question) => renderQuestionOnce(question, view, 'list'),
                )}
              </ul>
            </details>`
          : nothing
      }
    `;
  }

  #renderSort() {
    const t = this.#text;
    const order = this.#order();
    const button = (sort: QaOrder, label: string) =>
      html`<button
        type="button"
        data-sort=${sort}
        aria-pressed=${order === sort ? 'true' : 'false'}
        @click=${() => this.#setSort(sort)}
      >
        ${label}
      </button>`;
    return html`<div part="sort" class="sort" role="group" aria-label=${t.sortLabel}>
      ${button('votes', t.top)} ${button('time', t.recent)}
    </div>`;
  }

  #view(): QuestionView {
    const connection = this.connection;
    const me = connection?.$user.get();
    return {
      t: this.#text,
      me,
      staff: isStaff(me),
      lang: this.#locale.lang,
      now: connection?.serverNow() ?? Date.now(),
      myVotes: this.store?.$myVotes.get() ?? new Set(),
      asked: this.#asked,
      vote: (question, voted) => this.#vote(question, voted),
      moderate: (question, action) => this.#moderate(question, action),
    };
  }

  // ------------------------------------------------------------------ user actions

  #onInput(event: InputEvent) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.#typed = true;
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#ask();
    }
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    this.#ask();
  }

  #ask() {
    const store = this.store;
    const text = this.draft.trim();
    const length = codePoints(text);
    if (!store || !length || length > LIVE_QA_DEFAULTS.maxLength || this.#retrySeconds() > 0) {
      return;
    }
    const anonymous = this.anonymous;
    if (!this.dispatchEvent(new LiveQuestionAskEvent({ text, anonymous }))) return;
    const entry: SendingQuestion = { key: this.#asks++, text, anonymous };
    // The Ask button turns disabled with the box empty, and a disabled button drops the focus:
    // the box takes it, ready for the next question.
    if (this.shadowRoot?.activeElement?.matches('[part~="ask"]')) {
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[part~="input"]')?.focus(),
      );
    }
    this.draft = '';
    // What follows a send is shown at once, not held back like a key.
    this.#typed = false;
    this.error = '';
    this.announcement = '';
    this.sending = [...this.sending, entry];
    store
      .ask(text, anonymous ? { anonymous } : undefined)
      .then(
        ({ id, status }) => {
          const t = this.#text;
          this.#asked.add(id);
          this.announcement = status === 'pending' ? t.askedPending : t.asked;
        },
        (error: OpError) => {
          // Nothing typed since: the question comes back to be edited or sent again.
          if (!this.draft) this.draft = text;
          this.#fail(error);
        },
      )
      .finally(() => (this.sending = this.sending.filter((other) => other !== entry)));
  }

  #vote(question: QaQuestion, voted: boolean) {
    const store = this.store;
    if (!store) return;
    if (!this.dispatchEvent(new LiveQuestionVoteEvent({ id: question.id, voted }))) return;
    this.#run(voted ? store.upvote(question.id) : store.unvote(question.id));
  }

  #moderate(question: QaQuestion, action: QaModerateAction) {
    const store = this.store;
    if (!store) return;
    if (!this.dispatchEvent(new LiveQuestionModerateEvent({ id: question.id, action }))) return;
    const ops = {
      pin: store.pin,
      answer: store.answer,
      hide: store.hide,
      approve: store.approve,
      reject: store.hide,
    };
    this.#run(ops[action](question.id));
  }

  /**
   * Renders another page of questions and gives the focus to the first of them: the button may
   * leave with the last page, and the new questions are what the viewer asked to see.
   */
  #showMore() {
    const first = this.#sorted?.open[Math.max(1, this.listPage) * (1 + this.morePages)];
    this.morePages++;
    if (!first) return;
    this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLElement>(`[data-id="${CSS.escape(first.id)}"] button`)
        ?.focus(),
    );
  }

  #setSort(sort: QaOrder) {
    if (sort === this.#order() || !this.dispatchEvent(new LiveQaSortEvent({ sort }))) return;
    this.sort = sort;
  }

  #run(request: Promise<unknown>) {
    this.error = '';
    request.catch((error: OpError) => this.#fail(error));
  }

  #fail(error: OpError) {
    const t = this.#text;
    if (error.code === 'rate_limited') {
      this.retryUntil = Date.now() + (error.retryAfterMs ?? LIVE_QA_DEFAULTS.retryFallbackMs);
      this.error = t.rateLimited(this.#retrySeconds());
    } else if (error.code === 'invalid') this.error = t.invalid(error.message);
    else if (error.code === 'not_found') this.error = t.notFound;
    else this.error = t.failed(error.message);
  }

  // ------------------------------------------------------------------ state

  protected override openStore(room: RoomContext): QaStore {
    return createQaStore(room.connection, room.room);
  }

  protected override watched(store: QaStore) {
    return [
      store.$questions,
      store.$myVotes,
      store.$mine,
      store.$asking,
      store.$queue,
      store.$settings,
    ];
  }

  #order(): QaOrder {
    return this.sort === 'time' || this.sort === 'votes' ? this.sort : LIVE_QA_DEFAULTS.sort;
  }

  /** Whole seconds before asking again will not be refused as too fast; 0 when free. */
  #retrySeconds(): number {
    return Math.max(0, Math.ceil((this.retryUntil - Date.now()) / MS_PER_SECOND));
  }

  /**
   * A reordered list moves its items in the DOM, and a moved button loses the focus: give it
   * back (or to its question's first button, when that action is gone), unless the viewer went
   * elsewhere.
   */
  #keepFocus() {
    const focused = this.#focused;
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (!focused || this.shadowRoot?.activeElement || !lost) return;
    const item = this.renderRoot.querySelector(`[data-id="${CSS.escape(focused.id)}"]`);
    const fromQueue = focused.queue;
    // A question moved in its list, or to another one (pinned), keeps the focus; but
    // one approved or turned down in the queue hands it to the next in the queue, the moderator's
    // next task, else the queue heading. One answered into the closed "Answered", or hidden,
    // hands it to the question now in its place, or the one before, else to the sort buttons.
    const rows = focused.list?.isConnected ? this.#rowsOf(focused.list) : [];
    const neighbour = rows[Math.min(focused.index, rows.length - 1)];
    const order = fromQueue ? [neighbour] : [item, neighbour];
    if (order.some((row) => this.#focusIn(row, focused.action))) return;
    const at = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector);
    (fromQueue
      ? at('#moderation-label')
      : (at('[part~="sort"] button') ?? at('#moderation-label'))
    )?.focus();
  }

  /** The questions of a list, in order. */
  #rowsOf(list: Element | null): HTMLElement[] {
    return list ? [...list.querySelectorAll<HTMLElement>(':scope > [data-id]')] : [];
  }

  /** Focuses `item`'s button for `action`, else its first; false if none could take it. */
  #focusIn(item: Element | null | undefined, action: string): boolean {
    const button =
      item?.querySelector<HTMLElement>(`[data-action="${action}"]`) ??
      item?.querySelector<HTMLElement>('button');
    button?.focus();
    return !!button && this.shadowRoot?.activeElement === button;
  }

  /** Re-renders while a countdown or a relative time is on screen. */
  #scheduleTick() {
    clearTimeout(this.#timer);
    if (!this.store?.$loaded.get()) return;
    const wait = this.#retrySeconds() > 0;
    const every = wait ? LIVE_QA_DEFAULTS.countdownTickMs : LIVE_QA_DEFAULTS.clockTickMs;
    this.#timer = setTimeout(() => this.requestUpdate(), every);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-qa': LiveQa;
  }
}
