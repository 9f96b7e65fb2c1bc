/**
 * The locale loader chunk: imported only by a widget whose language is not English (see
 * src/elements/internal/locale.ts). Each bundle is a chunk of its own, imported at most once.
 */

/** A widget's texts from the bundles: the shared `connection` texts and its own, merged. */
export interface Bundles {
  connection?: Record<string, unknown>;
  own: Record<string, unknown>;
}

const loaded = new Map<string, Promise<Record<string, unknown> | undefined>>();

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

/** The `connection` bundle and `names`' bundles of `lang`, later names winning. */
export async function loadBundles(lang: string, names: string[]): Promise<Bundles> {
  const [connection, ...own] = await Promise.all(
    ['connection', ...names].map((name) => bundle(lang, name)),
  );
  return { connection, own: Object.assign({}, ...own) };
}
