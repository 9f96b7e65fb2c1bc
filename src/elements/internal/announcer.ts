/**
 * One voice per connection for screen readers (issue 12, item 8): when the connection drops,
 * every widget shows it, but only one says it. The `<live-room>` of the connection speaks when
 * there is one; else the first widget in the page's order (which one took the connection first
 * depends on when each rendered). The others show their banner
 * without a live region, so six widgets on a page make one announcement, not six.
 */
import type { Connection } from '../../connection/index.js';

interface Voices {
  /** `<live-room>` elements on this connection, in the order they took it. */
  rooms: Set<Element>;
  /** Widgets on this connection, in the order they took it. */
  widgets: Set<Element>;
}

/**
 * Kept on `globalThis` under a registered symbol, like the connection registry: two copies of
 * the kit on one page share the connection, so they share its voice too.
 */
const VOICES = Symbol.for('hubbub.announcers.v1');
const voices = ((globalThis as Record<symbol, unknown>)[VOICES] ??= new WeakMap()) as WeakMap<
  Connection,
  Voices
>;

/** `element` shows `connection`'s state; `room` for a `<live-room>`, which speaks first. */
export function joinVoices(connection: Connection, element: Element, room = false): void {
  let entry = voices.get(connection);
  if (!entry) voices.set(connection, (entry = { rooms: new Set(), widgets: new Set() }));
  (room ? entry.rooms : entry.widgets).add(element);
}

/** `element` no longer shows `connection`'s state. */
export function leaveVoices(connection: Connection, element: Element): void {
  const entry = voices.get(connection);
  entry?.rooms.delete(element);
  entry?.widgets.delete(element);
}

/** Whether `element` is the one that announces `connection`'s changes. */
export function announces(connection: Connection | undefined, element: Element): boolean {
  if (!connection) return false;
  const entry = voices.get(connection);
  if (!entry) return true;
  const speaker = firstInPage(entry.rooms.size > 0 ? entry.rooms : entry.widgets);
  return speaker === undefined || speaker === element;
}

/** The element that comes first in the document; in the order they joined where none does. */
function firstInPage(elements: Set<Element>): Element | undefined {
  let first: Element | undefined;
  for (const element of elements) {
    if (!first) first = element;
    else if (precedes(element, first)) first = element;
  }
  return first;
}

function precedes(a: Element, b: Element): boolean {
  const position = b.compareDocumentPosition(a);
  // Elements in different trees (shadow roots, detached) keep the order they joined in.
  if (position & Node.DOCUMENT_POSITION_DISCONNECTED) return false;
  return (position & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
}
