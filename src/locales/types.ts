/**
 * The shape of a locale bundle: `src/locales/<lang>/<name>.ts` holds the texts of the strings
 * module `<name>.strings.ts` in `<lang>`, as `export default { … } satisfies LocaleBundle<T>`.
 * English is not a bundle: it stays the defaults in each `*.strings.ts`.
 */
import type { ConnectionStrings, StateStrings } from '../elements/internal/strings.js';

/** The languages that have bundles; any other language shows the English defaults. */
export type BundleLanguage = 'es' | 'de' | 'fr' | 'ja' | 'ar';

/**
 * Keys every widget shares (the states before its content, the connection banner): their texts
 * come from the `connection` bundle, so a widget's bundle may leave them out.
 */
export type SharedKey = keyof StateStrings | keyof ConnectionStrings;

/**
 * A widget's strings in one language: every key of `T` except the shared ones, which are
 * optional. A bundle words a shared key itself only where the widget means something else by it
 * (`<live-poll>`'s `closed` is "Poll closed", not the connection's) or says more than the
 * `connection` bundle does.
 */
export type LocaleBundle<T> = Omit<T, SharedKey> & Partial<Pick<T, SharedKey & keyof T>>;

/** The `connection` bundle: the shared texts, for every widget (`unreachable` too). */
export type ConnectionBundle = StateStrings & Required<ConnectionStrings>;
