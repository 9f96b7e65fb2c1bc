/**
 * Builds the `hubbub` package (`packages/hubbub/`, `npm run build:kit`) from `src/`:
 * - `dist/**.js` + `.d.ts`: one module per source file (tsc), with `lit`, `@lit/*` and
 *   `nanostores` left as imports, so the app's bundler shares them and drops what is not used;
 *   the text of the elements' `css` and `html` literals minified (no app bundler does it);
 * - `dist/cdn/`: the script-tag build (`hubbub.js` and `chunks/`, as `npm run build` makes it, but
 *   without source maps or Vite's manifest), the `hubbub/embed` export;
 * - `custom-elements.json`: the analyzer's manifest, its paths pointing at the published files;
 * - `dist/types/react.d.ts` and `vue.d.ts`: React 19 JSX and Vue `GlobalComponents` types,
 *   written from the manifest (`hubbub/react`, `hubbub/vue`);
 * - `LICENSE` and `CHANGELOG.md`, copied from the repository's.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { build } from 'vite';
import { minifyTemplateLiterals } from './template-literals.mjs';
import { reactTypes, vueTypes } from './jsx-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kit = join(root, 'packages', 'hubbub');
const dist = join(kit, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => execFileSync(bin(command), args, { cwd: root, stdio: 'inherit' });

rmSync(dist, { recursive: true, force: true });
run('tsc', ['-p', join(kit, 'tsconfig.json')]);
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const file = join(entry.parentPath, entry.name);
  const source = readFileSync(file, 'utf8');
  const minified = minifyTemplateLiterals(source);
  if (minified !== source) writeFileSync(file, minified);
}

await build({
  root,
  configFile: join(root, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: join(dist, 'cdn'), emptyOutDir: true, sourcemap: false, manifest: false },
});

// The analyzer writes under the working directory; `--outdir` is relative to it.
run('cem', ['analyze', '--outdir', 'packages/hubbub']);
const manifestFile = join(kit, 'custom-elements.json');
const manifest = publishedManifest(JSON.parse(readFileSync(manifestFile, 'utf8')));
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

mkdirSync(join(dist, 'types'), { recursive: true });
const style = { ...(await resolveConfig(join(root, 'package.json'))), parser: 'typescript' };
writeFileSync(join(dist, 'types', 'react.d.ts'), await format(reactTypes(manifest), style));
writeFileSync(join(dist, 'types', 'vue.d.ts'), await format(vueTypes(manifest), style));
// `hubbub/react` and `hubbub/vue` are types; this lets a plain `import 'hubbub/react'` resolve too.
writeFileSync(join(dist, 'types', 'empty.js'), 'export {};\n');

for (const file of ['LICENSE', 'CHANGELOG.md']) copyFileSync(join(root, file), join(kit, file));

/**
 * The manifest as the package ships it: module paths name the published `.js` files (not
 * `src/…ts`), and each element is defined by its `hubbub/<tag>.js` entry.
 */
/** `src/elements/x.ts` → `dist/elements/x.js`. */
function publishedPath(file) {
  return file.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

function publishedManifest(source) {
  const path = publishedPath;
  const modules = source.modules.map((module) => ({
    ...module,
    path: path(module.path),
    // The analyzer takes `customElements.define(name, constructor)` in define.ts for an element.
    exports: module.exports?.filter((entry) => entry.kind !== 'custom-element-definition'),
    declarations: module.declarations?.map((declaration) => relink(declaration, path)),
  }));
  for (const module of modules.slice()) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      modules.push({
        kind: 'javascript-module',
        path: `dist/define/${declaration.tagName}.js`,
        exports: [
          {
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: module.path },
          },
        ],
      });
    }
  }
  return { ...source, modules };
}

/** Rewrites the `module` paths of a declaration's references (`inheritedFrom`, `superclass`). */
function relink(value, path) {
  if (Array.isArray(value)) return value.map((item) => relink(item, path));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === 'module' && typeof item === 'string' ? path(item) : relink(item, path),
    ]),
  );
}
