/**
 * The relay's limits on polls (docs/protocol-notes.md, Polls), so the widgets can say what is
 * wrong before the relay refuses it. The relay stays the judge.
 */
export const POLL_LIMITS = {
  /** Question length, in code points after trimming. */
  questionMin: 1,
  questionMax: 200,
  /** Options of `single`, `multi` and `rating` polls (none for a word cloud). */
  optionsMin: 1,
  optionsMax: 10,
  /** Option length, in code points after trimming. */
  optionMax: 100,
  /** A word-cloud answer, in code points after trimming. */
  wordcloudTextMax: 40,
  /** Blocked terms of a word cloud: how many, and how long each (UTF-16 units, as the relay counts). */
  blockedTermsMax: 200,
  blockedTermMax: 40,
};

/** Length in code points, as the relay counts it (an emoji is one). */
export const codePoints = (text: string): number => [...text].length;
