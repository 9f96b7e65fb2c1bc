/**
 * Two library builds (Storybook reuses this file but drops `build`):
 * - `vite build` → `dist/hubbub.js` and `dist/chunks/`: the script-tag build, minified, Lit
 *   inlined. `hubbub.js` is a small loader (src/embed.ts) that imports an element's chunk
 *   (src/embed/*.ts) when its tag shows up; the browser resolves the chunks relative to
 *   `hubbub.js`, so the two are deployed side by side. Lit, the connection and the stores land in
 *   shared chunks, once. `dist/.vite/manifest.json` records the chunk graph for `npm run size`.
 * - `vite build --mode app` → `dist/index.js`: the ESM entry for apps, with `lit`, `@lit/*` and
 *   `nanostores` left as imports so the app shares one copy of each. Types come from
 *   `tsc -p tsconfig.build.json`.
 * The script-tag build minifies the text of the elements' `css` and `html` literals
 * (scripts/template-literals.mjs), and lets the loader ask for a chunk that failed to download
 * under a URL of its own (scripts/retryable-imports.mjs).
 */
import { defineConfig } from 'vite';
import { retryableImports } from './scripts/retryable-imports.mjs';
import { templateLiterals } from './scripts/template-literals.mjs';

const external = /^(lit|@lit\/.*|lit\/.*|lit-html(\/.*)?|lit-element(\/.*)?|nanostores(\/.*)?)$/;

/** Protocol modules of the features other than chat (their limits and kinds). */
const FEATURE_LIMITS = /src[\\/]protocol[\\/](quiz|qa|review|reactions|presence)\.ts$/;

/** The poll's, apart: the poll pages need them and no other feature's. */
const POLL_LIMITS = /src[\\/]protocol[\\/]poll\.ts$/;

/** The frame-paced base class of the busy widgets, and the room's one voice for typing. */
const LIVE_VIEW = /src[\\/]elements[\\/]internal[\\/](paced-element|frame|typing-voice)\.ts$/;

/** The widgets' event classes (`live-chat.events.ts`, `internal/user-ban-event.ts`, …). */
const EVENT_MODULES = /src[\\/]elements[\\/].*[.-]events?\.ts$/;

const SMALL_SHARED = /src[\\/](protocol[\\/](users|text)|features[\\/]ops)\.ts$/;

/**
 * `<live-room>`, the widgets' base class and their refusal views: with their dependencies, the
 * first-frame chunk of every widget's page (see `codeSplitting`).
 */
const FIRST_FRAME =
  /src[\\/](embed[\\/]live-room|elements[\\/]internal[\\/](feature-element|refused))\.ts$/;

export default defineConfig(({ mode }) => {
  const app = mode === 'app';
  return {
    define: app ? {} : { 'process.env.NODE_ENV': '"production"' },
    plugins: [templateLiterals(), retryableImports()],
    build: {
      outDir: 'dist',
      emptyOutDir: !app,
      target: 'es2022',
      // The script-tag chunks name no map: a `sourceMappingURL` comment in each of a page's dozen
      // files is 0.4 kB gzip that every visitor downloads and only devtools use. The maps are
      // still written beside them (`.map`), for error trackers or to add in devtools by hand.
      sourcemap: app ? true : 'hidden',
      minify: !app,
      manifest: !app,
      lib: {
        entry: app ? 'src/index.ts' : 'src/embed.ts',
        formats: ['es'],
        fileName: () => (app ? 'index.js' : 'hubbub.js'),
      },
      rolldownOptions: {
        external: app ? external : [],
        // The event modules only declare classes: importing one for its side effects (what a
        // re-export of a class of another chunk costs) is a request for nothing.
        treeshake: { moduleSideEffects: [{ test: EVENT_MODULES, sideEffects: false }] },
        output: app
          ? {}
          : {
              minify: true,
              comments: false,
              chunkFileNames: 'chunks/[name]-[hash].js',
              // One chunk for what every widget's page loads before its first render:
              // `<live-room>` (Lit, the connection, the theme), the widgets' base class, and the
              // protocol's few-line helpers most widgets share (`isStaff`, `codePoints`, `opsOf`).
              // One file gzips smaller than several (0.6 kB less per page), each its own request.
              codeSplitting: {
                groups: [
                  {
                    name: 'live-room',
                    test: (id) => FIRST_FRAME.test(id) || SMALL_SHARED.test(id),
                  },
                  // The paced rendering and the typing voice, which the chat, the presence bar and
                  // the host console load together: one file rather than three (0.1 kB less).
                  { name: 'live-view', test: LIVE_VIEW },
                  // The limits of features a page may not have: left to themselves they land in
                  // the first-frame chunk that every page loads.
                  { name: 'feature-limits', test: FEATURE_LIMITS, priority: 1 },
                  { name: 'poll-limits', test: POLL_LIMITS, priority: 1 },
                ],
              },
            },
      },
    },
  };
});
