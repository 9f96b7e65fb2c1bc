/**
 * Counting in Arabic for the `ar` bundles: a noun takes one of five forms after a number, and
 * "one" and "two" are said without the digit.
 */
import { count } from './format.js';
import { plural } from './plural.js';

/** A noun's forms after a count: one, two (said without the digit), 3–10, 11–99, and 100 or 0. */
export type ArabicNoun = { one: string; two: string; few: string; many: string; other: string };

/** `n` (written `shown`) with its noun in the form Arabic gives that count. */
export function counted(n: number, noun: ArabicNoun, shown = count('ar', n)): string {
  return plural('ar', n, {
    one: noun.one,
    two: noun.two,
    few: `${shown} ${noun.few}`,
    many: `${shown} ${noun.many}`,
    other: `${shown} ${noun.other}`,
  });
}

/** Characters, for the length limits of the host tools' fields. */
export const characters: ArabicNoun = {
  one: 'حرف واحد',
  two: 'حرفان',
  few: 'أحرف',
  many: 'حرفًا',
  other: 'حرف',
};
