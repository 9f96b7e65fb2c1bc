/**
 * `Intl` formatters in a widget's language (LocaleController's `lang`), made once per language:
 * building one costs far more than formatting with it.
 */

/** A cache of formatters of one kind, by language. */
export function formats<F>(make: (lang?: string) => F): (lang: string) => F {
  const made = new Map<string, F>();
  return (lang) => {
    let format = made.get(lang);
    if (!format) {
      try {
        format = make(lang);
      } catch {
        format = make(); // a malformed `lang` attribute: the browser's language
      }
      made.set(lang, format);
    }
    return format;
  };
}
