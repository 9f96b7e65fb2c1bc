/**
 * The locale loader chunk: imported only by a widget whose language is not English (see
 * src/elements/internal/locale.ts). It lays out right-to-left languages and imports the widget's
 * bundles, each a chunk of its own, imported at most once per page.
 */
import { nearest, type LocaleController } from '../elements/internal/locale.js';
import { withTag } from './format.js';

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

/**
 * Every bundle, `<lang>/<name>` → its loader. Written out rather than one
 * `import(\`./${lang}/${name}.js\`)`: a bundler sees each as a chunk of its own whatever it makes
 * of patterns, and the published package has no pattern to misread (Vite's reading of the
 * `.ts` pattern in `dist/` found only the `.d.ts` files, and an app's widgets stayed English).
 * test/client/locales.test.ts checks it against the folders.
 */
export const BUNDLES: Record<string, () => Promise<{ default: Record<string, unknown> }>> = {
  'es/connection': () => import('./es/connection.js'),
  'es/leaderboard': () => import('./es/leaderboard.js'),
  'es/live-chat': () => import('./es/live-chat.js'),
  'es/live-chat-moderation': () => import('./es/live-chat-moderation.js'),
  'es/live-host-console': () => import('./es/live-host-console.js'),
  'es/live-leaderboard': () => import('./es/live-leaderboard.js'),
  'es/live-poll': () => import('./es/live-poll.js'),
  'es/live-poll-editor': () => import('./es/live-poll-editor.js'),
  'es/live-qa': () => import('./es/live-qa.js'),
  'es/live-quiz': () => import('./es/live-quiz.js'),
  'es/live-quiz-host': () => import('./es/live-quiz-host.js'),
  'es/live-reactions': () => import('./es/live-reactions.js'),
  'es/live-review-queue': () => import('./es/live-review-queue.js'),
  'es/live-room': () => import('./es/live-room.js'),
  'es/poll-charts': () => import('./es/poll-charts.js'),
  'es/presence-bar': () => import('./es/presence-bar.js'),
  'de/connection': () => import('./de/connection.js'),
  'de/leaderboard': () => import('./de/leaderboard.js'),
  'de/live-chat': () => import('./de/live-chat.js'),
  'de/live-chat-moderation': () => import('./de/live-chat-moderation.js'),
  'de/live-host-console': () => import('./de/live-host-console.js'),
  'de/live-leaderboard': () => import('./de/live-leaderboard.js'),
  'de/live-poll': () => import('./de/live-poll.js'),
  'de/live-poll-editor': () => import('./de/live-poll-editor.js'),
  'de/live-qa': () => import('./de/live-qa.js'),
  'de/live-quiz': () => import('./de/live-quiz.js'),
  'de/live-quiz-host': () => import('./de/live-quiz-host.js'),
  'de/live-reactions': () => import('./de/live-reactions.js'),
  'de/live-review-queue': () => import('./de/live-review-queue.js'),
  'de/live-room': () => import('./de/live-room.js'),
  'de/poll-charts': () => import('./de/poll-charts.js'),
  'de/presence-bar': () => import('./de/presence-bar.js'),
  'fr/connection': () => import('./fr/connection.js'),
  'fr/leaderboard': () => import('./fr/leaderboard.js'),
  'fr/live-chat': () => import('./fr/live-chat.js'),
  'fr/live-chat-moderation': () => import('./fr/live-chat-moderation.js'),
  'fr/live-host-console': () => import('./fr/live-host-console.js'),
  'fr/live-leaderboard': () => import('./fr/live-leaderboard.js'),
  'fr/live-poll': () => import('./fr/live-poll.js'),
  'fr/live-poll-editor': () => import('./fr/live-poll-editor.js'),
  'fr/live-qa': () => import('./fr/live-qa.js'),
  'fr/live-quiz': () => import('./fr/live-quiz.js'),
  'fr/live-quiz-host': () => import('./fr/live-quiz-host.js'),
  'fr/live-reactions': () => import('./fr/live-reactions.js'),
  'fr/live-review-queue': () => import('./fr/live-review-queue.js'),
  'fr/live-room': () => import('./fr/live-room.js'),
  'fr/poll-charts': () => import('./fr/poll-charts.js'),
  'fr/presence-bar': () => import('./fr/presence-bar.js'),
  'ja/connection': () => import('./ja/connection.js'),
  'ja/leaderboard': () => import('./ja/leaderboard.js'),
  'ja/live-chat': () => import('./ja/live-chat.js'),
  'ja/live-chat-moderation': () => import('./ja/live-chat-moderation.js'),
  'ja/live-host-console': () => import('./ja/live-host-console.js'),
  'ja/live-leaderboard': () => import('./ja/live-leaderboard.js'),
  'ja/live-poll': () => import('./ja/live-poll.js'),
  'ja/live-poll-editor': () => import('./ja/live-poll-editor.js'),
  'ja/live-qa': () => import('./ja/live-qa.js'),
  'ja/live-quiz': () => import('./ja/live-quiz.js'),
  'ja/live-quiz-host': () => import('./ja/live-quiz-host.js'),
  'ja/live-reactions': () => import('./ja/live-reactions.js'),
  'ja/live-review-queue': () => import('./ja/live-review-queue.js'),
  'ja/live-room': () => import('./ja/live-room.js'),
  'ja/poll-charts': () => import('./ja/poll-charts.js'),
  'ja/presence-bar': () => import('./ja/presence-bar.js'),
  'ar/connection': () => import('./ar/connection.js'),
  'ar/leaderboard': () => import('./ar/leaderboard.js'),
  'ar/live-chat': () => import('./ar/live-chat.js'),
  'ar/live-chat-moderation': () => import('./ar/live-chat-moderation.js'),
  'ar/live-host-console': () => import('./ar/live-host-console.js'),
  'ar/live-leaderboard': () => import('./ar/live-leaderboard.js'),
  'ar/live-poll': () => import('./ar/live-poll.js'),
  'ar/live-poll-editor': () => import('./ar/live-poll-editor.js'),
  'ar/live-qa': () => import('./ar/live-qa.js'),
  'ar/live-quiz': () => import('./ar/live-quiz.js'),
  'ar/live-quiz-host': () => import('./ar/live-quiz-host.js'),
  'ar/live-reactions': () => import('./ar/live-reactions.js'),
  'ar/live-review-queue': () => import('./ar/live-review-queue.js'),
  'ar/live-room': () => import('./ar/live-room.js'),
  'ar/poll-charts': () => import('./ar/poll-charts.js'),
  'ar/presence-bar': () => import('./ar/presence-bar.js'),
};

