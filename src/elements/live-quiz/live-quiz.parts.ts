/**
 * Templates of `<live-quiz>`: the question with its countdown and answer buttons (which stay on
 * screen, marked, from the question to its reveal, so keyboard users keep their place), the
 * outcome of a reveal and the final podium. Pure functions of a view object; user text (the
 * question, options and names) only ever goes through text bindings.
 */
import { html, nothing } from 'lit';
import type {
  QuizAnswer,
  QuizMe,
  QuizQuestionView,
  QuizRanking,
  QuizResult,
} from '../../features/quiz.js';
import type { QuizStrings } from './live-quiz.strings.js';
import { formatNumber, secondsOf } from '../internal/quiz-format.js';

/** What the question templates need, computed once per render. */
export interface QuestionView {
  t: QuizStrings;
  question: QuizQuestionView;
  /** The reveal of this question, once there is one. */
  result: QuizResult | null;
  myAnswer: QuizAnswer | null;
  me: QuizMe;
  /** Answers cannot be sent now: the buttons are `aria-disabled` (they keep the focus). */
  locked: boolean;
  /** No speed emphasis. */
  accessible: boolean;
  /** Time left to answer; the full limit during the lead-in. */
  remainingMs: number;
  /** Time until answers open; 0 or less once they are. */
  leadInMs: number;
  /** Below this, a normal-mode countdown turns urgent. */
  urgentMs: number;
  /** My answer is on its way (not acknowledged yet). */
  sending: boolean;
  /** No connection: a sending answer waits in the outbox. */
  paused: boolean;
  locale?: string;
  answer(choice: number): void;
}

export function renderQuestion(view: QuestionView) {
  const { t, question, accessible, locale } = view;
  const points = formatNumber(question.points, locale);
  return html`<div class="head">
      <span part="progress" class="progress"
        >${t.progress(question.index + 1, question.count)}</span
      >
      <span part="points" class="points">
        ${accessible ? t.pointsFlat(points) : t.pointsUpTo(points)}
      </span>
    </div>
    <p dir="auto" part="question" id="question" class="question">${question.text}</p>
    ${
      view.result
        ? nothing
        : html`${renderClock(view)}
            <p part="hint" class="note">${accessible ? t.calmHint : t.speedHint}</p>`
    }
    ${renderOptions(view)} ${renderStatus(view)}`;
}

/** The lead-in, or the countdown: a bar and the seconds as text. */
function renderClock(view: QuestionView) {
  const { t, question, remainingMs, accessible } = view;
  if (view.leadInMs > 0) {
    return html`<p part="lead-in" class="lead-in">
      <strong>${t.getReady}</strong> ${t.opensIn(secondsOf(view.leadInMs))}
    </p>`;
  }
  const fraction = question.timeLimitMs > 0 ? remainingMs / question.timeLimitMs : 0;
  const urgent = !accessible && remainingMs > 0 && remainingMs <= view.urgentMs;
  return html`<div
    part="timer"
    class="timer ${urgent ? 'urgent' : ''}"
    role="timer"
    aria-label=${t.timeLeft}
  >
    <span class="track" aria-hidden="true">
      <span part="timer-bar" class="bar" style="--_left: ${fraction.toFixed(3)}"></span>
    </span>
    <span part="seconds" class="seconds">
      ${remainingMs > 0 ? t.seconds(secondsOf(remainingMs)) : t.timeUp}
    </span>
  </div>`;
}

