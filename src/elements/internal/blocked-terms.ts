/**
 * Blocked terms as a host types them, one per line or separated by commas: shared by the poll
 * editor and the chat's moderation panel. A module of its own so that the moderation panel does
 * not bring the poll form's validation with it.
 */

/** The distinct, trimmed, lower-cased blocked terms of the form's text. */
export function blockedTermsOf(text: string): string[] {
  const terms = text.split(/[\n,]/).map((term) => term.trim().toLowerCase());
  return [...new Set(terms.filter(Boolean))];
}
