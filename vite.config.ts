/**
 * Two library builds (Storybook reuses this file but drops `build`):
 * - `vite build` → `dist/hubbub.js`: the script-tag bundle, one self-contained minified ES module
 *   with Lit inlined.
 * - `vite build --mode app` → `dist/index.js`: the ESM entry for apps, with `lit`, `@lit/*` and
 *   `nanostores` left as imports so the app shares one copy of each. Types come from
 *   `tsc -p tsconfig.build.json`.
 */
import { defineConfig } from 'vite';

const external = /^(lit|@lit\/.*|lit\/.*|lit-html(\/.*)?|lit-element(\/.*)?|nanostores(\/.*)?)$/;

export default defineConfig(({ mode }) => {
  const app = mode === 'app';
  return {
    define: app ? {} : { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: 'dist',
      emptyOutDir: !app,
      target: 'es2022',
      sourcemap: true,
      minify: !app,
      lib: {
        entry: app ? 'src/index.ts' : 'src/embed.ts',
        formats: ['es'],
        fileName: () => (app ? 'index.js' : 'hubbub.js'),
      },
      rolldownOptions: {
        external: app ? external : [],
        output: app ? {} : { minify: true, comments: false },
      },
    },
  };
});