/** One bundle; undefined when `<lang>/<name>` does not exist (the widget keeps English). */
function bundle(lang: string, name: string) {
  const key = `${lang}/${name}`;
  let found = loaded.get(key);
  if (!found) {
    const load = BUNDLES[key];
    found = load
      ? load().then(
          (module) => module.default,
          () => undefined,
        )
      : Promise.resolve(undefined);
    loaded.set(key, found);
  }
  return found;
}

/**
 * The `connection` bundle and `names`' bundles of `lang`, merged, later names winning; their
 * text functions format numbers for `tag` (the widget's full tag, e.g. `ar-EG`; see `withTag`).
 */
export function loadBundles(lang: string, names: string[], given = lang): Promise<Bundles> {
  const tag = validTag(given) ?? lang;
  // One object per language tag and widget kind: the same texts keep the same identity, so a
  // `lang` or `dir` change elsewhere in the page does not re-render every widget.
  const key = [tag, ...names].join(' ');
  let texts = merged.get(key);
  if (!texts) {
    texts = Promise.all(['connection', ...names].map((name) => bundle(lang, name))).then(
      (found) => {
        const all: Bundles = Object.assign({}, ...found);
        const digits = digitsOf(tag);
        for (const [name, text] of Object.entries(all)) {
          if (typeof text === 'string' && digits) {
            // A fixed text's digits ("10 minutes") are the bundle's own, never a user's.
            all[name] = text.replace(/[0-9]/g, (digit) => digits[Number(digit)]);
          }
          if (typeof text !== 'function') continue;
          const make = text as (...args: unknown[]) => unknown;
          all[name] = (...args: unknown[]) => withTag(tag, () => make(...args));
        }
        return all;
      },
    );
    merged.set(key, texts);
  }
  return texts;
}

/** The ten digits `tag` writes, when they are not Latin (`ar-EG`: ٠ to ٩); else undefined. */
function digitsOf(tag: string): string[] | undefined {
  const format = new Intl.NumberFormat(tag, { useGrouping: false });
  const digits = Array.from({ length: 10 }, (_, digit) => format.format(digit));
  return digits[1] === '1' ? undefined : digits;
}

/** `tag` when Intl takes it (a malformed `lang`, like `ar-`, would throw in every text). */
function validTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Puts the widget of `controller` in `lang`: its direction, then its texts once loaded. */
export async function localize(controller: LocaleController<object>, lang: string): Promise<void> {
  const { host } = controller;
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  direction(controller, !nearest(host, 'dir') && RTL.includes(primary));
  const bundled = bundleLanguage(lang);
  const bundles = bundled ? await loadBundles(bundled, controller.names, lang) : undefined;
  if (controller.lang !== lang) return; // changed meanwhile
  textsCame(host);
  if (controller.bundles === bundles) return;
  controller.bundles = bundles;
  host.requestUpdate();
}

/** Ends the wait for texts (component.styles.ts) of `host`: what it shows now is final. */
let came: CSSStyleSheet | undefined;
function textsCame(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (!root) return;
  if (!came) {
    came = new CSSStyleSheet();
    came.replaceSync(':host>*{animation:none!important}');
  }
  if (!root.adoptedStyleSheets.includes(came)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, came];
  }
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
