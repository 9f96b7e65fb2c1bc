/**
 * Events `<live-host-console>` fires on user action. They bubble out of shadow roots.
 */
import { LiveEvent } from '../internal/live-event.js';
import type { HostExport, HostTab } from './live-host-console.parts.js';

/** The user switched tabs (by click or keyboard); never fired when `active-tab` is set. */
export class LiveHostTabChangeEvent extends LiveEvent<{ tab: HostTab; previous: HostTab }> {
  static override readonly eventName = 'live-host-tab-change';
  constructor(detail: { tab: HostTab; previous: HostTab }) {
    super(detail, { bubbles: true, composed: true });
  }
}

/** An export the user asked for was fetched and handed to the browser to save, as `file`. */
export class LiveHostExportEvent extends LiveEvent<{ export: HostExport; file: File }> {
  static override readonly eventName = 'live-host-export';
  constructor(detail: { export: HostExport; file: File }) {
    super(detail, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-host-export': LiveHostExportEvent;
    'live-host-tab-change': LiveHostTabChangeEvent;
  }
}
