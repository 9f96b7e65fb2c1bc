/**
 * Templates of `<live-quiz-host>`'s preparation: the list of questions to load and the form that
 * adds or edits one (text, 2 to 10 answers with the correct one marked, time limit, points).
 * Pure functions of a view object; what the host typed stays text. Below them, the form as data:
 * what the host typed (numbers as typed, in seconds), checked against the relay's limits
 * (`QUIZ_LIMITS`), and turned into a question.
 */
import { html, nothing } from 'lit';
import { QUIZ_LIMITS, type QuizQuestion } from '../../features/quiz.js';
import { codePoints } from '../../protocol/index.js';
import type { QuizHostStrings } from './live-quiz-host.strings.js';
import { formatNumber } from '../internal/quiz-format.js';

const MS_PER_SECOND = 1000;

export interface DraftsView {
  t: QuizHostStrings;
  drafts: QuizQuestion[];
  locale?: string;
  edit(index: number): void;
  remove(index: number): void;
}

export function renderDrafts(view: DraftsView) {
  const { t, drafts, locale } = view;
  if (drafts.length === 0) return html`<p part="no-drafts" class="note">${t.noDrafts}</p>`;
  return html`<ol part="drafts" class="drafts" aria-label=${t.drafts}>
    ${drafts.map(
      (question, i) =>
        html`<li part="draft" class="draft">
          <span dir="auto" class="draft-text">${question.text}</span>
          <span class="note">
            ${t.summary(
              question.options.length,
              question.timeLimitMs / MS_PER_SECOND,
              formatNumber(question.points, locale),
            )}
          </span>
          <span class="draft-actions">
            <button type="button" part="edit-draft" @click=${() => view.edit(i)}>
              ${t.edit}<span class="visually-hidden"> ${t.editQuestion(i + 1)}</span>
            </button>
            <button type="button" part="remove-draft" @click=${() => view.remove(i)}>
              ${t.remove}<span class="visually-hidden"> ${t.editQuestion(i + 1)}</span>
            </button>
          </span>
        </li>`,
    )}
  </ol>`;
}

export interface EditorView {
  t: QuizHostStrings;
  form: QuestionForm;
  /** The errors to show (none before the first attempt). */
  errors: QuestionFormErrors;
  /** The draft being edited, or null for a new question. */
  editing: number | null;
  edit(change: Partial<QuestionForm>): void;
  submit(): void;
  cancel(): void;
}

export function renderEditor(view: EditorView) {
  const { t, form, errors, editing } = view;
  return html`<form
    part="editor"
    class="editor"
    novalidate
    aria-labelledby="editor-title"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      view.submit();
    }}
  >
    <h3 id="editor-title" class="subtitle">
      ${editing === null ? t.newQuestion : t.editQuestion(editing + 1)}
    </h3>
    <label for="text">${t.questionText}</label>
    <textarea
      id="text"
      part="text-input"
      rows="2"
      aria-invalid=${errors.text ? 'true' : 'false'}
      aria-describedby="text-error"
      .value=${form.text}
      @input=${(event: InputEvent) =>
        view.edit({ text: (event.target as HTMLTextAreaElement).value })}
    ></textarea>
    ${fieldError('text-error', errors.text && (errors.text === 'required' ? t.textRequired : t.textTooLong(QUIZ_LIMITS.text.max)))}
    ${renderOptions(view)}
    <div class="numbers">
      ${numberField('seconds', t.seconds, form.seconds, errors.seconds && t.secondsRange(SECONDS_LIMITS.min, SECONDS_LIMITS.max), (seconds) => view.edit({ seconds }))}
      ${numberField('points', t.points, form.points, errors.points && t.pointsRange(QUIZ_LIMITS.points.min, QUIZ_LIMITS.points.max), (points) => view.edit({ points }))}
    </div>
    <div class="actions">
      ${
        editing === null
          ? nothing
          : html`<button type="button" part="cancel-edit" @click=${view.cancel}>
              ${t.cancel}
            </button>`
      }
      <button type="submit" part="save-question">
        ${editing === null ? t.addQuestion : t.saveQuestion}
      </button>
    </div>
  </form>`;
}

