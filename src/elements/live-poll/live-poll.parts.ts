/**
 * The voting form of `<live-poll>`, one kind of control per poll kind: a radio group (`single`),
 * checkboxes (`multi`), a row of scale buttons (`rating`, a radio group driven by the arrow keys),
 * a text input (`wordcloud`, `opentext`) and a sortable list (`ranking`: drag, arrow keys with a
 * grab and drop state, or up and down buttons). Pure templates of a view object; user text
 * stays text.
 */
import { html, nothing } from 'lit';
import type { MyOpenTextAnswer, Poll, PollAnswer } from '../../features/poll.js';
import type { PollStrings } from './live-poll.strings.js';
import { POLL_LIMITS, codePoints } from '../../protocol/index.js';

/** What the viewer has picked or typed but not sent yet. */
export interface VoteDraft {
  choice?: number;
  choices: number[];
  text: string;
  /** Ranking: option indices, favourite first (empty: the options' own order). */
  order: number[];
  /** Ranking: the option picked up by keyboard, and the position it was picked up from. */
  grabbed?: { option: number; from: number };
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
  /** Says `text` to screen readers (a ranking's moves). */
  announce(text: string): void;
  /** Focuses the element `selector` finds after the next render. */
  focus(selector: string): void;
}

/** A draft holding `answer` (or nothing). */
export function draftOf(answer?: PollAnswer): VoteDraft {
  return {
    choice: answer && 'choice' in answer ? answer.choice : undefined,
    choices: answer && 'choices' in answer ? [...answer.choices] : [],
    text: answer && 'text' in answer ? answer.text : '',
    order: answer && 'ranking' in answer ? [...answer.ranking] : [],
  };
}

/** The ranking the draft holds for `poll`: its order, or the options' own. */
export function orderOf(poll: Poll, draft: VoteDraft): number[] {
  const n = poll.options.length;
  return draft.order.length === n ? draft.order : poll.options.map((_, index) => index);
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
    case 'opentext': {
      const text = draft.text.trim();
      const length = codePoints(text);
      return length > 0 && length <= POLL_LIMITS.opentextTextMax ? { text } : null;
    }
    case 'ranking':
      return { ranking: orderOf(poll, draft) };
  }
}

