/**
 * Numbers in poll results: grouped ("1,234") and, for big ones, compact ("12.3K"), in the page's
 * language. Formatters are made once per locale.
 */

/** How poll numbers are written. */
export const POLL_FORMAT_DEFAULTS = {
  /** Counts from this value up are written in compact notation ("12.3K"). */
  compactFrom: 10_000,
  /** Fraction digits of compact numbers. */
  compactFractionDigits: 1,
};

interface Formats {
  full: Intl.NumberFormat;
  compact: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}

const cache = new Map<string, Formats>();

function formatsFor(locale: string | undefined): Formats {
  const key = locale ?? '';
  let formats = cache.get(key);
  if (!formats) {
    try {
      formats = {
        full: new Intl.NumberFormat(locale),
        compact: new Intl.NumberFormat(locale, {
          notation: 'compact',
          maximumFractionDigits: POLL_FORMAT_DEFAULTS.compactFractionDigits,
        }),
        percent: new Intl.NumberFormat(locale, { style: 'percent' }),
      };
    } catch {
      // A malformed `lang` attribute: fall back to the browser's language.
      formats = formatsFor(undefined);
    }
    cache.set(key, formats);
  }
  return formats;
}

/** Formats a count for display, compact from `POLL_FORMAT_DEFAULTS.compactFrom` up. */
export function formatCount(value: number, locale?: string): string {
  const { full, compact } = formatsFor(locale);
  return (value >= POLL_FORMAT_DEFAULTS.compactFrom ? compact : full).format(value);
}

/** Formats a whole percentage (`42` → `42%`, `42 %` in German, `٤٢٪؜` in `ar-EG`). */
export function formatPercent(value: number, locale?: string): string {
  return formatsFor(locale).percent.format(value / 100);
}

/** The language `element` speaks (see locale.ts: its nearest `lang`, else the browser's). */
export { langOf as localeOf } from './locale.js';
