/**
 * Events `<live-host-console>` fires on user action. They bubble out of shadow roots.
 */
import type { HostTab } from './live-host-console.parts.js';

/** The user switched tabs (by click or keyboard); never fired when `active-tab` is set. */
export class LiveHostTabChangeEvent extends Event {
  static readonly eventName = 'live-host-tab-change';
  constructor(readonly detail: { tab: HostTab; previous: HostTab }) {
    super(LiveHostTabChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-host-tab-change': LiveHostTabChangeEvent;
  }
}
