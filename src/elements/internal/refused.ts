/**
 * What a widget shows when the relay refused its channel or dropped it (a token without the room,
 * a room for signed-in users only): the relay's reason, instead of "Loading…" for ever or
 * content that no longer updates.
 */
import { html } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { OpError } from '../../connection/index.js';
import { ROOM_NOT_GRANTED, refusalReason, type ErrorCode } from '../../protocol/index.js';
import type { StateStrings } from './strings.js';

/**
 * The default text: a room the viewer's token (or anonymity) does not grant in the viewer's
 * words, known by the relay's `details.reason`; any other refusal, the relay's message as a
 * sentence.
 */
export function refusedText(message: string, _code?: ErrorCode, details?: unknown): string {
  if (refusalReason(details) === ROOM_NOT_GRANTED) return "You don't have access to this room.";
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The reason in the widget's state line: `part="refused"`, announced at once. */
export function renderRefused(text: string) {
  return html`<p part="refused" class="state" role="alert" style="color: var(--_danger)">
    ${text}
  </p>`;
}

/** A feature store, as far as the states before its content go. */
interface LoadingStore {
  $refused: ReadableAtom<OpError | null>;
  $loaded: ReadableAtom<boolean>;
}

/**
 * What a widget shows instead of its content: why the relay refused it, else `part="loading"`
 * until the store has loaded and `ready` holds (e.g. the relay said who the viewer is);
 * undefined once the content can show.
 */
export function renderNotReady(store: LoadingStore | undefined, t: StateStrings, ready = true) {
  const refused = store?.$refused.get();
  if (refused) return renderRefused(t.refused(refused.message, refused.code, refused.details));
  if (!store?.$loaded.get() || !ready) {
    return html`<p part="loading" class="state" role="status" aria-busy="true">${t.loading}</p>`;
  }
  return undefined;
}
