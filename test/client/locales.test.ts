/**
 * The locale bundles against the English defaults: every strings module (`*.strings.ts`, found
 * on disk, so a new one needs its bundles) has a bundle in every language, with exactly its keys,
 * and every text function answers with text for the counts that pick different plural forms.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CANNOT_CONNECT } from '../../src/elements/internal/strings.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const LANGS = ['es', 'de', 'fr', 'ja', 'ar'];
/** Keys of StateStrings and ConnectionStrings: the `connection` bundle's (see src/locales/types.ts). */
const SHARED = ['loading', 'refused', 'offline', 'reconnecting', 'unreachable', 'closed'];
/** Counts that reach every plural form of the five languages (Arabic's six included). */
const COUNTS = [0, 1, 2, 3, 5, 11, 100, 1_000_000];

type Texts = Record<string, unknown>;

/** `name` → the English defaults of `src/elements/**\/<name>.strings.ts` (and `<name>.*.ts`). */
async function englishModules(): Promise<Map<string, Texts>> {
  const modules = new Map<string, Texts>();
  const elements = join(ROOT, 'src/elements');
  for (const folder of readdirSync(elements, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const files = readdirSync(join(elements, folder.name));
    for (const file of files.filter((f) => f.endsWith('.strings.ts'))) {
      const name = basename(file, '.strings.ts');
      if (folder.name === 'internal' && name === 'strings') continue; // the `connection` texts
      const texts: Texts = {};
      // Defaults that load apart (the chat's report form) live in `<name>.<part>.ts` beside it.
      for (const part of files.filter((f) => f.startsWith(`${name}.`) && f.endsWith('.ts'))) {
        const module = (await import(
          pathToFileURL(join(elements, folder.name, part)).href
        )) as Texts;
        for (const [exported, value] of Object.entries(module)) {
          if (/^default\w*Strings$/.test(exported)) Object.assign(texts, value);
        }
      }
      assert.ok(Object.keys(texts).length > 0, `${file} exports no default*Strings`);
      modules.set(name, texts);
    }
  }
  return modules;
}

async function bundle(lang: string, name: string): Promise<Texts> {
  const url = pathToFileURL(join(ROOT, 'src/locales', lang, `${name}.ts`)).href;
  return ((await import(url)) as { default: Texts }).default;
}

/**
 * `fn` called with `n` for every parameter; a function that takes a record (the moderation log's
 * entry) gets one whose every field is `n` as text.
 */
function call(fn: unknown, n: number): unknown {
  const record = new Proxy(
    {},
    { get: (_, key) => (key === Symbol.toPrimitive ? () => n : String(n)) },
  );
  const length = Math.max(1, (fn as () => void).length);
  let outcome: unknown;
  for (const arg of [n, record]) {
    try {
      outcome = (fn as (...args: unknown[]) => unknown)(...Array<unknown>(length).fill(arg));
      if (typeof outcome === 'string') return outcome;
    } catch (error) {
      outcome = error;
    }
  }
  return outcome;
}

/** Checks `texts` against `english` key by key (nested records too). */
function checkTexts(where: string, texts: Texts, english: Texts, optional: Set<string>): void {
  const missing = Object.keys(english).filter((key) => !(key in texts) && !optional.has(key));
  assert.deepEqual(missing, [], `${where}: missing keys`);
  const extra = Object.keys(texts).filter((key) => !(key in english));
  assert.deepEqual(extra, [], `${where}: keys English does not have`);
  for (const [key, value] of Object.entries(texts)) {
    const en = english[key];
    if (typeof en === 'function') {
      assert.equal(typeof value, 'function', `${where}.${key} is a function in English`);
      for (const n of COUNTS) {
        const text = call(value, n);
        assert.equal(typeof text, 'string', `${where}.${key}(${n}) gives ${String(text)}`);
        // Empty only where English is empty too (a poll answer given once has no "× 1").
        if (call(en, n) !== '') assert.notEqual(text, '', `${where}.${key}(${n}) is empty`);
      }
    } else if (en && typeof en === 'object') {
      checkTexts(`${where}.${key}`, value as Texts, en as Texts, new Set());
    } else {
      assert.equal(typeof value, typeof en, `${where}.${key}`);
    }
  }
}

describe('locale bundles', async () => {
  const english = await englishModules();
  const names = [...english.keys()];

  it('finds the strings modules', () => {
    assert.ok(names.includes('live-chat') && names.includes('poll-charts'), names.join(' '));
  });

  it('has no bundle without a strings module', () => {
    for (const lang of LANGS) {
      const files = readdirSync(join(ROOT, 'src/locales', lang)).map((f) => basename(f, '.ts'));
      const stray = files.filter((name) => name !== 'connection' && !english.has(name));
      assert.deepEqual(stray, [], `src/locales/${lang}/`);
    }
  });

  it("the loader's table lists every bundle on disk, each loading its file", async () => {
    const { BUNDLES, BUNDLED } = await import('../../src/locales/load.js');
    assert.deepEqual([...BUNDLED].sort(), [...LANGS].sort());
    const onDisk = LANGS.flatMap((lang) =>
      readdirSync(join(ROOT, 'src/locales', lang)).map(
        (file) => `${lang}/${basename(file, '.ts')}`,
      ),
    );
    assert.deepEqual(Object.keys(BUNDLES).sort(), onDisk.sort());
    for (const key of onDisk) {
      assert.deepEqual(
        (await BUNDLES[key]!()).default,
        await bundle(...(key.split('/') as [string, string])),
        key,
      );
    }
  });

  for (const lang of LANGS) {
    it(`${lang}: the connection bundle has the shared texts`, async () => {
      const texts = await bundle(lang, 'connection');
      assert.deepEqual(Object.keys(texts).sort(), [...SHARED].sort());
      const shared = Object.fromEntries(SHARED.map((key) => [key, english.get('live-chat')![key]]));
      shared.loading = 'Loading…';
      shared.unreachable = CANNOT_CONNECT; // one English default for every widget
      checkTexts(`${lang}/connection`, texts, shared, new Set());
    });

    for (const name of names) {
      it(`${lang}/${name}: every text of the English defaults`, async () => {
        const en = english.get(name)!;
        // Shared keys come from `connection`; keys of a module whose texts this one includes
        // (poll-charts' in live-poll) come from that module's bundle, loaded beside it.
        const optional = new Set(SHARED);
        for (const [other, texts] of english) {
          const keys = Object.keys(texts);
          if (
            other !== name &&
            keys.length < Object.keys(en).length &&
            keys.every((k) => k in en)
          ) {
            keys.forEach((key) => optional.add(key));
          }
        }
        checkTexts(`${lang}/${name}`, await bundle(lang, name), en, optional);
      });
    }
  }
});

describe('numbers in bundles', () => {
  it("are written for the widget's full tag: ar-EG's digits, ar's Latin ones", async () => {
    const { default: chat } = await import('../../src/locales/ar/live-chat.js');
    const { withTag } = await import('../../src/locales/format.js');
    const counter = chat.counter as (length: number, max: number) => string;
    assert.equal(
      withTag('ar-EG', () => counter(12, 500)),
      '١٢ / ٥٠٠',
    );
    assert.equal(
      withTag('ar', () => counter(12, 500)),
      '12 / 500',
    );
    const gated = chat.gated as (gate: string, seconds: number) => string;
    assert.ok(withTag('ar-EG', () => gated('firstChat', 240)).includes('٤:٠٠'));
  });

  it("a bundle's fixed texts take the tag's digits too, and its text functions the tag", async () => {
    const { loadBundles } = await import('../../src/locales/load.js');
    const egypt = await loadBundles('ar', ['live-chat'], 'ar-EG');
    assert.equal(egypt.timeout, 'إيقاف ١٠ دقائق');
    assert.equal((egypt.counter as (a: number, b: number) => string)(3, 500), '٣ / ٥٠٠');
    const arabic = await loadBundles('ar', ['live-chat'], 'ar');
    assert.equal(arabic.timeout, 'إيقاف 10 دقائق');
    assert.equal((arabic.counter as (a: number, b: number) => string)(3, 500), '3 / 500');
  });
});
