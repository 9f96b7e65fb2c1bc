/**
 * Defines custom elements without throwing when the kit is loaded twice (a script tag and an app
 * bundle on one page): the first definition of a name wins.
 */
import { ContextRoot } from '@lit/context';

const rootKey = Symbol.for('hubbub.contextRoot');

export function defineElement(name: string, constructor: CustomElementConstructor): void {
  // Without a DOM (server rendering, tests in Node) there is nothing to define.
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(name)) customElements.define(name, constructor);
}

/**
 * Attaches one ContextRoot to the document, whatever number of copies of the kit call it. Call it
 * before defining any widget: a widget upgraded before its `<live-room>` would miss the room, and
 * the root replays such early requests when a provider appears later (another bundle, late
 * markup, a chunk that loads after another).
 */
export function attachContextRoot(): void {
  const doc = globalThis.document as (Document & { [rootKey]?: ContextRoot }) | undefined;
  // No DOM, or only no-dom.ts's stand-in while the elements load: no elements to provide for.
  if (!doc?.documentElement || doc[rootKey]) return;
  doc[rootKey] = new ContextRoot();
  doc[rootKey].attach(doc.documentElement);
}
