/**
 * The host's quiz file: JSON holding an array of questions, or `{questions: [...]}`. Checked here
 * against the relay's limits (docs/protocol-notes.md, Quiz), so a host sees every mistake at once,
 * with question numbers, before anything is sent.
 */
import { QUIZ_LIMITS, type QuizQuestion, type QuizQuestionInput } from '../protocol/index.js';

export { QUIZ_LIMITS, type QuizQuestion, type QuizQuestionInput } from '../protocol/index.js';

/** Errors reported by `parseQuizFile` at most; a file that wrong is likely not a quiz. */
export const QUIZ_FILE_MAX_ERRORS = 20;

/** What `parseQuizFile` found: the questions, or every problem in words a host understands. */
export type QuizFileResult =
  { ok: true; questions: QuizQuestion[] } | { ok: false; errors: string[] };

/** The question as the relay will store it: text trimmed, points defaulted. */
export function normalizeQuizQuestion(question: QuizQuestionInput): QuizQuestion {
  return {
    text: question.text.trim(),
    options: question.options.map((option) => option.trim()),
    correct: question.correct,
    timeLimitMs: question.timeLimitMs,
    points: question.points ?? QUIZ_LIMITS.defaultPoints,
  };
}

/**
 * Parses and checks a quiz file. Accepts a JSON array of `{text, options, correct, timeLimitMs,
 * points?}` or an object with such an array in `questions`. Questions are numbered from 1 in
 * the messages; `correct` counts options from 0, as in the file.
 */
export function parseQuizFile(text: string): QuizFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not valid JSON: ${(error as Error).message}`] };
  }
  const list = isObject(json) ? json.questions : json;
  if (!Array.isArray(list)) {
    return {
      ok: false,
      errors: ['The file must hold an array of questions, or an object with a "questions" array.'],
    };
  }
  const errors: string[] = [];
  const { min, max } = QUIZ_LIMITS.questions;
  if (list.length < min || list.length > max) {
    errors.push(`A quiz has ${min} to ${max} questions; this file has ${list.length}.`);
  }
  list.forEach((raw, i) =>
    errors.push(...checkQuestion(raw).map((e) => `Question ${i + 1}: ${e}`)),
  );
  if (errors.length > 0) {
    const shown = errors.slice(0, QUIZ_FILE_MAX_ERRORS);
    if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more.`);
    return { ok: false, errors: shown };
  }
  return { ok: true, questions: (list as QuizQuestionInput[]).map(normalizeQuizQuestion) };
}

/** The problems of one question, each a sentence without the question's number. */
function checkQuestion(raw: unknown): string[] {
  if (!isObject(raw)) return ['must be an object with text, options, correct and timeLimitMs.'];
  const errors: string[] = [];
  const textError = checkText(raw.text, QUIZ_LIMITS.text);
  if (textError) errors.push(`"text" ${textError}`);

  const { options } = raw;
  const count = QUIZ_LIMITS.options;
  if (!Array.isArray(options) || options.length < count.min || options.length > count.max) {
    errors.push(`"options" must be a list of ${count.min} to ${count.max} answers.`);
  } else {
    options.forEach((option, j) => {
      const optionError = checkText(option, QUIZ_LIMITS.option);
      if (optionError) errors.push(`option ${j + 1} ${optionError}`);
    });
  }

  const last = Array.isArray(options) ? options.length - 1 : QUIZ_LIMITS.options.max - 1;
  if (!isIntegerIn(raw.correct, 0, Math.max(0, last))) {
    errors.push(`"correct" must be the index of the right option, counted from 0 (0 to ${last}).`);
  }
  const time = QUIZ_LIMITS.timeLimitMs;
  if (!isIntegerIn(raw.timeLimitMs, time.min, time.max)) {
    errors.push(
      `"timeLimitMs" must be a whole number of milliseconds, ${time.min} to ${time.max}.`,
    );
  }
  const points = QUIZ_LIMITS.points;
  if (raw.points !== undefined && !isIntegerIn(raw.points, points.min, points.max)) {
    errors.push(`"points" must be a whole number from ${points.min} to ${points.max}.`);
  }
  return errors;
}

/** Why a text field is wrong (a phrase to follow its name), or null if it is fine. */
function checkText(value: unknown, { min, max }: { min: number; max: number }): string | null {
  if (typeof value !== 'string') return 'must be text.';
  const length = [...value.trim()].length;
  if (length < min) return 'is empty.';
  if (length > max) return `is ${length} characters long; at most ${max} are allowed.`;
  return null;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
