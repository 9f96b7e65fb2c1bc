/**
 * Plural forms for the locale bundles: each language names the forms it has (CLDR categories, as
 * `Intl.PluralRules` gives them) and the one to fall back on. Arabic has six, Japanese one.
 */
const rules = new Map<string, Intl.PluralRules>();

/** The CLDR plural forms of a language; `other` is required because every language has it. */
export type PluralForms<T> = Partial<Record<Intl.LDMLPluralRule, T>> & { other: T };

/**
 * The form of `forms` for `count` in `lang`: `plural('ar', 2, {two: 'شخصان', other: 'أشخاص'})`.
 * A language `Intl` does not know falls back to the root rules (only `other`).
 */
export function plural<T>(lang: string, count: number, forms: PluralForms<T>): T {
  let rule = rules.get(lang);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(lang);
    } catch {
      rule = new Intl.PluralRules('und');
    }
    rules.set(lang, rule);
  }
  return forms[rule.select(count)] ?? forms.other;
}
