/**
 * Defines custom elements without throwing when the kit is loaded twice (a script tag and an app
 * bundle on one page): the first definition of a name wins.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
