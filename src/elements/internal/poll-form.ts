/**
 * The host's poll form as data, and its validation against the relay's limits, so the editor
 * can say what is wrong before sending. Pure functions; the editor maps error codes to text.
 */
import type { PollInput, PollKind } from '../../features/poll.js';
import { POLL_LIMITS, codePoints } from '../../protocol/index.js';
import { blockedTermsOf } from './blocked-terms.js';

/** What the host has typed so far. */
export interface PollForm {
  question: string;
  kind: PollKind;
  /** Options (a rating's scale labels); ignored for a word cloud. */
  options: string[];
  hideResults: boolean;
  /** Word cloud and open text: blocked terms, one per line or separated by commas. */
  blockedTerms: string;
  /** Open text: answers per viewer. */
  maxAnswers: number;
  /** Word cloud and open text: hold the audience's entries in the review queue. */
  review: boolean;
}

/** Why a field is refused. */
export type FieldError = 'required' | 'tooLong' | 'tooMany' | 'tooFew' | 'outOfRange';

export interface PollFormErrors {
  question?: FieldError;
  /** The list as a whole: too many options, or too few for a ranking. */
  options?: FieldError;
  /** Per option, aligned with `options`. */
  option: (FieldError | undefined)[];
  blockedTerms?: FieldError;
  maxAnswers?: FieldError;
}

/** True when `value`, trimmed, has more than `max` code points. */
const tooLong = (value: string, max: number) => codePoints(value.trim()) > max;

/** Checks the form; `input` is what to send, or null while something is wrong. */
export function validatePollForm(form: PollForm): {
  input: PollInput | null;
  errors: PollFormErrors;
} {
  const wordcloud = form.kind === 'wordcloud';
  const opentext = form.kind === 'opentext';
  const errors: PollFormErrors = { option: [] };
  const question = form.question.trim();
  if (!question) errors.question = 'required';
  else if (tooLong(question, POLL_LIMITS.questionMax)) errors.question = 'tooLong';

  const options = wordcloud || opentext ? [] : form.options.map((option) => option.trim());
  if (options.length > POLL_LIMITS.optionsMax) errors.options = 'tooMany';
  else if (form.kind === 'ranking' && options.length < POLL_LIMITS.rankingOptionsMin) {
    errors.options = 'tooFew';
  }
  errors.option = options.map((option) =>
    !option ? 'required' : tooLong(option, POLL_LIMITS.optionMax) ? 'tooLong' : undefined,
  );

  const terms = wordcloud || opentext ? blockedTermsOf(form.blockedTerms) : [];
  if (terms.length > POLL_LIMITS.blockedTermsMax) errors.blockedTerms = 'tooMany';
  // The relay counts blocked terms in UTF-16 units.
  else if (terms.some((term) => term.length > POLL_LIMITS.blockedTermMax)) {
    errors.blockedTerms = 'tooLong';
  }

  const max = form.maxAnswers;
  if (opentext && !(Number.isInteger(max) && max >= 1 && max <= POLL_LIMITS.opentextAnswersMax)) {
    errors.maxAnswers = 'outOfRange';
  }

  const valid =
    !errors.question &&
    !errors.options &&
    !errors.blockedTerms &&
    !errors.maxAnswers &&
    !errors.option.some(Boolean);
  if (!valid) return { input: null, errors };
  const input: PollInput = { question, kind: form.kind, options };
  if (form.hideResults) input.hideResults = true;
  if (terms.length) input.blockedTerms = terms;
  if (opentext) input.maxAnswers = max;
  if (form.review && (opentext || form.kind === 'wordcloud')) input.review = true;
  return { input, errors };
}
