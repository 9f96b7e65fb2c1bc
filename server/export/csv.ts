/**
 * CSV as RFC 4180 writes it (fields with a comma, a quote or a line break are quoted, quotes
 * doubled, lines end with CRLF), safe to open in a spreadsheet: a text cell that starts with
 * `=`, `+`, `-`, `@` (or a tab or carriage return, which some spreadsheets skip before a
 * formula) gets a leading `'`, so user text is never run as a formula (OWASP's advice).
 * Numbers and booleans are written as they are: `-3` is a number, not a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
