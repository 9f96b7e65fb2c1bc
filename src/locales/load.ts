/**
 * The locale loader chunk: imported only by a widget whose language is not English (see
 * src/elements/internal/locale.ts). It lays out right-to-left languages and imports the widget's
 * bundles, each a chunk of its own, imported at most once per page.
 */
import { nearest, type LocaleController } from '../elements/internal/locale.js';

/** Languages with bundles here; any other language shows the English defaults. */
export const BUNDLED = ['es', 'de', 'fr', 'ja', 'ar'];

/** Right-to-left languages: they imply `dir="rtl"` where no `dir` is set around the widget. */
const RTL = ['ar', 'he', 'fa', 'ur'];

/** A widget's texts from the bundles: the shared `connection` texts, then its own. */
export type Bundles = Record<string, unknown>;

const loaded = new Map<string, Promise<Record<string, unknown> | undefined>>();
const merged = new Map<string, Promise<Bundles>>();

/** `es-MX` → `es`; a language without bundles → undefined (English). */
export function bundleLanguage(lang: string): string | undefined {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return BUNDLED.includes(primary) ? primary : undefined;
}

/** One bundle; undefined when `<lang>/<name>` does not exist (the widget keeps English). */
function bundle(lang: string, name: string) {
  const key = `${lang}/${name}`;
  let found = loaded.get(key);
  if (!found) {
    // Vite turns the pattern into a map of `src/locales/*/*.ts`, each file its own chunk.
    found = import(`./${lang}/${name}.ts`).then(
      (module: { default: Record<string, unknown> }) => module.default,
      () => undefined,
    );
    loaded.set(key, found);
  }
  return found;
}

/** The `connection` bundle and `names`' bundles of `lang`, merged, later names winning. */
export function loadBundles(lang: string, names: string[]): Promise<Bundles> {
  // One object per language and widget kind: the same texts keep the same identity, so a `lang`
  // or `dir` change elsewhere in the page does not re-render every widget.
  const key = [lang, ...names].join(' ');
  let texts = merged.get(key);
  if (!texts) {
    texts = Promise.all(['connection', ...names].map((name) => bundle(lang, name))).then(
      (found) => Object.assign({}, ...found) as Bundles,
    );
    merged.set(key, texts);
  }
  return texts;
}

/** Puts the widget of `controller` in `lang`: its direction, then its texts once loaded. */
export async function localize(controller: LocaleController<object>, lang: string): Promise<void> {
  const { host } = controller;
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  direction(controller, !nearest(host, 'dir') && RTL.includes(primary));
  const bundled = bundleLanguage(lang);
  const bundles = bundled ? await loadBundles(bundled, controller.names) : undefined;
  if (controller.lang !== lang || controller.bundles === bundles) return; // changed meanwhile
  controller.bundles = bundles;
  host.requestUpdate();
}

/**
 * A right-to-left language where the page set no `dir`: the widget's shadow content is laid out
 * right to left (an adopted sheet, so the host's attributes stay the page's).
 */
function direction(controller: LocaleController<object>, rtl: boolean): void {
  const root = controller.host.shadowRoot;
  if (!root || rtl === !!controller.rtl) return;
  if (rtl) {
    const sheet = (controller.rtl = new CSSStyleSheet());
    sheet.replaceSync(':host{direction:rtl;--_start:right}');
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== controller.rtl);
    controller.rtl = undefined;
  }
}
