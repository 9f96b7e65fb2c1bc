/**
 * `custom-elements.json` (`npm run build:manifest`, part of `npm run build`): the elements' API
 * (attributes, properties, events, CSS parts and custom properties, slots) read from their
 * TSDoc by `@custom-elements-manifest/analyzer`, into `dist/` (not committed). Base classes in
 * `src/elements/internal/` are read too, so that inherited properties (`server`, `room`, …) show
 * on every element.
 */

/**
 * Events come from the `@fires` tags only: the analyzer also guesses events from
 * `dispatchEvent(new LiveVoteEvent(…))` calls, without a name (or taking the first argument for
 * one), and the class's TSDoc already lists each event with its name.
 */
function firesOnly() {
  return {
    name: 'hubbub-fires-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          declaration.events = declaration.events.filter((event) => event.description);
          if (!declaration.events.length) delete declaration.events;
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [firesOnly()],
};
