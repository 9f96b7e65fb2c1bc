/**
 * What users write, made safe to show and to match: display names without invisible or
 * direction-changing characters, and the normalised key that blocked terms are matched by.
 *
 * Confusables come from the `confusables` package (MIT, no dependencies), used through its
 * per-character `confusablesMap`. It maps look-alikes to their Latin letter or digit, which is
 * what an English blocked-term list needs: Cyrillic `м` becomes `M` (then `m`). Unicode's own
 * skeleton data (UTS #39 `confusables.txt`, as packaged by `unhomoglyph`) maps `м` to `ʍ` and
 * Latin `m` to `rn`, so `ѕрам` would never match `spam` there. The map is used character by
 * character rather than through the package's `remove()`, which returns ASCII-only strings
 * untouched and so would treat a term and the same term inside other text differently.
 */
import { confusablesMap } from 'confusables';

export const TEXT_DEFAULTS = {
  /** Longest display name, in code points. */
  nameMax: 64,
} as const;

/**
 * Never shown in a name: format characters (bidi overrides and isolates, zero-width characters,
 * soft hyphen), private use, lone surrogates, and the Hangul fillers, letters that draw nothing
 * and so make a name look blank.
 */
const NAME_HIDDEN = /[\p{Cf}\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0]/gu;
/** Controls other than whitespace: tab, newline and the like count as a space. */
const CONTROLS = /(?!\s)\p{Cc}/gu;
/** Characters that change how text looks without being seen, or nothing at all. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const MARKS = /\p{M}/gu;

/**
 * A display name as every viewer should see it: no control, format, private-use or invisible
 * characters, line breaks and runs of whitespace as one space, trimmed, at most 64 code points;
 * `fallback` when nothing is left.
 */
export function cleanName(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string') return fallback;
  const visible = raw.replace(NAME_HIDDEN, '').replace(CONTROLS, '').replace(/\s+/g, ' ');
  return clip(visible.trim(), TEXT_DEFAULTS.nameMax).trimEnd() || fallback;
}

/**
 * Invisible characters user text never keeps: bidi embeddings, overrides and isolates (U+202A to
 * U+202E, U+2066 to U+2069: stripped, not balanced, since a balanced override still reverses the
 * text inside it), zero-width space, word joiner and the invisible operators, the deprecated
 * format characters, BOM, interlinear annotation marks, the Mongolian vowel separator and the
 * soft hyphen. Kept: the zero-width joiner and non-joiner (emoji sequences, Persian and Indic
 * writing), the directional marks LRM, RLM and ALM (they change no state beyond their
 * neighbours, and right-to-left writers need them) and variation selectors (❤️).
 */
const TEXT_HIDDEN =
  /[\u00AD\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/gu;
/** Tag characters, kept only inside an emoji tag sequence (the flags of 🏴 + tags + cancel tag). */
const TAGS = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;
/** Line breaks of every kind, read as `\n`: CR LF, CR, NEL, line and paragraph separators. */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
/** C0 controls but tab and newline, DEL, and the C1 controls. */
const TEXT_CONTROLS = /(?![\t\n])\p{Cc}/gu;
/** In a `u` pattern a pair is one code point, so only a lone surrogate is `Cs`. */
const LONE_SURROGATE = /\p{Cs}/u;
/** What draws nothing: whitespace and default-ignorable code points (Hangul fillers too). */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * What a user wrote (a message, a question, a poll option, an answer), as it is stored and
 * shown: line breaks as `\n` (or, for a one-line field, every tab and line break as a space),
 * without controls or the invisible characters above, trimmed. `null` when it holds a lone
 * surrogate: such text is broken, not merely untidy, and is refused rather than guessed at.
 * A text that draws nothing comes back as `''`.
 */
export function cleanText(raw: string, oneLine = false): string | null {
  if (LONE_SURROGATE.test(raw)) return null;
  let text = raw.replace(LINE_BREAKS, '\n').replace(TEXT_CONTROLS, '');
  text = text.replace(TEXT_HIDDEN, '').replace(TAGS, (_, flag: string | undefined) => flag ?? '');
  if (oneLine) text = text.replace(/[\t\n]/g, ' ');
  text = text.trim();
  return BLANK.test(text) ? '' : text;
}

/**
 * The form text is matched in: NFKC, case folded, without invisible characters or combining
 * marks, look-alikes mapped to their Latin letter, whitespace runs as one space, then NFC. For
 * matching only, never for display (`ｓр\u200Bäм` becomes `spam`).
 *
 * Each step maps characters on their own, so a text that contains a term has a key that
 * contains the term's key.
 */
export function matchKey(text: string): string {
  // NFKC turns the lunate sigma, a look-alike of c, into a final sigma, which folds to σ (an o).
  const folded = foldCase(text.replace(/[ϲϹ]/g, 'c').normalize('NFKC'));
  const visible = folded.replace(INVISIBLE, '').replace(CONTROLS, '').replace(/\s+/g, ' ');
  let mapped = '';
  for (const char of visible.normalize('NFD').replace(MARKS, '')) {
    mapped += confusablesMap.get(char) ?? char;
  }
  // The map's prototypes include capitals (`м` → `M`).
  return mapped.toLowerCase().normalize('NFC').trim();
}

/** The distinct, non-empty keys of a list of terms: compute once, match many times. */
export function matchKeys(terms: readonly string[]): string[] {
  return [...new Set(terms.map(matchKey))].filter(Boolean);
}

/** Whether `text` contains one of `keys` (from matchKeys). */
export function containsBlocked(text: string, keys: readonly string[]): boolean {
  if (keys.length === 0) return false;
  const key = matchKey(text);
  return keys.some((term) => key.includes(term));
}

/**
 * Full case folding, near enough: upper then lower case turns `ß` into `ss`, and final sigma
 * (which lower-casing keeps apart by context) becomes plain sigma, so folding does not depend on
 * what follows a letter.
 */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase().replace(/ς/g, 'σ');
}

/** Cuts a string to at most `max` code points. */
function clip(text: string, max: number): string {
  const points = Array.from(text);
  return points.length > max ? points.slice(0, max).join('') : text;
}
