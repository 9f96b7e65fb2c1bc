/**
 * Events `<live-reactions>` fires on user action. They bubble out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the reaction (and from animating
 * it).
 */
import { LiveEvent } from '../internal/live-event.js';

/** The user reacts with one of the room's emojis. */
export class LiveReactEvent extends LiveEvent<{ emoji: string }> {
  static override readonly eventName = 'live-react';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-react': LiveReactEvent;
  }
}
