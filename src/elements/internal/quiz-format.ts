/**
 * Numbers and option letters of the quiz widgets. Scores are always written in full ("12,300",
 * never "12.3K": a player compares them digit by digit), in the page's language.
 */

const formats = new Map<string, Intl.NumberFormat>();

/** Formats a score or a count in full, grouped for `locale` ("2,300"). */
export function formatNumber(value: number, locale?: string): string {
  const key = locale ?? '';
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat(); // a malformed `lang` attribute
    }
    formats.set(key, format);
  }
  return format.format(value);
}

/** The language `element` speaks (see locale.ts: its nearest `lang`, else the browser's). */
export { langOf } from './locale.js';

/** Whole seconds shown for a time left in ms: 0.2 s left still shows "1". */
export const secondsOf = (ms: number): number => Math.ceil(ms / 1000);
