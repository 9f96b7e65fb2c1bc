import type { ConnectionStrings, StateStrings } from '../elements/internal/strings.js';

/** A language's texts for one widget: everything but the shared state and connection texts, which the `connection` bundle carries. */
export type LocaleBundle<T> = Omit<T, keyof ConnectionStrings | keyof StateStrings>;
