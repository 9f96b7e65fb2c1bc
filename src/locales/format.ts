/**
 * Numbers, clocks and refusals for the locale bundles, in the bundle's language. Counts that
 * reach a strings function already formatted (presence, polls, scores) need none of this; raw
 * counts do ("1.234 mensajes", "١٢ رسالة").
 */
// From the protocol, not the widgets' refused.ts: a language's chunks share no module that
// imports Lit with the page's first chunk, or an app's bundler splits Lit out of it.
import { ROOM_NOT_GRANTED, refusalReason } from '../protocol/index.js';

/** The full language tag of the widget whose text is being made (see `withTag`). */
let current: string | undefined;

/**
 * Runs `make` (a bundle's text function) for a widget that speaks `tag` (`ar-EG`, `es-MX`):
 * while it runs, the helpers here format for `tag`, not only for the bundle's language, so the
 * digits and separators of a text match the numbers the widget formats itself (CLDR gives `ar`
 * Latin digits and `ar-EG` Arabic-Indic ones).
 */
export function withTag<T>(tag: string, make: () => T): T {
  const before = current;
  current = tag;
  try {
    return make();
  } finally {
    current = before;
  }
}

/** What to format `lang` (a bundle's language) with: the widget's full tag when it is of `lang`. */
export function tagFor(lang: string): string {
  return current && current.toLowerCase().split(/[-_]/)[0] === lang ? current : lang;
}

const numbers = new Map<string, Intl.NumberFormat>();

/** `n` written for `lang`: `1.234` in Spanish, `1 234` in French. */
export function count(lang: string, n: number): string {
  const tag = tagFor(lang);
  let format = numbers.get(tag);
  if (!format) numbers.set(tag, (format = new Intl.NumberFormat(tag)));
  return format.format(n);
}

const relative = new Map<string, Intl.RelativeTimeFormat>();

/** `minutes` or `hours` ago in `lang`, short: "hace 3 min", "vor 3 Std.". */
export function ago(lang: string, value: number, unit: 'minute' | 'hour'): string {
  const tag = tagFor(lang);
  let format = relative.get(tag);
  if (!format) relative.set(tag, (format = new Intl.RelativeTimeFormat(tag, { style: 'short' })));
  return format.format(-value, unit);
}

/** `value` of `unit` in `lang`: `10 s`, `3 Std.`, or with `long` the words (`دقيقتان`). */
export function inUnit(
  lang: string,
  unit: 'second' | 'minute' | 'hour' | 'day',
  value: number,
  display: 'short' | 'long' = 'short',
): string {
  return new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit, unitDisplay: display }).format(
    value,
  );
}

/** A length of time in its largest whole unit: `10 s`, `1 min`, `1 h`, `14 d` in `lang`. */
export function duration(lang: string, seconds: number, display: 'short' | 'long' = 'short') {
  if (seconds % 86_400 === 0) return inUnit(lang, 'day', seconds / 86_400, display);
  if (seconds % 3_600 === 0) return inUnit(lang, 'hour', seconds / 3_600, display);
  if (seconds % 60 === 0) return inUnit(lang, 'minute', seconds / 60, display);
  return inUnit(lang, 'second', seconds, display);
}

/**
 * A moderation log action with its user and length in their places, for languages that do not
 * put the verb first: `{target}` and `{length}` in `action`, or after it when it names neither.
 */
export function fillAction(action: string, target: string, length: string): string {
  const withTarget = action.includes('{target}')
    ? action.replace('{target}', () => target)
    : `${action}${target ? ` ${target}` : ''}`;
  return withTarget.includes('{length}')
    ? withTarget.replace('{length}', () => length)
    : `${withTarget}${length}`;
}

/**
 * `4:00`, `59:59`, `26:03:00`: a wait as a clock, in the digits of the widget's tag (`٤:٠٠` in
 * `ar-EG`; see `withTag`).
 */
export function clock(seconds: number): string {
  const digits = (n: number, width: number) =>
    new Intl.NumberFormat(current ?? 'en', {
      minimumIntegerDigits: width,
      useGrouping: false,
    }).format(n);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = digits(seconds % 60, 2);
  return h > 0 ? `${digits(h, 1)}:${digits(m, 2)}:${s}` : `${digits(m, 1)}:${s}`;
}

/**
 * The `refused` text of the `connection` bundles: `noAccess` for a room the viewer's token does
 * not grant, else the relay's message (in English: the relay speaks no other language).
 */
export function refused(noAccess: string) {
  return (message: string, _code?: unknown, details?: unknown): string =>
    refusalReason(details) === ROOM_NOT_GRANTED
      ? noAccess
      : String(message).charAt(0).toUpperCase() + String(message).slice(1);
}
