/**
 * What the `hubbub` package adds to an app's bundle (`npm run size:app`, after
 * `npm run build:packages`): tiny apps importing one entry each are built by Vite for production
 * (minified, Lit and nanostores bundled in, as an app that has no other use for them would), and
 * their JavaScript gzipped (node:zlib, level 9). The budget holds for what the app loads at once
 * (its entry and the chunks it imports statically); chunks the kit imports only when needed (the
 * tab-sharing bus, the IndexedDB outbox) are shown beside it. Fails when a budget is exceeded:
 * - stores only (`hubbub/core`: a connection and a chat store): 10 kB;
 * - one widget (`hubbub/live-chat.js`: `<live-room>` and `<live-chat>`): 28 kB.
 * These are guards against further growth, not the goal: issue 13 asks for 8 kB and 25 kB, met
 * (7.6 and 22.5 kB) before the connection gained the probe, tab sharing and the stored outbox and
 * `<live-chat>` skip-to-live and moderation states, and not met now (10.4 and 27.4 kB on
 * 2026-12-06, after minifying the literals' text, loading the token refresher only when used and
 * speaking the room context without `@lit/context`'s classes; 10.1 and 27.5 kB later that day,
 * with the connection's deferred chunk and the tab socket's shell: docs/protocol-notes.md,
 * "The connection's deferred chunk"; 9.7 and 27.0 kB after the chat store's moderation ops moved
 * to a chunk of their own: "The chat store's staff chunk"; the chat at 29.4 kB once its log
 * became one Tab stop with per-message names, its pinned text expandable and the widgets
 * localized, 27.7 kB after its staff parts and its store moved to chunks of their own:
 * "`<live-chat>`'s chunks").
 * Of the 9.7 kB, 1.1 kB is Vite's own: its module-preload polyfill (0.4 kB, in every Vite app with
 * an HTML entry, an empty one too: the apps are built with Vite's defaults, as a user's are) and
 * the helper it adds for any dynamic import (0.7 kB, shared with the app's own lazy routes).
 * Back to 8 / 25 is owed; the table says so (each app's `goal`).
 * `import { … } from 'hubbub'` is shown too, without a budget: it defines every element.
 *
 *   node scripts/app-size.mjs           check and print the table
 *   node scripts/app-size.mjs --write   also write bench/results/app-bundle-size.md
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repository, so that `lit` and `nanostores` resolve from its node_modules.
const work = join(root, '.pack-test', 'app-size');

const APPS = [
  {
    name: 'stores only',
    imports: '`hubbub/core`',
    budget: 10_000,
    goal: 8_000,
    source: `import { createChatStore, getConnection } from 'hubbub/core';
const store = createChatStore(getConnection('wss://relay.example/live'), 'stream-42');
store.$messages.subscribe((messages) => console.log(messages.length));`,
  },
  {
    name: 'chat only',
    imports: '`hubbub/live-chat.js`',
    budget: 28_000,
    goal: 25_000,
    source: `import 'hubbub/live-chat.js';`,
  },
  {
    name: 'stores from the main entry',
    imports: '`hubbub`',
    budget: null,
    source: `import { createChatStore, getConnection } from 'hubbub';
const store = createChatStore(getConnection('wss://relay.example/live'), 'stream-42');
store.$messages.subscribe((messages) => console.log(messages.length));`,
  },
];

rmSync(work, { recursive: true, force: true });
// `hubbub` is linked to this checkout's packages/hubbub beside the apps, so the apps measure this
// checkout's build even when the root node_modules (and its workspace link) belongs to another.
mkdirSync(join(work, 'node_modules'), { recursive: true });
symlinkSync(join(root, 'packages', 'hubbub'), join(work, 'node_modules', 'hubbub'), 'dir');
const rows = [];
for (const [index, app] of APPS.entries()) {
  const dir = join(work, `app-${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.js'), `${app.source}\n`);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="./main.js"></script>\n',
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022', manifest: true },
  });
  const out = join(dir, 'dist');
  const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
  const initial = staticClosure(manifest, (chunk) => chunk.isEntry);
  // A page in another language loads the loader and that language's bundles: shown apart, as
  // the most any one language adds (not the sum of all five, which no page loads).
  const languages = new Map();
  for (const key of Object.keys(manifest)) {
    const lang = /\/locales\/([a-z]{2})\//.exec(key)?.[1];
    if (lang && !languages.has(lang)) {
      const loader = (chunk, name) => name.endsWith('/locales/load.js');
      const own = (chunk, name) => name.includes(`/locales/${lang}/`) || loader(chunk, name);
      languages.set(lang, staticClosure(manifest, own));
    }
  }
  const gzipOf = new Map();
  let raw = 0;
  let gzip = 0;
  let lazy = 0;
  for (const file of readdirSync(join(out, 'assets')).filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(join(out, 'assets', file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    gzipOf.set(`assets/${file}`, zipped);
    if (initial.has(`assets/${file}`)) {
      raw += bytes.length;
      gzip += zipped;
    } else if (![...languages.values()].some((files) => files.has(`assets/${file}`))) {
      lazy += zipped;
    }
  }
  let language = 0;
  for (const files of languages.values()) {
    let sum = 0;
    for (const file of files) if (!initial.has(file)) sum += gzipOf.get(file) ?? 0;
    language = Math.max(language, sum);
  }
  rows.push({ ...app, raw, gzip, lazy, language });
}
rmSync(work, { recursive: true, force: true });

/** The files of the manifest's chunks that `start` picks and of everything they import statically. */
function staticClosure(manifest, start) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (start(chunk, key)) visit(key);
  return files;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const table = [
  '| app                        | imports                | minified | gzip    | budget (gzip) | later, when needed (gzip) | a language (gzip)   |',
  '| -------------------------- | ---------------------- | -------- | ------- | ------------- | ------------------------- | ------------------- |',
  ...rows.map(
    (row) =>
      `| ${row.name.padEnd(26)} | ${row.imports.padEnd(22)} | ${kB(row.raw).padEnd(8)} | ${kB(row.gzip).padEnd(7)} | ${(row.budget ? kB(row.budget) : '—').padEnd(13)} | ${kB(row.lazy).padEnd(25)} | ${(row.language ? kB(row.language) : '—').padEnd(19)} |`,
  ),
].join('\n');
console.log(table);

