/**
 * Defines custom elements without throwing when the kit is loaded twice (a script tag and an app
 * bundle on one page): the first definition of a name wins.
 */
import {
  contextTarget,
  dispatchContextEvent,
  roomContext,
  type ContextEvent,
  type RoomCallback,
} from './room-context.js';

const rootKey = Symbol.for('hubbub.contextRoot');

export function defineElement(name: string, constructor: CustomElementConstructor): void {
  // Without a DOM (server rendering, tests in Node) there is nothing to define.
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(name)) customElements.define(name, constructor);
}

/**
 * Attaches one context root for the room to the document (as `@lit/context`'s ContextRoot does),
 * whatever number of copies of the kit call it. Call it before defining any widget: a widget
 * upgraded before its `<live-room>` would miss the room, and the root asks again for it when a
 * provider appears later (another bundle, late markup, a chunk that loads after another).
 */
export function attachContextRoot(): void {
  const doc = globalThis.document as (Document & { [rootKey]?: unknown }) | undefined;
  // No DOM, or only no-dom.ts's stand-in while the elements load: no elements to provide for.
  if (!doc?.documentElement || doc[rootKey]) return;
  doc[rootKey] = true;
  /** Subscribed requests no provider answered, held weakly: widgets may go meanwhile. */
  let waiting: [WeakRef<Element>, WeakRef<RoomCallback>][] = [];
  const root = doc.documentElement;
  root.addEventListener('context-request', (event: ContextEvent) => {
    const callback = event.callback;
    if (event.context !== roomContext || !event.subscribe || !callback) return;
    if (waiting.some(([, known]) => known.deref() === callback)) return;
    waiting.push([new WeakRef(contextTarget(event)), new WeakRef(callback)]);
  });
  root.addEventListener('context-provider', (event: ContextEvent) => {
    if (event.context !== roomContext) return;
    const asked = waiting;
    waiting = [];
    for (const [element, callback] of asked) {
      const target = element.deref();
      const receive = callback.deref();
      if (target && receive) dispatchContextEvent(target, receive);
    }
  });
}