function renderOptions(view: EditorView) {
  const { t, form, errors } = view;
  const { min, max } = QUIZ_LIMITS.options;
  const setOption = (i: number, value: string) =>
    view.edit({ options: form.options.map((option, j) => (j === i ? value : option)) });
  const removeOption = (i: number) => {
    const correct = form.correct === i ? null : form.correct;
    view.edit({
      options: form.options.filter((_, j) => j !== i),
      correct: correct !== null && correct > i ? correct - 1 : correct,
    });
  };
  return html`<fieldset part="answers" class="answers" aria-describedby="correct-error">
    <legend>${t.answers}</legend>
    ${form.options.map((option, i) => {
      const letter = t.letter(i);
      const error = errors.options[i];
      return html`<div class="answer-row">
          <label class="correct">
            <input
              type="radio"
              name="correct"
              part="correct"
              aria-label="${t.correct}: ${t.optionLabel(letter)}"
              .checked=${form.correct === i}
              @change=${() => view.edit({ correct: i })}
            />
            ${t.correct}
          </label>
          <span class="option-letter" aria-hidden="true">${letter}</span>
          <input
            type="text"
            part="option-input"
            aria-label=${t.optionLabel(letter)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="option-error-${i}"
            .value=${option}
            @input=${(event: InputEvent) => setOption(i, (event.target as HTMLInputElement).value)}
          />
          <button
            type="button"
            part="remove-option"
            aria-label=${t.removeOption(letter)}
            title=${t.removeOption(letter)}
            ?disabled=${form.options.length <= min}
            @click=${() => removeOption(i)}
          >
            ✕
          </button>
        </div>
        ${fieldError(`option-error-${i}`, error && (error === 'required' ? t.optionRequired : t.optionTooLong(QUIZ_LIMITS.option.max)))}`;
    })}
    ${
      form.options.length < max
        ? html`<button
            type="button"
            part="add-option"
            @click=${() => view.edit({ options: [...form.options, ''] })}
          >
            ${t.addOption}
          </button>`
        : nothing
    }
    ${fieldError('correct-error', errors.correct && t.correctRequired)}
  </fieldset>`;
}

function numberField(
  id: string,
  label: string,
  value: string,
  error: string | undefined,
  change: (value: string) => void,
) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      part="${id}-input"
      type="number"
      inputmode="decimal"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${id}-error"
      .value=${value}
      @input=${(event: InputEvent) => change((event.target as HTMLInputElement).value)}
    />
    ${fieldError(`${id}-error`, error)}
  </div>`;
}

/** A field's error, or an empty placeholder so `aria-describedby` always points somewhere. */
function fieldError(id: string, message: string | false | undefined) {
  return html`<p id=${id} part="field-error" class="error" ?hidden=${!message}>
    ${message || ''}
  </p>`;
}

// ------------------------------------------------ the question form as data

/** What the host typed in the question form. */
export interface QuestionForm {
  text: string;
  options: string[];
  /** Index of the option marked correct, or null before one is. */
  correct: number | null;
  /** The time limit in seconds, as typed (tenths allowed). */
  seconds: string;
  /** The points, as typed. */
  points: string;
}

/** Which fields are wrong, and how; empty when the form makes a question. */
export interface QuestionFormErrors {
  text?: 'required' | 'tooLong';
  /** Per option. */
  options: ('required' | 'tooLong' | undefined)[];
  correct?: 'required';
  seconds?: 'range';
  points?: 'range';
}

/** Defaults of a new question in the form. */
export const QUESTION_FORM_DEFAULTS = {
  options: 2,
  seconds: 20,
  points: QUIZ_LIMITS.defaultPoints,
} as const;

/** Seconds the relay accepts as a time limit. */
export const SECONDS_LIMITS = {
  min: QUIZ_LIMITS.timeLimitMs.min / MS_PER_SECOND,
  max: QUIZ_LIMITS.timeLimitMs.max / MS_PER_SECOND,
} as const;

export function blankForm(): QuestionForm {
  return {
    text: '',
    options: Array.from({ length: QUESTION_FORM_DEFAULTS.options }, () => ''),
    correct: null,
    seconds: String(QUESTION_FORM_DEFAULTS.seconds),
    points: String(QUESTION_FORM_DEFAULTS.points),
  };
}

/** The form holding `question`, to edit it. */
export function formOf(question: QuizQuestion): QuestionForm {
  return {
    text: question.text,
    options: [...question.options],
    correct: question.correct,
    seconds: String(question.timeLimitMs / MS_PER_SECOND),
    points: String(question.points),
  };
}

function textError(text: string, max: number): 'required' | 'tooLong' | undefined {
  const length = codePoints(text.trim());
  if (length === 0) return 'required';
  return length > max ? 'tooLong' : undefined;
}

function wholeIn(value: string, min: number, max: number): number | undefined {
  const number = Number(value.trim());
  return value.trim() !== '' && Number.isInteger(number) && number >= min && number <= max
    ? number
    : undefined;
}

/** Checks the form; `question` is set when nothing is wrong. */
export function checkForm(form: QuestionForm): {
  errors: QuestionFormErrors;
  question?: QuizQuestion;
} {
  const seconds = Number(form.seconds.trim());
  const timeLimitMs = Math.round(seconds * MS_PER_SECOND);
  const timeOk =
    form.seconds.trim() !== '' &&
    Number.isFinite(seconds) &&
    timeLimitMs >= QUIZ_LIMITS.timeLimitMs.min &&
    timeLimitMs <= QUIZ_LIMITS.timeLimitMs.max;
  const points = wholeIn(form.points, QUIZ_LIMITS.points.min, QUIZ_LIMITS.points.max);
  const errors: QuestionFormErrors = {
    text: textError(form.text, QUIZ_LIMITS.text.max),
    options: form.options.map((option) => textError(option, QUIZ_LIMITS.option.max)),
    correct: form.correct === null || form.correct >= form.options.length ? 'required' : undefined,
    seconds: timeOk ? undefined : 'range',
    points: points === undefined ? 'range' : undefined,
  };
  const wrong =
    errors.text ||
    errors.correct ||
    errors.seconds ||
    errors.points ||
    errors.options.some(Boolean);
  if (wrong || points === undefined || form.correct === null) {
    return { errors };
  }
  return {
    errors,
    question: {
      text: form.text.trim(),
      options: form.options.map((option) => option.trim()),
      correct: form.correct,
      timeLimitMs,
      points,
    },
  };
}
