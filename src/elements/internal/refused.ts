/**
 * What a widget shows when the relay refused its channel or dropped it (a token without the room,
 * a room for signed-in users only): the relay's reason, instead of "Loading…" for ever or
 * content that no longer updates.
 */
import { html } from 'lit';

/** The default text: the relay's message, as a sentence. */
export function refusedText(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The reason in the widget's state line: `part="refused"`, announced at once. */
export function renderRefused(text: string) {
  return html`<p part="refused" class="state" role="alert" style="color: var(--_danger)">
    ${text}
  </p>`;
}
