/**
 * Size budget of the script-tag build (`npm run size`, after `npm run build`). Gzips
 * `dist/hubbub.js` and every chunk (node:zlib, level 9) and fails when the entry, or what a page
 * with any single element downloads before that element can render (the entry plus the static
 * import closure of the element's chunk), is over the budget. All elements together are reported,
 * without a budget. Reads the chunk graph from Vite's manifest (`dist/.vite/manifest.json`).
 *
 *   node scripts/size.mjs           check and print the table
 *   node scripts/size.mjs --write   also write bench/results/bundle-size.{json,md}
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * One number for the entry and for every single-element page, as Lion checks per entry: 30 kB.
 * It was raised to 32 kB on 2026-12-06, when the client gained the stored outbox, the probe, tab
 * sharing, once-per-frame rendering with skip-to-live and moderation states (`<live-chat>` came to
 * 31.5 kB), and set back to 30 kB the same day: the text of the `css` and `html` literals is
 * minified at build, the token refresher loads only when used, `<live-chat>` needs no `@query`
 * chunk, the protocol's tiny shared helpers are one chunk, and the chunks carry no
 * `sourceMappingURL` comment. `<live-chat>` is the page closest to it (29.88 kB then): what it
 * gains next must be won back elsewhere. The dark theme and new poll kinds took `<live-chat>`,
 * `<live-poll>` and `<live-poll-editor>` over it (30.5, 30.2, 30.8 kB); won back in shared code,
 * not by raising it: `<live-room>`, the widgets' base class and the small helpers in one chunk,
 * and the room context spoken without `@lit/context`'s generic classes (29.8, 29.3, 29.9 kB).
 * The roving chat log, the pinned "Show all" and the locale controller took `<live-chat>` and
 * `<live-poll-editor>` over it again (31.8, 30.0 kB), won back by splitting, not by raising it:
 * the chat's staff parts load only for staff and its store beside the socket's opening, and the
 * poll form moved into the editor's chunk (29.1, 29.8 kB). The loader's retries of a chunk that
 * failed to download added 0.2 kB to every page (`<live-poll>`, `<live-poll-editor>` 29.9 kB).
 */
const BUDGET = { gzipBytes: 30_000 };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifestFile = join(dist, '.vite', 'manifest.json');
const ENTRY = 'src/embed.ts';

if (!existsSync(manifestFile)) {
  console.error('size: dist/.vite/manifest.json is missing: run `npm run build` first');
  process.exit(1);
}
/** @type {Record<string, {file: string, imports?: string[], dynamicImports?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
if (!manifest[ENTRY]) {
  console.error(`size: ${ENTRY} is not in the manifest: was dist/ built by \`vite build\`?`);
  process.exit(1);
}

/** @type {Map<string, {raw: number, gzip: number}>} */
const sizes = new Map();
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(join(dist, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, size);
  }
  return size;
}

/** The manifest keys loaded with `keys` by static imports, `keys` included. */
function staticClosure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return seen;
}

/** Every file counted once: each is its own request, gzipped on its own. */
function measure(keys) {
  const files = [...keys].map((key) => manifest[key].file).sort();
  const total = files.reduce(
    (sum, file) => {
      const size = sizeOf(file);
      return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip };
    },
    { raw: 0, gzip: 0 },
  );
  return { files, ...total };
}

const entry = { ...measure([ENTRY]), overBudget: false };
entry.overBudget = entry.gzip > BUDGET.gzipBytes;

