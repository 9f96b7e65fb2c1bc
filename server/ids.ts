/**
 * Ids the relay makes for what users create (messages, polls, questions, open-text answers):
 * random base64url that never starts with `-`. A CSV export prefixes a cell starting with `-`
 * with `'` (a spreadsheet would read it as a formula), so such an id would not be written as it
 * was sent; with no leading `-`, every id reads back the same in JSON, CSV and webhooks.
 */
import { randomBytes } from 'node:crypto';

export function newId(bytes: number): string {
  for (;;) {
    const id = randomBytes(bytes).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
