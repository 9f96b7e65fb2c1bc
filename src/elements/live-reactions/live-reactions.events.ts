/**
 * Events `<live-reactions>` fires on user action. They bubble out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the reaction (and from animating
 * it).
 */

/** The user reacts with one of the room's emojis. */
export class LiveReactEvent extends Event {
  static readonly eventName = 'live-react';
  constructor(readonly detail: { emoji: string }) {
    super(LiveReactEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-react': LiveReactEvent;
  }
}
