/**
 * What a widget shows when the relay refused its channel or dropped it (a token without the room,
 * a room for signed-in users only): the relay's reason, instead of "Loading…" for ever or
 * content that no longer updates.
 */
import { html } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { OpError } from '../../connection/index.js';
import type { StateStrings } from './strings.js';

/** The relay's words for a room the viewer's token (or anonymity) does not grant. */
const NOT_GRANTED = /^(this identity may not enter|this token does not grant) room /;

/** The default text: the relay's message as a sentence; a room not granted in the viewer's words. */
export function refusedText(message: string): string {
  if (NOT_GRANTED.test(message)) return "You don't have access to this room.";
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
  if (refused) return renderRefused(t.refused(refused.message, refused.code));
  if (!store?.$loaded.get() || !ready) {
    return html`<p part="loading" class="state" role="status" aria-busy="true">${t.loading}</p>`;
  }
  return undefined;
}
