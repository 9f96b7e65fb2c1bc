/**
 * The question form of `<live-quiz-host>` as data: what the host typed (numbers as typed, in
 * seconds), checked against the relay's limits (`QUIZ_LIMITS`), and turned into a question.
 */
import { QUIZ_LIMITS, type QuizQuestion } from '../../features/quiz.js';

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

const MS_PER_SECOND = 1000;

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

const codePoints = (text: string) => [...text.trim()].length;

function textError(text: string, max: number): 'required' | 'tooLong' | undefined {
  const length = codePoints(text);
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