if (process.argv.includes('--write')) {
  const goals = rows.filter((row) => row.goal);
  const file = join(root, 'bench', 'results', 'app-bundle-size.md');
  writeFileSync(
    file,
    `# What the \`hubbub\` package adds to an app

\`node scripts/app-size.mjs --write\`, after \`npm run build:packages\`: a tiny app importing one
entry, built by Vite for production (Lit and nanostores bundled in), its JavaScript gzipped at
level 9. Issue 13's goals: ${goals.map((row) => `${row.name} ≤ ${kB(row.goal)}`).join(', ')}
(${goals.some((row) => row.gzip > row.goal) ? 'not met now; the budget column is a guard against further growth' : 'met'}). "gzip" is what the app loads at once (the budget's measure); the last column is the
chunks the kit imports only when it needs them (sharing one socket between tabs; the deferred
chunk with the probe, the token refresher and the stored outbox; IndexedDB's code; the chat
store's moderation ops and reporting); "a language" is the most one language other than English
can add: the loader and all that language's bundles, of every widget (a page loads only its
widgets' bundles). Of "stores only", about 1.1 kB is Vite's own: its
module-preload polyfill (0.4 kB, in every Vite app, an empty one too) and the helper it adds for
any dynamic import (0.7 kB). The script-tag build's figures are in \`bundle-size.md\`.

${table}
`,
  );
  console.log(`wrote ${file}`);
}

const over = rows.filter((row) => row.budget && row.gzip > row.budget);
for (const row of over) {
  console.error(`app-size: ${row.name} is ${kB(row.gzip)} gzip, over its ${kB(row.budget)} budget`);
}
if (over.length) process.exit(1);