/** An answer as the viewer would say it: the chosen options, or the words. */
export function answerText(poll: Poll, answer: PollAnswer): string {
  if ('text' in answer) return answer.text;
  if ('ranking' in answer) {
    return answer.ranking.map((index, at) => `${at + 1}. ${poll.options[index] ?? ''}`).join(', ');
  }
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
        ${poll.kind === 'opentext' ? t.send : changing ? t.update : t.vote}
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
    case 'opentext':
      return renderText(view, POLL_LIMITS.opentextTextMax, view.t.answerPlaceholder);
    case 'ranking':
      return renderRanking(view);
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
            <span class="option" dir="auto">${label}</span>
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

function renderText(
  view: VoteView,
  max: number = POLL_LIMITS.wordcloudTextMax,
  placeholder = view.t.wordPlaceholder,
) {
  const { t, draft, disabled } = view;
  const length = codePoints(draft.text.trim());
  const over = length > max;
  return html`<div class="text-answer">
    <input
      part="text-input"
      type="text"
      aria-labelledby="question"
      aria-describedby="word-counter"
      aria-invalid=${over ? 'true' : 'false'}
      placeholder=${placeholder}
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

/** The selector of an option's handle in a ranking. */
const handle = (option: number) => `[data-option="${option}"] [part~="grab"]`;

/** Moves the option at position `from` to position `to` of `order`. */
function moved(order: number[], from: number, to: number): number[] {
  const next = [...order];
  const [option] = next.splice(from, 1);
  next.splice(to, 0, option);
  return next;
}

/**
 * A ranking as a sortable list. Keyboard: Space or Enter on an option's handle picks it up, the
 * arrow keys (Home, End) move it, Space or Enter drops it, Escape puts it back; each step is
 * announced. Without a pick-up, the arrows move between handles. Mouse: drag an option, or use
 * its up and down buttons.
 */
function renderRanking(view: VoteView) {
  const { t, poll, draft, disabled } = view;
  const order = orderOf(poll, draft);
  const n = order.length;
  const label = (option: number) => poll.options[option] ?? '';
  const move = (from: number, to: number, then?: string) => {
    if (to < 0 || to >= n || to === from) return;
    const option = order[from];
    view.edit({ order: moved(order, from, to) });
    view.announce(t.rankMoved(label(option), to + 1, n));
    view.focus(then ?? handle(option));
  };
  const toggle = (option: number, at: number) => {
    if (draft.grabbed?.option === option) {
      view.edit({ grabbed: undefined });
      view.announce(t.rankDropped(label(option), at + 1, n));
    } else {
      view.edit({ order, grabbed: { option, from: at } });
      view.announce(t.rankGrabbed(label(option), at + 1, n));
    }
  };
  const onKey = (event: KeyboardEvent, option: number, at: number) => {
    const grabbed = draft.grabbed?.option === option;
    if (event.key === 'Escape' && grabbed) {
      event.preventDefault();
      view.edit({ order: moved(order, at, draft.grabbed!.from), grabbed: undefined });
      view.announce(t.rankCancelled(label(option), draft.grabbed!.from + 1, n));
      view.focus(handle(option));
      return;
    }
    const target: Record<string, number> = {
      ArrowUp: at - 1,
      ArrowLeft: at - 1,
      ArrowDown: at + 1,
      ArrowRight: at + 1,
      Home: 0,
      End: n - 1,
    };
    if (!(event.key in target)) return;
    event.preventDefault();
    const to = Math.max(0, Math.min(n - 1, target[event.key]));
    if (grabbed) move(at, to);
    else view.focus(handle(order[to]));
  };
  let dragged: number | undefined;
  return html`<p id="rank-help" class="note">${t.rankHelp}</p>
    <ol part="ranking" class="ranking" aria-labelledby="question" aria-describedby="rank-help">
      ${order.map((option, at) => {
        const grabbed = draft.grabbed?.option === option;
        return html`<li
          part="rank-item"
          class="rank-item ${grabbed ? 'grabbed' : ''}"
          data-option=${option}
          draggable=${disabled ? 'false' : 'true'}
          @dragstart=${(event: DragEvent) => {
            dragged = at;
            event.dataTransfer?.setData('text/plain', String(option));
          }}
          @dragover=${(event: DragEvent) => event.preventDefault()}
          @drop=${(event: DragEvent) => {
            event.preventDefault();
            const from =
              dragged ?? order.indexOf(Number(event.dataTransfer?.getData('text/plain')));
            dragged = undefined;
            if (from >= 0) move(from, at);
          }}
        >
          <span class="position" aria-hidden="true">${at + 1}</span>
          <button
            type="button"
            part="grab"
            class="grab"
            aria-roledescription=${t.rankHandle}
            aria-label=${t.rankItem(label(option), at + 1, n)}
            aria-pressed=${grabbed ? 'true' : 'false'}
            ?disabled=${disabled}
            @click=${() => toggle(option, at)}
            @keydown=${(event: KeyboardEvent) => onKey(event, option, at)}
          >
            ⠿
          </button>
          <span class="option" dir="auto">${label(option)}</span>
          <button
            type="button"
            part="move-up"
            aria-label=${t.moveUp(label(option))}
            ?disabled=${disabled || at === 0}
            @click=${() =>
              move(
                at,
                at - 1,
                at - 1 === 0 ? handle(option) : `[data-option="${option}"] [part~="move-up"]`,
              )}
          >
            ↑
          </button>
          <button
            type="button"
            part="move-down"
            aria-label=${t.moveDown(label(option))}
            ?disabled=${disabled || at === n - 1}
            @click=${() =>
              move(
                at,
                at + 1,
                at + 1 === n - 1 ? handle(option) : `[data-option="${option}"] [part~="move-down"]`,
              )}
          >
            ↓
          </button>
        </li>`;
      })}
    </ol>`;
}

/** My open-text answers with where each stands, and how many I may still give. */
export function renderMyAnswers(t: PollStrings, poll: Poll, mine: MyOpenTextAnswer[]) {
  if (!mine.length) return nothing;
  const max = poll.maxAnswers ?? POLL_LIMITS.opentextAnswersDefault;
  return html`<div part="my-answers" class="my-answers">
    <p class="note">${t.answersGiven(mine.length, max)}</p>
    <ul class="results answers" aria-label=${t.yourAnswers}>
      ${mine.map(
        (answer) =>
          html`<li part="my-answer" class="answer-item ${answer.status}">
            <span dir="auto" class="option">${answer.text}</span>
            ${
              answer.status === 'shown'
                ? nothing
                : html`<span part="answer-status" class="numbers"
                    >${t.answerStatus[answer.status]}</span
                  >`
            }
          </li>`,
      )}
    </ul>
  </div>`;
}