function renderOptions(view: QuestionView) {
  const { t, question, result, myAnswer, locale } = view;
  const total = result ? result.counts.reduce((sum, n) => sum + n, 0) : 0;
  return html`<div
    part="options"
    class="options ${result ? 'revealed' : ''}"
    role="group"
    aria-labelledby="question"
    @keydown=${onArrowKey}
  >
    ${question.options.map((option, choice) => {
      const mine = myAnswer?.choice === choice;
      const correct = result?.correct === choice;
      const count = result?.counts[choice] ?? 0;
      const states = `${mine ? ' mine' : ''}${correct ? ' correct' : ''}${result && mine && !correct ? ' wrong' : ''}`;
      return html`<button
        type="button"
        part="option${states}"
        class="option${states}"
        aria-disabled=${view.locked ? 'true' : 'false'}
        @click=${() => view.answer(choice)}
      >
        <span part="letter" class="letter">${t.letter(choice)}</span>
        <span part="option-text" class="text">${option}</span>
        ${correct ? html`<span part="mark" class="mark correct-mark">✓ ${t.correctMark}</span>` : nothing}
        ${mine ? html`<span part="mark" class="mark">${t.yourAnswerMark}</span>` : nothing}
        ${
          result
            ? html`<span part="count" class="count"
                  >${t.answerCount(formatNumber(count, locale), count)}</span
                >
                <span
                  class="share"
                  aria-hidden="true"
                  style="--_share: ${total ? (count / total).toFixed(3) : 0}"
                ></span>`
            : nothing
        }
      </button>`;
    })}
  </div>`;
}

/** Under the buttons: locked in (and sending), or the outcome of the reveal. */
function renderStatus(view: QuestionView) {
  const { t, myAnswer, result } = view;
  if (!result) {
    if (!myAnswer) return nothing;
    const after = view.sending ? (view.paused ? t.sendWhenBack : t.sending) : t.waitingForOthers;
    return html`<p part="locked-in" class="locked-in">
      <strong>${t.lockedIn(t.letter(myAnswer.choice))}</strong>
      <span aria-hidden="true">·</span> <span>${after}</span>
    </p>`;
  }
  const { right, headline, detail } = outcomeOf(view, result);
  return html`<p part="outcome" class="outcome ${right ? 'right' : 'wrong'}">
    <strong>${headline}</strong>
    ${right ? html`<strong part="points-won" class="won">${detail}</strong>` : detail}
  </p>`;
}

/** The outcome of a reveal: right or not, its headline and the points won or the right answer. */
function outcomeOf(view: QuestionView, result: QuizResult) {
  const { t, myAnswer, me, question, locale } = view;
  const right = myAnswer?.choice === result.correct;
  const headline = right ? t.correct : myAnswer ? t.wrong : t.noAnswer;
  const detail = right
    ? t.pointsWon(formatNumber(me.lastPoints, locale))
    : t.theAnswerWas(t.letter(result.correct), question.options[result.correct] ?? '');
  return { right, headline, detail };
}

/** The outcome of a reveal in words, for the live region. */
export function outcomeText(view: QuestionView): string {
  if (!view.result) return '';
  const { headline, detail } = outcomeOf(view, view.result);
  return `${headline} ${detail}`;
}

/** Arrow keys, Home and End move between the answer buttons (Tab works too). */
function onArrowKey(event: KeyboardEvent) {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const current = buttons.indexOf(event.composedPath()[0] as HTMLButtonElement);
  if (current < 0) return;
  const last = buttons.length - 1;
  const next: Record<string, number> = {
    ArrowDown: current === last ? 0 : current + 1,
    ArrowRight: current === last ? 0 : current + 1,
    ArrowUp: current === 0 ? last : current - 1,
    ArrowLeft: current === 0 ? last : current - 1,
    Home: 0,
    End: last,
  };
  if (!(event.key in next)) return;
  event.preventDefault();
  buttons[next[event.key]].focus();
}

/** The top three on a podium (in rank order for screen readers, 2-1-3 on screen). */
export function renderPodium(
  t: QuizStrings,
  top: QuizRanking[],
  meId: string | undefined,
  locale?: string,
) {
  if (top.length === 0) return html`<p part="empty" class="state">${t.noScores}</p>`;
  return html`<ol part="podium" class="podium" aria-label=${t.podium}>
    ${top.slice(0, 3).map((row, i) => {
      const mine = row.userId === meId ? ' you' : '';
      return html`<li
        part="step${mine}"
        class="step pos-${i + 1} rank-${Math.min(row.rank, 3)}${mine}"
      >
        <span dir="auto" part="podium-name" class="name">${row.name}</span>
        <span part="podium-score" class="score"
          >${t.podiumScore(formatNumber(row.score, locale))}</span
        >
        <span part="podium-rank" class="block">${t.rank(row.rank)}</span>
      </li>`;
    })}
  </ol>`;
}
