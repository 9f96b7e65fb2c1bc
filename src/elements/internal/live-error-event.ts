/**
 * The event every feature widget fires when the relay refuses its channel or drops it (a token
 * that does not grant the room, a room for signed-in users only), while the widget shows the
 * reason in place of its content: an app can log it, or ask its backend for another token. It
 * bubbles out of shadow roots; there is nothing to cancel. The script-tag loader (src/embed.ts)
 * fires one with the same type and `detail` (a plain `CustomEvent`, code `internal`) on an element
 * whose chunk it could not download.
 */
import type { OpError } from '../../connection/index.js';
import { LiveEvent } from './live-event.js';

/** The relay refused or dropped the widget's channel: `code` and `message` as it said them. */
export class LiveErrorEvent extends LiveEvent<{ code: OpError['code']; message: string }> {
  static override readonly eventName = 'live-error';

  constructor(error: OpError) {
    super({ code: error.code, message: error.message }, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-error': LiveErrorEvent;
  }
}
