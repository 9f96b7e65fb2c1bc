/**
 * The voting form of `<live-poll>`, one kind of control per poll kind: a radio group (`single`),
 * checkboxes (`multi`), a row of scale buttons (`rating`, a radio group driven by the arrow keys)
 * and a text input (`wordcloud`). Pure templates of a view object; user text stays text.
 */
import { html, nothing } from 'lit';
import type { Poll, PollAnswer } from '../../features/poll.js';
import type { PollStrings } from './live-poll.strings.js';
import { POLL_LIMITS, codePoints } from '../../protocol/index.js';

/** What the viewer has picked or typed but not sent yet. */
export interface VoteDraft {
  choice?: number;
  choices: number[];
  text: string;
}

/** What the form needs, computed once per render. */
export interface VoteView {
  t: PollStrings;
  poll: Poll;
  draft: VoteDraft;
  /** No connection: the controls are disabled. */
  disabled: boolean;
  /** The viewer is changing an earlier vote. */
  changing: boolean;
  /** Changes the draft; a function sees the latest draft (two clicks may come before a render). */
  edit(change: Partial<VoteDraft> | ((draft: VoteDraft) => Partial<VoteDraft>)): void;
  submit(): void;
  cancel(): void;
}

/** A draft holding `answer` (or nothing). */
export function draftOf(answer?: PollAnswer): VoteDraft {
  return {
    choice: answer && 'choice' in answer ? answer.choice : undefined,
    choices: answer && 'choices' in answer ? [...answer.choices] : [],
    text: answer && 'text' in answer ? answer.text : '',
  };
}

/** The answer the draft makes for `poll`, or null while it is not a valid vote. */
export function answerOf(poll: Poll, draft: VoteDraft): PollAnswer | null {
  switch (poll.kind) {
    case 'single':
    case 'rating':
      return draft.choice === undefined ? null : { choice: draft.choice };
    case 'multi':
      return draft.choices.length ? { choices: [...draft.choices].sort((a, b) => a - b) } : null;
    case 'wordcloud': {
      const text = draft.text.trim();
      const length = codePoints(text);
      return length > 0 && length <= POLL_LIMITS.wordcloudTextMax ? { text } : null;
    }
  }
}

/** An answer as the viewer would say it: the chosen options, or the words. */
export function answerText(poll: Poll, answer: PollAnswer): string {
  if ('text' in answer) return answer.text;
  const chosen = 'choice' in answer ? [answer.choice] : answer.choices;
  return chosen.map((index) => poll.options[index] ?? '').join(', ');
}

export function renderVoteForm(view: VoteView) {
  const { t, poll, disabled, changing } = view;
  const ready = answerOf(poll, view.draft) !== null;
  return html`<form
    part="vote-form"
    class="vote"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      view.submit();
    }}
    @keydown=${(event: KeyboardEvent) => onEnter(event, view)}
  >
    ${renderControls(view)}
    <div class="actions">
      ${
        changing
          ? html`<button part="cancel" type="button" @click=${view.cancel}>${t.cancel}</button>`
          : nothing
      }
      <button part="vote" class="primary" type="submit" ?disabled=${disabled || !ready}>
        ${changing ? t.update : t.vote}
      </button>
    </div>
  </form>`;
}

/** Enter on a radio, checkbox or scale button votes, as it would in a text field. */
function onEnter(event: KeyboardEvent, view: VoteView) {
  const target = event.composedPath()[0] as HTMLElement;
  const choosing =
    target.getAttribute('role') === 'radio' ||
    (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox'));
  if (event.key !== 'Enter' || !choosing) return;
  event.preventDefault();
  view.submit();
}

function renderControls(view: VoteView) {
  switch (view.poll.kind) {
    case 'single':
      return renderChoices(view, 'radio');
    case 'multi':
      return renderChoices(view, 'checkbox');
    case 'rating':
      return renderScale(view);
    case 'wordcloud':
      return renderText(view);
  }
}

function renderChoices(view: VoteView, type: 'radio' | 'checkbox') {
  const { t, poll, draft, disabled } = view;
  const multi = type === 'checkbox';
  const toggle = (index: number, on: boolean) =>
    view.edit(({ choices }) => ({
      choices: choices.filter((chosen) => chosen !== index).concat(on ? [index] : []),
    }));
  return html`<div
      part="choices"
      class="choices"
      role=${multi ? 'group' : 'radiogroup'}
      aria-labelledby="question"
      aria-describedby=${multi ? 'pick-any' : nothing}
    >
      ${poll.options.map(
        (label, index) =>
          html`<label part="choice" class="choice">
            <input
              type=${type}
              name="choice"
              .checked=${multi ? draft.choices.includes(index) : draft.choice === index}
              ?disabled=${disabled}
              @change=${(event: Event) =>
                multi
                  ? toggle(index, (event.target as HTMLInputElement).checked)
                  : view.edit({ choice: index })}
            />
            <span class="option">${label}</span>
          </label>`,
      )}
    </div>
    ${multi ? html`<p id="pick-any" class="note">${t.pickAny}</p>` : nothing}`;
}

function renderScale(view: VoteView) {
  const { poll, draft, disabled } = view;
  const current = draft.choice ?? 0;
  const last = poll.options.length - 1;
  const onKey = (event: KeyboardEvent) => {
    const step: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: last,
    };
    if (!(event.key in step)) return;
    event.preventDefault();
    const count = last + 1;
    // Like native radio buttons, the arrows wrap around.
    const next = (step[event.key] + count) % count;
    view.edit({ choice: next });
    const buttons = (event.currentTarget as HTMLElement).querySelectorAll('button');
    buttons[next]?.focus();
  };
  return html`<div
    part="scale"
    class="scale"
    role="radiogroup"
    aria-labelledby="question"
    @keydown=${onKey}
  >
    ${poll.options.map(
      (label, index) =>
        html`<button
          type="button"
          part="scale-option"
          class="step ${draft.choice !== undefined && index <= draft.choice ? 'filled' : ''}"
          role="radio"
          aria-checked=${draft.choice === index ? 'true' : 'false'}
          tabindex=${index === current ? 0 : -1}
          ?disabled=${disabled}
          @click=${() => view.edit({ choice: index })}
        >
          ${label}
        </button>`,
    )}
  </div>`;
}

function renderText(view: VoteView) {
  const { t, draft, disabled } = view;
  const max = POLL_LIMITS.wordcloudTextMax;
  const length = codePoints(draft.text.trim());
  const over = length > max;
  return html`<div class="text-answer">
    <input
      part="text-input"
      type="text"
      aria-labelledby="question"
      aria-describedby="word-counter"
      aria-invalid=${over ? 'true' : 'false'}
      placeholder=${t.wordPlaceholder}
      autocomplete="off"
      .value=${draft.text}
      ?disabled=${disabled}
      @input=${(event: InputEvent) => view.edit({ text: (event.target as HTMLInputElement).value })}
    />
    <span part="counter" id="word-counter" class="counter ${over ? 'over' : ''}"
      >${t.counter(length, max)}</span
    >
    ${over ? html`<p class="error">${t.tooLong(max)}</p>` : nothing}
  </div>`;
}