// One page per chunk the entry imports. Rolldown may merge a small chunk (`<live-room>`) into
// the common chunk it shares with the others; the manifest then knows it by its name only.
const tagOf = (key) => basename(manifest[key].src ?? manifest[key].name ?? key, '.ts');
const chunks = (manifest[ENTRY].dynamicImports ?? []).sort((a, b) =>
  tagOf(a).localeCompare(tagOf(b)),
);
const unnamed = chunks.filter((key) => !/^[a-z]+(-[a-z]+)+$/.test(tagOf(key)));
if (unnamed.length || !chunks.length) {
  console.error(`size: cannot tell the elements of these chunks: ${unnamed.join(', ') || 'none'}`);
  process.exit(1);
}
const pages = chunks.map((key) => {
  const first = staticClosure([ENTRY, key]);
  // What the element's chunk imports dynamically (the host console's tabs) arrives after its
  // first render: reported beside the page, outside the budget.
  const later = staticClosure(
    [...first].flatMap((k) => (k === ENTRY ? [] : (manifest[k].dynamicImports ?? []))),
  );
  for (const k of first) later.delete(k);
  const page = measure(first);
  return {
    tag: tagOf(key),
    ...page,
    overBudget: page.gzip > BUDGET.gzipBytes,
    thenLoads: later.size ? measure(later) : null,
  };
});
const all = measure(Object.keys(manifest));

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const rows = [
  ['entry: dist/hubbub.js', entry, kB(BUDGET.gzipBytes), entry.overBudget ? 'OVER' : 'ok', ''],
  ...pages.map((page) => [
    `page with <${page.tag}>`,
    page,
    kB(BUDGET.gzipBytes),
    page.overBudget ? 'OVER' : 'ok',
    page.thenLoads ? `then ${kB(page.thenLoads.gzip)} (${page.thenLoads.files.length} files)` : '',
  ]),
  ['every element together', all, 'none', 'reported', ''],
];
const header = ['what', 'files', 'raw', 'gzip', 'budget', 'status', 'loaded after render'];
const table = [
  header,
  ...rows.map(([what, size, budget, status, after]) => [
    what,
    String(size.files.length),
    kB(size.raw),
    kB(size.gzip),
    budget,
    status,
    after,
  ]),
];

const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const numeric = new Set([1, 2, 3, 4]);
const line = (row) =>
  row
    .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
const notes = [
  'gzip: node:zlib level 9, each file on its own (every chunk is its own request); 1 kB = 1000 bytes.',
  'A page = the entry plus the static imports of one element chunk (every chunk brings `<live-room>`).',
  '"every element together" is reported only: no budget.',
];
console.log(table.map(line).join('\n'));
console.log(`\n${notes.join('\n')}`);

if (process.argv.includes('--write')) write();

const over = [
  entry.overBudget ? 'dist/hubbub.js' : '',
  ...pages.map((p) => (p.overBudget ? `<${p.tag}>` : '')),
].filter(Boolean);
if (over.length) {
  console.error(
    `\nsize: over the ${kB(BUDGET.gzipBytes)} gzip budget: ${over.join(', ')}. ` +
      'Make it smaller (or split it into another chunk); do not raise the budget.',
  );
  process.exit(1);
}

function write() {
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'src', 'vite.config.ts'])
    ? ' (with local changes)'
    : '';
  const result = {
    date: new Date().toISOString(),
    commit: commit + dirty,
    node: process.version,
    command: 'npm run build && node scripts/size.mjs --write',
    budget: { gzipBytes: BUDGET.gzipBytes, appliesTo: 'the entry and every single-element page' },
    notes,
    entry,
    pages,
    all: { ...all, budget: null },
  };
  writeFileSync(join(out, 'bundle-size.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# Bundle size',
    '',
    `\`${result.command}\` on ${result.date.slice(0, 10)}, commit ${result.commit}, Node ${result.node}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (numeric.has(i) ? '---:' : '---')).join(' | ')} |`,
    ...table
      .slice(1)
      .map(
        (row) =>
          `| ${row.map((cell) => cell.replace(/[<>]/g, (c) => (c === '<' ? '`<' : '>`'))).join(' | ')} |`,
      ),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  writeFileSync(join(out, 'bundle-size.md'), md);
  console.log(`\nwrote bench/results/bundle-size.json and bench/results/bundle-size.md`);
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
