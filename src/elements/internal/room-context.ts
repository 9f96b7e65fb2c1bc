/**
 * The context `<live-room>` provides to the widgets inside it: the shared connection and the room.
 *
 * It travels by the Web Components Community Group's context protocol: the `context-request` and
 * `context-provider` events that `@lit/context` uses too, so a copy of the kit built on
 * `@lit/context` (or an app's own provider of `roomContext`) and this one find each other's rooms.
 * The kit has one context, so it speaks the protocol itself (room-provider.ts, room-controller.ts,
 * define.ts): `@lit/context`'s provider, consumer and root, generic and with their option forms,
 * were 1.1 kB gzip on every page.
 */
import { createContext } from '@lit/context';
import type { Connection } from '../../connection/index.js';

export interface RoomContext {
  connection: Connection;
  room: string;
}

/**
 * A registered symbol, so that two copies of the kit on one page (a script tag and an app bundle)
 * still find each other's rooms.
 */
export const roomContext = createContext<RoomContext | undefined>(Symbol.for('hubbub.room'));

/** How a provider answers: the room, and how to stop hearing of it (subscribed requests only). */
export type RoomCallback = (value: RoomContext | undefined, unsubscribe?: () => void) => void;

/** A `context-request` or `context-provider` event, as the protocol shapes them. */
export interface ContextEvent extends Event {
  context?: unknown;
  contextTarget?: Element;
  callback?: RoomCallback;
  subscribe?: boolean;
}

/** The element that asked (or the provider that appeared): `contextTarget`, else the origin. */
export function contextTarget(event: ContextEvent): Element {
  return event.contextTarget ?? (event.composedPath()[0] as Element);
}

/**
 * From `element`, asks the nearest provider of the room for it and every later change
 * (`context-request` with `subscribe`); without `callback`, announces `element` as a new provider
 * of the room (`context-provider`), so that requests made before it was there are made again.
 */
export function dispatchContextEvent(element: Element, callback?: RoomCallback): void {
  const type = callback ? 'context-request' : 'context-provider';
  const event = new Event(type, { bubbles: true, composed: true });
  element.dispatchEvent(
    Object.assign(event, {
      context: roomContext,
      contextTarget: element,
      callback,
      subscribe: true,
    }),
  );
}
