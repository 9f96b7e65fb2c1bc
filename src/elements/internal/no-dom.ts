/**
 * Lets the element modules load where there is no DOM (server rendering, tests in Node) under
 * every export condition. Lit's `node` build brings its own stand-ins, but its `browser` build
 * (what a runner in Node gets with the `browser` condition) reads `HTMLElement` and `document` as
 * it loads. Every public entry that loads elements imports this module first and `no-dom-end.js`
 * last: where those globals are missing, stand-ins like the ones Lit's node build uses exist only
 * while Lit and the elements load, then are removed, so that no other code on the server takes
 * it for a browser. Nothing is defined or rendered with them. In a browser both do nothing (and a
 * bundler drops both: they are not in the package's `sideEffects`).
 */
const scope = globalThis as Record<string, unknown>;
const standIns: string[] = [];

/** A base class for Lit's `extends HTMLElement`; never constructed (nothing is defined). */
function HTMLElementStandIn() {}

if (typeof scope.HTMLElement === 'undefined') {
  scope.HTMLElement = HTMLElementStandIn;
  standIns.push('HTMLElement');
}
if (typeof scope.document === 'undefined') {
  // lit-html makes its one TreeWalker as it loads; it is used only to render.
  scope.document = { createTreeWalker: () => ({}) };
  standIns.push('document');
}

/** Removes the stand-ins this module put on `globalThis`, if any. */
export function removeStandIns(): void {
  for (const name of standIns.splice(0)) delete scope[name];
}
